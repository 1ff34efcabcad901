import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import type { ResolvedPoint } from '../../../src/analysis/points';
import { pointLeaves, type PointTree } from '../../../src/core/pointTree';

/**
 * Weights kept in a dict and read by key (`W1, b1 = params["W1"], params["b1"]`, autograd's rnn
 * `params["change"]`, a course's `bn_param["mode"]`): the sample point is a dict of the entries'
 * shapes, a numpy module's lists in it are arrays, and the gradient comes back as a dict, each entry
 * equal to a central difference of GradLens's own values (CPython's are checked on the real-style
 * corpus, realPython.test.ts, objectives.py).
 */

const NET = `import numpy as np

def scores(params, X):
    W1, b1 = params["W1"], params["b1"]
    hidden = np.tanh(X.dot(W1) + b1)
    return hidden.dot(params["W2"])

def loss(params, X, reg):
    s = scores(params, X)
    return np.mean(s ** 2) + reg * np.sum(params["W1"] ** 2)

def kl(q):
    return 0.5 * np.sum(np.exp(q["log_var"]) + q["mean"] ** 2 - 1.0 - q["log_var"])

def swap(a, b):
    a, b = b, a
    return a - 2 * b

def norm_layer(x, bn_param):
    if bn_param["mode"] == "train":
        return np.sum((x - np.mean(x)) ** 2)
    return np.sum(x)
`;

const doc = DocumentAnalysis.fromText(NET, 'file:///net.py', 'python');
const sampleOf = (name: string): ResolvedPoint => doc.samplePoint(name) ?? assert.fail(`${name} has no sample point`);
/** [rows, columns] of a nested list, [n] of a list of numbers. */
const shape = (v: PointTree): number[] => (Array.isArray(v) ? (Array.isArray(v[0]) ? [v.length, (v[0] as PointTree[]).length] : [v.length]) : []);

/** Every number of the point, one at a time: GradLens's gradient against (f(x+h) − f(x−h)) / 2h of its own values. */
function checkGradient(name: string, point: ResolvedPoint): void {
  const g = doc.gradient(name, point);
  assert.ok(g.ok, g.ok ? '' : g.error.message);
  const flat = JSON.stringify(point.values);
  const leaves = pointLeaves(point.values as PointTree);
  const analytic = pointLeaves(g.value.gradient as PointTree);
  assert.equal(analytic.length, leaves.length, 'a gradient entry for every number of the point');
  for (let i = 0; i < leaves.length; i++) {
    const at = (delta: number): number => {
      let k = 0;
      const moved = JSON.parse(flat, (_key, v) => (typeof v === 'number' ? (k++ === i ? v + delta : v) : v)) as Record<string, PointTree>;
      const out = doc.evaluate(name, { ...point, values: moved });
      assert.ok(out.ok);
      return out.value.value as number;
    };
    const h = 1e-6;
    const fd = (at(h) - at(-h)) / (2 * h);
    assert.ok(Math.abs(fd - analytic[i]!) <= 1e-6 + 1e-5 * Math.abs(fd), `${name}: entry ${i}: ${analytic[i]} vs central difference ${fd}`);
  }
}

test('a dict read by key gets a dict of the shapes each entry is used in, through a call', () => {
  const point = sampleOf('loss');
  const params = point.values.params as Record<string, PointTree>;
  assert.deepEqual(Object.keys(params).sort(), ['W1', 'W2', 'b1']);
  const [n, d] = shape(point.values.X!);
  assert.equal(shape(params.W1!)[0], d, 'X.dot(W1) ties W1 to X');
  assert.equal(shape(params.W2!)[0], shape(params.W1!)[1], 'hidden.dot(W2) ties W2 to W1');
  assert.ok(n! > 0);
  assert.ok(point.notes?.some((t) => /params: a dict \{/.test(t)), point.notes?.join('\n'));
  checkGradient('loss', point);
  const g = doc.gradient('loss', point);
  assert.ok(g.ok && g.value.gradient);
  assert.deepEqual(Object.keys(g.value.gradient.params as object).sort(), ['W1', 'W2', 'b1'], 'the gradient is a dict of the same keys');
});

test('entries of a dict point are numpy arrays in a numpy module (`q["mean"] ** 2` is elementwise)', () => {
  const point = sampleOf('kl');
  const q = point.values.q as Record<string, PointTree>;
  assert.deepEqual(Object.keys(q), ['log_var', 'mean']);
  const out = doc.evaluate('kl', point);
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  const lv = q.log_var as number[];
  const mu = q.mean as number[];
  const expected = 0.5 * lv.reduce((s, v, i) => s + Math.exp(v) + mu[i]! ** 2 - 1 - v, 0);
  assert.ok(Math.abs((out.value.value as number) - expected) < 1e-12);
  checkGradient('kl', point);
});

test('`a, b = b, a` is a swap, not two assignments in turn', () => {
  const point: ResolvedPoint = { values: { a: 1, b: 10 }, source: 'argument' };
  const out = doc.evaluate('swap', point);
  assert.ok(out.ok);
  assert.equal(out.value.value, 10 - 2);
});

test('an entry compared with a string is sampled with that string, never a number, and the sample says so', () => {
  const r = doc.samplePoint('norm_layer');
  assert.ok(r, 'no sample point');
  const bn = r.values.bn_param as Record<string, unknown>;
  assert.equal(bn.mode, 'train', JSON.stringify(r.values));
  assert.ok((r.notes ?? []).some((n) => n.startsWith('bn_param["mode"]: "train", the first string the code compares it with')), JSON.stringify(r.notes));
  const out = doc.evaluate('norm_layer', r);
  assert.ok(out.ok);
  const x = r.values.x as number[];
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  assert.ok(Math.abs((out.value.value as number) - x.reduce((t, v) => t + (v - m) ** 2, 0)) < 1e-15, 'the train branch ran');
});

test('a dict literal at a call site is a point', () => {
  const text = `${NET}\nbn_param = {"mode": "train", "eps": 1e-5}\nnorm_layer(np.array([0.2, 0.5, 0.9]), bn_param)\n`;
  const withCall = DocumentAnalysis.fromText(text, 'file:///net2.py', 'python');
  const r = withCall.resolvePoint('norm_layer');
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.deepEqual({ ...(r.value.values.bn_param as object) }, { mode: "train", eps: 1e-5 });
  const out = withCall.evaluate('norm_layer', r.value);
  assert.ok(out.ok);
  const x = [0.2, 0.5, 0.9];
  const m = (0.2 + 0.5 + 0.9) / 3;
  assert.ok(Math.abs((out.value.value as number) - x.reduce((s, v) => s + (v - m) ** 2, 0)) < 1e-15);
});
