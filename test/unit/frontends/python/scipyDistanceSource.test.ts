import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * scipy.spatial.distance read as GradLens's own Python source (librarySources.ts): cdist's metrics,
 * pdist and the two-vector distances give scipy's numbers, AD of Σ cdist is the sum of the unit
 * vectors (XA[i] − XB[j]) / d_ij, and a sample point makes cdist's arguments matrices of rows.
 * Expected: scipy 1.10's values at these points, printed by CPython; the gradient by that formula in numpy.
 */
const SOURCE = `import numpy as np
from scipy.spatial.distance import cdist, pdist, euclidean, sqeuclidean, cityblock

def pairwise(XA, XB, metric):
    return cdist(XA, XB, metric)

def total(XA, XB):
    return np.sum(cdist(XA, XB))

def upper(X):
    return pdist(X)

def vectors(u, v):
    return np.array([euclidean(u, v), sqeuclidean(u, v), cityblock(u, v)])

def kernel(x1, x2, length=0.7):
    return np.exp(-cdist(x1 / length, x2 / length) ** 2)

def unknown_metric(XA, XB):
    return cdist(XA, XB, "cosine")
`;
const XA = [[0.3, 1.2], [-0.5, 0.8], [1.1, -0.4]];
const XB = [[0.9, 0.1], [-1.0, 0.6]];
const CDIST: Record<string, number[][]> = {
  euclidean: [[1.2529964086141667, 1.4317821063276355], [1.5652475842498528, 0.5385164807134505], [0.5385164807134505, 2.3259406699226015]],
  sqeuclidean: [[1.5699999999999998, 2.0500000000000003], [2.4499999999999997, 0.29000000000000004], [0.29000000000000004, 5.41]],
  cityblock: [[1.7, 1.9], [2.1, 0.7000000000000001], [0.7000000000000001, 3.1]],
  chebyshev: [[1.0999999999999999, 1.3], [1.4, 0.5], [0.5, 2.1]],
};
const GRAD_XA = [[0.4291072538198782, 1.296953750376131], [0.03404949988534334, 0.8186042718540618], [1.2742511951780342, -1.358410271277607]];

const close = (a: unknown, b: unknown, what: string): void => {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  const [x, y] = [flat(a), flat(b)];
  assert.equal(x.length, y.length, what);
  x.forEach((v, i) => assert.ok(Math.abs(v - y[i]!) < 1e-12, `${what}[${i}]: ${v} vs ${y[i]}`));
};

test("cdist's metrics, pdist and the vector distances give scipy's numbers", () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'dist.py', 'python');
  assert.deepEqual(doc.diagnostics.filter((d) => d.severity === 'error'), []);
  for (const [metric, expected] of Object.entries(CDIST)) {
    const r = doc.evaluate('pairwise', { values: { XA, XB, metric }, source: 'annotation' });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    if (r.ok) close(r.value.value, expected, metric);
  }
  const p = doc.evaluate('upper', { values: { X: XA }, source: 'annotation' });
  assert.ok(p.ok && (close(p.value.value, [0.8944271909999159, 1.788854381999832, 2.0], 'pdist'), true));
  const v = doc.evaluate('vectors', { values: { u: [1, 2, 3], v: [0.5, -1, 2] }, source: 'annotation' });
  assert.ok(v.ok && (close(v.value.value, [3.2015621187164243, 10.25, 4.5], 'vectors'), true));
});

test('AD of the summed Euclidean distances is the sum of the unit vectors between the rows', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'dist.py', 'python');
  const r = doc.gradient('total', { values: { XA, XB }, source: 'annotation' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  if (r.ok) close(r.value.gradient!.XA, GRAD_XA, '∂/∂XA');
});

test('a sample point makes the data cdist is given matrices of rows, a scale divided in stays a number', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'dist.py', 'python');
  const fn = doc.functions().find((f) => f.ir.name === 'kernel')!;
  const [point] = fn.points;
  assert.ok(point, JSON.stringify(fn.pointErrors));
  const rank = (v: unknown): number => (Array.isArray(v) ? 1 + rank(v[0]) : 0);
  assert.equal(rank(point!.values.x1), 2);
  assert.equal(rank(point!.values.x2), 2);
  assert.equal((point!.values.x1 as number[][])[0]!.length, (point!.values.x2 as number[][])[0]!.length);
  assert.equal(point!.values.length, undefined, 'length keeps its default');
});

test('a metric GradLens does not read is a located error saying which it reads', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'dist.py', 'python');
  const r = doc.evaluate('unknown_metric', { values: { XA, XB }, source: 'annotation' });
  assert.ok(!r.ok);
  if (!r.ok) assert.match(r.error.message, /euclidean, sqeuclidean, cityblock and chebyshev of scipy\.spatial\.distance, not cosine/);
});
