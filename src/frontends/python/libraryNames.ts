import { keyedFromEntries, nameTable } from '../../core/keyed';
import { NAMED_CONSTANTS, type IntrinsicName } from '../../ir/intrinsics';
import { canonicalLibraryPath, isScipyOrAliasModule, scipyAndAliasModules } from './scipyNames';
import { isSklearnModule, SKLEARN_MODULES } from './sklearnNames';

/**
 * Which Python library names GradLens understands, as IR intrinsics. Adding a function is one row
 * here (its intrinsic must exist in `ir/intrinsics.ts`); anything not listed is reported as
 * unsupported, naming it. Listed explicitly, not by "same name as an intrinsic": `np.len` or
 * `math.relu` do not exist in Python, and must not quietly work here.
 */

export interface LibraryModule {
  /** Dotted module path as imported (`scipy.special`). */
  readonly path: string;
  readonly functions: Readonly<Record<string, IntrinsicName>>;
  readonly constants: Readonly<Record<string, number>>;
}

const NUMPY_FUNCTIONS: Record<string, IntrinsicName> = nameTable({
  exp: 'exp', expm1: 'expm1', exp2: 'exp2', log: 'log', log1p: 'log1p', log2: 'log2', log10: 'log10',
  sqrt: 'sqrt', cbrt: 'cbrt', square: 'square', reciprocal: 'reciprocal', negative: 'negative',
  sin: 'sin', cos: 'cos', tan: 'tan', arcsin: 'arcsin', arccos: 'arccos', arctan: 'arctan', arctan2: 'arctan2',
  sinh: 'sinh', cosh: 'cosh', tanh: 'tanh', arcsinh: 'arcsinh', arccosh: 'arccosh', arctanh: 'arctanh',
  abs: 'abs', absolute: 'abs', fabs: 'abs', sign: 'sign',
  floor: 'floor', ceil: 'ceil', trunc: 'trunc', fix: 'trunc', round: 'round', around: 'round', rint: 'round',
  hypot: 'hypot', maximum: 'maximum', minimum: 'minimum', power: 'pow', pow: 'pow', logaddexp: 'logaddexp',
  deg2rad: 'deg2rad', radians: 'deg2rad', rad2deg: 'rad2deg', degrees: 'rad2deg',
  add: 'add', 'add.at': 'add_at', subtract: 'subtract', multiply: 'multiply', divide: 'divide', true_divide: 'divide',
  mod: 'mod', remainder: 'mod', fmod: 'fmod', floor_divide: 'floor_divide',
  float64: 'float64', float_: 'float64', double: 'float64', float32: 'float32', single: 'float32', int64: 'int64', int32: 'int64', int_: 'int64', bool_: 'bool',
  isnan: 'isnan', isinf: 'isinf', isfinite: 'isfinite',
  logical_and: 'logical_and', logical_or: 'logical_or', logical_xor: 'logical_xor', logical_not: 'logical_not',
  greater: 'greater', greater_equal: 'greater_equal', less: 'less', less_equal: 'less_equal', equal: 'equal', not_equal: 'not_equal',
  // arrays
  array: 'array', asarray: 'asarray', asfarray: 'asfarray', copyto: 'copyto', zeros: 'zeros', ones: 'ones', empty: 'empty', full: 'full',
  zeros_like: 'zeros_like', ones_like: 'ones_like', empty_like: 'empty_like', full_like: 'full_like',
  eye: 'eye', identity: 'identity', arange: 'arange', linspace: 'linspace', copy: 'copy',
  'random.rand': 'random_rand', 'random.randn': 'random_randn', 'random.random': 'random_sample', 'random.random_sample': 'random_sample', 'random.uniform': 'random_uniform',
  'random.standard_normal': 'random_standard_normal', 'random.randint': 'random_randint', 'random.choice': 'random_choice', 'random.permutation': 'random_permutation',
  'random.normal': 'random_normal', 'random.seed': 'random_seed', 'random.RandomState': 'random_state', 'random.default_rng': 'default_rng',
  sum: 'reduce_sum', mean: 'mean', average: 'average', prod: 'prod', max: 'reduce_max', amax: 'reduce_max', min: 'reduce_min', amin: 'reduce_min',
  argmax: 'argmax', argmin: 'argmin', unravel_index: 'unravel_index', flatnonzero: 'flatnonzero', nonzero: 'nonzero', argwhere: 'argwhere', fill_diagonal: 'fill_diagonal', 'linalg.norm': 'norm',
  'linalg.solve': 'solve', 'linalg.inv': 'inv', 'linalg.matrix_power': 'matrix_power', 'linalg.det': 'det', 'linalg.slogdet': 'slogdet',
  'linalg.cholesky': 'cholesky', 'linalg.eigh': 'eigh', 'linalg.eigvalsh': 'eigvalsh', 'linalg.eig': 'eig', 'linalg.eigvals': 'eigvals', 'linalg.matrix_rank': 'matrix_rank', 'linalg.svd': 'svd', 'linalg.qr': 'qr', 'linalg.pinv': 'pinv', 'linalg.lstsq': 'lstsq',
  matmul: 'matmul', dot: 'dot', inner: 'inner', outer: 'outer', vdot: 'vdot', trace: 'trace', diag: 'diag', diagflat: 'diagflat',
  transpose: 'transpose', reshape: 'reshape', ravel: 'ravel', concatenate: 'concatenate', stack: 'stack',
  hstack: 'hstack', vstack: 'vstack', clip: 'clip', where: 'where', shape: 'shape', size: 'size', ndim: 'ndim',
  any: 'any', all: 'all', count_nonzero: 'count_nonzero', squeeze: 'squeeze', expand_dims: 'expand_dims',
  logspace: 'logspace', geomspace: 'geomspace', fmax: 'fmax', fmin: 'fmin', logaddexp2: 'logaddexp2', sinc: 'sinc', i0: 'i0', real: 'real', imag: 'imag', conj: 'conj', conjugate: 'conj', angle: 'angle', nan_to_num: 'nan_to_num', select: 'select', piecewise: 'piecewise', interp: 'interp', polyval: 'polyval', convolve: 'convolve',
  einsum: 'einsum', tensordot: 'tensordot', kron: 'kron', cross: 'cross',
  var: 'var', std: 'std', median: 'median', percentile: 'percentile', quantile: 'quantile', sort: 'sort', argsort: 'argsort', msort: 'msort', partition: 'partition', argpartition: 'argpartition', cumsum: 'cumsum', cumprod: 'cumprod', diff: 'diff', ediff1d: 'ediff1d', gradient: 'gradient',
  flip: 'flip', flipud: 'flipud', fliplr: 'fliplr', rot90: 'rot90', roll: 'roll', repeat: 'repeat', tile: 'tile', pad: 'pad', tril: 'tril', triu: 'triu', diagonal: 'diagonal', moveaxis: 'moveaxis', swapaxes: 'swapaxes', rollaxis: 'rollaxis', atleast_1d: 'atleast_1d', atleast_2d: 'atleast_2d', atleast_3d: 'atleast_3d', split: 'split', array_split: 'array_split', hsplit: 'hsplit', vsplit: 'vsplit', dsplit: 'dsplit', append: 'append', insert: 'insert', unique: 'unique', row_stack: 'row_stack', column_stack: 'column_stack', dstack: 'dstack',
  ndarray: 'ndarray', r_: 'r_', c_: 'c_',
  // Settings that change no number GradLens computes (it refuses where numpy would warn or give nan).
  errstate: 'inert', seterr: 'inert', printoptions: 'inert', set_printoptions: 'inert',
});

const MATH_FUNCTIONS: Record<string, IntrinsicName> = nameTable({
  exp: 'exp', expm1: 'expm1', exp2: 'exp2', log: 'log', log1p: 'log1p', log2: 'log2', log10: 'log10',
  sqrt: 'sqrt', cbrt: 'cbrt', pow: 'pow',
  sin: 'sin', cos: 'cos', tan: 'tan', asin: 'arcsin', acos: 'arccos', atan: 'arctan', atan2: 'arctan2',
  sinh: 'sinh', cosh: 'cosh', tanh: 'tanh', asinh: 'arcsinh', acosh: 'arccosh', atanh: 'arctanh',
  fabs: 'abs', floor: 'floor', ceil: 'ceil', trunc: 'trunc', hypot: 'hypot', erf: 'erf', erfc: 'erfc', fmod: 'fmod',
  gamma: 'gamma', lgamma: 'gammaln',
  degrees: 'rad2deg', radians: 'deg2rad', fsum: 'sum',
  isnan: 'isnan', isinf: 'isinf', isfinite: 'isfinite',
  factorial: 'factorial', comb: 'comb', dist: 'dist',
});

function constants(...names: string[]): Record<string, number> {
  return keyedFromEntries(names.map((n) => [n, NAMED_CONSTANTS[n]!]));
}

/** numpy's constants, with its aliases of inf and nan (Inf, PINF, NaN…) and euler_gamma. */
const NUMPY_CONSTANTS = nameTable({
  ...constants('pi', 'e', 'inf', 'nan'),
  Inf: Infinity, Infinity, PINF: Infinity, NINF: -Infinity, infty: Infinity, NaN: NaN, NAN: NaN, euler_gamma: 0.5772156649015329,
});

export const LIBRARY_MODULES: readonly LibraryModule[] = [
  { path: 'numpy', functions: NUMPY_FUNCTIONS, constants: NUMPY_CONSTANTS },
  { path: 'functools', functions: { reduce: 'reduce' }, constants: {} },
  // Only `replace` of dataclasses is a call; `@dataclass` and `field(…)` are read where a class is written.
  { path: 'dataclasses', functions: { replace: 'replace_fields' }, constants: {} },
  // Python's random module: CPython's own stream (a seeded one bit for bit), every draw a constant.
  { path: 'random', functions: nameTable({ random: 'py_random', uniform: 'py_uniform', gauss: 'py_gauss', randint: 'py_randint', choice: 'py_choice', seed: 'py_seed' }), constants: {} },
  { path: 'math', functions: MATH_FUNCTIONS, constants: constants('pi', 'e', 'tau', 'inf', 'nan') },
  // time.sleep waits and changes no number (scipy's benchmark SlowRosen); time.time() would be a number that differs every run.
  { path: 'time', functions: nameTable({ sleep: 'inert' }), constants: {} },
  // The numeric tower, for isinstance (`isinstance(T, Number) and T <= 0`); GradLens's numbers are all real.
  { path: 'numbers', functions: nameTable({ Number: 'number_type', Complex: 'number_type', Real: 'number_type', Integral: 'int' }), constants: {} },
  // jax.numpy and autograd.numpy share numpy's very tables
  ...scipyAndAliasModules(NUMPY_FUNCTIONS, NUMPY_CONSTANTS),
  ...SKLEARN_MODULES,
];

/**
 * Calls whose library meaning differs from the intrinsic's beyond some positional argument count:
 * `np.sum(x, 0)` sums along an axis, while the intrinsic's second argument is Python's `start`.
 */
export const POSITIONAL_LIMITS: Readonly<Record<string, { readonly max: number; readonly why: string }>> = nameTable({});

/** Python builtins that are intrinsics; bound as module globals so a user `def` can shadow them. */
export const BUILTIN_INTRINSICS: readonly IntrinsicName[] = [
  'abs', 'min', 'max', 'pow', 'float', 'int', 'len', 'range', 'sum', 'round', 'enumerate', 'zip', 'reversed', 'iter', 'next',
  'list', 'tuple', 'bool', 'isinstance', 'hasattr', 'str', 'repr', 'dict', 'set', 'sorted', 'map', 'filter',
];

/** Builtins bound to an intrinsic of another name: `print` does nothing GradLens can see. */
export const BUILTIN_ALIASES: Readonly<Record<string, IntrinsicName>> = { print: 'nothing', any: 'some', all: 'every' };

/**
 * Modules whose every name is harmless and changes no number: calls to them do nothing. Plotting is
 * one: PythonRobotics draws inside its controllers (`if show_animation: plt.cla()`), and a figure's
 * handle (`fig.canvas.mpl_connect(…)`) is inert in turn; arithmetic with one still fails.
 */
export const INERT_MODULES: ReadonlySet<string> = new Set(['logging', 'warnings', 'matplotlib']);

/** Builtins that read or change the world outside the function; calling one is reported. */
export const FORBIDDEN_BUILTINS: ReadonlySet<string> = new Set([
  'eval', 'exec', 'open', 'compile', '__import__', 'getattr', 'setattr', 'delattr', 'input', 'globals', 'locals',
  'vars', 'breakpoint', 'exit', 'quit',
]);

/** Imports that bind nothing GradLens needs to read and are harmless: type hints, and class decorators and bases read by name (`dataclass`, `ABC`). */
export const IGNORED_MODULES: ReadonlySet<string> = new Set(['__future__', 'typing', 'typing_extensions', 'dataclasses', 'abc']);

/** Whether `import <path>` is a module GradLens can resolve names in (possibly to "not supported"). */
export function isSupportedModule(path: string): boolean {
  const root = path.split('.')[0]!;
  return path === 'numpy' || path.startsWith('numpy.') || path === 'math' || path === 'random' || path === 'time' || path === 'numbers' || isScipyOrAliasModule(path) || isSklearnModule(path) || path === 'functools' || INERT_MODULES.has(root);
}

/** numpy's names GradLens models that `from numpy import *` leaves out (not in numpy 1.24's `__all__`). */
const NUMPY_UNSTARRED: ReadonlySet<string> = new Set(['Inf', 'Infinity', 'NAN', 'NINF', 'NaN', 'PINF', 'infty', 'float_', 'msort']);

/**
 * The names `from math import *` and `from numpy import *` bind that GradLens models, as CPython
 * binds them: every name of math; numpy's in its `__all__`, with its submodules linalg, random and
 * fft (numpy's `max`, `sum`, `round`… shadow the builtins, as they do in Python). Undefined for any
 * other module: its wildcard import stays unsupported.
 */
export function starNames(path: string): readonly string[] | undefined {
  const names = (m: LibraryModule): string[] => [...Object.keys(m.functions), ...Object.keys(m.constants)].filter((n) => !n.includes('.'));
  if (path === 'math') return names(LIBRARY_MODULES.find((m) => m.path === 'math')!);
  if (path === 'numpy') return [...names(LIBRARY_MODULES.find((m) => m.path === 'numpy')!).filter((n) => !NUMPY_UNSTARRED.has(n)), 'linalg', 'random', 'fft'];
  return undefined;
}

/** Submodules a `from numpy import linalg` (or `from scipy.stats import norm`) may bind. */
export function isSubmodule(path: string): boolean {
  return /^numpy\.(linalg|random|fft)$/.test(path) || (path.includes('.') && (isScipyOrAliasModule(path) || isSklearnModule(path)));
}

/**
 * `np.finfo(T).eps` and its siblings, as numbers: numpy's machine limits of float64 (and float32,
 * for code that asks about it). Keyed by the type as written (`float`, `np.float64`, `'float32'`).
 */
export const FINFO: Readonly<Record<'float64' | 'float32', Readonly<Record<string, number>>>> = {
  float64: { eps: 2.220446049250313e-16, tiny: 2.2250738585072014e-308, smallest_normal: 2.2250738585072014e-308, max: 1.7976931348623157e308, min: -1.7976931348623157e308, resolution: 1e-15, epsneg: 1.1102230246251565e-16 },
  float32: { eps: 1.1920928955078125e-7, tiny: 1.1754943508222875e-38, smallest_normal: 1.1754943508222875e-38, max: 3.4028234663852886e38, min: -3.4028234663852886e38, resolution: 1e-6, epsneg: 5.960464477539063e-8 },
};

export type LibraryName =
  /** `raises`: Python's math module, which raises ValueError where numpy gives nan (`math.sqrt(-1)`). */
  | { readonly kind: 'function'; readonly intrinsic: IntrinsicName; readonly path: string; readonly raises?: boolean }
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'unknown'; readonly family: string };

/** Resolves a full dotted path (`numpy.sin`, `scipy.special.expit`, `numpy.linalg.norm`). */
export function resolveLibraryName(path: string): LibraryName {
  path = canonicalLibraryPath(path);
  if (INERT_MODULES.has(path.split('.')[0]!)) return { kind: 'function', intrinsic: 'inert', path };
  let best: LibraryModule | undefined;
  for (const m of LIBRARY_MODULES) {
    if (path.startsWith(m.path + '.') && (!best || m.path.length > best.path.length)) best = m;
  }
  const family = path.split('.')[0]!;
  if (!best) return { kind: 'unknown', family };
  const name = path.slice(best.path.length + 1);
  const fn = Object.prototype.hasOwnProperty.call(best.functions, name) ? best.functions[name] : undefined;
  if (fn) return best.path === 'math' ? { kind: 'function', intrinsic: fn, path, raises: true } : { kind: 'function', intrinsic: fn, path };
  const value = Object.prototype.hasOwnProperty.call(best.constants, name) ? best.constants[name] : undefined;
  if (value !== undefined) return { kind: 'constant', value };
  return { kind: 'unknown', family };
}
