import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * `from math import *` and `from numpy import *` as physics scripts and old tutorials write them,
 * and logsumexp imported from where it lived before scipy 1.0 and autograd 1.2 (`scipy.misc`,
 * `autograd.scipy.misc`). Expected values: CPython 3 with numpy 1.24 and scipy, printed to 16 digits.
 */

const gradientAt = (source: string, name: string, at: Record<string, number | number[]>) => {
  const doc = DocumentAnalysis.fromText(source, 'star.py', 'python');
  const r = doc.gradient(name, { values: at, source: 'annotation' });
  assert.ok(r.ok, JSON.stringify(r));
  return { doc, value: r.value.value as number, gradient: r.value.gradient! };
};

test('from numpy import *: its max shadows the builtin (max(x, 0) is np.max along axis 0), its sum and linalg are numpy\'s', () => {
  const source = 'from numpy import *\n\ndef f(x):\n    return sum(exp(x)) + max(x, 0) * linalg.norm(x)\n';
  const x = [0.5, 1.5, -0.2];
  const { doc, value, gradient } = gradientAt(source, 'f', { x });
  assert.deepEqual(doc.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.ok(Math.abs(value - 9.339747711692558) < 1e-13, `${value}`);
  const norm = Math.hypot(...x);
  const expected = x.map((xi, i) => Math.exp(xi) + (1.5 * xi) / norm + (i === 1 ? norm : 0));
  (gradient.x as number[]).forEach((g, i) => assert.ok(Math.abs(g - expected[i]!) < 1e-13, `∂/∂x${i}: ${g} vs ${expected[i]}`));
});

test('from math import *: a Kepler potential reads sqrt, log and pi; a later def of the same name wins', () => {
  const source = 'from math import *\n\ndef log(x):\n    return 2.0 * x\n\ndef potential(x, y):\n    return -1 / sqrt(x**2 + y**2) + log(x) * pi\n';
  const { value, gradient } = gradientAt(source, 'potential', { x: 0.6, y: 0.8 });
  // CPython: 2.7699111843077517 (log is the file's 2x; math.log would give -2.60480602688866)
  assert.ok(Math.abs(value - 2.7699111843077517) < 1e-13, `${value}`);
  assert.ok(Math.abs((gradient.x as number) - (0.6 + 2 * Math.PI)) < 1e-13);
  assert.ok(Math.abs((gradient.y as number) - 0.8) < 1e-13);
});

test('a wildcard import binds only what CPython binds: numpy 1.24 leaves NaN out of its __all__; other modules stay unsupported', () => {
  const nan = DocumentAnalysis.fromText('from numpy import *\n\ndef f(x):\n    return x + NaN\n', 'star.py', 'python');
  const r = nan.gradient('f', { values: { x: 1 }, source: 'annotation' });
  assert.ok(!r.ok && /NaN/.test(r.error.message), JSON.stringify(r));
  const special = DocumentAnalysis.fromText('from scipy.special import *\n\ndef f(x):\n    return expit(x)\n', 'star.py', 'python');
  assert.ok(special.diagnostics.some((d) => d.severity === 'error' && /wildcard imports are not supported/.test(d.message)));
});

test('logsumexp from scipy.misc and autograd.scipy.misc is scipy.special.logsumexp', () => {
  for (const module of ['scipy.misc', 'autograd.scipy.misc']) {
    const source = `import numpy as np\nfrom ${module} import logsumexp\n\ndef log_normalize(x):\n    return logsumexp(x)\n`;
    const x = [0.1, 0.7, -0.4];
    const { doc, value, gradient } = gradientAt(source, 'log_normalize', { x });
    assert.deepEqual(doc.diagnostics.filter((d) => d.severity === 'error'), [], module);
    assert.ok(Math.abs(value - 1.3321664402303957) < 1e-14, `${module}: ${value}`);
    const total = x.reduce((s, v) => s + Math.exp(v), 0);
    (gradient.x as number[]).forEach((g, i) => assert.ok(Math.abs(g - Math.exp(x[i]!) / total) < 1e-14));
  }
});
