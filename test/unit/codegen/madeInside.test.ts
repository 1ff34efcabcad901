/**
 * Names made inside a loop or one branch and read after it (codegen/loops.ts, branches.ts): Python
 * (and JavaScript's `var`) keep the last iteration's value, and the generated code does too — the
 * name is carried from None before the loop. A read the generator cannot follow (a name read in a
 * loop before the iteration sets it) is a located refusal, never a global of that name (which the
 * check then caught as a generator bug).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { derivativeSource } from '../../../src/analysis/derivativeSource';

function generate(text: string, name: string, uri = '/tmp/made_inside.py') {
  const language = uri.endsWith('.py') ? 'python' : 'typescript';
  return derivativeSource(DocumentAnalysis.fromText(text, uri, language), name, { text, uri });
}

function written(text: string, name: string, uri?: string): string {
  const out = generate(text, name, uri);
  assert.ok(out.ok, out.ok ? '' : `${out.error.code}: ${out.error.message}`);
  assert.equal(out.value.checkedPoints, 9);
  return out.value.text;
}

test('a name only the loop body sets, read after the loop, is its last iteration\'s value', () => {
  const code = written('# @at x=0.7, y=0.4\ndef f(x, y):\n    for i in range(3):\n        t = x * i + y\n    return t * x\n', 'f');
  assert.match(code, /^    t = None\n    for i in range\(3\):$/m, 'carried from None before the loop');
  assert.match(code, /^        t = t_2$/m, 'written back at the end of each iteration');
  assert.match(code, /^        dy \+= dt_2$/m, 'its adjoint reaches y through the loop');
});

test('the loop target read after the loop is its last value, even when the name had one before', () => {
  const code = written('# @at x=0.7\ndef f(x):\n    i = 5\n    for i in range(3):\n        pass\n    return x * i\n', 'f');
  assert.match(code, /return i\b|dx = i\b/, 'the gradient is the loop\'s last i (2), not 5');
  const twice = written('# @at x=0.7\ndef f(x):\n    for j in range(4):\n        y = x * j\n    return y * j\n', 'f');
  assert.match(twice, /^    y = None\n    j = None\n    for j_2 in range\(4\):$/m);
  assert.match(twice, /^    dy = j \* dout$/m, 'y\'s adjoint is the last j');
});

test('JavaScript var in a loop body, read after it', () => {
  const code = written('/** @at x=0.7 */\nfunction f(x) {\n  for (var i = 0; i < 3; i++) {\n    var t = x * i + 1;\n  }\n  return t * x;\n}\n', 'f', '/tmp/made_inside.js');
  assert.match(code, /^  let t = null;$/m, 'JavaScript\'s var starts unset before the loop');
});

test('a number one branch sets and the code after the if reads: None on the other branch', () => {
  const code = written('# @at x=0.7\ndef f(x):\n    if x > 0:\n        y = x * x\n    return y\n', 'f');
  assert.match(code, /^    else:\n        y_2 = None$/m);
});

test('a name read in the loop before the iteration sets it is refused where it is read, not taken for a global', () => {
  const text = '# @at x=0.7\ndef f(x):\n    s = 0.0\n    for i in range(3):\n        if i > 0:\n            s = s + t\n        t = x * i\n    return s\n';
  const out = generate(text, 'f');
  assert.ok(!out.ok);
  assert.equal(out.error.code, 'unsupported');
  assert.match(out.error.message, /^t is read here where it may not be set/);
  assert.deepEqual([out.error.range.start.line, out.error.range.start.column], [5, 20]);
});

test('a global of the same name as a local of another function is still a global', () => {
  const text = 'SCALE = 3.0\n\ndef helper(x):\n    return SCALE * x\n\n# @at x=0.7\ndef f(x):\n    y = helper(x)\n    for SCALE in range(2):\n        y = y + SCALE\n    return y\n';
  assert.match(written(text, 'f'), /def grad_f/);
});

test('a name each loop sets afresh is not carried out of the first loop (it is not live after it)', () => {
  const text = '# @at x=0.7\ndef f(x):\n    s = 0.0\n    for i in range(3):\n        t = x * i\n        s = s + t\n    for i in range(2):\n        t = s * i\n        s = s + t\n    s += t\n    return s\n';
  const code = written(text, 'f');
  assert.equal(code.match(/^ {4}t = None$/gm)?.length, 1, 'only the second loop\'s t is read after it (by s += t)');
  assert.equal(code.match(/^ {4}i = None$/gm), null, 'i is never read after a loop');
});
