import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * Which results share their array with what they came from, as numpy decides: `reshape`, `ravel`
 * and `.T` are views (a write through them reaches the array, `g = grad.reshape(-1); g[i] = …`
 * fills grad), `astype` is a new array unless `copy=False` keeps the same dtype, and the ravel of a
 * transpose is a copy. Each expected number is written from numpy's rule, not from GradLens.
 */

const SOURCE = `import numpy as np

def astype_copy(x):
    y = x.astype(float)
    y[0] = 5.0
    return x[0] * 2 + y[0]

def astype_same(x):
    y = x.astype(float, copy=False)
    y[0] = 5.0
    return x[0] * 2 + y[0]

def reshape_write(x):
    y = x.reshape(2, 2)
    y[0, 0] = 5.0
    return x[0] * 2 + y[0, 0]

def fill_through_ravel(x):
    grad = np.zeros((2, 2))
    g = grad.ravel()
    for i in range(4):
        g[i] = 2 * x[i]
    return np.sum(grad * grad) + np.sum(x)

def column_reshaped(x):
    A = x.reshape(2, 2)
    c = A[:, 0].reshape(2, 1)
    c[0, 0] = 7.0
    return np.sum(x * x)

def transpose_write(W):
    V = W.T
    V[0, 1] = 9.0
    return np.sum(W * W)

def transposed_ravel(x):
    r = x.reshape(2, 2).T.ravel()
    r[1] = 100.0
    return np.sum(x * x) + r[1]
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'file:///views.py', 'python');
const x = [1.5, 2, 3, 4];
const W = [
  [1, 2, 3],
  [4.5, 5, 6],
];

function at(name: string, values: Record<string, unknown>): { value: number; gradient: Record<string, unknown> } {
  const r = doc.gradient(name, { values: values as never, source: 'argument' });
  assert.ok(r.ok, r.ok ? '' : `${name}: ${r.error.message}`);
  return { value: r.value.value as number, gradient: { ...r.value.gradient! } };
}

const sumSquares = (v: readonly number[]): number => v.reduce((s, a) => s + a * a, 0);

test('astype gives a new array, unless copy=False and the dtype is already the one asked', () => {
  assert.deepEqual(at('astype_copy', { x }), { value: 2 * x[0]! + 5, gradient: { x: [2, 0, 0, 0] } });
  assert.deepEqual(at('astype_same', { x }), { value: 2 * 5 + 5, gradient: { x: [0, 0, 0, 0] } });
});

test('a write into a reshape or a ravel reaches the array it came from', () => {
  assert.deepEqual(at('reshape_write', { x }), { value: 2 * 5 + 5, gradient: { x: [0, 0, 0, 0] } });
  // grad's entries are 2·xᵢ, written through its ravel: Σ 4xᵢ² + Σ xᵢ.
  assert.deepEqual(at('fill_through_ravel', { x }), { value: 4 * sumSquares(x) + 10.5, gradient: { x: x.map((v) => 8 * v + 1) } });
  // A column of a reshape is strided, and its (2, 1) reshape still a view: x[0] becomes 7.
  assert.deepEqual(at('column_reshaped', { x }), { value: 49 + sumSquares(x.slice(1)), gradient: { x: [0, 4, 6, 8] } });
});

test('a write into W.T reaches W; the ravel of a transpose is a copy, and a write into it does not', () => {
  const r = at('transpose_write', { W });
  assert.equal(r.value, sumSquares(W[0]!) + 81 + sumSquares(W[1]!.slice(1)));
  assert.deepEqual(r.gradient, { W: [W[0]!.map((v) => 2 * v), [0, 10, 12]] });
  assert.deepEqual(at('transposed_ravel', { x }), { value: sumSquares(x) + 100, gradient: { x: x.map((v) => 2 * v) } });
});
