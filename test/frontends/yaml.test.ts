import { runFrontend } from '../../src/scanner/run-frontend.js';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { classifyFile } from '../../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS } from '../../src/core/model.js';
import { formatMessage } from '../../src/core/messages.js';
import { yamlFrontend } from '../../src/frontends/yaml/index.js';
import type { ProjectFacts } from '../../src/frontends/types.js';
import type { FrontendFindings } from '../../src/scanner/run-frontend.js';
import { applyFix, runFixtures } from './fixture-runner.js';

const dir = join(import.meta.dirname, 'fixtures/yaml');
const SECRETS = [
  'Anch0r!Secret',
  'Li5t!Form-pw',
  'C0mment!Leak-9',
  'Sh3ll!Default-pw',
  'Sp3c!Comment-Leak',
  'Sp3c!Apos-Leak',
  'Te5t!Compose-pw',
  'K8s!Plain-Secret',
  'Str1ngData!pw',
  'Cf!Manifest-pw9',
  'Orm!Yaml-Secret1',
  'Shar3d!Default-pw',
  'changeme',
];
const prisma: ProjectFacts = {
  urlConsumers: new Map([
    ['DATABASE_URL', { semantics: 'prisma', driver: 'Prisma' }],
    ['DIRECT_URL', { semantics: 'prisma', driver: 'Prisma' }],
  ]),
};

async function analyze(relativePath: string, text: string): Promise<FrontendFindings> {
  await yamlFrontend.load!();
  return runFrontend(
    yamlFrontend,
    { path: `/repo/${relativePath}`, relativePath, text, bom: false },
    {
      file: classifyFile(relativePath),
      options: DEFAULT_POLICY_OPTIONS,
      project: { urlConsumers: new Map() },
    },
  );
}

describe('yaml fixtures', () => {
  runFixtures(yamlFrontend, dir, {
    filter: /^(?!strict\/|minimum\/|consumers\/|override\/)/,
    secrets: SECRETS,
  });
  runFixtures(yamlFrontend, dir, { filter: /^override\//, collectFacts: true });
  runFixtures(yamlFrontend, dir, { filter: /^strict\//, options: { profile: 'strict' } });
  runFixtures(yamlFrontend, dir, { filter: /^minimum\//, options: { minimumSslmode: 'require' } });
  runFixtures(yamlFrontend, dir, { filter: /^consumers\//, project: prisma });
});

describe('yaml anchors', () => {
  it('reports an anchored value once, at the anchor, however many aliases use it', async () => {
    const text =
      'x: &env\n  PGSSLMODE: disable\nservices:\n  a:\n    environment: *env\n  b:\n    environment:\n      <<: *env\n  c:\n    environment: *env\n';
    const findings = (await analyze('docker-compose.yml', text)).findings;
    expect(findings).toHaveLength(1);
    expect(text.slice(findings[0]!.range[0], findings[0]!.range[1])).toBe('disable');
  });

  it("lets a mapping's own key win over a merged one (the overridden value is not in effect)", async () => {
    const text =
      'x: &env\n  PGSSLMODE: disable\nservices:\n  a:\n    environment:\n      <<: *env\n      PGSSLMODE: verify-full\n  b:\n    environment:\n      <<: *env\n';
    const findings = (await analyze('docker-compose.yml', text)).findings;
    // Reported once, at the anchor, because service b uses it; service a overrides it.
    expect(findings.map((f) => [f.ruleId, text.slice(f.range[0], f.range[1])])).toEqual([
      ['require-ssl', 'disable'],
    ]);
    expect(
      (await analyze('docker-compose.yml', text.replace(/ {2}b:[\s\S]*$/, ''))).findings,
    ).toEqual([]);
  });

  it('survives an alias bomb', async () => {
    const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 0; i < 12; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      );
    lines.push('development:\n  host: h\n  data: *m\nproduction:\n  host: h\n  data: *m');
    expect((await analyze('config/database.yml', lines.join('\n') + '\n')).diagnostics).toEqual([]);
  });
});

describe('yaml fixes', () => {
  it('fixes a compose value in place and the result still parses and is clean', async () => {
    const text =
      'services:\n  api:\n    environment:\n      DB_SSL_REJECT_UNAUTHORIZED: false\n      PGSSLMODE: "require"\n';
    let fixed = text;
    for (let i = 0; i < 2; i++)
      fixed = applyFix(
        fixed,
        (await analyze('docker-compose.yml', fixed)).findings.find((f) => f.fixes[0]?.safe)!,
      );
    expect(fixed).toBe(
      'services:\n  api:\n    environment:\n      DB_SSL_REJECT_UNAUTHORIZED: true\n      PGSSLMODE: "verify-full"\n',
    );
    expect((await analyze('docker-compose.yml', fixed)).findings).toEqual([]);
  });

  it('writes YAML flow syntax for an ormconfig `ssl: false`', async () => {
    const text = 'default:\n  type: postgres\n  host: db.example.com\n  ssl: false\n';
    const [finding] = (await analyze('ormconfig.yml', text)).findings;
    const fixed = applyFix(text, finding!);
    expect(fixed).toBe(
      'default:\n  type: postgres\n  host: db.example.com\n  ssl: { rejectUnauthorized: true }\n',
    );
    expect(parseAllDocuments(fixed).every((d) => !Array.isArray(d) && d.errors.length === 0)).toBe(
      true,
    );
    expect((await analyze('ormconfig.yml', fixed)).findings).toEqual([]);
  });

  it('suggests removing NODE_TLS_REJECT_UNAUTHORIZED from a compose map', async () => {
    const text =
      'services:\n  api:\n    environment:\n      NODE_TLS_REJECT_UNAUTHORIZED: "0"\n      A: b\n';
    const [finding] = (await analyze('docker-compose.yml', text)).findings;
    expect(finding!.fixes[0]!.safe).toBe(false);
    expect(applyFix(text, finding!)).toBe('services:\n  api:\n    environment:\n      A: b\n');
  });
});

describe('yaml messages', () => {
  it('masks anchored secrets', async () => {
    const text = 'x: &e\n  DB_PASSWORD: Anch0r!Secret\nservices:\n  a:\n    environment: *e\n';
    const [f] = (await analyze('docker-compose.yml', text)).findings;
    const message = formatMessage(f!.messageId, f!.data);
    expect(message).toContain('compose service `a`');
    expect(message).not.toContain('Anch0r!Secret');
  });
});

describe('compose: one deployment, one host', () => {
  const message = (f: { messageId: string; data: Record<string, string> }) =>
    formatMessage(f.messageId as never, f.data);

  it("states the environment another service names, with that service's words", async () => {
    const text = [
      'services:',
      '  web:',
      '    environment:',
      '      DJANGO_SETTINGS_MODULE: shop.settings.production',
      '  jobs:',
      '    environment:',
      '      DB_SSL: "false"',
      '',
    ].join('\n');
    const [f] = (await analyze('docker-compose.yml', text)).findings;
    expect(f!.environment).toBe('production');
    expect(message(f!)).toContain(
      '(production: `DJANGO_SETTINGS_MODULE=shop.settings.production` in service `web` of this file)',
    );
  });

  it("a service's own words beat the file's, and the file's beat its path", async () => {
    const text = [
      'services:',
      '  web:',
      '    environment:',
      '      NODE_ENV: development',
      '  api:',
      '    environment:',
      '      NODE_ENV: production',
      '      DB_SSL: "false"',
      '  jobs:',
      '    environment:',
      '      DB_SSL: "false"',
      '',
    ].join('\n');
    const findings = (await analyze('prod/docker-compose.yml', text)).findings;
    expect(
      findings.map((f) => [
        f.environment,
        message(f).match(/\((?:production|development)[^)]*\)/)?.[0],
      ]),
    ).toEqual([
      ['production', '(production: `NODE_ENV=production` in this service)'],
      // Services disagree: production wins for the others.
      ['production', '(production: `NODE_ENV=production` in service `api` of this file)'],
    ]);
  });

  it('a database service of the same file is loopback for TLS, not for passwords', async () => {
    const text = [
      'services:',
      '  app:',
      '    environment:',
      '      DATABASE_URL: postgres://app:Rk4-Tz9q-Lp2w@db/app?sslmode=disable',
      '  db:',
      '    image: postgres:16',
      '',
    ].join('\n');
    const ids = (await analyze('docker-compose.yml', text)).findings.map((f) => f.ruleId);
    expect(ids).toEqual(['no-hardcoded-credentials']);
    const swarm = `${text}    deploy:\n      replicas: 1\n`;
    const swarmIds = (await analyze('docker-compose.yml', swarm)).findings.map((f) => f.ruleId);
    expect(swarmIds.sort()).toEqual(['no-hardcoded-credentials', 'require-ssl']);
  });
});

describe('yaml bad input', () => {
  it('gives a diagnostic for invalid YAML, without file content', async () => {
    const output = await analyze(
      'docker-compose.yml',
      'services:\n  api:\n    environment: [PGSSLMODE=disable, DB_PASSWORD=Zq8vR2pL5wN\n  db: {\n',
    );
    expect(output.findings).toEqual([]);
    expect(output.diagnostics).toHaveLength(1);
    expect(output.diagnostics[0]!.message).toMatch(/^Invalid YAML/);
    expect(output.diagnostics[0]!.message).not.toMatch(/Zq8v|PGSSLMODE|DB_PASSWORD/);
  });

  it('skips Helm templates that are not YAML until rendered', async () => {
    expect(
      await analyze('chart/templates/x.yaml', '{{- if .Values.x }}\na: [\n{{- end }}\n'),
    ).toEqual({ findings: [], diagnostics: [] });
  });

  it('reports binary content as a diagnostic', async () => {
    const output = await analyze('docker-compose.yml', 'services:\u0000\u0001\u0002');
    expect(output.findings).toEqual([]);
    expect(output.diagnostics).toHaveLength(1);
  });

  it('parses a 5 MB single-line value', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const output = await analyze(
      'docker-compose.yml',
      `services:\n  api:\n    environment:\n      DB_PASSWORD: ${big}\n      NODE_OPTIONS: "${big}"\n`,
    );
    expect(output.diagnostics).toEqual([]);
  });
});

describe('yaml shapes that are not deployments', () => {
  it("ignores a CI workflow's top-level env", async () => {
    expect(
      (
        await analyze(
          '.github/workflows/deploy.yml',
          'on: push\nenv:\n  PGSSLMODE: disable\njobs: {}\n',
        )
      ).findings,
    ).toEqual([]);
  });
});

describe('a password written as a shell default inside a URL', () => {
  it('masks and points at the default, and says to drop it', async () => {
    const text =
      'services:\n  w:\n    image: x\n    environment:\n' +
      '      BROKER_URL: rediss://:${REDIS_PASSWORD:-Sh3ll!Default-pw}@cache.example.com/1\n';
    const [finding] = (await analyze('docker-compose.yml', text)).findings;
    expect(finding?.ruleId).toBe('no-hardcoded-credentials');
    expect(text.slice(finding!.range[0], finding!.range[1])).toBe('Sh3ll!Default-pw');
    const message = formatMessage(finding!.messageId, finding!.data);
    expect(message).toContain('S*** (16 chars)) in the default of ${REDIS_PASSWORD}');
    expect(message).toContain('drop the default and set REDIS_PASSWORD where it runs');
  });
});

describe('the remedy a Kubernetes password names', () => {
  const secret =
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  POSTGRES_PASSWORD: changeme\n';
  const pod =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres:16\n      env:\n        - name: POSTGRES_PASSWORD\n          value: changeme\n';
  const remedyOf = async (text: string) => {
    const [finding] = (await analyze('k8s/db.yaml', text)).findings;
    return formatMessage(finding!.messageId, finding!.data);
  };

  it('in a manifest of Secrets only: keep the Secret itself out of the repository', async () => {
    expect(await remedyOf(secret)).toContain(
      'create the Secret where the cluster is deployed, not from the repository',
    );
  });

  it('in a pod, or a manifest with other objects: read it from a Secret', async () => {
    expect(await remedyOf(pod)).toContain('read it from a Secret (secretKeyRef)');
    expect(await remedyOf(`${pod}---\n${secret}`)).toContain('read it from a Secret');
  });
});
