import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, type Value } from '../interpreter/values';
import { bind, given, int, type Impl } from './args';
import { ArrayValue } from './ndarray';
import { constant } from './record';

/**
 * `np.unravel_index(indices, shape)`: the index along each axis of a flat row-major index, as
 * numpy gives them — whole numbers (a max-pool backward's `np.unravel_index(np.argmax(window),
 * window.shape)`), never differentiated. A flat index past the array is numpy's ValueError.
 */
function unravelIndex(rt: Runtime, args: readonly Value[], kw: Parameters<Impl>[2], site: number): Value {
  const b = bind(rt, 'unravel_index', ['indices', 'shape', 'order'], args, kw, site);
  if (given(b.order) && b.order !== 'C') fail('unsupported', `GradLens does not support unravel_index's order=${String(b.order)} yet (only 'C')`, rt.sites[site]!);
  const dims = b.shape instanceof SequenceValue ? b.shape.items.map((d) => int(rt, d, site, 'a dimension')) : [int(rt, b.shape!, site, 'a dimension')];
  const size = dims.reduce((p, d) => p * d, 1);
  const split = (flat: number): number[] => {
    if (!Number.isInteger(flat)) fail('type', `unravel_index needs integer indices, got ${flat}`, rt.sites[site]!);
    if (flat < 0 || flat >= size) fail('index', `index ${flat} is out of bounds for array with size ${size}`, rt.sites[site]!);
    return unravelFlat(flat, dims);
  };
  const indices = b.indices!;
  if (indices instanceof ArrayValue || indices instanceof SequenceValue) {
    const flat = indices instanceof ArrayValue ? Array.from(indices.transientData()) : indices.items.map((v) => int(rt, v, site, 'an index'));
    const shape = indices instanceof ArrayValue ? indices.shape : [flat.length];
    const parts = flat.map(split);
    return new SequenceValue(dims.map((_, j) => constant(shape, Float64Array.from(parts, (p) => p[j]!), 'int')), true);
  }
  return new SequenceValue(split(int(rt, indices, site, 'an index')), true);
}

/** A flat row-major index of an array of `dims` as its index along each axis. */
export function unravelFlat(flat: number, dims: readonly number[]): number[] {
  const out = new Array<number>(dims.length);
  let rest = flat;
  for (let j = dims.length - 1; j >= 0; j--) {
    out[j] = rest % dims[j]!;
    rest = Math.floor(rest / dims[j]!);
  }
  return out;
}

export const UNRAVEL_IMPLEMENTATIONS = { unravel_index: unravelIndex } satisfies Record<string, Impl>;
