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
 * One kernel does all the work: out (m×n) += Σₜ A(i, t)·B(j, t), each operand read through a row
 * stride and an inner stride, so the three products the rules need (A·B, G·Bᵀ, Aᵀ·G) are the same
 * loop over the stored buffers with no transposed copies. It computes a 3×4 block of the output at
 * a time in twelve local accumulators (registers): each step loads seven numbers for twelve
 * multiply-adds, where a row-times-row loop loads and stores the output at every step (float64
 * loops in V8 are bound by memory operations, not arithmetic).
 */

/** out (m×n) += A′ · B′ᵀ, where A′(i, t) = A[i·ars + t·ats] (m×k) and B′(j, t) = B[j·brs + t·bts] (n×k). */
function gemm(A: Float64Array, ars: number, ats: number, B: Float64Array, brs: number, bts: number, out: Float64Array, m: number, k: number, n: number): void {
  const ars2 = 2 * ars;
  const brs2 = 2 * brs;
  const brs3 = 3 * brs;
  let i = 0;
  for (; i + 2 < m; i += 3) {
    const o0 = i * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      let a = i * ars;
      let b = j * brs;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      for (let t = 0; t < k; t++) {
        const y0 = B[b]!;
        const y1 = B[b + brs]!;
        const y2 = B[b + brs2]!;
        const y3 = B[b + brs3]!;
        let x = A[a]!;
        c00 += x * y0; c01 += x * y1; c02 += x * y2; c03 += x * y3;
        x = A[a + ars]!;
        c10 += x * y0; c11 += x * y1; c12 += x * y2; c13 += x * y3;
        x = A[a + ars2]!;
        c20 += x * y0; c21 += x * y1; c22 += x * y2; c23 += x * y3;
        a += ats;
        b += bts;
      }
      out[o0 + j] = out[o0 + j]! + c00; out[o0 + j + 1] = out[o0 + j + 1]! + c01; out[o0 + j + 2] = out[o0 + j + 2]! + c02; out[o0 + j + 3] = out[o0 + j + 3]! + c03;
      out[o1 + j] = out[o1 + j]! + c10; out[o1 + j + 1] = out[o1 + j + 1]! + c11; out[o1 + j + 2] = out[o1 + j + 2]! + c12; out[o1 + j + 3] = out[o1 + j + 3]! + c13;
      out[o2 + j] = out[o2 + j]! + c20; out[o2 + j + 1] = out[o2 + j + 1]! + c21; out[o2 + j + 2] = out[o2 + j + 2]! + c22; out[o2 + j + 3] = out[o2 + j + 3]! + c23;
    }
    for (; j < n; j++) {
      let a = i * ars;
      let b = j * brs;
      let c0 = 0, c1 = 0, c2 = 0;
      for (let t = 0; t < k; t++) {
        const y = B[b]!;
        c0 += A[a]! * y;
        c1 += A[a + ars]! * y;
        c2 += A[a + ars2]! * y;
        a += ats;
        b += bts;
      }
      out[o0 + j] = out[o0 + j]! + c0;
      out[o1 + j] = out[o1 + j]! + c1;
      out[o2 + j] = out[o2 + j]! + c2;
    }
  }
  for (; i < m; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) {
      let a = i * ars;
      let b = j * brs;
      let c = 0;
      for (let t = 0; t < k; t++) {
        c += A[a]! * B[b]!;
        a += ats;
        b += bts;
      }
      out[o + j] = out[o + j]! + c;
    }
  }
}

/** out (m×n) += A (m×k) · B (k×n). */
function gemmNN(A: Float64Array, B: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  gemm(A, k, 1, B, 1, n, out, m, k, n);
}

/** out (m×k) += G (m×n) · Bᵀ, B being k×n. */
function gemmNT(G: Float64Array, B: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  gemm(G, n, 1, B, n, 1, out, m, n, k);
}

/** out (k×n) += Aᵀ · G, A being m×k and G m×n. */
function gemmTN(A: Float64Array, G: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  gemm(A, 1, k, G, 1, n, out, k, m, n);
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
