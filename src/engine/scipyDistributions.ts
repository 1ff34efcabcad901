import { fail } from '../core/diagnostic';
import { Tracked, type Value } from './interpreter/values';
import { arr, bind, given, operand, type Impl } from './array/args';
import { cholesky } from './array/factorizations';
import { ArrayValue, formatShape } from './array/ndarray';
import { asArray, constant, type Operand } from './array/record';
import { resolveAxes, sum } from './array/reduce';
import { concatenate, reshape, transpose } from './array/shape';
import { solve } from './array/solve';
import { slogdet } from './array/determinant';
import { logOutsideSupport, opsAt, outsideSupport, quantile, refuse, type Ops } from './sugarOps';
import { betaln } from './scipySpecialSugar';
import { betainc } from './array/incompleteBeta';
import { isTracked } from './array/elementwise';
import { regularizedGamma } from './array/incompleteGamma';
import { studentT } from './array/studentT';

/**
 * scipy.stats distributions beyond norm that real code calls (Student's t, Cauchy, the multivariate
 * normal), as sugar over the registry's primitives and numpy's linear algebra — so they need no rules
 * of their own. Each takes scipy's arguments (positional or keyword) and `loc`/`scale`, and refuses
 * where scipy gives nan (a scale ≤ 0, df ≤ 0).
 */

/** x, the shape parameters, loc and scale bound; z = (x − loc)/scale. */
function standardized(name: string, shapes: readonly string[], body: (o: Ops, z: Operand, params: Operand[], scale: Operand | undefined, rt: Parameters<Impl>[0], s: number) => Operand): Impl {
  return (rt, args, kw, s) => {
    const b = bind(rt, name, ['x', ...shapes, 'loc', 'scale'], args, kw, s);
    const o = opsAt(rt, s);
    const params = shapes.map((p) => {
      if (!given(b[p])) fail('arity', `${name}() is missing its ${p}`, rt.sites[s]!);
      return operand(rt, b[p], s);
    });
    const scale = given(b.scale) ? operand(rt, b.scale, s) : undefined;
    if (scale !== undefined) refuse(rt, s, `${name} needs scale > 0 (scipy gives nan)`, (v) => !(v > 0), scale);
    let z = operand(rt, b.x!, s);
    if (given(b.loc)) z = o.sub(z, operand(rt, b.loc, s));
    if (scale !== undefined) z = o.div(z, scale);
    return body(o, z, params, scale, rt, s) as Value;
  };
}

const LN_PI = Math.log(Math.PI);
const LN_2PI = Math.log(2 * Math.PI);

/** −ln(scale) added to a log-density, when a scale is given. */
const minusLogScale = (o: Ops, log: Operand, scale: Operand | undefined): Operand => (scale === undefined ? log : o.sub(log, o.log(scale)));

/**
 * Student's t: ln f(z) = −½ln ν − ln B(ν/2, ½) − (ν + 1)/2 · ln(1 + z²/ν) (ln B by betaln, exact
 * for large ν where ln Γ((ν+1)/2) − ln Γ(ν/2) would cancel).
 */
function tLogDensity(rt: Parameters<Impl>[0], s: number, name: string): (o: Ops, z: Operand, params: Operand[], scale: Operand | undefined) => Operand {
  return (o, z, [df], scale) => {
    refuse(rt, s, `${name} needs 0 < df < ∞ (GradLens does not support df = inf, scipy's normal limit, yet)`, (v) => !(v > 0 && v < Infinity), df!);
    const kernel = o.mul(o.mul(0.5, o.add(df!, 1)), o.log1p(o.div(o.mul(z, z), df!)));
    const log = o.sub(o.sub(o.mul(-0.5, o.log(df!)), betaln(rt, o, o.mul(0.5, df!), 0.5, s)), kernel);
    return minusLogScale(o, log, scale);
  };
}

/** t.cdf and t.sf: one node of their own (array/studentT.ts), exact at z = 0. */
const tCdf = standardized('t.cdf', ['df'], (_o, z, [df], _scale, rt, s) => studentT(rt, 't.cdf', z, df!, false, s) as Operand);
const tSf = standardized('t.sf', ['df'], (_o, z, [df], _scale, rt, s) => studentT(rt, 't.sf', z, df!, true, s) as Operand);

const tLogpdf: Impl = (rt, args, kw, s) => standardized('t.logpdf', ['df'], tLogDensity(rt, s, 't.logpdf'))(rt, args, kw, s);
const tPdf: Impl = (rt, args, kw, s) => standardized('t.pdf', ['df'], (o, z, p, scale) => o.exp(tLogDensity(rt, s, 't.pdf')(o, z, p, scale)))(rt, args, kw, s);

/** Cauchy: f(z) = 1/(π(1 + z²)), F(z) = ½ + atan(z)/π (scipy's formulas), F⁻¹(q) = tan(π(q − ½)). */
const cauchyLogpdf = standardized('cauchy.logpdf', [], (o, z, _p, scale) => minusLogScale(o, o.sub(-LN_PI, o.log1p(o.mul(z, z))), scale));
const cauchyPdf = standardized('cauchy.pdf', [], (o, z, _p, scale) => {
  const density = o.div(1 / Math.PI, o.add(1, o.mul(z, z)));
  return scale === undefined ? density : o.div(density, scale);
});
const cauchyCdf = standardized('cauchy.cdf', [], (o, z) => o.add(0.5, o.mul(1 / Math.PI, o.atan(z))));
const cauchySf = standardized('cauchy.sf', [], (o, z) => o.sub(0.5, o.mul(1 / Math.PI, o.atan(z))));
const cauchyPpf = quantile('cauchy.ppf', (rt, o, q, s) => {
  refuse(rt, s, 'cauchy.ppf needs 0 < q < 1 (scipy gives ±inf or nan)', (v) => !(v > 0 && v < 1), q);
  return o.tan(o.mul(Math.PI, o.sub(q, 0.5)));
});

/**
 * The exponential distribution on z ≥ 0: f(z) = e^(−z), F(z) = 1 − e^(−z) (−expm1, exact for small z),
 * F⁻¹(q) = −ln(1 − q); below loc scipy's 0 (pdf, cdf) and 1 (sf), constants. At x = loc exactly the
 * pdf jumps and the cdf has a kink: GradLens takes the right-hand derivative there and says so.
 */
function exponential(what: string, outside: number, inside: (o: Ops, z: Operand) => Operand) {
  return standardized(what, [], (o, z, _p, scale, rt, s) => {
    const atLoc = z instanceof ArrayValue ? z.data.some((v) => v === 0) : primal(z) === 0;
    if (atLoc && isTracked(z)) rt.warn('non-differentiable', `${what} is not differentiable at x = loc (it jumps or has a kink there): GradLens takes the derivative from the right`, s);
    const value = outsideSupport(rt, s, z, [], (v) => v < 0, outside, 0, (zIn) => inside(o, zIn));
    return what === 'expon.pdf' && scale !== undefined ? o.div(value, scale) : value;
  });
}
const exponLogpdf = standardized('expon.logpdf', [], (o, z, _p, scale, rt, s) =>
  logOutsideSupport(rt, s, 'expon.logpdf below loc', z, [], (v) => v < 0, 0, (zIn) => minusLogScale(o, o.neg(zIn), scale)),
);
const exponPpf = quantile('expon.ppf', (rt, o, q, s) => {
  refuse(rt, s, 'expon.ppf needs 0 ≤ q < 1 (scipy gives inf or nan)', (v) => !(v >= 0 && v < 1), q);
  return o.neg(o.log1p(o.neg(q)));
});

const primal = (v: Operand): number => (typeof v === 'number' ? v : (v as Tracked).value);

/** Refuses a shape parameter that is not positive, as scipy gives nan there. */
const positive = (rt: Parameters<Impl>[0], s: number, what: string, v: Operand): void => refuse(rt, s, `${what} > 0 (scipy gives nan)`, (x) => !(x > 0), v);

/**
 * The gamma distribution: ln f(z) = (a − 1)·ln z − z − ln Γ(a), on z > 0 (scipy gives −∞ or a
 * non-finite density at z ≤ 0, which GradLens refuses); chi2(df) is gamma(df/2) of z/2, over 2.
 */
function gammaLogDensity(rt: Parameters<Impl>[0], s: number, o: Ops, z: Operand, a: Operand, what: string): Operand {
  positive(rt, s, `${what} needs the shape parameter`, a);
  // at x = loc itself the density is ∞, 1 or 0 by the shape parameter; below it scipy's log is −∞
  refuse(rt, s, `GradLens does not support ${what} at x = loc yet (the density there is ∞, 1 or 0 by the shape parameter)`, (v) => v === 0, z);
  const log = (zIn: Operand): Operand => o.sub(o.sub(o.mul(o.sub(a, 1), o.log(zIn)), zIn), o.gammaln(a));
  if (!what.endsWith('logpdf')) {
    refuse(rt, s, `GradLens does not support ${what} below loc here`, (v) => !(v > 0), z);
    return log(z);
  }
  return logOutsideSupport(rt, s, `${what} below loc`, z, [a], (v) => v < 0, 1, log);
}

const gammaLog = (what: string) => (o: Ops, z: Operand, [a]: Operand[], scale: Operand | undefined, rt: Parameters<Impl>[0], s: number): Operand =>
  minusLogScale(o, gammaLogDensity(rt, s, o, z, a!, what), scale);
const chi2Log = (what: string) => (o: Ops, z: Operand, [df]: Operand[], scale: Operand | undefined, rt: Parameters<Impl>[0], s: number): Operand =>
  minusLogScale(o, o.sub(gammaLogDensity(rt, s, o, o.mul(0.5, z), o.mul(0.5, df!), what), Math.LN2), scale);

/**
 * gamma.cdf/sf = gammainc/gammaincc(a, z), chi2's of df/2 and z/2 (array/incompleteGamma.ts). Below
 * loc they are scipy's constants 0 (cdf) and 1 (sf), with derivative 0 in every argument.
 */
function gammaDistribution(what: string, upper: boolean, half: boolean) {
  return standardized(what, [half ? 'df' : 'a'], (o, z, [a], _scale, rt, s) => {
    positive(rt, s, `${what} needs the shape parameter`, a!);
    return outsideSupport(rt, s, z, [a!], (v) => v < 0, upper ? 1 : 0, 0, (zIn) => regularizedGamma(rt, what, half ? o.mul(0.5, a!) : a!, half ? o.mul(0.5, zIn) : zIn, upper, s) as Operand);
  });
}

/**
 * A density on z > 0 (gamma's, chi2's): scipy's 0 below loc (a constant, derivative 0); at x = loc
 * itself it is ∞, 1 or 0 by the shape parameter, with no derivative there, which `log` refuses.
 */
const densityAbove = (log: (o: Ops, z: Operand, params: Operand[], scale: Operand | undefined, rt: Parameters<Impl>[0], s: number) => Operand) =>
  (o: Ops, z: Operand, params: Operand[], scale: Operand | undefined, rt: Parameters<Impl>[0], s: number): Operand =>
    outsideSupport(rt, s, z, params, (v) => v < 0, 0, 1, (zIn) => o.exp(log(o, zIn, params, scale, rt, s)));

/** The beta distribution on 0 < z < 1: ln f(z) = (a − 1)·ln z + (b − 1)·ln(1 − z) − ln B(a, b); its cdf is betainc(a, b, z). */
const betaLog = (what: string) => (o: Ops, z: Operand, [a, b]: Operand[], scale: Operand | undefined, rt: Parameters<Impl>[0], s: number): Operand => {
  positive(rt, s, `${what} needs a`, a!);
  positive(rt, s, `${what} needs b`, b!);
  // at x = loc or loc + scale the density is ∞, a constant or 0 by a and b; outside them scipy's log is −∞
  refuse(rt, s, `GradLens does not support ${what} at x = loc or loc + scale yet (the density there is ∞, a constant or 0 by a and b)`, (v) => v === 0 || v === 1, z);
  const log = (zIn: Operand): Operand => minusLogScale(o, o.sub(o.add(o.mul(o.sub(a!, 1), o.log(zIn)), o.mul(o.sub(b!, 1), o.log1p(o.neg(zIn)))), betaln(rt, o, a!, b!, s)), scale);
  if (!what.endsWith('logpdf')) {
    refuse(rt, s, `GradLens does not support ${what} outside loc < x < loc + scale here`, (v) => !(v > 0 && v < 1), z);
    return log(z);
  }
  return logOutsideSupport(rt, s, `${what} outside loc < x < loc + scale`, z, [a!, b!], (v) => !(v > 0 && v < 1), 0.5, log);
};
const betaCdf = standardized('beta.cdf', ['a', 'b'], (_o, z, [a, b], _scale, rt, s) => {
  positive(rt, s, 'beta.cdf needs a', a!);
  positive(rt, s, 'beta.cdf needs b', b!);
  // scipy's 0 below loc and 1 above loc + scale, constants there
  return outsideSupport(rt, s, z, [a!, b!], (v) => v > 1, 1, 1, (zUpTo1) => outsideSupport(rt, s, zUpTo1, [a!, b!], (v) => v < 0, 0, 0, (zIn) => betainc(rt, [a!, b!, zIn], [], s) as Operand));
});

/**
 * Poisson's k − loc and μ, bound: k is a count, never differentiated (a tracked k is refused, `why`
 * saying what scipy's function of it is), μ > 0 is.
 */
function poissonArguments(rt: Parameters<Impl>[0], name: string, args: Value[], kw: Parameters<Impl>[2], s: number, why: string): { o: Ops; k: Operand; mu: Operand } {
  const b = bind(rt, name, ['k', 'mu', 'loc'], args, kw, s);
  const o = opsAt(rt, s);
  if (!given(b.mu)) fail('arity', `${name}() is missing its mu`, rt.sites[s]!);
  let k = operand(rt, b.k!, s);
  if (given(b.loc)) k = o.sub(k, operand(rt, b.loc, s));
  if (isTracked(k)) fail('unsupported', `GradLens does not differentiate ${name} in k: k is a count (${why})`, rt.sites[s]!);
  const mu = operand(rt, b.mu, s);
  return { o, k, mu };
}

/** Poisson: ln p(k) = k·ln μ − μ − ln Γ(k + 1) for an integer k ≥ 0 (k − loc). */
function poissonLog(name: string): (rt: Parameters<Impl>[0], args: Value[], kw: Parameters<Impl>[2], s: number) => Operand {
  return (rt, args, kw, s) => {
    const { o, k, mu } = poissonArguments(rt, name, args, kw, s, "scipy's pmf is 0 between integers");
    positive(rt, s, `${name} needs mu`, mu);
    // scipy's 0 probability (−inf in log) below loc and between integers; k is never differentiated.
    // The pmf is 0 there for every μ, a true derivative 0; the log's −inf has none, which is said.
    const off = (v: number): boolean => !(v >= 0 && Number.isInteger(v));
    const log = (kIn: Operand): Operand => o.sub(o.sub(o.mul(kIn, o.log(mu)), mu), o.gammaln(o.add(kIn, 1)));
    return name.endsWith('logpmf') ? logOutsideSupport(rt, s, `${name} off the integers k ≥ loc`, k, [mu], off, 0, log) : outsideSupport(rt, s, k, [mu], off, -Infinity, 0, log);
  };
}

/** poisson.cdf(k, μ) = Q(⌊k⌋ + 1, μ) (gammaincc) and sf = P(⌊k⌋ + 1, μ): k floored, as scipy does. */
function poissonTail(name: string, upper: boolean): Impl {
  return (rt, args, kw, s) => {
    const { k, mu } = poissonArguments(rt, name, args, kw, s, `scipy's ${upper ? 'sf' : 'cdf'} is a step function of it`);
    positive(rt, s, `${name} needs mu`, mu);
    // k is a constant here (a tracked k was refused); below loc scipy's 0 (cdf) or 1 (sf), constants
    return outsideSupport(rt, s, k, [mu], (v) => v < 0, upper ? 1 : 0, 0, (kIn) => {
      const counts = asArray(rt, kIn, s);
      const shape = typeof kIn === 'number' ? Math.floor(kIn) + 1 : constant(counts.shape, counts.data.map((v) => Math.floor(v) + 1));
      return regularizedGamma(rt, name, shape, mu, !upper, s) as Operand;
    }) as Value;
  };
}

/**
 * multivariate_normal.logpdf(x, mean, cov): −½(d·ln 2π + ln det Σ + (x − μ)ᵀΣ⁻¹(x − μ)) for each
 * point, x of shape (d,) (a number out) or (n, d) (n numbers), Σ a d×d positive definite matrix or a
 * number (Σ = c·I). The determinant and the solve are numpy's slogdet and solve, with their rules.
 */
function mvnLogDensity(rt: Parameters<Impl>[0], args: Value[], kw: Parameters<Impl>[2], s: number, name: string): Operand {
  const b = bind(rt, name, ['x', 'mean', 'cov', 'allow_singular'], args, kw, s);
  const range = rt.sites[s]!;
  if (given(b.allow_singular) && b.allow_singular !== false) fail('unsupported', `GradLens does not support ${name}'s allow_singular=True yet`, range);
  const x = arr(rt, b.x!, s, name);
  const o = opsAt(rt, s);
  const mean = given(b.mean) ? asArray(rt, operand(rt, b.mean, s), s) : undefined;
  const covValue = given(b.cov) ? operand(rt, b.cov, s) : 1;
  const cov = asArray(rt, covValue, s);
  // scipy takes the dimension from the mean, else from the covariance, else 1 — never from x
  const d = mean && mean.ndim === 1 ? mean.shape[0]! : cov.ndim === 2 ? cov.shape[0]! : 1;
  if (d < 2) fail('unsupported', `GradLens does not support ${name} in one dimension yet (scipy reads the dimension from mean or cov; for one dimension use norm)`, range);
  if (mean && mean.ndim > 1) fail('shape', `${name}: mean must be a vector, got shape ${formatShape(mean.shape)}`, range);
  if (x.ndim < 1 || x.ndim > 2 || x.shape[x.ndim - 1] !== d) fail('unsupported', `GradLens does not support ${name} of x with shape ${formatShape(x.shape)} for dimension ${d} yet (shape (${d},) or (n, ${d}))`, range);
  const diff = asArray(rt, mean ? o.sub(x, mean) : x, s);
  if (cov.ndim === 0) {
    // Σ = c·I: ln det = d·ln c, the quadratic form |x − μ|²/c
    refuse(rt, s, `${name}: the covariance must be positive (scipy raises)`, (v) => !(v > 0), covValue);
    const squares = sum(rt, asArray(rt, o.mul(diff, diff), s), resolveAxes(rt, diff, diff.ndim - 1, false, s), s);
    return o.mul(-0.5, o.add(o.add(d * LN_2PI, o.mul(d, o.log(covValue))), o.div(squares, covValue)));
  }
  if (cov.ndim !== 2 || cov.shape[0] !== d || cov.shape[1] !== d) fail('shape', `${name}: cov has shape ${formatShape(cov.shape)}, the points have dimension ${d} (GradLens takes a d×d matrix or a number)`, range);
  if ('failedAt' in cholesky(cov.data, d)) fail('domain', `${name}: the covariance matrix is not positive definite (scipy raises unless allow_singular=True)`, range);
  const logDet = slogdet(rt, cov, s).logabsdet;
  // Σ⁻¹(x − μ)ᵀ: one solve with the points as columns
  const columns = diff.ndim === 1 ? diff : transpose(rt, diff, undefined, s);
  const solved = solve(rt, cov, columns, s);
  const weighted = asArray(rt, o.mul(columns, solved), s);
  const quadratic = sum(rt, weighted, resolveAxes(rt, weighted, 0, false, s), s);
  return o.mul(-0.5, o.add(o.add(d * LN_2PI, logDet), quadratic));
}

/**
 * multivariate_normal.entropy(mean=None, cov=1) = ½(d·(1 + ln 2π) + ln det Σ), the dimension read
 * as logpdf reads it (from mean, else cov, else 1); Σ a positive definite matrix or a number (c·I).
 */
const mvnEntropy: Impl = (rt, args, kw, s) => {
  const name = 'multivariate_normal.entropy';
  const b = bind(rt, name, ['mean', 'cov', 'allow_singular'], args, kw, s);
  const range = rt.sites[s]!;
  if (given(b.allow_singular) && b.allow_singular !== false) fail('unsupported', `GradLens does not support ${name}'s allow_singular=True yet`, range);
  const o = opsAt(rt, s);
  const mean = given(b.mean) ? asArray(rt, operand(rt, b.mean, s), s) : undefined;
  const covValue = given(b.cov) ? operand(rt, b.cov, s) : 1;
  const cov = asArray(rt, covValue, s);
  const d = mean && mean.ndim === 1 ? mean.shape[0]! : cov.ndim === 2 ? cov.shape[0]! : 1;
  const constantPart = 0.5 * d * (1 + LN_2PI);
  if (cov.ndim === 0) {
    refuse(rt, s, `${name}: the covariance must be positive (scipy raises)`, (v) => !(v > 0), covValue);
    return o.add(constantPart, o.mul(0.5 * d, o.log(covValue))) as Value;
  }
  if (cov.ndim !== 2 || cov.shape[0] !== d || cov.shape[1] !== d) fail('shape', `${name}: cov has shape ${formatShape(cov.shape)}, the mean has dimension ${d} (GradLens takes a d×d matrix or a number)`, range);
  if ('failedAt' in cholesky(cov.data, d)) fail('domain', `${name}: the covariance matrix is not positive definite (scipy raises unless allow_singular=True)`, range);
  return o.add(constantPart, o.mul(0.5, slogdet(rt, cov, s).logabsdet)) as Value;
};

/**
 * dirichlet.logpdf(x, alpha) = Σᵢ (αᵢ − 1)·ln xᵢ − ln B(α), ln B(α) = Σᵢ ln Γ(αᵢ) − ln Γ(Σᵢ αᵢ), over the
 * first axis of x (the components; more axes are more points). As scipy, x has k entries summing
 * to 1 (within 1e-9) or k − 1, the last being 1 − their sum; every entry in (0, 1).
 */
function dirichletLog(rt: Parameters<Impl>[0], args: Value[], kw: Parameters<Impl>[2], s: number, name: string): Operand {
  const b = bind(rt, name, ['x', 'alpha'], args, kw, s);
  const range = rt.sites[s]!;
  const o = opsAt(rt, s);
  const alpha = asArray(rt, operand(rt, b.alpha!, s), s);
  if (alpha.ndim !== 1 || alpha.size < 2) fail('shape', `${name}: alpha must be a vector of at least 2 concentrations, got shape ${formatShape(alpha.shape)}`, range);
  refuse(rt, s, `${name} needs every alpha > 0 (scipy raises)`, (v) => !(v > 0), alpha);
  const k = alpha.size;
  let x = asArray(rt, operand(rt, b.x!, s), s);
  if (x.ndim === 0 || (x.shape[0] !== k && x.shape[0] !== k - 1)) fail('shape', `${name}: x has shape ${formatShape(x.shape)}, alpha ${k} components (x's first axis holds k or k − 1 of them)`, range);
  const total = (v: ArrayValue): Operand => sum(rt, v, resolveAxes(rt, v, 0, true, s), s) as Operand;
  if (x.shape[0] === k - 1) x = concatenate(rt, [x, asArray(rt, o.sub(1, total(x)), s)], 0, s, name);
  else refuse(rt, s, `${name} needs x on the simplex: its entries sum to 1 (scipy raises)`, (v) => !(Math.abs(v - 1) <= 1e-9), total(x));
  refuse(rt, s, `${name} needs every x in (0, 1) (scipy raises or gives −inf)`, (v) => !(v > 0 && v < 1), x);
  const column = x.ndim === 1 ? alpha : reshape(rt, alpha, [k, ...x.shape.slice(1).map(() => 1)], s);
  const weighted = asArray(rt, o.mul(o.sub(column, 1), o.log(x)), s);
  const terms = sum(rt, weighted, resolveAxes(rt, weighted, 0, false, s), s) as Operand;
  const lnB = o.sub(sum(rt, asArray(rt, o.gammaln(alpha), s), resolveAxes(rt, alpha, undefined, false, s), s) as Operand, o.gammaln(sum(rt, alpha, resolveAxes(rt, alpha, undefined, false, s), s) as Operand));
  return o.sub(terms, lnB);
}

const mvnLogpdf: Impl = (rt, args, kw, s) => mvnLogDensity(rt, args, kw, s, 'multivariate_normal.logpdf') as Value;
const mvnPdf: Impl = (rt, args, kw, s) => opsAt(rt, s).exp(mvnLogDensity(rt, args, kw, s, 'multivariate_normal.pdf')) as Value;

export const DISTRIBUTION_IMPLEMENTATIONS = {
  expon_pdf: exponential('expon.pdf', 0, (o, z) => o.exp(o.neg(z))),
  expon_logpdf: exponLogpdf,
  expon_cdf: exponential('expon.cdf', 0, (o, z) => o.neg(o.expm1(o.neg(z)))),
  expon_sf: exponential('expon.sf', 1, (o, z) => o.exp(o.neg(z))),
  expon_ppf: exponPpf,
  gamma_pdf: standardized('gamma.pdf', ['a'], densityAbove(gammaLog('gamma.pdf'))),
  gamma_logpdf: standardized('gamma.logpdf', ['a'], gammaLog('gamma.logpdf')),
  chi2_pdf: standardized('chi2.pdf', ['df'], densityAbove(chi2Log('chi2.pdf'))),
  chi2_logpdf: standardized('chi2.logpdf', ['df'], chi2Log('chi2.logpdf')),
  beta_pdf: standardized('beta.pdf', ['a', 'b'], (o, z, params, scale, rt, s) =>
    outsideSupport(rt, s, z, params, (v) => v < 0 || v > 1, 0, 0.5, (zIn) => o.exp(betaLog('beta.pdf')(o, zIn, params, scale, rt, s)))),
  beta_logpdf: standardized('beta.logpdf', ['a', 'b'], betaLog('beta.logpdf')),
  gamma_cdf: gammaDistribution('gamma.cdf', false, false),
  gamma_sf: gammaDistribution('gamma.sf', true, false),
  chi2_cdf: gammaDistribution('chi2.cdf', false, true),
  chi2_sf: gammaDistribution('chi2.sf', true, true),
  beta_cdf: betaCdf,
  poisson_pmf: ((rt, args, kw, s) => opsAt(rt, s).exp(poissonLog('poisson.pmf')(rt, args, kw, s)) as Value) satisfies Impl,
  poisson_logpmf: ((rt, args, kw, s) => poissonLog('poisson.logpmf')(rt, args, kw, s) as Value) satisfies Impl,
  poisson_cdf: poissonTail('poisson.cdf', false),
  poisson_sf: poissonTail('poisson.sf', true),
  t_pdf: tPdf,
  t_logpdf: tLogpdf,
  t_cdf: tCdf,
  t_sf: tSf,
  cauchy_pdf: cauchyPdf,
  cauchy_logpdf: cauchyLogpdf,
  cauchy_cdf: cauchyCdf,
  cauchy_sf: cauchySf,
  cauchy_ppf: cauchyPpf,
  mvn_pdf: mvnPdf,
  mvn_logpdf: mvnLogpdf,
  mvn_entropy: mvnEntropy,
  dirichlet_logpdf: ((rt, args, kw, s) => dirichletLog(rt, args, kw, s, 'dirichlet.logpdf') as Value) satisfies Impl,
  dirichlet_pdf: ((rt, args, kw, s) => opsAt(rt, s).exp(dirichletLog(rt, args, kw, s, 'dirichlet.pdf')) as Value) satisfies Impl,
} satisfies Record<string, Impl>;
