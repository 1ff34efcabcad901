/**
 * The values of numpy.linalg's decompositions of one small dense matrix (row-major), by methods
 * chosen for accuracy over speed — the matrices of user code are small:
 * - Cholesky: the textbook column algorithm (LAPACK potrf's), reading the lower triangle as numpy does;
 * - symmetric eigenproblem: cyclic Jacobi rotations (Golub & Van Loan §8.5), accurate to a few ulps
 *   of the norm; ascending eigenvalues, as LAPACK's syevd returns them;
 * - SVD: one-sided Jacobi (Hestenes; Demmel & Veselić), with high relative accuracy; descending;
 * - QR: Householder reflections with LAPACK's sign convention (dlarfg: R's diagonal entry takes
 *   the opposite sign of the column's leading entry), so Q and R come out as numpy's do.
 * Eigenvectors and singular vectors are defined up to sign; GradLens's signs need not be numpy's.
 */

const EPS = 2.220446049250313e-16;

/** L with A = LLᵀ from A's lower triangle, or the first pivot that is not positive. */
export function cholesky(a: Float64Array, n: number): { l: Float64Array } | { failedAt: number } {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let p = 0; p < j; p++) d -= l[j * n + p]! * l[j * n + p]!;
    if (!(d > 0)) return { failedAt: j };
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let p = 0; p < j; p++) s -= l[i * n + p]! * l[j * n + p]!;
      l[i * n + j] = s / ljj;
    }
  }
  return { l };
}

/** Eigenvalues (ascending) and eigenvectors (columns of V) of the symmetric matrix A's lower triangle reads. */
export function symmetricEigen(a: Float64Array, n: number): { w: Float64Array; v: Float64Array } {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) m[i * n + j] = m[j * n + i] = a[i * n + j]!;
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        total += m[i * n + j]! ** 2;
        if (i !== j) off += m[i * n + j]! ** 2;
      }
    }
    if (off <= (EPS * EPS * total) / 4 || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (apq === 0) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // M ← JᵀMJ with the rotation J in the (p, q) plane; V ← VJ
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = [...Array(n).keys()].sort((i, j) => m[i * n + i]! - m[j * n + j]!);
  const w = Float64Array.from(order, (i) => m[i * n + i]!);
  const sorted = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) sorted[k * n + to] = v[k * n + from]!;
  });
  return { w, v: sorted };
}

/**
 * The thin SVD of a tall A (m ≥ n): A = U·diag(s)·Vᵀ with U m×n, s descending, V n×n. Columns of U
 * for zero singular values are completed to an orthonormal set.
 */
export function thinSvd(a: Float64Array, m: number, n: number): { u: Float64Array; s: Float64Array; v: Float64Array } {
  const u = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const column = (x: Float64Array, rows: number, cols: number, p: number, q: number): [number, number, number] => {
    let alpha = 0;
    let beta = 0;
    let gamma = 0;
    for (let k = 0; k < rows; k++) {
      const xp = x[k * cols + p]!;
      const xq = x[k * cols + q]!;
      alpha += xp * xp;
      beta += xq * xq;
      gamma += xp * xq;
    }
    return [alpha, beta, gamma];
  };
  const rotate = (x: Float64Array, rows: number, cols: number, p: number, q: number, c: number, s: number): void => {
    for (let k = 0; k < rows; k++) {
      const xp = x[k * cols + p]!;
      const xq = x[k * cols + q]!;
      x[k * cols + p] = c * xp - s * xq;
      x[k * cols + q] = s * xp + c * xq;
    }
  };
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const [alpha, beta, gamma] = column(u, m, n, p, q);
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        rotate(u, m, n, p, q, c, c * t);
        rotate(v, n, n, p, q, c, c * t);
      }
    }
    if (!rotated) break;
  }
  const norms = Array.from({ length: n }, (_, j) => Math.sqrt(column(u, m, n, j, j)[0]));
  const order = [...Array(n).keys()].sort((i, j) => norms[j]! - norms[i]!);
  const s = Float64Array.from(order, (j) => norms[j]!);
  const uOut = new Float64Array(m * n);
  const vOut = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < m; k++) uOut[k * n + to] = norms[from]! > 0 ? u[k * n + from]! / norms[from]! : 0;
    for (let k = 0; k < n; k++) vOut[k * n + to] = v[k * n + from]!;
  });
  completeColumns(uOut, m, n, s);
  return { u: uOut, s, v: vOut };
}

/** Replaces the columns of U whose singular value is (numerically) 0 by unit vectors orthogonal to the rest. */
function completeColumns(u: Float64Array, m: number, n: number, s: Float64Array): void {
  const tiny = Math.max(m, n) * EPS * (s[0] ?? 0);
  let candidate = 0;
  for (let j = 0; j < n; j++) {
    if (s[j]! > tiny && s[j]! > 0) continue;
    for (; candidate < m; candidate++) {
      const x = new Float64Array(m);
      x[candidate] = 1;
      for (let pass = 0; pass < 2; pass++) {
        for (let c = 0; c < n; c++) {
          if (c === j || (c > j && !(s[c]! > tiny))) continue;
          let d = 0;
          for (let k = 0; k < m; k++) d += u[k * n + c]! * x[k]!;
          for (let k = 0; k < m; k++) x[k] = x[k]! - d * u[k * n + c]!;
        }
      }
      const norm = Math.sqrt(x.reduce((acc, y) => acc + y * y, 0));
      if (norm < 0.5) continue;
      for (let k = 0; k < m; k++) u[k * n + j] = x[k]! / norm;
      candidate++;
      break;
    }
  }
}

/** Householder QR, numpy's mode='reduced': Q m×k, R k×n with k = min(m, n); `complete`: Q m×m (LAPACK's orgqr over all m columns). */
export function householderQr(a: Float64Array, m: number, n: number, complete = false): { q: Float64Array; r: Float64Array } {
  const k = Math.min(m, n);
  const r = Float64Array.from(a);
  const reflectors: { v: Float64Array; tau: number }[] = [];
  for (let j = 0; j < k; j++) {
    const alpha = r[j * n + j]!;
    let xnorm = 0;
    for (let i = j + 1; i < m; i++) xnorm = Math.hypot(xnorm, r[i * n + j]!);
    const v = new Float64Array(m - j);
    v[0] = 1;
    if (xnorm === 0) {
      reflectors.push({ v, tau: 0 });
      continue;
    }
    // dlarfg: β = −sign(α)·‖(α, x)‖, v = (1, x/(α − β)), τ = (β − α)/β
    const beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, xnorm);
    for (let i = j + 1; i < m; i++) v[i - j] = r[i * n + j]! / (alpha - beta);
    const tau = (beta - alpha) / beta;
    reflectors.push({ v, tau });
    applyReflector(r, n, j, m, j, n, v, tau);
    r[j * n + j] = beta;
    for (let i = j + 1; i < m; i++) r[i * n + j] = 0;
  }
  // Q = H₀H₁…H₍ₖ₋₁₎ applied to the first k columns of the identity, last reflector first
  const qc = complete ? m : k;
  const q = new Float64Array(m * qc);
  for (let i = 0; i < qc; i++) q[i * qc + i] = 1;
  for (let j = k - 1; j >= 0; j--) applyReflector(q, qc, j, m, 0, qc, reflectors[j]!.v, reflectors[j]!.tau);
  const rOut = new Float64Array(k * n);
  for (let i = 0; i < k; i++) for (let c = i; c < n; c++) rOut[i * n + c] = r[i * n + c]!;
  return { q, r: rOut };
}

/** Rows from..to−1 and columns c0..c1−1 of X (row length `cols`) ← (I − τvvᵀ)·X. */
function applyReflector(x: Float64Array, cols: number, from: number, to: number, c0: number, c1: number, v: Float64Array, tau: number): void {
  if (tau === 0) return;
  for (let c = c0; c < c1; c++) {
    let d = 0;
    for (let i = from; i < to; i++) d += v[i - from]! * x[i * cols + c]!;
    d *= tau;
    for (let i = from; i < to; i++) x[i * cols + c] = x[i * cols + c]! - d * v[i - from]!;
  }
}
