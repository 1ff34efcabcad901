import { fail } from '../../core/diagnostic';
import type { Phrase } from '../../core/diagnosticText';
import type { Runtime } from '../interpreter/runtime';
import { gemmNN, gemmNT, gemmTN } from './gemm';
import { determinant, factorize, solveTransposedWith, solveWith, type LU } from './lu';
import { ArrayValue, formatShape } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { alloc, constant, record } from './record';

/**
 * np.linalg.solve and inv of a square 2-D matrix, over one LU factorization (lu.ts) kept on the
 * node, so every rule is a solve with A or Aᵀ instead of a new inverse.
 *
 * X = A⁻¹B (inv is the same node with B = I):
 *   forward  Ẋ = A⁻¹(Ḃ − ȦX)
 *   reverse  G = A⁻ᵀX̄;  B̄ += G,  Ā += −G·Xᵀ
 *   Hessian  with X̄ held, the reverse rule's own tangent: Ġ = −A⁻ᵀȦᵀG, so B̄˙ gets Ġ and Ā˙ gets
 *            −Ġ·Xᵀ − G·Ẋᵀ (besides the reverse rule applied to X̄˙, which the sweep does).
 */

class SolveNode implements ArrayNode {
  row = -1;
  constructor(
    readonly name: string,
    readonly shape: readonly number[],
    readonly value: Float64Array,
    /** [A's row, B's row] (-1 for a constant; inv has no B). */
    readonly inputs: readonly number[],
    private readonly f: LU,
    /** Right-hand sides: X is n×k. */
    private readonly k: number,
  ) {}

  jvp(t: Tangents): Float64Array | null {
    const [ra, rb] = this.inputs as [number, number];
    const ta = ra >= 0 ? t.array(ra) : null;
    const tb = rb >= 0 ? t.array(rb) : null;
    if (!ta && !tb) return null;
    const { n } = this.f;
    const r = tb ? Float64Array.from(tb) : new Float64Array(n * this.k);
    if (ta) subtractProduct(r, ta, this.value, n, this.k);
    return solveWith(this.f, r, this.k);
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    const [ra, rb] = this.inputs as [number, number];
    const G = solveTransposedWith(this.f, g, this.k);
    if (rb >= 0) addInto(adj.array(rb), G, 1);
    if (ra >= 0) {
      scale(G, -1);
      gemmNT(G, this.value, adj.array(ra), this.f.n, this.f.n, this.k);
    }
  }

  curvature(g: Float64Array, t: Tangents, adj: Adjoints): void {
    const [ra, rb] = this.inputs as [number, number];
    const ta = ra >= 0 ? t.array(ra) : null;
    const xDot = t.array(this.row);
    if (!ta && !xDot) return;
    const { n } = this.f;
    const k = this.k;
    const G = solveTransposedWith(this.f, g, k);
    if (ta) {
      // −Ġ = A⁻ᵀ·(Ȧᵀ·G)
      const atG = new Float64Array(n * k);
      gemmTN(ta, G, atG, n, n, k);
      const minusGDot = solveTransposedWith(this.f, atG, k);
      if (rb >= 0) addInto(adj.array(rb), minusGDot, -1);
      if (ra >= 0) gemmNT(minusGDot, this.value, adj.array(ra), n, n, k);
    }
    if (ra >= 0 && xDot) {
      scale(G, -1);
      gemmNT(G, xDot, adj.array(ra), n, n, k);
    }
  }
}

/** r −= A·B (A n×n, B n×k). */
function subtractProduct(r: Float64Array, A: Float64Array, B: Float64Array, n: number, k: number): void {
  const p = new Float64Array(n * k);
  gemmNN(A, B, p, n, n, k);
  addInto(r, p, -1);
}

export function addInto(target: Float64Array, x: Float64Array, s: number): void {
  for (let i = 0; i < x.length; i++) target[i] = target[i]! + s * x[i]!;
}

function scale(x: Float64Array, s: number): void {
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * s;
}

/** The size n of a square 2-D matrix, or a located shape error naming the shape. */
export function squareSize(rt: Runtime, a: ArrayValue, site: number, what: string): number {
  if (a.ndim > 2 && a.shape[a.ndim - 1] === a.shape[a.ndim - 2]) {
    fail('unsupported', `${what} of a stack of matrices (shape ${formatShape(a.shape)}) is not supported; apply it to each matrix`, rt.sites[site]!);
  }
  if (a.ndim !== 2 || a.shape[0] !== a.shape[1]) {
    fail('shape', `${what} needs a square 2-D matrix, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
  }
  return a.shape[0]!;
}

/** Factorizes a copy of A (allocated against the memory budget, as the node keeps it). */
export function factorOf(rt: Runtime, a: ArrayValue, n: number, site: number): LU {
  const copy = alloc(rt, n * n, site, a.shape);
  copy.set(a.data);
  return factorize(copy, n);
}

/** How singular a factorized matrix is, for messages (its determinant a value: core/diagnosticText.ts). */
export function singularity(f: LU): Phrase {
  return f.singular === 'exact' ? { text: 'singular (det = 0)', values: [] } : { text: 'singular to working precision (det ≈ {0})', values: [determinant(f)] };
}

function refuseSingular(rt: Runtime, f: LU, site: number, what: string): void {
  if (!f.singular) return;
  const why = singularity(f);
  fail('domain', `matrix is ${why.text} in ${what}`, rt.sites[site]!, why.values);
}

export function identity(n: number): Float64Array {
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return I;
}

/** np.linalg.solve(A, b): b of shape (n,) or (n, k). */
export function solve(rt: Runtime, a: ArrayValue, b: ArrayValue, site: number): ArrayValue {
  const what = 'np.linalg.solve';
  const n = squareSize(rt, a, site, what);
  if (b.ndim < 1 || b.ndim > 2 || b.shape[0] !== n) {
    const problem = b.ndim > 2 ? 'a stack of right-hand sides is not supported' : `b must have shape (${n},) or (${n}, k)`;
    fail(b.ndim > 2 ? 'unsupported' : 'shape', `${what}: A has shape ${formatShape(a.shape)} and b has shape ${formatShape(b.shape)}: ${problem}`, rt.sites[site]!);
  }
  const k = b.ndim === 2 ? b.shape[1]! : 1;
  const f = factorOf(rt, a, n, site);
  refuseSingular(rt, f, site, what);
  const out = solveWith(f, b.data, k, alloc(rt, n * k, site, b.shape));
  if ((a.row < 0 && b.row < 0) || !rt.tape) return constant(b.shape, out);
  return record(rt, new SolveNode('solve', b.shape, out, [a.row, b.row], f, k), site);
}

/** np.linalg.inv(A) = solve(A, I): the same node and rules. */
export function inv(rt: Runtime, a: ArrayValue, site: number): ArrayValue {
  const what = 'np.linalg.inv';
  const n = squareSize(rt, a, site, what);
  const f = factorOf(rt, a, n, site);
  refuseSingular(rt, f, site, what);
  const out = solveWith(f, identity(n), n, alloc(rt, n * n, site, a.shape));
  if (a.row < 0 || !rt.tape) return constant(a.shape, out);
  return record(rt, new SolveNode('inv', a.shape, out, [a.row, -1], f, n), site);
}

