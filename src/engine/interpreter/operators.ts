import { fail } from '../../core/diagnostic';
import type { IrBinaryOp, IrCompareOp } from '../../ir/nodes';
import { PRIMITIVES } from '../primitives/registry';
import { remainderJump } from '../primitives/scalar';
import { oneSidedMessage } from '../primitives/verdict';
import { toArray } from '../array/construct';
import { applyAny, elementwise } from '../array/elementwise';
import { matmul } from '../array/linalg';
import { ArrayValue, sizeOf } from '../array/ndarray';
import { constant, element, type Operand } from '../array/record';

import type { Runtime } from './runtime';
import { bitwiseBinary } from './bitwise';
import { binaryDtype, dtypeOfValue, integerDivision, withDtype } from '../array/dtypes';
import type { ScalarKind } from './scalarKinds';
import { contains } from './containers';
import { objectBinary, objectCompare, objectUnary } from './objects';
import { percentFormat } from './strings';
import { pastEndNote } from './pastEnd';
import { exactBinary, exactCompare, exactOrNumber, leavesExactRange, orderedCompare } from './exactIntegers';
import { DictValue, DictViewValue, DtypeValue, ExactInteger, InstanceValue, IntrinsicValue, NoneValue, RangeValue, SequenceValue, SetValue, Tracked, typeName, refuseUnreadable, UnreadableValue, type Value } from './values';

const P = PRIMITIVES;

/** A number-like operand: booleans count as 0 and 1, as in Python. */
export function asScalar(v: Value): number | Tracked | undefined {
  if (typeof v === 'number' || v instanceof Tracked) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  // Python converts an int to float where it meets a float or a parameter (exactIntegers.ts).
  if (v instanceof ExactInteger) return Number(v.value);
  return undefined;
}

export function requireScalar(rt: Runtime, v: Value, site: number, what: string): number | Tracked {
  const s = asScalar(v);
  if (s === undefined) fail('type', `${what} needs a number, got ${typeName(v)}`, rt.sites[site]!);
  return s;
}

/**
 * Python's `%`: the sign of the divisor. Its value is CPython's float_rem: the exact remainder fmod
 * (a registry primitive, whose rules give ∂/∂a = 1, ∂/∂b = −(a − r)/b), plus b where its sign is not
 * b's (∂/∂b then one more, as the quotient is one less); a zero remainder takes b's sign.
 */
export function modulo(rt: Runtime, a: number | Tracked, b: number | Tracked, site: number): number | Tracked {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0 && Number.isFinite(a) && Number.isFinite(b)) return pythonDivmod(a, b)[1];
  const av = typeof a === 'number' ? a : a.value;
  const bv = typeof b === 'number' ? b : b.value;
  // By zero: the division's ZeroDivisionError, as Python raises (fmod's own error is JavaScript's NaN).
  if (bv === 0) return rt.apply(P.div, a, b, site);
  let r = rt.apply(P.fmod, a, b, site);
  const rv = typeof r === 'number' ? r : r.value;
  if (rv !== 0) {
    if (rv < 0 !== bv < 0) r = rt.apply(P.add, r, b, site);
  } else if (r instanceof Tracked) {
    // The same row with the zero's sign set to b's (no derivative depends on the sign of a zero).
    r = new Tracked(r.id, bv < 0 ? -0 : 0);
    // fmod is continuous at a = 0 (its sign follows a); Python's `%` jumps there (-ε % 1 is 1 − ε).
    if (av === 0 && typeof a !== 'number') {
      const [message, values] = oneSidedMessage(remainderJump(av, bv));
      rt.reportKink({ row: r.id, element: 0, scalar: true, message, values, site });
    }
  } else r = bv < 0 ? -0 : 0;
  return r;
}

/**
 * Python's `//`: CPython's float_floor_div, the whole number (a − fmod(a, b)) / b rounded, with
 * derivative 0. A differentiated operand goes through the registry's floor of a / b (its rows, its
 * jump where a / b is whole) and keeps CPython's value where that differs (5.5 // 0.1 is 54, not 55).
 */
export function floorDivide(rt: Runtime, a: number | Tracked, b: number | Tracked, site: number): number | Tracked {
  const av = typeof a === 'number' ? a : a.value;
  const bv = typeof b === 'number' ? b : b.value;
  const exact = bv !== 0 && Number.isFinite(av) && Number.isFinite(bv) ? pythonDivmod(av, bv)[0] : undefined;
  // An overflow (1e300 // 1e-300) goes through the primitive, which says where it arose.
  if (typeof a === 'number' && typeof b === 'number' && exact !== undefined && Number.isFinite(exact)) return exact;
  const q = rt.apply(P.floor, rt.apply(P.div, a, b, site), 0, site, true);
  const qv = typeof q === 'number' ? q : q.value;
  return exact === undefined || !Number.isFinite(exact) || qv === exact ? q : rt.apply(P.add, q, exact - qv, site);
}

/**
 * Python's `a // b` and `a % b` of two finite floats, b ≠ 0, as CPython computes them (from the exact
 * remainder fmod, which JavaScript's `%` is): `a − b·floor(a/b)` is not, where a/b rounds to a whole
 * number (`5.5 % 0.1` is 0.0999…97, not 0; `5.5 // 0.1` is 54, not 55).
 */
export function pythonDivmod(a: number, b: number): [number, number] {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  } else mod = b < 0 ? -0 : 0;
  let floorDiv: number;
  if (div !== 0) {
    floorDiv = Math.floor(div);
    if (div - floorDiv > 0.5) floorDiv += 1;
  } else floorDiv = a / b < 0 || Object.is(a / b, -0) ? -0 : 0;
  return [floorDiv, mod];
}

/**
 * numpy's `%` (np.remainder, np.mod) with an array operand: per element what CPython's `%` is (numpy's
 * npy_divmod is the same), the registry's exact fmod plus b where the signs differ, and a zero
 * remainder with b's sign (`np.array([4.0]) % -2` is -0.0, `np.array([-4.0]) % 2` is 0.0). A dividend
 * of exactly 0 is not warned as a jump here (fmod is continuous there; the derivative, 1, is both sides').
 */
export function arrayRemainder(rt: Runtime, a: Operand, b: Operand, site: number): Operand {
  const r = applyAny(rt, P.fmod, a, b, site);
  if (!(r instanceof ArrayValue)) return modulo(rt, a as number | Tracked, b as number | Tracked, site);
  const bv = broadcastValues(rt, b, r.shape, site);
  const fix = Float64Array.from(r.data, (x, i) => (x !== 0 && x < 0 !== bv[i]! < 0 ? 1 : 0));
  const out = fix.includes(1) ? (applyAny(rt, P.add, r, applyAny(rt, P.mul, b, constant(r.shape, fix), site), site) as ArrayValue) : r;
  // Both arrays are this call's own: the zeros' signs are set in place (no rule reads a zero's sign).
  const ov = out.transientData();
  for (let i = 0; i < ov.length; i++) if (ov[i] === 0) ov[i] = bv[i]! < 0 ? -0 : 0;
  return out;
}

/**
 * numpy's `//` with an array operand: the registry's floor of a / b (derivative 0, its jumps), its
 * value CPython's per element where they differ (5.5 // 0.1 is 54, not 55).
 */
export function arrayFloorDivide(rt: Runtime, a: Operand, b: Operand, site: number): Operand {
  const q = applyAny(rt, P.floor, applyAny(rt, P.div, a, b, site), undefined, site, true);
  if (!(q instanceof ArrayValue)) return floorDivide(rt, a as number | Tracked, b as number | Tracked, site);
  const av = broadcastValues(rt, a, q.shape, site);
  const bv = broadcastValues(rt, b, q.shape, site);
  const qv = q.data;
  const fix = Float64Array.from(qv, (x, i) => {
    if (bv[i] === 0 || !Number.isFinite(av[i]!) || !Number.isFinite(bv[i]!)) return 0;
    const exact = pythonDivmod(av[i]!, bv[i]!)[0];
    return Number.isFinite(exact) && exact !== x ? exact - x : 0;
  });
  return fix.some((d) => d !== 0) ? applyAny(rt, P.add, q, constant(q.shape, fix), site) : q;
}

/** An operand's values broadcast to `shape`, as constants (nothing recorded). */
function broadcastValues(rt: Runtime, v: Operand, shape: readonly number[], site: number): Float64Array {
  const plain = v instanceof ArrayValue ? constant(v.shape, v.data) : v instanceof Tracked ? v.value : v;
  return (applyAny(rt, P.add, constant(shape, new Float64Array(sizeOf(shape))), plain, site) as ArrayValue).data;
}

export function scalarBinary(rt: Runtime, op: IrBinaryOp, a: number | Tracked, b: number | Tracked, site: number): number | Tracked {
  // Constants fold without touching the tape when the result is finite; division by zero, an
  // overflow and a NaN still go through the primitive, so that the error (or the note of where a
  // non-finite number arose) is the same everywhere.
  if (typeof a === 'number' && typeof b === 'number') {
    const r = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : NaN;
    if (r - r === 0) return r;
  }
  switch (op) {
    case '+':
      return rt.apply(P.add, a, b, site);
    case '-':
      return rt.apply(P.sub, a, b, site);
    case '*':
      return rt.apply(P.mul, a, b, site);
    case '/':
      return rt.apply(P.div, a, b, site);
    case '**':
      return rt.apply(P.pow, a, b, site);
    case '//':
      return floorDivide(rt, a, b, site);
    case '%':
      return modulo(rt, a, b, site);
    case '@':
      return fail('type', 'the @ operator needs arrays, and both operands here are numbers', rt.sites[site]!);
    case '&':
    case '|':
    case '^':
      return bitwiseBinary(rt, op, a, b, site) as number;
  }
}

/**
 * An operator with an array operand: elementwise through the registry (`+` is `add` on every
 * element, with broadcasting), `@` a matrix product. A list on the other side is converted, as numpy
 * does (`x + [1, 2]`).
 */
export function arrayBinary(rt: Runtime, op: IrBinaryOp, left: Value, right: Value, site: number, kinds?: OperandKinds): Value {
  const side = (v: Value): Operand => {
    const s = asScalar(v);
    return s !== undefined ? s : toArray(rt, v, site, `the ${op} operator`);
  };
  const a = side(left);
  const b = side(right);
  if (op === '&' || op === '|' || op === '^') return bitwiseBinary(rt, op, left, right, site);
  // numpy's dtype of the result: ints stay ints through + − × // % ** @, booleans through + × @;
  // a float array operand makes floats whatever the other is (the common case, decided first)
  if ((left instanceof ArrayValue && left.dtype === 'float') || (right instanceof ArrayValue && right.dtype === 'float')) return untypedArrayBinary(rt, op, a, b, site);
  const t = binaryDtype(rt, op, dtypeOfValue(left, kinds?.[0]), dtypeOfValue(right, kinds?.[1]), b, site);
  if (t.dtype === 'float') return untypedArrayBinary(rt, op, a, b, site);
  if (op === '//' || op === '%') return integerDivision(rt, op, a, b, t, site);
  const out = untypedArrayBinary(rt, op, a, b, site);
  return out instanceof ArrayValue ? withDtype(out, t) : out;
}

/** The array operators in float64: elementwise through the registry, `@` a matrix product. */
function untypedArrayBinary(rt: Runtime, op: Exclude<IrBinaryOp, '&' | '|' | '^'>, a: Operand, b: Operand, site: number): Value {
  switch (op) {
    case '+':
      return applyAny(rt, P.add, a, b, site);
    case '-':
      return applyAny(rt, P.sub, a, b, site);
    case '*':
      return applyAny(rt, P.mul, a, b, site);
    case '/':
      return applyAny(rt, P.div, a, b, site);
    case '**':
      return applyAny(rt, P.pow, a, b, site);
    case '//':
      return arrayFloorDivide(rt, a, b, site);
    case '%':
      return arrayRemainder(rt, a, b, site);
    case '@': {
      const out = matmul(rt, toArray(rt, a as Value, site, '@'), toArray(rt, b as Value, site, '@'), site, '@');
      return out.ndim === 0 ? element(rt, out, 0, site) : out;
    }
  }
}

/** Whether each operand of an operator is an int or a float by the source (scalarKinds.ts). */
export type OperandKinds = readonly [ScalarKind, ScalarKind];

export function binary(rt: Runtime, op: IrBinaryOp, left: Value, right: Value, site: number, kinds?: OperandKinds): Value {
  // Integers past 2**53 stay exact, as Python's ints do (exactIntegers.ts).
  if (left instanceof ExactInteger || right instanceof ExactInteger || (typeof left === 'number' && typeof right === 'number' && leavesExactRange(op, left, right))) {
    const exact = exactBinary(rt, op, left, right, site);
    if (exact !== undefined) return exact;
  }
  const a = asScalar(left);
  const b = asScalar(right);
  if (a !== undefined && b !== undefined) return scalarBinary(rt, op, a, b, site);
  if (left instanceof UnreadableValue) refuseUnreadable(left);
  if (right instanceof UnreadableValue) refuseUnreadable(right);
  if (left instanceof InstanceValue || right instanceof InstanceValue) {
    const result = objectBinary(rt, op, left, right, site);
    if (result !== undefined) return result;
  }
  if (left instanceof ArrayValue || right instanceof ArrayValue) return arrayBinary(rt, op, left, right, site, kinds);
  if (left instanceof SequenceValue && right instanceof SequenceValue && op === '+' && left.isTuple === right.isTuple) {
    rt.allocate(8 * (left.items.length + right.items.length), site);
    return new SequenceValue([...left.items, ...right.items], left.isTuple);
  }
  if (typeof left === 'string' || typeof right === 'string') return stringBinary(rt, op, left, right, site);
  if (op === '*' && (left instanceof SequenceValue || right instanceof SequenceValue)) {
    const seq = (left instanceof SequenceValue ? left : right) as SequenceValue;
    const count = left instanceof SequenceValue ? b : a;
    if (typeof count === 'number' && Number.isInteger(count)) {
      // An empty list repeated any number of times is empty at once (`[] * 10**15` must not loop).
      const n = seq.items.length === 0 ? 0 : Math.max(0, count);
      rt.allocate(8 * seq.items.length * n, site);
      const items: Value[] = [];
      for (let i = 0; i < n; i++) for (const item of seq.items) items.push(item);
      return new SequenceValue(items, seq.isTuple);
    }
  }
  const pastEnd = left instanceof NoneValue || right instanceof NoneValue ? pastEndNote(rt) : '';
  const view = left instanceof DictViewValue ? left : right instanceof DictViewValue ? right : undefined;
  const listed = view ? ` (in Python 3 a dict's ${view.kind}() is a view, not a list: write list(d.${view.kind}()))` : '';
  return fail('type', `unsupported operand types for ${op}: ${typeName(left)} and ${typeName(right)}${pastEnd}${listed}`, rt.sites[site]!);
}

/** Strings are carried, never differentiated: `+` joins, `*` repeats, `%` formats. */
function stringBinary(rt: Runtime, op: IrBinaryOp, left: Value, right: Value, site: number): Value {
  if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (op === '%' && typeof left === 'string') return percentFormat(rt, left, right, site);
  if (op === '*') {
    const text = typeof left === 'string' ? left : (right as string);
    const count = asScalar(typeof left === 'string' ? right : left);
    if (typeof count === 'number' && Number.isInteger(count)) {
      rt.allocate(2 * text.length * Math.max(0, count), site);
      return text.repeat(Math.max(0, count));
    }
  }
  return fail('type', `unsupported operand types for ${op}: ${typeName(left)} and ${typeName(right)}`, rt.sites[site]!);
}

export function negate(rt: Runtime, v: Value, site: number): Value {
  if (v instanceof UnreadableValue) refuseUnreadable(v);
  if (v instanceof InstanceValue) {
    const result = objectUnary(rt, '-', v, site);
    if (result !== undefined) return result;
  }
  if (v instanceof ArrayValue) {
    if (v.dtype === 'bool') fail('type', 'numpy does not negate a boolean array with `-`: use `~` or np.logical_not', rt.sites[site]!);
    const out = elementwise(rt, P.neg, v, undefined, site);
    return v.dtype === 'int' ? withDtype(out, { dtype: 'int', guess: v.wholeGuess }) : out;
  }
  if (v instanceof ExactInteger) return exactOrNumber(-v.value);
  const s = requireScalar(rt, v, site, 'unary minus');
  return typeof s === 'number' ? -s : rt.apply(P.neg, s, 0, site);
}

export function truthy(v: Value, rt?: Runtime, site?: number): boolean {
  if (typeof v === 'boolean') return v;
  if (v instanceof UnreadableValue) refuseUnreadable(v);
  if (v instanceof ArrayValue) {
    if (v.size === 1) return v.data[0] !== 0;
    if (rt && site !== undefined) fail('type', `the truth value of an array with more than one element (shape ${v.shape.join('×')}) is ambiguous: use a.any() or a.all()`, rt.sites[site]!);
    return v.size > 0;
  }
  if (typeof v === 'number') return v !== 0;
  if (v instanceof Tracked) return v.value !== 0;
  if (v instanceof NoneValue) return false;
  if (v instanceof SequenceValue) return v.items.length > 0;
  if (v instanceof RangeValue) return v.length > 0;
  if (typeof v === 'string') return v.length > 0;
  if (v instanceof DictValue) return v.entries.size > 0;
  if (v instanceof SetValue) return v.members.size > 0;
  if (v instanceof DictViewValue) return v.dict.entries.size > 0;
  return true;
}

/**
 * JavaScript's truthiness, which is not Python's: NaN is falsy as 0 is, and every object is truthy —
 * an empty array, `{}`, a typed array, an instance. `(a / b) || 0` at 0/0 is 0 in JavaScript, and
 * `xs = xs || [0, 0]` keeps an empty `xs`.
 */
export function jsTruthy(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && v === v;
  if (v instanceof Tracked) return v.value !== 0 && v.value === v.value;
  if (v instanceof NoneValue) return false;
  if (typeof v === 'string') return v.length > 0;
  if (v instanceof UnreadableValue) refuseUnreadable(v);
  if (v instanceof ExactInteger) return v.value !== 0n;
  return true;
}

/** The truth test of a module's language (`truthy` for Python and formulas, `jsTruthy` for JavaScript). */
export function truthTest(language: string | undefined): (v: Value, rt?: Runtime, site?: number) => boolean {
  return language === 'typescript' ? jsTruthy : truthy;
}

const COMPARISONS: Readonly<Record<IrCompareOp, (x: number, y: number) => boolean>> = {
  '<': (x, y) => x < y,
  '<=': (x, y) => x <= y,
  '>': (x, y) => x > y,
  '>=': (x, y) => x >= y,
  '==': (x, y) => x === y,
  '!=': (x, y) => x !== y,
  in: () => false,
  'not in': () => false,
  is: (x, y) => x === y,
  'is not': (x, y) => x !== y,
};

/** Elementwise comparison of primal values: a boolean array (a constant: comparisons have no derivative). */
function compareArrays(rt: Runtime, op: IrCompareOp, left: Value, right: Value, site: number): ArrayValue {
  const side = (v: Value): Operand => {
    const s = asScalar(v);
    return s !== undefined ? (typeof s === 'number' ? s : s.value) : constant(toArray(rt, v, site, op).shape, toArray(rt, v, site, op).data);
  };
  // Subtracting constants broadcasts the shapes (and names them on a mismatch) without taping anything.
  const a = side(left);
  const b = side(right);
  const av = a instanceof ArrayValue ? constant(a.shape, a.data) : a;
  const bv = b instanceof ArrayValue ? constant(b.shape, b.data) : b;
  const shapeOnly = elementwise(rt, P.sub, av instanceof ArrayValue ? constant(av.shape, new Float64Array(av.size)) : 0, bv instanceof ArrayValue ? constant(bv.shape, new Float64Array(bv.size)) : 0, site);
  const x = elementwise(rt, P.add, shapeOnly, av, site).data;
  const y = elementwise(rt, P.add, shapeOnly, bv, site).data;
  const test = COMPARISONS[op];
  const out = new Float64Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = test(x[i]!, y[i]!) ? 1 : 0;
  return constant(shapeOnly.shape, out, 'bool');
}

/**
 * numpy's comparison ufuncs (`np.greater(x, 0)`, `np.less_equal(a, b)`): the operator's comparison,
 * element by element with broadcasting, a list taken as the array numpy makes of it; a bool array,
 * or a bool for two numbers. Never taped: the result is piecewise constant in the parameters.
 */
export function comparisonUfunc(rt: Runtime, op: '<' | '<=' | '>' | '>=' | '==' | '!=', left: Value, right: Value, site: number, name: string): Value {
  const operand = (v: Value): Value => (v instanceof SequenceValue ? toArray(rt, v, site, `np.${name}`) : v);
  return compare(rt, op, operand(left), operand(right), site);
}

/** Comparisons look at primal values only: control flow follows the point, as in the seeds. */
export function compare(rt: Runtime, op: IrCompareOp, left: Value, right: Value, site: number): Value {
  // Even `is None`: what the unread call returns is unknown.
  if (left instanceof UnreadableValue) refuseUnreadable(left);
  if (right instanceof UnreadableValue) refuseUnreadable(right);
  if (op === 'in' || op === 'not in') {
    const found = right instanceof ArrayValue ? arrayContains(rt, right, left, site) : contains(rt, right, left, site, structurallyEqual);
    return op === 'in' ? found : !found;
  }
  if (op === 'is' || op === 'is not') {
    const same = identical(left, right);
    return op === 'is' ? same : !same;
  }
  if (left instanceof InstanceValue || right instanceof InstanceValue) {
    const result = objectCompare(rt, op, left, right, site);
    if (result !== undefined) return result;
  }
  if (left instanceof ArrayValue || right instanceof ArrayValue) return compareArrays(rt, op, left, right, site);
  if (left instanceof ExactInteger || right instanceof ExactInteger) {
    const exact = exactCompare(op, left, right);
    if (exact !== undefined) return exact;
  }
  const a = asScalar(left);
  const b = asScalar(right);
  if (a !== undefined && b !== undefined) {
    const x = typeof a === 'number' ? a : a.value;
    const y = typeof b === 'number' ? b : b.value;
    const ordered = orderedCompare(op, x, y);
    if (ordered !== undefined) return ordered;
  }
  if (typeof left === 'string' && typeof right === 'string' && op !== '==' && op !== '!=') {
    return COMPARISONS[op](left < right ? -1 : left > right ? 1 : 0, 0);
  }
  if (op === '==' || op === '!=') {
    const same = structurallyEqual(left, right);
    return op === '==' ? same : !same;
  }
  if (left instanceof SequenceValue && right instanceof SequenceValue && left.isTuple === right.isTuple) return orderSequences(rt, op, left, right, site);
  return fail('type', `cannot compare ${typeName(left)} with ${typeName(right)} using ${op}`, rt.sites[site]!);
}

/**
 * `(1, x) < (1, y)`, `[a] <= [a, b]`: Python's lexicographic order. The first items that are not
 * equal decide; when one sequence runs out first, the shorter is the smaller.
 */
function orderSequences(rt: Runtime, op: IrCompareOp, left: SequenceValue, right: SequenceValue, site: number): Value {
  const n = Math.min(left.items.length, right.items.length);
  for (let i = 0; i < n; i++) {
    const a = left.items[i]!;
    const b = right.items[i]!;
    if (!truthy(compare(rt, '==', a, b, site), rt, site)) return compare(rt, op, a, b, site);
  }
  return COMPARISONS[op](left.items.length, right.items.length);
}

/** `x is None`, `a is b`: the same object; equal immutable scalars (numbers, strings, booleans) count as the same. */
function identical(a: Value, b: Value): boolean {
  if (a instanceof Tracked || b instanceof Tracked) return a === b;
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') return typeof a === typeof b && a === b;
  if (a instanceof DtypeValue || b instanceof DtypeValue) return a === b;
  return a === b || sameIntrinsic(a, b);
}

function arrayContains(rt: Runtime, array: ArrayValue, v: Value, site: number): boolean {
  const s = asScalar(v);
  if (s === undefined) return fail('type', `\`in\` an array needs a number on the left, got ${typeName(v)}`, rt.sites[site]!);
  const x = typeof s === 'number' ? s : s.value;
  return array.data.subarray(0, array.size).some((y) => y === x);
}

export function structurallyEqual(a: Value, b: Value): boolean {
  const x = asScalar(a);
  const y = asScalar(b);
  if (x !== undefined && y !== undefined) return (typeof x === 'number' ? x : x.value) === (typeof y === 'number' ? y : y.value);
  if (a instanceof SequenceValue && b instanceof SequenceValue) {
    return a.items.length === b.items.length && a.items.every((v, i) => structurallyEqual(v, b.items[i]!));
  }
  if (a instanceof DictValue && b instanceof DictValue) {
    if (a.entries.size !== b.entries.size) return false;
    for (const [k, e] of a.entries) {
      const other = b.entries.get(k);
      if (!other || !structurallyEqual(e.value, other.value)) return false;
    }
    return true;
  }
  if (a instanceof SetValue && b instanceof SetValue) return a.members.size === b.members.size && [...a.members.keys()].every((k) => b.members.has(k));
  if (a instanceof DictViewValue || b instanceof DictViewValue) return viewsEqual(a, b);
  if (a instanceof DtypeValue) return dtypeEquals(a, b);
  if (b instanceof DtypeValue) return dtypeEquals(b, a);
  return a === b || sameIntrinsic(a, b);
}

/**
 * Python 3's `==` of dict views: keys and items views are sets (equal to a set, or to another keys or
 * items view, of the same members); a values view is equal only to itself; no view equals a list.
 */
function viewsEqual(a: Value, b: Value): boolean {
  const [view, other] = a instanceof DictViewValue ? [a, b] : [b as DictViewValue, a];
  if (view.kind === 'values' || other === view) return other === view;
  const members = other instanceof DictViewValue && other.kind !== 'values' ? other.list() : other instanceof SetValue ? [...other.members.values()] : undefined;
  if (members === undefined || members.length !== view.dict.entries.size) return false;
  const mine = view.list();
  return members.every((m) => mine.some((x) => structurallyEqual(x, m))) && mine.every((x) => members.some((m) => structurallyEqual(x, m)));
}

/** The numpy dtype each type object stands for, as `.dtype` reads (`a.dtype == np.float64`, `== float`). */
const DTYPE_OF_TYPE: Readonly<Record<string, string>> = { float: 'float64', float64: 'float64', int: 'int64', int64: 'int64', bool: 'bool', bool_: 'bool', float32: 'float32' };

/** The strings numpy's dtype equals (`np.dtype('float64') == 'f8'`): the names np.dtype reads as it. */
const DTYPE_SPELLINGS: Readonly<Record<DtypeValue['dtype'], readonly string[]>> = {
  float64: ['float64', 'float', 'f8', 'd', 'double', 'float_', '<f8'],
  int64: ['int64', 'int', 'i8', 'l', 'int_', '<i8'],
  bool: ['bool', '?', 'bool_', 'b1'],
};

/** `a.dtype == np.float64`, `== float`, `== 'float64'`: numpy's dtype equals its type and its names. */
function dtypeEquals(d: DtypeValue, other: Value): boolean {
  if (other instanceof DtypeValue) return other.dtype === d.dtype;
  if (typeof other === 'string') return DTYPE_SPELLINGS[d.dtype].includes(other);
  return other instanceof IntrinsicValue && DTYPE_OF_TYPE[other.name] === d.dtype;
}

/** Each mention of a library function (`Float32Array`) is a value of its own: the same function is the same name. */
function sameIntrinsic(a: Value, b: Value): boolean {
  return a instanceof IntrinsicValue && b instanceof IntrinsicValue && a.name === b.name;
}
