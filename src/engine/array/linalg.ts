import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { ArrayValue, broadcastMap, broadcastShapes, formatShape, sizeOf } from './ndarray';
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
 * matmul above 2-D (numpy's rule): the last two axes are the matrices, the axes before them a stack,
 * broadcast between the operands. Each output matrix is one 2-D product, so the node is a MatmulNode
 * per stack entry, each seeing its slices of the inputs' tangents and adjoints; a matrix broadcast to
 * several entries gets each one's adjoint added into the same slice.
 */
class BatchedMatmulNode implements ArrayNode {
  row = -1;
  readonly name = 'matmul';
  private readonly parts: MatmulNode[];
  constructor(
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    a: Float64Array,
    b: Float64Array,
    private readonly dims: Dims,
    /** Per stack entry, which matrix of each operand it reads. */
    private readonly aAt: Int32Array,
    private readonly bAt: Int32Array,
  ) {
    const { m, k, n } = dims;
    this.parts = Array.from(aAt, (ai, i) => new MatmulNode([m, n], value.subarray(i * m * n, (i + 1) * m * n), inputs, part(a, ai, m * k), part(b, bAt[i]!, k * n), m, k, n));
  }

  jvp(t: Tangents): Float64Array | null {
    const mn = this.dims.m * this.dims.n;
    let out: Float64Array | null = null;
    this.parts.forEach((p, i) => {
      const d = p.jvp(this.tangents(t, i));
      if (d) (out ??= new Float64Array(this.value.length)).set(d, i * mn);
    });
    return out;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    const mn = this.dims.m * this.dims.n;
    this.parts.forEach((p, i) => p.vjp(part(g, i, mn), this.adjoints(adj, i)));
  }

  curvature(g: Float64Array, t: Tangents, adj: Adjoints): void {
    const mn = this.dims.m * this.dims.n;
    this.parts.forEach((p, i) => p.curvature(part(g, i, mn), this.tangents(t, i), this.adjoints(adj, i)));
  }

  /** Stack entry i's slice of an input row's buffer (A's and B's rows are told apart by position). */
  private slice(buffer: Float64Array, row: number, i: number): Float64Array {
    const { m, k, n } = this.dims;
    return row === this.inputs[0] ? part(buffer, this.aAt[i]!, m * k) : part(buffer, this.bAt[i]!, k * n);
  }

  private tangents(t: Tangents, i: number): Tangents {
    return {
      array: (row) => {
        const d = t.array(row);
        return d && this.slice(d, row, i);
      },
      scalar: t.scalar,
    };
  }

  private adjoints(adj: Adjoints, i: number): Adjoints {
    // A block of a stacked adjoint is part of a larger buffer: it can never take a whole g over.
    return { array: (row) => this.slice(adj.array(row), row, i), scalar: adj.scalar, adopt: () => false };
  }
}

interface Dims {
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

/** The i-th block of `size` elements. */
function part(x: Float64Array, i: number, size: number): Float64Array {
  return x.subarray(i * size, (i + 1) * size);
}

/** Which matrix of an operand with stack shape `from` each entry of the broadcast stack `to` reads. */
function stackIndex(from: readonly number[], to: readonly number[]): Int32Array {
  const map = broadcastMap(from, to);
  const out = new Int32Array(sizeOf(to));
  for (let i = 0; i < out.length; i++) out[i] = map === null ? i : typeof map === 'number' ? i % map : map[i]!;
  return out;
}

function batchedMatmul(rt: Runtime, a: ArrayValue, b: ArrayValue, dims: Dims, site: number, what: string): ArrayValue {
  const { m, k, n } = dims;
  const aStack = a.ndim > 2 ? a.shape.slice(0, -2) : [];
  const bStack = b.ndim > 2 ? b.shape.slice(0, -2) : [];
  const stack = broadcastShapes(aStack, bStack);
  if (!stack) {
    fail('shape', `${what}: the stacks ${formatShape(aStack)} and ${formatShape(bStack)} of operands with shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} could not be broadcast together`, rt.sites[site]!);
  }
  // A 1-D operand is a single row (left) or column (right), dropped from the result as in 2-D.
  const shape = [...stack, ...(a.ndim >= 2 ? [m] : []), ...(b.ndim >= 2 ? [n] : [])];
  const aAt = stackIndex(aStack, stack);
  const bAt = stackIndex(bStack, stack);
  const out = alloc(rt, aAt.length * m * n, site, shape);
  const A = a.data;
  const B = b.data;
  for (let i = 0; i < aAt.length; i++) gemmNN(part(A, aAt[i]!, m * k), part(B, bAt[i]!, k * n), part(out, i, m * n), m, k, n);
  if ((a.row < 0 && b.row < 0) || !rt.tape) return constant(shape, out);
  return record(rt, new BatchedMatmulNode(shape, out, [a.row, b.row], A, B, dims, aAt, bAt), site, 4 * (aAt.length + bAt.length));
}

/**
 * numpy's matmul: a 1-D left operand is a row, a 1-D right operand a column, and those axes are
 * dropped from the result (vector·vector is a scalar, as a 0-d array). Above 2-D the operands are
 * stacks of matrices (BatchedMatmulNode).
 */
export function matmul(rt: Runtime, a: ArrayValue, b: ArrayValue, site: number, what = 'matmul'): ArrayValue {
  if (a.ndim === 0 || b.ndim === 0) fail('shape', `${what} needs arrays of at least one dimension, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} (use * for scalars)`, rt.sites[site]!);
  const m = a.ndim >= 2 ? a.shape[a.ndim - 2]! : 1;
  const k = a.shape[a.ndim - 1]!;
  const k2 = b.shape[b.ndim >= 2 ? b.ndim - 2 : 0]!;
  const n = b.ndim >= 2 ? b.shape[b.ndim - 1]! : 1;
  if (k !== k2) {
    const axis = b.ndim > 2 ? 'second-to-last' : 'first';
    fail('shape', `shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned for ${what}: ${k} (last axis of the first) ≠ ${k2} (${axis} axis of the second)`, rt.sites[site]!);
  }
  if (a.ndim > 2 || b.ndim > 2) return batchedMatmul(rt, a, b, { m, k, n }, site, what);
  const shape = [...(a.ndim === 2 ? [m] : []), ...(b.ndim === 2 ? [n] : [])];
  const out = alloc(rt, m * n, site, shape);
  const A = a.data;
  const B = b.data;
  gemmNN(A, B, out, m, k, n);
  if ((a.row < 0 && b.row < 0) || !rt.tape) return constant(shape, out);
  return record(rt, new MatmulNode(shape, out, [a.row, b.row], A, B, m, k, n), site);
}

/** np.outer: the flattened operands as a column times a row. */
export function outer(rt: Runtime, a: ArrayValue, b: ArrayValue, site: number): ArrayValue {
  const col = reshape(rt, a, [a.size, 1], site);
  const row = reshape(rt, b, [1, b.size], site);
  return matmul(rt, col, row, site, 'outer');
}
