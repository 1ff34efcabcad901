/**
 * Eigenvalues (and right eigenvectors) of a general real matrix, by the algorithm of LAPACK's dgeev,
 * which numpy.linalg.eig and eigvals call — so the eigenvalues come out in numpy's order, which is
 * no sorted order but the order in which the QR algorithm leaves them on the diagonal:
 *   1. balancing (dgebal, job 'B'): rows and columns that isolate an eigenvalue are permuted to the
 *      ends, then a diagonal similarity by powers of 2 evens out row and column norms;
 *   2. Householder reduction to upper Hessenberg form (dgehd2), with LAPACK's reflector convention
 *      (dlarfg: β = −sign(α)·‖(α, x)‖);
 *   3. the double-shift QR algorithm (dlahqr): Francis shifts, the Ahues–Tisseur deflation test,
 *      exceptional shifts after 10 and 20 iterations without a deflation, and each 2×2 block put in
 *      standard form (dlanv2), which splits a block with real eigenvalues in LAPACK's order;
 *   4. for the vectors, back substitution in the triangular Schur form (dtrevc), the Schur vectors
 *      applied, the balancing undone (dgebak), and each vector scaled to unit 2-norm.
 * The code is ours, written from the published algorithms (Golub & Van Loan §7.4–7.5; the LAPACK
 * Users' Guide) to make the same choices LAPACK makes; test/unit/engine/eig.test.ts holds it to
 * numpy's order and vectors. Above MAX_ORDER numpy's LAPACK switches to another QR variant (dlaqr0,
 * aggressive early deflation) whose order this does not reproduce: the caller refuses those.
 *
 * Matrices are row-major n×n; `h(i, j)` indices are 0-based.
 */

/** dhseqr hands matrices from this order up to dlaqr0 (ilaenv's NMIN = 75). */
export const MAX_ORDER = 74;

const SAFE_MIN = 2.2250738585072014e-308;
/** dlamch('P'): ε·base, 2⁻⁵². */
const ULP = 2.220446049250313e-16;
const RADIX = 2;
const FACTOR = 0.95;
/** Exceptional shifts every KEXSH iterations without a deflation. */
const KEXSH = 10;
const DAT1 = 0.75;
const DAT2 = -0.4375;

export interface GeneralEigen {
  /** Real and imaginary parts, in LAPACK's order; a complex pair is (re, +im) then (re, −im). */
  readonly wr: Float64Array;
  readonly wi: Float64Array;
  /** Right eigenvectors as columns (row-major n×n), unit 2-norm; only when asked for and all eigenvalues are real. */
  readonly v: Float64Array | null;
  /** The QR algorithm did not converge (LAPACK's info > 0). */
  readonly failed: boolean;
}

const sign = (a: number, b: number): number => (b >= 0 && !Object.is(b, -0) ? Math.abs(a) : -Math.abs(a));

export function generalEigen(input: Float64Array, n: number, wantVectors: boolean): GeneralEigen {
  const a = Float64Array.from(input);
  const at = (i: number, j: number): number => a[i * n + j]!;
  const { lo, hi, scale } = balance(a, n);
  const reflectors = hessenberg(a, n, lo, hi);
  // Z: the Hessenberg reduction's orthogonal matrix, updated by the QR steps when vectors are wanted
  const z = wantVectors ? orthogonalOf(reflectors, n) : null;
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  for (let i = 0; i < n; i++) if (i < lo || i > hi) wr[i] = at(i, i);
  const failed = !qrAlgorithm(a, n, lo, hi, wr, wi, z);
  if (!z || failed || wi.some((x) => x !== 0)) return { wr, wi, v: null, failed };
  const v = eigenvectorsOfSchur(a, n, wr, z);
  undoBalance(v, n, lo, hi, scale);
  for (let c = 0; c < n; c++) {
    let norm = 0;
    for (let r = 0; r < n; r++) norm = Math.hypot(norm, v[r * n + c]!);
    for (let r = 0; r < n; r++) v[r * n + c] = v[r * n + c]! / norm;
  }
  return { wr, wi, v, failed };
}

/**
 * dgebal with job 'B', in place. Returns the active block lo..hi and `scale`: for i outside it, the
 * index row/column i was swapped with; inside it, the scaling factor.
 */
function balance(a: Float64Array, n: number): { lo: number; hi: number; scale: Float64Array } {
  const scale = new Float64Array(n);
  let k = 0;
  let l = n - 1;
  const swap = (j: number, m: number): void => {
    if (j === m) return;
    for (let r = 0; r <= l; r++) [a[r * n + j], a[r * n + m]] = [a[r * n + m]!, a[r * n + j]!];
    for (let c = k; c < n; c++) [a[j * n + c], a[m * n + c]] = [a[m * n + c]!, a[j * n + c]!];
  };
  // rows whose off-diagonal entries (in columns 0..l) are all zero isolate an eigenvalue: to the bottom
  let searching = n > 0;
  while (searching) {
    searching = false;
    for (let j = l; j >= 0; j--) {
      let isolated = true;
      for (let i = 0; i <= l && isolated; i++) if (i !== j && a[j * n + i] !== 0) isolated = false;
      if (!isolated) continue;
      scale[l] = j;
      swap(j, l);
      if (l === 0) return { lo: 0, hi: 0, scale };
      l--;
      searching = true;
      break;
    }
  }
  // columns whose off-diagonal entries (in rows k..l) are all zero: to the left
  searching = true;
  while (searching) {
    searching = false;
    for (let j = k; j <= l; j++) {
      let isolated = true;
      for (let i = k; i <= l && isolated; i++) if (i !== j && a[i * n + j] !== 0) isolated = false;
      if (!isolated) continue;
      scale[k] = j;
      swap(j, k);
      k++;
      searching = true;
      break;
    }
  }
  for (let i = k; i <= l; i++) scale[i] = 1;
  // scaling by powers of 2 until no row/column pair's norms improve by 5%
  const sfmin1 = SAFE_MIN / ULP;
  const sfmax1 = 1 / sfmin1;
  const sfmin2 = sfmin1 * RADIX;
  const sfmax2 = 1 / sfmin2;
  let converged = false;
  while (!converged) {
    converged = true;
    for (let i = k; i <= l; i++) {
      let c = 0;
      let r = 0;
      for (let j = k; j <= l; j++) {
        c = Math.hypot(c, a[j * n + i]!);
        r = Math.hypot(r, a[i * n + j]!);
      }
      let ca = 0;
      for (let j = 0; j <= l; j++) ca = Math.max(ca, Math.abs(a[j * n + i]!));
      let ra = 0;
      for (let j = k; j < n; j++) ra = Math.max(ra, Math.abs(a[i * n + j]!));
      if (c === 0 || r === 0) continue;
      let g = r / RADIX;
      let f = 1;
      const s = c + r;
      while (!(c >= g || Math.max(f, c, ca) >= sfmax2 || Math.min(r, g, ra) <= sfmin2)) {
        f *= RADIX;
        c *= RADIX;
        ca *= RADIX;
        r /= RADIX;
        g /= RADIX;
        ra /= RADIX;
      }
      g = c / RADIX;
      while (!(g < r || Math.max(r, ra) >= sfmax2 || Math.min(f, c, g, ca) <= sfmin2)) {
        f /= RADIX;
        c /= RADIX;
        g /= RADIX;
        ca /= RADIX;
        r *= RADIX;
        ra *= RADIX;
      }
      if (c + r >= FACTOR * s) continue;
      if (f < 1 && scale[i]! < 1 && f * scale[i]! <= sfmin1) continue;
      if (f > 1 && scale[i]! > 1 && scale[i]! >= sfmax1 / f) continue;
      scale[i] = scale[i]! * f;
      converged = false;
      for (let j = k; j < n; j++) a[i * n + j] = a[i * n + j]! / f;
      for (let j = 0; j <= l; j++) a[j * n + i] = a[j * n + i]! * f;
    }
  }
  return { lo: k, hi: l, scale };
}

/** A Householder reflector I − τ·v·vᵀ acting on rows/columns `first`..first + v.length − 1 (v[0] = 1). */
interface Reflector {
  readonly first: number;
  readonly v: Float64Array;
  readonly tau: number;
}

/** dlarfg: the reflector taking (α, x) to (β, 0), β = −sign(α)·‖(α, x)‖; τ = 0 when x is already 0. */
function reflectorOf(alpha: number, x: Float64Array): { tau: number; beta: number; v: Float64Array } {
  let xnorm = 0;
  for (const e of x) xnorm = Math.hypot(xnorm, e);
  const v = new Float64Array(x.length + 1);
  v[0] = 1;
  if (xnorm === 0) return { tau: 0, beta: alpha, v };
  const beta = -sign(Math.hypot(alpha, xnorm), alpha);
  const s = 1 / (alpha - beta);
  for (let i = 0; i < x.length; i++) v[i + 1] = x[i]! * s;
  return { tau: (beta - alpha) / beta, beta, v };
}

/** dgehd2 on rows/columns lo..hi, in place; returns the reflectors (the entries below the subdiagonal are zeroed). */
function hessenberg(a: Float64Array, n: number, lo: number, hi: number): Reflector[] {
  const out: Reflector[] = [];
  for (let i = lo; i < hi - 1; i++) {
    const x = new Float64Array(hi - i - 1);
    for (let r = i + 2; r <= hi; r++) x[r - i - 2] = a[r * n + i]!;
    const { tau, beta, v } = reflectorOf(a[(i + 1) * n + i]!, x);
    const first = i + 1;
    const m = v.length;
    // from the right to rows 0..hi, columns i+1..hi
    for (let r = 0; r <= hi; r++) {
      let w = 0;
      for (let j = 0; j < m; j++) w += a[r * n + first + j]! * v[j]!;
      if (w !== 0) for (let j = 0; j < m; j++) a[r * n + first + j] = a[r * n + first + j]! - tau * w * v[j]!;
    }
    // from the left to rows i+1..hi, columns i+1..n−1
    for (let c = first; c < n; c++) {
      let w = 0;
      for (let j = 0; j < m; j++) w += v[j]! * a[(first + j) * n + c]!;
      if (w !== 0) for (let j = 0; j < m; j++) a[(first + j) * n + c] = a[(first + j) * n + c]! - tau * v[j]! * w;
    }
    a[first * n + i] = beta;
    for (let r = i + 2; r <= hi; r++) a[r * n + i] = 0;
    out.push({ first, v, tau });
  }
  return out;
}

/** Q = H(lo)·H(lo+1)⋯ (dorghr), n×n. */
function orthogonalOf(reflectors: readonly Reflector[], n: number): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (const { first, v, tau } of reflectors) {
    if (tau === 0) continue;
    for (let r = 0; r < n; r++) {
      let w = 0;
      for (let j = 0; j < v.length; j++) w += q[r * n + first + j]! * v[j]!;
      if (w !== 0) for (let j = 0; j < v.length; j++) q[r * n + first + j] = q[r * n + first + j]! - tau * w * v[j]!;
    }
  }
  return q;
}

/**
 * dlahqr on the Hessenberg matrix's rows and columns lo..hi, in place: eigenvalues into wr/wi. With
 * `z`, the whole matrix becomes the Schur form T (wantt) and z the Schur vectors. False when it does
 * not converge in 30·max(10, nh) iterations.
 */
function qrAlgorithm(h: Float64Array, n: number, lo: number, hi: number, wr: Float64Array, wi: Float64Array, z: Float64Array | null): boolean {
  const H = (i: number, j: number): number => h[i * n + j]!;
  const set = (i: number, j: number, x: number): void => {
    h[i * n + j] = x;
  };
  if (lo === hi) {
    wr[lo] = H(lo, lo);
    wi[lo] = 0;
    return true;
  }
  const wantt = z !== null;
  const nh = hi - lo + 1;
  const smlnum = SAFE_MIN * (nh / ULP);
  let i1 = 0;
  let i2 = n - 1;
  const itmax = 30 * Math.max(10, nh);
  let kdefl = 0;
  let i = hi;
  const v = new Float64Array(3);
  while (i >= lo) {
    let l = lo;
    let converged = false;
    for (let its = 0; its <= itmax; its++) {
      // a single small subdiagonal entry
      let k = i;
      for (; k > l; k--) {
        if (Math.abs(H(k, k - 1)) <= smlnum) break;
        let tst = Math.abs(H(k - 1, k - 1)) + Math.abs(H(k, k));
        if (tst === 0) {
          if (k - 2 >= lo) tst += Math.abs(H(k - 1, k - 2));
          if (k + 1 <= hi) tst += Math.abs(H(k + 1, k));
        }
        if (Math.abs(H(k, k - 1)) <= ULP * tst) {
          // Ahues & Tisseur's conservative test
          const ab = Math.max(Math.abs(H(k, k - 1)), Math.abs(H(k - 1, k)));
          const ba = Math.min(Math.abs(H(k, k - 1)), Math.abs(H(k - 1, k)));
          const aa = Math.max(Math.abs(H(k, k)), Math.abs(H(k - 1, k - 1) - H(k, k)));
          const bb = Math.min(Math.abs(H(k, k)), Math.abs(H(k - 1, k - 1) - H(k, k)));
          const s = aa + ab;
          if (ba * (ab / s) <= Math.max(smlnum, ULP * (bb * (aa / s)))) break;
        }
      }
      l = k;
      if (l > lo) set(l, l - 1, 0);
      if (l >= i - 1) {
        converged = true;
        break;
      }
      kdefl++;
      if (!wantt) {
        i1 = l;
        i2 = i;
      }
      let h11: number;
      let h12: number;
      let h21: number;
      let h22: number;
      if (kdefl % (2 * KEXSH) === 0) {
        const s = Math.abs(H(i, i - 1)) + Math.abs(H(i - 1, i - 2));
        h11 = DAT1 * s + H(i, i);
        h12 = DAT2 * s;
        h21 = s;
        h22 = h11;
      } else if (kdefl % KEXSH === 0) {
        const s = Math.abs(H(l + 1, l)) + Math.abs(H(l + 2, l + 1));
        h11 = DAT1 * s + H(l, l);
        h12 = DAT2 * s;
        h21 = s;
        h22 = h11;
      } else {
        h11 = H(i - 1, i - 1);
        h21 = H(i, i - 1);
        h12 = H(i - 1, i);
        h22 = H(i, i);
      }
      let rt1r = 0;
      let rt1i = 0;
      let rt2r = 0;
      let rt2i = 0;
      const s0 = Math.abs(h11) + Math.abs(h12) + Math.abs(h21) + Math.abs(h22);
      if (s0 !== 0) {
        h11 /= s0;
        h21 /= s0;
        h12 /= s0;
        h22 /= s0;
        const tr = (h11 + h22) / 2;
        const det = (h11 - tr) * (h22 - tr) - h12 * h21;
        const rtdisc = Math.sqrt(Math.abs(det));
        if (det >= 0) {
          rt1r = tr * s0;
          rt2r = rt1r;
          rt1i = rtdisc * s0;
          rt2i = -rt1i;
        } else {
          // real shifts: use the one closer to h22, twice
          rt1r = tr + rtdisc;
          rt2r = tr - rtdisc;
          if (Math.abs(rt1r - h22) <= Math.abs(rt2r - h22)) {
            rt1r *= s0;
            rt2r = rt1r;
          } else {
            rt2r *= s0;
            rt1r = rt2r;
          }
          rt1i = 0;
          rt2i = 0;
        }
      }
      // two consecutive small subdiagonal entries: where the double-shift step may start
      let m = i - 2;
      for (; m >= l; m--) {
        let h21s = H(m + 1, m);
        let s = Math.abs(H(m, m) - rt2r) + Math.abs(rt2i) + Math.abs(h21s);
        h21s = H(m + 1, m) / s;
        v[0] = h21s * H(m, m + 1) + (H(m, m) - rt1r) * ((H(m, m) - rt2r) / s) - rt1i * (rt2i / s);
        v[1] = h21s * (H(m, m) + H(m + 1, m + 1) - rt1r - rt2r);
        v[2] = h21s * H(m + 2, m + 1);
        s = Math.abs(v[0]) + Math.abs(v[1]) + Math.abs(v[2]);
        v[0] /= s;
        v[1] /= s;
        v[2] /= s;
        if (m === l) break;
        const h00 = Math.abs(H(m, m - 1)) * (Math.abs(v[1]) + Math.abs(v[2]));
        const h01 = ULP * Math.abs(v[0]) * (Math.abs(H(m - 1, m - 1)) + Math.abs(H(m, m)) + Math.abs(H(m + 1, m + 1)));
        if (h00 <= h01) break;
      }
      // the double-shift QR step: a bulge made at row m and chased down
      for (let k2 = m; k2 <= i - 1; k2++) {
        const nr = Math.min(3, i - k2 + 1);
        if (k2 > m) for (let t = 0; t < nr; t++) v[t] = H(k2 + t, k2 - 1);
        const x = v.subarray(1, nr);
        const g = reflectorOf(v[0]!, x);
        const t1 = g.tau;
        v[0] = g.beta;
        for (let t = 1; t < nr; t++) v[t] = g.v[t]!;
        if (k2 > m) {
          set(k2, k2 - 1, v[0]);
          set(k2 + 1, k2 - 1, 0);
          if (k2 < i - 1) set(k2 + 2, k2 - 1, 0);
        } else if (m > l) {
          set(k2, k2 - 1, H(k2, k2 - 1) * (1 - t1));
        }
        const v2 = v[1]!;
        const t2 = t1 * v2;
        if (nr === 3) {
          const v3 = v[2]!;
          const t3 = t1 * v3;
          for (let j = k2; j <= i2; j++) {
            const sum = H(k2, j) + v2 * H(k2 + 1, j) + v3 * H(k2 + 2, j);
            set(k2, j, H(k2, j) - sum * t1);
            set(k2 + 1, j, H(k2 + 1, j) - sum * t2);
            set(k2 + 2, j, H(k2 + 2, j) - sum * t3);
          }
          for (let j = i1; j <= Math.min(k2 + 3, i); j++) {
            const sum = H(j, k2) + v2 * H(j, k2 + 1) + v3 * H(j, k2 + 2);
            set(j, k2, H(j, k2) - sum * t1);
            set(j, k2 + 1, H(j, k2 + 1) - sum * t2);
            set(j, k2 + 2, H(j, k2 + 2) - sum * t3);
          }
          if (z) {
            for (let j = lo; j <= hi; j++) {
              const sum = z[j * n + k2]! + v2 * z[j * n + k2 + 1]! + v3 * z[j * n + k2 + 2]!;
              z[j * n + k2] = z[j * n + k2]! - sum * t1;
              z[j * n + k2 + 1] = z[j * n + k2 + 1]! - sum * t2;
              z[j * n + k2 + 2] = z[j * n + k2 + 2]! - sum * t3;
            }
          }
        } else if (nr === 2) {
          for (let j = k2; j <= i2; j++) {
            const sum = H(k2, j) + v2 * H(k2 + 1, j);
            set(k2, j, H(k2, j) - sum * t1);
            set(k2 + 1, j, H(k2 + 1, j) - sum * t2);
          }
          for (let j = i1; j <= i; j++) {
            const sum = H(j, k2) + v2 * H(j, k2 + 1);
            set(j, k2, H(j, k2) - sum * t1);
            set(j, k2 + 1, H(j, k2 + 1) - sum * t2);
          }
          if (z) {
            for (let j = lo; j <= hi; j++) {
              const sum = z[j * n + k2]! + v2 * z[j * n + k2 + 1]!;
              z[j * n + k2] = z[j * n + k2]! - sum * t1;
              z[j * n + k2 + 1] = z[j * n + k2 + 1]! - sum * t2;
            }
          }
        }
      }
    }
    if (!converged) return false;
    if (l === i) {
      wr[i] = H(i, i);
      wi[i] = 0;
    } else if (l === i - 1) {
      const b = standardForm(H(i - 1, i - 1), H(i - 1, i), H(i, i - 1), H(i, i));
      set(i - 1, i - 1, b.a);
      set(i - 1, i, b.b);
      set(i, i - 1, b.c);
      set(i, i, b.d);
      [wr[i - 1], wi[i - 1], wr[i], wi[i]] = [b.rt1r, b.rt1i, b.rt2r, b.rt2i];
      if (wantt) {
        const rot = (x: number, y: number): [number, number] => [b.cs * x + b.sn * y, b.cs * y - b.sn * x];
        for (let j = i + 1; j <= i2; j++) [h[(i - 1) * n + j], h[i * n + j]] = rot(H(i - 1, j), H(i, j));
        for (let r = i1; r <= i - 2; r++) [h[r * n + i - 1], h[r * n + i]] = rot(H(r, i - 1), H(r, i));
      }
      if (z) {
        for (let r = lo; r <= hi; r++) {
          const [x, y] = [z[r * n + i - 1]!, z[r * n + i]!];
          z[r * n + i - 1] = b.cs * x + b.sn * y;
          z[r * n + i] = b.cs * y - b.sn * x;
        }
      }
    }
    kdefl = 0;
    i = l - 1;
  }
  return true;
}

/** dlanv2: the Schur factorization of a real 2×2 block [a b; c d] in standard form, with its rotation. */
function standardForm(a: number, b: number, c: number, d: number) {
  const multpl = 4;
  let cs = 1;
  let sn = 0;
  if (c === 0) {
    // already triangular
  } else if (b === 0) {
    cs = 0;
    sn = 1;
    [a, d] = [d, a];
    b = -c;
    c = 0;
  } else if (a - d === 0 && sign(1, b) !== sign(1, c)) {
    // complex, already standard
  } else {
    const temp = a - d;
    let p = 0.5 * temp;
    const bcmax = Math.max(Math.abs(b), Math.abs(c));
    const bcmis = Math.min(Math.abs(b), Math.abs(c)) * sign(1, b) * sign(1, c);
    const scale = Math.max(Math.abs(p), bcmax);
    let zz = (p / scale) * p + (bcmax / scale) * bcmis;
    if (zz >= multpl * ULP) {
      // real eigenvalues
      zz = p + sign(Math.sqrt(scale) * Math.sqrt(zz), p);
      a = d + zz;
      d = d - (bcmax / zz) * bcmis;
      const tau = Math.hypot(c, zz);
      cs = zz / tau;
      sn = c / tau;
      b = b - c;
      c = 0;
    } else {
      // complex or nearly equal real eigenvalues: make the diagonal entries equal
      const sigma = b + c;
      const tau = Math.hypot(sigma, temp);
      cs = Math.sqrt(0.5 * (1 + Math.abs(sigma) / tau));
      sn = -(p / (tau * cs)) * sign(1, sigma);
      const aa = a * cs + b * sn;
      const bb = -a * sn + b * cs;
      const cc = c * cs + d * sn;
      const dd = -c * sn + d * cs;
      a = aa * cs + cc * sn;
      b = bb * cs + dd * sn;
      c = -aa * sn + cc * cs;
      d = -bb * sn + dd * cs;
      const mid = 0.5 * (a + d);
      a = mid;
      d = mid;
      if (c !== 0) {
        if (b !== 0) {
          if (sign(1, b) === sign(1, c)) {
            // real after all: triangular
            const sab = Math.sqrt(Math.abs(b));
            const sac = Math.sqrt(Math.abs(c));
            p = sign(sab * sac, c);
            const t = 1 / Math.sqrt(Math.abs(b + c));
            a = mid + p;
            d = mid - p;
            b = b - c;
            c = 0;
            const cs1 = sab * t;
            const sn1 = sac * t;
            const next = cs * cs1 - sn * sn1;
            sn = cs * sn1 + sn * cs1;
            cs = next;
          }
        } else {
          b = -c;
          c = 0;
          const next = cs;
          cs = -sn;
          sn = next;
        }
      }
    }
  }
  const rt1i = c === 0 ? 0 : Math.sqrt(Math.abs(b)) * Math.sqrt(Math.abs(c));
  return { a, b, c, d, cs, sn, rt1r: a, rt2r: d, rt1i, rt2i: -rt1i };
}

/**
 * dtrevc for an upper triangular Schur form T (all eigenvalues real): the eigenvector of T for λₖ
 * by back substitution with xₖ = 1 (a pivot smaller than ε·|λₖ| taken as that), then Z·x.
 */
function eigenvectorsOfSchur(t: Float64Array, n: number, wr: Float64Array, z: Float64Array): Float64Array {
  const v = new Float64Array(n * n);
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const lambda = wr[k]!;
    const smin = Math.max(ULP * Math.abs(lambda), SAFE_MIN * (n / ULP));
    x.fill(0);
    x[k] = 1;
    for (let j = 0; j < k; j++) x[j] = -t[j * n + k]!;
    for (let j = k - 1; j >= 0; j--) {
      let pivot = t[j * n + j]! - lambda;
      if (Math.abs(pivot) < smin) pivot = smin;
      x[j] = x[j]! / pivot;
      for (let r = 0; r < j; r++) x[r] = x[r]! - x[j]! * t[r * n + j]!;
    }
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let j = 0; j <= k; j++) s += z[r * n + j]! * x[j]!;
      v[r * n + k] = s;
    }
  }
  return v;
}

/** dgebak: the balancing's scaling (rows lo..hi) and then its permutations undone on the vectors' rows. */
function undoBalance(v: Float64Array, n: number, lo: number, hi: number, scale: Float64Array): void {
  // with lo = hi, scale[lo] is a permutation index, not a factor (dgebak skips it too)
  if (lo !== hi) for (let r = lo; r <= hi; r++) for (let c = 0; c < n; c++) v[r * n + c] = v[r * n + c]! * scale[r]!;
  const swapRows = (p: number, q: number): void => {
    if (p === q) return;
    for (let c = 0; c < n; c++) [v[p * n + c], v[q * n + c]] = [v[q * n + c]!, v[p * n + c]!];
  };
  for (let r = lo - 1; r >= 0; r--) swapRows(r, scale[r]!);
  for (let r = hi + 1; r < n; r++) swapRows(r, scale[r]!);
}
