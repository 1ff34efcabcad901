import type { Value } from './interpreter/values';
import { bind, given, operand, type Impl } from './array/args';
import type { Operand } from './array/record';
import { opsAt, quantile, refuse, type Ops } from './sugarOps';

/** scipy.stats.norm (and its jax and autograd spellings) from the registry's ndtr, log_ndtr and ndtri. */

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

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export const NORMAL_SUGAR = {
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
