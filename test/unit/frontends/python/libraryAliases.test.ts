import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * Library functions and modules under other names at module level, as Black-Scholes modules write
 * them: `N = norm.cdf`, `from scipy.stats import norm as N`, `ncdf = st.distributions.norm.cdf`,
 * `sn = stats.norm`. Expected numbers: scipy's norm.cdf at 0.3, the density and log-density by formula.
 */

const SOURCE = `import numpy as np
import scipy
import scipy.stats as st
from scipy import stats
from scipy.stats import norm as N
from scipy.stats.distributions import norm as dnorm

ncdf = st.distributions.norm.cdf
npdf = st.norm.pdf
sn = stats.norm
deep = scipy.stats.norm
la = np.linalg
twice = stats.norm
twice = 3.0

# @at x=0.3
def several(x):
    return ncdf(x) + npdf(x) + sn.cdf(x) + deep.logpdf(x) + N.cdf(x) + dnorm.pdf(x) + la.norm(np.array([x, 4.0]))

# @at x=0.3
def reassigned(x):
    return twice * x
`;

const phi = (x: number): number => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
const PHI_03 = 0.6179114221889526; // scipy.stats.norm.cdf(0.3), scipy 1.17

test('module-level aliases of scipy.stats.norm and its functions, through distributions too, are the library names', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'aliases.py', 'python');
  assert.deepEqual(doc.diagnostics.filter((d) => d.severity === 'error'), []);
  const point = doc.resolvePoint('several');
  assert.ok(point.ok);
  const r = doc.gradient('several', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const x = 0.3;
  const value = PHI_03 + phi(x) + PHI_03 + Math.log(phi(x)) + PHI_03 + phi(x) + Math.hypot(x, 4);
  const slope = phi(x) - x * phi(x) + phi(x) - x + phi(x) - x * phi(x) + x / Math.hypot(x, 4);
  assert.ok(Math.abs((r.value.value as number) - value) < 1e-14, `${r.value.value} vs ${value}`);
  assert.ok(Math.abs((r.value.gradient!.x as number) - slope) < 1e-14);
});

test('a name assigned a module and then something else stays an ordinary variable', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'aliases.py', 'python');
  const point = doc.resolvePoint('reassigned');
  assert.ok(point.ok);
  const r = doc.gradient('reassigned', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (r.ok) assert.equal(r.value.gradient!.x, 3);
});
