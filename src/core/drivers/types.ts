import type { FixValue } from '../fixes.js';

/**
 * The shape of the driver table (DRIVERS.md turned into data). A front-end uses the call
 * shapes to find sites; the checks use the layouts and TLS dialects to judge them.
 */

/**
 * How a driver reads its TLS value. Each dialect is one evaluator in
 * `core/tls-dialects.ts`; a new driver that behaves like an existing one is a new row only.
 */
export type TlsDialect =
  | 'pg' // node-postgres `ssl` (DRIVERS §2)
  | 'pg-native' // libpq through pg-native (§2a)
  | 'mysql2' // §6
  | 'mysqljs' // §6, never checks host names
  | 'mariadb' // §6
  | 'postgresjs' // §7
  | 'slonik' // §10
  | 'drizzle-kit-pg' // §9: `ssl` absent means verified TLS
  | 'mongodb' // §12
  | 'mssql' // §13
  | 'ioredis' // §14
  | 'node-redis' // §14
  | 'node-tls' // §15: plain TLS options, TLS is already on
  | 'always-tls' // Neon, Vercel Postgres, Prisma Accelerate: HTTPS / WSS underneath
  | 'prisma-engine' // §8: Rust engine URL semantics
  | 'none'; // sqlite and friends: no network, nothing to check

/** What the value of a positional argument is, for call shapes with several forms. */
export type ArgRole =
  | 'config' // the options object
  | 'url' // a connection string
  | 'url-or-config' // either, decided by the argument's shape
  | 'database'
  | 'user'
  | 'password'
  | 'host'
  | 'port'
  | 'factory' // NestJS `forRootAsync({ useFactory })`: the config is what the factory returns
  | 'ignore';

export interface CallShape {
  /** Member path from the module's root export; `[]` is the module itself. */
  path: readonly string[];
  /** Alternative argument layouts, tried in order; the first that fits the call wins. */
  args: readonly (readonly ArgRole[])[];
  /** The options live under this key of the config argument (drizzle `{ connection }`). */
  configKey?: string;
  /** The layout this call always uses (`pg.native.Pool` is pg-native). */
  layout?: string;
}

/** Where a dialect's settings live inside a site's config object. */
export interface Layout {
  tls: TlsDialect;
  /** Human name used in messages: `node-postgres (pg)`, `knex (pg client)`. */
  label: string;
  /** Paths to the TLS value, strongest first (TypeORM `extra.ssl` overrides `ssl`). */
  tlsPaths: readonly (readonly string[])[];
  /** Keys that look like TLS but this driver ignores (Sequelize top-level `ssl`, pg `sslmode`). */
  ignoredTlsPaths?: readonly (readonly string[])[];
  /** Keys holding a connection string. */
  urlPaths?: readonly (readonly string[])[];
  /** How the driver reads the sslmode of its URL (DRIVERS §1 columns). */
  urlSemantics?:
    | 'pg'
    | 'libpq'
    | 'postgresjs'
    | 'slonik'
    | 'prisma'
    | 'mysql2'
    | 'ignored'
    | 'mongodb'
    | 'mssql';
  hostPaths?: readonly (readonly string[])[];
  passwordPaths?: readonly (readonly string[])[];
  /** mssql-style encryption switches and the consumer's defaults (DRIVERS §13). */
  mssql?: {
    encryptPaths: readonly (readonly string[])[];
    trustPaths: readonly (readonly string[])[];
    encryptDefault: boolean;
    trustDefault: boolean;
    /** Where a fix inserts `{ encrypt: true, trustServerCertificate: false }`. */
    optionsPath: readonly string[];
  };
  /** Where a fix inserts the TLS value when none is set. */
  fixPath?: readonly string[];
  /** The secure value a fix writes there (DRIVERS §21), printed in each file's syntax. */
  secureValue?: FixValue;
  /** The secure sslmode for this consumer's URLs (Slonik: `require`; Prisma: require + sslaccept=strict). */
  secureUrlParams?: string;
}

export interface DriverRow {
  id: string;
  /** Package names and subpaths that export the driver. */
  modules: readonly string[];
  calls: readonly CallShape[];
  /**
   * Multi-database libraries pick a layout from a config key (knex `client`, TypeORM `type`,
   * Sequelize `dialect`) or from the URL scheme; single-driver rows have one layout under `*`.
   */
  dialectKeys?: readonly (readonly string[])[];
  layouts: Readonly<Record<string, Layout>>;
  /** The layout to use when the dialect key is absent or unknown. */
  defaultLayout?: string;
  /** Option keys naming the connection, read as environment evidence (TypeORM `name: 'test'`). */
  environmentKeys?: readonly (readonly string[])[];
  /** File names whose default export is this driver's config (knexfile, ormconfig). */
  configFiles?: readonly RegExp[];
  /**
   * Types that name this driver's options (`PoolConfig` from pg, `Knex.Config`, tedious'
   * `ConnectionConfiguration`): an object declared as one is this driver's config.
   */
  configTypes?: readonly (readonly string[])[];
}
