/**
 * File names that are not valid UTF-8. Linux allows any bytes but `/` and NUL in a name,
 * and Node decodes a name it lists as UTF-8 with U+FFFD in place of each invalid byte — a
 * name that opens nothing (`bad\xff.env` would be read as `bad\ufffd.env`, a different
 * file or none). So a name is decoded as Python's `surrogateescape` does (PEP 383): each
 * byte of an invalid sequence becomes the lone surrogate U+DC80–U+DCFF, which no valid
 * UTF-8 name can hold. The string is exact and reversible (`fileSystemPath` gives back
 * the bytes for `fs`), and every output spells it in its own way:
 *
 * - terminal (stylish, stderr, GitHub annotations): `\xff`, as control characters are;
 * - JSON and the baseline: as `JSON.stringify` writes a lone surrogate (`"bad\udcff.env"`);
 * - SARIF: the URI percent-encodes the original bytes (`bad%FF.env`).
 */

/** A lone surrogate U+DC80–U+DCFF: a byte of a name that is not UTF-8 (with `u`, a pair never matches). */
const ESCAPED_BYTE = /[\uDC80-\uDCFF]/u;
const ESCAPED_BYTES = /[\uDC80-\uDCFF]/gu;

/** Whether `name` holds a byte that is not UTF-8 (see above). */
export function hasEscapedBytes(name: string): boolean {
  return ESCAPED_BYTE.test(name);
}

/** The length of the valid UTF-8 sequence at `bytes[i]`, or 0 when it is not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const [length, min, max] =
    b >= 0xc2 && b <= 0xdf
      ? [2, 0x80, 0xbf]
      : b === 0xe0
        ? [3, 0xa0, 0xbf]
        : b === 0xed
          ? [3, 0x80, 0x9f] // no UTF-16 surrogates
          : b >= 0xe1 && b <= 0xef
            ? [3, 0x80, 0xbf]
            : b === 0xf0
              ? [4, 0x90, 0xbf]
              : b >= 0xf1 && b <= 0xf3
                ? [4, 0x80, 0xbf]
                : b === 0xf4
                  ? [4, 0x80, 0x8f]
                  : [0, 0, 0];
  if (length === 0 || i + length > bytes.length) return 0;
  const second = bytes[i + 1]!;
  if (second < min || second > max) return 0;
  for (let k = 2; k < length; k++) {
    const next = bytes[i + k]!;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/** `ignoreBOM`: a name's leading EF BB BF is part of the name. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A name as the file system gives it (bytes), as a string that keeps every byte (see above). */
export function decodeFileName(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Not UTF-8: decode it sequence by sequence.
  }
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      out += String.fromCharCode(0xdc00 + bytes[i]!);
      i++;
    } else {
      out += utf8.decode(bytes.subarray(i, i + length));
      i += length;
    }
  }
  return out;
}

/** The bytes of a name `decodeFileName` made. */
export function encodeFileName(name: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (const match of name.matchAll(ESCAPED_BYTES)) {
    parts.push(Buffer.from(name.slice(start, match.index), 'utf8'));
    parts.push(Buffer.of(match[0].charCodeAt(0) - 0xdc00));
    start = match.index + match[0].length;
  }
  parts.push(Buffer.from(name.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** What to hand `fs` for a path: the string, or its bytes when it holds escaped ones. */
export function fileSystemPath(path: string): string | Buffer {
  return hasEscapedBytes(path) ? encodeFileName(path) : path;
}

/** `bad\xff.env`: each escaped byte as `\xNN` (terminal output). */
export function showEscapedBytes(name: string): string {
  return name.replace(
    ESCAPED_BYTES,
    (ch) => `\\x${(ch.charCodeAt(0) - 0xdc00).toString(16).padStart(2, '0')}`,
  );
}

/** A path segment as a URI segment: escaped bytes percent-encoded as the bytes they are. */
export function encodeUriSegment(segment: string): string {
  if (!hasEscapedBytes(segment)) return encodeURIComponent(segment);
  let out = '';
  let start = 0;
  for (const match of segment.matchAll(ESCAPED_BYTES)) {
    out += encodeURIComponent(segment.slice(start, match.index));
    out += `%${(match[0].charCodeAt(0) - 0xdc00).toString(16).toUpperCase().padStart(2, '0')}`;
    start = match.index + match[0].length;
  }
  return out + encodeURIComponent(segment.slice(start));
}
