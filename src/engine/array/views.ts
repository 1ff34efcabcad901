import type { Runtime } from '../interpreter/runtime';
import { makeView } from './indexing';
import { ArrayValue, iota, stridesOf } from './ndarray';
import { positions, reshape, resolveShape, transpose } from './shape';

/**
 * numpy's reshape, ravel and transpose give views of the array they are called on: a write into the
 * result reaches that array (`g = grad.reshape(-1); g[i] = …` fills grad), and a write into the array
 * shows in the result. These make the same views as basic indexing does (indexing.ts), read from the
 * base when used — by a reshape that shares its buffer, or a gather named as the operation.
 */

/**
 * `a.reshape(shape)`, `a.ravel()`, `np.reshape`: a view when numpy makes one — when the elements'
 * places in the base can be walked with one stride per axis of the new shape — else a copy (the
 * raveled transpose of a matrix).
 */
export function reshapeView(rt: Runtime, a: ArrayValue, requested: readonly number[], site: number): ArrayValue {
  const shape = resolveShape(rt, a.size, requested, a.shape, site);
  if (a.view) return strided(a.view.positions, shape) ? makeView(rt, a, shape, iota(a.size, 1, 0), site, 'reshape') : reshape(rt, a, shape, site);
  let cached: Int32Array | undefined;
  return ArrayValue.lazyView(shape, a.dtype, {
    base: a,
    get positions(): Int32Array {
      return (cached ??= iota(a.size, 1, 0));
    },
    offset: 0,
    baseVersion: -1,
    reread: () => {
      const again = reshape(rt, a, shape, site);
      return { data: again.data, row: again.row };
    },
  });
}

/** `a.T`, `a.transpose(axes)`, `np.transpose`: a view with its axes permuted. */
export function transposeView(rt: Runtime, a: ArrayValue, axes: readonly number[] | undefined, site: number): ArrayValue {
  // The axes checked and the shape found as transpose finds them, without reading the contents.
  const n = a.ndim;
  const perm = axes ? axes.map((x) => (x < 0 ? x + n : x)) : [...Array(n).keys()].reverse();
  if (perm.length !== n || new Set(perm).size !== n || perm.some((p) => p < 0 || p >= n) || perm.every((p, i) => p === i)) return transpose(rt, a, axes, site);
  const shape = perm.map((p) => a.shape[p]!);
  const strides = stridesOf(a.shape);
  return makeView(rt, a, shape, positions(shape, perm.map((p) => strides[p]!), 0), site, 'transpose');
}

/** Whether `positions` (element k's place, in row-major order of `shape`) is a strided walk over `shape`. */
function strided(places: Int32Array, shape: readonly number[]): boolean {
  if (places.length === 0) return true;
  const unit = stridesOf(shape);
  // Each axis's stride: the place of its first step past element 0 (any stride for an axis of size 1).
  const step = shape.map((n, j) => (n > 1 ? places[unit[j]!]! - places[0]! : 0));
  const along = positions(shape, step, places[0]!);
  for (let k = 0; k < places.length; k++) if (along[k] !== places[k]) return false;
  return true;
}
