import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import type { ResolvedPoint } from '../../../src/analysis/points';
import { mapPointTree, pointLeaves, type PointTree } from '../../../src/core/pointTree';

/**
 * Parameters that are lists of (W, b) pairs, as tutorials write an MLP's layers: `for W, b in params`
 * and `for W, b in zip(Ws, bs)`. The sample point has that structure, the run makes each pair's
 * parts numpy arrays, and the gradient comes back in the same structure, each entry equal to a
 * central difference of GradLens's own values (the CPython check of the same functions is the
 * real-style corpus's, realPython.test.ts).
 */

const MLP = `import numpy as np

def mlp_loss(params, X, y):
    h = X
    for W, b in params:
        h = np.tanh(h @ W + b)
    return np.mean((h[:, 0] - y) ** 2)

def stacked_loss(weights, biases, X, y):
    a = X
    for W, b in zip(weights, biases):
        a = 1.0 / (1.0 + np.exp(-(a.dot(W) + b)))
    return 0.5 * np.sum((a - y) ** 2)

def neural_net_predict(params, inputs):
    for W, b in params:
        outputs = np.dot(inputs, W) + b
        inputs = np.tanh(outputs)
    return outputs

def l2_penalty(params, reg):
    return reg * sum(np.sum(W * W) + np.sum(b * b) for W, b in params)
`;

const doc = DocumentAnalysis.fromText(MLP, 'file:///mlp.py', 'python');
const sampleOf = (name: string): ResolvedPoint => {
  const p = doc.samplePoint(name);
  assert.ok(p, `${name} has no sample point`);
  return p;
};
const shape = (v: PointTree): number[] => (Array.isArray(v) ? [v.length, ...shape(v[0] as PointTree)] : []);

/** Every entry of every parameter of `name` at `point`: GradLens's gradient against (f(x+h) − f(x−h)) / 2h of its own values. */
function checkGradient(name: string, point: ResolvedPoint): void {
  const g = doc.gradient(name, point);
  assert.ok(g.ok, g.ok ? '' : g.error.message);
  const value = (values: Record<string, PointTree>): number => {
    const out = doc.evaluate(name, { ...point, values });
    assert.ok(out.ok);
    return out.value.value as number;
  };
  for (const [param, at] of Object.entries(point.values)) {
    const grad: PointTree | undefined = g.value.gradient?.[param] as PointTree | undefined;
    assert.ok(grad !== undefined, `no gradient for ${param}`);
    // Same structure: the gradient's numbers sit where the point's do.
    assert.deepEqual(mapPointTree(grad as PointTree, () => 0), mapPointTree(at, () => 0), `${name}: ∂/∂${param} is not in ${param}'s structure`);
    const analytic = pointLeaves(grad as PointTree);
    const n = pointLeaves(at).length;
    for (let i = 0; i < n; i++) {
      const h = 1e-6;
      let k = -1;
      const moved = (d: number) => ({ ...point.values, [param]: mapPointTree(at, (x) => (++k === i ? x + d : x)) });
      k = -1;
      const up = value(moved(h));
      k = -1;
      const down = value(moved(-h));
      const fd = (up - down) / (2 * h);
      assert.ok(Math.abs(fd - analytic[i]!) <= 1e-6 + 1e-5 * Math.abs(fd), `${name}: ∂/∂${param} entry ${i}: ${analytic[i]} vs central difference ${fd}`);
    }
  }
}

test('for W, b in params: a sample list of (matrix, vector) pairs, square so layers chain, and its gradient in that structure', () => {
  const point = sampleOf('mlp_loss');
  const params = point.values.params as PointTree[];
  assert.ok(params.length >= 2, 'more than one layer, so the loop runs more than once');
  for (const pair of params as PointTree[][]) {
    assert.equal(pair.length, 2);
    const [w, b] = pair.map(shape);
    assert.equal(w!.length, 2, 'W a matrix');
    assert.deepEqual(b, [w![1]], 'b a vector, one per output (not per row of X)');
    assert.equal(w![0], w![1], 'square, so the next layer takes this one\'s output');
  }
  assert.equal(shape(point.values.X!)[1], shape((params[0] as PointTree[])[0]!)[0]);
  assert.ok(point.notes?.some((n) => /params: a list of \d+ tuples \(a \d+×\d+ array, a vector of \d+\)/.test(n)), point.notes?.join('\n'));
  checkGradient('mlp_loss', point);
});

test('for W, b in zip(Ws, bs): each list a stack of arrays one axis longer than its part', () => {
  const point = sampleOf('stacked_loss');
  const [n, rows, cols] = shape(point.values.weights!);
  assert.equal(shape(point.values.weights!).length, 3);
  assert.deepEqual(shape(point.values.biases!), [n, cols]);
  assert.equal(rows, cols);
  checkGradient('stacked_loss', point);
});

test('a parameter reassigned in the loop (autograd\'s neural_net_predict) and a generator over the pairs', () => {
  checkGradient('l2_penalty', sampleOf('l2_penalty'));
  const point = sampleOf('neural_net_predict');
  const g = doc.gradient('neural_net_predict', point);
  assert.ok(g.ok && g.value.jacobian, 'an array output: a Jacobian');
});

test('an explicit point with layers of different widths runs: a ragged list is a list of arrays, as in Python', () => {
  const point: ResolvedPoint = {
    source: 'argument',
    values: { params: [[[[0.1, 0.2], [0.3, 0.4]], [0.1, 0.2]], [[[0.5], [0.6]], [0.3]]], X: [[1, 2], [3, 4], [5, 6]], y: [0.1, 0.2, 0.3] },
  };
  const g = doc.gradient('mlp_loss', point);
  assert.ok(g.ok);
  // torch 1.13, float64, the same network: loss 0.4338771123260634, ∂/∂b₂ 0.35315474646506084.
  assert.ok(Math.abs((g.value.value as number) - 0.4338771123260634) < 1e-15);
  const last = (g.value.gradient!.params as PointTree[][])[1]!;
  assert.ok(Math.abs((last[1] as number[])[0]! - 0.35315474646506084) < 1e-12);
  checkGradient('mlp_loss', point);
});
