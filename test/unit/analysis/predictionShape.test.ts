import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A loss's gradient method (`MSELoss.grad(y, y_pred)`) is compared with ∂/∂y_pred, y being the
 * target. One of the wrong shape for that too is refused against ∂/∂y_pred, what it is meant to be —
 * not against the full ∇ of the loss, which counts the target's entries as well.
 */
const SOURCE = `import numpy as np


class SummedGrad:
    # @at y=[1.0, 2.0, 0.5], y_pred=[0.8, 2.5, 0.1]
    def loss(self, y, y_pred):
        return 0.5 * np.sum((y_pred - y) ** 2)

    def grad(self, y, y_pred):
        return np.sum(y_pred - y)


class FirstRow:
    # @at y=[[1.0, 2.0, 0.5], [0.1, 0.2, 0.3]], y_pred=[[0.8, 2.5, 0.1], [0.3, 0.1, 0.2]]
    def loss(self, y, y_pred):
        return 0.5 * np.sum((y_pred - y) ** 2)

    def grad(self, y, y_pred):
        return (y_pred - y)[0]


class RightShape:
    # @at y=[1.0, 2.0, 0.5], y_pred=[0.8, 2.5, 0.1]
    def loss(self, y, y_pred):
        return 0.5 * np.sum((y_pred - y) ** 2)

    def grad(self, y, y_pred):
        return y_pred - y
`;

test('a wrong-shape MSELoss.grad-style gradient is refused against ∂/∂y_pred, with the reason it is compared with that', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'losses.py', 'python');
  const outcome = (name: string) => doc.check(doc.pairings().find((p) => p.derivative.name === name)!);
  const summed = outcome('SummedGrad.grad');
  assert.ok(!summed.ok, JSON.stringify(summed));
  assert.equal(summed.error.message, 'SummedGrad.grad returns 1 value, but ∂SummedGrad.loss/∂y_pred has 3 (y is the target: SummedGrad.grad is compared with ∂/∂y_pred)');
  const row = outcome('FirstRow.grad');
  assert.ok(!row.ok, JSON.stringify(row));
  assert.equal(row.error.message, 'FirstRow.grad returns 3 values, but ∂FirstRow.loss/∂y_pred has 6 (y is the target: FirstRow.grad is compared with ∂/∂y_pred)');
  const right = outcome('RightShape.grad');
  assert.ok(right.ok && right.value.verdict === 'match' && right.value.compared === '∂RightShape.loss/∂y_pred', JSON.stringify(right));
});
