import { describe, it, expect } from 'vitest';
import {
  isLoopbackHost,
  looksLikeConnectionUrl,
  parseConnectionUrl,
  type ConnectionUrl,
} from '../../src/core/connection-url.js';

/** Every input that parses; used for the span invariants and the prefilter property. */
const parsedInputs: string[] = [];

function parse(input: string): ConnectionUrl {
  const result = parseConnectionUrl(input);
  expect(result, input).toBeDefined();
  parsedInputs.push(input);
  return result as ConnectionUrl;
}

/** Asserts the password's decoded value and that its span covers exactly `raw`. */
function expectPassword(input: string, r: ConnectionUrl, value: string, raw: string): void {
  expect(r.password?.value).toBe(value);
  expect(input.slice(r.password?.start, r.password?.end)).toBe(raw);
}

function expectParam(
  input: string,
  r: ConnectionUrl,
  key: string,
  value: string,
  raw = value,
): void {
  const p = r.params.get(key);
  expect(p, key).toBeDefined();
  expect(p?.value).toBe(value);
  expect(input.slice(p?.start, p?.end)).toBe(raw);
}

describe('parseConnectionUrl: PostgreSQL URLs', () => {
  it('parses user, percent-encoded password, host, database and parameters', () => {
    const input =
      'postgres://app:s3cr%40t%3Ax@db.example.com:5432/orders?sslmode=verify-full&application_name=api';
    const r = parse(input);
    expect(r).toMatchObject({
      scheme: 'postgres',
      family: 'postgres',
      format: 'url',
      user: 'app',
      database: 'orders',
    });
    expect(r.hosts).toEqual(['db.example.com']);
    expectPassword(input, r, 's3cr@t:x', 's3cr%40t%3Ax');
    expectParam(input, r, 'sslmode', 'verify-full');
    expectParam(input, r, 'application_name', 'api');
    expect(input[r.paramsStart ?? -1]).toBe('?');
  });

  it('parses postgresql:// with several hosts', () => {
    const r = parse('postgresql://u:p@h1:5432,h2:5433/db?target_session_attrs=read-write');
    expect(r.scheme).toBe('postgresql');
    expect(r.hosts).toEqual(['h1', 'h2']);
    expect(r.database).toBe('db');
  });

  it('parses an empty host with the socket in ?host=', () => {
    const input = 'postgres://u:p@/db?host=/var/run/postgresql';
    const r = parse(input);
    expect(r.hosts).toEqual(['/var/run/postgresql']);
    expect(r.database).toBe('db');
    expectPassword(input, r, 'p', 'p');
    expectParam(input, r, 'host', '/var/run/postgresql');
  });

  it('decodes a percent-encoded socket path in the host position', () => {
    const r = parse('postgres://%2Fvar%2Frun%2Fpostgresql/db');
    expect(r.hosts).toEqual(['/var/run/postgresql']);
    expect(r.user).toBeUndefined();
    expect(r.password).toBeUndefined();
    expect(r.database).toBe('db');
  });

  it('parses IPv6 hosts without brackets or ports', () => {
    expect(parse('postgres://u:p@[::1]:5432/db').hosts).toEqual(['::1']);
    expect(parse('postgres://[2001:db8::1]:5432,[::1]/db').hosts).toEqual(['2001:db8::1', '::1']);
  });

  it('takes the last @ of the authority, as WHATWG URL does', () => {
    const input = 'postgres://u:p@ss@host/db';
    const r = parse(input);
    expect(r.hosts).toEqual(['host']);
    expectPassword(input, r, 'p@ss', 'p@ss');
  });

  it('still finds passwords with unencoded / # ?', () => {
    for (const pw of ['pa/ss', 'pa/ss#w', 'pa?ss', 'p#w']) {
      const input = `postgres://u:${pw}@host:5432/db?sslmode=require`;
      const r = parse(input);
      expect(r.user, input).toBe('u');
      expect(r.hosts, input).toEqual(['host']);
      expect(r.database, input).toBe('db');
      expectPassword(input, r, pw, pw);
    }
  });

  it('does not invent userinfo from an @ in the query or path', () => {
    const r = parse('postgres://host:5432/db?user=a@b.com');
    expect(r.hosts).toEqual(['host']);
    expect(r.user).toBe('a@b.com');
    expect(r.password).toBeUndefined();
    expect(r.credentials).toEqual([]);
    expect(parse('postgres://host/db@x').password).toBeUndefined();
  });

  it('lets a password parameter win over userinfo and lists both as credentials', () => {
    const input = 'postgres://u:first@host/db?password=second&sslpassword=keypass';
    const r = parse(input);
    expectPassword(input, r, 'second', 'second');
    expect(r.credentials.map((c) => [c.key, c.value, input.slice(c.start, c.end)])).toEqual([
      ['userinfo', 'first', 'first'],
      ['password', 'second', 'second'],
      ['sslpassword', 'keypass', 'keypass'],
    ]);
  });

  it('decodes query values as WHATWG URLSearchParams does, and the last one wins', () => {
    const input = 'postgres://h/db?application_name=my+app%21&sslmode=disable&SSLMODE=verify-full';
    const r = parse(input);
    expectParam(input, r, 'application_name', 'my app!', 'my+app%21');
    expectParam(input, r, 'sslmode', 'verify-full');
    expect(r.params.get('sslmode')?.key).toBe('SSLMODE');
  });

  it('keeps template placeholders as they are', () => {
    const input = 'postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/${DB_NAME}?sslmode=require';
    const r = parse(input);
    expect(r.user).toBe('${DB_USER}');
    expect(r.hosts).toEqual(['${DB_HOST}']);
    expect(r.database).toBe('${DB_NAME}');
    expectPassword(input, r, '${DB_PASSWORD}', '${DB_PASSWORD}');
  });

  it('keeps offsets right with surrounding whitespace', () => {
    const input = '  postgres://u:Xk9mQ2vLp4@h/db?sslmode=prefer \n';
    const r = parse(input);
    expectPassword(input, r, 'Xk9mQ2vLp4', 'Xk9mQ2vLp4');
    expectParam(input, r, 'sslmode', 'prefer');
  });

  it('parses SQLAlchemy dialect+driver URLs by their dialect', () => {
    const pg = parse('postgresql+psycopg2://u:Xk9mQ2vLp4@h/db');
    expect(pg).toMatchObject({ scheme: 'postgresql+psycopg2', family: 'postgres', database: 'db' });
    const my = parse('mysql+pymysql://root:root@localhost:3306/app?charset=utf8mb4');
    expect(my).toMatchObject({
      scheme: 'mysql+pymysql',
      family: 'mysql',
      user: 'root',
      database: 'app',
    });
    expect(my.hosts).toEqual(['localhost']);
  });
});

describe('parseConnectionUrl: other URL schemes', () => {
  it('parses MySQL and MariaDB schemes', () => {
    for (const scheme of ['mysql', 'mysql2', 'mariadb']) {
      const input = `${scheme}://app:pw@mysql.example.com:3306/shop?ssl-mode=REQUIRED`;
      const r = parse(input);
      expect(r).toMatchObject({ scheme, family: 'mysql', user: 'app', database: 'shop' });
      expectPassword(input, r, 'pw', 'pw');
      expectParam(input, r, 'ssl-mode', 'REQUIRED');
    }
  });

  it('parses multi-host MongoDB URLs with case-insensitive option keys', () => {
    const input =
      'mongodb://admin:pw@m1.example.net:27017,m2.example.net:27017,m3.example.net/app?replicaSet=rs0&tlsAllowInvalidCertificates=true&tlsCertificateKeyFilePassword=kp';
    const r = parse(input);
    expect(r).toMatchObject({
      scheme: 'mongodb',
      family: 'mongodb',
      user: 'admin',
      database: 'app',
    });
    expect(r.hosts).toEqual(['m1.example.net', 'm2.example.net', 'm3.example.net']);
    expectParam(input, r, 'tlsallowinvalidcertificates', 'true');
    expect(r.params.get('tlsallowinvalidcertificates')?.key).toBe('tlsAllowInvalidCertificates');
    expect(r.credentials.map((c) => c.key)).toEqual(['userinfo', 'tlscertificatekeyfilepassword']);
  });

  it('parses mongodb+srv and Mongo socket paths', () => {
    const srv = parse('mongodb+srv://user:pw@cluster0.abcde.mongodb.net/?retryWrites=true');
    expect(srv).toMatchObject({ scheme: 'mongodb+srv', family: 'mongodb' });
    expect(srv.hosts).toEqual(['cluster0.abcde.mongodb.net']);
    expect(srv.database).toBeUndefined();
    expect(parse('mongodb://%2Ftmp%2Fmongodb-27017.sock/test').hosts).toEqual([
      '/tmp/mongodb-27017.sock',
    ]);
  });

  it('parses redis:// with a password and no user, and rediss://', () => {
    const input = 'redis://:Xk9mQ2vLp4@cache:6379/0';
    const r = parse(input);
    expect(r).toMatchObject({ scheme: 'redis', family: 'redis', database: '0' });
    expect(r.user).toBeUndefined();
    expectPassword(input, r, 'Xk9mQ2vLp4', 'Xk9mQ2vLp4');
    const tls = parse('rediss://default:pw@cache.example.com:6380');
    expect(tls).toMatchObject({ scheme: 'rediss', family: 'redis', user: 'default' });
    expect(tls.hosts).toEqual(['cache.example.com']);
  });

  it('parses mssql:// as an ordinary URL', () => {
    const input = 'mssql://sa:pw@sql.example.com:1433/master?encrypt=false';
    const r = parse(input);
    expect(r).toMatchObject({
      scheme: 'mssql',
      family: 'mssql',
      format: 'url',
      user: 'sa',
      database: 'master',
    });
    expectParam(input, r, 'encrypt', 'false');
  });

  it('parses Prisma sqlserver:// strings with ;key=value parameters as JDBC-style', () => {
    const input =
      'sqlserver://sql.example.com:1433;database=shop;user=sa;password=Xk9#mQ2!vL;encrypt=true;trustServerCertificate=true';
    const r = parse(input);
    expect(r).toMatchObject({
      scheme: 'sqlserver',
      family: 'mssql',
      format: 'jdbc',
      user: 'sa',
      database: 'shop',
    });
    expect(r.hosts).toEqual(['sql.example.com']);
    expect(input[r.paramsStart ?? -1]).toBe(';');
    expectPassword(input, r, 'Xk9#mQ2!vL', 'Xk9#mQ2!vL');
    expectParam(input, r, 'trustservercertificate', 'true');
    expect(r.params.get('trustservercertificate')?.key).toBe('trustServerCertificate');
  });

  it('finds a userinfo password containing ; in a JDBC-style string', () => {
    const input = 'sqlserver://sa:p;w@h:1433;database=x';
    const r = parse(input);
    expectPassword(input, r, 'p;w', 'p;w');
    expect(r.hosts).toEqual(['h']);
    expect(r.paramsStart).toBe(input.indexOf(';database'));
    expectParam(input, r, 'database', 'x');
  });

  it('reads braced JDBC values with }} escapes', () => {
    const input = 'sqlserver://h;password={a;b}}c};encrypt=true';
    const r = parse(input);
    expectPassword(input, r, 'a;b}c', 'a;b}}c');
    expectParam(input, r, 'encrypt', 'true');
  });

  it('parses Prisma Accelerate URLs as family other', () => {
    expect(parse('prisma://accelerate.prisma-data.net/?api_key=abc')).toMatchObject({
      scheme: 'prisma',
      family: 'other',
    });
    expect(parse('prisma+postgres://accelerate.prisma-data.net/?api_key=abc')).toMatchObject({
      scheme: 'prisma+postgres',
      family: 'other',
    });
  });
});

describe('parseConnectionUrl: JDBC', () => {
  it('parses jdbc:postgresql with credentials in the query', () => {
    const input =
      'jdbc:postgresql://db.example.com:5432/app?user=app&password=Xk9mQ2vLp4&sslmode=require';
    const r = parse(input);
    expect(r).toMatchObject({
      scheme: 'jdbc:postgresql',
      family: 'postgres',
      format: 'jdbc',
      user: 'app',
      database: 'app',
    });
    expect(r.hosts).toEqual(['db.example.com']);
    expectPassword(input, r, 'Xk9mQ2vLp4', 'Xk9mQ2vLp4');
    expectParam(input, r, 'sslmode', 'require');
    expect(input[r.paramsStart ?? -1]).toBe('?');
  });

  it('parses host-less jdbc:postgresql:db', () => {
    const input = 'jdbc:postgresql:app?user=u&password=p';
    const r = parse(input);
    expect(r.hosts).toEqual([]);
    expect(r.database).toBe('app');
    expectPassword(input, r, 'p', 'p');
  });

  it('parses jdbc:sqlserver with an instance name and ;password=', () => {
    const input =
      'jdbc:sqlserver://sql.example.com\\SQLEXPRESS:1433;databaseName=shop;user=sa;password=pw;encrypt=true';
    const r = parse(input);
    expect(r).toMatchObject({
      scheme: 'jdbc:sqlserver',
      family: 'mssql',
      format: 'jdbc',
      user: 'sa',
      database: 'shop',
    });
    expect(r.hosts).toEqual(['sql.example.com']);
    expectPassword(input, r, 'pw', 'pw');
    expect(input[r.paramsStart ?? -1]).toBe(';');
  });

  it('parses jTDS and serverName forms', () => {
    const jtds = parse('jdbc:jtds:sqlserver://h:1433/shop;user=sa;password=pw');
    expect(jtds).toMatchObject({ scheme: 'jdbc:jtds', family: 'mssql', database: 'shop' });
    expect(parse('jdbc:sqlserver://;serverName=h;password=p').hosts).toEqual(['h']);
  });

  it('parses jdbc:mysql with userinfo', () => {
    const input = 'jdbc:mysql://u:pw@h:3306/db?sslMode=VERIFY_IDENTITY';
    const r = parse(input);
    expect(r).toMatchObject({ scheme: 'jdbc:mysql', family: 'mysql', user: 'u' });
    expectParam(input, r, 'sslmode', 'VERIFY_IDENTITY');
  });

  it('parses Oracle thin user/password', () => {
    const input = 'jdbc:oracle:thin:scott/tiger@//db.example.com:1521/ORCL';
    const r = parse(input);
    expect(r).toMatchObject({
      scheme: 'jdbc:oracle',
      family: 'other',
      format: 'jdbc',
      user: 'scott',
    });
    expect(r.hosts).toEqual(['db.example.com']);
    expectPassword(input, r, 'tiger', 'tiger');
  });
});

describe('parseConnectionUrl: ADO.NET strings', () => {
  it('parses a SQL Server ADO string', () => {
    const input =
      'Server=tcp:sql.example.com,1433;Database=shop;User Id=app;Password=Xk9#mQ2!vL;Encrypt=true;TrustServerCertificate=false';
    const r = parse(input);
    expect(r).toMatchObject({
      scheme: '',
      family: 'mssql',
      format: 'ado',
      user: 'app',
      database: 'shop',
    });
    expect(r.hosts).toEqual(['sql.example.com']);
    expect(r.paramsStart).toBeUndefined();
    expectPassword(input, r, 'Xk9#mQ2!vL', 'Xk9#mQ2!vL');
    expectParam(input, r, 'trustservercertificate', 'false');
    expectParam(input, r, 'encrypt', 'true');
  });

  it('accepts Pwd/Uid, any key case and a trailing semicolon', () => {
    const input = 'SERVER=myhost;UID=sa;PWD=pw;';
    const r = parse(input);
    expect(r.user).toBe('sa');
    expect(r.hosts).toEqual(['myhost']);
    expectPassword(input, r, 'pw', 'pw');
  });

  it('reads quoted and braced values', () => {
    const quoted = 'Server=h;Password="p;""q";Database=d';
    expectPassword(quoted, parse(quoted), 'p;"q', 'p;""q');
    const single = "Server=h; Password = 'it''s' ; Database=d";
    expectPassword(single, parse(single), "it's", "it''s");
    const odbc =
      'Driver={ODBC Driver 18 for SQL Server};Server=tcp:h,1433;Uid=u;Pwd={a;b}}c};Encrypt=yes';
    const r = parse(odbc);
    expectPassword(odbc, r, 'a;b}c', 'a;b}}c');
    expect(r.family).toBe('mssql');
    expectParam(odbc, r, 'encrypt', 'yes');
  });

  it('parses Data Source / Initial Catalog and local aliases', () => {
    const r = parse('Data Source=.\\SQLEXPRESS;Initial Catalog=shop;Integrated Security=True');
    expect(r.hosts).toEqual(['.']);
    expect(r.database).toBe('shop');
    expect(r.password).toBeUndefined();
    expect(parse('Server=(localdb)\\MSSQLLocalDB;Database=d').hosts).toEqual([
      '(localdb)\\MSSQLLocalDB',
    ]);
  });

  it('recognises Npgsql and MySqlConnector strings', () => {
    const npgsql =
      'Host=pg.example.com;Port=5432;Database=app;Username=app;Password=pw;SSL Mode=Require;Trust Server Certificate=true';
    const pg = parse(npgsql);
    expect(pg.family).toBe('postgres');
    expect(pg.user).toBe('app');
    expectParam(npgsql, pg, 'sslmode', 'Require');
    expect(pg.params.get('trustservercertificate')?.key).toBe('Trust Server Certificate');
    const my = parse('Server=mysql.example.com;Database=app;Uid=app;Pwd=pw;SslMode=Required');
    expect(my.family).toBe('mysql');
  });

  it('rejects strings that only look like key=value lists', () => {
    expect(parseConnectionUrl('host=example.com; path=/')).toBeUndefined();
    expect(parseConnectionUrl('a=1;b=2;c=3')).toBeUndefined();
    expect(parseConnectionUrl('Server=h')).toBeUndefined();
  });
});

describe('parseConnectionUrl: libpq keyword strings', () => {
  it('parses keywords with quoted and escaped values', () => {
    const input =
      "host=db.example.com port=5432 dbname=app user=app password='a b\\'c' sslmode=require";
    const r = parse(input);
    expect(r).toMatchObject({
      scheme: '',
      family: 'postgres',
      format: 'keyword',
      user: 'app',
      database: 'app',
    });
    expect(r.hosts).toEqual(['db.example.com']);
    expectPassword(input, r, "a b'c", "a b\\'c");
    expectParam(input, r, 'sslmode', 'require');
    expect(r.paramsStart).toBeUndefined();
  });

  it('allows spaces around = and host lists', () => {
    const r = parse('host = h1,h2  dbname = d');
    expect(r.hosts).toEqual(['h1', 'h2']);
    expect(r.database).toBe('d');
  });

  it('rejects non-libpq strings', () => {
    expect(parseConnectionUrl('a=1 b=2')).toBeUndefined();
    expect(parseConnectionUrl('sslmode=require')).toBeUndefined();
    expect(parseConnectionUrl('sslmode=require connect_timeout=10')).toBeUndefined();
    expect(parseConnectionUrl("host=h password='unterminated")).toBeUndefined();
    expect(parseConnectionUrl('host=h color=red')).toBeUndefined();
  });
});

describe('parseConnectionUrl: not connection strings, and robustness', () => {
  it('returns undefined for other strings', () => {
    for (const s of [
      '',
      '   ',
      'hello world',
      'https://example.com/?a=b',
      'amqp://u:p@rabbit:5672/',
      'sqlite:///app.db',
      'SELECT * FROM users WHERE id = 1',
      'jdbc:',
    ]) {
      expect(parseConnectionUrl(s), s).toBeUndefined();
    }
  });

  it('never throws on malformed input', () => {
    const nasty = [
      'postgres://%',
      'postgres://[',
      'postgres://u:%E0%A4%A@h/db',
      'postgres://u:p@h/%ZZ?x=%',
      'postgres://@@@/??&&==',
      'mongodb://,,,/',
      'sqlserver://;;;==;{',
      'Server={;Password="',
      "host='",
      'jdbc:oracle:thin:@',
      '\uD800postgres://x',
    ];
    for (const s of nasty) expect(() => parseConnectionUrl(s), s).not.toThrow();
    // A malformed escape is kept as written rather than dropped.
    expect(parseConnectionUrl('postgres://u:%E0%A4%A@h/db')?.password?.value).toBe('%E0%A4%A');
    expect(parseConnectionUrl('postgres://u:%41%ZZ@h/db')?.password?.value).toBe('A%ZZ');
  });

  it('keeps every span inside the input', () => {
    // Runs after the describe blocks above have filled parsedInputs.
    expect(parsedInputs.length).toBeGreaterThan(30);
    for (const input of parsedInputs) {
      const r = parseConnectionUrl(input) as ConnectionUrl;
      const spans = [...r.params.values(), ...r.credentials, ...(r.password ? [r.password] : [])];
      for (const s of spans) {
        expect(s.start, input).toBeGreaterThanOrEqual(0);
        expect(s.end, input).toBeGreaterThanOrEqual(s.start);
        expect(s.end, input).toBeLessThanOrEqual(input.length);
      }
    }
  });
});

describe('looksLikeConnectionUrl', () => {
  it('accepts everything parseConnectionUrl parses', () => {
    expect(parsedInputs.length).toBeGreaterThan(30);
    for (const input of parsedInputs) expect(looksLikeConnectionUrl(input), input).toBe(true);
  });

  it('rejects ordinary strings', () => {
    for (const s of ['https://example.com', 'hello', 'a=b', 'x = 1; y = 2', 'amqp://rabbit', '']) {
      expect(looksLikeConnectionUrl(s), s).toBe(false);
    }
  });
});

describe('isLoopbackHost', () => {
  it('accepts literal loopback names, addresses and local sockets', () => {
    for (const h of [
      'localhost',
      'LOCALHOST',
      'localhost.',
      '127.0.0.1',
      '127.10.20.30',
      '127.1',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
      '/var/run/postgresql',
      '/tmp/.s.PGSQL.5432',
      '%2Fvar%2Frun%2Fpostgresql',
      '\\\\.\\pipe\\sql\\query',
      '.',
      '(local)',
      '(localdb)\\MSSQLLocalDB',
    ]) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
  });

  it('rejects everything else', () => {
    for (const h of [
      '',
      '0.0.0.0',
      '::',
      'localhost.localdomain',
      'ip6-localhost',
      'api.localhost',
      'localhostx',
      '127.0.0.1.nip.io',
      '128.0.0.1',
      '10.0.0.1',
      '::2',
      '1.2.3.4.5',
      '[::1',
      'db.example.com',
      '${DB_HOST}',
    ]) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
});
