// mysql2: no TLS unless `ssl` is set, and the host name is checked only with verifyIdentity.
import mysql from 'mysql2/promise';

// Insecure: a committed password, and TLS that checks the certificate chain but not the host name.
export const ordersPoolInsecure = mysql.createPool({
  host: 'mysql-orders.acme.internal',
  user: 'orders',
  password: 'N0t-A-R3al-P4ssw0rd', // expect: no-hardcoded-credentials
  database: 'orders',
  ssl: { rejectUnauthorized: true }, // expect: no-weak-sslmode
});

// Secure: chain and host name verified, credentials from the environment.
export const ordersPool = mysql.createPool({
  host: process.env.MYSQL_HOST,
  user: process.env.MYSQL_USER,
  password: process.env.MYSQL_PASSWORD,
  database: 'orders',
  ssl: { ca: process.env.MYSQL_CA, rejectUnauthorized: true, verifyIdentity: true },
  connectionLimit: 10,
});
