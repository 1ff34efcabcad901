import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { IntrinsicValue, SequenceValue, typeName, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, dtypeName, given, type Impl } from './args';
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
 * 0, the registry's trunc, which says so), to bool tests ≠ 0, to a float type changes nothing
 * (GradLens computes in float64; float32's rounding is not modelled and says so).
 */
export function cast(rt: Runtime, a: ArrayValue, dtype: Value | undefined, site: number, what: string): ArrayValue {
  const kind = castKind(rt, dtype, site, what);
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

function castKind(rt: Runtime, dtype: Value | undefined, site: number, what: string): 'float' | 'int' | 'bool' {
  if (!given(dtype)) return 'float';
  // `dtype=float`, `dtype=np.float64`: the builtin or numpy type, as its name
  const v = dtype instanceof IntrinsicValue ? dtypeName(dtype.name) : dtype;
  if (typeof v === 'string') {
    if (['float', 'float64', 'double', 'f8', 'float_'].includes(v)) return 'float';
    if (['int', 'int64', 'int32', 'i8', 'intp', 'int_'].includes(v)) return 'int';
    if (v === 'bool' || v === 'bool_') return 'bool';
    if (v === 'float32' || v === 'f4' || v === 'single') fail('unsupported', `GradLens does not support ${what} to float32 yet: it computes in float64, and float32's rounding would change the numbers`, rt.sites[site]!);
  }
  return fail('unsupported', `GradLens does not support ${what} to ${typeof v === 'string' ? `'${v}'` : typeName(v)} yet (float64, int64 and bool)`, rt.sites[site]!);
}

/** np.float64(x), np.int64(x): numbers stay numbers (an int truncated, derivative 0), arrays are cast. */
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
