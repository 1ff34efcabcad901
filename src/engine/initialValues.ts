import { ArrayValue } from './array/ndarray';
import {
  BoundFunction,
  BoundMethod,
  ClassValue,
  DictValue,
  ErrorTypeValue,
  ErrorValue,
  ExactInteger,
  FunctionValue,
  InertValue,
  DictViewValue,
  InstanceValue,
  IntrinsicValue,
  IteratorValue,
  ModuleValue,
  NoneValue,
  NotImplementedValue,
  RandomGenerator,
  RangeValue,
  SequenceValue,
  SetValue,
  SliceValue,
  TypedArrayValue,
  UnreadableValue,
  EllipsisValue,
  type Value,
} from './interpreter/values';

/**
 * Values a module's initialisation made, handed to each run as its own (moduleInit.ts): what a run
 * may change (a list, a dict, an object's attributes, a generator's state, an array's box) is copied
 * per run, what nothing changes is shared. Values that hold a frame (a closure, a lambda) cannot be
 * copied: their constant is evaluated in each run instead.
 */

/** Whether `v` is made only of values a run can be given a copy of (or share). */
export function isCopyable(v: Value, seen = new Set<unknown>()): boolean {
  if (typeof v !== 'object' || shared(v)) return true;
  if (seen.has(v)) return true;
  seen.add(v);
  if (v instanceof ArrayValue) return v.view === undefined && v.row < 0;
  if (v instanceof RandomGenerator) return true;
  if (v instanceof SequenceValue) return v.items.every((x) => isCopyable(x, seen));
  if (v instanceof DictValue) return [...v.entries.values()].every((e) => isCopyable(e.key, seen) && isCopyable(e.value, seen));
  if (v instanceof SetValue) return [...v.members.values()].every((x) => isCopyable(x, seen));
  if (v instanceof DictViewValue) return isCopyable(v.dict, seen);
  if (v instanceof InstanceValue) return [...v.fields.values()].every((x) => isCopyable(x, seen));
  if (v instanceof BoundFunction) return (v.fn === null || sharedFunction(v.fn)) && isCopyable(v.receiver, seen);
  if (v instanceof BoundMethod) return isCopyable(v.receiver, seen);
  if (v instanceof SliceValue) return [v.lower, v.upper, v.step].every((x) => x === undefined || isCopyable(x, seen));
  if (v instanceof IteratorValue) return v.items.every((x) => isCopyable(x, seen));
  return false;
}

/** `v` for one run: `copies` maps each value already copied for that run to its copy. */
export function copyOf(v: Value, copies: Map<unknown, Value>): Value {
  if (typeof v !== 'object' || shared(v)) return v;
  const done = copies.get(v);
  if (done !== undefined) return done;
  if (v instanceof ArrayValue) {
    // A box of its own over the same numbers: a write gives the box a copy (ndarray.ts `owned`).
    const a = new ArrayValue(v.shape, v.data, -1, v.dtype);
    a.wholeGuess = v.wholeGuess;
    copies.set(v, a);
    return a;
  }
  if (v instanceof RandomGenerator) {
    const g = v.clone();
    copies.set(v, g);
    return g;
  }
  if (v instanceof SequenceValue) {
    const items: Value[] = [];
    const s = v instanceof TypedArrayValue ? new TypedArrayValue(items, v.element, v.cls) : new SequenceValue(items, v.isTuple, v.cls, v.floatLiteral, v.exactInts, v.made);
    copies.set(v, s);
    for (const x of v.items) items.push(copyOf(x, copies));
    return s;
  }
  if (v instanceof DictValue) {
    const d = new DictValue();
    copies.set(v, d);
    for (const [k, e] of v.entries) d.entries.set(k, { key: copyOf(e.key, copies), value: copyOf(e.value, copies) });
    return d;
  }
  if (v instanceof DictViewValue) return new DictViewValue(copyOf(v.dict, copies) as DictValue, v.kind);
  if (v instanceof SetValue) {
    const s = new SetValue();
    copies.set(v, s);
    for (const [k, x] of v.members) s.members.set(k, copyOf(x, copies));
    return s;
  }
  if (v instanceof InstanceValue) {
    const o = new InstanceValue(v.cls);
    copies.set(v, o);
    for (const [k, x] of v.fields) o.fields.set(k, copyOf(x, copies));
    return o;
  }
  if (v instanceof BoundFunction) return remember(copies, v, new BoundFunction(v.fn, copyOf(v.receiver, copies)));
  if (v instanceof BoundMethod) return remember(copies, v, new BoundMethod(copyOf(v.receiver, copies), v.name));
  if (v instanceof SliceValue) return remember(copies, v, new SliceValue(part(v.lower, copies), part(v.upper, copies), part(v.step, copies)));
  if (v instanceof IteratorValue) {
    // Each run walks it from where the module's initialisation left it.
    const it = remember(copies, v, new IteratorValue(v.items.map((x) => copyOf(x, copies)))) as IteratorValue;
    it.position = v.position;
    it.generator = v.generator;
    if (v.args) it.args = v.args.map((x) => copyOf(x, copies));
    return it;
  }
  throw new Error(`internal: a module constant's ${v.constructor.name} cannot be copied for a run`);
}

function part(v: Value | undefined, copies: Map<unknown, Value>): Value | undefined {
  return v === undefined ? undefined : copyOf(v, copies);
}

function remember(copies: Map<unknown, Value>, v: Value, copy: Value): Value {
  copies.set(v, copy);
  return copy;
}

/** Values nothing in a run changes: given to every run as they are. */
function shared(v: object): boolean {
  return (
    v instanceof ExactInteger ||
    v instanceof NoneValue ||
    v instanceof NotImplementedValue ||
    v instanceof EllipsisValue ||
    v instanceof InertValue ||
    v instanceof IntrinsicValue ||
    v instanceof ClassValue ||
    v instanceof ErrorTypeValue ||
    v instanceof ErrorValue ||
    v instanceof UnreadableValue ||
    v instanceof RangeValue ||
    v instanceof ModuleValue ||
    (v instanceof FunctionValue && sharedFunction(v))
  );
}

/** A module-level function or method (no frame of its own, its defaults kept per run): the same in every run. */
function sharedFunction(fn: FunctionValue): boolean {
  return fn.closure === null && fn.definedDefaults === undefined;
}
