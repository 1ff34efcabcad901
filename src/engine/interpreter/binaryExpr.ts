import type { IrBinaryOp } from '../../ir/nodes';
import { PRIMITIVES } from '../primitives/registry';
import type { ScalarPrimitive } from '../primitives/types';
import { addScalars, multiplyScalars, squareScalar, subtractScalars } from './arithmetic';
import { isBitwise, bitwiseBinary } from './bitwise';
import type { ExprFn } from './compiled';
import { binary } from './operators';
import { EXACT_LIMIT, exactBinary, exactNumbers, leavesExactRange } from './exactIntegers';
import type { Runtime } from './runtime';
import { Tracked, type Value } from './values';
import type { OperandKinds } from './operators';

const P = PRIMITIVES;

/** The literal exponent 2 of `a ** 2` is an int: an int array squared stays int. */
const SQUARE_KINDS: OperandKinds = [undefined, 'int'];

/**
 * `a op b`: two numbers fold here for +, − and × when the result is within float64's exact integers
 * (as scalarBinary folds them, bit for bit; past them two integers go exact, exactIntegers.ts), and
 * numbers and tracked scalars otherwise go straight to the primitive (arithmetic.ts for +, −, × and a
 * literal square: the rows `scalarBinary` would record, bit for bit; an overflow is an error there,
 * and a NaN or ∞ is noted where it arose), without the generic dispatch; anything else goes through
 * `binary`. One closure per operator, so each call site sees one shape. `literalRight` is the right
 * operand when it is a number written in the source (`x ** 2`).
 */
/**
 * An IrSum: its terms left to right, each `+`/`−` as `binaryExpr` applies it, at the site of the
 * chain up to that term (the binary node it stands for), in a loop rather than a closure per level.
 */
export function sumExpr(terms: readonly ExprFn[], ops: readonly ('+' | '-')[], sites: readonly number[]): ExprFn {
  return (f) => {
    let acc = terms[0]!(f);
    for (let i = 1; i < terms.length; i++) {
      const t = terms[i]!(f);
      acc = ops[i - 1] === '+' ? addValues(f.rt, acc, t, sites[i - 1]!) : subtractValues(f.rt, acc, t, sites[i - 1]!);
    }
    return acc;
  };
}

export function binaryExpr(op: IrBinaryOp, left: ExprFn, right: ExprFn, site: number, literalRight?: number, kinds?: OperandKinds): ExprFn {
  switch (op) {
    case '+':
      return (f) => addValues(f.rt, left(f), right(f), site, kinds);
    case '-':
      return (f) => subtractValues(f.rt, left(f), right(f), site, kinds);
    case '*':
      return (f) => multiplyValues(f.rt, left(f), right(f), site, kinds);
    case '/':
      return primitiveExpr(P.div, op, left, right, site);
    case '**':
      if (literalRight === 2) return (f) => squareValue(f.rt, left(f), site);
      return (f) => {
        const a = left(f);
        const b = right(f);
        // An integer power past 2**53 (`10**20`) is Python's exact int (exactIntegers.ts).
        if (typeof a === 'number' && typeof b === 'number' && leavesExactRange('**', a, b)) return exactBinary(f.rt, '**', a, b, site) ?? f.rt.apply(P.pow, a, b, site);
        return isScalar(a) && isScalar(b) ? f.rt.apply(P.pow, a, b, site) : binary(f.rt, op, a, b, site, kinds);
      };
    default:
      if (isBitwise(op)) return (f) => bitwiseBinary(f.rt, op, left(f), right(f), site);
      return (f) => binary(f.rt, op, left(f), right(f), site, kinds);
  }
}

/** `a + b` of two evaluated operands, as `binaryExpr` computes it (scalarTrees.ts falls back to it too). */
export function addValues(rt: Runtime, a: Value, b: Value, site: number, kinds?: OperandKinds): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= EXACT_LIMIT && r >= -EXACT_LIMIT) return r;
    if (r - r === 0) return exactNumbers('+', a, b, r);
  }
  return isScalar(a) && isScalar(b) ? addScalars(rt, a, b, site) : binary(rt, '+', a, b, site, kinds);
}

/** `a - b`, as `addValues`. */
export function subtractValues(rt: Runtime, a: Value, b: Value, site: number, kinds?: OperandKinds): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= EXACT_LIMIT && r >= -EXACT_LIMIT) return r;
    if (r - r === 0) return exactNumbers('-', a, b, r);
  }
  return isScalar(a) && isScalar(b) ? subtractScalars(rt, a, b, site) : binary(rt, '-', a, b, site, kinds);
}

/** `a * b`, as `addValues`. */
export function multiplyValues(rt: Runtime, a: Value, b: Value, site: number, kinds?: OperandKinds): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (r <= EXACT_LIMIT && r >= -EXACT_LIMIT) return r;
    if (r - r === 0) return exactNumbers('*', a, b, r);
  }
  return isScalar(a) && isScalar(b) ? multiplyScalars(rt, a, b, site) : binary(rt, '*', a, b, site, kinds);
}

/** `a ** 2` with the exponent a literal 2. An integer square past 2**53 is Python's exact int (exactIntegers.ts). */
export function squareValue(rt: Runtime, a: Value, site: number): Value {
  if (typeof a === 'number' && leavesExactRange('**', a, 2)) return exactBinary(rt, '**', a, 2, site) ?? rt.apply(P.pow, a, 2, site);
  return isScalar(a) ? squareScalar(rt, a, site) : binary(rt, '**', a, 2, site, SQUARE_KINDS);
}

/**
 * `a op= b` as augmented assignment computes it on scalars (`s += term` in a loop): the operators
 * `binaryExpr` speeds up take the same path as `binary` → `scalarBinary` (two numbers fold when
 * finite); anything else, and every non-scalar, is `binary`'s.
 */
export function augmentedOperator(op: IrBinaryOp, kinds?: OperandKinds): (rt: Runtime, a: Value, b: Value, site: number) => Value {
  switch (op) {
    case '+':
      return (rt, a, b, site) => (isScalar(a) && isScalar(b) ? addScalars(rt, a, b, site) : binary(rt, '+', a, b, site, kinds));
    case '-':
      return (rt, a, b, site) => (isScalar(a) && isScalar(b) ? subtractScalars(rt, a, b, site) : binary(rt, '-', a, b, site, kinds));
    case '*':
      return (rt, a, b, site) => (isScalar(a) && isScalar(b) ? multiplyScalars(rt, a, b, site) : binary(rt, '*', a, b, site, kinds));
    default:
      return (rt, a, b, site) => binary(rt, op, a, b, site, kinds);
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
