import { nameTable } from '../core/keyed';
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
  round: { minArgs: 1, maxArgs: 2, keywords: ['decimals', 'ndigits'] },
  arctan2: binary, hypot: binary, minimum: binary, maximum: binary,
  /** JavaScript's `Math.fround` (derivative 1, as a cast's) and `Math.imul` (32-bit integers: derivative 0, flagged). */
  fround: unary, imul: binary,
  /** JavaScript's `a % b`: the remainder with the dividend's sign (C's fmod), exact; ∂/∂a = 1, ∂/∂b = −(a − r)/b. */
  fmod: binary,
  /** `pow(x, y)`; Python's three-argument modular form is not supported. */
  pow: binary,

  // scipy.special's functions with a primitive of their own. `polygamma(n, x)`: n a constant integer.
  erfc: unary, erfinv: unary, erfcinv: unary, ndtr: unary, log_ndtr: unary, ndtri: unary,
  gammaln: unary, gamma: unary, digamma: unary, polygamma: binary,
  /** scipy.special.i0, i1: the modified Bessel functions of the first kind. */
  i0: unary, i1: unary,
  /** scipy.special.i0e, i1e (e^(−|x|)·I₀, I₁), j0, j1, y0, y1: Bessel functions of orders 0 and 1. */
  i0e: unary, i1e: unary, j0: unary, j1: unary, y0: unary, y1: unary,
  /** scipy.special.jn(n, x), yn(n, x): integer orders n (constants, as polygamma's). */
  jn: binary, yn: binary,
  /** scipy.special.jv(v, x), yv(v, x): real orders v (constants, never differentiated). */
  jv: binary, yv: binary,
  /** scipy.special.iv(v, x), kv(v, x): the modified Bessel functions of real orders v (constants, never differentiated). */
  iv: binary, kv: binary,

  // scipy.special, scipy.stats.norm and jax.nn sugar (engine/scipySugar.ts): compositions of primitives.
  /** `betainc(a, b, x)`: derivatives in all three (engine/array/incompleteBeta.ts). */
  betainc: { minArgs: 3, maxArgs: 3, keywords: ['a', 'b', 'x'] },
  /** `gammainc(a, x)`, `gammaincc(a, x)`: derivatives in both (engine/array/incompleteGamma.ts). */
  gammainc: { minArgs: 2, maxArgs: 2, keywords: ['a', 'x'] },
  gammaincc: { minArgs: 2, maxArgs: 2, keywords: ['a', 'x'] },
  /** `rgamma(x)` = 1/Γ(x); `multigammaln(a, d)`, d a whole number (engine/scipySugar.ts). */
  rgamma: unary, multigammaln: { minArgs: 2, maxArgs: 2, keywords: ['a', 'd'] },
  logit: unary, betaln: binary, beta: binary, loggamma: unary, xlogy: binary, xlog1py: binary, entr: unary, rel_entr: binary, kl_div: binary,
  huber: binary, pseudo_huber: binary,
  /** `logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False)`: with return_sign, (ln |Σ b·eᵃ|, its sign). */
  logsumexp: { minArgs: 1, maxArgs: 5, keywords: ['a', 'axis', 'b', 'keepdims', 'return_sign'] },
  /** `scipy.stats.gmean(a, axis=0)`: the geometric mean, exp(mean(log a)) along the axis. */
  gmean: { minArgs: 1, maxArgs: 4, keywords: ['a', 'axis', 'dtype', 'weights'] },
  /** scipy's `softmax(x, axis=None)` (over every element by default) and jax.nn's (`axis=-1`). */
  softmax: { minArgs: 1, maxArgs: 2, keywords: ['x', 'axis'] },
  log_softmax: { minArgs: 1, maxArgs: 2, keywords: ['x', 'axis'] },
  nn_softmax: { minArgs: 1, maxArgs: 2, keywords: ['x', 'axis'] },
  nn_log_softmax: { minArgs: 1, maxArgs: 2, keywords: ['x', 'axis'] },
  silu: unary,
  /** jax.nn's log_sigmoid elu celu selu leaky_relu relu6 hard_tanh soft_sign (engine/scipySugar.ts). */
  log_sigmoid: unary,
  elu: { minArgs: 1, maxArgs: 2, keywords: ['x', 'alpha'] },
  celu: { minArgs: 1, maxArgs: 2, keywords: ['x', 'alpha'] },
  selu: unary,
  leaky_relu: { minArgs: 1, maxArgs: 2, keywords: ['x', 'negative_slope'] },
  relu6: unary,
  hard_tanh: unary,
  soft_sign: unary,
  /** jax.nn.gelu(x, approximate=True): the tanh form by default, x·Φ(x) with approximate=False. */
  gelu: { minArgs: 1, maxArgs: 2, keywords: ['x', 'approximate'] },
  /** scipy.stats.t, cauchy and multivariate_normal (engine/scipyDistributions.ts). */
  t_pdf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'df', 'loc', 'scale'] },
  t_logpdf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'df', 'loc', 'scale'] },
  t_cdf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'df', 'loc', 'scale'] },
  t_sf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'df', 'loc', 'scale'] },
  cauchy_pdf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  cauchy_logpdf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  cauchy_cdf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  cauchy_sf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  cauchy_ppf: { minArgs: 1, maxArgs: 3, keywords: ['q', 'loc', 'scale'] },
  expon_pdf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  expon_logpdf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  expon_cdf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  expon_sf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  expon_ppf: { minArgs: 1, maxArgs: 3, keywords: ['q', 'loc', 'scale'] },
  gamma_pdf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'a', 'loc', 'scale'] },
  gamma_logpdf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'a', 'loc', 'scale'] },
  gamma_cdf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'a', 'loc', 'scale'] },
  gamma_sf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'a', 'loc', 'scale'] },
  chi2_pdf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'df', 'loc', 'scale'] },
  chi2_logpdf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'df', 'loc', 'scale'] },
  chi2_cdf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'df', 'loc', 'scale'] },
  chi2_sf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'df', 'loc', 'scale'] },
  beta_pdf: { minArgs: 1, maxArgs: 5, keywords: ['x', 'a', 'b', 'loc', 'scale'] },
  beta_logpdf: { minArgs: 1, maxArgs: 5, keywords: ['x', 'a', 'b', 'loc', 'scale'] },
  beta_cdf: { minArgs: 1, maxArgs: 5, keywords: ['x', 'a', 'b', 'loc', 'scale'] },
  poisson_pmf: { minArgs: 1, maxArgs: 3, keywords: ['k', 'mu', 'loc'] },
  poisson_logpmf: { minArgs: 1, maxArgs: 3, keywords: ['k', 'mu', 'loc'] },
  poisson_cdf: { minArgs: 1, maxArgs: 3, keywords: ['k', 'mu', 'loc'] },
  poisson_sf: { minArgs: 1, maxArgs: 3, keywords: ['k', 'mu', 'loc'] },
  mvn_pdf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'mean', 'cov', 'allow_singular'] },
  mvn_logpdf: { minArgs: 1, maxArgs: 4, keywords: ['x', 'mean', 'cov', 'allow_singular'] },
  mvn_entropy: { minArgs: 0, maxArgs: 3, keywords: ['mean', 'cov', 'allow_singular'] },
  dirichlet_pdf: { minArgs: 2, maxArgs: 2, keywords: ['x', 'alpha'] },
  dirichlet_logpdf: { minArgs: 2, maxArgs: 2, keywords: ['x', 'alpha'] },
  /** scipy.stats.norm.pdf(x, loc=0, scale=1) and the rest. */
  norm_pdf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  norm_isf: { minArgs: 1, maxArgs: 3, keywords: ['q', 'loc', 'scale'] },
  norm_logpdf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  norm_cdf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  norm_logcdf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  norm_sf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  norm_logsf: { minArgs: 1, maxArgs: 3, keywords: ['x', 'loc', 'scale'] },
  norm_ppf: { minArgs: 1, maxArgs: 3, keywords: ['q', 'loc', 'scale'] },

  // scikit-learn's dense helpers (engine/sklearnSugar.ts): sugar over numpy's operations.
  /** `safe_sparse_dot(a, b, dense_output=False)`: `a @ b`, or `np.dot(a, b)` above two axes. */
  safe_sparse_dot: { minArgs: 2, maxArgs: 3, keywords: ['a', 'b', 'dense_output'] },
  /** `squared_norm(x)`: the sum of the squares of every element. */
  squared_norm: { minArgs: 1, maxArgs: 1, keywords: ['x'] },
  /** `row_norms(X, squared=False)`: each row's Euclidean norm (or its square) of a 2-D X. */
  row_norms: { minArgs: 1, maxArgs: 2, keywords: ['X', 'squared'] },
  /** `log_logistic(X, out=None)`: log σ(x) elementwise (out= refused). */
  log_logistic: { minArgs: 1, maxArgs: 2, keywords: ['X', 'out'] },
  /** sklearn.utils.extmath's `softmax(X, copy=True)`: along axis 1 of a 2-D X; copy=False overwrites X. */
  extmath_softmax: { minArgs: 1, maxArgs: 2, keywords: ['X', 'copy'] },
  /** `axis0_safe_slice(X, mask, len_mask)`: `X[mask, :]`, or an empty (0, n) array when len_mask is 0. */
  axis0_safe_slice: { minArgs: 3, maxArgs: 3, keywords: ['X', 'mask', 'len_mask'] },

  // Sugar: expanded into primitives by the engine, never given rules of their own.
  square: unary, reciprocal: unary, negative: unary, exp2: unary,
  sigmoid: unary, softplus: unary, relu: unary, logaddexp: binary,
  deg2rad: unary, rad2deg: unary,
  add: binary, subtract: binary, multiply: binary, divide: binary, mod: binary, floor_divide: binary,

  // Builtins (Python's, and their JavaScript counterparts).
  /** `min(a, b, …)` or `min(iterable)`. */
  min: { minArgs: 1, maxArgs: Infinity, keywords: ['key', 'default'] },
  max: { minArgs: 1, maxArgs: Infinity, keywords: ['key', 'default'] },
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
  /** Python's `iter(xs)`: a one-shot iterator over what `xs` holds (a generator function returns one of its yields). */
  iter: unary,
  /** `next(it)`, `next(it, default)`: the iterator's next item; past its end the default, else StopIteration. */
  next: { minArgs: 1, maxArgs: 2 },
  list: { minArgs: 0, maxArgs: 1 },
  tuple: { minArgs: 0, maxArgs: 1 },
  /** `isinstance(value, cls)`: user classes, exception types, and float/int/bool/str/list/tuple/dict/set/np.ndarray (or a tuple of these). */
  isinstance: binary,
  /** `hasattr(obj, 'name')`: an object's own field or its class's member; for other values, true when GradLens reads the attribute. */
  hasattr: binary,
  /**
   * Both values are instances of the very same class (Python's `a.__class__ is b.__class__`): what a
   * synthesized `@dataclass` `__eq__` asks before it compares fields. No language spells it.
   */
  same_class: binary,
  /**
   * `object.__setattr__(obj, name, value)`: stores an attribute of an instance past its class's hooks
   * (setters, a frozen class's refusal): how a frozen dataclass's `__init__` sets its fields.
   */
  object_setattr: { minArgs: 3, maxArgs: 3 },
  /** `math.factorial(n)`, `math.comb(n, k)`: exact Python ints of integer constants (never differentiated). */
  factorial: unary,
  comb: binary,
  /** `dataclasses.replace(obj, **changes)`: `obj.__replace__(**changes)` (a dataclass writes that method, lowerDataclass.ts). */
  replace_fields: { minArgs: 1, maxArgs: 1, keywords: ['*'] },
  /** `math.dist(p, q)`: the Euclidean distance between two points given as sequences of one length. */
  dist: binary,
  isnan: unary,
  isinf: unary,
  isfinite: unary,
  /** numpy's logical ufuncs: the truth of each element, combined; booleans, never differentiated. */
  logical_and: binary,
  logical_or: binary,
  logical_xor: binary,
  logical_not: unary,
  /** numpy's comparison ufuncs (`np.greater(x, 0)`): the operators' comparisons, elementwise; booleans, never differentiated. */
  greater: binary,
  greater_equal: binary,
  less: binary,
  less_equal: binary,
  equal: binary,
  not_equal: binary,
  /** Containers, strings and callbacks (Python's builtins; JavaScript's array methods). */
  str: { minArgs: 0, maxArgs: 1 },
  repr: unary,
  dict: { minArgs: 0, maxArgs: 1, keywords: ['*'] },
  set: { minArgs: 0, maxArgs: 1 },
  sorted: { minArgs: 1, maxArgs: 1, keywords: ['key', 'reverse'] },
  map: { minArgs: 2, maxArgs: Infinity },
  filter: binary,
  /** Python's builtin `any`/`all` (numpy's are `any`/`all`): the truth of each element of an iterable. */
  some: unary,
  every: unary,
  reduce: { minArgs: 2, maxArgs: 3 },
  /**
   * A harmless library object (`print`, `logging.*`, `warnings.warn`, `np.errstate`): calling it,
   * reading its attributes or entering it with `with` does nothing. Arithmetic with it fails.
   */
  inert: { minArgs: 0, maxArgs: Infinity, keywords: ['*'] },
  /** autograd's and jax's `grad(f)` and the like: a value refused where it is called (GradLens differentiates f itself). */
  transformed: { minArgs: 1, maxArgs: Infinity, keywords: ['*'] },
  /**
   * A library module used as a value (`self.dbn = scipy.stats.norm`, then `self.dbn.ppf(p)`): its name,
   * and each of its functions as a keyword, the attributes of the module value it makes.
   */
  namespace: { minArgs: 1, maxArgs: 1, keywords: ['*'] },
  /** `print(...)`: does nothing GradLens can see and gives None, as Python's does (`print(x) is None`). */
  nothing: { minArgs: 0, maxArgs: Infinity, keywords: ['*'] },
  /** `np.ndarray`, for isinstance; calling it is refused. */
  ndarray: { minArgs: 0, maxArgs: Infinity },
  /** `numbers.Number` (and Real, Complex), for isinstance: a number or a bool, not an array; calling it is refused. */
  number_type: { minArgs: 0, maxArgs: Infinity },

  // Sequences with callbacks (JavaScript's array methods, by their meaning). A callback is called with
  // (element, index, sequence) cut to the parameters it declares, as JavaScript calls it; a library
  // function of one argument gets the element. Methods that mutate (`fill`, `reverse`, `sort`) change
  // the list in place and return it.
  seq_map: binary, seq_filter: binary, seq_for_each: binary, seq_some: binary, seq_every: binary,
  seq_find: binary, seq_find_index: binary, seq_find_last: binary, seq_find_last_index: binary,
  seq_flat_map: binary,
  /** `reduce(xs, f, initial?)`; the callback gets (accumulator, element, index, sequence). */
  seq_reduce: { minArgs: 2, maxArgs: 3 }, seq_reduce_right: { minArgs: 2, maxArgs: 3 },
  /** `fill(xs, value, start?, end?)`, negative positions counted from the end. */
  seq_fill: { minArgs: 2, maxArgs: 4 },
  /** `slice(xs, start?, end?)`: a copy (of a string: the substring). */
  seq_slice: { minArgs: 1, maxArgs: 3 },
  /** `concat(xs, …more)`: list arguments are spread one level, anything else appended. */
  seq_concat: { minArgs: 1, maxArgs: Infinity },
  /** `indexOf` compares with ===; `includes` also finds NaN (SameValueZero). Primal values only. */
  seq_index_of: { minArgs: 2, maxArgs: 3 }, seq_last_index_of: binary, seq_includes: { minArgs: 2, maxArgs: 3 },
  seq_reverse: unary,
  /** `sort(xs, compare?)`: stable; without a comparator elements are ordered as strings, as JavaScript does. */
  seq_sort: { minArgs: 1, maxArgs: 2 },
  /**
   * `at(xs, i)`: JavaScript's `xs.at(i)`, i truncated and counted from the end when negative; out of
   * range, undefined. Like the other methods, an object of the user's own that defines `at` has it called.
   */
  seq_at: { minArgs: 1, maxArgs: Infinity },
  /** `join(xs, separator?)`: a string. */
  seq_join: { minArgs: 1, maxArgs: 2 },
  /** `entries(xs)`: `[index, element]` pairs; `keys(xs)`: the indices. */
  seq_entries: unary, seq_keys: unary,
  /** The keys a `for … in` loop walks: a list's indices as strings ("0", "1", …), which index it. */
  for_in_keys: unary,
  /** `Array(n)`/`new Array(n)`: n empty slots (undefined until filled). */
  seq_empty: unary,
  /** `Array.from({length: n}, f)`: f(undefined, i) for each i; without f, n undefined slots. */
  seq_from_length: { minArgs: 1, maxArgs: 2 },
  /** `Array.from(xs, f?)`: a copy of an iterable, mapped through f(element, index). */
  seq_from: { minArgs: 1, maxArgs: 2 },
  is_list: unary,
  /**
   * `new Float64Array(n | xs)`: n zeros, or a copy of a list whose every store converts to the
   * element type (Float32Array rounds through fround; the integer arrays truncate and wrap).
   */
  float64_array: { minArgs: 0, maxArgs: 1 }, float32_array: { minArgs: 0, maxArgs: 1 },
  int8_array: { minArgs: 0, maxArgs: 1 }, uint8_array: { minArgs: 0, maxArgs: 1 }, int16_array: { minArgs: 0, maxArgs: 1 },
  uint16_array: { minArgs: 0, maxArgs: 1 }, int32_array: { minArgs: 0, maxArgs: 1 }, uint32_array: { minArgs: 0, maxArgs: 1 },
  /** `xs.subarray(begin?, end?)`: a typed array over the same elements (a write through either is seen by both). */
  typed_subarray: { minArgs: 1, maxArgs: Infinity },
  /** `xs.set(source, offset?)`: source's elements stored into xs from offset on, converted to its element type. */
  typed_set: { minArgs: 1, maxArgs: Infinity },
  /** `Array` as a value (`ARRAY_TYPE = Array`): called with one number, that many empty slots; else its arguments. */
  js_array: { minArgs: 0, maxArgs: Infinity },
  /** `new E(…)` of a value E: a class, a typed array's constructor or `js_array`; anything else refused. */
  construct: { minArgs: 1, maxArgs: Infinity },

  // JavaScript values that are not numbers.
  /** `o.length`: an array's or a string's length; of anything else its property `length` (a plain object has none: undefined). */
  length_of: unary,
  /** `typeof v`: 'number', 'string', 'boolean', 'undefined', 'object' or 'function'. */
  type_of: unary,
  /** `Number.isInteger(x)` of the primal value. */
  is_integer: unary,
  /** `Number(v)`, `parseFloat(v)`, `parseInt(v, radix?)`: text converted as JavaScript converts it; a number passes through (parseInt refuses one that depends on the parameters). */
  js_number: { minArgs: 0, maxArgs: 1 }, parse_float: unary, parse_int: { minArgs: 1, maxArgs: 2 },
  /** `key in object` (JavaScript): an object's own key, an array's index or `length`, an instance's field or member. */
  js_in: binary,
  /** `Object.create(C.prototype)`: an instance of the class C whose constructor is not run. */
  js_object_create: unary,
  /** `object_rest(o, 'x', 'y')`: `...rest` of `const { x, y, ...rest } = o`, the other entries. */
  object_rest: { minArgs: 1, maxArgs: Infinity },
  /** `Object.assign(target, …sources)`: each source's own entries set on target in order (its setters run), target returned. */
  object_assign: { minArgs: 1, maxArgs: Infinity },
  /**
   * `js_member(method, getter, setter)`: an object literal's member that uses its object (`m() { this.x }`,
   * `get x() {…}`, `set x(v) {…}`), each function taking that object as its first parameter `this`;
   * the others None.
   */
  js_member: { minArgs: 3, maxArgs: 3 },
  /** One uniform draw on [0, 1) from GradLens's seeded generator (`Math.random()`): seeded 0 per run, not the browser's numbers. */
  random_scalar: { minArgs: 0, maxArgs: 0 },

  // numpy arrays. Reductions are `reduce_sum`/`reduce_max`/`reduce_min` because the builtins `sum`,
  // `max` and `min` mean something else (`sum(xs, start)`, `max(a, b)`).
  array: { minArgs: 1, maxArgs: 3, keywords: ['object', 'dtype', 'copy'] },
  asarray: { minArgs: 1, maxArgs: 2, keywords: ['a', 'dtype'] },
  /** `np.copyto(dst, src, casting=, where=)`: src written into dst (a new version of dst, as `dst[...] = src`). */
  copyto: { minArgs: 2, maxArgs: 2, keywords: ['casting', 'where'] },
  /** numpy < 2's `np.asfarray(a, dtype=float64)`: `np.asarray(a)` as floats. */
  asfarray: { minArgs: 1, maxArgs: 2, keywords: ['a', 'dtype'] },
  zeros: { minArgs: 1, maxArgs: 2, keywords: ['dtype'] },
  ones: { minArgs: 1, maxArgs: 2, keywords: ['dtype'] },
  empty: { minArgs: 1, maxArgs: 2, keywords: ['dtype'] },
  full: { minArgs: 2, maxArgs: 3, keywords: ['dtype'] },
  zeros_like: { minArgs: 1, maxArgs: 2, keywords: ['dtype'] },
  ones_like: { minArgs: 1, maxArgs: 2, keywords: ['dtype'] },
  empty_like: { minArgs: 1, maxArgs: 2, keywords: ['dtype'] },
  full_like: { minArgs: 2, maxArgs: 3, keywords: ['dtype'] },
  eye: { minArgs: 1, maxArgs: 2, keywords: ['M'] },
  identity: unary,
  arange: { minArgs: 1, maxArgs: 4, keywords: ['start', 'stop', 'step', 'dtype'] },
  linspace: { minArgs: 2, maxArgs: 7, keywords: ['start', 'stop', 'num', 'endpoint', 'retstep', 'dtype', 'axis'] },
  /** numpy's global RandomState (its legacy stream, bit for bit once seeded): `np.random.rand`, `randn`, `uniform`, `normal`, `seed`… */
  random_rand: { minArgs: 0, maxArgs: Infinity },
  random_randn: { minArgs: 0, maxArgs: Infinity },
  random_sample: { minArgs: 0, maxArgs: 1, keywords: ['size'] },
  random_standard_normal: { minArgs: 0, maxArgs: 1, keywords: ['size'] },
  random_uniform: { minArgs: 0, maxArgs: 3, keywords: ['low', 'high', 'size'] },
  random_normal: { minArgs: 0, maxArgs: 3, keywords: ['loc', 'scale', 'size'] },
  random_randint: { minArgs: 1, maxArgs: 3, keywords: ['low', 'high', 'size'] },
  random_choice: { minArgs: 1, maxArgs: 4, keywords: ['a', 'size', 'replace', 'p'] },
  random_permutation: { minArgs: 1, maxArgs: 1, keywords: ['x'] },
  random_seed: { minArgs: 0, maxArgs: 1, keywords: ['seed'] },
  /** Python's `random` module (CPython's stream, bit for bit once seeded): random(), uniform(a, b), gauss(mu, sigma), randint(a, b), choice(seq), seed(a). */
  py_random: { minArgs: 0, maxArgs: 0 },
  py_uniform: { minArgs: 2, maxArgs: 2, keywords: ['a', 'b'] },
  py_gauss: { minArgs: 0, maxArgs: 2, keywords: ['mu', 'sigma'] },
  py_randint: { minArgs: 2, maxArgs: 2, keywords: ['a', 'b'] },
  py_choice: { minArgs: 1, maxArgs: 1, keywords: ['seq'] },
  py_seed: { minArgs: 0, maxArgs: 1, keywords: ['a'] },
  /** `np.random.RandomState(seed)`: numpy's legacy generator (MT19937), its own stream. */
  random_state: { minArgs: 0, maxArgs: 1, keywords: ['seed'] },
  /** `np.random.default_rng(seed)`: GradLens's own seeded generator (numpy's PCG64 is not reproduced). */
  default_rng: { minArgs: 0, maxArgs: 1, keywords: ['seed'] },
  reduce_sum: { minArgs: 1, maxArgs: 7, keywords: ['axis', 'dtype', 'out', 'keepdims', 'initial', 'where'] },
  mean: { minArgs: 1, maxArgs: 6, keywords: ['axis', 'dtype', 'out', 'keepdims', 'where'] },
  average: { minArgs: 1, maxArgs: 5, keywords: ['axis', 'weights', 'returned', 'keepdims'] },
  prod: { minArgs: 1, maxArgs: 7, keywords: ['axis', 'dtype', 'out', 'keepdims', 'initial', 'where'] },
  reduce_max: { minArgs: 1, maxArgs: 6, keywords: ['axis', 'out', 'keepdims', 'initial', 'where'] },
  reduce_min: { minArgs: 1, maxArgs: 6, keywords: ['axis', 'out', 'keepdims', 'initial', 'where'] },
  argmax: { minArgs: 1, maxArgs: 2, keywords: ['axis'] },
  argmin: { minArgs: 1, maxArgs: 2, keywords: ['axis'] },
  unravel_index: { minArgs: 2, maxArgs: 3, keywords: ['shape', 'order'] },
  flatnonzero: { minArgs: 1, maxArgs: 1, keywords: ['a'] },
  nonzero: { minArgs: 1, maxArgs: 1, keywords: ['a'] },
  argwhere: { minArgs: 1, maxArgs: 1, keywords: ['a'] },
  /** `np.fill_diagonal(a, val)`: val written on a's diagonal in place (a new version of a). */
  fill_diagonal: { minArgs: 2, maxArgs: 3, keywords: ['val', 'wrap'] },
  /** `np.linalg.norm(x, ord=None, axis=None, keepdims=False)`: every vector ord; matrix 'fro', 'nuc', ±1, ±2, ±inf. */
  norm: { minArgs: 1, maxArgs: 4, keywords: ['ord', 'axis', 'keepdims'] },
  /** `np.linalg.solve/inv/det/slogdet` of a square 2-D matrix (LU with partial pivoting). */
  solve: binary,
  inv: unary,
  det: unary,
  slogdet: unary,
  /** numpy.linalg's decompositions (engine/array/decompositions.ts), with first and second derivatives. */
  cholesky: { minArgs: 1, maxArgs: 2, keywords: ['a', 'upper'] },
  eigh: { minArgs: 1, maxArgs: 2, keywords: ['a', 'UPLO'] },
  /** np.linalg.matrix_power(a, n), n a constant integer (engine/array/matrixPower.ts). */
  matrix_power: { minArgs: 2, maxArgs: 2, keywords: ['a', 'n'] },
  /** scipy.linalg.expm(A) and block_diag(*arrs), composed of matrix products, solves and concatenation (engine/array/matrixExponential.ts). */
  expm: { minArgs: 1, maxArgs: 1, keywords: ['A'] },
  block_diag: { minArgs: 1, maxArgs: Infinity },
  /** scipy.linalg.sqrtm of a symmetric positive definite matrix (engine/array/matrixSqrt.ts). */
  sqrtm: { minArgs: 1, maxArgs: 3, keywords: ['A', 'disp', 'blocksize'] },
  /** scipy.linalg's Cholesky factor and triangular solves, composed of numpy's (engine/array/choleskySolves.ts). */
  scipy_cholesky: { minArgs: 1, maxArgs: 4, keywords: ['a', 'lower', 'overwrite_a', 'check_finite'] },
  cho_factor: { minArgs: 1, maxArgs: 4, keywords: ['a', 'lower', 'overwrite_a', 'check_finite'] },
  cho_solve: { minArgs: 2, maxArgs: 4, keywords: ['c_and_lower', 'b', 'overwrite_b', 'check_finite'] },
  solve_triangular: { minArgs: 2, maxArgs: 8, keywords: ['a', 'b', 'trans', 'lower', 'unit_diagonal', 'overwrite_b', 'debug', 'check_finite'] },
  eigvalsh: { minArgs: 1, maxArgs: 2, keywords: ['a', 'UPLO'] },
  /** General (nonsymmetric) matrices, LAPACK's order; real spectra only (engine/array/nonsymmetricEigen.ts). */
  eig: { minArgs: 1, maxArgs: 1, keywords: ['a'] },
  eigvals: { minArgs: 1, maxArgs: 1, keywords: ['a'] },
  matrix_rank: { minArgs: 1, maxArgs: 3, keywords: ['A', 'tol', 'hermitian'] },
  svd: { minArgs: 1, maxArgs: 4, keywords: ['a', 'full_matrices', 'compute_uv', 'hermitian'] },
  qr: { minArgs: 1, maxArgs: 2, keywords: ['a', 'mode'] },
  /** Composed of qr and solve (engine/array/leastSquares.ts); refused at a rank-deficient matrix. */
  pinv: { minArgs: 1, maxArgs: 3, keywords: ['a', 'rcond', 'hermitian'] },
  lstsq: { minArgs: 2, maxArgs: 3, keywords: ['a', 'b', 'rcond'] },
  matmul: binary,
  dot: binary,
  inner: binary,
  /** Both operands flattened, then one dot (real numbers: no conjugation). */
  vdot: binary,
  outer: binary,
  trace: { minArgs: 1, maxArgs: 6, keywords: ['offset', 'axis1', 'axis2', 'dtype', 'out'] },
  diag: { minArgs: 1, maxArgs: 2, keywords: ['k'] },
  diagflat: { minArgs: 1, maxArgs: 2, keywords: ['k'] },
  transpose: { minArgs: 1, maxArgs: 2, keywords: ['axes'] },
  reshape: { minArgs: 2, maxArgs: 2 },
  ravel: unary,
  concatenate: { minArgs: 1, maxArgs: 2, keywords: ['axis'] },
  stack: { minArgs: 1, maxArgs: 2, keywords: ['axis'] },
  hstack: unary,
  vstack: unary,
  row_stack: unary,
  column_stack: unary,
  dstack: unary,
  copy: unary,
  /** `np.add.at(a, indices, b)`: b added into a's selected entries in place, a repeated index adding each time; None. */
  add_at: { minArgs: 3, maxArgs: 3 },
  clip: { minArgs: 1, maxArgs: 3, keywords: ['a_min', 'a_max'] },
  where: { minArgs: 3, maxArgs: 3 },
  shape: unary,
  size: unary,
  ndim: unary,
  any: { minArgs: 1, maxArgs: 5, keywords: ['axis', 'out', 'keepdims', 'where'] },
  all: { minArgs: 1, maxArgs: 5, keywords: ['axis', 'out', 'keepdims', 'where'] },
  count_nonzero: { minArgs: 1, maxArgs: 3, keywords: ['axis', 'keepdims'] },
  squeeze: { minArgs: 1, maxArgs: 2, keywords: ['axis'] },
  expand_dims: { minArgs: 1, maxArgs: 2, keywords: ['axis'] },
  flip: { minArgs: 1, maxArgs: 2, keywords: ['axis'] },
  flipud: unary,
  fliplr: unary,
  rot90: { minArgs: 1, maxArgs: 3, keywords: ['k', 'axes'] },
  roll: { minArgs: 2, maxArgs: 3, keywords: ['shift', 'axis'] },
  repeat: { minArgs: 2, maxArgs: 3, keywords: ['repeats', 'axis'] },
  tile: { minArgs: 2, maxArgs: 2, keywords: ['reps'] },
  pad: { minArgs: 2, maxArgs: 4, keywords: ['pad_width', 'mode', 'constant_values'] },
  tril: { minArgs: 1, maxArgs: 2, keywords: ['k'] },
  triu: { minArgs: 1, maxArgs: 2, keywords: ['k'] },
  diagonal: { minArgs: 1, maxArgs: 4, keywords: ['offset', 'axis1', 'axis2'] },
  moveaxis: { minArgs: 3, maxArgs: 3, keywords: ['source', 'destination'] },
  swapaxes: { minArgs: 3, maxArgs: 3, keywords: ['axis1', 'axis2'] },
  rollaxis: { minArgs: 2, maxArgs: 3, keywords: ['axis', 'start'] },
  atleast_1d: { minArgs: 1, maxArgs: Infinity },
  atleast_2d: { minArgs: 1, maxArgs: Infinity },
  atleast_3d: { minArgs: 1, maxArgs: Infinity },
  split: { minArgs: 2, maxArgs: 3, keywords: ['indices_or_sections', 'axis'] },
  array_split: { minArgs: 2, maxArgs: 3, keywords: ['indices_or_sections', 'axis'] },
  hsplit: { minArgs: 2, maxArgs: 2, keywords: ['indices_or_sections'] },
  vsplit: { minArgs: 2, maxArgs: 2, keywords: ['indices_or_sections'] },
  dsplit: { minArgs: 2, maxArgs: 2, keywords: ['indices_or_sections'] },
  append: { minArgs: 2, maxArgs: 3, keywords: ['values', 'axis'] },
  /** np.insert at one index (engine/array/insert.ts). */
  insert: { minArgs: 3, maxArgs: 4, keywords: ['arr', 'obj', 'values', 'axis'] },
  /** np.unique(ar): sorted distinct entries (engine/array/insert.ts). */
  unique: { minArgs: 1, maxArgs: 6, keywords: ['ar', 'return_index', 'return_inverse', 'return_counts', 'axis', 'equal_nan'] },
  var: { minArgs: 1, maxArgs: 7, keywords: ['axis', 'dtype', 'out', 'ddof', 'keepdims', 'where'] },
  std: { minArgs: 1, maxArgs: 7, keywords: ['axis', 'dtype', 'out', 'ddof', 'keepdims', 'where'] },
  median: { minArgs: 1, maxArgs: 5, keywords: ['axis', 'out', 'overwrite_input', 'keepdims'] },
  percentile: { minArgs: 2, maxArgs: 8, keywords: ['q', 'axis', 'out', 'overwrite_input', 'method', 'keepdims', 'interpolation'] },
  quantile: { minArgs: 2, maxArgs: 8, keywords: ['q', 'axis', 'out', 'overwrite_input', 'method', 'keepdims', 'interpolation'] },
  sort: { minArgs: 1, maxArgs: 4, keywords: ['axis', 'kind', 'order'] },
  argsort: { minArgs: 1, maxArgs: 4, keywords: ['axis', 'kind', 'order'] },
  msort: unary,
  partition: { minArgs: 2, maxArgs: 5, keywords: ['kth', 'axis', 'kind', 'order'] },
  argpartition: { minArgs: 2, maxArgs: 5, keywords: ['kth', 'axis', 'kind', 'order'] },
  cumsum: { minArgs: 1, maxArgs: 4, keywords: ['axis', 'dtype', 'out'] },
  cumprod: { minArgs: 1, maxArgs: 4, keywords: ['axis', 'dtype', 'out'] },
  diff: { minArgs: 1, maxArgs: 5, keywords: ['n', 'axis', 'prepend', 'append'] },
  ediff1d: { minArgs: 1, maxArgs: 3, keywords: ['to_end', 'to_begin'] },
  /** Spacings (numbers) or coordinates (1-D arrays) per axis, edge_order 1 or 2. */
  gradient: { minArgs: 1, maxArgs: Infinity, keywords: ['axis', 'edge_order'] },
  /** Explicit and implicit output, `...`, repeated indices; pairs contracted by the kernels of `@`. */
  einsum: { minArgs: 1, maxArgs: Infinity, keywords: ['optimize', 'out', 'dtype', 'order', 'casting'] },
  tensordot: { minArgs: 2, maxArgs: 3, keywords: ['axes'] },
  kron: binary,
  cross: { minArgs: 2, maxArgs: 6, keywords: ['axisa', 'axisb', 'axisc', 'axis'] },
  logspace: { minArgs: 2, maxArgs: 7, keywords: ['num', 'endpoint', 'base', 'dtype', 'axis'] },
  geomspace: { minArgs: 2, maxArgs: 6, keywords: ['num', 'endpoint', 'dtype', 'axis'] },
  fmax: binary,
  fmin: binary,
  logaddexp2: binary,
  sinc: unary,
  /** Complex parts of real numbers (engine/array/complexParts.ts): GradLens has no complex numbers. */
  real: { minArgs: 1, maxArgs: 1, keywords: ['val'] },
  imag: { minArgs: 1, maxArgs: 1, keywords: ['val'] },
  conj: { minArgs: 1, maxArgs: 1, keywords: ['x'] },
  angle: { minArgs: 1, maxArgs: 2, keywords: ['z', 'deg'] },
  nan_to_num: { minArgs: 1, maxArgs: 5, keywords: ['copy', 'nan', 'posinf', 'neginf'] },
  select: { minArgs: 2, maxArgs: 3, keywords: ['default'] },
  piecewise: { minArgs: 3, maxArgs: Infinity },
  interp: { minArgs: 3, maxArgs: 6, keywords: ['left', 'right', 'period'] },
  polyval: binary,
  convolve: { minArgs: 2, maxArgs: 3, keywords: ['mode'] },
  /** scipy.signal.convolve and fftconvolve of 1-D arrays (engine/array/numericFunctions.ts). */
  signal_convolve: { minArgs: 2, maxArgs: 4, keywords: ['in1', 'in2', 'mode', 'method'] },
  signal_fftconvolve: { minArgs: 2, maxArgs: 4, keywords: ['in1', 'in2', 'mode', 'axes'] },
  /** `np.r_[…]`, `np.c_[…]`: indexed, not called (engine/array/concatenators.ts); calling them is refused. */
  r_: { minArgs: 0, maxArgs: Infinity },
  c_: { minArgs: 0, maxArgs: Infinity },
  /** numpy's scalar types called as casts: np.float64(x), np.int64(x) (truncates), np.float32 (refused). */
  float64: { minArgs: 0, maxArgs: 1 },
  int64: { minArgs: 0, maxArgs: 1 },
  float32: { minArgs: 0, maxArgs: 1 },
} as const satisfies Record<string, IntrinsicSignature>;

export type IntrinsicName = keyof typeof INTRINSICS;

export function isIntrinsicName(name: string): name is IntrinsicName {
  return Object.prototype.hasOwnProperty.call(INTRINSICS, name);
}

/** Numeric constants a front end may inline (`np.pi`, `math.e`, `Math.PI`, `π`). */
export const NAMED_CONSTANTS: Readonly<Record<string, number>> = nameTable({
  pi: Math.PI,
  e: Math.E,
  tau: 2 * Math.PI,
  inf: Infinity,
  nan: NaN,
});
