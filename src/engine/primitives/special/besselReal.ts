import { besselJn, besselYn, hankel, MAX_BESSEL_ORDER } from './besselJY';
import { gamma, sinPi } from './gamma';

/**
 * The Bessel functions J_ν and Y_ν of real order ν (scipy.special.jv, yv) for real x ≥ 0. Whole
 * orders are jn's and yn's (besselJY.ts). For a fractional order a = |ν|:
 *
 * - x ≤ 2: the power series J_a(x) = Σₖ (−x²/4)ᵏ (x/2)ᵃ / (k!·Γ(a + k + 1)) (DLMF 10.2.2), of J_a
 *   and J₋ₐ, whose terms fall from the first; Y_a = (J_a·cos aπ − J₋ₐ) / sin aπ (DLMF 10.2.3).
 * - x > 25 with x > a²/2 + 25: Hankel's expansions (DLMF 10.17.3–4), as for J₀ and J₁.
 * - otherwise: Miller's backward recurrence for J_{μ+k}, μ = frac(a), from an order past x and a,
 *   normalised by (x/2)^μ = Σₖ (μ + 2k)·Γ(μ + k)/k!·J_{μ+2k}(x) (DLMF 10.23.15); the same for the
 *   fraction 1 − μ, from which one step down gives J₋μ and J₋μ₋₁; Y_μ and Y_{μ+1} by the formula
 *   above, then Y's forward recurrence (stable: Y grows with the order).
 *
 * Negative orders by reflection (DLMF 10.4.7–8): J₋ₐ = cos aπ·J_a − sin aπ·Y_a, Y₋ₐ = sin aπ·J_a +
 * cos aπ·Y_a. Within 1e-3 of a whole order the Y formula's subtraction loses digits (J_a·cos aπ and
 * J₋ₐ agree there): the registry's domain refuses those orders rather than give a number less exact
 * than it looks.
 */

/** How close to a whole order Y's formula may go: about 3 digits are lost at that distance. */
export const NEAR_WHOLE_ORDER = 1e-3;
const SERIES_UP_TO = 2;
const ASYMPTOTIC_FROM = 25;
const RESCALE_ABOVE = 1e200;

/** cos(πx) with sinPi's exact reduction (cos(π/2) is 0, not 6e-17). */
const cosPi = (x: number): number => sinPi(x + 0.5);

/** J_a(x) by its power series (x ≤ 2; a may be negative, not a negative whole number). */
function series(a: number, x: number): number {
  const q = -(x * x) / 4;
  let term = Math.pow(x / 2, a) / gamma(a + 1);
  let sum = term;
  for (let k = 1; k < 200; k++) {
    term *= q / (k * (a + k));
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** J_μ(x) … J_{μ+top}(x) for 0 < μ < 1, by Miller's recurrence normalised by DLMF 10.23.15. */
function millerFraction(mu: number, x: number, top: number): Float64Array {
  const j = new Float64Array(top + 2);
  j[top + 1] = 0;
  j[top] = 1e-300;
  for (let n = top; n >= 1; n--) {
    j[n - 1] = ((2 * (mu + n)) / x) * j[n]! - j[n + 1]!;
    if (Math.abs(j[n - 1]!) > RESCALE_ABOVE) for (let m = n - 1; m <= top; m++) j[m]! *= 1 / RESCALE_ABOVE;
  }
  // c_k = (μ + 2k)·Γ(μ + k)/k!, by its ratio to c_{k−1}, from c₀ = μ·Γ(μ) = Γ(μ + 1)
  let c = gamma(mu + 1);
  let norm = c * j[0]!;
  for (let k = 1; 2 * k <= top; k++) {
    c *= ((mu + 2 * k) / (mu + 2 * k - 2)) * ((mu + k - 1) / k);
    norm += c * j[2 * k]!;
  }
  const scale = Math.pow(x / 2, mu) / norm;
  for (let n = 0; n <= top; n++) j[n]! *= scale;
  return j;
}

const startOrder = (x: number, a: number): number => {
  const past = Math.max(x, a);
  return 2 * Math.ceil((past + 12 * Math.cbrt(past) + 30) / 2);
};

/** J_a(x) and Y_a(x) for a fractional a > 0 and x > 0. */
function positiveOrder(a: number, x: number): { j: number; y: number } {
  if (x <= SERIES_UP_TO) {
    const ja = series(a, x);
    return { j: ja, y: (ja * cosPi(a) - series(-a, x)) / sinPi(a) };
  }
  if (x > ASYMPTOTIC_FROM && x > (a * a) / 2 + ASYMPTOTIC_FROM) {
    const { p, q } = hankel(a, x);
    const chi = x - (a / 2 + 0.25) * Math.PI;
    const scale = Math.sqrt(2 / (Math.PI * x));
    return { j: scale * (p * Math.cos(chi) - q * Math.sin(chi)), y: scale * (p * Math.sin(chi) + q * Math.cos(chi)) };
  }
  const n = Math.floor(a);
  const mu = a - n;
  const top = startOrder(x, a);
  const up = millerFraction(mu, x, top);
  const other = millerFraction(1 - mu, x, top);
  // J₋μ = (2(1 − μ)/x)·J_{1−μ} − J_{2−μ};  J₋μ₋₁ = (−2μ/x)·J₋μ − J_{1−μ}
  const jMinusMu = ((2 * (1 - mu)) / x) * other[0]! - other[1]!;
  const jMinusMuMinus1 = ((-2 * mu) / x) * jMinusMu - other[0]!;
  const s = sinPi(mu);
  let previous = (up[0]! * cosPi(mu) - jMinusMu) / s;
  let current = (up[1]! * -cosPi(mu) - jMinusMuMinus1) / -s;
  if (n === 0) return { j: up[0]!, y: previous };
  for (let k = 1; k < n && Number.isFinite(current); k++) [previous, current] = [current, ((2 * (mu + k)) / x) * current - previous];
  return { j: up[n]!, y: current };
}

/** Whether a is a whole order; else whether Y's formula is exact enough there (see NEAR_WHOLE_ORDER). */
export const nearWholeOrder = (a: number): boolean => !Number.isInteger(a) && Math.abs(a - Math.round(a)) < NEAR_WHOLE_ORDER;

/** J_ν(x) (scipy.special.jv) for real ν; x < 0 only for whole orders (else nan, as scipy). */
export function besselJv(nu: number, x: number): number {
  if (Number.isNaN(nu) || Number.isNaN(x) || Math.abs(nu) > MAX_BESSEL_ORDER) return NaN;
  if (Number.isInteger(nu)) return besselJn(nu, x);
  if (x < 0) return NaN;
  if (x === Infinity) return 0;
  const a = Math.abs(nu);
  if (x === 0) return nu > 0 ? 0 : Infinity;
  const { j, y } = positiveOrder(a, x);
  return nu > 0 ? j : cosPi(a) * j - sinPi(a) * y;
}

/** Y_ν(x) (scipy.special.yv) for real ν and x > 0 (nan below 0, −∞ at 0 for ν ≥ 0). */
export function besselYv(nu: number, x: number): number {
  if (Number.isNaN(nu) || Number.isNaN(x) || Math.abs(nu) > MAX_BESSEL_ORDER || x < 0) return NaN;
  if (Number.isInteger(nu)) return besselYn(nu, x);
  if (x === Infinity) return 0;
  const a = Math.abs(nu);
  if (x === 0) return nu > 0 || cosPi(a) > 0 ? -Infinity : Infinity;
  const { j, y } = positiveOrder(a, x);
  return nu > 0 ? y : sinPi(a) * j + cosPi(a) * y;
}
