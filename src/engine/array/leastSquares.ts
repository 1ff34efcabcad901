import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, bind, given, num, type Impl } from './args';
import { qrOf, singularValueProblem, svdOf } from './decompositions';
import { elementwise } from './elementwise';
import { thinSvd } from './factorizations';
import { matmul } from './linalg';
import { ArrayValue, formatShape } from './ndarray';
import { constant, type Operand } from './record';
import { sum } from './reduce';
import { transpose } from './shape';
import { solve } from './solve';
import { triangle } from './rearrange';
import { perMatrix } from './stacks';

/**
 * np.linalg.pinv and lstsq, composed of primitives with rules of their own: for a matrix of full
 * rank, A⁺ = R⁻¹Qᵀ from A = QR (A⁺ = (Aᵀ)⁺ᵀ for a wide A), so their derivatives — first and second —
 * are qr's and solve's. The rank is numpy's (singular values above rcond·σ_max); at a matrix of
 * lower rank the pseudo-inverse jumps and has no derivative, so recording one is refused, while the
 * value (the SVD's, with numpy's cutoff) is still given.
 */

const EPS = 2.220446049250313e-16;

/** Singular values of a 2-D matrix, descending, as numbers (the rank test). */
function singularValuesOf(a: ArrayValue): Float64Array {
  const [m, n] = [a.shape[0]!, a.shape[1]!];
  const data = a.data.subarray(0, m * n);
  if (m >= n) return thinSvd(data, m, n).s;
  const t = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = data[i * n + j]!;
  return thinSvd(t, n, m).s;
}

const rankOf = (s: Float64Array, rcond: number): number => s.filter((x) => x > rcond * (s[0] ?? 0)).length;

/** numpy's cut-off pseudo-inverse V·diag(1/s or 0)·Uᵀ, as a constant (no parameter flows in). */
function truncatedPinv(rt: Runtime, a: ArrayValue, rcond: number, site: number): ArrayValue {
  const [m, n] = [a.shape[0]!, a.shape[1]!];
  const [u, s, vt] = svdOf(rt, constant(a.shape, a.data.subarray(0, m * n)), site, 'np.linalg.pinv');
  const k = s!.size;
  const out = new Float64Array(n * m);
  const cutoff = rcond * (s!.data[0] ?? 0);
  for (let t = 0; t < k; t++) {
    const st = s!.data[t]!;
    if (!(st > cutoff)) continue;
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = out[i * m + j]! + (vt!.data[t * n + i]! * u!.data[j * k + t]!) / st;
  }
  return constant([n, m], out);
}

/** tril(m) + tril(m, −1)ᵀ: the symmetric matrix a routine that reads the lower triangle sees (gathers: derivatives flow). */
function lowerMirrored(rt: Runtime, m: ArrayValue, site: number): ArrayValue {
  if (m.shape[0] !== m.shape[1]) fail('shape', `np.linalg.pinv(hermitian=True) needs a square matrix, got shape ${formatShape(m.shape)}`, rt.sites[site]!);
  return elementwise(rt, P.add, triangle(rt, m, 0, true, site), transpose(rt, triangle(rt, m, -1, true, site), [1, 0], site), site) as ArrayValue;
}

function pinvOf(rt: Runtime, a: ArrayValue, rcond: number, site: number): ArrayValue {
  const [m, n] = [a.shape[0]!, a.shape[1]!];
  const rank = rankOf(singularValuesOf(a), rcond);
  if (rank < Math.min(m, n)) {
    if (a.row >= 0 && rt.tape) fail('domain', `np.linalg.pinv: the matrix has rank ${rank}, less than ${Math.min(m, n)}: the pseudo-inverse jumps there and has no derivative; GradLens refuses it`, rt.sites[site]!);
    return truncatedPinv(rt, a, rcond, site);
  }
  if (m >= n) {
    const [q, r] = qrOf(rt, a, site);
    return solve(rt, r!, transpose(rt, q!, [1, 0], site), site);
  }
  const [q, r] = qrOf(rt, transpose(rt, a, [1, 0], site), site);
  return transpose(rt, solve(rt, r!, transpose(rt, q!, [1, 0], site), site), [1, 0], site);
}

function matrix(rt: Runtime, v: Value, site: number, what: string): ArrayValue {
  const a = arr(rt, v, site, what);
  if (a.ndim < 2) fail('shape', `${what} needs a matrix (2 or more dimensions), got shape ${formatShape(a.shape)}`, rt.sites[site]!);
  return a;
}

export const LEAST_SQUARES_IMPLEMENTATIONS = {
  pinv: (rt, args, kw, site) => {
    const b = bind(rt, 'pinv', ['a', 'rcond', 'hermitian'], args, kw, site);
    const rcond = given(b.rcond) ? num(rt, b.rcond, site, 'rcond') : 1e-15;
    // hermitian=True: numpy's eigh reads the lower triangle only, so the matrix is that triangle mirrored
    const hermitian = given(b.hermitian) && b.hermitian !== false;
    const read = (m: ArrayValue): ArrayValue => (hermitian ? lowerMirrored(rt, m, site) : m);
    return perMatrix(rt, matrix(rt, b.a!, site, 'np.linalg.pinv'), site, (m) => [pinvOf(rt, read(m), rcond, site)])[0]!;
  },
  lstsq: (rt, args, kw, site) => {
    const bound = bind(rt, 'lstsq', ['a', 'b', 'rcond'], args, kw, site);
    const a = arr(rt, bound.a!, site, 'np.linalg.lstsq');
    const b = arr(rt, bound.b!, site, 'np.linalg.lstsq');
    if (a.ndim !== 2 || (b.ndim !== 1 && b.ndim !== 2) || b.shape[0] !== a.shape[0]) {
      fail('shape', `np.linalg.lstsq needs a 2-D a and a b of as many rows, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`, rt.sites[site]!);
    }
    const [m, n] = [a.shape[0]!, a.shape[1]!];
    // numpy 1.24's default (rcond unset) is machine precision; None is eps·max(m, n)
    const rcond = bound.rcond === undefined ? EPS : given(bound.rcond) ? num(rt, bound.rcond, site, 'rcond') : EPS * Math.max(m, n);
    const values = singularValuesOf(a);
    const rank = rankOf(values, rcond);
    const tracked = (a.row >= 0 || b.row >= 0) && !!rt.tape;
    if (rank < Math.min(m, n) && tracked) {
      fail('domain', `np.linalg.lstsq: a has rank ${rank}, less than ${Math.min(m, n)}: the least-squares solution jumps there and has no derivative; GradLens refuses it`, rt.sites[site]!);
    }
    const x = matmul(rt, pinvOf(rt, a, rcond, site), b, site, 'np.linalg.lstsq');
    let residuals: Value = constant([0], new Float64Array(0));
    if (rank === n && m > n) {
      const r = elementwise(rt, P.sub, b, matmul(rt, a, x, site, 'np.linalg.lstsq'), site);
      const squares = sum(rt, elementwise(rt, P.mul, r, r, site), { axes: [0], keepdims: false }, site) as Operand;
      residuals = (squares instanceof ArrayValue ? squares : elementwise(rt, P.add, constant([1], new Float64Array(1)), squares, site)) as Value;
    }
    // s: the SVD's (with its derivative) where that exists; repeated singular values leave x's
    // derivative intact but not s's, which is then a constant, with a warning.
    let s: ArrayValue = constant([values.length], values);
    if (a.row >= 0 && rt.tape) {
      if (singularValueProblem(values) === undefined) s = svdOf(rt, a, site, 'np.linalg.lstsq')[1]!;
      else rt.warn('non-differentiable', "np.linalg.lstsq: a's singular values are repeated, so s (its fourth result) has no derivative: it is a constant here", site);
    }
    return new SequenceValue([x, residuals, rank, s], true);
  },
} satisfies Record<string, Impl>;
