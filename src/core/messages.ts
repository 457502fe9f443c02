/**
 * Every sentence the product says about a finding, once: one full template per message id,
 * grouped by rule (typescript-eslint's `messages`, eslint-plugin-n's data rows). Readers and
 * front-ends choose a message id and pass data — names, spellings, numbers, masks — never a
 * sentence or part of one. ESLint fills these templates for the plugin; `formatMessage` fills
 * them for the scanner. `{{environment}}` (the environment and its evidence) and `{{minimum}}`
 * (the project's minimum) are filled by the checks, not by readers.
 */
export const MESSAGES = {
  'require-ssl': {
    // a driver's TLS option
    sslOff: '{{driver}}: `{{key}}: {{value}}` turns TLS off ({{environment}}). Use {{secure}}.',
    sslOffByDefault:
      '{{driver}}: `{{key}}` is false while {{env}} is unset, so TLS is off by default ({{environment}}). Use {{secure}}.',
    sslMissing:
      '{{driver}}: `{{key}}` is not set, so {{driver}} connects without TLS ({{environment}}). Use {{secure}}.',
    sslRawEnvironmentString:
      '{{driver}}: `{{key}}` is a raw environment string: TLS is off while it is unset, and {{driver}} does not read "true"/"false" strings as booleans ({{environment}}). Use {{secure}}.',
    sslKeyIgnored:
      '{{driver}}: `{{key}}` is ignored by {{driver}}, so the connection has no TLS ({{environment}}). Use {{secure}}.',
    tlsNotInCode: '{{driver}}: TLS is not set in code ({{environment}}). Use {{secure}}.',
    tlsNotInCodeUrlFromEnvironment:
      '{{driver}}: TLS is not set in code; the connection string comes from the environment ({{environment}}). Use {{secure}}.',
    pgNativeWithoutSslmode:
      '{{driver}}: without `sslmode` in `ssl`, pg-native leaves libpq at `prefer` (plaintext fallback; rejectUnauthorized is ignored) ({{environment}}). Use {{secure}}.',
    mssqlEncryptDefaultsOff:
      '{{driver}}: `options.encrypt` is not set and {{driver}} defaults it to false ({{environment}}). Use {{secure}}.',
    mssqlEncryptOff:
      '{{driver}}: `encrypt: false` turns TLS off ({{environment}}). Use {{secure}}.',
    // connection strings
    settingTurnsTlsOff: '{{driver}}: {{setting}} turns TLS off ({{environment}}). Use {{secure}}.',
    settingTurnsTlsOffUnlessSet:
      '{{driver}}: {{setting}} turns TLS off unless {{env}} is set ({{environment}}). Use {{secure}}.',
    redisUrlWithoutTls:
      '{{driver}}: the `redis://` URL connects without TLS ({{environment}}). Use {{secure}}.',
    pgUrlWithoutTls:
      '{{driver}}: the connection string has no sslmode and no `ssl` option is set, so node-postgres connects without TLS ({{environment}}). Use {{secure}}.',
    libpqUrlWithoutSslmode:
      '{{driver}}: the connection string has no sslmode, so libpq falls back to `prefer` (plaintext when the server or an attacker declines TLS) ({{environment}}). Use {{secure}}.',
    postgresjsUrlWithoutSslmode:
      '{{driver}}: the connection string has no sslmode, so postgres.js connects without TLS ({{environment}}). Use {{secure}}.',
    slonikDsnWithoutSslmode:
      '{{driver}}: the DSN has no sslmode, so Slonik connects without TLS ({{environment}}). Use {{secure}}.',
    prismaUrlWithoutSslmode:
      '{{driver}}: the URL has no sslmode, so Prisma uses `prefer` (plaintext fallback) ({{environment}}). Use {{secure}}.',
    prismaMysqlWithoutSsl:
      "{{driver}}: Prisma's MySQL connector uses TLS only when an ssl parameter is present ({{environment}}). Use {{secure}}.",
    mysql2IgnoresUrlParameter:
      '{{driver}}: mysql2 ignores {{param}} in a URL, so the connection has no TLS ({{environment}}). Use {{secure}}.',
    urlParameterIgnored:
      '{{driver}}: {{driver}} ignores {{param}} in this URL ({{environment}}). Use {{secure}}.',
    mongodbUrlTlsOff:
      '{{driver}}: TLS is turned off in the connection string ({{environment}}). Use {{secure}}.',
    mongodbUrlWithoutTls:
      '{{driver}}: a `mongodb://` URL without tls=true connects without TLS ({{environment}}). Use {{secure}}.',
    // environment variables
    appTlsSwitchOff:
      "{{driver}}: `{{setting}}` turns the application's database TLS off ({{environment}}). Use {{secure}}.",
    typeormSslVariableIgnored:
      '{{driver}}: TypeORM has no TYPEORM_SSL variable, so this setting is ignored ({{environment}}). Use {{secure}}.',
    typeormExtraSslOff:
      '{{driver}}: `ssl: false` in TYPEORM_DRIVER_EXTRA turns TLS off ({{environment}}). Use {{secure}}.',
    // Django and Python clients
    djangoWithoutSslmode:
      '{{driver}}: no `sslmode` in OPTIONS, so libpq uses `prefer` (plaintext when the server or an attacker declines TLS, certificate never checked) ({{environment}}). Use {{secure}}.',
    sslmodeFromVariable:
      '{{driver}}: sslmode comes from {{env}}; TLS is not set in code ({{environment}}). Use {{secure}}.',
    sslmodeFromEnvironment:
      '{{driver}}: sslmode comes from the environment; TLS is not set in code ({{environment}}). Use {{secure}}.',
    libpqCallWithoutSslmode:
      '{{driver}}: no sslmode is passed, so libpq uses `prefer` (plaintext when the server or an attacker declines TLS) ({{environment}}). Use {{secure}}.',
    pymysqlUrlWithoutCa:
      '{{driver}}: without ssl_ca, PyMySQL never verifies the server and may fall back to plaintext ({{environment}}). Use {{secure}}.',
    databaseUrlFromVariable:
      '{{driver}}: the database URL comes from {{env}}; TLS is not set in code ({{environment}}). Use {{secure}}.',
    databaseUrlFromEnvironment:
      '{{driver}}: the database URL comes from the environment; TLS is not set in code ({{environment}}). Use {{secure}}.',
    mysqlclientUrlWithoutSslMode:
      '{{driver}}: the URL sets no ssl_mode, so mysqlclient uses PREFERRED (plaintext when the server or an attacker declines TLS) ({{environment}}). Use {{secure}}.',
    mysqlclientWithoutSslMode:
      '{{driver}}: no `ssl_mode` in OPTIONS, so mysqlclient uses PREFERRED (plaintext when the server or an attacker declines TLS, certificate never checked) ({{environment}}). Use {{secure}}.',
    // Prisma schema
    prismaUrlFromVariable:
      '{{driver}}: the URL comes from {{env}}; TLS is not set in the schema ({{environment}}). Use {{secure}}.',
    // PostgreSQL server
    serverSslOff:
      '{{driver}}: `ssl = {{value}}`: the server accepts no TLS connections, so every client connects in plaintext ({{environment}}). Use {{secure}}.',
    serverSslUnset:
      '{{driver}}: `ssl` is not set, and PostgreSQL defaults it to off: the server accepts no TLS connections ({{environment}}). Use {{secure}}.',
    serverSslUnsetWithIncludes:
      '{{driver}}: `ssl` is not set here (an included file may set it); the default is off ({{environment}}). Use {{secure}}.',
    hbaAllowsPlaintext:
      '{{driver}}: a `{{type}}` line accepts connections from {{address}} with or without TLS, so clients may connect in plaintext ({{environment}}). Use {{secure}}.',
    hbaOnlyPlaintext:
      '{{driver}}: a `hostnossl` line accepts connections from {{address}} only without TLS ({{environment}}). Use {{secure}}.',
    // A running server, as `secure-db probe` saw it
    serverTlsNotOffered:
      'The server at {{target}} does not offer TLS (it answered "N" to the SSLRequest), so every client talks to it in plaintext. Set ssl = on with a certificate and key in postgresql.conf.',
    serverPlaintextAccepted:
      'The server at {{target}} accepts sessions without TLS: a startup without SSLRequest for user {{user}} got an authentication request, so a client with sslmode=prefer, or with no TLS setting, is served in plaintext. Use hostssl instead of host lines in pg_hba.conf.',
  },
  'no-disabled-cert-verification': {
    processWide:
      'NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate verification off for every TLS connection of the process ({{environment}}). Use {{secure}}.',
    sslNoVerify:
      "{{driver}}: `{{key}}: 'no-verify'` turns certificate verification off ({{environment}}). Use {{secure}}.",
    mysqljsSslTrue:
      '{{driver}}: mysqljs never checks the certificate chain with `ssl: true` ({{environment}}). Use {{secure}}.',
    mssqlTrustDefaultsOn:
      '{{driver}}: `options.trustServerCertificate` is not set and {{driver}} defaults it to true (certificate not verified) ({{environment}}). Use {{secure}}.',
    rejectUnauthorizedOff:
      '{{driver}}: `rejectUnauthorized` is false, so the server certificate is not verified ({{environment}}). Use {{secure}}.',
    rejectUnauthorizedOffUnlessSet:
      '{{driver}}: `rejectUnauthorized` is false unless {{env}} is set, so the server certificate is not verified ({{environment}}). Use {{secure}}.',
    checkServerIdentityNoop:
      '{{driver}}: a `checkServerIdentity` that returns nothing turns host name verification off ({{environment}}). Use {{secure}}.',
    optionDisablesVerification:
      '{{driver}}: `{{key}}: true` turns certificate verification off ({{environment}}). Use {{secure}}.',
    allowInvalidHostnames:
      '{{driver}}: `tlsAllowInvalidHostnames: true` turns host name verification off ({{environment}}). Use {{secure}}.',
    sslValidateOff:
      '{{driver}}: `sslValidate: false` turns certificate verification off ({{environment}}). Use {{secure}}.',
    trustServerCertificate:
      '{{driver}}: `trustServerCertificate: true` accepts any server certificate ({{environment}}). Use {{secure}}.',
    settingDisablesVerification:
      '{{driver}}: {{setting}} turns certificate verification off ({{environment}}). Use {{secure}}.',
    settingDisablesHostCheck:
      '{{driver}}: {{setting}} turns host name verification off ({{environment}}). Use {{secure}}.',
    prismaWithoutSslaccept:
      "{{driver}}: Prisma's engine does not verify the certificate unless sslaccept=strict ({{environment}}). Use {{secure}}.",
    mysql2UrlRejectUnauthorizedOff:
      '{{driver}}: rejectUnauthorized is false in the ssl parameter ({{environment}}). Use {{secure}}.',
    appVerificationOff:
      '{{driver}}: `{{setting}}` turns server certificate verification off ({{environment}}). Use {{secure}}.',
    appTrustServerCertificate:
      '{{driver}}: `{{setting}}` accepts any SQL Server certificate ({{environment}}). Use {{secure}}.',
    pgsslmodeNoVerify:
      '{{driver}}: PGSSLMODE=no-verify makes node-postgres skip certificate verification (libpq rejects the value) ({{environment}}). Use {{secure}}.',
    typeormExtraRejectUnauthorizedOff:
      '{{driver}}: `ssl.rejectUnauthorized` is false in TYPEORM_DRIVER_EXTRA, so the server certificate is not verified ({{environment}}). Use {{secure}}.',
    serverChainUnverified:
      'The certificate of {{target}} does not verify against {{trust}} ({{reason}}): clients that verify it (sslmode=verify-full, rejectUnauthorized: true) refuse the server, and clients that connect anyway do not check whom they talk to. Serve a certificate from a CA your clients trust, or probe again with --ca <the CA file>.',
    serverHostMismatch:
      'The certificate of {{target}} is issued for {{names}}, not for {{host}}: a client that checks the host name (sslmode=verify-full) refuses it. Issue the certificate with {{host}} among its subject alternative names, or connect with a name it carries.',
    serverCertificateExpired:
      'The certificate of {{target}} expired on {{date}}: every client that verifies it refuses the server. Renew the certificate.',
    serverCertificateExpiring:
      'The certificate of {{target}} expires on {{date}} (days left: {{days}}; the warning starts {{threshold}} days before). Renew the certificate before then.',
  },
  'no-weak-sslmode': {
    // libpq's modes, as a URL, an option or a Django setting spells them
    sslmodeAllow:
      '{{driver}}: {{setting}} tries plaintext first; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    sslmodePrefer:
      '{{driver}}: {{setting}} falls back to plaintext and never verifies the certificate; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    sslmodeRequire:
      '{{driver}}: {{setting}} encrypts but does not verify the server certificate; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    sslmodeVerifyCa:
      '{{driver}}: {{setting}} checks the certificate chain but not the host name; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    sslmodeAllowUnlessSet:
      '{{driver}}: {{setting}} tries plaintext first unless {{env}} is set; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    sslmodePreferUnlessSet:
      '{{driver}}: {{setting}} falls back to plaintext and never verifies the certificate unless {{env}} is set; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    sslmodeRequireUnlessSet:
      '{{driver}}: {{setting}} encrypts but does not verify the server certificate unless {{env}} is set; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    sslmodeVerifyCaUnlessSet:
      '{{driver}}: {{setting}} checks the certificate chain but not the host name unless {{env}} is set; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    sslmodeRequireWithRootCert:
      "{{driver}}: sslmode 'require' with sslrootcert checks the certificate chain (like verify-ca) but not the host name; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.",
    sslmodeRequireWithRootCertUnlessSet:
      "{{driver}}: sslmode 'require' with sslrootcert checks the certificate chain (like verify-ca) but not the host name unless {{env}} is set; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.",
    // node-postgres reads libpq's weak modes as verify-full today
    pgUrlSslmodeAllow:
      '{{driver}}: {{setting}} tries plaintext first (node-postgres reads it as verify-full today, but as libpq does with uselibpqcompat=true and from pg v9); the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    pgUrlSslmodePrefer:
      '{{driver}}: {{setting}} falls back to plaintext and never verifies the certificate (node-postgres reads it as verify-full today, but as libpq does with uselibpqcompat=true and from pg v9); the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    pgUrlSslmodeRequire:
      '{{driver}}: {{setting}} encrypts but does not verify the server certificate (node-postgres reads it as verify-full today, but as libpq does with uselibpqcompat=true and from pg v9); the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    pgUrlSslmodeVerifyCa:
      '{{driver}}: {{setting}} checks the certificate chain but not the host name (node-postgres reads it as verify-full today, but as libpq does with uselibpqcompat=true and from pg v9); the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    pgsslmodeAllow:
      '{{driver}}: {{setting}} tries plaintext first (node-postgres ignores it and connects without TLS); the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    pgsslmodePrefer:
      '{{driver}}: {{setting}} falls back to plaintext and never verifies the certificate (node-postgres reads it as verify-full today, but as libpq does from pg v9); the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    pgsslmodeRequire:
      '{{driver}}: {{setting}} encrypts but does not verify the server certificate (node-postgres reads it as verify-full today, but as libpq does from pg v9); the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    pgsslmodeVerifyCa:
      '{{driver}}: {{setting}} checks the certificate chain but not the host name (node-postgres reads it as verify-full today, but as libpq does from pg v9); the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    // other clients' modes
    postgresjsSslNoVerify:
      "{{driver}}: {{driver}} encrypts with `{{key}}: '{{value}}'` but does not verify the server certificate; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.",
    postgresjsSslPrefer:
      "{{driver}}: {{driver}} does not verify the certificate with `{{key}}: 'prefer'` and falls back to plaintext; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.",
    drizzleKitSslPrefer:
      "{{driver}}: {{driver}} does not verify the certificate with `{{key}}: 'prefer'`; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.",
    postgresjsUrlNoVerify:
      '{{driver}}: postgres.js encrypts with {{setting}} but does not verify the server certificate; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    postgresjsUrlPrefer:
      '{{driver}}: postgres.js falls back to plaintext with {{setting}}; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    pgsslNoVerify:
      '{{driver}}: PGSSL={{value}} makes postgres.js encrypt without verifying the server certificate; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    pgsslPrefer:
      '{{driver}}: PGSSL=prefer makes postgres.js fall back to plaintext and skip certificate verification; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    prismaSslmodePrefer:
      '{{driver}}: sslmode=prefer falls back to plaintext; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    prismaIgnoresSslmode:
      "{{driver}}: Prisma's engine ignores sslmode={{value}} and falls back to prefer (plaintext fallback); the minimum is {{minimum}} ({{environment}}). Use {{secure}}.",
    amazonRdsProfile:
      '{{driver}}: the "Amazon RDS" profile pins the CA but does not check the host name; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    mysqljsNoHostCheck:
      '{{driver}}: mysqljs never checks the server host name (use mysql2 with verifyIdentity: true); the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    mysql2WithoutVerifyIdentity:
      '{{driver}}: mysql2 does not check the server host name without `verifyIdentity: true`; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    mysql2UrlWithoutVerifyIdentity:
      '{{driver}}: mysql2 does not check the host name without verifyIdentity: true; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    mysqlModeBelowVerifyIdentity:
      '{{driver}}: `{{setting}}` is below VERIFY_IDENTITY; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    djangoSslRequire:
      '{{driver}}: ssl_require=True forces sslmode=require (encrypted, server certificate not verified) and overrides any stronger sslmode in the URL; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    mysqlclientSslCa:
      '{{driver}}: ssl-ca checks the certificate chain but not the host name; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    mysqlclientSslTrue:
      '{{driver}}: ssl=True means ssl_mode REQUIRED: encrypted, server certificate not verified; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    mysqlclientSslCaWithoutMode:
      "{{driver}}: ssl={'ca': …} without ssl_mode checks the certificate chain but not the host name; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.",
    mysqlclientSslWithoutCa:
      '{{driver}}: ssl options without a CA or ssl_mode encrypt but do not verify the server certificate; the minimum is {{minimum}} ({{environment}}). Use {{secure}}.',
    // values no consumer accepts
    pgNativeSslTrue:
      '{{driver}}: pg-native passes ssl: true to libpq as sslmode=true, which libpq rejects ({{environment}}). Use {{secure}}.',
    pgSslString:
      "{{driver}}: `{{key}}: '{{value}}'` is not a boolean or an object: pg crashes with a TypeError when TLS starts ({{environment}}). Use {{secure}}.",
    mysql2SslTrue:
      '{{driver}}: mysql2 throws "SSL profile must be an object" for `{{key}}: true` ({{environment}}). Use {{secure}}.',
    unknownSslProfile:
      "{{driver}}: `{{key}}: '{{value}}'` is not a known SSL profile ({{environment}}). Use {{secure}}.",
    invalidUrlSslmode:
      '{{driver}}: sslmode={{value}} is not a valid sslmode ({{environment}}). Use {{secure}}.',
    pgUrlSslString:
      '{{driver}}: ssl={{value}} is kept as a string by pg, which crashes when TLS starts ({{environment}}). Use {{secure}}.',
    slonikInvalidSslmode:
      '{{driver}}: Slonik accepts only disable, no-verify and require; sslmode={{value}} makes it throw ({{environment}}). Use {{secure}}.',
    mysql2UrlSslTrue:
      '{{driver}}: mysql2 reads ssl=true from a URL as a boolean and throws "SSL profile must be an object" ({{environment}}). Use {{secure}}.',
    invalidPgsslmode:
      '{{driver}}: PGSSLMODE={{value}} is not a valid sslmode: libpq refuses to connect, and node-postgres ignores it and connects without TLS ({{environment}}). Use {{secure}}.',
    invalidDjangoSslmode:
      "{{driver}}: sslmode '{{value}}' is not a libpq sslmode (libpq refuses to connect) ({{environment}}). Use {{secure}}.",
    invalidDjangoSslmodeUnlessSet:
      "{{driver}}: sslmode '{{value}}' is not a libpq sslmode (libpq refuses to connect) unless {{env}} is set ({{environment}}). Use {{secure}}.",
    djangoSslRequireMysql:
      '{{driver}}: ssl_require=True adds an `sslmode` option that mysqlclient does not know ({{environment}}). Use {{secure}}.',
    invalidMysqlSslMode:
      "{{driver}}: ssl_mode '{{value}}' is not a MySQL ssl-mode (mysqlclient raises NotSupportedError) ({{environment}}). Use {{secure}}.",
  },
  'min-tls-version': {
    versionAllowed:
      "{{driver}}: `{{key}}: '{{value}}'` allows {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    versionForced:
      "{{driver}}: `{{key}}: '{{value}}'` forces {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    secureProtocolBelowTls12:
      "{{driver}}: `secureProtocol: '{{value}}'` forces a protocol below TLS 1.2, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    secureProtocolTls12:
      "{{driver}}: `secureProtocol: '{{value}}'` forces TLSv1.2, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    processMinimumLowered:
      "{{driver}}: tls.DEFAULT_MIN_VERSION = '{{value}}' lowers the minimum for the whole process, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    variableAllows:
      '{{driver}}: {{key}}={{value}} allows {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.',
    variableForces:
      '{{driver}}: {{key}}={{value}} forces {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.',
    nodeOptionsAllows:
      '{{driver}}: `{{flag}}` in NODE_OPTIONS allows {{version}} for every TLS connection of the process, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.',
    nodeOptionsForces:
      '{{driver}}: `{{flag}}` in NODE_OPTIONS forces {{version}} for every TLS connection of the process, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.',
    djangoVersionAllows:
      "{{driver}}: `{{key}}` '{{value}}' allows {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    djangoVersionForces:
      "{{driver}}: `{{key}}` '{{value}}' forces {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    serverVersionAllows:
      "{{driver}}: `{{key}} = '{{value}}'` allows {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    serverVersionForces:
      "{{driver}}: `{{key}} = '{{value}}'` forces {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    weakCiphers:
      '{{driver}}: the cipher list enables weak suites ({{ciphers}}) ({{environment}}). Use {{secure}}.',
    nodeOptionsWeakCiphers:
      '{{driver}}: the cipher list in NODE_OPTIONS enables weak suites ({{ciphers}}) ({{environment}}). Use {{secure}}.',
    serverWeakCiphers:
      '{{driver}}: ssl_ciphers enables weak suites ({{ciphers}}) ({{environment}}). Use {{secure}}.',
    serverLegacyTlsAccepted:
      "The server at {{target}} completed a {{protocol}} handshake; TLS 1.0 and 1.1 are deprecated (RFC 8996). Set ssl_min_protocol_version = 'TLSv1.2' in postgresql.conf.",
    serverWeakMinProtocol:
      "The server at {{target}} has ssl_min_protocol_version = {{value}}, below TLSv1.2. Set ssl_min_protocol_version = 'TLSv1.2' in postgresql.conf.",
  },
  'no-weak-db-auth': {
    postgresImageTrust:
      '`POSTGRES_HOST_AUTH_METHOD=trust` makes the postgres image let every host in without a password ({{environment}}). Use {{secure}}.',
    postgresImagePassword:
      '`POSTGRES_HOST_AUTH_METHOD=password` makes the postgres image take passwords in clear text ({{environment}}). Use {{secure}}.',
    postgresImageMd5:
      '`POSTGRES_HOST_AUTH_METHOD=md5` makes the postgres image check MD5 password hashes (weak, deprecated in PostgreSQL 18) ({{environment}}). Use {{secure}}.',
    hbaTrustLocal:
      '`trust` lets local connections in without any password ({{environment}}). Use {{secure}}.',
    hbaTrust:
      '`trust` lets connections from {{address}} in without any password ({{environment}}). Use {{secure}}.',
    hbaMd5Local:
      '`md5` authenticates local connections with MD5 password hashes (weak, deprecated in PostgreSQL 18) ({{environment}}). Use {{secure}}.',
    hbaMd5:
      '`md5` authenticates connections from {{address}} with MD5 password hashes (weak, deprecated in PostgreSQL 18) ({{environment}}). Use {{secure}}.',
    hbaCleartext:
      '`{{method}}` sends the password of connections from {{address}} in clear text unless the line is hostssl ({{environment}}). Use {{secure}}.',
    hbaIdentOverTcp:
      "`ident` over TCP trusts what the client machine's ident server says about connections from {{address}} ({{environment}}). Use {{secure}}.",
    md5PasswordEncryption:
      '`password_encryption = {{value}}` stores new passwords as MD5 hashes (weak, deprecated in PostgreSQL 18) ({{environment}}). Use {{secure}}.',
    md5PasswordEncryptionAlias:
      '`password_encryption = {{value}}` stores new passwords as MD5 hashes (weak, deprecated in PostgreSQL 18); on/true is an old alias of md5 ({{environment}}). Use {{secure}}.',
    serverTrustAuthentication:
      'The server at {{target}} let user {{user}} in without any password (trust authentication). Use scram-sha-256 for this line of pg_hba.conf.',
    serverCleartextAuthentication:
      'The server at {{target}} asks user {{user}} for the password in clear text (password authentication). Use scram-sha-256 for this line of pg_hba.conf.',
    serverMd5Authentication:
      'The server at {{target}} asks user {{user}} for an MD5 password hash, which can be replayed from a stolen pg_authid and cracked offline. Use scram-sha-256 for this line of pg_hba.conf and set the password again under password_encryption = scram-sha-256.',
    serverMd5PasswordEncryption:
      "The server at {{target}} stores new passwords as MD5 hashes (password_encryption = md5). Set password_encryption = 'scram-sha-256' and set the passwords again.",
  },
  'no-hardcoded-credentials': {
    realLookingInOption:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in the `{{key}}` option ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInOption:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in the `{{key}}` option ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInSetting:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in the `{{key}}` setting ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInSetting:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in the `{{key}}` setting ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInArgument:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in the password argument ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInArgument:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in the password argument ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInVariable:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in the {{name}} variable ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInVariable:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in the {{name}} variable ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInAssignment:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in `{{name}}` ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInAssignment:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in `{{name}}` ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInFallback:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in the fallback of process.env.{{name}} ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInFallback:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in the fallback of process.env.{{name}} ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInShellDefault:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in the default of {{reference}} ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInShellDefault:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in the default of {{reference}} ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInEnvironmentDefault:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in the default of the {{name}} environment read ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInEnvironmentDefault:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in the default of the {{name}} environment read ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInUrl:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in a connection string ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInUrl:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in a connection string ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInDatabaseUrl:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in a database URL ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInDatabaseUrl:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in a database URL ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInUrlVariable:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in the connection string in {{name}} ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInUrlVariable:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in the connection string in {{name}} ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInDefaultUrl:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in the default URL of {{name}} ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInDefaultUrl:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in the default URL of {{name}} ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInDatasource:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in the datasource {{key}} ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInDatasource:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in the datasource {{key}} ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInConninfo:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in primary_conninfo ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInConninfo:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in primary_conninfo ({{environment}}). Read it from process.env.{{envName}}.',
    realLookingInComment:
      '{{driver}}: a real-looking database password ({{masked}}) is hardcoded in a comment ({{environment}}). Move it to a secret store and read it from process.env.{{envName}}.',
    weakInComment:
      '{{driver}}: a default or weak database password ({{masked}}) is hardcoded in a comment ({{environment}}). Read it from process.env.{{envName}}.',
  },
} as const satisfies Record<string, Record<string, string>>;

/** Why `secure-db probe` could not finish (exit code 2): not findings, so no rule. */
export const PROBE_FAILURES = {
  unresolved: 'Could not probe: the host name {{host}} does not resolve ({{code}}).',
  refused: 'Could not probe: the connection to {{target}} was refused (is the server running?).',
  timedOut: 'Could not probe: {{target}} did not answer within {{seconds}} s ({{step}}).',
  networkError: 'Could not probe {{target}}: network error {{code}} ({{step}}).',
  closedEarly: 'Could not probe: {{target}} closed the connection during {{step}}.',
  notPostgres: 'Could not probe: {{target}} does not speak the PostgreSQL protocol ({{detail}}).',
  tlsFailed:
    'Could not probe: the TLS handshake with {{target}} failed ({{code}}), even with TLS 1.2 and 1.3 offered.',
  loginFailed:
    'Could not probe with --connect: {{target}} refused the login of user {{user}} ({{detail}}).',
} as const;

/** The rule ids (POLICY's table), from the message table's keys. */
export type RuleId = keyof typeof MESSAGES;

type Messages = typeof MESSAGES;

/** A message id of one rule. */
export type MessageIdOf<R extends RuleId> = keyof Messages[R] & string;

/** Every message id (ids are unique across rules: a test holds that). */
export type MessageId = { [R in RuleId]: MessageIdOf<R> }[RuleId];

type TemplateOf<Id extends MessageId> = {
  [R in RuleId]: Id extends keyof Messages[R] ? Messages[R][Id] : never;
}[RuleId];

type Placeholders<S> = S extends `${string}{{${infer Name}}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The data a template needs: exactly its placeholders. */
export type MessageData<Id extends MessageId> = Record<Placeholders<TemplateOf<Id>>, string>;

/** What the checks fill in themselves. */
type CheckFilled = 'environment' | 'minimum';

/** The data a reader passes: the template's placeholders but the ones the checks fill. */
export type ReaderData<Id extends MessageId> = Omit<MessageData<Id>, CheckFilled>;

/** A message id with its reader data, as one value (so the pair is checked together). */
export type Message = { [Id in MessageId]: { id: Id; data: ReaderData<Id> } }[MessageId];

const RULE_OF = new Map<string, RuleId>();
for (const [rule, messages] of Object.entries(MESSAGES) as [RuleId, Record<string, string>][])
  for (const id of Object.keys(messages)) RULE_OF.set(id, rule);

/** The rule a message id belongs to. */
export function ruleOf(id: MessageId): RuleId {
  return RULE_OF.get(id)!;
}

/** The template of a message id. */
export function templateOf(id: MessageId): string {
  const rule = ruleOf(id);
  return (MESSAGES[rule] as Record<string, string>)[id]!;
}

/** Fills a template the way ESLint does (`{{ name }}`, unknown names left as written). */
export function formatMessage(id: MessageId, data: Readonly<Record<string, string>>): string {
  return templateOf(id).replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, key: string) =>
    Object.hasOwn(data, key) ? data[key]! : whole,
  );
}

/**
 * A message from an id that a table or a condition chose (a union of ids): the data must
 * fill every template the id may be, which the type checks.
 */
export function message<Id extends MessageId>(id: Id, data: ReaderData<Id>): Message {
  return { id, data } as Message;
}
