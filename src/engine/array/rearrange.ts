import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, type Value } from '../interpreter/values';
import { arr, axisArg, bind, given, int, operand, type Impl } from './args';
import { ArrayValue, formatShape, sizeOf, stridesOf } from './ndarray';
import { asArray, constant } from './record';
import { concatenate, gather, gatherMany, normalizeAxis, reshape, transpose } from './shape';

/**
 * numpy's functions that move elements without changing them: new and dropped axes, reorders,
 * repeats, padding, triangles, diagonals, splits and joins. Each is a reshape or a gather
 * (shape.ts), so its derivatives are the gathers' scatter-adds and it has no curvature.
 */

/** The axes an `axis` argument names, normalised against `ndim`. */
function axesOf(rt: Runtime, v: Value | undefined, ndim: number, site: number): number[] | undefined {
  const axis = axisArg(rt, v, site);
  if (axis === undefined) return undefined;
  return (typeof axis === 'number' ? [axis] : axis).map((x) => normalizeAxis(rt, x, ndim, site));
}

/** Integers of an int-or-sequence argument (`shift`, `reps`, `repeats`). */
function ints(rt: Runtime, v: Value, site: number, what: string): number[] {
  if (v instanceof SequenceValue) return v.items.map((x) => int(rt, x, site, what));
  if (v instanceof ArrayValue) return Array.from(v.data, (x) => int(rt, x, site, what));
  return [int(rt, v, site, what)];
}

/** out[idx] = a[source(idx)]: a gather whose source position is computed per output multi-index. */
export function gatherBy(rt: Runtime, name: string, a: ArrayValue, shape: readonly number[], source: (idx: readonly number[]) => readonly number[], site: number): ArrayValue {
  return gather(rt, name, a, shape, sourcePositions(a, shape, source), site);
}

/**
 * out[idx] = a[source(idx)], or `fill` where source returns undefined (padding, triangles): a
 * gather from two sources, the second one element (a constant, or a tracked pad value).
 */
export function gatherOrFill(rt: Runtime, name: string, a: ArrayValue, fill: ArrayValue, shape: readonly number[], source: (idx: readonly number[]) => readonly number[] | undefined, site: number): ArrayValue {
  const pos = sourcePositions(a, shape, source);
  const which = new Int32Array(pos.length);
  for (let k = 0; k < pos.length; k++) {
    if (pos[k]! < 0) {
      which[k] = 1;
      pos[k] = 0;
    }
  }
  return gatherMany(rt, name, [a, fill], shape, which, pos, site);
}

/** For every index of `shape`, in row-major order, the flat position in `a` of source(idx); −1 where source gives none. */
function sourcePositions(a: ArrayValue, shape: readonly number[], source: (idx: readonly number[]) => readonly number[] | undefined): Int32Array {
  const n = sizeOf(shape);
  const pos = new Int32Array(n);
  const strides = stridesOf(a.shape);
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    const src = source(idx);
    if (src === undefined) pos[k] = -1;
    else {
      let p = 0;
      for (let d = 0; d < src.length; d++) p += src[d]! * strides[d]!;
      pos[k] = p;
    }
    for (let ax = shape.length - 1; ax >= 0; ax--) {
      if (++idx[ax]! < shape[ax]!) break;
      idx[ax] = 0;
    }
  }
  return pos;
}

const ZERO = (): ArrayValue => constant([], Float64Array.of(0));

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

export function flip(rt: Runtime, a: ArrayValue, axes: readonly number[] | undefined, site: number): ArrayValue {
  const which = axes ?? [...a.shape.keys()];
  return gatherBy(rt, 'flip', a, a.shape, (idx) => idx.map((i, d) => (which.includes(d) ? a.shape[d]! - 1 - i : i)), site);
}

/** The permutation that moves axes `from` to positions `to` (numpy's moveaxis). */
function moveAxes(ndim: number, from: readonly number[], to: readonly number[]): number[] {
  const order = [...Array(ndim).keys()].filter((i) => !from.includes(i));
  const pairs = to.map((t, k) => [t, from[k]!] as const).sort((x, y) => x[0] - y[0]);
  for (const [t, f] of pairs) order.splice(t, 0, f);
  return order;
}

function rot90(rt: Runtime, m: ArrayValue, k: number, axes: readonly [number, number], site: number): ArrayValue {
  const [a0, a1] = axes.map((x) => normalizeAxis(rt, x, m.ndim, site)) as [number, number];
  if (m.ndim < 2 || a0 === a1) fail('shape', `rot90 needs two different axes of an array of at least 2 dimensions, got axes (${axes.join(', ')}) and shape ${formatShape(m.shape)}`, rt.sites[site]!);
  const turns = ((k % 4) + 4) % 4;
  const swap = [...m.shape.keys()];
  [swap[a0], swap[a1]] = [swap[a1]!, swap[a0]!];
  if (turns === 0) return gatherBy(rt, 'rot90', m, m.shape, (idx) => idx, site);
  if (turns === 2) return flip(rt, m, [a0, a1], site);
  if (turns === 1) return transpose(rt, flip(rt, m, [a1], site), swap, site);
  return flip(rt, transpose(rt, m, swap, site), [a1], site);
}

function roll(rt: Runtime, a: ArrayValue, shifts: readonly number[], axes: readonly number[] | undefined, site: number): ArrayValue {
  if (axes === undefined) {
    if (shifts.length !== 1) fail('shape', 'roll without an axis takes one shift', rt.sites[site]!);
    return reshape(rt, roll(rt, reshape(rt, a, [-1], site), shifts, [0], site), a.shape, site);
  }
  const by = new Array<number>(a.ndim).fill(0);
  const pairs = shifts.length === 1 ? axes.map((ax) => [shifts[0]!, ax] as const) : axes.map((ax, i) => [shifts[i] ?? 0, ax] as const);
  if (shifts.length !== 1 && shifts.length !== axes.length) fail('shape', `roll: shift and axis must have the same length (${shifts.length} and ${axes.length})`, rt.sites[site]!);
  for (const [s, ax] of pairs) by[ax] = by[ax]! + s;
  return gatherBy(rt, 'roll', a, a.shape, (idx) => idx.map((i, d) => (((i - by[d]!) % a.shape[d]!) + a.shape[d]!) % a.shape[d]!), site);
}

function repeat(rt: Runtime, a0: ArrayValue, repeats: readonly number[], axis: number | undefined, site: number): ArrayValue {
  // A 0-d array repeats as the 1-element vector it is along axis 0 (numpy's `np.repeat(5.0, 3, axis=0)`).
  const a = axis === undefined || a0.ndim === 0 ? reshape(rt, a0, [-1], site) : a0;
  const ax = axis === undefined ? 0 : normalizeAxis(rt, axis, a.ndim, site);
  const len = a.shape[ax]!;
  const counts = repeats.length === 1 ? new Array<number>(len).fill(repeats[0]!) : repeats;
  if (counts.length !== len) fail('shape', `repeat: ${counts.length} repeats for an axis of length ${len}`, rt.sites[site]!);
  if (counts.some((c) => c < 0)) fail('shape', 'repeat: repeats may not be negative', rt.sites[site]!);
  const from: number[] = [];
  counts.forEach((c, i) => {
    for (let j = 0; j < c; j++) from.push(i);
  });
  const shape = a.shape.map((d, i) => (i === ax ? from.length : d));
  return gatherBy(rt, 'repeat', a, shape, (idx) => idx.map((i, d) => (d === ax ? from[i]! : i)), site);
}

function tile(rt: Runtime, a0: ArrayValue, reps0: readonly number[], site: number): ArrayValue {
  const d = Math.max(a0.ndim, reps0.length);
  const a = reshape(rt, a0, [...new Array<number>(d - a0.ndim).fill(1), ...a0.shape], site);
  const reps = [...new Array<number>(d - reps0.length).fill(1), ...reps0];
  const shape = a.shape.map((n, i) => n * reps[i]!);
  return gatherBy(rt, 'tile', a, shape, (idx) => idx.map((i, k) => i % a.shape[k]!), site);
}

/** Per axis (before, after) from numpy's pad_width forms: n, (n,), (b, a), ((b, a), …). */
function padWidths(rt: Runtime, v: Value, ndim: number, site: number): [number, number][] {
  const read = (x: Value): number[] => ints(rt, x, site, 'pad_width');
  const items = v instanceof SequenceValue ? v.items : [v];
  if (items.length > 0 && items.every((x) => !(x instanceof SequenceValue))) {
    const flat = items.flatMap(read);
    const pair: [number, number] = flat.length === 1 ? [flat[0]!, flat[0]!] : [flat[0]!, flat[1]!];
    return Array.from({ length: ndim }, () => pair);
  }
  const pairs = items.map((x) => {
    const p = read(x);
    return [p[0]!, p[1] ?? p[0]!] as [number, number];
  });
  if (pairs.length === 1) return Array.from({ length: ndim }, () => pairs[0]!);
  if (pairs.length !== ndim) fail('shape', `pad: pad_width has ${pairs.length} pairs for an array of ${ndim} dimensions`, rt.sites[site]!);
  return pairs;
}

/**
 * `constant_values=(0, 0)` (CS231n's conv_forward_naive) or `((0, 0), (0, 0))`: one constant written
 * per side. Read when every side has the same number and nothing is differentiated through it; a
 * shape numpy cannot spread over (ndim, 2) is its ValueError.
 */
function sameConstantPerSide(rt: Runtime, c: ArrayValue, ndim: number, site: number): ArrayValue {
  const [rows, cols] = c.ndim === 1 ? [1, c.shape[0]!] : [c.shape[0]!, c.shape[1]!];
  if (c.ndim > 2 || (rows !== 1 && rows !== ndim) || (cols !== 1 && cols !== 2)) {
    fail('shape', `pad: constant_values of shape ${formatShape(c.shape)} cannot be spread over (${ndim}, 2)`, rt.sites[site]!);
  }
  const first = c.data[0]!;
  if (c.row >= 0 || !c.data.every((v) => v === first)) fail('unsupported', 'GradLens does not support pad with a different constant per side yet (one number)', rt.sites[site]!);
  return asArray(rt, first, site);
}

/** Where padded coordinate j (0 ≤ j − before < n inside) reads from, per mode; undefined: the constant. */
function padSource(mode: string, j: number, n: number): number | undefined {
  if (j >= 0 && j < n) return j;
  switch (mode) {
    case 'edge':
      return j < 0 ? 0 : n - 1;
    case 'wrap':
      return ((j % n) + n) % n;
    case 'reflect': {
      if (n === 1) return 0;
      const period = 2 * (n - 1);
      const m = ((j % period) + period) % period;
      return m < n ? m : period - m;
    }
    case 'symmetric': {
      const period = 2 * n;
      const m = ((j % period) + period) % period;
      return m < n ? m : period - 1 - m;
    }
    default:
      return undefined;
  }
}

function pad(rt: Runtime, args: Value[], kw: Parameters<Impl>[2], site: number): ArrayValue {
  const b = bind(rt, 'pad', ['array', 'pad_width', 'mode', 'constant_values'], args, kw, site);
  const a = arr(rt, b.array!, site, 'pad');
  const widths = padWidths(rt, b.pad_width!, a.ndim, site);
  const mode = given(b.mode) ? b.mode : 'constant';
  if (typeof mode !== 'string' || !['constant', 'edge', 'wrap', 'reflect', 'symmetric'].includes(mode)) {
    fail('unsupported', `GradLens does not support pad's mode=${typeof mode === 'string' ? `'${mode}'` : '(a function)'} yet (constant, edge, wrap, reflect, symmetric)`, rt.sites[site]!);
  }
  let fill = ZERO();
  if (given(b.constant_values)) {
    const c = operand(rt, b.constant_values, site);
    fill = c instanceof ArrayValue && c.size !== 1 ? sameConstantPerSide(rt, c, a.ndim, site) : c instanceof ArrayValue ? reshape(rt, c, [], site) : asArray(rt, c, site);
  }
  const shape = a.shape.map((n, i) => n + widths[i]![0] + widths[i]![1]);
  if (mode !== 'constant' && a.shape.some((n, i) => n === 0 && widths[i]![0] + widths[i]![1] > 0)) fail('shape', `pad: mode '${mode}' cannot pad an empty axis`, rt.sites[site]!);
  return gatherOrFill(rt, 'pad', a, fill, shape, (idx) => {
    const src: number[] = [];
    for (let d = 0; d < idx.length; d++) {
      const s = padSource(mode, idx[d]! - widths[d]![0], a.shape[d]!);
      if (s === undefined) return undefined;
      src.push(s);
    }
    return src;
  }, site);
}

/** tril (lower) / triu: the last two axes' triangle at or below / above diagonal k, zeros elsewhere. */
export function triangle(rt: Runtime, a: ArrayValue, k: number, lower: boolean, site: number): ArrayValue {
  const m = a.ndim === 1 ? gatherBy(rt, 'tri', a, [a.size, a.size], (idx) => [idx[1]!], site) : a;
  if (m.ndim < 2) fail('shape', `${lower ? 'tril' : 'triu'} needs an array of at least 1 dimension, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
  const n = m.ndim;
  return gatherOrFill(rt, lower ? 'tril' : 'triu', m, ZERO(), m.shape, (idx) => {
    const keep = lower ? idx[n - 1]! - idx[n - 2]! <= k : idx[n - 1]! - idx[n - 2]! >= k;
    return keep ? idx : undefined;
  }, site);
}

/** numpy's diagonal: axes axis1, axis2 removed, the diagonal (offset k) appended as the last axis. */
export function diagonal(rt: Runtime, a: ArrayValue, offset: number, axis1: number, axis2: number, site: number): ArrayValue {
  if (a.ndim < 2) fail('shape', `diagonal needs an array of at least 2 dimensions, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
  const [x1, x2] = [normalizeAxis(rt, axis1, a.ndim, site), normalizeAxis(rt, axis2, a.ndim, site)];
  if (x1 === x2) fail('shape', 'diagonal: axis1 and axis2 cannot be the same', rt.sites[site]!);
  const len = Math.max(0, offset >= 0 ? Math.min(a.shape[x1]!, a.shape[x2]! - offset) : Math.min(a.shape[x1]! + offset, a.shape[x2]!));
  const others = [...a.shape.keys()].filter((d) => d !== x1 && d !== x2);
  const shape = [...others.map((d) => a.shape[d]!), len];
  return gatherBy(rt, 'diagonal', a, shape, (idx) => {
    const src = new Array<number>(a.ndim);
    others.forEach((d, i) => (src[d] = idx[i]!));
    const t = idx[idx.length - 1]!;
    src[x1] = offset >= 0 ? t : t - offset;
    src[x2] = offset >= 0 ? t + offset : t;
    return src;
  }, site);
}

/** np.diag(v, k): a 2-D array's k-th diagonal, or a square matrix with a 1-D array on diagonal k. */
export function diagK(rt: Runtime, a: ArrayValue, k: number, site: number): ArrayValue {
  if (a.ndim === 2) return diagonal(rt, a, k, 0, 1, site);
  if (a.ndim !== 1) fail('shape', `diag needs a 1-D or 2-D array, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
  const n = a.size + Math.abs(k);
  return gatherOrFill(rt, 'diag', a, ZERO(), [n, n], ([i, j]) => {
    if (j! - i! !== k) return undefined;
    return [k >= 0 ? i! : j!];
  }, site);
}

/** The arrays of a sequence argument, or the sub-arrays along the first axis of an array. */
export function arraysOf(rt: Runtime, v: Value, site: number, what: string): ArrayValue[] {
  if (v instanceof ArrayValue) {
    if (v.ndim === 0) fail('type', `${what} needs a sequence of arrays, got a 0-d array`, rt.sites[site]!);
    const inner = v.shape.slice(1);
    const n = sizeOf(inner);
    return Array.from({ length: v.shape[0]! }, (_, i) => gather(rt, 'getitem', v, inner, Int32Array.from({ length: n }, (_, j) => i * n + j), site));
  }
  if (!(v instanceof SequenceValue)) fail('type', `${what} needs a list or tuple of arrays, got ${v === null ? 'None' : typeof v}`, rt.sites[site]!);
  return v.items.map((x) => arr(rt, x, site, what));
}

function atLeast(rt: Runtime, a: ArrayValue, nd: 1 | 2 | 3, site: number): ArrayValue {
  if (a.ndim >= nd) return a;
  if (nd === 1) return reshape(rt, a, [1], site);
  if (nd === 2) return reshape(rt, a, a.ndim === 0 ? [1, 1] : [1, a.size], site);
  return reshape(rt, a, a.ndim === 0 ? [1, 1, 1] : a.ndim === 1 ? [1, a.size, 1] : [...a.shape, 1], site);
}

function atLeastImpl(nd: 1 | 2 | 3): Impl {
  return (rt, args, _kw, site) => {
    const out = args.map((x) => atLeast(rt, arr(rt, x, site, `atleast_${nd}d`), nd, site));
    return out.length === 1 ? out[0]! : new SequenceValue(out, false);
  };
}

/** split/array_split: pieces along an axis, at indices or in `sections` (equal unless `uneven`). */
function split(rt: Runtime, a: ArrayValue, how: Value, axis: number, uneven: boolean, name: string, site: number): SequenceValue {
  const ax = normalizeAxis(rt, axis, a.ndim, site);
  const len = a.shape[ax]!;
  let bounds: number[];
  if (how instanceof SequenceValue || how instanceof ArrayValue) {
    const at = ints(rt, how, site, 'an index').map((i) => Math.min(Math.max(i < 0 ? i + len : i, 0), len));
    bounds = [0, ...at, len];
  } else {
    const n = int(rt, how, site, 'sections');
    if (n <= 0) fail('shape', `${name}: the number of sections must be larger than 0`, rt.sites[site]!);
    if (!uneven && len % n !== 0) fail('shape', `${name}: an axis of length ${len} does not split into ${n} equal sections (array_split allows unequal ones)`, rt.sites[site]!);
    const base = Math.floor(len / n);
    const extra = len % n;
    bounds = [0];
    for (let i = 0; i < n; i++) bounds.push(bounds[i]! + base + (i < extra ? 1 : 0));
  }
  const pieces: ArrayValue[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const lo = bounds[i]!;
    const hi = Math.max(lo, bounds[i + 1]!);
    const shape = a.shape.map((d, k) => (k === ax ? hi - lo : d));
    pieces.push(gatherBy(rt, 'split', a, shape, (idx) => idx.map((j, k) => (k === ax ? j + lo : j)), site));
  }
  return new SequenceValue(pieces, false);
}

function splitImpl(name: string, fixedAxis: ((a: ArrayValue) => number) | undefined, uneven: boolean): Impl {
  return (rt, args, kw, site) => {
    const b = bind(rt, name, fixedAxis ? ['ary', 'indices_or_sections'] : ['ary', 'indices_or_sections', 'axis'], args, kw, site);
    const a = arr(rt, b.ary!, site, name);
    if (fixedAxis && a.ndim < (name === 'dsplit' ? 3 : name === 'vsplit' ? 2 : 1)) fail('shape', `${name} needs an array of more dimensions, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
    const axis = fixedAxis ? fixedAxis(a) : given(b.axis) ? int(rt, b.axis, site, 'axis') : 0;
    return split(rt, a, b.indices_or_sections!, axis, uneven, name, site);
  };
}

function joinAlong(name: string, prepare: (rt: Runtime, a: ArrayValue, site: number) => ArrayValue, axis: (first: ArrayValue) => number): Impl {
  return (rt, [v], _kw, site) => {
    const parts = arraysOf(rt, v!, site, name).map((a) => prepare(rt, a, site));
    if (parts.length === 0) fail('shape', `${name} needs at least one array`, rt.sites[site]!);
    return concatenate(rt, parts, axis(parts[0]!), site, name);
  };
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
  flip: (rt, args, kw, site) => {
    const b = bind(rt, 'flip', ['m', 'axis'], args, kw, site);
    const a = arr(rt, b.m!, site, 'flip');
    return flip(rt, a, axesOf(rt, b.axis, a.ndim, site), site);
  },
  flipud: (rt, [m], _kw, site) => {
    const a = arr(rt, m!, site, 'flipud');
    if (a.ndim < 1) fail('shape', 'flipud needs an array of at least 1 dimension', rt.sites[site]!);
    return flip(rt, a, [0], site);
  },
  fliplr: (rt, [m], _kw, site) => {
    const a = arr(rt, m!, site, 'fliplr');
    if (a.ndim < 2) fail('shape', `fliplr needs an array of at least 2 dimensions, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
    return flip(rt, a, [1], site);
  },
  rot90: (rt, args, kw, site) => {
    const b = bind(rt, 'rot90', ['m', 'k', 'axes'], args, kw, site);
    const axes = given(b.axes) ? ints(rt, b.axes, site, 'axes') : [0, 1];
    if (axes.length !== 2) fail('shape', 'rot90: axes must be two axes', rt.sites[site]!);
    return rot90(rt, arr(rt, b.m!, site, 'rot90'), given(b.k) ? int(rt, b.k, site, 'k') : 1, [axes[0]!, axes[1]!], site);
  },
  roll: (rt, args, kw, site) => {
    const b = bind(rt, 'roll', ['a', 'shift', 'axis'], args, kw, site);
    const a = arr(rt, b.a!, site, 'roll');
    return roll(rt, a, ints(rt, b.shift!, site, 'shift'), axesOf(rt, b.axis, a.ndim, site), site);
  },
  repeat: (rt, args, kw, site) => {
    const b = bind(rt, 'repeat', ['a', 'repeats', 'axis'], args, kw, site);
    return repeat(rt, arr(rt, b.a!, site, 'repeat'), ints(rt, b.repeats!, site, 'repeats'), given(b.axis) ? int(rt, b.axis, site, 'axis') : undefined, site);
  },
  tile: (rt, args, kw, site) => {
    const b = bind(rt, 'tile', ['A', 'reps'], args, kw, site);
    return tile(rt, arr(rt, b.A!, site, 'tile'), ints(rt, b.reps!, site, 'reps'), site);
  },
  pad,
  tril: (rt, args, kw, site) => {
    const b = bind(rt, 'tril', ['m', 'k'], args, kw, site);
    return triangle(rt, arr(rt, b.m!, site, 'tril'), given(b.k) ? int(rt, b.k, site, 'k') : 0, true, site);
  },
  triu: (rt, args, kw, site) => {
    const b = bind(rt, 'triu', ['m', 'k'], args, kw, site);
    return triangle(rt, arr(rt, b.m!, site, 'triu'), given(b.k) ? int(rt, b.k, site, 'k') : 0, false, site);
  },
  diagonal: (rt, args, kw, site) => {
    const b = bind(rt, 'diagonal', ['a', 'offset', 'axis1', 'axis2'], args, kw, site);
    const n = (v: Value | undefined, d: number): number => (given(v) ? int(rt, v, site, 'an axis or offset') : d);
    return diagonal(rt, arr(rt, b.a!, site, 'diagonal'), n(b.offset, 0), n(b.axis1, 0), n(b.axis2, 1), site);
  },
  moveaxis: (rt, args, kw, site) => {
    const b = bind(rt, 'moveaxis', ['a', 'source', 'destination'], args, kw, site);
    const a = arr(rt, b.a!, site, 'moveaxis');
    const from = ints(rt, b.source!, site, 'source').map((x) => normalizeAxis(rt, x, a.ndim, site));
    const to = ints(rt, b.destination!, site, 'destination').map((x) => normalizeAxis(rt, x, a.ndim, site));
    if (from.length !== to.length) fail('shape', 'moveaxis: source and destination must have the same number of elements', rt.sites[site]!);
    return transpose(rt, a, moveAxes(a.ndim, from, to), site);
  },
  swapaxes: (rt, args, kw, site) => {
    const b = bind(rt, 'swapaxes', ['a', 'axis1', 'axis2'], args, kw, site);
    const a = arr(rt, b.a!, site, 'swapaxes');
    const perm = [...a.shape.keys()];
    const [i, j] = [normalizeAxis(rt, int(rt, b.axis1!, site, 'axis1'), a.ndim, site), normalizeAxis(rt, int(rt, b.axis2!, site, 'axis2'), a.ndim, site)];
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    return transpose(rt, a, perm, site);
  },
  rollaxis: (rt, args, kw, site) => {
    const b = bind(rt, 'rollaxis', ['a', 'axis', 'start'], args, kw, site);
    const a = arr(rt, b.a!, site, 'rollaxis');
    const axis = normalizeAxis(rt, int(rt, b.axis!, site, 'axis'), a.ndim, site);
    let start = given(b.start) ? int(rt, b.start, site, 'start') : 0;
    if (start < 0) start += a.ndim;
    if (start < 0 || start > a.ndim) fail('index', `rollaxis: start ${start} is out of bounds for an array of dimension ${a.ndim}`, rt.sites[site]!);
    if (axis < start) start--;
    return transpose(rt, a, moveAxes(a.ndim, [axis], [start]), site);
  },
  atleast_1d: atLeastImpl(1),
  atleast_2d: atLeastImpl(2),
  atleast_3d: atLeastImpl(3),
  split: splitImpl('split', undefined, false),
  array_split: splitImpl('array_split', undefined, true),
  hsplit: splitImpl('hsplit', (a) => (a.ndim === 1 ? 0 : 1), false),
  vsplit: splitImpl('vsplit', () => 0, false),
  dsplit: splitImpl('dsplit', () => 2, false),
  append: (rt, args, kw, site) => {
    const b = bind(rt, 'append', ['arr', 'values', 'axis'], args, kw, site);
    const a = arr(rt, b.arr!, site, 'append');
    const v = arr(rt, b.values!, site, 'append');
    if (!given(b.axis)) return concatenate(rt, [reshape(rt, a, [-1], site), reshape(rt, v, [-1], site)], 0, site, 'append');
    return concatenate(rt, [a, v], int(rt, b.axis, site, 'axis'), site, 'append');
  },
  column_stack: joinAlong('column_stack', (rt, a, site) => (a.ndim < 2 ? reshape(rt, a, [a.size, 1], site) : a), () => 1),
  dstack: joinAlong('dstack', (rt, a, site) => atLeast(rt, a, 3, site), () => 2),
  hstack: joinAlong('hstack', (rt, a, site) => atLeast(rt, a, 1, site), (first) => (first.ndim === 1 ? 0 : 1)),
  vstack: joinAlong('vstack', (rt, a, site) => atLeast(rt, a, 2, site), () => 0),
  row_stack: joinAlong('row_stack', (rt, a, site) => atLeast(rt, a, 2, site), () => 0),
  diag: (rt, args, kw, site) => {
    const b = bind(rt, 'diag', ['v', 'k'], args, kw, site);
    return diagK(rt, arr(rt, b.v!, site, 'diag'), given(b.k) ? int(rt, b.k, site, 'k') : 0, site);
  },
  // np.diagflat(v, k): the diagonal matrix of v flattened (nnfs's softmax backward: `np.diagflat(column)`).
  diagflat: (rt, args, kw, site) => {
    const b = bind(rt, 'diagflat', ['v', 'k'], args, kw, site);
    return diagK(rt, reshape(rt, arr(rt, b.v!, site, 'diagflat'), [-1], site), given(b.k) ? int(rt, b.k, site, 'k') : 0, site);
  },
} satisfies Record<string, Impl>;

