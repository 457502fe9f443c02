// mssql (tedious): encryption is on by default; trustServerCertificate turns verification off.
import sql from 'mssql';

// Insecure: a local-development workaround shipped to production, pinned to TLS 1.0 for an old server.
export const billingPoolInsecure = new sql.ConnectionPool({
  server: process.env.MSSQL_SERVER,
  user: process.env.MSSQL_USER,
  password: process.env.MSSQL_PASSWORD,
  database: 'billing',
  options: {
    encrypt: true,
    trustServerCertificate: true, // expect: no-disabled-cert-verification
    cryptoCredentialsDetails: { minVersion: 'TLSv1' }, // expect: min-tls-version
  },
});

// Secure: encrypted, certificate verified, TLS 1.2 or later (Node's default minimum).
export const billingPool = new sql.ConnectionPool({
  server: process.env.MSSQL_SERVER,
  user: process.env.MSSQL_USER,
  password: process.env.MSSQL_PASSWORD,
  database: 'billing',
  options: { encrypt: true, trustServerCertificate: false },
});
