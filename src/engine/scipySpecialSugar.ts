import { fail } from '../core/diagnostic';
import type { Runtime } from './interpreter/runtime';
import { SequenceValue, type Value } from './interpreter/values';
import { PRIMITIVES as P } from './primitives/registry';
import { applyAny } from './array/elementwise';
import { arr, axisArg, bind, given, operand, type Impl } from './array/args';
import { ArrayValue, formatShape } from './array/ndarray';
import { constant, type Operand } from './array/record';
import { extreme, resolveAxes, sum } from './array/reduce';
import { absBySign, anyTrue, elementwise, maskOf, opsAt, pick, primalOf, refuse, warnIfTracked, type Ops } from './sugarOps';

/**
 * scipy.special's functions that are compositions of registry primitives (xlogy, entr, huber,
 * logsumexp, softmax, betaln…; the special functions with rules of their own are primitives:
 * primitives/scalar.ts), with scipy's values at their boundaries (xlogy(0, 0) = 0, entr(0) = 0),
 * branches chosen per element from primal values (sugarOps.ts).
 */

/**
 * x·f(y) that is 0 where x = 0 and f(y) does not exist (scipy's xlogy(0, 0) = 0, xlog1py(0, −1) = 0).
 * There y is replaced by `safe` (f(safe) = 0): the value is 0, and so is the derivative taken.
 */
function xTimes(name: string, f: 'log' | 'log1p', bad: (y: number) => boolean, safe: number): Impl {
  return elementwise((rt, o, [x, y], s) => {
    const convention = maskOf(rt, s, (a, b) => a === 0 && bad(b), x!, y!);
    warnIfTracked(rt, s, convention, `${name}(0, y) where ${f}(y) does not exist: the value is 0 (scipy's convention), the derivative does not exist there and is taken as 0`, x!, y!);
    return o.mul(x!, o[f](pick(rt, s, convention, () => safe, () => y!)));
  });
}

/** x·ln(x/y) with scipy's values: 0 at x = 0 ≤ y, an error where scipy gives +∞. */
function relativeEntropy(rt: Runtime, o: Ops, x: Operand, y: Operand, s: number, name: string): Operand {
  refuse(rt, s, `${name}(x, y) is +∞ where x < 0, y < 0 or y = 0 < x`, (a, b) => a < 0 || b < 0 || (b === 0 && a > 0), x, y);
  const zero = maskOf(rt, s, (a) => a === 0, x, y);
  warnIfTracked(rt, s, zero, `${name}(0, y): the value is 0 (scipy's convention); its derivative with respect to x is −∞ there and is taken as 0`, x);
  const xs = pick(rt, s, zero, () => 1, () => x);
  const ys = pick(rt, s, zero, () => 1, () => y);
  return o.mul(x, o.log(o.div(xs, ys)));
}

/** The maximum along the axes as a constant (keepdims), 0 where it is not finite: the shift of logsumexp. */
function shiftOf(rt: Runtime, a: ArrayValue, axis: number | number[] | undefined, s: number): ArrayValue {
  const m = extreme(rt, constant(a.shape, a.data), resolveAxes(rt, a, axis, true, s), true, s);
  const finite = (v: number): number => (Number.isFinite(v) ? v : 0);
  if (!(m instanceof ArrayValue)) return constant([], Float64Array.of(finite(primalOf(m))));
  return constant(m.shape, m.data.map(finite));
}

/** Drops the reduced axes of a keepdims constant (for `keepdims=False`). */
function dropAxes(m: ArrayValue, out: Operand): Operand {
  if (!(out instanceof ArrayValue)) return m.data[0]!;
  return constant(out.shape, m.data);
}

/**
 * ln Σ b·eᵃ along the axes, shifted by the (constant) maximum so nothing overflows. With
 * `returnSign` (negative weights), ln |Σ b·eᵃ| and the sign of the sum, a constant (its derivative is
 * 0 wherever the sum is not 0, and at 0 the logarithm refuses).
 */
function logSumExp(rt: Runtime, a: ArrayValue, axis: number | number[] | undefined, b: Operand | undefined, keepdims: boolean, s: number, returnSign = false): Operand | { value: Operand; sign: Operand } {
  const o = opsAt(rt, s);
  const m = shiftOf(rt, a, axis, s);
  let e = o.exp(o.sub(a, m)) as ArrayValue;
  if (b !== undefined) {
    e = o.mul(e, b) as ArrayValue;
    if (e.ndim !== a.ndim) fail('unsupported', `GradLens does not support logsumexp's b= of more dimensions than a yet (shapes ${formatShape(a.shape)} and ${formatShape(e.shape)})`, rt.sites[s]!);
  }
  const total = sum(rt, e, resolveAxes(rt, e, axis, keepdims, s), s) as Operand;
  if (!returnSign) return o.add(o.log(total), keepdims ? m : dropAxes(m, total));
  const sign = total instanceof ArrayValue ? constant(total.shape, total.data.map(Math.sign)) : Math.sign(primalOf(total));
  return { value: o.add(o.log(applyAny(rt, P.abs, total, undefined, s)), keepdims ? m : dropAxes(m, total)), sign };
}

/** exp(x − m) and its sum along the axes (keepdims): softmax's and log_softmax's common part. */
function shiftedExp(rt: Runtime, o: Ops, a: ArrayValue, axis: number | number[] | undefined, s: number): { shifted: Operand; e: Operand; total: Operand } {
  const shifted = o.sub(a, shiftOf(rt, a, axis, s));
  const e = o.exp(shifted) as ArrayValue;
  return { shifted, e, total: sum(rt, e, resolveAxes(rt, e, axis, true, s), s) };
}

function softmaxImpl(name: string, defaultAxis: number | undefined, log: boolean): Impl {
  return (rt, args, kw, s) => {
    const b = bind(rt, name, ['x', 'axis'], args, kw, s);
    const a = arr(rt, b.x!, s, name);
    const axis = given(b.axis) ? axisArg(rt, b.axis, s) : defaultAxis;
    const o = opsAt(rt, s);
    if (a.ndim === 0) return (log ? o.mul(a, 0) : o.add(o.mul(a, 0), 1)) as Value;
    const { shifted, e, total } = shiftedExp(rt, o, a, axis, s);
    return (log ? o.sub(shifted, o.log(total)) : o.div(e, total)) as Value;
  };
}


/** Stirling's series' correction Σ B₂ₖ/(2k(2k−1)x^(2k−1)) to five terms: below 1e−24 from x = 100. */
function stirlingCorrection(o: Ops, x: Operand): Operand {
  const inv = o.div(1, x);
  const inv2 = o.mul(inv, inv);
  const inner = o.add(-1 / 1680, o.mul(inv2, 1 / 1188));
  return o.mul(inv, o.add(1 / 12, o.mul(inv2, o.add(-1 / 360, o.mul(inv2, o.add(1 / 1260, o.mul(inv2, inner)))))));
}

/**
 * ln|B(a, b)| = ln Γ(a) + ln Γ(b) − ln Γ(a + b). When the larger argument, say a, is 100 or more (and
 * both are positive) that difference of large logarithms loses digits, so it is written with
 * Stirling's series: ln Γ(a) − ln Γ(a + b) = −(a − ½)·ln(1 + b/a) − b·ln(a + b) + b + S(a) − S(a + b).
 */
export function betaln(rt: Runtime, o: Ops, a: Operand, b: Operand, s: number): Operand {
  const direct = (): Operand => o.sub(o.add(o.gammaln(a), o.gammaln(b)), o.gammaln(o.add(a, b)));
  const asymptotic = maskOf(rt, s, (x, y) => Math.min(x, y) > 0 && Math.max(x, y) >= 100, a, b);
  if (!anyTrue(asymptotic)) return direct();
  const aLarger = maskOf(rt, s, (x, y) => x >= y, a, b);
  // the elements another branch takes get harmless stand-ins (constants: no derivative flows)
  const large = pick(rt, s, asymptotic, () => pick(rt, s, aLarger, () => a, () => b), () => 100);
  const small = pick(rt, s, asymptotic, () => pick(rt, s, aLarger, () => b, () => a), () => 1);
  const total = o.add(large, small);
  const logRatio = o.add(o.neg(o.mul(o.sub(large, 0.5), o.log1p(o.div(small, large)))), o.sub(small, o.mul(small, o.log(total))));
  const stirling = o.add(o.gammaln(small), o.add(logRatio, o.sub(stirlingCorrection(o, large), stirlingCorrection(o, total))));
  return pick(rt, s, asymptotic, () => stirling, direct);
}

/**
 * multigammaln(a, d) = ln Γ_d(a) = d(d − 1)/4·ln π + Σⱼ₌₁..d ln Γ(a − (j − 1)/2), for a > (d − 1)/2 (scipy
 * raises below); d is a whole number ≥ 1, never differentiated.
 */
const multigammaln: Impl = (rt, args, kw, s) => {
  const b = bind(rt, 'multigammaln', ['a', 'd'], args, kw, s);
  const d = b.d;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) fail('type', 'multigammaln needs a whole number d ≥ 1 (its dimension)', rt.sites[s]!);
  const o = opsAt(rt, s);
  const a = operand(rt, b.a!, s);
  refuse(rt, s, `multigammaln needs a > (d − 1)/2 = ${(d - 1) / 2} (scipy raises)`, (v) => !(v > (d - 1) / 2), a);
  let out: Operand = o.add(o.mul(a, 0), (d * (d - 1) / 4) * Math.log(Math.PI));
  for (let j = 1; j <= d; j++) out = o.add(out, o.gammaln(o.sub(a, (j - 1) / 2)));
  return out as Value;
};

export const SPECIAL_SUGAR = {
  // logit(p) = ln(p/(1 − p)) = ln p − ln(1 − p)
  logit: elementwise((_rt, o, [p]) => o.sub(o.log(p!), o.log1p(o.neg(p!)))),
  betaln: elementwise((rt, o, [a, b], s) => betaln(rt, o, a!, b!, s)),
  // B(a, b) = e^(ln B(a, b)) for a, b > 0 (scipy's values at negative arguments have signs GradLens does not model)
  beta: elementwise((rt, o, [a, b], s) => {
    refuse(rt, s, 'GradLens does not support beta(a, b) at a ≤ 0 or b ≤ 0 yet', (x, y) => !(x > 0 && y > 0), a!, b!);
    return o.exp(betaln(rt, o, a!, b!, s));
  }),
  // loggamma of a real x > 0 is ln Γ(x); at x ≤ 0 it is complex, where scipy gives nan for a real argument
  loggamma: elementwise((rt, o, [x], s) => {
    refuse(rt, s, 'loggamma(x) of a real x ≤ 0 is complex (scipy gives nan for a real argument)', (v) => !(v > 0), x!);
    return o.gammaln(x!);
  }),
  // rgamma(x) = 1/Γ(x): e^(−ln Γ(x)) for x > 0 (no overflow of Γ past 171), 1/Γ(x) below
  rgamma: elementwise((rt, o, [x], s) => {
    refuse(rt, s, 'GradLens does not support rgamma at 0, −1, −2, … yet (scipy gives 0 there)', (v) => v <= 0 && Number.isInteger(v), x!);
    const positive = maskOf(rt, s, (v) => v > 0, x!);
    return pick(rt, s, positive, () => o.exp(o.neg(o.gammaln(pick(rt, s, positive, () => x!, () => 1)))), () => o.div(1, o.gamma(pick(rt, s, positive, () => -0.5, () => x!))));
  }),
  multigammaln,
  xlogy: xTimes('xlogy', 'log', (y) => !(y > 0), 1),
  xlog1py: xTimes('xlog1py', 'log1p', (y) => !(y > -1), 0),
  // entr(x) = −x ln x, 0 at x = 0
  entr: elementwise((rt, o, [x], s) => {
    refuse(rt, s, 'entr(x) is −∞ for x < 0', (v) => v < 0, x!);
    const zero = maskOf(rt, s, (v) => v === 0, x!);
    warnIfTracked(rt, s, zero, 'entr(0) = 0; its derivative −ln x − 1 is +∞ there and is taken as 0', x!);
    return o.neg(o.mul(x!, o.log(pick(rt, s, zero, () => 1, () => x!))));
  }),
  rel_entr: elementwise((rt, o, [x, y], s) => relativeEntropy(rt, o, x!, y!, s, 'rel_entr')),
  // kl_div(x, y) = x ln(x/y) − x + y
  kl_div: elementwise((rt, o, [x, y], s) => o.add(o.sub(relativeEntropy(rt, o, x!, y!, s, 'kl_div'), x!), y!)),
  // huber(δ, r) = r²/2 for |r| ≤ δ, else δ(|r| − δ/2): continuous with its first derivative at |r| = δ
  huber: elementwise((rt, o, [delta, r], s) => {
    refuse(rt, s, 'huber(delta, r) needs delta ≥ 0 (scipy gives +∞)', (d) => d < 0, delta!);
    const inside = maskOf(rt, s, (d, v) => Math.abs(v) <= d, delta!, r!);
    return pick(rt, s, inside, () => o.mul(0.5, o.mul(r!, r!)), () => o.mul(delta!, o.sub(absBySign(rt, s, o, r!), o.mul(0.5, delta!))));
  }),
  // pseudo_huber(δ, r) = δ²(√(1 + (r/δ)²) − 1), written r²/(1 + √(1 + (r/δ)²)) so small r/δ loses nothing;
  // at δ = 0 it is 0, whose first-order expansion is δ·|r|
  pseudo_huber: elementwise((rt, o, [delta, r], s) => {
    refuse(rt, s, 'pseudo_huber(delta, r) needs delta ≥ 0 (scipy gives +∞)', (d) => d < 0, delta!);
    const zero = maskOf(rt, s, (d) => d === 0, delta!, r!);
    const ratio = (): Operand => o.div(r!, pick(rt, s, zero, () => 1, () => delta!));
    return pick(rt, s, zero, () => o.mul(delta!, absBySign(rt, s, o, r!)), () => {
      const q = ratio();
      return o.div(o.mul(r!, r!), o.add(1, o.sqrt(o.add(1, o.mul(q, q)))));
    });
  }),
  logsumexp: ((rt, args, kw, s) => {
    const b = bind(rt, 'logsumexp', ['a', 'axis', 'b', 'keepdims', 'return_sign'], args, kw, s);
    const a = arr(rt, b.a!, s, 'logsumexp');
    const weights = given(b.b) ? operand(rt, b.b, s) : undefined;
    const keepdims = given(b.keepdims) && b.keepdims === true;
    if (given(b.return_sign) && b.return_sign !== false) {
      const { value, sign } = logSumExp(rt, a, axisArg(rt, b.axis, s), weights, keepdims, s, true) as { value: Operand; sign: Operand };
      return new SequenceValue([value as Value, sign as Value], true);
    }
    return logSumExp(rt, a, axisArg(rt, b.axis, s), weights, keepdims, s) as Value;
  }) satisfies Impl,
  softmax: softmaxImpl('softmax', undefined, false),
  log_softmax: softmaxImpl('log_softmax', undefined, true),
  nn_softmax: softmaxImpl('softmax', -1, false),
  nn_log_softmax: softmaxImpl('log_softmax', -1, true),
} satisfies Record<string, Impl>;
