import type { IrBinaryOp } from '../../ir/nodes';
import { isBitwise, bitwiseBinary } from './bitwise';
import type { ExprFn } from './compiled';
import { binary } from './operators';

/**
 * `a op b`: two numbers fold here for +, − and × (as scalarBinary folds them, bit for bit), without
 * the generic dispatch; anything else goes through `binary`. One closure per operator, so each
 * call site sees one shape.
 */
export function binaryExpr(op: IrBinaryOp, left: ExprFn, right: ExprFn, site: number): ExprFn {
  switch (op) {
    case '+':
      return (f) => {
        const a = left(f);
        const b = right(f);
        return typeof a === 'number' && typeof b === 'number' ? a + b : binary(f.rt, '+', a, b, site);
      };
    case '-':
      return (f) => {
        const a = left(f);
        const b = right(f);
        return typeof a === 'number' && typeof b === 'number' ? a - b : binary(f.rt, '-', a, b, site);
      };
    case '*':
      return (f) => {
        const a = left(f);
        const b = right(f);
        return typeof a === 'number' && typeof b === 'number' ? a * b : binary(f.rt, '*', a, b, site);
      };
    default:
      if (isBitwise(op)) return (f) => bitwiseBinary(f.rt, op, left(f), right(f), site);
      return (f) => binary(f.rt, op, left(f), right(f), site);
  }
}
