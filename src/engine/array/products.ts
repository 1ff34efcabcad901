import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import type { Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, bind, given, int, notYet, type Impl } from './args';
import { floatDtype } from './casts';
import { applyAny } from './elementwise';
import { matmul, outer } from './linalg';
import { formatShape, sizeOf, type ArrayValue } from './ndarray';
import { element, type Operand } from './record';
import { diagonal } from './rearrange';
import { sum } from './reduce';
import { reshape, transpose } from './shape';

/** numpy's products of arrays — matmul, dot, inner, vdot, outer — and trace, as matmul's 2-D kernels. */

/**
 * numpy's `dot`: a scalar operand multiplies; 1-D and 2-D are matmul; above 2-D it sums the last
 * axis of `a` against the second-to-last of `b` (the last if `b` is 1-D) over every pairing of the
 * other axes — not matmul's stacks — which is one 2-D product of reshaped operands.
 */
export function dot(rt: Runtime, x: Value, y: Value, site: number, name = 'dot'): Value {
  const a = arr(rt, x, site, name);
  const b = arr(rt, y, site, name);
  if (a.ndim === 0 || b.ndim === 0) return applyAny(rt, P.mul, a.ndim === 0 ? scalarOf(rt, a, site) : a, b.ndim === 0 ? scalarOf(rt, b, site) : b, site);
  const out = a.ndim > 2 || b.ndim > 2 ? dotAbove2d(rt, a, b, site, name) : matmul(rt, a, b, site, name);
  return out.ndim === 0 ? element(rt, out, 0, site) : out;
}

/** dot(a, b)[i…, j…, l] = Σₜ a[i…, t]·b[j…, t, l]: a as (P, k) times b's summed axis moved first, as (k, Q). */
function dotAbove2d(rt: Runtime, a: ArrayValue, b: ArrayValue, site: number, name: string): ArrayValue {
  const k = a.shape[a.ndim - 1]!;
  const axis = b.ndim === 1 ? 0 : b.ndim - 2;
  if (b.shape[axis] !== k) {
    fail('shape', `shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned for ${name}: ${k} (dim ${a.ndim - 1}) ≠ ${b.shape[axis]} (dim ${axis})`, rt.sites[site]!);
  }
  const others = b.shape.filter((_, i) => i !== axis);
  const front = b.ndim === 1 ? b : transpose(rt, b, [axis, ...b.shape.keys()].filter((d, i) => i === 0 || d !== axis), site);
  const product = matmul(rt, reshape(rt, a, [-1, k], site), reshape(rt, front, [k, sizeOf(others)], site), site, name);
  return reshape(rt, product, [...a.shape.slice(0, -1), ...others], site);
}

function scalarOf(rt: Runtime, a: ArrayValue, site: number): Operand {
  return element(rt, a, 0, site);
}


/**
 * numpy's inner: sums the last axes of both operands, out[i…, j…] = Σₜ a[i…, t]·b[j…, t]; a 0-d
 * operand only scales the other. As one 2-D product: a as (P, k) times b as (Q, k) transposed.
 */
export function inner(rt: Runtime, a: ArrayValue, b: ArrayValue, site: number): Value {
  if (a.ndim === 0 || b.ndim === 0) return applyAny(rt, P.mul, a.ndim === 0 ? scalarOf(rt, a, site) : a, b.ndim === 0 ? scalarOf(rt, b, site) : b, site);
  const k = a.shape[a.ndim - 1]!;
  if (b.shape[b.ndim - 1] !== k) fail('shape', `shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned for inner: the last axes differ (${k} ≠ ${b.shape[b.ndim - 1]})`, rt.sites[site]!);
  if (a.ndim === 1 && b.ndim === 1) return dot(rt, a, b, site, 'inner');
  const bt = transpose(rt, reshape(rt, b, [-1, k], site), [1, 0], site);
  const product = matmul(rt, reshape(rt, a, [-1, k], site), bt, site, 'inner');
  return reshape(rt, product, [...a.shape.slice(0, -1), ...b.shape.slice(0, -1)], site);
}


export const PRODUCT_IMPLEMENTATIONS = {
  matmul: (rt, [a, b], _kw, site) => {
    const out = matmul(rt, arr(rt, a!, site, 'matmul'), arr(rt, b!, site, 'matmul'), site);
    return out.ndim === 0 ? element(rt, out, 0, site) : out;
  },
  dot: (rt, [a, b], _kw, site) => dot(rt, a!, b!, site),
  inner: (rt, [a, b], _kw, site) => inner(rt, arr(rt, a!, site, 'inner'), arr(rt, b!, site, 'inner'), site),
  vdot: (rt, [a, b], _kw, site) => {
    // vdot flattens both operands (real numbers: no conjugation), then one dot of two vectors
    const x = arr(rt, a!, site, 'vdot');
    const y = arr(rt, b!, site, 'vdot');
    if (x.size !== y.size) fail('shape', `vdot needs operands of the same size, got shapes ${formatShape(x.shape)} and ${formatShape(y.shape)}`, rt.sites[site]!);
    return dot(rt, reshape(rt, x, [-1], site), reshape(rt, y, [-1], site), site, 'vdot');
  },
  outer: (rt, [a, b], _kw, site) => outer(rt, arr(rt, a!, site, 'outer'), arr(rt, b!, site, 'outer'), site),
  trace: (rt, args, kw, site) => {
    const b = bind(rt, 'trace', ['a', 'offset', 'axis1', 'axis2', 'dtype', 'out'], args, kw, site);
    notYet(rt, 'trace', b, ['out'], site);
    floatDtype(rt, 'trace', b.dtype, site);
    const n = (v: Value | undefined, d: number): number => (given(v) ? int(rt, v, site, 'an axis or offset') : d);
    const d = diagonal(rt, arr(rt, b.a!, site, 'trace'), n(b.offset, 0), n(b.axis1, 0), n(b.axis2, 1), site);
    return sum(rt, d, { axes: [d.ndim - 1], keepdims: false }, site);
  },
} satisfies Record<string, Impl>;
