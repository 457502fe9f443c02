/**
 * One address space for several files. A cross-file site mixes values from the consumer
 * (`new Pool({ ...dbConfig, max: 5 })`) and from the modules it imports, while the core
 * model knows only plain offsets. Each file gets a base (`(index + 1) * STRIDE`); its
 * values are copied with every offset moved by that base, the core judges them as usual,
 * and `locate` turns an offset of an observation or fix back into (file, local offset).
 */
import type { FixIntent, Finding, Range, Value } from '../../core/model.js';

/** 4 GiB per file: far above any source file, and 2^21 files still stay below 2^53. */
const STRIDE = 2 ** 32;

export function baseOf(index: number): number {
  return (index + 1) * STRIDE;
}

export function locate(offset: number): { index: number; local: number } {
  const slot = Math.floor(offset / STRIDE);
  return { index: slot - 1, local: offset - slot * STRIDE };
}

/** A deep copy of `value` with every offset moved by `by`; `memo` keeps shared sub-values shared. */
export function shiftValue(value: Value, by: number, memo: WeakMap<Value, Value>): Value {
  const cached = memo.get(value);
  if (cached) return cached;
  const range = shiftRange(value.range, by);
  let result: Value;
  switch (value.kind) {
    case 'literal':
      result = {
        ...value,
        range,
        ...(value.contentStart !== undefined ? { contentStart: value.contentStart + by } : {}),
      };
      break;
    case 'object': {
      const insertion = value.insertion ? shiftNumbers(value.insertion, by) : undefined;
      result = {
        ...value,
        range,
        properties: value.properties.map((p) => ({
          ...p,
          keyRange: shiftRange(p.keyRange, by),
          range: shiftRange(p.range, by),
          value: shiftValue(p.value, by, memo),
        })),
        ...(insertion ? { insertion } : {}),
      };
      break;
    }
    case 'array':
      result = { ...value, range, elements: value.elements.map((e) => shiftValue(e, by, memo)) };
      break;
    case 'conditional':
      result = {
        ...value,
        range,
        testRange: shiftRange(value.testRange, by),
        consequent: shiftValue(value.consequent, by, memo),
        alternate: shiftValue(value.alternate, by, memo),
      };
      break;
    case 'function':
      result = {
        ...value,
        range,
        ...(value.returns ? { returns: shiftValue(value.returns, by, memo) } : {}),
      };
      break;
    default:
      result = { ...value, range };
  }
  memo.set(value, result);
  return result;
}

export function shiftRange(range: Range, by: number): Range {
  return [range[0] + by, range[1] + by];
}

/** Offsets of an insertion point (`at`, `commaAt`, …): every number moves, strings stay. */
function shiftNumbers<T extends object>(object: T, by: number): T {
  const copy = { ...object } as Record<string, unknown>;
  for (const [key, v] of Object.entries(copy)) if (typeof v === 'number') copy[key] = v + by;
  return copy as T;
}

/**
 * A finding of the virtual space back in its file: its range, and the fixes whose edits
 * all fall in that same file (a fix spanning two files is dropped, never half-applied).
 */
export function localFinding(finding: Finding, index: number): Finding {
  const base = baseOf(index);
  const inFile = (r: Range) => locate(r[0]).index === index && locate(r[1]).index === index;
  const fixes: FixIntent[] = finding.fixes
    .filter((f) => f.edits.every((e) => inFile(e.range)))
    .map((f) => ({
      ...f,
      edits: f.edits.map((e) => ({ ...e, range: shiftRange(e.range, -base) })),
    }));
  return { ...finding, range: shiftRange(finding.range, -base), fixes };
}
