import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';

/**
 * A dict parameter's entry compared with strings (`gain_param["mode"] == "train"`, CS231n's
 * dropout and batchnorm) takes each string in turn at a check's nearby points, as a string
 * parameter does: a slip in the branch the sample does not start with is caught.
 */

test('a dict entry compared with strings alternates at the check points: the test-mode slip is found, the right pass matches', () => {
  const checks = new Map(JSON.parse(runCli(['check', 'test/fixtures/pairing/mode_layers.py']).stdout).checks.map((c: any) => [c.gradient, c]));
  const right = checks.get('gain_backward') as any;
  assert.equal(right.verdict, 'match');
  assert.equal(right.points, 9);
  assert.deepEqual(right.notes, ['gain_param["mode"] takes "train", "test" in turn']);
  const slip = checks.get('leak_backward') as any;
  assert.equal(slip.verdict, 'mismatch');
  assert.ok(slip.components.length > 0);
  // Found where the mode is "test": its factor 0.5 against AD's 2.
  for (const c of slip.components) {
    assert.equal(c.at.leak_param.mode, 'test', JSON.stringify(c.at));
    assert.ok(Math.abs(c.ad / c.yours - 4) < 1e-9, `${c.yours} vs ${c.ad}`);
  }
});
