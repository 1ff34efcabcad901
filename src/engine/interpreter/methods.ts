import { fail, GradLensError } from '../../core/diagnostic';
import { invoke, type KeywordValue } from './calls';
import { hasMember, objectAttribute, setObjectAttribute, storeAttribute } from './objects';
import type { Runtime } from './runtime';
import { integerIndex, iterate } from './sequences';
import { callContainerMethod, containerMethod } from './containerMethods';
import { dictSet, hashKey } from './containers';
import { BoundFunction, BoundMethod, DictValue, InstanceValue, DtypeValue, ExactInteger, IntrinsicValue, Tracked, ObjectMember, InertValue, None, RandomGenerator, refuseUnreadable, SequenceValue, TypedArrayValue, typeName, aTypedArray, UnreadableValue, word, type Value } from './values';
import { ArrayValue } from '../array/ndarray';
import { arrayAttribute, callArrayMethod, ARRAY_METHODS } from '../array/methods';
import { randomDraw, RANDOM_METHODS } from '../array/randomDraws';
import { complexPartAttribute, conjugateMethod, CONJUGATE_METHODS } from '../array/complexParts';

/** A Python number (float, int, bool; numpy's scalars are numbers here too). */
function isNumberLike(v: Value): v is number | Tracked | boolean | ExactInteger {
  return typeof v === 'number' || v instanceof Tracked || typeof v === 'boolean' || v instanceof ExactInteger;
}

/** Methods on lists that numeric code uses to build values step by step. */
const LIST_METHODS = new Set(['append', 'extend', 'pop', 'copy', 'insert']);

/**
 * Python's `hasattr(obj, name)`: an instance's own field or its class chain's member (hasMember: a
 * base GradLens cannot read refuses rather than answers false); for any other value true when
 * GradLens reads the attribute, else refused — numpy's arrays have attributes GradLens does not
 * model, and false there could take the wrong branch. A dunder name is refused, as reading it is.
 */
export function hasAttribute(rt: Runtime, object: Value, name: Value, site: number): boolean {
  if (typeof name !== 'string') return fail('type', `hasattr(): attribute name must be a string, got ${typeName(name)}`, rt.sites[site]!);
  if (/^__.*__$/.test(name)) return fail('unsupported', `hasattr(…, '${name}'): GradLens does not read dunder attributes`, rt.sites[site]!);
  if (object instanceof InstanceValue) return hasMember(rt, object, name, site);
  try {
    getAttribute(rt, object, name, site);
    return true;
  } catch (e) {
    if (!(e instanceof GradLensError)) throw e;
    return fail('unsupported', `hasattr(${typeName(object)}, '${name}'): GradLens cannot tell whether it has one (it reads no such attribute)`, rt.sites[site]!);
  }
}

export function getAttribute(rt: Runtime, object: Value, name: string, site: number): Value {
  if (object instanceof UnreadableValue) refuseUnreadable(object);
  const fromObject = objectAttribute(rt, object, name, site);
  if (fromObject !== undefined) return fromObject;
  if (object instanceof InertValue) return object;
  const container = containerMethod(object, name);
  if (container) return container;
  if (object instanceof SequenceValue && !object.isTuple && LIST_METHODS.has(name)) return new BoundMethod(object, name);
  if (object instanceof ArrayValue) return ARRAY_METHODS.has(name) ? new BoundMethod(object, name) : arrayAttribute(rt, object, name, site);
  if (object instanceof RandomGenerator && RANDOM_METHODS.has(name)) return new BoundMethod(object, name);
  if (object instanceof DtypeValue) {
    const attribute = dtypeAttribute(object, name);
    if (attribute !== undefined) return attribute;
  }
  if (isNumberLike(object)) {
    const part = complexPartAttribute(rt, object, name, site);
    if (part !== undefined) return part;
    if (CONJUGATE_METHODS.has(name) || name === 'item') return new BoundMethod(object, name);
    // A reduction's result is numpy's scalar (`np.sum(x).shape`): no axes, one element.
    if (name === 'shape') return new SequenceValue([], true);
    if (name === 'ndim') return 0;
    if (name === 'size') return 1;
  }
  return fail('type', `${typeName(object)} has no ${word('attribute', 'property')} .${name} that GradLens supports`, rt.sites[site]!);
}

/**
 * A property access of a language whose objects are dicts (`IrAttribute.property`, JavaScript's
 * `o.x`): a dict's entry keyed by the name, none where it has none (what `o.missing` is); the
 * attribute of anything else. Only the dict's own entries are read: `o.constructor` or `o.__proto__`
 * is an entry like any other, never a host object.
 */
export function getProperty(rt: Runtime, object: Value, name: string, site: number): Value {
  // JavaScript's numbers have no .real or .imag (Python's and numpy's do): not getAttribute's.
  // `n.valueOf()` is the number (suncalc's `date.valueOf()` given a time in milliseconds).
  if (isNumberLike(object) && name === 'valueOf') return new BoundMethod(object, name);
  if (isNumberLike(object)) return fail('type', `${typeName(object)} has no ${word('attribute', 'property')} .${name} that GradLens supports`, rt.sites[site]!);
  if (object instanceof DictValue) {
    const value = object.entries.get(hashKey(rt, name, site))?.value ?? None;
    if (!(value instanceof ObjectMember)) return value;
    // A method sees the object it is read from as `this`; a getter runs; a setter alone reads undefined.
    if (value.method) return new BoundFunction(value.method, object);
    return value.getter ? invoke(rt, value.getter, [object], [], site) : None;
  }
  const own = object instanceof SequenceValue ? object.properties?.get(name) : undefined;
  return own ?? getAttribute(rt, object, name, site);
}

/**
 * An entry of an object as JavaScript copies it (`Object.values`, `Object.entries`, `{...o}`, `...rest`):
 * a getter's result (it runs, with the object as `this`), undefined for a setter alone; a method or a
 * plain value as it is (a method copied into another object sees that one as `this`, as in JavaScript).
 */
export function copiedValue(rt: Runtime, object: DictValue, value: Value, site: number): Value {
  if (!(value instanceof ObjectMember) || value.method) return value;
  return value.getter ? invoke(rt, value.getter, [object], [], site) : None;
}

export function setProperty(rt: Runtime, object: Value, name: string, value: Value, site: number): void {
  if (object instanceof DictValue) {
    const member = object.entries.get(hashKey(rt, name, site))?.value;
    if (member instanceof ObjectMember && !member.method) {
      if (!member.setter) fail('type', `cannot set .${name}: the object has a getter for it and no setter`, rt.sites[site]!);
      invoke(rt, member.setter, [object, value], [], site);
      return;
    }
    return dictSet(rt, object, name, value, site);
  }
  if (isArrayProperty(object, name)) {
    (object.properties ??= new Map()).set(name, value);
    return;
  }
  setAttribute(rt, object, name, value, site);
}

/**
 * Whether `object.name = …` keeps a property beside an array's items: a JavaScript array (not a
 * tuple, a typed array or a named tuple), a name no array has already (`length`, `map`, `constructor`
 * and every other member stay refused: setting one changes what the array does) and not an index.
 */
function isArrayProperty(object: Value, name: string): object is SequenceValue {
  return object instanceof SequenceValue && !object.isTuple && !object.cls && !(object instanceof TypedArrayValue) && !(name in Array.prototype) && !/^\d/.test(name);
}

/** `object.name = value`: instances and classes of user code only. */
export function setAttribute(rt: Runtime, object: Value, name: string, value: Value, site: number): void {
  if (setObjectAttribute(rt, object, name, value, site)) return;
  fail('type', `cannot set .${name} on ${typeName(object)}`, rt.sites[site]!);
}

/**
 * A point's value put on the instance it describes (`self: spot=100`, an attribute made an input of
 * the recording): as `object.__setattr__` stores it, a frozen dataclass's fields too — the point says
 * what the instance holds, the program does not assign it. Anything else is set as `obj.name = …` is.
 */
export function placeAttribute(rt: Runtime, object: Value, name: string, value: Value, site: number): void {
  if (object instanceof InstanceValue) storeAttribute(rt, object, name, value, site);
  else setAttribute(rt, object, name, value, site);
}

/** List methods that change a list's length. */
const FIXED_LENGTH = new Set(['append', 'extend', 'insert', 'pop', 'remove', 'clear']);

export function callMethod(rt: Runtime, method: BoundMethod, args: Value[], keywords: readonly KeywordValue[], site: number): Value {
  if (method.receiver instanceof ArrayValue) return callArrayMethod(rt, method.receiver, method.name, args, keywords, site);
  // numpy's scalar `.item()`: the number itself (`np.sum(x).item()`).
  if (isNumberLike(method.receiver) && (method.name === 'item' || method.name === 'valueOf')) {
    if (args.length > 0 || keywords.length > 0) return fail('type', `${method.name}() of a number takes no arguments here`, rt.sites[site]!);
    return method.receiver;
  }
  if (isNumberLike(method.receiver)) return conjugateMethod(rt, method.receiver, method.name, args, keywords, site);
  if (method.receiver instanceof RandomGenerator) return randomDraw(rt, method.receiver, method.name, args, keywords, site);
  if (method.receiver instanceof TypedArrayValue && FIXED_LENGTH.has(method.name)) {
    // `push`, `pop`, `shift`, `unshift` lower to these: a typed array has none of them.
    fail('type', `${aTypedArray(method.receiver.element)} has a fixed length: it cannot grow or shrink`, rt.sites[site]!);
  }
  const container = callContainerMethod(rt, method, args, keywords, site);
  if (container !== undefined) return container;
  const list = method.receiver as SequenceValue;
  const range = rt.sites[site]!;
  if (keywords.length > 0) fail('arity', `.${method.name}() takes no keyword arguments`, range);
  const arity = (n: number, m = n): void => {
    if (args.length < n || args.length > m) fail('arity', `.${method.name}() takes ${n === m ? n : `${n} to ${m}`} argument${m === 1 ? '' : 's'}, got ${args.length}`, range);
  };
  switch (method.name) {
    case 'append':
      arity(1);
      rt.allocate(8, site);
      list.items.push(args[0]!);
      return None;
    case 'extend': {
      arity(1);
      const more = iterate(rt, args[0]!, site, '.extend()');
      rt.allocate(8 * more.length, site);
      // One at a time: a spread passes every element as an argument, past the stack for long lists.
      for (const item of more) list.items.push(item);
      return None;
    }
    case 'insert': {
      arity(2);
      const i = integerIndex(rt, args[0]!, site, 'an insert position');
      rt.allocate(8, site);
      list.items.splice(i < 0 ? Math.max(0, list.items.length + i) : i, 0, args[1]!);
      return None;
    }
    case 'pop': {
      arity(0, 1);
      if (list.items.length === 0) fail('index', 'pop from an empty list', range);
      const i = args.length === 0 ? list.items.length - 1 : integerIndex(rt, args[0]!, site, 'a pop position');
      const j = i < 0 ? i + list.items.length : i;
      if (j < 0 || j >= list.items.length) fail('index', `pop index ${i} is out of range for a list of length ${list.items.length}`, range);
      return list.items.splice(j, 1)[0]!;
    }
    case 'copy':
      arity(0);
      rt.allocate(8 * list.items.length, site);
      return new SequenceValue([...list.items], false);
    default:
      return fail('type', `.${method.name}() is not supported`, range);
  }
}

/** numpy's dtype's attributes: `.name` ('float64'), `.kind` ('f', 'i', 'b'), `.itemsize` (bytes), `.type` (np.float64). */
function dtypeAttribute(d: DtypeValue, name: string): Value | undefined {
  switch (name) {
    case 'name':
      return d.dtype;
    case 'kind':
      return d.dtype === 'float64' ? 'f' : d.dtype === 'int64' ? 'i' : 'b';
    case 'itemsize':
      return d.dtype === 'bool' ? 1 : 8;
    case 'type':
      return new IntrinsicValue(d.dtype);
    default:
      return undefined;
  }
}
