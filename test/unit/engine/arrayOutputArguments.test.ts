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

/**
 * numpy's in-place forms write the whole argument (scikit-learn's `inplace_*` activations): a ufunc's
 * `out=` naming it, and an augmented assignment to the bare name, which numpy does in place on an
 * array. A float is rebound by it (CPython: nothing changes for the caller), and so is a name assigned
 * anew first: those still return None. Jacobians by hand.
 */
const IN_PLACE = `import numpy as np

def tanh_inplace(X):
    np.tanh(X, out=X)

def normalize_rows(X):
    X /= X.sum(axis=1)[:, np.newaxis]

def damp(delta, Z):
    delta *= Z

def bump(x):
    x += 1.0

def rebound(X):
    X = X * 2.0
    X /= 3.0
`;
const inPlace = DocumentAnalysis.fromText(IN_PLACE, 'in_place.py', 'python');

test('an array written in place as a whole (out=, /=, *=) is the output; a float or a rebound name is not', () => {
  const run = (name: string, at: Record<string, unknown>) => {
    const point = inPlace.resolvePoint(name, at as Record<string, number[]>);
    assert.ok(point.ok);
    return inPlace.gradient(name, point.value);
  };
  const t = run('tanh_inplace', { X: [0.5, -1] });
  assert.ok(t.ok, JSON.stringify(t.ok ? '' : t.error));
  const th = [Math.tanh(0.5), Math.tanh(-1)];
  assert.deepEqual(JSON.parse(JSON.stringify(t.value.value)), th);
  const jt = JSON.parse(JSON.stringify(t.value.jacobian)).X as number[][];
  [0, 1].forEach((i) => [0, 1].forEach((k) => assert.ok(Math.abs(jt[i]![k]! - (i === k ? 1 - th[i]! ** 2 : 0)) < 1e-15, `${i},${k}`)));
  assert.ok(t.value.warnings.some((w) => /returns nothing and writes into X/.test(w.message)));

  const n = run('normalize_rows', { X: [[1, 3], [2, 2]] });
  assert.ok(n.ok, JSON.stringify(n.ok ? '' : n.error));
  assert.deepEqual(JSON.parse(JSON.stringify(n.value.value)), [[0.25, 0.75], [0.5, 0.5]]);
  const jn = JSON.parse(JSON.stringify(n.value.jacobian)).X as number[][][][];
  assert.deepEqual(jn[0]![0], [[3 / 16, -1 / 16], [0, 0]]);
  assert.deepEqual(jn[0]![1], [[-3 / 16, 1 / 16], [0, 0]]);
  assert.deepEqual(jn[1]![1], [[0, 0], [-2 / 16, 2 / 16]]);

  const d = run('damp', { delta: [2, 3], Z: [0.5, 4] });
  assert.ok(d.ok, JSON.stringify(d.ok ? '' : d.error));
  assert.deepEqual(JSON.parse(JSON.stringify(d.value.value)), [1, 12]);
  assert.deepEqual(JSON.parse(JSON.stringify(d.value.jacobian)), { delta: [[0.5, 0], [0, 4]], Z: [[2, 0], [0, 3]] });

  for (const [name, at] of [['bump', { x: 2 }], ['rebound', { X: [1, 2] }]] as const) {
    const r = run(name, at);
    assert.ok(!r.ok && /returned None/.test(r.error.message), `${name}: ${JSON.stringify(r)}`);
  }
});
