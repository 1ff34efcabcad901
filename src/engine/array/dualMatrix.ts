import { factorize, solveWith } from './lu';

/**
 * Dense matrices carrying one tangent (forward-mode duals of whole matrices), the algebra the matrix
 * decompositions (decompositions.ts) write their reverse rules in. A rule written once over `Dm` gives
 * both what the reverse sweep needs (the values) and, run with tangents on its inputs, the rule's own
 * derivative — the `curvature` of forward over reverse — with nothing else to derive or keep in step.
 *
 * Row-major, `t === null` for a tangent that is zero. Sizes are the small matrices of user code; the
 * products are plain triple loops.
 */
export class Dm {
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly v: Float64Array,
    readonly t: Float64Array | null = null,
  ) {}

  static zeros(rows: number, cols: number): Dm {
    return new Dm(rows, cols, new Float64Array(rows * cols));
  }

  static identity(n: number): Dm {
    const v = new Float64Array(n * n);
    for (let i = 0; i < n; i++) v[i * n + i] = 1;
    return new Dm(n, n, v);
  }

  /** The value without its tangent. */
  get primal(): Dm {
    return this.t === null ? this : new Dm(this.rows, this.cols, this.v);
  }
}

function product(a: Float64Array, b: Float64Array, m: number, k: number, n: number, out: Float64Array): void {
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const x = a[i * k + p]!;
      if (x === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] = out[i * n + j]! + x * b[p * n + j]!;
    }
  }
}

/** A·B, with (AB)˙ = ȦB + AḂ. */
export function mm(a: Dm, b: Dm): Dm {
  if (a.cols !== b.rows) throw new Error(`dual matrix product: ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const v = new Float64Array(a.rows * b.cols);
  product(a.v, b.v, a.rows, a.cols, b.cols, v);
  if (a.t === null && b.t === null) return new Dm(a.rows, b.cols, v);
  const t = new Float64Array(a.rows * b.cols);
  if (a.t) product(a.t, b.v, a.rows, a.cols, b.cols, t);
  if (b.t) product(a.v, b.t, a.rows, a.cols, b.cols, t);
  return new Dm(a.rows, b.cols, v, t);
}

/** Elementwise over value and tangent alike (a linear map of the entries). */
function linear(a: Dm, rows: number, cols: number, f: (x: Float64Array, out: Float64Array) => void): Dm {
  const v = new Float64Array(rows * cols);
  f(a.v, v);
  if (a.t === null) return new Dm(rows, cols, v);
  const t = new Float64Array(rows * cols);
  f(a.t, t);
  return new Dm(rows, cols, v, t);
}

export function transpose(a: Dm): Dm {
  return linear(a, a.cols, a.rows, (x, out) => {
    for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = x[i * a.cols + j]!;
  });
}

export function scale(a: Dm, s: number): Dm {
  return linear(a, a.rows, a.cols, (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = s * x[i]!;
  });
}

/** Keeps the entries where keep(i, j), zeroes the rest; a diagonal entry is multiplied by `diagonal`. */
export function mask(a: Dm, keep: (i: number, j: number) => boolean, diagonal = 1): Dm {
  return linear(a, a.rows, a.cols, (x, out) => {
    for (let i = 0; i < a.rows; i++) {
      for (let j = 0; j < a.cols; j++) if (keep(i, j)) out[i * a.cols + j] = (i === j ? diagonal : 1) * x[i * a.cols + j]!;
    }
  });
}

export const lower = (a: Dm, diagonal = 1): Dm => mask(a, (i, j) => i >= j, diagonal);
export const strictlyLower = (a: Dm): Dm => mask(a, (i, j) => i > j);
export const upper = (a: Dm): Dm => mask(a, (i, j) => i <= j);
export const strictlyUpper = (a: Dm): Dm => mask(a, (i, j) => i < j);
export const diagonalPart = (a: Dm): Dm => mask(a, (i, j) => i === j);

function combine(a: Dm, b: Dm, sa: number, sb: number): Dm {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new Error(`dual matrix sum: ${a.rows}×${a.cols} and ${b.rows}×${b.cols}`);
  const v = new Float64Array(a.v.length);
  for (let i = 0; i < v.length; i++) v[i] = sa * a.v[i]! + sb * b.v[i]!;
  if (a.t === null && b.t === null) return new Dm(a.rows, a.cols, v);
  const t = new Float64Array(v.length);
  if (a.t) for (let i = 0; i < t.length; i++) t[i] = sa * a.t[i]!;
  if (b.t) for (let i = 0; i < t.length; i++) t[i] = t[i]! + sb * b.t[i]!;
  return new Dm(a.rows, a.cols, v, t);
}

export const add = (a: Dm, b: Dm): Dm => combine(a, b, 1, 1);
export const sub = (a: Dm, b: Dm): Dm => combine(a, b, 1, -1);

/** A ∘ B entrywise: (A∘B)˙ = Ȧ∘B + A∘Ḃ. */
export function hadamard(a: Dm, b: Dm): Dm {
  const v = new Float64Array(a.v.length);
  for (let i = 0; i < v.length; i++) v[i] = a.v[i]! * b.v[i]!;
  if (a.t === null && b.t === null) return new Dm(a.rows, a.cols, v);
  const t = new Float64Array(v.length);
  for (let i = 0; i < t.length; i++) t[i] = (a.t ? a.t[i]! * b.v[i]! : 0) + (b.t ? a.v[i]! * b.t[i]! : 0);
  return new Dm(a.rows, a.cols, v, t);
}

/** Columns from..to−1. */
export function columns(a: Dm, from: number, to: number): Dm {
  const k = to - from;
  return linear(a, a.rows, k, (x, out) => {
    for (let i = 0; i < a.rows; i++) for (let j = 0; j < k; j++) out[i * k + j] = x[i * a.cols + from + j]!;
  });
}

/** [A | B], side by side. */
export function besides(a: Dm, b: Dm): Dm {
  const cols = a.cols + b.cols;
  const place = (x: Float64Array | null, y: Float64Array | null): Float64Array => {
    const out = new Float64Array(a.rows * cols);
    for (let i = 0; i < a.rows; i++) {
      for (let j = 0; j < a.cols; j++) out[i * cols + j] = x ? x[i * a.cols + j]! : 0;
      for (let j = 0; j < b.cols; j++) out[i * cols + a.cols + j] = y ? y[i * b.cols + j]! : 0;
    }
    return out;
  };
  return new Dm(a.rows, cols, place(a.v, b.v), a.t === null && b.t === null ? null : place(a.t, b.t));
}

/** diag(d) of a vector (1×n or n×1) as an n×n matrix. */
export function diag(d: Dm): Dm {
  const n = d.v.length;
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = d.v[i]!;
  if (d.t === null) return new Dm(n, n, v);
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) t[i * n + i] = d.t[i]!;
  return new Dm(n, n, v, t);
}

/** The matrix whose (i, j) entry is f(dᵢ, dⱼ) for i ≠ j and 0 on the diagonal, with its tangent. */
export function pairwise(d: Dm, f: (a: number, b: number) => number, df: (a: number, b: number) => [number, number]): Dm {
  const n = d.v.length;
  const v = new Float64Array(n * n);
  const t = d.t ? new Float64Array(n * n) : null;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      v[i * n + j] = f(d.v[i]!, d.v[j]!);
      if (t) {
        const [da, db] = df(d.v[i]!, d.v[j]!);
        t[i * n + j] = da * d.t![i]! + db * d.t![j]!;
      }
    }
  }
  return new Dm(n, n, v, t);
}

/** Entrywise 1/x (of a vector of singular values), with its tangent −ẋ/x². */
export function reciprocal(d: Dm): Dm {
  const v = d.v.map((x) => 1 / x);
  return new Dm(d.rows, d.cols, v, d.t ? d.t.map((x, i) => -x * v[i]! * v[i]!) : null);
}

/**
 * X = L⁻¹B for a lower-triangular L (`transposed`: X = L⁻ᵀB), by substitution; Ẋ = L⁻¹(Ḃ − L̇X)
 * (with L̇ᵀ for the transposed solve).
 */
export function solveLower(l: Dm, b: Dm, transposed = false): Dm {
  const n = l.rows;
  const k = b.cols;
  const solve = (rhs: Float64Array): Float64Array => {
    const x = Float64Array.from(rhs);
    for (let c = 0; c < k; c++) {
      if (!transposed) {
        for (let i = 0; i < n; i++) {
          let s = x[i * k + c]!;
          for (let p = 0; p < i; p++) s -= l.v[i * n + p]! * x[p * k + c]!;
          x[i * k + c] = s / l.v[i * n + i]!;
        }
      } else {
        for (let i = n - 1; i >= 0; i--) {
          let s = x[i * k + c]!;
          for (let p = i + 1; p < n; p++) s -= l.v[p * n + i]! * x[p * k + c]!;
          x[i * k + c] = s / l.v[i * n + i]!;
        }
      }
    }
    return x;
  };
  const v = solve(b.v);
  if (l.t === null && b.t === null) return new Dm(n, k, v);
  const rhs = b.t ? Float64Array.from(b.t) : new Float64Array(n * k);
  if (l.t) {
    const lDot = transposed ? transpose(new Dm(n, n, l.t)) : new Dm(n, n, l.t);
    const lx = mm(lDot, new Dm(n, k, v)).v;
    for (let i = 0; i < rhs.length; i++) rhs[i] = rhs[i]! - lx[i]!;
  }
  return new Dm(n, k, v, solve(rhs));
}

/** X·R⁻¹ for an upper-triangular R: (R⁻ᵀXᵀ)ᵀ, R⁻ᵀ being a lower solve with Rᵀ. */
export function rightSolveUpper(x: Dm, r: Dm): Dm {
  return transpose(solveLower(transpose(r), transpose(x)));
}

/** X·L⁻ᵀ for a lower-triangular L: (L⁻¹Xᵀ)ᵀ. */
export function rightSolveLowerTransposed(x: Dm, l: Dm): Dm {
  return transpose(solveLower(l, transpose(x)));
}

/** X·R⁻ᵀ for an upper-triangular R: (R⁻¹Xᵀ)ᵀ, R⁻¹ being the transposed solve with the lower Rᵀ. */
export function rightSolveUpperTransposed(x: Dm, r: Dm): Dm {
  return transpose(solveLower(transpose(r), transpose(x), true));
}

/** X·L⁻¹ for a lower-triangular L: (L⁻ᵀXᵀ)ᵀ. */
export function rightSolveLower(x: Dm, l: Dm): Dm {
  return transpose(solveLower(l, transpose(x), true));
}

/** A⁻¹ of a square A (LU with partial pivoting), with (A⁻¹)˙ = −A⁻¹ȦA⁻¹. A must be invertible. */
export function inverse(a: Dm): Dm {
  const n = a.rows;
  const identity = Dm.identity(n).v;
  const x = new Dm(n, n, solveWith(factorize(Float64Array.from(a.v), n), identity, n));
  if (a.t === null) return x;
  const t = mm(mm(x, new Dm(n, n, a.t)), x).v.map((e) => -e);
  return new Dm(n, n, x.v, t);
}
