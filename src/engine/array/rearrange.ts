import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import type { Value } from '../interpreter/values';
import { arr, axisArg, bind, type Impl } from './args';
import { ArrayValue, formatShape } from './ndarray';
import { normalizeAxis, reshape } from './shape';

/**
 * numpy's functions that move elements without changing them: new axes, dropped axes, reorders.
 * All are reshapes or gathers (shape.ts), so their derivatives are the gathers' scatter-adds.
 */

/** The axes an `axis` argument names, normalised against `ndim`. */
function axesOf(rt: Runtime, v: Value | undefined, ndim: number, site: number): number[] | undefined {
  const axis = axisArg(rt, v, site);
  if (axis === undefined) return undefined;
  return (typeof axis === 'number' ? [axis] : axis).map((x) => normalizeAxis(rt, x, ndim, site));
}

export function squeeze(rt: Runtime, a: ArrayValue, axes: readonly number[] | undefined, site: number): ArrayValue {
  if (axes) {
    for (const x of axes) if (a.shape[x] !== 1) fail('shape', `cannot select an axis to squeeze out which has size not equal to one (axis ${x} of shape ${formatShape(a.shape)})`, rt.sites[site]!);
    return reshape(rt, a, a.shape.filter((_, i) => !axes.includes(i)), site);
  }
  return reshape(rt, a, a.shape.filter((d) => d !== 1), site);
}

export function expandDims(rt: Runtime, a: ArrayValue, axis: number | readonly number[], site: number): ArrayValue {
  const list = typeof axis === 'number' ? [axis] : axis;
  const ndim = a.ndim + list.length;
  const at = list.map((x) => normalizeAxis(rt, x, ndim, site));
  if (new Set(at).size !== at.length) fail('shape', 'expand_dims: repeated axis', rt.sites[site]!);
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < ndim; i++) shape.push(at.includes(i) ? 1 : a.shape[k++]!);
  return reshape(rt, a, shape, site);
}

export const REARRANGE_IMPLEMENTATIONS = {
  squeeze: (rt, args, kw, site) => {
    const b = bind(rt, 'squeeze', ['a', 'axis'], args, kw, site);
    const a = arr(rt, b.a!, site, 'squeeze');
    return squeeze(rt, a, axesOf(rt, b.axis, a.ndim, site), site);
  },
  expand_dims: (rt, args, kw, site) => {
    const b = bind(rt, 'expand_dims', ['a', 'axis'], args, kw, site);
    const axis = axisArg(rt, b.axis, site);
    if (axis === undefined) fail('arity', 'expand_dims needs an axis', rt.sites[site]!);
    return expandDims(rt, arr(rt, b.a!, site, 'expand_dims'), axis, site);
  },
} satisfies Record<string, Impl>;

