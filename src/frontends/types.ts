/**
 * The front-end contract: what a front-end receives and returns. The scanner (and any other
 * host) depends on it; front-ends import it from here, never from the scanner. Front-ends
 * lower syntax into the core model and call `runChecks`; they decide no policy.
 */
import type { UrlSemantics } from '../core/readers/url.js';
import type { FileModel } from '../core/analysis.js';
import type { FixPrinter } from '../core/fixes.js';
import type { FileInfo, PolicyOptions } from '../core/model.js';

/** One file as read from disk (or from the git index), decoded. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** POSIX path relative to the scan's working directory (what every output shows). */
  relativePath: string;
  /** The text without a byte order mark; offsets in findings index into this. */
  text: string;
  /** The file started with a UTF-8 BOM (fixes write it back). */
  bom: boolean;
}

export type LineEnding = '\n' | '\r\n' | '\r';

/** A decoded file plus what the fix engine needs to write it back as it was. */
export interface ReadSourceFile extends SourceFile {
  lineEnding: LineEnding;
  /** The bytes were not valid UTF-8 and were decoded with replacement characters. */
  replacedInvalidUtf8: boolean;
}

/**
 * Facts one file gives about another, gathered in a first pass over the project: which
 * consumer reads the connection string in an environment variable (DRIVERS §1: a
 * `schema.prisma` `env("DATABASE_URL")` → Prisma, `new Pool({ connectionString:
 * process.env.DATABASE_URL })` → pg; otherwise libpq).
 */
export interface ProjectFacts {
  /** Who reads the URL in each variable; `semantics` absent: by the URL's scheme. */
  urlConsumers: Map<string, { semantics?: UrlSemantics; driver: string }>;
  /** Files a `.sequelizerc` names as sequelize-cli's config (relative paths). */
  sequelizeConfigs?: ReadonlySet<string>;
  /**
   * Per directory (relative, POSIX): the hosts the services of its base compose file answer
   * to, for the override file compose merges with it; `swarm` when the base is a stack.
   */
  composeHosts?: Map<string, { hosts: readonly string[]; swarm: boolean }>;
}

export interface FrontendContext {
  file: FileInfo;
  options: PolicyOptions;
  project: ProjectFacts;
}

/** A problem with an input, not a finding: unreadable, unparsable, too large. Never holds file content. */
export interface Diagnostic {
  /** POSIX path relative to the working directory. */
  file: string;
  message: string;
  /**
   * `internal`: the front-end itself failed (an exception inside its reader), so the file's
   * findings may be missing; the scan exits 2. `budget`: the file is past its size or time
   * budget, so it was not (fully) scanned; the scan exits 2 too. `input` (the default): a
   * problem with the input.
   */
  kind?: 'input' | 'internal' | 'budget';
}

export interface FrontendOutput {
  /** The file lowered into the model: nothing judged (the host runs the checks once). */
  model: FileModel;
  diagnostics: Diagnostic[];
}

export interface Frontend {
  /** `dotenv`, `yaml`, `json`, `python`, `prisma`, `postgres-conf`, `estree`. */
  name: string;
  /** Whether this front-end reads the file (by POSIX relative path). */
  matches(relativePath: string): boolean;
  /** The comment token for inline suppressions (`#`, `//`), or null where there are no comments (JSON). */
  commentToken: '#' | '//' | null;
  /**
   * Optional one-time preparation before any `collectFacts` or `analyze` (a parser to
   * instantiate, a module to import). A scan awaits it only when it reads a file that needs
   * it (`needsLoad`); if it rejects, those files are reported as internal errors.
   */
  load?(): Promise<void>;
  /**
   * Whether `load()`'s work is still in place: false again after the parser crashed and
   * dropped its instance, so the scan loads it again before the next file that needs it.
   */
  isLoaded?(): boolean;
  /**
   * The cheap gate: whether analysing this file needs `load()` (default: every file the
   * front-end reads does). A file for which it is false must be analysable without it.
   */
  needsLoad?(source: SourceFile): boolean;
  /** Optional first pass: record facts other files need (URL consumers). */
  collectFacts?(source: SourceFile, facts: ProjectFacts): void;
  analyze(source: SourceFile, context: FrontendContext): FrontendOutput;
  /** Spells fix values in this kind of file (default: JavaScript's spelling). */
  printer?: (source: SourceFile) => FixPrinter;
}
