/**
 * LU factorization with partial pivoting, PA = LU, of a square row-major float64 matrix, and the two
 * solves the linear-algebra nodes need: A·X = B and Aᵀ·X = B for k right-hand sides at once. One
 * factorization serves the value (solve, inv, det) and every rule after it, since the rules of
 * X = A⁻¹B are solves with the same A (forward) or with Aᵀ (reverse).
 *
 * Written here rather than taken from a package: the product bundles no numeric library (mathjs is a
 * dev dependency for tests only), and the general ones store matrices as arrays of rows, where these
 * loops run over the engine's own Float64Array buffers with no conversion. Right-hand sides are
 * handled a row at a time, so the innermost loops walk contiguous memory.
 */

export interface LU {
  readonly n: number;
  /** L strictly below the diagonal (its unit diagonal implied), U on and above it; row-major. */
  readonly lu: Float64Array;
  /** Row i of PA is row perm[i] of A. */
  readonly perm: Int32Array;
  /** det(P): +1 or −1. */
  readonly sign: number;
  /**
   * A pivot at or below n·ε·max|A|: singular to working precision (numpy would return numbers
   * dominated by rounding). `exact` when some pivot is 0, i.e. det(A) = 0 in float64.
   */
  readonly singular: false | 'exact' | 'numerical';
}

const EPS = 2.220446049250313e-16;

/** Factorizes `lu` (an n×n copy of A) in place. */
export function factorize(lu: Float64Array, n: number): LU {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let scale = 0;
  for (let i = 0; i < lu.length; i++) scale = Math.max(scale, Math.abs(lu[i]!));
  const tolerance = n * EPS * scale;
  let sign = 1;
  let singular: LU['singular'] = false;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(lu[i * n + k]!) > Math.abs(lu[p * n + k]!)) p = i;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j]!;
        lu[k * n + j] = lu[p * n + j]!;
        lu[p * n + j] = t;
      }
      const t = perm[k]!;
      perm[k] = perm[p]!;
      perm[p] = t;
      sign = -sign;
    }
    const pivot = lu[k * n + k]!;
    if (pivot === 0) {
      // The whole column below is 0 too (the pivot is its largest entry): nothing to eliminate.
      singular = 'exact';
      continue;
    }
    if (Math.abs(pivot) <= tolerance && !singular) singular = 'numerical';
    for (let i = k + 1; i < n; i++) {
      const l = lu[i * n + k]! / pivot;
      lu[i * n + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j] = lu[i * n + j]! - l * lu[k * n + j]!;
    }
  }
  return { n, lu, perm, sign, singular };
}

/** det(A) = det(P)·Π uᵢᵢ. */
export function determinant(f: LU): number {
  let d = f.sign;
  for (let i = 0; i < f.n; i++) d *= f.lu[i * f.n + i]!;
  return d;
}

/** sign(det A) and log|det A|, summed as logs so that large matrices do not overflow the product. */
export function logDeterminant(f: LU): { sign: number; logAbs: number } {
  let sign = f.sign;
  let logAbs = 0;
  for (let i = 0; i < f.n; i++) {
    const u = f.lu[i * f.n + i]!;
    sign *= Math.sign(u);
    logAbs += Math.log(Math.abs(u));
  }
  return { sign, logAbs };
}

/** X (n×k) = A⁻¹·B, B n×k row-major. The factorization must not be singular. */
export function solveWith(f: LU, B: Float64Array, k: number, out: Float64Array = new Float64Array(f.n * k)): Float64Array {
  const { n, perm } = f;
  for (let i = 0; i < n; i++) out.set(B.subarray(perm[i]! * k, perm[i]! * k + k), i * k);
  // L·Y = P·B, then U·X = Y
  substitute(f, out, k, true, false, true);
  substitute(f, out, k, false, false, false);
  return out;
}

/** X (n×k) = A⁻ᵀ·B: Aᵀ = Uᵀ·Lᵀ·P, so Uᵀ·Z = B, Lᵀ·W = Z, X = Pᵀ·W. */
export function solveTransposedWith(f: LU, B: Float64Array, k: number): Float64Array {
  const { n, perm } = f;
  const w = Float64Array.from(B);
  substitute(f, w, k, true, true, false);
  substitute(f, w, k, false, true, true);
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) out.set(w.subarray(i * k, i * k + k), perm[i]! * k);
  return out;
}

/**
 * One triangle of the factorization solved in place, for k right-hand sides held as the rows of x.
 * Rows go in order (`down`, a lower triangle) or in reverse (an upper one); row i subtracts
 * T(i, j)·(row j) for each row j already solved, then divides by T(i, i) unless the diagonal is L's
 * implied 1. T(i, j) is the stored factor, or read across (`transposed`) for Uᵀ and Lᵀ. Whole rows
 * at a time, so the innermost loop walks contiguous memory.
 */
function substitute(f: LU, x: Float64Array, k: number, down: boolean, transposed: boolean, unit: boolean): void {
  const { n, lu } = f;
  const rs = transposed ? 1 : n;
  const cs = transposed ? n : 1;
  for (let s = 0; s < n; s++) {
    const i = down ? s : n - 1 - s;
    const oi = i * k;
    const end = down ? i : n;
    for (let j = down ? 0 : i + 1; j < end; j++) {
      const t = lu[i * rs + j * cs]!;
      if (t === 0) continue;
      const oj = j * k;
      for (let c = 0; c < k; c++) x[oi + c] = x[oi + c]! - t * x[oj + c]!;
    }
    if (unit) continue;
    const d = lu[i * n + i]!;
    for (let c = 0; c < k; c++) x[oi + c] = x[oi + c]! / d;
  }
}
