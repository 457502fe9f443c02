/**
 * Inputs for the fuzz suite: every front-end's fixtures as seeds, and mutations an attacker
 * would try on them — hostile tokens (runs of `${`, `{{`, `[`, `://`, `@`, anchors, merge
 * keys, quotes, CR, NUL), cut, duplicated and repeated slices, and a planted password in
 * the places passwords hide (values, URLs, comments, parser errors).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { FRONTENDS } from '../../src/scanner/frontends.js';

/** The password planted in inputs; no output may ever contain it. */
export const PLANTED = 'Zq8#fuzz-PLANTED-pass-4471';

export interface Seed {
  /** The front-end that reads it. */
  frontend: string;
  /** Its path relative to the fixture project (decides the front-end and the environment). */
  relativePath: string;
  text: string;
}

const FIXTURES = join(import.meta.dirname, '../frontends/fixtures');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every fixture a front-end reads, grouped by front-end (in registry order). */
export function seedsByFrontend(): Map<string, Seed[]> {
  const seeds = new Map<string, Seed[]>(FRONTENDS.map((fe) => [fe.name, []]));
  for (const kind of readdirSync(FIXTURES)) {
    for (const path of filesUnder(join(FIXTURES, kind))) {
      const relativePath = relative(join(FIXTURES, kind), path).replaceAll('\\', '/');
      const frontend = FRONTENDS.find((fe) => fe.matches(relativePath));
      if (!frontend || relativePath.endsWith('.expect.json')) continue;
      seeds.get(frontend.name)!.push({
        frontend: frontend.name,
        relativePath,
        text: readFileSync(path, 'utf8'),
      });
    }
  }
  return seeds;
}

const HOSTILE_TOKENS = [
  '${',
  '{{',
  '}}',
  '[',
  ']',
  '{',
  '}',
  '(',
  '://',
  '@',
  ':',
  '=',
  '#',
  '//',
  '/*',
  '"""',
  "'",
  '"',
  '`',
  '\\',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\uFFFD',
  '\u202E',
  '&a ',
  '*a',
  '<<: *a',
  '- ',
  '%23',
  '%',
  '${X:-',
  'password',
  'PASSWORD=',
  'sslmode=disable',
  'rejectUnauthorized: false',
  'ssl: { rejectUnauthorized: false }',
  'postgres://',
  '-- ',
  'secure-db-disable-next-line no-hardcoded-credentials -- ',
];

/** Where a planted password goes, by the shape of text around it. */
const PLANTINGS = [
  `password: '${PLANTED}'`,
  `password '${PLANTED}'`,
  `"password": "${PLANTED}"`,
  `'PASSWORD': '${PLANTED}'`,
  `PASSWORD=${PLANTED}`,
  `POSTGRES_PASSWORD: ${PLANTED}`,
  `postgres://app:${PLANTED}@db.example.com/app`,
  `postgres://app:${encodeURIComponent(PLANTED)}@db.example.com/app`,
  `# password=${PLANTED}`,
  `// postgres://u:${PLANTED}@h/db`,
  `'${PLANTED}'`,
  PLANTED,
  `/${PLANTED}(/`,
  `-- reason ${PLANTED}`,
];

type Mutation = (text: string) => string;

const at = (text: string, fraction: number) => Math.floor(fraction * (text.length + 1));
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fraction, fc.constantFrom(...HOSTILE_TOKENS, ...PLANTINGS)).map(
    ([f, token]) =>
      (text: string) =>
        text.slice(0, at(text, f)) + token + text.slice(at(text, f)),
  ),
  fc.tuple(fraction, fc.constantFrom(...HOSTILE_TOKENS), fc.integer({ min: 2, max: 4000 })).map(
    ([f, token, times]) =>
      (text: string) =>
        text.slice(0, at(text, f)) + token.repeat(times) + text.slice(at(text, f)),
  ),
  fc.tuple(fraction, fraction).map(([a, b]) => (text: string) => {
    const [from, to] = [at(text, Math.min(a, b)), at(text, Math.max(a, b))];
    return text.slice(0, from) + text.slice(to); // cut
  }),
  fc
    .tuple(fraction, fraction, fc.integer({ min: 1, max: 50 }))
    .map(([a, b, times]) => (text: string) => {
      const [from, to] = [at(text, Math.min(a, b)), at(text, Math.max(a, b))];
      return text.slice(0, to) + text.slice(from, to).repeat(times) + text.slice(to); // duplicate
    }),
  fc.tuple(fraction, fc.string({ unit: 'binary', maxLength: 40 })).map(
    ([f, noise]) =>
      (text: string) =>
        text.slice(0, at(text, f)) + noise + text.slice(at(text, f)),
  ),
);

/** At most this many characters per input: the per-file budget, not the size limit, is tested. */
const MAX_INPUT = 256 * 1024;

/** A seed of `seeds` with 1–6 mutations, always with the password planted somewhere. */
export function mutatedInput(seeds: readonly Seed[]): fc.Arbitrary<Seed> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
      fraction,
      fc.constantFrom(...PLANTINGS),
    )
    .map(([seed, mutations, where, planting]) => {
      let text =
        seed.text.slice(0, at(seed.text, where)) + planting + seed.text.slice(at(seed.text, where));
      for (const mutate of mutations) text = mutate(text).slice(0, MAX_INPUT);
      return { ...seed, text };
    });
}
