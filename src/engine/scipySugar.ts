import { arr, axisArg, bind, notYet, type Impl } from './array/args';
import { applyAny } from './array/elementwise';
import { asArray, type Operand } from './array/record';
import { mean, resolveAxes } from './array/reduce';
import type { Value } from './interpreter/values';
import { PRIMITIVES as P } from './primitives/registry';
import { JAX_ACTIVATIONS } from './jaxActivations';
import { NORMAL_SUGAR } from './scipyNormal';
import { SPECIAL_SUGAR } from './scipySpecialSugar';

/**
 * scipy.special's, scipy.stats.norm's and jax.nn's functions that are compositions of registry
 * primitives, by area: scipySpecialSugar.ts (xlogy, entr, huber, logsumexp, softmax, betaln…),
 * jaxActivations.ts (silu, gelu, elu, leaky_relu…), scipyNormal.ts (norm.pdf … norm.isf); what they
 * are written with (the primitives over operands, per-element branches) is sugarOps.ts.
 */
/** scipy.stats.gmean(a, axis=0): exp(mean(log a)) along the axis (None: all of a); a log's domain says where a ≤ 0. */
const gmean: Impl = (rt, args, kw, s) => {
  const b = bind(rt, 'gmean', ['a', 'axis', 'dtype', 'weights'], args, kw, s);
  notYet(rt, 'gmean', b, ['dtype', 'weights'], s);
  const a = arr(rt, b.a!, s, 'gmean');
  const logs = asArray(rt, applyAny(rt, P.log, a, undefined, s), s);
  const axis = a.ndim === 0 ? undefined : b.axis === undefined ? 0 : axisArg(rt, b.axis, s);
  return applyAny(rt, P.exp, mean(rt, logs, resolveAxes(rt, logs, axis, false, s), s) as Operand, undefined, s) as Value;
};

export const SCIPY_IMPLEMENTATIONS = {
  gmean,
  ...SPECIAL_SUGAR,
  ...JAX_ACTIVATIONS,
  ...NORMAL_SUGAR,
} satisfies Record<string, Impl>;
