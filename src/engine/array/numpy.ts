import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { None, NoneValue, SequenceValue, typeName, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, axisArg, bind, given, int, operand, type Impl } from './args';
import { elementwise } from './elementwise';
import { copy } from './indexing';
import { addAt } from './scatterAdd';
import { ArrayValue } from './ndarray';
import type { Operand } from './record';
import { concatenate, reshape, stack } from './shape';
import { reshapeView, transposeView } from './views';

import { CAST_IMPLEMENTATIONS } from './casts';
import { CREATION_IMPLEMENTATIONS } from './creation';
import { RANDOM_IMPLEMENTATIONS } from './randomDraws';
import { REDUCTION_IMPLEMENTATIONS } from './reductions';
import { PRODUCT_IMPLEMENTATIONS } from './products';
import { LOGICAL_IMPLEMENTATIONS } from './logical';
import { REARRANGE_IMPLEMENTATIONS } from './rearrange';
import { STATISTICS_IMPLEMENTATIONS } from './statistics';
import { UNRAVEL_IMPLEMENTATIONS } from './unravel';
import { NONZERO_IMPLEMENTATIONS } from './nonzero';
import { FILL_DIAGONAL_IMPLEMENTATIONS } from './fillDiagonal';
import { INSERT_IMPLEMENTATIONS, UNIQUE_IMPLEMENTATIONS } from './insert';
import { CONTRACTION_IMPLEMENTATIONS } from './einsum';
import { numericFunctions, useWhere } from './numericFunctions';
import { STACKED_LINALG, norm } from './norms';
import { DECOMPOSITION_IMPLEMENTATIONS } from './decompositions';
import { LEAST_SQUARES_IMPLEMENTATIONS } from './leastSquares';
import { where } from './where';
import { keepingDtype } from './dtypes';

/**
 * numpy's array functions, by family (each family's file reads its arguments as numpy's signatures
 * give them), and here the shape functions that are one call of shape.ts each. The array methods
 * that share them (`x.sum(axis=0)` is `np.sum(x, axis=0)`) call the same implementations.
 */

/** The arrays of a sequence argument (`np.concatenate([a, b])`). */
function arrays(rt: Runtime, v: Value, site: number, what: string): ArrayValue[] {
  if (!(v instanceof SequenceValue)) fail('type', `${what} needs a list or tuple of arrays, got ${typeName(v)}`, rt.sites[site]!);
  return v.items.map((x) => arr(rt, x, site, what));
}


export const NUMPY_IMPLEMENTATIONS = {
  ...CREATION_IMPLEMENTATIONS,
  ...RANDOM_IMPLEMENTATIONS,
  ...REDUCTION_IMPLEMENTATIONS,
  norm,
  ...STACKED_LINALG,
  ...DECOMPOSITION_IMPLEMENTATIONS,
  ...LEAST_SQUARES_IMPLEMENTATIONS,
  ...PRODUCT_IMPLEMENTATIONS,
  transpose: (rt, args, kw, site) => {
    const b = bind(rt, 'transpose', ['a', 'axes'], args, kw, site);
    const axes = axisArg(rt, b.axes, site);
    return transposeView(rt, arr(rt, b.a!, site, 'transpose'), typeof axes === 'number' ? [axes] : axes, site);
  },
  reshape: (rt, args, kw, site) => {
    const b = bind(rt, 'reshape', ['a', 'newshape'], args, kw, site);
    return reshapeView(rt, arr(rt, b.a!, site, 'reshape'), shapeArgSigned(rt, b.newshape!, site), site);
  },
  ravel: (rt, [a], _kw, site) => reshapeView(rt, arr(rt, a!, site, 'ravel'), [-1], site),
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
  add_at: (rt, args, kw, site) => {
    const b = bind(rt, 'add.at', ['a', 'indices', 'b'], args, kw, site);
    addAt(rt, b.a!, b.indices!, operand(rt, b.b!, site), site);
    return None;
  },
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
    return where(rt, arr(rt, b.condition!, site, 'where'), operand(rt, b.x!, site), operand(rt, b.y!, site), site, 'np.where');
  },
  shape: (rt, [a], _kw, site) => new SequenceValue(arr(rt, a!, site, 'shape').shape.map((d) => d), true),
  size: (rt, [a], _kw, site) => arr(rt, a!, site, 'size').size,
  ndim: (rt, [a], _kw, site) => arr(rt, a!, site, 'ndim').ndim,
  ...LOGICAL_IMPLEMENTATIONS,
  ...REARRANGE_IMPLEMENTATIONS,
  ...STATISTICS_IMPLEMENTATIONS,
  ...UNRAVEL_IMPLEMENTATIONS,
  ...NONZERO_IMPLEMENTATIONS,
  ...FILL_DIAGONAL_IMPLEMENTATIONS,
  ...INSERT_IMPLEMENTATIONS,
  ...UNIQUE_IMPLEMENTATIONS,
  ...CONTRACTION_IMPLEMENTATIONS,
  r_: (rt, _args, _kw, site) => fail('type', 'np.r_ is indexed, not called: write np.r_[a, b]', rt.sites[site]!),
  c_: (rt, _args, _kw, site) => fail('type', 'np.c_ is indexed, not called: write np.c_[a, b]', rt.sites[site]!),
  ...CAST_IMPLEMENTATIONS,
} satisfies Record<string, Impl>;

/**
 * The functions whose result keeps its operands' dtype (dtypes.ts): ints stay ints through sums,
 * products, selections and rearrangements (np.sum of bools counts them: an int; np.max of bools is a
 * bool). Each is listed with the positional arguments that are its operands (all when none).
 */
type Keeping = readonly [keyof typeof NUMPY_IMPLEMENTATIONS, 'int' | 'bool', (readonly number[])?];
const DTYPE_KEEPING: readonly Keeping[] = [
  ['reduce_sum', 'int', [0]], ['prod', 'int', [0]], ['cumsum', 'int', [0]], ['cumprod', 'int', [0]], ['trace', 'int', [0]],
  ['reduce_max', 'bool', [0]], ['reduce_min', 'bool', [0]], ['diff', 'bool', [0]], ['ediff1d', 'bool', [0]],
  ['matmul', 'bool', [0, 1]], ['dot', 'bool', [0, 1]], ['inner', 'bool', [0, 1]], ['vdot', 'bool', [0, 1]], ['outer', 'bool', [0, 1]],
  ['kron', 'bool', [0, 1]], ['tensordot', 'bool', [0, 1]], ['cross', 'bool', [0, 1]], ['einsum', 'bool'],
  ['clip', 'bool', [0, 1, 2]], ['where', 'bool', [1, 2]], ['pad', 'bool', [0]], ['sort', 'bool', [0]], ['msort', 'bool', [0]], ['partition', 'bool', [0]],
  ...(['roll', 'flip', 'flipud', 'fliplr', 'rot90', 'repeat', 'tile', 'tril', 'triu', 'diagonal', 'moveaxis', 'swapaxes', 'rollaxis', 'squeeze', 'expand_dims', 'transpose', 'reshape', 'ravel', 'copy', 'diag', 'diagflat'] as const).map((n) => [n, 'bool', [0]] as const),
  ...(['atleast_1d', 'atleast_2d', 'atleast_3d', 'concatenate', 'stack', 'append', 'column_stack', 'dstack', 'hstack', 'vstack', 'row_stack'] as const).map((n) => [n, 'bool'] as const),
];
for (const [name, bools, operands] of DTYPE_KEEPING) (NUMPY_IMPLEMENTATIONS as Record<string, Impl>)[name] = keepingDtype(NUMPY_IMPLEMENTATIONS[name], bools, operands);

/** numpy functions composed from the ones above (numericFunctions.ts), which need linspace and where. */
useWhere(where);
export const COMPOSED_IMPLEMENTATIONS = numericFunctions(NUMPY_IMPLEMENTATIONS.linspace);

/** A new shape that may hold one -1. */
export function shapeArgSigned(rt: Runtime, v: Value, site: number): number[] {
  const dims = v instanceof SequenceValue ? v.items : [v];
  return dims.map((d) => int(rt, d, site, 'a dimension'));
}
