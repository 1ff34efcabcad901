import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * scipy.linalg.expm composed of GradLens's primitives (engine/array/matrixExponential.ts; its values
 * and derivatives against scipy's are check-table rows): a rotation generator past the Padé bound
 * (scaled and squared) gives cos and sin, a covariance propagated by expm(F·dt) gives scipy's numbers,
 * and a sample point makes the matrix scaled inside expm square. Expected: scipy 1.10 at the same points.
 */
const SOURCE = `import numpy as np
from scipy.linalg import expm

def rotation(theta):
    return expm(np.array([[0.0, theta], [-theta, 0.0]]))

def propagated(P, F, dt=0.5):
    phi = expm(F * dt)
    return phi @ P @ phi.T
`;

const close = (a: number[][], b: number[][], tol: number): boolean => a.every((row, i) => row.every((v, j) => Math.abs(v - b[i]![j]!) < tol));

test('expm of a rotation generator past the Padé bound is the rotation, with the rotation derivative', () => {
  const r = DocumentAnalysis.fromText(SOURCE, 'm.py', 'python').gradient('rotation', { values: { theta: 6 }, source: 'annotation' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  if (!r.ok) return;
  assert.ok(close(r.value.value as number[][], [[0.960170286650366, -0.27941549819892586], [0.27941549819892586, 0.960170286650366]], 1e-13), JSON.stringify(r.value.value));
  // d/dθ [[cos θ, sin θ], [−sin θ, cos θ]] = [[−sin θ, cos θ], [−cos θ, −sin θ]]
  const J = r.value.jacobian!.theta as number[][];
  assert.ok(close(J, [[-Math.sin(6), Math.cos(6)], [-Math.cos(6), -Math.sin(6)]], 1e-12), JSON.stringify(J));
});

test("a covariance propagated by expm(F·dt) is scipy's, and its sample point makes F square", () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'm.py', 'python');
  const r = doc.evaluate('propagated', { values: { P: [[1, 0.2], [0.2, 0.5]], F: [[0, 1], [-2, -0.3]] }, source: 'annotation' });
  assert.ok(r.ok && close(r.value.value as number[][], [[0.8181826484961477, -0.49452539238043225], [-0.49452539238043225, 0.7154047403699818]], 1e-14), JSON.stringify(r));
  const [point] = doc.functions().find((f) => f.ir.name === 'propagated')!.points;
  assert.ok(point);
  const F = point!.values.F as number[][];
  assert.equal(F.length, F[0]!.length);
  assert.equal((point!.values.P as number[][]).length, F.length);
});
