/**
 * SARIF fingerprints (`partialFingerprints['secureDbSite/v1']`) follow the finding, not its
 * prose: rewording a message template, or moving the code down a few lines, keeps every
 * alert's fingerprint, so code scanning does not close and reopen alerts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/core/messages.js';
import { buildSarif } from '../../src/report/index.js';
import { scan } from '../../src/scanner/index.js';

const CONFIG = `import { Pool } from 'pg';
export const pool = new Pool({ host: 'db.example.com', password: 'Xq7!vR2#pL9w', ssl: false });
`;
const ENV = 'PGSSLMODE=require\nDB_SSL_REJECT_UNAUTHORIZED=false\n';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'secure-db-fingerprints-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function fingerprints(root: string): Promise<Map<string, string>> {
  const result = await scan({ cwd: root, baseline: false });
  const sarif = buildSarif(result, {
    tool: { name: 'secure-db', version: '0' },
    color: false,
    includeSuppressed: false,
    fixUnavailable: false,
  }) as {
    runs: {
      results: {
        ruleId: string;
        message: { text: string };
        partialFingerprints: Record<string, string>;
      }[];
    }[];
  };
  const out = new Map<string, string>();
  for (const r of sarif.runs[0]!.results)
    out.set(`${r.ruleId} ${r.message.text}`, r.partialFingerprints['secureDbSite/v1']!);
  return out;
}

const original = structuredClone(MESSAGES);
afterEach(() => {
  // Restore the templates a test reworded.
  for (const [rule, messages] of Object.entries(original))
    Object.assign(MESSAGES[rule as keyof typeof MESSAGES], messages);
});

describe('SARIF fingerprints', () => {
  it('stay when a message template is reworded', async () => {
    const root = project({ 'src/db.js': CONFIG, '.env.production': ENV });
    const before = await fingerprints(root);
    expect(before.size).toBe(4);
    const templates = MESSAGES as unknown as Record<string, Record<string, string>>;
    for (const messages of Object.values(templates))
      for (const id of Object.keys(messages)) messages[id] = `Reworded: ${messages[id]}`;
    const after = await fingerprints(root);
    expect([...after.keys()].every((k) => k.includes('Reworded: '))).toBe(true);
    expect([...after.values()].sort()).toEqual([...before.values()].sort());
  });

  it('stay when the code moves down, and differ between findings', async () => {
    const before = await fingerprints(project({ 'src/db.js': CONFIG }));
    const after = await fingerprints(project({ 'src/db.js': `// a header\n\n${CONFIG}` }));
    expect(after).toEqual(before);
    expect(new Set(before.values()).size).toBe(before.size);
  });

  it('change when the finding is about another setting or file', async () => {
    const a = await fingerprints(project({ 'src/db.js': CONFIG }));
    const b = await fingerprints(project({ 'src/other.js': CONFIG }));
    expect([...a.values()].some((f) => [...b.values()].includes(f))).toBe(false);
  });

  it('never hash a password in the clear: the same line with another password keeps its fingerprints', async () => {
    const a = await fingerprints(project({ 'src/db.js': CONFIG }));
    const b = await fingerprints(
      project({ 'src/db.js': CONFIG.replace('Xq7!vR2#pL9w', 'Zm4$tW8&kN3y') }),
    );
    expect([...b.values()].sort()).toEqual([...a.values()].sort());
  });
});
