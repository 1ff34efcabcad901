import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { runCli } from '../../../src/cli/main';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import { reportRequest } from '../report/fixtures';

/**
 * `return a, b` is (value, gradient) only when b is plausibly a gradient: named as one (`grad`, `g`,
 * `jac`, `d` + a parameter, an attribute or the first element), the function's name or docstring
 * says so. A Hohmann transfer's `return dvTotal, dT` is a speed and a time: no check, nothing in Problems.
 */

const FIXTURE = 'test/fixtures/pairing/orbital_pairs.py';

test('physics returning two quantities is no (value, gradient); losses returning (loss, grad) still are, a wrong one still caught', () => {
  const checks = new Map(JSON.parse(runCli(['check', FIXTURE]).stdout).checks.map((c: any) => [c.gradient, c]));
  assert.deepEqual([...checks.keys()].sort(), ['lj_potential', 'ridge_slip', 'spring_energy_and_grad', 'svm_hinge']);
  for (const name of ['lj_potential', 'spring_energy_and_grad', 'svm_hinge']) {
    const c = checks.get(name) as any;
    assert.equal(c.verdict, 'match', name);
    assert.equal(c.points, 9, name);
  }
  assert.equal((checks.get('svm_hinge') as any).compared, '∂loss/∂W');
  assert.equal((checks.get('lj_potential') as any).compared, '∂u/∂r');
  const slip = checks.get('ridge_slip') as any;
  assert.equal(slip.verdict, 'mismatch');
  assert.equal(slip.compared, '∂loss/∂w');
});

test('the transfer and the projectile get their numbers and say nothing in Problems', () => {
  const report = reportDocument(reportRequest(readFileSync(FIXTURE, 'utf8')), new FunctionCache());
  const lines = report.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`);
  // Only the forgotten regulariser of ridge_slip, on its return.
  assert.ok(lines.length > 0 && lines.every((l) => l.startsWith('56: ')), lines.join('\n'));
  const byName = new Map(report.functions.map((f) => [f.name, f]));
  for (const name of ['hohmann_transfer', 'flight']) {
    const f = byName.get(name)!;
    assert.equal(f.check, undefined, name);
    assert.ok(f.result?.jacobian, `${name}: ${f.error?.message}`);
  }
  // dT = π·sqrt(a³/μ), a = (r1 + r2)/2, at the call (1, 1.524): ∂dT/∂r_from = (3/4)·π·sqrt(a/μ).
  const jac = byName.get('hohmann_transfer')!.result!.jacobian! as Record<string, number[]>;
  const a = (1 + 1.524) / 2;
  assert.ok(Math.abs(jac.r_from![1]! - 0.75 * Math.PI * Math.sqrt(a)) < 1e-12, JSON.stringify(jac));
});

test('which second elements read as gradients: d + a parameter, an attribute read, the first element; grad, g, jac; a docstring', () => {
  const src = [
    'def transfer(r1, r2):\n    dv = r1 + r2\n    dT = r1 * r2\n    return dv, dT\n',
    'def step(x, v):\n    e = x * v\n    dt = 0.1 * x\n    return e, dt\n',
    'def loss_w(W, X):\n    loss = W * X\n    dW = X\n    return loss, dW\n',
    'def pot(r):\n    u = r * r\n    du = 2 * r\n    return u, du\n',
    'def fg(x):\n    f = x * x\n    g = 2 * x\n    return f, g\n',
    'def documented(r):\n    """The energy and the derivative of the energy with respect to r."""\n    u = r * r\n    s = 2 * r\n    return u, s\n',
    'def checking(r):\n    """Seeded, as gradient checking needs."""\n    u = r * r\n    s = 2 * r\n    return u, s\n',
    'class Net:\n    def loss(self, X):\n        loss = self.W * X\n        dW = X\n        return loss, dW\n',
  ].join('\n');
  const pairs = DocumentAnalysis.fromText(src, 'p.py', 'python').pairings();
  assert.deepEqual(pairs.filter((p) => p.what.kind === 'value-and-gradient').map((p) => p.derivative.name).sort(), ['Net.loss', 'documented', 'fg', 'loss_w', 'pot']);
});
