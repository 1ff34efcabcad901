import type { ScalarKind } from './interpreter/scalarKinds';
import { keepingDtype, readsArgumentKinds, withArgumentKinds } from './array/dtypes';
import { fail } from '../core/diagnostic';
import { INTRINSICS, type IntrinsicName } from '../ir/intrinsics';
import type { KeywordValue } from './interpreter/calls';
import { arrayFloorDivide, arrayRemainder, asScalar, binary, compare, comparisonUfunc, floorDivide, modulo, requireScalar, scalarBinary, truthy } from './interpreter/operators';
import { callValue } from './interpreter/calls';
import type { Runtime } from './interpreter/runtime';
import { integerIndex, iterate } from './interpreter/sequences';
import { isInstanceOf, objectAttribute, storeAttribute } from './interpreter/objects';
import { hasAttribute } from './interpreter/methods';
import { SEQUENCE_IMPLEMENTATIONS } from './interpreter/sequenceMethods';
import { JS_VALUE_IMPLEMENTATIONS } from './interpreter/jsValues';
import { TYPED_ARRAY_IMPLEMENTATIONS } from './interpreter/typedArrays';
import { ClassValue, DictValue, DictViewValue, ErrorTypeValue, ExactInteger, ErrorValue, InstanceValue, IntrinsicValue, IteratorValue, None, NoneValue, RangeValue, SequenceValue, SetValue, Tracked, typeName, refuseUnreadable, UnreadableValue, type Value } from './interpreter/values';
import { isSubtype, raised } from './interpreter/exceptions';
import { combinations, factorial } from './interpreter/exactIntegers';
import { PRIMITIVES as P } from './primitives/registry';
import type { ScalarPrimitive } from './primitives/types';
import { applyAny, elementwise } from './array/elementwise';
import { ArrayValue } from './array/ndarray';
import { assignInPlace } from './array/indexing';
import { COMPOSED_IMPLEMENTATIONS, NUMPY_IMPLEMENTATIONS } from './array/numpy';
import { arr, operand } from './array/args';
import { where } from './array/where';
import { CONTAINER_BUILTINS } from './interpreter/builtins';
import { logicalBinary, logicalNot } from './interpreter/bitwise';

type ComposedName = 'logspace' | 'geomspace' | 'fmax' | 'fmin' | 'logaddexp2' | 'sinc' | 'nan_to_num' | 'select' | 'piecewise' | 'interp' | 'polyval' | 'convolve' | 'signal_convolve' | 'signal_fftconvolve';
import { constant, element, type Operand } from './array/record';
import { SCIPY_IMPLEMENTATIONS } from './scipySugar';
import { SKLEARN_IMPLEMENTATIONS } from './sklearnSugar';
import { DISTRIBUTION_IMPLEMENTATIONS } from './scipyDistributions';
import { betainc } from './array/incompleteBeta';
import { gammainc, gammaincc } from './array/incompleteGamma';
import { COMPLEX_PART_IMPLEMENTATIONS } from './array/complexParts';
import { sqrtm } from './array/matrixSqrt';
import { CHOLESKY_SOLVE_IMPLEMENTATIONS } from './array/choleskySolves';
import { MATRIX_EXPONENTIAL_IMPLEMENTATIONS } from './array/matrixExponential';
import { matrixPower } from './array/matrixPower';

type Scalar = number | Tracked;
type Impl = (rt: Runtime, args: Value[], keywords: readonly KeywordValue[], site: number) => Value;

const primal = (s: Scalar): number => (typeof s === 'number' ? s : s.value);

/** Array-like arguments (arrays, lists) make a call elementwise: `np.sin([1, 2])` is an array. */
function hasArray(args: readonly Value[]): boolean {
  return args.some((a) => a instanceof ArrayValue || a instanceof SequenceValue);
}

function scalarArgs(rt: Runtime, name: string, args: Value[], site: number): Scalar[] {
  return args.map((a) => {
    if (a instanceof SequenceValue) {
      return fail('type', `${name}() of a list works elementwise on numpy arrays, which this version of GradLens does not support yet; apply it to each element`, rt.sites[site]!);
    }
    return requireScalar(rt, a, site, `${name}()`);
  });
}

/** A library function that is exactly one primitive (elementwise on arrays). */
function prim(p: ScalarPrimitive): Impl {
  const impl: Impl = (rt, args, _kw, site) => {
    if (hasArray(args)) return elementwise(rt, p, operand(rt, args[0]!, site), args[1] === undefined ? undefined : operand(rt, args[1], site), site);
    const [a, b] = scalarArgs(rt, p.name, args, site);
    return rt.apply(p, a!, b ?? 0, site);
  };
  PRIMITIVE_OF.set(impl, p);
  return impl;
}

/** The primitive behind each `prim` implementation. */
const PRIMITIVE_OF = new Map<Impl, ScalarPrimitive>();

/** Whether a library function is one scalar primitive (elementwise over arrays): `sqrt`, `pow`, not `sum`. */
export function isScalarPrimitive(name: IntrinsicName): boolean {
  return PRIMITIVE_OF.has(IMPLEMENTATIONS[name]);
}

/**
 * The primitive a library function of exactly one argument is (`np.sin`, `math.exp`), if it is one:
 * a call site with one argument and no keywords applies it to a scalar directly, as `callIntrinsic`
 * would after its checks, which a scalar with no keywords passes.
 */
export function unaryPrimitiveOf(name: IntrinsicName): ScalarPrimitive | undefined {
  const sig = INTRINSICS[name];
  const p = PRIMITIVE_OF.get(IMPLEMENTATIONS[name]);
  return p !== undefined && p.arity === 1 && sig.minArgs === 1 && sig.maxArgs === 1 ? p : undefined;
}

/** Sugar: composed from primitives, so it needs no rule of its own. */
function composite(name: string, body: (rt: Runtime, x: Scalar[], site: number) => Scalar, arrayBody?: (rt: Runtime, x: Operand[], site: number) => Operand): Impl {
  return (rt, args, _kw, site) => {
    if (hasArray(args)) {
      const ops = args.map((a) => operand(rt, a, site));
      if (arrayBody) return arrayBody(rt, ops, site);
      return body(rt, ops as Scalar[], site);
    }
    return body(rt, scalarArgs(rt, name, args, site), site);
  };
}

/** The same composite written once over operands, for sugar without branches (x² = x·x on arrays too). */
function uniform(name: string, body: (rt: Runtime, x: Operand[], site: number) => Operand): Impl {
  return composite(name, body as (rt: Runtime, x: Scalar[], site: number) => Scalar, body);
}

const A = (rt: Runtime, p: ScalarPrimitive, a: Operand, b: Operand | undefined, s: number): Operand => applyAny(rt, p, a, b, s);

/** A constant array of ±1 choosing each element's branch (`cond` true: +1), for branchy sugar on arrays. */
function branchSign(x: ArrayValue, cond: (v: number) => boolean): ArrayValue {
  return constant(x.shape, Float64Array.from(x.data, (v) => (cond(v) ? 1 : -1)));
}

function boolArray(rt: Runtime, v: Value, site: number, test: (x: number) => boolean): ArrayValue {
  const a = operand(rt, v, site) as ArrayValue;
  return constant(a.shape, Float64Array.from(a.data, (x) => (test(x) ? 1 : 0)), 'bool');
}

/**
 * Python's `min`/`max`. Over numbers, the registry's minimum/maximum (ties split the derivative, with
 * a warning); with `key=`, or over tuples and strings, the first element whose key is extreme, as
 * Python picks it — the element itself, derivative and all. `default=` answers an empty sequence.
 */
function reduceExtremum(p: ScalarPrimitive, label: string): Impl {
  return (rt, args, keywords, site) => {
    const items = args.length === 1 ? iterate(rt, args[0]!, site, `${label}()`) : args;
    const fallback = keywords.find((k) => k.name === 'default');
    if (items.length === 0 && fallback) return fallback.value;
    if (items.length === 0) fail('type', `${label}() of an empty sequence`, rt.sites[site]!);
    const key = keywords.find((k) => k.name === 'key')?.value;
    const keyed = key !== undefined && !(key instanceof NoneValue);
    if (keyed || items.some((v) => asScalar(v) === undefined && !(v instanceof ArrayValue))) {
      const keyOf = keyed ? (v: Value): Value => callValue(rt, key, [v], [], site) : (v: Value): Value => v;
      const beats = label === 'max' ? '>' : '<';
      let best = items[0]!;
      let bestKey = keyOf(best);
      for (let i = 1; i < items.length; i++) {
        const k = keyOf(items[i]!);
        if (truthy(compare(rt, beats, k, bestKey, site), rt, site)) [best, bestKey] = [items[i]!, k];
      }
      return best;
    }
    let acc = requireScalar(rt, items[0]!, site, `${label}()`);
    for (let i = 1; i < items.length; i++) acc = rt.apply(p, acc, requireScalar(rt, items[i]!, site, `${label}()`), site);
    return acc;
  };
}

/**
 * `math.dist(p, q)`: √Σ(pᵢ − qᵢ)², folded as `hypot(hypot(d₀, d₁), d₂)…` (each step scaled, as
 * CPython's vector norm is, so no square overflows); not differentiable where p = q, as a norm.
 */
function euclideanDistance(rt: Runtime, [p, q]: Value[], _keywords: readonly KeywordValue[], site: number): Value {
  const a = iterate(rt, p!, site, 'math.dist()');
  const b = iterate(rt, q!, site, 'math.dist()');
  if (a.length !== b.length) fail('domain', 'math.dist: both points must have the same number of dimensions', rt.sites[site]!);
  const d = a.map((x, i) => rt.apply(P.sub, requireScalar(rt, x, site, 'math.dist()'), requireScalar(rt, b[i]!, site, 'math.dist()'), site));
  if (d.length === 0) return 0;
  // From the first two differences on: hypot(0, d₁) has no kink in d₀, where |d₀| would.
  if (d.length === 1) return rt.apply(P.abs, d[0]!, 0, site);
  let acc = rt.apply(P.hypot, d[0]!, d[1]!, site);
  for (let i = 2; i < d.length; i++) acc = rt.apply(P.hypot, acc, d[i]!, site);
  return acc;
}

/** Past this, `n!` is refused: its digits alone would outgrow any budget (20000! has 77,338). */
const MAX_FACTORIAL = 20_000;

/** A non-negative integer constant for factorial and comb: a parameter has no factorial GradLens can differentiate. */
function countArgument(rt: Runtime, v: Value, site: number, what: string): number {
  if (v instanceof Tracked) fail('type', `${what} needs an integer, and this depends on a differentiated parameter (use math.gamma(n + 1) for a smooth factorial)`, rt.sites[site]!);
  const n = primal(requireScalar(rt, v, site, `${what}()`));
  if (!Number.isInteger(n) || n < 0) fail('domain', `${what} needs a non-negative integer, got ${n}`, rt.sites[site]!);
  if (n > MAX_FACTORIAL) fail('budget-memory', `${what}(${n}) is larger than GradLens holds (at most ${MAX_FACTORIAL.toLocaleString('en-US')})`, rt.sites[site]!);
  return n;
}

const IMPLEMENTATIONS: Record<IntrinsicName, Impl> = {
  ...NUMPY_IMPLEMENTATIONS,
  ...(CONTAINER_BUILTINS as Record<'str' | 'repr' | 'dict' | 'set' | 'sorted' | 'map' | 'filter' | 'some' | 'every' | 'reduce' | 'inert' | 'namespace' | 'transformed' | 'nothing' | 'ndarray' | 'number_type', Impl>),
  ...(COMPOSED_IMPLEMENTATIONS as Record<ComposedName, Impl>),
  ...COMPLEX_PART_IMPLEMENTATIONS,
  sqrtm,
  ...CHOLESKY_SOLVE_IMPLEMENTATIONS,
  ...MATRIX_EXPONENTIAL_IMPLEMENTATIONS,
  matrix_power: matrixPower,
  ...SEQUENCE_IMPLEMENTATIONS,
  ...JS_VALUE_IMPLEMENTATIONS,
  ...TYPED_ARRAY_IMPLEMENTATIONS,
  ...SCIPY_IMPLEMENTATIONS,
  ...SKLEARN_IMPLEMENTATIONS,
  ...DISTRIBUTION_IMPLEMENTATIONS,
  betainc,
  gammainc,
  gammaincc,
  factorial: (rt, [n], _kw, site) => factorial(countArgument(rt, n!, site, 'math.factorial')),
  comb: (rt, [n, k], _kw, site) => combinations(countArgument(rt, n!, site, 'math.comb'), countArgument(rt, k!, site, 'math.comb')),
  dist: euclideanDistance,
  replace_fields: (rt, [object], keywords, site) => {
    const hook = object instanceof InstanceValue ? objectAttribute(rt, object, '__replace__', site) : undefined;
    if (hook === undefined) return fail('type', `replace() should be called on dataclass instances, not on ${typeName(object!)}`, rt.sites[site]!);
    return callValue(rt, hook, [], keywords, site);
  },
  exp: prim(P.exp), expm1: prim(P.expm1), log: prim(P.log), log1p: prim(P.log1p), log2: prim(P.log2), log10: prim(P.log10),
  sqrt: prim(P.sqrt), cbrt: prim(P.cbrt),
  sin: prim(P.sin), cos: prim(P.cos), tan: prim(P.tan), arcsin: prim(P.arcsin), arccos: prim(P.arccos), arctan: prim(P.arctan),
  sinh: prim(P.sinh), cosh: prim(P.cosh), tanh: prim(P.tanh), arcsinh: prim(P.arcsinh), arccosh: prim(P.arccosh), arctanh: prim(P.arctanh),
  abs: prim(P.abs), sign: prim(P.sign), floor: prim(P.floor), ceil: prim(P.ceil), trunc: prim(P.trunc), erf: prim(P.erf), fround: prim(P.fround), imul: prim(P.imul), fmod: prim(P.fmod),
  arctan2: prim(P.arctan2), hypot: prim(P.hypot), minimum: prim(P.minimum), maximum: prim(P.maximum), pow: prim(P.pow),
  erfc: prim(P.erfc), erfinv: prim(P.erfinv), erfcinv: prim(P.erfcinv), ndtr: prim(P.ndtr), log_ndtr: prim(P.log_ndtr), ndtri: prim(P.ndtri),
  gammaln: prim(P.gammaln), gamma: prim(P.gamma), digamma: prim(P.digamma), polygamma: prim(P.polygamma), i0: prim(P.i0), i1: prim(P.i1),
  i0e: prim(P.i0e), i1e: prim(P.i1e), j0: prim(P.j0), j1: prim(P.j1), y0: prim(P.y0), y1: prim(P.y1), jn: prim(P.jn), yn: prim(P.yn), jv: prim(P.jv), yv: prim(P.yv), iv: prim(P.iv), kv: prim(P.kv),
  sigmoid: prim(P.expit),
  round: (rt, given, kw, site) => {
    // np.round's decimals=, Python round's ndigits=: the digit count, as the second argument
    const digitCount = kw.find((k) => k.name === 'decimals' || k.name === 'ndigits');
    const args = digitCount && given.length === 1 ? [given[0]!, digitCount.value] : given;
    if (hasArray(args)) {
      const x = operand(rt, args[0]!, site);
      if (args[1] === undefined) return A(rt, P.round, x, undefined, site);
      const scale = 10 ** integerIndex(rt, args[1], site, 'round()’s digit count');
      return A(rt, P.div, A(rt, P.round, A(rt, P.mul, x, scale, site), undefined, site), scale, site);
    }
    const [x, digits] = scalarArgs(rt, 'round', args, site);
    if (digits === undefined) return rt.apply(P.round, x!, 0, site);
    const scale = 10 ** integerIndex(rt, digits, site, 'round()’s digit count');
    return rt.apply(P.div, rt.apply(P.round, rt.apply(P.mul, x!, scale, site), 0, site), scale, site);
  },

  // x² = x·x
  square: uniform('square', (rt, [x], s) => A(rt, P.mul, x!, x!, s)),
  reciprocal: uniform('reciprocal', (rt, [x], s) => A(rt, P.div, 1, x!, s)),
  negative: uniform('negative', (rt, [x], s) => A(rt, P.neg, x!, undefined, s)),
  exp2: uniform('exp2', (rt, [x], s) => A(rt, P.pow, 2, x!, s)),
  // softplus(x) = ln(1 + eˣ) = x + ln(1 + e⁻ˣ) for x > 0: smooth, no overflow, no kink warning
  softplus: composite('softplus', (rt, [x], s) =>
    primal(x!) > 0
      ? rt.apply(P.add, x!, rt.apply(P.log1p, rt.apply(P.exp, rt.apply(P.neg, x!, 0, s), 0, s), 0, s), s)
      : rt.apply(P.log1p, rt.apply(P.exp, x!, 0, s), 0, s),
  (rt, [x], s) => {
    // softplus(x) = max(x, 0) + log1p(exp(−|x|)), the max taken per element by a constant mask
    const a = x as ArrayValue;
    const pos = branchSign(a, (v) => v > 0);
    const tail = A(rt, P.log1p, A(rt, P.exp, A(rt, P.mul, A(rt, P.neg, pos, undefined, s), a, s), undefined, s), undefined, s);
    return A(rt, P.add, where(rt, boolArrayOf(pos), a, constant([], Float64Array.of(0)), s), tail, s);
  }),
  relu: uniform('relu', (rt, [x], s) => A(rt, P.maximum, x!, 0, s)),
  // ln(eᵃ + eᵇ) = m + ln(1 + e^(−|a−b|)), m the larger
  logaddexp: composite('logaddexp', (rt, [a, b], s) => {
    const [hi, lo] = primal(a!) >= primal(b!) ? [a!, b!] : [b!, a!];
    return rt.apply(P.add, hi, rt.apply(P.log1p, rt.apply(P.exp, rt.apply(P.sub, lo, hi, s), 0, s), 0, s), s);
  }, (rt, [a, b], s) => {
    // per element: the larger plus log1p(exp(smaller − larger)), the choice a constant mask
    const x = operand(rt, A(rt, P.add, a!, A(rt, P.mul, b!, 0, s), s) as Value, s) as ArrayValue;
    const y = operand(rt, A(rt, P.add, b!, A(rt, P.mul, a!, 0, s), s) as Value, s) as ArrayValue;
    const first = constant(x.shape, Float64Array.from(x.data, (v, i) => (v >= y.data[i]! ? 1 : 0)), 'bool');
    const hi = where(rt, first, x, y, s);
    const lo = where(rt, first, y, x, s);
    return A(rt, P.add, hi, A(rt, P.log1p, A(rt, P.exp, A(rt, P.sub, lo, hi, s), undefined, s), undefined, s), s);
  }),
  deg2rad: uniform('deg2rad', (rt, [x], s) => A(rt, P.mul, x!, Math.PI / 180, s)),
  rad2deg: uniform('rad2deg', (rt, [x], s) => A(rt, P.mul, x!, 180 / Math.PI, s)),
  add: composite('add', (rt, [a, b], s) => scalarBinary(rt, '+', a!, b!, s), (rt, [a, b], s) => A(rt, P.add, a!, b!, s)),
  subtract: composite('subtract', (rt, [a, b], s) => scalarBinary(rt, '-', a!, b!, s), (rt, [a, b], s) => A(rt, P.sub, a!, b!, s)),
  multiply: composite('multiply', (rt, [a, b], s) => scalarBinary(rt, '*', a!, b!, s), (rt, [a, b], s) => A(rt, P.mul, a!, b!, s)),
  divide: composite('divide', (rt, [a, b], s) => scalarBinary(rt, '/', a!, b!, s), (rt, [a, b], s) => A(rt, P.div, a!, b!, s)),
  mod: composite('mod', (rt, [a, b], s) => modulo(rt, a!, b!, s), (rt, [a, b], s) => arrayRemainder(rt, a!, b!, s)),
  floor_divide: composite('floor_divide', (rt, [a, b], s) => floorDivide(rt, a!, b!, s), (rt, [a, b], s) => arrayFloorDivide(rt, a!, b!, s)),

  min: reduceExtremum(P.minimum, 'min'),
  max: reduceExtremum(P.maximum, 'max'),
  sum: (rt, args, _kw, site) => {
    const items = iterate(rt, args[0]!, site, 'sum()');
    let acc: Value | undefined = args[1] === undefined ? undefined : args[1] instanceof ArrayValue || args[1] instanceof InstanceValue ? args[1] : requireScalar(rt, args[1], site, 'sum()');
    for (const item of items) {
      // sum() of a 2-D array adds its rows (arrays add as numpy adds them)
      // (and Python's large ints add exactly: binary keeps them, exactIntegers.ts);
      // objects add by their own __add__/__radd__ (micrograd's `sum([wi*xi …], self.b)` of Values)
      if (item instanceof ArrayValue || acc instanceof ArrayValue || item instanceof ExactInteger || acc instanceof ExactInteger || item instanceof InstanceValue || acc instanceof InstanceValue) {
        // Python's sum starts from 0: `0 + v` is v.__radd__(0), as CPython calls it
        if (acc === undefined && item instanceof InstanceValue) acc = 0;
        acc = acc === undefined ? item : binary(rt, '+', acc, item, site);
        continue;
      }
      const x = requireScalar(rt, item, site, 'sum()');
      acc = acc === undefined ? x : typeof acc === 'number' && typeof x === 'number' ? binary(rt, '+', acc, x, site) : scalarBinary(rt, '+', acc as Scalar, x, site);
    }
    return acc ?? 0;
  },
  len: (rt, [v], _kw, site) => {
    if (v instanceof SequenceValue) return v.items.length;
    if (typeof v === 'string') return v.length;
    if (v instanceof ArrayValue) {
      if (v.ndim === 0) fail('type', 'len() of a 0-d array', rt.sites[site]!);
      return v.shape[0]!;
    }
    if (v instanceof RangeValue) return v.length;
    if (v instanceof DictValue) return v.entries.size;
    if (v instanceof SetValue) return v.members.size;
    if (v instanceof DictViewValue) return v.dict.entries.size;
    if (typeof v === 'string') return [...v].length;
    return fail('type', 'len() needs a list, a tuple, a range, a dict, a set or a string', rt.sites[site]!);
  },
  range: (rt, args, _kw, site) => {
    const ints = args.map((a) => integerIndex(rt, a, site, 'range()’s argument'));
    const [start, stop, step] = ints.length === 1 ? [0, ints[0]!, 1] : [ints[0]!, ints[1]!, ints[2] ?? 1];
    if (step === 0) fail('type', 'range() step cannot be zero', rt.sites[site]!);
    return new RangeValue(start, stop, step);
  },
  float: (rt, [v], _kw, site) => {
    if (v instanceof ArrayValue) {
      if (v.size !== 1) fail('type', `float() of an array needs exactly one element, got shape (${v.shape.join(', ')})`, rt.sites[site]!);
      return element(rt, v, 0, site);
    }
    return requireScalar(rt, v!, site, 'float()');
  },
  int: (rt, [v], _kw, site) => rt.apply(P.trunc, requireScalar(rt, v!, site, 'int()'), 0, site),
  bool: (_rt, [v]) => truthy(v!),
  enumerate: (rt, args, _kw, site) => {
    const items = iterate(rt, args[0]!, site, 'enumerate()');
    const start = args[1] === undefined ? 0 : integerIndex(rt, args[1], site, 'enumerate()’s start');
    rt.allocate(24 * items.length, site);
    return new SequenceValue(items.map((v, i) => new SequenceValue([start + i, v], true)), false);
  },
  zip: (rt, args, _kw, site) => {
    const lists = args.map((a) => iterate(rt, a, site, 'zip()'));
    const n = Math.min(...lists.map((l) => l.length));
    rt.allocate(8 * n * lists.length, site);
    return new SequenceValue(Array.from({ length: n }, (_, i) => new SequenceValue(lists.map((l) => l[i]!), true)), false);
  },
  iter: (rt, [v], _kw, site) => (v instanceof IteratorValue ? v : new IteratorValue(iterate(rt, v!, site, 'iter()').slice())),
  next: (rt, [it, dflt], _kw, site) => {
    if (!(it instanceof IteratorValue)) return fail('type', `next() needs an iterator, got ${typeName(it!)}`, rt.sites[site]!);
    if (it.position < it.items.length) return it.items[it.position++]!;
    if (dflt !== undefined) return dflt;
    throw raised('StopIteration', '', rt.sites[site]!);
  },
  reversed: (rt, [v], _kw, site) => new SequenceValue([...iterate(rt, v!, site, 'reversed()')].reverse(), false),
  list: (rt, [v], _kw, site) => new SequenceValue(v === undefined ? [] : [...iterate(rt, v, site, 'list()')], false),
  tuple: (rt, [v], _kw, site) => new SequenceValue(v === undefined ? [] : [...iterate(rt, v, site, 'tuple()')], true),
  isinstance: withArgumentKinds((rt, [v, types], _kw, site, kinds) => isInstance(rt, v!, types!, site, kinds[0])),
  hasattr: (rt, [v, name], _kw, site) => hasAttribute(rt, v!, name!, site),
  same_class: (_rt, [a, b]) => a instanceof InstanceValue && b instanceof InstanceValue && a.cls === b.cls,
  object_setattr: (rt, [object, name, value], _kw, site) => {
    if (!(object instanceof InstanceValue)) return fail('type', `object.__setattr__ needs an object of a class of this file, got ${typeName(object!)}`, rt.sites[site]!);
    if (typeof name !== 'string') return fail('type', `attribute name must be a string, not ${typeName(name!)}`, rt.sites[site]!);
    storeAttribute(rt, object, name, value!, site);
    return None;
  },
  copyto: (rt, args, kw, site) => copyTo(rt, args, kw, site),
  isnan: (rt, [v], _kw, site) => (hasArray([v!]) ? boolArray(rt, v!, site, Number.isNaN) : Number.isNaN(primal(requireScalar(rt, v!, site, 'isnan()')))),
  isinf: (rt, [v], _kw, site) => {
    if (hasArray([v!])) return boolArray(rt, v!, site, (x) => x === Infinity || x === -Infinity);
    const x = primal(requireScalar(rt, v!, site, 'isinf()'));
    return x === Infinity || x === -Infinity;
  },
  isfinite: (rt, [v], _kw, site) => (hasArray([v!]) ? boolArray(rt, v!, site, Number.isFinite) : Number.isFinite(primal(requireScalar(rt, v!, site, 'isfinite()')))),
  logical_and: (rt, [a, b], _kw, site) => logicalBinary(rt, '&', a!, b!, site, 'logical_and'),
  logical_or: (rt, [a, b], _kw, site) => logicalBinary(rt, '|', a!, b!, site, 'logical_or'),
  logical_xor: (rt, [a, b], _kw, site) => logicalBinary(rt, '^', a!, b!, site, 'logical_xor'),
  logical_not: (rt, [v], _kw, site) => logicalNot(rt, v!, site),
  greater: (rt, [a, b], _kw, site) => comparisonUfunc(rt, '>', a!, b!, site, 'greater'),
  greater_equal: (rt, [a, b], _kw, site) => comparisonUfunc(rt, '>=', a!, b!, site, 'greater_equal'),
  less: (rt, [a, b], _kw, site) => comparisonUfunc(rt, '<', a!, b!, site, 'less'),
  less_equal: (rt, [a, b], _kw, site) => comparisonUfunc(rt, '<=', a!, b!, site, 'less_equal'),
  equal: (rt, [a, b], _kw, site) => comparisonUfunc(rt, '==', a!, b!, site, 'equal'),
  not_equal: (rt, [a, b], _kw, site) => comparisonUfunc(rt, '!=', a!, b!, site, 'not_equal'),
};

/**
 * The elementwise functions whose result keeps its operands' dtype (array/dtypes.ts): np.abs,
 * np.maximum, np.add… of ints are ints (np.floor, np.sqrt of ints are floats, as numpy's). A primitive
 * stays known as one (`isScalarPrimitive`).
 */
for (const [name, bools] of [
  ['abs', 'bool'], ['sign', 'int'], ['minimum', 'bool'], ['maximum', 'bool'], ['fmin', 'bool'], ['fmax', 'bool'], ['square', 'bool'], ['negative', 'int'],
  ['add', 'bool'], ['subtract', 'int'], ['multiply', 'bool'], ['mod', 'int'], ['fmod', 'int'], ['floor_divide', 'int'], ['round', 'int'],
] as const) {
  const impl = IMPLEMENTATIONS[name];
  const typed = keepingDtype(impl, bools);
  const p = PRIMITIVE_OF.get(impl);
  if (p) PRIMITIVE_OF.set(typed, p);
  IMPLEMENTATIONS[name] = typed;
}

/**
 * GradLens's numbers are all float64, so `int` and `float` are told apart by the source where it
 * says (`kind`: `k = 2`, `v = 1.0`, `n = len(xs)`, scalarKinds.ts), else by value: a differentiated
 * parameter or a non-integral number is a float, and an integral number of unknown kind is taken as
 * either, with a warning (an element read back from a numpy array is neither: np.int64 is no int).
 */
function isInstance(rt: Runtime, v: Value, types: Value, site: number, kind: ScalarKind): boolean {
  if (v instanceof UnreadableValue) refuseUnreadable(v);
  if (types instanceof SequenceValue && types.isTuple) return types.items.some((t) => isInstance(rt, v, t, site, kind));
  if (types instanceof ClassValue) return isInstanceOf(v, types);
  if (types instanceof ErrorTypeValue) return v instanceof ErrorValue && isSubtype(v.type.name, types.name);
  if (types instanceof IntrinsicValue) {
    const n = typeof v === 'boolean' ? undefined : asScalar(v);
    const guessed = (type: string): true => {
      rt.warn('type', `isinstance(${n}, ${type}): the source does not say whether this whole number is an int or a float (its Python type; GradLens's numbers are all float64), and GradLens takes it as ${type === 'int' ? 'an int' : 'a float'}`, site);
      return true;
    };
    switch (types.name) {
      case 'float':
        if (n === undefined || kind === 'int' || kind === 'bool') return false;
        return kind === undefined && typeof n === 'number' && Number.isInteger(n) ? guessed('float') : true;
      case 'int':
        if (typeof v === 'boolean' || kind === 'int' || kind === 'bool') return true;
        if (kind === 'float' || typeof n !== 'number' || !Number.isInteger(n)) return false;
        return guessed('int');
      case 'bool':
        return typeof v === 'boolean';
      case 'list':
        return v instanceof SequenceValue && !v.isTuple;
      case 'tuple':
        return v instanceof SequenceValue && v.isTuple;
      case 'str':
        return typeof v === 'string';
      case 'dict':
        return v instanceof DictValue;
      case 'set':
        return v instanceof SetValue;
      case 'ndarray':
        return v instanceof ArrayValue;
      // numbers.Number: Python's numbers and bools (numpy's scalars register too), not arrays or lists.
      case 'number_type':
        return asScalar(v) !== undefined;
      default:
        break;
    }
  }
  return fail('unsupported', `isinstance(…, ${typeName(types)}): GradLens checks user classes, exception types, float, int, bool, str, list, tuple, dict, set, np.ndarray and numbers.Number`, rt.sites[site]!);
}

function boolArrayOf(sign: ArrayValue): ArrayValue {
  return constant(sign.shape, Float64Array.from(sign.data, (v) => (v > 0 ? 1 : 0)), 'bool');
}

/** The name a user wrote for an intrinsic whose catalogue name differs (`np.sum` is `reduce_sum`). */
function spelling(name: IntrinsicName): string {
  if (name === 'extmath_softmax') return 'softmax';
  return name.startsWith('reduce_') ? name.slice('reduce_'.length) : name.startsWith('random_') ? `random.${name.slice('random_'.length)}` : name;
}

/** numpy's and scipy.special's ufuncs: they take `out=`, an array the result is written into and which is returned. */
const UFUNCS: ReadonlySet<IntrinsicName> = new Set<IntrinsicName>([
  'exp', 'expm1', 'exp2', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'square', 'reciprocal', 'negative',
  'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh',
  'abs', 'sign', 'floor', 'ceil', 'trunc', 'round', 'deg2rad', 'rad2deg', 'arctan2', 'hypot', 'minimum', 'maximum', 'fmax', 'fmin',
  'pow', 'add', 'subtract', 'multiply', 'divide', 'mod', 'fmod', 'floor_divide', 'logaddexp', 'logaddexp2', 'isnan', 'isinf', 'isfinite',
  'erf', 'erfc', 'erfinv', 'erfcinv', 'ndtr', 'log_ndtr', 'ndtri', 'gamma', 'gammaln', 'digamma', 'polygamma', 'i0', 'i1', 'i0e', 'i1e', 'j0', 'j1', 'y0', 'y1', 'jn', 'yn', 'jv', 'yv', 'iv', 'kv', 'sigmoid', 'logit',
  'xlogy', 'xlog1py', 'entr', 'rel_entr', 'kl_div', 'huber', 'pseudo_huber',
]);

/**
 * `np.copyto(dst, src, where=mask)`: src (broadcast to dst's shape) written into dst, a new version
 * of it as `dst[...] = src` makes; where the mask is False dst keeps its entries. A new array either
 * way, so dst never shares src's buffer.
 */
function copyTo(rt: Runtime, args: Value[], keywords: readonly KeywordValue[], site: number): Value {
  const [dst, src] = args;
  const mask = keywords.find((k) => k.name === 'where')?.value;
  if (!(dst instanceof ArrayValue)) return fail('type', `np.copyto writes into an array, got ${typeName(dst!)}`, rt.sites[site]!);
  if (keywords.some((k) => k.name !== 'where' && k.name !== 'casting')) return fail('type', 'np.copyto takes dst, src, casting= and where=', rt.sites[site]!);
  const condition = mask === undefined ? constant([], Float64Array.of(1), 'bool') : arr(rt, mask, site, "np.copyto's where=");
  const written = where(rt, condition, operand(rt, src!, site), dst, site, 'np.copyto');
  if (written.shape.join() !== dst.shape.join()) return fail('shape', `np.copyto cannot broadcast src to dst's shape (${dst.shape.join(', ')})`, rt.sites[site]!);
  assignInPlace(rt, dst, written, site);
  return None;
}

/** `np.exp(x, out=y)`: the result written into y (a new version of it, as `y[...] = np.exp(x)`), and y returned. */
function intoOut(rt: Runtime, name: IntrinsicName, args: Value[], keywords: readonly KeywordValue[], out: Value, site: number): Value {
  const target = out instanceof SequenceValue && out.items.length === 1 ? out.items[0]! : out;
  if (!(target instanceof ArrayValue)) return fail('type', `${spelling(name)}'s out= takes an array, got ${typeName(target)}`, rt.sites[site]!);
  const result = callIntrinsic(rt, name, args, keywords.filter((k) => k.name !== 'out' && k.name !== 'where'), site);
  // where=: out keeps its entries where the mask is False (np.where of the result and out's own)
  const mask = keywords.find((k) => k.name === 'where');
  const kept = mask ? where(rt, arr(rt, mask.value, site, `${spelling(name)}'s where=`), result as Operand, target, site) : result;
  assignInPlace(rt, target, kept as Operand, site);
  return target;
}

export function callIntrinsic(rt: Runtime, name: IntrinsicName, args: Value[], keywords: readonly KeywordValue[], site: number, argumentKinds?: readonly ScalarKind[]): Value {
  const sig = INTRINSICS[name];
  // `np.exp(p, p)`, `np.add(a, b, out)`: a ufunc's array argument after its inputs is out= (Python's
  // `pow(a, b, m)` is modular, not that: a number there stays an error of too many arguments)
  if (UFUNCS.has(name) && args.length === sig.maxArgs + 1 && args[args.length - 1] instanceof ArrayValue && !keywords.some((k) => k.name === 'out')) {
    return callIntrinsic(rt, name, args.slice(0, -1), [...keywords, { name: 'out', value: args[args.length - 1]! }], site);
  }
  if (keywords.length > 0 && UFUNCS.has(name)) {
    const mask = keywords.find((k) => k.name === 'where');
    if (mask?.value === true) return callIntrinsic(rt, name, args, keywords.filter((k) => k !== mask), site);
    const out = keywords.find((k) => k.name === 'out');
    if (mask && (!out || out.value instanceof NoneValue)) fail('unsupported', `GradLens does not support ${spelling(name)}'s where= without out= yet (numpy leaves the entries where it is False uninitialized)`, rt.sites[site]!);
    if (out && !(out.value instanceof NoneValue)) return intoOut(rt, name, args, keywords, out.value, site);
    if (out) return callIntrinsic(rt, name, args, keywords.filter((k) => k !== out), site);
  }
  const allowed: readonly string[] = 'keywords' in sig ? (sig.keywords as readonly string[]) : [];
  // an argument given by its name counts (`poisson.pmf(k=3, mu=m)`): the function binds it itself
  const named = keywords.length === 0 ? 0 : keywords.filter((k) => allowed.includes(k.name)).length;
  if (args.length + named < sig.minArgs || args.length > sig.maxArgs) {
    const expected = sig.minArgs === sig.maxArgs ? String(sig.minArgs) : sig.maxArgs === Infinity ? `at least ${sig.minArgs}` : `${sig.minArgs} to ${sig.maxArgs}`;
    fail('arity', `${spelling(name)}() takes ${expected} argument${sig.maxArgs === 1 ? '' : 's'} in GradLens, got ${args.length + named}`, rt.sites[site]!);
  }
  for (const k of keywords) {
    // numpy may well take it: the refusal is GradLens's, and says so
    if (!allowed.includes(k.name) && !allowed.includes('*')) fail('unsupported', `GradLens does not support ${spelling(name)}'s ${k.name}= yet`, rt.sites[site]!);
  }
  // Reading every element of its array arguments is work, whatever the result's size (np.sum of 9M).
  for (const a of args) if (a instanceof ArrayValue) rt.work(a.size, site);
  const impl = IMPLEMENTATIONS[name];
  rt.argumentKinds = readsArgumentKinds(impl) ? argumentKinds : undefined;
  return impl(rt, args, keywords, site);
}

export function isNumberLike(v: Value): boolean {
  return asScalar(v) !== undefined;
}
