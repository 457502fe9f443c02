/**
 * Pass 1 for Python modules: which environment variables hold a URL that a Python library
 * reads (dj-database-url, django-environ, SQLAlchemy, Flask-SQLAlchemy, psycopg), so the
 * variable's line in `.env` or compose names its real reader. A text scan, not a parse: pass
 * 1 runs before the parser is loaded and must stay cheap. Every pattern is bounded (no
 * quantifier over unbounded input that can backtrack).
 */
import type { ProjectFacts } from '../types.js';

const NAME = String.raw`['"]([A-Z_][A-Z0-9_]{0,80})['"]`;
/** `os.environ['X']`, `os.environ.get('X')`, `os.getenv('X')`, `env('X')`, `config('X')` (decouple). */
const ENV_READ = String.raw`(?:os\.environ\[\s*|os\.environ\.get\(\s*|os\.getenv\(\s*|env(?:\.str)?\(\s*|config\(\s*)${NAME}`;

interface Pattern {
  regex: RegExp;
  driver: string;
  /** The variable a call without a name reads. */
  defaultName?: string;
  /** libpq reads the URL itself; otherwise the URL's scheme decides (`semantics` absent). */
  libpq?: boolean;
}

const PATTERNS: readonly Pattern[] = [
  {
    // dj_database_url.config() reads DATABASE_URL, or env='X'
    regex: /dj_database_url\.config\(([^()]{0,400})\)/g,
    driver: 'Django (dj-database-url)',
    defaultName: 'DATABASE_URL',
  },
  {
    regex: new RegExp(String.raw`dj_database_url\.parse\(\s*${ENV_READ}`, 'g'),
    driver: 'Django (dj-database-url)',
  },
  {
    // django-environ: env.db() reads DATABASE_URL, env.db('X') / env.db_url(var='X')
    regex: /\benv\.db(?:_url)?\(([^()]{0,400})\)/g,
    driver: 'Django (django-environ)',
    defaultName: 'DATABASE_URL',
  },
  {
    regex: new RegExp(String.raw`create_(?:async_)?engine\(\s*${ENV_READ}`, 'g'),
    driver: 'SQLAlchemy',
  },
  {
    regex: new RegExp(String.raw`SQLALCHEMY_DATABASE_URI\s*=\s*${ENV_READ}`, 'g'),
    driver: 'Flask-SQLAlchemy',
  },
  {
    regex: new RegExp(
      String.raw`psycopg2?(?:_pool)?\.(?:connect|ConnectionPool|AsyncConnectionPool|SimpleConnectionPool|ThreadedConnectionPool)\(\s*(?:conninfo\s*=\s*|dsn\s*=\s*)?${ENV_READ}`,
      'g',
    ),
    driver: 'psycopg',
    libpq: true,
  },
];

/** The first string argument, or the `env=` / `var=` keyword argument, of a call's text. */
function nameInArguments(args: string): string | undefined {
  const keyword = /\b(?:env|var)\s*=\s*['"]([A-Z_][A-Z0-9_]{0,80})['"]/.exec(args);
  if (keyword) return keyword[1];
  const positional = /^\s*['"]([A-Z_][A-Z0-9_]{0,80})['"]/.exec(args);
  return positional?.[1];
}

/** Records the URL consumers this module shows (the first reader of a variable wins). */
export function recordPythonUrlConsumers(text: string, facts: ProjectFacts): void {
  if (
    !/dj_database_url|\.db(?:_url)?\(|create_(?:async_)?engine|SQLALCHEMY_DATABASE_URI|psycopg/.test(
      text,
    )
  )
    return;
  for (const p of PATTERNS) {
    p.regex.lastIndex = 0;
    for (const m of text.matchAll(p.regex)) {
      const name = p.defaultName ? (nameInArguments(m[1] ?? '') ?? p.defaultName) : m[1];
      if (!name || facts.urlConsumers.has(name)) continue;
      facts.urlConsumers.set(
        name,
        p.libpq ? { semantics: 'libpq', driver: p.driver } : { driver: p.driver },
      );
    }
  }
}
