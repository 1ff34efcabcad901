import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import type { ScalarKind } from '../interpreter/scalarKinds';
import { SequenceValue, Tracked, type Value } from '../interpreter/values';
import type { Impl } from './args';
import { ArrayValue, broadcastMap, broadcastShapes, expand, formatShape, sizeOf, type DType } from './ndarray';
import { asArray, constant, type Operand } from './record';

/**
 * numpy's dtypes of results (bool < int64 < float64; GradLens computes every one in float64 and keeps
 * the dtype beside the numbers): what an operation's operands make, what a write into an int or bool
 * array stores, and where a dtype GradLens guessed must be said. Gradients flow through floats only:
 * an int array is data.
 */

export interface Typed {
  readonly dtype: DType;
  /** An int taken from a whole number whose Python type the source does not say (ArrayValue.wholeGuess). */
  readonly guess: boolean;
}

const RANK: Readonly<Record<DType, number>> = { bool: 0, int: 1, float: 2 };

/** A scalar's dtype: a differentiated or non-integer number is a float; a whole one is its kind, or a guessed int. */
export function scalarDtype(v: number | Tracked | boolean, kind: ScalarKind): Typed {
  if (typeof v === 'boolean' || kind === 'bool') return { dtype: typeof v === 'boolean' || v === 0 || v === 1 ? 'bool' : 'int', guess: false };
  if (v instanceof Tracked || !Number.isInteger(v) || kind === 'float') return { dtype: 'float', guess: false };
  return { dtype: 'int', guess: kind !== 'int' };
}

/** An operand's dtype (undefined for what is not numbers: None, a string, a function). */
export function dtypeOfValue(v: Value, kind: ScalarKind = undefined): Typed | undefined {
  if (v instanceof ArrayValue) return { dtype: v.dtype, guess: v.wholeGuess };
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Tracked) return scalarDtype(v, kind);
  if (v instanceof SequenceValue) {
    const items = v.items.map((x) => dtypeOfValue(x));
    return items.every((t) => t !== undefined) && items.length > 0 ? promote(items as Typed[]) : undefined;
  }
  return undefined;
}

/** numpy's promotion: the widest dtype; an int is a guess when a guessed int made it. */
export function promote(types: readonly Typed[]): Typed {
  let dtype: DType = 'bool';
  for (const t of types) if (RANK[t.dtype] > RANK[dtype]) dtype = t.dtype;
  return { dtype, guess: dtype === 'int' && types.some((t) => t.dtype === 'int' && t.guess) };
}

/** Gives `out` the dtype `t` (a bool result's values as numpy's: nonzero is True). Returns it. */
export function withDtype(out: ArrayValue, t: Typed): ArrayValue {
  if (t.dtype === 'bool' && out.row < 0) {
    const data = out.transientData();
    for (let i = 0; i < out.size; i++) if (data[i] !== 0 && data[i] !== 1) data[i] = 1;
  } else if (t.dtype === 'int' && !t.guess && out.row < 0) {
    // an integer has no negative zero (`np.mod(np.array([4]), -2)` is 0, and 1 / it is inf)
    const data = out.transientData();
    for (let i = 0; i < out.size; i++) if (data[i] === 0) data[i] = 0;
  }
  out.dtype = t.dtype;
  out.wholeGuess = t.guess;
  return out;
}

const GUESS_NOTE =
  'GradLens took this array as int64 because it was made from whole numbers whose Python type (int or float) the source does not say (an element read back from an array, a parameter): if they were floats, numpy holds floats';

/** Where a guessed int dtype changes a number or a branch: said, never silent. */
export function warnGuessedInt(rt: Runtime, what: string, site: number): void {
  rt.warn('unsupported', `${what}: ${GUESS_NOTE}`, site);
}

/**
 * A scalar written into an element of an int or bool array, as numpy stores it: an int truncates
 * toward zero, a bool is whether it is nonzero. A differentiated value becomes data (its derivative
 * through the truncation is 0).
 */
export function storedScalar(rt: Runtime, base: ArrayValue, v: number | Tracked, site: number): number | Tracked {
  if (base.dtype === 'float') return v;
  const x = v instanceof Tracked ? v.value : v;
  if (v instanceof Tracked) rt.warn('zero-derivative', `a differentiated value stored into an ${base.dtype === 'int' ? 'int64' : 'bool'} array becomes data, as numpy casts it (${base.dtype === 'int' ? 'truncated' : 'tested ≠ 0'}): its derivative is 0 from here (make the array float to differentiate through it)`, site);
  if (base.dtype === 'bool') return x !== 0 ? 1 : 0;
  if (Number.isInteger(x)) return x;
  if (!Number.isFinite(x)) fail('domain', `cannot store ${x} in an int64 array (numpy raises here)`, rt.sites[site]!);
  if (base.wholeGuess) warnGuessedInt(rt, `a write of ${x} truncated to ${Math.trunc(x)}`, site);
  return Math.trunc(x);
}

/** The numbers of an array written into an int or bool array, as storedScalar stores each. */
export function storedArray(rt: Runtime, base: ArrayValue, value: ArrayValue, site: number): ArrayValue {
  if (base.dtype === 'float' || value.dtype === base.dtype || (base.dtype === 'int' && value.dtype === 'bool')) return value;
  if (value.row >= 0) rt.warn('zero-derivative', `differentiated values stored into an ${base.dtype === 'int' ? 'int64' : 'bool'} array become data, as numpy casts them: their derivative is 0 from here (make the array float to differentiate through it)`, site);
  const src = value.data;
  const out = new Float64Array(value.size);
  let truncated = false;
  for (let i = 0; i < out.length; i++) {
    out[i] = storedScalar(rt, base, src[i]!, site) as number;
    if (out[i] !== src[i]) truncated = true;
  }
  if (truncated && base.dtype === 'int' && base.wholeGuess) warnGuessedInt(rt, 'a write of non-integers truncated', site);
  return new ArrayValue(value.shape, out, -1, base.dtype);
}

/** Keywords that are no operand of the result (`axis=`, `out=`): they make no dtype. */
const NOT_OPERANDS = new Set(['axis', 'axes', 'keepdims', 'out', 'dtype', 'where', 'initial', 'ddof', 'n', 'prepend', 'append', 'condition']);

/** The implementations made by keepingDtype: a compiled call hands them its arguments' kinds (Runtime.argumentKinds). */
const KIND_READERS = new WeakSet<Impl>();

export function readsArgumentKinds(impl: Impl): boolean {
  return KIND_READERS.has(impl);
}

/** An implementation that reads its positional arguments' kinds (`np.full(3, 2.0)` is float64, `np.full(3, 2)` int64). */
export function withArgumentKinds(impl: (rt: Runtime, args: Value[], kw: Parameters<Impl>[2], site: number, kinds: readonly ScalarKind[]) => Value): Impl {
  const wrapped: Impl = (rt, args, kw, site) => {
    const kinds = rt.argumentKinds ?? [];
    rt.argumentKinds = undefined;
    return impl(rt, args, kw, site, kinds);
  };
  KIND_READERS.add(wrapped);
  return wrapped;
}

/**
 * A numpy function whose result keeps its operands' dtype (`np.maximum` of ints is ints, `np.sum`
 * of ints an int): its implementation computes in float64, and the result takes the promoted dtype
 * of the positional arguments `operands` (all when undefined) and of the keywords that are operands.
 * `bools`: what bool operands make (`np.sum` of bools counts them: int; `np.max` of bools is a bool).
 */
export function keepingDtype(impl: Impl, bools: 'int' | 'bool', operands?: readonly number[]): Impl {
  const wrapped: Impl = (rt, args, kw, site) => {
    const kinds = rt.argumentKinds;
    rt.argumentKinds = undefined;
    const out = impl(rt, args, kw, site);
    if (!(out instanceof ArrayValue) || args.includes(out)) return out;
    // a float array operand makes floats (the common case, decided before any promotion)
    if (out.dtype === 'float' && args.some((a) => a instanceof ArrayValue && a.dtype === 'float') && (operands === undefined || operands.some((i) => args[i] instanceof ArrayValue && (args[i] as ArrayValue).dtype === 'float'))) return out;
    const picked = (operands ?? args.map((_, i) => i)).filter((i) => i < args.length);
    // None (`np.clip(a, None, 5)`) is no operand
    const types = [...picked.map((i) => dtypeOfValue(args[i]!, kinds?.[i])), ...kw.filter((k) => !NOT_OPERANDS.has(k.name)).map((k) => dtypeOfValue(k.value))].filter((t) => t !== undefined);
    if (types.length === 0) return out;
    const t = promote(types);
    return withDtype(out, t.dtype === 'bool' && bools === 'int' ? { dtype: 'int', guess: false } : t);
  };
  KIND_READERS.add(wrapped);
  return wrapped;
}

/**
 * The dtype numpy gives `a op b` (bool < int64 < float64): `/` is a float; a boolean `-` is numpy's
 * TypeError; an int to a negative int power numpy's ValueError.
 */
export function binaryDtype(rt: Runtime, op: string, ta: Typed | undefined, tb: Typed | undefined, b: Operand, site: number): Typed {
  if (op === '/' || ta === undefined || tb === undefined) return FLOAT;
  const t = promote([ta, tb]);
  if (t.dtype === 'bool') {
    if (op === '-') fail('type', 'numpy does not subtract boolean arrays with `-`: use `^` or np.logical_xor', rt.sites[site]!);
    return op === '+' || op === '*' || op === '@' ? t : { dtype: 'int', guess: false };
  }
  if (t.dtype === 'int' && op === '**') {
    const exponents = b instanceof ArrayValue ? b.data : [typeof b === 'number' ? b : b.value];
    if (exponents.some((x) => x < 0)) fail('domain', 'numpy raises "Integers to negative integer powers are not allowed": write the base as a float (2.0 ** -1, a.astype(float))', rt.sites[site]!);
  }
  return t;
}

const FLOAT: Typed = { dtype: 'float', guess: false };

/**
 * `//` and `%` of ints as numpy computes them: floor division and the divisor's sign, and 0 where
 * the divisor is 0 (numpy warns "divide by zero" and gives 0, where a float gives ±inf or nan).
 * Ints are data: the result is a constant.
 */
export function integerDivision(rt: Runtime, op: '//' | '%', a: Operand, b: Operand, t: Typed, site: number): ArrayValue {
  const x = asArray(rt, a, site);
  const y = asArray(rt, b, site);
  const shape = broadcastShapes(x.shape, y.shape);
  if (!shape) fail('shape', `operands could not be broadcast together with ${op}: shapes ${formatShape(x.shape)} and ${formatShape(y.shape)}`, rt.sites[site]!);
  const n = sizeOf(shape);
  const xs = expand(x.data, broadcastMap(x.shape, shape), n);
  const ys = expand(y.data, broadcastMap(y.shape, shape), n);
  const out = new Float64Array(n);
  let byZero = false;
  for (let i = 0; i < n; i++) {
    const d = ys[i]!;
    if (d === 0) {
      byZero = true;
      continue;
    }
    const q = Math.floor(xs[i]! / d);
    out[i] = op === '//' ? q : xs[i]! - d * q;
  }
  if (byZero) rt.warn('domain', `integer ${op === '//' ? 'division' : 'modulo'} by zero: numpy gives 0 there (with a RuntimeWarning), and so does GradLens`, site);
  return withDtype(constant(shape, out), t);
}
