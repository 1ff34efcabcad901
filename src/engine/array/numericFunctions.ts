import { fail } from '../../core/diagnostic';
import { callValue } from '../interpreter/calls';
import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, Tracked, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, bind, given, int, notYet, operand, type Impl } from './args';
import { applyAny, elementwise } from './elementwise';
import { getIndex, setIndex } from './indexing';
import { matmul } from './linalg';
import { ArrayValue, broadcastShapes, formatShape } from './ndarray';
import { asArray, constant, element, type Operand } from './record';
import { gatherOrFill } from './rearrange';
import { concatenate, gather, reshape } from './shape';

/**
 * numpy functions written as numpy writes them, from the registry's primitives, gathers and
 * matrix products, so each needs no rule of its own: logspace, geomspace, fmax, fmin, logaddexp2,
 * sinc, nan_to_num, select, piecewise, interp, polyval, convolve. Branches are chosen per element by
 * constant masks from the primal values (the derivative is the chosen branch's, as in numpy-based
 * AD: autograd, JAX).
 */

type Impls = Record<string, Impl>;

const primalOf = (s: number | Tracked): number => (typeof s === 'number' ? s : s.value);

/** A constant boolean mask of `shape` from a test on the (broadcast) values of `a`. */
function maskOf(a: ArrayValue, shape: readonly number[], test: (x: number, i: number) => boolean): ArrayValue {
  const ones = new Float64Array(shape.reduce((n, d) => n * d, 1));
  const full = elementwise_values(a, shape);
  for (let i = 0; i < ones.length; i++) ones[i] = test(full[i]!, i) ? 1 : 0;
  return constant(shape, ones, 'bool');
}

/** a's values broadcast to `shape` (plain numbers, for masks). */
function elementwise_values(a: ArrayValue, shape: readonly number[]): Float64Array {
  const n = shape.reduce((k, d) => k * d, 1);
  if (a.size === n) return a.data;
  const out = new Float64Array(n);
  const strides: number[] = [];
  let k = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const j = d - (shape.length - a.ndim);
    strides[d] = j >= 0 && a.shape[j] !== 1 ? k : 0;
    if (j >= 0) k *= a.shape[j]!;
  }
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let p = 0;
    for (let d = 0; d < shape.length; d++) p += idx[d]! * strides[d]!;
    out[i] = a.data[p]!;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** where(c, x, y) over operands, through numpy.where's implementation (a gather from both). */
function pick(rt: Runtime, c: ArrayValue, x: Operand, y: Operand, site: number, caller?: string): ArrayValue {
  return WHERE(rt, c, x, y, site, caller);
}

let WHERE: (rt: Runtime, c: ArrayValue, x: Operand, y: Operand, site: number, caller?: string) => ArrayValue;
/** numpy.ts hands its `where` over (it imports this file, so this file cannot import it). */
export function useWhere(fn: typeof WHERE): void {
  WHERE = fn;
}

function shapeOf2(rt: Runtime, a: ArrayValue, b: ArrayValue, site: number, name: string): number[] {
  const s = broadcastShapes(a.shape, b.shape);
  if (!s) fail('shape', `${name}: operands could not be broadcast together with shapes ${formatShape(a.shape)} ${formatShape(b.shape)}`, rt.sites[site]!);
  return s;
}

/** A 0-d result of scalar operands is a scalar again. */
function scalarIf(rt: Runtime, v: ArrayValue, scalar: boolean, site: number): Value {
  return scalar && v.ndim === 0 ? element(rt, v, 0, site) : v;
}

const isScalarArg = (v: Value): boolean => !(v instanceof ArrayValue) && !(v instanceof SequenceValue);

function fextreme(name: 'fmax' | 'fmin'): Impl {
  return (rt, [x0, y0], _kw, site) => {
    const x = asArray(rt, operand(rt, x0!, site), site);
    const y = asArray(rt, operand(rt, y0!, site), site);
    const shape = shapeOf2(rt, x, y, site, name);
    // numpy: the other operand where one is NaN, else maximum/minimum (the registry's, with its tie rule)
    const m = elementwise(rt, name === 'fmax' ? P.maximum : P.minimum, x, y, site);
    const out = pick(rt, maskOf(y, shape, Number.isNaN), x, pick(rt, maskOf(x, shape, Number.isNaN), y, m, site), site);
    return scalarIf(rt, out, isScalarArg(x0!) && isScalarArg(y0!), site);
  };
}

/** numpy's npy_logaddexp2: the larger plus log2(1 + 2^(smaller − larger)), x chosen where x > y. */
const logaddexp2: Impl = (rt, [x0, y0], _kw, site) => {
  const x = asArray(rt, operand(rt, x0!, site), site);
  const y = asArray(rt, operand(rt, y0!, site), site);
  const shape = shapeOf2(rt, x, y, site, 'logaddexp2');
  const yv = elementwise_values(y, shape);
  const first = maskOf(x, shape, (v, i) => v - yv[i]! > 0);
  const hi = pick(rt, first, x, y, site);
  const lo = pick(rt, first, y, x, site);
  const tail = elementwise(rt, P.mul, elementwise(rt, P.log1p, elementwise(rt, P.pow, 2, elementwise(rt, P.sub, lo, hi, site), site), undefined, site), Math.LOG2E, site);
  return scalarIf(rt, elementwise(rt, P.add, hi, tail, site), isScalarArg(x0!) && isScalarArg(y0!), site);
};

/** numpy's sinc: y = π·where(x == 0, 1e-20, x); sin(y)/y. */
const sinc: Impl = (rt, [x0], _kw, site) => {
  const x = asArray(rt, operand(rt, x0!, site), site);
  const safe = pick(rt, maskOf(x, x.shape, (v) => v === 0), 1e-20, x, site);
  const y = elementwise(rt, P.mul, Math.PI, safe, site);
  return scalarIf(rt, elementwise(rt, P.div, elementwise(rt, P.sin, y, undefined, site), y, site), isScalarArg(x0!), site);
};

const nanToNum: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'nan_to_num', ['x', 'copy', 'nan', 'posinf', 'neginf'], args, kw, site);
  const x = asArray(rt, operand(rt, b.x!, site), site);
  const value = (v: Value | undefined, d: number): Operand => (given(v) ? operand(rt, v, site) : d);
  // The replacements first, then one where over x: it then sees x directly, and gives an element
  // replaced the replacement's derivative even where x's is infinite (np.nan_to_num(np.log(x)) at 0).
  let replacement = pick(rt, maskOf(x, x.shape, Number.isNaN), value(b.nan, 0), 0, site);
  replacement = pick(rt, maskOf(x, x.shape, (v) => v === Infinity), value(b.posinf, Number.MAX_VALUE), replacement, site);
  replacement = pick(rt, maskOf(x, x.shape, (v) => v === -Infinity), value(b.neginf, -Number.MAX_VALUE), replacement, site);
  const out = pick(rt, maskOf(x, x.shape, Number.isFinite), x, replacement, site, 'np.nan_to_num');
  return scalarIf(rt, out, isScalarArg(b.x!), site);
};

const select: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'select', ['condlist', 'choicelist', 'default'], args, kw, site);
  const conds = listOf(rt, b.condlist!, site, 'select');
  const choices = listOf(rt, b.choicelist!, site, 'select');
  if (conds.length !== choices.length) fail('shape', `select: list of cases must be same length as list of conditions (${conds.length} and ${choices.length})`, rt.sites[site]!);
  // numpy: the first true condition wins, so the loop runs from the last
  let out: Operand = given(b.default) ? operand(rt, b.default, site) : 0;
  for (let i = conds.length - 1; i >= 0; i--) out = pick(rt, arr(rt, conds[i]!, site, 'select'), operand(rt, choices[i]!, site), out, site, 'np.select');
  return out as Value;
};

function listOf(rt: Runtime, v: Value, site: number, name: string): Value[] {
  if (v instanceof SequenceValue) return v.items;
  if (v instanceof ArrayValue && v.ndim > 0) return Array.from({ length: v.shape[0]! }, (_, i) => getIndex(rt, v, i, site) as Value);
  return fail('type', `${name} needs a list`, rt.sites[site]!);
}

/** numpy's piecewise: y = zeros_like(x); y[cond] = f(x[cond]) (or the constant) per case, the last an "otherwise" when one short. */
const piecewise: Impl = (rt, args, kw, site) => {
  if (args.length > 3 || kw.length > 0) fail('unsupported', 'GradLens does not support piecewise with extra arguments for the functions yet', rt.sites[site]!);
  const x = arr(rt, args[0]!, site, 'piecewise');
  const rawConds = args[1]!;
  let conds: ArrayValue[] = (rawConds instanceof SequenceValue && (rawConds.items[0] instanceof ArrayValue || rawConds.items[0] instanceof SequenceValue || x.ndim === 0) ? rawConds.items : [rawConds]).map((c) => {
    const m = arr(rt, c, site, 'piecewise');
    return constant(m.shape, Float64Array.from(m.data, (v) => (v ? 1 : 0)), 'bool');
  });
  const funcs = listOf(rt, args[2]!, site, 'piecewise');
  if (conds.length === funcs.length - 1) {
    const any = new Float64Array(x.size);
    for (const c of conds) c.data.forEach((v, i) => (any[i] = any[i]! || v));
    conds = [...conds, constant(x.shape, Float64Array.from(any, (v) => (v ? 0 : 1)), 'bool')];
  }
  if (conds.length !== funcs.length) fail('shape', `piecewise: with ${conds.length} conditions, ${conds.length} or ${conds.length + 1} functions are needed, got ${funcs.length}`, rt.sites[site]!);
  const y = constant(x.shape, new Float64Array(x.size));
  const out = new ArrayValue(y.shape, y.data, -1, 'float');
  conds.forEach((c, k) => {
    const f = funcs[k]!;
    if (typeof f === 'number' || f instanceof Tracked) setIndex(rt, out, c, f, site);
    else {
      const vals = getIndex(rt, x, c, site);
      if (vals instanceof ArrayValue && vals.size === 0) return;
      setIndex(rt, out, c, operand(rt, callValue(rt, f, [vals as Value], [], site), site), site);
    }
  });
  return out;
};

/** numpy's interp: slope·(x − xp[j]) + fp[j] on the interval, fp[j] at a knot, left/right outside. */
const interp: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'interp', ['x', 'xp', 'fp', 'left', 'right', 'period'], args, kw, site);
  notYet(rt, 'interp', b, ['period'], site);
  const x = asArray(rt, operand(rt, b.x!, site), site);
  const xp = arr(rt, b.xp!, site, 'interp');
  const fp = arr(rt, b.fp!, site, 'interp');
  if (xp.ndim !== 1 || fp.ndim !== 1 || xp.size !== fp.size || xp.size === 0) fail('shape', `interp needs 1-D xp and fp of the same nonzero length, got shapes ${formatShape(xp.shape)} and ${formatShape(fp.shape)}`, rt.sites[site]!);
  const n = xp.size;
  const xs = xp.data;
  // per element: the interval j (xp[j] ≤ x < xp[j+1]), clamped so every gather is in range
  const jOf = (v: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (xs[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const j = Int32Array.from(x.data, (v) => Math.min(jOf(v), Math.max(n - 2, 0)));
  const at = (a: ArrayValue, shift: number): ArrayValue => gather(rt, 'interp', a, x.shape, Int32Array.from(j, (k) => Math.min(k + shift, n - 1)), site);
  const [x0, x1, f0, f1] = [at(xp, 0), at(xp, 1), at(fp, 0), at(fp, 1)];
  const inside = n === 1 ? f0 : elementwise(rt, P.add, elementwise(rt, P.mul, elementwise(rt, P.div, elementwise(rt, P.sub, f1, f0, site), elementwise(rt, P.sub, x1, x0, site), site), elementwise(rt, P.sub, x, x0, site), site), f0, site);
  const knot = Int32Array.from(x.data, (v) => {
    const k = jOf(v);
    return xs[k] === v ? k : -1;
  });
  let out = pick(rt, constant(x.shape, Float64Array.from(knot, (k) => (k >= 0 ? 1 : 0)), 'bool'), gather(rt, 'interp', fp, x.shape, Int32Array.from(knot, (k) => Math.max(k, 0)), site), inside, site);
  const left: Operand = given(b.left) ? operand(rt, b.left, site) : element(rt, fp, 0, site);
  const right: Operand = given(b.right) ? operand(rt, b.right, site) : element(rt, fp, n - 1, site);
  out = pick(rt, maskOf(x, x.shape, (v) => v < xs[0]!), left, out, site);
  out = pick(rt, maskOf(x, x.shape, (v) => v > xs[n - 1]!), right, out, site);
  return scalarIf(rt, out, isScalarArg(b.x!), site);
};

/** numpy's polyval: Horner's rule, y = y·x + p[i] from the highest power. */
const polyval: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'polyval', ['p', 'x'], args, kw, site);
  const p = arr(rt, b.p!, site, 'polyval');
  if (p.ndim !== 1) fail('shape', `polyval needs 1-D coefficients, got shape ${formatShape(p.shape)}`, rt.sites[site]!);
  const x = operand(rt, b.x!, site);
  let y: Operand = x instanceof ArrayValue ? constant(x.shape, new Float64Array(x.size)) : 0;
  for (let i = 0; i < p.size; i++) y = applyAny(rt, P.add, applyAny(rt, P.mul, y, x, site), element(rt, p, i, site), site);
  return y as Value;
};

/** convolve: the full convolution as (Toeplitz matrix of the longer) @ (the shorter), then numpy's mode's slice. */
const convolve: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'convolve', ['a', 'v', 'mode'], args, kw, site);
  let a = arr(rt, b.a!, site, 'convolve');
  let v = arr(rt, b.v!, site, 'convolve');
  if (a.ndim > 1 || v.ndim > 1) fail('shape', 'convolve needs 1-D arrays', rt.sites[site]!);
  a = reshape(rt, a, [-1], site);
  v = reshape(rt, v, [-1], site);
  if (a.size === 0 || v.size === 0) fail('shape', 'convolve: v cannot be empty', rt.sites[site]!);
  if (v.size > a.size) [a, v] = [v, a];
  const [n, m] = [a.size, v.size];
  const mode = given(b.mode) ? b.mode : 'full';
  if (mode !== 'full' && mode !== 'same' && mode !== 'valid') fail('unsupported', `GradLens does not support convolve's mode=${String(mode)} (full, same, valid)`, rt.sites[site]!);
  const [start, len] = mode === 'full' ? [0, n + m - 1] : mode === 'same' ? [Math.floor((m - 1) / 2), n] : [m - 1, n - m + 1];
  const zero = constant([], Float64Array.of(0));
  const T = gatherOrFill(rt, 'convolve', a, zero, [len, m], ([k, j]) => {
    const i = k! + start - j!;
    return i >= 0 && i < n ? [i] : undefined;
  }, site);
  return matmul(rt, T, v, site, 'convolve');
};

/**
 * scipy.signal.convolve/fftconvolve(in1, in2, mode='full', method=…) of 1-D arrays: numpy's convolve,
 * which is the same sum (fft's rounding differs by about 1e-16), except that scipy's 'same' keeps
 * in1's length — numpy's when in1 is the longer, refused otherwise; 2-D and more are refused.
 */
function signalConvolve(name: string): Impl {
  return (rt, args, kw, site) => {
    const b = bind(rt, name, ['in1', 'in2', 'mode', ...(name === 'convolve' ? ['method'] : ['axes'])], args, kw, site);
    if (given(b.axes)) fail('unsupported', `GradLens does not support ${name}'s axes= yet`, rt.sites[site]!);
    if (given(b.method) && !['auto', 'direct', 'fft'].includes(b.method as string)) fail('type', `${name}'s method must be 'auto', 'direct' or 'fft'`, rt.sites[site]!);
    const in1 = arr(rt, b.in1!, site, name);
    const in2 = arr(rt, b.in2!, site, name);
    if (in1.ndim !== 1 || in2.ndim !== 1) fail('unsupported', `GradLens does not support scipy.signal.${name} of arrays other than 1-D yet`, rt.sites[site]!);
    const mode = given(b.mode) ? b.mode : 'full';
    if (mode === 'same' && in1.size < in2.size) fail('unsupported', `GradLens does not support scipy.signal.${name}'s mode='same' with in1 shorter than in2 yet`, rt.sites[site]!);
    return convolve(rt, [in1, in2, mode], [], site);
  };
}

function linspaceArgs(rt: Runtime, b: Record<string, Value | undefined>, site: number): number {
  const n = given(b.num) ? int(rt, b.num, site, 'num') : 50;
  if (n < 0) fail('shape', `the number of samples must be non-negative, got ${n}`, rt.sites[site]!);
  return n;
}

export function numericFunctions(linspaceImpl: Impl): Impls {
  return {
    logspace: (rt, args, kw, site) => {
      const b = bind(rt, 'logspace', ['start', 'stop', 'num', 'endpoint', 'base', 'dtype', 'axis'], args, kw, site);
      notYet(rt, 'logspace', b, ['dtype', 'axis'], site);
      const n = linspaceArgs(rt, b, site);
      const y = linspaceImpl(rt, [b.start!, b.stop!, n, given(b.endpoint) ? b.endpoint : true], [], site) as ArrayValue;
      return elementwise(rt, P.pow, given(b.base) ? operand(rt, b.base, site) : 10, y, site);
    },
    geomspace: (rt, args, kw, site) => {
      const b = bind(rt, 'geomspace', ['start', 'stop', 'num', 'endpoint', 'dtype', 'axis'], args, kw, site);
      notYet(rt, 'geomspace', b, ['dtype', 'axis'], site);
      const n = linspaceArgs(rt, b, site);
      const endpoint = !given(b.endpoint) || b.endpoint === true;
      let start = operand(rt, b.start!, site);
      let stop = operand(rt, b.stop!, site);
      if (start instanceof ArrayValue || stop instanceof ArrayValue) fail('unsupported', 'GradLens does not support geomspace of arrays yet (numbers)', rt.sites[site]!);
      const [s, e] = [primalOf(start), primalOf(stop)];
      if (s === 0 || e === 0) fail('domain', 'Geometric sequence cannot include zero', rt.sites[site]!);
      // numpy flips both signs when both are negative, and refuses mixed signs (complex results)
      const flipped = s < 0 && e < 0;
      if (!flipped && (s < 0 || e < 0)) fail('unsupported', 'GradLens does not support geomspace between numbers of different signs yet (numpy returns complex numbers there)', rt.sites[site]!);
      if (flipped) [start, stop] = [applyAny(rt, P.neg, start, undefined, site), applyAny(rt, P.neg, stop, undefined, site)];
      const logs = [applyAny(rt, P.log10, start, undefined, site), applyAny(rt, P.log10, stop, undefined, site)] as Value[];
      let y = elementwise(rt, P.pow, 10, linspaceImpl(rt, [logs[0]!, logs[1]!, n, endpoint], [], site) as ArrayValue, site);
      // numpy then sets the endpoints to start and stop exactly
      if (n > 0) {
        const one = (v: Operand): ArrayValue => reshape(rt, asArray(rt, v, site), [1], site);
        const tail = n > 1 && endpoint ? [one(stop)] : [];
        const middle = n > 1 ? [gather(rt, 'getitem', y, [n - 1 - tail.length], Int32Array.from({ length: n - 1 - tail.length }, (_, i) => i + 1), site)] : [];
        y = concatenate(rt, [one(start), ...middle, ...tail], 0, site, 'geomspace');
      }
      return flipped ? elementwise(rt, P.neg, y, undefined, site) : y;
    },
    fmax: fextreme('fmax'),
    fmin: fextreme('fmin'),
    logaddexp2,
    sinc,
    nan_to_num: nanToNum,
    select,
    piecewise,
    interp,
    polyval,
    convolve,
    signal_convolve: signalConvolve('convolve'),
    signal_fftconvolve: signalConvolve('fftconvolve'),
  };
}
