/**
 * List comprehensions kept as values (codegen/comprehensions.ts): over sequences whose length is known
 * where they are made, written out item by item into a list of differentiated numbers; an `if` that
 * compares known numbers is decided, one that reads a differentiated value (the list's length would
 * depend on the point) is a located refusal. Each case passes the round trip first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { derivativeSource } from '../../../src/analysis/derivativeSource';

function generate(text: string, name: string) {
  const uri = '/tmp/comprehensions_case.py';
  return derivativeSource(DocumentAnalysis.fromText(text, uri, 'python'), name, { text, uri });
}

function written(text: string, name: string): string {
  const out = generate(text, name);
  assert.ok(out.ok, out.ok ? '' : `${out.error.code}: ${out.error.message}`);
  assert.equal(out.value.checkedPoints, 9);
  return out.value.text;
}

test('over a tuple written out, two for clauses with a decided if, enumerate and zip: each item written out, the list indexed, summed, maxed', () => {
  const code = written(
    `import math


# @at x=0.7, y=-1.3
def comp(x, y):
    squares = [v * v for v in (x, y, x * y)]
    nested = [a * b for a in (x, y) for b in (1.0, 2.0, 3.0) if b != 2.0]
    scaled = [math.sin(s) * k for k, s in enumerate(squares)]
    pairs = [a - b for a, b in zip(squares, nested)]
    return sum(squares) + nested[1] * nested[3] + max(scaled) + pairs[2]
`,
    'comp',
  );
  assert.match(code, /^ {4}nested = \[t5, t6, t7, t8\]$/m, 'b == 2.0 left out: four items');
  assert.match(code, /^ {4}t6 = x \* 3$/m);
  assert.match(code, /^ {4}pairs = \[t15, t16, t17\]$/m, 'zip stops at the shorter');
  assert.match(code, /^ {4}dpairs = \[0, 0, 0\]$/m, 'the list\'s adjoint is a list of its length');
});

test('over range(n) of a number, then summed by name', () => {
  const code = written('# @at x=0.7, y=-1.3\ndef pows(x, y):\n    ps = [x ** k for k in range(4)]\n    return ps[3] + y * sum(ps)\n', 'pows');
  assert.match(code, /^ {4}ps = \[t1, t2, t3, t4\]$/m);
  assert.match(code, /^ {4}t4 = x \*\* 3$/m);
});

test('an if reading a differentiated value, or an iterable of unknown length, is a located refusal', () => {
  const filtered = generate('# @at x=0.7, y=-1.3\ndef f(x, y):\n    vs = [v for v in (x, y) if v > 0]\n    return sum(vs)\n', 'f');
  assert.ok(!filtered.ok);
  assert.equal(filtered.error.code, 'unsupported');
  assert.match(filtered.error.message, /its length would depend on the point/);
  assert.deepEqual([filtered.error.range.start.line, filtered.error.range.start.column], [2, 28]);
  const unknown = generate('# @at x=0.7, n=3\ndef g(x, n):\n    vs = [x * k for k in range(n)]\n    return vs[0]\n', 'g');
  assert.ok(!unknown.ok);
  assert.equal(unknown.error.code, 'unsupported', unknown.error.message);
});
