/**
 * What counts as a secret, and how a secret is shown (POLICY.md "Credentials: what is a
 * secret" and "Output"). Pure: no I/O, no dependencies.
 */
import { parseShellDefault } from './vocabulary.js';

/**
 * - `empty`: no value at all (a placeholder in POLICY's terms; never reported).
 * - `placeholder`: template syntax, ALL-CAPS identifier, mask; never reported.
 * - `default-word`: a well-known weak password (`postgres`, `root`, `password1`, the user
 *   name again); reported in production and unknown sites only.
 * - `real-looking`: reported everywhere except test files.
 * - `weak`: any other literal (`hunter2`, `s3cret99`). POLICY does not name it, but it is
 *   still a hardcoded password, so checks treat it exactly like `default-word`.
 */
export type SecretKind = 'empty' | 'placeholder' | 'default-word' | 'real-looking' | 'weak';

export interface ClassifyOptions {
  /** The user name of the same credential; a password equal to it is a default word. */
  user?: string;
}

export function classifySecret(value: string, opts: ClassifyOptions = {}): SecretKind {
  const v = value.trim();
  if (v === '') return 'empty';
  // `${DB_PASSWORD:-pw}` is an env read whose literal fallback is hardcoded (POLICY
  // "Values that are not literals"), so it is judged by the fallback, not as a template.
  const fallback = parseShellDefault(v)?.fallback;
  if (fallback !== undefined) return classifySecret(fallback, opts);
  if (isPlaceholder(v)) return 'placeholder';
  if (isDefaultWord(v, opts.user)) return 'default-word';
  if (isRealLooking(v)) return 'real-looking';
  return 'weak';
}

// ---------------------------------------------------------------------------------------
// Placeholders

// Every pattern is anchored or has no unbounded run before a fixed character, so each is
// linear in the value's length; `${…}` and `{{…}}` anywhere are scanned by hand below
// (as regexes they cost a pass per opening, quadratic on a run of `${`).
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $X
  /^\$\([A-Za-z_][A-Za-z0-9_.]*\)$/, // $(X) (Azure Pipelines, make)
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %X% (Windows)
  /^<\s*[A-Za-z][\w .-]*>$/, // <password>, <your password>
  /^\[\s*[A-Za-z][\w .-]*\]$/, // [password]
  /^[xX*•●]{3,}$/, // masks: xxx, ***, •••
  // Instructions rather than values: your_password, YourPassword, password_here.
  /^your.*(?:pass|pwd|pw|secret|key|token)/i,
  /[\s_-]here$/i,
  // A sentence telling the reader what to write: replace-me-with-a-random-string,
  // change_this_to_something_secret, generate-a-long-password (three words or more).
  /^(?:replace|change|insert|enter|put|set|fill|generate|use|add|type)(?:[\s_-][a-z0-9]+){2,}$/i,
  // A path to a file that holds the password (Docker secrets, mounted Kubernetes secrets):
  // the value names where the secret is, it is not the secret.
  /^\/(?:run|var|etc|mnt|secrets?|vault|opt)(?:\/[\w.@-]+)+$/,
];

/**
 * ALL-CAPS identifier-like tokens (PASSWORD, DB_PASS, YOUR-PASSWORD). A token with digits
 * must also have a separator: `AKIAIOSFODNN7EXAMPLE`-shaped strings are keys, not names.
 */
function isCapsIdentifier(v: string): boolean {
  if (v.length < 2 || !/^[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)*$/.test(v)) return false;
  return /[_-]/.test(v) || !/\d/.test(v);
}

function isPlaceholder(v: string): boolean {
  return (
    isCapsIdentifier(v) ||
    hasInterpolation(v) ||
    hasMustache(v) ||
    PLACEHOLDER_PATTERNS.some((re) => re.test(v))
  );
}

/** `${X}` anywhere: the value is interpolated, not literal. The first `${` decides. */
export function hasInterpolation(v: string): boolean {
  const open = v.indexOf('${');
  return open >= 0 && v.indexOf('}', open + 2) >= 0;
}

/**
 * `{{x}}` anywhere (Helm, Jinja, Mustache): a `{{` whose first `}` starts `}}`. Every `{{`
 * before a given `}` shares that `}`, so each character is looked at a bounded number of times.
 */
function hasMustache(v: string): boolean {
  for (let from = 0; ;) {
    const open = v.indexOf('{{', from);
    if (open < 0) return false;
    const close = v.indexOf('}', open + 2);
    if (close < 0) return false;
    if (v.charCodeAt(close + 1) === 0x7d) return true;
    from = close + 1;
  }
}

// ---------------------------------------------------------------------------------------
// Default words

/** Words that are, on their own or combined, a well-known default or weak password. */
const DEFAULT_WORDS: ReadonlySet<string> = new Set([
  'postgres',
  'postgresql',
  'postgis',
  'pgsql',
  'pg',
  'root',
  'toor',
  'password',
  'passwort',
  'passwd',
  'passw',
  'pass',
  'pwd',
  'pw',
  'admin',
  'administrator',
  'secret',
  'changeme',
  'changeit',
  'example',
  'test',
  'tester',
  'testing',
  'demo',
  'sample',
  'guest',
  'user',
  'username',
  'default',
  'mysql',
  'mariadb',
  'mongo',
  'mongodb',
  'redis',
  'sa',
  'sql',
  'sqlserver',
  'mssql',
  'oracle',
  'letmein',
  'welcome',
  'qwerty',
  'qwertz',
  'azerty',
  'asdf',
  'asdfgh',
  'zxcvbn',
  'abc',
  'abcd',
  'abcdef',
  'iloveyou',
  'monkey',
  'dragon',
  'master',
  'login',
  'super',
  'superuser',
  'system',
  'manager',
  'temp',
  'tmp',
  'trustno',
]);

/**
 * Words that only pad a default word (`mysecretpassword`, `my-secret-pw`, `supersecret`):
 * they make a default word no stronger, but alone they are not one.
 */
const FILLER_WORDS: ReadonlySet<string> = new Set([
  'my',
  'the',
  'our',
  'new',
  'top',
  'very',
  'strong',
  'db',
  'database',
  'app',
  'dev',
  'local',
  'prod',
  'docker',
  // Instructions run together into one word (`changePassword`, `replacePassword`).
  'change',
  'replace',
]);

/** Two-letter defaults that would let almost anything segment; they only count alone. */
const WHOLE_ONLY_WORDS: ReadonlySet<string> = new Set(['sa']);

/** Common character substitutions (`p@ssw0rd`, `s3cr3t`, `adm1n`). */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

function isDefaultWord(v: string, user: string | undefined): boolean {
  const lower = v.toLowerCase();
  const u = user?.trim().toLowerCase();
  // The user name again, optionally with a short numeric or symbol suffix (app / app123).
  if (u && (lower === u || (lower.startsWith(u) && /^[\d\W_]{1,4}$/.test(lower.slice(u.length))))) {
    return true;
  }
  if (/^\d+$/.test(lower)) return isTrivialNumber(lower);
  // Digits and symbols around a word add nothing: admin123, Password1!, 2024postgres.
  const core = lower.replace(/^\P{L}+|\P{L}+$/gu, '');
  if (core === '') return false;
  const word = Array.from(core, (c) => LEET[c] ?? c)
    .join('')
    .replace(/[\s_.-]+/g, '');
  // A compound of several words (`mysecretpassword`, `MyDbPassword2024!`) is weak; once
  // its letters are themselves mixed with digits and symbols (`Sup3r-S3cret-Ex4mple!`,
  // three classes inside the word) it meets POLICY's real-looking test instead.
  const plainCompound = characterClasses(v) < 3 || /^\p{L}+$/u.test(core);
  return DEFAULT_WORDS.has(word) || (plainCompound && segmentsIntoDefaults(word));
}

/** 123456, 4321, 000000: a run of one digit or a consecutive ascending/descending run. */
function isTrivialNumber(digits: string): boolean {
  if (digits.length > 12) return false;
  let up = true;
  let down = true;
  let same = true;
  for (let i = 1; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - digits.charCodeAt(i - 1);
    if (d !== 1 && d !== -9) up = false;
    if (d !== -1 && d !== 9) down = false;
    if (d !== 0) same = false;
  }
  return up || down || same;
}

/**
 * Whether `word` is a concatenation of default and filler words with at least one default
 * word (`mysecretpassword`, `adminadmin`, `rootpassword`). A small dynamic programme: state
 * 0 = unreachable, 1 = reachable with fillers only, 2 = reachable with a default word.
 */
function segmentsIntoDefaults(word: string): boolean {
  if (word.length > 64 || !/^[a-z]+$/.test(word)) return false;
  const state = new Uint8Array(word.length + 1);
  state[0] = 1;
  for (let i = 0; i < word.length; i++) {
    const from = state[i] ?? 0;
    if (from === 0) continue;
    for (let j = i + 2; j <= Math.min(word.length, i + 13); j++) {
      const piece = word.slice(i, j);
      let to = 0;
      if (DEFAULT_WORDS.has(piece) && !WHOLE_ONLY_WORDS.has(piece)) to = 2;
      else if (FILLER_WORDS.has(piece)) to = from;
      if (to > (state[j] ?? 0)) state[j] = to;
    }
  }
  return state[word.length] === 2;
}

// ---------------------------------------------------------------------------------------
// Real-looking

/** Length with three character classes (POLICY's wording). */
const CLASS_MIN_LENGTH = 8;
/**
 * The entropy route catches long random strings with two classes (hex tokens, base32,
 * lower-case+digit keys). 3.5 bits/char over at least 12 characters is met by random
 * hex/alphanumeric strings but not by ordinary words (`internationalization` ≈ 3.1).
 * Entropy over so few characters mostly measures "all different", which one-class strings
 * such as `abcdefghijklmnop` or lower-case phrases also reach, hence the second class.
 */
const ENTROPY_MIN_LENGTH = 12;
const ENTROPY_MIN_BITS = 3.5;

/**
 * Words no random key spells: a two-class value that holds one is a phrase
 * (`mybookclubpassword123`), however many distinct letters it has.
 */
const PHRASE_WORDS = /password|passwd|secret|changeme/i;

function isRealLooking(v: string): boolean {
  const chars = Array.from(v);
  if (chars.length >= CLASS_MIN_LENGTH && characterClasses(v) >= 3) return true;
  return (
    chars.length >= ENTROPY_MIN_LENGTH &&
    characterClasses(v) >= 2 &&
    !PHRASE_WORDS.test(v) &&
    shannonEntropy(chars) >= ENTROPY_MIN_BITS
  );
}

function characterClasses(v: string): number {
  let n = 0;
  if (/\p{Ll}/u.test(v)) n++;
  if (/\p{Lu}/u.test(v)) n++;
  if (/\p{Nd}/u.test(v)) n++;
  if (/[^\p{L}\p{Nd}]/u.test(v)) n++;
  return n;
}

/** Shannon entropy in bits per character (code point). */
function shannonEntropy(chars: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

// ---------------------------------------------------------------------------------------
// Output

/** Below this length even the first character is too much of a hint, so nothing is shown. */
const MASK_MIN_LENGTH = 8;

/**
 * THE redaction function: every output path (messages, JSON, SARIF, fix previews, logs,
 * errors) shows a secret only through it. It reveals at most the first character and the
 * length, and only for secrets of 8 or more characters: `s*** (12 chars)`; shorter ones
 * (including the empty string) become `***`. Length is counted in code points so an
 * astral first character is never split.
 */
export function maskSecret(value: string): string {
  const chars = Array.from(value);
  if (chars.length < MASK_MIN_LENGTH) return '***';
  return `${chars[0] ?? ''}*** (${chars.length} chars)`;
}

/**
 * Safety net for text built from source (error messages, parser errors): replaces every
 * occurrence of each secret, and of its percent-encoded spelling as it appears inside a
 * URL, with its mask. One left-to-right pass, longest secret first, so a secret that
 * contains another is masked whole and masks are never re-scanned. For many texts, build
 * one `SecretRedactor` instead.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  return new SecretRedactor(secrets).redact(text);
}

/**
 * Every spelling under which a secret can reach output: as written, percent-encoded (a URL
 * built from it), percent-decoded (the password a URL spells), and each of those escaped
 * as inside a JSON string (JSON and SARIF reports).
 */
function spellings(secret: string): string[] {
  const forms = new Set([secret]);
  for (const form of [safeEncode(secret), safeDecode(secret)])
    if (form !== undefined) forms.add(form);
  for (const form of [...forms]) forms.add(JSON.stringify(form).slice(1, -1));
  return [...forms];
}

/**
 * Masks a fixed set of secrets in any number of texts, each in one pass (Aho–Corasick):
 * time linear in the text plus the matches, however many secrets a scan found — a regex
 * alternation of 5,000 secrets costs 5,000 comparisons per character. Matching is
 * leftmost-longest and non-overlapping, as the alternation sorted longest first was.
 */
export class SecretRedactor {
  /** Per pattern: its length and its mask. */
  private readonly lengths: number[] = [];
  private readonly masks: string[] = [];
  /** Trie edges, keyed `state * 0x10000 + UTF-16 code unit`. */
  private readonly edges = new Map<number, number>();
  /**
   * Per state: the pattern spelled by the path to it (or -1), its failure link, and the
   * nearest state on its failure chain that ends a pattern (or -1).
   */
  private readonly ends: number[] = [-1];
  private fail: Int32Array = new Int32Array(1);
  private nextEnd: Int32Array = new Int32Array(1).fill(-1);

  constructor(secrets: Iterable<string>) {
    const seen = new Set<string>();
    for (const secret of secrets) {
      if (secret.length === 0) continue;
      const mask = maskSecret(secret);
      for (const form of spellings(secret)) {
        if (seen.has(form)) continue;
        seen.add(form);
        this.add(form, mask);
      }
    }
    this.link();
  }

  get size(): number {
    return this.masks.length;
  }

  redact(text: string): string {
    if (this.masks.length === 0 || text.length === 0) return text;
    // The longest pattern starting at each position (+1; 0: none), allocated on a match.
    let longest: Int32Array | undefined;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let next = this.edges.get(state * 0x10000 + unit);
      while (next === undefined && state !== 0) {
        state = this.fail[state]!;
        next = this.edges.get(state * 0x10000 + unit);
      }
      state = next ?? 0;
      for (let s = this.ends[state]! >= 0 ? state : this.nextEnd[state]!; s >= 0;) {
        const pattern = this.ends[s]!;
        const start = i - this.lengths[pattern]! + 1;
        longest ??= new Int32Array(text.length);
        const known = longest[start]! - 1;
        if (known < 0 || this.lengths[known]! < this.lengths[pattern]!)
          longest[start] = pattern + 1;
        s = this.nextEnd[s]!;
      }
    }
    if (!longest) return text;
    const parts: string[] = [];
    let copied = 0;
    for (let i = 0; i < text.length;) {
      const pattern = longest[i]! - 1;
      if (pattern < 0) {
        i++;
        continue;
      }
      parts.push(text.slice(copied, i), this.masks[pattern]!);
      i += this.lengths[pattern]!;
      copied = i;
    }
    parts.push(text.slice(copied));
    return parts.join('');
  }

  private add(pattern: string, mask: string): void {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const key = state * 0x10000 + pattern.charCodeAt(i);
      let next = this.edges.get(key);
      if (next === undefined) {
        next = this.ends.length;
        this.ends.push(-1);
        this.edges.set(key, next);
      }
      state = next;
    }
    this.ends[state] = this.masks.length;
    this.lengths.push(pattern.length);
    this.masks.push(mask);
  }

  /** Failure links breadth first, as Aho and Corasick build them. */
  private link(): void {
    const states = this.ends.length;
    this.fail = new Int32Array(states);
    this.nextEnd = new Int32Array(states).fill(-1);
    const children: number[][] = Array.from({ length: states }, () => []);
    const unitOf = new Int32Array(states);
    for (const [key, child] of this.edges) {
      children[Math.floor(key / 0x10000)]!.push(child);
      unitOf[child] = key % 0x10000;
    }
    const queue: number[] = [...children[0]!];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const child of children[state]!) {
        let f = this.fail[state]!;
        let target = this.edges.get(f * 0x10000 + unitOf[child]!);
        while (target === undefined && f !== 0) {
          f = this.fail[f]!;
          target = this.edges.get(f * 0x10000 + unitOf[child]!);
        }
        const failTo = target !== undefined && target !== child ? target : 0;
        this.fail[child] = failTo;
        this.nextEnd[child] = this.ends[failTo]! >= 0 ? failTo : this.nextEnd[failTo]!;
        queue.push(child);
      }
    }
  }
}

/**
 * Parser errors quote the token they stopped at (`Unexpected token 'Zq8#…'`), which is a
 * password when a `:` is missing before it, and a file that does not parse has no findings
 * to learn its secrets from. So in such text every quoted fragment that looks like a
 * secret (POLICY's real-looking test) is masked, found by the scan or not.
 */
export function maskQuotedSecrets(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const quote = text[i]!;
    // `/…/`: an invalid regular expression is quoted between slashes.
    if (quote !== "'" && quote !== '"' && quote !== '`' && quote !== '/') continue;
    const close = text.indexOf(quote, i + 1);
    if (close < 0) continue;
    const inner = text.slice(i + 1, close);
    if (classifySecret(inner) !== 'real-looking') continue; // maybe an apostrophe: go on
    out += text.slice(copied, i + 1) + maskSecret(inner);
    copied = close;
    i = close;
  }
  return out + text.slice(copied);
}

function safeEncode(s: string): string | undefined {
  try {
    return encodeURIComponent(s);
  } catch {
    return undefined; // lone surrogate
  }
}

function safeDecode(s: string): string | undefined {
  if (!s.includes('%')) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined; // not percent-encoded
  }
}

/**
 * A setting's value as a message may quote it (`PGSSLMODE=verify_full is not an sslmode`):
 * as written, unless it looks like a password pasted into the wrong variable, which is
 * masked like any secret.
 */
export function shownSettingValue(value: string): string {
  return classifySecret(value) === 'real-looking' ? maskSecret(value) : value;
}
