import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A helper whose sample point of inferred shapes does not run (a broadcast over an axis the shapes
 * miss) takes the arguments a function with a point passes it when run there — directly or through a
 * function value handed on, as autograd's `make_gp_funs(rbf_covariance, …)` does. Values by hand.
 */
const SOURCE = `import numpy as np

def rbf(params, x, xp):
    scale = np.exp(params[0])
    lengths = np.exp(params[1:])
    diffs = np.expand_dims(x / lengths, 1) - np.expand_dims(xp / lengths, 0)
    return scale * np.exp(-0.5 * np.sum(diffs ** 2, axis=2))

def make_objective(cov):
    def objective(params, x):
        return np.sum(cov(params, x, x))
    return objective

objective = make_objective(rbf)

def direct(params):
    x = np.array([[0.0], [0.5]])
    return np.sum(rbf(params, x, x))

if __name__ == "__main__":
    print(objective(np.array([0.0, 0.0]), np.array([[0.0], [1.0]])))
`;

test('a helper with no running sample gets the arguments its caller passes at its own point', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'gp.py', 'python');
  const point = doc.resolvePoint('rbf');
  assert.ok(point.ok, JSON.stringify(point.ok ? '' : point.error));
  assert.equal(point.value.source, 'sample');
  assert.deepEqual(JSON.parse(JSON.stringify(point.value.values)), { params: [0, 0], x: [[0], [1]], xp: [[0], [1]] });
  assert.match(point.value.notes!.join('\n'), /the arguments objective passes it at its point/);
  const r = doc.gradient('rbf', point.value);
  assert.ok(r.ok);
  // exp(0)·exp(−(0 − 1)²/2) off the diagonal, 1 on it.
  const off = Math.exp(-0.5);
  assert.deepEqual(JSON.parse(JSON.stringify(r.value.value)), [[1, off], [off, 1]]);
});

test('without a caller that has a point, the arguments a caller passes at its sample point, said so', () => {
  const doc = DocumentAnalysis.fromText(SOURCE.replace(/if __name__[\s\S]*$/, ''), 'gp.py', 'python');
  const point = doc.resolvePoint('rbf');
  assert.ok(point.ok);
  // direct's own x, and the params of direct's sample
  assert.deepEqual(JSON.parse(JSON.stringify(point.value.values)).x, [[0], [0.5]]);
  assert.match(point.value.notes!.join('\n'), /the arguments direct passes it at its sample point/);
});

test('with neither a point nor a sample among its callers, it has none', () => {
  const doc = DocumentAnalysis.fromText(SOURCE.replace(/def direct[\s\S]*$/, ''), 'gp.py', 'python');
  assert.equal(doc.resolvePoint('rbf').ok, false);
});
