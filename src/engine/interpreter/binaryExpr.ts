import type { IrBinaryOp } from '../../ir/nodes';
import { PRIMITIVES } from '../primitives/registry';
import type { ScalarPrimitive } from '../primitives/types';
import { isBitwise, bitwiseBinary } from './bitwise';
import type { ExprFn } from './compiled';
import { binary } from './operators';
import { EXACT_LIMIT, exactBinary, exactNumbers, leavesExactRange } from './exactIntegers';
import { Tracked } from './values';

const P = PRIMITIVES;

/**
 * `a op b`: two numbers fold here for +, − and × when the result is within float64's exact integers
 * (as scalarBinary folds them, bit for bit; past them two integers go exact, exactIntegers.ts), and numbers and tracked scalars otherwise go straight to the primitive (as
 * scalarBinary sends them: an overflow is an error there, and a NaN or ∞ is noted where it arose),
 * without the generic dispatch; anything else goes through `binary`. One closure per operator, so
 * each call site sees one shape.
 */
export function binaryExpr(op: IrBinaryOp, left: ExprFn, right: ExprFn, site: number): ExprFn {
  switch (op) {
    case '+':
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a + b;
          if (r <= EXACT_LIMIT && r >= -EXACT_LIMIT) return r;
          if (r - r === 0) return exactNumbers('+', a, b, r);
        }
        return isScalar(a) && isScalar(b) ? f.rt.apply(P.add, a, b, site) : binary(f.rt, '+', a, b, site);
      };
    case '-':
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a - b;
          if (r <= EXACT_LIMIT && r >= -EXACT_LIMIT) return r;
          if (r - r === 0) return exactNumbers('-', a, b, r);
        }
        return isScalar(a) && isScalar(b) ? f.rt.apply(P.sub, a, b, site) : binary(f.rt, '-', a, b, site);
      };
    case '*':
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a * b;
          if (r <= EXACT_LIMIT && r >= -EXACT_LIMIT) return r;
          if (r - r === 0) return exactNumbers('*', a, b, r);
        }
        return isScalar(a) && isScalar(b) ? f.rt.apply(P.mul, a, b, site) : binary(f.rt, '*', a, b, site);
      };
    case '/':
      return primitiveExpr(P.div, op, left, right, site);
    case '**':
      return (f) => {
        const a = left(f);
        const b = right(f);
        // An integer power past 2**53 (`10**20`) is Python's exact int (exactIntegers.ts).
        if (typeof a === 'number' && typeof b === 'number' && leavesExactRange('**', a, b)) return exactBinary(f.rt, '**', a, b, site) ?? f.rt.apply(P.pow, a, b, site);
        return isScalar(a) && isScalar(b) ? f.rt.apply(P.pow, a, b, site) : binary(f.rt, op, a, b, site);
      };
    default:
      if (isBitwise(op)) return (f) => bitwiseBinary(f.rt, op, left(f), right(f), site);
      return (f) => binary(f.rt, op, left(f), right(f), site);
  }
}

/** An operator that is one primitive on scalars, numbers or not (division by zero is the primitive's error). */
function primitiveExpr(p: ScalarPrimitive, op: IrBinaryOp, left: ExprFn, right: ExprFn, site: number): ExprFn {
  return (f) => {
    const a = left(f);
    const b = right(f);
    return isScalar(a) && isScalar(b) ? f.rt.apply(p, a, b, site) : binary(f.rt, op, a, b, site);
  };
}

function isScalar(v: unknown): v is number | Tracked {
  return typeof v === 'number' || v instanceof Tracked;
}
