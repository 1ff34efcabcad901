import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A module-level call whose arguments the module computes gives its function a point: the arguments
 * as the module's code computes them (frontends/python/evaluatedCalls.ts, analysis/evaluatedPoints.ts).
 * Checked against CPython running the same file (computed_calls/make_expected.py): the arguments its
 * profile hook saw at each call, the value returned, central-difference gradients.
 */

const DIR = join(__dirname, '../../fixtures/computed_calls');
const SOURCE = readFileSync(join(DIR, 'computed_calls.py'), 'utf8');
type Expected = { at: Record<string, unknown>; value: number; gradient: Record<string, number[]> };
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected | string>;
const names = Object.keys(EXPECTED).filter((k) => typeof EXPECTED[k] === 'object');

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
const close = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test('the fixture calls five functions with computed arguments, one through scipy minimize', () => assert.deepEqual(names, ['ridge', 'squared_loss', 'logistic_nll', 'pair_energy', 'smooth_abs_loss']));

for (const name of names) {
  test(`${name}: the point is the arguments CPython passes, and the numbers are CPython's there`, () => {
    const doc = DocumentAnalysis.fromText(SOURCE, 'file:///computed_calls.py', 'python');
    const fn = doc.functions().find((f) => f.ir.name === name)!;
    const point = fn.points[0];
    assert.equal(point?.source, 'call-site', `${name}: ${JSON.stringify(point)}`);
    const want = EXPECTED[name] as Expected;
    assert.deepEqual(Object.keys(point!.values), Object.keys(want.at));
    // The draws bit for bit (numpy's stream), the data as numpy computes it.
    for (const [k, v] of Object.entries(want.at)) {
      const got = flat(point!.values[k]);
      assert.equal(got.length, flat(v).length, `${name}.${k}`);
      flat(v).forEach((x, i) => assert.ok(close(got[i]!, x, 4 * Number.EPSILON), `${name}.${k}[${i}]: ${got[i]} ≠ ${x}`));
    }
    assert.ok(point!.notes?.[0]?.startsWith('the arguments of the call on line'), JSON.stringify(point!.notes));
    const r = doc.gradient(name, point!);
    assert.ok(r.ok, `${name}: ${!r.ok && r.error.message}`);
    if (!r.ok) return;
    assert.ok(close(r.value.value as number, want.value, 1e-12), `${name}: ${r.value.value} ≠ ${want.value}`);
    for (const [k, g] of Object.entries(want.gradient)) {
      const got = flat(r.value.gradient![k]);
      assert.equal(got.length, g.length, `∂${name}/∂${k}`);
      g.forEach((x, i) => assert.ok(close(got[i]!, x, 1e-6), `∂${name}/∂${k}[${i}]: ${got[i]} ≠ ${x}`));
    }
  });
}

test('arguments that are no faithful point give none: a Python list of numbers in a numpy module, integer labels, an unseeded draw said so', () => {
  const source = `import numpy as np

def f(w, y):
    return np.sum(w * 2) + y[0]

def g(w):
    return np.sum(w ** 2)

w = [1.0, 2.0]
labels = np.array([0, 2, 1])
f(np.ones(2), labels)
f(w, np.ones(3))
v = np.random.randn(3)
g(v)
`;
  const doc = DocumentAnalysis.fromText(source, 'file:///x.py', 'python');
  const byName = new Map(doc.functions().map((f) => [f.ir.name, f]));
  // `w * 2` repeats a list and doubles an array: neither call is a point (the sample is).
  assert.ok(byName.get('f')!.points.every((p) => p.source === 'sample'), JSON.stringify(byName.get('f')!.points));
  const g = byName.get('g')!.points[0]!;
  assert.equal(g.source, 'call-site');
  assert.equal(flat(g.values['w']).length, 3);
  assert.ok(g.notes?.some((n) => n.startsWith('the point was drawn at random: unseeded')), JSON.stringify(g.notes));
});
