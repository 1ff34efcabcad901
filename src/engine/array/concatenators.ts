import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, SliceValue, type Value } from '../interpreter/values';
import { arr, given, num } from './args';
import { arange } from './construct';
import type { ArrayValue } from './ndarray';
import { concatenate, reshape } from './shape';

/**
 * `np.r_[…]` and `np.c_[…]`: numpy's objects that concatenate what they are indexed with. r_ joins
 * along the first axis, a slice `a:b:s` standing for arange(a, b, s) and a number for a 1-element
 * array; c_ joins along the last axis, 1-D pieces as columns. String directives ('0,2,1') and
 * complex-step slices (linspace) are not supported.
 */
export function concatenateIndexed(rt: Runtime, name: 'r_' | 'c_', index: Value, site: number): ArrayValue {
  const items = index instanceof SequenceValue && index.isTuple ? index.items : [index];
  if (items.length === 0) fail('shape', `np.${name}[] needs something to join`, rt.sites[site]!);
  const parts = items.map((item) => {
    if (typeof item === 'string') return fail('unsupported', `GradLens does not support np.${name}'s string directives ('${item}') yet`, rt.sites[site]!);
    let a: ArrayValue;
    if (item instanceof SliceValue) {
      const step = given(item.step) ? num(rt, item.step, site, `np.${name}'s step`) : 1;
      const start = given(item.lower) ? num(rt, item.lower, site, `np.${name}'s start`) : 0;
      if (!given(item.upper)) fail('type', `np.${name}[a:b]: a slice needs its end`, rt.sites[site]!);
      a = arange(rt, start, num(rt, item.upper, site, `np.${name}'s stop`), step, site);
    } else a = arr(rt, item, site, `np.${name}`);
    if (a.ndim === 0) a = reshape(rt, a, [1], site);
    if (name === 'c_' && a.ndim === 1) a = reshape(rt, a, [a.size, 1], site);
    return a;
  });
  return concatenate(rt, parts, name === 'r_' ? 0 : parts[0]!.ndim - 1, site, `np.${name}`);
}
