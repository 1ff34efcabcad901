import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A binary ufunc's operands broadcast together, numpy's and scipy.special's alike: a loss written
 * with `xlogy(y_true, y_prob)` (scikit-learn's `log_loss` style) or `np.fmax(a, b)` is sampled with
 * one shape for both, as `y_true * np.log(y_prob)` is. Before, each got a shape of its own and the
 * sample stopped at the call ("operands could not be broadcast together"): no point, no lens.
 */
const SOURCE = `import numpy as np
from scipy.special import xlogy, rel_entr

def cross_entropy(y_true, y_prob):
    y_prob = np.clip(y_prob, 1e-12, 1 - 1e-12)
    return -xlogy(y_true, y_prob).sum() / y_prob.shape[0]

def divergence(p, q):
    return np.sum(rel_entr(p, q))

def hinge_floor(a, b):
    return np.sum(np.fmax(a, b) ** 2)
`;
const doc = DocumentAnalysis.fromText(SOURCE, 'file:///ufuncs.py', 'python');

const shapeOf = (v: unknown): number[] => (Array.isArray(v) ? [v.length, ...shapeOf(v[0])] : []);

test('binary ufuncs tie their operands\' shapes: each loss gets a sample point with equal shapes, and a gradient', () => {
  for (const [name, a, b] of [['cross_entropy', 'y_true', 'y_prob'], ['divergence', 'p', 'q'], ['hinge_floor', 'a', 'b']] as const) {
    const at = doc.samplePoint(name) ?? assert.fail(`${name} has no sample point`);
    const values = at.values as Record<string, unknown>;
    assert.ok(shapeOf(values[a]).length > 0, `${name}: ${JSON.stringify(values)}`);
    assert.deepEqual(shapeOf(values[a]), shapeOf(values[b]), `${name}: ${JSON.stringify(values)}`);
    const r = doc.gradient(name, at);
    assert.ok(r.ok, `${name}: ${JSON.stringify(r.ok ? '' : r.error)}`);
    assert.ok(Number.isFinite(r.value.value as number), name);
  }
});
