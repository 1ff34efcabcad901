import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * functools.partial lowered to the closure it makes (frontends/python/lowerPartial.ts): bound data,
 * a keyword fixed then overridden at the call, a partial of a partial, one made inside a function.
 * CPython's values and central differences (computed_calls/make_partials_expected.py).
 */

const DIR = join(__dirname, '../../fixtures/computed_calls');
const SOURCE = readFileSync(join(DIR, 'partials.py'), 'utf8');
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'partials_expected.json'), 'utf8')) as Record<string, { value: number; dx: number }>;

for (const [name, want] of Object.entries(EXPECTED)) {
  test(`${name}: CPython's value, and its derivative, through functools.partial`, () => {
    const doc = DocumentAnalysis.fromText(SOURCE, 'file:///partials.py', 'python');
    const r = doc.gradient(name, { values: { x: 0.3 }, source: 'argument' });
    assert.ok(r.ok, `${name}: ${!r.ok && r.error.message}`);
    if (!r.ok) return;
    assert.ok(Math.abs((r.value.value as number) - want.value) <= 1e-14 * Math.max(1, Math.abs(want.value)), `${name}: ${r.value.value} ≠ ${want.value}`);
    assert.ok(Math.abs((r.value.gradient!.x as number) - want.dx) <= 1e-7 * Math.max(1, Math.abs(want.dx)), `${name}: ∂x ${r.value.gradient!.x} ≠ ${want.dx}`);
  });
}

test('a partial given no function is refused where it is reached, not guessed', () => {
  const doc = DocumentAnalysis.fromText('from functools import partial\n\ndef f(x):\n    g = partial()\n    return x * 2\n', 'file:///p.py', 'python');
  const r = doc.gradient('f', { values: { x: 0.3 }, source: 'argument' });
  assert.ok(!r.ok);
  assert.match(r.error.message, /partial/);
});
