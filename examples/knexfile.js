// knexfile.js: `knex migrate:latest` picks the block named by --env, else NODE_ENV,
// else "development".
export default {
  // Local database on loopback: no TLS needed, and the default password is fine here.
  development: {
    client: 'pg',
    connection: { host: '127.0.0.1', port: 5432, user: 'postgres', password: 'postgres', database: 'shop_dev' },
  },

  test: {
    client: 'pg',
    connection: 'postgres://postgres:postgres@localhost:5432/shop_test',
  },

  // Staging counts as production: it runs on a shared network with real data.
  staging: {
    client: 'pg',
    connection: {
      host: process.env.DB_HOST,
      user: process.env.DB_USER,
      password: process.env.DB_PASSWORD || 'postgres', // expect: no-hardcoded-credentials
      database: 'shop',
      ssl: false, // expect: require-ssl
    },
  },

  // Production: verified TLS, every secret from the environment.
  production: {
    client: 'pg',
    connection: {
      host: process.env.DB_HOST,
      user: process.env.DB_USER,
      password: process.env.DB_PASSWORD,
      database: 'shop',
      ssl: { rejectUnauthorized: true, ca: process.env.DB_SSL_CA },
    },
    pool: { min: 2, max: 10 },
  },
};
