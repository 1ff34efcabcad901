import { fail } from '../../core/diagnostic';
import { sortValues } from './builtins';
import type { KeywordValue } from './calls';
import { dictGet, dictSet, hashKey, makeSet, setAdd } from './containers';
import { structurallyEqual, truthy } from './operators';
import type { Runtime } from './runtime';
import { integerIndex, iterate } from './sequences';
import { copiedValue } from './methods';
import { callStringMethod, STRING_METHODS } from './strings';
import { BoundMethod, DictValue, DictViewValue, None, runningJavaScript, SequenceValue, SetValue, typeName, type Value } from './values';

/** Methods on dicts, sets, strings and the list methods beyond building a list, as Python defines them. */
const DICT_METHODS: ReadonlySet<string> = new Set(['get', 'items', 'keys', 'values', 'update', 'pop', 'setdefault', 'copy', 'clear']);
const SET_METHODS: ReadonlySet<string> = new Set(['add', 'update', 'discard', 'remove', 'copy', 'union', 'intersection', 'difference', 'issubset']);
const LIST_METHODS: ReadonlySet<string> = new Set(['index', 'count', 'sort', 'reverse', 'remove', 'clear']);

/** The bound method, if `name` is a container method of `object`. */
export function containerMethod(object: Value, name: string): BoundMethod | undefined {
  if (object instanceof DictValue && DICT_METHODS.has(name)) return new BoundMethod(object, name);
  if (object instanceof SetValue && SET_METHODS.has(name)) return new BoundMethod(object, name);
  if (typeof object === 'string' && STRING_METHODS.has(name)) return new BoundMethod(object, name);
  if (object instanceof SequenceValue && !object.isTuple && LIST_METHODS.has(name)) return new BoundMethod(object, name);
  if (object instanceof SequenceValue && object.isTuple && (name === 'index' || name === 'count')) return new BoundMethod(object, name);
  return undefined;
}

export function callContainerMethod(rt: Runtime, method: BoundMethod, args: Value[], keywords: readonly KeywordValue[], site: number): Value | undefined {
  const receiver = method.receiver;
  if (typeof receiver === 'string') {
    const named = new Map(keywords.map((k) => [k.name, k.value]));
    return callStringMethod(rt, method, args, named, site, (v) => iterate(rt, v, site, `str.${method.name}()`));
  }
  if (receiver instanceof DictValue) return dictMethod(rt, receiver, method.name, args, keywords, site);
  if (receiver instanceof SetValue) return setMethod(rt, receiver, method.name, args, site);
  if (receiver instanceof SequenceValue && (LIST_METHODS.has(method.name) || receiver.isTuple)) return listMethod(rt, receiver, method.name, args, keywords, site);
  return undefined;
}

function dictMethod(rt: Runtime, d: DictValue, name: string, args: Value[], keywords: readonly KeywordValue[], site: number): Value {
  const entries = (): { key: Value; value: Value }[] => [...d.entries.values()];
  // Python's are views; JavaScript's Object.keys/values/entries lists, made below.
  if ((name === 'items' || name === 'keys' || name === 'values') && !runningJavaScript()) return new DictViewValue(d, name);
  switch (name) {
    case 'get': {
      const entry = d.entries.get(hashKey(rt, args[0]!, site));
      return entry ? entry.value : (args[1] ?? None);
    }
    case 'items':
      rt.allocate(24 * d.entries.size, site);
      return new SequenceValue(entries().map((e) => new SequenceValue([e.key, copiedValue(rt, d, e.value, site)], true)), false);
    case 'keys':
      return new SequenceValue(entries().map((e) => e.key), false);
    case 'values':
      return new SequenceValue(entries().map((e) => copiedValue(rt, d, e.value, site)), false);
    case 'update': {
      const other = args[0];
      if (other instanceof DictValue) for (const e of other.entries.values()) dictSet(rt, d, e.key, e.value, site);
      else if (other !== undefined) {
        for (const pair of iterate(rt, other, site, '.update()')) {
          if (!(pair instanceof SequenceValue) || pair.items.length !== 2) return fail('type', '.update() needs a dict or (key, value) pairs', rt.sites[site]!);
          dictSet(rt, d, pair.items[0]!, pair.items[1]!, site);
        }
      }
      for (const k of keywords) dictSet(rt, d, k.name, k.value, site);
      return None;
    }
    case 'pop': {
      const key = hashKey(rt, args[0]!, site);
      const entry = d.entries.get(key);
      if (!entry) return args[1] ?? dictGet(rt, d, args[0]!, site);
      d.entries.delete(key);
      return entry.value;
    }
    case 'setdefault': {
      const entry = d.entries.get(hashKey(rt, args[0]!, site));
      if (entry) return entry.value;
      dictSet(rt, d, args[0]!, args[1] ?? None, site);
      return args[1] ?? None;
    }
    case 'copy': {
      const copy = new DictValue();
      for (const e of d.entries.values()) dictSet(rt, copy, e.key, e.value, site);
      return copy;
    }
    default:
      d.entries.clear();
      return None;
  }
}

function setMethod(rt: Runtime, s: SetValue, name: string, args: Value[], site: number): Value {
  const other = (): Value[] => iterate(rt, args[0]!, site, `set.${name}()`);
  switch (name) {
    case 'add':
      setAdd(rt, s, args[0]!, site);
      return None;
    case 'update':
      for (const v of other()) setAdd(rt, s, v, site);
      return None;
    case 'discard':
    case 'remove': {
      const key = hashKey(rt, args[0]!, site);
      if (!s.members.delete(key) && name === 'remove') fail('key', `KeyError: ${typeName(args[0]!)} is not in the set`, rt.sites[site]!);
      return None;
    }
    case 'copy':
      return makeSet(rt, s.members.values(), site);
    case 'union':
      return makeSet(rt, [...s.members.values(), ...other()], site);
    case 'intersection': {
      const keep = makeSet(rt, other(), site);
      return makeSet(rt, [...s.members.entries()].filter(([k]) => keep.members.has(k)).map(([, v]) => v), site);
    }
    case 'difference': {
      const drop = makeSet(rt, other(), site);
      return makeSet(rt, [...s.members.entries()].filter(([k]) => !drop.members.has(k)).map(([, v]) => v), site);
    }
    default: {
      const within = makeSet(rt, other(), site);
      return [...s.members.keys()].every((k) => within.members.has(k));
    }
  }
}

/** How many positional arguments each list method takes in Python (index: x, start, stop). */
const LIST_ARITY: Readonly<Record<string, readonly [number, number]>> = { index: [1, 3], count: [1, 1], sort: [0, 0], reverse: [0, 0], remove: [1, 1], clear: [0, 0] };

function listMethod(rt: Runtime, list: SequenceValue, name: string, args: Value[], keywords: readonly KeywordValue[], site: number): Value {
  // Python's own errors: only sort takes keywords (key, reverse); a start/stop of index is honoured
  const what = `${list.isTuple ? 'tuple' : 'list'}.${name}()`;
  const bad = keywords.find((k) => name !== 'sort' || (k.name !== 'key' && k.name !== 'reverse'));
  if (bad) fail('arity', name === 'sort' ? `TypeError: ${what} got an unexpected keyword argument '${bad.name}'` : `TypeError: ${what} takes no keyword arguments`, rt.sites[site]!);
  const [least, most] = LIST_ARITY[name] ?? [0, Infinity];
  if (args.length < least || args.length > most) fail('arity', `TypeError: ${what} takes ${least === most ? least : `${least} to ${most}`} positional argument${most === 1 ? '' : 's'}, got ${args.length}`, rt.sites[site]!);
  const bound = (k: number, fallback: number): number => {
    if (args[k] === undefined) return fallback;
    const v = integerIndex(rt, args[k]!, site, what);
    return v < 0 ? Math.max(0, v + list.items.length) : Math.min(v, list.items.length);
  };
  const position = (): number => {
    const [from, to] = [bound(1, 0), bound(2, list.items.length)];
    for (let i = from; i < to; i++) if (structurallyEqual(list.items[i]!, args[0]!)) return i;
    return -1;
  };
  switch (name) {
    case 'index': {
      const i = position();
      if (i < 0) fail('type', `ValueError: ${typeName(args[0]!)} is not in the list`, rt.sites[site]!);
      return i;
    }
    case 'count':
      return list.items.filter((x) => structurallyEqual(x, args[0]!)).length;
    case 'sort': {
      const key = keywords.find((k) => k.name === 'key')?.value;
      const reverse = keywords.find((k) => k.name === 'reverse')?.value;
      const sorted = sortValues(rt, list.items, key, reverse !== undefined && truthy(reverse), site);
      list.items.splice(0, list.items.length, ...sorted);
      return None;
    }
    case 'reverse':
      list.items.reverse();
      return None;
    case 'remove': {
      const i = position();
      if (i < 0) fail('type', 'ValueError: list.remove(x): x not in list', rt.sites[site]!);
      list.items.splice(i, 1);
      return None;
    }
    default:
      list.items.length = 0;
      return None;
  }
}
