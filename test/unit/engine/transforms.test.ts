import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * autograd's and jax's `grad(f)` (and value_and_grad, jacobian, vmap…): GradLens differentiates f
 * itself, so the transformed function is never run — but making one is no error. A factory that
 * builds `gradient = grad(objective)` beside the objective (autograd's black_box_svi) leaves the
 * objective its numbers; calling the transformed function is a located refusal, and nothing is said
 * at the import.
 */

const SOURCE = `import autograd.numpy as np
from autograd import grad, value_and_grad
import jax


def make_objective(scale):
    def objective(params):
        return scale * np.sum(params ** 2)

    gradient = grad(objective)
    both = value_and_grad(objective)
    return objective, gradient


objective, gradient = make_objective(3.0)


def uses_gradient(params):
    return np.sum(gradient(params))


def uses_jax(x):
    return jax.grad(lambda t: t ** 2)(x)
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'file:///transforms.py', 'python');

test("a factory that also makes grad(objective) leaves the objective its numbers", () => {
  const point = doc.resolvePoint('objective', { params: [1, 2] });
  assert.ok(point.ok);
  const r = doc.gradient('objective', point.value);
  assert.ok(r.ok, !r.ok ? r.error.message : '');
  assert.equal(r.value.value, 15);
  assert.deepEqual([...(r.value.gradient!.params as number[])], [6, 12]);
});

test('calling a transformed function is refused where it is made, saying why', () => {
  for (const [name, line] of [['uses_gradient', 10], ['uses_jax', 23]] as const) {
    const point = doc.resolvePoint(name, name === 'uses_jax' ? { x: 0.5 } : { params: [1, 2] });
    assert.ok(point.ok);
    const r = doc.gradient(name, point.value);
    assert.ok(!r.ok, name);
    assert.match(r.error.message, /grad \(or another transformation\) is not run by GradLens/);
    assert.equal(r.error.range.start.line + 1, line, name);
  }
});

test('importing grad is no diagnostic', () => {
  assert.deepEqual(doc.diagnostics, []);
});
