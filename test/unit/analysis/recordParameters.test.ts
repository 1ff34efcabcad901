import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/** TypeScript object parameters the code reads through `??` and `?.`, and destructured ones (named by position, `arg0`). */

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

test('a Record<string, number> read with `w.a ?? 1` or `w?.b` gets an object sample point of the keys read', () => {
  const doc = DocumentAnalysis.fromText(
    `export function weighted(x: number, weights: Record<string, number>): number {
  return x * (weights.a ?? 1) + (weights.b ?? 0) * x * x;
}
export function optional(x: number, opts: Record<string, number>): number {
  return x * (opts?.scale ?? 2);
}
`,
    'record.ts',
    'typescript',
  );
  const point = doc.resolvePoint('weighted');
  assert.ok(point.ok, JSON.stringify(point));
  assert.deepEqual(Object.keys(point.value.values.weights as object), ['a', 'b']);
  const r = doc.gradient('weighted', point.value);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  const { x, weights } = plain(point.value.values) as { x: number; weights: { a: number; b: number } };
  // x·a + b·x²: ∂/∂x = a + 2bx, ∂/∂a = x, ∂/∂b = x².
  assert.deepEqual(plain(r.value.gradient), { x: weights.a + 2 * weights.b * x, weights: { a: x, b: x * x } });
  const o = doc.resolvePoint('optional');
  assert.ok(o.ok, JSON.stringify(o));
  assert.deepEqual(Object.keys(o.value.values.opts as object), ['scale']);
});

test('a destructured parameter is named by its position (arg0) in every message that lists parameters, with its pattern', () => {
  const doc = DocumentAnalysis.fromText(
    `// @at m=2, v=3
export function energy({ m, v }: { m: number; v: number }): number {
  return 0.5 * m * v * v;
}

// @at k=2
export function spring(k: number, { x, y }: { x: number; y: number }): number {
  return 0.5 * k * (x * x + y * y);
}

// @wrt x
export function pair([a, b]: number[]): number {
  return a * b;
}
`,
    'destructured.ts',
    'typescript',
  );
  const messages = [...doc.diagnostics, ...doc.functions().flatMap((f) => f.pointErrors)].map((d) => d.message);
  assert.ok(messages.includes('@at gives m, which is not a parameter of energy (its parameters are arg0; arg0 is the destructured { m, v }, given as arg0={…})'), JSON.stringify(messages));
  assert.ok(messages.includes('the point has no value for arg1 (spring(k, arg1) needs k, arg1; arg1 is the destructured { x, y }, given as arg1={…})'), JSON.stringify(messages));
  assert.ok(messages.includes('@wrt names x, which is not a parameter of pair (its parameters are arg0; arg0 is the destructured [a, b], given as arg0=[…])'), JSON.stringify(messages));
  const given = doc.resolvePoint('energy', { x: 1 });
  assert.ok(!given.ok && given.error.message === 'the point gives a value for x, which is not a parameter of energy(arg0); arg0 is the destructured { m, v }, given as arg0={…}', JSON.stringify(given));
  // Given as the messages say, it runs: ½·m·v² at m=2, v=3 is 9; ∂/∂m = v²/2, ∂/∂v = m·v.
  const r = doc.gradient('energy', { values: { arg0: { m: 2, v: 3 } }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  assert.equal(r.value.value, 9);
  assert.deepEqual(plain(r.value.gradient), { arg0: { m: 4.5, v: 6 } });
});

test('a record whose keys are only listed (Object.keys/values/entries, a dict’s .items()) gets an object sample point of three keys', () => {
  const ts = DocumentAnalysis.fromText(
    `export function total(prices: Record<string, number>): number {
  let s = 0;
  for (const k of Object.keys(prices)) s += prices[k] * prices[k];
  return s;
}
export function scaled(w: Record<string, number>, x: number): number {
  let s = 0;
  for (const [k, v] of Object.entries(w)) s += v * x * x + (w.bias ?? 0);
  return s;
}
`,
    'records.ts',
    'typescript',
  );
  const total = ts.resolvePoint('total');
  assert.ok(total.ok, JSON.stringify(total));
  const prices = plain(total.value.values.prices) as Record<string, number>;
  assert.deepEqual(Object.keys(prices), ['a', 'b', 'c']);
  const r = ts.gradient('total', total.value);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  // Σ p_k²: ∂/∂p_k = 2 p_k.
  assert.deepEqual(plain(r.value.gradient), { prices: { a: 2 * prices.a!, b: 2 * prices.b!, c: 2 * prices.c! } });
  // A key read by name is kept, first.
  const scaled = ts.resolvePoint('scaled');
  assert.ok(scaled.ok, JSON.stringify(scaled));
  assert.deepEqual(Object.keys(scaled.value.values.w as object), ['bias', 'a', 'b']);
  const py = DocumentAnalysis.fromText('def penalty(params, lam):\n    total = 0.0\n    for name, value in params.items():\n        total += lam * value ** 2\n    return total\n', 'penalty.py', 'python');
  const point = py.resolvePoint('penalty');
  assert.ok(point.ok, JSON.stringify(point));
  assert.deepEqual(Object.keys(point.value.values.params as object), ['a', 'b', 'c']);
  const g = py.gradient('penalty', point.value);
  assert.ok(g.ok, JSON.stringify(!g.ok && g.error));
});
