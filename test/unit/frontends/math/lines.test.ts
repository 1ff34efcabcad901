import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanNotes } from '../../../../src/frontends/math/lines';

/** Each line as the text a candidate covers, or its kind. */
function scanned(text: string): string[] {
  return scanNotes(text).map((l) => (l.kind === 'candidate' ? text.slice(l.from, l.to) : `(${l.kind})`));
}

test('decoration around a line is stripped: indentation, bullets, numbers, inline-code backticks, trailing space', () => {
  assert.deepEqual(scanned('  a\n- b\n* c\n+ d\n1. e\n12) f\n`g`  \n- `h`\n-x'), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', '-x']);
});

test('backticks are stripped only around the whole line', () => {
  assert.deepEqual(scanned('`a` and `b`'), ['`a` and `b`']);
});

test('blank lines are blank, whitespace-only too', () => {
  assert.deepEqual(scanned('a\n\n   \nb'), ['a', '(blank)', '(blank)', 'b']);
});

test('fences: untagged and math-like are read, others skipped; the fence lines themselves are skipped', () => {
  assert.deepEqual(scanned('```\na\n```\n```python\nb\n```\n~~~ Math\nc\n~~~'), [
    '(skipped)', 'a', '(skipped)', '(skipped)', '(skipped)', '(skipped)', '(skipped)', 'c', '(skipped)',
  ]);
});

test('a fence closes only with its own marker, at least as long', () => {
  assert.deepEqual(scanned('````js\n```\nx\n~~~~\n````\ny'), ['(skipped)', '(skipped)', '(skipped)', '(skipped)', '(skipped)', 'y']);
});

test('display math: $$ on its own line opens and closes; lines inside, and $$ … $$ on one line, are read as LaTeX', () => {
  const text = '$$\na\n$$\n$$ b $$\nc\n$$d\ne$$\nf\n$g(x) = x$\n$a$ and $b$';
  const latex = scanNotes(text).map((l) => (l.kind === 'candidate' ? `${text.slice(l.from, l.to)}${l.latex ? ' (latex)' : ''}` : `(${l.kind})`));
  assert.deepEqual(latex, ['(skipped)', 'a (latex)', '(skipped)', ' b  (latex)', 'c', '(skipped)', '(skipped)', 'f', 'g(x) = x (latex)', '$a$ and $b$']);
});

test('CRLF: the carriage return is not part of a line', () => {
  const text = 'a\r\nb\r\n';
  assert.deepEqual(scanned(text), ['a', 'b', '(blank)']);
});

test('line numbers are zero-based and every line is reported', () => {
  assert.deepEqual(scanNotes('a\n\nb').map((l) => l.line), [0, 1, 2]);
  assert.deepEqual(scanNotes('').map((l) => l.kind), ['blank']);
});
