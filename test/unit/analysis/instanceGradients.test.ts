import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tempDir';
import { runCli } from '../../../src/cli/main';

/**
 * CS231n's `loss(self, X, y=None, reg=0.0)` returning `(loss, grads)`, grads a dict with the keys of
 * the weights it keeps in `self.params` (test/fixtures/real_python/classifiers.py `TanhNet`): checked
 * against AD in `self.params`, entry by entry whatever order grads was filled in, at a point where y
 * holds labels (with y None it returns only the scores).
 */

const FIXTURE = 'test/fixtures/real_python/classifiers.py';

function checkOf(file: string): Record<string, any> {
  const out = JSON.parse(runCli(['check', file, '--function', 'TanhNet.loss']).stdout);
  assert.equal(out.checks.length, 1, JSON.stringify(out));
  return out.checks[0];
}

test('a loss returning the gradient of the weights in self.params matches AD in them', () => {
  const c = checkOf(FIXTURE);
  assert.equal(c.verdict, 'match', JSON.stringify(c));
  assert.equal(c.points, 9);
  assert.match(c.compared, /^∂loss\/∂self\.params\.W1, self\.params\.b1, self\.params\.W2, self\.params\.b2$/);
  // y defaults to None, where only the scores come back: labels are sampled, one per row of X.
  assert.equal(c.at.y.length, c.at.X.length, JSON.stringify(c.at));
  assert.ok(c.at.y.every((v: number) => Number.isInteger(v) && v >= 0), JSON.stringify(c.at));
});

test('a slip in any entry of grads is a mismatch', () => {
  const source = readFileSync(FIXTURE, 'utf8');
  const slips: [string, string][] = [
    ["grads['b2'] = dscores.sum(axis=0)", "grads['b2'] = dscores.sum(axis=0) * 1.5"],
    ['dhidden = dscores.dot(W2.T) * (1 - hidden ** 2)', 'dhidden = dscores.dot(W2.T) * (1 - hidden)'],
    ["grads['W1'] = X.T.dot(dhidden) + reg * W1", "grads['W1'] = X.T.dot(dhidden) * 0.5 + reg * W1"],
    ['dscores /= N', 'dscores /= 2 * N'],
  ];
  const dir = tempDir('instance-gradients-');
  for (const [right, wrong] of slips) {
    assert.equal(source.split(right).length, 2, `${right} is not in the file once`);
    const file = join(dir, 'classifiers.py');
    writeFileSync(file, source.replace(right, wrong));
    const c = checkOf(file);
    assert.equal(c.verdict, 'mismatch', `${wrong}: ${JSON.stringify(c)}`);
  }
});
