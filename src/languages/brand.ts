/**
 * How the plugin's rules recognise a secure-db language's SourceCode without importing it
 * (the languages load lazily): a registered symbol, the same in every copy of the package.
 */
export const SECURE_DB_SOURCE_CODE = Symbol.for('eslint-plugin-secure-db/source-code');

/** Whether an ESLint SourceCode is a secure-db language's. */
export function hasSecureDbBrand(sourceCode: unknown): boolean {
  return (
    typeof sourceCode === 'object' &&
    sourceCode !== null &&
    (sourceCode as Record<symbol, unknown>)[SECURE_DB_SOURCE_CODE] === true
  );
}
