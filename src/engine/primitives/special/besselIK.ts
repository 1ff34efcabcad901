import { MAX_BESSEL_ORDER } from './besselJY';
import { gammaln, sinPi } from './gamma';

/**
 * The modified Bessel functions I_ν and K_ν of real order ν (scipy.special.iv, kv) for real x.
 *
 * - K_ν(x), x > 0: the integral K_ν(x) = ∫₀^∞ e^(−x·cosh t)·cosh(νt) dt (DLMF 10.32.9) by the
 *   trapezoidal rule, whose error falls like e^(−2πd/h) for an integrand analytic in a strip of
 *   half-width d (Trefethen & Weideman, SIAM Review 2014): the terms are all positive, so the sum
 *   keeps its relative accuracy at every x and ν. The step shrinks like 1/√(x² + ν²)^½, the width of
 *   the integrand's peak at sinh t = ν/x, which keeps that error below e^(−40) (see stepOf).
 * - I_ν(x), ν ≥ 0: the power series Σₖ (x²/4)ᵏ (x/2)^ν / (k!·Γ(ν + k + 1)) (DLMF 10.25.2), of
 *   positive terms (no cancellation); past x > 30 and x > ν²/2 + 30, the large-argument expansion
 *   e^x/√(2πx)·Σₖ (−1)ᵏ aₖ(ν)/xᵏ (DLMF 10.40.1), whose smallest term is below e^(−2x).
 * - I₋ν = I_ν + (2/π)·sin(νπ)·K_ν (DLMF 10.27.2); K₋ν = K_ν (10.27.3); a whole order n has
 *   I₋ₙ = Iₙ and Iₙ(−x) = (−1)ⁿ·Iₙ(x) (10.27.1, 10.34.1). A fractional order at x < 0 is complex:
 *   scipy's nan, refused by the registry's domain.
 */

const ASYMPTOTIC_FROM = 30;
/** The trapezoidal sum stops once a term past the peak is below this fraction of the sum. */
const TAIL = 1e-18;

/** I_ν(x) for ν ≥ 0 and x > 0 by the power series, each term from the last. */
function seriesI(nu: number, x: number): number {
  const q = (x * x) / 4;
  // (x/2)^ν / Γ(ν + 1), in logarithms: a large order overflows either factor alone
  const first = Math.exp(nu * Math.log(x / 2) - gammaln(nu + 1));
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 100000; k++) {
    term *= q / (k * (nu + k));
    sum += term;
    if (term < 1e-17 * sum && k * (nu + k) > q) break;
  }
  return first * sum;
}

/** I_ν(x) for large x by its asymptotic expansion, summed while the terms fall. */
function asymptoticI(nu: number, x: number): number {
  const mu = 4 * nu * nu;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 200; k++) {
    const next = (-term * (mu - (2 * k - 1) ** 2)) / (k * 8 * x);
    if (Math.abs(next) >= Math.abs(term)) break;
    term = next;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  // e^x/√(2πx) as one exponential: the quotient is finite a little past where e^x alone overflows
  return Math.exp(x - 0.5 * Math.log(2 * Math.PI * x)) * sum;
}

/** I_ν(x) for ν ≥ 0, x > 0. */
function positiveOrderI(nu: number, x: number): number {
  return x > ASYMPTOTIC_FROM && x > (nu * nu) / 2 + ASYMPTOTIC_FROM ? asymptoticI(nu, x) : seriesI(nu, x);
}

/**
 * The trapezoid's step for K_ν(x): the peak of e^(−x·cosh t + νt) has width about (x² + ν²)^(−¼),
 * and a strip of half-width d costs e^(x(1 − cos d) + ν·ln(1/cos d)) against the e^(−2πd/h) the step
 * buys; h = 0.5·(x² + ν²)^(−¼) (at most 0.1) keeps their product below e^(−40) at d = π/4.
 */
const stepOf = (nu: number, x: number): number => Math.min(0.1, 0.5 / Math.sqrt(Math.sqrt(x * x + nu * nu)));

/** K_ν(x) for ν ≥ 0, x > 0, by the trapezoidal rule on ∫₀^∞ e^(−x·cosh t)·cosh(νt) dt. */
function integralK(nu: number, x: number): number {
  const h = stepOf(nu, x);
  // the largest exponent: e^(−x·cosh t + νt) peaks at sinh t = ν/x; the sum is scaled by it
  const peak = Math.asinh(nu / x);
  const top = Math.max(-x * Math.cosh(peak) + nu * peak, -x);
  const at = (t: number): number => {
    const c = -x * Math.cosh(t) - top;
    return Math.exp(c + nu * t) + Math.exp(c - nu * t);
  };
  let sum = at(0) / 2;
  for (let k = 1; k < 1000000; k++) {
    const t = k * h;
    const term = at(t);
    sum += term;
    if (t > peak && term < TAIL * sum) break;
  }
  return 0.5 * h * sum * Math.exp(top);
}

/** K_ν(x) (scipy.special.kv) for real ν and x > 0 (nan below 0, ∞ at 0, as scipy). */
export function besselKv(nu: number, x: number): number {
  if (Number.isNaN(nu) || Number.isNaN(x) || Math.abs(nu) > MAX_BESSEL_ORDER || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x === Infinity) return 0;
  return integralK(Math.abs(nu), x);
}

/** I_ν(x) (scipy.special.iv) for real ν; x < 0 only for whole orders (else nan, as scipy). */
export function besselIv(nu: number, x: number): number {
  if (Number.isNaN(nu) || Number.isNaN(x) || Math.abs(nu) > MAX_BESSEL_ORDER) return NaN;
  if (Number.isInteger(nu)) {
    const n = Math.abs(nu);
    if (x < 0) return (n % 2 === 0 ? 1 : -1) * besselIv(n, -x);
    if (x === 0) return n === 0 ? 1 : 0;
    return x === Infinity ? Infinity : positiveOrderI(n, x);
  }
  if (x < 0) return NaN;
  const a = Math.abs(nu);
  if (x === 0) return nu > 0 ? 0 : Infinity;
  if (x === Infinity) return Infinity;
  const i = positiveOrderI(a, x);
  return nu > 0 ? i : i + (2 / Math.PI) * sinPi(a) * integralK(a, x);
}
