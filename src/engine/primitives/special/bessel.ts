/**
 * The modified Bessel functions of the first kind I₀ and I₁ (scipy.special.i0, i1), by their power
 * series (DLMF 10.25.2)
 *   I₀(x) = Σₖ (x²/4)ᵏ/(k!)²,   I₁(x) = (x/2)·Σₖ (x²/4)ᵏ/(k!(k + 1)!),
 * whose terms are all positive, so the sum loses nothing to cancellation at any x: its relative error
 * is about the number of terms (≈ |x| + 20) times the rounding unit. Past |x| ≈ 713 they overflow,
 * as scipy's do (+∞).
 *
 * The exponentially scaled I₀e(x) = e^{−|x|}·I₀(x) and I₁e(x) = e^{−|x|}·I₁(x) (scipy.special.i0e, i1e)
 * take the series times e^{−|x|} up to |x| = 30 and past it the large-argument expansion (DLMF 10.40.1)
 *   I_ν(x)·e^{−x} = (2πx)^{−1/2}·Σₖ (−1)ᵏ a_k(ν)/xᵏ,  a_k(ν) = Πⱼ₌₁..ₖ (4ν² − (2j − 1)²) / (k!·8ᵏ),
 * whose smallest term there is below e^{−2|x|} ≈ 1e-26; they never overflow.
 */

const MAX_TERMS = 2000;

function series(q: number, first: number, next: (k: number) => number): number {
  let term = first;
  let sum = term;
  for (let k = 1; k <= MAX_TERMS; k++) {
    term *= q / next(k);
    sum += term;
    if (term <= sum * 1e-17 || !Number.isFinite(sum)) break;
  }
  return sum;
}

export function besselI0(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) > 713.99) return Infinity;
  return series((x * x) / 4, 1, (k) => k * k);
}

export function besselI1(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) > 713.99) return x > 0 ? Infinity : -Infinity;
  return (x / 2) * series((x * x) / 4, 1, (k) => k * (k + 1));
}

const SCALED_ASYMPTOTIC_FROM = 30;

/** (2πx)^{−1/2}·Σₖ (−1)ᵏ a_k(ν)/xᵏ at x > 30, summed while the terms fall. */
function scaledAsymptotic(nu: number, x: number): number {
  const mu = 4 * nu * nu;
  let sum = 1;
  let term = 1;
  let last = Infinity;
  for (let k = 1; k < 200; k++) {
    term *= -(mu - (2 * k - 1) ** 2) / (k * 8 * x);
    const size = Math.abs(term);
    if (size >= last || size === 0) break;
    last = size;
    sum += term;
    if (size < 1e-17 * Math.abs(sum)) break;
  }
  return sum / Math.sqrt(2 * Math.PI * x);
}

export function besselI0e(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a === Infinity) return 0;
  return a > SCALED_ASYMPTOTIC_FROM ? scaledAsymptotic(0, a) : besselI0(a) * Math.exp(-a);
}

export function besselI1e(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a === Infinity) return 0;
  const v = a > SCALED_ASYMPTOTIC_FROM ? scaledAsymptotic(1, a) : besselI1(a) * Math.exp(-a);
  return x < 0 ? -v : v;
}
