import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { NoneValue, SequenceValue, Tracked, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, axisArg, bind, given, int, notYet, operand, type Impl } from './args';
import { applyAny, elementwise } from './elementwise';
import { ArrayValue, formatShape, sizeOf } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { alloc, asArray, constant, element, record, type Operand } from './record';
import { resolveAxes, sum, type Axes } from './reduce';
import { gatherBy } from './rearrange';
import { concatenate, normalizeAxis, reshape, stack, transpose } from './shape';

/**
 * Statistics and running operations along an axis: var, std, median, percentile, quantile,
 * cumsum, cumprod, diff, ediff1d, gradient, sort and argsort. Each is composed of the registry's
 * primitives and of gathers (sort is a gather through the permutation), except cumsum, a linear
 * scan with its own node. numpy's own arithmetic order is kept where it decides the last bits.
 */

/** A 0-d result without keepdims is a scalar (numpy returns float64). */
function scalarIfZeroD(rt: Runtime, v: ArrayValue, site: number): Value {
  return v.ndim === 0 ? element(rt, v, 0, site) : v;
}

/** The elements from lo to hi along `axis` (a gather). */
export function sliceAxis(rt: Runtime, a: ArrayValue, axis: number, lo: number, hi: number, site: number): ArrayValue {
  const shape = a.shape.map((d, k) => (k === axis ? Math.max(0, hi - lo) : d));
  return gatherBy(rt, 'getitem', a, shape, (idx) => idx.map((j, k) => (k === axis ? j + lo : j)), site);
}

/** numpy's var: Σ (a − mean)² / (n − ddof), the mean as a sum divided by n (numpy's order). */
function variance(rt: Runtime, a: ArrayValue, ax: Axes, ddof: Operand, site: number): Operand {
  const n = ax.axes.reduce((k, i) => k * a.shape[i]!, 1);
  const mean = elementwise(rt, P.div, asArray(rt, sum(rt, a, { axes: ax.axes, keepdims: true }, site) as Operand, site), n, site);
  const d = elementwise(rt, P.sub, a, mean, site);
  const total = sum(rt, elementwise(rt, P.mul, d, d, site), ax, site);
  const dv = typeof ddof === 'number' ? ddof : ddof instanceof Tracked ? ddof.value : NaN;
  if (n - dv <= 0) rt.warn('non-differentiable', `var/std with ddof=${dv} over ${n} elements divides by ${n - dv}: numpy returns inf or nan here`, site);
  // a ddof that depends on the parameters stays on the tape (n − ddof), so its derivative flows
  return applyAny(rt, P.div, total as Operand, typeof ddof === 'number' ? Math.max(n - ddof, 0) : applyAny(rt, P.sub, n, ddof, site), site);
}

function spread(name: 'var' | 'std'): Impl {
  return (rt, args, kw, site) => {
    const b = bind(rt, name, ['a', 'axis', 'dtype', 'out', 'ddof', 'keepdims', 'where'], args, kw, site);
    notYet(rt, name, b, ['dtype', 'out', 'where'], site);
    const a = arr(rt, b.a!, site, name);
    const ax = resolveAxes(rt, a, axisArg(rt, b.axis, site), b.keepdims === true, site);
    const ddof = given(b.ddof) ? operand(rt, b.ddof, site) : 0;
    if (ddof instanceof ArrayValue) fail('type', `${name}: ddof needs a number`, rt.sites[site]!);
    const v = variance(rt, a, ax, ddof, site);
    return (name === 'var' ? v : applyAny(rt, P.sqrt, v, undefined, site)) as Value;
  };
}

/** The axis an argument names, or undefined for None (the flattened array). */
function oneAxis(rt: Runtime, v: Value | undefined, site: number, name: string): number | undefined {
  const axis = axisArg(rt, v, site);
  if (Array.isArray(axis)) fail('unsupported', `GradLens does not support ${name} over a tuple of axes yet`, rt.sites[site]!);
  return axis as number | undefined;
}

/** `a` with `axis` moved last (or flattened when undefined), and how to move it back. */
function lastAxis(rt: Runtime, a: ArrayValue, axis: number | undefined, site: number): { moved: ArrayValue; back: (v: ArrayValue) => ArrayValue; ax: number } {
  if (axis === undefined) return { moved: reshape(rt, a, [-1], site), back: (v) => v, ax: 0 };
  const ax = normalizeAxis(rt, axis, a.ndim, site);
  const perm = [...a.shape.keys()].filter((d) => d !== ax).concat(ax);
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return { moved: transpose(rt, a, perm, site), back: (v) => transpose(rt, v, inverse, site), ax };
}

/** Stable ascending order of each last-axis lane; a warning when tracked values tie. */
function sortOrder(rt: Runtime, a: ArrayValue, site: number): Int32Array {
  const n = a.shape[a.ndim - 1] ?? 1;
  const lanes = n === 0 ? 0 : a.size / n;
  const order = new Int32Array(a.size);
  const x = a.data;
  let ties = false;
  for (let l = 0; l < lanes; l++) {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((i, j) => {
      const u = x[l * n + i]!;
      const v = x[l * n + j]!;
      return u < v || (Number.isNaN(v) && !Number.isNaN(u)) ? -1 : u > v || (Number.isNaN(u) && !Number.isNaN(v)) ? 1 : i - j;
    });
    for (let i = 0; i < n; i++) {
      order[l * n + i] = idx[i]!;
      if (i > 0 && x[l * n + idx[i]!] === x[l * n + idx[i - 1]!]) ties = true;
    }
  }
  if (ties && a.row >= 0) rt.warn('non-differentiable', 'sort: equal elements tie, so which one goes where is a convention and the derivative there is not unique', site);
  return order;
}

/** Each last-axis lane sorted: a gather through the permutation. */
function sortLast(rt: Runtime, a: ArrayValue, site: number): ArrayValue {
  const order = sortOrder(rt, a, site);
  return gatherBy(rt, 'sort', a, a.shape, (idx) => {
    const out = [...idx];
    let flat = 0;
    for (let d = 0; d < idx.length; d++) flat = flat * a.shape[d]! + idx[d]!;
    out[out.length - 1] = order[flat]!;
    return out;
  }, site);
}

function sortImpl(name: 'sort' | 'argsort' | 'msort' | 'partition' | 'argpartition'): Impl {
  return (rt, args, kw, site) => {
    const names = name === 'msort' ? ['a'] : name === 'partition' || name === 'argpartition' ? ['a', 'kth', 'axis', 'kind', 'order'] : ['a', 'axis', 'kind', 'order'];
    const b = bind(rt, name, names, args, kw, site);
    notYet(rt, name, b, ['order'], site);
    const a = arr(rt, b.a!, site, name);
    // a full sort is a valid partition: every kth element is in place, smaller before, larger after
    const axis = name === 'msort' ? 0 : b.axis instanceof NoneValue ? undefined : given(b.axis) ? int(rt, b.axis, site, 'axis') : -1;
    if (a.ndim === 0) fail('shape', `${name} needs an array of at least 1 dimension`, rt.sites[site]!);
    const { moved, back } = lastAxis(rt, a, axis, site);
    if (name === 'argsort' || name === 'argpartition') {
      const order = sortOrder(rt, constant(moved.shape, moved.data), site);
      return back(constant(moved.shape, Float64Array.from(order), 'int'));
    }
    return back(sortLast(rt, moved, site));
  };
}

/** numpy's _lerp: a + (b − a)·t, written b − (b − a)·(1 − t) where t ≥ 0.5 (exact at t = 1). */
function lerp(rt: Runtime, a: ArrayValue, b: ArrayValue, t: Operand, site: number): Operand {
  const diff = elementwise(rt, P.sub, b, a, site);
  const tv = typeof t === 'number' ? t : t instanceof Tracked ? t.value : NaN;
  if (tv >= 0.5) return elementwise(rt, P.sub, b, applyAny(rt, P.mul, diff, applyAny(rt, P.sub, 1, t, site), site), site);
  return elementwise(rt, P.add, a, applyAny(rt, P.mul, diff, t, site), site);
}

/**
 * numpy's quantile methods. The continuous ones interpolate at the virtual index n·q + α + q(1 − α −
 * β) − 1 (Hyndman & Fan's family; 'linear', numpy's default, is α = β = 1: (n − 1)·q), clipped to the
 * ends; 'lower', 'higher', 'nearest' take an element, 'midpoint' the mean of the two around (n − 1)·q.
 */
type QuantileMethod = { readonly kind: 'continuous'; readonly alpha: number; readonly beta: number } | { readonly kind: 'lower' | 'higher' | 'nearest' | 'midpoint' };

const QUANTILE_METHODS: Readonly<Record<string, QuantileMethod>> = {
  linear: { kind: 'continuous', alpha: 1, beta: 1 },
  interpolated_inverted_cdf: { kind: 'continuous', alpha: 0, beta: 1 },
  hazen: { kind: 'continuous', alpha: 0.5, beta: 0.5 },
  weibull: { kind: 'continuous', alpha: 0, beta: 0 },
  median_unbiased: { kind: 'continuous', alpha: 1 / 3, beta: 1 / 3 },
  normal_unbiased: { kind: 'continuous', alpha: 3 / 8, beta: 3 / 8 },
  lower: { kind: 'lower' },
  higher: { kind: 'higher' },
  nearest: { kind: 'nearest' },
  midpoint: { kind: 'midpoint' },
};

/** Round half to even, as np.around. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** quantile by `method`: q in [0, 1], scalar or 1-D, over one axis or all. */
function quantileOf(rt: Runtime, a: ArrayValue, q: Operand, axis: number | undefined, keepdims: boolean, site: number, name: string, method: QuantileMethod = QUANTILE_METHODS.linear!): Value {
  const { moved, ax } = lastAxis(rt, a, axis, site);
  const n = moved.shape[moved.ndim - 1]!;
  if (n === 0) fail('shape', `${name} of an empty array`, rt.sites[site]!);
  const sorted = sortLast(rt, moved, site);
  const rest = moved.shape.slice(0, -1);
  const qs: Operand[] = q instanceof ArrayValue ? (q.ndim > 1 ? fail('unsupported', `GradLens does not support ${name} of a ${q.ndim}-D q yet`, rt.sites[site]!) : Array.from({ length: q.ndim === 0 ? 1 : q.size }, (_, i) => element(rt, q, i, site))) : [q];
  const results = qs.map((qk) => {
    const qv = typeof qk === 'number' ? qk : (qk as Tracked).value;
    if (!(qv >= 0 && qv <= 1)) fail('domain', `${name}: quantiles must be in the range [0, 1] (percentiles in [0, 100]), got ${name === 'percentile' ? qv * 100 : qv}`, rt.sites[site]!);
    const at = (j: number): ArrayValue => reshape(rt, sliceAxis(rt, sorted, sorted.ndim - 1, j, j + 1, site), rest, site);
    if (method.kind !== 'continuous' && method.kind !== 'midpoint') {
      const v = qv * (n - 1);
      return at(method.kind === 'lower' ? Math.floor(v) : method.kind === 'higher' ? Math.ceil(v) : roundHalfEven(v));
    }
    const { alpha, beta } = method.kind === 'continuous' ? method : { alpha: 1, beta: 1 };
    const pos = applyAny(rt, P.add, applyAny(rt, P.mul, qk, n + 1 - alpha - beta, site), alpha - 1, site);
    const pv = typeof pos === 'number' ? pos : (pos as Tracked).value;
    // numpy: below the first element or at or past the last, that element (no interpolation)
    if (pv < 0 || pv >= n - 1) return at(pv < 0 ? 0 : n - 1);
    const lo = Math.floor(pv);
    if (method.kind === 'midpoint') return asArray(rt, lerp(rt, at(lo), at(lo + 1), pv === lo ? 0 : 0.5, site), site);
    const gamma = applyAny(rt, P.sub, pos, lo, site);
    return asArray(rt, lerp(rt, at(lo), at(lo + 1), gamma, site), site);
  });
  let out = q instanceof ArrayValue && q.ndim === 1 ? stack(rt, results, 0, site) : results[0]!;
  if (keepdims) {
    const kept = axis === undefined ? a.shape.map(() => 1) : a.shape.map((d, i) => (i === ax ? 1 : d));
    out = reshape(rt, out, [...(q instanceof ArrayValue && q.ndim === 1 ? [q.size] : []), ...kept], site);
  }
  return scalarIfZeroD(rt, out, site);
}

function quantileImpl(name: 'quantile' | 'percentile' | 'median'): Impl {
  return (rt, args, kw, site) => {
    const names = name === 'median' ? ['a', 'axis', 'out', 'overwrite_input', 'keepdims'] : ['a', 'q', 'axis', 'out', 'overwrite_input', 'method', 'keepdims', 'interpolation'];
    const b = bind(rt, name, names, args, kw, site);
    notYet(rt, name, b, ['out'], site);
    // interpolation= is numpy's older name of method=
    const chosen = given(b.method) ? b.method : given(b.interpolation) ? b.interpolation : 'linear';
    const method = typeof chosen === 'string' && Object.hasOwn(QUANTILE_METHODS, chosen) ? QUANTILE_METHODS[chosen]! : undefined;
    if (!method) fail('unsupported', `GradLens does not support ${name}'s method=${typeof chosen === 'string' ? `'${chosen}'` : '…'} yet (${Object.keys(QUANTILE_METHODS).join(', ')})`, rt.sites[site]!);
    const a = arr(rt, b.a!, site, name);
    const axis = oneAxis(rt, b.axis, site, name);
    let q: Operand = name === 'median' ? 0.5 : operand(rt, b.q!, site);
    if (q instanceof ArrayValue && q.ndim === 0) q = element(rt, q, 0, site);
    if (name === 'percentile') q = applyAny(rt, P.div, q, 100, site);
    return quantileOf(rt, a, q, axis, b.keepdims === true, site, name, method);
  };
}

/** cumsum along the last axis of a (lanes × n) layout: out[l, j] = Σ_{i ≤ j} x[l, i]. Linear. */
class CumsumNode implements ArrayNode {
  row = -1;
  readonly name = 'cumsum';
  constructor(
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    private readonly outer: number,
    private readonly len: number,
    private readonly inner: number,
  ) {}

  jvp(t: Tangents): Float64Array | null {
    const x = t.array(this.inputs[0]!);
    if (!x) return null;
    const out = new Float64Array(this.value.length);
    scan(x, out, this.outer, this.len, this.inner, false);
    return out;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    // the transpose of a running sum is the running sum from the end
    const target = adj.array(this.inputs[0]!);
    const back = new Float64Array(g.length);
    scan(g, back, this.outer, this.len, this.inner, true);
    for (let i = 0; i < back.length; i++) target[i] = target[i]! + back[i]!;
  }
}

function scan(x: Float64Array, out: Float64Array, outer: number, len: number, inner: number, reverse: boolean): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let acc = 0;
      for (let s = 0; s < len; s++) {
        const i = reverse ? len - 1 - s : s;
        const k = (o * len + i) * inner + j;
        acc += x[k]!;
        out[k] = acc;
      }
    }
  }
}

function cumulative(name: 'cumsum' | 'cumprod'): Impl {
  return (rt, args, kw, site) => {
    const b = bind(rt, name, ['a', 'axis', 'dtype', 'out'], args, kw, site);
    notYet(rt, name, b, ['dtype', 'out'], site);
    const a0 = arr(rt, b.a!, site, name);
    const axis = oneAxis(rt, b.axis, site, name);
    const a = axis === undefined ? reshape(rt, a0, [-1], site) : a0;
    const ax = axis === undefined ? 0 : normalizeAxis(rt, axis, a.ndim, site);
    if (a.ndim === 0) return reshape(rt, a, [1], site);
    const len = a.shape[ax]!;
    if (name === 'cumsum') {
      const outer = sizeOf(a.shape.slice(0, ax));
      const inner = sizeOf(a.shape.slice(ax + 1));
      const out = alloc(rt, a.size, site, a.shape);
      scan(a.data, out, outer, len, inner, false);
      if (a.row < 0 || !rt.tape) return constant(a.shape, out, a.dtype === 'float' ? 'float' : 'int');
      return record(rt, new CumsumNode(a.shape, out, [a.row], outer, len, inner), site);
    }
    // cumprod: a chain of the registry's mul along the axis, so zeros and the Hessian come from mul
    if (len === 0) return a;
    const parts: ArrayValue[] = [sliceAxis(rt, a, ax, 0, 1, site)];
    for (let j = 1; j < len; j++) parts.push(elementwise(rt, P.mul, parts[j - 1]!, sliceAxis(rt, a, ax, j, j + 1, site), site));
    return concatenate(rt, parts, ax, site, 'cumprod');
  };
}

/** An edge value for diff's prepend/append: broadcast to a's shape with length 1 along the axis. */
function edge(rt: Runtime, v: Value, a: ArrayValue, ax: number, site: number): ArrayValue {
  const e = asArray(rt, operand(rt, v, site), site);
  const shape = a.shape.map((d, i) => (i === ax ? (e.ndim === 0 ? 1 : e.shape[i] ?? 1) : d));
  if (e.ndim === 0) return elementwise(rt, P.add, e, constant(shape, new Float64Array(sizeOf(shape))), site);
  return e;
}

export function diffAlong(rt: Runtime, a: ArrayValue, n: number, ax: number, site: number): ArrayValue {
  let out = a;
  for (let k = 0; k < n; k++) {
    const len = out.shape[ax]!;
    if (len === 0) break;
    out = elementwise(rt, P.sub, sliceAxis(rt, out, ax, 1, len, site), sliceAxis(rt, out, ax, 0, len - 1, site), site);
  }
  return out;
}

function diff(rt: Runtime, args: Value[], kw: Parameters<Impl>[2], site: number): Value {
  const b = bind(rt, 'diff', ['a', 'n', 'axis', 'prepend', 'append'], args, kw, site);
  let a = arr(rt, b.a!, site, 'diff');
  if (a.ndim === 0) fail('shape', 'diff requires input that is at least one dimensional', rt.sites[site]!);
  const n = given(b.n) ? int(rt, b.n, site, 'n') : 1;
  if (n < 0) fail('shape', `diff: order must be non-negative but got ${n}`, rt.sites[site]!);
  const ax = normalizeAxis(rt, given(b.axis) ? int(rt, b.axis, site, 'axis') : -1, a.ndim, site);
  const parts = [...(given(b.prepend) ? [edge(rt, b.prepend, a, ax, site)] : []), a, ...(given(b.append) ? [edge(rt, b.append, a, ax, site)] : [])];
  if (parts.length > 1) a = concatenate(rt, parts, ax, site, 'diff');
  return diffAlong(rt, a, n, ax, site);
}

function ediff1d(rt: Runtime, args: Value[], kw: Parameters<Impl>[2], site: number): Value {
  const b = bind(rt, 'ediff1d', ['ary', 'to_end', 'to_begin'], args, kw, site);
  const a = reshape(rt, arr(rt, b.ary!, site, 'ediff1d'), [-1], site);
  const flat = (v: Value): ArrayValue => reshape(rt, arr(rt, v, site, 'ediff1d'), [-1], site);
  const parts = [...(given(b.to_begin) ? [flat(b.to_begin)] : []), diffAlong(rt, a, 1, 0, site), ...(given(b.to_end) ? [flat(b.to_end)] : [])];
  return parts.length === 1 ? parts[0]! : concatenate(rt, parts, 0, site, 'ediff1d');
}

/**
 * np.gradient along `ax` at coordinates x (numpy's second-order formula for uneven spacing): with
 * hₛ = xᵢ − xᵢ₋₁ and h_d = xᵢ₊₁ − xᵢ inside,
 *   ∂fᵢ = −h_d/(hₛ(hₛ + h_d))·fᵢ₋₁ + (h_d − hₛ)/(hₛh_d)·fᵢ + hₛ/(h_d(hₛ + h_d))·fᵢ₊₁,
 * and one-sided differences at the edges; moving coordinates carry their derivatives.
 */
function nonUniformGradient(rt: Runtime, f: ArrayValue, ax: number, x: ArrayValue, s: (lo: number, hi: number) => ArrayValue, edgeOrder: number, site: number): ArrayValue {
  const n = f.shape[ax]!;
  if (x.size !== n) fail('shape', `gradient: the coordinates along axis ${ax} have length ${x.size}, the axis ${n}`, rt.sites[site]!);
  const along = (v: ArrayValue): ArrayValue => reshape(rt, v, f.shape.map((d, k) => (k === ax ? v.size : 1)), site);
  const dx = elementwise(rt, P.sub, sliceAxis(rt, x, 0, 1, n, site), sliceAxis(rt, x, 0, 0, n - 1, site), site);
  const h = (lo: number, hi: number): ArrayValue => along(sliceAxis(rt, dx, 0, lo, hi, site));
  const [sub, mul, div, add] = [P.sub, P.mul, P.div, P.add].map((p) => (a: Operand, b: Operand): Operand => applyAny(rt, p, a, b, site));
  const [first, last] =
    edgeOrder === 2 ? secondOrderEdges(rt, s, n, h(0, 1), h(1, 2), h(n - 3, n - 2), h(n - 2, n - 1), site) : [div!(sub!(s(1, 2), s(0, 1)), h(0, 1)), div!(sub!(s(n - 1, n), s(n - 2, n - 1)), h(n - 2, n - 1))];
  if (n === 2) return concatenate(rt, [asArray(rt, first, site), asArray(rt, last, site)], ax, site, 'gradient');
  const [hs, hd] = [h(0, n - 2), h(1, n - 1)];
  const total = add!(hs, hd);
  const a = div!(applyAny(rt, P.neg, hd, undefined, site), mul!(hs, total));
  const b = div!(sub!(hd, hs), mul!(hd, hs));
  const c = div!(hs, mul!(hd, total));
  const middle = add!(add!(mul!(a, s(0, n - 2)), mul!(b, s(1, n - 1))), mul!(c, s(2, n)));
  return concatenate(rt, [first, middle, last].map((p) => asArray(rt, p, site)), ax, site, 'gradient');
}

/**
 * numpy's second-order one-sided edges (edge_order=2): with spacings d₁ = x₁ − x₀, d₂ = x₂ − x₁,
 *   ∂f₀ = −(2d₁ + d₂)/(d₁(d₁ + d₂))·f₀ + (d₁ + d₂)/(d₁d₂)·f₁ − d₁/(d₂(d₁ + d₂))·f₂,
 * and the last edge is the first's mirror (the samples and spacings read backwards, the sign flipped).
 * Even spacing h gives (−3f₀ + 4f₁ − f₂)/2h. `first1, first2`: the first two spacings; `last1, last2`:
 * the last two, in order.
 */
function secondOrderEdges(rt: Runtime, s: (lo: number, hi: number) => ArrayValue, n: number, first1: Operand, first2: Operand, last1: Operand, last2: Operand, site: number): [Operand, Operand] {
  const [sub, mul, div, add] = [P.sub, P.mul, P.div, P.add].map((p) => (a: Operand, b: Operand): Operand => applyAny(rt, p, a, b, site));
  const edge = (f0: Operand, f1: Operand, f2: Operand, d1: Operand, d2: Operand): Operand => {
    const total = add!(d1, d2);
    const a = div!(add!(add!(d1, d1), d2), mul!(d1, total));
    const b = div!(total, mul!(d1, d2));
    const c = div!(d1, mul!(d2, total));
    return sub!(sub!(mul!(b, f1), mul!(a, f0)), mul!(c, f2));
  };
  const first = edge(s(0, 1), s(1, 2), s(2, 3), first1, first2);
  const last = applyAny(rt, P.neg, edge(s(n - 1, n), s(n - 2, n - 1), s(n - 3, n - 2), last2, last1), undefined, site);
  return [first, last];
}

/** numpy.gradient: central differences inside, one-sided at the edges (edge_order 1 or 2); spacings or coordinates. */
function gradientOf(rt: Runtime, args: Value[], kw: Parameters<Impl>[2], site: number): Value {
  const f = arr(rt, args[0]!, site, 'gradient');
  let axis: number[] = [...f.shape.keys()];
  let edgeOrder = 1;
  for (const k of kw) {
    if (k.name === 'axis') {
      const x = axisArg(rt, k.value, site);
      axis = x === undefined ? axis : (typeof x === 'number' ? [x] : x).map((d) => normalizeAxis(rt, d, f.ndim, site));
    } else if (k.name === 'edge_order') edgeOrder = int(rt, k.value, site, 'edge_order');
    else fail('unsupported', `GradLens does not support gradient's ${k.name}= yet`, rt.sites[site]!);
  }
  if (edgeOrder !== 1 && edgeOrder !== 2) fail('type', "ValueError: gradient's 'edge_order' must be 1 or 2", rt.sites[site]!);
  const spacing = args.slice(1).map((v) => {
    const s = operand(rt, v, site);
    if (s instanceof ArrayValue && s.ndim > 1) fail('shape', `gradient: a spacing is a number or a 1-D array of coordinates, got shape ${formatShape(s.shape)}`, rt.sites[site]!);
    return s instanceof ArrayValue && s.ndim === 0 ? element(rt, s, 0, site) : s;
  });
  if (spacing.length > 1 && spacing.length !== axis.length) fail('arity', `gradient: ${spacing.length} spacings for ${axis.length} axes`, rt.sites[site]!);
  const outs = axis.map((ax, i) => {
    const h: Operand = spacing.length === 0 ? 1 : spacing.length === 1 ? spacing[0]! : spacing[i]!;
    const n = f.shape[ax]!;
    if (n < edgeOrder + 1) fail('shape', `gradient: the axis ${ax} needs at least ${edgeOrder + 1} elements (edge_order + 1), it has ${n}`, rt.sites[site]!);
    const s = (lo: number, hi: number): ArrayValue => sliceAxis(rt, f, ax, lo, hi, site);
    if (h instanceof ArrayValue) return nonUniformGradient(rt, f, ax, h, s, edgeOrder, site);
    const [first, last] =
      edgeOrder === 2
        ? secondOrderEdges(rt, s, n, h, h, h, h, site).map((e) => asArray(rt, e, site))
        : [elementwise(rt, P.div, elementwise(rt, P.sub, s(1, 2), s(0, 1), site), h, site), elementwise(rt, P.div, elementwise(rt, P.sub, s(n - 1, n), s(n - 2, n - 1), site), h, site)];
    if (n === 2) return concatenate(rt, [first!, last!], ax, site, 'gradient');
    const middle = elementwise(rt, P.div, elementwise(rt, P.sub, s(2, n), s(0, n - 2), site), applyAny(rt, P.mul, 2, h, site), site);
    return concatenate(rt, [first!, middle, last!], ax, site, 'gradient');
  });
  return outs.length === 1 ? outs[0]! : new SequenceValue(outs, false);
}

export const STATISTICS_IMPLEMENTATIONS = {
  var: spread('var'),
  std: spread('std'),
  median: quantileImpl('median'),
  percentile: quantileImpl('percentile'),
  quantile: quantileImpl('quantile'),
  sort: sortImpl('sort'),
  argsort: sortImpl('argsort'),
  msort: sortImpl('msort'),
  partition: sortImpl('partition'),
  argpartition: sortImpl('argpartition'),
  cumsum: cumulative('cumsum'),
  cumprod: cumulative('cumprod'),
  diff,
  ediff1d,
  gradient: gradientOf,
} satisfies Record<string, Impl>;

