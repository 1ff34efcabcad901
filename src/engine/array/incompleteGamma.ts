import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import type { Value } from '../interpreter/values';
import { gammaln } from '../primitives/special/gamma';
import { gammaincShapeDerivatives, incompleteGamma, ratio, timesLog } from '../primitives/special/incompleteGamma';
import { digamma } from '../primitives/special/polygamma';
import { bind, operand, type Impl } from './args';
import type { Operand } from './record';
import { applySpecial } from './specialNode';

/**
 * scipy.special.gammainc(a, x) = P(a, x) and gammaincc(a, x) = Q(a, x) = 1 − P, with derivatives in
 * both arguments. In x they are closed forms:
 *   ∂P/∂x = x^(a−1)e⁻ˣ/Γ(a),  ∂²P/∂x² = ∂P/∂x·((a − 1)/x − 1),  ∂²P/∂x∂a = ∂P/∂x·(ln x − ψ(a));
 * in a (first and second) they come from the series or fraction run over jets
 * (primitives/special/incompleteGamma.ts), computed only when a is tracked. Q's are P's negated.
 */
export function regularizedGamma(rt: Runtime, name: string, a: Operand, x: Operand, upper: boolean, site: number): Value {
  const sign = upper ? -1 : 1;
  return applySpecial(rt, name, [a, x], site, ({ args: [ai, xi], tracked, gradient, hessian, where }) => {
    if (!(ai! > 0 && ai! < Infinity)) fail('domain', `${name} needs 0 < a < ∞ (${name}(${ai}, x))${where}`, rt.sites[site]!);
    if (!(xi! >= 0)) fail('domain', `${name} needs x ≥ 0 (x = ${xi})${where}`, rt.sites[site]!);
    const pq = incompleteGamma(ai!, xi!);
    if (!pq) fail('unsupported', `GradLens could not converge ${name}(${ai}, ${xi})${where} (its series or continued fraction did not settle in 20000 terms)`, rt.sites[site]!);
    const px = xi === Infinity ? 0 : Math.exp(timesLog(ai! - 1, xi!) - xi! - gammaln(ai!));
    gradient[1] = sign * px;
    hessian[2] = px === 0 ? 0 : sign * px * (ratio(ai! - 1, xi!) - 1);
    if (tracked[1] && !Number.isFinite(px)) rt.warn('non-differentiable', `${name} has an infinite derivative at x = 0 (a below 1)${where}`, site);
    if (tracked[0]) {
      const jet = gammaincShapeDerivatives(ai!, xi!);
      if (!jet) fail('unsupported', `GradLens could not converge ${name}'s derivative in a at a = ${ai}, x = ${xi}${where}`, rt.sites[site]!);
      gradient[0] = sign * jet.da;
      hessian[0] = sign * jet.daa;
      // at x = 0 the mixed one is px·(−∞) with px 0 or ∞: only px decides
      hessian[1] = px === 0 ? 0 : sign * px * (Math.log(xi!) - digamma(ai!));
    }
    return upper ? pq.q : pq.p;
  });
}

export const gammainc: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'gammainc', ['a', 'x'], args, kw, site);
  return regularizedGamma(rt, 'gammainc', operand(rt, b.a!, site), operand(rt, b.x!, site), false, site);
};

export const gammaincc: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'gammaincc', ['a', 'x'], args, kw, site);
  return regularizedGamma(rt, 'gammaincc', operand(rt, b.a!, site), operand(rt, b.x!, site), true, site);
};
