import { fail } from '../../core/diagnostic';
import { betainc as betaincValue, betaLog } from '../primitives/special/incompleteBeta';
import { betaincWithParameterDerivatives } from '../primitives/special/incompleteBetaJet';
import { ratio, timesLog } from '../primitives/special/incompleteGamma';
import { digamma } from '../primitives/special/polygamma';
import { bind, operand, type Impl } from './args';
import { applySpecial } from './specialNode';

/**
 * scipy.special.betainc(a, b, x), the regularized incomplete beta function, with its derivatives in
 * all three arguments. In x they are closed forms:
 *   ∂I/∂x = x^(a−1)(1 − x)^(b−1)/B(a, b),  ∂²I/∂x² = ∂I/∂x·((a − 1)/x − (b − 1)/(1 − x)),
 *   ∂²I/∂x∂a = ∂I/∂x·(ln x − ψ(a) + ψ(a + b)),  ∂²I/∂x∂b = ∂I/∂x·(ln(1 − x) − ψ(b) + ψ(a + b));
 * in a and b (first and second) they come from the continued fraction run over jets
 * (incompleteBetaJet.ts), computed only when a or b is tracked. One node per call (specialNode.ts),
 * the arguments in the order a, b, x.
 */
export const betainc: Impl = (rt, args, kw, site) => {
  const b_ = bind(rt, 'betainc', ['a', 'b', 'x'], args, kw, site);
  const given = [operand(rt, b_.a!, site), operand(rt, b_.b!, site), operand(rt, b_.x!, site)];
  return applySpecial(rt, 'betainc', given, site, ({ args: [ai, bi, xi], tracked, gradient, hessian, where }) => {
    if (!(ai! > 0 && bi! > 0)) fail('domain', `betainc needs a > 0 and b > 0 (betainc(${ai}, ${bi}, x))${where}`, rt.sites[site]!);
    if (!(xi! >= 0 && xi! <= 1)) fail('domain', `betainc needs 0 ≤ x ≤ 1 (x = ${xi})${where}`, rt.sites[site]!);
    // x^(a−1)(1 − x)^(b−1) with 0⁰ = 1: betainc(1, b, x) has ∂I/∂x = b at x = 0 (it was 0·(−∞) = nan)
    const px = Math.exp(timesLog(ai! - 1, xi!) + timesLog(bi! - 1, 1 - xi!) - betaLog(ai!, bi!));
    gradient[2] = px;
    hessian[5] = px * (ratio(ai! - 1, xi!) - ratio(bi! - 1, 1 - xi!));
    if (tracked[2] && !Number.isFinite(px)) rt.warn('non-differentiable', `betainc has an infinite derivative at x = ${xi} (a or b below 1)${where}`, site);
    if (tracked[0] || tracked[1]) {
      const jet = betaincWithParameterDerivatives(ai!, bi!, xi!);
      if (!jet) fail('unsupported', `GradLens could not converge betainc's derivative in a and b at a = ${ai}, b = ${bi}, x = ${xi}${where} (its continued fraction did not settle in 5000 terms)`, rt.sites[site]!);
      const psiAB = digamma(ai! + bi!);
      gradient[0] = jet.first[0];
      gradient[1] = jet.first[1];
      // aa ab ax bb bx (xx above); at x = 0 or 1 the mixed ones are px·(±∞) with px 0 or ∞: only px decides
      hessian[0] = jet.second[0];
      hessian[1] = jet.second[1];
      hessian[2] = px === 0 ? 0 : px * (Math.log(xi!) - digamma(ai!) + psiAB);
      hessian[3] = jet.second[2];
      hessian[4] = px === 0 ? 0 : px * (Math.log1p(-xi!) - digamma(bi!) + psiAB);
    }
    return betaincValue(ai!, bi!, xi!);
  });
};
