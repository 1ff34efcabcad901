import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAllMatch, checksOf, slipChecks } from './cliChecks';

/**
 * A loss object's `backward(self)` (test/fixtures/real_python/loss_objects.py): no upstream gradient,
 * the forward returned one number made by a reduction, so the backward is checked as that number's
 * gradient in the forward's first input, on the instance the forward ran on. An activation whose
 * forward returns an array is no loss: its `backward(self)` is paired with nothing.
 */

const FIXTURE = 'test/fixtures/real_python/loss_objects.py';

test("each loss's backward() matches the gradient of its forward's loss at 9 points", () => {
  const checks = checksOf(FIXTURE);
  const expect: Record<string, string> = {
    'SquaredError.backward': 'doutᵀ·∂SquaredError.forward/∂y_pred',
    'LogCosh.backward': 'doutᵀ·∂LogCosh.forward/∂y_pred',
    'Huber.backward': 'doutᵀ·∂Huber.forward/∂y_pred',
    'SmoothL1.backward': 'doutᵀ·∂SmoothL1.forward/∂pred',
    'LogisticLoss.backward': 'doutᵀ·∂LogisticLoss.forward/∂logits',
    'PoissonDeviance.backward': 'doutᵀ·∂PoissonDeviance.forward/∂rate',
    'SoftmaxCrossEntropy.backward': 'doutᵀ·∂SoftmaxCrossEntropy.forward/∂logits',
  };
  assertAllMatch(checks, expect);
  // Tanh.forward returns an array: its backward() is no gradient of one number.
  assert.equal(checks.size, Object.keys(expect).length, [...checks.keys()].join(', '));
  // The targets of a loss whose backward takes no upstream gradient are sampled as distributions.
  const at = checks.get('SoftmaxCrossEntropy.backward')!.at.y_true as number[] | number[][];
  for (const row of (Array.isArray(at[0]) ? at : [at]) as number[][]) assert.ok(Math.abs(row.reduce((s, v) => s + v, 0) - 1) < 1e-12, JSON.stringify(at));
  assert.match(checks.get('SoftmaxCrossEntropy.backward')!.notes.join('\n'), /y_true taken as distributions over the last axis/);
});

test("a slip in a loss's backward() is a mismatch", () => {
  const slips = [
    ['SquaredError.backward', 'return 2 * self.diff / self.y_pred.size', 'return self.diff / self.y_pred.size'],
    ['LogCosh.backward', 'return np.tanh(self.diff) / self.n', 'return np.sinh(self.diff) / self.n'],
    ['Huber.backward', 'return np.clip(self.diff, -self.delta, self.delta) / self.count', 'return np.clip(self.diff, -self.delta, self.delta)'],
    ['SoftmaxCrossEntropy.backward', 'return (self.probs - self.y_true) / len(self.y_true)', 'return self.probs - self.y_true'],
    ['PoissonDeviance.backward', 'return (1.0 - self.counts / self.rate) / len(self.rate)', 'return (1.0 - self.counts / self.rate ** 2) / len(self.rate)'],
  ] as const;
  for (const { slip, check } of slipChecks(FIXTURE, slips, 'loss-backward-')) assert.equal(check?.verdict, 'mismatch', `${slip[0]} with ${slip[2]}: ${JSON.stringify(check)}`);
});
