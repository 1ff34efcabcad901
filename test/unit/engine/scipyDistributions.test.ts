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
  assert.match(outcome(call('stats.gamma.logpdf(x, 2.0, 1.0)'), [1]) as string, /^GradLens does not support gamma\.logpdf at x = loc yet/);
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

test("outside the support a log-density is scipy's −inf, and its derivative there is said to mean nothing", () => {
  // scipy 1.10: gamma.logpdf([0.5, 2.5], 2, 1) = [-inf, -1.09453489]; expon.logpdf([0.5, 1.5], 1, 2) = [-inf, -0.94314718];
  // beta.logpdf([-0.2, 0.3, 1.4], 2, 3) = [-inf, 0.56758396, -inf]; chi2.logpdf([-1, 2], 3) = [-inf, -1.57236494];
  // poisson.logpmf([-1, 2.5, 2], 1.5) = [-inf, -inf, -1.38221696], poisson.pmf of them [0, 0, 0.25102143]
  const rows: [string, number, number[]][] = [
    ['stats.gamma.logpdf(np.array([0.5, 2.5]) * x, 2.0, 1.0)', 1, [-Infinity, -1.09453489]],
    ['stats.expon.logpdf(np.array([0.5, 1.5]) * x, 1.0, 2.0)', 1, [-Infinity, -0.94314718]],
    ['stats.beta.logpdf(np.array([-0.2, 0.3, 1.4]) * x, 2.0, 3.0)', 1, [-Infinity, 0.56758396, -Infinity]],
    ['stats.chi2.logpdf(np.array([-1.0, 2.0]) * x, 3.0)', 1, [-Infinity, -1.57236494]],
    ['stats.poisson.logpmf(np.array([-1, 2.5, 2]), 1.5 * x)', 1, [-Infinity, -Infinity, -1.38221696]],
    ['stats.poisson.pmf(np.array([-1, 2.5, 2]), 1.5 * x)', 1, [0, 0, 0.25102143]],
  ];
  for (const [body, x, expected] of rows) {
    const got = outcome(call(body), [x]);
    assert.ok(Array.isArray(got), `${body}: ${String(got)}`);
    expected.forEach((e, i) => assert.ok(e === -Infinity ? got[i] === -Infinity : Math.abs(got[i]! - e) < 1e-8, `${body}[${i}]: ${got[i]} ≠ ${e}`));
  }
  // differentiated: the finite elements' derivatives as they are, the −inf element's said to mean nothing
  const r = differentiate(compilePython(call('np.sum(stats.gamma.logpdf(np.array([x - 3.0, x]), 2.0, 1.0))')), 'f', [2.5], true);
  // d/dx [(a − 1)·ln(x − 1) − (x − 1)] at x = 2.5, a = 2: 1/1.5 − 1
  assert.equal(r.values[0], -Infinity);
  for (const g of [r.reverse[0]![0]!, r.forward[0]![0]!]) assert.ok(Math.abs(g - (1 / 1.5 - 1)) < 1e-14, String(g));
  assert.ok(r.warnings.some((w) => /gamma\.logpdf below loc is −inf outside the support \(scipy's value\): it has no derivative there/.test(w)), r.warnings.join('\n'));
  assert.ok(r.warnings.some((w) => /the first non-finite number arose here, gamma\.logpdf below loc: scipy's −inf/.test(w)), r.warnings.join('\n'));
  // the pmf is 0 for every μ there: a true derivative 0, nothing to say
  const pmf = differentiate(compilePython(call('stats.poisson.pmf(-1, x)')), 'f', [1.5], false);
  assert.deepEqual([pmf.values, pmf.reverse, pmf.warnings], [[0], [[0]], []]);
});
