import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A function that returns nothing and writes into one numpy array argument (scipy's `fprime(x, out)`,
 * BLAS-style `axpy`): numpy writes in place, so that argument after the call is the output, its own
 * unwritten entries included. Jacobians by hand (CPython's values: the real-style corpus's sphere_fprime).
 */
const SOURCE = `import numpy as np

def axpy(a, x, y):
    y[:] += a * x

def first(x, y):
    y[0] = x[0] * x[1]

def recur(x, out):
    for i in range(len(x)):
        out[i] = out[i] * x[i] + 1.0

def caller(x):
    buf = np.zeros(3)
    first(x, buf)
    return np.sum(buf)
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'out.py', 'python');

function jacobian(name: string, at: Record<string, number | number[]>) {
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok);
  const r = doc.gradient(name, point.value);
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  const { value, gradient, jacobian: J, warnings } = r.value;
  return { ...JSON.parse(JSON.stringify({ value, gradient, jacobian: J })), warnings };
}

test('an array written in place is the output: value and Jacobian, unwritten entries passing through', () => {
  const a = jacobian('axpy', { a: 2, x: [1, 2], y: [3, 4] });
  assert.deepEqual(a.value, [5, 8]);
  assert.deepEqual(a.jacobian, { a: [1, 2], x: [[2, 0], [0, 2]], y: [[1, 0], [0, 1]] });
  const f = jacobian('first', { x: [1, 2], y: [3, 4] });
  assert.deepEqual(f.value, [2, 4]);
  assert.deepEqual(f.jacobian, { x: [[2, 1], [0, 0]], y: [[0, 0], [0, 1]] });
  const r = jacobian('recur', { x: [3, 4], out: [2, 5] });
  assert.deepEqual(r.value, [7, 21]);
  assert.deepEqual(r.jacobian, { x: [[2, 0], [0, 5]], out: [[3, 0], [0, 4]] });
  assert.ok(r.warnings.some((w: { message: string }) => /returns nothing and writes into out/.test(w.message)));
});

test('a caller sees the write, as in CPython', () => {
  const c = jacobian('caller', { x: [1, 2, 3] });
  assert.equal(c.value, 2);
  assert.deepEqual(c.gradient, { x: [2, 1, 0] });
});
