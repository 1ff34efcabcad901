import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * `np.linalg.LinAlgError` as numpy raises it: a Cholesky factorization of a matrix that is not
 * positive definite is caught by `except np.linalg.LinAlgError:` (a Gaussian process adding jitter
 * before trying again), not by `except ValueError:` (numpy 1.24's LinAlgError is an Exception only),
 * and `raise np.linalg.LinAlgError(...)` is a located error. Expected: numpy at the same points.
 */
const SOURCE = `import numpy as np

def chol_logdet(K, jitter=0.1):
    try:
        L = np.linalg.cholesky(K)
    except np.linalg.LinAlgError:
        L = np.linalg.cholesky(K + jitter * np.eye(K.shape[0]))
    return 2.0 * np.sum(np.log(np.diag(L)))

def value_error_only(K):
    try:
        L = np.linalg.cholesky(K)
    except ValueError:
        L = np.eye(2)
    return np.sum(L)

def check_pd(K):
    if np.linalg.eigvalsh(K).min() < 0:
        raise np.linalg.LinAlgError("Matrix is not positive definite!")
    return np.sum(K)
`;

const doc = (): DocumentAnalysis => DocumentAnalysis.fromText(SOURCE, 'gp.py', 'python');

test('a failed Cholesky runs the LinAlgError handler: the jittered matrix factored, its derivative taken', () => {
  const r = doc().gradient('chol_logdet', { values: { K: [[1, 1], [1, 1]] }, source: 'annotation' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  if (!r.ok) return;
  // numpy: log det [[1.1, 1], [1, 1.1]] = log 0.21; the gradient in K's lower triangle (what cholesky reads): inv(K) with the off-diagonal twice.
  assert.ok(Math.abs((r.value.value as number) - Math.log(0.21)) < 1e-12, String(r.value.value));
  const g = r.value.gradient!.K as number[][];
  const inv = [[1.1 / 0.21, -1 / 0.21], [-1 / 0.21, 1.1 / 0.21]];
  assert.ok(Math.abs(g[0]![0]! - inv[0]![0]!) < 1e-9 && g[0]![1] === 0 && Math.abs(g[1]![0]! - 2 * inv[1]![0]!) < 1e-9 && Math.abs(g[1]![1]! - inv[1]![1]!) < 1e-9, JSON.stringify(g));
});

test("a failed Cholesky is no ValueError, as in numpy: the handler does not run and the failure is located", () => {
  const r = doc().evaluate('value_error_only', { values: { K: [[1, 2], [2, 1]] }, source: 'annotation' });
  assert.ok(!r.ok);
  if (!r.ok) assert.match(r.error.message, /np\.linalg\.cholesky: the matrix is not positive definite/);
});

test('raise np.linalg.LinAlgError(...) is a located error naming it', () => {
  const r = doc().evaluate('check_pd', { values: { K: [[1, 2], [2, 1]] }, source: 'annotation' });
  assert.ok(!r.ok);
  if (!r.ok) assert.equal(r.error.message, 'LinAlgError: Matrix is not positive definite! (raised at line 19)');
});
