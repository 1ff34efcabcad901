import type { IrExpr, IrFunction } from '../ir/nodes';
import { someNode } from '../ir/walk';
import type { InferredShapes } from './shapes';

/**
 * Overloads dispatched on `typeof` (planck's `Vec2.mul(a, b)`, gl-matrix-style helpers taking a
 * vector or a number): `if (typeof w === 'number') { …w * v.y… } else { …v.x * w.y… }`. Shape
 * inference reads every branch, so a parameter used both ways is inferred an object, and a sample of
 * objects may reach no branch that returns (`addCross`) or one that multiplies an object. The
 * alternatives: each parameter the code tests with `typeof` taken as a number instead, one at a
 * time, in the order of the parameters — tried when the inferred shapes give no sample point.
 */
export function typeofAlternatives(fn: IrFunction, shapes: InferredShapes): InferredShapes[] {
  const tested = typeofTested(fn);
  return shapes.parameters.flatMap((p, i) => {
    if (!tested.has(p.name) || p.kind.kind === 'scalar' || p.kind.kind === 'default') return [];
    const parameters = shapes.parameters.map((q, j) => (j === i ? { ...q, kind: { kind: 'scalar' as const } } : q));
    return [{ ...shapes, parameters }];
  });
}

/** The names `typeof name` is compared with a string for, anywhere in the function. */
function typeofTested(fn: IrFunction): Set<string> {
  const out = new Set<string>();
  const typeofOf = (e: IrExpr): string | undefined =>
    e.kind === 'call' && e.callee.kind === 'intrinsic' && e.callee.name === 'type_of' && e.args.length === 1 && e.args[0]!.kind === 'name' ? e.args[0]!.name : undefined;
  someNode(fn.body, {
    expr: (e) => {
      if (e.kind !== 'compare' || e.operands.length !== 2 || !e.operands.some((o) => o.kind === 'string')) return false;
      for (const o of e.operands) {
        const name = typeofOf(o);
        if (name !== undefined) out.add(name);
      }
      return false;
    },
  });
  return out;
}
