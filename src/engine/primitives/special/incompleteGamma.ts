import { gammaln } from './gamma';
import { Jet } from './jet';

/**
 * The regularized incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 − P(a, x)
 * (scipy.special.gammainc and gammaincc), for a > 0 and x ≥ 0, by the two classical expansions
 * (DLMF 8.7.1 and 8.9.2; the arrangement of Numerical Recipes' gser and gcf):
 *   x < a + 1:  P = xᵃe⁻ˣ/Γ(a) · Σₙ xⁿ/(a(a + 1)…(a + n)),
 *   otherwise:  Q = xᵃe⁻ˣ/Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …))),
 * the fraction by the modified Lentz method; the other function is 1 minus the one computed, so each
 * is computed where it is not a difference of nearly equal numbers. The same expansions run over
 * jets in a give ∂/∂a and ∂²/∂a² (the betainc method of incompleteBetaJet.ts).
 */

const TINY = 1e-300;
const MAX_TERMS = 20000;

/** a·ln x with 0·ln 0 = 0 (so x^0 = 1 at x = 0). */
export function timesLog(a: number, x: number): number {
  return a === 0 ? 0 : a * Math.log(x);
}

/** c/x with 0/0 = 0: the (a − 1)/x of a density's log-derivative, where a = 1 makes it vanish at x = 0. */
export function ratio(c: number, x: number): number {
  return c === 0 ? 0 : c / x;
}

/** P and Q at (a, x); undefined when the expansion did not settle within MAX_TERMS terms. */
export function incompleteGamma(a: number, x: number): { p: number; q: number } | undefined {
  if (x === 0) return { p: 0, q: 1 };
  if (x === Infinity) return { p: 1, q: 0 };
  const jet = expansion(Jet.constant(a), x, false);
  if (jet === undefined) return undefined;
  return x < a + 1 ? { p: jet.v, q: 1 - jet.v } : { p: 1 - jet.v, q: jet.v };
}

/** P(a, x) with its first and second derivatives in a; undefined when the expansion did not settle. */
export function gammaincShapeDerivatives(a: number, x: number): { value: number; da: number; daa: number } | undefined {
  if (x === 0 || x === Infinity) return { value: x === 0 ? 0 : 1, da: 0, daa: 0 };
  const jet = expansion(new Jet(a, 1, 0, 0, 0, 0), x, true);
  if (jet === undefined) return undefined;
  const p = x < a + 1 ? jet : Jet.constant(1).sub(jet);
  return { value: p.v, da: p.ga, daa: p.haa };
}

/**
 * The series (P, for x < a + 1) or the fraction (Q) at a jet `a`; stopped when a term no longer
 * moves the value — and, with `derivatives`, nor its derivative parts.
 */
function expansion(a: Jet, x: number, derivatives: boolean): Jet | undefined {
  const front = a.times(Math.log(x)).plus(-x).sub(a.lgamma()).exp();
  const part = x < a.v + 1 ? series(a, x, derivatives) : fraction(a, x, derivatives);
  return part && front.mul(part);
}

/** Σₙ xⁿ/(a(a + 1)…(a + n)). */
function series(a: Jet, x: number, derivatives: boolean): Jet | undefined {
  let term = a.recip();
  let sum = term;
  for (let n = 1; n <= MAX_TERMS; n++) {
    term = term.times(x).div(a.plus(n));
    sum = sum.add(term);
    const still = Math.abs(term.v) < 1e-17 * Math.abs(sum.v) && (!derivatives || term.derivativeSize < 1e-17 * (1 + sum.derivativeSize));
    if (still) return sum;
  }
  return undefined;
}

/** 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)) by the modified Lentz method. */
function fraction(a: Jet, x: number, derivatives: boolean): Jet | undefined {
  const guard = (j: Jet): Jet => (Math.abs(j.v) < TINY ? Jet.constant(TINY) : j);
  let b = a.times(-1).plus(x + 1);
  let c = Jet.constant(1 / TINY);
  let d = guard(b).recip();
  let h = d;
  let settled = 0;
  for (let i = 1; i <= MAX_TERMS; i++) {
    const an = a.plus(-i).times(i); // −i(i − a)
    b = b.plus(2);
    d = guard(an.mul(d).add(b)).recip();
    c = guard(b.add(an.div(c)));
    const step = d.mul(c);
    h = h.mul(step);
    const noise = 4e-16 * (1 + Math.max(d.derivativeSize, c.derivativeSize));
    const still = Math.abs(step.v - 1) < 1e-16 && (!derivatives || step.derivativeSize < noise);
    settled = still ? settled + 1 : 0;
    if (settled >= 2) return h;
  }
  return undefined;
}
