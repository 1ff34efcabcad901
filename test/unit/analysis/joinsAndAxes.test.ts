import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';

/**
 * `if fit_intercept: X = np.c_[np.ones(len(X)), X]` and `np.linalg.norm(x, axis=axis)` with the axis
 * a parameter: each has a sample point whose shapes run (no point before), the axis a whole number
 * held constant; numbers from torch (test/fixtures/python/joins_axes/make_expected.py).
 */
const DIR = join(__dirname, '..', '..', 'fixtures', 'python', 'joins_axes');
const FILE = join(DIR, 'joins.py');
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Record<string, unknown>>;

const close = (a: unknown, b: unknown, what: string): void => {
  if (typeof b === 'number') return assert.ok(typeof a === 'number' && Math.abs(a - b) <= 1e-14 * Math.max(1, Math.abs(b)), `${what}: ${String(a)} vs ${b}`);
  assert.ok(Array.isArray(a) && Array.isArray(b) && a.length === b.length, `${what}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  b.forEach((x, i) => close((a as unknown[])[i], x, `${what}[${i}]`));
};

function grad(name: string): Record<string, any> {
  const r = runCli(['grad', FILE, '--function', name]);
  assert.equal(r.exitCode, 0, r.stdout);
  return JSON.parse(r.stdout) as Record<string, any>;
}

test('a design matrix joined with ones inside the flag\'s branch: the weights have a column more than X, and torch\'s numbers', () => {
  const r = grad('ridge');
  assert.equal(r.at.w.length, 2);
  assert.deepEqual(r.at.X, [0.731, 0.502, 0.872]);
  const e = EXPECTED.ridge!;
  close(r.value, e.value, 'value');
  for (const p of ['X', 'y', 'w']) close(r.gradient[p], e[p], p);
  assert.deepEqual(r.warnings, []);
});

test('an axis given as a parameter is 0, a whole number, and not differentiated', () => {
  const r = grad('normalise');
  assert.equal(r.at.axis, 0);
  assert.deepEqual(Object.keys(r.jacobian), ['x']);
  const e = EXPECTED.normalise!;
  close(r.value, e.value, 'value');
  close(r.jacobian.x, e.x, 'jacobian');
});
