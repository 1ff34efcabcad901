import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tempDir';
import { runCli } from '../../../src/cli/main';

/**
 * A layer object's backward pass that masks with what its forward kept (nnfs's ReLU:
 * `self.dinputs[self.inputs <= 0] = 0`): the check's point puts the forward's input on both sides of
 * the mask's threshold, so the mask zeroes some entries and keeps others — a slip in it (the wrong
 * side, the wrong threshold) is a mismatch instead of passing on all-positive inputs.
 */

const layer = (mask: string): string => `import numpy as np


class ClippedLinearUnit:
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.maximum(0.0, inputs)

    def backward(self, dvalues):
        self.dinputs = dvalues.copy()
        self.dinputs[${mask}] = 0
`;

function check(source: string): Record<string, any> {
  const dir = tempDir('gradlens-mask-');
  const file = join(dir, 'units.py');
  writeFileSync(file, source);
  const checks = JSON.parse(runCli(['check', file]).stdout).checks as Record<string, any>[];
  const c = checks.find((x) => x.gradient === 'ClippedLinearUnit.backward');
  assert.ok(c, JSON.stringify(checks));
  return c;
}

test("the forward's kept input is sampled on both sides of the backward's mask, and the right mask matches", () => {
  const c = check(layer('self.inputs <= 0'));
  assert.equal(c.verdict, 'match', JSON.stringify(c));
  const x = c.at.inputs as number[];
  assert.ok(x.some((v) => v < 0) && x.some((v) => v > 0), JSON.stringify(c.at));
});

test('a slip in the kept-input mask is a mismatch', () => {
  for (const slip of ['self.inputs > 0', 'self.inputs <= -0.5', 'self.inputs < -1']) {
    const c = check(layer(slip));
    assert.equal(c.verdict, 'mismatch', `${slip}: ${JSON.stringify(c)}`);
  }
});
