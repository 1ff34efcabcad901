import { keyedRecord } from '../core/keyed';
import { isPointObject, mapPointTree, pointLeaves } from '../core/pointTree';
import type { Diagnostic } from '../core/diagnostic';
import type { PointValue } from '../engine/run';
import type { IrExpr, IrFunction } from '../ir/nodes';
import { describeKind, type InferredParameter, type InferredShapes, type ObjectKeys, type ParameterKind } from './shapes';

/**
 * Sample points: where nothing else gives a function a point, values of the inferred shapes. They
 * are deterministic (the same file gives the same point every time), distinct from each other (a
 * symmetric point hides swapped components), and tried in order until the function evaluates to
 * finite numbers there: first all in [0.3, 0.9] (positive, inside the domains of log, sqrt, arcsin
 * and arccos), then in [1.2, 2.4] (arccosh, log(x − 1)), then of both signs in [−0.9, 0.9], then
 * negative in [−0.9, −0.3]. Labels
 * are 0, 1, 2, … below the size of the axis they index; counts are 3.
 */
export const SAMPLE_RANGES: readonly (readonly [number, number])[] = [
  [0.3, 0.9],
  [1.2, 2.4],
  [-0.9, 0.9],
  [-0.9, -0.3],
];

/**
 * The ranges to try, in order: where the function compares a parameter with a constant c (numpy-ml's
 * LeakyReLU masks `z < 0`), first [c − 0.9, c + 0.9], so a vector's entries fall on both sides and a
 * check sees both branches; then SAMPLE_RANGES.
 */
export function sampleRanges(shapes: InferredShapes): (readonly [number, number])[] {
  const c = shapes.branchesAt[0];
  return c === undefined ? [...SAMPLE_RANGES] : [[c - 0.9, c + 0.9], ...SAMPLE_RANGES];
}

/**
 * An n×n symmetric matrix whose diagonal entries exceed n − 1 and every other entry is below 1 in
 * size: diagonally dominant with a positive diagonal, so positive definite (a Cholesky factor exists).
 */
function definiteMatrix(n: number, next: () => number): number[][] {
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    m[i]![i] = n + next();
    for (let j = 0; j < i; j++) m[i]![j] = m[j]![i] = next();
  }
  return m;
}

/** The values for one candidate range: entry k of the whole point at lo + (hi − lo)·frac(k·φ). */
export function sampleValues(shapes: InferredShapes, range: readonly [number, number]): Record<string, PointValue> {
  const [lo, hi] = range;
  let k = 0;
  const next = (): number => {
    k++;
    const u = (k * 0.6180339887498949 + 0.1) % 1;
    return Math.round((lo + (hi - lo) * u) * 1000) / 1000;
  };
  let label = 0;
  const fill = (shape: readonly number[], make: () => number): PointValue => (shape.length === 0 ? make() : Array.from({ length: shape[0]! }, () => fill(shape.slice(1), make)));
  const value = (kind: ParameterKind): PointValue | undefined => {
    switch (kind.kind) {
      case 'scalar': {
        // A tolerance takes its small number; the others keep the numbers they had without it.
        const v = next();
        return kind.tolerance ?? v;
      }
      case 'array':
        return kind.definite ? definiteMatrix(kind.shape[0]!, next) : fill(kind.shape, next);
      case 'labels':
        return fill(kind.shape, () => label++ % Math.max(kind.below, 1));
      case 'count':
        return kind.value;
      case 'counts':
        return [...kind.values];
      case 'onehot':
        return Array.from({ length: kind.shape[0]! }, (_, i) => Array.from({ length: kind.shape[1]! }, (_, j) => (j === i % kind.shape[1]! ? 1 : 0)));
      case 'object':
        return fillObject(kind, next);
      case 'objects':
        return Array.from({ length: kind.length }, () => fillObject(kind, next));
      case 'instance':
        return orderedBounds(fillLeaves(kind.template, next));
      case 'tuples':
        return Array.from({ length: kind.length }, () => kind.items.map((item) => fill(item.kind === 'array' ? item.shape : [], next)));
      case 'record': {
        const entries = keyedRecord<PointValue>();
        for (const e of kind.entries) entries[e.key] = value(e.kind)!;
        return entries;
      }
      case 'default':
        return undefined;
      default:
        // Every kind has its case: a kind added without one is a type error here, not a missing value.
        return kind satisfies never;
    }
  };
  const out = keyedRecord<PointValue>();
  for (const p of shapes.parameters) {
    const v = value(p.kind);
    if (v !== undefined) out[p.name] = v;
  }
  return withStrings(out, new Map(shapes.documentedText.map((d) => [d.name, d.text])));
}

/**
 * `values` with strings in place: a parameter's own (`module="C"`), or an entry of a dict parameter
 * (`bn_param["mode"]` → `bn_param={"mode": "train", …}`), nested keys followed.
 */
export function withStrings(values: Record<string, PointValue>, strings: ReadonlyMap<string, string>): Record<string, PointValue> {
  for (const [path, text] of strings) {
    const name = /^[^[]+/.exec(path)![0];
    if (name === path) {
      values[name] = text;
      continue;
    }
    const value = values[name];
    if (value === undefined || typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const keys = [...path.slice(name.length).matchAll(/\[("(?:[^"\\]|\\.)*")\]/g)].map((m) => JSON.parse(m[1]!) as string);
    let at: Record<string, PointValue> | undefined = (values[name] = structuredClone(value) as Record<string, PointValue>);
    for (const key of keys.slice(0, -1)) at = at && typeof at[key] === 'object' && at[key] !== null && !Array.isArray(at[key]) ? (at[key] as Record<string, PointValue>) : undefined;
    if (at && keys.length > 0) at[keys[keys.length - 1]!] = text;
  }
  return values;
}

/**
 * A sample's failure that says its shapes are wrong (so other sizes, or a batch, may run): also a
 * typed array's `.set(a)` with more entries than it holds (gl-matrix v4's `copy(a)` into a Vec2).
 */
export const sampleShapeError = (d: Diagnostic): boolean =>
  d.code === 'shape' || (d.code === 'index' && /out of bounds for an array of dimension|too many indices for array|^\.set\(\) of \d+ elements at offset \d+ does not fit/.test(d.message));

/**
 * `values` with the numbers of its scalar parameters in reverse order (`price, S, K` = 0.731, 0.502,
 * 0.872 → 0.872, 0.502, 0.731); undefined with fewer than two.
 */
export function reversedScalars(shapes: InferredShapes, values: Readonly<Record<string, PointValue>>): Record<string, PointValue> | undefined {
  const scalars = shapes.parameters.filter((p) => p.kind.kind === 'scalar' && typeof values[p.name] === 'number').map((p) => p.name);
  if (scalars.length < 2) return undefined;
  const out = keyedRecord<PointValue>();
  Object.assign(out, values);
  scalars.forEach((name, i) => (out[name] = values[scalars[scalars.length - 1 - i]!]!));
  return out;
}

/** An object of numbers with these keys, nested where a key holds an object (`{pos: {x, y}, m}`). */
function fillObject(keys: ObjectKeys, next: () => number): PointValue {
  const out = keyedRecord<PointValue>();
  for (const key of keys.keys) {
    const inner = keys.objects?.[key];
    const length = keys.lists?.[key];
    out[key] = inner ? fillObject(inner, next) : length !== undefined ? Array.from({ length }, next) : next();
  }
  return out;
}

/** `template` with each number replaced by the next sample number (an instance's fields). */
function fillLeaves(template: PointValue, next: () => number): PointValue {
  if (typeof template === 'number') return next();
  if (Array.isArray(template)) return template.map((v: PointValue) => fillLeaves(v, next));
  if (template !== null && typeof template === 'object') {
    const out = keyedRecord<PointValue>();
    for (const [k, v] of Object.entries(template as Record<string, PointValue>)) out[k] = fillLeaves(v, next);
    return out;
  }
  return template;
}

/** `{m, pos: {x, y}}`. */
function describeKeys(keys: ObjectKeys): string {
  return `{${keys.keys.map((key) => (keys.objects?.[key] ? `${key}: ${describeKeys(keys.objects[key])}` : keys.lists?.[key] !== undefined ? `${key}: ${keys.lists[key]} numbers` : key)).join(', ')}}`;
}

/**
 * The values of `range`'s candidate with the parameters the code treats as integers at `whole`
 * (`Number.isInteger(n)`, `n === 2`): tried only when no range evaluates with every number fractional.
 */
export function wholeSampleValues(shapes: InferredShapes, range: readonly [number, number], whole: number): Record<string, PointValue> {
  const values = sampleValues(shapes, range);
  for (const name of shapes.integerLike) values[name] = whole;
  return values;
}

/**
 * The sample with every count (and every count in a dict of settings) set to 1: a stride or a pool
 * width of 3 may leave a small sample input no output at all (`1 + (2 - 3) // 3` windows); undefined
 * when the function takes no count.
 */
export function smallestCounts(shapes: InferredShapes, range: readonly [number, number]): Record<string, PointValue> | undefined {
  let any = false;
  const lowered = (kind: ParameterKind): ParameterKind => {
    if (kind.kind === 'count') {
      any = true;
      return { kind: 'count', value: 1 };
    }
    return kind.kind === 'record' ? { ...kind, entries: kind.entries.map((e) => ({ key: e.key, kind: lowered(e.kind) })) } : kind;
  };
  const parameters = shapes.parameters.map((p) => ({ ...p, kind: lowered(p.kind) }));
  return any ? sampleValues({ ...shapes, parameters }, range) : undefined;
}

/** `x: a vector of 3`, `W: 2×4`, `y: labels below 4 (3)`: one parameter's inferred kind, for hovers. */
export function describeParameter(p: InferredParameter): string {
  const k = p.kind;
  const text =
    k.kind === 'scalar' || k.kind === 'array' ? describeKind(k)
    : k.kind === 'tuples' ? `a list of ${k.length} tuples (${k.items.map(describeKind).join(', ')})`
    : k.kind === 'labels' ? `integer labels below ${k.below}${k.shape.length ? ` (${k.shape.join('×')})` : ''}`
    : k.kind === 'count' ? `a count (${k.value})`
    : k.kind === 'counts' ? `whole numbers (${k.values.join(', ')})`
    : k.kind === 'onehot' ? `one-hot rows (${k.shape.join('×')})`
    : k.kind === 'object' ? `an object ${describeKeys(k)}`
    : k.kind === 'objects' ? `a list of ${k.length} objects ${describeKeys(k)}`
    : k.kind === 'record' ? describeKind(k)
    : k.kind === 'instance' ? `an instance of ${k.cls}, its fields ${Object.keys(k.template as object).join(', ')} sampled`
    : p.optional ? 'left out'
    : 'its default';
  return `${p.name}: ${text}${p.ambiguous ? ` — ${p.ambiguous}` : ''}`;
}

/**
 * JavaScript's parameters with defaults (`function f(x, k = 2)`): a sample takes the default, as a
 * call that leaves them out does, and differentiates the others; a note says so, and how to vary
 * one. A default that is a plain number is named.
 */
export function defaultParameterNotes(fn: IrFunction): string[] {
  if (!fn.looseArity) return [];
  return fn.params.filter((p) => p.default && p.kind === undefined && p.name !== 'this').map((p) => {
    const number = numberDefault(p.default)?.value;
    return `${p.name}: its default${number === undefined ? '' : ` ${number}`}, not differentiated — give it with @at to differentiate it`;
  });
}

/**
 * `shapes` with JavaScript's optional parameters (shapes/optionalParameters.ts) given the kinds their
 * use implies, said so: the last try, when the function gives no finite value without them.
 * Undefined when it has none.
 */
export function withOptionalGiven(shapes: InferredShapes): InferredShapes | undefined {
  if (!shapes.parameters.some((p) => p.optional)) return undefined;
  const given = (p: InferredParameter): InferredParameter => ({ name: p.name, kind: p.optional!, ambiguous: 'optional (the code asks whether it is given), but without it the function stops or gives no finite value: sampled' });
  return { ...shapes, parameters: shapes.parameters.map((p) => (p.optional ? given(p) : p)) };
}

/**
 * Bounds sampled as bounds: a `min` and a `max` of the same shape (three.js's Box2/Box3) get the
 * smaller sampled number of each pair in `min`, so the box they make is not empty.
 */
function orderedBounds(sampled: PointValue): PointValue {
  if (!isPointObject(sampled)) return sampled;
  const [lo, hi] = [sampled['min'], sampled['max']];
  if (lo === undefined || hi === undefined) return sampled;
  const los = pointLeaves(lo);
  const his = pointLeaves(hi);
  if (los.length !== his.length) return sampled;
  let i = 0;
  let j = 0;
  return { ...sampled, min: mapPointTree(lo, () => Math.min(los[i]!, his[i++]!)) as PointValue, max: mapPointTree(hi, () => Math.max(los[j]!, his[j++]!)) as PointValue };
}

/**
 * A function whose every parameter has a default (`def pendulum_period(L=1.0, g=9.81)`,
 * `predict(u = 0)`): its point is its defaults, as the call that leaves them all out computes, and
 * the ones written as numbers are differentiated there. In Python an integer default (`n=10`,
 * `degree=3`) is held as a whole number, not differentiated, and a function with no float default
 * among them has nothing to differentiate. Undefined when some parameter has no number for a
 * default (`None`, a list, a call), or when none does.
 */
export function defaultsPoint(fn: IrFunction, python: boolean): { values: Record<string, PointValue>; whole: string[]; note: string } | undefined {
  const params = fn.params.filter((p) => p.name !== 'self' && p.name !== 'this');
  if (params.length === 0 || params.some((p) => p.kind !== undefined && p.kind !== 'kwonly')) return undefined;
  const values = keyedRecord<PointValue>();
  const whole: string[] = [];
  for (const p of params) {
    const number = numberDefault(p.default);
    if (!number) return undefined;
    values[p.name] = number.value;
    if (python && !number.float) whole.push(p.name);
  }
  const varied = params.filter((p) => !whole.includes(p.name)).map((p) => p.name);
  if (varied.length === 0) return undefined;
  const held = whole.length > 0 ? `; ${whole.join(', ')}: whole-number defaults, held` : '';
  return { values, whole, note: `${varied.join(', ')}: ${varied.length === 1 ? 'its default' : 'their defaults'}, differentiated — every parameter has a default, and the call that leaves them out computes this${held}` };
}

/** A default written as a number (`2.0`, `-1`): its value, and whether it is written as a float. */
function numberDefault(d: IrExpr | undefined): { value: number; float: boolean } | undefined {
  if (d?.kind === 'number') return { value: d.value, float: d.float === true };
  if (d?.kind === 'unary' && d.op === '-' && d.operand.kind === 'number') return { value: -d.operand.value, float: d.operand.float === true };
  return undefined;
}
