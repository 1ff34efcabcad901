import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePython, differentiate, valueAt } from '../../oracle/table/engine';

/**
 * numpy.linalg's decompositions where the check table's random points never go: the points where a
 * derivative does not exist (repeated eigenvalues or singular values, a zero singular value, a rank-
 * deficient QR) are refused with the reason — while the values alone are still given — and a matrix
 * that is not positive definite is a located error in cholesky.
 */

const module = (body: string) => compilePython(`import numpy as np\n\ndef f(x):\n    ${body.includes('return') ? body : `return ${body}`}\n`);

function refusal(body: string, x: number[] | number[][]): string {
  try {
    differentiate(module(body), 'f', [x], false);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return 'ran';
}

test('repeated eigenvalues: eigh refuses the derivative, names the eigenvalues; the value is still given', () => {
  const body = 'w, v = np.linalg.eigh(np.diag(x)); return np.sum(w) + np.sum(v ** 2)';
  assert.match(refusal(body, [2, 2, 3]), /np\.linalg\.eigh: eigenvalues 0 and 1 are equal or nearly so \(2, 2\): the eigenvectors, and so the derivative, are not determined there; GradLens refuses it/);
  assert.deepEqual(valueAt(module(body), 'f', [[2, 2, 3]]), [10]);
  // distinct eigenvalues of a diagonal matrix: ∂(Σw)/∂x = 1 and the eigenvectors do not move
  const r = differentiate(module(body), 'f', [[1, 2, 3]], true);
  assert.deepEqual(r.reverse, [[1, 1, 1]]);
  assert.deepEqual(r.forward, [[1, 1, 1]]);
});

test('svd refuses repeated and zero singular values; qr a rank-deficient matrix; values still given', () => {
  assert.match(refusal('np.linalg.svd(np.diag(x), compute_uv=False)', [3, -3]), /singular values 0 and 1 are equal or nearly so/);
  assert.match(refusal('np.linalg.svd(np.outer(x, x), compute_uv=False)', [1, 2]), /the smallest singular value is 0: the singular vectors, and so the derivative, are not determined there/);
  assert.match(refusal('np.linalg.qr(np.outer(x, x))[1]', [1, 2]), /np\.linalg\.qr: the matrix does not have full rank/);
  const values = valueAt(module('np.linalg.svd(np.diag(x), compute_uv=False)'), 'f', [[3, -3]]);
  assert.deepEqual(values, [3, 3]);
});

test('cholesky of a matrix that is not positive definite is a located error; upper= and hermitian= are refused by name, a UPLO other than L or U is numpy\'s ValueError', () => {
  assert.match(refusal('np.linalg.cholesky(np.diag(x))', [1, -1]), /np\.linalg\.cholesky: the matrix is not positive definite \(pivot 1 is not positive\)/);
  assert.match(refusal('np.linalg.cholesky(np.diag(x), upper=True)', [1, 1]), /GradLens does not support cholesky's upper=True yet/);
  assert.match(refusal("np.linalg.eigh(np.diag(x), UPLO='X')[0]", [1, 2]), /ValueError: eigh's UPLO argument must be 'L' or 'U'/);
  assert.match(refusal('np.linalg.svd(np.diag(x), hermitian=True)[1]', [1, 2]), /GradLens does not support svd's hermitian=True yet/);
});

test('eigh and svd values agree with numpy to rounding (numbers from numpy 1.24)', () => {
  // np.linalg.eigvalsh([[2, 1, 0], [1, 3, 1], [0, 1, 4]]) and np.linalg.svd([[1, 2], [3, 4], [5, 6]], compute_uv=False)
  const w = valueAt(module('np.linalg.eigh(np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]]) * x)[0]'), 'f', [1]);
  [1.2679491924311228, 3.0, 4.732050807568877].forEach((e, i) => assert.ok(Math.abs(w[i]! - e) < 1e-14, `${w[i]} vs ${e}`));
  const s = valueAt(module('np.linalg.svd(np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]) * x, compute_uv=False)'), 'f', [1]);
  [9.525518091565107, 0.5143005806586441].forEach((e, i) => assert.ok(Math.abs(s[i]! - e) < 1e-14, `${s[i]} vs ${e}`));
});

test('pinv and lstsq: a rank-deficient matrix refuses the derivative, names the rank, and gives numpy\'s cut-off value', () => {
  assert.match(refusal('np.linalg.pinv(np.outer(x, x))', [1, 2]), /np\.linalg\.pinv: the matrix has rank 1, less than 2: the pseudo-inverse jumps there and has no derivative/);
  assert.match(refusal('np.linalg.lstsq(np.outer(x, x), x, rcond=None)[0]', [1, 2]), /np\.linalg\.lstsq: a has rank 1, less than 2/);
  // np.linalg.pinv(np.outer([1, 2], [1, 2])) = outer / 25
  const p = valueAt(module('np.linalg.pinv(np.outer(x, x))'), 'f', [[1, 2]]);
  [0.04, 0.08, 0.08, 0.16].forEach((e, i) => assert.ok(Math.abs(p[i]! - e) < 1e-15, `${p[i]} vs ${e}`));
  // repeated singular values of an orthogonal a: x has its derivative, s is a constant, with a warning
  // a = c·[[1, 0], [0, 1], [0, 0]] with c = x[2] = 2: Σ solution = (x₀ + x₁)/c, Σ s = 2c held constant
  const r = differentiate(module('r = np.linalg.lstsq(np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]) * x[2], x, rcond=None); return np.sum(r[0]) + np.sum(r[3])'), 'f', [[1, 2, 2]], false);
  assert.deepEqual(r.values, [1.5 + 4]);
  assert.deepEqual(r.reverse, [[0.5, 0.5, -0.75]]);
  assert.ok(r.warnings.some((w) => /s \(its fourth result\) has no derivative/.test(w)), r.warnings.join('\n'));
});

test("norm 2, −2 and 'nuc' refuse only where the norm has no derivative: a chosen singular value equal to one left out, or 0", () => {
  // 'nuc' of c·I: every singular value chosen, the sum 2c has derivative 2 (first and second order exact)
  const nuc = differentiate(module("np.linalg.norm(np.eye(2) * x[0], 'nuc') + x[1]"), 'f', [[1.5, 2]], true);
  assert.deepEqual(nuc.values, [5]);
  assert.deepEqual(nuc.reverse, [[2, 1]]);
  assert.deepEqual(nuc.forward, [[2, 1]]);
  assert.deepEqual(nuc.hessian, [[0, 0], [0, 0]]);
  // the largest of c·I is repeated across the choice: max(s₁, s₂) has a kink there
  assert.match(refusal('np.linalg.norm(np.eye(2) * x[0], 2)', [1, 2]), /np\.linalg\.norm: singular values 0 and 1 are equal or nearly so \(1\), one chosen and one not: the norm has no derivative there; GradLens refuses it/);
  assert.match(refusal('np.linalg.norm(np.eye(3) * x[0] + np.diag([1.0, 0.0, 0.0]), -2)', [1, 2]), /singular values 1 and 2 are equal or nearly so/);
  // a chosen singular value 0: the nuclear norm of diag(x₀, 0) is |x₀|-like in the second entry
  assert.match(refusal("np.linalg.norm(np.diag(x), 'nuc')", [1, 0]), /np\.linalg\.norm: a singular value it sums is 0/);
  // …while the 2-norm there chooses only the largest, and has its derivative
  assert.deepEqual(differentiate(module('np.linalg.norm(np.diag(x), 2)'), 'f', [[-3, 0]], false).reverse, [[-1, 0]]);
});

test("svd's full_matrices=True and qr's mode='complete' of a tracked non-square matrix: nan through the added columns, exact elsewhere; eigvalsh's crossing eigenvalues refused", () => {
  // the completing columns have no derivative: through them it is nan (both modes), with a warning
  for (const body of ['np.sum(np.linalg.svd(x)[0][:, 2])', "np.sum(np.linalg.qr(x, mode='complete')[0][:, 2] ** 2) * x[0, 0]"]) {
    const r = differentiate(module(body), 'f', [[[1, 2], [3, 4], [5, 7]]], false);
    assert.ok(r.reverse[0]!.every(Number.isNaN) && r.forward[0]!.every(Number.isNaN), body);
    assert.ok(r.warnings.some((w) => /the columns it adds to complete an orthogonal matrix are any such completion, with no derivative, and the result uses them: its derivative through them is NaN/.test(w)), r.warnings.join('\n'));
  }
  // …and a result that does not read them keeps its exact derivative, with nothing to warn about
  const s = differentiate(module('u, s, vt = np.linalg.svd(x); return s'), 'f', [[[1, 2], [3, 4], [5, 7]]], false);
  assert.ok(s.reverse.flat().every(Number.isFinite));
  assert.deepEqual(s.warnings, []);
  // a square matrix's complete QR is its reduced one, with its derivative
  assert.equal(refusal("np.linalg.qr(x, mode='complete')[1]", [[1, 2], [3, 4]]), 'ran');
  assert.match(refusal('np.linalg.eigvalsh(np.diag(x))', [2, 2, 3]), /np\.linalg\.eigvalsh: eigenvalues 0 and 1 are equal or nearly so \(2, 2\): the sorted eigenvalues cross there and have no derivative; GradLens refuses it/);
  assert.deepEqual(differentiate(module('np.linalg.eigvalsh(np.diag(x))'), 'f', [[3, 1, 2]], false).reverse, [[0, 1, 0], [0, 0, 1], [1, 0, 0]]);
});
