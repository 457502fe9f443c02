import { runFrontend } from '../../src/scanner/run-frontend.js';
import { fileURLToPath } from 'node:url';
import { classifyFile } from '../../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS } from '../../src/core/model.js';
import { parseDatasources, prismaFrontend } from '../../src/frontends/prisma/index.js';
import type { ProjectFacts } from '../../src/frontends/types.js';
import { runFixtures } from './fixture-runner.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/prisma/', import.meta.url));
const SECRETS = ['Xk9#mQ2vLp7Rz', 'Tq4$wN8bVc1Jd', 'Hf6!pL3sKd9Wq', 'p@ss'];

describe('prisma front-end: fixtures', () => {
  runFixtures(prismaFrontend, FIXTURES, { secrets: SECRETS, filter: /^(?!strict\/|require\/)/ });
});
describe('prisma front-end: fixtures (strict)', () => {
  runFixtures(prismaFrontend, FIXTURES, {
    secrets: SECRETS,
    filter: /^strict\//,
    options: { profile: 'strict' },
  });
});
describe('prisma front-end: fixtures (minimumSslmode require)', () => {
  runFixtures(prismaFrontend, FIXTURES, {
    secrets: SECRETS,
    filter: /^require\//,
    options: { minimumSslmode: 'require' },
  });
});

function run(relativePath: string, text: string) {
  return runFrontend(
    prismaFrontend,
    { path: `/repo/${relativePath}`, relativePath, text, bom: false },
    {
      file: classifyFile(relativePath),
      options: DEFAULT_POLICY_OPTIONS,
      project: { urlConsumers: new Map() },
    },
  );
}

describe('prisma front-end', () => {
  it('matches schema files', () => {
    expect(prismaFrontend.matches('prisma/schema.prisma')).toBe(true);
    expect(prismaFrontend.matches('prisma/schema/models.prisma')).toBe(true);
    expect(prismaFrontend.matches('prisma.config.ts')).toBe(false);
  });

  it('records env("NAME") consumers in the first pass', () => {
    const facts: ProjectFacts = { urlConsumers: new Map() };
    const text =
      'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n  directUrl = env("DIRECT_URL")\n}\ndatasource m {\n  provider = "mongodb"\n  url = env("MONGO_URL")\n}\ndatasource s {\n  provider = "sqlite"\n  url = env("SQLITE_URL")\n}\n';
    prismaFrontend.collectFacts!(
      { path: '/r/schema.prisma', relativePath: 'schema.prisma', text, bom: false },
      facts,
    );
    expect(Object.fromEntries(facts.urlConsumers)).toEqual({
      DATABASE_URL: { semantics: 'prisma', driver: 'Prisma' },
      DIRECT_URL: { semantics: 'prisma', driver: 'Prisma' },
      MONGO_URL: { semantics: 'mongodb', driver: 'Prisma' },
    });
  });

  it('keeps exact positions through escapes, comments and braces in strings', () => {
    const text =
      '/* { */ datasource db { // }\n  provider = "postgresql"\n  url = "post\\"gres://a" // x\n}';
    const [ds] = parseDatasources(text).datasources;
    const url = ds!.fields.find((f) => f.key === 'url')!.literal!;
    expect(text.slice(url.range[0], url.range[1])).toBe('"post\\"gres://a"');
    expect(url.value).toBe('post"gres://a');
    expect(url.verbatim).toBeUndefined();
  });

  it('fixes a literal URL to sslmode=require&sslaccept=strict, once', () => {
    const text =
      'datasource db {\n  provider = "postgresql"\n  url      = "postgresql://app@db.example.com/app?sslmode=prefer"\n}\n';
    const first = run('schema.prisma', text);
    const edits = first.findings
      .flatMap((f) => f.fixes.filter((x) => x.safe).flatMap((x) => x.edits))
      .sort((a, b) => b.range[0] - a.range[0]);
    let fixed = text;
    for (const e of edits) fixed = fixed.slice(0, e.range[0]) + e.text + fixed.slice(e.range[1]);
    expect(fixed).toContain(
      '"postgresql://app@db.example.com/app?sslmode=require&sslaccept=strict"',
    );
    expect(run('schema.prisma', fixed).findings).toEqual([]);
  });

  it('puts the parameters after the host when an unencoded password holds a `#`', () => {
    const text =
      'datasource db {\n  provider = "postgresql"\n  url      = "postgresql://app:a#b@db.example.com/app"\n}\n';
    const edits = run('schema.prisma', text)
      .findings.flatMap((f) => f.fixes.filter((x) => x.safe).flatMap((x) => x.edits))
      .sort((a, b) => b.range[0] - a.range[0]);
    let fixed = text;
    for (const e of edits) fixed = fixed.slice(0, e.range[0]) + e.text + fixed.slice(e.range[1]);
    expect(fixed).toContain(
      '"postgresql://app:a#b@db.example.com/app?sslmode=require&sslaccept=strict"',
    );
  });

  it('bad input: unterminated strings, binary, huge lines', async () => {
    await expect(
      Promise.resolve(run('schema.prisma', 'datasource db {\n  url = "postgres://unterminated\n')),
    ).resolves.toBeDefined();
    expect(run('schema.prisma', 'datasource \u0000 {').diagnostics).toHaveLength(1);
    const huge = `datasource db {\n provider = "postgresql"\n url = "${'x'.repeat(5_000_000)}"\n}\n`;
    await expect(Promise.resolve(run('schema.prisma', huge))).resolves.toEqual({
      findings: [],
      diagnostics: [],
    });
  });
});
