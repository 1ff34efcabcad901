import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * test/fixtures/realStyle/springs.mjs (node checks its derivatives in realStyle.test.ts): a parameter
 * used only as a tolerance (`Math.abs(v) < precision`) is sampled small, so the sample runs the
 * spring's moving branch and the solver's iterations, not the at-rest return whose derivative is
 * trivially 0; a parameter that also scales the result (Huber's delta) is sampled as any number.
 */
const FILE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'realStyle', 'springs.mjs');
const doc = DocumentAnalysis.fromText(readFileSync(FILE, 'utf8'), pathToFileURL(FILE).href, 'typescript');

test('tolerances are sampled small and said so; a compared number that also computes is not', async () => {
  const module = (await import(pathToFileURL(FILE).href)) as Record<string, (...a: number[]) => unknown>;
  const spring = doc.resolvePoint('springStep');
  assert.ok(spring.ok);
  const at = spring.value.values as Record<string, number>;
  assert.equal(at.precision, 0.001);
  assert.ok(spring.value.notes?.some((n) => /^precision: a number — compared only with absolute values, as a tolerance: 0\.001/.test(n)), JSON.stringify(spring.value.notes));
  const args = ['dt', 'position', 'velocity', 'target', 'stiffness', 'damping', 'precision'].map((p) => at[p]!);
  // node moves the spring at this point: not the at-rest [target, 0].
  const moved = module.springStep!(...args) as number[];
  assert.notDeepEqual(moved, [at.target, 0]);
  const r = doc.gradient('springStep', spring.value);
  assert.ok(r.ok);
  assert.deepEqual(r.value.value, moved);
  // ∂ nextPosition / ∂ position = 1 − k·dt²: the moving branch's, not the at-rest branch's 0.
  const jacobian = r.value.jacobian as Record<string, number[]>;
  assert.ok(Math.abs(jacobian.position![0]! - (1 - at.stiffness! * at.dt! ** 2)) < 1e-12);
  const solver = doc.resolvePoint('fixedPoint');
  assert.ok(solver.ok);
  assert.equal((solver.value.values as Record<string, number>).tol, 0.001);
  const huber = doc.resolvePoint('huber');
  assert.ok(huber.ok);
  assert.notEqual((huber.value.values as Record<string, number>).delta, 0.001);
});
