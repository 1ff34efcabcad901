import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tempDir';
import { runCli } from '../../../src/cli/main';

/**
 * A function returning (loss, gradient) with a regularisation strength defaulting to 0.0 (CS231n's
 * `loss(X, y=None, reg=0.0)`): at 0.0 the penalty and its gradient vanish, so the check samples it
 * (held constant, as a default is) and a slip in the penalty's gradient is a mismatch. The class
 * form (`TanhNet.loss` in test/fixtures/real_python/classifiers.py) is checked so in the corpus.
 */

const source = (penaltyGradient: string): string => `import numpy as np


def ridge_loss(W, X, y, reg=0.0):
    residual = X.dot(W) - y
    loss = 0.5 * np.sum(residual ** 2) / X.shape[0] + reg * np.sum(W * W)
    dW = X.T.dot(residual) / X.shape[0]
    dW += ${penaltyGradient}
    return loss, dW

`;

function checks(text: string): Map<string, Record<string, any>> {
  const dir = tempDir('gradlens-reg-');
  const file = join(dir, 'penalised.py');
  writeFileSync(file, text);
  return new Map((JSON.parse(runCli(['check', file]).stdout).checks as Record<string, any>[]).map((c) => [c.gradient, c]));
}

test('a (loss, gradient) with reg=0.0 is checked at a nonzero reg, and matches', () => {
  const c = checks(source('2 * reg * W'));
  for (const name of ['ridge_loss']) {
    const one = c.get(name);
    assert.ok(one, `${name}: ${[...c.keys()].join(', ')}`);
    assert.equal(one.verdict, 'match', `${name}: ${JSON.stringify(one)}`);
    assert.ok(typeof one.at.reg === 'number' && one.at.reg !== 0, `${name}: ${JSON.stringify(one.at)}`);
  }
});

test("a slip in the penalty's gradient is a mismatch", () => {
  const c = checks(source('3 * reg * W'));
  for (const name of ['ridge_loss']) assert.equal(c.get(name)?.verdict, 'mismatch', `${name}: ${JSON.stringify(c.get(name))}`);
});
