import type { Runtime } from '../interpreter/runtime';
import type { KeywordValue } from '../interpreter/calls';
import { ExactInteger, SequenceValue, type Value } from '../interpreter/values';
import { bind, given, operand, type Impl } from './args';
import { isTracked } from './elementwise';
import { copy } from './indexing';
import { ArrayValue } from './ndarray';
import { asArray, constant, element } from './record';

/**
 * numpy's complex parts of real numbers — GradLens has no complex numbers (a complex literal is
 * refused where it is written), so every input here is real: real and conj are x itself (derivative
 * 1), imag is 0 (derivative 0), angle is arctan2(0, x): 0 for x > 0 or x = +0, π for x < 0 or x = −0
 * (180 with deg=True), piecewise constant — its derivative 0 is the slope except at 0, where it
 * jumps, which is said when x is differentiated there.
 */

const scalarInput = (v: Value): boolean => !(v instanceof ArrayValue) && !(v instanceof SequenceValue);

/** The result of an elementwise function of one argument: a number for a number, else an array. */
function shaped(rt: Runtime, x: Value, out: ArrayValue, site: number): Value {
  return scalarInput(x) && out.ndim === 0 ? element(rt, out, 0, site) : out;
}

const itself = (name: string, parameter: string): Impl => (rt, args, kw, site) => {
  const x = bind(rt, name, [parameter], args, kw, site)[parameter]!;
  const v = operand(rt, x, site);
  return scalarInput(x) ? (v as Value) : copy(rt, asArray(rt, v, site), site);
};

/** Zeros of x's shape, of its dtype as numpy's imag of a real array (a bool array's is bool). */
function zerosLike(rt: Runtime, x: Value, site: number): Value {
  const a = asArray(rt, operand(rt, x, site), site);
  return shaped(rt, x, constant(a.shape, new Float64Array(a.size), x instanceof ArrayValue ? a.dtype : 'float'), site);
}

const imag: Impl = (rt, args, kw, site) => zerosLike(rt, bind(rt, 'imag', ['val'], args, kw, site).val!, site);

const angle: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'angle', ['z', 'deg'], args, kw, site);
  const v = operand(rt, b.z!, site);
  const a = asArray(rt, v, site);
  const half = given(b.deg) && b.deg !== false && b.deg !== 0 ? 180 : Math.PI;
  const out = constant(a.shape, Float64Array.from(a.data, (x) => (Number.isNaN(x) ? NaN : x < 0 || Object.is(x, -0) ? half : 0)));
  if (isTracked(v) && a.data.some((x) => x === 0)) rt.warn('non-differentiable', `angle jumps from ${half === 180 ? 180 : 'π'} to 0 at 0: its derivative there does not exist and is taken as 0`, site);
  return shaped(rt, b.z!, out, site);
};

/**
 * The attribute spellings `x.real` and `x.imag` of a number (Python's and numpy's scalars have them)
 * or an array; undefined for any other name. An array's `.real` is the array itself: numpy's is a
 * view of a real array's own elements, so a write through it is a write into the array, as here.
 * A boolean's `.real` is its int (`True.real` is 1).
 */
export function complexPartAttribute(rt: Runtime, x: Value, name: string, site: number): Value | undefined {
  if (name === 'real') return typeof x === 'boolean' ? Number(x) : x;
  if (name === 'imag') return x instanceof ExactInteger ? 0 : zerosLike(rt, x, site);
  return undefined;
}

/** Methods of numbers and arrays that are numpy's `conj` (`x.conj()`, `x.conjugate()`). */
export const CONJUGATE_METHODS: ReadonlySet<string> = new Set(['conj', 'conjugate']);

export function conjugateMethod(rt: Runtime, x: Value, name: string, args: Value[], kw: readonly KeywordValue[], site: number): Value {
  bind(rt, name, [], args, kw, site);
  if (x instanceof ExactInteger) return x;
  return conj(rt, [typeof x === 'boolean' ? Number(x) : x], [], site);
}

const conj = itself('conj', 'x');

export const COMPLEX_PART_IMPLEMENTATIONS = {
  real: itself('real', 'val'),
  conj,
  imag,
  angle,
} satisfies Record<string, Impl>;
