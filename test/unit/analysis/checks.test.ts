import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { checkTitle } from '../../../src/extension/titles';
import type { FunctionReport } from '../../../src/report/report';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { findPairings } from '../../../src/analysis/pairing';
import { parameterItDifferentiates } from '../../../src/analysis/checks';
import { nearbyPoints } from '../../../src/analysis/pointValues';
import { runCli } from '../../../src/cli/main';
import { formatRange } from '../../../src/core/sourceRange';
import { lowerPython } from '../../../src/frontends/python';

/** Hand-written derivatives against the engine: right ones match, each kind of subtle slip is caught where it is written. */

function checksOf(file: string): Map<string, Record<string, any>> {
  const r = runCli(['check', file]);
  const json = JSON.parse(r.stdout);
  return new Map(json.checks.map((c: any) => [c.gradient, c]));
}

test('Python: right gradients, partials and Hessians match at 9 points', () => {
  const checks = checksOf('examples/hand_gradients.py');
  for (const name of ['grad_f', 'df_dx2', 'hess_q']) {
    const c = checks.get(name)!;
    assert.equal(c.verdict, 'match', name);
    assert.equal(c.points, 9);
    assert.ok(c.maxRelError < 1e-12, `${name}: ${c.maxRelError}`);
    assert.deepEqual(c.components, []);
  }
});

test('Python: a sign slip is caught on the wrong component, at its place in the return', () => {
  const c = checksOf('examples/hand_gradients.py').get('f_gradient_sign_slip')!;
  assert.equal(c.verdict, 'mismatch');
  assert.deepEqual(c.components.map((d: any) => d.name), ['∂f/∂x2']);
  assert.equal(c.components[0].ad, 1.7163378145367738);
  assert.deepEqual(c.components[0].at, { x1: 2, x2: 5 });
  assert.deepEqual([c.components[0].line, c.components[0].column], [19, 25]); // `x1 + np.cos(x2)`
});

test('Python: a missing chain-rule factor, swapped components, one wrong Jacobian entry', () => {
  const checks = checksOf('examples/hand_gradients.py');
  assert.deepEqual(checks.get('dg')!.components.map((d: any) => d.name), ['∂g/∂x']);
  assert.deepEqual(checks.get('grad_h')!.components.map((d: any) => d.name), ['∂h/∂a', '∂h/∂b']);
  assert.deepEqual(checks.get('jac_polar')!.components.map((d: any) => d.name), ['∂polar[1]/∂phi']);
});

test('Python: a formula right only at the annotated point is caught at a nearby point', () => {
  const c = checksOf('examples/hand_gradients.py').get('cube_prime')!;
  assert.equal(c.verdict, 'mismatch');
  assert.notDeepEqual(c.components[0].at, { x: 1 });
});

test('math notation: f′ matches, a ∇ with a sign slip does not', () => {
  const checks = checksOf('examples/hand_gradients.math');
  assert.equal(checks.get("f'")!.verdict, 'match');
  const g = checks.get('∇g')!;
  assert.equal(g.verdict, 'mismatch');
  assert.deepEqual(g.components.map((d: any) => d.name), ['∂g/∂y']);
});

test('exit codes: 0 when all match, 1 on a mismatch, 2 when nothing can be checked', () => {
  assert.equal(runCli(['check', 'examples/hand_gradients.py', '--function', 'grad_f']).exitCode, 0);
  assert.equal(runCli(['check', 'examples/hand_gradients.py', '--function', 'grad_h']).exitCode, 1);
  assert.equal(runCli(['check', 'examples/hand_gradients.py']).exitCode, 1);
  const none = runCli(['check', 'examples/hand_gradients.py', '--function', 'nothing']);
  assert.equal(none.exitCode, 2);
  assert.ok(JSON.parse(none.stdout).error.message.includes('no hand-written derivative'));
  assert.equal(runCli(['check', 'examples/seeds.py']).exitCode, 0); // no derivatives: nothing to fail
});

test('pairing by name and by annotation', () => {
  const src = [
    'def f(x, y):\n    return x * y\n',
    'def grad_f(x, y):\n    return y, x\n',
    'def f_grad(x, y):\n    return y, x\n',
    'def gradient_f(x, y):\n    return y, x\n',
    'def df(x, y):\n    return y, x\n',
    'def dfdx(x, y):\n    return y\n',
    'def df_dy(x, y):\n    return x\n',
    'def f_prime(x, y):\n    return y, x\n',
    'def jac_f(x, y):\n    return y, x\n',
    'def hess_f(x, y):\n    return [[0, 1], [1, 0]]\n',
    '# @gradient-of f\ndef mine(x, y):\n    return y, x\n',
    'def grad_missing(x):\n    return x\n',
    'def defer(x):\n    return x\n',
  ].join('\n');
  const pairs = findPairings(lowerPython(src, 'p.py').functions);
  const seen = Object.fromEntries(pairs.map((p) => [p.derivative.name, `${p.of.name}:${p.what.kind}${p.what.kind === 'partial' ? `:${p.what.variable}` : ''}`]));
  assert.deepEqual(seen, {
    grad_f: 'f:gradient',
    f_grad: 'f:gradient',
    gradient_f: 'f:gradient',
    df: 'f:gradient',
    dfdx: 'f:partial:x',
    df_dy: 'f:partial:y',
    f_prime: 'f:gradient',
    jac_f: 'f:jacobian',
    hess_f: 'f:hessian',
    mine: 'f:gradient',
  });
  const doc = DocumentAnalysis.fromText(src + '\nf(1.5, -2)\n', 'p.py', 'python');
  for (const p of doc.pairings()) {
    const c = doc.check(p);
    assert.ok(c.ok, `${p.derivative.name}: ${c.ok ? '' : c.error.message}`);
    if (c.ok) assert.equal(c.value.verdict, 'match', p.derivative.name);
  }
});

test('a derivative returning the wrong number of components is an error naming both counts', () => {
  const doc = DocumentAnalysis.fromText('# @at x=1, y=2\ndef f(x, y):\n    return x * y\n\ndef grad_f(x, y):\n    return y\n', 'p.py', 'python');
  const c = doc.check(doc.pairings()[0]!);
  assert.equal(c.ok, false);
  if (!c.ok) {
    assert.match(c.error.message, /returns 1 value, but ∇f has 2/);
    assert.equal(formatRange(c.error.range), '5:5-5:11');
  }
});

test('non-finite components never pass', () => {
  const doc = DocumentAnalysis.fromText('import math\n# @at x=2\ndef f(x):\n    return 3 * x\n\ndef df(x):\n    return math.inf if x > 1.9 else 3.0\n', 'p.py', 'python');
  const c = doc.check(doc.pairings()[0]!);
  assert.ok(c.ok);
  if (!c.ok) return;
  assert.equal(c.value.verdict, 'mismatch');
  assert.equal(c.value.components[0]!.yours, Infinity);
  assert.equal(c.value.maxRelError, Infinity);
});

test('TypeScript (camelCase names): a right gradient matches, a missing chain-rule factor is caught on its component', () => {
  const r = runCli(['check', 'examples/hand_gradients.ts']);
  const checks = new Map<string, any>(JSON.parse(r.stdout).checks.map((c: any) => [c.gradient, c]));
  assert.equal(r.exitCode, 1);
  assert.equal(checks.get('gradEnergy').verdict, 'match');
  assert.equal(checks.get('gradEnergyWrong').verdict, 'mismatch');
  assert.deepEqual(checks.get('gradEnergyWrong').components.map((d: any) => d.name), ['∂energy/∂y']);
  assert.equal(checks.get('gradEnergyWrong').components[0].line, 16);
});

test('a check on fewer than 9 points says it is partial, and why (domain)', () => {
  // Only nearby points within ±0.03 of 1.25 are in the domain: most of the 30 tried are skipped.
  const text = 'import numpy as np\n# @at x=1.25\ndef f(x):\n    return np.sqrt(1e-3 - (x - 1.25)**2)\n\ndef grad_f(x):\n    return -(x - 1.25) / np.sqrt(1e-3 - (x - 1.25)**2)\n';
  const doc = DocumentAnalysis.fromText(text, 'file:///partial.py', 'python');
  const c = doc.check(doc.pairings()[0]!);
  assert.ok(c.ok, c.ok ? '' : c.error.message);
  assert.equal(c.value.verdict, 'match');
  assert.ok(c.value.points < 9, `${c.value.points} points`);
  assert.match(c.value.partial ?? '', new RegExp(`only ${c.value.points} of the 31 points tried could be evaluated`));
  // The lens says so too.
  const title = checkTitle({ name: 'grad_f' } as FunctionReport, { of: 'f', what: '∇f', ofParams: ['x'], outcome: c }, 6, 'python');
  assert.match(title, new RegExp(`^✓ matches ∇f at only ${c.value.points} points — only ${c.value.points} of the 31 points tried`));
});

test('a check whose time runs out says after how many points', () => {
  // The point itself runs no loop; every nearby point loops for millions of steps.
  const loop = '    s = 0.0\n    for i in range(int(abs(x - 1.0) * 1e8)):\n        s = s + 1e-9\n';
  const text = `# @at x=1.0\ndef f(x):\n${loop}    return x * x + s\n\ndef grad_f(x):\n${loop}    return 2 * x\n`;
  const doc = DocumentAnalysis.fromText(text, 'file:///partial.py', 'python');
  const c = doc.check(doc.pairings()[0]!, { maxMillis: 300, maxSteps: 100_000_000 });
  assert.ok(c.ok, c.ok ? '' : c.error.message);
  assert.equal(c.value.points, 1);
  assert.equal(c.value.partial, 'the time budget (300 ms) ran out after 1 of 9 points');
  // The CLI's own 2,000 ms budget: each nearby point stays under the default step budget (so it does
  // not fail fast on steps, which on an idle machine let all 31 points be tried within 2 s) but does
  // enough array work per step that the total time must run out.
  const slowLoop = '    s = 0.0\n    a = np.ones(20000)\n    for i in range(min(int(abs(x - 1.0) * 1e8), 300000)):\n        s = s + np.sum(a) * 1e-12\n';
  const slowText = `import numpy as np\n# @at x=1.0\ndef f(x):\n${slowLoop}    return x * x + s\n\ndef grad_f(x):\n${slowLoop}    return 2 * x\n`;
  const file = '/tmp/gradlens-partial-check.py';
  writeFileSync(file, slowText);
  const json = JSON.parse(runCli(['check', file]).stdout).checks[0];
  assert.equal(json.verdict, 'match');
  assert.match(json.partial, /^the time budget \(2000 ms\) ran out after \d of 9 points$/);
});

test('a pair of gradients is no (loss, gradient) return: a backward pass\'s (dx, dw) and micrograd\'s (x.grad, y.grad) are not checked against themselves', () => {
  const src = [
    'def loss_and_grad(w):\n    loss = w * w\n    grad = 2 * w\n    return loss, grad\n',
    'def affine_backward(dout, w):\n    dx = dout * w\n    dw = dout * 2.0\n    return dx, dw\n',
    'def manual_gradient(a, b):\n    x = Value(a)\n    y = Value(b)\n    z = x * y\n    z.backward()\n    return x.grad, y.grad\n',
    'def energy_gradient(a, b):\n    e = a * b\n    g = b\n    return e, g\n',
  ].join('\n');
  const pairs = findPairings(lowerPython(src, 'p.py').functions);
  assert.deepEqual(pairs.map((p) => `${p.derivative.name}:${p.what.kind}`).sort(), ['energy_gradient:value-and-gradient', 'loss_and_grad:value-and-gradient']);
});

test('Python: a class gradient returning dX_hat, dLogSigma2, dMu is compared with those parameters, in that order', () => {
  const checks = checksOf('test/fixtures/pairing/latent_losses.py');
  const right = checks.get('GaussianLatentLoss.grad')!;
  assert.equal(right.function, 'GaussianLatentLoss.loss'); // `loss`, not the `__call__` that delegates to it
  assert.equal(right.verdict, 'match');
  assert.equal(right.points, 9);
  assert.equal(right.compared, '∂GaussianLatentLoss.loss/∂(x_hat, log_sigma2, mu)');
  assert.match(right.notes.join('\n'), /returns dX_hat, dLogSigma2, dMu: .* by their names, x taken as data/);
  const slip = checks.get('GaussianLatentLossSlip.grad')!;
  assert.equal(slip.verdict, 'mismatch');
  // Only the component with the forgotten 1/2: the others line up by name.
  assert.ok(slip.components.length > 0);
  assert.ok(slip.components.every((d: any) => d.name.startsWith('∂GaussianLatentLossSlip.loss/∂log_sigma2[')), JSON.stringify(slip.components.map((d: any) => d.name)));
});

test('a gradient variable names its parameter: dW, grad_w, dY_pred, dLogVar; ambiguous or short stems do not', () => {
  const params = ['y', 'y_pred', 't_mean', 't_log_var', 'W', 'b'];
  assert.equal(parameterItDifferentiates('dW', params), 'W');
  assert.equal(parameterItDifferentiates('db', params), 'b');
  assert.equal(parameterItDifferentiates('grad_W', params), 'W');
  assert.equal(parameterItDifferentiates('dY_pred', params), 'y_pred');
  assert.equal(parameterItDifferentiates('dLogVar', params), 't_log_var');
  assert.equal(parameterItDifferentiates('dMean', params), 't_mean');
  assert.equal(parameterItDifferentiates('data', params), undefined); // a word starting with d
  assert.equal(parameterItDifferentiates('dar', params), undefined); // a short stem ending two names
  assert.equal(parameterItDifferentiates('dPred', ['y_pred', 'x_pred']), undefined);
  // `d` + a whole name needs no case break; an ending does (`dtheta` is not ∂/∂log_theta).
  assert.equal(parameterItDifferentiates('dtheta', ['theta', 'X']), 'theta');
  assert.equal(parameterItDifferentiates('dtheta', ['log_theta', 'X']), undefined);
});

test('nearby check points keep an entry strictly inside (0, 1) there, and move the others freely', () => {
  const near = nearbyPoints({ p: [0.05, 0.5, 0.95], x: [0.5, 3, -2] }, 30);
  const p = near.flatMap((v) => v.p as number[]);
  assert.ok(p.every((v) => v > 0 && v < 1), JSON.stringify(p));
  assert.ok(Math.min(...p) < 0.1 && Math.max(...p) > 0.9);
  const x = near.map((v) => (v.x as number[])[1]!);
  assert.ok(Math.max(...x) > 3.5 && Math.min(...x) < 2.5);
});

test('a gradient whose docstring says it is with respect to a variable the loss does not take (the logits `z`) is not paired; one naming a parameter is', () => {
  const checks = checksOf('test/fixtures/pairing/latent_losses.py');
  assert.equal(checks.has('SoftmaxCrossEntropy.grad'), false);
  const plain = checks.get('PlainCrossEntropy.grad')!;
  assert.equal(plain.verdict, 'match');
  assert.equal(plain.compared, '∂PlainCrossEntropy.loss/∂p');
});

test('a method checked at `; self: alpha=2` is compared at nine points on that instance, not on one its constructor cannot make', () => {
  const doc = DocumentAnalysis.fromText(
    `import numpy as np

class Sigmoid:
    def __init__(self, alpha):
        self.alpha = alpha

    # @at z=0.5; self: alpha=2
    def fn(self, z):
        return 1 / (1 + np.exp(-self.alpha * z))

    def grad(self, z):
        s = self.fn(z)
        return self.alpha * s * (1 - s)
`,
    'sigmoid.py',
    'python',
  );
  const c = doc.check(doc.pairings()[0]!);
  assert.ok(c.ok, JSON.stringify(!c.ok && c.error));
  assert.equal(c.value.verdict, 'match');
  assert.equal(c.value.points, 9);
  assert.equal(c.value.partial, undefined);
});
