import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tempDir';
import { assertAllMatch, checksOf } from './cliChecks';

/**
 * Hand-written gradients with respect to the weights only, the data and labels held fixed
 * (test/fixtures/pairing/classifier_oracles.py): course oracles `func(X, y, w)`/`grad(X, y, w)` with
 * integer labels, scikit-learn's `_multinomial_loss_grad` returning `(loss, grad.ravel(), p)` with
 * one-hot `Y` its docstring states, and weights and data of the same size (the returned name, else
 * scipy's first argument, says which). Each right gradient matches at 9 points; each slip is caught.
 */

const FIXTURE = 'test/fixtures/pairing/classifier_oracles.py';


test('right gradients with respect to the weights match, data and labels taken as data', () => {
  const checks = checksOf(FIXTURE);
  const expect: Record<string, string> = {
    'MultinomialLogisticLoss.grad': '∂MultinomialLogisticLoss.func/∂w',
    _multinomial_loss_grad: '∂loss/∂w',
    softmax_loss_grad: '∂softmax_loss/∂W',
    hinge_objective_grad: '∂hinge_objective/∂w',
  };
  assertAllMatch(checks, expect);
  // (loss, grad, p): its own pairing, not `_multinomial_loss` (which returns a tuple) by name.
  assert.equal(checks.get('_multinomial_loss_grad')!.function, '_multinomial_loss_grad');
  assert.match(checks.get('hinge_objective_grad')!.notes.join('\n'), /as many as w, X have; the first parameter is taken/);
  // One-hot rows from the docstring, held fixed: each row one 1.
  const Y = checks.get('_multinomial_loss_grad')!.at.Y as number[][];
  assert.ok(Y.every((row) => row.filter((v) => v === 1).length === 1 && row.every((v) => v === 0 || v === 1)), JSON.stringify(Y));
  assert.equal((checks.get('_multinomial_loss_grad')!.at.w as number[]).length, Y[0]!.length * (checks.get('_multinomial_loss_grad')!.at.X as number[][])[0]!.length, 'w is n_classes * n_features long');
});

test('a slip in each of those gradients is a mismatch', () => {
  const source = readFileSync(FIXTURE, 'utf8');
  const slips: [string, string, string][] = [
    ['MultinomialLogisticLoss.grad', 'probs[np.arange(n), y] -= 1.0', 'probs[np.arange(n), y] -= 0.9'],
    ['_multinomial_loss_grad', '    grad[:, :n_features] += alpha * w\n', '    grad[:, :n_features] += 0.5 * alpha * w\n'],
    ['softmax_loss_grad', 'dW = X.T @ probs / n + 2 * reg * W', 'dW = X.T @ probs / n + reg * W'],
    ['hinge_objective_grad', 'grad = X.T @ active / 2', 'grad = X.T @ active'],
  ];
  const dir = tempDir('weights-only-');
  for (const [name, right, wrong] of slips) {
    assert.ok(source.includes(right), right);
    const file = join(dir, `${name.replace('.', '_')}.py`);
    writeFileSync(file, source.replace(right, wrong));
    const c = checksOf(file).get(name)!;
    assert.equal(c.verdict, 'mismatch', `${name}: ${JSON.stringify(c)}`);
  }
});

test('numbers alike in size stay undecided: a gradient missing a component is still a count error', () => {
  const dir = tempDir('weights-only-');
  const file = join(dir, 'f.py');
  writeFileSync(file, '# @at x=1.0, y=2.0\ndef f(x, y):\n    return x * y\n\ndef grad_f(x, y):\n    return y\n');
  const c = checksOf(file).get('grad_f')!;
  assert.equal(c.verdict, 'error');
  assert.match(c.error.message, /returns 1 value, but ∇f has 2/);
});
