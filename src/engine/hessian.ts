import { Dual, dualOps } from './primitives/registry';
import { reverseSweep, forwardSweep } from './sweeps';
import type { Tape } from './tape';

/**
 * The Hessian by forward over reverse: for each input direction eⱼ, push tangents through the
 * reverse sweep. Each entry's partial ∂ᵢ becomes a dual number whose tangent is obtained by
 * evaluating the primitive's own partial rule over `dualOps` — the registry differentiating its
 * rules again — and the adjoint tangents accumulate as (x̄ᵢ)˙ += ∂ᵢ·(ȳ)˙ + (∂ᵢ)˙·ȳ.
 *
 * Returns H with H[j][k] = ∂²f/∂xⱼ∂xₖ over `inputIds`.
 */
export function hessian(tape: Tape, inputIds: readonly number[], outputId: number): number[][] {
  const adj = reverseSweep(tape, outputId);
  const { in0, in1, partial0, partial1, value, constant } = tape;
  return inputIds.map((seed) => {
    const dot = forwardSweep(tape, [seed]);
    const adjDot = new Float64Array(tape.length);
    for (let i = outputId; i >= 0; i--) {
      const g = adj[i]!;
      const gd = adjDot[i]!;
      if (g === 0 && gd === 0) continue;
      const prim = tape.primitiveAt(i);
      if (!prim) continue;
      const a = in0[i]!;
      const b = in1[i]!;
      const av = new Dual(a >= 0 ? value[a]! : constant[i]!, a >= 0 ? dot[a]! : 0);
      const bv = prim.arity === 1 ? av : new Dual(b >= 0 ? value[b]! : constant[i]!, b >= 0 ? dot[b]! : 0);
      const out = new Dual(value[i]!, dot[i]!);
      if (a >= 0) {
        const pd = g === 0 ? 0 : prim.partials[0]!(dualOps, av, bv, out).d;
        adjDot[a] = adjDot[a]! + gd * partial0[i]! + g * pd;
      }
      if (b >= 0) {
        const pd = g === 0 ? 0 : prim.partials[1]!(dualOps, av, bv, out).d;
        adjDot[b] = adjDot[b]! + gd * partial1[i]! + g * pd;
      }
    }
    return inputIds.map((k) => adjDot[k]!);
  });
}
