import type { Runtime } from './interpreter/runtime';
import type { Value } from './interpreter/values';
import { bind, given, num, operand, type Impl } from './array/args';
import type { Operand } from './array/record';
import { absBySign, elementwise, maskOf, opsAt, pick, type Ops } from './sugarOps';

/**
 * jax.nn's activations that are compositions of registry primitives (σ itself is the primitive
 * expit; softmax and log_softmax are scipySpecialSugar.ts's): each branch chosen per element from
 * primal values, the branch not taken fed a harmless constant, so it neither overflows nor sends a
 * derivative (sugarOps.ts).
 */

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

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

export const JAX_ACTIVATIONS = {
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
} satisfies Record<string, Impl>;
