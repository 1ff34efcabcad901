import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import type { Language } from '../../../../src/ir/nodes';

/**
 * JavaScript's truth is not Python's: NaN is falsy, every object (an empty array, `{}`) is truthy. And
 * `x || 0` at exactly x = 0 is x on both sides: its derivative is x's, not the constant's 0. Messages
 * about a JavaScript program name its values in JavaScript's words (undefined, an object, an array, a
 * property), a Python program's in Python's.
 */

function outcome(source: string, name: string, at: Record<string, number>, language: Language = 'typescript') {
  const doc = DocumentAnalysis.fromText(source, language === 'python' ? 'test.py' : 'test.js', language);
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value);
}

function gradientOf(source: string, name: string, at: Record<string, number>, language: Language = 'typescript') {
  const r = outcome(source, name, at, language);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

function errorOf(source: string, name: string, at: Record<string, number>, language: Language = 'typescript'): string {
  const r = outcome(source, name, at, language);
  assert.ok(!r.ok, `${name} should fail`);
  return r.error.message;
}

test('`x || 0` at x = 0 is x: the slope of the formula, no warning; `x || 1` there jumps and is warned', () => {
  const src = `
export function f(x) { const y = x || 0; return y * y + 3 * y; }
export function g(x) { const s = x || 1; return s * 2; }
export function h(x) { const s = x || 0; return s * 2; }
`;
  for (const at of [0, 0.5, -2]) {
    const r = gradientOf(src, 'f', { x: at });
    assert.equal(r.value, at * at + 3 * at);
    assert.equal((r.gradient as Record<string, number>).x, 2 * at + 3);
    assert.deepEqual(r.warnings.filter((w) => w.code === 'control-flow'), []);
  }
  // At −0 JavaScript's `-0 || 0` is +0: the value keeps that sign, and the 0 derivative is then warned.
  const negativeZero = gradientOf(src, 'h', { x: -0 });
  assert.ok(Object.is(negativeZero.value, 0));
  const g = gradientOf(src, 'g', { x: 0 });
  assert.equal(g.value, 2);
  assert.equal((g.gradient as Record<string, number>).x, 0);
  const [w] = g.warnings.filter((x) => x.code === 'control-flow');
  assert.ok(w, 'the jump at 0 is warned');
  assert.match(w.message, /depends on x only through control flow/);
});

test('Python `x or 0` at 0 is x too; Python\'s falsy empty list is kept', () => {
  const src = `
def f(x):
    y = x or 0
    return y * y + 3 * y

def g(x):
    xs = [] or [x, 2.0]
    return xs[0] * xs[1]
`;
  assert.equal((gradientOf(src, 'f', { x: 0 }, 'python').gradient as Record<string, number>).x, 3);
  const g = gradientOf(src, 'g', { x: 1.5 }, 'python');
  assert.equal(g.value, 3);
});

test('JavaScript truth: NaN is falsy; an empty array and `{}` are truthy — in `||`, `?:`, `if`, `!`, `while` and filter', () => {
  const src = `
export function f(x) {
  let xs = [];
  xs = xs || [0, 0];
  const o = {};
  const n = o ? 1 : 2;
  const nan = Number.NaN;
  let k = 0;
  if (nan) k = 100;
  if (!nan) k += 10;
  while (nan) k += 1000;
  const kept = [nan, 1, 0, 2].filter((v) => v).length;
  const fallback = nan || x;
  return xs.length + n + k + kept + x * (nan ? 5 : 7) + fallback * fallback;
}
`;
  const r = gradientOf(src, 'f', { x: 1.5 });
  // node: 0 + 1 + 10 + 2 + 7·1.5 + 1.5² = 25.75
  assert.equal(r.value, 25.75);
  assert.equal((r.gradient as Record<string, number>).x, 7 + 2 * 1.5);
});

test('JavaScript messages say undefined, object, array and property; Python\'s keep None, dict and attribute', () => {
  const js = `
export function a(x) { const o = {}; return o.y * x; }
export function b(x) { const o = { a: 1 }; return Math.sin(o) + x; }
export function c(x) { let u; return u.c + x; }
export function d(x) { const xs = [1, 2]; return xs.foo(x); }
export function e(x) { const o = { a: 1 }; return o[0] * x; }
export function f(x) { const o = { a: 1 }; for (const v of o) x += v; return x; }
export function g(x) { const o = { a: 1 }; const [p, q] = o; return x * p + q; }
export function h(x) { const xs = [1, 2]; return xs[5] * x; }
export function k(x) { return { a: [x] }.a * x; }
`;
  assert.equal(errorOf(js, 'a', { x: 1 }), 'unsupported operand types for *: undefined and a number');
  assert.equal(errorOf(js, 'b', { x: 1 }), 'sin() needs a number, got an object');
  assert.equal(errorOf(js, 'c', { x: 1 }), 'undefined has no property .c that GradLens supports');
  assert.equal(errorOf(js, 'd', { x: 1 }), 'an array has no property .foo that GradLens supports');
  assert.equal(errorOf(js, 'e', { x: 1 }), 'the object has no property 0 (JavaScript would read undefined)');
  assert.match(errorOf(js, 'f', { x: 1 }), /^an object is not iterable: for…of walks arrays/);
  assert.equal(errorOf(js, 'g', { x: 1 }), 'an object is not iterable: it cannot be destructured into 2 names');
  // JavaScript reads past the end as undefined; arithmetic on it stops, naming the read.
  assert.equal(errorOf(js, 'h', { x: 1 }), 'unsupported operand types for *: undefined and a number (JavaScript would compute NaN; this run read [5] of an array of length 2, past its end, at line 9: that gives undefined)');
  assert.equal(errorOf(js, 'k', { x: 1 }), 'unsupported operand types for *: an array and a number');
  const py = `
def a(x):
    o = {}
    return o.get("y") * x

def c(x):
    u = None
    return u.c + x

def e(x):
    o = {"a": 1}
    return o[0] * x
`;
  assert.equal(errorOf(py, 'a', { x: 1 }, 'python'), 'unsupported operand types for *: None and a number');
  assert.equal(errorOf(py, 'c', { x: 1 }, 'python'), 'None has no attribute .c that GradLens supports');
  assert.equal(errorOf(py, 'e', { x: 1 }, 'python'), 'KeyError: 0 is not in the dict');
});
