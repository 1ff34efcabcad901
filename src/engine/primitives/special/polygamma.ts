import { BERNOULLI_EVEN, cotPi, isGammaPole } from './gamma';
import { DIGAMMA_ROOT_HI, DIGAMMA_ROOT_LO, DIGAMMA_ROOT_TAYLOR, ZETA_MINUS_ONE } from './tables.generated';

const EULER_GAMMA = 0.5772156649015329;

/**
 * ψ = (ln Γ)′ and its derivatives ψ⁽ⁿ⁾ (scipy's digamma and polygamma), checked against scipy and
 * mpmath in test/unit/engine/specialValues.test.ts:
 *
 * - for x > 0, the recurrence ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x+1) + (−1)ⁿ⁺¹ n!/xⁿ⁺¹ up to y ≥ 12 + n, then the
 *   asymptotic series ψ(y) = ln y − 1/(2y) − Σ B₂ₖ/(2k y²ᵏ) and, for n ≥ 1,
 *   ψ⁽ⁿ⁾(y) = (−1)ⁿ⁺¹ [(n−1)!/yⁿ + n!/(2yⁿ⁺¹) + Σ B₂ₖ (2k+n−1)!/((2k)! y²ᵏ⁺ⁿ)]; for n ≥ 1 every
 *   term has one sign, so nothing cancels;
 * - near ψ's positive root x₀ = 1.4616…, where the recurrence cancels to nothing, the Taylor series
 *   Σ ψ⁽ᵏ⁾(x₀)/k!·(x − x₀)ᵏ (coefficients from mpmath; x₀ held as two doubles);
 * - for x < 0, the reflection ψ(1−x) − ψ(x) = π cot(πx) differentiated n times:
 *   ψ⁽ⁿ⁾(x) = (−1)ⁿ ψ⁽ⁿ⁾(1−x) − πⁿ⁺¹ Pₙ(cot πx), where dⁿ/duⁿ cot u = Pₙ(cot u),
 *   P₀(c) = c and Pₖ₊₁(c) = −(1 + c²)·Pₖ′(c).
 */

/** The largest order polygamma accepts: beyond it n! and yⁿ leave float64's range. */
export const MAX_POLYGAMMA_ORDER = 100;

export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (isGammaPole(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x < 0) return digamma(1 - x) - Math.PI * cotPi(x);
  const h = x - DIGAMMA_ROOT_HI - DIGAMMA_ROOT_LO;
  if (Math.abs(h) < 0.3) {
    let sum = 0;
    for (let k = DIGAMMA_ROOT_TAYLOR.length - 1; k >= 0; k--) sum = (sum + DIGAMMA_ROOT_TAYLOR[k]!) * h;
    return sum;
  }
  if (x < 0.5) return digammaNearOneTwo(1, x) - 1 / x;
  if (x <= 2.5) return x < 1.5 ? digammaNearOneTwo(1, x - 1) : digammaNearOneTwo(2, x - 2);
  if (x < 12) {
    // ψ(x) = ψ(x−m) + 1/(x−1) + … + 1/(x−m): positive terms onto ψ(x−m) > 0, x − i exact
    let y = x;
    let shift = 0;
    while (y > 2.5) {
      y -= 1;
      shift += 1 / y;
    }
    return digammaNearOneTwo(2, y - 2) + shift;
  }
  const inv2 = 1 / (x * x);
  let power = inv2;
  let series = 0;
  for (let k = 1; k <= 10; k++) {
    const term = (BERNOULLI_EVEN[k - 1]! / (2 * k)) * power;
    series += term;
    if (Math.abs(term) < 1e-17 * Math.abs(series)) break;
    power *= inv2;
  }
  return Math.log(x) - 0.5 / x - series;
}

/**
 * ψ(base + z) for |z| ≤ ½ and base 1 or 2, from ψ(1+z) = −γ + Σₖ₌₂ (−1)ᵏ ζ(k) zᵏ⁻¹ with ζ(k) − 1 split
 * off: ψ(1+z) = −γ + z/(1+z) + Σ (−1)ᵏ (ζ(k)−1) zᵏ⁻¹, and ψ(2+z) = ψ(1+z) + 1/(1+z) = 1 − γ + Σ ….
 */
function digammaNearOneTwo(base: 1 | 2, z: number): number {
  let sum = 0;
  let power = -1; // (−1)ᵏ zᵏ⁻¹, from k = 2 on
  for (let k = 2; k < ZETA_MINUS_ONE.length; k++) {
    power *= -z;
    const term = ZETA_MINUS_ONE[k]! * power;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return (base === 1 ? -EULER_GAMMA + z / (1 + z) : 1 - EULER_GAMMA) + sum;
}

/** ψ⁽ⁿ⁾(x) for an integer order 0 ≤ n ≤ MAX_POLYGAMMA_ORDER; NaN for any other order and at the poles. */
export function polygamma(n: number, x: number): number {
  if (!Number.isInteger(n) || n < 0 || n > MAX_POLYGAMMA_ORDER || Number.isNaN(x)) return NaN;
  if (n === 0) return digamma(x);
  if (isGammaPole(x)) return NaN;
  if (x === Infinity) return 0;
  if (x < 0) {
    const reflected = (n % 2 === 0 ? 1 : -1) * polygamma(n, 1 - x);
    return reflected - Math.pow(Math.PI, n + 1) * cotDerivative(n, cotPi(x));
  }
  return positivePolygamma(n, x);
}

function positivePolygamma(n: number, x: number): number {
  const sign = n % 2 === 1 ? 1 : -1; // (−1)ⁿ⁺¹
  let nFactorial = 1;
  for (let i = 2; i <= n; i++) nFactorial *= i;
  let shift = 0;
  let y = x;
  while (y < 12 + n) {
    shift += Math.pow(y, -(n + 1));
    y += 1;
  }
  // (n−1)!/yⁿ + n!/(2yⁿ⁺¹) + Σₖ B₂ₖ (2k+n−1)!/((2k)! y^(2k+n)); the ratio (2k+n−1)!/(2k)! built up term by term
  const yn = Math.pow(y, -n);
  let series = (nFactorial / n) * yn + (nFactorial / 2) * yn / y;
  const inv2 = 1 / (y * y);
  let ratio = nFactorial / n; // (2k+n−1)!/(2k)! at k = 0: (n−1)!
  let power = yn;
  for (let k = 1; k <= 15; k++) {
    ratio *= ((2 * k + n - 2) * (2 * k + n - 1)) / ((2 * k - 1) * 2 * k);
    power *= inv2;
    const term = BERNOULLI_EVEN[k - 1]! * ratio * power;
    series += term;
    if (Math.abs(term) < 1e-17 * Math.abs(series)) break;
  }
  return sign * (series + nFactorial * shift);
}

/** Pₙ(c) = dⁿ/duⁿ cot u at cot u = c, from the polynomials' recurrence (coefficients of cᵏ). */
function cotDerivative(n: number, c: number): number {
  let coefficients = [0, 1]; // P₀(c) = c
  for (let step = 0; step < n; step++) {
    // P′(c)
    const derivative = coefficients.slice(1).map((a, k) => a * (k + 1));
    // −(1 + c²)·P′(c)
    const next = new Array<number>(derivative.length + 2).fill(0);
    derivative.forEach((a, k) => {
      next[k] = next[k]! - a;
      next[k + 2] = next[k + 2]! - a;
    });
    coefficients = next;
  }
  let value = 0;
  for (let k = coefficients.length - 1; k >= 0; k--) value = value * c + coefficients[k]!;
  return value;
}
