import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shownSettingValue } from '../../src/core/secrets.js';
import { scan } from '../../src/scanner/scan.js';

const PASTED = 'Zq8#vR2!mL5@tY9';

describe('a setting value quoted in a message', () => {
  it('is shown as written when it looks like a misspelt mode', () => {
    expect(shownSettingValue('verify_full')).toBe('verify_full');
    expect(shownSettingValue('REQUIRE')).toBe('REQUIRE');
  });

  it('is masked when it looks like a password pasted into the wrong variable', async () => {
    expect(shownSettingValue(PASTED)).toBe('Z*** (15 chars)');
    const root = mkdtempSync(join(tmpdir(), 'secure-db-setting-'));
    writeFileSync(
      join(root, '.env'),
      `PGSSLMODE=${PASTED}\nDATABASE_URL=postgres://app@db.example.com/app?sslmode=${encodeURIComponent(PASTED)}\n`,
    );
    const result = await scan({ cwd: root, baseline: false });
    const messages = result.results.map((r) => r.message);
    expect(messages.some((m) => m.includes('PGSSLMODE=Z*** (15 chars) is not an sslmode'))).toBe(
      true,
    );
    for (const m of messages) {
      expect(m).not.toContain(PASTED);
      expect(m).not.toContain(encodeURIComponent(PASTED));
    }
  });
});
