import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, bind, given, int, operand, type Impl } from './args';
import { elementwise } from './elementwise';
import { ArrayValue, formatShape, sizeOf, stridesOf } from './ndarray';
import { asArray, constant } from './record';
import { gather, gatherMany, normalizeAxis, reshape, transpose } from './shape';
import { SequenceValue, type Value } from '../interpreter/values';

/**
 * numpy's insert and unique: arrays made of another's entries (gathers), so derivatives flow through.
 */

/**
 * `np.insert(arr, obj, values, axis=None)` at one index (`np.insert(X, 0, 1, axis=1)`: a column of
 * ones before X's first): as numpy does for a scalar obj, values made `arr.ndim`-dimensional (ones
 * prepended), its first axis moved to `axis`, and broadcast to arr's shape with that axis as long as
 * values has it; then arr's entries and the block gathered in order, so derivatives flow to both.
 * Several indices (a list or slice obj), and float values into an integer array (numpy truncates
 * them), are refused rather than guessed.
 */
export const INSERT_IMPLEMENTATIONS = {
  insert: (rt, args, kw, site) => {
    const b = bind(rt, 'insert', ['arr', 'obj', 'values', 'axis'], args, kw, site);
    const whole = arr(rt, b.arr!, site, 'np.insert');
    const a = given(b.axis) ? whole : reshape(rt, whole, [-1], site);
    const ax = given(b.axis) ? normalizeAxis(rt, int(rt, b.axis, site, 'axis'), a.ndim, site) : 0;
    if (typeof b.obj !== 'number') return fail('unsupported', 'GradLens supports np.insert at one index (an integer obj), not several', rt.sites[site]!);
    const n = a.shape[ax]!;
    const at = int(rt, b.obj, site, 'obj');
    const index = at < 0 ? at + n : at;
    if (index < 0 || index > n) fail('index', `IndexError: index ${at} is out of bounds for axis ${ax} with size ${n}`, rt.sites[site]!);
    let v = asArray(rt, operand(rt, b.values!, site), site);
    if (a.dtype !== 'float' && v.dtype === 'float') fail('unsupported', 'np.insert of float values into an integer array truncates them: GradLens does not follow that (make the array float first)', rt.sites[site]!);
    if (v.ndim > a.ndim) fail('shape', `np.insert: values of shape ${formatShape(v.shape)} have more dimensions than the array's ${formatShape(a.shape)}`, rt.sites[site]!);
    v = reshape(rt, v, [...new Array<number>(a.ndim - v.ndim).fill(1), ...v.shape], site);
    // numpy moves the values' first axis to `axis` (a vector inserted along axis 1 is a column).
    const order = [...v.shape.keys()].filter((d) => d !== 0);
    order.splice(ax, 0, 0);
    v = transpose(rt, v, order, site);
    const k = v.shape[ax]!;
    const blockShape = a.shape.map((d, i) => (i === ax ? k : d));
    const block = elementwise(rt, P.add, v, constant(blockShape, new Float64Array(sizeOf(blockShape))), site) as ArrayValue;
    if (formatShape(block.shape) !== formatShape(blockShape)) fail('shape', `np.insert: values of shape ${formatShape(v.shape)} do not fit the array's ${formatShape(a.shape)} at axis ${ax}`, rt.sites[site]!);
    const shape = a.shape.map((d, i) => (i === ax ? d + k : d));
    const size = sizeOf(shape);
    const which = new Int32Array(size);
    const pos = new Int32Array(size);
    const [aStrides, bStrides, outStrides] = [stridesOf(a.shape), stridesOf(blockShape), stridesOf(shape)];
    for (let i = 0; i < size; i++) {
      let rest = i;
      let pa = 0;
      let pb = 0;
      let inBlock = false;
      const along = Math.floor(i / outStrides[ax]!) % shape[ax]!;
      if (along >= index && along < index + k) inBlock = true;
      for (let d = 0; d < shape.length; d++) {
        const c = Math.floor(rest / outStrides[d]!);
        rest -= c * outStrides[d]!;
        const ca = d !== ax ? c : c < index ? c : c - k;
        pa += ca * aStrides[d]!;
        pb += (d !== ax ? c : c - index) * bStrides[d]!;
      }
      which[i] = inBlock ? 1 : 0;
      pos[i] = inBlock ? pb : pa;
    }
    return gatherMany(rt, 'insert', [a, block], shape, which, pos, site);
  },
} satisfies Record<string, Impl>;

/**
 * `np.unique(ar)`: the sorted distinct entries of ar flattened, each gathered from its first
 * occurrence (numpy's values; a derivative reaches the entry that gives the value). With
 * return_index, return_inverse, return_counts, a tuple as numpy 1.24 gives it: the values, then
 * in that order the first occurrences' flat indices, each entry's place among the values (flat),
 * and how often each occurs — whole numbers, no derivative. The axis form and NaN entries (numpy's
 * equal_nan) are refused rather than guessed.
 */
export const UNIQUE_IMPLEMENTATIONS = {
  unique: (rt, args, kw, site) => {
    const b = bind(rt, 'unique', ['ar', 'return_index', 'return_inverse', 'return_counts', 'axis', 'equal_nan'], args, kw, site);
    const asked = (v: Value | undefined): boolean => given(v) && v !== false && v !== 0;
    if (asked(b.axis)) fail('unsupported', 'GradLens supports np.unique(ar) without axis', rt.sites[site]!);
    const flat = reshape(rt, asArray(rt, operand(rt, b.ar!, site), site), [-1], site);
    const values = flat.transientData();
    const order = Array.from(values.keys());
    if (order.some((i) => Number.isNaN(values[i]!))) fail('unsupported', 'GradLens does not support np.unique of an array holding NaN', rt.sites[site]!);
    // Stable: among equal entries the first occurrence comes first, and is the one kept.
    order.sort((i, j) => values[i]! - values[j]! || i - j);
    const kept = order.filter((i, k) => k === 0 || values[i] !== values[order[k - 1]!]);
    const distinct = gather(rt, 'unique', flat, [kept.length], Int32Array.from(kept), site);
    const extras = (['return_index', 'return_inverse', 'return_counts'] as const).filter((k) => asked(b[k]));
    if (extras.length === 0) return distinct;
    // Each entry's place among the distinct values, walking the sorted order.
    const place = new Float64Array(values.length);
    const counts = new Float64Array(kept.length);
    let group = -1;
    order.forEach((i, k) => {
      if (k === 0 || values[i] !== values[order[k - 1]!]) group++;
      place[i] = group;
      counts[group]!++;
    });
    const extra = { return_index: Float64Array.from(kept), return_inverse: place, return_counts: counts };
    return new SequenceValue([distinct, ...extras.map((k) => constant([extra[k].length], extra[k], 'int'))], true);
  },
} satisfies Record<string, Impl>;
