import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { laterAttributes } from '../../../src/analysis/laterAttributes';
import { lowerDocument } from '../../../src/analysis/languages';

/**
 * A model class as tutorials and numpy-ml write one: the constructor leaves `coef` None, `fit` sets
 * it (and `offset`, which the constructor never names), `predict` and `loss` read them. Made as its
 * constructor makes it, the instance has no coefficients; as a user calls `predict` (after `fit`), it
 * has. The sample gives them on the instance, not differentiated; the text attribute `penalty` keeps
 * its constructor's value.
 */
const MODEL = `import numpy as np


class RidgeModel:
    def __init__(self, alpha=0.1, penalty="l2"):
        self.alpha = alpha
        self.penalty = penalty
        self.coef = None

    def fit(self, X, y):
        n = X.shape[1]
        self.coef = np.linalg.solve(X.T @ X + self.alpha * np.eye(n), X.T @ y)
        self.offset = np.mean(y - X @ self.coef)

    def predict(self, X):
        return X @ self.coef + self.offset

    def loss(self, X, y):
        r = X @ self.coef - y
        reg = np.sum(self.coef ** 2) if self.penalty == "l2" else np.sum(np.abs(self.coef))
        return np.mean(r ** 2) + self.alpha * reg

    def scaled(self, x):
        return x * self.alpha


class Unfinished:
    def __init__(self):
        self.w = None

    def predict(self, X):
        return X @ self.w
`;

const classesOf = (source: string) => lowerDocument(source, 'model.py', 'python').classes ?? [];
const methodIr = (source: string, cls: string, name: string) => classesOf(source).find((c) => c.name === cls)!.methods.find((m) => m.fn.name === name)!.fn;

test('the attributes a method reads that the constructor leaves None or unset and another method sets', () => {
  const classes = classesOf(MODEL);
  assert.deepEqual(laterAttributes(classes, 'RidgeModel', methodIr(MODEL, 'RidgeModel', 'predict')).sort(), ['coef', 'offset']);
  assert.deepEqual(laterAttributes(classes, 'RidgeModel', methodIr(MODEL, 'RidgeModel', 'loss')), ['coef']);
  // Set by the constructor (alpha), or by no method at all (Unfinished's w): nothing to sample.
  assert.deepEqual(laterAttributes(classes, 'RidgeModel', methodIr(MODEL, 'RidgeModel', 'scaled')), []);
  assert.deepEqual(laterAttributes(classes, 'Unfinished', methodIr(MODEL, 'Unfinished', 'predict')), []);
});

test('a method reading what fit sets gets a sample point with those attributes on its instance, and its numbers', () => {
  const doc = DocumentAnalysis.fromText(MODEL, 'model.py', 'python');
  const point = doc.resolvePoint('RidgeModel.loss');
  assert.ok(point.ok, JSON.stringify(point));
  if (!point.ok) return;
  const X = point.value.values.X as number[][];
  const y = point.value.values.y as number[];
  const coef = point.value.receiver?.coef as number[];
  assert.equal(coef.length, X[0]!.length, 'coef as long as a row of X');
  assert.equal(point.value.receiver?.penalty, undefined, 'the text attribute keeps its constructor value');
  assert.ok(point.value.notes?.some((n) => /RidgeModel\(…\) does not set coef; fit does/.test(n)), JSON.stringify(point.value.notes));
  const r = doc.gradient('RidgeModel.loss', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const residual = X.map((row, i) => row.reduce((s, v, j) => s + v * coef[j]!, 0) - y[i]!);
  const mse = residual.reduce((s, v) => s + v * v, 0) / residual.length;
  const expected = mse + 0.1 * coef.reduce((s, c) => s + c * c, 0);
  assert.ok(Math.abs((r.value.value as number) - expected) < 1e-14, `${r.value.value} vs ${expected}`);
  // ∂/∂y_i = −2 r_i / n; coef is a constant of the instance, not an input.
  (r.value.gradient!.y as number[]).forEach((g, i) => assert.ok(Math.abs(g + (2 * residual[i]!) / residual.length) < 1e-14));
  assert.equal(r.value.gradient!.self, undefined);
});

test('a method reading an attribute nothing sets still has no sample point', () => {
  const doc = DocumentAnalysis.fromText(MODEL, 'model.py', 'python');
  assert.ok(!doc.resolvePoint('Unfinished.predict').ok);
});
