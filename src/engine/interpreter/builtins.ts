import { fail } from '../../core/diagnostic';
import type { IntrinsicName } from '../../ir/intrinsics';
import { ArrayValue } from '../array/ndarray';
import { callValue, type KeywordValue } from './calls';
import { dictSet, makeSet } from './containers';
import { compare, truthy } from './operators';
import type { Runtime } from './runtime';
import { iterate } from './sequences';
import { pyRepr, pyStr } from './strings';
import { BoundMethod, DictValue, ErrorTypeValue, ErrorValue, FunctionValue, InertValue, IntrinsicValue, None, SequenceValue, SetValue, Tracked, typeName, type Value } from './values';
import { isSubtype } from './exceptions';

type Impl = (rt: Runtime, args: Value[], keywords: readonly KeywordValue[], site: number) => Value;

/**
 * Builtins over containers, strings and callbacks (Python's; JavaScript's array methods map onto
 * `map`/`filter`/`reduce`/`sorted`). A callback is any callable value, called through the
 * interpreter, so its steps count against the budget like any other call.
 */

function keyword(keywords: readonly KeywordValue[], name: string): Value | undefined {
  return keywords.find((k) => k.name === name)?.value;
}

function callback(rt: Runtime, f: Value, site: number, what: string): (...args: Value[]) => Value {
  if (!(f instanceof FunctionValue || f instanceof IntrinsicValue || f instanceof BoundMethod)) {
    return fail('type', `${what} needs a function, got ${typeName(f)}`, rt.sites[site]!);
  }
  return (...args) => callValue(rt, f, args, [], site);
}

/** Python's sort order over primal values: numbers with numbers, strings with strings, tuples element by element. */
function lessThan(rt: Runtime, a: Value, b: Value, site: number): boolean {
  if (a instanceof SequenceValue && b instanceof SequenceValue) {
    for (let i = 0; i < Math.min(a.items.length, b.items.length); i++) {
      if (lessThan(rt, a.items[i]!, b.items[i]!, site)) return true;
      if (lessThan(rt, b.items[i]!, a.items[i]!, site)) return false;
    }
    return a.items.length < b.items.length;
  }
  return compare(rt, '<', a, b, site) === true;
}

export function sortValues(rt: Runtime, items: readonly Value[], key: Value | undefined, reverse: boolean, site: number): Value[] {
  const keyOf = key === undefined || key instanceof InertValue ? (v: Value) => v : callback(rt, key, site, 'sorted(key=...)');
  const keyed = items.map((v, i) => ({ v, k: keyOf(v), i }));
  rt.allocate(24 * keyed.length, site);
  // Stable, like Python's; reverse keeps equal elements in their order too.
  keyed.sort((x, y) => {
    const before = reverse ? lessThan(rt, y.k, x.k, site) : lessThan(rt, x.k, y.k, site);
    const after = reverse ? lessThan(rt, x.k, y.k, site) : lessThan(rt, y.k, x.k, site);
    return before ? -1 : after ? 1 : x.i - y.i;
  });
  return keyed.map((x) => x.v);
}

export const CONTAINER_BUILTINS: Partial<Record<IntrinsicName, Impl>> = {
  inert: () => InertValue.instance,
  nothing: () => None,
  ndarray: (rt, _args, _kw, site) => fail('type', 'np.ndarray(...) makes an uninitialised array; use np.zeros or np.empty', rt.sites[site]!),
  str: (_rt, [v]) => (v === undefined ? '' : pyStr(v)),
  repr: (_rt, [v]) => pyRepr(v!),
  dict: (rt, args, keywords, site) => {
    const d = new DictValue();
    if (args[0] !== undefined) {
      if (args[0] instanceof DictValue) for (const e of args[0].entries.values()) dictSet(rt, d, e.key, e.value, site);
      else {
        for (const pair of iterate(rt, args[0], site, 'dict()')) {
          if (!(pair instanceof SequenceValue) || pair.items.length !== 2) return fail('type', 'dict() needs pairs (key, value)', rt.sites[site]!);
          dictSet(rt, d, pair.items[0]!, pair.items[1]!, site);
        }
      }
    }
    for (const k of keywords) dictSet(rt, d, k.name, k.value, site);
    return d;
  },
  set: (rt, [v], _kw, site) => makeSet(rt, v === undefined ? [] : iterate(rt, v, site, 'set()'), site),
  sorted: (rt, [v], keywords, site) => {
    const reverse = keyword(keywords, 'reverse');
    return new SequenceValue(sortValues(rt, iterate(rt, v!, site, 'sorted()'), keyword(keywords, 'key'), reverse !== undefined && truthy(reverse), site), false);
  },
  map: (rt, [f, ...iterables], _kw, site) => {
    const call = callback(rt, f!, site, 'map()');
    const lists = iterables.map((it) => iterate(rt, it, site, 'map()'));
    const n = Math.min(...lists.map((l) => l.length));
    rt.allocate(8 * n, site);
    return new SequenceValue(Array.from({ length: n }, (_, i) => call(...lists.map((l) => l[i]!))), false);
  },
  filter: (rt, [f, it], _kw, site) => {
    const items = iterate(rt, it!, site, 'filter()');
    const keep = f instanceof InertValue || (f !== undefined && typeName(f) === 'None') ? (v: Value) => truthy(v) : ((c) => (v: Value) => truthy(c(v)))(callback(rt, f!, site, 'filter()'));
    return new SequenceValue(items.filter((v) => keep(v)), false);
  },
  some: (rt, [v], _kw, site) => iterate(rt, v!, site, 'any()').some((x) => truthy(x, rt, site)),
  every: (rt, [v], _kw, site) => iterate(rt, v!, site, 'all()').every((x) => truthy(x, rt, site)),
  reduce: (rt, [f, it, initial], _kw, site) => {
    const call = callback(rt, f!, site, 'reduce()');
    const items = iterate(rt, it!, site, 'reduce()');
    if (items.length === 0 && initial === undefined) return fail('type', 'reduce() of an empty sequence with no initial value', rt.sites[site]!);
    let acc = initial ?? items[0]!;
    for (let i = initial === undefined ? 1 : 0; i < items.length; i++) acc = call(acc, items[i]!);
    return acc;
  },
};
