import { isPointObject, isPointText, pointLeaves, type PointText } from '../core/pointTree';
import { fail } from '../core/diagnostic';
import { receiverAttribute } from '../ir/receiverInputs';
import { getAttribute, placeAttribute } from './interpreter/methods';
import { makeDict } from './interpreter/containers';
import type { Runtime } from './interpreter/runtime';
import { DictValue, InstanceValue, None, SequenceValue, Tracked, TypedArrayValue, typeName, type Value } from './interpreter/values';
import { keyedRecord } from '../core/keyed';
import { ArrayValue, formatShape, nestedList } from './array/ndarray';
import { constant, parameterArray } from './array/record';
import type { Tape } from './tape';
import type { ParameterLayout, PointValue } from './run';

/**
 * A point's values as the run's: numbers, lists and dicts of tracked numbers or numpy arrays, each
 * number an input of the recording (or a constant when nothing is recorded), text carried as text.
 */

/** A text leaf as the interpreter's value: a string, a boolean, None (JavaScript's null). */
function textValue(v: PointText): Value {
  return v === null ? None : v;
}

/** A point's value as the interpreter's: lists, and an object as a dict keyed by its names (`p.x` reads one). */
function argumentValue(rt: Runtime, v: PointValue, make: (x: number) => Value, site: number): Value {
  if (typeof v === 'number') return make(v);
  if (isPointText(v)) return textValue(v);
  if (isPointObject(v)) {
    const keys = Object.keys(v);
    return makeDict(rt, keys.map((k) => [k, argumentValue(rt, v[k]!, make, site)] as const), site);
  }
  return new SequenceValue((v as readonly PointValue[]).map((x) => argumentValue(rt, x, make, site)), false);
}

function isNumberList(v: PointValue): v is readonly number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number');
}

/** The shape of a rectangular nested list, or undefined if it is ragged (or holds objects). */
function listShape(v: PointValue): number[] | undefined {
  if (typeof v === 'number') return [];
  if (isPointObject(v) || isPointText(v)) return undefined;
  const list = v as readonly PointValue[];
  if (list.every((x) => typeof x === 'number')) return [list.length];
  const inner = list.map(listShape);
  const first = inner[0];
  const key = first && formatShape(first);
  if (inner.some((s) => !s || !first || formatShape(s) !== key)) return list.length === 0 ? [0] : undefined;
  return [list.length, ...first!];
}


/** Points are reused run after run (the lens, --repeat): their float64 form is kept per list. */
const pointArrays = new WeakMap<readonly PointValue[], { shape: number[]; data: Float64Array }>();

function pointArray(arg: readonly PointValue[], name: string, rt: Runtime, site: number): { shape: number[]; data: Float64Array } {
  let kept = pointArrays.get(arg);
  if (!kept) {
    const shape = listShape(arg);
    if (!shape) return fail('point', `the value of ${name} is a ragged nested list; an array point must be rectangular`, rt.sites[site]!);
    kept = { shape, data: Float64Array.from(pointLeaves(arg)) };
    pointArrays.set(arg, kept);
  }
  return kept;
}

/**
 * A parameter's value at the point as the run sees it: inputs of the recording `tape` (a numpy
 * array when `asArray`, else numbers, lists and dicts of tracked numbers), or constants without one.
 */
export function inputValue(rt: Runtime, arg: PointValue, name: string, tape: Tape | null, asArray: boolean, site: number): { value: Value; ids: readonly number[] } {
  // A point kept from an earlier run is rectangular: only a new one is measured.
  if (asArray && (isPointObject(arg) || (!pointArrays.has(arg as readonly PointValue[]) && !listShape(arg)))) return numpyStructure(rt, arg, name, tape, site);
  if (asArray) {
    const { shape, data } = pointArray(arg as readonly PointValue[], name, rt, site);
    if (!tape) return { value: constant(shape, data), ids: [] };
    const p = parameterArray(rt, shape, data, site);
    tape.labelInputs(p.ids[0] ?? 0, p.ids.length, name, arg);
    return { value: p.value, ids: p.ids };
  }
  if (tape && isNumberList(arg)) {
    // A list of numbers (the usual list parameter): its inputs are one run of rows, written at once.
    const { data } = pointArray(arg, name, rt, site);
    const first = tape.inputs(data, site);
    const items: Value[] = new Array(data.length);
    const ids: number[] = new Array(data.length);
    for (let k = 0; k < data.length; k++) {
      ids[k] = first + k;
      items[k] = new Tracked(first + k, data[k]!);
    }
    tape.labelInputs(first, ids.length, name, arg);
    return { value: new SequenceValue(items, false), ids };
  }
  if (typeof arg === 'number') {
    if (!tape) return { value: arg, ids: [] };
    const id = tape.input(arg, site);
    tape.labelInputs(id, 1, name, arg);
    return { value: new Tracked(id, arg), ids: [id] };
  }
  const ids: number[] = [];
  const value = argumentValue(rt, arg, (x) => {
    if (!tape) return x;
    const id = tape.input(x, site);
    ids.push(id);
    return new Tracked(id, x);
  }, site);
  if (tape) tape.labelInputs(ids[0] ?? 0, ids.length, name, arg);
  return { value, ids };
}

/**
 * A point's structure where lists are numpy arrays: a ragged list (`params=[[W1, b1], [W2, b2]]`
 * for `for W, b in params`) is a Python list whose rectangular items are arrays, numbers numbers,
 * ragged items lists again, as a list of (W, b) pairs is in Python; an object (`params={"W1": […],
 * "b1": […]}`, weights kept in a dict) is a dict whose rectangular lists are arrays, as a top-level
 * list is. Its entries are inputs in the order of the point's numbers, so the gradient comes back in
 * the point's structure. An object inside a list is refused.
 */
/**
 * A `*args` parameter's value in a numpy module: the list of the extra arguments, each item an array
 * (or number, or list of unequal rows) of its own, never one array of them all (`concat_and_multiply(W,
 * x, h)` reads `args[0].shape`).
 */
export function extraArgumentsInput(rt: Runtime, arg: readonly PointValue[], name: string, tape: Tape | null, site: number): { value: Value; ids: readonly number[] } {
  return numpyStructure(rt, arg, name, tape, site);
}

function numpyStructure(rt: Runtime, arg: PointValue, name: string, tape: Tape | null, site: number): { value: Value; ids: readonly number[] } {
  const ids: number[] = [];
  const convert = (v: PointValue, inList: boolean): Value => {
    if (typeof v === 'number') {
      if (!tape) return v;
      const id = tape.input(v, site);
      ids.push(id);
      return new Tracked(id, v);
    }
    if (isPointText(v)) return textValue(v);
    if (isPointObject(v)) {
      if (inList) return fail('point', `the value of ${name} holds an object inside a list; a point's lists hold numbers and lists`, rt.sites[site]!);
      return makeDict(rt, Object.keys(v).map((k) => [k, convert(v[k]!, false)] as const), site);
    }
    const shape = listShape(v);
    if (!shape) return new SequenceValue(v.map((x) => convert(x, true)), false);
    const data = Float64Array.from(pointLeaves(v));
    if (!tape) return constant(shape, data);
    const p = parameterArray(rt, shape, data, site);
    for (const id of p.ids) ids.push(id);
    return p.value;
  };
  const value = isPointObject(arg) ? convert(arg, false) : new SequenceValue((arg as readonly PointValue[]).map((x) => convert(x, true)), false);
  if (tape) tape.labelInputs(ids[0] ?? 0, ids.length, name, arg);
  return { value, ids };
}

/**
 * `@wrt self.w`: the attribute's value on the instance just made becomes an input of the recording
 * (an array stays an array, a list of numbers a list), set back on the instance before the method runs.
 */
export function attributeInput(rt: Runtime, receiver: Value | undefined, name: string, tape: Tape | null, site: number): ParameterLayout {
  const attribute = receiverAttribute(name);
  if (receiver === undefined || attribute === undefined) return fail('point', `@wrt ${name}: only a method that runs on an instance has attributes to differentiate`, rt.sites[site]!);
  const now = getAttribute(rt, receiver, attribute, site);
  const value = attributePoint(now);
  if (value === undefined) return fail('point', `@wrt ${name}: ${name} is ${typeName(now)} on the instance, not a number or an array or list of numbers`, rt.sites[site]!);
  // A dict of arrays comes back a dict of arrays (numpyStructure), as a dict parameter does.
  const input = inputValue(rt, value, name, tape, now instanceof ArrayValue || now instanceof DictValue, site);
  placeAttribute(rt, receiver, attribute, input.value, site);
  return { name, value, ids: input.ids };
}

/**
 * `@wrt this` (and the default of a method without parameters, `length()`): every attribute in
 * `fields` (those the method reads) that the instance holds as a number, an array or a list of
 * numbers becomes an input, as `@wrt this.x` makes one, and the layout is one object of them under
 * the receiver's name, so the gradient nests as an object parameter's does (`{"this": {"x": …}}`).
 * Only the instance's own fields: a getter or a method of its class is no value to vary.
 */
export function receiverInput(rt: Runtime, receiver: Value | undefined, name: string, fields: readonly string[], tape: Tape | null, site: number): ParameterLayout {
  if (receiver instanceof TypedArrayValue && receiver.cls) return elementInputs(rt, receiver, name, fields, tape, site);
  if (!(receiver instanceof InstanceValue)) return fail('point', `@wrt ${name}: only a method that runs on an instance has attributes to differentiate`, rt.sites[site]!);
  const made = fieldInputs(rt, receiver, name, tape, site, 0, (field) => fields.includes(field));
  if (made.ids.length === 0) return fail('point', `@wrt ${name}: the instance holds no number among the attributes the method reads (${fields.join(', ') || 'none'})`, rt.sites[site]!);
  return { name, value: made.value, ids: made.ids };
}

/**
 * An instance that is a typed array (gl-matrix's `class Vec2 extends Float64Array`): the elements the
 * method reads (`fields`, "0", "1", …) made inputs in place, its gradient keyed as they are.
 */
function elementInputs(rt: Runtime, receiver: TypedArrayValue, name: string, fields: readonly string[], tape: Tape | null, site: number): ParameterLayout {
  const value = keyedRecord<PointValue>();
  const ids: number[] = [];
  receiver.items.forEach((now, i) => {
    if (typeof now !== 'number' || !fields.includes(String(i))) return;
    const input = inputValue(rt, now, `${name}.${i}`, tape, false, site);
    receiver.items[i] = input.value;
    value[String(i)] = now;
    for (const id of input.ids) ids.push(id);
  });
  if (ids.length === 0 && tape) return fail('point', `@wrt ${name}: the instance holds no number among the elements the method reads (${fields.join(', ') || 'none'})`, rt.sites[site]!);
  return { name, value, ids };
}

/**
 * The numeric fields of an instance (those `chosen`) made inputs in place; a field holding an
 * instance (`this.start = new Vector3()`, three.js's Line3) stays that instance, its numbers inputs
 * in turn (a few levels deep), so its methods still work.
 */
function fieldInputs(rt: Runtime, instance: InstanceValue, name: string, tape: Tape | null, site: number, depth: number, chosen: (field: string) => boolean = () => true): { value: Record<string, PointValue>; ids: number[] } {
  const value = keyedRecord<PointValue>();
  const ids: number[] = [];
  for (const [field, now] of [...instance.fields]) {
    if (!chosen(field)) continue;
    if (now instanceof InstanceValue) {
      if (depth >= 3 || now === instance) continue;
      const nested = fieldInputs(rt, now, `${name}.${field}`, tape, site, depth + 1);
      if (Object.keys(nested.value).length > 0) value[field] = nested.value;
      for (const id of nested.ids) ids.push(id);
      continue;
    }
    const point = attributePoint(now);
    if (point === undefined) continue;
    const input = inputValue(rt, point, `${name}.${field}`, tape, now instanceof ArrayValue, site);
    placeAttribute(rt, instance, field, input.value, site);
    value[field] = point;
    for (const id of input.ids) ids.push(id);
  }
  return { value, ids };
}

/** An attribute's value as a point: a number, or a float array or (nested) list of numbers; else undefined. */
export function attributePoint(v: Value): PointValue | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof ArrayValue) return v.dtype === 'bool' || v.row >= 0 ? undefined : (nestedList(v.shape, Array.from(v.data)) as PointValue);
  if (v instanceof SequenceValue) {
    const items = v.items.map(attributePoint);
    return items.every((x) => x !== undefined) ? (items as PointValue[]) : undefined;
  }
  // CS231n's `self.params = {"W1": …, "b1": …}`: weights kept in a dict of string keys, an object of them.
  if (v instanceof DictValue && v.entries.size > 0) {
    const out = keyedRecord<PointValue>();
    for (const { key, value } of v.entries.values()) {
      const item = typeof key === 'string' && !(value instanceof DictValue) ? attributePoint(value) : undefined;
      if (item === undefined) return undefined;
      out[key as string] = item;
    }
    return out;
  }
  return undefined;
}

export function constantValue(rt: Runtime, v: PointValue, arrays: boolean, site: number): Value {
  if (typeof v === 'number') return v;
  if (isPointText(v)) return textValue(v);
  if (arrays) {
    const shape = listShape(v);
    if (shape) return constant(shape, Float64Array.from(pointLeaves(v)));
  }
  return argumentValue(rt, v, (x) => x, site);
}
