import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../../../src/cli/main';

/**
 * scikit-learn's own loss code, as it is written: `_huber.py`-style (this repository's fixture, with
 * scikit-learn's relative imports of `safe_sparse_dot` and `axis0_safe_slice`) gets a sample point in
 * consistent shapes, its hand-written gradient is checked ✓, and its numbers are numpy's (the file
 * run by CPython and numpy: test/fixtures/sklearn_style/make_huber_fixture.py).
 */

const DIR = 'test/fixtures/sklearn_style/sklearn/linear_model';
const HUBER = `${DIR}/_huber.py`;

interface HuberCase {
  at: { w: number[]; X: number[][]; y: number[]; epsilon: number; alpha: number; sample_weight: number[] };
  outliers: number;
  loss: number;
  grad: number[];
}
const cases = (JSON.parse(readFileSync('test/fixtures/sklearn_style/huber_numpy.json', 'utf8')) as { cases: HuberCase[] }).cases;

const json = (argv: string[]): any => {
  const r = runCli(argv);
  assert.equal(r.exitCode, 0, r.stdout + r.stderr);
  return JSON.parse(r.stdout);
};
const close = (a: number, b: number, rel = 1e-12): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

test('the Huber loss-and-gradient gets a sample point whose shapes agree with its idioms (n_features + 1 == w.shape[0])', () => {
  const r = json(['grad', HUBER, '--function', '_huber_loss_and_gradient']);
  const { w, X, y, sample_weight } = r.at;
  const nFeatures = X[0].length;
  assert.ok(w.length === nFeatures + 1 || w.length === nFeatures + 2, `w ${w.length}, n_features ${nFeatures}`);
  assert.equal(y.length, X.length);
  assert.equal(sample_weight.length, X.length);
  // (loss, grad): the gradient as long as w
  assert.equal(r.value[1].length, w.length);
});

test('its hand-written gradient is paired and checked ✓ at 9 points, against ∂loss/∂w', () => {
  const checks = json(['check', HUBER]).checks as any[];
  const c = checks.find((x) => x.gradient === '_huber_loss_and_gradient');
  assert.ok(c, JSON.stringify(checks));
  assert.equal(c.verdict, 'match', JSON.stringify(c));
  assert.equal(c.points, 9);
  assert.equal(c.compared, '∂loss/∂w');
  assert.ok(c.maxRelError < 1e-10, String(c.maxRelError));
});

test("its loss and its own gradient are numpy's, and GradLens's derivative (both modes) agrees with that gradient: outliers, an intercept, no outliers", () => {
  assert.deepEqual(cases.map((c) => c.outliers > 0), [true, true, false]);
  for (const c of cases) {
    const at = JSON.stringify(c.at);
    for (const mode of ['reverse', 'forward']) {
      const r = json(['grad', HUBER, '--function', '_huber_loss_and_gradient', '--at', at, '--mode', mode]);
      const [loss, grad] = r.value as [number, number[]];
      assert.ok(close(loss, c.loss), `${loss} vs numpy ${c.loss}`);
      assert.equal(grad.length, c.grad.length);
      grad.forEach((g, i) => assert.ok(close(g, c.grad[i]!), `grad[${i}]: ${g} vs numpy ${c.grad[i]}`));
      // d loss / d w, the first row of the Jacobian, is the hand-written gradient
      const dw = r.jacobian.w[0] as number[];
      dw.forEach((g, i) => assert.ok(close(g, c.grad[i]!, 1e-10), `${mode} ∂loss/∂w[${i}]: ${g} vs ${c.grad[i]}`));
    }
    const check = json(['check', HUBER, '--function', '_huber_loss_and_gradient', '--at', at]).checks[0];
    assert.equal(check.verdict, 'match', JSON.stringify(check));
  }
});

test('the file gives no GradLens error: an import GradLens cannot follow is information, refused only where reached', () => {
  const r = json(['functions', HUBER]);
  const errors = [...r.diagnostics, ...r.functions.flatMap((f: any) => f.diagnostics)].filter((d: any) => d.severity === 'error');
  assert.deepEqual(errors, []);
  // the objective reaches check_consistent_length (of ..utils.validation, not in the workspace): skipped with a warning naming it
  const objective = json(['grad', HUBER, '--function', '_huber_fit_objective', '--at', JSON.stringify(cases[0]!.at)]);
  assert.ok(close(objective.value, cases[0]!.loss));
  assert.match(JSON.stringify(objective.warnings), /check_consistent_length/);
});

test("with scikit-learn's extmath.py in the workspace, safe_sparse_dot is still the modelled helper (that file's reaches scipy.sparse) and its other functions are read from it", () => {
  const at = { w: [0.7, -0.2], X: [[1, 2], [3, -1], [0.5, 0.5]], y: [1, 2, -1], alpha: 0.5 };
  const r = json(['grad', `${DIR}/_ridge_style.py`, '--function', '_ridge_objective', '--at', JSON.stringify(at)]);
  const residual = at.X.map((row, i) => row[0]! * at.w[0]! + row[1]! * at.w[1]! - at.y[i]!);
  const expected = 0.5 * residual.reduce((s, v) => s + v * v, 0) + at.alpha * 0.5 * (at.w[0]! ** 2 + at.w[1]! ** 2);
  assert.ok(close(r.value, expected), `${r.value} vs ${expected}`);
  const dw = [0, 1].map((j) => residual.reduce((s, v, i) => s + v * at.X[i]![j]!, 0) + at.alpha * at.w[j]!);
  dw.forEach((g, j) => assert.ok(close(r.gradient.w[j], g), `∂/∂w[${j}]`));
});

test('a keyword GradLens does not model is a located error naming it', () => {
  const src = 'import numpy as np\nfrom sklearn.utils.extmath import safe_sparse_dot, softmax\n\ndef f(X, w):\n    return np.sum(safe_sparse_dot(X, w, X=1))\n';
  const file = '/tmp/gradlens_sklearn_keyword.py';
  writeFileSync(file, src);
  const r = runCli(['grad', file, '--function', 'f', '--at', '{"X": [[1, 2]], "w": [1, 2]}']);
  assert.notEqual(r.exitCode, 0);
  const e = JSON.parse(r.stdout).error;
  assert.equal(e.message, "GradLens does not support safe_sparse_dot's X= yet");
  assert.equal(e.line, 5);
});
