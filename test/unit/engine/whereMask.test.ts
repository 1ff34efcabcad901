import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePython, differentiate, valueAt } from '../../oracle/table/engine';

/**
 * np.where's contract (engine/array/whereMask.ts, interpreter/whereCall.ts): numpy's value and the
 * exact derivative of the branch each element selects, in reverse, forward and second order. Where
 * the branch not selected has an infinite or undefined derivative (JAX's and PyTorch's "where trap":
 * they give NaN), GradLens gives the selected branch's derivative and a note says what they would give.
 * The unselected element's value (np.sqrt(−1)) is numpy's nan and no error; a selected one is.
 */

const source = (body: string, imports = 'import numpy as np'): string => `${imports}\n\ndef f(x):\n    return ${body}\n`;
function run(body: string, x: number | number[], imports?: string): ReturnType<typeof differentiate> {
  return differentiate(compilePython(source(body, imports)), 'f', [x], true);
}

const notes = (w: readonly string[]): string[] => w.filter((m) => /^np\.(where|nan_to_num|select)/.test(m));

/** ∂f/∂xᵢ by central differences (h = 1e-6), from GradLens's own values: an oracle the AD does not share. */
function centralDifferences(body: string, x: number[]): number[] {
  const m = compilePython(source(body));
  const h = 1e-6;
  return x.map((_, i) => {
    const up = x.map((v, j) => (j === i ? v + h : v));
    const down = x.map((v, j) => (j === i ? v - h : v));
    return (valueAt(m, 'f', [up])[0]! - valueAt(m, 'f', [down])[0]!) / (2 * h);
  });
}

const close = (a: readonly number[], b: readonly number[], tol = 1e-6): boolean => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]!) <= tol * Math.max(1, Math.abs(b[i]!)));

test('an unselected branch with an infinite derivative: the selected branch\'s derivative in every mode, and a note', () => {
  const r = run('np.sum(np.where(x > 0, x * np.sqrt(x), 0.0))', [1, 0, 4]);
  assert.deepEqual(r.values, [9]);
  // JAX and PyTorch: nan at element 1 (the where's 0 times sqrt's ∞); the selected branch is the constant 0
  assert.deepEqual(r.reverse, [[1.5, 0, 3]]);
  assert.deepEqual(r.forward, [[1.5, 0, 3]]);
  assert.deepEqual(r.hessian, [[0.75, 0, 0], [0, 0, 0], [0, 0, 0.375]]);
  assert.equal(notes(r.warnings).length, 1, r.warnings.join('\n'));
  assert.match(notes(r.warnings)[0]!, /^np\.where: its x branch, not selected at element 1, has an infinite derivative there \(sqrt\)\. JAX and PyTorch give NaN here; GradLens gives the selected branch's derivative$/);
  // no kink warning for an element the where does not select
  assert.ok(!r.warnings.some((w) => /infinite derivative at 0/.test(w)), r.warnings.join('\n'));
  // the y branch too
  const y = run('np.sum(np.where(x <= 0, 0.0, np.sqrt(x)))', [0, 1]);
  assert.deepEqual(y.reverse, [[0, 0.5]]);
  assert.match(notes(y.warnings)[0] ?? '', /its y branch, not selected at element 0/);
});

test('an unselected branch outside its domain: numpy\'s value, no error, the exact derivative, a note naming NaN', () => {
  // at x = −1 sqrt's value is numpy's nan, dropped by the where, and its partial 0.5/nan is NaN
  const r = run('np.sum(np.where(x > 0, np.sqrt(x), 0.0))', [4, -1]);
  assert.deepEqual(r.values, [2]);
  assert.deepEqual(r.reverse, [[0.25, 0]]);
  assert.deepEqual(r.forward, [[0.25, 0]]);
  assert.deepEqual(r.hessian, [[-1 / 32, 0], [0, 0]]);
  // one note says both: numpy's nan there, and the NaN JAX and PyTorch would give
  assert.deepEqual(r.warnings, ["np.where: its x branch, not selected at element 1, has no finite value there (square root of a negative number (sqrt(−1))): numpy gives nan (or ±inf) and goes on. JAX and PyTorch give NaN here; GradLens gives the selected branch's derivative"]);
  // x·log(x) at 0 and −1 under the y branch x: derivative 1 there, as central differences say
  const body = 'np.sum(np.where(x > 0, x * np.log(x), x))';
  const h = run(body, [-1, 0, 4]);
  assert.deepEqual(h.reverse, [[1, 1, Math.log(4) + 1]]);
  assert.deepEqual(h.forward, h.reverse);
  // central differences away from the boundary x = 0, where the function has no derivative
  const off = run(body, [-1, -0.5, 4]);
  assert.ok(close(off.reverse[0]!, centralDifferences(body, [-1, -0.5, 4])), JSON.stringify(off.reverse));
});

test('scalar forms: a scalar x and condition, np.where of a scalar branch, jax.numpy and autograd spellings', () => {
  for (const imports of ['import numpy as np', 'import jax.numpy as np', 'import autograd.numpy as np']) {
    const neg = run('np.where(x > 0, np.sqrt(x), 0.0)', -1, imports);
    assert.deepEqual([neg.values, neg.reverse, neg.forward, neg.hessian], [[0], [[0]], [[0]], [[0]]], imports);
    assert.deepEqual(neg.warnings, ["np.where: its x branch, not selected, has no finite value there (square root of a negative number (sqrt(−1))): numpy gives nan (or ±inf) and goes on. JAX and PyTorch give NaN here; GradLens gives the selected branch's derivative"]);
    const zero = run('np.where(x > 0, np.sqrt(x), 0.0)', 0, imports);
    assert.deepEqual([zero.reverse, zero.forward, zero.hessian], [[[0]], [[0]], [[0]]], imports);
    assert.match(notes(zero.warnings)[0] ?? '', /has an infinite derivative there \(sqrt\)/);
  }
  // a condition that is one boolean for a whole array branch
  const all = run('np.sum(np.where(np.sum(x) > 100.0, np.log(x), x))', [0, -2]);
  assert.deepEqual([all.values, all.reverse, all.forward], [[-2], [[1, 1]], [[1, 1]]]);
  // the selected branch of a scalar: still sqrt's own derivative and its infinite one at 0, with its warning
  const sel = run('np.where(x >= 0, np.sqrt(x), 0.0)', 0);
  assert.equal(sel.reverse[0]![0], Infinity);
  assert.ok(sel.warnings.some((w) => /infinite derivative at 0/.test(w)), sel.warnings.join('\n'));
});

test('a selected element outside its domain is the error it always was', () => {
  const m = compilePython(source('np.sum(np.where(x > -5, np.sqrt(x), 0.0))'));
  assert.throws(() => valueAt(m, 'f', [[4, -1]]), /square root of a negative number/);
  assert.throws(() => valueAt(compilePython(source('np.where(x > -5, np.sqrt(x), 0.0)')), 'f', [-1]), /square root of a negative number/);
  // and outside a where a scalar's domain error is raised at once, as before
  assert.throws(() => valueAt(compilePython(source('np.sqrt(x) * 0.0')), 'f', [-1]), /square root of a negative number/);
});

test('a value used besides the unselected branch keeps its NaN derivative: the mask removes only a 0·∞', () => {
  const r = run('np.sum(np.where(x > 0, np.sqrt(x), 0.0)) + np.sum(np.sqrt(x + 1.0))', [0, 4]);
  assert.ok(close(r.reverse[0]!, [0.5, 0.25 + 0.5 / Math.sqrt(5)]));
  // the same node read by the where and by the sum: its infinite partial reaches the result
  const both = differentiate(compilePython('import numpy as np\n\ndef f(x):\n    s = np.sqrt(x)\n    return np.sum(np.where(x > 0, s, 0.0)) + np.sum(s)\n'), 'f', [[0, 4]], false);
  assert.deepEqual(both.reverse, [[Infinity, 0.5]]);
});

test('the guarded form (the "double where") gives the same numbers and no note; finite branches say nothing', () => {
  const r = run('np.sum(np.where(x > 0, np.sqrt(np.where(x > 0, x, 1.0)), 0.0))', [1, 0, 4]);
  assert.deepEqual(r.reverse, [[0.5, 0, 0.25]]);
  assert.deepEqual(r.forward, [[0.5, 0, 0.25]]);
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(run('np.sum(np.where(x > 0, x ** 2, np.sin(x)))', [1, -1]).warnings, []);
});

test('a where in a loop over its own history: the exact derivative (central differences), the walk bounded', () => {
  const body = 'np.sum(g(x))';
  const m = compilePython(`import numpy as np\n\ndef g(x):\n    y = np.linspace(-1.0, 1.0, 1000) * x[0]\n    for i in range(20):\n        y = 0.9 * y + 0.1 * np.where(y > 0.2, np.sqrt(y), 0.0)\n    return y\n\ndef f(x):\n    return ${body}\n`);
  const r = differentiate(m, 'f', [[0.7]], false);
  const h = 1e-6;
  const cd = (valueAt(m, 'f', [[0.7 + h]])[0]! - valueAt(m, 'f', [[0.7 - h]])[0]!) / (2 * h);
  assert.ok(close(r.reverse[0]!, [cd], 1e-6), `${r.reverse[0]} vs ${cd}`);
  assert.deepEqual(r.forward, r.reverse);
});

test("Python's math module raises in a where branch as it does anywhere (ValueError); numpy's spelling gives nan", () => {
  const mathSource = (body: string, imports = 'import math\nimport numpy as np'): string => `${imports}\n\ndef f(x):\n    return ${body}\n`;
  // `math.sqrt(-1.0)` is evaluated before np.where sees it: Python raises "math domain error"
  for (const [body, imports] of [
    ['np.where(x > 0, math.sqrt(x), 0.0)', undefined],
    ['np.where(x > 0, 0.0, 1.0 + math.sqrt(x))', undefined],
    ['np.where(x > 0, sqrt(x), 0.0)', 'from math import sqrt\nimport numpy as np'],
    ['np.where(x > 0, math.log(x, 2.0), 0.0)', undefined],
  ] as const) {
    const m = compilePython(mathSource(body, imports));
    assert.throws(() => valueAt(m, 'f', [-1]), /negative number|log/, body);
  }
  // a function's own `from math import sqrt` too
  const local = compilePython('import numpy as np\n\ndef f(x):\n    from math import sqrt\n    return np.where(x > 0, sqrt(x), 0.0)\n');
  assert.throws(() => valueAt(local, 'f', [-1]), /square root of a negative number/);
  // math.exp past float64 is Python's OverflowError, np.exp's inf is numpy's value
  assert.throws(() => valueAt(compilePython(mathSource('np.where(x < 0, 0.0, math.exp(-1000.0 * x))')), 'f', [-1]), /exp/);
  // where math's argument is fine, the selected math branch is differentiated as ever
  const ok = differentiate(compilePython(mathSource('np.where(x > 0, math.sqrt(x), 0.0)')), 'f', [4], false);
  assert.deepEqual([ok.values, ok.reverse, ok.forward], [[2], [[0.25]], [[0.25]]]);
  // numpy's nan reaching math: math.exp(nan) is nan in Python, no error; the where drops it
  const nan = run('np.where(x > 0, math.exp(np.sqrt(x)), 0.0)', -1, 'import math\nimport numpy as np');
  assert.deepEqual([nan.values, nan.reverse], [[0], [[0]]]);
  // and np.sqrt's own spelling is unchanged: numpy's nan, dropped
  assert.deepEqual(run('np.where(x > 0, np.sqrt(x), 0.0)', -1).values, [0]);
});

test('one note per where: the old domain, kink and "result does not use it" warnings are folded into it or withdrawn', () => {
  const one = (src: string, x: number[]): string[] => differentiate(compilePython(`import numpy as np\n\ndef f(x):\n${src}\n`), 'f', [x], false).warnings;
  // the branch computed a line above: its kink at element 1 (sqrt at 0) and its nan at element 0 were
  // each said on their own before; the where excludes both
  assert.deepEqual(one('    s = np.sqrt(x)\n    return np.sum(np.where(x > 0, s, 0.0))', [-1, 0, 4]), [
    "np.where: its x branch, not selected at element 0, has no finite value there (square root of a negative number (sqrt(−1))): numpy gives nan (or ±inf) and goes on. JAX and PyTorch give NaN here; GradLens gives the selected branch's derivative",
  ]);
  // the value with no value and the infinite derivative at different elements: one note names both
  assert.deepEqual(one('    return np.sum(np.where(x > 0, np.sqrt(x), 0.0))', [0, -1, 4]), [
    "np.where: its x branch, not selected at element 0, has an infinite derivative there (sqrt), and no finite value at element 1 (square root of a negative number (sqrt(−1))): numpy gives nan (or ±inf) and goes on. JAX and PyTorch give NaN here; GradLens gives the selected branch's derivative",
  ]);
  assert.deepEqual(one('    return np.sum(np.nan_to_num(np.log(x)))', [-1, 0, 4]), [
    "np.nan_to_num: the entry it replaces at element 1 has an infinite derivative there (log), and no finite value at element 0 (log of a negative number (log(−1))): numpy gives nan (or ±inf) and goes on. JAX and PyTorch give NaN here; GradLens gives the replacement's derivative",
  ]);
  // a kink the where excludes but another use reaches: the derivative's ∞ is still said, at sqrt
  const both = one('    s = np.sqrt(x)\n    return np.sum(np.where(x > 0, s, 0.0)) + np.sum(s)', [0, 4]);
  assert.equal(both.length, 1, both.join('\n')); // the note; the derivative's own warning is the report's (document.ts)
  // a kink at an element the where selects stays said
  const kept = one('    s = np.sqrt(x)\n    return np.sum(np.where(x >= 0, s, 0.0))', [0, 4]);
  assert.ok(kept.some((w) => /sqrt has an infinite derivative at 0 \(element 0\)/.test(w)), kept.join('\n'));
  // no where: the kink and the unused value are said as before
  const plain = one('    s = np.sqrt(x)\n    return np.sum(np.sqrt(x + 1.0)) + 0.0 * s[2]', [-1, 0, 4]);
  assert.ok(plain.some((w) => /sqrt has an infinite derivative at 0 \(element 1\)/.test(w)), plain.join('\n'));
  assert.ok(plain.some((w) => /the result does not use it/.test(w)), plain.join('\n'));
});
