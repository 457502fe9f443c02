/**
 * How a driver call's arguments and surroundings are read: argument layouts, the layout
 * (dialect) a site uses, production guards and environment evidence at a node. Shared by
 * the per-file analysis and the scanner's cross-file pass.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { isEnvironmentMapValue } from '../../core/environment.js';
import { classifyEnvironmentName } from '../../core/vocabulary.js';
import type { Environment, ObjectValue } from '../../core/model.js';
import type { Evaluator } from './static-value.js';
import { staticPropertyName, unwrap, walk, type Node } from './walk.js';

export function samePath(a: readonly string[], b: readonly string[]): boolean {
  const strip = (p: readonly string[]) => (p[0] === 'default' ? p.slice(1) : p);
  const x = strip(a);
  const y = strip(b);
  return x.length === y.length && x.every((s, i) => s === y[i]);
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
  return branchEnvironment(node, evaluator) ?? fallback;
}

/**
 * Per evaluator, per node: the environment its ancestors decide (`null`: none). Memoised
 * along each path walked, so asking it of every string of a deeply nested file (10,000
 * tagged templates) costs the depth once, not once per node.
 */
const BRANCH_ENVIRONMENTS = new WeakMap<Evaluator, WeakMap<Node, Environment | null>>();

function branchEnvironment(node: Node, evaluator: Evaluator): Environment | undefined {
  let memo = BRANCH_ENVIRONMENTS.get(evaluator);
  if (!memo) BRANCH_ENVIRONMENTS.set(evaluator, (memo = new WeakMap()));
  const walked: Node[] = [];
  let decided: Environment | null = null;
  let child: Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    const known = memo.get(child);
    if (known !== undefined) {
      decided = known;
      break;
    }
    walked.push(child);
    const found = evidenceAt(parent, child, evaluator)?.environment;
    if (found && found !== 'unknown') {
      decided = found;
      break;
    }
  }
  for (const n of walked) memo.set(n, decided);
  return decided ?? undefined;
}

/** What a node says about the environment of its child, and how a message names it. */
export function evidenceAt(
  parent: Node,
  child: Node,
  evaluator: Evaluator,
): { environment: Environment; because: string } | undefined {
  if (
    (parent.type === 'ConditionalExpression' || parent.type === 'IfStatement') &&
    child !== parent.test
  ) {
    const test = evaluator.test(parent.test);
    if (test.kind !== 'environment') return undefined;
    const shown = evaluator.source(parent.test);
    return {
      environment: child === parent.consequent ? test.whenTrue : test.whenFalse,
      because:
        parent.type !== 'IfStatement'
          ? `branch \`${shown} ? … : …\``
          : child === parent.consequent
            ? `branch \`if (${shown})\``
            : `the \`else\` of \`if (${shown})\``,
    };
  }
  if (parent.type === 'BlockStatement' || parent.type === 'SwitchCase') {
    // `if (isProduction) return a; return b;`: code past an `if` one side of which always
    // leaves runs only on the other side, as the `else` of a ternary does.
    const guard = guardsOf(parent, evaluator).get(child as TSESTree.Statement);
    if (guard) return guard;
  }
  if (parent.type === 'LogicalExpression' && parent.operator === '&&' && child === parent.right) {
    const test = evaluator.test(parent.left);
    if (test.kind !== 'environment') return undefined;
    return {
      environment: test.whenTrue,
      because: `branch \`${evaluator.source(parent.left)} && …\``,
    };
  }
  if (parent.type === 'SwitchCase' && parent.test) {
    const discriminant = evaluator.test({
      type: 'BinaryExpression',
      operator: '===',
      left: parent.parent.discriminant,
      right: parent.test,
      range: parent.range,
    } as unknown as Node);
    if (discriminant.kind !== 'environment') return undefined;
    return {
      environment: discriminant.whenTrue,
      because: `\`case ${evaluator.source(parent.test)}\``,
    };
  }
  if (
    parent.type === 'Property' &&
    child === parent.value &&
    parent.parent.type === 'ObjectExpression'
  ) {
    const key = staticPropertyName(parent);
    if (key === undefined) return undefined;
    const map = evaluator.value(parent.parent);
    if (map.kind !== 'object' || !isEnvironmentMap(map)) return undefined;
    return {
      environment: classifyEnvironmentName(key),
      because: `key \`${key}\` of the environment map`,
    };
  }
  return undefined;
}

/**
 * `isEnvironmentMapValue`, once per object: it reads every property, and each value of a
 * generated object of thousands of strings asks it of the same object.
 */
const ENVIRONMENT_MAPS = new WeakMap<ObjectValue, boolean>();

function isEnvironmentMap(map: ObjectValue): boolean {
  let verdict = ENVIRONMENT_MAPS.get(map);
  if (verdict === undefined) ENVIRONMENT_MAPS.set(map, (verdict = isEnvironmentMapValue(map)));
  return verdict;
}

type Evidence = { environment: Environment; because: string };

/** Per evaluator, per block: each statement's nearest earlier guard (`guardsOf`). */
const BLOCK_GUARDS = new WeakMap<Evaluator, WeakMap<Node, Map<TSESTree.Statement, Evidence>>>();

/**
 * For each statement of a block, the guard the nearest earlier `if` that leaves on one
 * side sets (none: absent), in one pass over the block: asked statement by statement, a
 * function body of thousands of statements (a bundled module) cost their square.
 */
function guardsOf(
  block: TSESTree.BlockStatement | TSESTree.SwitchCase,
  evaluator: Evaluator,
): Map<TSESTree.Statement, Evidence> {
  let byBlock = BLOCK_GUARDS.get(evaluator);
  if (!byBlock) BLOCK_GUARDS.set(evaluator, (byBlock = new WeakMap()));
  let guards = byBlock.get(block);
  if (!guards) {
    guards = new Map();
    let current: Evidence | undefined;
    for (const statement of block.type === 'BlockStatement' ? block.body : block.consequent) {
      if (current) guards.set(statement, current);
      if (statement.type === 'IfStatement')
        current = guardEnvironment(statement, evaluator) ?? current;
    }
    byBlock.set(block, guards);
  }
  return guards;
}

/**
 * The environment of the code past an `if` that leaves on one side. Along an `else if`
 * chain whose branches all leave, the innermost test decides, as in nested ternaries.
 */
function guardEnvironment(
  statement: TSESTree.IfStatement,
  evaluator: Evaluator,
): { environment: Environment; because: string } | undefined {
  if (!alwaysLeaves(statement.consequent)) {
    if (!statement.alternate || !alwaysLeaves(statement.alternate)) return undefined;
    const test = evaluator.test(statement.test);
    return test.kind === 'environment'
      ? {
          environment: test.whenTrue,
          because: `past the \`else\` of \`if (${evaluator.source(statement.test)})\``,
        }
      : undefined;
  }
  const inner =
    statement.alternate?.type === 'IfStatement'
      ? guardEnvironment(statement.alternate, evaluator)
      : undefined;
  if (inner) return inner;
  const test = evaluator.test(statement.test);
  return test.kind === 'environment'
    ? {
        environment: test.whenFalse,
        because: `past \`if (${evaluator.source(statement.test)}) …\``,
      }
    : undefined;
}

/** A statement after which nothing in its block runs: a `return`, a `throw`, or both sides. */
function alwaysLeaves(statement: TSESTree.Statement): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  if (statement.type === 'BlockStatement') return statement.body.some(alwaysLeaves);
  if (statement.type === 'IfStatement')
    return (
      alwaysLeaves(statement.consequent) &&
      statement.alternate !== null &&
      alwaysLeaves(statement.alternate)
    );
  return false;
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
