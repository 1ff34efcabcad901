import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * `hasattr(self, 'x')` as numpy-ml's schedulers and scikit-learn's estimators write it: an instance
 * answers from its fields and class chain (false when absent: the lazily made attribute is made);
 * a base GradLens cannot read, or a value whose attribute GradLens does not model, is refused, never false.
 * CPython: rate(0.5) = 0.1 · 0.25 · 1 + 0.5 = 0.525 (the list made on the first call).
 */

const SOURCE = `import numpy as np
import torch

class Sched:
    def __init__(self, lr=0.1):
        self.lr = lr

    def rate(self, x):
        if not hasattr(self, "history"):
            self.history = []
        self.history.append(x)
        return self.lr * x ** 2 * len(self.history) + float(hasattr(np.ones(2) * x, "shape")) * x

class Layer(torch.nn.Module):
    def scale(self, x):
        return x * (2.0 if hasattr(self, "weight") else 1.0)

def flags(x):
    return x * float(hasattr(np.ones(2), "flags"))
`;

function run(name: string) {
  const doc = DocumentAnalysis.fromText(SOURCE, 'file:///h.py', 'python');
  return doc.gradient(name, { values: { x: 0.5 }, source: 'argument' });
}

test("an instance's missing attribute is false, its field and an array's shape true", () => {
  const r = run('Sched.rate');
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.value.value, 0.525);
  assert.equal(r.value.gradient!.x, 1.1);
});

test('a base GradLens cannot read, and an attribute it does not model, are refused rather than answered false', () => {
  for (const [name, says] of [['Layer.scale', /torch|cannot read|GradLens can see/], ['flags', /cannot tell whether/]] as const) {
    const r = run(name);
    assert.ok(!r.ok, name);
    if (!r.ok) assert.match(r.error.message, says, name);
  }
});
