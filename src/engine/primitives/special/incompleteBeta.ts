import { gammaln } from './gamma';

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b), for a, b > 0 and
 * 0 ≤ x ≤ 1 (scipy.special.betainc). By its continued fraction (DLMF 8.17.22),
 *   I_x(a, b) = xᵃ(1 − x)ᵇ / (a·B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …))),
 *   d₂ₘ₊₁ = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)),  d₂ₘ = m(b − m)x / ((a + 2m − 1)(a + 2m)),
 * evaluated by the modified Lentz method; it converges fast for x < (a + 1)/(a + b + 2), and the
 * symmetry I_x(a, b) = 1 − I₁₋ₓ(b, a) covers the rest.
 */

const TINY = 1e-300;
const MAX_TERMS = 500;

/** ln B(a, b) for a, b > 0. */
export function betaLog(a: number, b: number): number {
  return gammaln(a) + gammaln(b) - gammaln(a + b);
}

export function betainc(a: number, b: number, x: number): number {
  if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) return NaN;
  if (x === 0 || x === 1) return x;
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - betaLog(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * continuedFraction(a, b, x)) / a;
  return 1 - (front * continuedFraction(b, a, 1 - x)) / b;
}

/** 1/(1 + d₁/(1 + d₂/(1 + …))) by the modified Lentz method. */
function continuedFraction(a: number, b: number, x: number): number {
  const guard = (v: number): number => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return h;
}
