import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { IntrinsicValue, SequenceValue, typeName, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, dtypeName, given, narrowFloatName, type Impl } from './args';
import { elementwise } from './elementwise';
import { copy } from './indexing';
import { ArrayValue } from './ndarray';
import { constant, element } from './record';

/** numpy's dtypes as GradLens honours them: float64 computes, int truncates, bool tests ≠ 0. */

/** A dtype argument GradLens can honour by doing nothing: a float type (it computes in float64). */
export function floatDtype(rt: Runtime, fn: string, v: Value | undefined, site: number): void {
  if (!given(v)) return;
  if (typeof v === 'string' && ['float', 'float64', 'double', 'f8'].includes(v)) return;
  fail('unsupported', `GradLens does not support ${fn}'s dtype= yet (other than float64)`, rt.sites[site]!);
}

/**
 * A cast (`astype`, `dtype=` of np.array, `np.int64(x)`): to int truncates toward zero (derivative
 * 0, the registry's trunc, which says so), to bool tests ≠ 0, to float64 changes nothing, to
 * float32 rounds each value to the nearest float32 (the registry's fround: derivative 1, as
 * Math.fround's) and warns, since what follows is computed in float64 where numpy would keep
 * float32 (its arrays stay float32 through arithmetic with Python floats).
 */
export function cast(rt: Runtime, a: ArrayValue, dtype: Value | undefined, site: number, what: string): ArrayValue {
  const kind = castKind(rt, dtype, site, what);
  if (kind === 'float32') return toFloat32(rt, a, site, what);
  if (kind === 'float' || kind === a.dtype) {
    if (kind === 'float' && a.dtype !== 'float') {
      const out = copy(rt, a, site);
      out.dtype = 'float';
      return out;
    }
    return a;
  }
  if (kind === 'bool') return constant(a.shape, Float64Array.from(a.data, (x) => (x !== 0 ? 1 : 0)), 'bool');
  const out = a.row >= 0 ? elementwise(rt, P.trunc, a, undefined, site) : constant(a.shape, Float64Array.from(a.data, Math.trunc));
  out.dtype = 'int';
  return out;
}

/** The float32 cast: values rounded (derivative 1), the result a float64 array, and a warning that says so. */
function toFloat32(rt: Runtime, a: ArrayValue, site: number, what: string): ArrayValue {
  const out = a.row >= 0 ? elementwise(rt, P.fround, a, undefined, site) : constant(a.shape, Float64Array.from(a.data, Math.fround));
  out.dtype = 'float';
  rt.warn(
    'unsupported',
    `${what} to float32: GradLens rounds the values to float32 here (derivative 1, as a cast's) but computes what follows in float64, where numpy would keep float32: digits past the 7th may differ from numpy's`,
    site,
  );
  return out;
}

/**
 * zeros/ones/empty(_like) with a float32 or float16 dtype: their values are exact in any float type,
 * but numpy keeps the array's type through what follows (`z += 0.1` rounds), GradLens float64.
 */
export function warnNarrowFloatArray(rt: Runtime, dtype: Value | undefined, site: number, what: string): void {
  const name = narrowFloatName(dtype);
  if (name === undefined) return;
  rt.warn('unsupported', `${what} makes a ${name} array: GradLens computes what follows in float64, where numpy would keep ${name}: digits past the ${name === 'float16' || name === 'half' || name === 'f2' ? '3rd' : '7th'} may differ from numpy's`, site);
}

function castKind(rt: Runtime, dtype: Value | undefined, site: number, what: string): 'float' | 'float32' | 'int' | 'bool' {
  if (!given(dtype)) return 'float';
  // `dtype=float`, `dtype=np.float64`: the builtin or numpy type, as its name
  const v = dtype instanceof IntrinsicValue ? dtypeName(dtype.name) : dtype;
  if (typeof v === 'string') {
    if (['float', 'float64', 'double', 'f8', 'float_'].includes(v)) return 'float';
    if (['int', 'int64', 'int32', 'i8', 'intp', 'int_'].includes(v)) return 'int';
    if (v === 'bool' || v === 'bool_') return 'bool';
    if (v === 'float32' || v === 'f4' || v === 'single') return 'float32';
  }
  return fail('unsupported', `GradLens does not support ${what} to ${typeof v === 'string' ? `'${v}'` : typeName(v)} yet (float64, float32, int64 and bool)`, rt.sites[site]!);
}

/** np.float64(x), np.int64(x), np.float32(x): numbers stay numbers (an int truncated, derivative 0; a float32 rounded), arrays are cast. */
function castCall(rt: Runtime, v: Value | undefined, type: string, site: number): Value {
  if (v === undefined) return 0;
  if (v instanceof ArrayValue || v instanceof SequenceValue) return cast(rt, arr(rt, v, site, `np.${type}`), type, site, `np.${type}()`);
  const a = cast(rt, arr(rt, v, site, `np.${type}`), type, site, `np.${type}()`);
  return element(rt, a, 0, site);
}

export const CAST_IMPLEMENTATIONS = {
  float64: (rt, [v], _kw, site) => castCall(rt, v, 'float64', site),
  int64: (rt, [v], _kw, site) => castCall(rt, v, 'int64', site),
  float32: (rt, [v], _kw, site) => castCall(rt, v, 'float32', site),
} satisfies Record<string, Impl>;
