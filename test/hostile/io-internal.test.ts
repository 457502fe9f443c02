/**
 * A reader crash is an internal error (exit 2, the file named), never an ordinary
 * diagnostic that lets the file's findings vanish with exit 0. Each registered front-end
 * runs for real on a real file; only the context it is handed throws, as a stack overflow
 * or a bug deep inside its analysis would.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Frontend, FrontendContext } from '../../src/frontends/types.js';
import { FRONTENDS } from '../../src/scanner/frontends.js';
import { scan } from '../../src/scanner/scan.js';
import { project, run } from '../cli/helpers.js';

const FILES: Record<string, string> = {
  '.env': '# deploy notes\nDATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n',
  'config/database.json':
    '{ "production": { "host": "db.example.com", "dialect": "postgres", "ssl": false } }\n',
  'docker-compose.yml':
    'services:\n  api:\n    environment:\n      DATABASE_URL: postgres://app@db.example.com/app?sslmode=disable\n',
  'settings.py':
    "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.example.com'}}\n",
  'prisma/schema.prisma':
    'datasource db {\n  provider = "postgresql"\n  url      = "postgresql://app@db.example.com/app?sslmode=disable"\n}\n',
  'postgresql.conf': "ssl = off\nlisten_addresses = '*'\n",
};

const root = mkdtempSync(join(tmpdir(), 'secure-db-internal-'));
for (const [path, text] of Object.entries(FILES)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The real front-end, handed a context that fails the way a deep recursion does. */
function crashing(frontend: Frontend): Frontend {
  const failing = (context: FrontendContext): FrontendContext => ({
    get file(): never {
      throw new RangeError('Maximum call stack size exceeded');
    },
    options: context.options,
    project: context.project,
  });
  return Object.assign(Object.create(frontend) as Frontend, {
    analyze: (source, context) => frontend.analyze(source, failing(context)),
  } satisfies Pick<Frontend, 'analyze'>);
}

describe('a reader crash', () => {
  it('is an internal error naming the file, for every front-end', async () => {
    const result = await scan({
      cwd: root,
      baseline: false,
      frontends: FRONTENDS.map(crashing),
    });
    const internal = result.errors.filter((e) => e.kind === 'internal').map((e) => e.file);
    // postgresql.conf's reader takes no context: it cannot be made to fail this way.
    expect(internal.sort()).toEqual(
      Object.keys(FILES)
        .filter((file) => file !== 'postgresql.conf')
        .sort(),
    );
    expect(result.errors.every((e) => e.kind === 'internal')).toBe(true);
  });

  it('is still an ordinary result when nothing crashes (the fixture is read)', async () => {
    const result = await scan({ cwd: root, baseline: false, frontends: FRONTENDS });
    expect(result.errors).toEqual([]);
    expect(new Set(result.results.map((r) => r.file))).toEqual(new Set(Object.keys(FILES)));
  });
});

describe('a broken package.json', () => {
  it('that names "secure-db" is a configuration error, not a dropped strict profile', () => {
    const broken = project({
      'package.json': '{ "name": "app", "secure-db": { "profile": "strict" }, }\n',
      'db.env': 'DATABASE_URL=postgres://app@localhost/app\n',
    });
    const out = run(broken, ['scan']);
    rmSync(broken, { recursive: true, force: true });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(
      'configuration error: package.json is not valid JSON, and it names "secure-db"',
    );
  });

  it('without secure-db settings is not ours to judge', () => {
    const broken = project({
      'package.json': '{ "name": "app", }\n',
      'db.env': 'DATABASE_URL=postgres://app@localhost/app\n',
    });
    const out = run(broken, ['scan']);
    rmSync(broken, { recursive: true, force: true });
    expect(out.code, out.stderr).toBe(0);
  });
});
