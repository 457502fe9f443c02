import { describe, expect, it } from 'vitest';
import {
  applyBaseline,
  pruneBaseline,
  serializeBaseline,
  updateBaseline,
  type BaselineItem,
} from '../../src/scanner/baseline.js';

const item = (
  file: string,
  ruleId: string,
  severity: 'error' | 'warning' = 'error',
): BaselineItem => ({ file, ruleId, severity });

describe('baseline (ESLint bulk-suppression semantics)', () => {
  const items = [
    item('a.js', 'secure-db/require-ssl'),
    item('a.js', 'secure-db/require-ssl'),
    item('a.js', 'secure-db/disable-directive', 'warning'),
    item('b.js', 'secure-db/no-weak-sslmode'),
  ];
  const scanned = new Set(['a.js', 'b.js', 'c.js']);

  it('suppresses up to the count, all when over it', () => {
    expect([
      ...applyBaseline(items, scanned, { 'a.js': { 'secure-db/require-ssl': { count: 2 } } })
        .suppressed,
    ]).toEqual([0, 1]);
    expect([
      ...applyBaseline(items, scanned, { 'a.js': { 'secure-db/require-ssl': { count: 1 } } })
        .suppressed,
    ]).toEqual([]);
  });

  it('reports surplus counts of scanned files as unused; leaves unscanned files alone', () => {
    const out = applyBaseline(items, scanned, {
      'a.js': { 'secure-db/require-ssl': { count: 3 } },
      'c.js': { 'secure-db/require-ssl': { count: 1 } },
      'd.js': { 'secure-db/require-ssl': { count: 1 } },
    });
    expect(out.unused).toEqual({
      'a.js': { 'secure-db/require-ssl': { count: 1 } },
      'c.js': { 'secure-db/require-ssl': { count: 1 } },
    });
  });

  it('honours the secondary (eslint-suppressions.json) for files it applies to only', () => {
    const eslint = { 'b.js': { 'secure-db/no-weak-sslmode': { count: 1 } } };
    expect([...applyBaseline(items, scanned, {}, eslint, (f) => f === 'b.js').suppressed]).toEqual([
      3,
    ]);
    expect([...applyBaseline(items, scanned, {}, eslint, () => false).suppressed]).toEqual([]);
  });

  it('prunes and updates', () => {
    const baseline = {
      'a.js': { 'secure-db/require-ssl': { count: 3 } },
      'gone.js': { 'secure-db/require-ssl': { count: 1 } },
    };
    const exists = (f: string) => f !== 'gone.js';
    expect(
      pruneBaseline(baseline, { 'a.js': { 'secure-db/require-ssl': { count: 1 } } }, exists),
    ).toEqual({ 'a.js': { 'secure-db/require-ssl': { count: 2 } } });
    expect(updateBaseline(baseline, items, scanned, exists)).toEqual({
      'a.js': { 'secure-db/require-ssl': { count: 2 } },
      'b.js': { 'secure-db/no-weak-sslmode': { count: 1 } },
    });
  });

  it('serialises with sorted keys', () => {
    expect(
      serializeBaseline({
        'b.js': { 'secure-db/z': { count: 1 }, 'secure-db/a': { count: 2 } },
        'a.js': {},
      }),
    ).toBe(
      '{\n  "a.js": {},\n  "b.js": {\n    "secure-db/a": {\n      "count": 2\n    },\n    "secure-db/z": {\n      "count": 1\n    }\n  }\n}\n',
    );
  });
});
