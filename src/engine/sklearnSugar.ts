import { fail } from '../core/diagnostic';
import { truthy } from './interpreter/operators';
import type { Runtime } from './interpreter/runtime';
import { SequenceValue, SliceValue, typeName, type Value } from './interpreter/values';
import { PRIMITIVES as P } from './primitives/registry';
import { arr, bind, given, notYet, num, type Impl } from './array/args';
import { applyAny } from './array/elementwise';
import { assignInPlace, getIndex } from './array/indexing';
import { matmul } from './array/linalg';
import { ArrayValue, formatShape } from './array/ndarray';
import { dot } from './array/products';
import { constant, element, type Operand } from './array/record';
import { resolveAxes, sum } from './array/reduce';
import { reshape } from './array/shape';
import { SCIPY_IMPLEMENTATIONS } from './scipySugar';

/**
 * scikit-learn's small dense-math helpers (`sklearn.utils.extmath` and `sklearn.utils._mask`), which
 * its own loss and gradient functions call: each is what the helper does to numpy arrays, composed of
 * numpy operations GradLens already has (so it needs no rules of its own). A sparse matrix never gets
 * here (scipy.sparse is not supported), so each helper's sparse branch is left out; where
 * scikit-learn's dense code itself raises (a 1-D array to `row_norms`), GradLens refuses, saying why.
 */

/** The name scikit-learn gives the helper, for messages. */
const EXTMATH = 'sklearn.utils.extmath';

/** `a.ndim`: scikit-learn reads it, so a Python number or a list is an AttributeError there. */
function ndarray(rt: Runtime, v: Value, site: number, what: string): ArrayValue {
  if (v instanceof ArrayValue) return v;
  return fail('type', `${what} needs numpy arrays (scikit-learn reads their .ndim), got ${typeName(v)}`, rt.sites[site]!);
}

/**
 * `safe_sparse_dot(a, b, *, dense_output=False)` on dense arrays: `a @ b` when neither has more than
 * two axes (so a 0-d operand is refused, as matmul refuses it), else `np.dot(a, b)` (the last axis of
 * a against b's second-to-last, which newer versions write as a tensordot over the same axes).
 * dense_output only matters when both operands are sparse.
 */
const safeSparseDot: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'safe_sparse_dot', ['a', 'b', 'dense_output'], args, kw, site);
  const x = ndarray(rt, b.a!, site, 'safe_sparse_dot');
  const y = ndarray(rt, b.b!, site, 'safe_sparse_dot');
  if (x.ndim > 2 || y.ndim > 2) return dot(rt, x, y, site, 'safe_sparse_dot');
  const out = matmul(rt, x, y, site, 'safe_sparse_dot (a @ b)');
  return out.ndim === 0 ? element(rt, out, 0, site) : out;
};

/** `squared_norm(x)`: `np.dot(x.ravel(), x.ravel())`, the squared Euclidean (Frobenius) norm of every element. */
const squaredNorm: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'squared_norm', ['x'], args, kw, site);
  const flat = reshape(rt, arr(rt, b.x!, site, 'squared_norm'), [-1], site);
  return dot(rt, flat, flat, site, 'squared_norm');
};

/** `row_norms(X, squared=False)`: `einsum('ij,ij->i', X, X)`, then its square root unless squared. */
const rowNorms: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'row_norms', ['X', 'squared'], args, kw, site);
  const X = arr(rt, b.X!, site, 'row_norms');
  if (X.ndim !== 2) fail('shape', `row_norms needs a 2-D X (scikit-learn sums with einsum('ij,ij->i')), got shape ${formatShape(X.shape)}`, rt.sites[site]!);
  const squares = applyAny(rt, P.mul, X, X, site) as ArrayValue;
  const norms = sum(rt, squares, resolveAxes(rt, squares, 1, false, site), site) as Operand;
  return (given(b.squared) && truthy(b.squared, rt, site) ? norms : applyAny(rt, P.sqrt, norms, undefined, site)) as Value;
};

/** `log_logistic(X)`: log(1 / (1 + e^−x)) elementwise, as `-np.logaddexp(0, -X)` (jax.nn's log_sigmoid, the same function). */
const logLogistic: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'log_logistic', ['X', 'out'], args, kw, site);
  notYet(rt, 'log_logistic', b, ['out'], site);
  const X = ndarray(rt, b.X!, site, 'log_logistic');
  if (X.ndim !== 1 && X.ndim !== 2) fail('shape', `log_logistic takes a 1-D or 2-D X (scikit-learn's check_array), got shape ${formatShape(X.shape)}`, rt.sites[site]!);
  return SCIPY_IMPLEMENTATIONS.log_sigmoid(rt, [X], [], site);
};

/**
 * `softmax(X, copy=True)`: each row of a 2-D X shifted by its maximum, exponentiated and divided by
 * its sum. With copy=False scikit-learn overwrites X with the result and returns it: GradLens does
 * the same (a new version of X, as `X[...] = …`), so later reads of X see the probabilities.
 */
const softmax: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'softmax', ['X', 'copy'], args, kw, site);
  const copy = !given(b.copy) || truthy(b.copy, rt, site);
  const X = copy ? arr(rt, b.X!, site, `${EXTMATH}.softmax`) : ndarray(rt, b.X!, site, `${EXTMATH}.softmax with copy=False`);
  if (X.ndim !== 2) fail('shape', `${EXTMATH}.softmax needs a 2-D X (it normalizes along axis 1), got shape ${formatShape(X.shape)}`, rt.sites[site]!);
  const probabilities = SCIPY_IMPLEMENTATIONS.nn_softmax(rt, [X, 1], [], site) as Operand;
  if (copy) return probabilities as Value;
  assignInPlace(rt, X, probabilities, site);
  return X;
};

/**
 * `axis0_safe_slice(X, mask, len_mask)`: the rows of a 2-D X the mask selects (`X[mask, :]`, a boolean
 * mask or integer indices), or an empty (0, n_features) array when len_mask is 0 — whatever the mask
 * says then, as scikit-learn's does.
 */
const axis0SafeSlice: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'axis0_safe_slice', ['X', 'mask', 'len_mask'], args, kw, site);
  const X = arr(rt, b.X!, site, 'axis0_safe_slice');
  if (X.ndim !== 2) fail('shape', `axis0_safe_slice needs a 2-D X (it reads X.shape[1]), got shape ${formatShape(X.shape)}`, rt.sites[site]!);
  if (num(rt, b.len_mask!, site, "axis0_safe_slice's len_mask") === 0) return constant([0, X.shape[1]!], new Float64Array(0));
  const mask = b.mask instanceof SequenceValue ? arr(rt, b.mask, site, "axis0_safe_slice's mask") : b.mask!;
  return getIndex(rt, X, new SequenceValue([mask, new SliceValue(undefined, undefined, undefined)], true), site);
};

export const SKLEARN_IMPLEMENTATIONS = {
  safe_sparse_dot: safeSparseDot,
  squared_norm: squaredNorm,
  row_norms: rowNorms,
  log_logistic: logLogistic,
  extmath_softmax: softmax,
  axis0_safe_slice: axis0SafeSlice,
} satisfies Record<string, Impl>;
