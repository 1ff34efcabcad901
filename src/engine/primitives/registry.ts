import { SCALAR_PRIMITIVES } from './scalar';
import type { Ops, ScalarPrimitive, ScalarPrimitiveName } from './types';

/** Every primitive by name. Adding one is one entry in `scalar.ts` and one row of the rule tests. */
export const PRIMITIVES: Readonly<Record<ScalarPrimitiveName, ScalarPrimitive>> = Object.fromEntries(
  SCALAR_PRIMITIVES.map((p) => [p.name, p]),
) as Record<ScalarPrimitiveName, ScalarPrimitive>;

export function primitive(name: ScalarPrimitiveName): ScalarPrimitive {
  return PRIMITIVES[name];
}

export function buildOps<T>(apply: (p: ScalarPrimitive, a: T, b: T) => T, constant: (c: number) => T, primal: (t: T) => number): Ops<T> {
  const ops: Record<string, unknown> = { constant, primal };
  for (const p of SCALAR_PRIMITIVES) {
    ops[p.name] = p.arity === 1 ? (a: T) => apply(p, a, a) : (a: T, b: T) => apply(p, a, b);
  }
  return ops as Ops<T>;
}

/**
 * The registry over plain float64: what the tape uses to compute partials. Each operation is the
 * primitive's own `value`, with no wrapper, because it runs for every recorded operation.
 */
export const numberOps: Ops<number> = Object.fromEntries([
  ...SCALAR_PRIMITIVES.map((p) => [p.name, p.value]),
  ['constant', (c: number) => c],
  ['primal', (t: number) => t],
]) as unknown as Ops<number>;

/** A value with one tangent: the algebra that differentiates a rule again. */
export class Dual {
  constructor(
    readonly v: number,
    readonly d: number,
  ) {}
}

/**
 * The registry over dual numbers: each operation's tangent comes from the same partial rules, skipped
 * for arguments whose tangent is zero (so ∂(aᵇ)/∂b is never formed for a constant b, where it may not
 * exist).
 */
export const dualOps: Ops<Dual> = buildOps<Dual>(
  (p, a, b) => {
    const out = p.value(a.v, b.v);
    let d = 0;
    if (a.d !== 0) d += p.partials[0]!(numberOps, a.v, b.v, out) * a.d;
    if (p.arity === 2 && b.d !== 0) d += p.partials[1]!(numberOps, a.v, b.v, out) * b.d;
    return new Dual(out, d);
  },
  (c) => new Dual(c, 0),
  (t) => t.v,
);
