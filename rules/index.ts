/** Every rule of the plugin, by id (a test holds this equal to the directory). */
import minTlsVersion from './min-tls-version.js';
import noDisabledCertVerification from './no-disabled-cert-verification.js';
import noHardcodedCredentials from './no-hardcoded-credentials.js';
import noWeakDbAuth from './no-weak-db-auth.js';
import noWeakSslmode from './no-weak-sslmode.js';
import requireSsl from './require-ssl.js';

export const rules = {
  'min-tls-version': minTlsVersion,
  'no-disabled-cert-verification': noDisabledCertVerification,
  'no-hardcoded-credentials': noHardcodedCredentials,
  'no-weak-db-auth': noWeakDbAuth,
  'no-weak-sslmode': noWeakSslmode,
  'require-ssl': requireSsl,
};
