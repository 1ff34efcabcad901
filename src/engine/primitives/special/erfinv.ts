import { erf, logErfc } from './erf';

/**
 * Inverses of erf, erfc and Φ by Newton's method on our own erf and erfc, from a start that is
 * already close, so that two to four steps reach float64 accuracy:
 *
 * - erfinv(x), |x| ≤ 1/2: Newton on erf(w) = x from the Maclaurin series of erfinv
 *   (w ≈ (√π/2)(x + πx³/12 + 7π²x⁵/480)).
 * - erfcinv(y), y ≤ 1/2: Newton on ln erfc(w) = ln y, in logs so that it works down to y ≈ 1e−308,
 *   from the tail's leading term erfc w ≈ e^(−w²)/(w√π), i.e. w² ≈ −ln y − ½ ln(−π ln y).
 * - everything else by symmetry through arguments that are exact in float64 (Sterbenz's lemma):
 *   erfinv(x) = erfcinv(1 − x) for x > 1/2; erfcinv(y) = erfinv(1 − y) for 1/2 < y ≤ 3/2,
 *   erfcinv(y) = −erfcinv(2 − y) above; ndtri(p) = −√2·erfcinv(2p).
 */

const HALF_SQRT_PI = 0.886226925452758;

export function erfinv(x: number): number {
  if (Number.isNaN(x) || x < -1 || x > 1) return NaN;
  if (x === 1) return Infinity;
  if (x === -1) return -Infinity;
  if (x > 0.5) return erfcinvSmall(1 - x);
  if (x < -0.5) return -erfcinvSmall(1 + x);
  const x2 = x * x;
  let w = HALF_SQRT_PI * x * (1 + x2 * (Math.PI / 12 + x2 * ((7 * Math.PI * Math.PI) / 480)));
  for (let i = 0; i < 8; i++) {
    // w ← w − (erf w − x)/erf′(w), erf′(w) = (2/√π) e^(−w²)
    const step = (erf(w) - x) * HALF_SQRT_PI * Math.exp(w * w);
    w -= step;
    if (Math.abs(step) <= 1e-17 * Math.abs(w)) break;
  }
  return w;
}

export function erfcinv(y: number): number {
  if (Number.isNaN(y) || y < 0 || y > 2) return NaN;
  if (y === 0) return Infinity;
  if (y === 2) return -Infinity;
  if (y <= 0.5) return erfcinvSmall(y);
  if (y <= 1.5) return erfinv(1 - y);
  return -erfcinvSmall(2 - y);
}

/** Φ⁻¹(p), the standard normal quantile (scipy's ndtri). */
export function ndtri(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  return 0 - Math.SQRT2 * erfcinv(2 * p); // 0 − …: Φ⁻¹(½) is +0, as scipy gives
}

/** erfcinv(y) for 0 < y ≤ 1/2 (w ≥ 0.47): Newton in logs. */
function erfcinvSmall(y: number): number {
  if (y === 0) return Infinity;
  const target = Math.log(y);
  const t = -target;
  let w = Math.sqrt(Math.max(0.2, t - 0.5 * Math.log(Math.PI * Math.max(t, 1))));
  for (let i = 0; i < 40; i++) {
    // g(w) = ln erfc w − ln y, g′(w) = −(2/√π) e^(−w²)/erfc w = −(2/√π) e^(−w² − ln erfc w)
    const le = logErfc(w);
    const step = (le - target) * HALF_SQRT_PI * Math.exp(w * w + le);
    w += step;
    if (Math.abs(step) <= 1e-16 * w) break;
  }
  return w;
}
