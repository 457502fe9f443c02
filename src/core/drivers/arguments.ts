/**
 * A driver call's evaluated arguments matched to its call shape's argument layouts
 * (DRIVERS.md: `new Sequelize(url, options)`, `new Sequelize(db, user, password, options)`).
 * Values only, no syntax: every front-end that finds calls shares it.
 */
import type { ObjectValue, Value } from '../model.js';
import { getValue } from '../values.js';
import type { ArgRole, CallShape } from './types.js';

function isStringish(v: Value): boolean {
  return (
    (v.kind === 'literal' && typeof v.value === 'string') ||
    v.kind === 'env' ||
    (v.kind === 'conditional' && (isStringish(v.consequent) || isStringish(v.alternate)))
  );
}

export interface BoundArguments {
  config?: ObjectValue;
  url?: Value;
  positional: [ArgRole, Value | undefined][];
}

/** Matches a call's evaluated arguments (undefined for a spread) to the first argument layout of the shape that fits. */
export function bindArgumentValues(
  shape: CallShape,
  values: readonly (Value | undefined)[],
): BoundArguments | undefined {
  for (const pattern of shape.args) {
    if (values.length > pattern.length) continue;
    const fits = pattern.every((role, i) => {
      const v = values[i];
      if (!v) return role !== 'url' || values.length <= i;
      if (role === 'url') return isStringish(v);
      if (role === 'config' || role === 'factory')
        return v.kind === 'object' || v.kind === 'unknown';
      if (role === 'port') return v.kind === 'literal' && typeof v.value === 'number';
      if (role === 'database' || role === 'user' || role === 'password' || role === 'host')
        return v.kind !== 'object';
      return true;
    });
    if (!fits) continue;
    const result: BoundArguments = { positional: [] };
    pattern.forEach((role, i) => {
      const v = values[i];
      result.positional.push([role, v]);
      if (!v) return;
      if (role === 'url' || (role === 'url-or-config' && isStringish(v))) result.url = v;
      else if ((role === 'config' || role === 'url-or-config') && v.kind === 'object') {
        const nested = shape.configKey ? getValue(v, [shape.configKey]) : undefined;
        if (nested && isStringish(nested)) result.url = nested;
        result.config = nested?.kind === 'object' ? nested : v;
      } else if (role === 'factory' && v.kind === 'object') {
        const factory = getValue(v, ['useFactory']);
        const returned = factory?.kind === 'function' ? factory.returns : undefined;
        if (returned?.kind === 'object') result.config = returned;
      } else if (role === 'host' && v.kind === 'literal' && typeof v.value === 'string') {
        result.config = {
          kind: 'object',
          properties: [{ key: 'host', keyRange: v.range, value: v, range: v.range }],
          open: false,
          range: v.range,
        };
      }
    });
    return result;
  }
  return undefined;
}
