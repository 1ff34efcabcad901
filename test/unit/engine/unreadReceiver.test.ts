import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A method that never reads its instance runs on one its constructor did not make, whatever stopped
 * that constructor (a benchmark base class building its plot window from a module GradLens does not
 * read); a method that reads its instance still says what stopped it.
 */
const SOURCE = `import numpy as np
from plotting.viewport import Viewport

class TestFunction:
    def __init__(self, bounds):
        self.viewport = Viewport(bounds)
        self.scale = bounds[1] - bounds[0]

class Sphere(TestFunction):
    def __init__(self):
        super().__init__((-5.12, 5.12))

    def calculate(self, params):
        total = 0
        for p in params:
            total += p ** 2
        return total

    def scaled(self, params):
        return self.scale * np.sum(params ** 2)
`;

test('a method that never reads its instance gets its numbers though the constructor stops', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'surfaces.py', 'python');
  const fn = doc.functions().find((f) => f.ir.name === 'Sphere.calculate')!;
  const [point] = fn.points;
  assert.ok(point, JSON.stringify(fn.pointErrors));
  const r = doc.gradient('Sphere.calculate', point!);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  if (!r.ok) return;
  const params = point!.values.params as number[];
  assert.ok(Math.abs((r.value.value as number) - params.reduce((s, p) => s + p * p, 0)) < 1e-15);
  assert.deepEqual(r.value.gradient!.params, params.map((p) => 2 * p));
});

test('a method that reads its instance is still stopped where its constructor stops, and says so', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'surfaces.py', 'python');
  const r = doc.gradient('Sphere.scaled', { values: { params: [0.5, 1.5] }, source: 'annotation' });
  assert.ok(!r.ok);
  if (!r.ok) assert.match(r.error.message, /plotting\.viewport/);
});
