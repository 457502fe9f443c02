/** Fix printers of the data formats: JSON spells values as JSON; YAML's flow style reads JavaScript's spelling. */
import { javascriptPrinter, type FixPrinter, type FixValue } from '../../core/fixes.js';

function json(value: FixValue): string {
  if (typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value);
  return entries.length === 0
    ? '{}'
    : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${json(v)}`).join(', ')} }`;
}

export const jsonPrinter: FixPrinter = {
  value: (value) => json(value),
  entry: (key, valueText) => `${JSON.stringify(key)}: ${valueText}`,
  object: (entry) => `{ ${entry} }`,
};

const KUBERNETES = /^apiVersion:/m;
const COMPOSE = /^services:/m;
/** The kinds of a manifest's documents (`kind:` at the top level). */
const KINDS = /^kind:[ \t]*["']?(\w+)/gm;

/** Whether every document of a Kubernetes manifest is a Secret. */
function onlySecrets(text: string): boolean {
  const kinds = [...text.matchAll(KINDS)].map((m) => m[1]);
  return kinds.length > 0 && kinds.every((kind) => kind === 'Secret');
}

/**
 * YAML flow mappings and quoted scalars read `{ rejectUnauthorized: true }` and `'TLSv1.2'`
 * as written. A password belongs in a Secret in Kubernetes (and a Secret outside the
 * repository) and in `${VAR}` in compose.
 */
export function yamlPrinter(text = ''): FixPrinter {
  const remedy = KUBERNETES.test(text)
    ? onlySecrets(text)
      ? () => 'create the Secret where the cluster is deployed, not from the repository'
      : () => 'read it from a Secret (secretKeyRef)'
    : COMPOSE.test(text)
      ? (name: string) => `use \${${name}} and set it where compose runs`
      : undefined;
  const { environmentRead: _, secretRemedy: __, ...printer } = javascriptPrinter();
  return remedy ? { ...printer, secretRemedy: remedy } : printer;
}

/** Env files, server configs: nothing to print but where a secret goes instead. */
export function remedyOnlyPrinter(remedy?: (name: string) => string): FixPrinter {
  const { environmentRead: _, secretRemedy: __, ...printer } = javascriptPrinter();
  return remedy ? { ...printer, secretRemedy: remedy } : printer;
}
