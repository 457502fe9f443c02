/**
 * Inline suppressions (ECOSYSTEM §2.11, §3.10).
 *
 * - `secure-db-disable-next-line <id>[, <id>] -- reason` and `secure-db-disable-line …`,
 *   after the file type's comment token (`#` for env files, YAML, Python, server config;
 *   `//` for Prisma; any comment in JS/TS). Ids are written with or without `secure-db/`;
 *   no id means every secure-db rule. JSON has no comments: use the baseline or `ignores`.
 * - In JS/TS, ESLint's own directives too, for secure-db rules: `eslint-disable-next-line`,
 *   `eslint-disable-line` and the `eslint-disable` / `eslint-enable` block pair, with
 *   ESLint's meaning (no rule list = every rule, ours included).
 * - Problems with directives are reported as warnings under the pseudo rule id
 *   `secure-db/disable-directive` (not a rule: it cannot be configured, baselined or
 *   disabled): a directive (or one of its ids) that suppressed nothing, an unknown rule id,
 *   and, in the `strict` profile, a directive without `-- reason`, which then suppresses
 *   nothing. ESLint directives that do not name a secure-db rule are never reported as
 *   unused: they may well be there for other rules.
 */
import { RULE_POLICIES } from '../core/policy.js';
import { lexComments } from './js-comments.js';
import type { LineIndex } from './locations.js';

export type DirectiveSyntax = 'js' | '#' | '//';
type Kind = 'disable-line' | 'disable-next-line' | 'disable' | 'enable';

export interface Directive {
  origin: 'secure-db' | 'eslint';
  kind: Kind;
  /** The keyword as written (`secure-db-disable-line`), for messages. */
  keyword: string;
  /** Short secure-db rule ids; null = every rule. */
  rules: string[] | null;
  /** Ids that are not secure-db rules (unknown `secure-db/…` ones are kept for a warning). */
  unknown: string[];
  reason: string | undefined;
  /** The comment's range. */
  range: readonly [number, number];
  /** The line a `-line` / `-next-line` directive covers. */
  targetLine: number;
}

export interface SuppressionTarget {
  /** Short rule id (`require-ssl`). */
  ruleId: string;
  offset: number;
  line: number;
}

export interface DirectiveProblem {
  messageId: 'unused' | 'missingReason' | 'unknownRule';
  message: string;
  range: readonly [number, number];
  /** What the problem is about, for a stable fingerprint. */
  key: string;
}

export interface SuppressionOutcome {
  /** target index → the directive's reason (possibly empty). */
  suppressed: Map<number, string>;
  problems: DirectiveProblem[];
}

const KNOWN = new Set(Object.keys(RULE_POLICIES));
const PREFILTER = /secure-db-disable|eslint-(?:disable|enable)/;

function splitReason(body: string): { list: string; reason: string | undefined } {
  const m = /\s-{2,}\s/.exec(body);
  if (!m) return { list: body.trim(), reason: undefined };
  const reason = body.slice(m.index + m[0].length).trim();
  return { list: body.slice(0, m.index).trim(), reason: reason || undefined };
}

/** Parses the text of one comment (without its delimiters) into a directive. */
function parseComment(
  value: string,
  range: readonly [number, number],
  startLine: number,
  endLine: number,
  allowEslint: boolean,
): Directive | undefined {
  const m =
    /^\s*(secure-db-disable-next-line|secure-db-disable-line|eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?=\s|$)([\s\S]*)$/.exec(
      value,
    );
  if (!m) return undefined;
  const keyword = m[1]!;
  const origin = keyword.startsWith('secure-db') ? 'secure-db' : 'eslint';
  if (origin === 'eslint' && !allowEslint) return undefined;
  const kind = keyword.replace(/^(?:secure-db|eslint)-/, '') as Kind;
  // ESLint ignores -line directives that span several lines; so do we.
  if ((kind === 'disable-line' || kind === 'disable-next-line') && startLine !== endLine)
    return undefined;
  const { list, reason } = splitReason(m[2] ?? '');
  const ids = list.split(/[\s,]+/).filter(Boolean);
  let rules: string[] | null = null;
  const unknown: string[] = [];
  if (ids.length > 0) {
    rules = [];
    for (const id of ids) {
      if (origin === 'eslint') {
        if (!id.startsWith('secure-db/')) continue; // another plugin's rule
        const short = id.slice('secure-db/'.length);
        if (KNOWN.has(short)) rules.push(short);
        else unknown.push(id);
      } else {
        const short = id.replace(/^secure-db\//, '');
        if (KNOWN.has(short)) rules.push(short);
        else unknown.push(`secure-db/${short}`);
      }
    }
    // An ESLint directive naming only other plugins' rules is not ours at all.
    if (origin === 'eslint' && rules.length === 0 && unknown.length === 0) return undefined;
  }
  return {
    origin,
    kind,
    keyword,
    rules,
    unknown,
    reason,
    range,
    targetLine: kind === 'disable-next-line' ? endLine + 1 : startLine,
  };
}

/** Finds the directives of one file. */
export function parseDirectives(
  text: string,
  syntax: DirectiveSyntax,
  lines: LineIndex,
  options: DirectiveOptions = {},
): Directive[] {
  if (!PREFILTER.test(text)) return [];
  if (syntax === 'js') return jsDirectives(text, lines, options);
  const directives: Directive[] = [];
  // The token at the start of a line or after white space (so `http://` and `a#b` are not
  // comments), then the keyword.
  const re =
    syntax === '#'
      ? /(^|[ \t])#+[ \t]*(?=secure-db-disable)([^\r\n]*)/gm
      : /(^|[ \t])\/{2,}[ \t]*(?=secure-db-disable)([^\r\n]*)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + (m[1]?.length ?? 0);
    const end = m.index + m[0].length;
    const line = lines.line(start);
    const d = parseComment(m[2] ?? '', [start, end], line, line, false);
    if (d) directives.push(d);
  }
  return directives;
}

export interface DirectiveOptions {
  /**
   * The file's comments, from its tree, when the caller has parsed it anyway (the scanner
   * parses the files that pass the keyword gate); it may throw when the file does not
   * parse, and then nothing is suppressed or reported. Without it, a comment lexer reads
   * them: a file is never parsed just for its directives.
   */
  comments?: () => readonly { value: string; range: readonly [number, number] }[];
}

function jsDirectives(text: string, lines: LineIndex, options: DirectiveOptions): Directive[] {
  let comments;
  try {
    comments = options.comments ? options.comments() : lexComments(text);
  } catch {
    return []; // a file that does not parse reports nothing to suppress
  }
  const directives: Directive[] = [];
  for (const c of comments) {
    const range = c.range;
    const d = parseComment(
      c.value,
      range,
      lines.line(range[0]),
      lines.line(Math.max(range[0], range[1] - 1)),
      true,
    );
    if (d) directives.push(d);
  }
  return directives;
}

function covers(d: Directive, ruleId: string): boolean {
  return d.rules === null || d.rules.includes(ruleId);
}

function displayList(d: Directive, rule: string | null): string {
  return rule
    ? `no problem from 'secure-db/${rule}' was reported`
    : 'no secure-db problem was reported';
}

/**
 * Applies directives to the targets of one file. In `strict`, a directive without a reason
 * suppresses nothing and is reported instead.
 */
export function applyDirectives(
  directives: readonly Directive[],
  targets: readonly SuppressionTarget[],
  options: { strict: boolean },
): SuppressionOutcome {
  const suppressed = new Map<number, string>();
  const problems: DirectiveProblem[] = [];
  const effective = (d: Directive) => !(options.strict && d.reason === undefined);
  /** Directive → short rule ids (or '*') it suppressed something for. */
  const used = new Map<Directive, Set<string>>();
  const markUsed = (d: Directive, rule: string) => {
    let set = used.get(d);
    if (!set) used.set(d, (set = new Set()));
    set.add(rule);
  };
  /** Directives that matched a target but could not suppress it (strict, no reason). */
  const wouldHave = new Set<Directive>();
  const blocks = directives
    .filter((d) => d.kind === 'disable' || d.kind === 'enable')
    .sort((a, b) => a.range[0] - b.range[0]);

  targets.forEach((target, index) => {
    const matching: Directive[] = [];
    for (const d of directives) {
      if (
        (d.kind === 'disable-line' || d.kind === 'disable-next-line') &&
        d.targetLine === target.line &&
        covers(d, target.ruleId)
      )
        matching.push(d);
    }
    const block = blockState(blocks, target);
    if (block) matching.push(block);
    for (const d of matching) {
      if (!effective(d)) {
        wouldHave.add(d);
        continue;
      }
      markUsed(d, target.ruleId);
      if (!suppressed.has(index)) suppressed.set(index, d.reason ?? '');
    }
  });

  for (const d of directives) {
    const at = d.range;
    for (const id of d.unknown) {
      problems.push({
        messageId: 'unknownRule',
        message: `Unknown rule '${id}' in an ${d.keyword} directive.`,
        range: at,
        key: `unknown:${id}`,
      });
    }
    if (!effective(d)) {
      // Strict: report a reasonless directive that is ours, or an ESLint one that matters to us.
      if (d.origin === 'secure-db' || d.rules !== null || wouldHave.has(d)) {
        problems.push({
          messageId: 'missingReason',
          message: `The ${d.keyword} directive has no "-- reason"; the strict profile requires one, so it suppresses nothing.`,
          range: at,
          key: `reason:${d.keyword}`,
        });
      }
      continue;
    }
    if (d.kind === 'enable') continue;
    const hits = used.get(d);
    if (d.rules === null) {
      if (!hits && d.origin === 'secure-db') {
        problems.push({
          messageId: 'unused',
          message: `Unused ${d.keyword} directive (${displayList(d, null)}).`,
          range: at,
          key: `unused:${d.keyword}:*`,
        });
      }
      continue;
    }
    for (const rule of d.rules) {
      if (hits?.has(rule)) continue;
      problems.push({
        messageId: 'unused',
        message: `Unused ${d.keyword} directive (${displayList(d, rule)}).`,
        range: at,
        key: `unused:${d.keyword}:${rule}`,
      });
    }
  }
  return { suppressed, problems };
}

/** The `eslint-disable` block directive in force for a target, if any (ESLint semantics). */
function blockState(
  blocks: readonly Directive[],
  target: SuppressionTarget,
): Directive | undefined {
  let all: Directive | undefined;
  const perRule = new Map<string, Directive | undefined>();
  for (const d of blocks) {
    if (d.range[0] >= target.offset) break;
    if (d.kind === 'disable') {
      if (d.rules === null) {
        all = d;
        perRule.clear();
      } else for (const r of d.rules) perRule.set(r, d);
    } else if (d.rules === null) {
      all = undefined;
      perRule.clear();
    } else for (const r of d.rules) perRule.set(r, undefined);
  }
  return perRule.has(target.ruleId) ? perRule.get(target.ruleId) : all;
}

/** Which directive syntax a file uses: JS comments for estree files, else the token. */
export function directiveSyntax(
  frontendName: string,
  commentToken: '#' | '//' | null,
): DirectiveSyntax | null {
  if (frontendName === 'estree') return 'js';
  return commentToken;
}
