import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * `arguments` beside named parameters is what the caller passed: extras counted, defaults not, an
 * explicit `undefined` kept; arrows read their enclosing function's. Every number here is node's for
 * the same source (written out in the comments).
 */

const SRC = `
export function sumSquares(a, b) {
  let s = 0;
  for (let i = 0; i < arguments.length; i++) s += arguments[i] * arguments[i];
  return s + a;
}
function scaled(k, x) {
  // extra arguments: scaled(2, x, x, 1) sums k·(x + x + 1)
  let s = 0;
  for (let i = 1; i < arguments.length; i++) s += k * arguments[i];
  return s;
}
function counted(x, y = 10) {
  return arguments.length * 100 + x + y;
}
function viaArrow(x) {
  const firstTwice = () => arguments[0] * 2;
  return firstTwice() + x;
}
export function caller(x) {
  return scaled(2, x, x, 1) + counted(x) + counted(x, undefined, 7) + viaArrow(x);
}
`;

const doc = DocumentAnalysis.fromText(SRC, 'file:///args.js', 'typescript');

function gradientAt(name: string, at: Record<string, number>) {
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient(name, point.value);
  assert.ok(r.ok, JSON.stringify(r));
  return { value: r.value.value, gradient: { ...(r.value.gradient as Record<string, number>) } };
}

test('`arguments` with named parameters: a run at the point passes the parameters', () => {
  // node: sumSquares(2, 3) = 4 + 9 + 2 = 15; ∂a = 2a + 1 = 5, ∂b = 2b = 6
  assert.deepEqual(gradientAt('sumSquares', { a: 2, b: 3 }), { value: 15, gradient: { a: 5, b: 6 } });
});

test('`arguments` counts what a caller passed: extras, no defaults, an explicit undefined', () => {
  // node at x = 1.5: scaled = 2·(1.5 + 1.5 + 1) = 8; counted(x) = 100 + 1.5 + 10 = 111.5;
  // counted(x, undefined, 7) = 300 + 1.5 + 10 = 311.5; viaArrow = 3 + 1.5. Sum 435.5; slope 4 + 1 + 1 + 3 = 9.
  assert.deepEqual(gradientAt('caller', { x: 1.5 }), { value: 435.5, gradient: { x: 9 } });
});
