/** Reading the value model: paths into objects, branches of conditionals. */
import type {
  Alternative,
  ConditionalValue,
  Environment,
  Guards,
  Property,
  Value,
} from './model.js';

/** The property at `path`, looking through nested object literals; undefined when absent. */
export function getProperty(
  object: Value | undefined,
  path: readonly string[],
): Property | undefined {
  let current: Value | undefined = object;
  let found: Property | undefined;
  for (const key of path) {
    if (current?.kind !== 'object') return undefined;
    // The last spelling wins, as it does at run time.
    found = current.properties.findLast((p) => p.key === key);
    if (!found) return undefined;
    current = found.value;
  }
  return found;
}

export function getValue(object: Value | undefined, path: readonly string[]): Value | undefined {
  return path.length === 0 ? object : getProperty(object, path)?.value;
}

/** The first of `paths` that is set, in precedence order. */
export function firstSet(
  object: Value | undefined,
  paths: readonly (readonly string[])[] | undefined,
): { path: readonly string[]; property: Property | undefined; value: Value } | undefined {
  for (const path of paths ?? []) {
    if (path.length === 0) {
      if (object) return { path, property: undefined, value: object };
      continue;
    }
    const property = getProperty(object, path);
    if (property) return { path, property, value: property.value };
  }
  return undefined;
}

/**
 * True when a key might be set although we do not see it: an object on the way is
 * built with a spread or computed keys, or is not an object literal at all.
 */
export function mayBeHidden(object: Value | undefined, path: readonly string[]): boolean {
  let current: Value | undefined = object;
  for (const key of path) {
    if (!current) return false;
    if (current.kind !== 'object') return true;
    if (current.open) return true;
    const next = current.properties.findLast((p) => p.key === key);
    if (!next) return false;
    current = next.value;
  }
  return false;
}

/**
 * Takes conditionals apart. An environment test gives each branch its environment; a
 * flag test is judged by its default branch (the value while the variable is unset), the
 * other branch is explicit; a production guard fixes the flag's value in production.
 */
export function alternatives(
  value: Value,
  environment: Environment,
  guards: Guards,
  explicit = false,
): Alternative[] {
  if (value.kind !== 'conditional') return [{ value, environment, explicit }];
  const { test, consequent, alternate } = value;
  if (test.kind === 'environment') {
    return [
      ...alternatives(consequent, narrow(environment, test.whenTrue), guards, explicit),
      ...alternatives(alternate, narrow(environment, test.whenFalse), guards, explicit),
    ];
  }
  if (test.kind === 'flag') {
    const guarded = guards.get(test.predicate.key);
    if (guarded !== undefined && environment !== 'development') {
      const takenInProduction = guarded === test.positive ? consequent : alternate;
      const developmentOnly = takenInProduction === consequent ? alternate : consequent;
      return [
        ...alternatives(takenInProduction, environment, guards, explicit),
        ...alternatives(developmentOnly, 'development', guards, explicit),
      ];
    }
    const trueWhenUnset = test.predicate.whenUnset === test.positive;
    const byDefault = trueWhenUnset ? consequent : alternate;
    const other = trueWhenUnset ? alternate : consequent;
    return [
      ...alternatives(byDefault, environment, guards, explicit),
      ...alternatives(other, environment, guards, true),
    ];
  }
  if (test.kind === 'choice')
    return [
      ...alternatives(consequent, environment, guards, explicit),
      ...alternatives(alternate, environment, guards, explicit),
    ];
  // A test we cannot read: neither branch is the default.
  return [
    ...alternatives(consequent, environment, guards, true),
    ...alternatives(alternate, environment, guards, true),
  ];
}

/** A branch's own evidence beats the site's; a development site stays development. */
function narrow(outer: Environment, inner: Environment): Environment {
  if (outer === 'development') return 'development';
  return inner === 'unknown' ? outer : inner;
}

/** A string literal's text, when it is one. */
export function stringOf(value: Value | undefined): string | undefined {
  return value?.kind === 'literal' && typeof value.value === 'string' ? value.value : undefined;
}

/** Falsy literal values that mean "off" to a driver: `false`, `0`, `null`, `''`. */
export function isOffLiteral(value: Value): boolean {
  return (
    value.kind === 'literal' &&
    (value.value === false || value.value === 0 || value.value === null || value.value === '')
  );
}

/**
 * Adds a spread (`{ ...base }`) or an `Object.assign` source to an object being built: its
 * properties in order (later ones win, as `getProperty` reads the last), or, when the source
 * is not a known object, marks the result open (it may hold keys nobody can see).
 */
export function spreadInto(
  target: { properties: Property[]; open: boolean },
  source: Value | undefined,
): void {
  if (source?.kind === 'conditional' && spreadsOnlyObjects(source)) {
    spreadConditional(target, source);
    return;
  }
  if (source?.kind === 'object') {
    target.properties.push(...source.properties);
    target.open ||= source.open;
  } else target.open = true;
}

/** A value whose spread adds nothing: `...false`, `...undefined`, `...null`, `...''`. */
function spreadsNothing(value: Value): boolean {
  return value.kind === 'literal' && !value.value;
}

function spreadsOnlyObjects(value: Value): boolean {
  if (value.kind === 'conditional')
    return spreadsOnlyObjects(value.consequent) && spreadsOnlyObjects(value.alternate);
  return value.kind === 'object' || spreadsNothing(value);
}

/**
 * `...(password && { password })`, `...(useTls ? { tls: {} } : {})`: a spread adds only
 * the keys it spells (POLICY "Values"). A key one branch lacks becomes a conditional whose
 * other side is absent, so the checks take the branches apart as for any conditional.
 */
function spreadConditional(
  target: { properties: Property[]; open: boolean },
  source: ConditionalValue,
): void {
  const branch = (value: Value): { properties: Property[]; open: boolean } => {
    const built = { properties: [] as Property[], open: false };
    if (value.kind === 'conditional') spreadConditional(built, value);
    else if (value.kind === 'object') spreadInto(built, value);
    return built;
  };
  const consequent = branch(source.consequent);
  const alternate = branch(source.alternate);
  target.open ||= consequent.open || alternate.open;
  const keys = [...new Set([...consequent.properties, ...alternate.properties].map((p) => p.key))];
  for (const key of keys) {
    const whenTrue = consequent.properties.findLast((p) => p.key === key);
    const whenFalse = alternate.properties.findLast((p) => p.key === key);
    const shown = (whenTrue ?? whenFalse)!;
    const absent: Value = {
      kind: 'literal',
      value: undefined,
      range: source.range,
      synthetic: true,
    };
    target.properties.push({
      key,
      keyRange: shown.keyRange,
      range: shown.range,
      value:
        whenTrue && whenFalse && whenTrue.value === whenFalse.value
          ? whenTrue.value
          : {
              kind: 'conditional',
              test: source.test,
              testRange: source.testRange,
              consequent: whenTrue?.value ?? absent,
              alternate: whenFalse?.value ?? absent,
              range: shown.value.range,
            },
    });
  }
}
