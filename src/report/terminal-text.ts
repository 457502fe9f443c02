/**
 * Text for a terminal: a file name or message from a scanned project may hold escape
 * sequences (recolour, retitle, hide lines) or bidi overrides (show a name other than the
 * real one). Every C0 and C1 control character, DEL and every bidi control is shown as a
 * visible escape (`\x1b`, `\u202e`) instead, and so is each byte of a file name that is not
 * UTF-8 (`\xff`, file-names.ts); nothing else changes. JSON and SARIF need no such pass:
 * JSON.stringify already escapes C0 characters (ESC is `\u001b` there).
 */
import { showEscapedBytes } from './file-names.js';

/** C0 (tab and newline included: one entry is one line), DEL, C1, and the bidi controls. */

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeTerminalText(text: string): string {
  return showEscapedBytes(text).replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
