/**
 * A Python syntax tree as flat arrays, so it can cross from the parser's worker thread
 * (python-worker.ts) to ESLint's thread, and the `SyntaxNode` tree the Python front-end's
 * analysis reads, rebuilt from them. The walk is the one `frontends/python/tree.ts`'s
 * `copyTree` does (preorder with a TreeCursor); only the output differs.
 */
import type { Tree } from 'web-tree-sitter';
import { SyntaxNode } from '../frontends/python/tree.js';

/** One entry per node, in preorder; `parents[i]` is -1 for the root. */
export interface FlatTree {
  types: string[];
  named: boolean[];
  missing: boolean[];
  starts: number[];
  ends: number[];
  parents: number[];
  /** The field name under which the node sits in its parent, or null. */
  fields: (string | null)[];
}

/** Flattens a tree-sitter tree (in the thread that owns the parser). */
export function flattenTree(tree: Tree): FlatTree {
  const { types, fields } = tree.language;
  const out: FlatTree = {
    types: [],
    named: [],
    missing: [],
    starts: [],
    ends: [],
    parents: [],
    fields: [],
  };
  const withErrors = tree.rootNode.hasError;
  const cursor = tree.walk();
  const push = (parent: number, field: string | null): number => {
    out.types.push(types[cursor.nodeTypeId] ?? 'ERROR');
    out.named.push(cursor.nodeIsNamed);
    out.missing.push(withErrors && cursor.nodeIsMissing);
    out.starts.push(cursor.startIndex);
    out.ends.push(cursor.endIndex);
    out.parents.push(parent);
    out.fields.push(field);
    return out.types.length - 1;
  };
  try {
    const stack = [push(-1, null)];
    if (!cursor.gotoFirstChild()) return out;
    for (;;) {
      const index = push(stack.at(-1)!, fields[cursor.currentFieldId] ?? null);
      if (cursor.gotoFirstChild()) {
        stack.push(index);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || stack.length === 1) return out;
        stack.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Rebuilds the `SyntaxNode` tree of `text` (hasError settled as tree-sitter does). */
export function rebuildTree(flat: FlatTree, text: string): SyntaxNode {
  const nodes: SyntaxNode[] = [];
  for (let i = 0; i < flat.types.length; i++) {
    const parent = flat.parents[i]! >= 0 ? nodes[flat.parents[i]!]! : null;
    const node = new SyntaxNode(
      i,
      flat.types[i]!,
      flat.named[i]!,
      flat.missing[i]!,
      flat.starts[i]!,
      flat.ends[i]!,
      parent,
      text,
    );
    nodes.push(node);
    parent?.addChild(node, flat.fields[i]!);
  }
  // Children come after their parent: one backward sweep settles `hasError`.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (n.type === 'ERROR' || n.isMissing) n.hasError = true;
    if (n.hasError && n.parent) n.parent.hasError = true;
  }
  return nodes[0]!;
}
