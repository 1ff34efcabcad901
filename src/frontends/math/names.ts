import { nameTable } from '../../core/keyed';
import { INTRINSICS, NAMED_CONSTANTS, type IntrinsicName } from '../../ir/intrinsics';

/**
 * The names math notation knows: function spellings and constants. Everything else a definition
 * mentions must be one of its parameters or a function defined in the same file.
 */

/** How a function written in notes becomes IR. */
export type MathFunction =
  | { readonly kind: 'intrinsic'; readonly intrinsic: IntrinsicName }
  /** `sec x` is `1 / cos x`: the IR has no secant, and one reciprocal keeps the graph readable. */
  | { readonly kind: 'reciprocal'; readonly intrinsic: IntrinsicName };

const SPELLINGS: Readonly<Record<string, IntrinsicName>> = nameTable({
  exp: 'exp', expm1: 'expm1',
  // In notes `log` is the natural logarithm, as in most analysis texts (and numpy); log10 and log2 are explicit.
  ln: 'log', log: 'log', log10: 'log10', log2: 'log2', log1p: 'log1p',
  sqrt: 'sqrt', cbrt: 'cbrt', abs: 'abs',
  sin: 'sin', cos: 'cos', tan: 'tan',
  asin: 'arcsin', arcsin: 'arcsin', acos: 'arccos', arccos: 'arccos', atan: 'arctan', arctan: 'arctan',
  atan2: 'arctan2', arctan2: 'arctan2',
  sinh: 'sinh', cosh: 'cosh', tanh: 'tanh',
  asinh: 'arcsinh', arsinh: 'arcsinh', arcsinh: 'arcsinh',
  acosh: 'arccosh', arcosh: 'arccosh', arccosh: 'arccosh',
  atanh: 'arctanh', artanh: 'arctanh', arctanh: 'arctanh',
  erf: 'erf', erfc: 'erfc', sigmoid: 'sigmoid', softplus: 'softplus', relu: 'relu',
  floor: 'floor', ceil: 'ceil', round: 'round', trunc: 'trunc', sign: 'sign', sgn: 'sign',
  min: 'min', max: 'max', hypot: 'hypot', pow: 'pow',
});

const RECIPROCALS: Readonly<Record<string, IntrinsicName>> = nameTable({
  sec: 'cos', csc: 'sin', cosec: 'sin', cot: 'tan',
  sech: 'cosh', csch: 'sinh', coth: 'tanh',
});

export function mathFunction(name: string): MathFunction | undefined {
  if (Object.prototype.hasOwnProperty.call(SPELLINGS, name)) return { kind: 'intrinsic', intrinsic: SPELLINGS[name]! };
  if (Object.prototype.hasOwnProperty.call(RECIPROCALS, name)) return { kind: 'reciprocal', intrinsic: RECIPROCALS[name]! };
  return undefined;
}

/** Every spelling, for tests and for hints. */
export function mathFunctionNames(): readonly string[] {
  return [...Object.keys(SPELLINGS), ...Object.keys(RECIPROCALS)];
}

export function mathFunctionArity(fn: MathFunction): { readonly min: number; readonly max: number } {
  if (fn.kind === 'reciprocal') return { min: 1, max: 1 };
  const sig = INTRINSICS[fn.intrinsic];
  return { min: sig.minArgs, max: sig.maxArgs };
}

/**
 * Whether `sin x` may be written without parentheses: only functions of one argument (round's
 * optional digit count included), since `atan2 y x` or `max a b` would be guesswork.
 */
export function takesBareArgument(fn: MathFunction): boolean {
  const { min, max } = mathFunctionArity(fn);
  return min === 1 && max <= 2;
}

const CONSTANT_SPELLINGS: Readonly<Record<string, keyof typeof NAMED_CONSTANTS>> = nameTable({
  pi: 'pi', π: 'pi', e: 'e', tau: 'tau', τ: 'tau',
});

export function mathConstant(name: string): number | undefined {
  if (!Object.prototype.hasOwnProperty.call(CONSTANT_SPELLINGS, name)) return undefined;
  return NAMED_CONSTANTS[CONSTANT_SPELLINGS[name]!];
}
