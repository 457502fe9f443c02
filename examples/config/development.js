// config/development.js: loaded only when NODE_ENV=development (the file name says so).
// Development sites may skip TLS and use default passwords; a real-looking secret is still a finding.
export default {
  database: {
    host: 'db.dev.acme.internal',
    port: 5432,
    user: 'postgres',
    password: 'postgres',
    database: 'shop_dev',
    ssl: false,
  },
  // A committed secret leaks wherever it sits, development files included.
  adminUrl: 'postgres://admin:Qz7-Wm8r-Tx2v-Kp5@db.dev.acme.internal:5432/shop_dev', // expect: no-hardcoded-credentials
};
