import { fail, type Diagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import { keyedRecord } from '../core/keyed';
import type { IrFunction } from '../ir/nodes';
import { outputArguments } from '../ir/walk';
import type { Runtime } from './interpreter/runtime';
import { DictValue, ExactInteger, InstanceValue, NoneValue, SequenceValue, Tracked, runningJavaScript, typeName, word, type Value } from './interpreter/values';
import { ArrayValue, formatShape, nestedList } from './array/ndarray';
import { nonFiniteWarning } from './nonFinite';
import type { PointValue } from './run';

/** What a run gives back, flattened for the sweeps: the result's numbers, their tape ids and its shape. */

/**
 * The result's numbers, after any element an array operation had no value for: an error if a
 * non-finite number reached the result, else a warning that numpy's nan there went unused.
 */
export function outputOf(rt: Runtime, v: Value, site: number, values: number[], ids: number[]): PointValue {
  if (v instanceof NoneValue) fail('no-output', `the function returned ${typeName(v)}: nothing to differentiate`, rt.sites[site]!);
  const template = flattenOutput(rt, v, site, values, ids);
  const deferred = rt.deferredDomain;
  if (deferred) {
    if (values.some((x) => !Number.isFinite(x))) fail('domain', deferred.message, rt.sites[deferred.site]!, deferred.values);
    if (!deferred.said) rt.warn('domain', `${deferred.message}: numpy gives nan (or ±inf) there and goes on, and the result does not use it`, deferred.site, deferred.values);
  }
  return template;
}

function flattenOutput(rt: Runtime, v: Value, site: number, values: number[], ids: number[]): PointValue {
  if (v instanceof ArrayValue) {
    if (v.dtype === 'bool') fail('type', `the function returned a boolean array of shape ${formatShape(v.shape)}, not numbers`, rt.sites[site]!);
    const data = v.data;
    const row = v.row;
    const leaves = Array.from(data, (x, i) => {
      values.push(x);
      ids.push(row >= 0 && rt.tape ? rt.tape.pushElement(row, i, x, site) : -1);
      return values.length - 1;
    });
    return nestedList(v.shape, leaves) as PointValue;
  }
  if (typeof v === 'number' || v instanceof Tracked || typeof v === 'boolean') {
    if (typeof v === 'boolean') fail('type', 'the function returned a boolean, not a number', rt.sites[site]!);
    values.push(typeof v === 'number' ? v : v.value);
    ids.push(typeof v === 'number' ? -1 : v.id);
    return values.length - 1;
  }
  if (v instanceof ExactInteger) {
    // JSON and float64 cannot hold it: the nearest float64 is shown, and the exact int is said.
    rt.warn('inexact-integer', `the value holds the integer ${v.value.toString()}, shown as the nearest float64 (${Number(v.value)})`, site);
    values.push(Number(v.value));
    ids.push(-1);
    return values.length - 1;
  }
  if (v instanceof SequenceValue) {
    // A layer's `(out, cache)` whose cache holds None (CS231n's dropout mask in test mode), a flag or
    // a text: those parts are carried as they are, never differentiated, once the result holds a number.
    const carried = containsNumber(v);
    return v.items.map((x): PointValue => (carried && isCarriedLeaf(x) ? carriedLeaf(x) : flattenOutput(rt, x, site, values, ids)));
  }
  // An object of numbers (`return {x: …, y: …}`) or an instance (`new Vec2(a.x + b.x, …)`, a
  // dataclass, a method's `return this`): its Jacobian comes back keyed the same way. A dict's text,
  // flag and None entries are carried, as a tuple's are (CS231n's `dropout_param` returned in the cache
  // keeps its `'mode': 'test'`, as the point shows it); other entries holding no number (an instance's
  // `_op`, a callback) are left out.
  const dict = v instanceof DictValue && [...v.entries.values()].every((e) => typeof e.key === 'string');
  const entries = dict ? [...v.entries.values()].map((e) => [e.key as string, e.value] as const) : v instanceof InstanceValue ? [...v.fields] : undefined;
  if (entries?.some(([, x]) => holdsNumber(x))) {
    const out = keyedRecord<PointValue>();
    for (const [name, x] of entries) {
      if (holdsNumber(x)) out[name] = flattenOutput(rt, x, site, values, ids);
      else if (dict && isCarriedLeaf(x)) out[name] = carriedLeaf(x);
    }
    return out;
  }
  return fail('type', `the function returned ${typeName(v)}; GradLens differentiates functions that return numbers, or ${word('tuples and lists', 'arrays and objects')} of numbers`, rt.sites[site]!);
}

/** None, a flag or a text: a part of a returned tuple or list carried as a leaf of the value (`mask = None`). */
function isCarriedLeaf(v: Value): v is NoneValue | string | boolean {
  return v instanceof NoneValue || typeof v === 'string' || typeof v === 'boolean';
}

function carriedLeaf(v: NoneValue | string | boolean): PointValue {
  return v instanceof NoneValue ? null : v;
}

/** Whether a tuple or list holds a number anywhere in it (a part that is one, or holds one as holdsNumber reads). */
function containsNumber(v: SequenceValue): boolean {
  return v.items.some((x) => holdsNumber(x) || (x instanceof SequenceValue && containsNumber(x)));
}

/**
 * Whether a value is or holds a number an output can be made of (the shapes flattenOutput reads):
 * text, flags, None, functions and sets (micrograd's `_backward`, `_op`, `_prev`) hold none, and a
 * list is one only when every item is (flattenOutput keeps them all).
 */
function holdsNumber(v: Value): boolean {
  if (typeof v === 'number' || v instanceof Tracked || v instanceof ExactInteger) return true;
  if (v instanceof ArrayValue) return v.dtype !== 'bool';
  if (v instanceof SequenceValue) return v.items.length > 0 && v.items.every(holdsNumber);
  if (v instanceof DictValue) return [...v.entries.values()].every((e) => typeof e.key === 'string') && [...v.entries.values()].some((e) => holdsNumber(e.value));
  if (v instanceof InstanceValue) return [...v.fields.values()].some(holdsNumber);
  return false;
}

/**
 * What a function that returns nothing computed: the one argument it wrote into element by element
 * (BLAS-1 style `axpy(n, a, x, y)`, `scale(out, v, c)`), its value after the call — so its derivative
 * is the Jacobian of that argument's final value, its own initial value included (`y[i] += …` keeps
 * it, `out[i] = …` does not). Said in an info note. Undefined when there is not exactly one.
 */
export function outputArgument(rt: Runtime, ir: IrFunction | undefined, names: readonly string[], values: readonly Value[], site: number): Value | undefined {
  const valueOf = (name: string): Value => values[names.indexOf(name)]!;
  // Written as a whole (`out=X`, `X /= s`): in place only for an array or a list; a float or a tuple is rebound.
  const written = (ir ? outputArguments(ir, runningJavaScript() ? 'typescript' : 'python') : [])
    .filter((w) => {
      if (!names.includes(w.name)) return false;
      const v = valueOf(w.name);
      return !w.whole || v instanceof ArrayValue || (v instanceof SequenceValue && !v.isTuple);
    })
    .map((w) => w.name);
  if (written.length > 1) fail('type', `${ir!.name} returns nothing and writes into ${written.join(', ')}; GradLens differentiates one output argument, or what the function returns (\`return [${written.join(', ')}]\`)`, rt.sites[site]!);
  if (written.length !== 1) return undefined;
  const value = valueOf(written[0]!);
  // Lists and numpy arrays are written in place (`out[:] = 2 * x` of scipy's `fprime(x, out)`), as in
  // CPython; JavaScript's objects property by property (`target.x = v.x + this.x`).
  if (!(value instanceof SequenceValue) && !(value instanceof ArrayValue) && !(value instanceof DictValue) && !(value instanceof InstanceValue)) return undefined;
  rt.warn('output-argument', `${ir!.name} returns nothing and writes into ${written[0]}: its value after the call is the output differentiated`, site, undefined, 'info');
  return value;
}

/** The run's warnings, and one saying where a NaN or ∞ in the value came from (JSON prints it as null). */
export function withNonFiniteValue(rt: Runtime, values: readonly number[], fnRange: SourceRange): Diagnostic[] {
  const warnings = rt.warnings;
  let finite = true;
  for (const v of values) if (v - v !== 0) finite = false;
  if (finite) return warnings;
  const origin = rt.nonFiniteOrigin;
  warnings.push(nonFiniteWarning('the value', values, origin && { range: rt.sites[origin.site]!, what: origin.what }, fnRange));
  return warnings;
}
