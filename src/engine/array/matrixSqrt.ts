import { fail } from '../../core/diagnostic';
import { arr, bind, given, type Impl } from './args';
import { decomposition } from './decompositionNode';
import type { DecompositionRule } from './decompositionRules';
import { Dm, inverse, mm } from './dualMatrix';
import { symmetricEigen } from './factorizations';
import { formatShape } from './ndarray';

/**
 * scipy.linalg.sqrtm of a symmetric positive definite matrix: S = V·diag(√λ)·Vᵀ from its eigen-
 * decomposition, the principal square root scipy's Schur method gives there. Its derivative is the
 * solution of the Sylvester equation S·Ṡ + Ṡ·S = Ȧ, for any direction Ȧ (symmetric or not: the
 * square root is analytic wherever the spectrum is positive), and the reverse rule solves the
 * transposed equation Sᵀ·Ā + Ā·Sᵀ = S̄. Both are one dense solve with K = S ⊗ I + I ⊗ Sᵀ over
 * dual matrices (dualMatrix.ts), so the node's curvature is its reverse rule run with tangents —
 * the decompositions' node (decompositionNode.ts). K is n²×n²: derivatives are taken up to
 * MAX_DIFFERENTIATED. Other matrices (not symmetric, not positive definite, where scipy's square
 * root is complex or singular) are refused.
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
  const scale = Math.max(...Array.from(a.data, Math.abs), Number.MIN_VALUE);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!(Math.abs(a.data[i * n + j]! - a.data[j * n + i]!) <= 1e-13 * scale)) fail('unsupported', 'GradLens does not support sqrtm of a non-symmetric matrix yet (it takes symmetric positive definite ones)', range);
    }
  }
  const { w, v } = symmetricEigen(a.data.subarray(0, n * n), n);
  const smallest = Math.min(...w);
  if (!(smallest > 0)) fail('unsupported', 'GradLens does not support sqrtm of a matrix that is not positive definite yet (its smallest eigenvalue is {0}; scipy gives a complex or singular square root)', range, [smallest]);
  if (a.row >= 0 && n > MAX_DIFFERENTIATED) fail('unsupported', `GradLens does not differentiate sqrtm of matrices larger than ${MAX_DIFFERENTIATED}×${MAX_DIFFERENTIATED} yet (its derivative solves an n²×n² system)`, range);
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += v[i * n + k]! * Math.sqrt(w[k]!) * v[j * n + k]!;
      s[i * n + j] = sum;
      s[j * n + i] = sum;
    }
  }
  return decomposition(rt, 'sqrtm', a, [{ rows: n, cols: n, shape: [n, n] }], [s], () => sqrtmRule(new Dm(n, n, s)), site)[0]!;
};
