/**
 * Growth checks for routines that read unbounded input: a routine is linear when 10× the
 * input costs about 10× the time; a quadratic one costs 100×. Ratios of times on the same
 * machine, never absolute times (the CI machine is shared and slow).
 */
import { expect } from 'vitest';

const SIZES = [10_000, 100_000, 1_000_000] as const;
/**
 * 10× the input may cost at most this many times more (linear: ~10, quadratic: ~100). The
 * margin is for shared machines, where a short run is often measured before the JIT or the
 * garbage collector has settled; a quadratic routine still fails by a factor of two.
 */
export const MAX_RATIO = 45;
/** Times below this are noise: they count as this much. */
const FLOOR_MS = 5;

function fastest(run: () => unknown, times: number): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * Runs `routine` on `make(size)` at 10 KB, 100 KB and 1 MB (best of 3 after a warm-up) and
 * fails when a step of 10× costs more than `MAX_RATIO`×. A quadratic routine fails at
 * 100 KB already, before the 1 MB run would take minutes.
 */
export function expectLinear(
  routine: (input: string) => unknown,
  make: (size: number) => string,
): void {
  // Warm-up: compile the code paths, at the two smaller sizes (a 10 KB warm-up leaves the
  // 100 KB run paying for optimisation).
  fastest(() => routine(make(SIZES[0])), 3);
  fastest(() => routine(make(SIZES[1])), 1);
  let previous: number | undefined;
  for (const size of SIZES) {
    const input = make(size);
    const ms = Math.max(
      fastest(() => routine(input), 3),
      FLOOR_MS,
    );
    if (previous !== undefined)
      expect(
        ms / previous,
        `${size} characters cost ${ms.toFixed(1)} ms, ${(ms / previous).toFixed(1)}× the previous size`,
      ).toBeLessThan(MAX_RATIO);
    previous = ms;
  }
}

/** `unit` repeated to `size` characters. */
export const run = (unit: string) => (size: number) =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
