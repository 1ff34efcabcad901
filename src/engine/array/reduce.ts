import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { PRIMITIVES as P } from '../primitives/registry';
import { elementwise } from './elementwise';
import { ReduceNode } from './linear';
import { ArrayValue, formatShape, iota, sizeOf, stridesOf } from './ndarray';
import { alloc, constant, element, record, type Scalar } from './record';
import { gather, normalizeAxis, positions, transpose } from './shape';

/**
 * Reductions with numpy's `axis` (an int, a tuple, or None for all) and `keepdims`. A reduction to
 * a single element without keepdims returns a scalar, as numpy returns a float64.
 *
 * sum and mean are linear. max and min are linear once the winners are chosen: the gradient goes to
 * the elements equal to the extreme, split evenly among ties (JAX's convention; PyTorch's `amax`
 * agrees), and a tie between tracked elements raises a warning. prod is a chain of the registry's
 * `mul`, so its derivatives (with zeros) and its Hessian come from `mul`'s rule.
 */

export interface Axes {
  /** Sorted, normalised axes reduced. */
  readonly axes: readonly number[];
  readonly keepdims: boolean;
}

export function resolveAxes(rt: Runtime, a: ArrayValue, axis: number | readonly number[] | undefined, keepdims: boolean, site: number): Axes {
  const list = axis === undefined ? [...a.shape.keys()] : typeof axis === 'number' ? [axis] : axis;
  const axes = [...new Set(list.map((x) => normalizeAxis(rt, x, a.ndim, site)))].sort((x, y) => x - y);
  return { axes, keepdims };
}

function outShape(a: ArrayValue, ax: Axes): number[] {
  return ax.keepdims ? a.shape.map((d, i) => (ax.axes.includes(i) ? 1 : d)) : a.shape.filter((_, i) => !ax.axes.includes(i));
}

/** For each input element, the flat index of the output element it reduces into. */
function segments(shape: readonly number[], axes: readonly number[]): Int32Array | null {
  if (axes.length === shape.length) return null;
  const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const keptStrides = stridesOf(kept).map((s, i) => (axes.includes(i) ? 0 : s));
  return positions(shape, keptStrides, 0);
}

/** A 0-d result without keepdims is a scalar, as numpy's reductions return float64. */
function finish(rt: Runtime, out: ArrayValue, site: number): ArrayValue | Scalar {
  return out.ndim === 0 ? element(rt, out, 0, site) : out;
}

function linearReduce(rt: Runtime, name: string, a: ArrayValue, ax: Axes, weight: number | Float64Array, site: number): ArrayValue {
  const shape = outShape(a, ax);
  const seg = segments(a.shape, ax.axes);
  const out = alloc(rt, sizeOf(shape), site, shape);
  const x = a.data;
  if (seg === null) {
    let s = 0;
    if (typeof weight === 'number') {
      for (let i = 0; i < x.length; i++) s += x[i]!;
      s *= weight;
    } else for (let i = 0; i < x.length; i++) s += weight[i]! * x[i]!;
    out[0] = s;
  } else {
    for (let i = 0; i < x.length; i++) out[seg[i]!] = out[seg[i]!]! + (typeof weight === 'number' ? weight : weight[i]!) * x[i]!;
  }
  if (a.row < 0 || !rt.tape) return constant(shape, out);
  return record(rt, new ReduceNode(name, shape, out, [a.row], seg, weight), site, seg ? 4 * seg.length : 0);
}

export function sum(rt: Runtime, a: ArrayValue, ax: Axes, site: number): ArrayValue | Scalar {
  return finish(rt, linearReduce(rt, 'sum', a, ax, 1, site), site);
}

export function mean(rt: Runtime, a: ArrayValue, ax: Axes, site: number): ArrayValue | Scalar {
  const count = ax.axes.reduce((n, i) => n * a.shape[i]!, 1);
  if (count === 0) fail('shape', `mean of an empty array (shape ${formatShape(a.shape)}) is not a number`, rt.sites[site]!);
  return finish(rt, linearReduce(rt, 'mean', a, ax, 1 / count, site), site);
}

/** max/min: the extreme per segment, and weights 1/ties on the winners. */
export function extreme(rt: Runtime, a: ArrayValue, ax: Axes, pickMax: boolean, site: number): ArrayValue | Scalar {
  const name = pickMax ? 'max' : 'min';
  if (a.size === 0) fail('shape', `zero-size array to reduction operation ${name} which has no identity`, rt.sites[site]!);
  const shape = outShape(a, ax);
  const seg = segments(a.shape, ax.axes);
  const m = sizeOf(shape);
  const best = new Float64Array(m).fill(pickMax ? -Infinity : Infinity);
  const count = new Float64Array(m);
  const x = a.data;
  for (let i = 0; i < x.length; i++) {
    const s = seg === null ? 0 : seg[i]!;
    const v = x[i]!;
    if (v === best[s]) count[s]!++;
    else if (pickMax ? v > best[s]! : v < best[s]!) {
      best[s] = v;
      count[s] = 1;
    }
  }
  const weight = alloc(rt, x.length, site);
  let ties = false;
  for (let i = 0; i < x.length; i++) {
    const s = seg === null ? 0 : seg[i]!;
    if (x[i] === best[s]) {
      weight[i] = 1 / count[s]!;
      if (count[s]! > 1) ties = true;
    }
  }
  if (ties && a.row >= 0) {
    rt.warn('non-differentiable', `${name} has a tie: several elements equal the ${name}imum; the gradient is split evenly among them (convention, as JAX and PyTorch's amax do)`, site);
  }
  const out = linearReduce(rt, name, a, ax, weight, site);
  // Recompute exactly: Σ w·x of equal values can round differently from the value itself.
  out.data.set(best);
  return finish(rt, out, site);
}

/** Index of the first extreme along an axis, or of the flattened array (ints, no gradient). */
export function argExtreme(rt: Runtime, a: ArrayValue, axis: number | undefined, pickMax: boolean, site: number): ArrayValue | number {
  const name = pickMax ? 'argmax' : 'argmin';
  if (a.size === 0) fail('shape', `attempt to get ${name} of an empty sequence`, rt.sites[site]!);
  const x = a.data;
  if (axis === undefined) {
    let k = 0;
    for (let i = 1; i < x.length; i++) if (pickMax ? x[i]! > x[k]! : x[i]! < x[k]!) k = i;
    return k;
  }
  const ax = normalizeAxis(rt, axis, a.ndim, site);
  const len = a.shape[ax]!;
  const inner = sizeOf(a.shape.slice(ax + 1));
  const outer = sizeOf(a.shape.slice(0, ax));
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let k = 0;
      for (let i = 1; i < len; i++) {
        const v = x[(o * len + i) * inner + j]!;
        const b = x[(o * len + k) * inner + j]!;
        if (pickMax ? v > b : v < b) k = i;
      }
      out[o * inner + j] = k;
    }
  }
  return constant(a.shape.filter((_, i) => i !== ax), out, 'int');
}

/** prod over the axes: the axes moved last, then a chain of the registry's `mul` over columns. */
export function prod(rt: Runtime, a: ArrayValue, ax: Axes, site: number): ArrayValue | Scalar {
  const kept = [...a.shape.keys()].filter((i) => !ax.axes.includes(i));
  const moved = transpose(rt, a, [...kept, ...ax.axes], site);
  const rows = sizeOf(kept.map((i) => a.shape[i]!));
  const len = sizeOf(ax.axes.map((i) => a.shape[i]!));
  const shape = outShape(a, ax);
  let acc: ArrayValue = constant([rows], new Float64Array(rows).fill(1));
  for (let j = 0; j < len; j++) {
    const column = gather(rt, 'getitem', moved, [rows], iota(rows, len, j), site);
    acc = elementwise(rt, P.mul, acc, column, site);
  }
  const reshaped = acc.row < 0 || !rt.tape ? constant(shape, acc.data) : gather(rt, 'reshape', acc, shape, iota(acc.size), site);
  return finish(rt, reshaped, site);
}
