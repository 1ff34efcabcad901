import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A count made with `/` (a float in Python 3) where CPython and numpy need an integer — `range(n / 2)`,
 * `np.linspace(0, 1, num=n / 2)`, `np.eye(n / 2)`, `np.tile(a, r / 1)` — raises TypeError there, so
 * GradLens gives no number: a located TypeError, which `except TypeError` catches as Python's would.
 * Expected values and exceptions: CPython 3.11 with numpy 1.24 running the same file
 * (test/fixtures/integer_arguments/make_expected.py).
 */
const DIR = 'test/fixtures/integer_arguments';
const SOURCE = readFileSync(`${DIR}/counts.py`, 'utf8');
const EXPECTED = JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8')) as Record<string, { value?: number; raises?: string }>;
const doc = DocumentAnalysis.fromText(SOURCE, 'counts.py', 'python');

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`${name}: ${expected.raises ? `raises ${expected.raises} as in CPython` : `${expected.value} as in CPython`}`, () => {
    const point = doc.resolvePoint(name, { x: 1.5 });
    assert.ok(point.ok, point.ok ? '' : point.error.message);
    const r = doc.evaluate(name, point.value);
    if (expected.raises) {
      assert.ok(!r.ok, `${name} gave ${r.ok ? JSON.stringify(r.value.value) : ''} where CPython raises ${expected.raises}`);
      assert.equal(r.error.code, 'type');
      assert.match(r.error.message, /^TypeError: 'float' object cannot be interpreted as an integer/);
      // Located at the float argument, on the line of the call.
      const line = SOURCE.split('\n')[r.error.range.start.line]!;
      assert.match(line.slice(r.error.range.start.column, r.error.range.end.column), /\//);
    } else {
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.value, expected.value);
    }
  });
}
