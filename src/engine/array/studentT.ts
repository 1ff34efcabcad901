import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import type { Value } from '../interpreter/values';
import { betainc, betaLog } from '../primitives/special/incompleteBeta';
import { betaincWithParameterDerivatives } from '../primitives/special/incompleteBetaJet';
import { digamma } from '../primitives/special/polygamma';
import type { Operand } from './record';
import { applySpecial } from './specialNode';

/**
 * Student's t distribution function F(z; ν) (scipy.stats.t.cdf of the standardized z), and its
 * survival function F(−z; ν), with derivatives in z and ν. One node (specialNode.ts), not sugar
 * over betainc: through betainc the chain meets 0·∞ at z = 0 (∂I/∂x is infinite where x = 1 or 0,
 * and ∂x/∂z is 0 there), where F is ½ for every ν and ∂F/∂z is the density. So:
 *   value: ½ ± ½·I_{z²/(ν+z²)}(½, ν/2) when z² < ν (accurate near z = 0), else
 *          I_{ν/(ν+z²)}(ν/2, ½)/2 in the tail (1 minus it for z > 0), as cephes' stdtr splits;
 *   ∂F/∂z = f(z) = exp(−½ ln ν − ln B(ν/2, ½) − (ν+1)/2·ln(1 + z²/ν)),  ∂²F/∂z² = −f·(ν+1)z/(ν+z²),
 *   ∂²F/∂z∂ν = f·(½ψ((ν+1)/2) − ½ψ(ν/2) − 1/(2ν) − ½ln(1 + z²/ν) + (ν+1)z²/(2ν(ν+z²)));
 *   ∂F/∂ν, ∂²F/∂ν²: betainc's derivatives in its parameter and in x by the chain rule through
 *   x(ν) (the parameter's by the continued fraction over jets), and 0 at z = 0.
 */
export function studentT(rt: Runtime, name: string, z: Operand, df: Operand, upper: boolean, site: number): Value {
  return applySpecial(rt, name, [z, df], site, ({ args: [zi, nu], tracked, gradient, hessian, where }) => {
    if (!(nu! > 0 && nu! < Infinity)) fail('domain', `${name} needs 0 < df < ∞ (GradLens does not support df = inf, scipy's normal limit, yet)${where}`, rt.sites[site]!);
    if (Number.isNaN(zi)) fail('domain', `${name} of nan${where}`, rt.sites[site]!);
    // the survival function is F(−z): ∂/∂z and ∂²/∂z∂ν change sign, the rest does not
    const w = upper ? -zi! : zi!;
    const sign = upper ? -1 : 1;
    const z2 = w * w;
    const density = Math.abs(w) === Infinity ? 0 : Math.exp(-0.5 * Math.log(nu!) - betaLog(nu! / 2, 0.5) - ((nu! + 1) / 2) * Math.log1p(z2 / nu!));
    gradient[0] = sign * density;
    hessian[0] = density === 0 ? 0 : (-density * (nu! + 1) * w) / (nu! + z2);
    if (density !== 0) hessian[1] = sign * density * (0.5 * digamma((nu! + 1) / 2) - 0.5 * digamma(nu! / 2) - 1 / (2 * nu!) - 0.5 * Math.log1p(z2 / nu!) + ((nu! + 1) * z2) / (2 * nu! * (nu! + z2)));
    if (w === 0) return 0.5;
    if (Math.abs(w) === Infinity) return w > 0 ? 1 : 0;
    const near = z2 < nu!;
    // F = base + c·I_x(a, b): near ½ ± ½·I_x(½, ν/2) with x = z²/(ν + z²); in the tail 1 − ½·I_x(ν/2, ½) (z > 0) or ½·I_x (z < 0) with x = ν/(ν + z²)
    const [a, b, x] = near ? [0.5, nu! / 2, z2 / (nu! + z2)] : [nu! / 2, 0.5, nu! / (nu! + z2)];
    const c = near ? Math.sign(w) * 0.5 : w > 0 ? -0.5 : 0.5;
    const base = near ? 0.5 : w > 0 ? 1 : 0;
    const value = base + c * betainc(a, b, x);
    if (tracked[1]) {
      const jet = betaincWithParameterDerivatives(a, b, x);
      if (!jet) fail('unsupported', `GradLens could not converge ${name}'s derivative in df at z = ${w}, df = ${nu}${where}`, rt.sites[site]!);
      // ν enters as the parameter p = ν/2 (b near, a in the tail) and through x(ν)
      const [ip, ipp] = near ? [jet.first[1], jet.second[2]] : [jet.first[0], jet.second[0]];
      const ix = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - betaLog(a, b));
      const ixx = ix * ((a - 1) / x - (b - 1) / (1 - x));
      const ixp = ix * ((near ? Math.log1p(-x) : Math.log(x)) - digamma(nu! / 2) + digamma(a + b));
      const q = nu! + z2;
      const [dx, ddx] = near ? [-z2 / (q * q), (2 * z2) / (q * q * q)] : [z2 / (q * q), (-2 * z2) / (q * q * q)];
      gradient[1] = c * (0.5 * ip + ix * dx);
      hessian[2] = c * (0.25 * ipp + ixp * dx + ixx * dx * dx + ix * ddx);
    }
    return value;
  });
}
