import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyLine } from '../../../../src/frontends/math/heads';
import { tokenize } from '../../../../src/frontends/math/tokenizer';

function shape(line: string, above: string[] = []) {
  return classifyLine(tokenize(line, 0, line.length), (n) => above.includes(n));
}
const kind = (line: string, above: string[] = []) => shape(line, above).kind;

test('prose stays prose, even with = in it', () => {
  for (const line of ['where a = b', 'Let x = 2.', 'f is convex', '# f(x) = x', 'x = f(y)', 'f(x) ≈ 2', 'f(x) == 2', '']) {
    assert.equal(kind(line), 'prose', line);
  }
});

test('a head NAME(params) = makes a definition', () => {
  const s = shape('f(x1, x2) = x1');
  assert.equal(s.kind, 'definition');
  assert.ok(s.kind === 'definition');
  assert.deepEqual(s.head.params?.map((p) => p.name), ['x1', 'x2']);
  assert.equal(s.head.equalsIndex, 6);
  assert.equal(s.head.error, undefined);
  assert.equal(kind('c() = 1'), 'definition');
});

test('a head whose arguments are all numbers or constants states a value', () => {
  for (const line of ['f(0) = 1', 'f(π) = 0', 'f(-1, 2) = 3', 'loss(e) = 1']) assert.equal(kind(line), 'prose', line);
  assert.equal(kind('f(t, τ) = t'), 'definition');
});

test('a malformed parameter list is a definition with a head error', () => {
  for (const line of ["f(x') = x", 'f(x, 2) = x', 'f(x, x) = x', 'f(x y) = x', 'f(x, ) = x']) {
    const s = shape(line);
    assert.ok(s.kind === 'definition' && s.head.error, line);
  }
});

test('call sites: f(…) alone or followed by = ?', () => {
  assert.equal(kind('f(1, 2)'), 'call');
  assert.equal(kind('f(1, 2) = ?'), 'call');
  assert.equal(kind('f(1, 2) = ? extra'), 'prose');
  assert.equal(kind('f(1, 2) + 1'), 'prose');
});

test('annotations start with @at, written together', () => {
  assert.equal(kind('@at x = 1'), 'annotation');
  assert.equal(kind('@ at x = 1'), 'prose');
  assert.equal(kind('@atx = 1'), 'prose');
});

test('gradient heads name what they differentiate', () => {
  const cases: Array<[string, string, string]> = [
    ["f'(x) = 1", "f'", 'f'],
    ['f′(x) = 1', "f'", 'f'],
    ['∇f(x, y) = (1, 2)', '∇f', 'f'],
    ['∇f = (1, 2)', '∇f', 'f'],
    ['∂f/∂x = 1', '∂f/∂x', 'f'],
    ['∂f / ∂x(x) = 1', '∂f/∂x', 'f'],
  ];
  for (const [line, name, of] of cases) {
    const s = shape(line);
    assert.ok(s.kind === 'definition', line);
    assert.equal(s.head.name, name);
    assert.equal(s.head.gradientOf, of);
  }
});

test('df/dx is a head only when f is a function above', () => {
  assert.equal(kind('df/dx = 2x'), 'prose');
  const s = shape('df/dx = 2x', ['f']);
  assert.ok(s.kind === 'definition');
  assert.equal(s.head.partialIn?.name, 'x');
  assert.equal(s.head.partialIn?.from, 4);
  assert.equal(kind('dy/dx = 2x', ['f']), 'prose');
});

test("f'' and ∂²f/∂x² are not heads", () => {
  assert.equal(kind("f''(x) = 1"), 'prose');
  assert.equal(kind('∂²f/∂x² = 1'), 'prose');
});
