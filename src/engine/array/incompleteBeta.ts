import { fail } from '../../core/diagnostic';
import type { Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { betainc as betaincValue, betaLog } from '../primitives/special/incompleteBeta';
import { betaincWithParameterDerivatives } from '../primitives/special/incompleteBetaJet';
import { digamma } from '../primitives/special/polygamma';
import { bind, operand, type Impl } from './args';
import { elementwise, isTracked } from './elementwise';
import { ArrayValue, broadcastMap, broadcastShapes, formatShape, sizeOf } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { asArray, constant, element, record } from './record';

/**
 * scipy.special.betainc(a, b, x), the regularized incomplete beta function, with its derivatives in
 * all three arguments. In x they are closed forms:
 *   ∂I/∂x = x^(a−1)(1 − x)^(b−1)/B(a, b),  ∂²I/∂x² = ∂I/∂x·((a − 1)/x − (b − 1)/(1 − x)),
 *   ∂²I/∂x∂a = ∂I/∂x·(ln x − ψ(a) + ψ(a + b)),  ∂²I/∂x∂b = ∂I/∂x·(ln(1 − x) − ψ(b) + ψ(a + b));
 * in a and b (first and second) they come from the continued fraction run over jets
 * (incompleteBetaJet.ts), computed only when a or b is tracked. One node per call: each tracked
 * argument is spread to the output's shape, and the node keeps each element's gradient (3) and
 * Hessian (the 6 entries of a symmetric 3×3) in the order a, b, x.
 */
class IncompleteBetaNode implements ArrayNode {
  row = -1;
  readonly name = 'betainc';
  constructor(
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    /** For each input, which argument it is: 0 a, 1 b, 2 x. */
    private readonly roles: readonly number[],
    private readonly gradient: Float64Array,
    private readonly hessian: Float64Array,
  ) {}

  private partial(i: number, role: number): number {
    return this.gradient[3 * i + role]!;
  }

  private second(i: number, r: number, c: number): number {
    const [lo, hi] = r <= c ? [r, c] : [c, r];
    // packed upper triangle: aa ab ax bb bx xx
    return this.hessian[6 * i + (lo === 0 ? hi : lo === 1 ? 2 + hi : 5)]!;
  }

  jvp(t: Tangents): Float64Array | null {
    let out: Float64Array | null = null;
    this.inputs.forEach((row, k) => {
      const tk = t.array(row);
      if (!tk) return;
      out ??= new Float64Array(this.value.length);
      for (let i = 0; i < tk.length; i++) out[i] = out[i]! + this.partial(i, this.roles[k]!) * tk[i]!;
    });
    return out;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    this.inputs.forEach((row, k) => {
      const target = adj.array(row);
      for (let i = 0; i < g.length; i++) target[i] = target[i]! + this.partial(i, this.roles[k]!) * g[i]!;
    });
  }

  curvature(g: Float64Array, t: Tangents, adj: Adjoints): void {
    const tangents = this.inputs.map((row) => t.array(row));
    this.inputs.forEach((row, k) => {
      let target: Float64Array | undefined;
      tangents.forEach((tl, l) => {
        if (!tl) return;
        target ??= adj.array(row);
        for (let i = 0; i < g.length; i++) target[i] = target[i]! + this.second(i, this.roles[k]!, this.roles[l]!) * tl[i]! * g[i]!;
      });
    });
  }
}

export const betainc: Impl = (rt, args, kw, site) => {
  const b_ = bind(rt, 'betainc', ['a', 'b', 'x'], args, kw, site);
  const given = [operand(rt, b_.a!, site), operand(rt, b_.b!, site), operand(rt, b_.x!, site)];
  let [a, b, x] = given.map((v) => asArray(rt, v, site)) as [ArrayValue, ArrayValue, ArrayValue];
  const ab = broadcastShapes(a.shape, b.shape);
  const shape = ab && broadcastShapes(ab, x.shape);
  if (!shape) fail('shape', `betainc: shapes ${formatShape(a.shape)}, ${formatShape(b.shape)} and ${formatShape(x.shape)} could not be broadcast together`, rt.sites[site]!);
  const recording = rt.tape !== null && rt.tape !== undefined;
  // a tracked argument is spread to the output's shape by the registry's add, which sums its adjoint back
  const spread = (v: ArrayValue): ArrayValue =>
    recording && v.row >= 0 && (v.shape.length !== shape.length || v.shape.some((d, i) => d !== shape[i])) ? elementwise(rt, P.add, v, constant(shape, new Float64Array(sizeOf(shape))), site) : v;
  [a, b, x] = [spread(a), spread(b), spread(x)];
  const parameters = recording && (isTracked(given[0]!) || isTracked(given[1]!));
  const n = sizeOf(shape);
  const [ma, mb, mx] = [broadcastMap(a.shape, shape), broadcastMap(b.shape, shape), broadcastMap(x.shape, shape)];
  const at = (v: ArrayValue, map: ReturnType<typeof broadcastMap>, i: number): number => v.data[map === null ? i : typeof map === 'number' ? i % map : map[i]!]!;
  const out = new Float64Array(n);
  const gradient = new Float64Array(3 * n);
  const hessian = new Float64Array(6 * n);
  const where = (i: number): string => (n > 1 ? ` at element ${i}` : '');
  for (let i = 0; i < n; i++) {
    const [ai, bi, xi] = [at(a, ma, i), at(b, mb, i), at(x, mx, i)];
    if (!(ai > 0 && bi > 0)) fail('domain', `betainc needs a > 0 and b > 0 (betainc(${ai}, ${bi}, x))${where(i)}`, rt.sites[site]!);
    if (!(xi >= 0 && xi <= 1)) fail('domain', `betainc needs 0 ≤ x ≤ 1 (x = ${xi})${where(i)}`, rt.sites[site]!);
    out[i] = betaincValue(ai, bi, xi);
    const px = Math.exp((ai - 1) * Math.log(xi) + (bi - 1) * Math.log1p(-xi) - betaLog(ai, bi));
    gradient[3 * i + 2] = px;
    hessian[6 * i + 5] = px * ((ai - 1) / xi - (bi - 1) / (1 - xi));
    if (x.row >= 0 && !Number.isFinite(px)) rt.warn('non-differentiable', `betainc has an infinite derivative at x = ${xi} (a or b below 1)${where(i)}`, site);
    if (!parameters) continue;
    const jet = betaincWithParameterDerivatives(ai, bi, xi);
    if (!jet) fail('unsupported', `GradLens could not converge betainc's derivative in a and b at a = ${ai}, b = ${bi}, x = ${xi}${where(i)} (its continued fraction did not settle in 5000 terms)`, rt.sites[site]!);
    const psiAB = digamma(ai + bi);
    gradient[3 * i] = jet.first[0];
    gradient[3 * i + 1] = jet.first[1];
    // aa ab ax bb bx (xx above); at x = 0 or 1 the mixed ones are px·(±∞) with px 0 or ∞: only px decides
    hessian[6 * i] = jet.second[0];
    hessian[6 * i + 1] = jet.second[1];
    hessian[6 * i + 2] = px === 0 ? 0 : px * (Math.log(xi) - digamma(ai) + psiAB);
    hessian[6 * i + 3] = jet.second[2];
    hessian[6 * i + 4] = px === 0 ? 0 : px * (Math.log1p(-xi) - digamma(bi) + psiAB);
  }
  const scalar = !given.some((v) => v instanceof ArrayValue);
  const inputs: number[] = [];
  const roles: number[] = [];
  [a, b, x].forEach((v, role) => {
    if (v.row >= 0 && (role === 2 || parameters)) {
      inputs.push(v.row);
      roles.push(role);
    }
  });
  if (inputs.length === 0 || !recording) return scalar ? out[0]! : constant(shape, out);
  const result = record(rt, new IncompleteBetaNode(shape, out, inputs, roles, gradient, hessian), site, 80 * n);
  return scalar ? (element(rt, result, 0, site) as Value) : result;
};
