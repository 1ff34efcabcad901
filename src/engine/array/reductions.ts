import { fail } from '../../core/diagnostic';
import type { KeywordValue } from '../interpreter/calls';
import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, axisArg, bind, given, notYet, operand, type Impl } from './args';
import { floatDtype } from './casts';
import { filled } from './construct';
import { applyAny, elementwise } from './elementwise';
import { formatShape, type ArrayValue } from './ndarray';
import type { Operand } from './record';
import { argExtreme, extreme, mean, prod, resolveAxes, sum } from './reduce';
import { reshape } from './shape';

/**
 * numpy's reduction calls — sum, mean, average, prod, max, min, argmax, argmin — read as numpy's
 * signatures give them; the reductions themselves are reduce.ts's nodes.
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
    notYet(rt, name, b, ['out', 'where'], site);
    floatDtype(rt, name, b.dtype, site);
    const a = arr(rt, b.a!, site, `np.${name}`);
    const keepdims = given(b.keepdims) && b.keepdims === true;
    const out = run(rt, a, resolveAxes(rt, a, axisArg(rt, b.axis, site), keepdims, site), site);
    return given(b.initial) ? withInitial(rt, name, a, out, b.initial, site) : out;
  };
}

/** What `initial=` folds in: a first term of the sum, a first factor of the product, a bound of max and min. */
const INITIAL_FOLD: Readonly<Record<string, typeof P.add>> = { sum: P.add, prod: P.mul, max: P.maximum, min: P.minimum };

/**
 * `initial=`: folded into each reduced entry by the registry's add, mul, maximum or minimum (max's
 * tie with initial is maximum's, warned). numpy casts initial to an int array's dtype
 * (`np.sum(np.array([1, 2]), initial=1.5)` is 4): GradLens takes it on float arrays only.
 */
function withInitial(rt: Runtime, name: string, a: ArrayValue, out: Value, initial: Value, site: number): Value {
  if (a.dtype !== 'float') fail('unsupported', `GradLens does not support ${name}'s initial= on an ${a.dtype === 'int' ? 'int64' : 'bool'} array yet (numpy casts it to that dtype)`, rt.sites[site]!);
  const fold = INITIAL_FOLD[name];
  if (fold === undefined) fail('unsupported', `GradLens does not support ${name}'s initial= yet`, rt.sites[site]!);
  return applyAny(rt, fold, out as Operand, operand(rt, initial, site), site) as Value;
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

export const REDUCTION_IMPLEMENTATIONS = {
  reduce_sum: reduction('sum', sum),
  mean: reduction('mean', mean),
  average,
  prod: reduction('prod', prod),
  reduce_max: reduction('max', (rt, a, ax, site) => extreme(rt, a, ax, true, site)),
  reduce_min: reduction('min', (rt, a, ax, site) => extreme(rt, a, ax, false, site)),
  argmax: argReduction(true),
  argmin: argReduction(false),
} satisfies Record<string, Impl>;
