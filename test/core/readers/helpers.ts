/** Small builders for reader tests: values as a front-end would lower them, fixes applied. */
import { parseConnectionUrl } from '../../../src/core/connection-url.js';
import { javascriptPrinter } from '../../../src/core/fixes.js';
import type { FixIntent, LiteralValue } from '../../../src/core/model.js';
import { ScalarJudgement } from '../../../src/core/readers/scalar.js';
import { readUrl, type UrlSemantics } from '../../../src/core/readers/url.js';
import type { Verdict } from '../../../src/core/verdicts.js';

export const printer = javascriptPrinter();

/** A string literal at offset 0 whose characters are the text (quotes not counted). */
function literal(text: string): LiteralValue {
  return { kind: 'literal', value: text, range: [0, text.length], contentStart: 0, verbatim: true };
}

/** The text after applying a fix's edits to `text` (edits are offsets into it). */
export function applied(text: string, fix: FixIntent | undefined): string | undefined {
  if (!fix) return undefined;
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.range[0] - a.range[0]))
    out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
  return out;
}

/** A URL read by a consumer: each verdict as `kind messageId`, and the first fix applied. */
export function urlVerdicts(text: string, semantics: UrlSemantics, optionMayEnableTls = false) {
  const result = readUrl(semantics, {
    literal: literal(text),
    url: parseConnectionUrl(text)!,
    environment: 'production',
    explicit: false,
    driver: 'D',
    optionMayEnableTls,
  });
  return {
    ...result,
    said: result.verdicts.map((v) => `${v.kind} ${v.message.id}`),
    fixed: applied(text, result.verdicts[0]?.fixes[0]),
  };
}

/** A `NAME=value` setting read by a scalar reader. */
export function scalar(name: string, value: string, read: (j: ScalarJudgement) => void) {
  const out: Verdict[] = [];
  read(
    new ScalarJudgement(
      name,
      literal(value),
      value.trim(),
      { environment: 'production', explicit: false, literal: true, loopback: false },
      out,
    ),
  );
  return {
    verdicts: out,
    said: out.map((v) => `${v.kind} ${v.message.id}`),
    fixed: applied(value, out[0]?.fixes[0]),
  };
}

import type { TlsDialect } from '../../../src/core/drivers/types.js';
import type { Value } from '../../../src/core/model.js';
import { readTlsOption } from '../../../src/core/readers/option.js';

/** A driver's TLS option value read by its dialect: `kind messageId` per verdict. */
export function optionVerdicts(dialect: TlsDialect, value: Value, key = 'ssl') {
  const said: string[] = [];
  const verdicts: { kind: string; id: string; data: unknown; sslmode?: string }[] = [];
  readTlsOption(value, {
    dialect,
    key,
    driver: 'D',
    secure: 'S',
    printer,
    judge(kind, message, extra = {}) {
      said.push(`${kind} ${message.id}`);
      verdicts.push({
        kind,
        id: message.id,
        data: message.data,
        ...(extra.sslmode ? { sslmode: extra.sslmode } : {}),
      });
    },
  });
  return { said, verdicts };
}

/** Literal values as a lowering makes them. */
export const lit = (value: string | number | boolean | null): Value => ({
  kind: 'literal',
  value,
  range: [0, 1],
});
export const obj = (entries: Record<string, Value>, open = false): Value => ({
  kind: 'object',
  properties: Object.entries(entries).map(([key, value]) => ({
    key,
    keyRange: [0, 1],
    value,
    range: [0, 1],
  })),
  open,
  range: [0, 1],
});
