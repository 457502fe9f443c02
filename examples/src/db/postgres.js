// postgres.js (porsager/postgres): `ssl: 'require'` encrypts but accepts any certificate.
import postgres from 'postgres';

// Insecure
export const sqlInsecure = postgres(process.env.DATABASE_URL, { ssl: 'require', max: 10 }); // expect: no-weak-sslmode

// Secure: chain and host name verified.
export const sql = postgres(process.env.DATABASE_URL, { ssl: 'verify-full', max: 10 });
