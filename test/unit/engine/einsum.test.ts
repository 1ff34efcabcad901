import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordTrace, releaseTrace } from '../../../src/engine/run';
import { derivatives } from '../../../src/engine/differentiate';
import { compilePython } from '../../oracle/table/engine';

/**
 * einsum of a matrix product runs through the kernels of `@` (issue 18: within 1.3× of it): the
 * same tape — one matmul node, nothing else — and, timed on 120×120 operands, value plus gradient
 * within 1.3× of `@` (the best of several runs each, so a loaded machine only slows both).
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
  const time = (fn: string): number => {
    let best = Infinity;
    for (let r = 0; r < 7; r++) {
      const t = performance.now();
      const trace = recordTrace(m, fn, [A, B]);
      derivatives(trace, 'reverse');
      releaseTrace(trace);
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  time('at');
  time('es');
  const [tAt, tEs] = [time('at'), time('es')];
  assert.ok(tEs <= 1.3 * tAt, `einsum ${tEs.toFixed(2)} ms vs @ ${tAt.toFixed(2)} ms`);
});
