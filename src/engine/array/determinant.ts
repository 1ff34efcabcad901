import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { gemmNN, gemmNT } from './gemm';
import { determinant, logDeterminant, solveTransposedWith, type LU } from './lu';
import type { ArrayValue } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { constant, record } from './record';
import { addInto, factorOf, identity, singularity, squareSize } from './solve';

/**
 * np.linalg.det and slogdet of a square 2-D matrix, from the LU factorization that solve uses.
 * v = det A or log|det A|, with W = A⁻ᵀ and ∂v/∂A = c·W (c = det A for det, 1 for log|det|):
 *   forward  v̇ = Σ (cW)ᵢⱼȦᵢⱼ        reverse  Ā += v̄·cW
 *   Hessian  Ā˙ gets v̄·(ċW + cẆ), Ẇ = −W·Ȧᵀ·W, ċ = v̇ for det and 0 for log|det|.
 */

class DeterminantNode implements ArrayNode {
  row = -1;
  readonly shape: readonly number[] = [];
  private cached: Float64Array | undefined;
  constructor(
    readonly name: string,
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    private readonly f: LU,
    /** det(A) for det, whose gradient scales with it; 1 for log|det A|. */
    private readonly c: number,
    private readonly scalesWithValue: boolean,
  ) {}

  /** W = A⁻ᵀ, made on first use (a sweep needs it, recording does not); counted as the node's extra bytes. */
  private get W(): Float64Array {
    const n = this.f.n;
    return (this.cached ??= solveTransposedWith(this.f, identity(n), n));
  }

  jvp(t: Tangents): Float64Array | null {
    const ta = t.array(this.inputs[0]!);
    if (!ta) return null;
    const W = this.W;
    let s = 0;
    for (let i = 0; i < W.length; i++) s += W[i]! * ta[i]!;
    return Float64Array.of(this.c * s);
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    addInto(adj.array(this.inputs[0]!), this.W, g[0]! * this.c);
  }

  curvature(g: Float64Array, t: Tangents, adj: Adjoints): void {
    const ra = this.inputs[0]!;
    const ta = t.array(ra);
    if (!ta) return;
    const n = this.f.n;
    const W = this.W;
    const target = adj.array(ra);
    if (this.scalesWithValue) addInto(target, W, g[0]! * (t.array(this.row)?.[0] ?? 0));
    // cẆ = −c·W·Ȧᵀ·W
    const WAt = new Float64Array(n * n);
    gemmNT(W, ta, WAt, n, n, n);
    const WAtW = new Float64Array(n * n);
    gemmNN(WAt, W, WAtW, n, n, n);
    addInto(target, WAtW, -g[0]! * this.c);
  }
}

/**
 * det (as a 0-d array) or log|det| with its sign (slogdet). A singular matrix has a value (0, or
 * sign 0 and −inf, as numpy gives), but the rules above divide by it (W = A⁻ᵀ), so recording one on
 * the tape is refused rather than giving infinities.
 */
function determinantOf(rt: Runtime, a: ArrayValue, site: number, log: boolean): { value: ArrayValue; sign: number } {
  const what = log ? 'np.linalg.slogdet' : 'np.linalg.det';
  const n = squareSize(rt, a, site, what);
  const f = factorOf(rt, a, n, site);
  const d = determinant(f);
  // An exactly singular matrix has a zero pivot: sign 0 and log|det| = −inf, as numpy gives.
  const { sign, logAbs } = logDeterminant(f);
  const v = log ? logAbs : d;
  const value = Float64Array.of(v);
  if (a.row < 0 || !rt.tape) return { value: constant([], value), sign };
  if (f.singular) {
    const why = singularity(f);
    fail('domain', `${what}: the derivative at a matrix that is ${why.text} is not supported`, rt.sites[site]!, why.values);
  }
  const node = new DeterminantNode(log ? 'slogdet' : 'det', value, [a.row], f, log ? 1 : d, !log);
  return { value: record(rt, node, site, 8 * n * n), sign };
}

export function det(rt: Runtime, a: ArrayValue, site: number): ArrayValue {
  return determinantOf(rt, a, site, false).value;
}

/** (sign, log|det|): the sign is a constant (its derivative is 0 wherever it is defined). */
export function slogdet(rt: Runtime, a: ArrayValue, site: number): { sign: number; logabsdet: ArrayValue } {
  const { value, sign } = determinantOf(rt, a, site, true);
  return { sign, logabsdet: value };
}
