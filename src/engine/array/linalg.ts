import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { ArrayValue, formatShape } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { alloc, constant, record } from './record';
import { reshape } from './shape';

/**
 * Matrix products. C = A·B (m×k · k×n) is bilinear, so its rules are products again:
 *   forward  Ċ = Ȧ·B + A·Ḃ
 *   reverse  Ā += C̄·Bᵀ,  B̄ += Aᵀ·C̄
 *   Hessian  (Ā)˙ gets C̄·Ḃᵀ and (B̄)˙ gets Ȧᵀ·C̄ besides the reverse rule applied to (C̄)˙.
 * Seed 002 swapped the factors of the reverse rule; test/oracle checks these against PyTorch.
 * Kernels loop so that the innermost index walks contiguous memory.
 */

/*
 * The kernels take four rows (or columns) at a time so that each load and store of the output
 * serves four multiply-adds: float64 loops in V8 are bound by memory operations, not arithmetic.
 */

/** out (m×n) += A (m×k) · B (k×n). */
function gemmNN(A: Float64Array, B: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const oi = i * n;
    const ai = i * k;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const a0 = A[ai + p]!;
      const a1 = A[ai + p + 1]!;
      const a2 = A[ai + p + 2]!;
      const a3 = A[ai + p + 3]!;
      const b0 = p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) out[oi + j] = out[oi + j]! + a0 * B[b0 + j]! + a1 * B[b1 + j]! + a2 * B[b2 + j]! + a3 * B[b3 + j]!;
    }
    for (; p < k; p++) {
      const a = A[ai + p]!;
      const bp = p * n;
      for (let j = 0; j < n; j++) out[oi + j] = out[oi + j]! + a * B[bp + j]!;
    }
  }
}

/** out (m×k) += G (m×n) · Bᵀ, B being k×n. */
function gemmNT(G: Float64Array, B: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const gi = i * n;
    const oi = i * k;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const b0 = p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < n; j++) {
        const g = G[gi + j]!;
        s0 += g * B[b0 + j]!;
        s1 += g * B[b1 + j]!;
        s2 += g * B[b2 + j]!;
        s3 += g * B[b3 + j]!;
      }
      out[oi + p] = out[oi + p]! + s0;
      out[oi + p + 1] = out[oi + p + 1]! + s1;
      out[oi + p + 2] = out[oi + p + 2]! + s2;
      out[oi + p + 3] = out[oi + p + 3]! + s3;
    }
    for (; p < k; p++) {
      const bp = p * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += G[gi + j]! * B[bp + j]!;
      out[oi + p] = out[oi + p]! + s;
    }
  }
}

/** out (k×n) += Aᵀ · G, A being m×k and G m×n. */
function gemmTN(A: Float64Array, G: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  for (let p = 0; p < k; p++) {
    const op = p * n;
    let i = 0;
    for (; i + 3 < m; i += 4) {
      const a0 = A[i * k + p]!;
      const a1 = A[(i + 1) * k + p]!;
      const a2 = A[(i + 2) * k + p]!;
      const a3 = A[(i + 3) * k + p]!;
      const g0 = i * n;
      const g1 = g0 + n;
      const g2 = g1 + n;
      const g3 = g2 + n;
      for (let j = 0; j < n; j++) out[op + j] = out[op + j]! + a0 * G[g0 + j]! + a1 * G[g1 + j]! + a2 * G[g2 + j]! + a3 * G[g3 + j]!;
    }
    for (; i < m; i++) {
      const a = A[i * k + p]!;
      const gi = i * n;
      for (let j = 0; j < n; j++) out[op + j] = out[op + j]! + a * G[gi + j]!;
    }
  }
}

class MatmulNode implements ArrayNode {
  row = -1;
  readonly name = 'matmul';
  constructor(
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    private readonly A: Float64Array,
    private readonly B: Float64Array,
    private readonly m: number,
    private readonly k: number,
    private readonly n: number,
  ) {}

  jvp(t: Tangents): Float64Array | null {
    const [ra, rb] = this.inputs as [number, number];
    const ta = ra >= 0 ? t.array(ra) : null;
    const tb = rb >= 0 ? t.array(rb) : null;
    if (!ta && !tb) return null;
    const out = new Float64Array(this.value.length);
    if (ta) gemmNN(ta, this.B, out, this.m, this.k, this.n);
    if (tb) gemmNN(this.A, tb, out, this.m, this.k, this.n);
    return out;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    const [ra, rb] = this.inputs as [number, number];
    if (ra >= 0) gemmNT(g, this.B, adj.array(ra), this.m, this.k, this.n);
    if (rb >= 0) gemmTN(this.A, g, adj.array(rb), this.m, this.k, this.n);
  }

  curvature(g: Float64Array, t: Tangents, adj: Adjoints): void {
    const [ra, rb] = this.inputs as [number, number];
    const ta = ra >= 0 ? t.array(ra) : null;
    const tb = rb >= 0 ? t.array(rb) : null;
    if (ra >= 0 && tb) gemmNT(g, tb, adj.array(ra), this.m, this.k, this.n);
    if (rb >= 0 && ta) gemmTN(ta, g, adj.array(rb), this.m, this.k, this.n);
  }
}

/**
 * numpy's matmul for 1-D and 2-D operands: a 1-D left operand is a row, a 1-D right operand a
 * column, and those axes are dropped from the result (vector·vector is a scalar, as a 0-d array).
 */
export function matmul(rt: Runtime, a: ArrayValue, b: ArrayValue, site: number, what = 'matmul'): ArrayValue {
  if (a.ndim === 0 || b.ndim === 0) fail('shape', `${what} needs arrays of at least one dimension, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} (use * for scalars)`, rt.sites[site]!);
  if (a.ndim > 2 || b.ndim > 2) fail('unsupported', `${what} of arrays with more than two dimensions (shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}) is not supported yet`, rt.sites[site]!);
  const m = a.ndim === 2 ? a.shape[0]! : 1;
  const k = a.shape[a.ndim - 1]!;
  const k2 = b.shape[0]!;
  const n = b.ndim === 2 ? b.shape[1]! : 1;
  if (k !== k2) {
    fail('shape', `shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned for ${what}: ${k} (last axis of the first) ≠ ${k2} (first axis of the second)`, rt.sites[site]!);
  }
  const shape = [...(a.ndim === 2 ? [m] : []), ...(b.ndim === 2 ? [n] : [])];
  const out = alloc(rt, m * n, site, shape);
  const A = a.data;
  const B = b.data;
  gemmNN(A, B, out, m, k, n);
  if ((a.row < 0 && b.row < 0) || !rt.tape) return constant(shape, out);
  return record(rt, new MatmulNode(shape, out, [a.row, b.row], A, B, m, k, n), site);
}

/** np.dot: matmul for 1-D/2-D; a scalar operand multiplies (handled by the caller). */
export function outer(rt: Runtime, a: ArrayValue, b: ArrayValue, site: number): ArrayValue {
  const col = reshape(rt, a, [a.size, 1], site);
  const row = reshape(rt, b, [1, b.size], site);
  return matmul(rt, col, row, site, 'outer');
}
