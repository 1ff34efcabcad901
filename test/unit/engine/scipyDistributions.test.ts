import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePython, differentiate, valueAt } from '../../oracle/table/engine';

/**
 * scipy.stats's t, cauchy and multivariate_normal (engine/scipyDistributions.ts): their numbers are
 * the check table's rows (against scipy); here, what GradLens refuses and how it says so, and the
 * spellings real code uses (`import scipy.stats as st; st.distributions.t`, autograd's module import).
 */

function outcome(source: string, point: (number | number[] | number[][])[]): number[] | string {
  try {
    return valueAt(compilePython(source), 'f', point);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const call = (body: string): string => `from scipy import stats\nimport numpy as np\n\ndef f(x):\n    return ${body}\n`;

test('refusals name what scipy would do, or what GradLens does not support yet', () => {
  assert.match(outcome(call('stats.t.logpdf(x, np.inf)'), [0.5]) as string, /^t\.logpdf needs 0 < df < ∞ \(GradLens does not support df = inf/);
  assert.match(outcome(call('stats.t.pdf(x)'), [0.5]) as string, /^t\.pdf\(\) is missing its df/);
  assert.match(outcome(call('stats.cauchy.pdf(x, 0.0, -1.0)'), [0.5]) as string, /^cauchy\.pdf needs scale > 0/);
  assert.match(outcome(call('stats.cauchy.ppf(x)'), [1.0]) as string, /^cauchy\.ppf needs 0 < q < 1/);
  assert.match(outcome(call('stats.multivariate_normal.logpdf(x, np.zeros(2), np.eye(2), allow_singular=True)'), [[0.5, 0.1]]) as string, /^GradLens does not support multivariate_normal\.logpdf's allow_singular=True yet/);
  // scipy reads the dimension from mean or cov: with neither, it is 1
  assert.match(outcome(call('stats.multivariate_normal.logpdf(x)'), [[0.5, 0.1]]) as string, /^GradLens does not support multivariate_normal\.logpdf in one dimension yet/);
  assert.match(outcome(call('stats.multivariate_normal.logpdf(x, np.zeros(3))'), [[0.5, 0.1]]) as string, /for dimension 3 yet \(shape \(3,\) or \(n, 3\)\)/);
  assert.match(outcome(call('stats.multivariate_normal.logpdf(x, np.zeros(2), -1.0)'), [[0.5, 0.1]]) as string, /the covariance must be positive/);
  // a count is never differentiated: a tracked k is refused (its value at an integer is fine)
  const counted = compilePython(call('stats.poisson.logpmf(x, 2.0)'));
  assert.throws(() => differentiate(counted, 'f', [3], false), /GradLens does not differentiate poisson\.logpmf in k: k is a count/);
  assert.ok(Math.abs((valueAt(counted, 'f', [3]) as number[])[0]! - (3 * Math.log(2) - 2 - Math.log(6))) < 1e-14);
  const tail = compilePython(call('stats.poisson.cdf(x, 2.0) + stats.poisson.sf(x, 2.0)'));
  assert.throws(() => differentiate(tail, 'f', [3], false), /GradLens does not differentiate poisson\.cdf in k: k is a count/);
  assert.ok(Math.abs((valueAt(tail, 'f', [3.7]) as number[])[0]! - 1) < 1e-15);
  assert.match(outcome(call('stats.t.cdf(x)'), [0.5]) as string, /^t\.cdf\(\) is missing its df/);
  assert.match(outcome(call('stats.gamma.logpdf(x, 2.0, 1.0)'), [0.5]) as string, /^gamma\.logpdf needs x > loc \(scipy gives −inf at x ≤ loc\)/);
  assert.match(outcome(call('stats.gamma.pdf(x, 2.0, 1.0)'), [1]) as string, /^GradLens does not support gamma\.pdf at x = loc yet/);
  assert.match(outcome(call('stats.gamma.pdf(x, -1.0)'), [1.5]) as string, /^gamma\.pdf needs the shape parameter > 0/);
});

test("real code's spellings: scipy.stats.distributions, autograd's module imports", () => {
  const st = outcome('import numpy as np\nimport scipy.stats as stat\n\ndef f(x):\n    return np.sum(stat.distributions.t.logpdf(x, 3.0, 0.1, 0.7))\n', [[0.5, 0.1]]) as number[];
  // scipy: t.logpdf([0.5, 0.1], 3, 0.1, 0.7).sum()
  assert.ok(Math.abs(st[0]! - -1.4950630394256068) < 1e-13, String(st));
  const mvn = outcome('import autograd.numpy as np\nimport autograd.scipy.stats.multivariate_normal as mvn\n\ndef f(x):\n    return mvn.logpdf(x, np.zeros(2), np.array([[2.0, 0.3], [0.3, 1.0]]))\n', [[0.5, 0.1]]) as number[];
  // scipy: multivariate_normal.logpdf([0.5, 0.1], [0, 0], [[2, .3], [.3, 1]])
  assert.ok(Math.abs(mvn[0]! - -2.2242559125695043) < 1e-13, String(mvn));
});

test('below loc a cdf is 0, an sf 1 and a density 0, with derivative 0 in every argument (scipy\'s constants)', () => {
  const m = compilePython('from scipy import stats\n\ndef f(x, a, l, s):\n    return stats.gamma.cdf(x, a, l, s) + stats.chi2.sf(x, a, loc=l) + stats.beta.pdf(x, a, 2.0, l, s) + stats.expon.cdf(x, l, s) + stats.beta.cdf(x, a, a, l - 5.0, s)\n');
  const r = differentiate(m, 'f', [0.5, 1.5, 0.7, 2.0], true);
  assert.deepEqual([r.values, r.reverse, r.forward, r.hessian, r.warnings], [[2], [[0, 0, 0, 0]], [[0, 0, 0, 0]], [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], []]);
});

test('expon at x = loc: the pdf jumps and the cdf has a kink; the right-hand derivative, said', () => {
  const r = differentiate(compilePython(call('stats.expon.cdf(x, 1.0) + stats.expon.pdf(x, 1.0)')), 'f', [1], false);
  assert.deepEqual([r.values, r.reverse], [[1], [[0]]]);
  assert.ok(r.warnings.some((w) => /expon\.cdf is not differentiable at x = loc .* from the right/.test(w)), r.warnings.join('\n'));
  assert.deepEqual(differentiate(compilePython(call('stats.expon.cdf(x, 1.0)')), 'f', [1.5], false).warnings, []);
});
