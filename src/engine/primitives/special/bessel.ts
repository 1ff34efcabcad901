/**
 * The modified Bessel functions of the first kind I₀ and I₁ (scipy.special.i0, i1), by their power
 * series (DLMF 10.25.2)
 *   I₀(x) = Σₖ (x²/4)ᵏ/(k!)²,   I₁(x) = (x/2)·Σₖ (x²/4)ᵏ/(k!(k + 1)!),
 * whose terms are all positive, so the sum loses nothing to cancellation at any x: its relative error
 * is about the number of terms (≈ |x| + 20) times the rounding unit. Past |x| ≈ 713 they overflow,
 * as scipy's do (+∞).
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
