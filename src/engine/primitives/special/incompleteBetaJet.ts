import { Jet } from './jet';

/**
 * I_x(a, b) with its first and second derivatives in a and b (scipy.special.betainc's parameters),
 * by running the continued fraction of incompleteBeta.ts over second-order jets in (a, b): every
 * convergent is a rational function of a and b, so its jet carries exact derivatives of that
 * convergent, and the fraction is stopped only when the value AND every derivative have stopped
 * moving. This is the method of Boik & Robison-Cox, "Derivatives of the incomplete beta function"
 * (J. Statistical Software 3(1), 1998), which differentiates the same fraction term by term.
 * The code is ours; the derivatives are checked against mpmath in specialValues tests.
 */

/** I and its derivatives in a and b: first [∂a, ∂b], second [∂aa, ∂ab, ∂bb]. */
export interface IncompleteBetaDerivatives {
  readonly value: number;
  readonly first: readonly [number, number];
  readonly second: readonly [number, number, number];
}

const TINY = 1e-300;
const MAX_TERMS = 5000;

/**
 * I_x(a, b) and its derivatives in a and b, for a, b > 0 and 0 ≤ x ≤ 1; undefined when the fraction
 * (or its derivatives) did not settle within MAX_TERMS terms, so the caller refuses rather than
 * guess. At x = 0 and x = 1, I is 0 and 1 for every a, b: its derivatives there are 0.
 */
export function betaincWithParameterDerivatives(a: number, b: number, x: number): IncompleteBetaDerivatives | undefined {
  if (x === 0 || x === 1) return { value: x, first: [0, 0], second: [0, 0, 0] };
  const A = new Jet(a, 1, 0, 0, 0, 0);
  const B = new Jet(b, 0, 1, 0, 0, 0);
  // the same branch as incompleteBeta.ts's betainc, so value and derivatives belong together
  const direct = x < (a + 1) / (a + b + 2);
  const part = direct ? fractionTimesFront(A, B, x) : fractionTimesFront(B, A, 1 - x);
  if (part === undefined) return undefined;
  const i = direct ? part : Jet.constant(1).sub(part);
  return { value: i.v, first: [i.ga, i.gb], second: [i.haa, i.hab, i.hbb] };
}

/** xᵖ(1 − x)^q / (p·B(p, q)) · (the continued fraction), with p, q jets. */
function fractionTimesFront(p: Jet, q: Jet, x: number): Jet | undefined {
  const lnB = p.lgamma().add(q.lgamma()).sub(p.add(q).lgamma());
  const front = p.times(Math.log(x)).add(q.times(Math.log1p(-x))).sub(lnB).exp();
  const fraction = continuedFraction(p, q, x);
  return fraction && front.mul(fraction).div(p);
}

/** 1/(1 + d₁/(1 + d₂/(1 + …))) (DLMF 8.17.22) over jets, by the modified Lentz method. */
function continuedFraction(a: Jet, b: Jet, x: number): Jet | undefined {
  const guard = (j: Jet): Jet => (Math.abs(j.v) < TINY ? Jet.constant(TINY) : j);
  const one = Jet.constant(1);
  const ab = a.add(b);
  let c = one;
  let d = guard(one.sub(ab.times(x).div(a.plus(1)))).recip();
  let h = d;
  let settled = 0;
  for (let m = 1; m <= MAX_TERMS; m++) {
    // d₂ₘ = m(b − m)x / ((a + 2m − 1)(a + 2m)),  d₂ₘ₊₁ = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1))
    const even = b.plus(-m).times(m * x).div(a.plus(2 * m - 1).mul(a.plus(2 * m)));
    d = guard(one.add(even.mul(d))).recip();
    c = guard(one.add(even.div(c)));
    const evenStep = d.mul(c);
    h = h.mul(evenStep);
    const odd = a.plus(m).mul(ab.plus(m)).times(-x).div(a.plus(2 * m).mul(a.plus(2 * m + 1)));
    d = guard(one.add(odd.mul(d))).recip();
    c = guard(one.add(odd.div(c)));
    const oddStep = d.mul(c);
    h = h.mul(oddStep);
    // a step of 1 with no derivative leaves h and its derivatives as they are; twice in a row to be sure
    // (a step's derivatives are differences of d's and c's, so their rounding is relative to those)
    const noise = 4e-16 * (1 + Math.max(d.derivativeSize, c.derivativeSize));
    const still = Math.abs(evenStep.v - 1) < 1e-16 && Math.abs(oddStep.v - 1) < 1e-16 && evenStep.derivativeSize < noise && oddStep.derivativeSize < noise;
    settled = still ? settled + 1 : 0;
    if (settled >= 2) return h;
  }
  return undefined;
}
