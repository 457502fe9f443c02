/**
 * The rules of one `.gitignore`, bounded. The `ignore` package tests every rule, as a
 * regular expression, against each path and its parents: a 200,000-line `.gitignore` took
 * 32 s to build and test, and a pull request controls that file. So:
 *
 * - a file of at most `MAX_GITIGNORE_GLOBS` rules goes to `ignore` whole (git's semantics
 *   exactly, negations and their order included);
 * - a larger one is split: plain paths (no glob character, no `!`, no `\`) go into sets
 *   looked up per path, at any count; the other rules (globs, negations) go to `ignore` in
 *   their order, the first `MAX_GITIGNORE_GLOBS` of them, and a diagnostic says how many
 *   were left out (the files they would ignore are scanned: more, never less). A glob or
 *   negation that matches decides; otherwise a plain path does, as if the plain paths came
 *   first — only `!x` before `x` reads differently (git ignores, this scans).
 */
import ignore from 'ignore';

/** Rules past which a `.gitignore` is split, and glob rules read from a split one. */
export const MAX_GITIGNORE_GLOBS = 1_000;

interface IgnoreVerdict {
  ignored: boolean;
  unignored: boolean;
}

export interface GitignoreRules {
  /** `path`: POSIX, relative to the `.gitignore`'s directory. */
  test(path: string, directory: boolean): IgnoreVerdict;
  /** Glob and negation rules past the limit, not applied (0 for most files). */
  readonly globsLeftOut: number;
}

const NOT_PLAIN = /[*?[\\!]/;
const NEITHER: IgnoreVerdict = { ignored: false, unignored: false };
const IGNORED: IgnoreVerdict = { ignored: true, unignored: false };

/** The rules of a `.gitignore` text. */
export function gitignoreRules(text: string): GitignoreRules {
  const lines = text.split('\n');
  const rules: string[] = [];
  for (const line of lines) {
    // Comments and blank lines are no rules; neither are a CR or unescaped trailing spaces.
    const rule = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (rule.trim() !== '' && !rule.startsWith('#')) rules.push(rule);
  }
  if (rules.length <= MAX_GITIGNORE_GLOBS) {
    const whole = ignore().add(text);
    return {
      test: (path, directory) => whole.test(directory ? `${path}/` : path),
      globsLeftOut: 0,
    };
  }
  return splitRules(rules);
}

function splitRules(rules: readonly string[]): GitignoreRules {
  /** Names matched at any depth (`foo`, `foo/` in `dirNames`), and paths from the base. */
  const names = new Set<string>();
  const dirNames = new Set<string>();
  const paths = new Set<string>();
  const dirPaths = new Set<string>();
  const globs: string[] = [];
  let globsLeftOut = 0;
  for (const raw of rules) {
    if (NOT_PLAIN.test(raw)) {
      if (globs.length < MAX_GITIGNORE_GLOBS) globs.push(raw);
      else globsLeftOut++;
      continue;
    }
    let rule = raw.replace(/ +$/, '');
    const directoryOnly = rule.endsWith('/');
    rule = rule.replace(/\/+$/, '');
    // A slash before the end anchors the rule to the `.gitignore`'s directory.
    const anchored = rule.includes('/');
    rule = rule.replace(/^\/+/, '');
    if (rule === '') continue;
    if (anchored) (directoryOnly ? dirPaths : paths).add(rule);
    else (directoryOnly ? dirNames : names).add(rule);
  }
  const globRules = globs.length > 0 ? ignore().add(globs) : undefined;
  return {
    globsLeftOut,
    test(path, directory) {
      const verdict = globRules?.test(directory ? `${path}/` : path);
      if (verdict && (verdict.ignored || verdict.unignored)) return verdict;
      const name = path.slice(path.lastIndexOf('/') + 1);
      const plain =
        names.has(name) ||
        paths.has(path) ||
        (directory && (dirNames.has(name) || dirPaths.has(path)));
      return plain ? IGNORED : NEITHER;
    },
  };
}
