import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { gradientAt } from './gradientAtPoint';

/**
 * A static and an instance method of one name, as gl-matrix writes its vectors (`static add(out, a,
 * b)` beside `add(b)`): JavaScript names them `P.add` and `P.prototype.add`, and each is listed under
 * its name with its own numbers; a call on an instance gives the instance method its point.
 */
const TEXT = [
  'export class P {',
  '  constructor(x = 0, y = 0) { this.x = x; this.y = y; }',
  '  static scaled(a: number[], k: number): number { return k * (a[0] * a[0] + a[1]); }',
  '  scaled(k: number): number { return k * this.x * this.y; }',
  '  static dot(a: number[], b: number[]): number { return a[0] * b[0] + a[1] * b[1]; }',
  '  get dot(): number { return this.x * this.y; }',
  '  static gap(a: number[], b: number[]): number { return Math.hypot(b[0] - a[0], b[1] - a[1]); }',
  '  gap(b: number[]): number { return P.gap([this.x, this.y], b); }',
  '}',
  'const p = new P(2, 3);',
  'p.scaled(1.5);',
  'P.scaled([4, 5], 0.5);',
  '',
].join('\n');

test('a static and an instance method of one name are listed apart, as JavaScript names them', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'w/p.ts', 'typescript');
  const names = doc.functions().map((f) => f.ir.name);
  assert.deepEqual(names.filter((n) => n.includes('scaled')).sort(), ['P.prototype.scaled', 'P.scaled']);
  // A getter has no lens: the static beside it keeps the plain name.
  assert.ok(names.includes('P.dot') && !names.some((n) => n.includes('prototype.dot')), names.join(', '));
});

test('each gets its own call site and its own numbers', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'w/p.ts', 'typescript');
  const onClass = gradientAt(doc, 'P.scaled');
  assert.deepEqual({ ...onClass.at }, { a: [4, 5], k: 0.5 });
  assert.equal(onClass.value, 0.5 * (16 + 5));
  assert.deepEqual({ ...onClass.gradient }, { a: [0.5 * 8, 0.5], k: 21 });
  const onInstance = gradientAt(doc, 'P.prototype.scaled');
  assert.equal(onInstance.value, 1.5 * 2 * 3);
  assert.deepEqual({ ...onInstance.gradient }, { k: 6 });
  const dot = gradientAt(doc, 'P.dot');
  const { a, b } = dot.at as { a: number[]; b: number[] };
  assert.equal(dot.value, a[0]! * b[0]! + a[1]! * b[1]!);
});

test('an instance method calling its class\'s static is sampled as the static reads its arguments', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'w/p.ts', 'typescript');
  // b is read as an array by the static P.gap: the sample gives it numbers to index, not one number
  // (and the instance sampled numbers, the constructor's (0, 0) being degenerate).
  const r = gradientAt(doc, 'P.prototype.gap');
  const { b, this: self } = r.at as { b: number[]; this: { x: number; y: number } };
  assert.ok(Array.isArray(b) && b.length >= 2, JSON.stringify(r.at));
  const d = [b[0]! - self.x, b[1]! - self.y];
  const h = Math.hypot(d[0]!, d[1]!);
  assert.ok(Math.abs((r.value as number) - h) < 1e-15);
  const g = (r.gradient as { b: number[] }).b;
  assert.deepEqual(g.map((v, i) => (i < 2 ? Math.abs(v - d[i]! / h) < 1e-15 : v === 0)), b.map(() => true));
});
