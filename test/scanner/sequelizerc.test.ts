import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scanner/scan.js';
import { project } from '../cli/helpers.js';

const CONFIG = JSON.stringify(
  {
    development: { dialect: 'postgres', host: 'localhost' },
    staging: { use_env_variable: 'STAGING_DATABASE_URL', dialect: 'postgres' },
    production: {
      dialect: 'postgres',
      host: 'db.example.com',
      dialectOptions: { ssl: { rejectUnauthorized: false } },
    },
  },
  null,
  2,
);
const ENV = 'STAGING_DATABASE_URL=postgres://app@staging.example.com/app\n';

async function findings(root: string): Promise<string[]> {
  const result = await scan({ cwd: root, baseline: false });
  return result.results.map((r) => `${r.file} ${r.ruleId} ${r.message.split(':')[0]!}`);
}

describe("sequelize-cli's .sequelizerc (read as text, never run)", () => {
  it.each([
    ["path.resolve('db', 'sequelize.json')", 'db/sequelize.json'],
    ["path.resolve(__dirname, 'db', 'sequelize.json')", 'db/sequelize.json'],
    ["path.join(process.cwd(), 'db/sequelize.json')", 'db/sequelize.json'],
    ["'./db/sequelize.json'", 'db/sequelize.json'],
  ])('config: %s makes %s a sequelize-cli config', async (spelling, target) => {
    const root = project({
      '.sequelizerc': `const path = require('path');\n\nmodule.exports = {\n  'config': ${spelling},\n  'models-path': path.resolve('db', 'models'),\n};\n`,
      [target]: CONFIG,
      '.env': ENV,
    });
    try {
      const got = await findings(root);
      expect(got).toContain(
        `${target} secure-db/no-disabled-cert-verification Sequelize (postgres)`,
      );
      // use_env_variable names the variable's reader, as config/config.json does.
      expect(got).toContain(
        '.env secure-db/require-ssl Sequelize (postgres) (STAGING_DATABASE_URL)',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('without .sequelizerc the same file is not a config the scanner reads', async () => {
    const root = project({ 'db/sequelize.json': CONFIG, '.env': ENV });
    try {
      const got = await findings(root);
      expect(got.filter((f) => f.startsWith('db/'))).toEqual([]);
      expect(got).toContain('.env secure-db/require-ssl STAGING_DATABASE_URL (read as libpq)');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
