import type { Runtime } from '../interpreter/runtime';
import type { Value } from '../interpreter/values';
import { arr, axisArg, bind, given, notYet, type Impl } from './args';
import { ArrayValue } from './ndarray';
import { constant } from './record';
import { resolveAxes, sum } from './reduce';

/**
 * Truth tests over arrays: `any`, `all`, `count_nonzero`. Their results are booleans and counts,
 * piecewise constant in the parameters, so nothing is taped: they are computed from the values.
 */

/** The truth of each element as a constant 0/1 array. */
function truth(a: ArrayValue): ArrayValue {
  return constant(a.shape, Float64Array.from(a.data, (x) => (x !== 0 ? 1 : 0)), 'int');
}

/** any/all/count_nonzero over `axis`: a count of true elements per output, then a test of it. */
function truthReduction(name: string, finish: (count: number, n: number) => number | boolean, dtype: 'bool' | 'int'): Impl {
  return (rt: Runtime, args: Value[], kw, site) => {
    const names = name === 'count_nonzero' ? ['a', 'axis', 'keepdims'] : ['a', 'axis', 'out', 'keepdims', 'where'];
    const b = bind(rt, name, names, args, kw, site);
    notYet(rt, name, b, ['out', 'where'], site);
    const a = arr(rt, b.a!, site, name);
    const ax = resolveAxes(rt, a, axisArg(rt, b.axis, site), given(b.keepdims) && b.keepdims === true, site);
    const n = ax.axes.reduce((k, i) => k * a.shape[i]!, 1);
    const counts = sum(rt, truth(a), ax, site);
    if (!(counts instanceof ArrayValue)) return finish(counts as number, n);
    return constant(counts.shape, Float64Array.from(counts.data, (c) => Number(finish(c, n))), dtype);
  };
}

export const LOGICAL_IMPLEMENTATIONS = {
  any: truthReduction('any', (c) => c > 0, 'bool'),
  all: truthReduction('all', (c, n) => c === n, 'bool'),
  count_nonzero: truthReduction('count_nonzero', (c) => c, 'int'),
} satisfies Record<string, Impl>;
