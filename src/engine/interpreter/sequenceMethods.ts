import { fail } from '../../core/diagnostic';
import type { KeywordValue } from './calls';
import { callbackOf, foldPositions, mapPositions, visitPositions } from './callbacks';
import { jsTruthy } from './operators';
import type { Runtime } from './runtime';
import { integerIndex, iterate, relativePosition } from './sequences';
import { OwnGenerator } from './randomGenerators';
import { DictValue, None, NoneValue, SequenceValue, Tracked, TypedArrayValue, typeName, aTypedArray, type Value } from './values';
import { sameKind, storeElement } from './typedArrays';
import { jsString } from './strings';
import { withOwnMethods } from './ownMethods';

/**
 * Operations on sequences that take callbacks, and the other JavaScript array methods, by meaning
 * (`seq_map`, `seq_reduce`, …; see `ir/intrinsics.ts`). Callbacks are the interpreter's own functions
 * and lambdas, so a derivative flows through `xs.reduce((s, v) => s + v * v, 0)` as through a loop.
 * Comparisons (`indexOf`, `includes`, `sort`'s comparator) read primal values: they choose, they are
 * not differentiated.
 */

type Impl = (rt: Runtime, args: Value[], keywords: readonly KeywordValue[], site: number) => Value;

/** The list a method is called on; a string also for the methods strings share (`slice`, `includes`, …). */
function listOf(rt: Runtime, v: Value, site: number, method: string): SequenceValue {
  if (v instanceof SequenceValue) return v;
  return fail('type', `.${method}() needs an array, got ${typeName(v)}`, rt.sites[site]!);
}

/** Calls a callback as JavaScript does (callbacks.ts): extra arguments beyond its parameters are dropped. */
function callBack(rt: Runtime, fn: Value, args: Value[], site: number, method: string): Value {
  return callbackOf(rt, fn, 'javascript', site, `.${method}()`)(args);
}

export function primalNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof Tracked) return v.value;
  return undefined;
}

/** JavaScript's `===` on the values GradLens carries (numbers by primal value, NaN unequal to itself). */
function strictEquals(a: Value, b: Value): boolean {
  const x = primalNumber(a);
  const y = primalNumber(b);
  if (x !== undefined || y !== undefined) return x === y;
  return a === b;
}



/** Visits elements in order, with (element, index), stopping when `visit` returns true. */
function each(rt: Runtime, list: SequenceValue, site: number, visit: (v: Value, i: number) => boolean | void): void {
  const items = list.items;
  visitPositions(rt, items.length, false, site, (i) => i < items.length && visit(items[i]!, i));
}

function finder(method: string, fromEnd: boolean, result: 'element' | 'index'): Impl {
  return (rt, [xs, fn], _kw, site) => {
    const list = listOf(rt, xs!, site, method);
    const call = callbackOf(rt, fn!, 'javascript', site, `.${method}()`);
    let found: Value = result === 'element' ? None : -1;
    visitPositions(rt, list.items.length, fromEnd, site, (i) => {
      const v = list.items[i]!;
      if (!jsTruthy(call([v, i, list]))) return false;
      found = result === 'element' ? v : i;
      return true;
    });
    return found;
  };
}

function reducer(method: string, fromEnd: boolean): Impl {
  return (rt, args, _kw, site) => {
    const list = listOf(rt, args[0]!, site, method);
    const call = callbackOf(rt, args[1]!, 'javascript', site, `.${method}()`);
    return foldPositions(rt, list.items, args.length === 3 ? args[2]! : undefined, fromEnd, site, `.${method}() of an empty array with no initial value`, (acc, v, i) => call([acc, v, i, list]));
  };
}

/** n undefined slots (`Array(n)`). */
function emptyList(rt: Runtime, n: Value, site: number): SequenceValue {
  const length = integerIndex(rt, n, site, 'an array length');
  if (length < 0) fail('index', `invalid array length ${length}`, rt.sites[site]!);
  rt.allocate(8 * length, site);
  return new SequenceValue(Array<Value>(length).fill(None), false);
}

/** A typed array's default sort: by number, NaN last. */
function numericOrder(a: Value, b: Value): number {
  const x = primalNumber(a)!;
  const y = primalNumber(b)!;
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
  if (Number.isNaN(y)) return -1;
  return x - y;
}

/** Methods a typed array does not have (it has a fixed length and no `concat`/`flatMap`). */
function notOnTypedArray(rt: Runtime, list: SequenceValue, method: string, site: number): void {
  if (list instanceof TypedArrayValue) fail('type', `${aTypedArray(list.element)} has no .${method}()`, rt.sites[site]!);
}

const SEQUENCE_METHODS = {
  seq_map: (rt, [xs, fn], _kw, site) => {
    const list = listOf(rt, xs!, site, 'map');
    const call = callbackOf(rt, fn!, 'javascript', site, '.map()');
    return sameKind(rt, list, mapPositions(rt, list.items.length, site, (i) => call([list.items[i] ?? None, i, list])), site, true);
  },
  seq_flat_map: (rt, [xs, fn], _kw, site) => {
    const list = listOf(rt, xs!, site, 'flatMap');
    notOnTypedArray(rt, list, 'flatMap', site);
    const out: Value[] = [];
    each(rt, list, site, (v, i) => {
      const r = callBack(rt, fn!, [v, i, list], site, 'flatMap');
      if (r instanceof SequenceValue) out.push(...r.items);
      else out.push(r);
    });
    rt.allocate(8 * out.length, site);
    return new SequenceValue(out, false);
  },
  seq_filter: (rt, [xs, fn], _kw, site) => {
    const list = listOf(rt, xs!, site, 'filter');
    const out: Value[] = [];
    each(rt, list, site, (v, i) => void (jsTruthy(callBack(rt, fn!, [v, i, list], site, 'filter')) && out.push(v)));
    rt.allocate(8 * out.length, site);
    return sameKind(rt, list, out, site, false);
  },
  seq_for_each: (rt, [xs, fn], _kw, site) => {
    const list = listOf(rt, xs!, site, 'forEach');
    each(rt, list, site, (v, i) => void callBack(rt, fn!, [v, i, list], site, 'forEach'));
    return None;
  },
  seq_some: (rt, [xs, fn], _kw, site) => {
    const list = listOf(rt, xs!, site, 'some');
    let found = false;
    each(rt, list, site, (v, i) => (found = jsTruthy(callBack(rt, fn!, [v, i, list], site, 'some'))));
    return found;
  },
  seq_every: (rt, [xs, fn], _kw, site) => {
    const list = listOf(rt, xs!, site, 'every');
    let all = true;
    each(rt, list, site, (v, i) => !(all = jsTruthy(callBack(rt, fn!, [v, i, list], site, 'every'))));
    return all;
  },
  seq_find: finder('find', false, 'element'),
  seq_find_index: finder('findIndex', false, 'index'),
  seq_find_last: finder('findLast', true, 'element'),
  seq_find_last_index: finder('findLastIndex', true, 'index'),
  seq_reduce: reducer('reduce', false),
  seq_reduce_right: reducer('reduceRight', true),
  seq_fill: (rt, [xs, value, start, end], _kw, site) => {
    const list = listOf(rt, xs!, site, 'fill');
    const n = list.items.length;
    const to = relativePosition(rt, end, n, n, site);
    const stored = list instanceof TypedArrayValue ? storeElement(rt, list.element, value!, site) : value!;
    for (let i = relativePosition(rt, start, n, 0, site); i < to; i++) list.items[i] = stored;
    return list;
  },
  seq_slice: (rt, [xs, start, end], _kw, site) => {
    if (typeof xs === 'string') return xs.slice(relativePosition(rt, start, xs.length, 0, site), relativePosition(rt, end, xs.length, xs.length, site));
    const list = listOf(rt, xs!, site, 'slice');
    const n = list.items.length;
    const out = list.items.slice(relativePosition(rt, start, n, 0, site), relativePosition(rt, end, n, n, site));
    rt.allocate(8 * out.length, site);
    return sameKind(rt, list, out, site, false);
  },
  seq_concat: (rt, [xs, ...more], _kw, site) => {
    if (typeof xs === 'string') return [xs, ...more].map(jsString).join('');
    const first = listOf(rt, xs!, site, 'concat');
    notOnTypedArray(rt, first, 'concat', site);
    const out = [...first.items];
    for (const m of more) {
      if (m instanceof SequenceValue) out.push(...m.items);
      else out.push(m);
    }
    rt.allocate(8 * out.length, site);
    return new SequenceValue(out, false);
  },
  seq_index_of: (rt, [xs, v, from], _kw, site) => {
    if (typeof xs === 'string') return xs.indexOf(jsString(v!), from === undefined ? 0 : integerIndex(rt, from, site, 'a position'));
    const list = listOf(rt, xs!, site, 'indexOf');
    for (let i = relativePosition(rt, from, list.items.length, 0, site); i < list.items.length; i++) if (strictEquals(list.items[i]!, v!)) return i;
    return -1;
  },
  seq_last_index_of: (rt, [xs, v], _kw, site) => {
    if (typeof xs === 'string') return xs.lastIndexOf(jsString(v!));
    const list = listOf(rt, xs!, site, 'lastIndexOf');
    for (let i = list.items.length - 1; i >= 0; i--) if (strictEquals(list.items[i]!, v!)) return i;
    return -1;
  },
  seq_includes: (rt, [xs, v, from], _kw, site) => {
    if (typeof xs === 'string') return xs.includes(jsString(v!), from === undefined ? 0 : integerIndex(rt, from, site, 'a position'));
    const list = listOf(rt, xs!, site, 'includes');
    const x = primalNumber(v!);
    const isNaNValue = x !== undefined && Number.isNaN(x);
    for (let i = relativePosition(rt, from, list.items.length, 0, site); i < list.items.length; i++) {
      const item = list.items[i]!;
      if (strictEquals(item, v!)) return true;
      if (isNaNValue && Number.isNaN(primalNumber(item) ?? 0)) return true;
    }
    return false;
  },
  seq_reverse: (rt, [xs], _kw, site) => {
    const list = listOf(rt, xs!, site, 'reverse');
    list.items.reverse();
    return list;
  },
  seq_sort: (rt, [xs, fn], _kw, site) => {
    const list = listOf(rt, xs!, site, 'sort');
    // JavaScript's default order compares strings (`[10, 9, 1].sort()` is [1, 10, 9]), a typed
    // array's numbers (NaN last); undefined goes last.
    const order = (fn === undefined || fn instanceof NoneValue) && list instanceof TypedArrayValue
      ? numericOrder
      : fn === undefined || fn instanceof NoneValue
      ? (a: Value, b: Value): number => {
          const x = jsString(a);
          const y = jsString(b);
          return x < y ? -1 : x > y ? 1 : 0;
        }
      : (a: Value, b: Value): number => {
          rt.step(site, 'the sort comparator');
          const r = primalNumber(callBack(rt, fn, [a, b], site, 'sort'));
          if (r === undefined) fail('type', '.sort()’s comparator must return a number', rt.sites[site]!);
          return Number.isNaN(r) ? 0 : r;
        };
    const defined = list.items.filter((v) => !(v instanceof NoneValue));
    const holes = list.items.length - defined.length;
    defined.sort(order);
    list.items.splice(0, list.items.length, ...defined, ...Array<Value>(holes).fill(None));
    return list;
  },
  seq_at: (rt, [xs, index], _kw, site) => {
    const items = typeof xs === 'string' ? [...xs] : listOf(rt, xs!, site, 'at').items;
    // JavaScript's ToIntegerOrInfinity: truncated, NaN and undefined are 0.
    const given = index === undefined || index instanceof NoneValue ? 0 : primalNumber(index);
    if (given === undefined) return fail('type', `.at() needs a number, got ${typeName(index!)}`, rt.sites[site]!);
    const i = Number.isNaN(given) ? 0 : Math.trunc(given);
    const k = i < 0 ? items.length + i : i;
    return k >= 0 && k < items.length ? items[k]! : None;
  },
  seq_join: (rt, [xs, separator], _kw, site) => {
    const list = listOf(rt, xs!, site, 'join');
    const sep = separator === undefined || separator instanceof NoneValue ? ',' : jsString(separator);
    return list.items.map((v) => (v instanceof NoneValue ? '' : jsString(v))).join(sep);
  },
  seq_entries: (rt, [xs], _kw, site) => {
    const items = iterate(rt, xs!, site, '.entries()');
    rt.allocate(24 * items.length, site);
    return new SequenceValue(items.map((v, i) => new SequenceValue([i, v], false)), false);
  },
  seq_keys: (rt, [xs], _kw, site) => {
    const items = iterate(rt, xs!, site, '.keys()');
    rt.allocate(8 * items.length, site);
    return new SequenceValue(items.map((_, i) => i), false);
  },
  for_in_keys: (rt, [xs], _kw, site) => {
    // An object's (a dict's) own keys; an array's indices as strings.
    const items = iterate(rt, xs!, site, 'for … in');
    rt.allocate(16 * items.length, site);
    // An array's own properties (`rgb._clipped`) follow its indices, as JavaScript lists them.
    return new SequenceValue(xs instanceof DictValue ? items : [...items.map((_, i) => String(i)), ...(xs instanceof SequenceValue ? (xs.properties?.keys() ?? []) : [])], false);
  },
  seq_empty: (rt, [n], _kw, site) => emptyList(rt, n!, site),
  seq_from_length: (rt, [n, fn], _kw, site) => {
    const list = emptyList(rt, n!, site);
    for (let i = 0; fn !== undefined && i < list.items.length; i++) {
      rt.step(site, 'Array.from');
      list.items[i] = callBack(rt, fn, [None, i], site, 'Array.from');
    }
    return list;
  },
  seq_from: (rt, [xs, fn], _kw, site) => {
    const items = typeof xs === 'string' ? [...xs] : iterate(rt, xs!, site, 'Array.from');
    rt.allocate(8 * items.length, site);
    const out: Value[] = [];
    items.forEach((v, i) => {
      rt.step(site, 'Array.from');
      out.push(fn === undefined ? v : callBack(rt, fn, [v, i], site, 'Array.from'));
    });
    return new SequenceValue(out, false);
  },
  is_list: (_rt, [v]) => v instanceof SequenceValue && !v.isTuple && !(v instanceof TypedArrayValue),
  random_scalar: (rt, _args, _kw, site) => {
    // Math.random has no seed: the value shown is one draw of GradLens's own seeded generator, said where drawn.
    rt.warn('random-stream', "Math.random() draws from GradLens's own seeded generator (seed 0): a run in JavaScript draws other numbers, and every number computed from them differs", site);
    return (rt.random ??= new OwnGenerator(0)).next();
  },
} satisfies Record<string, Impl>;

/** The JavaScript method each intrinsic is: a user's object with a method of that name has its own called (ownMethods.ts). */
const METHOD_NAMES: Partial<Record<keyof typeof SEQUENCE_METHODS, string>> = {
  seq_map: 'map', seq_flat_map: 'flatMap', seq_filter: 'filter', seq_for_each: 'forEach', seq_some: 'some', seq_every: 'every',
  seq_find: 'find', seq_find_index: 'findIndex', seq_find_last: 'findLast', seq_find_last_index: 'findLastIndex',
  seq_reduce: 'reduce', seq_reduce_right: 'reduceRight', seq_fill: 'fill', seq_slice: 'slice', seq_concat: 'concat',
  seq_index_of: 'indexOf', seq_last_index_of: 'lastIndexOf', seq_includes: 'includes', seq_reverse: 'reverse', seq_sort: 'sort',
  seq_at: 'at', seq_join: 'join', seq_entries: 'entries', seq_keys: 'keys',
};

export const SEQUENCE_IMPLEMENTATIONS = withOwnMethods(SEQUENCE_METHODS, METHOD_NAMES);

