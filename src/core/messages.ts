/**
 * Every sentence the product says about a finding, once: one full template per message id,
 * grouped by rule (typescript-eslint's `messages`, eslint-plugin-n's data rows). Readers and
 * front-ends choose a message id and pass data — names, spellings, numbers, masks — never a
 * sentence or part of one. ESLint fills these templates for the plugin; `formatMessage` fills
 * them for the scanner. `{{environment}}` (the environment and its evidence), `{{minimum}}`
 * (the project's minimum) and `{{remedy}}` (where a password goes instead, in the file's own
 * terms) are filled by the checks, not by readers.
 */
export const MESSAGES = {
  'require-ssl': {
    // a driver's TLS option
    sslOff: '{{driver}}: `{{key}}: {{value}}` turns TLS off ({{environment}}). Use {{secure}}.',
    sslOffByDefault:
      '{{driver}}: `{{key}}` is false while {{env}} is unset: no TLS by default ({{environment}}). Use {{secure}}.',
    sslMissing:
      '{{driver}}: `{{key}}` is not set, so it connects without TLS ({{environment}}). Use {{secure}}.',
    sslRawEnvironmentString:
      '{{driver}}: `{{key}}` is a raw environment string, not a boolean: no TLS while unset ({{environment}}). Use {{secure}}.',
    sslKeyIgnored:
      '{{driver}}: `{{key}}` is ignored here, so there is no TLS ({{environment}}). Use {{secure}}.',
    tlsNotInCode: '{{driver}}: TLS is not set in code ({{environment}}). Use {{secure}}.',
    tlsNotInCodeUrlFromEnvironment:
      '{{driver}}: TLS is not set in code; the URL comes from the environment ({{environment}}). Use {{secure}}.',
    pgNativeWithoutSslmode:
      '{{driver}}: no `sslmode` in `ssl`, so pg-native leaves libpq at `prefer` (plaintext fallback) ({{environment}}). Use {{secure}}.',
    mssqlEncryptDefaultsOff:
      '{{driver}}: `options.encrypt` is not set and defaults to false ({{environment}}). Use {{secure}}.',
    mssqlEncryptOff:
      '{{driver}}: `encrypt: false` turns TLS off ({{environment}}). Use {{secure}}.',
    // connection strings
    settingTurnsTlsOff: '{{driver}}: {{setting}} turns TLS off ({{environment}}). Use {{secure}}.',
    settingTurnsTlsOffUnlessSet:
      '{{driver}}: {{setting}} turns TLS off unless {{env}} is set ({{environment}}). Use {{secure}}.',
    redisUrlWithoutTls:
      '{{driver}}: `redis://` connects without TLS ({{environment}}). Use {{secure}}.',
    pgUrlWithoutTls:
      '{{driver}}: no sslmode in the URL and no `ssl` option: no TLS ({{environment}}). Use {{secure}}.',
    libpqUrlWithoutSslmode:
      '{{driver}}: no sslmode, so libpq uses `prefer` (plaintext fallback) ({{environment}}). Use {{secure}}.',
    postgresjsUrlWithoutSslmode:
      '{{driver}}: no sslmode, so postgres.js connects without TLS ({{environment}}). Use {{secure}}.',
    slonikDsnWithoutSslmode:
      '{{driver}}: no sslmode in the DSN, so Slonik connects without TLS ({{environment}}). Use {{secure}}.',
    prismaUrlWithoutSslmode:
      '{{driver}}: no sslmode, so Prisma uses `prefer` (plaintext fallback) ({{environment}}). Use {{secure}}.',
    prismaMysqlWithoutSsl:
      "{{driver}}: no ssl parameter, so Prisma's MySQL connector uses no TLS ({{environment}}). Use {{secure}}.",
    mysql2IgnoresUrlParameter:
      '{{driver}}: mysql2 ignores {{param}} in a URL: no TLS ({{environment}}). Use {{secure}}.',
    urlParameterIgnored:
      '{{driver}}: {{param}} is ignored in this URL ({{environment}}). Use {{secure}}.',
    mongodbUrlTlsOff: '{{driver}}: the URL turns TLS off ({{environment}}). Use {{secure}}.',
    mongodbUrlWithoutTls:
      '{{driver}}: `mongodb://` without tls=true connects without TLS ({{environment}}). Use {{secure}}.',
    // environment variables
    appTlsSwitchOff:
      "{{driver}}: `{{setting}}` turns the app's database TLS off ({{environment}}). Use {{secure}}.",
    typeormSslVariableIgnored:
      '{{driver}}: TypeORM has no TYPEORM_SSL variable; it is ignored ({{environment}}). Use {{secure}}.',
    typeormExtraSslOff:
      '{{driver}}: `ssl: false` in TYPEORM_DRIVER_EXTRA turns TLS off ({{environment}}). Use {{secure}}.',
    // Django and Python clients
    djangoWithoutSslmode:
      '{{driver}}: no `sslmode` in OPTIONS, so libpq uses `prefer` (plaintext fallback) ({{environment}}). Use {{secure}}.',
    sslmodeFromVariable:
      '{{driver}}: sslmode comes from {{env}}; TLS is not set in code ({{environment}}). Use {{secure}}.',
    sslmodeFromEnvironment:
      '{{driver}}: sslmode comes from the environment; TLS is not set in code ({{environment}}). Use {{secure}}.',
    libpqCallWithoutSslmode:
      '{{driver}}: no sslmode is passed, so libpq uses `prefer` (plaintext fallback) ({{environment}}). Use {{secure}}.',
    pymysqlUrlWithoutCa:
      '{{driver}}: without ssl_ca PyMySQL does not verify the server and may use plaintext ({{environment}}). Use {{secure}}.',
    databaseUrlFromVariable:
      '{{driver}}: the URL comes from {{env}}; TLS is not set in code ({{environment}}). Use {{secure}}.',
    databaseUrlFromEnvironment:
      '{{driver}}: the URL comes from the environment; TLS is not set in code ({{environment}}). Use {{secure}}.',
    mysqlclientUrlWithoutSslMode:
      '{{driver}}: no ssl_mode in the URL, so mysqlclient uses PREFERRED (plaintext fallback) ({{environment}}). Use {{secure}}.',
    mysqlclientWithoutSslMode:
      '{{driver}}: no `ssl_mode` in OPTIONS, so mysqlclient uses PREFERRED (plaintext fallback) ({{environment}}). Use {{secure}}.',
    // Prisma schema
    prismaUrlFromVariable:
      '{{driver}}: the URL comes from {{env}}; TLS is not set in the schema ({{environment}}). Use {{secure}}.',
    // PostgreSQL server
    serverSslOff:
      '{{driver}}: `ssl = {{value}}`: the server accepts no TLS connections ({{environment}}). Use {{secure}}.',
    serverSslUnset:
      '{{driver}}: `ssl` is not set and defaults to off: no TLS connections ({{environment}}). Use {{secure}}.',
    serverListensWithoutSsl:
      "{{driver}}: `listen_addresses = '{{value}}'` takes remote clients, and `ssl` is not set (off) ({{environment}}). Use {{secure}}.",
    serverSslUnsetWithIncludes:
      '{{driver}}: `ssl` is not set here (an included file may set it); it defaults to off ({{environment}}). Use {{secure}}.',
    hbaAllowsPlaintext:
      '{{driver}}: a `{{type}}` line accepts {{address}} with or without TLS ({{environment}}). Use {{secure}}.',
    hbaOnlyPlaintext:
      '{{driver}}: a `hostnossl` line accepts {{address}} only without TLS ({{environment}}). Use {{secure}}.',
    // A running server, as `secure-db probe` saw it
    serverTlsNotOffered:
      'The server at {{target}} does not offer TLS (it answered "N" to the SSLRequest), so every client talks to it in plaintext. Set ssl = on with a certificate and key in postgresql.conf.',
    serverPlaintextAccepted:
      'The server at {{target}} accepts sessions without TLS: a startup without SSLRequest for user {{user}} got an authentication request, so a client with sslmode=prefer, or with no TLS setting, is served in plaintext. Use hostssl instead of host lines in pg_hba.conf.',
  },
  'no-disabled-cert-verification': {
    processWide:
      'NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate verification off for the whole process ({{environment}}). Use {{secure}}.',
    sslNoVerify:
      "{{driver}}: `{{key}}: 'no-verify'` turns certificate verification off ({{environment}}). Use {{secure}}.",
    mysqljsSslTrue:
      '{{driver}}: with `ssl: true` mysqljs never checks the certificate ({{environment}}). Use {{secure}}.',
    mssqlTrustDefaultsOn:
      '{{driver}}: `options.trustServerCertificate` defaults to true: certificate not verified ({{environment}}). Use {{secure}}.',
    rejectUnauthorizedOff:
      '{{driver}}: `rejectUnauthorized: false` skips certificate verification ({{environment}}). Use {{secure}}.',
    rejectUnauthorizedOffUnlessSet:
      '{{driver}}: `rejectUnauthorized` is false unless {{env}} is set: certificate not verified ({{environment}}). Use {{secure}}.',
    checkServerIdentityNoop:
      '{{driver}}: a no-op `checkServerIdentity` turns host name verification off ({{environment}}). Use {{secure}}.',
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
      '{{driver}}: without sslaccept=strict Prisma does not verify the certificate ({{environment}}). Use {{secure}}.',
    mysql2UrlRejectUnauthorizedOff:
      '{{driver}}: the ssl parameter sets rejectUnauthorized false ({{environment}}). Use {{secure}}.',
    appVerificationOff:
      '{{driver}}: `{{setting}}` turns certificate verification off ({{environment}}). Use {{secure}}.',
    appTrustServerCertificate:
      '{{driver}}: `{{setting}}` accepts any SQL Server certificate ({{environment}}). Use {{secure}}.',
    pgsslmodeNoVerify:
      '{{driver}}: PGSSLMODE=no-verify makes node-postgres skip certificate verification ({{environment}}). Use {{secure}}.',
    typeormExtraRejectUnauthorizedOff:
      '{{driver}}: `ssl.rejectUnauthorized: false` in TYPEORM_DRIVER_EXTRA skips certificate verification ({{environment}}). Use {{secure}}.',
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
      '{{driver}}: {{setting}} tries plaintext first ({{environment}}). Use {{secure}}.',
    sslmodePrefer:
      '{{driver}}: {{setting}} falls back to plaintext and never verifies the certificate ({{environment}}). Use {{secure}}.',
    sslmodeRequire:
      '{{driver}}: {{setting}} encrypts but does not verify the certificate ({{environment}}). Use {{secure}}.',
    sslmodeVerifyCa:
      '{{driver}}: {{setting}} does not check the host name ({{environment}}). Use {{secure}}.',
    sslmodeAllowUnlessSet:
      '{{driver}}: {{setting}} tries plaintext first unless {{env}} is set ({{environment}}). Use {{secure}}.',
    sslmodePreferUnlessSet:
      '{{driver}}: {{setting}} falls back to plaintext unless {{env}} is set ({{environment}}). Use {{secure}}.',
    sslmodeRequireUnlessSet:
      '{{driver}}: {{setting}} does not verify the certificate unless {{env}} is set ({{environment}}). Use {{secure}}.',
    sslmodeVerifyCaUnlessSet:
      '{{driver}}: {{setting}} does not check the host name unless {{env}} is set ({{environment}}). Use {{secure}}.',
    sslmodeRequireWithRootCert:
      "{{driver}}: sslmode 'require' with sslrootcert does not check the host name ({{environment}}). Use {{secure}}.",
    sslmodeRequireWithRootCertUnlessSet:
      "{{driver}}: sslmode 'require' with sslrootcert does not check the host name unless {{env}} is set ({{environment}}). Use {{secure}}.",
    // node-postgres reads libpq's weak modes as verify-full today
    pgUrlSslmodeAllow:
      '{{driver}}: {{setting}} means plaintext first in libpq and from pg v9 ({{environment}}). Use {{secure}}.',
    pgUrlSslmodePrefer:
      '{{driver}}: {{setting}} means plaintext fallback in libpq and from pg v9 ({{environment}}). Use {{secure}}.',
    pgUrlSslmodeRequire:
      '{{driver}}: {{setting}} means no certificate check in libpq and from pg v9 ({{environment}}). Use {{secure}}.',
    pgUrlSslmodeVerifyCa:
      '{{driver}}: {{setting}} means no host name check in libpq and from pg v9 ({{environment}}). Use {{secure}}.',
    pgsslmodeAllow:
      '{{driver}}: {{setting}} tries plaintext first, and node-postgres ignores it: no TLS ({{environment}}). Use {{secure}}.',
    pgsslmodePrefer:
      '{{driver}}: {{setting}} means plaintext fallback in libpq and from pg v9 ({{environment}}). Use {{secure}}.',
    pgsslmodeRequire:
      '{{driver}}: {{setting}} means no certificate check in libpq and from pg v9 ({{environment}}). Use {{secure}}.',
    pgsslmodeVerifyCa:
      '{{driver}}: {{setting}} means no host name check in libpq and from pg v9 ({{environment}}). Use {{secure}}.',
    // other clients' modes
    postgresjsSslNoVerify:
      "{{driver}}: `{{key}}: '{{value}}'` encrypts but does not verify the certificate ({{environment}}). Use {{secure}}.",
    postgresjsSslPrefer:
      "{{driver}}: `{{key}}: 'prefer'` falls back to plaintext without verification ({{environment}}). Use {{secure}}.",
    drizzleKitSslPrefer:
      "{{driver}}: `{{key}}: 'prefer'` does not verify the certificate ({{environment}}). Use {{secure}}.",
    postgresjsUrlNoVerify:
      '{{driver}}: {{setting}} encrypts but postgres.js does not verify the certificate ({{environment}}). Use {{secure}}.',
    postgresjsUrlPrefer:
      '{{driver}}: {{setting}} lets postgres.js fall back to plaintext ({{environment}}). Use {{secure}}.',
    pgsslNoVerify:
      '{{driver}}: PGSSL={{value}} encrypts without verifying the certificate ({{environment}}). Use {{secure}}.',
    pgsslPrefer:
      '{{driver}}: PGSSL=prefer falls back to plaintext without verification ({{environment}}). Use {{secure}}.',
    prismaSslmodePrefer:
      '{{driver}}: sslmode=prefer falls back to plaintext ({{environment}}). Use {{secure}}.',
    prismaIgnoresSslmode:
      '{{driver}}: Prisma ignores sslmode={{value}} and uses prefer (plaintext fallback) ({{environment}}). Use {{secure}}.',
    amazonRdsProfile:
      '{{driver}}: the "Amazon RDS" profile does not check the host name ({{environment}}). Use {{secure}}.',
    mysqljsNoHostCheck:
      '{{driver}}: mysqljs never checks the host name ({{environment}}). Use {{secure}}.',
    mysql2WithoutVerifyIdentity:
      '{{driver}}: without `verifyIdentity: true` mysql2 does not check the host name ({{environment}}). Use {{secure}}.',
    mysql2UrlWithoutVerifyIdentity:
      '{{driver}}: without verifyIdentity mysql2 does not check the host name ({{environment}}). Use {{secure}}.',
    mysqlModeBelowVerifyIdentity:
      '{{driver}}: `{{setting}}` is below VERIFY_IDENTITY ({{environment}}). Use {{secure}}.',
    djangoSslRequire:
      '{{driver}}: ssl_require=True forces sslmode=require (no certificate check) over the URL ({{environment}}). Use {{secure}}.',
    mysqlclientSslCa:
      '{{driver}}: ssl-ca alone does not check the host name ({{environment}}). Use {{secure}}.',
    mysqlclientSslTrue:
      '{{driver}}: ssl=True means ssl_mode REQUIRED: no certificate check ({{environment}}). Use {{secure}}.',
    mysqlclientSslCaWithoutMode:
      "{{driver}}: ssl={'ca': …} without ssl_mode does not check the host name ({{environment}}). Use {{secure}}.",
    mysqlclientSslWithoutCa:
      '{{driver}}: ssl options without a CA or ssl_mode do not verify the certificate ({{environment}}). Use {{secure}}.',
    // values no consumer accepts
    pgNativeSslTrue:
      '{{driver}}: pg-native passes `ssl: true` as sslmode=true, which libpq rejects ({{environment}}). Use {{secure}}.',
    pgSslString:
      "{{driver}}: `{{key}}: '{{value}}'` is neither a boolean nor an object: pg throws when TLS starts ({{environment}}). Use {{secure}}.",
    mysql2SslTrue:
      '{{driver}}: mysql2 throws "SSL profile must be an object" for `{{key}}: true` ({{environment}}). Use {{secure}}.',
    unknownSslProfile:
      "{{driver}}: `{{key}}: '{{value}}'` is not a known SSL profile ({{environment}}). Use {{secure}}.",
    invalidUrlSslmode:
      '{{driver}}: sslmode={{value}} is not a valid sslmode ({{environment}}). Use {{secure}}.',
    pgUrlSslString:
      '{{driver}}: pg keeps ssl={{value}} as a string and throws when TLS starts ({{environment}}). Use {{secure}}.',
    slonikInvalidSslmode:
      '{{driver}}: Slonik throws on sslmode={{value}} (it accepts disable, no-verify, require) ({{environment}}). Use {{secure}}.',
    mysql2UrlSslTrue:
      '{{driver}}: mysql2 throws on ssl=true in a URL ("SSL profile must be an object") ({{environment}}). Use {{secure}}.',
    invalidPgsslmode:
      '{{driver}}: PGSSLMODE={{value}} is not an sslmode: libpq refuses it, node-postgres ignores it ({{environment}}). Use {{secure}}.',
    invalidDjangoSslmode:
      "{{driver}}: '{{value}}' is not a libpq sslmode: libpq refuses to connect ({{environment}}). Use {{secure}}.",
    invalidDjangoSslmodeUnlessSet:
      "{{driver}}: '{{value}}' is not a libpq sslmode (libpq refuses it) unless {{env}} is set ({{environment}}). Use {{secure}}.",
    djangoSslRequireMysql:
      '{{driver}}: ssl_require=True adds an `sslmode` option mysqlclient does not know ({{environment}}). Use {{secure}}.',
    invalidMysqlSslMode:
      "{{driver}}: '{{value}}' is not a MySQL ssl-mode: mysqlclient raises an error ({{environment}}). Use {{secure}}.",
  },
  'min-tls-version': {
    versionAllowed:
      "{{driver}}: `{{key}}: '{{value}}'` allows {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    versionForced:
      "{{driver}}: `{{key}}: '{{value}}'` forces {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    secureProtocolBelowTls12:
      "{{driver}}: `secureProtocol: '{{value}}'` forces a protocol below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    secureProtocolTls12:
      "{{driver}}: `secureProtocol: '{{value}}'` forces TLSv1.2, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    processMinimumLowered:
      "{{driver}}: tls.DEFAULT_MIN_VERSION = '{{value}}' lowers every connection below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    variableAllows:
      '{{driver}}: {{key}}={{value}} allows {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.',
    variableForces:
      '{{driver}}: {{key}}={{value}} forces {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.',
    nodeOptionsAllows:
      '{{driver}}: `{{flag}}` in NODE_OPTIONS allows {{version}} process-wide, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.',
    nodeOptionsForces:
      '{{driver}}: `{{flag}}` in NODE_OPTIONS forces {{version}} process-wide, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.',
    djangoVersionAllows:
      "{{driver}}: `{{key}}` '{{value}}' allows {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    djangoVersionForces:
      "{{driver}}: `{{key}}` '{{value}}' forces {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    serverVersionAllows:
      "{{driver}}: `{{key}} = '{{value}}'` allows {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    serverVersionForces:
      "{{driver}}: `{{key}} = '{{value}}'` forces {{version}}, below the minimum {{minimum}} ({{environment}}). Use {{secure}}.",
    weakCiphers:
      '{{driver}}: the cipher list enables weak suites: {{ciphers}} ({{environment}}). Use {{secure}}.',
    nodeOptionsWeakCiphers:
      '{{driver}}: the cipher list in NODE_OPTIONS enables weak suites: {{ciphers}} ({{environment}}). Use {{secure}}.',
    serverWeakCiphers:
      '{{driver}}: ssl_ciphers enables weak suites: {{ciphers}} ({{environment}}). Use {{secure}}.',
    serverLegacyTlsAccepted:
      "The server at {{target}} completed a {{protocol}} handshake; TLS 1.0 and 1.1 are deprecated (RFC 8996). Set ssl_min_protocol_version = 'TLSv1.2' in postgresql.conf.",
    serverWeakMinProtocol:
      "The server at {{target}} has ssl_min_protocol_version = {{value}}, below TLSv1.2. Set ssl_min_protocol_version = 'TLSv1.2' in postgresql.conf.",
  },
  'no-weak-db-auth': {
    postgresImageTrust:
      '`POSTGRES_HOST_AUTH_METHOD=trust` lets every host in without a password ({{environment}}). Use {{secure}}.',
    postgresImagePassword:
      '`POSTGRES_HOST_AUTH_METHOD=password` takes passwords in clear text ({{environment}}). Use {{secure}}.',
    postgresImageMd5:
      '`POSTGRES_HOST_AUTH_METHOD=md5` uses weak MD5 password hashes ({{environment}}). Use {{secure}}.',
    hbaTrustLocal:
      '`trust` lets local connections in without any password ({{environment}}). Use {{secure}}.',
    hbaTrust:
      '`trust` lets connections from {{address}} in without any password ({{environment}}). Use {{secure}}.',
    hbaMd5Local:
      '`md5` authenticates local connections with weak MD5 hashes ({{environment}}). Use {{secure}}.',
    hbaMd5:
      '`md5` authenticates {{address}} with weak MD5 hashes ({{environment}}). Use {{secure}}.',
    hbaCleartext:
      '`{{method}}` sends the password of {{address}} in clear text unless the line is hostssl ({{environment}}). Use {{secure}}.',
    hbaIdentOverTcp:
      "`ident` over TCP trusts the client machine's word for {{address}} ({{environment}}). Use {{secure}}.",
    md5PasswordEncryption:
      '`password_encryption = {{value}}` stores new passwords as weak MD5 hashes ({{environment}}). Use {{secure}}.',
    md5PasswordEncryptionAlias:
      '`password_encryption = {{value}}` (an old alias of md5) stores weak MD5 hashes ({{environment}}). Use {{secure}}.',
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
      '{{driver}}: real-looking password ({{masked}}) in the `{{key}}` option ({{environment}}). Rotate it; {{remedy}}.',
    weakInOption:
      '{{driver}}: weak password ({{masked}}) in the `{{key}}` option ({{environment}}). Instead, {{remedy}}.',
    realLookingInSetting:
      '{{driver}}: real-looking password ({{masked}}) in the `{{key}}` setting ({{environment}}). Rotate it; {{remedy}}.',
    weakInSetting:
      '{{driver}}: weak password ({{masked}}) in the `{{key}}` setting ({{environment}}). Instead, {{remedy}}.',
    realLookingInArgument:
      '{{driver}}: real-looking password ({{masked}}) in the password argument ({{environment}}). Rotate it; {{remedy}}.',
    weakInArgument:
      '{{driver}}: weak password ({{masked}}) in the password argument ({{environment}}). Instead, {{remedy}}.',
    realLookingInVariable:
      '{{driver}}: real-looking password ({{masked}}) in {{name}} ({{environment}}). Rotate it; {{remedy}}.',
    weakInVariable:
      '{{driver}}: weak password ({{masked}}) in {{name}} ({{environment}}). Instead, {{remedy}}.',
    realLookingInAssignment:
      '{{driver}}: real-looking password ({{masked}}) in `{{name}}` ({{environment}}). Rotate it; {{remedy}}.',
    weakInAssignment:
      '{{driver}}: weak password ({{masked}}) in `{{name}}` ({{environment}}). Instead, {{remedy}}.',
    realLookingInFallback:
      '{{driver}}: real-looking password ({{masked}}) in the fallback of process.env.{{name}} ({{environment}}). Rotate it; {{remedy}}.',
    weakInFallback:
      '{{driver}}: weak password ({{masked}}) in the fallback of process.env.{{name}} ({{environment}}). Instead, {{remedy}}.',
    realLookingInShellDefault:
      '{{driver}}: real-looking password ({{masked}}) in the default of {{reference}} ({{environment}}). Rotate it; {{remedy}}.',
    weakInShellDefault:
      '{{driver}}: weak password ({{masked}}) in the default of {{reference}} ({{environment}}). Instead, {{remedy}}.',
    realLookingInEnvironmentDefault:
      '{{driver}}: real-looking password ({{masked}}) in the default of {{name}} ({{environment}}). Rotate it; {{remedy}}.',
    weakInEnvironmentDefault:
      '{{driver}}: weak password ({{masked}}) in the default of {{name}} ({{environment}}). Instead, {{remedy}}.',
    realLookingInUrl:
      '{{driver}}: real-looking password ({{masked}}) in a connection string ({{environment}}). Rotate it; {{remedy}}.',
    weakInUrl:
      '{{driver}}: weak password ({{masked}}) in a connection string ({{environment}}). Instead, {{remedy}}.',
    realLookingInDatabaseUrl:
      '{{driver}}: real-looking password ({{masked}}) in a database URL ({{environment}}). Rotate it; {{remedy}}.',
    weakInDatabaseUrl:
      '{{driver}}: weak password ({{masked}}) in a database URL ({{environment}}). Instead, {{remedy}}.',
    realLookingInUrlVariable:
      '{{driver}}: real-looking password ({{masked}}) in the URL in {{name}} ({{environment}}). Rotate it; {{remedy}}.',
    weakInUrlVariable:
      '{{driver}}: weak password ({{masked}}) in the URL in {{name}} ({{environment}}). Instead, {{remedy}}.',
    realLookingInDefaultUrl:
      '{{driver}}: real-looking password ({{masked}}) in the default URL of {{name}} ({{environment}}). Rotate it; {{remedy}}.',
    weakInDefaultUrl:
      '{{driver}}: weak password ({{masked}}) in the default URL of {{name}} ({{environment}}). Instead, {{remedy}}.',
    realLookingInDatasource:
      '{{driver}}: real-looking password ({{masked}}) in the datasource {{key}} ({{environment}}). Rotate it; {{remedy}}.',
    weakInDatasource:
      '{{driver}}: weak password ({{masked}}) in the datasource {{key}} ({{environment}}). Instead, {{remedy}}.',
    realLookingInConninfo:
      '{{driver}}: real-looking password ({{masked}}) in primary_conninfo ({{environment}}). Rotate it; {{remedy}}.',
    weakInConninfo:
      '{{driver}}: weak password ({{masked}}) in primary_conninfo ({{environment}}). Instead, {{remedy}}.',
    realLookingInComment:
      '{{driver}}: real-looking password ({{masked}}) in a comment ({{environment}}). Rotate it; {{remedy}}.',
    weakInComment:
      '{{driver}}: weak password ({{masked}}) in a comment ({{environment}}). Instead, {{remedy}}.',
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
type MessageData<Id extends MessageId> = Record<Placeholders<TemplateOf<Id>>, string>;

/** What the checks fill in themselves. */
type CheckFilled = 'environment' | 'minimum' | 'remedy';

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
function templateOf(id: MessageId): string {
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
