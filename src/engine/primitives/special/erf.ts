import { ERFC_AT_CENTRES, ERFC_CENTRES } from './tables.generated';

/**
 * The error function family and the normal distribution's CDF, to float64 accuracy (checked against
 * scipy and mpmath in test/unit/engine/specialValues.test.ts):
 *
 * - erf for |x| < 3: the series erf x = (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)), whose terms are all
 *   positive, so it loses nothing to cancellation.
 * - erfc on [0.5, 3.25): Taylor expansions around the centres 0.625, 0.875, … (|h| ≤ 1/8), using
 *   erfc⁽ᵏ⁾(x) = −(2/√π)(−1)^(k−1) H_(k−1)(x) e^(−x²) with the Hermite recurrence; erfc at the centres
 *   is a table computed by mpmath. (1 − erf x loses up to five digits there.)
 * - the tails: the Laplace continued fraction of Mills' ratio, Φ(−t) = φ(t)/M(t) with
 *   M(t) = t + 1/(t + 2/(t + 3/(t + …))), evaluated by Lentz's method; erfc z = 2Φ(−√2 z).
 * - e^(−x²) in the tails is formed from x split into a 20-bit head and the rest, so that the square
 *   is exact and the result keeps its relative accuracy at x = 26 (one rounding of x² would cost
 *   x²·ε ≈ 1e−13).
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const SQRT_PI = 1.7724538509055159;
const SQRT2 = Math.SQRT2;
/** 1/√(2π) and ln √(2π). */
const INV_SQRT_2PI = 0.3989422804014327;
const LN_SQRT_2PI = 0.9189385332046728;

/** erf(x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax >= 6) return Math.sign(x);
  if (ax < 3) return Math.sign(x) * erfSeries(ax);
  return Math.sign(x) * (1 - erfcTail(ax));
}

/** erf(x) for 0 ≤ x < 3 by the positive series. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** erfc(x) = 1 − erf(x), accurate relative to itself for every x (no subtraction in the tail). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.5) return 1 - erfSeries(x);
  if (x < 3.25) return erfcTaylor(x);
  if (x > 27.3) return 0;
  return erfcTail(x);
}

/** erfc(x) for 0.5 ≤ x < 3.25: the Taylor series around the nearest centre. */
function erfcTaylor(x: number): number {
  const i = Math.min(ERFC_CENTRES.length - 1, Math.floor((x - 0.5) * 4));
  const x0 = ERFC_CENTRES[i]!;
  const h = x - x0;
  // Σₖ (−1)^(k−1) H_(k−1)(x₀) hᵏ/k!, with p = (−1)^(k−1) hᵏ/k! and H the physicists' Hermite polynomials
  let hPrev = 0;
  let hCur = 1; // H₀
  let p = h;
  let sum = p;
  for (let k = 1; k < 60; k++) {
    const hNext = 2 * x0 * hCur - 2 * (k - 1) * hPrev; // H_k
    hPrev = hCur;
    hCur = hNext;
    p *= -h / (k + 1);
    const term = hCur * p;
    sum += term;
    if (Math.abs(term) < 1e-18 * Math.abs(sum)) break;
  }
  return ERFC_AT_CENTRES[i]! - TWO_OVER_SQRT_PI * Math.exp(-x0 * x0) * sum;
}

/** erfc(x) for x ≥ 3 from Mills' ratio: erfc x = 2·φ(√2 x)/M(√2 x) = e^(−x²)·√2/(√π·M(√2 x)). */
function erfcTail(x: number): number {
  return (expMinusSquare(x) * SQRT2) / (SQRT_PI * millsDenominator(SQRT2 * x));
}

/**
 * M(t) = t + 1/(t + 2/(t + 3/(t + …))) for t ≥ 3 (where it converges in a few dozen terms), so that
 * Φ(−t) = φ(t)/M(t). Modified Lentz: each step multiplies f by C·D until the factor is 1 to 1e−16.
 */
export function millsDenominator(t: number): number {
  const tiny = 1e-300;
  let f = t;
  let c = t;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    d = t + n * d;
    if (d === 0) d = tiny;
    c = t + n / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return f;
}

/** e^(−x²) with x² formed exactly: x = hi + lo, hi with at most 21 significant bits (|x| < 64). */
export function expMinusSquare(x: number): number {
  const hi = Math.round(x * 32768) / 32768;
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-lo * (2 * hi + lo));
}

/** e^(−t²/2), formed the same way (halving is exact). */
function expMinusHalfSquare(t: number): number {
  const hi = Math.round(t * 32768) / 32768;
  const lo = t - hi;
  return Math.exp(-0.5 * hi * hi) * Math.exp(-0.5 * lo * (2 * hi + lo));
}

/** Φ(x), the standard normal CDF (scipy's ndtr). */
export function ndtr(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < -3) return lowerTail(-x);
  if (x > 3) return 1 - lowerTail(x);
  return 0.5 * erfc(-x / SQRT2);
}

/** Φ(−t) = φ(t)/M(t) for t ≥ 3, with no rounding of t/√2. */
function lowerTail(t: number): number {
  if (t > 38.5) return 0;
  return (expMinusHalfSquare(t) * INV_SQRT_2PI) / millsDenominator(t);
}

/**
 * ln Φ(x), finite far into the left tail where Φ underflows: for x < −3,
 * ln Φ(x) = −x²/2 − ln √(2π) − ln M(−x); for x > 3, ln(1 − Φ(−x)) by log1p.
 */
export function logNdtr(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === -Infinity) return -Infinity;
  if (x < -3) return -0.5 * x * x - LN_SQRT_2PI - Math.log(millsDenominator(-x));
  if (x > 3) return Math.log1p(-lowerTail(x));
  return Math.log(0.5 * erfc(-x / SQRT2));
}

/**
 * ln erfc(x) for x ≥ 0.45 (erfcinv's Newton iteration works in logs so that it reaches y ≈ 1e−300):
 * ln erfc x = −x² + ln(√2/(√π·M(√2 x))) in the tail.
 */
export function logErfc(x: number): number {
  if (x < 3.25) return Math.log(erfc(x));
  return -x * x + Math.log(SQRT2 / (SQRT_PI * millsDenominator(SQRT2 * x)));
}
