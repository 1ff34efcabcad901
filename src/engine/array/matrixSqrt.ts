import { fail } from '../../core/diagnostic';
import { arr, bind, given, type Impl } from './args';
import { decomposition } from './decompositionNode';
import type { DecompositionRule } from './decompositionRules';
import { Dm, inverse, mm } from './dualMatrix';
import { symmetricEigen } from './factorizations';
import { factorize, logDeterminant, solveWith } from './lu';
import { generalEigen } from './nonsymmetricEigen';
import type { SourceRange } from '../../core/sourceRange';
import { formatShape } from './ndarray';

/**
 * scipy.linalg.sqrtm of a matrix with a real principal square root: no eigenvalue on the closed
 * negative real axis (there the root is complex or singular, and refused). A symmetric positive
 * definite matrix: S = V·diag(√λ)·Vᵀ from its eigendecomposition. Any other (complex pairs of
 * eigenvalues, a Jordan block): the scaled Denman–Beavers iteration (Higham, Functions of Matrices,
 * §6.3), which converges quadratically to the principal root wherever it exists; scipy's Schur method
 * gives the same matrix (as a complex128 array whose imaginary parts are rounding, where the
 * eigenvalues are complex: GradLens gives the real matrix, which is np.real of scipy's).
 *
 * Its derivative is the solution of the Sylvester equation S·Ṡ + Ṡ·S = Ȧ, for any direction Ȧ (the
 * square root is analytic off the closed negative real axis, and S·X + X·S is invertible since no
 * two principal roots sum to 0), and the reverse rule solves the adjoint equation Sᵀ·Ā + Ā·Sᵀ = S̄.
 * Both are one dense solve with K = S ⊗ I + I ⊗ Sᵀ over dual matrices (dualMatrix.ts), so the
 * node's curvature is its reverse rule run with tangents — the decompositions' node
 * (decompositionNode.ts). K is n²×n²: derivatives are taken up to MAX_DIFFERENTIATED.
 */

const MAX_DIFFERENTIATED = 16;

/** X with S·X + X·S = C, row-major vec: (S ⊗ I + I ⊗ Sᵀ)·vec X = vec C. */
function sylvester(s: Dm, c: Dm): Dm {
  const n = s.rows;
  const kron = (m: Float64Array): Float64Array => {
    const k = new Float64Array(n ** 4);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const row = (i * n + j) * n * n;
        // (S ⊗ I)[(i,j),(p,j)] = S[i,p];  (I ⊗ Sᵀ)[(i,j),(i,q)] = S[q,j]
        for (let p = 0; p < n; p++) k[row + p * n + j] = k[row + p * n + j]! + m[i * n + p]!;
        for (let q = 0; q < n; q++) k[row + i * n + q] = k[row + i * n + q]! + m[q * n + j]!;
      }
    }
    return k;
  };
  const k = new Dm(n * n, n * n, kron(s.v), s.t === null ? null : kron(s.t));
  const x = mm(inverse(k), new Dm(n * n, 1, c.v, c.t));
  return new Dm(n, n, x.v, x.t);
}

const transposed = (a: Dm): Dm => {
  const n = a.rows;
  const flip = (m: Float64Array): Float64Array => Float64Array.from(m, (_, k) => m[(k % n) * n + Math.floor(k / n)]!);
  return new Dm(n, n, flip(a.v), a.t === null ? null : flip(a.t));
};

/** Ṡ from Ȧ by S·Ṡ + Ṡ·S = Ȧ; Ā from S̄ by the transposed equation (S read from the outputs, so with its tangent for the curvature). */
function sqrtmRule(s: Dm): DecompositionRule {
  return {
    jvp: (aDot) => [sylvester(s, aDot)],
    vjp: ([S], [sBar]) => sylvester(transposed(S!), sBar!),
  };
}

export const sqrtm: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'sqrtm', ['A', 'disp', 'blocksize'], args, kw, site);
  const range = rt.sites[site]!;
  if (given(b.disp) && b.disp !== true) fail('unsupported', "GradLens does not support sqrtm's disp=False yet", range);
  if (given(b.blocksize)) fail('unsupported', "GradLens does not support sqrtm's blocksize= yet", range);
  const a = arr(rt, b.A!, site, 'scipy.linalg.sqrtm');
  if (a.ndim !== 2 || a.shape[0] !== a.shape[1]) fail('shape', `sqrtm needs a square matrix, got shape ${formatShape(a.shape)}`, range);
  const n = a.shape[0]!;
  const s = isSymmetric(a.data, n) ? symmetricRoot(a.data.subarray(0, n * n), n, range) : generalRoot(a.data.subarray(0, n * n), n, range);
  if (a.row >= 0 && n > MAX_DIFFERENTIATED) fail('unsupported', `GradLens does not differentiate sqrtm of matrices larger than ${MAX_DIFFERENTIATED}×${MAX_DIFFERENTIATED} yet (its derivative solves an n²×n² system)`, range);
  return decomposition(rt, 'sqrtm', a, [{ rows: n, cols: n, shape: [n, n] }], [s], () => sqrtmRule(new Dm(n, n, s)), site)[0]!;
};

function isSymmetric(a: Float64Array, n: number): boolean {
  const scale = Math.max(...Array.from(a.subarray(0, n * n), Math.abs), Number.MIN_VALUE);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (!(Math.abs(a[i * n + j]! - a[j * n + i]!) <= 1e-13 * scale)) return false;
  return true;
}

/** V·diag(√λ)·Vᵀ; a symmetric matrix with an eigenvalue ≤ 0 has no real principal root. */
function symmetricRoot(a: Float64Array, n: number, range: SourceRange): Float64Array {
  const { w, v } = symmetricEigen(a, n);
  const smallest = Math.min(...w);
  if (!(smallest > 0)) fail('unsupported', 'GradLens does not support sqrtm of a matrix that is not positive definite yet (its smallest eigenvalue is {0}; scipy gives a complex or singular square root)', range, [smallest]);
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += v[i * n + k]! * Math.sqrt(w[k]!) * v[j * n + k]!;
      s[i * n + j] = sum;
      s[j * n + i] = sum;
    }
  }
  return s;
}

/**
 * How far from the closed negative real axis an eigenvalue λ must be: Re √λ (its principal root's
 * real part) above this fraction of √max|λ|. On the axis Re √λ is 0 (a real negative λ, or 0); a
 * defective negative eigenvalue comes out of the QR algorithm as a complex pair about √ε off it,
 * whose Re √λ is about ε^¼·… ≤ 1e-8: refused too, as the root there is as good as complex.
 */
const OFF_THE_AXIS = 1e-7;
const MAX_ITERATIONS = 100;

/** The principal square root of a general real matrix by the scaled Denman–Beavers iteration. */
function generalRoot(a: Float64Array, n: number, range: SourceRange): Float64Array {
  const eig = generalEigen(a, n, false);
  if (eig.failed) fail('unsupported', "GradLens could not find sqrtm's eigenvalues (the QR algorithm did not converge), which say whether a real square root exists", range);
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.hypot(eig.wr[i]!, eig.wi[i]!));
  for (let i = 0; i < n; i++) {
    const re = eig.wr[i]!;
    const im = eig.wi[i]!;
    const rootRe = Math.sqrt((Math.hypot(re, im) + re) / 2);
    if (!(rootRe > OFF_THE_AXIS * Math.sqrt(largest))) {
      fail('unsupported', 'GradLens does not support sqrtm of a matrix with an eigenvalue on the closed negative real axis ({0} + {1}i): its principal square root is complex or singular there (scipy gives a complex one)', range, [re, im]);
    }
  }
  // Y → A^½, Z → A^(−½); each step scaled by |det Y·det Z|^(−1/2n) until the steps are small
  let y = Float64Array.from(a);
  let z = identity(n);
  let scaling = true;
  let last = false;
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    const fy = factorize(Float64Array.from(y), n);
    const fz = factorize(Float64Array.from(z), n);
    if (fy.singular === 'exact' || fz.singular === 'exact') break;
    const mu = scaling ? Math.exp(-(logDeterminant(fy).logAbs + logDeterminant(fz).logAbs) / (2 * n)) : 1;
    const yInverse = solveWith(fy, identity(n), n);
    const zInverse = solveWith(fz, identity(n), n);
    const nextY = y.map((e, i) => 0.5 * (mu * e + zInverse[i]! / mu));
    const nextZ = z.map((e, i) => 0.5 * (mu * e + yInverse[i]! / mu));
    const step = frobenius(nextY.map((e, i) => e - y[i]!)) / frobenius(nextY);
    y = nextY;
    z = nextZ;
    if (last) break;
    if (step < 1e-2) scaling = false;
    // quadratic convergence: after a step below 1e-9 the next one is at rounding, and the last
    last = !scaling && step < 1e-9;
  }
  const square = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) square[i * n + j] = square[i * n + j]! + y[i * n + k]! * y[k * n + j]!;
  const residual = frobenius(square.map((e, i) => e - a[i]!)) / Math.max(frobenius(a), Number.MIN_VALUE);
  if (!(residual < 1e-10)) fail('unsupported', "GradLens's sqrtm did not converge for this matrix (‖S² − A‖/‖A‖ = {0}): it is too close to one without a real square root", range, [residual]);
  return y;
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function frobenius(m: Float64Array): number {
  let largest = 0;
  for (const e of m) largest = Math.max(largest, Math.abs(e));
  if (largest === 0 || !Number.isFinite(largest)) return largest;
  let sum = 0;
  for (const e of m) sum += (e / largest) ** 2;
  return largest * Math.sqrt(sum);
}
