import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';

/**
 * A forward pass that keeps its inputs combined (`self.residual = pred - target`) and a backward
 * that reads an array's attribute of it (`n = self.residual.size`): forward alone runs on numbers
 * (np.abs, np.where take them), but the backward says pred is an array, so the point is one and the
 * check sees a count above 1 (real_python/loss_objects.py's SmoothL1; its values are CPython's in
 * realPython.test.ts).
 */
test('a backward reading .size of a kept combination of the forward\'s inputs makes the first of them an array', () => {
  const r = JSON.parse(runCli(['check', 'test/fixtures/real_python/loss_objects.py', '--function', 'SmoothL1.backward']).stdout);
  const check = r.checks[0];
  assert.equal(check.verdict, 'match', JSON.stringify(check));
  assert.ok(Array.isArray(check.at.pred) && check.at.pred.length > 1, JSON.stringify(check.at));
});
