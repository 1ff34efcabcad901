import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, type Value } from '../interpreter/values';
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

const imag: Impl = (rt, args, kw, site) => {
  const x = bind(rt, 'imag', ['val'], args, kw, site).val!;
  const a = asArray(rt, operand(rt, x, site), site);
  return shaped(rt, x, constant(a.shape, new Float64Array(a.size)), site);
};

const angle: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'angle', ['z', 'deg'], args, kw, site);
  const v = operand(rt, b.z!, site);
  const a = asArray(rt, v, site);
  const half = given(b.deg) && b.deg !== false && b.deg !== 0 ? 180 : Math.PI;
  const out = constant(a.shape, Float64Array.from(a.data, (x) => (Number.isNaN(x) ? NaN : x < 0 || Object.is(x, -0) ? half : 0)));
  if (isTracked(v) && a.data.some((x) => x === 0)) rt.warn('non-differentiable', `angle jumps from ${half === 180 ? 180 : 'π'} to 0 at 0: its derivative there does not exist and is taken as 0`, site);
  return shaped(rt, b.z!, out, site);
};

export const COMPLEX_PART_IMPLEMENTATIONS = {
  real: itself('real', 'val'),
  conj: itself('conj', 'x'),
  imag,
  angle,
} satisfies Record<string, Impl>;
