import { erf, erfc, logNdtr, ndtr } from './special/erf';
import { erfcinv, erfinv, ndtri } from './special/erfinv';
import { expit } from './special/logistic';
import { gamma, gammaln, isGammaPole } from './special/gamma';
import { digamma, MAX_POLYGAMMA_ORDER, polygamma } from './special/polygamma';
import { roundHalfEven } from './special/rounding';
import { besselI0, besselI0e, besselI1, besselI1e } from './special/bessel';
import { besselJ0, besselJ1, besselJn, besselY0, besselY1, besselYn, MAX_BESSEL_ORDER } from './special/besselJY';
import { besselJv, besselYv, nearWholeOrder } from './special/besselReal';
import { besselIv, besselKv } from './special/besselIK';
import type { DomainVerdict, Ops, PartialRule, ScalarPrimitive, ScalarPrimitiveName } from './types';

/**
 * Every scalar primitive, one entry each. A partial's comment states the math; conventions at
 * special points are documented in docs/conventions.md and tested in test/unit/engine/rules.test.ts.
 */

type Box = readonly (readonly [number, number])[];
type Domain = ScalarPrimitive['domain'];

// A message's numbers are `{0}`, `{1}` … with the numbers beside it, formatted where they are shown
// (core/diagnosticText.ts), so Problems and lenses print them as every other number.
const error = (message: string, ...values: number[]): DomainVerdict => (values.length ? { kind: 'error', message, values } : { kind: 'error', message });
const kink = (message: string, oneSided?: readonly [number, number], ...values: number[]): DomainVerdict => ({
  kind: 'non-differentiable',
  message,
  ...(oneSided ? { oneSided } : {}),
  ...(values.length ? { values } : {}),
});

interface Extra {
  domain?: Domain;
  domainQuietForSecond?: ScalarPrimitive['domainQuietForSecond'];
  identityForSecond?: ScalarPrimitive['identityForSecond'];
  lanewise?: ScalarPrimitive['lanewise'];
  squareForSecond?: ScalarPrimitive['squareForSecond'];
  integerOrderFirst?: boolean;
  realOrderFirst?: boolean;
  zeroDerivative?: boolean;
  specialPoints?: readonly (readonly number[])[];
  sampleBox?: Box;
  symbol?: string;
}

type Definition = Omit<ScalarPrimitive, 'opcode'>;

function unary(name: ScalarPrimitiveName, value: (a: number) => number, partial: PartialRule, extra: Extra = {}): Definition {
  return {
    name,
    arity: 1,
    notation: extra.symbol ? { kind: 'infix', symbol: extra.symbol } : { kind: 'call' },
    // The function itself, not a wrapper: a shared wrapper would make every array loop's call megamorphic.
    value: value as (a: number, b: number) => number,
    partials: [partial],
    domain: extra.domain,
    domainQuietForSecond: undefined,
    identityForSecond: undefined,
    lanewise: undefined,
    squareForSecond: undefined,
    integerOrderFirst: false,
    realOrderFirst: false,
    zeroDerivative: extra.zeroDerivative ?? false,
    specialPoints: extra.specialPoints ?? [],
    sampleBox: extra.sampleBox ?? [[-3, 3]],
  };
}

function binary(
  name: ScalarPrimitiveName,
  value: (a: number, b: number) => number,
  partialA: PartialRule,
  partialB: PartialRule,
  extra: Extra = {},
): Definition {
  return {
    name,
    arity: 2,
    notation: extra.symbol ? { kind: 'infix', symbol: extra.symbol } : { kind: 'call' },
    value,
    partials: [partialA, partialB],
    domain: extra.domain,
    domainQuietForSecond: extra.domainQuietForSecond,
    identityForSecond: extra.identityForSecond,
    lanewise: extra.lanewise,
    squareForSecond: extra.squareForSecond,
    integerOrderFirst: extra.integerOrderFirst ?? false,
    realOrderFirst: extra.realOrderFirst ?? false,
    zeroDerivative: extra.zeroDerivative ?? false,
    specialPoints: extra.specialPoints ?? [],
    sampleBox: extra.sampleBox ?? [[-3, 3], [-3, 3]],
  };
}

/**
 * Where a remainder jumps: a whole number of b fits in a. fmod's domain says it; Python's `%` (fmod
 * with the divisor's sign, interpreter/operators.ts) says it at a = 0 too, where it jumps and fmod does not.
 */
export const remainderJump = (a: number, b: number): DomainVerdict =>
  kink('{0} % {1} is where the remainder jumps (a whole number of {1} fits in {0}): it is not differentiable there; its derivative is taken where the remainder is 0 (∂/∂a = 1, ∂/∂b = −a/b)', undefined, a, b);
const one = <T>(k: Ops<T>): T => k.constant(1);
const zero = <T>(k: Ops<T>): T => k.constant(0);
const isHalfInteger = (x: number): boolean => Math.abs(x % 1) === 0.5;

/** Which argument of min/max wins; ties split the derivative evenly (JAX's and PyTorch's convention). */
function selectorPartial(wantA: boolean, pickMin: boolean): PartialRule {
  return <T>(k: Ops<T>, a: T, b: T): T => {
    const pa = k.primal(a);
    const pb = k.primal(b);
    if (pa === pb) return k.constant(0.5);
    const aWins = pickMin ? pa < pb : pa > pb;
    return k.constant(aWins === wantA ? 1 : 0);
  };
}

function tieDomain(fn: 'min' | 'max'): Domain {
  return (a, b, _out, ta, tb) =>
    a === b && (ta || tb)
      ? kink(`${fn}(a, b) has a tie at {0}: the gradient is split 0.5/0.5 between the two arguments (convention); one-sided, each argument's derivative is 0 or 1`, [0, 1], a)
      : undefined;
}

function jumpDomain(name: string, isJump: (a: number) => boolean): Domain {
  return (a, _b, _out, ta) =>
    ta && isJump(a) ? kink(`${name} jumps at {0}: it is not differentiable there; its derivative is taken as 0`, [0, 0], a) : undefined;
}

/** jn's and yn's order: a constant integer (scipy's jn of a real order is jv's, which GradLens has by that name). */
function besselOrderDomain(name: 'jn' | 'yn'): NonNullable<Domain> {
  return (n, _x, _out, tn) => {
    if (!Number.isInteger(n)) return error(`GradLens supports ${name} of whole-number orders only yet (got {0}): for a real order write ${name === 'jn' ? 'jv' : 'yv'}`, n);
    if (Math.abs(n) > MAX_BESSEL_ORDER) return error(`GradLens supports ${name} orders up to ${MAX_BESSEL_ORDER} (got {0})`, n);
    if (tn) return error(`${name}(n, x) cannot be differentiated with respect to its order n, an integer: pass n as a constant`);
    return undefined;
  };
}

/**
 * jv's and yv's real order ν: never differentiated (the derivative in the order is GradLens's limit,
 * not scipy's); a fractional order needs x ≥ 0 (else complex: scipy's nan), and Y's formula, used for
 * yv and for jv of a negative order, is refused within 1e-3 of a whole order (besselReal.ts).
 */
function realBesselDomain(name: 'jv' | 'yv'): NonNullable<Domain> {
  return (v, x, _out, tv, tx) => {
    if (tv) return error(`GradLens does not differentiate ${name}(v, x) in its order v (a limit of GradLens): pass v as a constant`);
    if (Math.abs(v) > MAX_BESSEL_ORDER) return error(`GradLens supports ${name} orders up to ${MAX_BESSEL_ORDER} (got {0})`, v);
    if (Number.isInteger(v)) {
      if (name === 'yv' && x < 0) return error('yv of a negative number is not real (yv({0}, {1}); scipy gives nan)', v, x);
      return name === 'yv' && x === 0 ? error('yv({0}, 0) is infinite', v) : undefined;
    }
    if (x < 0) return error(`${name} of a negative number is not real for a fractional order (${name}({0}, {1}); scipy gives nan)`, v, x);
    if ((name === 'yv' || v < 0) && nearWholeOrder(v)) return error(`GradLens's ${name} is not exact within 1e-3 of a whole order (got {0}): Y's formula loses digits there; a whole order is exact`, v);
    if (x === 0 && (name === 'yv' || v < 0)) return error(`${name}({0}, 0) is infinite`, v);
    if (x === 0 && tx && v < 1) return error(`${name}({0}, x) has an infinite derivative at x = 0 for an order below 1`, v);
    return undefined;
  };
}

/**
 * iv's and kv's real order ν: never differentiated (GradLens's limit, as jv's). I_ν of a fractional
 * order is complex below 0 (scipy's nan), infinite at 0 for a negative order, and its derivative is
 * infinite at 0 for 0 < ν < 1; K_ν is real for x > 0 only (scipy's nan below, ∞ at 0).
 */
function modifiedBesselDomain(name: 'iv' | 'kv'): NonNullable<Domain> {
  return (v, x, _out, tv, tx) => {
    if (tv) return error(`GradLens does not differentiate ${name}(v, x) in its order v (a limit of GradLens): pass v as a constant`);
    if (Math.abs(v) > MAX_BESSEL_ORDER) return error(`GradLens supports ${name} orders up to ${MAX_BESSEL_ORDER} (got {0})`, v);
    if (name === 'kv') return x < 0 ? error('kv of a negative number is not real (kv({0}, {1}); scipy gives nan)', v, x) : x === 0 ? error('kv({0}, 0) is infinite', v) : undefined;
    if (Number.isInteger(v)) return undefined;
    if (x < 0) return error('iv of a negative number is not real for a fractional order (iv({0}, {1}); scipy gives nan)', v, x);
    if (x === 0 && v < 0) return error('iv({0}, 0) is infinite', v);
    if (x === 0 && tx && v < 1) return error('iv({0}, x) has an infinite derivative at x = 0 for an order between 0 and 1', v);
    return undefined;
  };
}

/** The Bessel functions of the second kind are real for a > 0 only: scipy's nan and −∞ are refused. */
function besselYDomain(name: 'y0' | 'y1'): Domain {
  return (a) =>
    a < 0 ? error(`${name} of a negative number is not real (${name}({0}); scipy gives nan)`, a) : a === 0 ? error(`${name}(0) is −∞ (Y has a logarithmic singularity${name === 'y1' ? ' and a pole' : ''} at 0)`) : undefined;
}

/** pow's domain where a ≤ 0 (or NaN); for a > 0 it has nothing to say. */
function powDomain(a: number, b: number, ta: boolean, tb: boolean): DomainVerdict | undefined {
  if (a < 0 && !Number.isInteger(b)) return error('a negative number to a non-integer power ({0} ** {1}) is not a real number', a, b);
  if (a === 0 && b < 0) return error('0 to a negative power (0 ** {0}) divides by zero', b);
  if (a < 0 && tb) return error('the derivative of a ** b with respect to b needs a > 0 (here a = {0}): ln(a) is not real', a);
  if (a === 0 && ta && b > 0 && b < 1) return kink('a ** {0} has an infinite derivative at a = 0', [NaN, Infinity], b);
  if (a === 0 && tb) return kink(`0 ** b: the derivative with respect to b is taken as 0 (convention)`);
  return undefined;
}

const LN2 = Math.LN2;
const LN10 = Math.LN10;

/** Γ's poles 0, −1, −2, … are errors for the functions built on it. */
const poleDomain = (name: string): Domain => (a) => (isGammaPole(a) ? error(`${name} has a pole at {0}`, a) : undefined);

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const HALF_SQRT_PI = Math.sqrt(Math.PI) / 2;

/**
 * d/dx ln Φ(x) = φ(x)/Φ(x) = M(−x) below −20, Mills' continued fraction M(t) = t + 1/(t + 2/(t + …))
 * (special/erf.ts), cut at depth 30 (exact to float64 from t = 20): there e^(−x²/2 − ln Φ) would take
 * the difference of two numbers near x²/2.
 */
function millsRatio<T>(k: Ops<T>, t: T): T {
  let r = t;
  for (let j = 30; j >= 1; j--) r = k.add(t, k.div(k.constant(j), r));
  return r;
}

/**
 * The special functions of scipy.special whose derivatives need a function of their own (scipy's
 * names). Their values are our own numerics in special/ (methods cited there), checked against scipy
 * and mpmath fixtures; digamma and polygamma exist because they are derivatives of gammaln.
 */
const SPECIAL_FUNCTIONS: readonly Definition[] = [
  // d σ(a) = σ(a)(1 − σ(a)) da, written σ(a)·σ(−a): 1 − σ(a) would round to 0 for a > 37
  unary('expit', expit, (k, a, _b, out) => k.mul(out, k.expit(k.neg(a))), { specialPoints: [[0], [40], [-40]], sampleBox: [[-6, 6]] }),
  // d erfc a = −(2/√π) e^(−a²) da
  unary('erfc', erfc, (k, a) => k.mul(k.constant(-2 / Math.sqrt(Math.PI)), k.exp(k.neg(k.mul(a, a)))), { specialPoints: [[0], [5], [-4]] }),
  // d erfinv a = (√π/2) e^(erfinv(a)²) da
  unary('erfinv', erfinv, (k, _a, _b, out) => k.mul(k.constant(HALF_SQRT_PI), k.exp(k.mul(out, out))), {
    domain: (a) => (Math.abs(a) > 1 ? error('erfinv needs −1 ≤ x ≤ 1 (erfinv({0}))', a) : Math.abs(a) === 1 ? error(`erfinv({0}) is ${a > 0 ? '+' : '−'}∞`, a) : undefined),
    specialPoints: [[0], [0.999], [-0.6]],
    sampleBox: [[-0.9, 0.9]],
  }),
  // d erfcinv a = −(√π/2) e^(erfcinv(a)²) da
  unary('erfcinv', erfcinv, (k, _a, _b, out) => k.mul(k.constant(-HALF_SQRT_PI), k.exp(k.mul(out, out))), {
    domain: (a) => (a < 0 || a > 2 ? error('erfcinv needs 0 ≤ y ≤ 2 (erfcinv({0}))', a) : a === 0 || a === 2 ? error(`erfcinv({0}) is ${a === 0 ? '+' : '−'}∞`, a) : undefined),
    specialPoints: [[1e-10], [1], [1.7]],
    sampleBox: [[0.1, 1.9]],
  }),
  // d Φ(a) = φ(a) da = e^(−a²/2)/√(2π) da
  unary('ndtr', ndtr, (k, a) => k.div(k.exp(k.mul(k.constant(-0.5), k.mul(a, a))), k.constant(SQRT_2PI)), {
    specialPoints: [[0], [-8], [8]],
    sampleBox: [[-5, 5]],
  }),
  // d ln Φ(a) = φ(a)/Φ(a) da = e^(−a²/2 − ln Φ(a))/√(2π) da; Mills' ratio M(−a) in the far left tail
  unary('log_ndtr', logNdtr, (k, a, _b, out) =>
    k.primal(a) < -20
      ? millsRatio(k, k.neg(a))
      : k.div(k.exp(k.sub(k.mul(k.constant(-0.5), k.mul(a, a)), out)), k.constant(SQRT_2PI)), {
    specialPoints: [[0], [-19.9], [-20.1], [-60], [8]],
    sampleBox: [[-10, 5]],
  }),
  // d Φ⁻¹(a) = da/φ(Φ⁻¹(a)) = √(2π) e^(Φ⁻¹(a)²/2) da
  unary('ndtri', ndtri, (k, _a, _b, out) => k.mul(k.constant(SQRT_2PI), k.exp(k.mul(k.constant(0.5), k.mul(out, out)))), {
    domain: (a) => (a < 0 || a > 1 ? error('ndtri needs 0 ≤ p ≤ 1 (ndtri({0}))', a) : a === 0 || a === 1 ? error(`ndtri({0}) is ${a === 0 ? '−' : '+'}∞`, a) : undefined),
    specialPoints: [[0.5], [1e-10], [0.999]],
    sampleBox: [[0.05, 0.95]],
  }),
  // d ln|Γ(a)| = ψ(a) da
  unary('gammaln', gammaln, (k, a) => k.digamma(a), {
    domain: poleDomain('gammaln'),
    specialPoints: [[1], [2], [-1.5], [1e-8], [-2]],
    sampleBox: [[0.3, 8]],
  }),
  // d Γ(a) = Γ(a) ψ(a) da
  unary('gamma', gamma, (k, a, _b, out) => k.mul(out, k.digamma(a)), {
    domain: poleDomain('gamma'),
    specialPoints: [[-0.5], [1e-3], [0], [30]],
    sampleBox: [[0.3, 6]],
  }),
  // d ψ(a) = ψ′(a) da = polygamma(1, a) da
  unary('digamma', digamma, (k, a) => k.polygamma(one(k), a), {
    domain: poleDomain('digamma'),
    specialPoints: [[1.4616321449683622], [-0.5], [1e-6], [-3]],
    sampleBox: [[0.3, 8]],
  }),
  // d I₀(a) = I₁(a) da
  unary('i0', besselI0, (k, a) => k.i1(a), { specialPoints: [[0], [700], [-3]], sampleBox: [[-6, 6]] }),
  // d I₁(a) = (I₀(a) − I₁(a)/a) da, ½ at a = 0 (I₁(a) = a/2 + a³/16 + …)
  unary('i1', besselI1, (k, a, _b, out) => (k.primal(a) === 0 ? k.constant(0.5) : k.sub(k.i0(a), k.div(out, a))), { specialPoints: [[0], [700], [-3]], sampleBox: [[-6, 6]] }),
  // I₀e(a) = e^{−|a|}·I₀(a): d I₀e(a) = (I₁e(a) − sign(a)·I₀e(a)) da; e^{−|a|} has a kink at 0, where
  // the one-sided derivatives are ±1 and the convention is 0 (abs's)
  unary('i0e', besselI0e, (k, a, _b, out) => k.sub(k.i1e(a), k.mul(k.sign(a), out)), {
    domain: (a, _b, _out, ta) => (a === 0 && ta ? kink('i0e(a) = e^(−|a|)·I₀(a) is not differentiable at 0: its derivative is taken as 0 (convention)', [1, -1]) : undefined),
    specialPoints: [[0], [700], [-3], [31]],
    sampleBox: [[-40, 40]],
  }),
  // I₁e(a) = e^{−|a|}·I₁(a): d I₁e(a) = (I₀e(a) − I₁e(a)/a − sign(a)·I₁e(a)) da, ½ at a = 0, where
  // I₁e(a) = a/2 − a·|a|/2 + …: the first derivative exists, the second jumps from 1 to −1 (said)
  unary('i1e', besselI1e, (k, a, _b, out) => (k.primal(a) === 0 ? k.constant(0.5) : k.sub(k.sub(k.i0e(a), k.div(out, a)), k.mul(k.sign(a), out))), {
    domain: (a, _b, _out, ta) =>
      a === 0 && ta ? kink('i1e(a) = e^(−|a|)·I₁(a) has the derivative ½ at 0, but its second derivative jumps there from 1 to −1: a Hessian takes 0 (convention)', [0.5, 0.5]) : undefined,
    specialPoints: [[0], [700], [-3], [31]],
    sampleBox: [[-40, 40]],
  }),
  // d J₀(a) = −J₁(a) da
  unary('j0', besselJ0, (k, a) => k.neg(k.j1(a)), { specialPoints: [[0], [2.404825557695773], [25], [-30]], sampleBox: [[-40, 40]] }),
  // d J₁(a) = (J₀(a) − J₁(a)/a) da, ½ at a = 0 (J₁(a) = a/2 − a³/16 + …)
  unary('j1', besselJ1, (k, a, _b, out) => (k.primal(a) === 0 ? k.constant(0.5) : k.sub(k.j0(a), k.div(out, a))), {
    specialPoints: [[0], [3.8317059702075125], [25], [-30]],
    sampleBox: [[-40, 40]],
  }),
  // d Y₀(a) = −Y₁(a) da; real only for a > 0 (scipy: nan below 0, −∞ at 0)
  unary('y0', besselY0, (k, a) => k.neg(k.y1(a)), { domain: besselYDomain('y0'), specialPoints: [[1e-8], [0.8935769662791675], [25], [40]], sampleBox: [[0.2, 40]] }),
  // d Y₁(a) = (Y₀(a) − Y₁(a)/a) da
  unary('y1', besselY1, (k, a, _b, out) => k.sub(k.y0(a), k.div(out, a)), { domain: besselYDomain('y1'), specialPoints: [[1e-8], [2.197141326031017], [25], [40]], sampleBox: [[0.2, 40]] }),
  binary(
    'polygamma',
    polygamma,
    // The order is an integer constant: never differentiated (its domain refuses a tracked order).
    zero,
    // ∂ψ⁽ⁿ⁾(x)/∂x = ψ⁽ⁿ⁺¹⁾(x)
    (k, n, x) => k.polygamma(k.add(n, one(k)), x),
    {
      integerOrderFirst: true,
      domain: (n, x, _out, tn) => {
        if (!Number.isInteger(n) || n < 0) return error(`polygamma's order n must be a non-negative integer (got {0})`, n);
        if (n > MAX_POLYGAMMA_ORDER - 2) return error(`GradLens supports polygamma orders up to ${MAX_POLYGAMMA_ORDER - 2} (got {0})`, n);
        if (tn) return error('polygamma(n, x) cannot be differentiated with respect to its order n, an integer: pass n as a constant');
        return isGammaPole(x) ? error('polygamma has a pole at x = {0}', x) : undefined;
      },
      specialPoints: [[1, -1.5], [3, 0.5], [0, 2], [2, 1e-3]],
      sampleBox: [[0, 3], [0.3, 6]],
    },
  ),
  // ∂J_n(x)/∂x = (J_{n−1}(x) − J_{n+1}(x))/2 (J₋₁ = −J₁: −J₁ at n = 0); the order is a constant integer
  binary('jn', besselJn, zero, (k, n, x) => k.mul(k.constant(0.5), k.sub(k.jn(k.sub(n, one(k)), x), k.jn(k.add(n, one(k)), x))), {
    integerOrderFirst: true,
    domain: besselOrderDomain('jn'),
    specialPoints: [[2, 0], [3, 1e-8], [5, 40], [-3, 2.5], [50, 10], [0, 1.5]],
    sampleBox: [[0, 6], [-30, 30]],
  }),
  // ∂Y_n(x)/∂x = (Y_{n−1}(x) − Y_{n+1}(x))/2; real for x > 0 only
  binary('yn', besselYn, zero, (k, n, x) => k.mul(k.constant(0.5), k.sub(k.yn(k.sub(n, one(k)), x), k.yn(k.add(n, one(k)), x))), {
    integerOrderFirst: true,
    domain: (n, x, out, tn) => besselOrderDomain('yn')(n, x, out, tn, false) ?? (x < 0 ? error('yn of a negative number is not real (yn({0}, {1}); scipy gives nan)', n, x) : x === 0 ? error('yn({0}, 0) is infinite', n) : undefined),
    specialPoints: [[2, 1e-3], [3, 40], [-3, 2.5], [20, 5], [0, 1.5]],
    sampleBox: [[0, 6], [0.5, 30]],
  }),
  // ∂J_ν(x)/∂x = (J_{ν−1}(x) − J_{ν+1}(x))/2 for every real ν (DLMF 10.6.1); the order is a constant
  binary('jv', besselJv, zero, (k, v, x) => k.mul(k.constant(0.5), k.sub(k.jv(k.sub(v, one(k)), x), k.jv(k.add(v, one(k)), x))), {
    realOrderFirst: true,
    domain: realBesselDomain('jv'),
    specialPoints: [[0.5, 1e-3], [1.5, 1e-4], [2.7, 1.9], [2.7, 2.1], [-1.3, 5], [12.3, 24], [0.25, 26], [5.5, 60]],
    sampleBox: [[-4, 6], [0.2, 30]],
  }),
  // ∂Y_ν(x)/∂x = (Y_{ν−1}(x) − Y_{ν+1}(x))/2 (DLMF 10.6.1); real for x > 0 only
  binary('yv', besselYv, zero, (k, v, x) => k.mul(k.constant(0.5), k.sub(k.yv(k.sub(v, one(k)), x), k.yv(k.add(v, one(k)), x))), {
    realOrderFirst: true,
    domain: realBesselDomain('yv'),
    specialPoints: [[0.5, 1e-3], [2.7, 1.9], [2.7, 2.1], [-1.3, 5], [12.3, 24], [0.25, 26], [5.5, 60]],
    sampleBox: [[-4, 6], [0.2, 30]],
  }),
  // ∂I_ν(x)/∂x = (I_{ν−1}(x) + I_{ν+1}(x))/2 for every real ν (DLMF 10.29.1); the order is a constant
  binary('iv', besselIv, zero, (k, v, x) => k.mul(k.constant(0.5), k.add(k.iv(k.sub(v, one(k)), x), k.iv(k.add(v, one(k)), x))), {
    realOrderFirst: true,
    domain: modifiedBesselDomain('iv'),
    specialPoints: [[0.5, 1e-3], [1.5, 1e-4], [2.7, 1.9], [-1.3, 5], [-2.5, 0.7], [3, -2], [12.3, 24], [0.25, 31], [5.5, 60]],
    // I grows like eˣ: past 12 a sum's rounding swamps the tests' differences (its expansion past 30 is in specialPoints)
    sampleBox: [[-4, 6], [0.2, 12]],
  }),
  // ∂K_ν(x)/∂x = −(K_{ν−1}(x) + K_{ν+1}(x))/2 (DLMF 10.29.1, with K's sign); real for x > 0 only
  binary('kv', besselKv, zero, (k, v, x) => k.neg(k.mul(k.constant(0.5), k.add(k.kv(k.sub(v, one(k)), x), k.kv(k.add(v, one(k)), x)))), {
    realOrderFirst: true,
    domain: modifiedBesselDomain('kv'),
    specialPoints: [[0.5, 1e-3], [2.7, 1.9], [-1.3, 5], [0, 2], [2, 0.5], [12.3, 24], [0.25, 31], [5.5, 60]],
    sampleBox: [[-4, 6], [0.2, 30]],
  }),
];

const DEFINITIONS: readonly Definition[] = [
  // d(a+b) = da + db
  binary('add', (a, b) => a + b, one, one, { symbol: '+', lanewise: 'add' }),
  // d(a−b) = da − db
  binary('sub', (a, b) => a - b, one, (k) => k.constant(-1), { symbol: '−', lanewise: 'sub' }),
  // d(ab) = b·da + a·db
  binary('mul', (a, b) => a * b, (k, _a, b) => b, (k, a) => a, { symbol: '×', lanewise: 'mul' }),
  // d(a/b) = da/b − (a/b²)·db
  binary('div', (a, b) => a / b, (k, _a, b) => k.div(one(k), b), (k, _a, b, out) => k.neg(k.div(out, b)), {
    symbol: '/',
    lanewise: 'div',
    domain: (a, b) => (b === 0 ? error('division by zero ({0} / 0)', a) : undefined),
    specialPoints: [[0, 1], [-2, 0.5]],
    sampleBox: [[-3, 3], [0.5, 3]],
  }),
  // d(−a) = −da
  unary('neg', (a) => -a, (k) => k.constant(-1), { symbol: '−' }),
  binary(
    'pow',
    // Squares and first powers (x ** 2, and b·a^(b−1) of a square) skip the general routine, a
    // call per element in array loops; V8's Math.pow gives bit-identical results for both.
    (a, b) => (b === 2 ? a * a : b === 1 ? a : Math.pow(a, b)),
    // ∂(aᵇ)/∂a = b·aᵇ⁻¹; for b = 0 the power is the constant 1, so 0 (also at a = 0)
    (k, a, b) => (k.primal(b) === 0 ? zero(k) : k.mul(b, k.pow(a, k.sub(b, one(k))))),
    // ∂(aᵇ)/∂b = aᵇ·ln a; at a = 0 taken as 0 (aᵇ = 0 for every b > 0)
    (k, a, _b, out) => (k.primal(a) === 0 ? zero(k) : k.mul(out, k.log(a))),
    {
      // Nothing to say for a > 0, nor for a < 0 to an integer power b that is not differentiated (the
      // cases array loops meet): tested first, so the check inlines small.
      domain: (a, b, _out, ta, tb) => (a > 0 || (a < 0 && !tb && Number.isInteger(b)) ? undefined : powDomain(a, b, ta, tb)),
      // A constant whole exponent ≥ 0 leaves nothing to say for any base (x ** 2, x ** 3).
      domainQuietForSecond: (b, tb) => !tb && Number.isInteger(b) && b >= 0,
      // a ** 1 is a, bit for bit (the value's own fast path above).
      identityForSecond: (b) => b === 1,
      // a ** 2 is a·a, bit for bit (likewise).
      squareForSecond: (b) => b === 2,
      specialPoints: [[0, 2], [-2, 3], [2, 0], [0, 0], [-1.5, 2]],
      sampleBox: [[0.5, 2.5], [-2, 2]],
    },
  ),

  // d eᵃ = eᵃ da
  unary('exp', Math.exp, (k, _a, _b, out) => out, { sampleBox: [[-3, 3]] }),
  // d(eᵃ − 1) = eᵃ da
  unary('expm1', Math.expm1, (k, a) => k.exp(a), { specialPoints: [[0], [1e-10]] }),
  // d ln a = da / a
  unary('log', Math.log, (k, a) => k.div(one(k), a), {
    domain: (a) => (a < 0 ? error('log of a negative number (log({0}))', a) : a === 0 ? error('log(0) is −∞') : undefined),
    specialPoints: [[1], [1e-8]],
    sampleBox: [[0.1, 5]],
  }),
  // d ln(1+a) = da / (1+a)
  unary('log1p', Math.log1p, (k, a) => k.div(one(k), k.add(one(k), a)), {
    domain: (a) => (a < -1 ? error('log1p of a number below −1 (log1p({0}))', a) : a === -1 ? error('log1p(−1) is −∞') : undefined),
    specialPoints: [[0], [1e-10]],
    sampleBox: [[-0.9, 3]],
  }),
  // d log₂ a = da / (a ln 2)
  unary('log2', Math.log2, (k, a) => k.div(one(k), k.mul(a, k.constant(LN2))), {
    domain: (a) => (a < 0 ? error('log2 of a negative number (log2({0}))', a) : a === 0 ? error('log2(0) is −∞') : undefined),
    sampleBox: [[0.1, 5]],
  }),
  // d log₁₀ a = da / (a ln 10)
  unary('log10', Math.log10, (k, a) => k.div(one(k), k.mul(a, k.constant(LN10))), {
    domain: (a) => (a < 0 ? error('log10 of a negative number (log10({0}))', a) : a === 0 ? error('log10(0) is −∞') : undefined),
    sampleBox: [[0.1, 5]],
  }),
  // d √a = da / (2√a)
  unary('sqrt', Math.sqrt, (k, _a, _b, out) => k.div(k.constant(0.5), out), {
    domain: (a, _b, _out, ta) =>
      a < 0 ? error('square root of a negative number (sqrt({0}))', a) : a === 0 && ta ? kink('sqrt has an infinite derivative at 0', [NaN, Infinity]) : undefined,
    specialPoints: [[1e-8]],
    sampleBox: [[0.1, 5]],
  }),
  // d ∛a = da / (3 ∛a²)
  unary('cbrt', Math.cbrt, (k, _a, _b, out) => k.div(one(k), k.mul(k.constant(3), k.mul(out, out))), {
    domain: (a, _b, _out, ta) => (a === 0 && ta ? kink('cbrt has an infinite derivative at 0', [Infinity, Infinity]) : undefined),
    specialPoints: [[-8]],
  }),

  // d sin a = cos a da
  unary('sin', Math.sin, (k, a) => k.cos(a), { specialPoints: [[0], [Math.PI / 2]] }),
  // d cos a = −sin a da
  unary('cos', Math.cos, (k, a) => k.neg(k.sin(a)), { specialPoints: [[0], [Math.PI]] }),
  // d tan a = (1 + tan² a) da
  unary('tan', Math.tan, (k, _a, _b, out) => k.add(one(k), k.mul(out, out)), { sampleBox: [[-1.4, 1.4]] }),
  // d arcsin a = da / √(1 − a²)
  unary('arcsin', Math.asin, (k, a) => k.div(one(k), k.sqrt(k.sub(one(k), k.mul(a, a)))), {
    domain: (a, _b, _out, ta) =>
      Math.abs(a) > 1 ? error('arcsin needs −1 ≤ x ≤ 1 (arcsin({0}))', a) : Math.abs(a) === 1 && ta ? kink('arcsin has an infinite derivative at {0}', undefined, a) : undefined,
    specialPoints: [[0], [0.999]],
    sampleBox: [[-0.9, 0.9]],
  }),
  // d arccos a = −da / √(1 − a²)
  unary('arccos', Math.acos, (k, a) => k.neg(k.div(one(k), k.sqrt(k.sub(one(k), k.mul(a, a))))), {
    domain: (a, _b, _out, ta) =>
      Math.abs(a) > 1 ? error('arccos needs −1 ≤ x ≤ 1 (arccos({0}))', a) : Math.abs(a) === 1 && ta ? kink('arccos has an infinite derivative at {0}', undefined, a) : undefined,
    specialPoints: [[0], [-0.999]],
    sampleBox: [[-0.9, 0.9]],
  }),
  // d arctan a = da / (1 + a²)
  unary('arctan', Math.atan, (k, a) => k.div(one(k), k.add(one(k), k.mul(a, a))), { specialPoints: [[0], [1e6]] }),
  binary(
    'arctan2',
    Math.atan2,
    // ∂ atan2(y, x)/∂y = x / (x² + y²); at the origin taken as 0
    (k, y, x) => (k.primal(x) === 0 && k.primal(y) === 0 ? zero(k) : k.div(x, k.add(k.mul(x, x), k.mul(y, y)))),
    // ∂ atan2(y, x)/∂x = −y / (x² + y²)
    (k, y, x) => (k.primal(x) === 0 && k.primal(y) === 0 ? zero(k) : k.neg(k.div(y, k.add(k.mul(x, x), k.mul(y, y))))),
    {
      domain: (y, x, _out, ty, tx) =>
        x === 0 && y === 0 && (tx || ty) ? kink('arctan2(0, 0) is not differentiable: its gradient is taken as 0 (convention)') : undefined,
      // (y, x) on the negative x axis is atan2's branch cut: a 2π jump whose one-sided derivatives agree.
      specialPoints: [[1, 0], [0, 1], [-1e-3, -1]],
    },
  ),
  // d sinh a = cosh a da
  unary('sinh', Math.sinh, (k, a) => k.cosh(a)),
  // d cosh a = sinh a da
  unary('cosh', Math.cosh, (k, a) => k.sinh(a), { specialPoints: [[0]] }),
  // d tanh a = (1 − tanh² a) da
  unary('tanh', Math.tanh, (k, _a, _b, out) => k.sub(one(k), k.mul(out, out)), { specialPoints: [[0], [20]] }),
  // d arsinh a = da / √(a² + 1)
  unary('arcsinh', Math.asinh, (k, a) => k.div(one(k), k.sqrt(k.add(k.mul(a, a), one(k))))),
  // d arcosh a = da / √(a² − 1)
  unary('arccosh', Math.acosh, (k, a) => k.div(one(k), k.sqrt(k.sub(k.mul(a, a), one(k)))), {
    domain: (a, _b, _out, ta) =>
      a < 1 ? error('arccosh needs x ≥ 1 (arccosh({0}))', a) : a === 1 && ta ? kink('arccosh has an infinite derivative at 1') : undefined,
    sampleBox: [[1.1, 4]],
  }),
  // d artanh a = da / (1 − a²)
  unary('arctanh', Math.atanh, (k, a) => k.div(one(k), k.sub(one(k), k.mul(a, a))), {
    domain: (a) => (Math.abs(a) >= 1 ? error('arctanh needs −1 < x < 1 (arctanh({0}))', a) : undefined),
    sampleBox: [[-0.9, 0.9]],
  }),

  // d|a| = sign(a) da; at 0 taken as 0 (numpy, PyTorch and JAX agree)
  unary('abs', Math.abs, (k, a) => k.sign(a), {
    domain: (a, _b, _out, ta) => (a === 0 && ta ? kink('abs is not differentiable at 0: its derivative is taken as 0 (convention)', [-1, 1]) : undefined),
    specialPoints: [[0]],
  }),
  // sign is piecewise constant: derivative 0, with a jump at 0
  unary('sign', (a) => (a > 0 ? 1 : a < 0 ? -1 : a), zero, {
    zeroDerivative: true,
    domain: jumpDomain('sign', (a) => a === 0),
    specialPoints: [[0]],
  }),
  binary('minimum', (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b)), selectorPartial(true, true), selectorPartial(false, true), {
    domain: tieDomain('min'),
    specialPoints: [[1, 1]],
  }),
  binary('maximum', (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b)), selectorPartial(true, false), selectorPartial(false, false), {
    domain: tieDomain('max'),
    specialPoints: [[1, 1]],
  }),
  binary(
    'hypot',
    Math.hypot,
    // ∂ √(a² + b²)/∂a = a / √(a² + b²); at the origin taken as 0
    (k, a, _b, out) => (k.primal(out) === 0 ? zero(k) : k.div(a, out)),
    (k, _a, b, out) => (k.primal(out) === 0 ? zero(k) : k.div(b, out)),
    {
      domain: (a, b, _out, ta, tb) =>
        a === 0 && b === 0 && (ta || tb) ? kink('hypot(0, 0) is not differentiable: its gradient is taken as 0 (convention)') : undefined,
      specialPoints: [[3, 4], [0, 2]],
    },
  ),

  // Piecewise constant: derivative 0 where it exists, flagged so a user sees why no gradient flows.
  unary('floor', Math.floor, zero, { zeroDerivative: true, domain: jumpDomain('floor', Number.isInteger), specialPoints: [[2]] }),
  unary('ceil', Math.ceil, zero, { zeroDerivative: true, domain: jumpDomain('ceil', Number.isInteger), specialPoints: [[-2]] }),
  unary('round', roundHalfEven, zero, { zeroDerivative: true, domain: jumpDomain('round', isHalfInteger), specialPoints: [[2.5]] }),
  unary('trunc', Math.trunc, zero, {
    zeroDerivative: true,
    domain: jumpDomain('trunc', (a) => Number.isInteger(a) && a !== 0),
    specialPoints: [[3]],
  }),
  // JavaScript's Math.fround: the float64 nearest float32. Its derivative is taken as 1, as a cast's
  // is (PyTorch's and JAX's `.astype(float32)` pass gradients through): the rounding moves the value
  // by at most 2⁻²⁴ relative, and a step function at that scale is not what the code means. The rule
  // tests compare it with differences of the identity (float32 rounding swamps a difference step).
  unary('fround', Math.fround, one, { specialPoints: [[0.1], [3.4028235677973366e38]] }),
  // JavaScript's Math.imul: 32-bit integer multiplication (ToInt32 of each argument, wrapped). Piecewise
  // constant, so flagged as floor is; it jumps where a differentiated argument is a whole number.
  binary('imul', Math.imul, zero, zero, {
    zeroDerivative: true,
    domain: (a, b, _out, ta, tb) =>
      (ta && Number.isInteger(a)) || (tb && Number.isInteger(b)) ? kink(`imul jumps at ({0}, {1}): it is not differentiable there; its derivative is taken as 0`, [0, 0], a, b) : undefined,
    specialPoints: [[2, 3], [2.5, 3.5]],
    sampleBox: [[0.1, 0.9], [2.1, 2.9]],
  }),
  // JavaScript's `a % b` (C's fmod: the sign of the dividend), computed by the host's own `%`, which is
  // exact; a − b·trunc(a/b) is not (5.5 % 0.1 is 0.0999…, that formula 0). a − r is a whole number q
  // of b's, so ∂/∂a = 1 and ∂/∂b = −q = −(a − r)/b, written so, as a formula true at every point
  // (−q's own derivative is 0, which this form's is too). It jumps where a / b is a whole number (r = 0, a ≠ 0;
  // at a = 0 it is continuous, as the sign follows a); b = 0 gives NaN, an error here.
  binary('fmod', (a, b) => a % b, one, (k, a, b, out) => k.neg(k.div(k.sub(a, out), b)), {
    domain: (a, b, out, ta, tb) =>
      b === 0 && Number.isFinite(a) ? error('the remainder by zero ({0} % 0) is not a number', a)
      : out === 0 && a !== 0 && (ta || tb) ? remainderJump(a, b)
      : undefined,
    specialPoints: [[6, 2], [-7.5, 2], [0, 3]],
    sampleBox: [[2.1, 2.4], [0.9, 1.0]],
  }),
  // d erf a = (2/√π) e^(−a²) da
  unary('erf', erf, (k, a) => k.mul(k.constant(2 / Math.sqrt(Math.PI)), k.exp(k.neg(k.mul(a, a)))), {
    specialPoints: [[0], [4]],
  }),
  ...SPECIAL_FUNCTIONS,
];

/** Every primitive with its op code; all share one object shape, which keeps property loads fast. */
export const SCALAR_PRIMITIVES: readonly ScalarPrimitive[] = DEFINITIONS.map((d, opcode) => ({
  name: d.name,
  opcode,
  arity: d.arity,
  notation: d.notation,
  value: d.value,
  partials: d.partials,
  domain: d.domain,
  domainQuietForSecond: d.domainQuietForSecond,
  identityForSecond: d.identityForSecond,
  lanewise: d.lanewise,
  squareForSecond: d.squareForSecond,
  integerOrderFirst: d.integerOrderFirst,
  realOrderFirst: d.realOrderFirst,
  zeroDerivative: d.zeroDerivative,
  specialPoints: d.specialPoints,
  sampleBox: d.sampleBox,
}));
