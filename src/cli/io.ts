/** What a command sees of the process: its streams, environment and directory (tests pass their own). */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** What `--stdin` reads (default: the process's stdin). */
  stdin?: NodeJS.ReadableStream;
}
