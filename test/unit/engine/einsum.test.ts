import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordTrace, releaseTrace } from '../../../src/engine/run';
import { derivatives } from '../../../src/engine/differentiate';
import { compilePython } from '../../oracle/table/engine';
import { ratioHolds } from '../../cpuTime';

/**
 * einsum of a matrix product runs through the kernels of `@` (issue 18: within 1.3× of it): the
 * same tape — one matmul node, nothing else — and, timed on 120×120 operands, value plus gradient
 * within 1.3× of `@` in CPU time (the best of several runs each, the claim tried up to three times, so
 * a loaded machine neither slows one side alone nor fails the test at random).
 */
const SOURCE = `import numpy as np

def at(A, B):
    return np.sum(np.tanh(A @ B))

def es(A, B):
    return np.sum(np.tanh(np.einsum('ij,jk->ik', A, B)))
`;

const n = 120;
const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Math.sin(i + 2 * j) / n));
const B = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Math.cos(3 * i - j) / n));

test("einsum('ij,jk->ik') records the same operations as @", () => {
  const m = compilePython(SOURCE);
  const names = (fn: string): string[] => {
    const trace = recordTrace(m, fn, [A, B]);
    const out = trace.tape.arrays.map((a) => a.name);
    releaseTrace(trace);
    return out;
  };
  assert.deepEqual(names('es'), names('at'));
});

test("einsum('ij,jk->ik') costs what @ costs (value and gradient, within 1.3×)", () => {
  const m = compilePython(SOURCE);
  const run = (fn: string) => (): void => {
    const trace = recordTrace(m, fn, [A, B]);
    derivatives(trace, 'reverse');
    releaseTrace(trace);
  };
  // Warm both up first: the first runs time V8 compiling.
  for (let r = 0; r < 3; r++) [run('at'), run('es')].forEach((f) => f());
  const { ok, ratio } = ratioHolds(run('es'), run('at'), 1.3);
  assert.ok(ok, `einsum took ${ratio.toFixed(2)}× the CPU time of @`);
});
