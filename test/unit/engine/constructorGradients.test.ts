import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePython, differentiate } from '../../oracle/table/engine';

/**
 * Values that flow into constructors and library calls carry their derivatives (issue 18: linspace
 * dropped them, inner transposed): exact answers worked by hand, both modes.
 */

function check(body: string, point: (number | number[] | number[][])[], value: number, gradient: number[]): void {
  const params = point.map((_, i) => `p${i}`).join(', ');
  const m = compilePython(`import numpy as np\n\ndef f(${params}):\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`);
  const out = differentiate(m, 'f', point, false);
  assert.ok(Math.abs(out.values[0]! - value) <= 1e-12 * Math.max(1, Math.abs(value)), `${body}: value ${out.values[0]} ≠ ${value}`);
  for (const [mode, rows] of [['reverse', out.reverse], ['forward', out.forward]] as const) {
    rows[0]!.forEach((g, i) => assert.ok(Math.abs(g - gradient[i]!) <= 1e-12 * Math.max(1, Math.abs(gradient[i]!)), `${body} (${mode}): ∂/∂${i} ${g} ≠ ${gradient[i]}`));
  }
}

test('linspace carries the derivatives of start and stop', () => {
  // linspace(x, 2x, 3) = [x, 1.5x, 2x]: Σ² = 7.25x², 29 at x = 2, derivative 14.5x = 29
  check('return np.sum(np.linspace(p0, 2*p0, 3)**2)', [2], 29, [29]);
  // linspace(a, b, 5)[1] = a + (b − a)/4
  check('return np.linspace(p0, p1, 5)[1]', [1, 3], 1.5, [0.75, 0.25]);
  // endpoint=False: a + (b − a)·i/4 at i = 3
  check('return np.linspace(p0, p1, 4, endpoint=False)[3]', [1, 3], 2.5, [0.25, 0.75]);
  // the last sample is stop itself
  check('return np.linspace(0.0, p0, 7)[-1]', [3], 3, [1]);
  // array endpoints: samples along a new first axis
  check('return np.linspace(p0, 2*p0, 3)[1, 1]', [[1, 2]], 3, [0, 1.5]);
});

test('arange, full_like and random draws carry their tracked arguments', () => {
  // arange(x, 5): x, x+1, x+2, x+3 at x = 1.5 → Σ² = 41, derivative 2·Σ = 24
  check('return np.sum(np.arange(p0, 5.0) ** 2)', [1.5], 41, [24]);
  check('return np.sum(np.arange(0.0, 3.0, p0))', [1], 3, [3]);
  check('return np.sum(np.full_like(np.zeros(3), p0))', [2], 6, [3]);
  check('return np.sum(np.full((2, 2), p0))', [2], 8, [4]);
  // normal(loc, scale): loc + scale·z, so ∂/∂loc = 1 per draw and ∂/∂scale = z
  const m = compilePython('import numpy as np\n\ndef f(loc, scale):\n    return np.sum(np.random.normal(loc, scale, 4))\n\ndef z():\n    return np.sum(np.random.normal(0.0, 1.0, 4))\n');
  const out = differentiate(m, 'f', [0.5, 2], false);
  const zsum = differentiate(m, 'z', [], false).values[0]!;
  assert.ok(Math.abs(out.reverse[0]![0]! - 4) < 1e-12);
  assert.ok(Math.abs(out.reverse[0]![1]! - zsum) < 1e-12, `${out.reverse[0]![1]} vs ${zsum}`);
  assert.ok(Math.abs(out.values[0]! - (2 + 2 * zsum)) < 1e-12);
});

test('inner sums the last axes; a scalar operand only scales', () => {
  // numpy: inner(1.5, y) == 1.5 * y, same shape (4, 3) as y
  check('y = np.arange(12.0).reshape(4, 3)\nz = np.inner(p0, y)\nreturn z[3, 0] + 10 * z[0, 2] + 0 * np.sum(np.zeros((4, 3)) + z)', [1.5], 1.5 * 9 + 10 * 1.5 * 2, [9 + 20]);
  // 3-D: inner(x, y)[i, j, k] = Σₜ x[i, j, t]·y[k, t]... with a scalar: 1.5·y, axes unchanged
  check('y = np.arange(24.0).reshape(2, 3, 4)\nz = np.inner(y, p0)\nreturn z[1, 2, 0]', [2], 2 * 20, [20]);
  // matrix · matrix: Σₜ a[i, t]·b[j, t]
  check('b = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])\nreturn np.inner(p0, b)[1, 2]', [[[1, 0], [2, 3]]], 2 * 5 + 3 * 6, [0, 0, 5, 6]);
  // vdot flattens: Σ x·x
  check('return np.vdot(p0, p0)', [[[1, 2], [3, 4]]], 30, [2, 4, 6, 8]);
});

test('average with weights, positionally and by keyword', () => {
  check('return np.average(p0, 0, np.array([1.0, 3.0]))[1]', [[[1, 2], [3, 4]]], 3.5, [0, 0.25, 0, 0.75]);
  check('return np.average(p0, weights=np.array([[1.0, 1.0], [1.0, 5.0]]))', [[[1, 2], [3, 4]]], 26 / 8, [1 / 8, 1 / 8, 1 / 8, 5 / 8]);
});

test('reductions read numpy positions: keepdims is the fifth argument of sum', () => {
  check('return np.sum(p0, 0, None, None, True)[0, 1]', [[[1, 2], [3, 4]]], 6, [0, 1, 0, 1]);
});

test('a list written with a float literal makes a float array, as numpy does, though its values are whole', () => {
  // numpy: full_like of a float array keeps 2.5; of an int array it truncates to 2.
  check('return np.sum(np.full_like(np.array([1.0, 2.0]), 2.5)) * p0', [1.5], 7.5, [5]);
  check('return np.sum(np.full_like(np.array([[1., 0.], [0., 1.]]), 0.5)) * p0', [1.5], 3, [2]);
  check('return np.sum(np.full_like(np.array([-1.0, 2]), 0.5)) * p0', [1.5], 1.5, [1]);
  check('return np.sum(np.full_like(np.array([[1, 0], [0.0, 1]]), 0.5)) * p0', [2], 4, [2]);
  check('return np.sum(np.full_like(np.array([1, 2]), 2.5)) * p0', [1.5], 6, [4]);
  check('return np.sum(np.full_like(np.array([1e0, 2]), 2.5)) * p0', [1], 5, [5]);
});
