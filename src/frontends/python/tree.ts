/**
 * A tree-sitter tree copied once into plain JavaScript objects.
 *
 * Every access to a web-tree-sitter `Node` (its type, its children, a field) crosses into
 * WebAssembly and allocates fresh wrapper objects; the settings analysis asks for the same
 * children many times, so most of its time went there. One `TreeCursor` walk copies what the
 * analysis reads (type, range, field names, children), after which the tree is freed and
 * the analysis runs on ordinary objects. The shape is the subset of `Node` the analysis uses,
 * with the same names, so the analysis reads as tree-sitter code.
 */
import type { Tree } from 'web-tree-sitter';

export class SyntaxNode {
  readonly id: number;
  readonly type: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly parent: SyntaxNode | null;
  readonly children: SyntaxNode[] = [];
  /** The field name of each child, in the order of `children` (null when it has none). */
  readonly #fields: (string | null)[] = [];
  #named: SyntaxNode[] | undefined;
  hasError = false;
  readonly #source: string;

  constructor(
    id: number,
    type: string,
    isNamed: boolean,
    isMissing: boolean,
    startIndex: number,
    endIndex: number,
    parent: SyntaxNode | null,
    source: string,
  ) {
    this.id = id;
    this.type = type;
    this.isNamed = isNamed;
    this.isMissing = isMissing;
    this.startIndex = startIndex;
    this.endIndex = endIndex;
    this.parent = parent;
    this.#source = source;
  }

  get text(): string {
    return this.#source.slice(this.startIndex, this.endIndex);
  }

  /** Zero-based row, as tree-sitter's `startPosition.row`. */
  get startPosition(): { row: number } {
    let row = 0;
    for (
      let i = this.#source.indexOf('\n');
      i !== -1 && i < this.startIndex;
      i = this.#source.indexOf('\n', i + 1)
    )
      row++;
    return { row };
  }

  get namedChildren(): SyntaxNode[] {
    return (this.#named ??= this.children.filter((c) => c.isNamed));
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): SyntaxNode | null {
    return this.namedChildren[index] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const i = this.#fields.indexOf(name);
    return i === -1 ? null : this.children[i]!;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    return this.children.filter((_, i) => this.#fields[i] === name);
  }

  /** @internal Used while copying. */
  addChild(child: SyntaxNode, field: string | null): void {
    this.children.push(child);
    this.#fields.push(field);
  }
}

/** Copies `tree` (parsed from `text`) into plain objects; the caller may delete the tree after. */
export function copyTree(tree: Tree, text: string): SyntaxNode {
  const { types, fields } = tree.language;
  // Each cursor getter is a call into WebAssembly: ask what is constant per node type (named
  // or not) once per type, and whether a node is MISSING only in a tree with errors.
  const named = new Map<number, boolean>();
  const withErrors = tree.rootNode.hasError;
  const cursor = tree.walk();
  const copy = (id: number, parent: SyntaxNode | null): SyntaxNode => {
    const typeId = cursor.nodeTypeId;
    let isNamed = named.get(typeId);
    if (isNamed === undefined) named.set(typeId, (isNamed = cursor.nodeIsNamed));
    return new SyntaxNode(
      id,
      types[typeId] ?? 'ERROR',
      isNamed,
      withErrors && cursor.nodeIsMissing,
      cursor.startIndex,
      cursor.endIndex,
      parent,
      text,
    );
  };
  try {
    const all: SyntaxNode[] = [];
    const root = copy(0, null);
    all.push(root);
    let parent = root;
    if (!cursor.gotoFirstChild()) return finish(all);
    for (;;) {
      const node = copy(all.length, parent);
      all.push(node);
      parent.addChild(node, fields[cursor.currentFieldId] ?? null);
      if (cursor.gotoFirstChild()) {
        parent = node;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || parent === root) return finish(all);
        parent = parent.parent!;
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * tree-sitter's `hasError`: the node or a descendant is an ERROR or a MISSING node. Children
 * come after their parent in `all` (preorder), so one backward sweep settles every node
 * without recursion (a long expression chain is a very deep tree).
 */
function finish(all: readonly SyntaxNode[]): SyntaxNode {
  for (let i = all.length - 1; i >= 0; i--) {
    const n = all[i]!;
    if (n.type === 'ERROR' || n.isMissing) n.hasError = true;
    if (n.hasError && n.parent) n.parent.hasError = true;
  }
  return all[0]!;
}
