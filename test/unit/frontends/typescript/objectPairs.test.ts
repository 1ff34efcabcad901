import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../../src/cli/main';
import { checkTitle } from '../../../../src/extension/titles';
import { FunctionCache, reportDocument } from '../../../../src/report/documentReport';
import { reportRequest } from '../../report/fixtures';

/**
 * Test-function objects of a JavaScript minimiser's suite (`{f, fprime}`, `{f, gradient}`, `{f, grad}`,
 * the gradient returned or written into an output array, keys written as names or quoted): each pair is checked, and the two wrong
 * ones (a lost factor 2, a gradient copied from another function) are found by `check` and shown ✗.
 */
const FILE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'objects', 'testFunctions.js');

test('gradlens check pairs every {f, fprime/gradient/grad} object, finds the two wrong ones and exits 1', () => {
  const r = runCli(['check', FILE]);
  assert.equal(r.exitCode, 1, r.stdout);
  const checks = JSON.parse(r.stdout).checks as { function: string; gradient: string; verdict: string }[];
  const verdicts = Object.fromEntries(checks.map((c) => [c.gradient, `${c.function} ${c.verdict}`]));
  assert.deepEqual(verdicts, {
    'dixonPrice.fprime': 'dixonPrice.f match',
    'sphere.fprime': 'sphere.f match',
    'booth.fprime': 'booth.f mismatch',
    'matyas.fprime': 'matyas.f mismatch',
    'rosenbrock.gradient': 'rosenbrock.f match',
    'beale.grad': 'beale.f match',
    'trid.fprime': 'trid.f match',
  });
});

test('the editor shows ✗ on the two wrong gradients and ✓ on the others', () => {
  const text = readFileSync(FILE, 'utf8');
  const report = reportDocument(reportRequest(text, { uri: 'file:///testFunctions.js', language: 'typescript' }), new FunctionCache());
  const titles = Object.fromEntries(report.functions.filter((f) => f.check).map((f) => [f.name, checkTitle(f, f.check!, 4, 'typescript')]));
  assert.deepEqual(Object.keys(titles).sort(), ['beale.grad', 'booth.fprime', 'dixonPrice.fprime', 'matyas.fprime', 'rosenbrock.gradient', 'sphere.fprime', 'trid.fprime']);
  for (const name of ['booth.fprime', 'matyas.fprime']) assert.match(titles[name]!, /^✗ ∂(booth|matyas)\.f\/∂x\[0\] differs/, name);
  for (const name of ['dixonPrice.fprime', 'sphere.fprime', 'rosenbrock.gradient', 'beale.grad', 'trid.fprime']) assert.match(titles[name]!, /^✓ matches ∇/, name);
  // booth's first component is off by 2·(2x₀ + x₁ − 5): yours − AD at the compared point says so.
  const booth = report.functions.find((f) => f.name === 'booth.fprime')!.check!;
  assert.ok(booth.outcome.ok);
  const c = booth.outcome.value.components[0]!;
  const [x0, x1] = c.at.x as number[];
  assert.ok(Math.abs(c.ad - c.yours - 2 * (2 * x0! + x1! - 5)) < 1e-9);
});

test('quoted keys (`\'f\' : function(X) {…}`, `export var`) name functions too: each pair is checked, the wrong one found', () => {
  const r = runCli(['check', join(import.meta.dirname, '..', '..', '..', 'fixtures', 'objects', 'quotedKeys.js')]);
  assert.equal(r.exitCode, 1, r.stdout);
  const checks = JSON.parse(r.stdout).checks as { function: string; gradient: string; verdict: string }[];
  assert.deepEqual(Object.fromEntries(checks.map((c) => [c.gradient, `${c.function} ${c.verdict}`])), {
    'camel.fprime': 'camel.f mismatch',
    'levi.fprime': 'levi.f match',
  });
  // The plot settings beside them are constants, not functions.
  const listed = JSON.parse(runCli(['functions', join(import.meta.dirname, '..', '..', '..', 'fixtures', 'objects', 'quotedKeys.js')]).stdout).functions.map((f: { name: string }) => f.name);
  assert.deepEqual(listed, ['camel.f', 'camel.fprime', 'levi.f', 'levi.fprime']);
});
