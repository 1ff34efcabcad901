import { ZETA_MINUS_ONE } from './tables.generated';

/**
 * ln|Γ(x)| and Γ(x), to float64 accuracy away from the zeros of ln|Γ| at negative x (checked against
 * scipy and mpmath in test/unit/engine/specialValues.test.ts):
 *
 * - near 1 and 2, where ln Γ vanishes: the Taylor series ln Γ(1+z) = −γz + Σₖ₌₂ (−1)ᵏ ζ(k) zᵏ/k,
 *   rewritten with ζ(k) − 1 (which falls like 2⁻ᵏ) as
 *   ln Γ(1+z) = (1−γ)z − ln(1+z) + Σ (−1)ᵏ (ζ(k)−1) zᵏ/k and ln Γ(2+z) = (1−γ)z + Σ (−1)ᵏ (ζ(k)−1) zᵏ/k,
 *   for |z| ≤ ½ (a quarter of the digits per term);
 * - up to 20, the recurrence Γ(x) = (x−1)(x−2)…(x−m)·Γ(x−m) down to [1.5, 2.5] (x − i is exact);
 * - from 20, Stirling's series ln Γ(x) = (x−½) ln x − x + ln √(2π) + Σ B₂ₖ/(2k(2k−1)x^(2k−1));
 * - below 0, the reflection Γ(x)Γ(1−x) = π/sin(πx), with sin(πx) reduced exactly to |r| ≤ ½.
 */

const EULER_GAMMA = 0.5772156649015329;
const LN_SQRT_2PI = 0.9189385332046728;
const SQRT_2PI = 2.5066282746310002;

/** Bernoulli numbers B₂, B₄, …, B₃₀ (exact rationals). */
export const BERNOULLI_EVEN: readonly number[] = [
  1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510, 43867 / 798, -174611 / 330,
  854513 / 138, -236364091 / 2730, 8553103 / 6, -23749461029 / 870, 8615841276005 / 14322,
];

/** ln Γ(1+z) − (1−γ)z + ln(1+z) = Σₖ₌₂ (−1)ᵏ (ζ(k)−1) zᵏ/k, for |z| ≤ ½. */
function zetaTail(z: number): number {
  let sum = 0;
  let power = -z; // (−z)ᵏ
  for (let k = 2; k < ZETA_MINUS_ONE.length; k++) {
    power *= -z;
    const term = (ZETA_MINUS_ONE[k]! * power) / k;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** Stirling's series' correction Σ B₂ₖ/(2k(2k−1)x^(2k−1)) for x ≥ 20 (terms fall below 1e−17 by k = 8). */
function stirlingCorrection(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  let power = inv;
  let sum = 0;
  for (let k = 1; k <= 10; k++) {
    const term = (BERNOULLI_EVEN[k - 1]! / (2 * k * (2 * k - 1))) * power;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    power *= inv2;
  }
  return sum;
}

/** ln Γ(x) for 0.5 ≤ x ≤ 2.5 by the series around 1 or 2 (arguments exact by Sterbenz's lemma). */
function lnGammaNearOneTwo(x: number): number {
  if (x < 1.5) {
    const z = x - 1;
    return (1 - EULER_GAMMA) * z - Math.log1p(z) + zetaTail(z);
  }
  const z = x - 2;
  return (1 - EULER_GAMMA) * z + zetaTail(z);
}

/** sin(πx), exact reduction: x = n + r with |r| ≤ ½, sin(πx) = (−1)ⁿ sin(πr). */
export function sinPi(x: number): number {
  const n = Math.round(x);
  const s = Math.sin(Math.PI * (x - n));
  return n % 2 === 0 ? s : -s;
}

/** cot(πx), with the same reduction (period 1). */
export function cotPi(x: number): number {
  const r = x - Math.round(x);
  return Math.cos(Math.PI * r) / Math.sin(Math.PI * r);
}

/** True at the poles of Γ: 0, −1, −2, … */
export const isGammaPole = (x: number): boolean => x <= 0 && Number.isInteger(x);

/** ln|Γ(x)| (scipy's gammaln); +∞ at the poles. */
export function gammaln(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (isGammaPole(x)) return Infinity;
  if (x < 0) return Math.log(Math.PI / Math.abs(sinPi(x))) - gammaln(1 - x);
  if (x < 0.5) return (1 - EULER_GAMMA) * x - Math.log1p(x) + zetaTail(x) - Math.log(x);
  if (x <= 2.5) return lnGammaNearOneTwo(x);
  if (x < 20) {
    let product = 1;
    let y = x;
    while (y > 2.5) {
      y -= 1;
      product *= y;
    }
    return Math.log(product) + lnGammaNearOneTwo(y);
  }
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
}

/** Γ(x) (scipy's gamma); +∞ at the poles, overflowing to +∞ above 171.62. */
export function gamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (isGammaPole(x)) return Infinity;
  if (x === Infinity) return Infinity;
  if (x < 0) return Math.PI / (sinPi(x) * gamma(1 - x));
  if (x > 171.7) return Infinity;
  if (x < 0.5) return Math.exp(lnGammaNearOneTwo(1 + x)) / x;
  if (x < 20) {
    // Γ(x) = (x−1)…(x−m)·Γ(x−m) with x − m ∈ [0.5, 1.5), where |ln Γ| < 0.6 and e^(ln Γ) keeps its digits.
    let product = 1;
    let y = x;
    while (y >= 1.5) {
      y -= 1;
      product *= y;
    }
    return product * Math.exp(lnGammaNearOneTwo(y));
  }
  // √(2π)·x^(x−½)·e^(−x)·e^(series), with x^(x−½) as a square of x^(x/2−¼) so it does not overflow first
  const half = Math.pow(x, x / 2 - 0.25);
  return SQRT_2PI * ((half * Math.exp(-x)) * half) * Math.exp(stirlingCorrection(x));
}
