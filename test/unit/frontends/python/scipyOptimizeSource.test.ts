import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * scipy.optimize's Rosenbrock function and gradient, read as GradLens's own Python source
 * (librarySources.ts), and time.sleep as a call that changes no number (scipy's benchmark
 * SlowRosen). Expected: scipy's rosen and rosen_der at x = [1.3, 0.7, 0.8, 1.9], printed by CPython.
 */
const SOURCE = `import time
import numpy as np
from scipy.optimize import minimize, rosen, rosen_der

def slow(x):
    time.sleep(1e-6)
    return rosen(x)

def rosen_grad(x):
    return rosen_der(x)

def fitted(x0):
    return minimize(rosen, x0).fun

minimize(rosen, np.array([1.3, 0.7]))
`;
const X = [1.3, 0.7, 0.8, 1.9];
const ROSEN = 266.59999999999997;
const ROSEN_DER = [515.4000000000001, -285.4000000000001, -341.5999999999999, 251.99999999999994];

test('rosen and rosen_der from scipy.optimize give scipy\'s numbers, and AD of rosen is rosen_der', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'opt.py', 'python');
  assert.deepEqual(doc.diagnostics.filter((d) => d.severity === 'error'), []);
  const r = doc.gradient('slow', { values: { x: X }, source: 'annotation' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  if (!r.ok) return;
  assert.ok(Math.abs((r.value.value as number) - ROSEN) < 1e-11, `${r.value.value}`);
  (r.value.gradient!.x as number[]).forEach((g, i) => assert.ok(Math.abs(g - ROSEN_DER[i]!) < 1e-11, `${i}: ${g}`));
  const d = doc.gradient('rosen_grad', { values: { x: X }, source: 'annotation' });
  assert.ok(d.ok, d.ok ? '' : d.error.message);
  if (d.ok) (d.value.value as number[]).forEach((g, i) => assert.ok(Math.abs(g - ROSEN_DER[i]!) < 1e-11, `${i}: ${g}`));
});

test('the rest of scipy.optimize is refused where it is reached, naming what GradLens reads of it', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'opt.py', 'python');
  const r = doc.gradient('fitted', { values: { x0: [1.3, 0.7] }, source: 'annotation' });
  assert.ok(!r.ok);
  if (!r.ok) assert.equal(r.error.message, 'minimize comes from module scipy.optimize, which GradLens does not support (of it, GradLens reads rosen, rosen_der)');
});
