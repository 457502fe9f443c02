/**
 * Where names come from: variables initialised once in the file, and imports of driver
 * modules (`import`, `require`, destructuring, aliases). No scope analysis: a name
 * declared twice or assigned later is not resolved, which keeps us from guessing.
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
        if (node.id.type === 'Identifier') declare(node.id.name, node.init);
        break;
      case 'AssignmentExpression':
        // A variable written after its declaration has no single value.
        if (node.left.type === 'Identifier') reassigned.add(node.left.name);
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
