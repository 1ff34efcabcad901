import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { tempDir } from '../tempDir';

/**
 * Sizes a base class's constructor keeps (`super().__init__(n_var=n_var)`) are read from the
 * instance the defaults make, so a method's loop over them sizes its sample
 * (real_python/problem_hierarchy.py holds the oracle-checked numbers). A base from a package
 * GradLens does not read stands in as a constructor that sets nothing: what the class's own code
 * sets after it is read; what only that base could set, or set before it (the base may overwrite
 * it), is refused as coming from the base, never guessed.
 */
const UNREAD_BASE = `import numpy as np
from optlib.core import BaseProblem


class Family(BaseProblem):
    def __init__(self, n_var=8, **kwargs):
        super().__init__(n_var=n_var, n_obj=2, **kwargs)


class Scaled(Family):
    def __init__(self, n_var=4):
        self.offset = 0.5
        super().__init__(n_var)
        self.scale = 2.0

    def columns(self, x):
        g = 0.0
        for i in range(1, self.n_var):
            g = g + x[:, i] ** 2
        return g

    def scaled(self, x):
        return np.sum(x ** 2) * self.scale

    def shifted(self, x):
        return np.sum(x - self.offset)
`;

const grad = (text: string, fn: string): { value?: number; gradient?: { x: number[] }; error?: { message: string } } => {
  const file = join(tempDir('gradlens-bases-'), 'problem.py');
  writeFileSync(file, text);
  return JSON.parse(runCli(['grad', file, '--function', fn]).stdout);
};

test('an attribute set after super().__init__ into an unread base is read; one only the base sets, or set before it, is refused naming the base', () => {
  const scaled = grad(UNREAD_BASE, 'Scaled.scaled');
  assert.equal(scaled.error, undefined, scaled.error?.message);
  assert.deepEqual(scaled.gradient!.x, [2.924, 2.008, 3.488]);
  for (const [fn, attr] of [['Scaled.columns', 'n_var'], ['Scaled.shifted', 'offset']] as const) {
    const r = grad(UNREAD_BASE, fn);
    assert.equal(r.value, undefined, fn);
    assert.match(r.error!.message, new RegExp(`\\.${attr} that GradLens can see: it may come from BaseProblem, which GradLens cannot read`), fn);
  }
});

test('a size two super().__init__ calls pass to a base class of the file sizes the sample of a loop over it', () => {
  const r = JSON.parse(runCli(['functions', 'test/fixtures/real_python/problem_hierarchy.py']).stdout) as { functions: { name: string; points: { at: { x: number[][] | number[] } }[] }[] };
  const width = (name: string): number => {
    const x = r.functions.find((f) => f.name === name)!.points[0]!.at.x;
    return Array.isArray(x[0]) ? (x[0] as number[]).length : x.length;
  };
  // RippledFront(n_var=6) → TradeOffFamily → pymoo's Problem; LinearFront keeps the family's 12; WeightedSphere(dimension=4) → Separable → Benchmark.
  assert.deepEqual([width('RippledFront._evaluate'), width('LinearFront._evaluate'), width('WeightedSphere.value')], [6, 12, 4]);
});
