import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A factory (every return gives a function) gets no point and no lens, even where the file calls it
 * with numbers: its output is a function, not a number. The function it makes, bound at module level,
 * gets the point instead. One rule for every language (analysis/problems.ts).
 */

function summary(doc: DocumentAnalysis, name: string) {
  const f = doc.functions().find((s) => s.ir.name === name);
  assert.ok(f, `${name} is listed`);
  return { points: f.points.map((p) => p.source), arithmetic: f.arithmetic };
}

test('a JavaScript factory called with numbers gets no point; the function it makes does', () => {
  const text = [
    'function scaled(k, p) {',
    '  if (!(k > 0)) throw new Error("k must be positive");',
    '  return function f(x) { return k * x ** p; };',
    '}',
    'function arrow(k) { return (x) => k * x; }',
    'function both(k) { if (k > 1) return 2 * k; return (x) => x; }',
    'export var cube = scaled(2, 3);',
    'cube(0.5);',
    'arrow(3);',
    'both(3);',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'file:///f.js', 'typescript');
  assert.deepEqual(summary(doc, 'scaled'), { points: [], arithmetic: false });
  assert.deepEqual(summary(doc, 'arrow'), { points: [], arithmetic: false });
  // One return gives a number: not a factory.
  assert.deepEqual(summary(doc, 'both'), { points: ['call-site'], arithmetic: true });
  assert.deepEqual(summary(doc, 'cube').points, ['call-site']);
  const point = doc.resolvePoint('cube');
  assert.ok(point.ok);
  const r = doc.gradient('cube', point.value);
  assert.ok(r.ok && Math.abs((r.value.gradient!.x as number) - 2 * 3 * 0.25) < 1e-12);
});

test('a Python factory returning its nested def gets no point either', () => {
  const text = 'def make_loss(a):\n    def loss(w):\n        return (w - a) ** 2\n    return loss\n\nmake_loss(2.0)\n';
  const doc = DocumentAnalysis.fromText(text, 'file:///f.py', 'python');
  assert.deepEqual(summary(doc, 'make_loss'), { points: [], arithmetic: false });
});

test('a Python factory returning a tuple of its sizes and nested defs gets no point, and no error in Problems', () => {
  // autograd's examples: `num_weights, sample, logprob, unpack = make_ica_funs(100, 2)` at module level.
  const text = [
    'import numpy as np',
    '',
    'def make_funs(n, k):',
    '    def predict(w, z):',
    '        return np.dot(w, z)',
    '    def logprob(w, z):',
    '        return -np.sum(predict(w, z) ** 2)',
    '    return n * k, predict, logprob',
    '',
    'def sizes(n):',
    '    return n, [n, n]',
    '',
    'num_weights, predict, logprob = make_funs(100, 2)',
    'sizes(3)',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'file:///f.py', 'python');
  assert.deepEqual(summary(doc, 'make_funs'), { points: [], arithmetic: false });
  // A tuple of numbers is a value, not a factory's output.
  assert.deepEqual(summary(doc, 'sizes').points, ['call-site']);
  assert.deepEqual(doc.diagnostics.filter((d) => d.severity === 'error'), []);
});
