import { fail } from '../../core/diagnostic';
import type { Phrase } from '../../core/diagnosticText';
import type { Runtime } from '../interpreter/runtime';
import { nearlyZero, svdValues } from './decompositions';
import { Dm, mm, transpose } from './dualMatrix';
import type { ArrayValue } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { constant, record } from './record';
import { addInto } from './solve';

/**
 * The norms that read singular values — numpy's matrix norm ord=2 (the largest), −2 (the smallest)
 * and 'nuc' (their sum) — as one node per matrix: f(A) = Σ cᵢsᵢ with cᵢ 1 for the singular values
 * chosen, 0 for the rest. Its gradient G = U·C·Vᵀ needs only the chosen singular subspace to be
 * determined, so it exists where the SVD's own derivative does not: at repeated singular values
 * within the chosen ones (the nuclear norm of any full-rank matrix, an identity's 2-norm is not one:
 * its largest is repeated across the choice). Refused only where f has no derivative: a chosen
 * singular value 0, or a chosen one equal to one left out.
 *
 * Its derivative, with P = UᵀȦV (k×k, k = min(m, n)), S = diag(s), Fᵢⱼ = 1/(sⱼ² − sᵢ²):
 *   Ġ = U·K·Vᵀ + (I − UUᵀ)ȦV·S⁻¹C·Vᵀ (tall) or + U·CS⁻¹·UᵀȦ(I − VVᵀ) (wide), where
 *   Kᵢⱼ = Fᵢⱼ·[cⱼ(Pᵢⱼsⱼ + sᵢPⱼᵢ) − cᵢ(sⱼPⱼᵢ + sᵢPᵢⱼ)]   (i ≠ j), which for cᵢ = cⱼ = c is
 *   c·(Pᵢⱼ − Pⱼᵢ)/(sᵢ + sⱼ) — finite at repeated values (the polar factor's derivative for 'nuc').
 * (From Townsend's SVD derivatives, U̇ = U(F∘(PS + SPᵀ)) + (I − UUᵀ)ȦVS⁻¹, V̇ = V(F∘(SP + PᵀS)).)
 */

export type Chosen = 'largest' | 'smallest' | 'all';

/** Gaps below this fraction of the largest singular value count as equal, or as 0. */
const DEGENERATE = 1e-8;

class SingularValueSumNode implements ArrayNode {
  row = -1;
  readonly name = 'norm';
  readonly shape: readonly number[] = [];
  readonly value: Float64Array;
  constructor(
    sum: number,
    readonly inputs: readonly number[],
    private readonly u: Dm,
    private readonly s: Float64Array,
    private readonly v: Dm,
    private readonly c: Float64Array,
    /** U·C·Vᵀ, the gradient. */
    private readonly g: Dm,
  ) {
    this.value = Float64Array.of(sum);
  }

  jvp(t: Tangents): Float64Array | null {
    const ta = t.array(this.inputs[0]!);
    if (!ta) return null;
    let d = 0;
    for (let i = 0; i < ta.length; i++) d += this.g.v[i]! * ta[i]!;
    return Float64Array.of(d);
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    addInto(adj.array(this.inputs[0]!), this.g.v, g[0]!);
  }

  curvature(g: Float64Array, t: Tangents, adj: Adjoints): void {
    const ta = t.array(this.inputs[0]!);
    if (!ta) return;
    addInto(adj.array(this.inputs[0]!), this.gradientTangent(ta).v, g[0]!);
  }

  /** Ġ for the tangent Ȧ (the formula above). */
  private gradientTangent(aDotValues: Float64Array): Dm {
    const { u, v, s, c } = this;
    const [m, n, k] = [u.rows, v.rows, s.length];
    const aDot = new Dm(m, n, aDotValues);
    const av = mm(aDot, v);
    const p = mm(transpose(u), av).v;
    const kv = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        if (i === j) continue;
        const [pij, pji] = [p[i * k + j]!, p[j * k + i]!];
        kv[i * k + j] =
          c[i] === c[j] ? (c[i]! * (pij - pji)) / (s[i]! + s[j]!) : (c[j]! * (pij * s[j]! + s[i]! * pji) - c[i]! * (s[j]! * pji + s[i]! * pij)) / (s[j]! ** 2 - s[i]! ** 2);
      }
    }
    const out = mm(mm(u, new Dm(k, k, kv)), transpose(v)).v;
    const weights = Float64Array.from(c, (ci, i) => (ci === 0 ? 0 : ci / s[i]!));
    if (m > n) {
      // (I − UUᵀ)ȦV·S⁻¹C·Vᵀ
      const outside = av.v.slice();
      const proj = mm(u, mm(transpose(u), av)).v;
      for (let i = 0; i < outside.length; i++) outside[i] = outside[i]! - proj[i]!;
      addInto(out, mm(scaleColumns(new Dm(m, k, outside), weights), transpose(v)).v, 1);
    } else if (m < n) {
      // U·CS⁻¹·UᵀȦ(I − VVᵀ)
      const ua = mm(transpose(u), aDot);
      const proj = mm(mm(ua, v), transpose(v)).v;
      const outside = ua.v.slice();
      for (let i = 0; i < outside.length; i++) outside[i] = outside[i]! - proj[i]!;
      addInto(out, mm(scaleColumns(u, weights), new Dm(k, n, outside)).v, 1);
    }
    return new Dm(m, n, out);
  }
}

/** X·diag(w). */
function scaleColumns(x: Dm, w: Float64Array): Dm {
  return new Dm(x.rows, x.cols, Float64Array.from(x.v, (y, i) => y * w[i % x.cols]!));
}

/** cᵢ: which singular values (descending) the norm sums. */
function chosenWeights(s: Float64Array, chosen: Chosen): Float64Array {
  const c = new Float64Array(s.length);
  if (chosen === 'all') c.fill(1);
  else if (s.length > 0) c[chosen === 'largest' ? 0 : s.length - 1] = 1;
  return c;
}

/** Why f = Σ cᵢsᵢ has no derivative at these singular values, if it has none. */
function noDerivative(s: Float64Array, c: Float64Array): Phrase | undefined {
  const tol = DEGENERATE * (s[0] ?? 0);
  for (let i = 0; i < s.length; i++) {
    if (c[i] && s[i]! <= tol) return nearlyZero('a singular value it sums is', s[i]!);
    for (let j = i + 1; j < s.length; j++) {
      if (c[i] !== c[j] && Math.abs(s[i]! - s[j]!) <= tol) return { text: `singular values ${i} and ${j} are equal or nearly so ({0}), one chosen and one not`, values: [s[i]!] };
    }
  }
  return undefined;
}

/** Σ cᵢsᵢ of one 2-D matrix as a 0-d array: a node when `a` is tracked, refused where it has no derivative. */
export function singularValueSum(rt: Runtime, a: ArrayValue, chosen: Chosen, site: number): ArrayValue {
  const [m, n] = [a.shape[0]!, a.shape[1]!];
  const k = Math.min(m, n);
  const { u, s, vt } = svdValues(a.data.subarray(0, m * n), m, n);
  const c = chosenWeights(s, chosen);
  const sum = s.reduce((acc, x, i) => acc + c[i]! * x, 0);
  if (a.row < 0 || !rt.tape) return constant([], Float64Array.of(sum));
  const why = noDerivative(s, c);
  if (why) fail('domain', `np.linalg.norm: ${why.text}: the norm has no derivative there; GradLens refuses it`, rt.sites[site]!, why.values);
  const U = new Dm(m, k, u);
  const V = transpose(new Dm(k, n, vt));
  const g = mm(scaleColumns(U, c), transpose(V));
  return record(rt, new SingularValueSumNode(sum, [a.row], U, s, V, c, g), site, 8 * (m * k + n * k + m * n));
}
