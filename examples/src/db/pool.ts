// The recommended node-postgres setup (POLICY.md, "A production guard"), verbatim.
// Production refuses to start without TLS; certificate checks stay on unless an operator
// sets DB_SSL_REJECT_UNAUTHORIZED=false; every secret comes from the environment.
import { Pool } from 'pg';

const isProduction = process.env.NODE_ENV === 'production';
const sslEnabled = process.env.DB_SSL === 'true';
if (isProduction && !sslEnabled) throw new Error('Database TLS is required in production');
export const pool = new Pool({
  host: process.env.DB_HOST, password: process.env.DB_PASSWORD,
  ssl: sslEnabled ? { rejectUnauthorized: process.env.DB_SSL_REJECT_UNAUTHORIZED !== 'false',
                      ca: process.env.DB_SSL_CA } : false,
});
