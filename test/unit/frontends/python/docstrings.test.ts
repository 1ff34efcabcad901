import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonGradient as gradient, pythonRun } from '../../pythonRuns';

/**
 * A triple-quoted string runs over lines, and none of its text is code: the pre-parse scan
 * (frontends/shared/nesting.ts) skips it whole. Textbooks written in Japanese, Korean or Chinese put
 * full-width punctuation in their docstrings (`（例：(10, 1, 28, 28)）`), which in code CPython
 * refuses; in a docstring it is text, and the function is read as CPython reads it.
 */

test('full-width brackets and colons on a docstring\'s inner lines are text, in either quote', () => {
  const double = 'def scale(x):\n    """\n    x : 入力（形状：(2, 3)）\n    """\n    return x * 2.5\n';
  assert.equal(gradient(double, 'scale', { x: 2 }).value, 5); // python3: scale(2) == 5.0
  const single = "def shift(x):\n    '''\n    参考：（一）\n    '''\n    return x + 1.5\n";
  assert.deepEqual({ ...gradient(single, 'shift', { x: 1 }).gradient }, { x: 1 });
});

test('brackets inside a docstring do not count: 1,001 unclosed ones leave the next function\'s nesting alone', () => {
  const source = `def a(x):\n    """\n    ${'('.repeat(1001)}\n    """\n    return x\n\ndef b(y):\n    return (y * (y + 1.0))\n`;
  assert.equal(gradient(source, 'b', { y: 2 }).value, 6);
});

test('a full-width character in code is still refused, at the character, after a docstring', () => {
  const r = pythonRun('def f(x):\n    """（doc）"""\n    return x（1）\n', 'f', { x: 1 });
  assert.ok(!r.ok);
  assert.match(r.error.message, /'（' \(U\+FF08\) cannot appear in code/);
  assert.equal(r.error.range.start.line, 2); // 0-based: the third line
});
