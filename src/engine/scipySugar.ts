import type { Impl } from './array/args';
import { JAX_ACTIVATIONS } from './jaxActivations';
import { NORMAL_SUGAR } from './scipyNormal';
import { SPECIAL_SUGAR } from './scipySpecialSugar';

/**
 * scipy.special's, scipy.stats.norm's and jax.nn's functions that are compositions of registry
 * primitives, by area: scipySpecialSugar.ts (xlogy, entr, huber, logsumexp, softmax, betaln…),
 * jaxActivations.ts (silu, gelu, elu, leaky_relu…), scipyNormal.ts (norm.pdf … norm.isf); what they
 * are written with (the primitives over operands, per-element branches) is sugarOps.ts.
 */
export const SCIPY_IMPLEMENTATIONS = {
  ...SPECIAL_SUGAR,
  ...JAX_ACTIVATIONS,
  ...NORMAL_SUGAR,
} satisfies Record<string, Impl>;
