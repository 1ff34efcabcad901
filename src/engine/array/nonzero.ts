import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, type Value } from '../interpreter/values';
import { arr, bind, type Impl } from './args';
import { ArrayValue } from './ndarray';
import { constant } from './record';
import { unravelFlat } from './unravel';

/**
 * Where an array is not zero (a mask's True entries: statsmodels' `ii = np.flatnonzero(mu < 0)`,
 * then `der[ii] *= -1`), as numpy gives it — whole numbers, never differentiated (an index moves
 * only in jumps). NaN is not zero, as in numpy.
 */
function nonzeroAt(rt: Runtime, fn: string, args: readonly Value[], kw: Parameters<Impl>[2], site: number): { shape: readonly number[]; flat: number[] } {
  const b = bind(rt, fn, ['a'], args, kw, site);
  const a = b.a instanceof ArrayValue ? b.a : arr(rt, b.a!, site, fn);
  const data = a.transientData();
  const flat: number[] = [];
  for (let i = 0; i < a.size; i++) if (data[i] !== 0) flat.push(i);
  return { shape: a.shape, flat };
}

const ints = (values: readonly number[], shape: readonly number[] = [values.length]): ArrayValue => constant(shape, Float64Array.from(values), 'int');

export const NONZERO_IMPLEMENTATIONS = {
  /** `np.flatnonzero(a)`: the flat indices of the entries that are not zero. */
  flatnonzero: (rt, args, kw, site) => ints(nonzeroAt(rt, 'flatnonzero', args, kw, site).flat),
  /** `np.nonzero(a)`: one array of indices per axis. */
  nonzero: (rt, args, kw, site) => {
    const { shape, flat } = nonzeroAt(rt, 'nonzero', args, kw, site);
    if (shape.length === 0) fail('unsupported', 'GradLens does not support nonzero of a 0-d array (numpy deprecates it): use np.atleast_1d first', rt.sites[site]!);
    const at = flat.map((i) => unravelFlat(i, shape));
    return new SequenceValue(shape.map((_, j) => ints(at.map((p) => p[j]!))), true);
  },
  /** `np.argwhere(a)`: the indices of the entries that are not zero, one row each. */
  argwhere: (rt, args, kw, site) => {
    const { shape, flat } = nonzeroAt(rt, 'argwhere', args, kw, site);
    return ints(flat.flatMap((i) => unravelFlat(i, shape)), [flat.length, shape.length]);
  },
} satisfies Record<string, Impl>;
