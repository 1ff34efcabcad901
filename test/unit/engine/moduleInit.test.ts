import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { totalDraws } from '../../../src/engine/interpreter/randomGenerators';

/**
 * A module's constants are evaluated once, in the order the module assigns them, as Python runs a
 * module before calling any of its functions (engine/moduleInit.ts): `B = RS.normal(size=3)` after
 * `A = RS.normal(size=3)` holds the next three draws, and a function that draws from RS or from
 * numpy's or Python's global generator continues from where the module left it — in every run alike. Values from CPython 3.11 and numpy 1.24
 * (test/fixtures/random/make_module_init_expected.py runs the module afresh for each function).
 */

const DIR = join(__dirname, '../../fixtures/random');
const SOURCE = readFileSync(join(DIR, 'module_init.py'), 'utf8');
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'module_init_expected.json'), 'utf8')) as Record<string, number[] | string>;
const names = Object.keys(EXPECTED).filter((k) => Array.isArray(EXPECTED[k]));

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

function valueOf(doc: DocumentAnalysis, name: string): { values: number[]; warnings: { code: string; line: number }[] } {
  const point = doc.resolvePoint(name, { x: 1 });
  assert.ok(point.ok, name);
  const r = doc.gradient(name, point.value);
  assert.ok(r.ok, `${name}: ${!r.ok && r.error.message}`);
  return { values: flat(r.value.value), warnings: r.value.warnings.map((w) => ({ code: w.code, line: w.range.start.line + 1 })) };
}

test('the fixture reads constants, and draws after them from a RandomState and both global generators', () => {
  assert.equal(names.length, 8);
  for (const n of ['read_b', 'rs_after_module', 'python_after_module', 'numpy_global_after_module', 'params', 'data_rows']) assert.ok(names.includes(n), n);
});

for (const name of names) {
  test(`${name}: the module's values and the draws after it are CPython's and numpy's, bit for bit, in every run`, () => {
    const doc = DocumentAnalysis.fromText(SOURCE, 'file:///module_init.py', 'python');
    const want = EXPECTED[name] as number[];
    for (let run = 0; run < 2; run++) {
      const got = valueOf(doc, name).values;
      assert.equal(got.length, want.length, name);
      got.forEach((v, i) => assert.ok(Object.is(v, want[i]), `${name}[${i}], evaluation ${run + 1}: ${v} ≠ ${want[i]}`));
    }
  });
}

test("a random constant is drawn once per module, not once per run, and its warning is said in every run", () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'file:///module_init.py', 'python');
  const first = totalDraws();
  const one = valueOf(doc, 'read_b');
  const initialisation = totalDraws() - first;
  assert.ok(initialisation > 0);
  const before = totalDraws();
  const again = [valueOf(doc, 'read_b'), valueOf(doc, 'read_both'), valueOf(doc, 'params')];
  assert.equal(totalDraws() - before, 0, 'later evaluations draw nothing');
  // `B = RS.normal(size=3)` draws from a generator another constant seeded: said wherever B is read.
  const bLine = SOURCE.split('\n').findIndex((l) => l.startsWith('B = ')) + 1;
  for (const r of [one, again[0]!, again[1]!]) assert.ok(r.warnings.some((w) => w.code === 'random-stream' && w.line === bLine), JSON.stringify(r.warnings));
  // A function that draws at run time draws only its own numbers, the same in each run.
  const d0 = totalDraws();
  valueOf(doc, 'rs_after_module');
  const perAnalysis = totalDraws() - d0;
  const d1 = totalDraws();
  valueOf(doc, 'rs_after_module');
  assert.equal(totalDraws() - d1, perAnalysis);
  assert.ok(perAnalysis < initialisation);
});
