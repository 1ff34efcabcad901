import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerPython } from '../../../../src/frontends/python/index';
import { bigFile } from './bigFile';

/**
 * A 2,000-line file lowers completely, and a broken def in its middle affects only that def. How
 * fast it lowers is a figure of `npm run bench` (bench/frontend.ts), not a timed test.
 */

test('a 2,000-line file lowers: 200 functions, 400 points', () => {
  const text = bigFile();
  assert.ok(text.split('\n').length >= 2000);
  const m = lowerPython(text, 'file:///big.py');
  assert.equal(m.functions.length, 200);
  assert.equal(m.points.length, 400);
});

test('the same file with a broken def in the middle: only that def has an error', () => {
  const text = bigFile().replace('def f100(x, y=2):\n    a = np.sin(x) * y', 'def f100(x, y=2):\n    a = np.sin(x * y');
  const m = lowerPython(text, 'file:///big.py');
  assert.deepEqual(m.functions.filter((f) => f.diagnostics.length > 0).map((f) => f.name), ['f100']);
});
