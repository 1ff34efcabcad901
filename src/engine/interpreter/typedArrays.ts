import { fail } from '../../core/diagnostic';
import type { IntrinsicName } from '../../ir/intrinsics';
import { primitive } from '../primitives/registry';
import type { KeywordValue } from './calls';
import { callValue } from './calls';
import { callIntrinsic } from '../intrinsics';
import type { Runtime } from './runtime';
import { integerIndex, iterate, relativePosition } from './sequences';
import { withOwnMethods } from './ownMethods';
import { ClassValue, IntrinsicValue, None, NoneValue, SequenceValue, Tracked, TypedArrayValue, typeName, aTypedArray, typedArrayName, type TypedElement, type Value } from './values';

/**
 * JavaScript's typed arrays and constructors used as values. A typed array is a list of numbers of
 * fixed length whose every store converts the value as the host's own typed array would: a
 * Float32Array rounds through `fround` (derivative 1, as Math.fround's: a cast's), the integer arrays
 * truncate and wrap (derivative 0, flagged as floor is). `new E(…)` of a value E (`new
 * glMatrix.ARRAY_TYPE(3)`, where ARRAY_TYPE is Float32Array or Array) is the intrinsic `construct`.
 */

type Impl = (rt: Runtime, args: Value[], keywords: readonly KeywordValue[], site: number) => Value;

/** One host typed array per element type, used only to convert a number as a store into it would. */
const CONVERTERS: Record<TypedElement, { [i: number]: number }> = {
  float64: new Float64Array(1), float32: new Float32Array(1), int8: new Int8Array(1), uint8: new Uint8Array(1),
  int16: new Int16Array(1), uint16: new Uint16Array(1), int32: new Int32Array(1), uint32: new Uint32Array(1),
};

function converted(element: TypedElement, x: number): number {
  const cell = CONVERTERS[element];
  cell[0] = x;
  return cell[0]!;
}

const FROUND = primitive('fround');
const TRUNC = primitive('trunc');
const ADD = primitive('add');

/** `v` as stored into a typed array of `element`s: converted, its derivative the conversion's. */
export function storeElement(rt: Runtime, element: TypedElement, v: Value, site: number): number | Tracked {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number' && !(v instanceof Tracked)) {
    return fail('type', `${aTypedArray(element)} holds numbers, got ${typeName(v)}`, rt.sites[site]!);
  }
  if (element === 'float64') return v;
  if (element === 'float32') return rt.apply(FROUND, v, 0, site);
  if (typeof v === 'number') return converted(element, v);
  const stored = converted(element, v.value);
  // NaN and ±∞ store as 0, whatever they came from: a constant.
  if (!Number.isFinite(v.value)) return stored;
  const truncated = rt.apply(TRUNC, v, 0, site, true) as Tracked;
  rt.warnIfZeroReached(`a store into ${aTypedArray(element)} (it truncates to an integer)`, truncated.id, site);
  // Past the type's range the integer wraps: a constant step away from the truncation.
  return stored === truncated.value ? truncated : rt.apply(ADD, truncated, stored - truncated.value, site);
}

/** `new Float32Array(n | xs)`: n zeros, or xs's elements converted; no argument, an empty array. */
function typedArray(rt: Runtime, element: TypedElement, arg: Value | undefined, site: number): TypedArrayValue {
  if (arg === undefined) return new TypedArrayValue([], element);
  if (typeof arg === 'number' || arg instanceof Tracked) {
    const n = integerIndex(rt, arg, site, `the length of ${aTypedArray(element)}`);
    if (n < 0) fail('index', `invalid typed array length ${n}`, rt.sites[site]!);
    rt.allocate(8 * n, site);
    return new TypedArrayValue(Array<Value>(n).fill(0), element);
  }
  const items = iterate(rt, arg, site, `new ${typedArrayName(element)}`);
  rt.allocate(8 * items.length, site);
  return new TypedArrayValue(items.map((v) => storeElement(rt, element, v, site)), element);
}

const TYPED_ELEMENTS: Readonly<Record<string, TypedElement>> = {
  float64_array: 'float64', float32_array: 'float32', int8_array: 'int8', uint8_array: 'uint8',
  int16_array: 'int16', uint16_array: 'uint16', int32_array: 'int32', uint32_array: 'uint32',
};

/** The element of the typed array an intrinsic constructs (`float64_array`: float64), for a class that extends it. */
export function typedElementOf(intrinsic: string): TypedElement | undefined {
  return Object.hasOwn(TYPED_ELEMENTS, intrinsic) ? TYPED_ELEMENTS[intrinsic] : undefined;
}

/**
 * `super(…)` in the constructor of a class that extends a typed array: the instance, made empty
 * before its constructor ran, becomes the typed array `new Float64Array(…)` would make of the same
 * arguments (a length, or the elements of a list). A view of a buffer (`super(buffer, offset, n)`)
 * is not modelled.
 */
export function initialiseArrayBase(rt: Runtime, instance: TypedArrayValue, args: Value[], site: number): Value {
  if (instance.items.length > 0) return fail('type', `super() is called twice in the constructor of ${instance.cls!.name}`, rt.sites[site]!);
  if (args.length > 1) return fail('unsupported', `super() with ${args.length} arguments makes ${aTypedArray(instance.element)} over a buffer, which GradLens does not model`, rt.sites[site]!);
  instance.items.push(...typedArray(rt, instance.element, args[0], site).items);
  return None;
}

/**
 * A typed array of `like`'s kind holding `items` (`f32.map(f)` is a Float32Array again). An instance
 * of a class extending a typed array makes its result as JavaScript's TypedArraySpeciesCreate does:
 * `new Vec2(items.length)` through its own constructor (gl-matrix's `new Vec2(2)` is (2, 2)), then
 * each item stored into it — so `v.map(f)` is a Vec2 with Vec2's methods; a constructor making fewer
 * elements is JavaScript's TypeError.
 */
export function sameKind(rt: Runtime, like: SequenceValue, items: Value[], site: number, convert: boolean): SequenceValue {
  if (!(like instanceof TypedArrayValue)) return new SequenceValue(items, false);
  if (like.cls) return speciesCreate(rt, like.cls, items, site);
  return new TypedArrayValue(convert ? items.map((v) => storeElement(rt, like.element, v, site)) : items, like.element);
}

function speciesCreate(rt: Runtime, cls: ClassValue, items: Value[], site: number): TypedArrayValue {
  const made = callValue(rt, cls, [items.length], [], site);
  if (!(made instanceof TypedArrayValue) || made.items.length < items.length) {
    const got = made instanceof TypedArrayValue ? `${made.items.length} elements` : typeName(made);
    return fail('type', `new ${cls.name}(${items.length}) made ${got}, fewer than the ${items.length} a typed array's method stores into it (JavaScript's TypeError: the derived constructor made an array too small)`, rt.sites[site]!);
  }
  items.forEach((v, i) => (made.items[i] = storeElement(rt, made.element, v, site)));
  return made;
}

/**
 * `length` elements of `parent` from `offset` on, as a list whose reads and writes are the parent's:
 * JavaScript's `subarray` is a view of the same buffer, so a write through either is seen by both (a
 * copy would give a silently stale number). Only index keys below `length` are redirected.
 */
function sharedItems(parent: Value[], offset: number, length: number): Value[] {
  const index = (key: string | symbol): number | undefined => {
    if (typeof key !== 'string' || !/^(0|[1-9]\d*)$/.test(key)) return undefined;
    const i = Number(key);
    return i < length ? i : undefined;
  };
  const isIndex = (key: string | symbol): boolean => typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key);
  return new Proxy(new Array<Value>(length), {
    get: (target, key, receiver) => {
      const i = index(key);
      return i === undefined ? (isIndex(key) ? undefined : Reflect.get(target, key, receiver)) : parent[offset + i];
    },
    set: (target, key, value: Value, receiver) => {
      const i = index(key);
      if (i !== undefined) parent[offset + i] = value;
      // A typed array has a fixed length: a store past its end is dropped, as JavaScript drops it.
      else if (!isIndex(key)) return Reflect.set(target, key, value, receiver);
      return true;
    },
    has: (target, key) => index(key) !== undefined || (!isIndex(key) && Reflect.has(target, key)),
  });
}

function typedArrayOf(rt: Runtime, v: Value, site: number, method: string): TypedArrayValue {
  if (v instanceof TypedArrayValue) return v;
  return fail('type', `.${method}() needs a typed array, got ${typeName(v)}`, rt.sites[site]!);
}

function constructorOf(element: TypedElement): Impl {
  return (rt, [arg], _kw, site) => typedArray(rt, element, arg, site);
}

const CONSTRUCTIBLE = new Set<IntrinsicName>(['float64_array', 'float32_array', 'int8_array', 'uint8_array', 'int16_array', 'uint16_array', 'int32_array', 'uint32_array', 'js_array']);

const TYPED_ARRAY_METHODS = {
  typed_subarray: (rt, [xs, begin, end], _kw, site) => {
    const list = typedArrayOf(rt, xs!, site, 'subarray');
    // JavaScript calls the class's constructor with (buffer, byteOffset, length): a view GradLens does not model.
    if (list.cls) return fail('unsupported', `.subarray() of a ${list.cls.name} calls new ${list.cls.name}(buffer, byteOffset, length), a view of its buffer, which GradLens does not model`, rt.sites[site]!);
    const n = list.items.length;
    const from = relativePosition(rt, begin, n, 0, site);
    const to = Math.max(from, relativePosition(rt, end, n, n, site));
    return new TypedArrayValue(sharedItems(list.items, from, to - from), list.element);
  },
  typed_set: (rt, [xs, source, offset], _kw, site) => {
    const list = typedArrayOf(rt, xs!, site, 'set');
    // Read whole before any store: a source that is a view of the same elements sees none of them.
    const values = [...iterate(rt, source!, site, '.set()')];
    const at = offset === undefined || offset instanceof NoneValue ? 0 : integerIndex(rt, offset, site, 'an offset');
    if (at < 0 || at + values.length > list.items.length) {
      fail('index', `.set() of ${values.length} elements at offset ${at} does not fit ${aTypedArray(list.element)} of length ${list.items.length}`, rt.sites[site]!);
    }
    values.forEach((v, i) => (list.items[at + i] = storeElement(rt, list.element, v, site)));
    return None;
  },
} satisfies Record<string, Impl>;

export const TYPED_ARRAY_IMPLEMENTATIONS = {
  ...withOwnMethods(TYPED_ARRAY_METHODS, { typed_subarray: 'subarray', typed_set: 'set' }),
  float64_array: constructorOf('float64'), float32_array: constructorOf('float32'), int8_array: constructorOf('int8'),
  uint8_array: constructorOf('uint8'), int16_array: constructorOf('int16'), uint16_array: constructorOf('uint16'),
  int32_array: constructorOf('int32'), uint32_array: constructorOf('uint32'),
  /** `Array` as a value: `Array(n)` is n empty slots, `Array(a, b)` the elements. */
  js_array: (rt, args, _kw, site) => {
    if (args.length === 1 && (typeof args[0] === 'number' || args[0] instanceof Tracked)) {
      const n = integerIndex(rt, args[0], site, 'an array length');
      if (n < 0) fail('index', `invalid array length ${n}`, rt.sites[site]!);
      rt.allocate(8 * n, site);
      return new SequenceValue(Array<Value>(n).fill(None), false);
    }
    rt.allocate(8 * args.length, site);
    return new SequenceValue([...args], false);
  },
  /** `new E(…)` of a value: a class of the file, a typed array's constructor or `Array`. */
  construct: (rt, [ctor, ...args], keywords, site) => {
    if (ctor instanceof ClassValue) return callValue(rt, ctor, args, keywords, site);
    if (ctor instanceof IntrinsicValue && CONSTRUCTIBLE.has(ctor.name)) return callIntrinsic(rt, ctor.name, args, keywords, site);
    return fail('unsupported', `\`new\` of ${typeName(ctor!)} is not supported: GradLens constructs the file's classes, arrays and typed arrays`, rt.sites[site]!);
  },
} satisfies Record<string, Impl>;
