/** A parser-neutral ESTree walk: works on espree's and typescript-estree's trees alike. */
import type { TSESTree } from '@typescript-eslint/utils';

export type Node = TSESTree.Node;

const SKIP = new Set([
  'parent',
  'loc',
  'range',
  'tokens',
  'comments',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'decorators',
]);

/**
 * Every node of a tree once, parents before children (setting `parent` where a parser did
 * not). Computed once per root: a file's analysis walks its program several times
 * (bindings, driver calls, guards, the cross-file pass), and iterating an array is far
 * cheaper than visiting every key of every node again.
 */
const ORDERS = new WeakMap<Node, readonly Node[]>();

function nodesOf(root: Node): readonly Node[] {
  let order = ORDERS.get(root);
  if (!order) {
    order = preorder(root);
    ORDERS.set(root, order);
  }
  return order;
}

/** Visits every node once, parents before children (see `nodesOf`). */
export function walk(root: Node, visit: (node: Node) => void): void {
  for (const node of nodesOf(root)) visit(node);
}

function preorder(root: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    for (const key in node) {
      if (SKIP.has(key)) continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) pushNode(stack, child[i], node);
      } else pushNode(stack, child, node);
    }
  }
  return out;
}

/** Strips wrappers that do not change a value: parentheses, `as`, `satisfies`, `!`. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

export function staticPropertyName(
  node: TSESTree.Property | TSESTree.MemberExpression | TSESTree.PropertyDefinition,
): string | undefined {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number'))
    return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0)
    return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { type?: unknown }).type === 'string';

function pushNode(stack: Node[], value: unknown, parent: Node): void {
  if (isNode(value)) {
    const child = value as { parent?: unknown };
    if (!child.parent) child.parent = parent;
    stack.push(value);
  }
}

/** A node's children, in source order (not its type annotations, as `walk`). */
export function childNodes(node: Node): Node[] {
  const children: Node[] = [];
  for (const key in node) {
    if (SKIP.has(key)) continue;
    const child = (node as unknown as Record<string, unknown>)[key];
    for (const c of Array.isArray(child) ? (child as unknown[]) : [child])
      if (isNode(c)) children.push(c);
  }
  return children;
}

export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

export function isFunction(node: Node | null | undefined): node is FunctionNode {
  return (
    node?.type === 'ArrowFunctionExpression' ||
    node?.type === 'FunctionExpression' ||
    node?.type === 'FunctionDeclaration'
  );
}
