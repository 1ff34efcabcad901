import { fail } from '../core/diagnostic';
import type { Runtime } from './interpreter/runtime';
import { Tracked, type Value } from './interpreter/values';
import { PRIMITIVES as P } from './primitives/registry';
import type { ScalarPrimitive } from './primitives/types';
import { applyAny, isTracked } from './array/elementwise';
import { bind, given, operand, type Impl } from './array/args';
import { ArrayValue, broadcastMap, broadcastShapes, formatShape, sizeOf, type BroadcastMap } from './array/ndarray';
import { where } from './array/where';
import { constant, type Operand } from './array/record';

/**
 * What the library sugar (scipySpecialSugar.ts, jaxActivations.ts, scipyNormal.ts, scipyDistributions.ts)
 * is written with. Those are scipy.special's, scipy.stats's and jax.nn's functions that are compositions of registry
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

export const primalOf = (x: Operand): number => (typeof x === 'number' ? x : (x as Tracked).value);

/**
 * Per element of the operands' broadcast, whether `test` holds: a boolean for scalars, a constant
 * boolean array otherwise.
 */
export function maskOf(rt: Runtime, s: number, test: (...v: number[]) => boolean, ...xs: Operand[]): boolean | ArrayValue {
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

export const anyTrue = (m: boolean | ArrayValue): boolean => (typeof m === 'boolean' ? m : m.data.some((x) => x !== 0));

/** Per element, `whenTrue()` where the mask holds, else `whenFalse()` (for scalars only the branch taken runs). */
export function pick(rt: Runtime, s: number, m: boolean | ArrayValue, whenTrue: () => Operand, whenFalse: () => Operand): Operand {
  if (typeof m === 'boolean') return m ? whenTrue() : whenFalse();
  return where(rt, m, whenTrue(), whenFalse(), s);
}

/**
 * |x| as x times a constant sign (for scalars x or −x): no kink warning at 0, and for arrays no
 * warning from elements a branch discards anyway.
 */
export function absBySign(rt: Runtime, s: number, o: Ops, x: Operand): Operand {
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

export function warnIfTracked(rt: Runtime, s: number, m: boolean | ArrayValue, message: string, ...xs: Operand[]): void {
  if (anyTrue(m) && xs.some(isTracked)) rt.warn('non-differentiable', message, s);
}

/** Positional arguments as operands (lists become arrays). */
function operands(rt: Runtime, args: readonly Value[], s: number): Operand[] {
  return args.map((a) => operand(rt, a, s));
}

/** A function of operands only, without keywords. */
export function elementwise(body: (rt: Runtime, o: Ops, x: Operand[], s: number) => Operand): Impl {
  return (rt, args, _kw, s) => body(rt, opsAt(rt, s), operands(rt, args, s), s) as Value;
}

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
