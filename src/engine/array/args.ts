import { fail } from '../../core/diagnostic';
import type { KeywordValue } from '../interpreter/calls';
import type { Runtime } from '../interpreter/runtime';
import { IntrinsicValue, NoneValue, SequenceValue, Tracked, typeName, type Value } from '../interpreter/values';
import { toArray } from './construct';
import { ArrayValue } from './ndarray';
import type { Operand } from './record';

/**
 * Reading numpy's arguments: binding positional and keyword arguments to numpy's parameter names,
 * numbers, integers, axes, and refusing (by name) the arguments GradLens does not model yet.
 */

export type Impl = (rt: Runtime, args: Value[], keywords: readonly KeywordValue[], site: number) => Value;

/** Binds positional and keyword arguments to numpy's parameter names. */
export function bind(rt: Runtime, fn: string, names: readonly string[], args: readonly Value[], keywords: readonly KeywordValue[], site: number): Record<string, Value | undefined> {
  const out: Record<string, Value | undefined> = {};
  if (args.length > names.length) fail('arity', `${fn}() takes at most ${names.length} positional argument${names.length === 1 ? '' : 's'} in GradLens (${names.join(', ')}), got ${args.length}`, rt.sites[site]!);
  args.forEach((a, i) => (out[names[i]!] = a));
  for (const k of keywords) {
    if (!names.includes(k.name)) fail('unsupported', `GradLens does not support ${fn}'s ${k.name}= yet (it takes ${names.join(', ')})`, rt.sites[site]!);
    if (out[k.name] !== undefined) fail('arity', `${fn}() got two values for ${k.name}`, rt.sites[site]!);
    out[k.name] = k.value;
  }
  return out;
}

export const given = (v: Value | undefined): v is Value => v !== undefined && !(v instanceof NoneValue);

export function num(rt: Runtime, v: Value, site: number, what: string): number {
  const n = typeof v === 'number' ? v : v instanceof Tracked ? v.value : typeof v === 'boolean' ? Number(v) : v instanceof ArrayValue && v.size === 1 ? v.data[0]! : NaN;
  if (Number.isNaN(n) && !(typeof v === 'number')) fail('type', `${what} needs a number, got ${typeName(v)}`, rt.sites[site]!);
  return n;
}

export function int(rt: Runtime, v: Value, site: number, what: string): number {
  const n = num(rt, v, site, what);
  if (!Number.isInteger(n)) fail('type', `${what} needs an integer, got ${n}`, rt.sites[site]!);
  return n;
}

export function axisArg(rt: Runtime, v: Value | undefined, site: number): number | number[] | undefined {
  if (!given(v)) return undefined;
  if (v instanceof SequenceValue) return v.items.map((x) => int(rt, x, site, 'axis'));
  return int(rt, v, site, 'axis');
}

/** The dtype a type object stands for (`float`, `np.float64`, `np.int64`, `bool`). */
export function dtypeName(intrinsic: string): string {
  return intrinsic === 'int' || intrinsic === 'int64' ? 'int' : intrinsic === 'float64' ? 'float' : intrinsic;
}

/** numpy's names for the dtypes GradLens keeps (it computes every float type in float64). */
const DTYPE_NAMES: ReadonlyMap<string, 'float' | 'int' | 'bool'> = new Map([
  ...['float', 'float64', 'float32', 'float16', 'double', 'single', 'half', 'float_', 'longdouble', 'f', 'd', 'f2', 'f4', 'f8'].map((n) => [n, 'float'] as const),
  ...['int', 'int64', 'int32', 'int16', 'int8', 'int_', 'intp', 'uint', 'uint64', 'uint32', 'uint16', 'uint8', 'long', 'short', 'byte', 'i', 'l', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8'].map((n) => [n, 'int'] as const),
  ...['bool', 'bool_', '?', 'b1'].map((n) => [n, 'bool'] as const),
]);

/** The float types narrower than float64 (numpy's float32 and float16), by name: GradLens computes them in float64. */
export function narrowFloatName(dtype: Value | undefined): string | undefined {
  const v = dtype instanceof IntrinsicValue ? dtypeName(dtype.name) : dtype;
  const name = typeof v === 'string' ? v.replace(/^[<>=|]/, '') : undefined;
  return name !== undefined && ['float32', 'single', 'f', 'f4', 'float16', 'half', 'f2'].includes(name) ? name : undefined;
}

/** `dtype=` as GradLens keeps it; a name numpy does not know (`'float99'`) is an error, as in numpy. */
export function dtypeOf(rt: Runtime, dtype: Value | undefined, site: number): 'float' | 'int' | 'bool' | undefined {
  if (!given(dtype)) return undefined;
  const v = dtype instanceof IntrinsicValue ? dtypeName(dtype.name) : dtype;
  const name = typeof v === 'string' ? v.replace(/^[<>=|]/, '') : undefined;
  const known = name === undefined ? undefined : DTYPE_NAMES.get(name);
  if (known === undefined) fail('type', `data type ${typeof v === 'string' ? `'${v}'` : typeName(dtype!)} is not understood: GradLens reads numpy's float, int and bool types`, rt.sites[site]!);
  return known;
}

export const arr = (rt: Runtime, v: Value, site: number, what: string): ArrayValue => toArray(rt, v, site, what);

/** Arguments numpy takes that GradLens does not model yet: refused by name, never ignored. */
export function notYet(rt: Runtime, fn: string, b: Record<string, Value | undefined>, names: readonly string[], site: number): void {
  for (const n of names) if (given(b[n])) fail('unsupported', `GradLens does not support ${fn}'s ${n}= yet`, rt.sites[site]!);
}

/** An argument as an operand: arrays and scalars as they are, lists as arrays. */
export function operand(rt: Runtime, v: Value, site: number): Operand {
  if (typeof v === 'number' || v instanceof Tracked || v instanceof ArrayValue) return v;
  if (typeof v === 'boolean') return Number(v);
  return arr(rt, v, site, 'an array operation');
}

