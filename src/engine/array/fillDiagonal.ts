import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { None, typeName, type Value } from '../interpreter/values';
import { bind, given, operand, type Impl } from './args';
import { assignInPlace } from './indexing';
import { ArrayValue } from './ndarray';
import { constant } from './record';
import { where } from './where';

/**
 * `np.fill_diagonal(a, val)`: val written on a's main diagonal in place (a pairwise distance
 * matrix's `np.fill_diagonal(r2, 1.0)` before dividing by it), a new version of a as `a[i, i] = val`
 * makes, the rest of a kept. A 2-D array of any shape (the diagonal runs to the shorter side), or
 * one whose axes are all as long; val a number (differentiated when it is a parameter's). numpy's
 * cycling of an array val along the diagonal, and wrap=True, are refused by name.
 */
function fillDiagonal(rt: Runtime, args: readonly Value[], kw: Parameters<Impl>[2], site: number): Value {
  const b = bind(rt, 'fill_diagonal', ['a', 'val', 'wrap'], args, kw, site);
  const a = b.a;
  if (!(a instanceof ArrayValue)) return fail('type', `np.fill_diagonal writes into an array, got ${typeName(a!)}`, rt.sites[site]!);
  if (given(b.wrap) && b.wrap !== false) return fail('unsupported', "GradLens does not support fill_diagonal's wrap=True yet", rt.sites[site]!);
  if (a.ndim < 2) return fail('shape', 'array must be at least 2-d', rt.sites[site]!);
  if (a.ndim > 2 && a.shape.some((d) => d !== a.shape[0])) return fail('shape', 'All dimensions of input must be of equal length', rt.sites[site]!);
  const val = operand(rt, b.val!, site);
  if (val instanceof ArrayValue && val.size !== 1) return fail('unsupported', 'GradLens does not support fill_diagonal with an array of values yet (numpy cycles it along the diagonal): give one number', rt.sites[site]!);
  // The diagonal's flat positions step by 1 + the sum of the trailing strides (numpy's own rule).
  const step = a.ndim === 2 ? a.shape[1]! + 1 : a.shape.reduce((s, _, k) => s + a.shape.slice(k + 1).reduce((p, d) => p * d, 1), 0);
  const length = Math.min(...a.shape);
  const mask = new Float64Array(a.size);
  for (let i = 0; i < length; i++) mask[i * step] = 1;
  assignInPlace(rt, a, where(rt, constant(a.shape, mask, 'bool'), val, a, site, 'np.fill_diagonal'), site);
  return None;
}

export const FILL_DIAGONAL_IMPLEMENTATIONS = { fill_diagonal: fillDiagonal } satisfies Record<string, Impl>;
