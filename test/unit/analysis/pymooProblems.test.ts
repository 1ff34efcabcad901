import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { tempDir } from '../tempDir';

/**
 * A pymoo problem as its users write one: the base class's constructor keeps the sizes and bounds
 * (GradLens's own source for pymoo.core.problem), `_evaluate(self, x, out)` fills `out`. The lens
 * samples x, gives `out` as an empty dict, and differentiates what `_evaluate` writes into it. The
 * numbers are oracle-checked with the corpus (real_python/pymoo_problems.py, realPython.test.ts).
 */
const PROBLEM = `import numpy as np
from pymoo.core.problem import ElementwiseProblem


class Circle(ElementwiseProblem):
    def __init__(self):
        super().__init__(n_var=2, n_obj=2, n_constr=1, xl=-2.0, xu=np.array([2.0, 2.0]))

    def _evaluate(self, x, out, *args, **kwargs):
        out["F"] = [x[0] ** 2 + x[1] ** 2, (x[0] - 1.0) ** 2]
        out["G"] = [x[0] * x[1] - self.xu[0] + self.n_ieq_constr]
`;

const write = (text: string): string => {
  const file = join(tempDir('gradlens-pymoo-'), 'problem.py');
  writeFileSync(file, text);
  return file;
};

test('_evaluate(self, x, out): x sampled as a vector, out as an empty dict, the instance from the constructor as written', () => {
  const r = runCli(['functions', write(PROBLEM)]);
  assert.equal(r.exitCode, 0, r.stdout);
  const fn = (JSON.parse(r.stdout).functions as { name: string; points: { at: Record<string, unknown> }[] }[]).find((f) => f.name === 'Circle._evaluate')!;
  const at = fn.points[0]!.at;
  assert.deepEqual(at.out, {}, JSON.stringify(at));
  assert.equal((at.x as number[]).length, 2, JSON.stringify(at));
  // n_eq_constr = 0 is a count pymoo keeps, which no method here reads: no "degenerate" instance is sampled for it.
  const run = runCli(['grad', write(PROBLEM), '--function', 'Circle._evaluate']);
  assert.equal(run.exitCode, 0, run.stdout);
  assert.deepEqual(JSON.parse(run.stdout).at, { x: at.x, out: {} });
});

test('what _evaluate writes into out is the output: its value, and its Jacobian in x; out={} is a point value', () => {
  const r = runCli(['grad', write(PROBLEM), '--function', 'Circle._evaluate', '--at', '{"x": [0.5, -1.5], "out": {}}']);
  assert.equal(r.exitCode, 0, r.stdout);
  const result = JSON.parse(r.stdout);
  // n_constr=1 (pymoo's older name) counts as one inequality constraint; xu as given, xl broadcast (not read).
  assert.deepEqual(result.value, { F: [2.5, 0.25], G: [0.5 * -1.5 - 2.0 + 1] });
  assert.deepEqual(result.jacobian.x, { F: [[1, -3], [-1, 0]], G: [[-1.5, 0.5]] });
  assert.deepEqual(Object.keys(result.jacobian), ['x']);
});

test('a dict entry read before it is written (`acc["s"] = acc["s"] + x`) is an input: the sample gives it', () => {
  const r = runCli(['functions', write('def accumulate(x, acc):\n    acc["s"] = acc["s"] + x * x\n    acc["n"] = 2.0 * x\n')]);
  assert.equal(r.exitCode, 0, r.stdout);
  const at = JSON.parse(r.stdout).functions[0].points[0].at;
  assert.deepEqual(Object.keys(at.acc), ['s'], JSON.stringify(at));
});
