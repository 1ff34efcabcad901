import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import type { ResolvedPoint } from '../../../src/analysis/points';
import type { PointTree } from '../../../src/core/pointTree';

/**
 * Sizes that are sums of other sizes (autograd's rnn/lstm examples): a weight matrix takes the
 * input, the state and a bias column stacked side by side, so its rows are inputs + state + 1, and
 * its columns are the state the loop carries on. The sample point must have those shapes, or it does
 * not run. The corpus file's numbers are checked against CPython in realPython.test.ts.
 */

const FILE = join(__dirname, '..', '..', 'fixtures', 'real_python', 'recurrent_nets.py');
const doc = DocumentAnalysis.fromText(readFileSync(FILE, 'utf8'), 'file:///recurrent_nets.py', 'python');
const sampleOf = (d: DocumentAnalysis, name: string): ResolvedPoint => d.samplePoint(name) ?? assert.fail(`${name} has no sample point`);
const shape = (v: PointTree): number[] => (Array.isArray(v) ? [v.length, ...shape(v[0] as PointTree)] : []);
const entries = (v: PointTree | undefined): Record<string, PointTree> => v as Record<string, PointTree>;

test('a recurrent net: the step matrix has inputs + state + 1 rows and state columns, the readout state + 1 rows', () => {
  const point = sampleOf(doc, 'recurrent_outputs');
  const params = entries(point.values['params']);
  const [, , inputs] = shape(point.values['sequences']!);
  const [one, state] = shape(params['h0']!);
  assert.equal(one, 1, 'the initial state is one row, repeated for every sequence');
  assert.deepEqual(shape(params['step']!), [inputs! + state! + 1, state]);
  assert.equal(shape(params['readout']!)[0], state! + 1);
  assert.ok(doc.evaluate('recurrent_outputs', point).ok);
});

test('a gated cell: every gate has the stacked rows, and the state the cell returns as a tuple keeps its width', () => {
  const point = sampleOf(doc, 'gated_outputs');
  const params = entries(point.values['params']);
  const [, , inputs] = shape(point.values['sequences']!);
  const state = shape(params['h0']!)[1]!;
  for (const gate of ['keep', 'write', 'candidate', 'emit']) assert.deepEqual(shape(params[gate]!), [inputs! + state + 1, state], gate);
  assert.deepEqual(shape(params['c0']!), [1, state]);
  const g = doc.gradient('gated_outputs', point);
  assert.ok(g.ok, g.ok ? '' : g.error.message);
});

test('a helper taking *args gets the arguments its caller passes, its *args as a list of arrays', () => {
  const point = sampleOf(doc, 'stacked_affine');
  const parts = point.values['parts'] as PointTree[];
  assert.ok(Array.isArray(parts) && parts.length >= 1, 'parts is the list of the extra arguments');
  const rows = shape(parts[0]!)[0];
  const width = parts.reduce<number>((n, p) => n + shape(p)[1]!, 0);
  assert.equal(shape(point.values['weights']!)[0], width + 1, 'the weights take the parts and the bias column');
  for (const p of parts) assert.equal(shape(p)[0], rows);
  const j = doc.gradient('stacked_affine', point);
  assert.ok(j.ok && j.value.jacobian && 'parts' in j.value.jacobian, 'the Jacobian has an entry for the extra arguments');
});

test('extra arguments of one shape stay separate arrays, not one stacked array', () => {
  const point: ResolvedPoint = {
    source: 'argument',
    values: { weights: [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]], parts: [[[1, 2]], [[3, 4]]] },
  };
  const out = doc.evaluate('stacked_affine', point);
  // numpy: np.concatenate(([[1, 2]], [[3, 4]], [[1]]), axis=1) @ np.arange(1, 11).reshape(5, 2) == [[59, 70]]
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.deepEqual(out.value.value, [[59, 70]]);
});

test('a bias column stacked onto data keeps the weights a vector, one longer than a row', () => {
  const d = DocumentAnalysis.fromText(
    `import numpy as np

def ridge(w, X, y):
    with_bias = np.hstack((X, np.ones((X.shape[0], 1))))
    return np.sum((with_bias @ w - y) ** 2)
`,
    'file:///ridge.py',
    'python',
  );
  const point = sampleOf(d, 'ridge');
  const [rows, columns] = shape(point.values['X']!);
  assert.deepEqual(shape(point.values['w']!), [columns! + 1]);
  assert.deepEqual(shape(point.values['y']!), [rows]);
});
