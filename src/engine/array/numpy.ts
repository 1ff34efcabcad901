import { fail } from '../../core/diagnostic';
import type { KeywordValue } from '../interpreter/calls';
import type { Runtime } from '../interpreter/runtime';
import { None, NoneValue, RandomGenerator, SequenceValue, Tracked, typeName, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arange, eye, filled, linspace, random, shapeArg, shapeOf, toArray, type Distribution } from './construct';
import { applyAny, elementwise } from './elementwise';
import { copy } from './indexing';
import { det, slogdet } from './determinant';
import { matmul, outer } from './linalg';
import { ArrayValue, broadcastMap, broadcastShapes, formatShape, sizeOf, type BroadcastMap } from './ndarray';
import { element, type Operand } from './record';
import { argExtreme, extreme, mean, prod, resolveAxes, sum } from './reduce';
import { concatenate, diag, gatherMany, reshape, stack, transpose } from './shape';
import { inv, solve } from './solve';

/**
 * numpy's array functions (and the array methods that share them: `x.sum(axis=0)` is
 * `np.sum(x, axis=0)`). Arguments are read by name or position, as numpy's signatures give them.
 */

export type Impl = (rt: Runtime, args: Value[], keywords: readonly KeywordValue[], site: number) => Value;

/** Binds positional and keyword arguments to numpy's parameter names. */
export function bind(rt: Runtime, fn: string, names: readonly string[], args: readonly Value[], keywords: readonly KeywordValue[], site: number): Record<string, Value | undefined> {
  const out: Record<string, Value | undefined> = {};
  if (args.length > names.length) fail('arity', `${fn}() takes at most ${names.length} positional arguments (${names.join(', ')}), got ${args.length}`, rt.sites[site]!);
  args.forEach((a, i) => (out[names[i]!] = a));
  for (const k of keywords) {
    if (!names.includes(k.name)) fail('arity', `${fn}() has no argument named ${k.name} that GradLens supports (it takes ${names.join(', ')})`, rt.sites[site]!);
    if (out[k.name] !== undefined) fail('arity', `${fn}() got two values for ${k.name}`, rt.sites[site]!);
    out[k.name] = k.value;
  }
  return out;
}

const given = (v: Value | undefined): v is Value => v !== undefined && !(v instanceof NoneValue);

function num(rt: Runtime, v: Value, site: number, what: string): number {
  const n = typeof v === 'number' ? v : v instanceof Tracked ? v.value : typeof v === 'boolean' ? Number(v) : v instanceof ArrayValue && v.size === 1 ? v.data[0]! : NaN;
  if (Number.isNaN(n) && !(typeof v === 'number')) fail('type', `${what} needs a number, got ${typeName(v)}`, rt.sites[site]!);
  return n;
}

function int(rt: Runtime, v: Value, site: number, what: string): number {
  const n = num(rt, v, site, what);
  if (!Number.isInteger(n)) fail('type', `${what} needs an integer, got ${n}`, rt.sites[site]!);
  return n;
}

function axisArg(rt: Runtime, v: Value | undefined, site: number): number | number[] | undefined {
  if (!given(v)) return undefined;
  if (v instanceof SequenceValue) return v.items.map((x) => int(rt, x, site, 'axis'));
  return int(rt, v, site, 'axis');
}

function dtypeOf(v: Value | undefined): 'float' | 'int' | 'bool' | undefined {
  if (!given(v)) return undefined;
  if (typeof v === 'string') return v.startsWith('int') || v === 'int' ? 'int' : v === 'bool' ? 'bool' : 'float';
  return undefined;
}

const arr = (rt: Runtime, v: Value, site: number, what: string): ArrayValue => toArray(rt, v, site, what);

/** sum, mean, prod, max, min: (a, axis=None, keepdims=False). */
function reduction(name: string, run: (rt: Runtime, a: ArrayValue, ax: ReturnType<typeof resolveAxes>, site: number) => Value): Impl {
  return (rt, args, kw, site) => {
    const b = bind(rt, name, ['a', 'axis', 'keepdims'], args, kw, site);
    const a = arr(rt, b.a!, site, `np.${name}`);
    const keepdims = given(b.keepdims) && b.keepdims === true;
    return run(rt, a, resolveAxes(rt, a, axisArg(rt, b.axis, site), keepdims, site), site);
  };
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

/** np.linalg.norm: 2-norm of a vector, Frobenius of a matrix; ord 1, 2, inf for vectors. */
function norm(rt: Runtime, args: Value[], kw: readonly KeywordValue[], site: number): Value {
  const b = bind(rt, 'norm', ['x', 'ord', 'axis', 'keepdims'], args, kw, site);
  const x = arr(rt, b.x!, site, 'norm');
  const ord = given(b.ord) ? (typeof b.ord === 'string' ? b.ord : num(rt, b.ord, site, 'ord')) : undefined;
  const axis = axisArg(rt, b.axis, site);
  const keepdims = b.keepdims === true;
  const ax = resolveAxes(rt, x, axis, keepdims, site);
  const vector = ax.axes.length === 1;
  if (ord === undefined || ord === 'fro' || (ord === 2 && vector)) {
    // ‖x‖ = √(Σ x²), composed of registry primitives
    const s = sum(rt, elementwise(rt, P.mul, x, x, site), ax, site);
    return applyAny(rt, P.sqrt, s, undefined, site);
  }
  if (vector && ord === 1) return sum(rt, elementwise(rt, P.abs, x, undefined, site), ax, site);
  if (vector && ord === Infinity) return extreme(rt, elementwise(rt, P.abs, x, undefined, site), ax, true, site);
  return fail('unsupported', `np.linalg.norm with ord=${String(ord)} ${vector ? '' : 'for matrices '}is not supported (supported: None, 'fro', and 1, 2, inf for vectors)`, rt.sites[site]!);
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
      dist = { kind: 'normal', loc: given(b.loc) ? num(rt, b.loc, site, 'loc') : 0, scale: given(b.scale) ? num(rt, b.scale, site, 'scale') : 1 };
      shape = size(b.size);
      break;
    }
    case 'uniform': {
      const b = bind(rt, method, ['low', 'high', 'size'], args, kw, site);
      dist = { kind: 'uniform', low: given(b.low) ? num(rt, b.low, site, 'low') : 0, high: given(b.high) ? num(rt, b.high, site, 'high') : 1 };
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
    const dt = dtypeOf(b.dtype);
    if (dt) out.dtype = dt;
    else if (out.dtype === 'int' && b.object instanceof SequenceValue) out.dtype = 'int';
    return out;
  },
  asarray: (rt, args, kw, site) => arr(rt, bind(rt, 'asarray', ['a', 'dtype'], args, kw, site).a!, site, 'np.asarray'),
  zeros: (rt, args, kw, site) => {
    const b = bind(rt, 'zeros', ['shape', 'dtype'], args, kw, site);
    return filled(rt, shapeArg(rt, b.shape!, site), 0, site, dtypeOf(b.dtype) ?? 'float');
  },
  empty: (rt, args, kw, site) => {
    const b = bind(rt, 'empty', ['shape', 'dtype'], args, kw, site);
    return filled(rt, shapeArg(rt, b.shape!, site), 0, site, dtypeOf(b.dtype) ?? 'float');
  },
  ones: (rt, args, kw, site) => {
    const b = bind(rt, 'ones', ['shape', 'dtype'], args, kw, site);
    return filled(rt, shapeArg(rt, b.shape!, site), 1, site, dtypeOf(b.dtype) ?? 'float');
  },
  full: (rt, args, kw, site) => {
    const b = bind(rt, 'full', ['shape', 'fill_value', 'dtype'], args, kw, site);
    const shape = shapeArg(rt, b.shape!, site);
    const v = b.fill_value!;
    if (v instanceof Tracked || (v instanceof ArrayValue && v.row >= 0)) {
      return elementwise(rt, P.add, filled(rt, shape, 0, site), v, site);
    }
    return filled(rt, shape, num(rt, v, site, 'fill_value'), site);
  },
  zeros_like: (rt, args, kw, site) => filled(rt, shapeOf(rt, bind(rt, 'zeros_like', ['a', 'dtype'], args, kw, site).a!, site, 'zeros_like'), 0, site),
  empty_like: (rt, args, kw, site) => filled(rt, shapeOf(rt, bind(rt, 'empty_like', ['a', 'dtype'], args, kw, site).a!, site, 'empty_like'), 0, site),
  ones_like: (rt, args, kw, site) => filled(rt, shapeOf(rt, bind(rt, 'ones_like', ['a', 'dtype'], args, kw, site).a!, site, 'ones_like'), 1, site),
  full_like: (rt, args, kw, site) => {
    const b = bind(rt, 'full_like', ['a', 'fill_value', 'dtype'], args, kw, site);
    return filled(rt, shapeOf(rt, b.a!, site, 'full_like'), num(rt, b.fill_value!, site, 'fill_value'), site);
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
    const b = bind(rt, 'arange', ['start', 'stop', 'step'], args, kw, site);
    const start = num(rt, b.start!, site, 'arange');
    if (!given(b.stop)) return arange(rt, 0, start, 1, site);
    return arange(rt, start, num(rt, b.stop, site, 'stop'), given(b.step) ? num(rt, b.step, site, 'step') : 1, site);
  },
  linspace: (rt, args, kw, site) => {
    const b = bind(rt, 'linspace', ['start', 'stop', 'num', 'endpoint'], args, kw, site);
    const n = given(b.num) ? int(rt, b.num, site, 'num') : 50;
    return linspace(rt, num(rt, b.start!, site, 'start'), num(rt, b.stop!, site, 'stop'), n, b.endpoint !== false, site);
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
  prod: reduction('prod', prod),
  reduce_max: reduction('max', (rt, a, ax, site) => extreme(rt, a, ax, true, site)),
  reduce_min: reduction('min', (rt, a, ax, site) => extreme(rt, a, ax, false, site)),
  argmax: argReduction(true),
  argmin: argReduction(false),
  norm,

  solve: (rt, args, kw, site) => {
    const b = bind(rt, 'solve', ['a', 'b'], args, kw, site);
    return solve(rt, arr(rt, b.a!, site, 'np.linalg.solve'), arr(rt, b.b!, site, 'np.linalg.solve'), site);
  },
  inv: (rt, [a], _kw, site) => inv(rt, arr(rt, a!, site, 'np.linalg.inv'), site),
  det: (rt, [a], _kw, site) => element(rt, det(rt, arr(rt, a!, site, 'np.linalg.det'), site), 0, site),
  slogdet: (rt, [a], _kw, site) => {
    const { sign, logabsdet } = slogdet(rt, arr(rt, a!, site, 'np.linalg.slogdet'), site);
    return new SequenceValue([sign, element(rt, logabsdet, 0, site)], true);
  },
  matmul: (rt, [a, b], _kw, site) => {
    const out = matmul(rt, arr(rt, a!, site, 'matmul'), arr(rt, b!, site, 'matmul'), site);
    return out.ndim === 0 ? element(rt, out, 0, site) : out;
  },
  dot: (rt, [a, b], _kw, site) => dot(rt, a!, b!, site),
  inner: (rt, [a, b], _kw, site) => {
    const x = arr(rt, a!, site, 'inner');
    const y = arr(rt, b!, site, 'inner');
    // inner sums the last axes of both: dot sums b's second-to-last, so b's last two axes swap
    if (y.ndim < 2) return dot(rt, x, y, site, 'inner');
    const axes = [...y.shape.keys()];
    axes.splice(-2, 2, y.ndim - 1, y.ndim - 2);
    return dot(rt, x, transpose(rt, y, axes, site), site, 'inner');
  },
  outer: (rt, [a, b], _kw, site) => outer(rt, arr(rt, a!, site, 'outer'), arr(rt, b!, site, 'outer'), site),
  trace: (rt, [a], _kw, site) => {
    const x = arr(rt, a!, site, 'trace');
    if (x.ndim !== 2) fail('shape', `trace needs a 2-D array, got shape ${formatShape(x.shape)}`, rt.sites[site]!);
    return sum(rt, diag(rt, x, site), { axes: [0], keepdims: false }, site);
  },
  diag: (rt, [a], _kw, site) => diag(rt, arr(rt, a!, site, 'diag'), site),
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
    return concatenate(rt, arrays(rt, b.arrays!, site, 'concatenate'), given(b.axis) ? int(rt, b.axis, site, 'axis') : 0, site);
  },
  stack: (rt, args, kw, site) => {
    const b = bind(rt, 'stack', ['arrays', 'axis'], args, kw, site);
    return stack(rt, arrays(rt, b.arrays!, site, 'stack'), given(b.axis) ? int(rt, b.axis, site, 'axis') : 0, site);
  },
  hstack: (rt, [v], _kw, site) => {
    const parts = arrays(rt, v!, site, 'hstack').map((a) => (a.ndim === 0 ? reshape(rt, a, [1], site) : a));
    return concatenate(rt, parts, parts[0] && parts[0].ndim === 1 ? 0 : 1, site, 'hstack');
  },
  vstack: (rt, [v], _kw, site) => {
    const parts = arrays(rt, v!, site, 'vstack').map((a) => (a.ndim < 2 ? reshape(rt, a, [1, a.size], site) : a));
    return concatenate(rt, parts, 0, site, 'vstack');
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
} satisfies Record<string, Impl>;

/** A new shape that may hold one -1. */
export function shapeArgSigned(rt: Runtime, v: Value, site: number): number[] {
  const dims = v instanceof SequenceValue ? v.items : [v];
  return dims.map((d) => int(rt, d, site, 'a dimension'));
}

/** An argument as an operand: arrays and scalars as they are, lists as arrays. */
export function operand(rt: Runtime, v: Value, site: number): Operand {
  if (typeof v === 'number' || v instanceof Tracked || v instanceof ArrayValue) return v;
  if (typeof v === 'boolean') return Number(v);
  return arr(rt, v, site, 'an array operation');
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
  for (let i = 0; i < n; i++) {
    const pick = cond[at(mc, i)] ? 0 : 1;
    which[i] = pick;
    pos[i] = pick === 0 ? at(mx, i) : at(my, i);
  }
  return gatherMany(rt, 'where', [xs, ys], shape, which, pos, site);
}
