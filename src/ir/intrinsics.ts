/**
 * The catalogue of library functions a front end may name in the IR (`IrIntrinsic`). Names are
 * language-neutral (numpy's where there is a choice). Each front end maps its own spellings onto these
 * — `np.arctan`, `math.atan`, `Math.atan` and `atan` all become `arctan` — and reports anything else as
 * unsupported, naming it. The engine implements every name here (`engine/intrinsics.ts`); a test
 * checks the two lists agree.
 */
export interface IntrinsicSignature {
  readonly minArgs: number;
  /** `Infinity` for variadic (`max(a, b, c)`). */
  readonly maxArgs: number;
  /** Keyword arguments accepted (`axis`, `keepdims`, …). */
  readonly keywords?: readonly string[];
}

const unary: IntrinsicSignature = { minArgs: 1, maxArgs: 1 };
const binary: IntrinsicSignature = { minArgs: 2, maxArgs: 2 };

export const INTRINSICS = {
  // Elementwise functions with a primitive of their own.
  exp: unary, expm1: unary, log: unary, log1p: unary, log2: unary, log10: unary,
  sqrt: unary, cbrt: unary,
  sin: unary, cos: unary, tan: unary, arcsin: unary, arccos: unary, arctan: unary,
  sinh: unary, cosh: unary, tanh: unary, arcsinh: unary, arccosh: unary, arctanh: unary,
  abs: unary, sign: unary, floor: unary, ceil: unary, trunc: unary, erf: unary,
  /** Half to even, as Python's `round` and numpy's `round` do; `round(x, n)` takes a digit count. */
  round: { minArgs: 1, maxArgs: 2 },
  arctan2: binary, hypot: binary, minimum: binary, maximum: binary,
  /** `pow(x, y)`; Python's three-argument modular form is not supported. */
  pow: binary,

  // Sugar: expanded into primitives by the engine, never given rules of their own.
  square: unary, reciprocal: unary, negative: unary, exp2: unary, erfc: unary,
  sigmoid: unary, softplus: unary, relu: unary, logaddexp: binary,
  deg2rad: unary, rad2deg: unary,
  add: binary, subtract: binary, multiply: binary, divide: binary, mod: binary, floor_divide: binary,

  // Builtins (Python's, and their JavaScript counterparts).
  /** `min(a, b, …)` or `min(iterable)`. */
  min: { minArgs: 1, maxArgs: Infinity },
  max: { minArgs: 1, maxArgs: Infinity },
  /** `sum(iterable, start=0)`. */
  sum: { minArgs: 1, maxArgs: 2 },
  len: unary,
  range: { minArgs: 1, maxArgs: 3 },
  float: unary,
  int: unary,
  bool: unary,
  enumerate: { minArgs: 1, maxArgs: 2 },
  zip: { minArgs: 1, maxArgs: Infinity },
  reversed: unary,
  list: { minArgs: 0, maxArgs: 1 },
  tuple: { minArgs: 0, maxArgs: 1 },
  isnan: unary,
  isinf: unary,
  isfinite: unary,
} as const satisfies Record<string, IntrinsicSignature>;

export type IntrinsicName = keyof typeof INTRINSICS;

export function isIntrinsicName(name: string): name is IntrinsicName {
  return Object.prototype.hasOwnProperty.call(INTRINSICS, name);
}

/** Numeric constants a front end may inline (`np.pi`, `math.e`, `Math.PI`, `π`). */
export const NAMED_CONSTANTS: Readonly<Record<string, number>> = {
  pi: Math.PI,
  e: Math.E,
  tau: 2 * Math.PI,
  inf: Infinity,
  nan: NaN,
};
