import { diagnostic, fail } from '../../core/diagnostic';
import type { IntrinsicName } from '../../ir/intrinsics';
import type { KeywordValue } from './calls';
import { callbackOf, foldPositions, mapPositions, visitPositions, type Callback } from './callbacks';
import { dictSet, makeSet } from './containers';
import { compare, truthy } from './operators';
import type { Runtime } from './runtime';
import type { ScalarKind } from './scalarKinds';
import { iterate } from './sequences';
import { withArgumentKinds } from '../array/dtypes';
import { GUESSED_INT_TEXT, kindedNumberText, pyRepr, pyStr } from './strings';
import { DictValue, InertValue, ModuleValue, None, NoneValue, SequenceValue, UnreadableValue, type Value } from './values';

type Impl = (rt: Runtime, args: Value[], keywords: readonly KeywordValue[], site: number) => Value;

/**
 * Builtins over containers, strings and callbacks (Python's). Callbacks are called as Python calls
 * them, through the loops JavaScript's array methods share (`callbacks.ts`).
 */

function keyword(keywords: readonly KeywordValue[], name: string): Value | undefined {
  return keywords.find((k) => k.name === name)?.value;
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
  const keyOf = key === undefined || key instanceof InertValue ? (v: Value) => v : ((c: Callback) => (v: Value) => c([v]))(callbackOf(rt, key, 'python', site, 'sorted(key=...)'));
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

/** A number's text as str/repr give it, its type from the source; a guessed int is said. */
export function numberText(rt: Runtime, v: number, kind: ScalarKind, site: number): string {
  const { text, guessed } = kindedNumberText(v, kind);
  if (guessed) rt.warn('unsupported', `${text} ${GUESSED_INT_TEXT}`, site);
  return text;
}

/** `str([x, 2])`: a whole number of a container printed as an int without the source saying it is one, said once. */
export function guessedInContainer(rt: Runtime, site: number): () => void {
  let said = false;
  return () => {
    if (!said) rt.warn('unsupported', `a whole number in this container is ${GUESSED_INT_TEXT}`, site);
    said = true;
  };
}

export const CONTAINER_BUILTINS: Partial<Record<IntrinsicName, Impl>> = {
  inert: () => InertValue.instance,
  // `self.dbn = scipy.stats.norm`: the module as a value, its functions its attributes (the front end lists them).
  namespace: (_rt, [name], keywords) => new ModuleValue(String(name), (attribute) => keywords.find((k) => k.name === attribute)?.value),
  // `gradient = grad(objective)` in a factory (autograd's black_box_svi) leaves objective usable: the
  // transformed function is refused only where it is called.
  transformed: (rt, _args, _kw, site) =>
    new UnreadableValue(diagnostic('error', 'unsupported', "a function made by autograd's or jax's grad (or another transformation) is not run by GradLens: GradLens differentiates the function itself, so give it the function, not its transformation", rt.sites[site]!)),
  nothing: () => None,
  ndarray: (rt, _args, _kw, site) => fail('type', 'np.ndarray(...) makes an uninitialised array; use np.zeros or np.empty', rt.sites[site]!),
  number_type: (rt, _args, _kw, site) => fail('type', 'numbers.Number is an abstract type, for isinstance: it makes no number', rt.sites[site]!),
  // `str(3.0)` is '3.0': a number the source makes a float (scalarKinds.ts) prints as one, though its value is whole.
  str: withArgumentKinds((rt, [v], _kw, site, kinds) => (v === undefined ? '' : typeof v === 'number' ? numberText(rt, v, kinds[0], site) : pyStr(v, guessedInContainer(rt, site)))),
  repr: withArgumentKinds((rt, [v], _kw, site, kinds) => (typeof v === 'number' ? numberText(rt, v, kinds[0], site) : pyRepr(v!, guessedInContainer(rt, site)))),
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
    const call = callbackOf(rt, f!, 'python', site, 'map()');
    const lists = iterables.map((it) => iterate(rt, it, site, 'map()'));
    return new SequenceValue(mapPositions(rt, Math.min(...lists.map((l) => l.length)), site, (i) => call(lists.map((l) => l[i]!))), false);
  },
  filter: (rt, [f, it], _kw, site) => {
    const items = iterate(rt, it!, site, 'filter()');
    const call = f instanceof InertValue || f instanceof NoneValue ? undefined : callbackOf(rt, f!, 'python', site, 'filter()');
    const out: Value[] = [];
    visitPositions(rt, items.length, false, site, (i) => void (truthy(call ? call([items[i]!]) : items[i]!) && out.push(items[i]!)));
    return new SequenceValue(out, false);
  },
  some: (rt, [v], _kw, site) => iterate(rt, v!, site, 'any()').some((x) => truthy(x, rt, site)),
  every: (rt, [v], _kw, site) => iterate(rt, v!, site, 'all()').every((x) => truthy(x, rt, site)),
  reduce: (rt, [f, it, initial], _kw, site) => {
    const call = callbackOf(rt, f!, 'python', site, 'reduce()');
    const items = iterate(rt, it!, site, 'reduce()');
    return foldPositions(rt, items, initial, false, site, 'reduce() of an empty sequence with no initial value', (acc, v) => call([acc, v]));
  },
};
