import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { ArrayValue, formatShape } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { alloc, constant, record } from './record';
import { reshape } from './shape';
import { gemmNN, gemmNT, gemmTN } from './gemm';

/**
 * Matrix products. C = A·B (m×k · k×n) is bilinear, so its rules are products again:
 *   forward  Ċ = Ȧ·B + A·Ḃ
 *   reverse  Ā += C̄·Bᵀ,  B̄ += Aᵀ·C̄
 *   Hessian  (Ā)˙ gets C̄·Ḃᵀ and (B̄)˙ gets Ȧᵀ·C̄ besides the reverse rule applied to (C̄)˙.
 * Seed 002 swapped the factors of the reverse rule; test/oracle checks these against PyTorch.
 * Kernels loop so that the innermost index walks contiguous memory.
 */

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
