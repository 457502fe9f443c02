/**
 * The value an ESLint configuration file exports, read without running it: literals,
 * arrays and objects of them, module-level constants, spreads, this plugin and its configs
 * (`secureDb.configs.strict`), and the helpers that only flatten their arguments
 * (`defineConfig`, typescript-eslint's `config`). Everything else — other packages'
 * exports, calls, conditions — is `OPAQUE`: only running the file would tell.
 *
 * Where an opaque part could carry secure-db settings (its text names `secure-db`, or it
 * reads this plugin), it is recorded as `uncertain`, so the reader can say that running
 * the configuration (`--eslint-config`) would be needed to be sure.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, unwrap } from '../frontends/estree/walk.js';

export const OPAQUE: unique symbol = Symbol('opaque');
/** Set on an object literal that spreads something opaque: keys may be missing. */
const OPAQUE_SPREAD: unique symbol = Symbol('opaque spread');

export type ConfigValue =
  string | number | boolean | null | undefined | typeof OPAQUE | ConfigValue[] | ConfigObject;

export interface ConfigObject {
  [key: string]: ConfigValue;
  [OPAQUE_SPREAD]?: true;
}

const PLUGIN_PACKAGE = 'eslint-plugin-secure-db';

export interface ConfigModule {
  /** `export default …` or `module.exports = …`; OPAQUE when there is none we can read. */
  exported: ConfigValue;
  /** Parts that may set secure-db options but cannot be read without running the file. */
  uncertain: string[];
  /** The value has more than `MAX_VALUE_NODES` nodes: not read. */
  tooLarge?: true;
}

/** Constants are followed this deep (`const a = b; const b = …`). */
const MAX_DEPTH = 32;
/**
 * A value larger than this (counting every element and property, shared ones each time)
 * is not read: `const a = [b, b]; const b = [c, c]; …` doubles at each line.
 */
const MAX_VALUE_NODES = 100_000;

/** Whether `value` has at most `budget` nodes, counted as a walk would meet them. */
function sizeWithin(value: ConfigValue, budget: number): boolean {
  let left = budget;
  const stack: ConfigValue[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (--left < 0) return false;
    if (Array.isArray(item)) stack.push(...item);
    else if (isConfigObject(item)) stack.push(...Object.values(item));
  }
  return true;
}

export function isConfigObject(value: ConfigValue): value is ConfigObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A config value holds nothing opaque, anywhere inside. */
export function isFullyKnown(value: ConfigValue): boolean {
  if (value === OPAQUE) return false;
  if (Array.isArray(value)) return value.every(isFullyKnown);
  if (isConfigObject(value))
    return value[OPAQUE_SPREAD] !== true && Object.values(value).every(isFullyKnown);
  return true;
}

type Binding =
  | { kind: 'expression'; node: TSESTree.Expression }
  /** `const { configs } = secureDb`: a property of another binding's value. */
  | { kind: 'property'; of: TSESTree.Expression; key: string }
  | { kind: 'value'; value: ConfigValue };

/**
 * Reads `program`'s exported configuration. `plugin` is this plugin as the file would
 * import it (its `configs`); `text` is the file's text, for the `uncertain` notes.
 */
export function readConfigModule(
  program: TSESTree.Program,
  text: string,
  plugin: ConfigObject,
): ConfigModule {
  const bindings = new Map<string, Binding>();
  const uncertain: string[] = [];
  let exported: TSESTree.Node | undefined;

  const isPluginSource = (source: string) => source === PLUGIN_PACKAGE;
  const requiredSource = (node: TSESTree.Node | null | undefined): string | undefined => {
    const inner = node ? unwrap(node) : undefined;
    if (
      inner?.type === 'CallExpression' &&
      inner.callee.type === 'Identifier' &&
      inner.callee.name === 'require' &&
      inner.arguments[0]?.type === 'Literal' &&
      typeof inner.arguments[0].value === 'string'
    )
      return inner.arguments[0].value;
    return undefined;
  };

  for (const statement of program.body) {
    switch (statement.type) {
      case 'ImportDeclaration': {
        const fromPlugin = isPluginSource(statement.source.value);
        for (const specifier of statement.specifiers) {
          let value: ConfigValue = OPAQUE;
          if (fromPlugin) {
            if (specifier.type === 'ImportSpecifier') {
              const name =
                specifier.imported.type === 'Identifier'
                  ? specifier.imported.name
                  : specifier.imported.value;
              value = name === 'default' ? plugin : (plugin[name] ?? OPAQUE);
            } else value = plugin;
          }
          bindings.set(specifier.local.name, { kind: 'value', value });
        }
        break;
      }
      case 'VariableDeclaration':
        for (const declarator of statement.declarations) declare(declarator);
        break;
      case 'ExportNamedDeclaration':
        if (statement.declaration?.type === 'VariableDeclaration')
          for (const declarator of statement.declaration.declarations) declare(declarator);
        for (const specifier of statement.specifiers) {
          const exportedName =
            specifier.exported.type === 'Identifier'
              ? specifier.exported.name
              : specifier.exported.value;
          if (exportedName === 'default' && specifier.local.type === 'Identifier')
            exported = specifier.local;
        }
        break;
      case 'ExportDefaultDeclaration':
        exported = statement.declaration;
        break;
      case 'ExpressionStatement': {
        const e = statement.expression;
        if (e.type === 'AssignmentExpression' && e.operator === '=' && isModuleExports(e.left))
          exported = e.right;
        break;
      }
      default:
        break;
    }
  }

  function declare(declarator: TSESTree.VariableDeclarator): void {
    const init = declarator.init;
    if (declarator.id.type === 'Identifier') {
      if (!init) return;
      const source = requiredSource(init);
      bindings.set(
        declarator.id.name,
        source === undefined
          ? { kind: 'expression', node: init }
          : { kind: 'value', value: isPluginSource(source) ? plugin : OPAQUE },
      );
      return;
    }
    if (declarator.id.type !== 'ObjectPattern' || !init) return;
    for (const property of declarator.id.properties) {
      if (property.type !== 'Property' || property.value.type !== 'Identifier') continue;
      const key = staticPropertyName(property);
      bindings.set(
        property.value.name,
        key === undefined ? { kind: 'value', value: OPAQUE } : { kind: 'property', of: init, key },
      );
    }
  }

  const resolving = new Set<string>();
  /** Each constant is evaluated once: a value used twice is one value. */
  const resolved = new Map<string, ConfigValue>();

  function opaque(node: TSESTree.Node): typeof OPAQUE {
    const snippet = text.slice(node.range[0], node.range[1]);
    if (snippet.includes('secure-db') || mentionsPlugin(node)) uncertain.push(oneLine(snippet));
    return OPAQUE;
  }

  /** The node reads a binding whose value is this plugin (or part of it). */
  function mentionsPlugin(node: TSESTree.Node): boolean {
    const inner = unwrap(node);
    if (inner.type === 'Identifier') {
      const binding = bindings.get(inner.name);
      return binding?.kind === 'value' && binding.value === plugin;
    }
    if (inner.type === 'MemberExpression') return mentionsPlugin(inner.object);
    if (inner.type === 'CallExpression')
      return mentionsPlugin(inner.callee) || inner.arguments.some((a) => mentionsPlugin(a));
    return false;
  }

  function lookup(name: string, node: TSESTree.Node, depth: number): ConfigValue {
    const binding = bindings.get(name);
    if (!binding) return name === 'undefined' ? undefined : opaque(node);
    if (binding.kind === 'value') return binding.value;
    if (resolved.has(name)) return resolved.get(name);
    if (resolving.has(name)) return opaque(node);
    resolving.add(name);
    let value: ConfigValue;
    if (binding.kind === 'expression') value = evaluate(binding.node, depth + 1);
    else {
      const object = evaluate(binding.of, depth + 1);
      value = isConfigObject(object) ? (object[binding.key] ?? undefined) : opaque(node);
    }
    resolving.delete(name);
    resolved.set(name, value);
    return value;
  }

  function evaluate(node: TSESTree.Node, depth: number): ConfigValue {
    if (depth > MAX_DEPTH) return opaque(node);
    const inner = unwrap(node);
    switch (inner.type) {
      case 'Literal':
        if (
          typeof inner.value === 'string' ||
          typeof inner.value === 'number' ||
          typeof inner.value === 'boolean' ||
          inner.value === null
        )
          return inner.value;
        return opaque(inner);
      case 'TemplateLiteral':
        return inner.expressions.length === 0
          ? (inner.quasis[0]?.value.cooked ?? opaque(inner))
          : opaque(inner);
      case 'Identifier':
        return lookup(inner.name, inner, depth);
      case 'ArrayExpression': {
        const out: ConfigValue[] = [];
        for (const element of inner.elements) {
          if (element === null) out.push(undefined);
          else if (element.type === 'SpreadElement') {
            const spread = evaluate(element.argument, depth + 1);
            if (Array.isArray(spread)) out.push(...spread);
            else out.push(spread === OPAQUE ? OPAQUE : opaque(element));
          } else out.push(evaluate(element, depth + 1));
        }
        return out;
      }
      case 'ObjectExpression': {
        const out: ConfigObject = {};
        for (const property of inner.properties) {
          if (property.type === 'SpreadElement') {
            const spread = evaluate(property.argument, depth + 1);
            if (isConfigObject(spread)) {
              Object.assign(out, spread);
              if (spread[OPAQUE_SPREAD]) out[OPAQUE_SPREAD] = true;
            } else if (spread !== undefined && spread !== null) out[OPAQUE_SPREAD] = true;
            continue;
          }
          const key = staticPropertyName(property);
          if (key === undefined) {
            // `[name]: …`: a key only running the file would name.
            opaque(property);
            out[OPAQUE_SPREAD] = true;
            continue;
          }
          out[key] =
            property.value.type === 'FunctionExpression' ||
            property.value.type === 'ArrowFunctionExpression'
              ? OPAQUE
              : evaluate(property.value, depth + 1);
        }
        return out;
      }
      case 'MemberExpression': {
        const object = evaluate(inner.object, depth + 1);
        const key = staticPropertyName(inner);
        if (object === OPAQUE) return OPAQUE; // said once, where it became opaque
        if (key === undefined) return opaque(inner);
        if (isConfigObject(object)) {
          const value = Object.hasOwn(object, key) ? object[key] : undefined;
          // A missing key of an object read whole is undefined; of a partly read one, unknown.
          return value === undefined && object[OPAQUE_SPREAD] ? opaque(inner) : value;
        }
        if (Array.isArray(object) && /^\d+$/.test(key)) return object[Number(key)];
        return opaque(inner);
      }
      case 'CallExpression':
        return isFlatteningHelper(inner.callee)
          ? inner.arguments.map((argument) =>
              argument.type === 'SpreadElement'
                ? evaluate(argument.argument, depth + 1)
                : evaluate(argument, depth + 1),
            )
          : opaque(inner);
      default:
        return opaque(inner);
    }
  }

  const value = exported ? evaluate(exported, 0) : OPAQUE;
  if (!sizeWithin(value, MAX_VALUE_NODES))
    return { exported: OPAQUE, uncertain: [...new Set(uncertain)], tooLarge: true };
  return { exported: value, uncertain: [...new Set(uncertain)] };
}

/** `defineConfig(…)` (eslint/config), `tseslint.config(…)`: they flatten their arguments. */
function isFlatteningHelper(callee: TSESTree.Node): boolean {
  const inner = unwrap(callee);
  if (inner.type === 'Identifier') return inner.name === 'defineConfig';
  return (
    inner.type === 'MemberExpression' &&
    !inner.computed &&
    inner.property.type === 'Identifier' &&
    inner.property.name === 'config'
  );
}

function isModuleExports(node: TSESTree.Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    !node.computed &&
    node.object.type === 'Identifier' &&
    node.object.name === 'module' &&
    node.property.type === 'Identifier' &&
    node.property.name === 'exports'
  );
}

function oneLine(snippet: string): string {
  const line = snippet.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}
