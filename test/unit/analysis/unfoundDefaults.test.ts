import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A default read from a module GradLens did not find (`from .constants import DEFAULT_MARGIN`):
 * the call leaving it out cannot be evaluated, so the parameter is sampled as one without a default
 * and the point's notes say why. Oracle: CPython/numpy at the sample (x = 0.731, margin = 0.502):
 * log1p(exp(margin − x)) = 0.5851880322151767, its slope in margin σ(margin − x) = 0.4429988821891786.
 */
const SOURCE = `import numpy as np
from .constants import DEFAULT_MARGIN, MODE


def smooth_hinge(x, margin=DEFAULT_MARGIN):
    return np.log1p(np.exp(margin - x))


def scaled(x, mode=MODE):
    if mode == "double":
        return 2.0 * x * x
    return x * x


def own_default(x, k=2.0):
    return k * x
`;

test('a parameter whose default reads a name from a module not found is sampled, said so; the others keep their defaults', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'file:///pkg/losses.py', 'python');
  const at = doc.samplePoint('smooth_hinge') ?? assert.fail('smooth_hinge has no sample point');
  assert.deepEqual({ ...at.values }, { x: 0.731, margin: 0.502 });
  assert.ok((at.notes ?? []).some((n) => /margin: .*its default reads DEFAULT_MARGIN from \.constants, which GradLens did not find: sampled/.test(n)), JSON.stringify(at.notes));
  const r = doc.gradient('smooth_hinge', at);
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  assert.ok(Math.abs((r.value.value as number) - 0.5851880322151767) < 1e-15);
  const g = r.value.gradient as Record<string, number>;
  assert.ok(Math.abs(g.margin! - 0.4429988821891786) < 1e-15 && Math.abs(g.x! + 0.4429988821891786) < 1e-15, JSON.stringify(g));
  // A string the code compares the parameter with is what it is given, as for any parameter.
  assert.equal(doc.samplePoint('scaled')?.values.mode, 'double');
  assert.deepEqual({ ...doc.samplePoint('own_default')!.values }, { x: 0.731 });
});
