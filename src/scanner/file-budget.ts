/**
 * The time budget per file (`--max-file-time`, `"maxFileTime"`, `ScanOptions.maxFileMs`),
 * as semgrep's `--timeout`: a file whose analysis costs more than the budget is reported
 * as past it (a `budget` diagnostic, exit 2) and the scan goes on.
 *
 * JavaScript cannot interrupt a parse, so the budget is checked at cooperative points: the
 * CPU time spent on a file is charged to it after its read, after its first pass (facts,
 * where the parse happens) and after its analysis. A file past the budget after its first
 * pass is not analysed and takes no part in the cross-file pass; one past it after its
 * analysis keeps the findings it gave. CPU time rather than wall time: a busy CI machine
 * must not turn a slow neighbour into an incomplete scan.
 *
 * Reading the CPU clock is a system call (`getrusage`: 1 µs in a small process, over 100 µs
 * in a scan holding 20,000 texts; three per file were 5–10 % of such a scan), so it is read
 * at most once per 1 % of the budget of wall time (100 ms at most); between reads the last
 * value stands. A file is then charged to within that resolution (per CPU core): 2 % of the
 * default budget on two cores.
 */
import type { ScanDiagnostic } from '../report/result.js';

/** 10 s of CPU time per file: 500 times the slowest fuzzed input (docs/reliability.md). */
export const DEFAULT_MAX_FILE_MS = 10_000;

/** The process's CPU time (user + system) in microseconds: one `getrusage`. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** The longest wall time between two reads of the CPU clock. */
const MAX_RESOLUTION_MS = 100;

/** `10 s`, `1.5 s`, `250 ms`: as `--max-file-time` spells it back. */
function formatDuration(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

export class FileTimeBudget {
  /** 0: no budget, and no clock is read. */
  readonly #limitMicros: number;
  readonly #spentMicros: Float64Array;
  readonly #resolutionMs: number;
  #mark = 0;
  #cpu = 0;
  #cpuReadAt = -Infinity;

  constructor(
    readonly maxMs: number,
    fileCount: number,
  ) {
    this.#limitMicros = maxMs * 1000;
    this.#spentMicros = new Float64Array(maxMs > 0 ? fileCount : 0);
    this.#resolutionMs = Math.min(maxMs / 100, MAX_RESOLUTION_MS);
  }

  /** The CPU clock, read again only once `#resolutionMs` of wall time has passed. */
  #cpuNow(): number {
    // `process.hrtime`, not `performance.now()`: the first use of `performance` loads
    // perf_hooks (about 2 ms of a pre-commit run).
    const wall = Number(process.hrtime.bigint()) / 1e6;
    if (wall - this.#cpuReadAt >= this.#resolutionMs) {
      this.#cpuReadAt = wall;
      this.#cpu = cpuMicros();
    }
    return this.#cpu;
  }

  /** Starts the clock of a phase: the time until the next `charge` goes to that file. */
  start(): void {
    if (this.#limitMicros > 0) this.#mark = this.#cpuNow();
  }

  /** Charges the CPU time since the last mark to file `index`; true when it is now past the budget. */
  charge(index: number): boolean {
    if (this.#limitMicros === 0) return false;
    const now = this.#cpuNow();
    this.#spentMicros[index]! += now - this.#mark;
    this.#mark = now;
    return this.#spentMicros[index]! > this.#limitMicros;
  }

  /** Whether file `index` is past the budget (as of its last charge). */
  exceeded(index: number): boolean {
    return this.#limitMicros > 0 && this.#spentMicros[index]! > this.#limitMicros;
  }

  /**
   * The diagnostic of a file past the budget. `analysed`: it was noticed after the
   * analysis, whose findings are reported; otherwise the file was not analysed.
   */
  diagnostic(relativePath: string, analysed: boolean): ScanDiagnostic {
    const budget = `the time budget of ${formatDuration(this.maxMs)} of CPU time per file`;
    const raise = '(raise it with --max-file-time or "maxFileTime")';
    return {
      file: relativePath,
      kind: 'budget',
      message: analysed
        ? `scanned past ${budget}: its findings are reported ${raise}`
        : `not scanned: its first pass went past ${budget} ${raise}`,
    };
  }
}
