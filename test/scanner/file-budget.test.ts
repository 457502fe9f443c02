/**
 * The time budget per file reads the CPU clock (a system call) at most once per 1 % of the
 * budget of wall time, and still charges each file its CPU time to within that resolution.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileTimeBudget } from '../../src/scanner/file-budget.js';

/** Spends about `ms` of CPU time on this thread. */
function burn(ms: number): void {
  const start = process.cpuUsage();
  for (;;) {
    const { user, system } = process.cpuUsage(start);
    if (user + system >= ms * 1000) return;
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('FileTimeBudget', () => {
  it('reads the CPU clock at most once per 1 % of the budget of wall time over many cheap files', () => {
    const files = 20_000;
    const budget = new FileTimeBudget(500, files);
    const reads = vi.spyOn(process, 'cpuUsage');
    const start = performance.now();
    budget.start();
    for (let i = 0; i < files; i++) budget.charge(i);
    const elapsed = performance.now() - start;
    expect(reads.mock.calls.length).toBeLessThanOrEqual(Math.ceil(elapsed / 5) + 1);
    expect(reads.mock.calls.length).toBeLessThan(files / 10);
  });

  it('charges a file its CPU time: past a 20 ms budget after 40 ms, not after 2 ms', () => {
    const budget = new FileTimeBudget(20, 3);
    budget.start();
    burn(2);
    expect(budget.charge(0)).toBe(false);
    burn(40);
    expect(budget.charge(1)).toBe(true);
    expect(budget.exceeded(1)).toBe(true);
    expect(budget.exceeded(0)).toBe(false);
    // Phases add up: two of 12 ms each go past 20 ms.
    budget.start();
    burn(12);
    expect(budget.charge(2)).toBe(false);
    budget.start();
    burn(12);
    expect(budget.charge(2)).toBe(true);
  });

  it('with no budget (0), reads no clock and never exceeds', () => {
    const budget = new FileTimeBudget(0, 1);
    const reads = vi.spyOn(process, 'cpuUsage');
    budget.start();
    burn(1);
    reads.mockClear();
    expect(budget.charge(0)).toBe(false);
    expect(budget.exceeded(0)).toBe(false);
    expect(reads).not.toHaveBeenCalled();
  });
});
