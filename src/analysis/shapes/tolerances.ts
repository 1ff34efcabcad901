import type { IrExpr, IrFunction } from '../../ir/nodes';
import { assignedNames, someNode } from '../../ir/walk';

/**
 * What a sample gives a tolerance: small, as the callers pass one (react-motion's `precision` 0.01,
 * a solver's `tol`). A sample number in [0.3, 0.9] would stop a spring at rest on its first step or a
 * Newton loop before it starts, where every derivative is trivially 0.
 */
export const TOLERANCE_SAMPLE = 0.001;

/**
 * The parameters a function uses only as tolerances: every use an operand of an ordering compared
 * with an absolute value (`Math.abs(newV) < precision`, `abs(x - y) <= tol`), never assigned.
 */
export function toleranceParameters(fn: IrFunction): Set<string> {
  const names = new Set(fn.params.filter((p) => p.kind === undefined && !p.default).map((p) => p.name));
  for (const n of assignedNames(fn.body)) names.delete(n);
  if (names.size === 0) return names;
  const asTolerance = new Set<IrExpr>();
  const uses = new Map<string, number>();
  const tolerant = new Map<string, number>();
  someNode(fn.body, {
    expr: (e) => {
      if (e.kind === 'compare' && e.ops.length === 1 && ORDERINGS.has(e.ops[0]!) && e.operands.some(isAbsolute)) {
        for (const o of e.operands) if (o.kind === 'name') asTolerance.add(o);
      }
      if (e.kind === 'name' && names.has(e.name)) {
        uses.set(e.name, (uses.get(e.name) ?? 0) + 1);
        if (asTolerance.has(e)) tolerant.set(e.name, (tolerant.get(e.name) ?? 0) + 1);
      }
      return false;
    },
  });
  return new Set([...names].filter((n) => (tolerant.get(n) ?? 0) > 0 && tolerant.get(n) === uses.get(n)));
}

const ORDERINGS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);

const isAbsolute = (e: IrExpr): boolean => e.kind === 'call' && e.callee.kind === 'intrinsic' && e.callee.name === 'abs';
