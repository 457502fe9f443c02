/**
 * Issue 11: the cross-file pass resolves imports without ts-morph where the estree trees
 * say it plainly. Wherever the light resolver gives an answer, it must be ts-morph's: for
 * every relative import and every exported name of every cross-file fixture (and a few
 * forms written here), both resolvers are asked and compared.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProgram } from '../../src/frontends/estree/program-cache.js';
import { createLightResolver, UNSURE } from '../../src/frontends/typescript/light-resolver.js';
import { createTsMorphProject } from '../../src/frontends/typescript/project.js';

const fixtures = join(import.meta.dirname, 'fixtures/cross-file');
const JS_TS = /\.(?:[cm]?[jt]s|[jt]sx)$/;

function projectOf(texts: Record<string, string>) {
  const files = new Map(Object.entries(texts).map(([p, t]) => [posix.join('/v', p), t]));
  const programs = new Map(
    [...files].map(([path, text]) => [
      path,
      parseProgram({ path, relativePath: path, text, bom: false }),
    ]),
  );
  const light = createLightResolver(files, (p) => programs.get(p));
  const heavy = createTsMorphProject(files, [...files.keys()]);
  return { files, programs, light, heavy };
}

/** Every question the cross-file pass can ask of these files, with both answers. */
function compare(texts: Record<string, string>) {
  const { programs, light, heavy } = projectOf(texts);
  let sure = 0;
  const mismatches: unknown[] = [];
  const check = (question: string, a: unknown, b: unknown) => {
    if (a === UNSURE) return;
    sure++;
    if (JSON.stringify(a) !== JSON.stringify(b))
      mismatches.push({ question, light: a, tsMorph: b });
  };
  for (const [path, program] of programs) {
    for (const statement of program.body) {
      if (statement.type === 'ImportDeclaration' && statement.source.value.startsWith('.')) {
        check(
          `${path}: module ${statement.source.value}`,
          light.resolveModule(path, statement.source.value),
          heavy.resolveModule(path, statement.source.value),
        );
        for (const spec of statement.specifiers)
          check(
            `${path}: import ${spec.local.name}`,
            light.resolveIdentifier(path, spec.local.range[0]),
            heavy.resolveIdentifier(path, spec.local.range[0]),
          );
      }
    }
    const names = new Set(['default', 'dbConfig', 'config', 'missing']);
    for (const m of readFileSyncSafe(texts, path).matchAll(
      /export\s+(?:const|let|var|function|class)\s+([\w$]+)|as\s+([\w$]+)/g,
    ))
      names.add((m[1] ?? m[2])!);
    for (const name of names)
      check(
        `${path}: export ${name}`,
        light.resolveExport(path, name),
        heavy.resolveExport(path, name),
      );
  }
  return { sure, mismatches };
}

function readFileSyncSafe(texts: Record<string, string>, path: string): string {
  return texts[path.slice('/v/'.length)] ?? '';
}

function fixture(name: string): Record<string, string> {
  const dir = join(fixtures, name);
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => JS_TS.test(f) && statSync(join(dir, f)).isFile() && !f.endsWith('.d.ts'))
      .map((f) => [
        relative(dir, join(dir, f)).replaceAll('\\', '/'),
        readFileSync(join(dir, f), 'utf8'),
      ]),
  );
}

describe('the light resolver answers as ts-morph does', () => {
  let total = 0;
  for (const name of readdirSync(fixtures)) {
    it(`cross-file fixture ${name}`, () => {
      const { sure, mismatches } = compare(fixture(name));
      expect(mismatches).toEqual([]);
      total += sure;
    });
  }

  it('re-exports, aliases, defaults, namespaces and index files', () => {
    const { sure, mismatches } = compare({
      'config/base.ts':
        "export const base = { host: 'db.example.com' };\nexport default { ssl: false };\n",
      'config/index.ts':
        "export { base as dbConfig } from './base';\nexport * from './more';\nimport d from './base';\nexport { d as config };\n",
      'config/more.ts':
        'export const more = { max: 5 }, other = 1;\nexport function make() { return {}; }\n',
      'db.ts':
        "import { dbConfig, more, config, make } from './config';\nimport * as all from './config/index.js';\nimport dflt from './config/base';\nnew Pool({ ...dbConfig, ...more, ...config, ...all, ...dflt, x: make });\n",
    });
    expect(mismatches).toEqual([]);
    expect(sure).toBeGreaterThan(12);
  });

  it('answered most questions of the fixtures without ts-morph', () => {
    expect(total).toBeGreaterThan(30);
  });
});
