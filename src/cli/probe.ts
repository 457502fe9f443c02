/** `secure-db probe`: check a running PostgreSQL server's TLS and authentication (docs/probe.md). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readPackageMeta } from '../package-meta.js';
import { ProbeFailure } from '../probe/failure.js';
import { judge } from '../probe/judge.js';
import { probe } from '../probe/probe.js';
import { promptPassword } from '../probe/prompt.js';
import {
  buildProbeJson,
  failureMessage,
  formatFacts,
  toScanResult,
  type ProbeOutcome,
} from '../probe/report.js';
import { resolveTarget, TargetError, type ResolvedTarget } from '../probe/target.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

export const PROBE_HELP = `Usage: secure-db probe <postgres-url> [options]
       secure-db probe --url-env NAME [options]
       secure-db probe --env-file FILE [options]
       secure-db probe --host HOST [--port PORT] [--user USER] [--dbname DB] [options]

Check a running PostgreSQL server from the outside: whether it offers TLS, which
protocol and cipher it negotiates, whether it also accepts TLS 1.0/1.1 and plaintext
sessions, its certificate (chain, host name, expiry) and its authentication method.
Only the named host is contacted; no query runs without --connect.

The password is never an argument: it comes from PGPASSWORD, from the URL in
--url-env, from the env file, or (with --connect on a terminal) from a prompt.

Options:
      --ca <file>                Trusted CA certificates (PEM); default: the configuration's
                                 sslrootcert / PGSSLROOTCERT, else Node's CA store
      --connect                  Also log in (only over TLS whose certificate verified) and read
                                 pg_stat_ssl, ssl_min_protocol_version and password_encryption
      --expiry-warn-days <n>     Warn when the certificate expires within n days (default 30)
      --max-warnings <n>         Exit 1 when there are more than n warnings (0: fail on a warning)
      --timeout <seconds>        Limit for every step: DNS, connect, handshake, each answer (default 5)
  -f, --format <name>            stylish (default) | json | sarif | github
  -o, --output-file <file>       Write the report to a file instead of stdout
      --debug                    One line per protocol step on stderr
      --no-color                 No colours (also NO_COLOR=1)
  -h, --help                     Show this help

Exit codes: 0 no error-level finding, 1 error-level findings (or too many warnings),
2 could not probe (DNS, refused, timeout, not PostgreSQL, login failed) or usage error.
Documentation: https://github.com/secure-db/secure-db/blob/main/docs/probe.md
`;

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type ProbeFormat = (typeof FORMATS)[number];

export interface ProbeIo extends CliIo {
  /** Asks for the password (default: a prompt when stdin is a terminal); undefined for none. */
  readPassword?: (prompt: string) => Promise<string | undefined>;
}

interface ProbeCliOptions {
  target: Parameters<typeof resolveTarget>[0];
  ca?: string;
  connect: boolean;
  expiryWarnDays: number;
  /** -1 = unlimited. */
  maxWarnings: number;
  timeoutMs: number;
  format: ProbeFormat;
  outputFile?: string;
  debug: boolean;
  color?: boolean;
}

class UsageError extends Error {}

function parseProbeArgs(argv: readonly string[]): ProbeCliOptions | 'help' {
  for (const arg of argv) {
    if (/^(?:--password|--pass|-W)(?:=|$)/.test(arg))
      throw new UsageError(
        'secure-db probe takes no password argument: set PGPASSWORD, use --url-env NAME, or answer the prompt',
      );
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'url-env': { type: 'string' },
        'env-file': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        user: { type: 'string' },
        dbname: { type: 'string' },
        ca: { type: 'string' },
        connect: { type: 'boolean' },
        'expiry-warn-days': { type: 'string' },
        'max-warnings': { type: 'string' },
        timeout: { type: 'string' },
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        debug: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Node's message quotes the argument, which may hold a secret: name the option only.
    const option = /'(-[^'=\s]*)/.exec((error as Error).message)?.[1];
    throw new UsageError(option ? `unknown or incomplete option ${option}` : 'invalid arguments');
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (parsed.positionals.length > 1) throw new UsageError('give one server URL at most');
  const format = v.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const seconds = v.timeout === undefined ? 5 : Number(v.timeout);
  if (!/^\d+(?:\.\d+)?$/.test(v.timeout ?? '5') || !(seconds > 0) || seconds > 600)
    throw new UsageError('--timeout must be a number of seconds from 0.1 to 600');
  const warnDays = v['expiry-warn-days'] === undefined ? 30 : Number(v['expiry-warn-days']);
  if (!/^\d+$/.test(v['expiry-warn-days'] ?? '30') || warnDays > 3650)
    throw new UsageError('--expiry-warn-days must be a whole number of days from 0 to 3650');
  const maxWarnings = v['max-warnings'] === undefined ? -1 : Number(v['max-warnings']);
  if (!/^-?\d+$/.test(v['max-warnings'] ?? '-1') || maxWarnings < -1)
    throw new UsageError('--max-warnings must be an integer (-1 for no limit)');
  if (v['output-file'] === '') throw new UsageError('--output-file needs a file name');
  return {
    target: {
      url: parsed.positionals[0],
      urlEnv: v['url-env'],
      envFile: v['env-file'],
      host: v.host,
      port: v.port,
      user: v.user,
      dbname: v.dbname,
    },
    ca: v.ca,
    connect: v.connect === true,
    expiryWarnDays: warnDays,
    maxWarnings,
    timeoutMs: Math.max(100, Math.round(seconds * 1000)),
    format: format as ProbeFormat,
    outputFile: v['output-file'],
    debug: v.debug === true,
    color: v['no-color'] ? false : v.color ? true : undefined,
  };
}

/** Replaces the password, and its URL encoding, wherever it might appear. */
function redactor(password: string | undefined): (text: string) => string {
  if (!password) return (text) => text;
  const forms = [...new Set([password, encodeURIComponent(password)])].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => forms.reduce((out, form) => out.split(form).join('***'), text);
}

export async function runProbe(argv: readonly string[], io: ProbeIo): Promise<ExitCode> {
  const say = (message: string) => io.stderr.write(`secure-db: ${message}\n`);
  let options: ProbeCliOptions | 'help';
  let target: ResolvedTarget;
  try {
    options = parseProbeArgs(argv);
    if (options === 'help') {
      io.stdout.write(PROBE_HELP);
      return EXIT.clean;
    }
    target = resolveTarget(options.target, io.env, io.cwd);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TargetError)) throw error;
    say(error.message);
    io.stderr.write('Run "secure-db probe --help" for usage.\n');
    return EXIT.error;
  }

  let ca: string | undefined;
  const caFile = options.ca ?? target.caFile;
  if (caFile !== undefined) {
    try {
      ca = readFileSync(resolve(io.cwd, caFile), 'utf8');
    } catch (error) {
      say(
        `cannot read the CA file ${caFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
      return EXIT.error;
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
      say(`the CA file ${caFile} holds no PEM certificate`);
      return EXIT.error;
    }
  }

  let password = target.password;
  if (options.connect && password === undefined)
    password = await (io.readPassword ?? promptPassword)(`Password for user ${target.user}: `);
  const redact = redactor(password);
  const write = (stream: CliIo['stdout'], text: string) => stream.write(redact(text));

  const requested = {
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database,
  };
  let outcome: ProbeOutcome;
  try {
    const facts = await probe({
      ...requested,
      password,
      connect: options.connect,
      ca,
      timeoutMs: options.timeoutMs,
      ...(options.debug
        ? { debug: (line: string) => write(io.stderr, `secure-db probe: ${line}\n`) }
        : {}),
    });
    outcome = { status: 'probed', facts, findings: judge(facts, options) };
  } catch (error) {
    if (!(error instanceof ProbeFailure)) throw error;
    outcome = {
      status: 'failed',
      target: requested,
      failure: error,
      message: failureMessage(error, requested, options.timeoutMs),
    };
  }

  const meta = readPackageMeta();
  const context = {
    tool: { name: 'secure-db', version: meta.version },
    color: useColor(options, io),
  };
  let report: string;
  if (options.format === 'json') {
    report = JSON.stringify(buildProbeJson(outcome, context), null, 2) + '\n';
  } else {
    const result = toScanResult(outcome);
    const { REPORTERS } = await import('../report/index.js');
    if (options.format === 'stylish') {
      report =
        outcome.status === 'probed'
          ? formatFacts(outcome.facts) + REPORTERS.stylish(result, context)
          : '';
    } else {
      report = REPORTERS[options.format](result, context);
    }
  }

  if (options.outputFile) {
    const path = resolve(io.cwd, options.outputFile);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, redact(report));
    } catch (error) {
      say(
        `cannot write ${options.outputFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
      return EXIT.error;
    }
  } else if (report) {
    write(io.stdout, report);
  }

  if (outcome.status === 'failed') {
    write(io.stderr, `secure-db: ${outcome.message}\n`);
    return EXIT.error;
  }
  if (options.connect && 'skipped' in outcome.facts.session)
    say(`--connect: no query was run (${outcome.facts.session.skipped})`);
  if (outcome.findings.some((f) => f.severity === 'error')) return EXIT.findings;
  const warnings = outcome.findings.length;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    say(`too many warnings (${warnings}; maximum: ${options.maxWarnings})`);
    return EXIT.findings;
  }
  return EXIT.clean;
}

function useColor(options: ProbeCliOptions, io: CliIo): boolean {
  if (options.outputFile || options.format !== 'stylish') return false;
  if (options.color !== undefined) return options.color;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdout.isTTY === true;
}
