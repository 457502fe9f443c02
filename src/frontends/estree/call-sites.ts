/**
 * How a driver call's arguments and surroundings are read: argument layouts, the layout
 * (dialect) a site uses, production guards and environment evidence at a node. Shared by
 * the per-file analysis and the scanner's cross-file pass.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { parseConnectionUrl } from '../../core/connection-url.js';
import type { ArgRole, CallShape, DriverRow, Layout } from '../../core/drivers/types.js';
import { classifyEnvironmentName, isEnvironmentKey } from '../../core/vocabulary.js';
import type { Environment, ObjectValue, Value } from '../../core/model.js';
import { getValue, stringOf } from '../../core/values.js';
import type { Evaluator } from './static-value.js';
import { staticPropertyName, unwrap, walk, type Node } from './walk.js';

export function samePath(a: readonly string[], b: readonly string[]): boolean {
  const strip = (p: readonly string[]) => (p[0] === 'default' ? p.slice(1) : p);
  const x = strip(a);
  const y = strip(b);
  return x.length === y.length && x.every((s, i) => s === y[i]);
}

export function isStringish(v: Value): boolean {
  return (
    (v.kind === 'literal' && typeof v.value === 'string') ||
    v.kind === 'env' ||
    (v.kind === 'conditional' && (isStringish(v.consequent) || isStringish(v.alternate)))
  );
}

export function isEnvironmentMapValue(value: ObjectValue): boolean {
  return (
    value.properties.length > 0 &&
    value.properties.every((p) => isEnvironmentKey(p.key) && p.value.kind === 'object')
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

export function layoutFor(
  row: DriverRow,
  parts: { config?: ObjectValue; url?: Value },
  layoutName?: string,
): Layout | undefined {
  if (layoutName && row.layouts[layoutName]) return row.layouts[layoutName];
  if (row.layouts['*']) return row.layouts['*'];
  for (const key of row.dialectKeys ?? []) {
    const dialect = stringOf(getValue(parts.config, key));
    if (dialect !== undefined) return row.layouts[dialect];
  }
  const urlText =
    stringOf(parts.url) ??
    stringOf(getValue(parts.config, ['url'])) ??
    stringOf(getValue(parts.config, ['connection']));
  const scheme = urlText ? parseConnectionUrl(urlText)?.family : undefined;
  if (scheme === 'postgres')
    return row.layouts['postgres'] ?? row.layouts['pg'] ?? row.layouts['postgresql'];
  if (scheme === 'mysql') return row.layouts['mysql2'] ?? row.layouts['mysql'];
  if (scheme === 'mssql') return row.layouts['mssql'];
  return row.defaultLayout ? row.layouts[row.defaultLayout] : undefined;
}

/**
 * A production guard (POLICY): `if (isProduction && !sslEnabled) throw …` means that in
 * production `sslEnabled` holds. Records predicate key → its value in production.
 */
export function collectGuard(
  node: TSESTree.IfStatement,
  evaluator: Evaluator,
  guards: Map<string, boolean>,
): void {
  if (!exitsOrThrows(node.consequent)) return;
  const conjuncts = flattenAnd(node.test);
  const production = conjuncts.some((c) => {
    const t = evaluator.test(c);
    return t.kind === 'environment' && t.whenTrue === 'production';
  });
  if (!production) return;
  for (const c of conjuncts) {
    const t = evaluator.test(c);
    if (t.kind === 'flag') guards.set(t.predicate.key, !t.positive);
  }
}

/** Every production guard of a file. */
export function collectGuards(
  program: TSESTree.Program,
  evaluator: Evaluator,
): Map<string, boolean> {
  const guards = new Map<string, boolean>();
  walk(program, (node) => {
    if (node.type === 'IfStatement') collectGuard(node, evaluator, guards);
  });
  return guards;
}

/** POLICY evidence 1 and 2 at a node: the innermost enclosing branch or env-map key, else `fallback`. */
export function environmentAt(
  node: Node,
  evaluator: Evaluator,
  fallback: Environment,
): Environment {
  let child: Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    let found: Environment | undefined;
    if (
      (parent.type === 'ConditionalExpression' || parent.type === 'IfStatement') &&
      child !== parent.test
    ) {
      const test = evaluator.test(parent.test);
      if (test.kind === 'environment')
        found = child === parent.consequent ? test.whenTrue : test.whenFalse;
    } else if (
      parent.type === 'LogicalExpression' &&
      parent.operator === '&&' &&
      child === parent.right
    ) {
      const test = evaluator.test(parent.left);
      if (test.kind === 'environment') found = test.whenTrue;
    } else if (
      parent.type === 'SwitchCase' &&
      parent.test &&
      parent.parent?.type === 'SwitchStatement'
    ) {
      const discriminant = evaluator.test({
        type: 'BinaryExpression',
        operator: '===',
        left: parent.parent.discriminant,
        right: parent.test,
        range: parent.range,
      } as unknown as Node);
      if (discriminant.kind === 'environment') found = discriminant.whenTrue;
    } else if (
      parent.type === 'Property' &&
      child === parent.value &&
      parent.parent?.type === 'ObjectExpression'
    ) {
      const key = staticPropertyName(parent);
      if (key && isEnvironmentKey(key) && isEnvironmentMap(parent.parent))
        found = classifyEnvironmentName(key);
    }
    if (found && found !== 'unknown') return found;
  }
  return fallback;
}

export function isEnvironmentMap(node: TSESTree.ObjectExpression): boolean {
  const props = node.properties.filter((p): p is TSESTree.Property => p.type === 'Property');
  return (
    props.length > 0 &&
    props.every((p) => {
      const k = staticPropertyName(p);
      return k !== undefined && isEnvironmentKey(k) && p.value.type === 'ObjectExpression';
    })
  );
}

function flattenAnd(node: Node): Node[] {
  const n = unwrap(node);
  return n.type === 'LogicalExpression' && n.operator === '&&'
    ? [...flattenAnd(n.left), ...flattenAnd(n.right)]
    : [n];
}

function exitsOrThrows(node: Node): boolean {
  if (node.type === 'ThrowStatement') return true;
  if (node.type === 'BlockStatement') return node.body.some(exitsOrThrows);
  if (node.type === 'ExpressionStatement') {
    const e = unwrap(node.expression);
    return (
      e.type === 'CallExpression' &&
      e.callee.type === 'MemberExpression' &&
      staticPropertyName(e.callee) === 'exit'
    );
  }
  return false;
}
