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

/** YAML flow mappings and quoted scalars read `{ rejectUnauthorized: true }` and `'TLSv1.2'` as written. */
export const yamlPrinter: FixPrinter = { ...javascriptPrinter(), environmentRead: undefined };
