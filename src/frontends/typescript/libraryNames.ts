import { nameTable } from '../../core/keyed';
import type { IntrinsicName } from '../../ir/intrinsics';

/**
 * JavaScript's library, one row per name: what `Math.x`, a global function or a global constant
 * becomes in the IR. Anything not listed is reported as unsupported, naming it.
 */

/** `Math.f(...)` → intrinsic. `Math.round` is not here: it rounds half up and is lowered to `floor(x + 0.5)`. */
export const MATH_FUNCTIONS: Readonly<Record<string, IntrinsicName>> = nameTable({
  sin: 'sin', cos: 'cos', tan: 'tan', asin: 'arcsin', acos: 'arccos', atan: 'arctan',
  sinh: 'sinh', cosh: 'cosh', tanh: 'tanh', asinh: 'arcsinh', acosh: 'arccosh', atanh: 'arctanh',
  exp: 'exp', expm1: 'expm1', log: 'log', log1p: 'log1p', log2: 'log2', log10: 'log10',
  sqrt: 'sqrt', cbrt: 'cbrt', abs: 'abs', sign: 'sign', floor: 'floor', ceil: 'ceil', trunc: 'trunc',
  atan2: 'arctan2', pow: 'pow', min: 'min', max: 'max', fround: 'fround', imul: 'imul',
  /** Two arguments only: the intrinsic is binary (checked where the call is lowered). */
  hypot: 'hypot',
});

/** `Math.random()` and friends: named in the message so the reader knows why. */
export const MATH_UNSUPPORTED: Readonly<Record<string, string>> = nameTable({
  random: '`Math.random` is not supported: a derivative needs a deterministic function; pass the random value in as a parameter',
  clz32: '`Math.clz32` is not supported: it is a bit operation',
});

export const MATH_CONSTANTS: Readonly<Record<string, number>> = nameTable({
  PI: Math.PI, E: Math.E, LN2: Math.LN2, LN10: Math.LN10, LOG2E: Math.LOG2E, LOG10E: Math.LOG10E,
  SQRT2: Math.SQRT2, SQRT1_2: Math.SQRT1_2,
});

/** `Number.X` constants. */
export const NUMBER_CONSTANTS: Readonly<Record<string, number>> = nameTable({
  EPSILON: Number.EPSILON, MAX_VALUE: Number.MAX_VALUE, MIN_VALUE: Number.MIN_VALUE,
  MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER, MIN_SAFE_INTEGER: Number.MIN_SAFE_INTEGER,
  POSITIVE_INFINITY: Infinity, NEGATIVE_INFINITY: -Infinity, NaN: NaN,
});

/** `Number.isNaN(x)` and the like. */
export const NUMBER_FUNCTIONS: Readonly<Record<string, IntrinsicName>> = nameTable({
  isNaN: 'isnan', isFinite: 'isfinite', parseFloat: 'parse_float', parseInt: 'parse_int',
});

/** Typed arrays by their constructor's name; each store converts to the element type (engine/interpreter/typedArrays.ts). */
export const TYPED_ARRAYS: Readonly<Record<string, IntrinsicName>> = nameTable({
  Float64Array: 'float64_array', Float32Array: 'float32_array', Int8Array: 'int8_array', Uint8Array: 'uint8_array',
  Int16Array: 'int16_array', Uint16Array: 'uint16_array', Int32Array: 'int32_array', Uint32Array: 'uint32_array',
});

/** Typed arrays GradLens does not model: a half-precision float, clamping, and BigInts. */
export const UNSUPPORTED_TYPED_ARRAYS: ReadonlySet<string> = new Set(['Float16Array', 'Uint8ClampedArray', 'BigInt64Array', 'BigUint64Array']);

/**
 * Global functions: `Number(v)`, `parseFloat`, `parseInt` convert as JavaScript does; `isNaN`/`isFinite`
 * test. Constructors are values too (`ARRAY_TYPE = typeof Float32Array !== 'undefined' ? Float32Array :
 * Array`), which `new` constructs with (the intrinsic `construct`).
 */
export const GLOBAL_FUNCTIONS: Readonly<Record<string, IntrinsicName>> = nameTable({
  Number: 'js_number', parseFloat: 'parse_float', parseInt: 'parse_int', isNaN: 'isnan', isFinite: 'isfinite',
  Array: 'js_array', ...TYPED_ARRAYS,
});

/** Global values that are plain numbers. */
export const GLOBAL_CONSTANTS: Readonly<Record<string, number>> = nameTable({ NaN: NaN, Infinity: Infinity });

/** Globals that would reach outside the function (or run code): never run, always named. */
export const FORBIDDEN_GLOBALS: Readonly<Record<string, string>> = nameTable({
  eval: '`eval` is not supported: GradLens never runs code',
  Function: '`Function` is not supported: GradLens never runs code',
  require: '`require` here is not supported: GradLens reads `const g = require(\'./g\')` of a workspace file at module level, and never loads packages',
  fetch: '`fetch` is not supported: GradLens does not run code with side effects',
  window: '`window` is not supported: GradLens differentiates pure functions of their parameters',
  document: '`document` is not supported: GradLens differentiates pure functions of their parameters',
  process: '`process` is not supported: GradLens differentiates pure functions of their parameters',
  globalThis: '`globalThis` is not supported: GradLens differentiates pure functions of their parameters',
  console: '`console` is only supported as a statement (`console.log(...)`, which GradLens skips)',
  Math: '`Math` on its own is not supported; call its functions (`Math.sin(x)`) or use its constants (`Math.PI`)',
  Date: '`Date` is not supported: a derivative needs a deterministic function',
  JSON: '`JSON` is not supported', Object: '`Object` is not supported', Reflect: '`Reflect` is not supported',
  Proxy: '`Proxy` is not supported', Symbol: '`Symbol` is not supported', Promise: '`Promise` is not supported',
  setTimeout: '`setTimeout` is not supported: GradLens does not run code with side effects',
  setInterval: '`setInterval` is not supported: GradLens does not run code with side effects',
  arguments: '`arguments` is only defined inside a `function` (not at module level, nor in an arrow outside one)',
});
