import { fail, GradLensError } from '../../core/diagnostic';
import type { IntrinsicName } from '../../ir/intrinsics';
import { ArrayValue } from '../array/ndarray';
import { element } from '../array/record';
import { callIntrinsic, isScalarPrimitive } from '../intrinsics';
import type { ScalarPrimitive } from '../primitives/types';
import type { KeywordValue } from './calls';
import { PythonRaisedError, refusesDerivativeOnly } from './exceptions';
import type { Runtime } from './runtime';
import type { Tracked, Value } from './values';

/**
 * Calls of Python's math module (`math.sqrt(x)`, IrIntrinsic.raises), which differ from numpy's
 * spellings of the same functions in two ways Python code can see:
 * - a domain error is ValueError at once (math.sqrt(-1)), in an np.where branch too, where numpy's
 *   nan would wait for the where to decide (whereCall.ts);
 * - the arguments are Python floats: an array of one element is that element (a float, not an
 *   array), a longer one is numpy's TypeError, never an elementwise result Python would not give.
 */
export function callRaising(rt: Runtime, name: IntrinsicName, args: readonly Value[], keywords: readonly KeywordValue[], site: number): Value {
  // a keyword is refused first, naming it (callIntrinsic), as for every library function
  const floats = isScalarPrimitive(name) && keywords.length === 0 ? args.map((a) => (a instanceof ArrayValue ? onlyElement(rt, a, site) : a)) : [...args];
  try {
    return raisingDomainErrors(rt, () => callIntrinsic(rt, name, floats, keywords, site));
  } catch (e) {
    throw asPythonRaises(e);
  }
}

/** `math.log(x)` of a number: the primitive applied as it is, its domain error math's own exception. */
export function applyRaising(rt: Runtime, p: ScalarPrimitive, a: number | Tracked, site: number): number | Tracked {
  try {
    return rt.apply(p, a, 0, site);
  } catch (e) {
    throw asPythonRaises(e);
  }
}

/** math's own exception for its domain error (ValueError, OverflowError past float64); a refusal of the derivative only stays GradLens's. */
function asPythonRaises(e: unknown): unknown {
  if (!(e instanceof GradLensError) || e instanceof PythonRaisedError || e.diagnostic.code !== 'domain' || refusesDerivativeOnly(e.diagnostic.message)) return e;
  return new PythonRaisedError(e.diagnostic, /overflows float64/.test(e.diagnostic.message) ? 'OverflowError' : 'ValueError');
}

function onlyElement(rt: Runtime, a: ArrayValue, site: number): Value {
  if (a.size !== 1) fail('type', `a function of Python's math module takes a number, not an array of ${a.size} elements: numpy's TypeError ("only size-1 arrays can be converted to Python scalars"); numpy's function of that name works elementwise`, rt.sites[site]!);
  return element(rt, a, 0, site);
}

/** The call itself unmasked: its arguments were evaluated in the branch's own context. */
export function raisingDomainErrors<T>(rt: Runtime, call: () => T): T {
  const depth = rt.whereBranches;
  if (depth === 0) return call();
  rt.whereBranches = 0;
  try {
    return call();
  } finally {
    rt.whereBranches = depth;
  }
}
