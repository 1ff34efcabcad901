import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A matrix factored by Cholesky (`cho_factor(K + jitter * np.eye(K.shape[0]))`, `cholesky(S)`) is
 * square, sampled symmetric with a dominant positive diagonal (positive definite, so the factor
 * exists), and what is solved against it is as long as its side (shapes/calls.ts `squareMatrix`,
 * samplePoints.ts `definiteMatrix`). The numbers at these points are CPython's (realPython.test.ts,
 * cholesky_solves.py).
 */

const FILE = join(__dirname, '..', '..', 'fixtures', 'real_python', 'cholesky_solves.py');
const doc = DocumentAnalysis.fromText(readFileSync(FILE, 'utf8'), 'file:///cholesky_solves.py', 'python');

for (const [fn, matrix, rhs] of [['gp_log_likelihood', 'K', 'y'], ['whitened_distance', 'S', 'r'], ['precision_quadratic', 'S', 'r']] as const) {
  test(`${fn}: ${matrix} is a positive definite square matrix, ${rhs} as long as its side, and it evaluates`, () => {
    const point = doc.resolvePoint(fn);
    assert.ok(point.ok, `${fn} has a point`);
    const m = point.value.values[matrix] as number[][];
    const n = m.length;
    assert.ok(n > 1 && m.every((row) => row.length === n), `${matrix} is square: ${JSON.stringify(m)}`);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) assert.equal(m[i]![j], m[j]![i], 'symmetric');
      const off = m[i]!.reduce((s, v, j) => (j === i ? s : s + Math.abs(v)), 0);
      assert.ok(m[i]![i]! > off, 'diagonally dominant with a positive diagonal');
    }
    assert.equal((point.value.values[rhs] as number[]).length, n);
    assert.ok(doc.gradient(fn, point.value).ok, `${fn} evaluates at its sample`);
  });
}
