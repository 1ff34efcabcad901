/**
 * The Bessel functions of the first and second kind of orders 0 and 1, J₀, J₁, Y₀, Y₁
 * (scipy.special.j0, j1, y0, y1), for real x. Two methods, each where it is accurate to about the
 * rounding unit in absolute terms (as scipy's are; relative accuracy is lost only near the zeros):
 *
 * - 1e-5 ≤ |x| ≤ 25: Miller's backward recurrence J_{n−1} = (2n/x)·J_n − J_{n+1} from an order N well past
 *   x (DLMF 10.74(iv)), where every J_n decays with n, so the recurrence is stable; normalised by
 *   J₀ + 2·Σₖ J₂ₖ = 1 (DLMF 10.12.4). Y₀ then follows from Neumann's series (A&S 9.1.88)
 *     (π/2)·Y₀(x) = (ln(x/2) + γ)·J₀(x) − 2·Σₖ (−1)ᵏ J₂ₖ(x)/k,
 *   and Y₁ = −Y₀′ from the same series differentiated term by term (J₂ₖ′ = (J₂ₖ₋₁ − J₂ₖ₊₁)/2), which
 *   converges as fast: every term is a J_n already at hand.
 * - |x| > 25: Hankel's asymptotic expansions (DLMF 10.17.3–4), whose smallest term there is below
 *   e^{−2|x|} ≈ 1e-22:
 *     J_ν(x) = √(2/(πx))·(P·cos χ − Q·sin χ),  Y_ν(x) = √(2/(πx))·(P·sin χ + Q·cos χ),
 *     χ = x − (ν/2 + 1/4)π,  P = Σₖ (−1)ᵏ a₂ₖ(ν)/x²ᵏ,  Q = Σₖ (−1)ᵏ a₂ₖ₊₁(ν)/x²ᵏ⁺¹,
 *     a_k(ν) = ((4ν² − 1²)(4ν² − 3²)…(4ν² − (2k − 1)²)) / (k!·8ᵏ).
 *
 * J₀ is even and J₁ odd; Y₀ and Y₁ are real only for x > 0 (scipy gives nan below 0 and −∞ at 0:
 * the registry's domain refuses both, so no NaN passes silently).
 */

const EULER_GAMMA = 0.5772156649015329;
const ASYMPTOTIC_FROM = 25;
const TINY_BELOW = 1e-5;
const RESCALE_ABOVE = 1e200;

interface OrdersZeroOne {
  j0: number;
  j1: number;
  y0: number;
  y1: number;
}

/** The recurrence's orders, reused by every call of orders 0 and 1 (top ≤ 92 for x ≤ 25). */
const scratch = new Float64Array(128);

/**
 * J₀(x) … J_top(x) by Miller's backward recurrence from `top` (even, well past x and the orders
 * wanted), normalised by J₀ + 2·Σₖ J₂ₖ = 1, into `j` (length ≥ top + 2).
 */
function millerOrders(x: number, top: number, j: Float64Array): Float64Array {
  j[top + 1] = 0;
  j[top] = 1;
  for (let n = top; n >= 1; n--) {
    j[n - 1] = ((2 * n) / x) * j[n]! - j[n + 1]!;
    if (Math.abs(j[n - 1]!) > RESCALE_ABOVE) for (let m = n - 1; m <= top; m++) j[m]! *= 1 / RESCALE_ABOVE;
  }
  let norm = j[0]!;
  for (let k = 2; k <= top; k += 2) norm += 2 * j[k]!;
  for (let n = 0; n <= top; n++) j[n]! /= norm;
  return j;
}

/** An even start order far enough past x and the order n that J_top/J_n is below the rounding unit. */
const startOrder = (x: number, n: number): number => {
  const past = Math.max(x, n);
  return 2 * Math.ceil((past + 12 * Math.cbrt(past) + 30) / 2);
};

/** J₀, J₁ and (x > 0) Y₀, Y₁ at 1e-5 ≤ x ≤ 25 by Miller's recurrence and Neumann's series. */
function miller(x: number): OrdersZeroOne {
  // checked against mpmath over (0, 25] in test/unit/engine/specialValues.test.ts
  const top = startOrder(x, 0);
  const j = millerOrders(x, top, scratch);
  const lead = Math.log(x / 2) + EULER_GAMMA;
  let y0Sum = 0;
  let y1Sum = 0;
  for (let k = 1; 2 * k + 1 <= top; k++) {
    const sign = k % 2 === 0 ? 1 : -1;
    y0Sum += (sign * j[2 * k]!) / k;
    y1Sum += (sign * (j[2 * k - 1]! - j[2 * k + 1]!)) / k;
  }
  return {
    j0: j[0]!,
    j1: j[1]!,
    y0: (2 / Math.PI) * (lead * j[0]! - 2 * y0Sum),
    y1: (2 / Math.PI) * (lead * j[1]! - j[0]! / x + y1Sum),
  };
}

/** Hankel's P and Q of order ν at x > 25, summed while the terms fall. */
export function hankel(nu: number, x: number): { p: number; q: number } {
  const mu = 4 * nu * nu;
  let p = 1;
  let q = 0;
  let term = 1;
  let last = Infinity;
  for (let k = 1; k < 200; k++) {
    term *= (mu - (2 * k - 1) ** 2) / (k * 8 * x);
    const size = Math.abs(term);
    if (size >= last || size === 0) break;
    last = size;
    // a_k/x^k with the sign (−1)^⌊k/2⌋: odd k go to Q, even k to P
    const signed = Math.floor(k / 2) % 2 === 0 ? term : -term;
    if (k % 2 === 1) q += signed;
    else p += signed;
    if (size < 1e-17 * Math.abs(p)) break;
  }
  return { p, q };
}

function asymptotic(x: number): OrdersZeroOne {
  const scale = Math.sqrt(2 / (Math.PI * x));
  const zero = hankel(0, x);
  const one = hankel(1, x);
  const chi0 = x - Math.PI / 4;
  const chi1 = x - (3 * Math.PI) / 4;
  const [c0, s0, c1, s1] = [Math.cos(chi0), Math.sin(chi0), Math.cos(chi1), Math.sin(chi1)];
  return {
    j0: scale * (zero.p * c0 - zero.q * s0),
    y0: scale * (zero.p * s0 + zero.q * c0),
    j1: scale * (one.p * c1 - one.q * s1),
    y1: scale * (one.p * s1 + one.q * c1),
  };
}

/**
 * Below x = 1e-5 the recurrence's first steps (2n/x) would overflow; the leading terms of the power
 * series (A&S 9.1.10, 9.1.11 with ψ(1) + ψ(2) = 1 − 2γ) are exact there to x⁴ relative.
 */
function tiny(x: number): OrdersZeroOne {
  const q = (x * x) / 4;
  const j1 = (x / 2) * (1 - q / 2);
  const lead = Math.log(x / 2) + EULER_GAMMA;
  return {
    j0: 1 - q,
    j1,
    y0: (2 / Math.PI) * (lead * (1 - q) + q),
    y1: -2 / (Math.PI * x) + (2 / Math.PI) * Math.log(x / 2) * j1 - (x / (2 * Math.PI)) * (1 - 2 * EULER_GAMMA),
  };
}

/**
 * The last argument's four values: one computation gives J₀, J₁, Y₀ and Y₁, and a derivative asks
 * for the others at the same x (J₀′ = −J₁, Y₁′ = Y₀ − Y₁/x) right after the value.
 */
let lastX = NaN;
let lastOrders: OrdersZeroOne = { j0: NaN, j1: NaN, y0: NaN, y1: NaN };

function ordersZeroOne(x: number): OrdersZeroOne {
  if (x === lastX) return lastOrders;
  lastOrders = x > ASYMPTOTIC_FROM ? asymptotic(x) : x < TINY_BELOW ? tiny(x) : miller(x);
  lastX = x;
  return lastOrders;
}

export function besselJ0(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a === Infinity) return 0;
  return a === 0 ? 1 : ordersZeroOne(a).j0;
}

export function besselJ1(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a === Infinity) return 0;
  if (a === 0) return x;
  const v = ordersZeroOne(a).j1;
  return x < 0 ? -v : v;
}

export function besselY0(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return 0;
  return ordersZeroOne(x).y0;
}

export function besselY1(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return 0;
  return ordersZeroOne(x).y1;
}

/** (−1)^n as a sign, for an integer n. */
const parity = (n: number): number => (Math.abs(n) % 2 === 1 ? -1 : 1);

/** The largest order GradLens computes J_n and Y_n for (scipy's recurrences go further, rarely met). */
export const MAX_BESSEL_ORDER = 10000;

/**
 * J_n(x) for an integer n (scipy.special.jn): J₋ₙ = (−1)ⁿ·Jₙ and Jₙ(−x) = (−1)ⁿ·Jₙ(x). Orders 0 and 1
 * as above; past x = 25 with n < x the forward recurrence J_{k+1} = (2k/x)·J_k − J_{k−1} from Hankel's
 * J₀, J₁ (stable there: J grows with k until k ≈ x); else Miller's recurrence from past n and x
 * (below x = 1e-5 the series' two leading terms, (x/2)ⁿ/n!·(1 − (x²/4)/(n + 1))).
 */
export function besselJn(n: number, x: number): number {
  if (Number.isNaN(n) || Number.isNaN(x) || !Number.isInteger(n)) return NaN;
  const m = Math.abs(n);
  const a = Math.abs(x);
  const sign = (n < 0 ? parity(m) : 1) * (x < 0 ? parity(m) : 1);
  if (m === 0) return besselJ0(a);
  if (m === 1) return sign * besselJ1(a);
  if (a === 0 || a === Infinity) return 0;
  if (a > ASYMPTOTIC_FROM && m < a) {
    const { j0, j1 } = asymptotic(a);
    let [previous, current] = [j0, j1];
    for (let k = 1; k < m; k++) [previous, current] = [current, ((2 * k) / a) * current - previous];
    return sign * current;
  }
  if (a < TINY_BELOW) {
    let lead = 1;
    for (let k = 1; k <= m; k++) lead *= a / 2 / k;
    return sign * lead * (1 - (a * a) / 4 / (m + 1));
  }
  const top = startOrder(a, m);
  const j = millerOrders(a, top, top + 2 <= scratch.length ? scratch : new Float64Array(top + 2));
  return sign * j[m]!;
}

/**
 * Y_n(x) for an integer n and x > 0 (scipy.special.yn): the forward recurrence from Y₀ and Y₁, stable
 * for every order (Y_n grows with n); Y₋ₙ = (−1)ⁿ·Yₙ. Below 0 it is not real (nan), at 0 it is infinite.
 */
export function besselYn(n: number, x: number): number {
  if (Number.isNaN(n) || Number.isNaN(x) || !Number.isInteger(n) || x < 0) return NaN;
  const m = Math.abs(n);
  const sign = n < 0 ? parity(m) : 1;
  if (x === 0) return -sign * Infinity;
  if (m === 0) return besselY0(x);
  let [previous, current] = [besselY0(x), besselY1(x)];
  for (let k = 1; k < m && Number.isFinite(current); k++) [previous, current] = [current, ((2 * k) / x) * current - previous];
  return sign * current;
}
