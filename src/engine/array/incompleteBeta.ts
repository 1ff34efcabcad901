import { fail } from '../../core/diagnostic';
import type { Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { betainc as betaincValue, betaLog } from '../primitives/special/incompleteBeta';
import { bind, operand, type Impl } from './args';
import { elementwise, isTracked } from './elementwise';
import { ArrayValue, broadcastMap, broadcastShapes, formatShape, sizeOf } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { asArray, constant, element, record } from './record';

/**
 * scipy.special.betainc(a, b, x), the regularized incomplete beta function, with its derivative in x:
 *   ∂I/∂x = x^(a−1)(1 − x)^(b−1)/B(a, b),  ∂²I/∂x² = ∂I/∂x·((a − 1)/x − (b − 1)/(1 − x)).
 * Its derivatives in a and b need series of their own that GradLens does not have (JAX has none
 * either): a tracked a or b is refused, saying so. One node per call, over x broadcast to the output.
 */
class IncompleteBetaNode implements ArrayNode {
  row = -1;
  readonly name = 'betainc';
  constructor(
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    private readonly partial: Float64Array,
    private readonly second: Float64Array,
  ) {}

  jvp(t: Tangents): Float64Array | null {
    const tx = t.array(this.inputs[0]!);
    return tx ? Float64Array.from(tx, (v, i) => this.partial[i]! * v) : null;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    const target = adj.array(this.inputs[0]!);
    for (let i = 0; i < g.length; i++) target[i] = target[i]! + this.partial[i]! * g[i]!;
  }

  curvature(g: Float64Array, t: Tangents, adj: Adjoints): void {
    const tx = t.array(this.inputs[0]!);
    if (!tx) return;
    const target = adj.array(this.inputs[0]!);
    for (let i = 0; i < g.length; i++) target[i] = target[i]! + this.second[i]! * tx[i]! * g[i]!;
  }
}

export const betainc: Impl = (rt, args, kw, site) => {
  const b_ = bind(rt, 'betainc', ['a', 'b', 'x'], args, kw, site);
  const [a0, b0, x0] = [operand(rt, b_.a!, site), operand(rt, b_.b!, site), operand(rt, b_.x!, site)];
  if (isTracked(a0) || isTracked(b0)) fail('unsupported', 'GradLens does not support the derivative of betainc with respect to a or b yet (only x; JAX has only x too): pass a and b as constants', rt.sites[site]!);
  const [a, b] = [asArray(rt, a0, site), asArray(rt, b0, site)];
  let x = asArray(rt, x0, site);
  const ab = broadcastShapes(a.shape, b.shape);
  const shape = ab && broadcastShapes(ab, x.shape);
  if (!shape) fail('shape', `betainc: shapes ${formatShape(a.shape)}, ${formatShape(b.shape)} and ${formatShape(x.shape)} could not be broadcast together`, rt.sites[site]!);
  // x spread to the output's shape by the registry's add, which sums its adjoint back
  if (x.shape.length !== shape.length || x.shape.some((d, i) => d !== shape[i])) x = elementwise(rt, P.add, x, constant(shape, new Float64Array(sizeOf(shape))), site);
  const n = sizeOf(shape);
  const [ma, mb] = [broadcastMap(a.shape, shape), broadcastMap(b.shape, shape)];
  const at = (v: ArrayValue, map: ReturnType<typeof broadcastMap>, i: number): number => v.data[map === null ? i : typeof map === 'number' ? i % map : map[i]!]!;
  const out = new Float64Array(n);
  const partial = new Float64Array(n);
  const second = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [ai, bi, xi] = [at(a, ma, i), at(b, mb, i), x.data[i]!];
    if (!(ai > 0 && bi > 0)) fail('domain', `betainc needs a > 0 and b > 0 (betainc(${ai}, ${bi}, x))${n > 1 ? ` at element ${i}` : ''}`, rt.sites[site]!);
    if (!(xi >= 0 && xi <= 1)) fail('domain', `betainc needs 0 ≤ x ≤ 1 (x = ${xi})${n > 1 ? ` at element ${i}` : ''}`, rt.sites[site]!);
    out[i] = betaincValue(ai, bi, xi);
    partial[i] = Math.exp((ai - 1) * Math.log(xi) + (bi - 1) * Math.log1p(-xi) - betaLog(ai, bi));
    second[i] = partial[i]! * ((ai - 1) / xi - (bi - 1) / (1 - xi));
    if (x.row >= 0 && !Number.isFinite(partial[i]!)) rt.warn('non-differentiable', `betainc has an infinite derivative at x = ${xi} (a or b below 1)${n > 1 ? ` (element ${i})` : ''}`, site);
  }
  const scalar = !(x0 instanceof ArrayValue) && !(a0 instanceof ArrayValue) && !(b0 instanceof ArrayValue);
  if (x.row < 0 || !rt.tape) return scalar ? out[0]! : constant(shape, out);
  const result = record(rt, new IncompleteBetaNode(shape, out, [x.row], partial, second), site, 16 * n);
  return scalar ? (element(rt, result, 0, site) as Value) : result;
};
