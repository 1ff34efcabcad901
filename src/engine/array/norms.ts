import { fail } from '../../core/diagnostic';
import type { KeywordValue } from '../interpreter/calls';
import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, Tracked, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, axisArg, bind, given, num } from './args';
import { applyAny, elementwise } from './elementwise';
import { det, slogdet } from './determinant';
import { ArrayValue, formatShape, sizeOf } from './ndarray';
import { asArray, constant, element, type Operand } from './record';
import { extreme, resolveAxes, sum, type Axes } from './reduce';
import { reshape, transpose } from './shape';
import { singularValueSum } from './spectralNorms';
import { matrices, perMatrix, stacked } from './stacks';
import { inv, solve } from './solve';

/**
 * np.linalg.norm with numpy's ords, and inv, solve, det, slogdet over stacks of matrices (the
 * leading axes): each matrix of a stack through the 2-D operation, the results stacked.
 */

const asOperand = (v: Value | Operand): Operand => v as Operand;

/** Vector norms along `ax`: numpy's formulas (2: √Σx², ±inf: max/min |x|, 0: count, p: (Σ|x|ᵖ)^(1/p)). */
function vectorNorm(rt: Runtime, x: ArrayValue, ord: number | undefined, ax: Axes, site: number): Value {
  if (ord === undefined || ord === 2) return applyAny(rt, P.sqrt, asOperand(sum(rt, elementwise(rt, P.mul, x, x, site), ax, site)), undefined, site) as Value;
  const abs = elementwise(rt, P.abs, x, undefined, site);
  if (ord === Infinity) return extreme(rt, abs, ax, true, site) as Value;
  if (ord === -Infinity) return extreme(rt, abs, ax, false, site) as Value;
  if (ord === 0) return sum(rt, constant(x.shape, Float64Array.from(x.data, (v) => (v !== 0 ? 1 : 0))), ax, site) as Value;
  if (ord === 1) return sum(rt, abs, ax, site) as Value;
  return applyAny(rt, P.pow, asOperand(sum(rt, elementwise(rt, P.pow, abs, ord, site), ax, site)), 1 / ord, site) as Value;
}

/** Matrix norms over the axes (r, c): 'fro', and the induced ±1 (columns) and ±inf (rows). */
function matrixNorm(rt: Runtime, x: ArrayValue, ord: number | string | undefined, r: number, c: number, keepdims: boolean, site: number): Value {
  if (ord === undefined || ord === 'fro') return vectorNorm(rt, x, undefined, { axes: [r, c].sort((a, b) => a - b), keepdims }, site);
  if (ord === 1 || ord === -1 || ord === Infinity || ord === -Infinity) {
    // ±1: the largest/smallest column sum of |x|; ±inf: of the row sums
    const [inner, outer] = ord === 1 || ord === -1 ? [r, c] : [c, r];
    const sums = sum(rt, elementwise(rt, P.abs, x, undefined, site), { axes: [inner], keepdims: true }, site) as ArrayValue;
    return extreme(rt, sums, { axes: [outer], keepdims: true }, ord > 0, site) as Value;
  }
  if (ord === 2 || ord === -2 || ord === 'nuc') return singularValueNorm(rt, x, ord, r, c, site);
  return fail('unsupported', `GradLens does not support norm's ord=${typeof ord === 'string' ? `'${ord}'` : ord} for matrices yet (supported: None, 'fro', 'nuc', 1, -1, 2, -2, inf, -inf)`, rt.sites[site]!);
}

/** 2, −2, 'nuc': the largest, smallest or summed singular values of each matrix over (r, c), kept dims. */
function singularValueNorm(rt: Runtime, x: ArrayValue, ord: 2 | -2 | 'nuc', r: number, c: number, site: number): Value {
  const others = [...x.shape.keys()].filter((i) => i !== r && i !== c);
  const chosen = ord === 'nuc' ? 'all' : ord === 2 ? 'largest' : 'smallest';
  const reduced = perMatrix(rt, transpose(rt, x, [...others, r, c], site), site, (m) => [singularValueSum(rt, m, chosen, site)])[0]!;
  return reshape(rt, reduced, x.shape.map((d, i) => (i === r || i === c ? 1 : d)), site);
}

export function norm(rt: Runtime, args: Value[], kw: readonly KeywordValue[], site: number): Value {
  const b = bind(rt, 'norm', ['x', 'ord', 'axis', 'keepdims'], args, kw, site);
  const x = arr(rt, b.x!, site, 'norm');
  const ord = given(b.ord) ? (typeof b.ord === 'string' ? b.ord : num(rt, b.ord, site, 'ord')) : undefined;
  const keepdims = b.keepdims === true;
  if (b.ord instanceof Tracked || (b.ord instanceof ArrayValue && b.ord.row >= 0)) {
    // an ord that depends on the parameters: (Σ|x|ᵖ)^(1/p) with p on the tape, so ∂/∂p flows
    const p = b.ord instanceof ArrayValue ? element(rt, b.ord, 0, site) : b.ord;
    const axes = axisArg(rt, b.axis, site);
    if (Array.isArray(axes) && axes.length > 1) fail('unsupported', "GradLens does not support a matrix norm's ord that depends on the parameters", rt.sites[site]!);
    const ax = resolveAxes(rt, x, axes === undefined && x.ndim > 1 ? fail('shape', 'norm: a vector norm of a matrix needs an axis', rt.sites[site]!) : axes, keepdims, site);
    const powered = sum(rt, elementwise(rt, P.pow, elementwise(rt, P.abs, x, undefined, site), p, site), ax, site);
    return applyAny(rt, P.pow, asOperand(powered), applyAny(rt, P.div, 1, p, site), site) as Value;
  }
  const axis = axisArg(rt, b.axis, site);
  if (axis === undefined && ord === undefined) {
    // numpy: the 2-norm of everything flattened, whatever the dimension
    const all = resolveAxes(rt, x, undefined, keepdims, site);
    return vectorNorm(rt, x, undefined, all, site);
  }
  const axes = axis === undefined ? [...x.shape.keys()] : typeof axis === 'number' ? [axis] : axis;
  if (axes.length === 1) {
    if (typeof ord === 'string') fail('type', `norm: ord='${ord}' is a matrix norm; the vector norms take numbers`, rt.sites[site]!);
    return vectorNorm(rt, x, ord, resolveAxes(rt, x, axes, keepdims, site), site);
  }
  if (axes.length !== 2) fail('shape', `norm of an array of ${x.ndim} dimensions needs an axis (1 for vector norms) or two (matrix norms)`, rt.sites[site]!);
  const [r, c] = resolveAxes(rt, x, axes, true, site).axes.length === 2 ? axes.map((a) => (a < 0 ? a + x.ndim : a)) as [number, number] : fail('shape', 'norm: the two axes must differ', rt.sites[site]!);
  const out = matrixNorm(rt, x, ord, r, c, true, site);
  if (keepdims) return out;
  const o = asArray(rt, asOperand(out), site);
  const shape = x.shape.filter((_, i) => i !== r && i !== c);
  return shape.length === 0 ? element(rt, o, 0, site) : reshape(rt, o, shape, site);
}

function squareStack(rt: Runtime, a: ArrayValue, what: string, site: number): void {
  if (a.ndim < 2 || a.shape[a.ndim - 1] !== a.shape[a.ndim - 2]) fail('shape', `${what} needs square matrices in the last two axes, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
}

export const STACKED_LINALG = {
  inv: (rt: Runtime, [x]: Value[], _kw: readonly KeywordValue[], site: number): Value => {
    const a = arr(rt, x!, site, 'np.linalg.inv');
    if (a.ndim <= 2) return inv(rt, a, site);
    squareStack(rt, a, 'np.linalg.inv', site);
    return stacked(rt, matrices(rt, a, 2, site).map((m) => inv(rt, m, site)), a.shape.slice(0, -2), site);
  },
  det: (rt: Runtime, [x]: Value[], _kw: readonly KeywordValue[], site: number): Value => {
    const a = arr(rt, x!, site, 'np.linalg.det');
    if (a.ndim <= 2) return element(rt, det(rt, a, site), 0, site);
    squareStack(rt, a, 'np.linalg.det', site);
    return stacked(rt, matrices(rt, a, 2, site).map((m) => reshape(rt, det(rt, m, site), [], site)), a.shape.slice(0, -2), site);
  },
  slogdet: (rt: Runtime, [x]: Value[], _kw: readonly KeywordValue[], site: number): Value => {
    const a = arr(rt, x!, site, 'np.linalg.slogdet');
    if (a.ndim <= 2) {
      const { sign, logabsdet } = slogdet(rt, a, site);
      return new SequenceValue([sign, element(rt, logabsdet, 0, site)], true);
    }
    squareStack(rt, a, 'np.linalg.slogdet', site);
    const parts = matrices(rt, a, 2, site).map((m) => slogdet(rt, m, site));
    const lead = a.shape.slice(0, -2);
    const signs = constant(lead, Float64Array.from(parts, (p) => p.sign));
    return new SequenceValue([signs, stacked(rt, parts.map((p) => reshape(rt, p.logabsdet, [], site)), lead, site)], true);
  },
  solve: (rt: Runtime, args: Value[], kw: readonly KeywordValue[], site: number): Value => {
    const b = bind(rt, 'solve', ['a', 'b'], args, kw, site);
    const a = arr(rt, b.a!, site, 'np.linalg.solve');
    const rhs = arr(rt, b.b!, site, 'np.linalg.solve');
    if (a.ndim <= 2) return solve(rt, a, rhs, site);
    squareStack(rt, a, 'np.linalg.solve', site);
    // numpy: b is a stack of vectors when it has one axis fewer than a, else a stack of matrices
    const vectors = rhs.ndim === a.ndim - 1;
    const lead = a.shape.slice(0, -2);
    const rhsLead = rhs.shape.slice(0, vectors ? -1 : -2);
    if (formatShape(rhsLead) !== formatShape(lead)) fail('shape', `np.linalg.solve: the stacks of a ${formatShape(a.shape)} and b ${formatShape(rhs.shape)} differ (GradLens does not broadcast them yet)`, rt.sites[site]!);
    const bs = matrices(rt, rhs, vectors ? 1 : 2, site);
    return stacked(rt, matrices(rt, a, 2, site).map((m, i) => solve(rt, m, bs[i]!, site)), lead, site);
  },
};

