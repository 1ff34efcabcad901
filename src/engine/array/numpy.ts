import { fail } from '../../core/diagnostic';
import type { KeywordValue } from '../interpreter/calls';
import type { Runtime } from '../interpreter/runtime';
import { IntrinsicValue, None, NoneValue, RandomGenerator, SequenceValue, typeName, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arange, eye, filled, linspace, random, shapeArg, shapeOf, type Distribution } from './construct';
import { applyAny, elementwise, isTracked } from './elementwise';
import { copy } from './indexing';
import { matmul, outer } from './linalg';
import { ArrayValue, broadcastMap, broadcastShapes, formatShape, sizeOf, type BroadcastMap } from './ndarray';
import { asArray, constant, element, type Operand } from './record';
import { argExtreme, extreme, mean, prod, resolveAxes, sum } from './reduce';
import { concatenate, gatherMany, reshape, stack, transpose } from './shape';

import { LOGICAL_IMPLEMENTATIONS } from './logical';
import { REARRANGE_IMPLEMENTATIONS, diagonal } from './rearrange';
import { STATISTICS_IMPLEMENTATIONS } from './statistics';
import { CONTRACTION_IMPLEMENTATIONS } from './einsum';
import { numericFunctions, useWhere } from './numericFunctions';
import { STACKED_LINALG, norm } from './norms';
import { DECOMPOSITION_IMPLEMENTATIONS } from './decompositions';
import { LEAST_SQUARES_IMPLEMENTATIONS } from './leastSquares';
import { warnUntakenBranch } from './whereTrap';
import { arr, axisArg, bind, dtypeName, dtypeOf, given, int, notYet, num, operand, type Impl } from './args';

export { bind, notYet, operand, type Impl } from './args';

/**
 * numpy's array functions (and the array methods that share them: `x.sum(axis=0)` is
 * `np.sum(x, axis=0)`). Arguments are read by name or position, as numpy's signatures give them.
 */



/** numpy's parameter order of each reduction (`np.sum(x, 0, None, None, True)` keeps dims). */
const REDUCTION_PARAMETERS: Record<string, readonly string[]> = {
  sum: ['a', 'axis', 'dtype', 'out', 'keepdims', 'initial', 'where'],
  prod: ['a', 'axis', 'dtype', 'out', 'keepdims', 'initial', 'where'],
  mean: ['a', 'axis', 'dtype', 'out', 'keepdims', 'where'],
  max: ['a', 'axis', 'out', 'keepdims', 'initial', 'where'],
  min: ['a', 'axis', 'out', 'keepdims', 'initial', 'where'],
};

/** sum, mean, prod, max, min: (a, axis=None, …, keepdims=False); dtype only as a float type. */
function reduction(name: string, run: (rt: Runtime, a: ArrayValue, ax: ReturnType<typeof resolveAxes>, site: number) => Value): Impl {
  return (rt, args, kw, site) => {
    const b = bind(rt, name, REDUCTION_PARAMETERS[name]!, args, kw, site);
    notYet(rt, name, b, ['out', 'initial', 'where'], site);
    floatDtype(rt, name, b.dtype, site);
    const a = arr(rt, b.a!, site, `np.${name}`);
    const keepdims = given(b.keepdims) && b.keepdims === true;
    return run(rt, a, resolveAxes(rt, a, axisArg(rt, b.axis, site), keepdims, site), site);
  };
}

/** A dtype argument GradLens can honour by doing nothing: a float type (it computes in float64). */
export function floatDtype(rt: Runtime, fn: string, v: Value | undefined, site: number): void {
  if (!given(v)) return;
  if (typeof v === 'string' && ['float', 'float64', 'double', 'f8'].includes(v)) return;
  fail('unsupported', `GradLens does not support ${fn}'s dtype= yet (other than float64)`, rt.sites[site]!);
}

/**
 * A cast (`astype`, `dtype=` of np.array, `np.int64(x)`): to int truncates toward zero (derivative
 * 0, the registry's trunc, which says so), to bool tests ≠ 0, to a float type changes nothing
 * (GradLens computes in float64; float32's rounding is not modelled and says so).
 */
export function cast(rt: Runtime, a: ArrayValue, dtype: Value | undefined, site: number, what: string): ArrayValue {
  const kind = castKind(rt, dtype, site, what);
  if (kind === 'float' || kind === a.dtype) {
    if (kind === 'float' && a.dtype !== 'float') {
      const out = copy(rt, a, site);
      out.dtype = 'float';
      return out;
    }
    return a;
  }
  if (kind === 'bool') return constant(a.shape, Float64Array.from(a.data, (x) => (x !== 0 ? 1 : 0)), 'bool');
  const out = a.row >= 0 ? elementwise(rt, P.trunc, a, undefined, site) : constant(a.shape, Float64Array.from(a.data, Math.trunc));
  out.dtype = 'int';
  return out;
}

function castKind(rt: Runtime, dtype: Value | undefined, site: number, what: string): 'float' | 'int' | 'bool' {
  if (!given(dtype)) return 'float';
  // `dtype=float`, `dtype=np.float64`: the builtin or numpy type, as its name
  const v = dtype instanceof IntrinsicValue ? dtypeName(dtype.name) : dtype;
  if (typeof v === 'string') {
    if (['float', 'float64', 'double', 'f8', 'float_'].includes(v)) return 'float';
    if (['int', 'int64', 'int32', 'i8', 'intp', 'int_'].includes(v)) return 'int';
    if (v === 'bool' || v === 'bool_') return 'bool';
    if (v === 'float32' || v === 'f4' || v === 'single') fail('unsupported', `GradLens does not support ${what} to float32 yet: it computes in float64, and float32's rounding would change the numbers`, rt.sites[site]!);
  }
  return fail('unsupported', `GradLens does not support ${what} to ${typeof v === 'string' ? `'${v}'` : typeName(v)} yet (float64, int64 and bool)`, rt.sites[site]!);
}

/**
 * np.average(a, axis, weights, returned, keepdims): the mean without weights; with them
 * Σ w·a / Σ w over the axes, 1-D weights lying along the one axis (numpy's rule).
 */
function average(rt: Runtime, args: Value[], kw: readonly KeywordValue[], site: number): Value {
  const b = bind(rt, 'average', ['a', 'axis', 'weights', 'returned', 'keepdims'], args, kw, site);
  const a = arr(rt, b.a!, site, 'np.average');
  const keepdims = b.keepdims === true;
  const axis = axisArg(rt, b.axis, site);
  const ax = resolveAxes(rt, a, axis, keepdims, site);
  if (!given(b.weights)) {
    const avg = mean(rt, a, ax, site);
    return b.returned === true ? new SequenceValue([avg, ax.axes.reduce((n, i) => n * a.shape[i]!, 1)], true) : avg;
  }
  let w = arr(rt, b.weights, site, 'np.average');
  if (w.ndim !== a.ndim || w.shape.some((d, i) => d !== a.shape[i])) {
    if (w.ndim !== 1 || typeof axis !== 'number') fail('shape', `average: weights of shape ${formatShape(w.shape)} differ from a's ${formatShape(a.shape)}; 1-D weights need a single axis`, rt.sites[site]!);
    const along = ax.axes[0]!;
    if (w.size !== a.shape[along]) fail('shape', `average: the length of weights (${w.size}) differs from a's axis ${along} (${a.shape[along]})`, rt.sites[site]!);
    w = reshape(rt, w, a.shape.map((d, i) => (i === along ? d : 1)), site);
    w = elementwise(rt, P.add, w, filled(rt, a.shape, 0, site), site);
  }
  const total = sum(rt, w, ax, site);
  const avg = applyAny(rt, P.div, sum(rt, elementwise(rt, P.mul, a, w, site), ax, site) as Operand, total as Operand, site);
  return b.returned === true ? new SequenceValue([avg as Value, total as Value], true) : (avg as Value);
}

function argReduction(pickMax: boolean): Impl {
  const name = pickMax ? 'argmax' : 'argmin';
  return (rt, args, kw, site) => {
    const b = bind(rt, name, ['a', 'axis'], args, kw, site);
    const axis = axisArg(rt, b.axis, site);
    if (Array.isArray(axis)) fail('type', `${name} takes a single axis`, rt.sites[site]!);
    return argExtreme(rt, arr(rt, b.a!, site, name), axis, pickMax, site);
  };
}

/**
 * numpy's `dot`: a scalar operand multiplies; 1-D and 2-D are matmul; above 2-D it sums the last
 * axis of `a` against the second-to-last of `b` (the last if `b` is 1-D) over every pairing of the
 * other axes — not matmul's stacks — which is one 2-D product of reshaped operands.
 */
export function dot(rt: Runtime, x: Value, y: Value, site: number, name = 'dot'): Value {
  const a = arr(rt, x, site, name);
  const b = arr(rt, y, site, name);
  if (a.ndim === 0 || b.ndim === 0) return applyAny(rt, P.mul, a.ndim === 0 ? scalarOf(rt, a, site) : a, b.ndim === 0 ? scalarOf(rt, b, site) : b, site);
  const out = a.ndim > 2 || b.ndim > 2 ? dotAbove2d(rt, a, b, site, name) : matmul(rt, a, b, site, name);
  return out.ndim === 0 ? element(rt, out, 0, site) : out;
}

/** dot(a, b)[i…, j…, l] = Σₜ a[i…, t]·b[j…, t, l]: a as (P, k) times b's summed axis moved first, as (k, Q). */
function dotAbove2d(rt: Runtime, a: ArrayValue, b: ArrayValue, site: number, name: string): ArrayValue {
  const k = a.shape[a.ndim - 1]!;
  const axis = b.ndim === 1 ? 0 : b.ndim - 2;
  if (b.shape[axis] !== k) {
    fail('shape', `shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned for ${name}: ${k} (dim ${a.ndim - 1}) ≠ ${b.shape[axis]} (dim ${axis})`, rt.sites[site]!);
  }
  const others = b.shape.filter((_, i) => i !== axis);
  const front = b.ndim === 1 ? b : transpose(rt, b, [axis, ...b.shape.keys()].filter((d, i) => i === 0 || d !== axis), site);
  const product = matmul(rt, reshape(rt, a, [-1, k], site), reshape(rt, front, [k, sizeOf(others)], site), site, name);
  return reshape(rt, product, [...a.shape.slice(0, -1), ...others], site);
}

function scalarOf(rt: Runtime, a: ArrayValue, site: number): Operand {
  return element(rt, a, 0, site);
}

/** The arrays of a sequence argument (`np.concatenate([a, b])`). */
function arrays(rt: Runtime, v: Value, site: number, what: string): ArrayValue[] {
  if (!(v instanceof SequenceValue)) fail('type', `${what} needs a list or tuple of arrays, got ${typeName(v)}`, rt.sites[site]!);
  return v.items.map((x) => arr(rt, x, site, what));
}

/** GradLens's global generator (np.random.rand…): seeded with 0 at the start of every run. */
function globalGenerator(rt: Runtime): RandomGenerator {
  return (rt.random ??= new RandomGenerator(0));
}

function sizeArgs(rt: Runtime, args: Value[], site: number): number[] | undefined {
  if (args.length === 0) return undefined;
  if (args.length === 1 && args[0] instanceof SequenceValue) return shapeArg(rt, args[0], site);
  return args.map((a) => int(rt, a, site, 'a dimension'));
}

/** The shape of draws with array parameters: size if given, else the parameters' broadcast shape. */
function drawShape(rt: Runtime, size: number[] | undefined, p: Operand, q: Operand, site: number): number[] | undefined {
  if (size) return size;
  const a = asArray(rt, p, site);
  const b = asArray(rt, q, site);
  const shape = broadcastShapes(a.shape, b.shape);
  if (!shape) fail('shape', `the distribution's parameters could not be broadcast together (shapes ${formatShape(a.shape)} and ${formatShape(b.shape)})`, rt.sites[site]!);
  return shape.length === 0 ? undefined : shape;
}

export function randomDraw(rt: Runtime, gen: RandomGenerator, method: string, args: Value[], kw: readonly KeywordValue[], site: number): Value {
  const size = (v: Value | undefined): number[] | undefined => (given(v) ? shapeArg(rt, v, site) : undefined);
  let dist: Distribution;
  let shape: number[] | undefined;
  switch (method) {
    case 'random':
    case 'random_sample': {
      const b = bind(rt, method, ['size'], args, kw, site);
      dist = { kind: 'uniform', low: 0, high: 1 };
      shape = size(b.size);
      break;
    }
    case 'standard_normal': {
      const b = bind(rt, method, ['size'], args, kw, site);
      dist = { kind: 'normal', loc: 0, scale: 1 };
      shape = size(b.size);
      break;
    }
    case 'normal': {
      const b = bind(rt, method, ['loc', 'scale', 'size'], args, kw, site);
      const [loc, scale] = [given(b.loc) ? operand(rt, b.loc, site) : 0, given(b.scale) ? operand(rt, b.scale, site) : 1];
      if (isTracked(loc) || isTracked(scale) || loc instanceof ArrayValue || scale instanceof ArrayValue) {
        // loc + scale·z, z standard normal: the same draws, and loc's and scale's derivatives flow
        const z = random(rt, gen, { kind: 'normal', loc: 0, scale: 1 }, drawShape(rt, size(b.size), loc, scale, site), site);
        return applyAny(rt, P.add, loc, applyAny(rt, P.mul, scale, z as Operand, site), site);
      }
      dist = { kind: 'normal', loc: loc as number, scale: scale as number };
      shape = size(b.size);
      break;
    }
    case 'uniform': {
      const b = bind(rt, method, ['low', 'high', 'size'], args, kw, site);
      const [low, high] = [given(b.low) ? operand(rt, b.low, site) : 0, given(b.high) ? operand(rt, b.high, site) : 1];
      if (isTracked(low) || isTracked(high) || low instanceof ArrayValue || high instanceof ArrayValue) {
        // low + (high − low)·u, u uniform on [0, 1): the same draws, and the bounds' derivatives flow
        const u = random(rt, gen, { kind: 'uniform', low: 0, high: 1 }, drawShape(rt, size(b.size), low, high, site), site);
        return applyAny(rt, P.add, low, applyAny(rt, P.mul, applyAny(rt, P.sub, high, low, site), u as Operand, site), site);
      }
      dist = { kind: 'uniform', low: low as number, high: high as number };
      shape = size(b.size);
      break;
    }
    case 'integers': {
      const b = bind(rt, method, ['low', 'high', 'size'], args, kw, site);
      const low = int(rt, b.low!, site, 'low');
      dist = given(b.high) ? { kind: 'integers', low, high: int(rt, b.high, site, 'high') } : { kind: 'integers', low: 0, high: low };
      shape = size(b.size);
      break;
    }
    default:
      return fail('unsupported', `the random generator method .${method}() is not supported (supported: random, standard_normal, normal, uniform, integers)`, rt.sites[site]!);
  }
  return random(rt, gen, dist, shape, site);
}

export const NUMPY_IMPLEMENTATIONS = {
  array: (rt, args, kw, site) => {
    const b = bind(rt, 'array', ['object', 'dtype'], args, kw, site);
    const a = arr(rt, b.object!, site, 'np.array');
    const out = b.object instanceof ArrayValue ? copy(rt, a, site) : a;
    if (given(b.dtype)) return cast(rt, out, b.dtype, site, 'np.array(dtype=)');
    return out;
  },
  asarray: (rt, args, kw, site) => {
    const b = bind(rt, 'asarray', ['a', 'dtype'], args, kw, site);
    const a = arr(rt, b.a!, site, 'np.asarray');
    return given(b.dtype) ? cast(rt, a, b.dtype, site, 'np.asarray(dtype=)') : a;
  },
  zeros: (rt, args, kw, site) => {
    const b = bind(rt, 'zeros', ['shape', 'dtype'], args, kw, site);
    return filled(rt, shapeArg(rt, b.shape!, site), 0, site, dtypeOf(rt, b.dtype, site) ?? 'float');
  },
  empty: (rt, args, kw, site) => {
    const b = bind(rt, 'empty', ['shape', 'dtype'], args, kw, site);
    return filled(rt, shapeArg(rt, b.shape!, site), 0, site, dtypeOf(rt, b.dtype, site) ?? 'float');
  },
  ones: (rt, args, kw, site) => {
    const b = bind(rt, 'ones', ['shape', 'dtype'], args, kw, site);
    return filled(rt, shapeArg(rt, b.shape!, site), 1, site, dtypeOf(rt, b.dtype, site) ?? 'float');
  },
  full: (rt, args, kw, site) => {
    const b = bind(rt, 'full', ['shape', 'fill_value', 'dtype'], args, kw, site);
    return fullOf(rt, shapeArg(rt, b.shape!, site), b.fill_value!, site);
  },
  zeros_like: (rt, args, kw, site) => filled(rt, shapeOf(rt, bind(rt, 'zeros_like', ['a', 'dtype'], args, kw, site).a!, site, 'zeros_like'), 0, site),
  empty_like: (rt, args, kw, site) => filled(rt, shapeOf(rt, bind(rt, 'empty_like', ['a', 'dtype'], args, kw, site).a!, site, 'empty_like'), 0, site),
  ones_like: (rt, args, kw, site) => filled(rt, shapeOf(rt, bind(rt, 'ones_like', ['a', 'dtype'], args, kw, site).a!, site, 'ones_like'), 1, site),
  full_like: (rt, args, kw, site) => {
    const b = bind(rt, 'full_like', ['a', 'fill_value', 'dtype'], args, kw, site);
    return fullOf(rt, shapeOf(rt, b.a!, site, 'full_like'), b.fill_value!, site);
  },
  eye: (rt, args, kw, site) => {
    const b = bind(rt, 'eye', ['N', 'M'], args, kw, site);
    const n = int(rt, b.N!, site, 'N');
    return eye(rt, n, given(b.M) ? int(rt, b.M, site, 'M') : n, site);
  },
  identity: (rt, args, kw, site) => {
    const n = int(rt, bind(rt, 'identity', ['n'], args, kw, site).n!, site, 'n');
    return eye(rt, n, n, site);
  },
  arange: (rt, args, kw, site) => {
    const b = bind(rt, 'arange', ['start', 'stop', 'step', 'dtype'], args, kw, site);
    notYet(rt, 'arange', b, ['dtype'], site);
    const [start, stop] = given(b.stop) ? [b.start!, b.stop] : [0, b.start!];
    const step = given(b.step) ? b.step : 1;
    const out = arange(rt, num(rt, start, site, 'start'), num(rt, stop, site, 'stop'), num(rt, step, site, 'step'), site);
    // The length follows the primal values (piecewise constant); the elements start + i·step move
    // with start and step, so a tracked start or step is composed from the registry's add and mul.
    if (!isTracked(operand(rt, start, site)) && !isTracked(operand(rt, step, site))) return out;
    const i = constant(out.shape, Float64Array.from(out.data, (_, k) => k));
    return elementwise(rt, P.add, elementwise(rt, P.mul, i, operand(rt, step, site), site), operand(rt, start, site), site);
  },
  linspace: (rt, args, kw, site) => {
    const b = bind(rt, 'linspace', ['start', 'stop', 'num', 'endpoint', 'retstep', 'dtype', 'axis'], args, kw, site);
    notYet(rt, 'linspace', b, ['retstep', 'dtype', 'axis'], site);
    const n = given(b.num) ? int(rt, b.num, site, 'num') : 50;
    if (n < 0) fail('shape', `linspace needs a non-negative number of samples, got ${n}`, rt.sites[site]!);
    const endpoint = b.endpoint !== false;
    const start = operand(rt, b.start!, site);
    const stop = operand(rt, b.stop!, site);
    if (typeof start === 'number' && typeof stop === 'number') return linspace(rt, start, stop, n, endpoint, site);
    return linspaceOf(rt, start, stop, n, endpoint, site);
  },
  random_rand: (rt, args, _kw, site) => random(rt, globalGenerator(rt), { kind: 'uniform', low: 0, high: 1 }, sizeArgs(rt, args, site), site),
  random_randn: (rt, args, _kw, site) => random(rt, globalGenerator(rt), { kind: 'normal', loc: 0, scale: 1 }, sizeArgs(rt, args, site), site),
  random_uniform: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'uniform', args, kw, site),
  random_normal: (rt, args, kw, site) => randomDraw(rt, globalGenerator(rt), 'normal', args, kw, site),
  random_seed: (rt, args, kw, site) => {
    rt.random = new RandomGenerator(int(rt, bind(rt, 'seed', ['seed'], args, kw, site).seed!, site, 'seed'));
    return None;
  },
  default_rng: (rt, args, kw, site) => {
    const b = bind(rt, 'default_rng', ['seed'], args, kw, site);
    return new RandomGenerator(given(b.seed) ? int(rt, b.seed, site, 'seed') : 0);
  },

  reduce_sum: reduction('sum', sum),
  mean: reduction('mean', mean),
  average,
  prod: reduction('prod', prod),
  reduce_max: reduction('max', (rt, a, ax, site) => extreme(rt, a, ax, true, site)),
  reduce_min: reduction('min', (rt, a, ax, site) => extreme(rt, a, ax, false, site)),
  argmax: argReduction(true),
  argmin: argReduction(false),
  norm,

  ...STACKED_LINALG,
  ...DECOMPOSITION_IMPLEMENTATIONS,
  ...LEAST_SQUARES_IMPLEMENTATIONS,
  matmul: (rt, [a, b], _kw, site) => {
    const out = matmul(rt, arr(rt, a!, site, 'matmul'), arr(rt, b!, site, 'matmul'), site);
    return out.ndim === 0 ? element(rt, out, 0, site) : out;
  },
  dot: (rt, [a, b], _kw, site) => dot(rt, a!, b!, site),
  inner: (rt, [a, b], _kw, site) => inner(rt, arr(rt, a!, site, 'inner'), arr(rt, b!, site, 'inner'), site),
  vdot: (rt, [a, b], _kw, site) => {
    // vdot flattens both operands (real numbers: no conjugation), then one dot of two vectors
    const x = arr(rt, a!, site, 'vdot');
    const y = arr(rt, b!, site, 'vdot');
    if (x.size !== y.size) fail('shape', `vdot needs operands of the same size, got shapes ${formatShape(x.shape)} and ${formatShape(y.shape)}`, rt.sites[site]!);
    return dot(rt, reshape(rt, x, [-1], site), reshape(rt, y, [-1], site), site, 'vdot');
  },
  outer: (rt, [a, b], _kw, site) => outer(rt, arr(rt, a!, site, 'outer'), arr(rt, b!, site, 'outer'), site),
  trace: (rt, args, kw, site) => {
    const b = bind(rt, 'trace', ['a', 'offset', 'axis1', 'axis2', 'dtype', 'out'], args, kw, site);
    notYet(rt, 'trace', b, ['out'], site);
    floatDtype(rt, 'trace', b.dtype, site);
    const n = (v: Value | undefined, d: number): number => (given(v) ? int(rt, v, site, 'an axis or offset') : d);
    const d = diagonal(rt, arr(rt, b.a!, site, 'trace'), n(b.offset, 0), n(b.axis1, 0), n(b.axis2, 1), site);
    return sum(rt, d, { axes: [d.ndim - 1], keepdims: false }, site);
  },
  transpose: (rt, args, kw, site) => {
    const b = bind(rt, 'transpose', ['a', 'axes'], args, kw, site);
    const axes = axisArg(rt, b.axes, site);
    return transpose(rt, arr(rt, b.a!, site, 'transpose'), typeof axes === 'number' ? [axes] : axes, site);
  },
  reshape: (rt, args, kw, site) => {
    const b = bind(rt, 'reshape', ['a', 'newshape'], args, kw, site);
    return reshape(rt, arr(rt, b.a!, site, 'reshape'), shapeArgSigned(rt, b.newshape!, site), site);
  },
  ravel: (rt, [a], _kw, site) => reshape(rt, arr(rt, a!, site, 'ravel'), [-1], site),
  concatenate: (rt, args, kw, site) => {
    const b = bind(rt, 'concatenate', ['arrays', 'axis'], args, kw, site);
    const parts = arrays(rt, b.arrays!, site, 'concatenate');
    // axis=None flattens every array first (numpy); a missing axis is 0
    if (b.axis instanceof NoneValue) return concatenate(rt, parts.map((p) => reshape(rt, p, [-1], site)), 0, site);
    return concatenate(rt, parts, given(b.axis) ? int(rt, b.axis, site, 'axis') : 0, site);
  },
  stack: (rt, args, kw, site) => {
    const b = bind(rt, 'stack', ['arrays', 'axis'], args, kw, site);
    return stack(rt, arrays(rt, b.arrays!, site, 'stack'), given(b.axis) ? int(rt, b.axis, site, 'axis') : 0, site);
  },
  copy: (rt, [a], _kw, site) => copy(rt, arr(rt, a!, site, 'copy'), site),
  clip: (rt, args, kw, site) => {
    const b = bind(rt, 'clip', ['a', 'a_min', 'a_max'], args, kw, site);
    let out: Operand = arr(rt, b.a!, site, 'clip');
    // clip(x, lo, hi) = minimum(maximum(x, lo), hi): the registry's own selectors and their tie rule
    if (given(b.a_min)) out = elementwise(rt, P.maximum, out, operand(rt, b.a_min, site), site);
    if (given(b.a_max)) out = elementwise(rt, P.minimum, out, operand(rt, b.a_max, site), site);
    return out;
  },
  where: (rt, args, kw, site) => {
    const b = bind(rt, 'where', ['condition', 'x', 'y'], args, kw, site);
    return where(rt, arr(rt, b.condition!, site, 'where'), operand(rt, b.x!, site), operand(rt, b.y!, site), site);
  },
  shape: (rt, [a], _kw, site) => new SequenceValue(arr(rt, a!, site, 'shape').shape.map((d) => d), true),
  size: (rt, [a], _kw, site) => arr(rt, a!, site, 'size').size,
  ndim: (rt, [a], _kw, site) => arr(rt, a!, site, 'ndim').ndim,
  ...LOGICAL_IMPLEMENTATIONS,
  ...REARRANGE_IMPLEMENTATIONS,
  ...STATISTICS_IMPLEMENTATIONS,
  ...CONTRACTION_IMPLEMENTATIONS,
  r_: (rt, _args, _kw, site) => fail('type', 'np.r_ is indexed, not called: write np.r_[a, b]', rt.sites[site]!),
  c_: (rt, _args, _kw, site) => fail('type', 'np.c_ is indexed, not called: write np.c_[a, b]', rt.sites[site]!),
  float64: (rt, [v], _kw, site) => castCall(rt, v, 'float64', site),
  int64: (rt, [v], _kw, site) => castCall(rt, v, 'int64', site),
  float32: (rt, [v], _kw, site) => castCall(rt, v, 'float32', site),
} satisfies Record<string, Impl>;

/** np.float64(x), np.int64(x): numbers stay numbers (an int truncated, derivative 0), arrays are cast. */
function castCall(rt: Runtime, v: Value | undefined, type: string, site: number): Value {
  if (v === undefined) return 0;
  if (v instanceof ArrayValue || v instanceof SequenceValue) return cast(rt, arr(rt, v, site, `np.${type}`), type, site, `np.${type}()`);
  const a = cast(rt, arr(rt, v, site, `np.${type}`), type, site, `np.${type}()`);
  return element(rt, a, 0, site);
}

/** numpy functions composed from the ones above (numericFunctions.ts), which need linspace and where. */
useWhere(where);
export const COMPOSED_IMPLEMENTATIONS = numericFunctions(NUMPY_IMPLEMENTATIONS.linspace);

/** np.full/full_like: a tracked fill value is broadcast by the registry's add, so its derivative flows. */
function fullOf(rt: Runtime, shape: number[], v: Value, site: number): ArrayValue {
  const fill = operand(rt, v, site);
  if (isTracked(fill)) return elementwise(rt, P.add, filled(rt, shape, 0, site), fill, site);
  return filled(rt, shape, num(rt, v, site, 'fill_value'), site);
}

/**
 * numpy's inner: sums the last axes of both operands, out[i…, j…] = Σₜ a[i…, t]·b[j…, t]; a 0-d
 * operand only scales the other. As one 2-D product: a as (P, k) times b as (Q, k) transposed.
 */
export function inner(rt: Runtime, a: ArrayValue, b: ArrayValue, site: number): Value {
  if (a.ndim === 0 || b.ndim === 0) return applyAny(rt, P.mul, a.ndim === 0 ? scalarOf(rt, a, site) : a, b.ndim === 0 ? scalarOf(rt, b, site) : b, site);
  const k = a.shape[a.ndim - 1]!;
  if (b.shape[b.ndim - 1] !== k) fail('shape', `shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned for inner: the last axes differ (${k} ≠ ${b.shape[b.ndim - 1]})`, rt.sites[site]!);
  if (a.ndim === 1 && b.ndim === 1) return dot(rt, a, b, site, 'inner');
  const bt = transpose(rt, reshape(rt, b, [-1, k], site), [1, 0], site);
  const product = matmul(rt, reshape(rt, a, [-1, k], site), bt, site, 'inner');
  return reshape(rt, product, [...a.shape.slice(0, -1), ...b.shape.slice(0, -1)], site);
}

/**
 * linspace with a tracked start or stop (scalars or arrays): numpy's own arithmetic, start + i·step
 * with step = (stop − start)/div and the last sample stop itself, from the registry's primitives,
 * so both endpoints' derivatives flow.
 */
function linspaceOf(rt: Runtime, start: Operand, stop: Operand, n: number, endpoint: boolean, site: number): ArrayValue {
  const a = asArray(rt, start, site);
  const b = asArray(rt, stop, site);
  const base = broadcastShapes(a.shape, b.shape);
  if (!base) fail('shape', `linspace: start and stop could not be broadcast together (shapes ${formatShape(a.shape)} and ${formatShape(b.shape)})`, rt.sites[site]!);
  const div = endpoint ? n - 1 : n;
  const rows = endpoint && n > 1 ? n - 1 : n;
  const i = constant([rows, ...base.map(() => 1)], Float64Array.from({ length: rows }, (_, k) => k));
  const delta = elementwise(rt, P.sub, b, a, site);
  const scaled = div > 0 ? elementwise(rt, P.mul, i, elementwise(rt, P.div, delta, div, site), site) : elementwise(rt, P.mul, i, delta, site);
  const body = elementwise(rt, P.add, scaled, a, site);
  if (rows === n) return body;
  const last = reshape(rt, elementwise(rt, P.add, b, filled(rt, base, 0, site), site), [1, ...base], site);
  return concatenate(rt, [body, last], 0, site, 'linspace');
}

/** A new shape that may hold one -1. */
export function shapeArgSigned(rt: Runtime, v: Value, site: number): number[] {
  const dims = v instanceof SequenceValue ? v.items : [v];
  return dims.map((d) => int(rt, d, site, 'a dimension'));
}

/**
 * np.where(c, x, y): per element, x where c is true, else y — a gather from two sources, so the
 * gradient reaches only the branch chosen (as in numpy-based autodiff: JAX, autograd).
 */
export function where(rt: Runtime, c: ArrayValue, x: Operand, y: Operand, site: number): ArrayValue {
  const xs = arr(rt, x as Value, site, 'where');
  const ys = arr(rt, y as Value, site, 'where');
  const xy = broadcastShapes(xs.shape, ys.shape);
  const shape = xy && broadcastShapes(c.shape, xy);
  if (!shape) fail('shape', `where: shapes ${formatShape(c.shape)}, ${formatShape(xs.shape)} and ${formatShape(ys.shape)} could not be broadcast together`, rt.sites[site]!);
  const n = sizeOf(shape);
  const at = (map: BroadcastMap, i: number): number => (map === null ? i : typeof map === 'number' ? i % map : map[i]!);
  const [mc, mx, my] = [broadcastMap(c.shape, shape), broadcastMap(xs.shape, shape), broadcastMap(ys.shape, shape)];
  const cond = c.data;
  const which = new Int32Array(n);
  const pos = new Int32Array(n);
  const takenX = new Uint8Array(xs.size);
  const takenY = new Uint8Array(ys.size);
  for (let i = 0; i < n; i++) {
    const pick = cond[at(mc, i)] ? 0 : 1;
    which[i] = pick;
    pos[i] = pick === 0 ? at(mx, i) : at(my, i);
    (pick === 0 ? takenX : takenY)[pos[i]!] = 1;
  }
  warnUntakenBranch(rt, xs, takenX, 'x', site);
  warnUntakenBranch(rt, ys, takenY, 'y', site);
  return gatherMany(rt, 'where', [xs, ys], shape, which, pos, site);
}
