import { keyedFromEntries, nameTable } from '../../core/keyed';
import type { IntrinsicName } from '../../ir/intrinsics';
import type { LibraryModule } from './libraryNames';

/**
 * scipy.special, scipy.stats.norm and the libraries that re-export the same math under other names:
 * autograd.numpy and jax.numpy (numpy's table), autograd.scipy and jax.scipy (subsets of scipy's),
 * jax.nn. Each spelling maps to the intrinsic of the same math; a name a library does not have is
 * left out of its table, so it is reported as unsupported rather than quietly accepted.
 */

const SCIPY_SPECIAL = nameTable<IntrinsicName>({
  expit: 'sigmoid', logit: 'logit', erf: 'erf', erfc: 'erfc', erfinv: 'erfinv', erfcinv: 'erfcinv',
  ndtr: 'ndtr', log_ndtr: 'log_ndtr', ndtri: 'ndtri',
  gamma: 'gamma', gammaln: 'gammaln', digamma: 'digamma', psi: 'digamma', polygamma: 'polygamma', betaln: 'betaln', beta: 'beta', loggamma: 'loggamma', betainc: 'betainc', gammainc: 'gammainc', gammaincc: 'gammaincc', rgamma: 'rgamma', multigammaln: 'multigammaln', i0: 'i0', i1: 'i1',
  i0e: 'i0e', i1e: 'i1e', j0: 'j0', j1: 'j1', y0: 'y0', y1: 'y1', jn: 'jn', yn: 'yn', jv: 'jv', yv: 'yv', iv: 'iv', kv: 'kv',
  xlogy: 'xlogy', xlog1py: 'xlog1py', entr: 'entr', rel_entr: 'rel_entr', kl_div: 'kl_div', huber: 'huber', pseudo_huber: 'pseudo_huber',
  logsumexp: 'logsumexp', softmax: 'softmax', log_softmax: 'log_softmax',
});

function only(table: Readonly<Record<string, IntrinsicName>>, names: readonly string[]): Readonly<Record<string, IntrinsicName>> {
  return keyedFromEntries(names.map((n) => [n, table[n]!] as const));
}

/** jax.scipy.special has these of scipy's. */
const JAX_SCIPY_SPECIAL = only(SCIPY_SPECIAL, [
  'expit', 'logit', 'erf', 'erfc', 'erfinv', 'ndtr', 'log_ndtr', 'ndtri', 'gamma', 'gammaln', 'digamma', 'polygamma', 'betaln', 'betainc', 'gammainc', 'gammaincc', 'multigammaln', 'i0', 'i1', 'i0e', 'i1e',
  'xlogy', 'xlog1py', 'entr', 'rel_entr', 'kl_div', 'logsumexp', 'softmax', 'log_softmax',
]);

/** autograd.scipy.special has these. */
const AUTOGRAD_SCIPY_SPECIAL = only(SCIPY_SPECIAL, [
  'expit', 'logit', 'erf', 'erfc', 'erfinv', 'erfcinv', 'gamma', 'gammaln', 'digamma', 'psi', 'polygamma', 'multigammaln', 'betaln', 'betainc', 'gammainc', 'gammaincc', 'logsumexp',
  'i0', 'i1', 'j0', 'j1', 'y0', 'y1', 'jn', 'yn',
]);

/** `norm.pdf(x, loc=0, scale=1)`, …: scipy.stats.norm's methods. */
const NORM = nameTable<IntrinsicName>({
  pdf: 'norm_pdf', logpdf: 'norm_logpdf', cdf: 'norm_cdf', logcdf: 'norm_logcdf', sf: 'norm_sf', logsf: 'norm_logsf', ppf: 'norm_ppf', isf: 'norm_isf',
});

const AUTOGRAD_NORM = only(NORM, ['pdf', 'logpdf', 'cdf', 'logcdf', 'sf', 'logsf', 'ppf', 'isf']);

/** scipy.linalg: what it has beyond numpy.linalg that GradLens models. */
const SCIPY_LINALG = nameTable<IntrinsicName>({
  sqrtm: 'sqrtm', cholesky: 'scipy_cholesky', cho_factor: 'cho_factor', cho_solve: 'cho_solve', solve_triangular: 'solve_triangular', expm: 'expm', block_diag: 'block_diag',
});
/** scipy.signal: its convolutions of 1-D arrays. */
const SCIPY_SIGNAL = nameTable<IntrinsicName>({ convolve: 'signal_convolve', fftconvolve: 'signal_fftconvolve' });

/** scipy.stats.t, cauchy and multivariate_normal: the methods GradLens has (real code calls logpdf most). */
const T = nameTable<IntrinsicName>({ pdf: 't_pdf', logpdf: 't_logpdf', cdf: 't_cdf', sf: 't_sf' });
const CAUCHY = nameTable<IntrinsicName>({ pdf: 'cauchy_pdf', logpdf: 'cauchy_logpdf', cdf: 'cauchy_cdf', sf: 'cauchy_sf', ppf: 'cauchy_ppf' });
const MULTIVARIATE_NORMAL = nameTable<IntrinsicName>({ pdf: 'mvn_pdf', logpdf: 'mvn_logpdf', entropy: 'mvn_entropy' });
/** jax's and autograd's multivariate_normal have the densities only. */
const MULTIVARIATE_NORMAL_DENSITIES = only(MULTIVARIATE_NORMAL, ['pdf', 'logpdf']);
const DIRICHLET = nameTable<IntrinsicName>({ pdf: 'dirichlet_pdf', logpdf: 'dirichlet_logpdf' });
const EXPON = nameTable<IntrinsicName>({ pdf: 'expon_pdf', logpdf: 'expon_logpdf', cdf: 'expon_cdf', sf: 'expon_sf', ppf: 'expon_ppf' });
const GAMMA = nameTable<IntrinsicName>({ pdf: 'gamma_pdf', logpdf: 'gamma_logpdf', cdf: 'gamma_cdf', sf: 'gamma_sf' });
const CHI2 = nameTable<IntrinsicName>({ pdf: 'chi2_pdf', logpdf: 'chi2_logpdf', cdf: 'chi2_cdf', sf: 'chi2_sf' });
const BETA = nameTable<IntrinsicName>({ pdf: 'beta_pdf', logpdf: 'beta_logpdf', cdf: 'beta_cdf' });
const POISSON = nameTable<IntrinsicName>({ pmf: 'poisson_pmf', logpmf: 'poisson_logpmf', cdf: 'poisson_cdf', sf: 'poisson_sf' });
/**
 * The distributions of scipy.stats, jax.scipy.stats and autograd.scipy.stats beyond norm, t, cauchy
 * and multivariate_normal, by module name, each library's with the methods it has (autograd's gamma,
 * chi2 and poisson have cdf but no sf; jax's poisson has cdf but no sf; jax's expon is counted with
 * its densities only, which every jax release has; autograd has no expon).
 */
const DISTRIBUTIONS_OF: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, IntrinsicName>>>>>> = {
  'scipy.stats': { gamma: GAMMA, chi2: CHI2, beta: BETA, poisson: POISSON, dirichlet: DIRICHLET, expon: EXPON },
  'jax.scipy.stats': { expon: only(EXPON, ['pdf', 'logpdf']), gamma: GAMMA, chi2: CHI2, beta: BETA, poisson: only(POISSON, ['pmf', 'logpmf', 'cdf']), dirichlet: DIRICHLET },
  'autograd.scipy.stats': {
    gamma: only(GAMMA, ['pdf', 'logpdf', 'cdf']), chi2: only(CHI2, ['pdf', 'logpdf', 'cdf']), beta: BETA, poisson: only(POISSON, ['pmf', 'logpmf', 'cdf']), dirichlet: DIRICHLET,
  },
};
/** jax.scipy.stats.t has the densities only; autograd's has cdf too. */
const JAX_T = only(T, ['pdf', 'logpdf']);
const AUTOGRAD_T = only(T, ['pdf', 'logpdf', 'cdf']);

/** jax.nn: softmax and log_softmax along the last axis by default (scipy's act on every element). */
const JAX_NN = nameTable<IntrinsicName>({
  sigmoid: 'sigmoid', relu: 'relu', softplus: 'softplus', gelu: 'gelu', silu: 'silu', swish: 'silu',
  softmax: 'nn_softmax', log_softmax: 'nn_log_softmax', logsumexp: 'logsumexp',
  log_sigmoid: 'log_sigmoid', elu: 'elu', celu: 'celu', selu: 'selu', leaky_relu: 'leaky_relu', relu6: 'relu6',
  hard_tanh: 'hard_tanh', soft_sign: 'soft_sign',
});

/** scipy.stats's own functions (its distributions are modules of their own below). */
const SCIPY_STATS = nameTable<IntrinsicName>({ gmean: 'gmean' });

/** The modules above, with numpy's own table and constants for the numpy look-alikes. */
export function scipyAndAliasModules(numpy: Readonly<Record<string, IntrinsicName>>, numpyConstants: Readonly<Record<string, number>>): LibraryModule[] {
  const none = nameTable<number>({});
  return [
    { path: 'scipy.special', functions: SCIPY_SPECIAL, constants: none },
    { path: 'scipy.linalg', functions: SCIPY_LINALG, constants: none },
    { path: 'scipy.signal', functions: SCIPY_SIGNAL, constants: none },
    { path: 'scipy.stats', functions: SCIPY_STATS, constants: none },
    { path: 'scipy.stats.norm', functions: NORM, constants: none },
    { path: 'scipy.stats.t', functions: T, constants: none },
    { path: 'scipy.stats.cauchy', functions: CAUCHY, constants: none },
    { path: 'scipy.stats.multivariate_normal', functions: MULTIVARIATE_NORMAL, constants: none },
    // scipy.stats.distributions is where scipy.stats's distributions live; code names it too
    { path: 'scipy.stats.distributions.norm', functions: NORM, constants: none },
    { path: 'scipy.stats.distributions.t', functions: T, constants: none },
    { path: 'scipy.stats.distributions.cauchy', functions: CAUCHY, constants: none },
    { path: 'autograd.scipy.stats.t', functions: AUTOGRAD_T, constants: none },
    { path: 'autograd.scipy.stats.multivariate_normal', functions: MULTIVARIATE_NORMAL_DENSITIES, constants: none },
    { path: 'jax.scipy.stats.t', functions: JAX_T, constants: none },
    { path: 'jax.scipy.stats.cauchy', functions: CAUCHY, constants: none },
    { path: 'jax.scipy.stats.multivariate_normal', functions: MULTIVARIATE_NORMAL_DENSITIES, constants: none },
    ...Object.entries(DISTRIBUTIONS_OF).flatMap(([root, distributions]) =>
      Object.entries(distributions).map(([name, functions]) => ({ path: `${root}.${name}`, functions, constants: none })),
    ),
    { path: 'autograd', functions: transforms(AUTOGRAD_TRANSFORMS), constants: none },
    { path: 'jax', functions: transforms(JAX_TRANSFORMS), constants: none },
    { path: 'autograd.numpy', functions: numpy, constants: numpyConstants },
    { path: 'autograd.scipy.special', functions: AUTOGRAD_SCIPY_SPECIAL, constants: none },
    // Where logsumexp lived before scipy 1.0 and autograd 1.2: older code still imports it from there.
    { path: 'scipy.misc', functions: only(SCIPY_SPECIAL, ['logsumexp']), constants: none },
    { path: 'autograd.scipy.misc', functions: only(SCIPY_SPECIAL, ['logsumexp']), constants: none },
    { path: 'autograd.scipy.stats.norm', functions: AUTOGRAD_NORM, constants: none },
    { path: 'jax.numpy', functions: numpy, constants: numpyConstants },
    // pymoo's problems compute with `import pymoo.gradient.toolbox as anp`: numpy, or autograd's numpy when pymoo differentiates
    { path: 'pymoo.gradient.toolbox', functions: numpy, constants: numpyConstants },
    { path: 'jax.scipy.special', functions: JAX_SCIPY_SPECIAL, constants: none },
    { path: 'jax.scipy.stats.norm', functions: NORM, constants: none },
    { path: 'jax.nn', functions: JAX_NN, constants: none },
  ];
}

/** Modules and packages of these libraries an import may name, and the submodules a `from … import` may bind. */
const PACKAGES = [
  'scipy', 'scipy.special', 'scipy.linalg', 'scipy.signal', 'scipy.stats', 'scipy.stats.norm', 'scipy.stats.t', 'scipy.stats.cauchy', 'scipy.stats.multivariate_normal',
  'scipy.stats.distributions', 'scipy.stats.distributions.norm', 'scipy.stats.distributions.t', 'scipy.stats.distributions.cauchy',
  'autograd', 'autograd.numpy', 'autograd.scipy', 'autograd.scipy.special', 'autograd.scipy.stats', 'autograd.scipy.stats.norm',
  'autograd.scipy.stats.t', 'autograd.scipy.stats.multivariate_normal', 'scipy.misc', 'autograd.scipy.misc',
  'jax', 'jax.numpy', 'jax.scipy', 'jax.scipy.special', 'jax.scipy.stats', 'jax.scipy.stats.norm', 'jax.nn',
  'jax.scipy.stats.t', 'jax.scipy.stats.cauchy', 'jax.scipy.stats.multivariate_normal', 'pymoo.gradient.toolbox',
  ...Object.entries(DISTRIBUTIONS_OF).flatMap(([root, distributions]) => Object.keys(distributions).map((name) => `${root}.${name}`)),
];

/** `import jax.numpy as jnp`, `from scipy import special`, `from scipy.stats import norm`. */
export function isScipyOrAliasModule(path: string): boolean {
  path = canonicalLibraryPath(path);
  return PACKAGES.includes(path) || /^(autograd|jax)\.numpy\.(linalg|random|fft)$/.test(path);
}

/**
 * The path under which a name is in the tables: `scipy.stats.distributions` is where scipy.stats's
 * distributions are defined, re-exported as `scipy.stats.norm` (`st.distributions.norm.cdf`).
 */
export function canonicalLibraryPath(path: string): string {
  // `np.math` is Python's math module itself (numpy < 2.0; PythonRobotics' `np.math.atan2(y, x)`).
  return path.replace(/^scipy\.stats\.distributions(?=\.|$)/, 'scipy.stats').replace(/^numpy\.math(?=\.)/, 'math');
}

/** numpy look-alikes: a file importing one receives list-valued points as arrays, as with numpy. */
export function isNumpyAlias(path: string): boolean {
  return path === 'autograd.numpy' || path === 'jax.numpy' || path === 'pymoo.gradient.toolbox' || /^(autograd|jax)\.numpy\./.test(path);
}

/**
 * The names GradLens says it understands, in messages about other modules: made from the tables
 * above (scipy.stats's distributions, scipy.linalg's and scipy.signal's functions), so it cannot
 * fall behind them.
 */
export const UNDERSTOOD_LIBRARIES = [
  'numpy, math, scipy.special',
  `scipy.stats (${['norm', 't', 'cauchy', 'multivariate_normal', ...Object.keys(DISTRIBUTIONS_OF['scipy.stats']!), ...Object.keys(SCIPY_STATS)].join(', ')})`,
  `scipy.linalg (${Object.keys(SCIPY_LINALG).join(', ')})`,
  `scipy.signal (${Object.keys(SCIPY_SIGNAL).join(', ')})`,
  "jax.nn, and jax's and autograd's numpy and scipy",
].join(', ');

/** The transformations whose result GradLens leaves unrun: made anywhere, refused only where called. */
const AUTOGRAD_TRANSFORMS = ['grad', 'value_and_grad', 'elementwise_grad', 'jacobian', 'hessian', 'holomorphic_grad', 'grad_and_aux', 'make_vjp', 'make_jvp', 'hessian_vector_product', 'make_hvp', 'make_ggnvp', 'multigrad_dict', 'tensor_jacobian_product'];
const JAX_TRANSFORMS = ['grad', 'value_and_grad', 'jacobian', 'jacfwd', 'jacrev', 'hessian', 'vmap', 'jvp', 'vjp', 'linearize'];

function transforms(names: readonly string[]): Record<string, IntrinsicName> {
  return Object.fromEntries(names.map((n) => [n, 'transformed' as IntrinsicName]));
}

/** jax's and autograd's transformations: GradLens does their job itself, on the function as written. */
const TRANSFORMS = /^(jax|autograd)\.(grad|value_and_grad|jacobian|jacfwd|jacrev|hessian|jit|vmap|elementwise_grad|jvp|vjp|make_vjp|make_jvp|holomorphic_grad|grad_and_aux|checkpoint)$/;

/** What to add to "… is not supported" for a name of these libraries, when there is more to say. */
export function unsupportedHint(path: string): string {
  return TRANSFORMS.test(path) ? ': GradLens differentiates the function itself, so give it the function, not its transformation' : '';
}
