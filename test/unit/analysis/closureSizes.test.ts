import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A parameter vector cut by a size held outside the slice: a factory's argument or local that its
 * nested defs close over (autograd's black-box SVI: `params[:D], params[D:]` with the factory called
 * with D at module level), or `D = X.shape[1]` (`params[D]` is the entry after D's). The sample is
 * as long as the cuts need, so the function runs on the shapes the code means (shapes/dims.ts
 * `rest`, `atLeastOf` with `plus`; shapes.ts `closureValue`; engine/run.ts `closureHeld`).
 * The numbers at these points are CPython's (realPython.test.ts, factory_sizes.py).
 */

const FILE = join(__dirname, '..', '..', 'fixtures', 'real_python', 'factory_sizes.py');
const doc = (text = readFileSync(FILE, 'utf8')): DocumentAnalysis => DocumentAnalysis.fromText(text, 'file:///factory_sizes.py', 'python');

function shapeOf(d: DocumentAnalysis, fn: string, param: string): readonly number[] | undefined {
  const kind = d.inferShapes(fn)?.parameters.find((p) => p.name === param)?.kind;
  return kind?.kind === 'array' ? kind.shape : undefined;
}

test("a factory's D, closed over: params holds mean and log-scale, D each (D = 3 given at module level)", () => {
  const d = doc();
  assert.deepEqual(shapeOf(d, 'objective', 'params'), [6]);
  const point = d.resolvePoint('objective');
  assert.ok(point.ok, 'objective has a point');
  const r = d.gradient('objective', point.value);
  assert.ok(r.ok, 'objective evaluates at its sample');
  assert.equal((r.value.gradient!.params as number[]).length, 6);
});

test('the size follows the factory call: D = 5 makes params of 10', () => {
  const d = doc(readFileSync(FILE, 'utf8').replace('make_gaussian_objective(banana, 3, 5)', 'make_gaussian_objective(banana, 5, 2)'));
  assert.deepEqual(shapeOf(d, 'objective', 'params'), [10]);
});

test('two bindings of one factory with different sizes leave the size to the code (no guess from either)', () => {
  const text = readFileSync(FILE, 'utf8') + 'objective2, unpack2 = make_gaussian_objective(banana, 4, 5)\n';
  const d = doc(text);
  const shape = shapeOf(d, 'objective', 'params');
  assert.ok(shape && shape[0] !== 6 && shape[0] !== 8, `got ${JSON.stringify(shape)}`);
});

test("a factory's local computed from its data (D = X.shape[1]): w, b = params[:D], params[D] makes params D + 1", () => {
  assert.deepEqual(shapeOf(doc(), 'ridge', 'params'), [4]);
});

test('D = X.shape[1] in the function: params[D] needs D + 1 entries, params[:D], params[D:] twice D', () => {
  const d = doc();
  const X = shapeOf(d, 'intercept_loss', 'X')!;
  assert.deepEqual(shapeOf(d, 'intercept_loss', 'params'), [X[1]! + 1]);
  const Y = shapeOf(d, 'scaled_residuals', 'X')!;
  assert.deepEqual(shapeOf(d, 'scaled_residuals', 'params'), [2 * Y[1]!]);
  for (const fn of ['intercept_loss', 'scaled_residuals']) {
    const point = d.resolvePoint(fn);
    assert.ok(point.ok, `${fn} has a point`);
    assert.ok(d.gradient(fn, point.value).ok, `${fn} evaluates at its sample`);
  }
});
