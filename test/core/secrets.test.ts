import { describe, it, expect } from 'vitest';
import { classifySecret, maskSecret, redactSecrets } from '../../src/core/secrets.js';

function kinds(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((v) => [v, classifySecret(v)]));
}

function all(values: readonly string[], kind: string): Record<string, string> {
  return Object.fromEntries(values.map((v) => [v, kind]));
}

describe('classifySecret: empty and placeholders', () => {
  it('classifies empty and blank values as empty', () => {
    expect(classifySecret('')).toBe('empty');
    expect(classifySecret('   ')).toBe('empty');
  });

  it('treats template syntax as a placeholder', () => {
    const values = [
      '${DB_PASSWORD}',
      'prefix-${SUFFIX}',
      '{{ .Values.postgresql.password }}',
      '{{password}}',
      '%DB_PASSWORD%',
      '$DB_PASSWORD',
      '$password',
      '$(DbPassword)',
      '<password>',
      '<your password>',
      '[password]',
      '[db-password]',
    ];
    expect(kinds(values)).toEqual(all(values, 'placeholder'));
  });

  it('treats an instruction sentence as a placeholder, but changeme stays weak', () => {
    const values = ['replace-me-with-a-strong-password', 'change_this_to_something_secret'];
    expect(kinds(values)).toEqual(all(values, 'placeholder'));
    expect(kinds(['changeme', 'change-me'])).not.toContain('placeholder');
  });

  it('treats ALL-CAPS identifier-like tokens as placeholders', () => {
    const values = [
      'PASSWORD',
      'YOUR_PASSWORD',
      'DB_PASS',
      'DB_PASSWORD_2',
      'YOUR-PASSWORD',
      'CHANGEME',
      'PW',
    ];
    expect(kinds(values)).toEqual(all(values, 'placeholder'));
  });

  it('does not take an upper-case key with digits and no separator for a name', () => {
    expect(classifySecret('AKIAIOSFODNN7EXAMPLE')).toBe('real-looking');
    expect(classifySecret('X')).toBe('weak');
  });

  it('treats masks of three or more characters as placeholders', () => {
    const values = ['***', '********', '•••', '••••••••', 'xxx', 'XXXXXXXX', 'xXx', 'x*•'];
    expect(kinds(values)).toEqual(all(values, 'placeholder'));
    expect(classifySecret('xx')).toBe('weak');
  });

  it('treats instructions as placeholders', () => {
    const values = [
      'your_password',
      'YourPassword',
      'your-db-password',
      'password_here',
      'secret-here',
    ];
    expect(kinds(values)).toEqual(all(values, 'placeholder'));
    // "your" alone does not make a placeholder.
    expect(classifySecret('yourself123')).toBe('weak');
  });

  it('treats sentences that say what to write as placeholders, from three words on', () => {
    const values = [
      'replace-me-with-a-random-string',
      'change_this_to_something_long',
      'generate-a-strong-password',
      'Enter your password',
    ];
    expect(kinds(values)).toEqual(all(values, 'placeholder'));
    expect(classifySecret('change-me')).not.toBe('placeholder');
    expect(classifySecret('correct-horse-battery-staple')).not.toBe('placeholder');
  });

  it('treats a path to a secrets file as a reference, not a password', () => {
    const values = [
      '/run/secrets/db-password',
      '/var/run/secrets/mysql/password',
      '/etc/app/db.pw',
    ];
    expect(kinds(values)).toEqual(all(values, 'placeholder'));
    expect(classifySecret('/Xk9#mQ2!vL')).toBe('real-looking');
  });

  it('judges a shell default by its fallback, which is a hardcoded literal', () => {
    expect(classifySecret('${DB_PASSWORD:-pw}')).toBe('default-word');
    expect(classifySecret('${DB_PASSWORD-postgres}')).toBe('default-word');
    expect(classifySecret('${DB_PASSWORD:=Xk9#mQ2!vL}')).toBe('real-looking');
    expect(classifySecret('${DB_PASSWORD:-hunter2}')).toBe('weak');
    expect(classifySecret('${DB_PASSWORD:-}')).toBe('empty');
    expect(classifySecret('${DB_PASSWORD:-${FALLBACK}}')).toBe('placeholder');
    // `:?` is "fail when unset": no literal fallback.
    expect(classifySecret('${DB_PASSWORD:?required}')).toBe('placeholder');
  });
});

describe('classifySecret: default words', () => {
  it('recognises the POLICY and common default passwords', () => {
    const values = [
      'postgres',
      'root',
      'password',
      'admin',
      'secret',
      'changeme',
      'example',
      'test',
      'pass',
      'pw',
      'passwd',
      'qwerty',
      'mysql',
      'sa',
      'letmein',
      'default',
      'changeit',
      'guest',
    ];
    expect(kinds(values)).toEqual(all(values, 'default-word'));
  });

  it('is case-insensitive short of ALL-CAPS (which is a placeholder)', () => {
    expect(classifySecret('Postgres')).toBe('default-word');
    expect(classifySecret('rOOt')).toBe('default-word');
    expect(classifySecret('ROOT')).toBe('placeholder');
  });

  it('sees through digits, symbols and common substitutions', () => {
    const values = [
      'password1',
      'admin123',
      'root2024',
      'postgres!2024',
      'Password123!',
      'P@ssw0rd',
      'P@ssw0rd!',
      'pa$$word',
      's3cr3t',
      'adm1n',
      'r00t',
      'change_me',
      'change-me',
      '2024secret',
      'Abc12345',
      // leet: s3cret99 is "secret" plus digits, so it is a default word rather than 'weak'
      's3cret99',
    ];
    expect(kinds(values)).toEqual(all(values, 'default-word'));
  });

  it('recognises compounds of default words', () => {
    const values = [
      'mysecretpassword',
      'my-secret-pw',
      'supersecret',
      'adminadmin',
      'rootpassword',
      'MyDbPassword2024!',
      // an instruction run together (n8n-hosting's samples)
      'changePassword',
      'replace-password',
    ];
    expect(kinds(values)).toEqual(all(values, 'default-word'));
  });

  it('needs a default word in a compound, and does not split on two-letter "sa"', () => {
    expect(classifySecret('mydevdb')).toBe('weak');
    expect(classifySecret('saab')).toBe('weak');
    expect(classifySecret('change')).toBe('weak');
    // a phrase run together with digits is not a random key (Bookwyrm's .env.example)
    expect(classifySecret('mybookclubpassword123')).toBe('weak');
    expect(classifySecret('shelvesecret2024abc')).toBe('weak');
  });

  it('recognises trivial numbers only', () => {
    const values = ['123456', '12345678', '1234', '000000', '987654321', '1111'];
    expect(kinds(values)).toEqual(all(values, 'default-word'));
    expect(classifySecret('48213')).toBe('weak');
    expect(classifySecret('1234567890123')).toBe('weak');
  });

  it('treats a password equal to the user name as a default word', () => {
    expect(classifySecret('orders_svc', { user: 'orders_svc' })).toBe('default-word');
    expect(classifySecret('Orders_Svc', { user: 'orders_svc' })).toBe('default-word');
    expect(classifySecret('orders_svc2024', { user: 'orders_svc' })).toBe('default-word');
    expect(classifySecret('orders_svc', { user: 'billing' })).toBe('weak');
    expect(classifySecret('orders_svc')).toBe('weak');
    expect(classifySecret('orders_svc', { user: '' })).toBe('weak');
  });
});

describe('classifySecret: real-looking and weak', () => {
  it('finds three character classes from length 8', () => {
    expect(classifySecret('aB3$xyzq')).toBe('real-looking');
    expect(classifySecret('aB3$xyz')).toBe('weak');
    expect(classifySecret('Xk9#mQ2!vL')).toBe('real-looking');
    expect(classifySecret('Tr0ub4dor&3')).toBe('real-looking');
    expect(classifySecret('kzmq7281')).toBe('weak');
  });

  it('finds high-entropy two-class strings from length 12', () => {
    expect(classifySecret('k2j4h5g6f7d8')).toBe('real-looking'); // 12 distinct: 3.58 bits/char
    expect(classifySecret('k2j4h5g6f7d')).toBe('weak'); // 11 characters
    expect(classifySecret('a3f9c2e17b4d8e60')).toBe('real-looking');
    expect(classifySecret('9f86d081884c7d659a2feaa0c55ad015')).toBe('real-looking');
    expect(classifySecret('aaaa1111aaaa1111')).toBe('weak');
  });

  it('does not call one-class words or phrases real-looking', () => {
    expect(classifySecret('abcdefghijklmnop')).toBe('weak');
    expect(classifySecret('internationalization')).toBe('weak');
    expect(classifySecret('correcthorsebatterystaple')).toBe('weak');
  });

  it('puts other literals in weak', () => {
    expect(classifySecret('hunter2')).toBe('weak');
    expect(classifySecret('trustme')).toBe('weak');
  });

  it('lets a default word win over the real-looking rule', () => {
    // 12 characters, four classes, but still "password".
    expect(classifySecret('Password123!')).toBe('default-word');
  });
});

describe('maskSecret', () => {
  it('shows nothing of a short secret', () => {
    expect(maskSecret('')).toBe('***');
    expect(maskSecret('pw')).toBe('***');
    expect(maskSecret('hunter2')).toBe('***');
  });

  it('shows the first character and the length from 8 characters', () => {
    expect(maskSecret('Xk9#mQ2!')).toBe('X*** (8 chars)');
    expect(maskSecret('Xk9#mQ2!vL')).toBe('X*** (10 chars)');
  });

  it('counts code points and never splits a surrogate pair', () => {
    expect(maskSecret('🔑abcdefgh')).toBe('🔑*** (9 chars)');
  });

  it('never contains the rest of the secret', () => {
    for (const s of ['Xk9#mQ2!vL', 'correcthorsebatterystaple', 'a3f9c2e17b4d8e60']) {
      expect(maskSecret(s)).not.toContain(s.slice(1, 4));
    }
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence with the mask', () => {
    const text = 'auth failed for app:Xk9#mQ2!vL (password Xk9#mQ2!vL)';
    expect(redactSecrets(text, ['Xk9#mQ2!vL'])).toBe(
      'auth failed for app:X*** (10 chars) (password X*** (10 chars))',
    );
  });

  it('also replaces the percent-encoded spelling used in URLs', () => {
    const text = 'getaddrinfo failed: postgres://app:Xk9%23mQ2!vL@db/x';
    expect(redactSecrets(text, ['Xk9#mQ2!vL'])).toBe(
      'getaddrinfo failed: postgres://app:X*** (10 chars)@db/x',
    );
  });

  it('masks the longest secret first when one contains another', () => {
    expect(redactSecrets('pw=password123 and pass', ['pass', 'password123'])).toBe(
      'pw=p*** (11 chars) and ***',
    );
  });

  it('does not re-scan masks', () => {
    expect(redactSecrets('longsecretvalue', ['chars', 'longsecretvalue'])).toBe('l*** (15 chars)');
  });

  it('treats secrets literally, not as patterns', () => {
    expect(redactSecrets('a.b*c(d) axbbc(d)', ['a.b*c(d)'])).toBe('a*** (8 chars) axbbc(d)');
  });

  it('ignores empty secrets and leaves other text alone', () => {
    expect(redactSecrets('nothing to hide', [''])).toBe('nothing to hide');
    expect(redactSecrets('nothing to hide', [])).toBe('nothing to hide');
    expect(redactSecrets('nothing to hide', new Set(['absent-secret']))).toBe('nothing to hide');
  });
});

describe('compounds with mixed letters', () => {
  it('counts a compound whose words are themselves mixed with digits and symbols as real-looking', () => {
    expect(classifySecret('Sup3r-S3cret-Ex4mple!')).toBe('real-looking');
    expect(classifySecret('MyDbPassword2024!')).toBe('default-word');
  });
});
