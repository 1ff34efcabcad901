import { fail } from '../core/diagnostic';
import type { Runtime } from './interpreter/runtime';
import { SequenceValue, Tracked, type Value } from './interpreter/values';
import { PRIMITIVES as P } from './primitives/registry';
import type { ScalarPrimitive } from './primitives/types';
import { applyAny, isTracked } from './array/elementwise';
import { arr, axisArg, bind, given, num, operand, type Impl } from './array/args';
import { ArrayValue, broadcastMap, broadcastShapes, formatShape, sizeOf, type BroadcastMap } from './array/ndarray';
import { where } from './array/where';
import { constant, type Operand } from './array/record';
import { extreme, resolveAxes, sum } from './array/reduce';

/**
 * scipy.special's, scipy.stats.norm's and jax.nn's functions that are compositions of registry
 * primitives (special functions with rules of their own are primitives: primitives/scalar.ts). They
 * need no rules: derivatives come from the primitives they are made of (σ itself is the primitive
 * expit). Each works on scalars and, elementwise with numpy's broadcasting, on arrays and lists.
 *
 * Branches follow scipy's values at its boundaries (xlogy(0, 0) = 0, entr(0) = 0): the branch is
 * chosen per element from primal values, and the arguments a branch would choke on are replaced by a
 * harmless constant there (a constant, so no derivative flows through the replaced element), the
 * pattern numpy-based autodiff calls the "double where". Where the true derivative does not exist
 * (is infinite) GradLens takes it as 0 and warns (docs/conventions.md).
 */

export type Ops = ReturnType<typeof opsAt>;

/** The registry's primitives over operands (scalars or arrays), at one call site. */
export function opsAt(rt: Runtime, s: number) {
  const u = (p: ScalarPrimitive) => (a: Operand): Operand => applyAny(rt, p, a, undefined, s);
  const b = (p: ScalarPrimitive) => (a: Operand, c: Operand): Operand => applyAny(rt, p, a, c, s);
  return {
    add: b(P.add), sub: b(P.sub), mul: b(P.mul), div: b(P.div), neg: u(P.neg),
    exp: u(P.exp), expm1: u(P.expm1), log: u(P.log), log1p: u(P.log1p), sqrt: u(P.sqrt), tanh: u(P.tanh),
    ndtr: u(P.ndtr), logNdtr: u(P.log_ndtr), ndtri: u(P.ndtri), gammaln: u(P.gammaln), gamma: u(P.gamma), expit: u(P.expit),
    atan: u(P.arctan), tan: u(P.tan),
  };
}

const primalOf = (x: Operand): number => (typeof x === 'number' ? x : (x as Tracked).value);

/**
 * Per element of the operands' broadcast, whether `test` holds: a boolean for scalars, a constant
 * boolean array otherwise.
 */
function maskOf(rt: Runtime, s: number, test: (...v: number[]) => boolean, ...xs: Operand[]): boolean | ArrayValue {
  if (!xs.some((x) => x instanceof ArrayValue)) return test(...xs.map(primalOf));
  const only = xs[0]!;
  if (xs.length === 1 && only instanceof ArrayValue) {
    // the common case (a mask of one array), without the per-element spread of the general loop
    return constant(only.shape, Float64Array.from(only.data, (v) => (test(v) ? 1 : 0)), 'bool');
  }
  const shapes = xs.map((x) => (x instanceof ArrayValue ? x.shape : []));
  let shape: readonly number[] | undefined = [];
  for (const sh of shapes) shape = shape && broadcastShapes(shape, sh);
  if (!shape) return fail('shape', `operands could not be broadcast together: shapes ${shapes.map(formatShape).join(', ')}`, rt.sites[s]!);
  const n = sizeOf(shape);
  const maps = xs.map((x, i) => broadcastMap(shapes[i]!, shape!));
  const at = (map: BroadcastMap, i: number): number => (map === null ? i : typeof map === 'number' ? i % map : map[i]!);
  const out = new Float64Array(n);
  const v = new Array<number>(xs.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k]!;
      v[k] = x instanceof ArrayValue ? x.data[at(maps[k]!, i)]! : primalOf(x);
    }
    out[i] = test(...v) ? 1 : 0;
  }
  return constant(shape, out, 'bool');
}

const anyTrue = (m: boolean | ArrayValue): boolean => (typeof m === 'boolean' ? m : m.data.some((x) => x !== 0));

/** Per element, `whenTrue()` where the mask holds, else `whenFalse()` (for scalars only the branch taken runs). */
function pick(rt: Runtime, s: number, m: boolean | ArrayValue, whenTrue: () => Operand, whenFalse: () => Operand): Operand {
  if (typeof m === 'boolean') return m ? whenTrue() : whenFalse();
  return where(rt, m, whenTrue(), whenFalse(), s);
}

/**
 * |x| as x times a constant sign (for scalars x or −x): no kink warning at 0, and for arrays no
 * warning from elements a branch discards anyway.
 */
function absBySign(rt: Runtime, s: number, o: Ops, x: Operand): Operand {
  const negative = maskOf(rt, s, (v) => v < 0, x);
  if (typeof negative === 'boolean') return negative ? o.neg(x) : x;
  return o.mul(x, constant(negative.shape, negative.data.map((v) => (v ? -1 : 1))));
}

/**
 * A distribution function outside its support, as scipy gives it: `outside` (a constant: 0 for a cdf
 * below its support, 1 for an sf) on the elements of the operands' broadcast where `isOutside(z)`,
 * `inside(z)` elsewhere — fed `edge` in place of the outside elements' z, so the formula never sees
 * an argument it would refuse. The outside elements are constants: their derivative in every
 * argument is 0, which is the slope there (the function is flat outside its support).
 */
export function outsideSupport(rt: Runtime, s: number, z: Operand, shapes: readonly Operand[], isOutside: (z: number) => boolean, outside: number, edge: number, inside: (z: Operand) => Operand): Operand {
  const mask = maskOf(rt, s, (v) => isOutside(v), z, ...shapes);
  if (typeof mask === 'boolean') return mask ? outside : inside(z);
  if (!anyTrue(mask)) return inside(z);
  return where(rt, mask, outside, inside(where(rt, mask, edge, z, s) as Operand), s) as Operand;
}

/**
 * A log-density or log-mass outside its support (`isOutside`): scipy's −∞ there, and `inside`
 * elsewhere (fed `edge` where outside). The derivative of −∞ is no number: differentiated, the
 * element's 0 is said to mean nothing, never given silently.
 */
export function logOutsideSupport(rt: Runtime, s: number, what: string, z: Operand, shapes: readonly Operand[], isOutside: (z: number) => boolean, edge: number, inside: (z: Operand) => Operand): Operand {
  const mask = maskOf(rt, s, (v) => isOutside(v), z, ...shapes);
  warnIfTracked(rt, s, mask, `${what} is −inf outside the support (scipy's value): it has no derivative there, and the 0 GradLens's gradient takes from such an element means nothing`, z, ...shapes);
  if (anyTrue(mask)) rt.noteNonFinite(s, { text: `${what}: scipy's −inf outside the support`, values: [] }, true);
  return outsideSupport(rt, s, z, shapes, isOutside, -Infinity, edge, inside);
}

/** A domain error where `test` holds for some element (scipy would give inf or nan there). */
export function refuse(rt: Runtime, s: number, message: string, test: (...v: number[]) => boolean, ...xs: Operand[]): void {
  if (anyTrue(maskOf(rt, s, test, ...xs))) fail('domain', message, rt.sites[s]!);
}

function warnIfTracked(rt: Runtime, s: number, m: boolean | ArrayValue, message: string, ...xs: Operand[]): void {
  if (anyTrue(m) && xs.some(isTracked)) rt.warn('non-differentiable', message, s);
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** x where x > 0, else α·(exp(x/c) − 1) (elu: c = 1, celu: c = α); the exponential fed 0 where x > 0. */
function exponentialLinear(rt: Runtime, o: Ops, x: Operand, alpha: Operand, c: Operand, s: number): Operand {
  const positive = maskOf(rt, s, (v) => v > 0, x);
  return pick(rt, s, positive, () => x, () => o.mul(alpha, o.expm1(o.div(pick(rt, s, positive, () => 0, () => x), c))));
}

/** lo where x ≤ lo, hi where x ≥ hi, else x (jax.nn's relu6 and hard_tanh: derivative 0 at the corners). */
function clamp(rt: Runtime, x: Operand, lo: number, hi: number, s: number): Operand {
  return pick(rt, s, maskOf(rt, s, (v) => v > lo && v < hi, x), () => x, () => pick(rt, s, maskOf(rt, s, (v) => v <= lo, x), () => lo, () => hi));
}

/** jax.nn's activations with keyword parameters (`elu(x, alpha=1.0)`): x and the parameters as operands. */
function activation(name: string, names: readonly string[], body: (rt: Runtime, o: Ops, x: Operand, params: (Operand | undefined)[], s: number) => Operand): Impl {
  return (rt, args, kw, s) => {
    const b = bind(rt, name, names, args, kw, s);
    const params = names.slice(1).map((n) => (given(b[n]) ? operand(rt, b[n], s) : undefined));
    return body(rt, opsAt(rt, s), operand(rt, b.x!, s), params, s) as Value;
  };
}

/** Positional arguments as operands (lists become arrays). */
function operands(rt: Runtime, args: readonly Value[], s: number): Operand[] {
  return args.map((a) => operand(rt, a, s));
}

/** A function of operands only, without keywords. */
function elementwise(body: (rt: Runtime, o: Ops, x: Operand[], s: number) => Operand): Impl {
  return (rt, args, _kw, s) => body(rt, opsAt(rt, s), operands(rt, args, s), s) as Value;
}

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

/** scipy.stats.norm's functions of z = (x − loc)/scale; loc and scale left out of the graph when not given. */
function normal(name: string, body: (o: Ops, z: Operand, scale: Operand | undefined) => Operand): Impl {
  return (rt, args, kw, s) => {
    const b = bind(rt, `norm.${name}`, ['x', 'loc', 'scale'], args, kw, s);
    const o = opsAt(rt, s);
    const loc = given(b.loc) ? operand(rt, b.loc, s) : undefined;
    const scale = given(b.scale) ? operand(rt, b.scale, s) : undefined;
    if (scale !== undefined) refuse(rt, s, `norm.${name} needs scale > 0 (scipy gives nan)`, (v) => !(v > 0), scale);
    let z = operand(rt, b.x!, s);
    if (loc !== undefined) z = o.sub(z, loc);
    if (scale !== undefined) z = o.div(z, scale);
    return body(o, z, scale) as Value;
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

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

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

export const SCIPY_IMPLEMENTATIONS = {
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

  // silu(x) = x·σ(x)
  silu: elementwise((_rt, o, [x]) => o.mul(x!, o.expit(x!))),
  // gelu(x) = x·Φ(x); approximate=True (jax.nn's default): x/2·(1 + tanh(√(2/π)(x + 0.044715x³)))
  gelu: ((rt, args, kw, s) => {
    const b = bind(rt, 'gelu', ['x', 'approximate'], args, kw, s);
    const x = operand(rt, b.x!, s);
    const o = opsAt(rt, s);
    const approximate = !given(b.approximate) || (typeof b.approximate === 'boolean' ? b.approximate : num(rt, b.approximate, s, 'approximate') !== 0);
    if (!approximate) return o.mul(x, o.ndtr(x)) as Value;
    const inner = o.mul(SQRT_2_OVER_PI, o.add(x, o.mul(0.044715, o.mul(x, o.mul(x, x)))));
    return o.mul(o.mul(0.5, x), o.add(1, o.tanh(inner))) as Value;
  }) satisfies Impl,

  // jax.nn's other activations, each branch chosen per element from primal values (the branch not
  // taken fed a harmless constant, so it neither overflows nor sends a derivative)
  // log_sigmoid(x) = −softplus(−x) = min(x, 0) − log1p(e^−|x|)
  log_sigmoid: elementwise((rt, o, [x], s) => o.sub(pick(rt, s, maskOf(rt, s, (v) => v < 0, x!), () => x!, () => 0), o.log1p(o.exp(o.neg(absBySign(rt, s, o, x!)))))),
  elu: activation('elu', ['x', 'alpha'], (rt, o, x, [alpha], s) => exponentialLinear(rt, o, x, alpha ?? 1, 1, s)),
  celu: activation('celu', ['x', 'alpha'], (rt, o, x, [alpha], s) => exponentialLinear(rt, o, x, alpha ?? 1, alpha ?? 1, s)),
  selu: activation('selu', ['x'], (rt, o, x, _k, s) => o.mul(SELU_SCALE, exponentialLinear(rt, o, x, SELU_ALPHA, 1, s))),
  leaky_relu: activation('leaky_relu', ['x', 'negative_slope'], (rt, o, x, [slope], s) => pick(rt, s, maskOf(rt, s, (v) => v >= 0, x), () => x, () => o.mul(slope ?? 0.01, x))),
  relu6: activation('relu6', ['x'], (rt, _o, x, _k, s) => clamp(rt, x, 0, 6, s)),
  hard_tanh: activation('hard_tanh', ['x'], (rt, _o, x, _k, s) => clamp(rt, x, -1, 1, s)),
  // softsign(x) = x/(|x| + 1)
  soft_sign: elementwise((rt, o, [x], s) => o.div(x!, o.add(absBySign(rt, s, o, x!), 1))),

  // scipy.stats.norm, z = (x − loc)/scale
  norm_pdf: normal('pdf', (o, z, scale) => {
    const density = o.mul(INV_SQRT_2PI, o.exp(o.mul(-0.5, o.mul(z, z))));
    return scale === undefined ? density : o.div(density, scale);
  }),
  norm_logpdf: normal('logpdf', (o, z, scale) => {
    const log = o.sub(o.mul(-0.5, o.mul(z, z)), LN_SQRT_2PI);
    return scale === undefined ? log : o.sub(log, o.log(scale));
  }),
  norm_cdf: normal('cdf', (o, z) => o.ndtr(z)),
  norm_logcdf: normal('logcdf', (o, z) => o.logNdtr(z)),
  norm_sf: normal('sf', (o, z) => o.ndtr(o.neg(z))),
  norm_logsf: normal('logsf', (o, z) => o.logNdtr(o.neg(z))),
  // ppf(q) = loc + scale·Φ⁻¹(q)
  norm_ppf: quantile('norm.ppf', (_rt, o, q) => o.ndtri(q)),
  // isf(q) = ppf(1 − q) = loc − scale·Φ⁻¹(q), as scipy computes it
  norm_isf: quantile('norm.isf', (_rt, o, q) => o.neg(o.ndtri(q))),
} satisfies Record<string, Impl>;

/** A distribution's ppf(q, loc, scale) = loc + scale·standard(q). */
export function quantile(name: string, standard: (rt: Runtime, o: Ops, q: Operand, s: number) => Operand): Impl {
  return (rt, args, kw, s) => {
    const b = bind(rt, name, ['q', 'loc', 'scale'], args, kw, s);
    const o = opsAt(rt, s);
    let x = standard(rt, o, operand(rt, b.q!, s), s);
    if (given(b.scale)) {
      const scale = operand(rt, b.scale, s);
      refuse(rt, s, `${name} needs scale > 0 (scipy gives nan)`, (v) => !(v > 0), scale);
      x = o.mul(x, scale);
    }
    if (given(b.loc)) x = o.add(x, operand(rt, b.loc, s));
    return x as Value;
  };
}
