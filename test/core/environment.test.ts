/** POLICY "Environments" from paths, and which files are test or example files. */
import { describe, expect, it } from 'vitest';
import {
  classifyFile,
  environmentFromPath,
  isExampleFile,
  isTestFile,
} from '../../src/core/environment.js';

describe('path evidence: the file name, then every directory, innermost first', () => {
  it.each([
    ['.env.production', 'production'],
    ['.env.development', 'development'],
    ['.env.prod.local', 'production'],
    ['settings_dev.py', 'development'],
    ['settings/production.py', 'production'],
    ['settings/local.py', 'development'],
    ['config/prod.json', 'production'],
    ['config/env/production/database.js', 'production'],
    ['config/env/development/database.js', 'development'],
    ['dev/containers/docker-compose.yml', 'development'],
    ['deploy/staging/docker-compose.yml', 'production'],
    // a feature's name, not an environment (Plane's live-collaboration server)
    ['apps/live/src/redis.ts', 'unknown'],
    ['strapi-development/config/database.js', 'development'],
    ['.devcontainer/docker-compose.yml', 'development'],
    ['docker-compose-developer.yml', 'development'],
    ['.github/workflows/deploy.yml', 'development'],
    ['.github/workflows/ci.yml', 'development'],
    ['.circleci/config.yml', 'development'],
    // The innermost evidence wins.
    ['prod/overrides/.env.development', 'development'],
    ['dev/production.json', 'production'],
    // Whole tokens only.
    ['src/devices/db.ts', 'unknown'],
    ['config/productions.js', 'unknown'],
    ['src/db.ts', 'unknown'],
  ])('%s is %s', (path, expected) => {
    expect(environmentFromPath(path)).toBe(expected);
  });

  it('reads only the project part of an absolute path', () => {
    expect(environmentFromPath('/home/dev/app/src/db.ts')).toBe('unknown');
    expect(classifyFile('/home/dev/app/config/db.js', {}, '/home/dev/app').environment).toBe(
      'unknown',
    );
    expect(classifyFile('/home/x/app/dev/db.js', {}, '/home/x/app').environment).toBe(
      'development',
    );
    // A file outside the working directory (`scan ..`): the directories above both are no
    // evidence, its own path from the common one is.
    expect(classifyFile('/home/dev/repo/a/db.js', {}, '/home/dev/repo/b').environment).toBe(
      'unknown',
    );
    expect(classifyFile('/srv/tests/repo/a/db.js', {}, '/srv/tests/repo/b').isTest).toBe(false);
    expect(classifyFile('/srv/repo/dev/db.js', {}, '/srv/repo/b').environment).toBe('development');
    expect(classifyFile('C:/work/tests/repo/a/db.js', {}, 'C:/work/tests/repo/b').isTest).toBe(
      false,
    );
  });

  it('lets the project name more paths', () => {
    expect(classifyFile('ops/db.js', { development: ['ops/**'] }).environment).toBe('development');
    expect(classifyFile('dev/db.js', { production: ['dev/**'] }).environment).toBe('production');
  });

  it('keeps each pattern list its own (each is compiled once and reused)', () => {
    const ops = { development: ['ops/**'] };
    const infra = { development: ['infra/**'] };
    for (let i = 0; i < 3; i++) {
      expect(classifyFile('ops/db.js', ops).environment).toBe('development');
      expect(classifyFile('ops/db.js', infra).environment).toBe('unknown');
      expect(classifyFile('infra/db.js', infra).environment).toBe('development');
      expect(classifyFile('infra/db.js', ops).environment).toBe('unknown');
    }
  });
});

describe('test and example files', () => {
  it.each([
    ['src/db.test.ts', true],
    ['db.spec.js', true],
    ['tests/settings.py', true],
    ['test_settings.py', true],
    ['settings/test.py', true],
    ['src/__mocks__/pg.js', true],
    ['cypress/docker-compose.yml', true],
    ['apps/web/playwright/.env', true],
    ['src/cypressian.ts', false],
    ['src/testing.ts', false],
    ['packages/medusa/integration-tests/setup.js', true],
    ['src/__fixtures__/db.ts', true],
    ['e2e_test/knexfile.js', true],
    ['packages/core/jest.setup.js', true],
    ['vitest.setup.ts', true],
    ['src/setupTests.ts', true],
    ['api/openapi-spec/db.ts', false],
    ['src/contest/db.ts', false],
    ['src/latest/db.ts', false],
    ['src/setup.ts', false],
  ])('%s is a test file: %s', (path, expected) => {
    expect(isTestFile(path)).toBe(expected);
  });

  it.each([
    ['.env.example', true],
    ['sample.env', true],
    ['.env-sample', true],
    ['config/database.example.ts', true],
    ['local_example.py', true],
    ['examples/app/.env', true],
    ['docs/samples/docker-compose.yml', true],
    ['devcontainer-example/docker-compose.yml', true],
    ['deploy/config_samples/.env', true],
    ['src/exampleService.ts', false],
    ['src/exampleService/db.ts', false],
    ['charts/api/templates/secret.yaml', false],
    ['dist/.env', false],
    ['.env', false],
  ])('%s is an example file: %s', (path, expected) => {
    expect(isExampleFile(path)).toBe(expected);
  });
});
