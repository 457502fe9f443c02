/**
 * Where names come from: variables initialised once in the file, and imports of driver
 * modules (`import`, `require`, destructuring, aliases). No scope analysis: a name
 * declared twice is not resolved, which keeps us from guessing. A `let` declared once and
 * then assigned with plain `=` (`let config; if (a) config = {…}; else config = {…}`) has
 * the values of its assignments, each one of which the code may pick.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, unwrap, walk, type Node } from './walk.js';

interface ModuleRef {
  module: string;
  /** Member path from the module root; `()` marks "the result of calling it". */
  path: string[];
}

export interface Bindings {
  /** The initialiser of a variable, when it has exactly one. */
  init(name: string): Node | undefined;
  /**
   * The values a variable declared once and assigned later may hold: each `=` assignment's
   * right side, and the initialiser unless it is only a placeholder (`{}`, `null`, none).
   * Undefined for a variable not assigned, or assigned otherwise (`+=`, destructuring, `++`).
   */
  assignments(name: string): readonly Node[] | undefined;
  /** What module member a name, member chain or call refers to. */
  moduleOf(node: Node): ModuleRef | undefined;
}

function collectBindings(program: TSESTree.Program): Bindings {
  const inits = new Map<string, Node | null>();
  const modules = new Map<string, ModuleRef>();
  const declare = (name: string, init: Node | null) =>
    inits.set(name, inits.has(name) ? null : init);

  const requireOf = (node: Node): string | undefined => {
    const n = unwrap(node);
    if (
      n.type === 'CallExpression' &&
      n.callee.type === 'Identifier' &&
      n.callee.name === 'require'
    ) {
      const arg = n.arguments[0];
      if (arg?.type === 'Literal' && typeof arg.value === 'string') return arg.value;
    }
    if (n.type === 'AwaitExpression' && n.argument.type === 'ImportExpression') {
      const src = n.argument.source;
      if (src.type === 'Literal' && typeof src.value === 'string') return src.value;
    }
    return undefined;
  };

  const bindings: Bindings = {
    init: (name) => inits.get(name) ?? undefined,
    assignments: (name) => {
      const values = assigned.get(name);
      // Only a `let` / `var` declared once here: not a parameter, not a name declared twice.
      if (!values || values.length > MAX_ASSIGNMENTS || !declaredInit.has(name)) return undefined;
      const init = declaredInit.get(name);
      if (init === null) return undefined;
      return init && !isPlaceholder(init) ? [init, ...values] : values;
    },
    moduleOf(node) {
      const n = unwrap(node);
      switch (n.type) {
        case 'Identifier':
          return modules.get(n.name);
        case 'MemberExpression': {
          const base = bindings.moduleOf(n.object);
          const name = staticPropertyName(n);
          return base && name !== undefined
            ? { module: base.module, path: normalise([...base.path, name]) }
            : undefined;
        }
        case 'CallExpression': {
          const required = requireOf(n);
          if (required) return { module: required, path: [] };
          const base = bindings.moduleOf(n.callee);
          return base ? { module: base.module, path: [...base.path, '()'] } : undefined;
        }
        case 'ImportExpression':
        case 'AwaitExpression': {
          const required = requireOf(n);
          return required ? { module: required, path: [] } : undefined;
        }
        default:
          return undefined;
      }
    },
  };

  const bindPattern = (pattern: Node, base: ModuleRef) => {
    if (pattern.type === 'Identifier') modules.set(pattern.name, base);
    else if (pattern.type === 'ObjectPattern') {
      for (const prop of pattern.properties) {
        if (prop.type !== 'Property') continue;
        const key = staticPropertyName(prop);
        const target = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
        if (key !== undefined)
          bindPattern(target, { module: base.module, path: normalise([...base.path, key]) });
      }
    }
  };

  const declarators: TSESTree.VariableDeclarator[] = [];
  const reassigned = new Set<string>();
  /** Right sides of plain `=` assignments, per name; null once written otherwise. */
  const assigned = new Map<string, Node[] | null>();
  /** The initialiser of a name declared once with `let` / `var` (undefined: none); null otherwise. */
  const declaredInit = new Map<string, Node | undefined | null>();
  const unresolvable = (name: string) => assigned.set(name, null);
  walk(program, (node) => {
    switch (node.type) {
      case 'ImportDeclaration': {
        const source = node.source.value;
        for (const spec of node.specifiers) {
          if (spec.type === 'ImportDefaultSpecifier' || spec.type === 'ImportNamespaceSpecifier') {
            modules.set(spec.local.name, { module: source, path: [] });
          } else {
            const imported =
              spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
            modules.set(spec.local.name, { module: source, path: normalise([imported]) });
          }
        }
        break;
      }
      case 'TSImportEqualsDeclaration':
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          modules.set(node.id.name, {
            module: node.moduleReference.expression.value,
            path: [],
          });
        }
        break;
      case 'VariableDeclarator':
        declarators.push(node);
        if (node.id.type === 'Identifier') {
          declare(node.id.name, node.init);
          const name = node.id.name;
          declaredInit.set(name, declaredInit.has(name) ? null : (node.init ?? undefined));
        }
        break;
      case 'VariableDeclaration':
        // A `const` is never assigned; a `using` or a loop variable is not a configuration.
        if (node.kind !== 'let' && node.kind !== 'var')
          for (const d of node.declarations)
            if (d.id.type === 'Identifier') declaredInit.set(d.id.name, null);
        break;
      case 'AssignmentExpression':
        // A variable written after its declaration has no single value.
        if (node.left.type === 'Identifier') {
          reassigned.add(node.left.name);
          const values = assigned.get(node.left.name);
          if (node.operator !== '=') unresolvable(node.left.name);
          else if (values !== null) assigned.set(node.left.name, [...(values ?? []), node.right]);
        } else if (node.left.type === 'ArrayPattern' || node.left.type === 'ObjectPattern')
          walk(node.left, (inner) => {
            if (inner.type === 'Identifier') unresolvable(inner.name);
          });
        break;
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') unresolvable(node.argument.name);
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        if (node.left.type === 'Identifier') unresolvable(node.left.name);
        break;
      case 'FunctionDeclaration':
      case 'ClassDeclaration':
        if (node.id) declare(node.id.name, node);
        break;
    }
  });
  for (const name of reassigned) inits.set(name, null);
  // Twice, so that `const pg = require('pg'); const { Pool } = pg;` resolves in any order.
  for (let pass = 0; pass < 2; pass++) {
    for (const d of declarators) {
      const base = d.init ? bindings.moduleOf(d.init) : undefined;
      if (base) bindPattern(d.id, base);
    }
  }
  return bindings;
}

/** More writes than this to one variable: a counter or an accumulator, not a configuration. */
const MAX_ASSIGNMENTS = 8;

/** `let config = {}`, `= null`, `= undefined`, `= ''`: a value the code replaces before use. */
function isPlaceholder(node: Node): boolean {
  const n = unwrap(node);
  return (
    (n.type === 'ObjectExpression' && n.properties.length === 0) ||
    (n.type === 'ArrayExpression' && n.elements.length === 0) ||
    (n.type === 'Literal' && (n.value === null || n.value === '')) ||
    (n.type === 'Identifier' && n.name === 'undefined')
  );
}

/** `import pg from 'pg'` and `pg.default` are the same CommonJS module object. */
function normalise(path: string[]): string[] {
  return path[0] === 'default' ? path.slice(1) : path;
}

const cache = new WeakMap<TSESTree.Program, Bindings>();

/** One `Bindings` per tree: the facts pass, the cross-file pass and the analysis share it. */
export function bindingsOf(program: TSESTree.Program): Bindings {
  let bindings = cache.get(program);
  if (!bindings) cache.set(program, (bindings = collectBindings(program)));
  return bindings;
}
