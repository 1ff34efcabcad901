import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkStarts, parseDocument } from '../../../../src/frontends/python/document';

function startLines(text: string): number[] {
  const lines = text.split('\n');
  const offsets = lines.map((_, i) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0));
  return chunkStarts(text).map((o) => offsets.indexOf(o));
}

test('chunks start at column-0 statements, keeping decorators with their def', () => {
  const text = ['import numpy as np', '', '@dec', '# note', '@other(1)', 'def f(x):', '    return x', 'x = 1', '(a, b) = 1, 2'].join('\n');
  assert.deepEqual(startLines(text), [0, 2, 7, 8]);
});

test('else, elif, except and finally continue the statement above', () => {
  const text = ['if a:', '    pass', 'elif b:', '    pass', 'else:', '    pass', 'try:', '    pass', 'except E:', '    pass', 'finally:', '    pass', 'y = 2'].join('\n');
  assert.deepEqual(startLines(text), [0, 6, 12]);
});

test('lines inside triple-quoted strings, and closing brackets, do not start chunks', () => {
  const text = ['s = """', 'def not_a_def():', '"""', "t = '''x'''", 'W = [', '  1,', ']', "u = 'say \"\"\"'", 'def f(x):', '    return x'].join('\n');
  assert.deepEqual(startLines(text), [0, 3, 4, 7, 8]);
});

test('a clean file is parsed once, as a whole', () => {
  const doc = parseDocument('x = [\n1,\n]\ndef f(x):\n    return x\n');
  assert.deepEqual(doc.statements.map((s) => [s.node.name, s.view.base, s.errors.length, s.orphan]), [
    ['AssignStatement', 0, 0, false],
    ['FunctionDefinition', 0, 0, false],
  ]);
});

test('after an unclosed bracket the next def is parsed on its own', () => {
  const text = 'def d(x):\n    y = f(x,\n    return y\n\ndef e(x):\n    return x\n';
  const doc = parseDocument(text);
  const e = doc.statements.find((s) => s.view.textOf(s.node).startsWith('def e'))!;
  assert.equal(e.errors.length, 0);
  assert.equal(e.view.base, text.indexOf('def e'));
  const d = doc.statements.find((s) => s.node.name === 'FunctionDefinition' && s.view.textOf(s.node).startsWith('def d'))!;
  assert.ok(d.errors.length > 0);
});

test("indented leftovers of a broken def are its orphans; a column-0 line is the module's", () => {
  const doc = parseDocument('def c(x):\n    y = 1\n        z = 2\n    return z\n+x\n');
  assert.deepEqual(doc.statements.map((s) => [s.view.textOf(s.node).trim().split('\n')[0], s.orphan]), [
    ['def c(x):', false],
    ['z = 2', true],
    ['return z', true],
    ['+x', false],
  ]);
});

test('1. and 1.e5 are numbers, not syntax errors (lezer needs a digit after the point)', () => {
  const doc = parseDocument('x = 1.\ny = 2. * x\n');
  assert.deepEqual(doc.statements.map((s) => s.errors.length), [0, 0]);
});

test('a triple-quoted string left open at the end does not hide the defs after it', () => {
  const text = ['def f(x):', '    """Returns', '    return x', 'def g(x):', '    return x', 'x = 1'].join('\n');
  assert.deepEqual(startLines(text), [0, 3, 5]);
  // Closed further down, it is a string, as Python reads it.
  assert.deepEqual(startLines(text + '\n"""\ny = 2'), [0, 7]);
});
