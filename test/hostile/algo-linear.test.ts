/**
 * Issue 12: every text routine that reads unbounded input runs in linear time. Each input
 * is a long run of one hostile unit — the shapes that made the regular expressions these
 * routines replaced backtrack: runs of `${` and `{{` (password classification), long words
 * and `://` (URL matching in comments), `@` (passwords with raw `@`), white space (the
 * key=value prefilter).
 */
import { describe, it } from 'vitest';
import { passwordsInText, commentSecrets } from '../../src/core/connection-strings.js';
import { looksLikeConnectionUrl, parseConnectionUrl } from '../../src/core/connection-url.js';
import { classifySecret, maskQuotedSecrets, SecretRedactor } from '../../src/core/secrets.js';
import { maskSecretsInText, maskSpans } from '../../src/fix/diff-preview.js';
import { mayConcernDatabases } from '../../src/frontends/python/index.js';
import { expectLinear, run } from './algo-growth.js';

const TEXT_UNITS = [
  'a',
  'a:',
  '0a',
  '://',
  'u:p@',
  '${',
  ' ',
  'password=',
  "'",
  'postgres://u:Zq8#p@h ',
];

describe('password classification is linear', () => {
  for (const unit of ['${', '{{', '{', '${X:-', 'a', '://', '}}{{'])
    it(`on a run of ${JSON.stringify(unit)}`, () => {
      expectLinear((v) => classifySecret(v, { user: 'a' }), run(unit));
    });
});

describe('URLs and passwords in free text (comments) are found in linear time', () => {
  for (const unit of TEXT_UNITS)
    it(`on a run of ${JSON.stringify(unit)}`, () => {
      expectLinear((text) => passwordsInText(text), run(unit));
    });
  it('commentSecrets on a long comment', () => {
    expectLinear((text) => commentSecrets(text, 0, 'unknown'), run('a'));
  });
});

describe('connection strings are parsed in linear time', () => {
  for (const unit of ['a', 'u:p@', '@', '%', '/'])
    it(`with a run of ${JSON.stringify(unit)} as the password`, () => {
      expectLinear((s) => parseConnectionUrl(`postgres://u:${s}@h/db`), run(unit));
    });
  for (const unit of [' ', ' host', 'password= '])
    it(`key=value prefilter on a run of ${JSON.stringify(unit)}`, () => {
      expectLinear((s) => [looksLikeConnectionUrl(s), parseConnectionUrl(s)], run(unit));
    });
});

describe('fix previews are masked in linear time', () => {
  for (const unit of TEXT_UNITS)
    it(`maskSecretsInText on a run of ${JSON.stringify(unit)}`, () => {
      expectLinear((text) => maskSecretsInText(text), run(unit));
    });
  it('maskSpans with one span per 10 characters', () => {
    expectLinear(
      (text) =>
        maskSpans(
          text,
          Array.from({ length: text.length / 10 }, (_, i) => [i * 10, i * 10 + 5] as const),
        ),
      run('password=x'),
    );
  });
});

describe('redaction is one linear pass however many secrets a scan found', () => {
  it('builds a redactor in time linear in the secrets', () => {
    expectLinear(
      (secrets) => new SecretRedactor(secrets.match(/.{1,20}/g) ?? []),
      run('Zq8#distinct-Pass-01'),
    );
  });
  it('redacts 5,000 secrets in text of any size', () => {
    const secrets = Array.from({ length: 5000 }, (_, i) => `Zq8#file-${i}-pass!x`);
    const redactor = new SecretRedactor(secrets);
    expectLinear((text) => redactor.redact(text), run('Zq8#file-12-pass!x Zq8#file- '));
  });
  it('redacts nested secrets (a, aa, aaa, …) in linear time', () => {
    const redactor = new SecretRedactor(Array.from({ length: 10 }, (_, i) => 'a'.repeat(i + 1)));
    expectLinear((text) => redactor.redact(text), run('a'));
  });
  for (const unit of ["'", "'Zq8#secret-pass-1' "])
    it(`masks quoted secrets in parser messages on a run of ${JSON.stringify(unit)}`, () => {
      expectLinear((text) => maskQuotedSecrets(text), run(unit));
    });
});

describe('the Python keyword gate is linear', () => {
  for (const unit of ['mysql', 'x'])
    it(`on a run of ${JSON.stringify(unit)}`, () => {
      expectLinear((text) => mayConcernDatabases(text), run(unit));
    });
});
