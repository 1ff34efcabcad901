import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, bind, dtypeOf, given, int, notYet, num, operand, type Impl } from './args';
import type { KeywordValue } from '../interpreter/calls';
import { cast, warnNarrowFloatArray } from './casts';
import { arange, eye, filled, linspace, shapeArg, shapeOf, toArray } from './construct';
import { dtypeOfValue, promote, withArgumentKinds, withDtype } from './dtypes';
import { applyAny, elementwise, isTracked } from './elementwise';
import { copy } from './indexing';
import { ArrayValue, broadcastShapes, formatShape } from './ndarray';
import { asArray, constant, type Operand } from './record';
import { concatenate, reshape } from './shape';

/** numpy's array constructors: array, asarray, zeros…, eye, arange, linspace (endpoints tracked). */

export const CREATION_IMPLEMENTATIONS = {
  array: withArgumentKinds((rt, args, kw, site, kinds) => {
    const b = bind(rt, 'array', ['object', 'dtype', 'copy'], args, kw, site);
    const a = toArray(rt, b.object!, site, 'np.array', kinds[0]);
    // copy=False hands back the very array, as np.asarray does: a write through either name is seen by both.
    const copied = !given(b.copy) || !(b.copy === false || b.copy === 0);
    const out = b.object instanceof ArrayValue && copied ? copy(rt, a, site) : a;
    if (given(b.dtype)) return cast(rt, out, b.dtype, site, 'np.array(dtype=)');
    return out;
  }),
  asarray: withArgumentKinds((rt, args, kw, site, kinds) => {
    const b = bind(rt, 'asarray', ['a', 'dtype'], args, kw, site);
    const a = toArray(rt, b.a!, site, 'np.asarray', kinds[0]);
    return given(b.dtype) ? cast(rt, a, b.dtype, site, 'np.asarray(dtype=)') : a;
  }),
  // numpy < 2's asfarray: asarray as float64 (a float dtype given is kept, an int or bool one is float64).
  asfarray: withArgumentKinds((rt, args, kw, site, kinds) => {
    const b = bind(rt, 'asfarray', ['a', 'dtype'], args, kw, site);
    const a = toArray(rt, b.a!, site, 'np.asfarray', kinds[0]);
    return given(b.dtype) && /float32|f4|single/.test(String(b.dtype)) ? cast(rt, a, b.dtype, site, 'np.asfarray(dtype=)') : a.dtype === 'float' ? a : cast(rt, a, 'float64', site, 'np.asfarray');
  }),
  zeros: (rt, args, kw, site) => filledOf(rt, 'zeros', 0, args, kw, site),
  empty: (rt, args, kw, site) => filledOf(rt, 'empty', 0, args, kw, site),
  ones: (rt, args, kw, site) => filledOf(rt, 'ones', 1, args, kw, site),
  full: withArgumentKinds((rt, args, kw, site, kinds) => {
    const b = bind(rt, 'full', ['shape', 'fill_value', 'dtype'], args, kw, site);
    const out = fullOf(rt, shapeArg(rt, b.shape!, site), b.fill_value!, site);
    if (given(b.dtype)) return cast(rt, out, b.dtype, site, 'np.full(dtype=)');
    // numpy's full takes the fill value's dtype: np.full(3, 2) is int64, np.full(3, 2.0) float64
    const fill = dtypeOfValue(b.fill_value!, args.length > 1 ? kinds[1] : undefined);
    return fill === undefined || fill.dtype === 'float' || out.row >= 0 ? out : withDtype(out, fill);
  }),
  zeros_like: (rt, args, kw, site) => filledLike(rt, 'zeros_like', 0, args, kw, site),
  empty_like: (rt, args, kw, site) => filledLike(rt, 'empty_like', 0, args, kw, site),
  ones_like: (rt, args, kw, site) => filledLike(rt, 'ones_like', 1, args, kw, site),
  full_like: (rt, args, kw, site) => {
    const b = bind(rt, 'full_like', ['a', 'fill_value', 'dtype'], args, kw, site);
    const out = fullOf(rt, shapeOf(rt, b.a!, site, 'full_like'), b.fill_value!, site);
    // numpy's full_like takes a's dtype unless told: full_like(an int array, 2.5) is all 2s
    if (given(b.dtype)) return cast(rt, out, b.dtype, site, 'np.full_like(dtype=)');
    const like = arr(rt, b.a!, site, 'full_like').dtype;
    return like === 'float' ? out : cast(rt, out, like === 'int' ? 'int64' : 'bool', site, 'np.full_like');
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
  arange: withArgumentKinds((rt, args, kw, site, kinds) => {
    const b = bind(rt, 'arange', ['start', 'stop', 'step', 'dtype'], args, kw, site);
    const [start, stop] = given(b.stop) ? [b.start!, b.stop] : [0, b.start!];
    const step = given(b.step) ? b.step : 1;
    const out = arange(rt, num(rt, start, site, 'start'), num(rt, stop, site, 'stop'), num(rt, step, site, 'step'), site);
    // numpy's arange is float64 when any of its numbers is a float (np.arange(3.0)), else int64
    const types = [b.start, b.stop, b.step].map((v, i) => (given(v) ? dtypeOfValue(v, i < args.length ? kinds[i] : undefined) : undefined)).filter((t) => t !== undefined);
    const typed = given(b.dtype) ? out : withDtype(out, promote([{ dtype: 'int', guess: false }, ...types]));
    // The length follows the primal values (piecewise constant); the elements start + i·step move
    // with start and step, so a tracked start or step is composed from the registry's add and mul.
    if (!isTracked(operand(rt, start, site)) && !isTracked(operand(rt, step, site))) return given(b.dtype) ? cast(rt, out, b.dtype, site, 'np.arange(dtype=)') : typed;
    const i = constant(out.shape, Float64Array.from(out.data, (_, k) => k));
    const moving = elementwise(rt, P.add, elementwise(rt, P.mul, i, operand(rt, step, site), site), operand(rt, start, site), site);
    return given(b.dtype) ? cast(rt, moving, b.dtype, site, 'np.arange(dtype=)') : moving;
  }),
  linspace: (rt, args, kw, site) => {
    const b = bind(rt, 'linspace', ['start', 'stop', 'num', 'endpoint', 'retstep', 'dtype', 'axis'], args, kw, site);
    notYet(rt, 'linspace', b, ['dtype', 'axis'], site);
    const n = given(b.num) ? int(rt, b.num, site, 'num') : 50;
    if (n < 0) fail('shape', `linspace needs a non-negative number of samples, got ${n}`, rt.sites[site]!);
    const endpoint = b.endpoint !== false;
    const start = operand(rt, b.start!, site);
    const stop = operand(rt, b.stop!, site);
    const samples = typeof start === 'number' && typeof stop === 'number' ? linspace(rt, start, stop, n, endpoint, site) : linspaceOf(rt, start, stop, n, endpoint, site);
    if (!given(b.retstep) || b.retstep === false) return samples;
    // retstep=True: (samples, step), step = (stop − start) / (n − 1) (or / n without the endpoint); numpy's nan for one sample
    const spaces = endpoint ? n - 1 : n;
    const step = spaces > 0 ? applyAny(rt, P.div, applyAny(rt, P.sub, stop, start, site), spaces, site) : NaN;
    return new SequenceValue([samples, step as Value], true);
  },
} satisfies Record<string, Impl>;

/** zeros/ones/empty(shape, dtype): a float32 or float16 dtype warns (GradLens computes in float64). */
function filledOf(rt: Runtime, fn: string, value: number, args: readonly Value[], kw: readonly KeywordValue[], site: number): ArrayValue {
  const b = bind(rt, fn, ['shape', 'dtype'], args, kw, site);
  const dtype = dtypeOf(rt, b.dtype, site) ?? 'float';
  warnNarrowFloatArray(rt, b.dtype, site, `np.${fn}(dtype=)`);
  return filled(rt, shapeArg(rt, b.shape!, site), value, site, dtype);
}

/** zeros_like/ones_like/empty_like(a, dtype): a's dtype unless told (numpy's rule). */
function filledLike(rt: Runtime, fn: string, value: number, args: readonly Value[], kw: readonly KeywordValue[], site: number): ArrayValue {
  const b = bind(rt, fn, ['a', 'dtype'], args, kw, site);
  const shape = shapeOf(rt, b.a!, site, fn);
  if (given(b.dtype)) warnNarrowFloatArray(rt, b.dtype, site, `np.${fn}(dtype=)`);
  return filled(rt, shape, value, site, dtypeOf(rt, b.dtype, site) ?? arr(rt, b.a!, site, fn).dtype);
}

/** np.full/full_like: a tracked fill value is broadcast by the registry's add, so its derivative flows. */
function fullOf(rt: Runtime, shape: number[], v: Value, site: number): ArrayValue {
  const fill = operand(rt, v, site);
  if (isTracked(fill)) return elementwise(rt, P.add, filled(rt, shape, 0, site), fill, site);
  return filled(rt, shape, num(rt, v, site, 'fill_value'), site);
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

