/**
 * The driver table: every JS driver of DRIVERS.md §2–15 as data.
 * "Where is knex understood?" — here, in its row; the evaluators only know TLS dialects.
 */
import { parseConnectionUrl } from '../connection-url.js';
import type { ObjectValue, Value } from '../model.js';
import { getValue, stringOf } from '../values.js';
import type { DriverRow, Layout } from './types.js';

const PASSWORD = [['password']] as const;
const HOST = [['host'], ['hostname'], ['server']] as const;

const PG_SECURE = { rejectUnauthorized: true };
const MYSQL2_SECURE = { rejectUnauthorized: true, verifyIdentity: true };

/** node-postgres options (pg, pg-pool, and everything that hands its options to pg). */
const pgLayout = (label: string, prefix: readonly string[] = []): Layout => ({
  tls: 'pg',
  label,
  tlsPaths: [[...prefix, 'ssl']],
  ignoredTlsPaths: [
    [...prefix, 'sslmode'],
    [...prefix, 'sslMode'],
  ],
  // knex and Strapi also take the whole `connection` as a connection string.
  urlPaths: [[...prefix, 'connectionString'], ...(prefix.length > 0 ? [prefix] : [])],
  urlSemantics: 'pg',
  hostPaths: HOST.map((p) => [...prefix, ...p]),
  passwordPaths: PASSWORD.map((p) => [...prefix, ...p]),
  fixPath: [...prefix, 'ssl'],
  secureValue: PG_SECURE,
});

const mysqlFamily = (
  tls: 'mysql2' | 'mysqljs' | 'mariadb',
  label: string,
  prefix: readonly string[] = [],
): Layout => ({
  tls,
  label,
  tlsPaths: [[...prefix, 'ssl']],
  ignoredTlsPaths: [
    [...prefix, 'sslmode'],
    [...prefix, 'sslMode'],
    [...prefix, 'ssl-mode'],
  ],
  urlPaths: [[...prefix, 'uri']],
  urlSemantics: 'mysql2',
  hostPaths: HOST.map((p) => [...prefix, ...p]),
  passwordPaths: PASSWORD.map((p) => [...prefix, ...p]),
  fixPath: [...prefix, 'ssl'],
  secureValue: tls === 'mysql2' ? MYSQL2_SECURE : PG_SECURE,
});

const mssqlLayout = (
  label: string,
  prefix: readonly string[],
  defaults: { encrypt: boolean; trust: boolean },
  topLevelSwitches: boolean,
): Layout => ({
  tls: 'mssql',
  label,
  tlsPaths: [],
  hostPaths: [
    [...prefix, 'server'],
    [...prefix, 'host'],
  ],
  passwordPaths: [
    [...prefix, 'password'],
    [...prefix, 'authentication', 'options', 'password'],
  ],
  mssql: {
    // `options.*` wins over the top-level switch (DRIVERS §20 rule 5).
    encryptPaths: [
      [...prefix, 'options', 'encrypt'],
      ...(topLevelSwitches ? [[...prefix, 'encrypt']] : []),
    ],
    trustPaths: [
      [...prefix, 'options', 'trustServerCertificate'],
      ...(topLevelSwitches ? [[...prefix, 'trustServerCertificate']] : []),
    ],
    encryptDefault: defaults.encrypt,
    trustDefault: defaults.trust,
    optionsPath: [...prefix, 'options'],
  },
});

const mongoLayout: Layout = {
  tls: 'mongodb',
  label: 'MongoDB',
  tlsPaths: [['tls'], ['ssl']],
  urlPaths: [['url']],
  urlSemantics: 'mongodb',
  passwordPaths: [['auth', 'password'], ['pass'], ['password']],
  fixPath: ['tls'],
  secureValue: true,
};

const none = (label: string): Layout => ({ tls: 'none', label, tlsPaths: [] });

/** knex's `client` names (DRIVERS §3), shared by Strapi and MikroORM ≤6. */
const knexClients = (label: string, prefix: readonly string[]): Record<string, Layout> => {
  const pg = pgLayout(`${label} (pg client)`, prefix);
  const mssql = mssqlLayout(
    `${label} (mssql client)`,
    prefix,
    { encrypt: false, trust: false },
    true,
  );
  return {
    pg,
    postgres: pg,
    postgresql: pg,
    cockroachdb: pg,
    redshift: pg,
    pgnative: {
      ...pg,
      tls: 'pg-native',
      label: `${label} (pgnative client)`,
      secureValue: { sslmode: 'verify-full' },
    },
    mysql: mysqlFamily('mysqljs', `${label} (mysql client)`, prefix),
    mysql2: mysqlFamily('mysql2', `${label} (mysql2 client)`, prefix),
    mariadb: mysqlFamily('mysql2', `${label} (mariadb client)`, prefix),
    mssql,
    oracledb: none(label),
    sqlite3: none(label),
    'better-sqlite3': none(label),
  };
};

const typeormLayouts = (): Record<string, Layout> => {
  const pg: Layout = {
    ...pgLayout('TypeORM (postgres)'),
    // `extra` is spread over the options TypeORM builds, so `extra.ssl` wins (DRIVERS §4).
    tlsPaths: [['extra', 'ssl'], ['ssl']],
    urlPaths: [['url'], ['extra', 'connectionString']],
    passwordPaths: [['password'], ['replication', 'master', 'password']],
  };
  const mysql: Layout = {
    ...mysqlFamily('mysql2', 'TypeORM (mysql)'),
    tlsPaths: [['extra', 'ssl'], ['ssl']],
    // TypeORM parses MySQL URLs itself and drops the query string.
    urlPaths: [['url']],
    urlSemantics: 'ignored',
  };
  return {
    postgres: pg,
    cockroachdb: pg,
    mysql,
    mariadb: mysql,
    'aurora-mysql': none('TypeORM (aurora-mysql, Data API over HTTPS)'),
    'aurora-postgres': none('TypeORM (aurora-postgres, Data API over HTTPS)'),
    mssql: mssqlLayout('TypeORM (mssql)', [], { encrypt: true, trust: false }, false),
    mongodb: { ...mongoLayout, label: 'TypeORM (mongodb)' },
    sqlite: none('TypeORM'),
    'better-sqlite3': none('TypeORM'),
    sqljs: none('TypeORM'),
    capacitor: none('TypeORM'),
    expo: none('TypeORM'),
    'react-native': none('TypeORM'),
    oracle: none('TypeORM'),
    sap: none('TypeORM'),
    spanner: none('TypeORM'),
  };
};

const sequelizeLayouts = (): Record<string, Layout> => {
  const pg: Layout = {
    ...pgLayout('Sequelize (postgres)', ['dialectOptions']),
    // Sequelize's top-level `ssl` is read by no dialect but db2 (DRIVERS §5).
    ignoredTlsPaths: [['ssl'], ['dialectOptions', 'sslmode']],
    urlPaths: [['url']],
    hostPaths: [['host']],
    passwordPaths: [['password']],
  };
  const mysql: Layout = {
    ...mysqlFamily('mysql2', 'Sequelize (mysql)', ['dialectOptions']),
    ignoredTlsPaths: [['ssl']],
    urlPaths: [['url']],
    hostPaths: [['host']],
    passwordPaths: [['password']],
  };
  return {
    postgres: pg,
    mysql,
    mariadb: { ...mysql, tls: 'mariadb', label: 'Sequelize (mariadb)', secureValue: PG_SECURE },
    mssql: {
      ...mssqlLayout(
        'Sequelize (mssql)',
        ['dialectOptions'],
        { encrypt: true, trust: true },
        false,
      ),
      hostPaths: [['host']],
      passwordPaths: [['password']],
    },
    sqlite: none('Sequelize'),
    db2: none('Sequelize (db2)'),
    snowflake: none('Sequelize (snowflake)'),
  };
};

export const DRIVERS: readonly DriverRow[] = [
  {
    id: 'pg',
    configTypes: [['PoolConfig'], ['ClientConfig']],
    modules: ['pg', 'pg-pool'],
    calls: [
      { path: ['Pool'], args: [['url-or-config']] },
      { path: ['Client'], args: [['url-or-config']] },
      { path: ['native', 'Pool'], args: [['url-or-config']], layout: 'native' },
      { path: ['native', 'Client'], args: [['url-or-config']], layout: 'native' },
      { path: [], args: [['url-or-config']] }, // `new (require('pg-pool'))(config)`
    ],
    layouts: {
      '*': pgLayout('node-postgres (pg)'),
      native: {
        ...pgLayout('pg-native'),
        tls: 'pg-native',
        secureValue: { sslmode: 'verify-full' },
      },
    },
  },
  {
    id: 'pg-native',
    modules: ['pg-native'],
    calls: [{ path: [], args: [['config']] }],
    layouts: {
      '*': {
        ...pgLayout('pg-native'),
        tls: 'pg-native',
        secureValue: { sslmode: 'verify-full' },
      },
    },
  },
  {
    id: 'pg-promise',
    modules: ['pg-promise'],
    // `const pgp = require('pg-promise')(); const db = pgp(config)`: the second call is
    // resolved by the front-end's "factory result" binding.
    calls: [{ path: ['()'], args: [['url-or-config']] }],
    layouts: { '*': pgLayout('pg-promise') },
  },
  {
    id: 'knex',
    configTypes: [['Knex', 'Config']],
    modules: ['knex'],
    calls: [
      { path: [], args: [['url-or-config']] },
      { path: ['knex'], args: [['url-or-config']] },
      { path: ['default'], args: [['url-or-config']] },
    ],
    dialectKeys: [['client'], ['dialect']],
    layouts: knexClients('knex', ['connection']),
    configFiles: [/(?:^|\/)knexfile\.[cm]?[jt]s$/],
  },
  {
    id: 'strapi',
    modules: [],
    calls: [],
    dialectKeys: [['connection', 'client']],
    layouts: knexClients('Strapi', ['connection', 'connection']),
    configFiles: [/(?:^|\/)config\/(?:env\/[^/]+\/)?database\.[cm]?[jt]s$/],
  },
  {
    id: 'typeorm',
    configTypes: [['DataSourceOptions'], ['ConnectionOptions'], ['TypeOrmModuleOptions']],
    modules: ['typeorm', '@nestjs/typeorm'],
    calls: [
      { path: ['DataSource'], args: [['config']] },
      { path: ['createConnection'], args: [['config']] },
      { path: ['TypeOrmModule', 'forRoot'], args: [['config']] },
      { path: ['TypeOrmModule', 'forRootAsync'], args: [['factory']] },
    ],
    dialectKeys: [['type']],
    environmentKeys: [['name']],
    layouts: typeormLayouts(),
    configFiles: [/(?:^|\/)ormconfig\.[cm]?[jt]s$/, /(?:^|\/)data-?source\.[cm]?[jt]s$/],
  },
  {
    id: 'sequelize',
    configTypes: [['Options'], ['SequelizeOptions']],
    modules: ['sequelize', 'sequelize-typescript', '@nestjs/sequelize'],
    calls: [
      {
        path: ['Sequelize'],
        args: [['url', 'config'], ['database', 'user', 'password', 'config'], ['config']],
      },
      {
        path: [],
        args: [['url', 'config'], ['database', 'user', 'password', 'config'], ['config']],
      },
      { path: ['SequelizeModule', 'forRoot'], args: [['config']] },
      { path: ['SequelizeModule', 'forRootAsync'], args: [['factory']] },
    ],
    dialectKeys: [['dialect']],
    layouts: sequelizeLayouts(),
    configFiles: [/(?:^|\/)config\/config\.[cm]?js$/],
  },
  {
    id: 'mysql2',
    configTypes: [['ConnectionOptions'], ['PoolOptions']],
    modules: ['mysql2', 'mysql2/promise'],
    calls: [
      { path: ['createConnection'], args: [['url-or-config']] },
      { path: ['createPool'], args: [['url-or-config']] },
      { path: ['createPoolCluster'], args: [['config']] },
    ],
    layouts: { '*': mysqlFamily('mysql2', 'mysql2') },
  },
  {
    id: 'mysql',
    modules: ['mysql'],
    calls: [
      { path: ['createConnection'], args: [['url-or-config']] },
      { path: ['createPool'], args: [['url-or-config']] },
    ],
    layouts: { '*': mysqlFamily('mysqljs', 'mysql (mysqljs)') },
  },
  {
    id: 'mariadb',
    modules: ['mariadb', 'mariadb/callback'],
    calls: [
      { path: ['createConnection'], args: [['url-or-config']] },
      { path: ['createPool'], args: [['url-or-config']] },
      { path: ['createPoolCluster'], args: [['config']] },
    ],
    layouts: { '*': mysqlFamily('mariadb', 'mariadb connector') },
  },
  {
    id: 'postgres',
    modules: ['postgres'],
    calls: [
      { path: [], args: [['url', 'config'], ['config']] },
      { path: ['default'], args: [['url', 'config'], ['config']] },
    ],
    layouts: {
      '*': {
        tls: 'postgresjs',
        label: 'postgres.js',
        tlsPaths: [['ssl']],
        urlSemantics: 'postgresjs',
        hostPaths: [['host']],
        passwordPaths: [['password'], ['pass']],
        fixPath: ['ssl'],
        secureValue: 'verify-full',
      },
    },
  },
  {
    id: 'slonik',
    modules: ['slonik'],
    calls: [{ path: ['createPool'], args: [['url', 'config']] }],
    layouts: {
      '*': {
        tls: 'slonik',
        label: 'Slonik',
        tlsPaths: [['ssl']],
        urlSemantics: 'slonik',
        fixPath: ['ssl'],
        secureValue: PG_SECURE,
        secureUrlParams: 'sslmode=require',
      },
    },
  },
  {
    id: 'drizzle-kit',
    modules: ['drizzle-kit'],
    calls: [{ path: ['defineConfig'], args: [['config']] }],
    dialectKeys: [['dialect']],
    layouts: {
      postgresql: {
        tls: 'drizzle-kit-pg',
        label: 'drizzle-kit (postgresql)',
        tlsPaths: [['dbCredentials', 'ssl']],
        urlPaths: [['dbCredentials', 'url']],
        urlSemantics: 'pg',
        hostPaths: [['dbCredentials', 'host']],
        passwordPaths: [['dbCredentials', 'password']],
        fixPath: ['dbCredentials', 'ssl'],
        secureValue: 'verify-full',
      },
      mysql: {
        ...mysqlFamily('mysql2', 'drizzle-kit (mysql)', ['dbCredentials']),
        urlPaths: [['dbCredentials', 'url']],
      },
      singlestore: {
        ...mysqlFamily('mysql2', 'drizzle-kit (singlestore)', ['dbCredentials']),
        urlPaths: [['dbCredentials', 'url']],
      },
      sqlite: none('drizzle-kit'),
      turso: none('drizzle-kit'),
    },
    configFiles: [/(?:^|\/)drizzle\.config\.[cm]?[jt]s$/],
  },
  {
    id: 'drizzle-orm',
    modules: ['drizzle-orm/node-postgres'],
    calls: [{ path: ['drizzle'], args: [['url-or-config']], configKey: 'connection' }],
    layouts: { '*': pgLayout('drizzle-orm (node-postgres)') },
  },
  {
    id: 'drizzle-orm-postgres-js',
    modules: ['drizzle-orm/postgres-js'],
    calls: [{ path: ['drizzle'], args: [['url-or-config']], configKey: 'connection' }],
    layouts: {
      '*': {
        tls: 'postgresjs',
        label: 'drizzle-orm (postgres-js)',
        tlsPaths: [['ssl']],
        urlPaths: [['url']],
        urlSemantics: 'postgresjs',
        passwordPaths: [['password']],
        fixPath: ['ssl'],
        secureValue: 'verify-full',
      },
    },
  },
  {
    id: 'mikro-orm',
    modules: [
      '@mikro-orm/core',
      '@mikro-orm/postgresql',
      '@mikro-orm/mysql',
      '@mikro-orm/mariadb',
      '@mikro-orm/mssql',
      '@mikro-orm/mongodb',
      '@mikro-orm/nestjs',
    ],
    calls: [
      { path: ['MikroORM', 'init'], args: [['config']] },
      { path: ['defineConfig'], args: [['config']] },
      { path: ['MikroOrmModule', 'forRoot'], args: [['config']] },
      { path: ['MikroOrmModule', 'forRootAsync'], args: [['factory']] },
    ],
    layouts: {
      '*': {
        ...pgLayout('MikroORM', ['driverOptions']),
        // MikroORM ignores clientUrl query parameters other than `schema` (DRIVERS §10).
        tlsPaths: [
          ['driverOptions', 'ssl'],
          ['driverOptions', 'connection', 'ssl'],
        ],
        urlPaths: [['clientUrl']],
        urlSemantics: 'ignored',
        hostPaths: [['host']],
        passwordPaths: [['password']],
      },
    },
    configFiles: [/(?:^|\/)mikro-orm\.config\.[cm]?[jt]s$/],
  },
  {
    id: 'prisma-adapter-pg',
    modules: ['@prisma/adapter-pg'],
    calls: [{ path: ['PrismaPg'], args: [['url-or-config']] }],
    layouts: { '*': pgLayout('Prisma adapter-pg') },
  },
  {
    id: 'prisma',
    modules: ['@prisma/client', 'prisma/config', '.prisma/client'],
    calls: [
      { path: ['PrismaClient'], args: [['config']] },
      { path: ['defineConfig'], args: [['config']] },
    ],
    layouts: {
      '*': {
        tls: 'prisma-engine',
        label: 'Prisma',
        tlsPaths: [],
        urlPaths: [
          ['datasourceUrl'],
          ['datasources', 'db', 'url'],
          ['datasource', 'url'],
          ['datasource', 'directUrl'],
          ['datasource', 'shadowDatabaseUrl'],
        ],
        urlSemantics: 'prisma',
        secureUrlParams: 'sslmode=require&sslaccept=strict',
      },
    },
    configFiles: [/(?:^|\/)prisma\.config\.[cm]?[jt]s$/],
  },
  {
    id: 'neon',
    modules: ['@neondatabase/serverless', '@vercel/postgres'],
    calls: [
      { path: ['neon'], args: [['url', 'config']] },
      { path: ['Pool'], args: [['url-or-config']] },
      { path: ['Client'], args: [['url-or-config']] },
      { path: ['createPool'], args: [['url-or-config']] },
      { path: ['createClient'], args: [['url-or-config']] },
    ],
    layouts: {
      '*': {
        tls: 'always-tls',
        label: 'Neon serverless',
        tlsPaths: [],
        urlPaths: [['connectionString']],
        passwordPaths: [['password']],
      },
    },
  },
  {
    id: 'mongodb',
    configTypes: [['MongoClientOptions']],
    modules: ['mongodb', 'mongoose', '@nestjs/mongoose'],
    calls: [
      { path: ['MongoClient'], args: [['url', 'config']] },
      { path: ['MongoClient', 'connect'], args: [['url', 'config']] },
      { path: ['connect'], args: [['url', 'config']] },
      { path: ['createConnection'], args: [['url', 'config']] },
      { path: ['default', 'connect'], args: [['url', 'config']] },
      { path: ['default', 'createConnection'], args: [['url', 'config']] },
      { path: ['MongooseModule', 'forRoot'], args: [['url', 'config']] },
    ],
    layouts: { '*': mongoLayout },
  },
  {
    id: 'mssql',
    configTypes: [['config']],
    modules: ['mssql', 'mssql/msnodesqlv8'],
    calls: [
      { path: ['connect'], args: [['url-or-config']] },
      { path: ['ConnectionPool'], args: [['url-or-config']] },
      { path: ['default', 'connect'], args: [['url-or-config']] },
    ],
    layouts: {
      '*': {
        ...mssqlLayout('mssql', [], { encrypt: true, trust: false }, true),
        urlSemantics: 'mssql',
      },
    },
  },
  {
    id: 'tedious',
    configTypes: [['ConnectionConfiguration'], ['ConnectionConfig']],
    modules: ['tedious'],
    calls: [{ path: ['Connection'], args: [['config']] }],
    layouts: { '*': mssqlLayout('tedious', [], { encrypt: true, trust: false }, false) },
  },
  {
    id: 'ioredis',
    configTypes: [['RedisOptions']],
    modules: ['ioredis'],
    calls: [
      {
        path: [],
        args: [['url', 'config'], ['port', 'host', 'config'], ['port', 'config'], ['config']],
      },
      {
        path: ['Redis'],
        args: [['url', 'config'], ['port', 'host', 'config'], ['port', 'config'], ['config']],
      },
      {
        path: ['default'],
        args: [['url', 'config'], ['port', 'host', 'config'], ['port', 'config'], ['config']],
      },
      { path: ['Cluster'], args: [['ignore', 'config']], configKey: 'redisOptions' },
    ],
    layouts: {
      '*': {
        tls: 'ioredis',
        label: 'ioredis',
        tlsPaths: [['tls']],
        urlSemantics: 'mongodb',
        hostPaths: [['host']],
        passwordPaths: [['password']],
        fixPath: ['tls'],
        secureValue: {},
      },
    },
  },
  {
    id: 'node-redis',
    modules: ['redis', '@redis/client'],
    calls: [
      { path: ['createClient'], args: [['config']] },
      { path: ['createCluster'], args: [['config']] },
    ],
    layouts: {
      '*': {
        tls: 'node-redis',
        label: 'node-redis',
        tlsPaths: [['socket', 'tls']],
        urlPaths: [['url']],
        hostPaths: [['socket', 'host']],
        passwordPaths: [['password']],
        fixPath: ['socket', 'tls'],
        secureValue: true,
      },
    },
  },
  {
    id: 'node-tls',
    // Raw TLS sockets only: HTTP clients and agents are not databases (POLICY, out of scope).
    modules: ['tls', 'node:tls'],
    calls: [
      { path: ['connect'], args: [['port', 'host', 'config'], ['port', 'config'], ['config']] },
      { path: ['createSecureContext'], args: [['config']] },
    ],
    layouts: { '*': { tls: 'node-tls', label: "Node's tls", tlsPaths: [[]] } },
  },
];

export function findDriver(id: string): DriverRow | undefined {
  return DRIVERS.find((row) => row.id === id);
}

/** Every module specifier the table knows, for import tracking and the keyword gate. */
export const DRIVER_MODULES: ReadonlyMap<string, DriverRow> = new Map(
  DRIVERS.flatMap((row) => row.modules.map((m) => [m, row] as const)),
);

/** The layout (dialect) a site uses: the shape's, the row's only one, its dialect key, else its URL's scheme. */
export function layoutFor(
  row: DriverRow,
  parts: { config?: ObjectValue; url?: Value },
  layoutName?: string,
): Layout | undefined {
  if (layoutName && row.layouts[layoutName]) return row.layouts[layoutName];
  if (row.layouts['*']) return row.layouts['*'];
  for (const key of row.dialectKeys ?? []) {
    const dialect = stringOf(getValue(parts.config, key));
    if (dialect !== undefined) return row.layouts[dialect];
  }
  const urlText =
    stringOf(parts.url) ??
    stringOf(getValue(parts.config, ['url'])) ??
    stringOf(getValue(parts.config, ['connection']));
  const scheme = urlText ? parseConnectionUrl(urlText)?.family : undefined;
  if (scheme === 'postgres')
    return row.layouts['postgres'] ?? row.layouts['pg'] ?? row.layouts['postgresql'];
  if (scheme === 'mysql') return row.layouts['mysql2'] ?? row.layouts['mysql'];
  if (scheme === 'mssql') return row.layouts['mssql'];
  return row.defaultLayout ? row.layouts[row.defaultLayout] : undefined;
}
