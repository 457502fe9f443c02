// Sequelize v6 with PostgreSQL: TLS options belong in dialectOptions.ssl.
import { Sequelize } from 'sequelize';

const { DB_NAME, DB_USER, DB_PASSWORD, DB_HOST } = process.env;

// Insecure: the postgres dialect ignores a top-level `ssl`, so this connects in plaintext.
export const misplaced = new Sequelize(DB_NAME, DB_USER, DB_PASSWORD, { host: DB_HOST, dialect: 'postgres', ssl: true }); // expect: require-ssl

// Insecure: `require: true` is not a TLS option, and `rejectUnauthorized: false` turns verification off.
export const herokuStyle = new Sequelize(process.env.DATABASE_URL, {
  dialect: 'postgres',
  dialectOptions: { ssl: { require: true, rejectUnauthorized: false } }, // expect: no-disabled-cert-verification
});

// Secure: verified TLS, where the dialect reads it.
export const sequelize = new Sequelize(DB_NAME, DB_USER, DB_PASSWORD, {
  host: DB_HOST,
  dialect: 'postgres',
  dialectOptions: { ssl: { rejectUnauthorized: true, ca: process.env.DB_SSL_CA } },
  logging: false,
});
