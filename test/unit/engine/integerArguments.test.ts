import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A count made with `/` (a float in Python 3) where CPython and numpy need an integer. Expected
 * values and exceptions: CPython 3.11 with numpy 1.24 running the same file
 * (test/fixtures/integer_arguments/make_expected.py).
 * - `range(n / 2)` raises TypeError in every Python 3: GradLens gives no number but a located
 *   TypeError, which `except TypeError` catches as Python's would.
 * - numpy's counts (`np.linspace(0, 1, num=n / 2)`, `np.eye(n / 2)`, `np.tile(a, r / 1)`) raise since
 *   numpy 1.18; before, numpy took int(…) of them, and published code (autograd's examples) relies
 *   on it. GradLens gives older numpy's number, which the `_floor` twin (the count made with `//`)
 *   gives in CPython today, with a `float-count` warning saying numpy now raises.
 */
const DIR = 'test/fixtures/integer_arguments';
const SOURCE = readFileSync(`${DIR}/counts.py`, 'utf8');
const EXPECTED = JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8')) as Record<string, { value?: number; raises?: string }>;
const doc = DocumentAnalysis.fromText(SOURCE, 'counts.py', 'python');

function run(name: string) {
  const point = doc.resolvePoint(name, { x: 1.5 });
  assert.ok(point.ok, point.ok ? '' : point.error.message);
  return doc.evaluate(name, point.value);
}

/** The text of a range of SOURCE on one line. */
function textAt(range: { start: { line: number; column: number }; end: { column: number } }): string {
  return SOURCE.split('\n')[range.start.line]!.slice(range.start.column, range.end.column);
}

for (const [name, expected] of Object.entries(EXPECTED)) {
  if (expected.value !== undefined) {
    test(`${name}: ${expected.value} as in CPython, with no warning`, () => {
      const r = run(name);
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.value, expected.value);
      assert.deepEqual(r.value.warnings.filter((w) => w.code === 'float-count'), []);
    });
    continue;
  }
  const twin = EXPECTED[`${name}_floor`];
  if (twin?.value !== undefined) {
    test(`${name}: numpy today raises ${expected.raises}; older numpy's ${twin.value} (its // twin's value in CPython) with a float-count warning at the count`, () => {
      const r = run(name);
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.value, twin.value);
      const warned = r.value.warnings.filter((w) => w.code === 'float-count');
      assert.equal(warned.length, 1);
      assert.match(warned[0]!.message, /numpy 1\.18 and later raise TypeError/);
      assert.match(textAt(warned[0]!.range), /\//);
    });
    continue;
  }
  test(`${name}: raises ${expected.raises} as in CPython, located at the float`, () => {
    const r = run(name);
    assert.ok(!r.ok, `${name} gave ${r.ok ? JSON.stringify(r.value.value) : ''} where CPython raises ${expected.raises}`);
    assert.equal(r.error.code, 'type');
    assert.match(r.error.message, /^TypeError: 'float' object cannot be interpreted as an integer/);
    assert.match(textAt(r.error.range), /\//);
  });
}
