/**
 * The model of a config tree, shared by the JSON and YAML front-ends (neither imports the
 * other): config entries of a known driver become sites, every mapping an object entry
 * (with the mappings around it), every string a string entry. The core reads them all.
 */
import type { FileModel, ObjectEntry, SiteEntry, StringEntry } from '../../core/analysis.js';
import { isConfigObject } from '../../core/config-objects.js';
import type { PasswordCandidate } from '../../core/credentials.js';
import type { Environment, ObjectValue, Value } from '../../core/model.js';
import { getValue, stringOf } from '../../core/values.js';

export class ConfigModel {
  readonly #sites: SiteEntry[] = [];
  readonly #objects: ObjectEntry[] = [];
  readonly #strings: StringEntry[] = [];
  readonly passwords: PasswordCandidate[] = [];

  /** One config entry of a known driver (a sequelize-cli environment, a TypeORM connection). */
  entry(driverId: string, config: ObjectValue, environment: Environment, url?: Value): void {
    this.#sites.push({
      driverId,
      exportedOnly: true,
      config,
      environment,
      range: config.range,
      ...(url ? { url } : {}),
    });
    this.tree(config, environment);
  }

  /** One environment of a sequelize-cli / knex-style map: the driver from its keys. */
  environmentEntry(entry: ObjectValue, environment: Environment, sequelize: boolean): void {
    const useEnv = stringOf(getValue(entry, ['use_env_variable']));
    const url: Value | undefined = useEnv
      ? { kind: 'env', name: useEnv, range: getValue(entry, ['use_env_variable'])!.range }
      : undefined;
    if (sequelize || getValue(entry, ['dialect'])) {
      this.entry('sequelize', entry, environment, url);
      return;
    }
    if (getValue(entry, ['client'])) {
      this.entry('knex', entry, environment);
      return;
    }
    this.tree(entry, environment);
  }

  /** Every mapping and string of a tree (bounded in depth; an alias's node is visited once). */
  tree(root: Value, environment: Environment, rootName?: string): void {
    const seen = new Set<Value>();
    const visit = (
      value: Value,
      name: string | undefined,
      enclosing: readonly { value: ObjectValue; name?: string }[],
      depth: number,
    ): void => {
      if (seen.has(value) || depth > 64) return;
      seen.add(value);
      if (value.kind === 'array') {
        for (const e of value.elements) visit(e, name, enclosing, depth + 1);
        return;
      }
      if (value.kind === 'literal') {
        if (typeof value.value === 'string' && value.value.includes('://'))
          this.#strings.push({ literal: value, environment });
        return;
      }
      if (value.kind !== 'object') return;
      const named = name !== undefined ? { name } : {};
      if (isConfigObject(value)) this.#objects.push({ value, ...named, environment, enclosing });
      const inner = [{ value, ...named }, ...enclosing];
      for (const p of value.properties) visit(p.value, p.key, inner, depth + 1);
    };
    visit(root, rootName, [], 0);
  }

  model(): FileModel {
    return {
      sites: this.#sites,
      objects: this.#objects,
      strings: this.#strings,
      passwords: this.passwords,
    };
  }
}
