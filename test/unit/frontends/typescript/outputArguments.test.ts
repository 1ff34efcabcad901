import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * BLAS-1 style functions that return nothing and write into an argument (`axpy`, `scale(out, v, c)`):
 * the argument's value after the call is the output, its Jacobian the derivative — its own initial
 * value included where the function reads it (`y[i] += …`) — said in an info note. Two written
 * arguments are refused by name; a numpy array parameter is not taken (its writes are new versions).
 */

const BLAS = `
function axpy(n, a, x, y) {
  for (let i = 0; i < n; i++) y[i] += a * x[i];
}
function scale(out, v, c) {
  for (let i = 0; i < v.length; ++i) out[i] = v[i] * c;
}
function swap(x, y) {
  for (let i = 0; i < x.length; i++) { const t = x[i]; x[i] = y[i]; y[i] = t; }
}
`;

test('axpy: y after the call is the output; dy/da = x, dy/dx = a·I, dy/dy = I; n is a count', () => {
  const doc = DocumentAnalysis.fromText(BLAS, 'file:///blas.js', 'typescript');
  const point = doc.resolvePoint('axpy');
  assert.ok(point.ok && point.value.source === 'sample', JSON.stringify(point));
  if (!point.ok) return;
  const { n, a, x, y } = point.value.values as { n: number; a: number; x: number[]; y: number[] };
  assert.equal(n, 3);
  assert.equal(x.length, 3);
  assert.equal(y.length, 3);
  const r = doc.gradient('axpy', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.deepEqual(r.value.value, y.map((v, i) => v + a * x[i]!));
  const J = r.value.jacobian as Record<string, unknown>;
  assert.deepEqual(J.a, x);
  assert.deepEqual(J.x, [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? a : 0))));
  assert.deepEqual(J.y, [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? 1 : 0))));
  assert.equal(J.n, undefined);
  const note = r.value.warnings.find((w) => w.code === 'output-argument');
  assert.equal(note?.severity, 'info');
  assert.match(note!.message, /axpy returns nothing and writes into y/);
});

test('scale: out is overwritten, so its own initial value has derivative 0', () => {
  const doc = DocumentAnalysis.fromText(BLAS, 'file:///blas.js', 'typescript');
  const r = doc.gradient('scale', { values: { out: [9, 9], v: [1, 2], c: 3 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.deepEqual(r.value.value, [3, 6]);
  const J = r.value.jacobian as Record<string, unknown>;
  assert.deepEqual(J.out, [[0, 0], [0, 0]]);
  assert.deepEqual(J.c, [1, 2]);
});

test('two written arguments are refused by name; a Python list argument works the same way', () => {
  const doc = DocumentAnalysis.fromText(BLAS, 'file:///blas.js', 'typescript');
  const r = doc.gradient('swap', { values: { x: [1, 2], y: [3, 4] }, source: 'argument' });
  assert.ok(!r.ok);
  if (!r.ok) assert.match(r.error.message, /swap returns nothing and writes into x, y.*return \[x, y\]/);
  const py = DocumentAnalysis.fromText('def step(w, g, lr):\n    for i in range(len(w)):\n        w[i] -= lr * g[i]\n', 'file:///step.py', 'python');
  const s = py.gradient('step', { values: { w: [1, 2], g: [0.5, 0.25], lr: 0.1 }, source: 'argument' });
  assert.ok(s.ok, JSON.stringify(s));
  if (s.ok) assert.deepEqual((s.value.jacobian as Record<string, unknown>).lr, [-0.5, -0.25]);
});
