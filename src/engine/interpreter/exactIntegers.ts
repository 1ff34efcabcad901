import type { IrBinaryOp, IrCompareOp } from '../../ir/nodes';
import type { Runtime } from './runtime';
import { ExactInteger, type Value } from './values';

/**
 * Python's ints are exact at any size; float64 is exact only up to 2**53. An operation on two
 * integers whose result leaves that range (`10**20`, `2**100`, a product of large counts) is done in
 * BigInt and kept as an `ExactInteger`, so `(10**20 + 1) - 10**20` is 1, as in Python. Back inside
 * the range the result is a plain number again; where one meets a float or a parameter it becomes a
 * float, as Python converts it. Numbers carry no int tag, so an integral float (`2.0`) counts as an
 * int here: their exact result rounds to the float Python gives.
 */

/** 2**53: every integer up to it is exact in float64. */
export const EXACT_LIMIT = 9007199254740992;
const LIMIT = BigInt(EXACT_LIMIT);

/** Beyond this many bits an int is not worth holding exactly: it is computed in float64, with a warning. */
export const MAX_EXACT_BITS = 16_384;

export function exactOrNumber(n: bigint): number | ExactInteger {
  return n <= LIMIT && n >= -LIMIT ? Number(n) : new ExactInteger(n);
}

/** The operand as a BigInt when it is an integer (an ExactInteger, or a number float64 holds exactly). */
export function integerOf(v: Value): bigint | undefined {
  if (v instanceof ExactInteger) return v.value;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return undefined;
}

const bits = (n: bigint): number => (n < 0n ? -n : n).toString(16).length * 4;

/**
 * `a op b` exactly, when both are integers and the operator keeps integers (+ − × // % and ** with
 * a non-negative exponent); undefined otherwise (the caller goes on in float64). A result past
 * MAX_EXACT_BITS is left to float64 with a warning rather than held.
 */
export function exactBinary(rt: Runtime, op: IrBinaryOp, left: Value, right: Value, site: number): number | ExactInteger | undefined {
  const a = integerOf(left);
  const b = integerOf(right);
  if (a === undefined || b === undefined) return undefined;
  let r: bigint;
  switch (op) {
    case '+':
      r = a + b;
      break;
    case '-':
      r = a - b;
      break;
    case '*':
      if (bits(a) + bits(b) > MAX_EXACT_BITS) return tooLarge(rt, site);
      r = a * b;
      break;
    case '**':
      if (b < 0n) return undefined;
      if (a !== 0n && a !== 1n && a !== -1n && BigInt(bits(a)) * b > BigInt(MAX_EXACT_BITS)) return tooLarge(rt, site);
      r = a ** b;
      break;
    case '//':
    case '%': {
      if (b === 0n) return undefined; // the float path's division-by-zero error
      let q = a / b;
      if ((a % b !== 0n) && ((a < 0n) !== (b < 0n))) q -= 1n; // Python floors; BigInt truncates
      r = op === '//' ? q : a - b * q;
      break;
    }
    default:
      return undefined;
  }
  return exactOrNumber(r);
}

function tooLarge(rt: Runtime, site: number): undefined {
  rt.warn('inexact-integer', `an integer of more than ${MAX_EXACT_BITS.toLocaleString('en-US')} bits: GradLens computes it in float64 (Python's int would be exact)`, site);
  return undefined;
}

/** Whether `a op b` on two numbers may be an integer float64 cannot hold exactly (only then is BigInt worth a look). */
export function leavesExactRange(op: IrBinaryOp, a: number, b: number): boolean {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return false;
  const r = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '**' && b >= 0 ? a ** b : 0;
  return !(r <= EXACT_LIMIT && r >= -EXACT_LIMIT);
}

/** Two numbers whose float64 sum, difference or product left the exact range: the exact result when both are integers. */
export function exactNumbers(op: '+' | '-' | '*', a: number, b: number, rounded: number): number | ExactInteger {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return rounded;
  const x = BigInt(a);
  const y = BigInt(b);
  return exactOrNumber(op === '+' ? x + y : op === '-' ? x - y : x * y);
}

/** A comparison with an ExactInteger on either side: exact between integers, else in float64 (as Python compares int and float exactly; float64 is close enough there). */
export function exactCompare(op: IrCompareOp, left: Value, right: Value): boolean | undefined {
  const a = integerOf(left);
  const b = integerOf(right);
  if (a === undefined || b === undefined) return undefined;
  return orderedCompare(op, a, b);
}

/** `n!` exactly (a plain number while it fits float64's exact range). */
export function factorial(n: number): number | ExactInteger {
  let r = 1n;
  for (let k = 2n; k <= BigInt(n); k++) r *= k;
  return exactOrNumber(r);
}

/** `math.comb(n, k)` exactly. */
export function combinations(n: number, k: number): number | ExactInteger {
  if (k < 0 || k > n) return 0;
  const m = Math.min(k, n - k);
  let r = 1n;
  for (let i = 1; i <= m; i++) r = (r * BigInt(n - m + i)) / BigInt(i);
  return exactOrNumber(r);
}

/** `a op b` for two numbers or two exact integers (JavaScript orders number and bigint alike); undefined for other ops. */
export function orderedCompare(op: IrCompareOp, a: number | bigint, b: number | bigint): boolean | undefined {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    default:
      return undefined;
  }
}
