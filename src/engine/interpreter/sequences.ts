import { fail } from '../../core/diagnostic';
import { toArray } from '../array/construct';
import { getIndex, setIndex } from '../array/indexing';
import { concatenateIndexed } from '../array/concatenators';
import { ArrayValue } from '../array/ndarray';
import type { Runtime } from './runtime';
import { asScalar } from './operators';
import { dictGet, dictSet } from './containers';
import { DictValue, DictViewValue, InstanceValue, IntrinsicValue, IteratorValue, NoneValue, RangeValue, SequenceValue, SetValue, SliceValue, TypedArrayValue, typeName, word, type Value } from './values';
import { storeElement } from './typedArrays';
import { instanceIterable } from './objects';

/** The elements a `for` loop or a builtin such as `sum` walks over (an array: along its first axis). */
export function iterate(rt: Runtime, v: Value, site: number, what: string): Value[] {
  if (v instanceof SequenceValue) return v.items;
  if (v instanceof DictValue) return [...v.entries.values()].map((e) => e.key);
  if (v instanceof SetValue) return [...v.members.values()];
  if (v instanceof DictViewValue) {
    rt.allocate(24 * v.dict.entries.size, site);
    return v.list();
  }
  if (typeof v === 'string') {
    rt.allocate(16 * v.length, site);
    return [...v];
  }
  if (v instanceof ArrayValue) {
    if (v.ndim === 0) fail('type', `${what}: iteration over a 0-d array`, rt.sites[site]!);
    const n = v.shape[0]!;
    const items: Value[] = new Array(n);
    for (let i = 0; i < n; i++) items[i] = getIndex(rt, v, i, site);
    return items;
  }
  if (v instanceof IteratorValue) {
    // What is left of it, and nothing the next time: an iterator is walked once.
    const rest = v.items.slice(v.position);
    v.position = v.items.length;
    return rest;
  }
  if (v instanceof RangeValue) {
    const n = v.length;
    rt.allocate(8 * n, site);
    const items: Value[] = new Array(n);
    for (let i = 0; i < n; i++) items[i] = v.at(i);
    return items;
  }
  // An instance whose class defines `__iter__` (a `yield` in it makes a generator): what that returns.
  const iterable = v instanceof InstanceValue ? instanceIterable(rt, v, site) : undefined;
  // One returning an object (itself, with a `__next__`) is an iterator protocol GradLens does not run.
  if (iterable instanceof InstanceValue) fail('unsupported', `${what}: ${typeName(v)}'s __iter__ returns ${typeName(iterable)}; GradLens walks what __iter__ returns when it is a generator (a yield in __iter__), a list, a tuple or iter(…) of one, not an object with __next__`, rt.sites[site]!);
  if (iterable !== undefined) return iterate(rt, iterable, site, what);
  return fail('type', `${what} needs ${word('a list, a tuple or a range', 'an array')}, got ${typeName(v)}`, rt.sites[site]!);
}

/** An index as an integer, read from the primal value (indices never carry derivatives). */
export function integerIndex(rt: Runtime, v: Value, site: number, what: string): number {
  // A key of `for … in` over an array ("0", "1", …) names the same element as the number does.
  if (typeof v === 'string' && /^(0|[1-9]\d*)$/.test(v)) return Number(v);
  const s = asScalar(v);
  const n = s === undefined ? NaN : typeof s === 'number' ? s : s.value;
  if (!Number.isInteger(n)) fail('type', `${what} must be an integer, got ${s === undefined ? typeName(v) : String(n)}`, rt.sites[site]!);
  return n;
}

/** A relative position (`slice`, `fill`, `subarray`): negative counts from the end, clamped to [0, n]; undefined is `dflt`. */
export function relativePosition(rt: Runtime, v: Value | undefined, n: number, dflt: number, site: number): number {
  if (v === undefined || v instanceof NoneValue) return dflt;
  const i = integerIndex(rt, v, site, 'a position');
  return i < 0 ? Math.max(0, n + i) : Math.min(i, n);
}

/** `kind` is a value whose type names the container; the message is built only on failure. */
function normalizeIndex(rt: Runtime, i: number, length: number, container: Value, site: number): number {
  const j = i < 0 ? i + length : i;
  if (j < 0 || j >= length) fail('index', `index ${i} is out of range for ${typeName(container)} of length ${length}`, rt.sites[site]!);
  return j;
}

export function getItem(rt: Runtime, object: Value, index: Value, site: number): Value {
  if (object instanceof ArrayValue) return getIndex(rt, object, index, site);
  if (object instanceof DictValue) return dictGet(rt, object, index, site);
  if (typeof object === 'string') {
    const chars = [...object];
    if (index instanceof SliceValue) return (sliceItems(rt, new SequenceValue(chars, true), index.lower, index.upper, index.step, site) as SequenceValue).items.join('');
    const i = integerIndex(rt, index, site, 'a string index');
    return chars[normalizeIndex(rt, i, chars.length, object, site)]!;
  }
  // np.r_[0:n] (one slice, no tuple) is arange's, not a slice of np.r_
  if (object instanceof IntrinsicValue && (object.name === 'r_' || object.name === 'c_')) return concatenateIndexed(rt, object.name, index, site);
  if (index instanceof SliceValue) return sliceItems(rt, object, index.lower, index.upper, index.step, site);
  if (object instanceof SequenceValue) {
    if (index instanceof SequenceValue && index.isTuple) {
      return fail('type', `${typeName(object)} takes one index; for a nested list write A[i][j] (A[i, j] needs a numpy array)`, rt.sites[site]!);
    }
    const i = integerIndex(rt, index, site, 'a list index');
    return object.items[normalizeIndex(rt, i, object.items.length, object, site)]!;
  }
  if (object instanceof RangeValue) {
    const i = integerIndex(rt, index, site, 'a range index');
    return object.at(normalizeIndex(rt, i, object.length, object, site));
  }
  return fail('type', `${typeName(object)} cannot be indexed`, rt.sites[site]!);
}

export function setItem(rt: Runtime, object: Value, index: Value, value: Value, site: number): void {
  if (object instanceof DictValue) return dictSet(rt, object, index, value, site);
  if (object instanceof ArrayValue) {
    const v = asScalar(value) ?? toArray(rt, value, site, 'assignment into an array');
    return setIndex(rt, object, index, v, site);
  }
  if (!(object instanceof SequenceValue) || object.isTuple) {
    fail('type', `${typeName(object)} cannot be assigned to by index${object instanceof SequenceValue ? ' (tuples are immutable)' : ''}`, rt.sites[site]!);
  }
  const i = integerIndex(rt, index, site, 'a list index');
  const stored = object instanceof TypedArrayValue ? storeElement(rt, object.element, value, site) : value;
  object.items[normalizeIndex(rt, i, object.items.length, object, site)] = stored;
}

/** Python slice semantics: `x[a:b:c]` with negative and missing bounds. */
export function sliceItems(rt: Runtime, object: Value, lower: Value | undefined, upper: Value | undefined, step: Value | undefined, site: number): Value {
  const items = object instanceof SequenceValue ? object.items : object instanceof RangeValue ? iterate(rt, object, site, 'slicing') : undefined;
  if (!items) return fail('type', `${typeName(object)} cannot be sliced`, rt.sites[site]!);
  const n = items.length;
  const c = step === undefined ? 1 : integerIndex(rt, step, site, 'a slice step');
  if (c === 0) fail('index', 'a slice step cannot be zero', rt.sites[site]!);
  const clamp = (v: Value | undefined, dflt: number): number => {
    if (v === undefined) return dflt;
    let i = integerIndex(rt, v, site, 'a slice bound');
    if (i < 0) i += n;
    return c > 0 ? Math.min(Math.max(i, 0), n) : Math.min(Math.max(i, -1), n - 1);
  };
  const start = clamp(lower, c > 0 ? 0 : n - 1);
  const stop = clamp(upper, c > 0 ? n : -1);
  const out: Value[] = [];
  for (let i = start; c > 0 ? i < stop : i > stop; i += c) out.push(items[i]!);
  return new SequenceValue(out, object instanceof SequenceValue && object.isTuple);
}
