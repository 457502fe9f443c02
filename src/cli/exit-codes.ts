/** ESLint's exit codes (ECOSYSTEM §2.8, §3.9). */
export const EXIT = {
  /** No error-level result, warnings within `--max-warnings`. */
  clean: 0,
  /** Error-level results, or more warnings than `--max-warnings`. */
  findings: 1,
  /** Usage or configuration error, internal error, or unused baseline entries. */
  error: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
