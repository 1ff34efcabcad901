import type { Runtime } from '../interpreter/runtime';
import { ArrayValue, sizeOf } from './ndarray';
import { asArray, type Operand } from './record';
import { reshape, slice, stack } from './shape';

/** Stacks of matrices: numpy.linalg applies its functions to each matrix of the last two axes. */

/** The matrices of a stack (the last two axes), each a view of its part of the buffer. */
export function matrices(rt: Runtime, a: ArrayValue, trailing: number, site: number): ArrayValue[] {
  const inner = a.shape.slice(-trailing);
  const n = sizeOf(inner);
  const count = sizeOf(a.shape.slice(0, -trailing));
  return Array.from({ length: count }, (_, i) => slice(rt, a, inner, i * n, site));
}

export function stacked(rt: Runtime, parts: readonly Operand[], lead: readonly number[], site: number): ArrayValue {
  const arrays = parts.map((p) => asArray(rt, p, site));
  const s = stack(rt, arrays, 0, site);
  return reshape(rt, s, [...lead, ...arrays[0]!.shape], site);
}

/** `fn` on each matrix of a stack (the last two axes), its outputs stacked along the leading axes. */
export function perMatrix(rt: Runtime, a: ArrayValue, site: number, fn: (m: ArrayValue) => ArrayValue[]): ArrayValue[] {
  if (a.ndim === 2) return fn(a);
  const lead = a.shape.slice(0, -2);
  const results = matrices(rt, a, 2, site).map(fn);
  return results[0]!.map((_, k) => stacked(rt, results.map((r) => r[k]!), lead, site));
}
