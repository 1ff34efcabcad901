import { diagnosticText } from '../../../src/core/diagnosticText';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GradLensError } from '../../../src/core/diagnostic';
import { compilePython, differentiate, valueAt } from '../../oracle/table/engine';

/**
 * An array operation's element with no real value (np.sqrt(-1), np.log(0)): numpy gives nan or ±inf
 * there and goes on, and np.where may drop it (whereMask.test.ts has the where's own contract). GradLens defers that domain error (Runtime.deferredDomain)
 * and raises it only if a non-finite number reaches the result, the run fails later, or a `try`
 * could catch it; otherwise the result is numpy's and a warning says what was dropped.
 * Also: 0·∞ is nan on every path a zero adjoint reaches, scalar rows as array rows (sweeps.ts).
 */

const module = (body: string, params = 'x'): ReturnType<typeof compilePython> =>
  compilePython(`import numpy as np\nimport math\n\ndef f(${params}):\n    ${body.split('\n').join('\n    ')}\n`);

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof GradLensError) return diagnosticText(e.diagnostic);
    throw e;
  }
  return assert.fail('expected a refusal');
}

test('a domain error in the branch np.where does not select: numpy\'s value, a note, the gradient elsewhere exact', () => {
  const m = module('return np.sum(np.where(x > 0, np.log(x), x))');
  const r = differentiate(m, 'f', [[-1, 4, 2]], true);
  assert.deepEqual(r.values, [-1 + Math.log(4) + Math.log(2)]);
  // log's partial 1/x is finite at −1, so nothing leaks: element 0 takes the y branch, derivative 1
  assert.deepEqual(r.reverse, [[1, 0.25, 0.5]]);
  assert.deepEqual(r.forward, [[1, 0.25, 0.5]]);
  assert.ok(r.warnings.some((w) => /log of a negative number \(log\(−1\)\) at element 0: numpy gives nan .* np\.where does not select it/.test(w)), r.warnings.join('\n'));
});

test("sqrt's nan partial under the unselected branch: the selected branch's derivative in both modes (JAX and PyTorch give nan), with a note", () => {
  const r = differentiate(module('return np.sum(np.where(x > 0, np.sqrt(x), 0.0))'), 'f', [[-1, 4]], false);
  assert.deepEqual(r.values, [2]);
  assert.deepEqual(r.reverse, [[0, 0.25]]);
  assert.deepEqual(r.forward, [[0, 0.25]]);
  assert.ok(r.warnings.some((w) => /np\.where: its x branch, not selected at element 0, .*JAX and PyTorch give NaN here/.test(w)), r.warnings.join('\n'));
  // the guarded form: the same numbers
  const safe = differentiate(module('return np.sum(np.where(x > 0, np.sqrt(np.where(x > 0, x, 1.0)), 0.0))'), 'f', [[-1, 4]], false);
  assert.deepEqual(safe.reverse, [[0, 0.25]]);
});

test('the domain error is still raised, with its own message, when a non-finite number reaches the result', () => {
  assert.equal(refusal(() => valueAt(module('return np.sum(np.sqrt(x))'), 'f', [[4, -1]])), 'square root of a negative number (sqrt(−1)) at element 1');
  assert.equal(refusal(() => differentiate(module('return np.log(x) * 2.0'), 'f', [[0, 1]], false)), `${refusalOfLogZero()} at element 0`);
  // a later failure that follows from it reports the element, not the consequence
  assert.match(refusal(() => valueAt(module('y = np.sqrt(x)\nreturn [1.0, 2.0][int(y[1])]'), 'f', [[4, -1]])), /square root of a negative number \(sqrt\(−1\)\) at element 1/);
});

/** log(0)'s message as the registry words it (read, not restated). */
function refusalOfLogZero(): string {
  return refusal(() => valueAt(module('return math.log(x)'), 'f', [0]));
}

test('inside a try with handlers the error is raised at once, so `except FloatingPointError` still catches it', () => {
  const m = module('try:\n    y = np.sum(np.sqrt(x))\nexcept FloatingPointError:\n    y = -1.0\nreturn y');
  assert.deepEqual(valueAt(m, 'f', [[-1, 4]]), [-1]);
  // an element np.where does not select raises nothing, in a try as anywhere (numpy's value: 2)
  const where = module('try:\n    y = np.sum(np.where(x > 0, np.sqrt(x), 0.0))\nexcept FloatingPointError:\n    y = -1.0\nreturn y');
  assert.deepEqual(valueAt(where, 'f', [[-1, 4]]), [2]);
  // one it selects does
  const selected = module('try:\n    y = np.sum(np.where(x > -5, np.sqrt(x), 0.0))\nexcept FloatingPointError:\n    y = -1.0\nreturn y');
  assert.deepEqual(valueAt(selected, 'f', [[-1, 4]]), [-1]);
});

test('0·∞ is nan on scalar rows as on array rows and in forward mode: np.sqrt(x)**2 at 0', () => {
  const scalar = differentiate(module('return np.sqrt(x) ** 2'), 'f', [0], true);
  const array = differentiate(module('return np.sum(np.sqrt(x) ** 2)'), 'f', [[0]], false);
  for (const g of [scalar.reverse, scalar.forward, array.reverse, array.forward]) assert.ok(Number.isNaN(g[0]![0]!), JSON.stringify(g));
  assert.ok(scalar.warnings.some((w) => /infinite derivative/.test(w)));
  // `0 * x ** 0.5` at 0: PyTorch's backward gives nan too (0·∞), and the README says so; never a silent 0
  const zeroTimes = differentiate(module('return 0 * x ** 0.5'), 'f', [0], true);
  assert.deepEqual(zeroTimes.values, [0]);
  for (const g of [zeroTimes.reverse, zeroTimes.forward]) assert.ok(Number.isNaN(g[0]![0]!), JSON.stringify(g));
  assert.ok(zeroTimes.warnings.some((w) => /a \*\* 0\.5 has an infinite derivative at a = 0/.test(w)), zeroTimes.warnings.join('\n'));
  // a row the output does not reach keeps adjoint 0 by absence: its ∞ partial poisons nothing
  const unused = differentiate(module('t = x ** 0.5\nreturn x * 2.0'), 'f', [0], true);
  assert.deepEqual(unused.reverse, [[2]]);
  assert.deepEqual(unused.hessian, [[0]]);
});

test("np.nan_to_num over an element with an infinite partial: the replacement's derivative, with a note naming nan_to_num", () => {
  const r = differentiate(module('return np.sum(np.nan_to_num(np.log(x)))'), 'f', [[0, 1]], false);
  assert.deepEqual(r.values, [-Number.MAX_VALUE]);
  assert.deepEqual(r.reverse, [[0, 1]]);
  assert.deepEqual(r.forward, [[0, 1]]);
  assert.ok(r.warnings.some((w) => /^np\.nan_to_num: the entry it replaces at element 0 has no finite value there \(log\(0\) is −∞\): numpy gives nan \(or ±inf\) and goes on\. JAX and PyTorch give NaN here; GradLens gives the replacement's derivative$/.test(w)), r.warnings.join('\n'));
});

test('a module array constant with an element without value is not kept between runs: every run sees its error', () => {
  const m = compilePython('import numpy as np\n\nC = np.log(np.array([0.0, 1.0]))\n\ndef f(x):\n    return np.sum(C * x)\n\ndef g(x):\n    return np.sum(C[1:] * x)\n');
  for (let run = 0; run < 3; run++) {
    assert.equal(refusal(() => valueAt(m, 'f', [[1, 2]])), `${refusalOfLogZero()} at element 0`);
    const r = differentiate(m, 'g', [[1, 2]], false);
    assert.deepEqual(r.reverse, [[0, 0]]);
    assert.ok(r.warnings.some((w) => /the result does not use it/.test(w)));
  }
});
