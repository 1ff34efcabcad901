import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A list of (weights, bias) pairs unpacked other ways than `for W, b in params`:
 * `(W1, b1), (W2, b2) = params`, `W, b = params[0]`, `W, b = layer` of `for layer in params`, and
 * `W, b = params[k]` in `for k in range(len(params))` (its state `h = x` carried through the loop).
 * Each is sampled as a list of pairs of a matrix and a vector, and differentiated in every array
 * (shapes/reader.ts `layerParts`). The numbers at these points are CPython's (realPython.test.ts, layer_lists.py).
 */

const FILE = join(__dirname, '..', '..', 'fixtures', 'real_python', 'layer_lists.py');
const doc = DocumentAnalysis.fromText(readFileSync(FILE, 'utf8'), 'file:///layer_lists.py', 'python');

for (const fn of ['two_layer_score', 'first_layer_energy', 'stacked_activity', 'indexed_forward']) {
  test(`${fn}: params is a list of (matrix, vector) pairs, each array differentiated`, () => {
    const kind = doc.inferShapes(fn)!.parameters.find((p) => p.name === 'params')!.kind;
    assert.equal(kind.kind, 'tuples', JSON.stringify(kind));
    const items = (kind as { items: readonly { kind: string; shape?: readonly number[] }[] }).items;
    assert.deepEqual(items.map((i) => i.shape?.length), [2, 1]);
    // The bias is one per output: as long as the weights' columns.
    assert.equal(items[1]!.shape![0], items[0]!.shape![1]);
    if (fn === 'two_layer_score') assert.equal((kind as { length: number }).length, 2);
    const point = doc.resolvePoint(fn);
    assert.ok(point.ok, `${fn} has a point`);
    const r = doc.gradient(fn, point.value);
    assert.ok(r.ok, `${fn} evaluates at its sample`);
    const g = r.value.gradient!.params as unknown as number[][][][];
    assert.equal(g.length, (kind as { length: number }).length);
    for (const [W, b] of g) {
      assert.ok(Array.isArray(W) && Array.isArray(W[0]), 'a gradient for the weights matrix');
      assert.ok(Array.isArray(b), 'a gradient for the bias vector');
    }
  });
}
