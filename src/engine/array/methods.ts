import { warnGuessedInt } from './dtypes';
import { fail } from '../../core/diagnostic';
import type { KeywordValue } from '../interpreter/calls';
import type { Runtime } from '../interpreter/runtime';
import { DtypeValue, None, SequenceValue, type Value } from '../interpreter/values';
import { assignInPlace, copy } from './indexing';
import { given, type Impl } from './args';
import { callIntrinsic } from '../intrinsics';
import { ArrayValue, formatShape, nestedList } from './ndarray';
import { NUMPY_IMPLEMENTATIONS as NP, shapeArgSigned } from './numpy';
import { bind, int, notYet } from './args';
import { cast } from './casts';
import { dot } from './products';
import { element } from './record';
import { reshape } from './shape';
import { reshapeView, transposeView } from './views';
import { complexPartAttribute, conjugateMethod, CONJUGATE_METHODS } from './complexParts';

/**
 * Attributes and methods of arrays: `x.T`, `x.shape`, `x.sum(axis=0)`, `x.dot(y)`, `x.reshape(2, -1)`.
 * Methods that numpy also has as functions call the same implementation with the array first.
 */

export const ARRAY_METHODS: ReadonlySet<string> = new Set([
  'dot', 'sum', 'mean', 'prod', 'max', 'min', 'argmax', 'argmin', 'reshape', 'ravel', 'flatten', 'copy', 'astype',
  'transpose', 'clip', 'item', 'tolist', 'any', 'all', 'squeeze',
  'std', 'var', 'cumsum', 'cumprod', 'argsort', 'sort', 'repeat', 'diagonal', 'trace', 'swapaxes', 'round',
  ...CONJUGATE_METHODS,
]);

/** Methods that are numpy's function of the same name with the array first (`x.std(ddof=1)`). */
const SAME_AS_FUNCTION = new Set(['std', 'var', 'cumsum', 'cumprod', 'argsort', 'repeat', 'diagonal', 'trace', 'swapaxes']);


export function arrayAttribute(rt: Runtime, a: ArrayValue, name: string, site: number): Value {
  switch (name) {
    case 'T':
      return transposeView(rt, a, undefined, site);
    case 'shape':
      return new SequenceValue([...a.shape], true);
    case 'size':
      return a.size;
    case 'ndim':
      return a.ndim;
    case 'dtype':
      if (a.wholeGuess) warnGuessedInt(rt, 'its .dtype read as int64', site);
      return DtypeValue.of(a.dtype === 'float' ? 'float64' : a.dtype === 'int' ? 'int64' : 'bool');
    case 'real':
    case 'imag':
      return complexPartAttribute(rt, a, name, site)!;
    default:
      return fail('unsupported', `the array attribute .${name} is not supported`, rt.sites[site]!);
  }
}

export function callArrayMethod(rt: Runtime, a: ArrayValue, name: string, args: Value[], kw: readonly KeywordValue[], site: number): Value {
  if (SAME_AS_FUNCTION.has(name)) return (NP as Record<string, Impl>)[name]!(rt, [a, ...args], kw, site);
  switch (name) {
    case 'sort':
      // in place, as numpy's method: the array becomes its sorted copy, the call returns None
      assignInPlace(rt, a, NP.sort(rt, [a, ...args], kw, site) as ArrayValue, site);
      return None;
    case 'round': {
      const b = bind(rt, 'round', ['decimals'], args, kw, site);
      return callIntrinsic(rt, 'round', given(b.decimals) ? [a, b.decimals] : [a], [], site);
    }
    case 'dot': {
      const b = bind(rt, 'dot', ['b', 'out'], args, kw, site);
      notYet(rt, 'dot', b, ['out'], site);
      if (!given(b.b)) fail('arity', '.dot() needs the array to multiply by', rt.sites[site]!);
      return dot(rt, a, b.b, site);
    }
    case 'sum':
      return NP.reduce_sum!(rt, [a, ...args], kw, site);
    case 'mean':
      return NP.mean!(rt, [a, ...args], kw, site);
    case 'prod':
      return NP.prod!(rt, [a, ...args], kw, site);
    case 'max':
      return NP.reduce_max!(rt, [a, ...args], kw, site);
    case 'min':
      return NP.reduce_min!(rt, [a, ...args], kw, site);
    case 'argmax':
      return NP.argmax!(rt, [a, ...args], kw, site);
    case 'argmin':
      return NP.argmin!(rt, [a, ...args], kw, site);
    case 'clip':
      // the method's min= and max= are the function's a_min and a_max
      return NP.clip!(rt, [a, ...args], kw.map((k) => (k.name === 'min' ? { ...k, name: 'a_min' } : k.name === 'max' ? { ...k, name: 'a_max' } : k)), site);
    case 'reshape': {
      // x.reshape(2, 3) and x.reshape((2, 3)) both work; order='F' would read another layout
      notYet(rt, 'reshape', bind(rt, 'reshape', ['order'], [], kw, site), kw.some((k) => k.name === 'order' && k.value !== 'C') ? ['order'] : [], site);
      const shape = args.length === 1 ? shapeArgSigned(rt, args[0]!, site) : shapeArgSigned(rt, new SequenceValue(args, true), site);
      return reshapeView(rt, a, shape, site);
    }
    case 'ravel':
    case 'flatten': {
      // order='F' reads another layout, and 'A'/'K' follow numpy's memory layout (a transposed view's
      // is Fortran's), which GradLens does not keep: only 'C' is numpy's answer for sure
      const order = bind(rt, name, ['order'], args, kw, site).order;
      if (given(order) && order !== 'C') fail('unsupported', `GradLens does not support ${name}'s order=${typeof order === 'string' ? `'${order}'` : String(order)} yet (only 'C')`, rt.sites[site]!);
      return name === 'flatten' ? reshape(rt, copy(rt, a, site), [-1], site) : reshapeView(rt, a, [-1], site);
    }
    case 'copy':
      // the layout changes no value
      bind(rt, 'copy', ['order'], args, kw, site);
      return copy(rt, a, site);
    case 'astype': {
      // A new array, as numpy's astype gives, unless copy=False and the dtype is already the one
      // asked: a write into the result must not reach the array it was made from.
      const bound = bind(rt, 'astype', ['dtype', 'order', 'casting', 'subok', 'copy'], args, kw, site);
      const out = cast(rt, a, bound.dtype, site, '.astype()');
      return out === a && bound.copy !== false ? copy(rt, a, site) : out;
    }
    case 'transpose':
      return NP.transpose!(rt, [a, ...(args.length > 1 ? [new SequenceValue(args, true)] : args)], kw, site);
    case 'item':
      return item(rt, a, args, kw, site);
    case 'squeeze':
      return NP.squeeze!(rt, [a, ...args], kw, site);
    case 'tolist': {
      bind(rt, 'tolist', [], args, kw, site);
      const items = Array.from({ length: a.size }, (_, i) => element(rt, a, i, site));
      const build = (v: unknown): Value => (Array.isArray(v) ? new SequenceValue(v.map(build), false) : (v as Value));
      return build(nestedList(a.shape, items));
    }
    case 'conj':
    case 'conjugate':
      return conjugateMethod(rt, a, name, args, kw, site);
    case 'any':
      return NP.any!(rt, [a, ...args], kw, site);
    case 'all':
      return NP.all!(rt, [a, ...args], kw, site);
    default:
      return fail('unsupported', `the array method .${name}() is not supported`, rt.sites[site]!);
  }
}

/** `x.item()` (size 1), `x.item(k)` (the flat index k, negative from the end), `x.item(i, j)` (one index per axis). */
function item(rt: Runtime, a: ArrayValue, args: Value[], kw: readonly KeywordValue[], site: number): Value {
  if (kw.length > 0) fail('unsupported', `GradLens does not support item's ${kw[0]!.name}= yet (it takes indices only)`, rt.sites[site]!);
  const ints = (args.length === 1 && args[0] instanceof SequenceValue ? args[0].items : args).map((v) => int(rt, v, site, '.item()'));
  if (ints.length === 0) {
    if (a.size !== 1) fail('shape', `can only convert an array of size 1 to a Python scalar, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
    return element(rt, a, 0, site);
  }
  const within = (i: number, n: number): number => {
    if (i < -n || i >= n) fail('index', `.item(): index ${i} is out of bounds for size ${n}`, rt.sites[site]!);
    return i < 0 ? i + n : i;
  };
  if (ints.length === 1) return element(rt, a, within(ints[0]!, a.size), site);
  if (ints.length !== a.ndim) fail('index', `.item(): ${ints.length} indices for an array of ${a.ndim} dimensions`, rt.sites[site]!);
  let flat = 0;
  ints.forEach((i, axis) => (flat = flat * a.shape[axis]! + within(i, a.shape[axis]!)));
  return element(rt, a, flat, site);
}
