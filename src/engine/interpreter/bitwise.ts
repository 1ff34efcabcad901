import { fail } from '../../core/diagnostic';
import type { IrBitwiseOp } from '../../ir/nodes';
import { toArray } from '../array/construct';
import { ArrayValue, broadcastMap, broadcastShapes, expand, formatShape, sizeOf } from '../array/ndarray';
import { constant } from '../array/record';
import type { Runtime } from './runtime';
import { Tracked, typeName, type Value } from './values';

/**
 * `&`, `|`, `^` and `~`, for every front end. Their results are booleans or integers — piecewise
 * constant in the parameters — so nothing is taped: they are computed from primal values.
 * - booleans (and numpy's boolean arrays, the masks of `(x > 0) & (y < 1)`): logical and, or, xor, not;
 * - integers (and integer arrays): bitwise, within 32 bits, where Python's integers and
 *   JavaScript's `|` agree (two's complement); a larger integer is refused rather than wrapped;
 * - anything else (a float, a float array) is refused when it runs: Python and numpy raise for it,
 *   and JavaScript's `x | 0` truncation would be a silent change of the number.
 */

type Kind = 'bool' | 'int';

const COMBINE: Readonly<Record<IrBitwiseOp, (a: number, b: number) => number>> = {
  '&': (a, b) => a & b,
  '|': (a, b) => a | b,
  '^': (a, b) => a ^ b,
};

export function isBitwise(op: string): op is IrBitwiseOp {
  return op === '&' || op === '|' || op === '^';
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The integer a scalar operand stands for, and whether it is a boolean; refuses floats. */
function integerOf(rt: Runtime, v: number | boolean, op: string, site: number): { value: number; kind: Kind } {
  if (typeof v === 'boolean') return { value: v ? 1 : 0, kind: 'bool' };
  if (!Number.isInteger(v)) fail('type', `the operator ${op} needs booleans or integers, got ${v} (write a comparison, or round the number first: GradLens does not truncate it silently)`, rt.sites[site]!);
  if (v < INT32_MIN || v > INT32_MAX) fail('unsupported', `GradLens does not support ${op} on integers outside 32 bits (got ${v}) yet`, rt.sites[site]!);
  return { value: v, kind: 'int' };
}

/** A scalar operand's primal value (a Tracked integer is piecewise constant: its value is what counts). */
function primal(v: Value): number | boolean | undefined {
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Tracked) return v.value;
  return undefined;
}

/** An array operand's elements as integers, with its kind; float arrays are refused. */
function arrayKind(rt: Runtime, a: ArrayValue, op: string, site: number): Kind {
  if (a.dtype === 'bool' || a.dtype === 'int') {
    for (let i = 0; i < a.size; i++) if (a.data[i]! < INT32_MIN || a.data[i]! > INT32_MAX) integerOf(rt, a.data[i]!, op, site);
    return a.dtype;
  }
  return fail('type', `the operator ${op} needs boolean or integer arrays, got a float array of shape ${formatShape(a.shape)}; compare first: (x > 0) ${op === '~' ? '' : `${op} (y > 0)`}`.trimEnd(), rt.sites[site]!);
}

function arrayOperand(rt: Runtime, v: Value, op: string, site: number): { a: ArrayValue; kind: Kind } {
  const p = primal(v);
  if (p !== undefined) {
    const { value, kind } = integerOf(rt, p, op, site);
    return { a: constant([], Float64Array.of(value), kind), kind };
  }
  const a = toArray(rt, v, site, `the ${op} operator`);
  return { a, kind: arrayKind(rt, a, op, site) };
}

export function bitwiseBinary(rt: Runtime, op: IrBitwiseOp, left: Value, right: Value, site: number): Value {
  const combine = COMBINE[op];
  if (!(left instanceof ArrayValue) && !(right instanceof ArrayValue)) {
    const l = primal(left);
    const r = primal(right);
    if (l === undefined || r === undefined) return fail('type', `unsupported operand types for ${op}: ${typeName(left)} and ${typeName(right)}`, rt.sites[site]!);
    const a = integerOf(rt, l, op, site);
    const b = integerOf(rt, r, op, site);
    const value = combine(a.value, b.value);
    return a.kind === 'bool' && b.kind === 'bool' ? value !== 0 : value;
  }
  const a = arrayOperand(rt, left, op, site);
  const b = arrayOperand(rt, right, op, site);
  const shape = broadcastShapes(a.a.shape, b.a.shape);
  if (!shape) return fail('shape', `operands could not be broadcast together with shapes ${formatShape(a.a.shape)} ${formatShape(b.a.shape)}`, rt.sites[site]!);
  const n = sizeOf(shape);
  rt.allocate(8 * n, site);
  const x = expand(a.a.data.subarray(0, a.a.size), broadcastMap(a.a.shape, shape), n);
  const y = expand(b.a.data.subarray(0, b.a.size), broadcastMap(b.a.shape, shape), n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = combine(x[i]!, y[i]!);
  return constant(shape, out, a.kind === 'bool' && b.kind === 'bool' ? 'bool' : 'int');
}

export function bitwiseNot(rt: Runtime, v: Value, site: number): Value {
  if (v instanceof ArrayValue) {
    const kind = arrayKind(rt, v, '~', site);
    rt.allocate(8 * v.size, site);
    const out = new Float64Array(v.size);
    for (let i = 0; i < v.size; i++) out[i] = kind === 'bool' ? 1 - v.data[i]! : ~v.data[i]!;
    return constant(v.shape, out, kind);
  }
  const p = primal(v);
  if (p === undefined) return fail('type', `bad operand type for unary ~: ${typeName(v)}`, rt.sites[site]!);
  // Python's ~True is -2, numpy's ~np.True_ is False, and GradLens cannot tell which one it holds.
  if (typeof p === 'boolean') return fail('unsupported', '~ on a single boolean is ambiguous (Python gives ~True == -2, numpy\'s bool gives False): write `not b`', rt.sites[site]!);
  return ~integerOf(rt, p, '~', site).value;
}

/**
 * numpy's `logical_and`, `logical_or`, `logical_xor` (over `&`, `|`, `^`) and `logical_not`: the
 * truth of each element — any number, NaN too, is true unless it is 0 — combined as booleans, with
 * numpy's broadcasting; a bool array, or a bool for two scalars. Lists count as arrays. Like the
 * operators, nothing is taped: the result is piecewise constant in the parameters.
 */
export function logicalBinary(rt: Runtime, op: IrBitwiseOp, left: Value, right: Value, site: number, name: string): Value {
  return bitwiseBinary(rt, op, truthOf(rt, left, site, name), truthOf(rt, right, site, name), site);
}

export function logicalNot(rt: Runtime, v: Value, site: number): Value {
  const t = truthOf(rt, v, site, 'logical_not');
  return t instanceof ArrayValue ? bitwiseNot(rt, t, site) : !t;
}

function truthOf(rt: Runtime, v: Value, site: number, name: string): ArrayValue | boolean {
  const p = primal(v);
  if (p !== undefined) return typeof p === 'boolean' ? p : p !== 0;
  const a = toArray(rt, v, site, `np.${name}`);
  rt.allocate(8 * a.size, site);
  return constant(a.shape, Float64Array.from(a.data.subarray(0, a.size), (x) => (x !== 0 ? 1 : 0)), 'bool');
}
