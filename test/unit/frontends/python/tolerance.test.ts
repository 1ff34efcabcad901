import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerPython } from '../../../../src/frontends/python/index';
import { printFunction } from '../../../../src/ir/printer';
import type { IrFunction, IrModule } from '../../../../src/ir/nodes';

/**
 * The promise behind the Python front end's error handling: a mistake inside one def never changes
 * what any other def lowers to, and nothing throws.
 */

const SAMPLE = `import numpy as np
import math

ALPHA = 0.5

# @at x1=2, x2=5
def f(x1, x2):
    return np.log(x1) + x1*x2 - np.sin(x2)

def g(v_1, v0):
    v1 = v_1 / v0
    v2 = np.sin(v1)
    if v1 > 0 and not v2 < 1:
        v2 = [v1, v2][0]
    return v2 * ALPHA

@decorated
def h(xs, k=2):
    total = 0.0
    for i, x in enumerate(xs):
        total += x ** k if i % 2 == 0 else -x
    while total > 10:
        total /= 2
    return total, math.log(total, 2)

def last(A):
    A[1:, :2] = A[:-1, 0] * (lambda t: t + 1)(3)
    return A.T.dot(A)

g(1.5, 0.5)
`;

/** Edits to the imports legitimately change every def that uses numpy; they are left out. */
const AFTER_IMPORTS = SAMPLE.indexOf('ALPHA');

const original = new Map(lowerPython(SAMPLE, 'file:///s.py').functions.map((fn) => [fn.name, fn]));

function assertNoInternalErrors(m: IrModule, what: string): void {
  for (const fn of m.functions) {
    for (const d of fn.diagnostics) assert.notEqual(d.code, 'internal', `${what}: ${d.message}`);
  }
}

/** Defs whose source text is untouched by an edit at [from, to) must lower exactly as before. */
function assertOthersIntact(m: IrModule, from: number, to: number, what: string): void {
  for (const [name, before] of original) {
    if (overlaps(before, from, to)) continue;
    const after = m.functions.find((fn) => fn.name === name);
    assert.ok(after, `${what}: ${name} disappeared`);
    assert.equal(printFunction(after), printFunction(before), `${what}: ${name} changed`);
  }
}

function offsetOf(line: number, column: number): number {
  const lines = SAMPLE.split('\n');
  return lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + column;
}

/** The def's own lines plus the line break after it: deleting that merges it with the next line. */
function overlaps(fn: IrFunction, from: number, to: number): boolean {
  const start = offsetOf(fn.range.start.line, 0);
  const end = offsetOf(fn.range.end.line, fn.range.end.column) + 1;
  // The annotation line above `f` belongs to it too.
  const annotated = fn.name === 'f' ? offsetOf(fn.range.start.line - 1, 0) : start;
  return from < end && to > annotated;
}

test('deleting any one character changes no other def', () => {
  for (let at = AFTER_IMPORTS; at < SAMPLE.length; at++) {
    if (SAMPLE[at] === '\n') continue;
    const text = SAMPLE.slice(0, at) + SAMPLE.slice(at + 1);
    const what = `deleting ${JSON.stringify(SAMPLE[at])} at ${at}`;
    const m = lowerPython(text, 'file:///s.py');
    assertNoInternalErrors(m, what);
    assertOthersIntact(m, at, at + 1, what);
  }
});

test('inserting a stray bracket, operator or colon changes no other def', () => {
  // No fragment starts with a space: an indented line right under a def belongs to that def's block.
  for (const fragment of ['(', '[', '+', ':', '"', 'def ', '= ', ')']) {
    for (let at = AFTER_IMPORTS; at < SAMPLE.length; at += 3) {
      const text = SAMPLE.slice(0, at) + fragment + SAMPLE.slice(at);
      const what = `inserting ${JSON.stringify(fragment)} at ${at}`;
      const m = lowerPython(text, 'file:///s.py');
      assertNoInternalErrors(m, what);
      // A quote or `def ` typed at the very end of a def's last line may legitimately extend it.
      assertOthersIntact(m, at - 1, at + 1, what);
    }
  }
});

test('every prefix of the file lowers, keeping the defs it completes', () => {
  for (let at = AFTER_IMPORTS; at <= SAMPLE.length; at++) {
    const m = lowerPython(SAMPLE.slice(0, at), 'file:///s.py');
    assertNoInternalErrors(m, `prefix of ${at}`);
    assertOthersIntact(m, at, SAMPLE.length + 1, `prefix of ${at}`);
  }
});

test('a syntax error lands in the def that contains it, with a located message', () => {
  const text = SAMPLE.replace('v2 = np.sin(v1)\n', 'v2 = np.sin(v1) +\n');
  const m = lowerPython(text, 'file:///s.py');
  const g = m.functions.find((fn) => fn.name === 'g')!;
  assert.deepEqual(
    g.diagnostics.map((d) => [d.code, d.message, d.range.start.line]),
    [['syntax', "syntax error: expected an expression after '+'", 11]],
  );
  assert.deepEqual(m.diagnostics, []);
});

test('garbage in, a module out', () => {
  const junk = ['', '\n\n', ')))', 'def', 'def (', '"""', "'''\ndef f(x): return x", '\t\tdef f(x):\n return x', '@\n', 'class', 'lambda', 'x[', '\u00e9 = 1', 'def f(x):\n\treturn x\n        return x'];
  for (const text of junk) {
    const m = lowerPython(text, 'file:///j.py');
    assert.equal(m.language, 'python');
    assert.equal(m.uri, 'file:///j.py');
    assertNoInternalErrors(m, JSON.stringify(text));
  }
});

test('random mixtures of Python tokens never throw', () => {
  const tokens = ['def f(x):', '\n', '    ', 'return', 'x', '+', '(', ')', '[', ']', ':', ',', 'if', 'else', 'for', 'in', 'np.sin', '1.5', '"s"', '#', '@at', '=', 'lambda', 'not', 'and', '\\', '"""', '.'];
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let n = 0; n < 300; n++) {
    let text = '';
    for (let k = 0; k < 40; k++) text += tokens[Math.floor(next() * tokens.length)] + (next() < 0.5 ? ' ' : '');
    assertNoInternalErrors(lowerPython(text, 'file:///r.py'), JSON.stringify(text));
  }
});
