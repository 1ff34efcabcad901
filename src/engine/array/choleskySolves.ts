import { fail } from '../../core/diagnostic';
import { SequenceValue, type Value } from '../interpreter/values';
import type { Runtime } from '../interpreter/runtime';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, bind, given, type Impl } from './args';
import { eye } from './construct';
import { DECOMPOSITION_IMPLEMENTATIONS } from './decompositions';
import { applyAny } from './elementwise';
import { ArrayValue, formatShape } from './ndarray';
import { triangle } from './rearrange';
import { transpose } from './shape';
import { solve } from './solve';

/**
 * scipy.linalg's Cholesky factor and triangular solves, as scipy documents them (LAPACK's potrf,
 * potrs, trtrs), composed of GradLens's own primitives — numpy's cholesky (which reads the lower
 * triangle), triangles (gathers) and np.linalg.solve — so their derivatives are those primitives'.
 * Only the triangle LAPACK reads moves the result, as in scipy: the other one has derivative 0.
 */

/** A Python truth value of a flag argument (`lower=True`, `lower=1`), false when not given. */
function flag(v: Value | undefined): boolean {
  return given(v) && v !== false && v !== 0;
}

function squareMatrix(rt: Runtime, v: Value, what: string, site: number): ArrayValue {
  const a = arr(rt, v, site, what);
  if (a.ndim !== 2 || a.shape[0] !== a.shape[1]) fail('shape', `ValueError: ${what} needs a square matrix, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
  return a;
}

const T = (rt: Runtime, m: ArrayValue, site: number): ArrayValue => transpose(rt, m, [1, 0], site);

/** The factor of `a` from the triangle LAPACK reads: L (L Lᵀ = a) from the lower one, U (Uᵀ U = a) from the upper one. */
function factor(rt: Runtime, a: ArrayValue, lower: boolean, site: number): ArrayValue {
  const cholesky = (m: ArrayValue): ArrayValue => DECOMPOSITION_IMPLEMENTATIONS.cholesky(rt, [m], [], site) as ArrayValue;
  // numpy's cholesky reads the lower triangle; aᵀ's lower triangle is a's upper one.
  return lower ? cholesky(a) : T(rt, cholesky(T(rt, a, site)), site);
}

/** `x` solving `t x = b` for a triangular `t` (np.linalg.solve: LU of a triangle pivots rarely, its result is the substitution's to rounding). */
function triangularSolve(rt: Runtime, t: ArrayValue, b: Value, site: number): ArrayValue {
  return solve(rt, t, arr(rt, b, site, 'the right-hand side'), site);
}

export const CHOLESKY_SOLVE_IMPLEMENTATIONS = {
  /** scipy.linalg.cholesky(a, lower=False): U with Uᵀ U = a (upper triangle read), or L; zeros in the other triangle. */
  scipy_cholesky: (rt, args, kw, site) => {
    const b = bind(rt, 'cholesky', ['a', 'lower', 'overwrite_a', 'check_finite'], args, kw, site);
    return factor(rt, squareMatrix(rt, b.a!, 'cholesky', site), flag(b.lower), site);
  },
  /**
   * scipy.linalg.cho_factor(a, lower=False): `(c, lower)`, c the factor in its triangle and a's own
   * entries in the other (scipy's "arbitrary data": potrf leaves them as they were).
   */
  cho_factor: (rt, args, kw, site) => {
    const b = bind(rt, 'cho_factor', ['a', 'lower', 'overwrite_a', 'check_finite'], args, kw, site);
    const a = squareMatrix(rt, b.a!, 'cho_factor', site);
    const lower = flag(b.lower);
    const c = applyAny(rt, P.add, factor(rt, a, lower, site), triangle(rt, a, lower ? 1 : -1, !lower, site), site) as ArrayValue;
    return new SequenceValue([c, lower], true);
  },
  /** scipy.linalg.cho_solve((c, lower), b): x with a x = b, a = L Lᵀ from c's lower triangle (or Uᵀ U from its upper one). */
  cho_solve: (rt, args, kw, site) => {
    const b = bind(rt, 'cho_solve', ['c_and_lower', 'b', 'overwrite_b', 'check_finite'], args, kw, site);
    const pair = b.c_and_lower;
    if (!(pair instanceof SequenceValue) || pair.items.length !== 2) return fail('type', 'cho_solve needs (c, lower), as cho_factor returns it', rt.sites[site]!);
    const c = squareMatrix(rt, pair.items[0]!, 'cho_solve', site);
    const lower = flag(pair.items[1]);
    const l = lower ? triangle(rt, c, 0, true, site) : T(rt, triangle(rt, c, 0, false, site), site);
    return triangularSolve(rt, T(rt, l, site), triangularSolve(rt, l, b.b!, site), site);
  },
  /**
   * scipy.linalg.solve_triangular(a, b, trans=0, lower=False, unit_diagonal=False): x with t x = b,
   * t a's upper (or lower) triangle, its diagonal read as ones when unit_diagonal, transposed for
   * trans 1 or 2 ('T', 'C': the same for real numbers).
   */
  solve_triangular: (rt, args, kw, site) => {
    const b = bind(rt, 'solve_triangular', ['a', 'b', 'trans', 'lower', 'unit_diagonal', 'overwrite_b', 'debug', 'check_finite'], args, kw, site);
    const a = squareMatrix(rt, b.a!, 'solve_triangular', site);
    const lower = flag(b.lower);
    const trans = given(b.trans) ? b.trans : 0;
    if (![0, 1, 2, 'N', 'T', 'C'].includes(trans as number | string)) fail('domain', `ValueError: solve_triangular's trans must be 0, 1, 2, 'N', 'T' or 'C', got ${String(trans)}`, rt.sites[site]!);
    const n = a.shape[0]!;
    const t = flag(b.unit_diagonal) ? (applyAny(rt, P.add, triangle(rt, a, lower ? -1 : 1, lower, site), eye(rt, n, n, site), site) as ArrayValue) : triangle(rt, a, 0, lower, site);
    return triangularSolve(rt, trans === 0 || trans === 'N' ? t : T(rt, t, site), b.b!, site);
  },
} satisfies Record<string, Impl>;
