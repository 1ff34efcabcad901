import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { GatherNode, ReshapeNode, SliceNode } from './linear';
import { ArrayValue, formatShape, iota, sizeOf, stridesOf } from './ndarray';
import { allocUnset, constant, record } from './record';

/** Shape operations: all gathers (or a reshape), so their gradients are scatter-adds. */

/** Elements at `pos` of one source, as a new array (a constant if the source is). */
export function gather(rt: Runtime, name: string, a: ArrayValue, shape: readonly number[], pos: Int32Array, site: number): ArrayValue {
  if (name === 'getitem' && pos.length > 0 && consecutive(pos)) return slice(rt, a, shape, pos[0]!, site);
  // Numbers are copied out: the source's buffer is not shared, so it may still be written in place.
  const src = a.transientData();
  const out = allocUnset(rt, pos.length, site, shape);
  for (let i = 0; i < pos.length; i++) out[i] = src[pos[i]!]!;
  if (a.row < 0 || !rt.tape) return constant(shape, out, a.dtype);
  return record(rt, new GatherNode(name, shape, out, [a.row], null, pos), site, 4 * pos.length, a.dtype);
}

/**
 * The elements from flat position `offset` on, in `shape`. Buffers are never written after they are
 * made, so the result shares the source's buffer.
 */
export function slice(rt: Runtime, a: ArrayValue, shape: readonly number[], offset: number, site: number): ArrayValue {
  const out = a.data.subarray(offset, offset + sizeOf(shape));
  if (a.row < 0 || !rt.tape) return constant(shape, out, a.dtype);
  return record(rt, new SliceNode(shape, out, [a.row], offset), site, 0, a.dtype);
}

function consecutive(pos: Int32Array): boolean {
  const first = pos[0]!;
  for (let i = 1; i < pos.length; i++) if (pos[i] !== first + i) return false;
  return true;
}

/** Elements from several sources: `which[i]` says which one, `pos[i]` where in it. */
export function gatherMany(rt: Runtime, name: string, sources: readonly ArrayValue[], shape: readonly number[], which: Int32Array, pos: Int32Array, site: number): ArrayValue {
  const data = sources.map((s) => s.data);
  const out = allocUnset(rt, pos.length, site, shape);
  for (let i = 0; i < pos.length; i++) out[i] = data[which[i]!]![pos[i]!]!;
  const dtype = sources.every((s) => s.dtype === 'bool') ? 'bool' : sources.every((s) => s.dtype !== 'float') ? 'int' : 'float';
  if (sources.every((s) => s.row < 0) || !rt.tape) return constant(shape, out, dtype);
  return record(rt, new GatherNode(name, shape, out, sources.map((s) => s.row), which, pos), site, 8 * pos.length, dtype);
}

/** Resolves one -1 in a requested shape, and checks the sizes agree. */
export function resolveShape(rt: Runtime, size: number, requested: readonly number[], from: readonly number[], site: number): number[] {
  const unknown = requested.filter((d) => d === -1).length;
  if (unknown > 1) fail('shape', `can only specify one unknown dimension (-1) in reshape to ${formatShape(requested)}`, rt.sites[site]!);
  const known = requested.reduce((p, d) => (d === -1 ? p : p * d), 1);
  const shape = requested.map((d) => (d === -1 ? (known === 0 ? 0 : size / known) : d));
  if (shape.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(shape) !== size) {
    fail('shape', `cannot reshape an array of size ${size} and shape ${formatShape(from)} into shape ${formatShape(requested)}`, rt.sites[site]!);
  }
  return shape;
}

/** The same elements in another shape; the buffer is shared (buffers are never written in place). */
export function reshape(rt: Runtime, a: ArrayValue, requested: readonly number[], site: number): ArrayValue {
  const shape = resolveShape(rt, a.size, requested, a.shape, site);
  const data = a.data;
  if (a.row < 0 || !rt.tape) return constant(shape, data, a.dtype);
  return record(rt, new ReshapeNode(shape, data, [a.row]), site, 0, a.dtype);
}

/** Axes permuted (`.T` reverses them). */
export function transpose(rt: Runtime, a: ArrayValue, axes: readonly number[] | undefined, site: number): ArrayValue {
  const n = a.ndim;
  const perm = axes ? axes.map((x) => normalizeAxis(rt, x, n, site)) : [...Array(n).keys()].reverse();
  if (perm.length !== n || new Set(perm).size !== n) fail('shape', `axes ${formatShape(axes ?? [])} don't match an array of shape ${formatShape(a.shape)}`, rt.sites[site]!);
  if (perm.every((p, i) => p === i)) return a;
  const shape = perm.map((p) => a.shape[p]!);
  const strides = stridesOf(a.shape);
  return gather(rt, 'transpose', a, shape, positions(shape, perm.map((p) => strides[p]!), 0), site);
}

/** Flat positions of a strided walk over `shape` starting at `base`. */
export function positions(shape: readonly number[], strides: readonly number[], base: number): Int32Array {
  const total = sizeOf(shape);
  const out = new Int32Array(total);
  const n = shape.length;
  if (n === 0) {
    out[0] = base;
    return out;
  }
  const idx = new Array<number>(n).fill(0);
  let p = base;
  for (let k = 0; k < total; k++) {
    out[k] = p;
    for (let ax = n - 1; ax >= 0; ax--) {
      idx[ax]!++;
      p += strides[ax]!;
      if (idx[ax]! < shape[ax]!) break;
      p -= strides[ax]! * idx[ax]!;
      idx[ax] = 0;
    }
  }
  return out;
}

export function normalizeAxis(rt: Runtime, axis: number, ndim: number, site: number): number {
  const a = axis < 0 ? axis + ndim : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= Math.max(ndim, 1)) fail('index', `axis ${axis} is out of bounds for an array of dimension ${ndim}`, rt.sites[site]!);
  return a;
}

/** Joins arrays along an existing axis. */
export function concatenate(rt: Runtime, arrays: readonly ArrayValue[], axis: number, site: number, name = 'concatenate'): ArrayValue {
  if (arrays.length === 0) fail('shape', `${name} needs at least one array`, rt.sites[site]!);
  const first = arrays[0]!;
  if (first.ndim === 0) fail('shape', `zero-dimensional arrays cannot be concatenated (${name})`, rt.sites[site]!);
  const ax = normalizeAxis(rt, axis, first.ndim, site);
  for (const a of arrays) {
    if (a.ndim !== first.ndim || a.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      fail('shape', `${name}: all the input array dimensions except for the concatenation axis must match exactly, got shapes ${formatShape(first.shape)} and ${formatShape(a.shape)}`, rt.sites[site]!);
    }
  }
  const shape = [...first.shape];
  shape[ax] = arrays.reduce((s, a) => s + a.shape[ax]!, 0);
  const outer = sizeOf(first.shape.slice(0, ax));
  const inner = sizeOf(first.shape.slice(ax + 1));
  const total = sizeOf(shape);
  const which = new Int32Array(total);
  const pos = new Int32Array(total);
  let k = 0;
  for (let o = 0; o < outer; o++) {
    arrays.forEach((a, w) => {
      const block = a.shape[ax]! * inner;
      for (let j = 0; j < block; j++) {
        which[k] = w;
        pos[k++] = o * block + j;
      }
    });
  }
  return gatherMany(rt, name, arrays, shape, which, pos, site);
}

/** Joins arrays along a new axis. */
export function stack(rt: Runtime, arrays: readonly ArrayValue[], axis: number, site: number): ArrayValue {
  if (arrays.length === 0) fail('shape', 'stack needs at least one array', rt.sites[site]!);
  const first = arrays[0]!;
  for (const a of arrays) {
    if (a.shape.length !== first.shape.length || a.shape.some((d, i) => d !== first.shape[i])) {
      fail('shape', `stack: all input arrays must have the same shape, got ${formatShape(first.shape)} and ${formatShape(a.shape)}`, rt.sites[site]!);
    }
  }
  const ax = normalizeAxis(rt, axis, first.ndim + 1, site);
  const expanded = arrays.map((a) => reshape(rt, a, [...a.shape.slice(0, ax), 1, ...a.shape.slice(ax)], site));
  return concatenate(rt, expanded, ax, site, 'stack');
}

/** np.diag: the diagonal of a 2-D array, or a square matrix with a 1-D array on its diagonal. */
export function diag(rt: Runtime, a: ArrayValue, site: number): ArrayValue {
  if (a.ndim === 2) {
    const [m, n] = a.shape as [number, number];
    const k = Math.min(m, n);
    return gather(rt, 'diag', a, [k], iota(k, n + 1), site);
  }
  if (a.ndim !== 1) fail('shape', `diag needs a 1-D or 2-D array, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
  const n = a.size;
  const zero = constant([1], Float64Array.of(0));
  const which = new Int32Array(n * n).fill(1);
  const pos = new Int32Array(n * n);
  for (let i = 0; i < n; i++) {
    which[i * n + i] = 0;
    pos[i * n + i] = i;
  }
  return gatherMany(rt, 'diag', [a, zero], [n, n], which, pos, site);
}
