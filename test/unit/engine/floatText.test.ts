import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * How a whole float prints decides a number when code measures or splits its text: CPython's
 * `str(3.0)`, `repr(4.0)` and `f"{2.0}"` are '3.0', '4.0', '2.0'. GradLens's numbers carry no type at
 * run time; the type the source gives (interpreter/scalarKinds.ts) decides, and where the source does
 * not say, the int it prints is said in a warning. The values are what /usr/bin/python3 printed for
 * test/fixtures/python/float_text.py (its own loop at the end); the gradients are written out by hand.
 */

const SOURCE = readFileSync(join(__dirname, '..', '..', 'fixtures', 'python', 'float_text.py'), 'utf8');
const doc = DocumentAnalysis.fromText(SOURCE, 'float_text.py', 'python');

function at(name: string, x: number) {
  const r = doc.gradient(name, { values: { x }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) throw new Error('unreachable');
  return { value: r.value.value as number, dx: r.value.gradient!.x as number, warnings: r.value.warnings.map((w) => w.message) };
}

test('str, repr and f-string fields of floats the source writes print as CPython prints them', () => {
  // label_weight: x·len('3.0'); padded: x²·len('2.0') + len('4.0'); step_decimals: x·10^-len('0'); chosen: x·len('4.0')
  for (const [name, value, dx] of [['label_weight', 1.5, 3], ['padded', 3.75, 3], ['step_decimals', 0.05, 0.1], ['chosen', 1.5, 3]] as const) {
    const r = at(name, 0.5);
    assert.ok(Math.abs(r.value - value) <= 1e-15, `${name}: ${r.value} vs ${value}`);
    assert.ok(Math.abs(r.dx - dx) <= 1e-15, `${name}: ∂x ${r.dx} vs ${dx}`);
    assert.deepEqual(r.warnings, [], name);
  }
});

test('a whole number whose type the source does not say (a parameter\'s default) prints as an int, and says so', () => {
  // CPython: 1.5 (f"{2.0}" is '2.0'); the default's value reaches the field without its literal's type.
  const r = at('default_width', 0.5);
  assert.equal(r.value, 0.5);
  assert.ok(r.warnings.some((w) => /^2 printed as an int: the source does not say whether this whole number is an int or a float/.test(w)), JSON.stringify(r.warnings));
});

test('a loop counter over range(…) is an int: str(i) prints it without a warning', () => {
  const loop = DocumentAnalysis.fromText('def f(x):\n    t = ""\n    for i in range(3):\n        t += str(i)\n    return x * len(t)\n', 'loop.py', 'python');
  const r = loop.gradient('f', { values: { x: 0.5 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.value.value, 1.5);
  assert.deepEqual(r.value.warnings, []);
});

test("a list's, a tuple's and an f-string's whole floats print as CPython prints them; a whole number of unknown type among them is said", () => {
  // CPython: listed(0.5) = 15.5, listed_mixed(0.5) = 4.0; listed_unknown(0.5) = 5.0 ('[3.0, 1.0]'), here '[3, 1.0]': 4.0, said.
  for (const [name, value, dx] of [['listed', 15.5, 31], ['listed_mixed', 4, 8]] as const) {
    const r = at(name, 0.5);
    assert.equal(r.value, value, name);
    assert.equal(r.dx, dx, name);
    assert.deepEqual(r.warnings, [], name);
  }
  const r = at('listed_unknown', 0.5);
  assert.equal(r.value, 4);
  assert.ok(r.warnings.some((w) => /^a whole number in this container is printed as an int: the source does not say/.test(w)), JSON.stringify(r.warnings));
});
