import { fail } from '../../core/diagnostic';
import type { KeywordValue } from './calls';
import { copiedValue, getProperty, setProperty } from './methods';
import type { Runtime } from './runtime';
import { primalNumber } from './sequenceMethods';
import { jsString } from './strings';
import { dictSet, hashKey } from './containers';
import { BoundMethod, ClassValue, DictValue, FunctionValue, InstanceValue, IntrinsicValue, None, NoneValue, ObjectMember, SequenceValue, Tracked, TypedArrayValue, typeName, type Value } from './values';
import { ArrayValue } from '../array/ndarray';
import { bareInstance, hasMember } from './objects';

/**
 * JavaScript's conversions and tests of values that may not be numbers (`typeof`, `o.length`,
 * `Number(s)`, `parseFloat`, `parseInt`). Text is converted by the host's own Number/parseFloat/
 * parseInt, which only read the string: nothing is run.
 */

type Impl = (rt: Runtime, args: Value[], keywords: readonly KeywordValue[], site: number) => Value;

function jsTypeOf(v: Value): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (primalNumber(v) !== undefined) return 'number';
  if (v instanceof NoneValue) return 'undefined';
  if (v instanceof FunctionValue || v instanceof IntrinsicValue || v instanceof BoundMethod) return 'function';
  return 'object';
}

/** A number as JavaScript would print it, for the conversions that go through text. */
function numericText(rt: Runtime, v: Value, site: number, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof NoneValue) return jsString(v);
  return fail('type', `${what} of ${typeName(v)} is not supported`, rt.sites[site]!);
}

function toNumber(rt: Runtime, v: Value | undefined, site: number): Value {
  if (v === undefined) return 0;
  if (typeof v === 'number' || v instanceof Tracked) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  // `Number([x])` is x, `Number([])` 0: an array converts through its text.
  if (v instanceof SequenceValue && v.items.length <= 1) return v.items.length === 0 ? 0 : toNumber(rt, v.items[0], site);
  return Number(numericText(rt, v, site, 'Number()'));
}

/** Members every plain object has through Object.prototype: `in` would say true. */
const INHERITED: ReadonlySet<string> = new Set(['constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf', '__proto__']);

export const JS_VALUE_IMPLEMENTATIONS = {
  type_of: (_rt, [v]) => jsTypeOf(v!),
  is_integer: (_rt, [v]) => {
    const n = primalNumber(v!);
    return n !== undefined && Number.isInteger(n);
  },
  length_of: (rt, [v], _kw, site) => {
    if (v instanceof SequenceValue) return v.items.length;
    if (typeof v === 'string') return v.length;
    if (v instanceof ArrayValue) return v.ndim === 0 ? None : v.shape[0]!;
    // A plain object's (a dict's) entry `length`, undefined where it has none; an instance's attribute.
    return getProperty(rt, v!, 'length', site);
  },
  /** `Number(v)`: a number is itself (its derivative flows through); text, booleans and undefined convert as JavaScript converts them. */
  js_number: (rt, [v], _kw, site) => toNumber(rt, v, site),
  /** `parseFloat(v)`: of a number, that number (its text reads back exactly); of text, its leading number. */
  parse_float: (rt, [v], _kw, site) => {
    if (typeof v === 'number' || v instanceof Tracked) return v;
    return Number.parseFloat(numericText(rt, v!, site, 'parseFloat()'));
  },
  /** `parseInt(v, radix?)`: of text or a constant; of a value that depends on the parameters, refused (it is Math.trunc of its text, with no derivative). */
  parse_int: (rt, [v, radix], _kw, site) => {
    if (v instanceof Tracked) return fail('unsupported', 'parseInt() of a value that depends on the parameters has no derivative; use Math.trunc (or Math.floor) to say so', rt.sites[site]!);
    const base = radix === undefined || radix instanceof NoneValue ? undefined : primalNumber(radix);
    return Number.parseInt(numericText(rt, v!, site, 'parseInt()'), base);
  },
  js_member: (rt, [method, getter, setter], _kw, site) => {
    const fn = (v: Value | undefined): FunctionValue | undefined => {
      if (v === undefined || v instanceof NoneValue) return undefined;
      return v instanceof FunctionValue ? v : fail('internal', `an object member is ${typeName(v)}`, rt.sites[site]!);
    };
    return new ObjectMember(fn(method), fn(getter), fn(setter));
  },
  /**
   * `key in object`: an object's own key (a key is a string, so `5 in o` asks for '5'), an array's
   * index below its length (or `length`), an instance's field or member. What JavaScript would ask
   * of a prototype GradLens does not model (`'map' in xs`, `'toString' in o`) is refused, never
   * answered; a number or undefined on the right is JavaScript's TypeError.
   */
  js_in: (rt, [key, object], _kw, site) => {
    const name = typeof key === 'string' ? key : primalNumber(key!) !== undefined ? jsString(primalNumber(key!)!) : fail('type', `\`in\` needs a property name on its left, got ${typeName(key!)}`, rt.sites[site]!);
    if (object instanceof DictValue) {
      if (object.entries.has(hashKey(rt, name, site))) return true;
      return INHERITED.has(name) ? fail('unsupported', `\`'${name}' in\` an object asks for its prototype's member, which GradLens does not model`, rt.sites[site]!) : false;
    }
    if (object instanceof InstanceValue) return hasMember(rt, object, name, site);
    if (object instanceof SequenceValue && !object.isTuple) {
      if (name === 'length') return true;
      const index = /^(0|[1-9]\d*)$/.test(name) ? Number(name) : undefined;
      if (index !== undefined) return index < object.items.length;
      // A property set on the array (`rgb._clipped`), or a name no plain array has on its prototype chain.
      if (object.properties?.has(name)) return true;
      if (!(object instanceof TypedArrayValue) && !(name in Array.prototype)) return false;
      return fail('unsupported', `\`'${name}' in\` an array asks for a method of Array's prototype, which GradLens does not model`, rt.sites[site]!);
    }
    return fail('type', `\`in\` looks for a property of an object, got ${typeName(object!)} on its right (JavaScript's TypeError)`, rt.sites[site]!);
  },
  /** `Object.create(C.prototype)`: C's instance with no fields, its constructor not run; of a class whose instances are tuples, refused. */
  js_object_create: (rt, [cls], _kw, site) => {
    if (!(cls instanceof ClassValue)) return fail('unsupported', `\`Object.create\` of the prototype of ${typeName(cls!)}: GradLens makes objects of the workspace's classes`, rt.sites[site]!);
    return bareInstance(rt, cls, site) ?? fail('unsupported', `\`Object.create(${cls.name}.prototype)\`: ${cls.name}'s objects are tuples of their constructor's arguments`, rt.sites[site]!);
  },
  /** `const { x, ...rest } = o`: a copy of the object's entries other than the keys named before the rest. */
  object_assign: (rt, [target, ...sources], _kw, site) => {
    if (target instanceof NoneValue) return fail('type', '`Object.assign` needs an object to assign to, got undefined', rt.sites[site]!);
    for (const source of sources) {
      // undefined and null sources are skipped, as JavaScript skips them; an object's own entries
      // (what its getters return) and an instance's own fields are set in order, setters running.
      if (source instanceof NoneValue) continue;
      const entries: [string, Value][] =
        source instanceof DictValue ? [...source.entries.values()].map((e) => [jsString(e.key), copiedValue(rt, source, e.value, site)])
        : source instanceof InstanceValue ? [...source.fields]
        : fail('type', `\`Object.assign\` copies objects, got ${typeName(source!)}`, rt.sites[site]!);
      for (const [key, value] of entries) setProperty(rt, target!, key, value, site);
    }
    return target!;
  },
  object_rest: (rt, [object, ...named], _kw, site) => {
    if (!(object instanceof DictValue)) return fail('type', `\`...rest\` in object destructuring needs an object, got ${typeName(object!)}`, rt.sites[site]!);
    const skip = new Set(named.map((k) => hashKey(rt, k, site)));
    const rest = new DictValue();
    for (const [h, e] of object.entries) if (!skip.has(h)) dictSet(rt, rest, e.key, copiedValue(rt, object, e.value, site), site);
    return rest;
  },
} satisfies Record<string, Impl>;
