import { fail } from '../../core/diagnostic';
import type { Runtime } from './runtime';
import { roleMethod } from './objects';
import { ClassValue, DictValue, DictViewValue, ErrorTypeValue, FunctionValue, InstanceValue, DtypeValue, IntrinsicValue, ModuleValue, NoneValue, runningJavaScript, SequenceValue, SetValue, Tracked, typeName, word, type Value } from './values';

/**
 * Dicts and sets (JavaScript objects reuse dicts): the key of a value as Python hashes it. Numbers
 * and booleans share keys (`1`, `1.0`, `True`), a tracked number is keyed by its primal value (keys
 * are never differentiated), tuples by their elements, functions, classes, modules and instances by
 * identity; lists, dicts, sets and arrays are unhashable.
 */
export function hashKey(rt: Runtime, v: Value, site: number): string {
  if (runningJavaScript() && isNumberKey(v)) return `s${propertyName(v)}`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'nan' : `n${v === 0 ? 0 : v}`;
  if (v instanceof Tracked) return hashKey(rt, v.value, site);
  if (typeof v === 'boolean') return v ? 'n1' : 'n0';
  if (typeof v === 'string') return `s${v}`;
  if (v instanceof NoneValue) return 'None';
  if (v instanceof SequenceValue && v.isTuple) return `t(${v.items.map((x) => hashKey(rt, x, site)).join(',')})`;
  if (v instanceof ErrorTypeValue) return `e${v.name}`;
  if (v instanceof DtypeValue) return `d${v.dtype}`;
  if (v instanceof IntrinsicValue) return `i${v.name}`;
  if (v instanceof FunctionValue) return `f${identity(v)}`;
  if (v instanceof ClassValue || v instanceof ModuleValue) return `o${identity(v)}`;
  if (v instanceof InstanceValue) return instanceKey(rt, v, site);
  return fail('type', `${typeName(v)} cannot be a dict key or a set member (it is unhashable)`, rt.sites[site]!);
}

/**
 * An instance hashes by identity, as Python's `object.__hash__` does (micrograd keeps its nodes in a
 * `set`), unless its class defines `__eq__` without `__hash__`, which makes it unhashable in Python.
 * A class's own `__hash__` is not called: GradLens would need its `__eq__` for every lookup.
 */
function instanceKey(rt: Runtime, v: InstanceValue, site: number): string {
  const defines = (name: string): boolean => v.cls.mro.some((c) => c.methods.has(name));
  if (defines('__hash__')) return fail('unsupported', `GradLens does not call ${v.cls.name}.__hash__: a ${v.cls.name} object cannot be a dict key or a set member here`, rt.sites[site]!);
  if (roleMethod(v.cls, '==')) return fail('type', `a ${v.cls.name} object cannot be a dict key or a set member: ${v.cls.name} defines __eq__ without __hash__, which makes it unhashable`, rt.sites[site]!);
  return `o${identity(v)}`;
}

function isNumberKey(v: Value): v is number | boolean | Tracked {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof Tracked;
}

/** JavaScript's ToString of a property key: `o[5]` is `o['5']`, `o[1.5]` is `o['1.5']`, `o[-0]` is `o['0']`. */
function propertyName(v: number | boolean | Tracked): string {
  return String(v instanceof Tracked ? v.value : v);
}

const ids = new WeakMap<object, number>();
let nextId = 1;
function identity(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

export function dictGet(rt: Runtime, d: DictValue, key: Value, site: number): Value {
  const entry = d.entries.get(hashKey(rt, key, site));
  if (!entry) return fail('key', word(`KeyError: ${describeKey(key)} is not in the dict`, `the object has no property ${describeKey(key)} (JavaScript would read undefined)`), rt.sites[site]!);
  return entry.value;
}

export function dictSet(rt: Runtime, d: DictValue, key: Value, value: Value, site: number): void {
  // A JavaScript object's keys are strings: `p[3] = x` makes the property '3' (Object.keys says so).
  if (runningJavaScript() && isNumberKey(key)) key = propertyName(key);
  const k = hashKey(rt, key, site);
  const entry = d.entries.get(k);
  if (entry) entry.value = value;
  else {
    rt.allocate(48, site);
    d.entries.set(k, { key, value });
  }
}

export function makeDict(rt: Runtime, pairs: Iterable<readonly [Value, Value]>, site: number): DictValue {
  const d = new DictValue();
  for (const [k, v] of pairs) dictSet(rt, d, k, v, site);
  return d;
}

export function setAdd(rt: Runtime, s: SetValue, v: Value, site: number): void {
  const k = hashKey(rt, v, site);
  if (!s.members.has(k)) {
    rt.allocate(24, site);
    s.members.set(k, v);
  }
}

export function makeSet(rt: Runtime, items: Iterable<Value>, site: number): SetValue {
  const s = new SetValue();
  for (const v of items) setAdd(rt, s, v, site);
  return s;
}

/** `key in container`: dict keys, set members, list/tuple elements (==), substrings. */
export function contains(rt: Runtime, container: Value, key: Value, site: number, equal: (a: Value, b: Value) => boolean): boolean {
  if (container instanceof DictValue) return container.entries.has(hashKey(rt, key, site));
  if (container instanceof SetValue) return container.members.has(hashKey(rt, key, site));
  if (container instanceof DictViewValue) {
    if (container.kind === 'keys') return container.dict.entries.has(hashKey(rt, key, site));
    return container.list().some((x) => equal(x, key));
  }
  if (container instanceof SequenceValue) return container.items.some((x) => equal(x, key));
  if (typeof container === 'string') {
    if (typeof key !== 'string') fail('type', `'in <string>' needs a string on the left, got ${typeName(key)}`, rt.sites[site]!);
    return container.includes(key);
  }
  return fail('type', `${typeName(container)} does not support \`in\``, rt.sites[site]!);
}

function describeKey(key: Value): string {
  if (typeof key === 'string') return `'${key}'`;
  if (typeof key === 'number') return String(key);
  if (key instanceof Tracked) return String(key.value);
  return typeName(key);
}
