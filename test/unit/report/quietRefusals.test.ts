import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import { reportRequest } from './fixtures';

/**
 * Complex numbers (a Heston characteristic function) and scipy.integrate.odeint are refused cleanly:
 * quiet, located lenses and no Problems entry while nobody asks about them; asked about with an
 * @at, one located error, no flood (test/fixtures/python/refused/heston_ode.py).
 */
const FILE = join(__dirname, '..', '..', 'fixtures', 'python', 'refused', 'heston_ode.py');
const TEXT = readFileSync(FILE, 'utf8');

test('unasked: each refused function says what stops it in its lens, at its line; Problems stay empty; the rest have numbers', () => {
  const report = reportDocument(reportRequest(TEXT, { uri: 'file:///ws/heston_ode.py' }), new FunctionCache());
  assert.deepEqual(report.diagnostics, []);
  const byName = new Map(report.functions.map((f) => [f.name, f]));
  assert.equal(byName.get('heston_cf')!.quiet, "can't read complex number (line 8)");
  assert.equal(byName.get('settle')!.quiet, "can't read odeint (line 23)");
  assert.ok(byName.get('drag')!.result?.gradient, JSON.stringify(byName.get('drag')));
  assert.ok(byName.get('decay')!.result?.gradient);
});

test('asked about with @at: one error each, located at the construct it reaches', () => {
  const asked = TEXT.replace('def heston_cf', '# @at u=1.5, v0=0.04, kappa=2, theta=0.04, sigma=0.3, rho=-0.7, r=0.01, T=1\ndef heston_cf').replace('def settle', '# @at k=0.5\ndef settle');
  const report = reportDocument(reportRequest(asked, { uri: 'file:///ws/heston_ode.py' }), new FunctionCache());
  const errors = report.functions.flatMap((f) => (f.error ? [[f.name, f.error] as const] : []));
  assert.deepEqual(errors.map(([n]) => n).sort(), ['heston_cf', 'settle']);
  const cf = errors.find(([n]) => n === 'heston_cf')![1];
  assert.match(cf.message, /complex numbers are not supported/);
  assert.equal(cf.range.start.line, 8);
  const ode = errors.find(([n]) => n === 'settle')![1];
  assert.match(ode.message, /odeint comes from module scipy\.integrate, which GradLens does not support/);
  assert.equal(ode.range.start.line, 24);
});
