import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { pythonDivmod } from '../../../src/engine/interpreter/operators';

/**
 * Python's `//` and `%` of floats, from the exact remainder as CPython computes them. The expected
 * pairs are CPython 3's `divmod(a, b)` (run once by hand with /usr/bin/python3, copied here); the
 * formula a − b·floor(a/b) gets several of them wrong where a/b rounds to a whole number.
 */
const CPYTHON: [number, number, number, number][] = [
  [5.5, 0.1, 54, 0.0999999999999997],
  [-5.5, 0.1, -55, 3.0531133177191805e-16],
  [5.5, -0.1, -55, -3.0531133177191805e-16],
  [7, 3, 2, 1],
  [-7, 3, -3, 2],
  [7, -3, -3, -2],
  [1e17, 3, 3.3333333333333332e16, 1],
  [0.3, 0.1, 2, 0.09999999999999998],
  [2.5, 0.5, 5, 0],
  [1, 1e-300, 9.999999999999999e299, 8.963186528039712e-301],
  [-1e-320, 1, -1, 1],
];

test('pythonDivmod gives CPython divmod bit for bit, signs of zero included', () => {
  for (const [a, b, div, mod] of CPYTHON) assert.deepEqual(pythonDivmod(a, b), [div, mod], `divmod(${a}, ${b})`);
  assert.ok(Object.is(pythonDivmod(-0, 3)[0], -0) && Object.is(pythonDivmod(-0, 3)[1], 0));
  assert.ok(Object.is(pythonDivmod(0, -3)[0], -0) && Object.is(pythonDivmod(0, -3)[1], -0));
});

test('Python source: % and // of numbers are CPython\'s; of a differentiated value the derivative is unchanged', () => {
  const doc = DocumentAnalysis.fromText('def f(x):\n    return 5.5 % 0.1 + (5.5 // 0.1) * x + x % 2.0\n', 'm.py', 'python');
  const r = doc.gradient('f', { values: { x: 3.25 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.value.value, 0.0999999999999997 + 54 * 3.25 + 1.25);
  assert.equal(r.value.gradient!.x, 55);
});
