// TypeORM: the application's DataSource (the CLI uses it too: typeorm migration:run -d dist/data-source.js).
import 'reflect-metadata';
import { DataSource } from 'typeorm';

const isProduction: boolean = process.env.NODE_ENV === 'production';

// Secure: verified TLS in production; plain TCP only for the local development database.
export const AppDataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  ssl: isProduction ? { rejectUnauthorized: true, ca: process.env.DB_SSL_CA } : false,
  entities: ['dist/entities/*.js'],
  migrations: ['dist/migrations/*.js'],
  synchronize: false,
});

// Insecure: `extra` is handed to pg as is and overrides `ssl`, so certificate checks are off
// even though `ssl: true` looks safe.
export const WarehouseDataSource = new DataSource({
  type: 'postgres',
  host: process.env.WAREHOUSE_HOST,
  username: process.env.WAREHOUSE_USER,
  password: process.env.WAREHOUSE_PASSWORD,
  database: 'warehouse',
  ssl: true,
  extra: { ssl: { rejectUnauthorized: false } }, // expect: no-disabled-cert-verification
});
