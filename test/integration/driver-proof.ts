/**
 * Shared by the "proof of the fixes" suites: run a client against real servers in four
 * trust situations, turn what happened into a DRIVERS.md verdict, and lint / fix the same
 * source with the plugin.
 *
 * Situations (one server per certificate, the test CA trusted or not):
 *   trusted   server certificate for the host, the test CA trusted the documented way;
 *   mismatch  server certificate for another name, same CA, CA trusted;
 *   untrusted server certificate for the host, CA NOT trusted (unless the code pins it itself);
 *   plain     server without TLS.
 * Verdict: any plaintext session → NO-TLS; the mismatching certificate accepted → NO-VERIFY
 * when the untrusted one is accepted too, else NO-HOST (chain checked, host name not); else OK.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { expect } from 'vitest';
import plugin from '../../src/plugin/index.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD_TIMEOUT_MS = 20_000;

export type RuleId =
  | 'secure-db/require-ssl'
  | 'secure-db/no-weak-sslmode'
  | 'secure-db/no-disabled-cert-verification'
  | 'secure-db/min-tls-version'
  | 'secure-db/no-hardcoded-credentials';
export type Situation = 'trusted' | 'mismatch' | 'untrusted' | 'plain';
export const SITUATIONS: readonly Situation[] = ['trusted', 'mismatch', 'untrusted', 'plain'];
export type Verdict = 'NO-TLS' | 'NO-VERIFY' | 'NO-HOST' | 'OK';

/**
 * `plaintext` / `tls`: connected, and the server says the session is (not) encrypted.
 * `fail:untrusted-certificate`: refused, the chain does not lead to a trusted CA;
 * `fail:host-name`: refused, the certificate is for another name;
 * `fail:no-tls`: refused because the server offers no TLS (no fallback to plaintext).
 */
export type Observed =
  'plaintext' | 'tls' | 'fail:untrusted-certificate' | 'fail:host-name' | 'fail:no-tls';

export const PLAINTEXT = {
  trusted: 'plaintext',
  mismatch: 'plaintext',
  untrusted: 'plaintext',
  plain: 'plaintext',
} as const;
export const UNVERIFIED = {
  trusted: 'tls',
  mismatch: 'tls',
  untrusted: 'tls',
  plain: 'fail:no-tls',
} as const;
export const VERIFIED = {
  trusted: 'tls',
  mismatch: 'fail:host-name',
  untrusted: 'fail:untrusted-certificate',
  plain: 'fail:no-tls',
} as const;
/** The code pins the CA itself, so "untrusted" (CA not trusted by the environment) still verifies. */
export const VERIFIED_PINNED = { ...VERIFIED, untrusted: 'tls' } as const;
/** The chain is checked, the host name is not. */
export const HOST_UNCHECKED = { ...VERIFIED, mismatch: 'tls' } as const;

/** What a child reports: connected (and whether the session is encrypted), or the error. */
export interface Outcome {
  connected: boolean;
  ssl?: boolean;
  /** Every `code` on the error and on the errors it wraps (`original`, `parent`, `cause`). */
  codes?: string[];
  message?: string;
}

/**
 * Defines `__report(outcome)` and `__failure(error)` for a case module: ORMs wrap the
 * driver's error (Sequelize `original`, Slonik `cause`, AggregateError `errors`), so the
 * codes of the whole chain are collected.
 */
const PRELUDE = `
const __report = (o) => process.stdout.write('\\n@@OUTCOME@@' + JSON.stringify(o) + '\\n');
const __failure = (e) => {
  const seen = [];
  const queue = [e];
  while (queue.length && seen.length < 12) {
    const x = queue.shift();
    if (!x || typeof x !== 'object' || seen.includes(x)) continue;
    seen.push(x);
    queue.push(x.original, x.parent, x.cause, ...(Array.isArray(x.errors) ? x.errors : []));
  }
  return {
    connected: false,
    codes: seen.map((x) => x.code).filter((c) => typeof c === 'string'),
    message: seen.map((x) => String(x.message ?? '')).join(' | '),
  };
};
// Some clients (Slonik 47) let a connection error escape as an 'error' event: still a refusal.
process.on('uncaughtException', (e) => {
  __report(__failure(e));
  process.exit(0);
});
`;

/** Runs `source + epilogue` as an ES module in a child Node process; the epilogue calls `__report`. */
export function runNodeModule(
  source: string,
  epilogue: string,
  env: Record<string, string>,
): Promise<Outcome> {
  return runChild(
    process.execPath,
    ['--input-type=module', '-e', PRELUDE + source + epilogue],
    env,
  );
}

/** Runs a program that prints one `@@OUTCOME@@{json}` line. */
export function runChild(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
  cwd = REPO_ROOT,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    // A minimal environment: no PG*/PGSSL*/NODE_TLS_* from the test runner leaks in.
    const child = spawn(file, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      timeout: CHILD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith('@@OUTCOME@@'));
      if (!line) {
        reject(
          new Error(
            `child gave no outcome (status ${status}, signal ${signal}):\n${stdout}\n${stderr}`,
          ),
        );
        return;
      }
      resolve(JSON.parse(line.slice('@@OUTCOME@@'.length)) as Outcome);
    });
  });
}

/** OpenSSL's codes for a chain that does not lead to a trusted CA. */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', // the server sent its certificate alone (PostgreSQL)
  'SELF_SIGNED_CERT_IN_CHAIN', // the server sent the CA too (MariaDB with ssl-ca)
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/** Node clients (pg underneath, or mysql2): what their errors mean. */
export function classifyNode(outcome: Outcome): Observed | `unexpected: ${string}` {
  if (outcome.connected) return outcome.ssl ? 'tls' : 'plaintext';
  const codes = outcome.codes ?? [];
  const message = outcome.message ?? '';
  if (codes.some((code) => UNTRUSTED_CODES.has(code))) return 'fail:untrusted-certificate';
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID')) return 'fail:host-name';
  // mysql2 wraps TLS errors as HANDSHAKE_SSL_ERROR and keeps only Node's message.
  if (codes.includes('HANDSHAKE_SSL_ERROR')) {
    if (/does not match certificate's altnames/.test(message)) return 'fail:host-name';
    if (
      /self-signed certificate in certificate chain|unable to verify the first certificate/.test(
        message,
      )
    )
      return 'fail:untrusted-certificate';
  }
  // pg: "The server does not support SSL connections"; mysql2: "Server does not support
  // secure connection".
  if (/does not support (?:SSL|secure connection)/i.test(message)) return 'fail:no-tls';
  // postgres.js (any mode but 'prefer') starts the TLS handshake anyway and the server,
  // waiting for a plaintext startup packet, hangs up: never a plaintext session either.
  if (codes.includes('ECONNRESET') && /before secure TLS connection was established/.test(message))
    return 'fail:no-tls';
  return `unexpected: ${codes.join(',')} ${message}`;
}

export function verdictOf(observed: Record<Situation, string>): Verdict {
  if (SITUATIONS.some((s) => observed[s] === 'plaintext')) return 'NO-TLS';
  if (observed.mismatch === 'tls') return observed.untrusted === 'tls' ? 'NO-VERIFY' : 'NO-HOST';
  return 'OK';
}

/** Which plugin findings describe a verdict (DRIVERS.md "Verdict codes"). */
export const FINDINGS_FOR: Record<Verdict, readonly RuleId[]> = {
  'NO-TLS': ['secure-db/require-ssl', 'secure-db/no-weak-sslmode'],
  'NO-VERIFY': ['secure-db/no-disabled-cert-verification', 'secure-db/no-weak-sslmode'],
  'NO-HOST': ['secure-db/no-disabled-cert-verification', 'secure-db/no-weak-sslmode'],
  OK: [],
};

// ---------------------------------------------------------------------------------------
// The plugin on the same source

const linter = new Linter();
const LINT_CONFIG: Linter.Config[] = [
  { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  { ...plugin.configs.recommended, files: ['**/*.js'] },
];

/** Lints as `src/db.js` (no environment evidence: POLICY treats it as production). */
export function lint(source: string): Linter.LintMessage[] {
  const messages = linter.verify(source, LINT_CONFIG, { filename: 'src/db.js' });
  expect(messages.filter((m) => m.fatal || !m.ruleId?.startsWith('secure-db/'))).toEqual([]);
  return messages;
}

/** When the plugin offers no suggestion: the value its message names, applied as a text edit. */
export interface ManualFix {
  says: string;
  replace: [string, string];
}

export function applyFix(
  source: string,
  message: Linter.LintMessage,
  manual: ManualFix | undefined,
): string {
  const edit = message.suggestions?.[0]?.fix ?? message.fix;
  if (edit) {
    expect(manual, 'the plugin now offers a suggestion: drop manualFix').toBeUndefined();
    return source.slice(0, edit.range[0]) + edit.text + source.slice(edit.range[1]);
  }
  if (!manual) throw new Error(`finding without a suggestion and no manualFix: ${message.message}`);
  expect(message.message).toContain(`Use ${manual.says}`);
  expect(source).toContain(manual.replace[0]);
  return source.replace(manual.replace[0], manual.replace[1]);
}
