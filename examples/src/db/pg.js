// node-postgres: a reporting pool and an analytics client, insecure first, then the fix.
import pg from 'pg';

// Insecure: the usual Heroku snippet. Traffic is encrypted, but any certificate is accepted,
// so anyone on the network path can impersonate the database.
export const reportingPoolInsecure = new pg.Pool({
  connectionString: process.env.REPORTING_DATABASE_URL,
  ssl: { rejectUnauthorized: false }, // expect: no-disabled-cert-verification
});

// Secure: verify the chain and the host name against the provider's CA bundle.
export const reportingPool = new pg.Pool({
  connectionString: process.env.REPORTING_DATABASE_URL,
  ssl: { rejectUnauthorized: true, ca: process.env.REPORTING_DB_CA },
});

// Insecure: a committed password, and sslmode=require (verify-full in pg 8 today, but
// libpq's "encrypt without verifying" with uselibpqcompat=true and in pg 9).
export const analyticsInsecure = new pg.Client('postgres://analytics:Sup3r-S3cret-Ex4mple!@pg-analytics.acme.internal:5432/analytics?sslmode=require'); // expect: no-hardcoded-credentials, no-weak-sslmode

// Secure: the URL, password included, comes from the environment; TLS is verified.
export const analytics = new pg.Client({
  connectionString: process.env.ANALYTICS_DATABASE_URL,
  ssl: { rejectUnauthorized: true },
});
