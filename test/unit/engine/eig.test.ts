import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generalEigen, MAX_ORDER } from '../../../src/engine/array/nonsymmetricEigen';
import { compilePython, differentiate, valueAt } from '../../oracle/table/engine';

/**
 * np.linalg.eig/eigvals of general matrices (engine/array/nonsymmetricEigen.ts) against numpy's own
 * answers (test/oracle/eig/eig_cases.json, from make_eig_fixtures.py): 200 matrices — dense, with
 * real spectra, triangular and sparse (balancing permutes), badly scaled (balancing scales).
 * The eigenvalues must come out in numpy's order, complex pairs included; the eigenvectors of real
 * spectra must be numpy's up to sign, and carry numpy's sign in nearly every case.
 */

interface Case {
  readonly kind: string;
  readonly a: number[][];
  readonly wr: number[];
  readonly wi: number[];
  readonly v: number[][] | null;
}

const CASES = JSON.parse(readFileSync(join(__dirname, '../../oracle/eig/eig_cases.json'), 'utf8')) as Case[];

test("eigenvalues in numpy's (LAPACK's) order for all 200 matrices, complex pairs as (re, +im), (re, −im)", () => {
  assert.equal(CASES.length, 200);
  const wrong: string[] = [];
  for (const c of CASES) {
    const n = c.a.length;
    const r = generalEigen(Float64Array.from(c.a.flat()), n, false);
    const scale = Math.max(1, ...c.wr.map(Math.abs), ...c.wi.map(Math.abs));
    const same = (ours: Float64Array, theirs: number[]): boolean => theirs.every((x, i) => Math.abs(x - ours[i]!) <= 1e-9 * scale);
    if (r.failed || !same(r.wr, c.wr) || !same(r.wi, c.wi)) wrong.push(`${c.kind} ${n}×${n}: ${Array.from(r.wr, (x) => x.toFixed(4))} vs numpy ${c.wr.map((x) => x.toFixed(4))}`);
  }
  assert.deepEqual(wrong, []);
  assert.ok(CASES.some((c) => c.kind === 'badly scaled') && CASES.some((c) => c.wi.some((x) => x !== 0)));
});

test("eigenvectors of real spectra: numpy's unit columns up to sign, with numpy's sign in at least 95% of the matrices", () => {
  let compared = 0;
  let sameSign = 0;
  const wrong: string[] = [];
  for (const c of CASES) {
    if (!c.v) continue;
    const n = c.a.length;
    const r = generalEigen(Float64Array.from(c.a.flat()), n, true);
    compared++;
    let flipped = false;
    for (let col = 0; col < n; col++) {
      const diff = (s: number): number => Math.max(...c.v!.map((row, i) => Math.abs(row[col]! - s * r.v![i * n + col]!)));
      if (diff(1) <= 1e-7) continue;
      if (diff(-1) <= 1e-7) flipped = true;
      else wrong.push(`${c.kind} ${n}×${n} column ${col}`);
    }
    if (!flipped) sameSign++;
  }
  assert.deepEqual(wrong, []);
  assert.ok(compared >= 70, `only ${compared} real spectra`);
  assert.ok(sameSign >= 0.95 * compared, `numpy's sign in ${sameSign} of ${compared}`);
});

const module = (body: string): ReturnType<typeof compilePython> => compilePython(`import numpy as np\n\ndef f(x):\n    ${body}\n`);

function refusal(body: string, point: number | number[][]): string {
  try {
    differentiate(module(body), 'f', [point], false);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return 'ran';
}

test('refusals: complex eigenvalues, a derivative at repeated eigenvalues, matrices past numpy\'s QR crossover', () => {
  assert.match(refusal('return np.linalg.eigvals(np.array([[0.0, -1.0], [1.0, 0.0]]) * x)', 1), /np\.linalg\.eigvals: the matrix has complex eigenvalues \(0 ± 1i\); GradLens computes in real numbers/);
  assert.match(refusal('return np.linalg.eig(np.eye(2) * x)[0]', 1.5), /np\.linalg\.eig: eigenvalues 0 and 1 are equal or nearly so \(1\.5, 1\.5\): the eigenvectors, and so the derivative, are not determined there; GradLens refuses it/);
  assert.match(refusal('return np.linalg.eigvals(np.eye(2) * x)', 1.5), /the eigenvalues have no derivative there/);
  // the values alone, with nothing tracked, are given at repeated eigenvalues
  assert.deepEqual(valueAt(module('return np.linalg.eigvals(np.eye(2) * 1.5) * x'), 'f', [2]), [3, 3]);
  const big = MAX_ORDER + 1;
  assert.match(refusal(`return np.sum(np.linalg.eigvals(np.diag(np.arange(${big}) * 1.0) + x * 0.01))`, Array.from({ length: big }, () => Array.from({ length: big }, () => 0.1))), /GradLens does not support np\.linalg\.eigvals of a matrix larger than 74×74 yet/);
});

test('first and second derivatives: the eigenvalue perturbation formulas against differences, in both modes', () => {
  // λ of [[a, b], [c, d]] in closed form: (a + d)/2 ± √(((a − d)/2)² + bc); numpy's order here is (+, −)
  const m = module('w = np.linalg.eigvals(np.array([[x[0], x[1]], [x[2], x[3]]]))\n    return w[0] * 3.0 + w[1]');
  const p = [2.0, 0.7, 0.4, -1.0];
  const closed = (q: number[]): number => {
    const [a, b, c, d] = q as [number, number, number, number];
    const root = Math.sqrt(((a - d) / 2) ** 2 + b * c);
    return 3 * ((a + d) / 2 + root) + ((a + d) / 2 - root);
  };
  const r = differentiate(m, 'f', [p], true);
  assert.ok(Math.abs(r.values[0]! - closed(p)) < 1e-13);
  const h = 1e-6;
  const fd = p.map((_, i) => (closed(p.map((x, j) => (j === i ? x + h : x))) - closed(p.map((x, j) => (j === i ? x - h : x)))) / (2 * h));
  for (const g of [r.reverse[0]!, r.forward[0]!]) g.forEach((x, i) => assert.ok(Math.abs(x - fd[i]!) < 1e-8, `${x} vs ${fd[i]}`));
  const hess = r.hessian!;
  const k = 1e-4; // second differences: rounding ~ ε/k², truncation ~ k²
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const e = (at: number, s: number): number[] => p.map((x, l) => (l === at ? x + s : x));
      const moved = (s: number, t: number): number => closed(e(i, s).map((x, l) => (l === j ? x + t : x)));
      const second = (moved(k, k) - moved(k, -k) - moved(-k, k) + moved(-k, -k)) / (4 * k * k);
      assert.ok(Math.abs(hess[i]![j]! - second) < 1e-6, `H[${i}][${j}] ${hess[i]![j]} vs ${second}`);
    }
  }
});
