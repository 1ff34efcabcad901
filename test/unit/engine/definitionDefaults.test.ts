import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * Defaults evaluated once per definition, as Python does (IrModule.defaultsEvaluated absent), and
 * per call in JavaScript. The expected numbers are CPython's for test/fixtures/python/defaults.py,
 * written by make_defaults_expected.py (run with /usr/bin/python3, a fresh module per evaluation).
 */

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'python');
const SOURCE = readFileSync(join(FIXTURES, 'defaults.py'), 'utf8');
const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'defaultsExpected.json'), 'utf8')) as Record<string, [number, number, number][]>;

test('mutable and captured defaults give CPython\'s values and derivatives in both modes', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'defaults.py', 'python');
  assert.equal(Object.keys(EXPECTED).length, 13);
  for (const [name, rows] of Object.entries(EXPECTED)) {
    for (const [x, value, dx] of rows) {
      for (const mode of ['forward', 'reverse'] as const) {
        const r = doc.gradient(name, { values: { x }, source: 'argument' }, { mode });
        assert.ok(r.ok, `${name}(${x}): ${JSON.stringify(r)}`);
        if (!r.ok) continue;
        assert.ok(Math.abs((r.value.value as number) - value) <= 1e-12 * Math.max(1, Math.abs(value)), `${name}(${x}) = ${r.value.value}, CPython ${value}`);
        const g = r.value.gradient!.x as number;
        assert.ok(Math.abs(g - dx) <= 1e-6 * Math.max(1, Math.abs(dx)), `∂${name}(${x}) = ${g} (${mode}), CPython's differences ${dx}`);
      }
    }
  }
});

test('a run starts with fresh defaults: evaluating twice gives the same number', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'defaults.py', 'python');
  const once = doc.gradient('accumulate_twice', { values: { x: 0.7 }, source: 'argument' });
  const again = doc.gradient('accumulate_twice', { values: { x: 0.7 }, source: 'argument' });
  assert.ok(once.ok && again.ok);
  assert.equal(once.value.value, again.value.value);
  assert.equal(once.value.value, 2.0999999999999996);
});

test('JavaScript evaluates a default at every call (its front end says so)', () => {
  // Both bindings: positional (JavaScript's loose arity) and with a rest parameter.
  const source = 'function push(x, acc = []) {\n  acc.push(x);\n  return acc.length * x;\n}\nfunction pushRest(x, acc = [], ...more) {\n  acc.push(x);\n  return acc.length * x;\n}\nconst pushArrow = (x, acc = []) => { acc.push(x); return acc.length * x; };\nfunction twice(x) {\n  push(x);\n  pushRest(x);\n  pushArrow(x);\n  return push(x) + pushRest(x) + pushArrow(x);\n}\n';
  const doc = DocumentAnalysis.fromText(source, 'f.js', 'typescript');
  const r = doc.gradient('twice', { values: { x: 2 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  if (r.ok) assert.equal(r.value.value, 6);
});
