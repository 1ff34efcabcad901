import { fail } from '../../core/diagnostic';
import type { Phrase } from '../../core/diagnosticText';
import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, type Value } from '../interpreter/values';
import { arr, bind, given, num, type Impl } from './args';
import { decomposition, type Part } from './decompositionNode';
import { choleskyRule, eigRule, eighRule, qrRule, tallSvdRule, wideQrRule, wideSvdRule } from './decompositionRules';
import { Dm } from './dualMatrix';
import { cholesky as choleskyValue, householderQr, symmetricEigen, thinSvd } from './factorizations';
import { ArrayValue, formatShape } from './ndarray';
import { constant } from './record';
import { perMatrix } from './stacks';
import { completed } from './completions';
import { concatenate, transpose } from './shape';
import { generalEigen, MAX_ORDER } from './nonsymmetricEigen';

/**
 * numpy.linalg's decompositions — cholesky, eigh, svd, qr — of a matrix or a stack of matrices, each
 * matrix one node (decompositionNode.ts) with the rules of decompositionRules.ts. Where a derivative
 * does not exist or cannot be trusted — repeated eigenvalues or singular values (the vectors are not
 * determined), a zero singular value, a rank-deficient R — recording one is refused, naming the
 * reason; the values alone (no parameter flows in) are still given.
 */

/** Gaps below this fraction of the spectrum's scale count as repeated. */
const DEGENERATE = 1e-8;
const EPS = 2.220446049250313e-16;

const tracked = (rt: Runtime, a: ArrayValue): boolean => a.row >= 0 && rt.tape !== null && rt.tape !== undefined;

function square(rt: Runtime, a: ArrayValue, what: string, site: number): number {
  if (a.ndim < 2 || a.shape[a.ndim - 1] !== a.shape[a.ndim - 2]) fail('shape', `${what} needs square matrices in the last two axes, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
  return a.shape[a.ndim - 1]!;
}

function atLeast2d(rt: Runtime, a: ArrayValue, what: string, site: number): void {
  if (a.ndim < 2) fail('shape', `${what} needs a matrix (2 or more dimensions), got shape ${formatShape(a.shape)}`, rt.sites[site]!);
}

/** `… is 0`, or `… is nearly 0 ({0})` with the value. */
export function nearlyZero(head: string, x: number): Phrase {
  return x === 0 ? { text: `${head} 0`, values: [] } : { text: `${head} nearly 0 ({0})`, values: [x] };
}

/** The closest two values of a sorted list, as a message when they are closer than DEGENERATE allows. */
function repeated(values: Float64Array, what: string): Phrase | undefined {
  const scale = Math.max(...Array.from(values, Math.abs), Number.MIN_VALUE);
  for (let i = 1; i < values.length; i++) {
    if (Math.abs(values[i]! - values[i - 1]!) <= DEGENERATE * scale) {
      return { text: `${what} ${i - 1} and ${i} are equal or nearly so ({0}, {1})`, values: [values[i - 1]!, values[i]!] };
    }
  }
  return undefined;
}

function choleskyOf(rt: Runtime, a: ArrayValue, site: number): ArrayValue[] {
  const n = a.shape[0]!;
  const result = choleskyValue(a.data.subarray(0, n * n), n);
  if ('failedAt' in result) return fail('domain', `np.linalg.cholesky: the matrix is not positive definite (pivot ${result.failedAt} is not positive)`, rt.sites[site]!);
  return decomposition(rt, 'cholesky', a, [{ rows: n, cols: n, shape: [n, n] }], [result.l], () => choleskyRule(new Dm(n, n, result.l)), site);
}

/** `valuesOnly`: for eigvalsh, whose sorted eigenvalues have a kink (not undetermined vectors) where two meet. */
function eighOf(rt: Runtime, a: ArrayValue, site: number, valuesOnly = false): ArrayValue[] {
  const n = a.shape[0]!;
  const { w, v } = symmetricEigen(a.data.subarray(0, n * n), n);
  if (tracked(rt, a)) {
    const why = repeated(w, 'eigenvalues');
    const consequence = valuesOnly ? 'the sorted eigenvalues cross there and have no derivative' : 'the eigenvectors, and so the derivative, are not determined there';
    if (why) fail('domain', `np.linalg.${valuesOnly ? 'eigvalsh' : 'eigh'}: ${why.text}: ${consequence}; GradLens refuses it`, rt.sites[site]!, why.values);
  }
  const parts: Part[] = [{ rows: 1, cols: n, shape: [n] }, { rows: n, cols: n, shape: [n, n] }];
  return decomposition(rt, 'eigh', a, parts, [w, v], () => eighRule(new Dm(1, n, w), new Dm(n, n, v)), site);
}

/** Two eigenvalues (in any order) closer than DEGENERATE allows, as a message. */
function repeatedAnywhere(values: Float64Array): Phrase | undefined {
  const scale = Math.max(...Array.from(values, Math.abs), Number.MIN_VALUE);
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      if (Math.abs(values[i]! - values[j]!) <= DEGENERATE * scale) return { text: `eigenvalues ${i} and ${j} are equal or nearly so ({0}, {1})`, values: [values[i]!, values[j]!] };
    }
  }
  return undefined;
}

/**
 * numpy.linalg.eig (and eigvals: its first output) of a general square matrix: eigenvalues in
 * LAPACK's order, eigenvectors of unit norm (nonsymmetricEigen.ts). Complex eigenvalues are refused
 * (GradLens computes in real numbers), and so are derivatives at repeated eigenvalues.
 */
function eigOf(rt: Runtime, a: ArrayValue, site: number, what: 'eig' | 'eigvals'): ArrayValue[] {
  const n = a.shape[0]!;
  const range = rt.sites[site]!;
  if (n > MAX_ORDER) fail('unsupported', `GradLens does not support np.linalg.${what} of a matrix larger than ${MAX_ORDER}×${MAX_ORDER} yet: numpy's LAPACK uses another QR algorithm there, and GradLens would not give its order of eigenvalues`, range);
  const r = generalEigen(a.data.subarray(0, n * n), n, true);
  if (r.failed) fail('domain', `np.linalg.${what}: the QR algorithm did not converge (numpy raises LinAlgError: Eigenvalues did not converge)`, range);
  const k = r.wi.findIndex((x) => x !== 0);
  if (k >= 0) {
    fail('unsupported', `np.linalg.${what}: the matrix has complex eigenvalues ({0} ± {1}i); GradLens computes in real numbers and does not support complex results yet`, range, [r.wr[k]!, Math.abs(r.wi[k]!)]);
  }
  if (tracked(rt, a)) {
    const why = repeatedAnywhere(r.wr);
    const consequence = what === 'eig' ? 'the eigenvectors, and so the derivative, are not determined there' : 'the eigenvalues have no derivative there';
    if (why) fail('domain', `np.linalg.${what}: ${why.text}: ${consequence}; GradLens refuses it`, range, why.values);
  }
  const parts: Part[] = [{ rows: 1, cols: n, shape: [n] }, { rows: n, cols: n, shape: [n, n] }];
  return decomposition(rt, 'eig', a, parts, [r.wr, r.v!], () => eigRule(new Dm(1, n, r.wr), new Dm(n, n, r.v!)), site);
}

/** The thin SVD (U m×k, s k, Vᵀ k×n with k = min(m, n)) of a 2-D matrix. */
export function svdOf(rt: Runtime, a: ArrayValue, site: number, what: string): ArrayValue[] {
  const [m, n] = [a.shape[0]!, a.shape[1]!];
  const k = Math.min(m, n);
  const { u, s, vt } = svdValues(a.data.subarray(0, m * n), m, n);
  if (tracked(rt, a)) {
    const why = singularValueProblem(s);
    if (why) fail('domain', `${what}: ${why.text}: the singular vectors, and so the derivative, are not determined there; GradLens refuses it`, rt.sites[site]!, why.values);
  }
  const parts: Part[] = [{ rows: m, cols: k, shape: [m, k] }, { rows: 1, cols: k, shape: [k] }, { rows: k, cols: n, shape: [k, n] }];
  const rule = (): ReturnType<typeof tallSvdRule> => (m >= n ? tallSvdRule : wideSvdRule)(new Dm(m, k, u), new Dm(1, k, s), new Dm(k, n, vt));
  return decomposition(rt, 'svd', a, parts, [u, s, vt], rule, site);
}

/** The thin SVD's values of an m×n matrix (row-major): U m×k, s k (descending), Vᵀ k×n. */
export function svdValues(data: Float64Array, m: number, n: number): { u: Float64Array; s: Float64Array; vt: Float64Array } {
  if (m >= n) {
    const r = thinSvd(data, m, n);
    return { u: r.u, s: r.s, vt: transposed(r.v, n, n) };
  }
  // A = (Aᵀ)ᵀ = V_B·S·U_Bᵀ
  const r = thinSvd(transposed(data, m, n), n, m);
  return { u: r.v, s: r.s, vt: transposed(r.u, n, m) };
}

/** Why the SVD has no derivative at these singular values (descending), if it has none. */
export function singularValueProblem(s: Float64Array): Phrase | undefined {
  const k = s.length;
  if (k === 0) return undefined;
  const ascending = Float64Array.from(s).reverse();
  return repeated(ascending, 'singular values') ?? (s[k - 1]! <= DEGENERATE * s[0]! ? nearlyZero('the smallest singular value is', s[k - 1]!) : undefined);
}

function transposed(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j]!;
  return out;
}

export function qrOf(rt: Runtime, a: ArrayValue, site: number): ArrayValue[] {
  const [m, n] = [a.shape[0]!, a.shape[1]!];
  const k = Math.min(m, n);
  const { q, r } = householderQr(a.data.subarray(0, m * n), m, n);
  if (tracked(rt, a)) {
    const diagonal = Array.from({ length: k }, (_, i) => Math.abs(r[i * n + i]!));
    if (Math.min(...diagonal) <= DEGENERATE * Math.max(...diagonal)) fail('domain', 'np.linalg.qr: the matrix does not have full rank (R has a zero on its diagonal): Q, and so the derivative, are not determined there; GradLens refuses it', rt.sites[site]!);
  }
  const parts: Part[] = [{ rows: m, cols: k, shape: [m, k] }, { rows: k, cols: n, shape: [k, n] }];
  return decomposition(rt, 'qr', a, parts, [q, r], () => (m >= n ? qrRule : wideQrRule)(new Dm(m, k, q), new Dm(k, n, r)), site);
}

/**
 * The full SVD (U m×m, s, Vᵀ n×n) of a non-square matrix: the thin one, with U's (tall) or Vᵀ's
 * (wide) completion to an orthogonal matrix from Householder QR (completions.ts: no derivative).
 */
function fullSvdOf(rt: Runtime, a: ArrayValue, site: number): ArrayValue[] {
  const [m, n] = [a.shape[0]!, a.shape[1]!];
  const k = Math.min(m, n);
  const [u, s, vt] = svdOf(rt, a, site, 'np.linalg.svd');
  const what = 'np.linalg.svd(full_matrices=True)';
  if (m > n) return [completed(rt, a, u!, completion(u!.data, m, k), [m, m - k], 1, what, site), s!, vt!];
  const rows = transposed(completion(transposed(vt!.data, k, n), n, k), n, n - k);
  return [u!, s!, completed(rt, a, vt!, rows, [n - k, n], 0, what, site)];
}

/** Columns that complete the orthonormal columns of `basis` (rows×k) to an orthogonal matrix: rows×(rows − k). */
function completion(basis: Float64Array, rows: number, k: number): Float64Array {
  // the Q of [basis | I] spans the basis first, and its last rows − k columns are orthogonal to it
  const joined = new Float64Array(rows * (k + rows));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < k; j++) joined[i * (k + rows) + j] = basis[i * k + j]!;
    joined[i * (k + rows) + k + i] = 1;
  }
  const q = householderQr(joined, rows, k + rows).q;
  const extra = new Float64Array(rows * (rows - k));
  for (let i = 0; i < rows; i++) for (let j = k; j < rows; j++) extra[i * (rows - k) + j - k] = q[i * rows + j]!;
  return extra;
}

/** A tall matrix's complete QR (Q m×m, R m×n): Householder's Q over the whole identity, R with zero rows below. */
function completeQrOf(rt: Runtime, a: ArrayValue, site: number): ArrayValue[] {
  const [m, n] = [a.shape[0]!, a.shape[1]!];
  const [q, r] = qrOf(rt, a, site);
  const full = householderQr(a.data.subarray(0, m * n), m, n, true).q;
  const extra = new Float64Array(m * (m - n));
  for (let i = 0; i < m; i++) for (let j = n; j < m; j++) extra[i * (m - n) + j - n] = full[i * m + j]!;
  const rFull = concatenate(rt, [r!, constant([m - n, n], new Float64Array((m - n) * n))], 0, site);
  return [completed(rt, a, q!, extra, [m, m - n], 1, "np.linalg.qr(mode='complete')", site), rFull];
}

/** A stack's singular values (shape lead + (k,)): what norm's 2, −2 and 'nuc' and lstsq read. */
export function singularValues(rt: Runtime, a: ArrayValue, site: number, what: string): ArrayValue {
  return perMatrix(rt, a, site, (m) => [svdOf(rt, m, site, what)[1]!])[0]!;
}

/**
 * eigh's and eigvalsh's UPLO=: numpy's LAPACK reads the lower triangle ('L', the default, what
 * eighOf reads) or the upper one ('U'), which is the lower triangle of the transpose (a gather, so
 * derivatives in any direction stay numpy's). Anything else is numpy's ValueError.
 */
function triangleRead(rt: Runtime, fn: string, uplo: Value | undefined, site: number): (m: ArrayValue) => ArrayValue {
  if (!given(uplo) || uplo === 'L') return (m) => m;
  if (uplo !== 'U') fail('type', `ValueError: ${fn}'s UPLO argument must be 'L' or 'U'`, rt.sites[site]!);
  return (m) => transpose(rt, m, [1, 0], site);
}

export const DECOMPOSITION_IMPLEMENTATIONS = {
  cholesky: (rt, args, kw, site) => {
    const b = bind(rt, 'cholesky', ['a', 'upper'], args, kw, site);
    if (given(b.upper) && b.upper !== false) fail('unsupported', "GradLens does not support cholesky's upper=True yet", rt.sites[site]!);
    const a = arr(rt, b.a!, site, 'np.linalg.cholesky');
    square(rt, a, 'np.linalg.cholesky', site);
    return perMatrix(rt, a, site, (m) => choleskyOf(rt, m, site))[0]!;
  },
  eigh: (rt, args, kw, site) => {
    const b = bind(rt, 'eigh', ['a', 'UPLO'], args, kw, site);
    const a = arr(rt, b.a!, site, 'np.linalg.eigh');
    square(rt, a, 'np.linalg.eigh', site);
    const read = triangleRead(rt, 'eigh', b.UPLO, site);
    return new SequenceValue(perMatrix(rt, a, site, (m) => eighOf(rt, read(m), site)), true);
  },
  eigvalsh: (rt, args, kw, site) => {
    const b = bind(rt, 'eigvalsh', ['a', 'UPLO'], args, kw, site);
    const a = arr(rt, b.a!, site, 'np.linalg.eigvalsh');
    square(rt, a, 'np.linalg.eigvalsh', site);
    const read = triangleRead(rt, 'eigvalsh', b.UPLO, site);
    return perMatrix(rt, a, site, (m) => [eighOf(rt, read(m), site, true)[0]!])[0]!;
  },
  eig: (rt, args, kw, site) => {
    const a = arr(rt, bind(rt, 'eig', ['a'], args, kw, site).a!, site, 'np.linalg.eig');
    square(rt, a, 'np.linalg.eig', site);
    return new SequenceValue(perMatrix(rt, a, site, (m) => eigOf(rt, m, site, 'eig')), true);
  },
  eigvals: (rt, args, kw, site) => {
    const a = arr(rt, bind(rt, 'eigvals', ['a'], args, kw, site).a!, site, 'np.linalg.eigvals');
    square(rt, a, 'np.linalg.eigvals', site);
    return perMatrix(rt, a, site, (m) => [eigOf(rt, m, site, 'eigvals')[0]!])[0]!;
  },
  matrix_rank: (rt, args, kw, site) => {
    // numpy's rule: the singular values above tol = max(s)·max(m, n)·eps count; an integer, so no derivative
    const b = bind(rt, 'matrix_rank', ['A', 'tol', 'hermitian'], args, kw, site);
    if (given(b.hermitian) && b.hermitian !== false) fail('unsupported', "GradLens does not support matrix_rank's hermitian=True yet", rt.sites[site]!);
    const a = arr(rt, b.A!, site, 'np.linalg.matrix_rank');
    if (a.ndim < 2) return a.data.some((x) => x !== 0) ? 1 : 0;
    const [m, n] = a.shape.slice(-2) as [number, number];
    const tol = given(b.tol) ? num(rt, b.tol, site, 'tol') : undefined;
    const ranks = Float64Array.from({ length: a.size / (m * n) }, (_, i) => {
      const { s } = svdValues(a.data.subarray(i * m * n, (i + 1) * m * n), m, n);
      const cut = tol ?? (s[0] ?? 0) * Math.max(m, n) * EPS;
      return s.filter((x) => x > cut).length;
    });
    return a.ndim === 2 ? ranks[0]! : constant(a.shape.slice(0, -2), ranks, 'int');
  },
  svd: (rt, args, kw, site) => {
    const b = bind(rt, 'svd', ['a', 'full_matrices', 'compute_uv', 'hermitian'], args, kw, site);
    if (given(b.hermitian) && b.hermitian !== false) fail('unsupported', "GradLens does not support svd's hermitian=True yet", rt.sites[site]!);
    const a = arr(rt, b.a!, site, 'np.linalg.svd');
    atLeast2d(rt, a, 'np.linalg.svd', site);
    if (given(b.compute_uv) && b.compute_uv === false) return singularValues(rt, a, site, 'np.linalg.svd');
    const [m, n] = a.shape.slice(-2) as [number, number];
    if (m !== n && b.full_matrices !== false) {
      return new SequenceValue(perMatrix(rt, a, site, (mat) => fullSvdOf(rt, mat, site)), true);
    }
    return new SequenceValue(perMatrix(rt, a, site, (mat) => svdOf(rt, mat, site, 'np.linalg.svd')), true);
  },
  qr: (rt, args, kw, site) => {
    const b = bind(rt, 'qr', ['a', 'mode'], args, kw, site);
    const mode = given(b.mode) ? b.mode : 'reduced';
    const a = arr(rt, b.a!, site, 'np.linalg.qr');
    atLeast2d(rt, a, 'np.linalg.qr', site);
    const [m, n] = a.shape.slice(-2) as [number, number];
    // 'complete' differs from 'reduced' only for a tall matrix (Q's extra columns)
    const tallComplete = mode === 'complete' && m > n;
    if (!(mode === 'reduced' || mode === 'r' || mode === 'complete')) fail('unsupported', `GradLens does not support qr's mode=${typeof mode === 'string' ? `'${mode}'` : String(mode)} yet (supported: 'reduced', 'complete', 'r')`, rt.sites[site]!);
    if (tallComplete) return new SequenceValue(perMatrix(rt, a, site, (mat) => completeQrOf(rt, mat, site)), true);
    const [q, r] = perMatrix(rt, a, site, (mat) => qrOf(rt, mat, site));
    return mode === 'r' ? r! : new SequenceValue([q!, r!], true);
  },
} satisfies Record<string, Impl>;
