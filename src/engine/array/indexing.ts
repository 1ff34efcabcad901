import { storedArray, warnGuessedInt } from './dtypes';
import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { EllipsisValue, NoneValue, RangeValue, SequenceValue, SliceValue, Tracked, typeName, type Value } from '../interpreter/values';
import { ArrayValue, broadcastMap, broadcastShapes, formatShape, iota, sameShape, sizeOf, stridesOf, type BroadcastMap } from './ndarray';
import { alloc, asArray, constant, element, record, type Operand, type Scalar } from './record';
import { gather, positions, slice } from './shape';
import { writeElement } from './elementWrites';
import { writeInPlace } from './writeChain';
import { GatherNode } from './linear';

/**
 * numpy indexing, reduced to one idea: an index selects flat positions of the array's buffer.
 * Reading is a gather (its gradient a scatter-add, so `x[[0, 0]]` sends two gradients to x[0]);
 * writing (`A[idx] = v`) is a gather from two sources, the old buffer and v, recorded as a new
 * version of the array — so reads before the write keep the old version on the tape, reads after
 * see the new one, and the gradient reaches both v and the entries the write left alone.
 *
 * Basic indices (integers, slices, None) give views, as in numpy: `row = A[0]; row[1] = 5` writes
 * into A. Integer arrays and boolean masks ("advanced" indices) give copies.
 */

interface Group {
  readonly shape: readonly number[];
  readonly offsets: Int32Array;
}

export interface Selection {
  readonly shape: number[];
  /** Computed on first use for basic selections (a contiguous slice never needs them). */
  readonly positions: Int32Array;
  /** Only integers, slices and None: a view in numpy. */
  readonly basic: boolean;
  /** Set when the positions are consecutive: the first of them. */
  readonly offset?: number;
}

type Component =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; slice: SliceValue }
  | { kind: 'none' }
  | { kind: 'array'; shape: readonly number[]; data: Float64Array; isBool: boolean };

function integer(rt: Runtime, v: Value, site: number, what: string): number {
  const n = typeof v === 'number' ? v : v instanceof Tracked ? v.value : typeof v === 'boolean' ? Number(v) : NaN;
  if (!Number.isInteger(n)) fail('index', `${what} must be an integer, got ${Number.isNaN(n) ? typeName(v) : String(n)}`, rt.sites[site]!);
  return n;
}

function indexItems(index: Value): readonly Value[] {
  return index instanceof SequenceValue && index.isTuple ? index.items : [index];
}

/** The index's components, with `...` replaced by the full slices it stands for on `ndim` axes. */
function components(rt: Runtime, index: Value, ndim: number, site: number): Component[] {
  const items = indexItems(index);
  const at = items.indexOf(EllipsisValue.instance);
  if (at < 0) return items.map((v) => component(rt, v, site));
  if (items.lastIndexOf(EllipsisValue.instance) !== at) fail('index', "an index can only have a single ellipsis ('...')", rt.sites[site]!);
  const before = items.slice(0, at).map((v) => component(rt, v, site));
  const after = items.slice(at + 1).map((v) => component(rt, v, site));
  // An axis each, but None takes none and a boolean mask as many as it has.
  const axes = (c: Component): number => (c.kind === 'none' ? 0 : c.kind === 'array' && c.isBool ? c.shape.length : 1);
  const used = [...before, ...after].reduce((n, c) => n + axes(c), 0);
  const full: Component[] = Array.from({ length: Math.max(0, ndim - used) }, () => ({ kind: 'slice', slice: new SliceValue(undefined, undefined, undefined) }));
  return [...before, ...full, ...after];
}

function component(rt: Runtime, v: Value, site: number): Component {
  if (v instanceof SliceValue) return { kind: 'slice', slice: v };
  if (v instanceof NoneValue) return { kind: 'none' };
  if (v instanceof ArrayValue) return { kind: 'array', shape: v.shape, data: v.data, isBool: v.dtype === 'bool' };
  // x[range(1, 4)] is x[[1, 2, 3]]
  if (v instanceof RangeValue) return { kind: 'array', shape: [v.length], data: Float64Array.from({ length: v.length }, (_, i) => v.start + i * v.step), isBool: false };
  if (v instanceof SequenceValue) {
    const flat: number[] = [];
    const shape = listShape(rt, v, flat, site);
    const isBool = v.items.length > 0 && v.items.every((x) => typeof x === 'boolean');
    return { kind: 'array', shape, data: Float64Array.from(flat), isBool };
  }
  if (typeof v === 'boolean') fail('index', 'a boolean scalar index is not supported; use a boolean array', rt.sites[site]!);
  return { kind: 'int', value: integer(rt, v, site, 'an array index') };
}

function listShape(rt: Runtime, v: SequenceValue, flat: number[], site: number): number[] {
  const shape = [v.items.length];
  let inner: number[] | undefined;
  for (const x of v.items) {
    if (x instanceof SequenceValue) {
      const s = listShape(rt, x, flat, site);
      if (inner && formatShape(inner) !== formatShape(s)) fail('index', 'an index list must be rectangular', rt.sites[site]!);
      inner = s;
    } else flat.push(typeof x === 'boolean' ? Number(x) : integer(rt, x, site, 'an index in a list'));
  }
  return inner ? [...shape, ...inner] : shape;
}

/** Python slice semantics against an axis length: the first index, the step and the count. */
function sliceBounds(rt: Runtime, s: SliceValue, length: number, site: number): { start: number; step: number; count: number } {
  const step = s.step === undefined || s.step instanceof NoneValue ? 1 : integer(rt, s.step, site, 'a slice step');
  if (step === 0) fail('index', 'a slice step cannot be zero', rt.sites[site]!);
  const bound = (v: Value | undefined, dflt: number): number => {
    if (v === undefined || v instanceof NoneValue) return dflt;
    let i = integer(rt, v, site, 'a slice bound');
    if (i < 0) i += length;
    return step > 0 ? Math.min(Math.max(i, 0), length) : Math.min(Math.max(i, -1), length - 1);
  };
  const start = bound(s.lower, step > 0 ? 0 : length - 1);
  const stop = bound(s.upper, step > 0 ? length : -1);
  const count = Math.max(0, step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step));
  return { start, step, count };
}

/** Python slice semantics against an axis length: the selected indices. */
export function sliceIndices(rt: Runtime, s: SliceValue, length: number, site: number): Int32Array {
  const { start, step, count } = sliceBounds(rt, s, length, site);
  const out = new Int32Array(count);
  for (let k = 0; k < count; k++) out[k] = start + k * step;
  return out;
}

/**
 * Basic indices only (integers, slices, None): the selection is a strided walk, computed in one
 * pass without per-axis index lists.
 */
function selectBasic(rt: Runtime, shape: readonly number[], comps: readonly Component[], site: number): Selection {
  const strides = stridesOf(shape);
  const outShape: number[] = [];
  const outStrides: number[] = [];
  let base = 0;
  let axis = 0;
  for (const c of comps) {
    if (c.kind === 'none') {
      outShape.push(1);
      outStrides.push(0);
      continue;
    }
    const len = shape[axis]!;
    const stride = strides[axis]!;
    if (c.kind === 'int') {
      const i = c.value < 0 ? c.value + len : c.value;
      if (i < 0 || i >= len) fail('index', `index ${c.value} is out of bounds for axis ${axis} with size ${len}`, rt.sites[site]!);
      base += i * stride;
    } else if (c.kind === 'slice') {
      const { start, step, count } = sliceBounds(rt, c.slice, len, site);
      base += start * stride;
      outShape.push(count);
      outStrides.push(step * stride);
    }
    axis++;
  }
  for (; axis < shape.length; axis++) {
    outShape.push(shape[axis]!);
    outStrides.push(strides[axis]!);
  }
  // Consecutive when, ignoring axes of length 1, each stride is the size of the axes after it.
  let expected = 1;
  let consecutive = true;
  for (let i = outShape.length - 1; i >= 0; i--) {
    if (outShape[i] === 1) continue;
    if (outStrides[i] !== expected) consecutive = false;
    expected *= outShape[i]!;
  }
  let cached: Int32Array | undefined;
  return {
    shape: outShape,
    get positions(): Int32Array {
      return (cached ??= positions(outShape, outStrides, base));
    },
    basic: true,
    ...(consecutive ? { offset: base } : {}),
  };
}

/** The flat positions (and result shape) an index selects from an array of `shape`. */
export function select(rt: Runtime, shape: readonly number[], index: Value, site: number): Selection {
  const comps = components(rt, index, shape.length, site);
  if (comps.every((c) => c.kind !== 'array')) {
    const consumed = comps.reduce((n, c) => n + (c.kind === 'none' ? 0 : 1), 0);
    if (consumed <= shape.length) return selectBasic(rt, shape, comps, site);
  }
  const strides = stridesOf(shape);
  // A boolean mask of k dimensions stands for k integer arrays (its nonzero coordinates).
  const expanded: Component[] = [];
  let axis = 0;
  for (const c of comps) {
    if (c.kind === 'array' && c.isBool) {
      const k = c.shape.length;
      const target = shape.slice(axis, axis + k);
      if (k === 0 || target.length !== k || c.shape.some((d, i) => d !== target[i])) {
        fail('index', `boolean index of shape ${formatShape(c.shape)} does not match the indexed array's shape ${formatShape(target)} at axis ${axis}`, rt.sites[site]!);
      }
      const coords: number[][] = Array.from({ length: k }, () => []);
      const ms = stridesOf(c.shape);
      c.data.forEach((b, flat) => {
        if (b) for (let d = 0; d < k; d++) coords[d]!.push(Math.floor(flat / ms[d]!) % c.shape[d]!);
      });
      for (const list of coords) expanded.push({ kind: 'array', shape: [list.length], data: Float64Array.from(list), isBool: false });
      axis += k;
    } else {
      expanded.push(c);
      if (c.kind !== 'none') axis++;
    }
  }
  const consumed = expanded.filter((c) => c.kind !== 'none').length;
  if (consumed > shape.length) {
    fail('index', `too many indices for array: the array is ${shape.length}-dimensional (shape ${formatShape(shape)}), but ${consumed} were indexed`, rt.sites[site]!);
  }
  for (let i = consumed; i < shape.length; i++) expanded.push({ kind: 'slice', slice: new SliceValue(undefined, undefined, undefined) });

  let base = 0;
  axis = 0;
  const groups: (Group | 'advanced')[] = [];
  const advanced: { idx: Float64Array; shape: readonly number[]; stride: number }[] = [];
  const advancedAt: number[] = [];
  const hasArrays = expanded.some((c) => c.kind === 'array');
  expanded.forEach((c, ci) => {
    if (c.kind === 'none') {
      groups.push({ shape: [1], offsets: Int32Array.of(0) });
      return;
    }
    const len = shape[axis]!;
    const stride = strides[axis]!;
    if (c.kind === 'int') {
      const i = c.value < 0 ? c.value + len : c.value;
      if (i < 0 || i >= len) fail('index', `index ${c.value} is out of bounds for axis ${axis} with size ${len}`, rt.sites[site]!);
      base += i * stride;
      if (hasArrays) advancedAt.push(ci);
    } else if (c.kind === 'slice') {
      const idx = sliceIndices(rt, c.slice, len, site);
      const offsets = new Int32Array(idx.length);
      for (let k = 0; k < idx.length; k++) offsets[k] = idx[k]! * stride;
      groups.push({ shape: [idx.length], offsets });
    } else {
      const idx = new Float64Array(c.data.length);
      c.data.forEach((v, k) => {
        if (!Number.isInteger(v)) fail('index', `arrays used as indices must be of integer (or boolean) type, got ${v}`, rt.sites[site]!);
        const j = v < 0 ? v + len : v;
        if (j < 0 || j >= len) fail('index', `index ${v} is out of bounds for axis ${axis} with size ${len}`, rt.sites[site]!);
        idx[k] = j;
      });
      advanced.push({ idx, shape: c.shape, stride });
      advancedAt.push(ci);
      if (!groups.includes('advanced')) groups.push('advanced');
    }
    axis++;
  });

  if (advanced.length > 0) {
    let advShape: number[] | undefined = [];
    for (const a of advanced) advShape = advShape && broadcastShapes(advShape, a.shape);
    if (!advShape) fail('index', `shape mismatch: indexing arrays could not be broadcast together with shapes ${advanced.map((a) => formatShape(a.shape)).join(' ')}`, rt.sites[site]!);
    const n = sizeOf(advShape);
    const offsets = new Int32Array(n);
    for (const a of advanced) {
      const map = broadcastMap(a.shape, advShape);
      for (let j = 0; j < n; j++) offsets[j] = offsets[j]! + a.idx[mapIndex(map, j)]! * a.stride;
    }
    const group: Group = { shape: advShape, offsets };
    // numpy: advanced indices next to each other put their axes where they stand, otherwise first.
    const contiguous = advancedAt.every((p, i) => i === 0 || p === advancedAt[i - 1]! + 1);
    const at = groups.indexOf('advanced');
    groups.splice(at, 1);
    groups.splice(contiguous ? at : 0, 0, group);
  }
  const real = groups as Group[];
  const outShape = real.flatMap((g) => [...g.shape]);
  return { shape: outShape, positions: cartesian(base, real, sizeOf(outShape)), basic: advanced.length === 0 };
}

/** base + every sum of one offset per group, the last group varying fastest. */
function cartesian(base: number, groups: readonly Group[], total: number): Int32Array {
  const positions = new Int32Array(total);
  if (groups.length === 0) {
    positions[0] = base;
    return positions;
  }
  const last = groups[groups.length - 1]!.offsets;
  const m = last.length;
  if (m === 0) return positions;
  const outer = total / m;
  const counters = groups.map(() => 0);
  let k = 0;
  for (let o = 0; o < outer; o++) {
    let p = base;
    for (let g = 0; g < groups.length - 1; g++) p += groups[g]!.offsets[counters[g]!]!;
    for (let j = 0; j < m; j++) positions[k++] = p + last[j]!;
    for (let g = groups.length - 2; g >= 0; g--) {
      if (++counters[g]! < groups[g]!.offsets.length) break;
      counters[g] = 0;
    }
  }
  return positions;
}


export function mapIndex(map: BroadcastMap, j: number): number {
  return map === null ? j : typeof map === 'number' ? j % map : map[j]!;
}

/** The array a view belongs to, and the view's positions translated into it. */
export function root(a: ArrayValue, positions: Int32Array): { base: ArrayValue; positions: Int32Array } {
  if (!a.view) return { base: a, positions };
  const vp = a.view.positions;
  const out = new Int32Array(positions.length);
  for (let k = 0; k < positions.length; k++) out[k] = vp[positions[k]!]!;
  return { base: a.view.base, positions: out };
}

/** `a[index]`: a scalar for a single element, a view for basic indices, a copy otherwise. */
export function getIndex(rt: Runtime, a: ArrayValue, index: Value, site: number): ArrayValue | Scalar {
  const fast = integerIndexRead(rt, a, index, site);
  if (fast !== undefined) return fast;
  const sel = select(rt, a.shape, index, site);
  // numpy: `x[0]` is a scalar but `x[..., 0]` a 0-d array (a view)
  if (sel.shape.length === 0 && sel.basic && !indexItems(index).includes(EllipsisValue.instance)) {
    return element(rt, a, sel.positions[0]!, site);
  }
  if (!sel.basic) return gather(rt, 'getitem', a, sel.shape, sel.positions, site);
  if (!a.view && sel.offset !== undefined) return contiguousView(rt, a, sel.shape, sel.offset, () => sel.positions, site);
  return makeView(rt, a, sel.shape, sel.positions, site);
}

/**
 * `x[i]`, `A[i, j]`, `A[i]` with integers in range, without building a selection: the element, or
 * the row as a view. Undefined for anything else (and for an index out of range, whose error the
 * general path words).
 */
function integerIndexRead(rt: Runtime, a: ArrayValue, index: Value, site: number): ArrayValue | Scalar | undefined {
  const shape = a.shape;
  const ndim = shape.length;
  let flat = 0;
  let used = 0;
  if (typeof index === 'number') {
    if (ndim === 0) return undefined;
    const len = shape[0]!;
    const i = index < 0 ? index + len : index;
    if (!(i >= 0 && i < len) || !Number.isInteger(i)) return undefined;
    flat = i;
    used = 1;
  } else if (index instanceof SequenceValue && index.isTuple) {
    const items = index.items;
    if (items.length > ndim || items.length === 0) return undefined;
    for (let d = 0; d < items.length; d++) {
      const x = items[d];
      if (typeof x !== 'number') return undefined;
      const len = shape[d]!;
      const i = x < 0 ? x + len : x;
      if (!(i >= 0 && i < len) || !Number.isInteger(i)) return undefined;
      flat = flat * len + i;
    }
    used = items.length;
  } else return undefined;
  // The remaining axes: element `flat` of the first `used` axes starts a block of `inner` elements.
  let inner = 1;
  for (let d = used; d < ndim; d++) inner *= shape[d]!;
  if (used === ndim) return element(rt, a, flat, site);
  const rest = shape.slice(used);
  const offset = flat * inner;
  if (!a.view) return contiguousView(rt, a, rest, offset, () => iota(inner, 1, offset), site);
  return makeView(rt, a, rest, iota(inner, 1, offset), site);
}

/**
 * A view of consecutive elements of an array that is not itself a view. Its contents are read (a
 * slice sharing the buffer) only when something uses it whole; its elements are read from `a`.
 */
function contiguousView(rt: Runtime, a: ArrayValue, shape: readonly number[], offset: number, positions: () => Int32Array, site: number): ArrayValue {
  let cached: Int32Array | undefined;
  return ArrayValue.lazyView(shape, a.dtype, {
    base: a,
    get positions(): Int32Array {
      return (cached ??= positions());
    },
    offset,
    baseVersion: -1,
    reread: () => {
      const again = slice(rt, a, shape, offset, site);
      return { data: again.data, row: again.row };
    },
  });
}

/** `op` names the gather on the tape when the view is read (`transpose` for `W.T`). */
export function makeView(rt: Runtime, a: ArrayValue, shape: readonly number[], positions: Int32Array, site: number, op = 'getitem'): ArrayValue {
  const r = root(a, positions);
  return ArrayValue.lazyView(shape, r.base.dtype, {
    base: r.base,
    positions: r.positions,
    baseVersion: -1,
    reread: () => {
      const again = gather(rt, op, r.base, shape, r.positions, site);
      return { data: again.data, row: again.row };
    },
  });
}

/** `a[index] = v`: a new version of the array (of its base, for a view) with the selected entries replaced. */
export function setIndex(rt: Runtime, a: ArrayValue, index: Value, v: Operand, site: number): void {
  if (!(v instanceof ArrayValue)) {
    const k = integerElement(a, index);
    if (k >= 0) {
      const view = a.view;
      if (view === undefined) return writeElement(rt, a, k, v, site);
      return writeElement(rt, view.base, view.offset !== undefined ? view.offset + k : view.positions[k]!, v, site);
    }
  }
  const sel = select(rt, a.shape, index, site);
  const { base, positions } = root(a, sel.positions);
  writePositions(rt, base, positions, sel.shape, v, site);
}

/** The flat position `index` names when it is one integer per axis, all in range; else -1. */
function integerElement(a: ArrayValue, index: Value): number {
  const shape = a.shape;
  if (typeof index === 'number') {
    if (shape.length !== 1) return -1;
    const len = shape[0]!;
    const i = index < 0 ? index + len : index;
    return i >= 0 && i < len && Number.isInteger(i) ? i : -1;
  }
  if (!(index instanceof SequenceValue) || !index.isTuple || index.items.length !== shape.length || shape.length === 0) return -1;
  let flat = 0;
  for (let d = 0; d < shape.length; d++) {
    const x = index.items[d];
    if (typeof x !== 'number') return -1;
    const len = shape[d]!;
    const i = x < 0 ? x + len : x;
    if (!(i >= 0 && i < len && Number.isInteger(i))) return -1;
    flat = flat * len + i;
  }
  return flat;
}

/** Overwrites `positions` of `base` with `v` broadcast to `shape` (the last write to a repeated position wins, as in numpy). */
export function writePositions(rt: Runtime, base: ArrayValue, positions: Int32Array, shape: readonly number[], v: Operand, site: number): void {
  // an int array truncates what is written into it, a bool array tests it (numpy's cast on store)
  const value = storedArray(rt, base, asArray(rt, v, site), site);
  if (!broadcastShapes(value.shape, shape) || broadcastShapes(value.shape, shape)!.length !== shape.length || broadcastShapes(value.shape, shape)!.some((d, i) => d !== shape[i])) {
    fail('shape', `could not broadcast the assigned value of shape ${formatShape(value.shape)} into the selection of shape ${formatShape(shape)}`, rt.sites[site]!);
  }
  const map = broadcastMap(value.shape, shape);
  const n = base.size;
  // Read before the base's buffer is written: the value may be a view of the base itself.
  const src = value.data;
  if ((base.row < 0 && value.row < 0) || !rt.tape) {
    // Constants only: into the base's own buffer when nothing else holds it (copied once otherwise).
    const data = base.writableBuffer((size) => alloc(rt, size, site, base.shape));
    for (let k = 0; k < positions.length; k++) data[positions[k]!] = src[mapIndex(map, k)]!;
    return;
  }
  if (writeInPlace(rt, base, positions, src, value.row, map, site)) return;
  const data = alloc(rt, n, site, base.shape);
  data.set(base.data);
  for (let k = 0; k < positions.length; k++) data[positions[k]!] = src[mapIndex(map, k)]!;
  const which = new Int32Array(n);
  const pos = iota(n);
  for (let k = 0; k < positions.length; k++) {
    which[positions[k]!] = 1;
    pos[positions[k]!] = mapIndex(map, k);
  }
  const node = new GatherNode('setitem', base.shape, data, [base.row, value.row], which, pos);
  const written = record(rt, node, site, 8 * n);
  base.replace(written.data, written.row);
}

/** `x op= y` on an array name: numpy writes the result into x itself, so aliases see it. */
export function assignInPlace(rt: Runtime, target: ArrayValue, result: Operand, site: number): void {
  if (result instanceof ArrayValue) inPlaceCast(rt, target, result, site);
  // A result of the same shape replaces the contents outright (a new version, no copy, no gather).
  if (result instanceof ArrayValue && result !== target && !target.view && sameShape(result.shape, target.shape) && !result.view) {
    target.replace(result.data, result.row);
    return;
  }
  const all = iota(target.size);
  const r = root(target, all);
  writePositions(rt, r.base, r.positions, target.shape, result, site);
}

/**
 * numpy's in-place operators keep the array's dtype and refuse a result they cannot store by
 * casting rule 'same_kind' (`a += 0.5` on an int array is its UFuncTypeError). A guessed int
 * (ArrayValue.wholeGuess) becomes a float array, with a warning.
 */
function inPlaceCast(rt: Runtime, target: ArrayValue, result: ArrayValue, site: number): void {
  if (target.dtype === 'float' || result.dtype === 'bool' || result.dtype === target.dtype) return;
  if (target.wholeGuess && result.dtype === 'float') {
    warnGuessedInt(rt, 'an in-place operation with a float result, kept as floats (numpy refuses it on an int array)', site);
    target.dtype = 'float';
    target.wholeGuess = false;
    return;
  }
  fail('type', `numpy cannot store the ${result.dtype === 'float' ? 'float64' : 'int64'} result of an in-place operation in a ${target.dtype === 'int' ? 'int64' : 'bool'} array (its UFuncTypeError): write \`a = a + …\` for a new array`, rt.sites[site]!);
}

/** `x.copy()`: a new array, not a view, with the same contents (on the tape as a gather). */
export function copy(rt: Runtime, a: ArrayValue, site: number): ArrayValue {
  if (a.row < 0) return constant(a.shape, Float64Array.from(a.data), a.dtype);
  return gather(rt, 'copy', a, a.shape, iota(a.size), site);
}
