import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { gradientAt } from './gradientAtPoint';

/**
 * A vector class with stubs for its aliases (there for the type checker) that the module replaces
 * after the class, as gl-matrix does: what runs is the assignment's value, never the stub's `0`.
 */
const TEXT = [
  'export class Pt {',
  '  constructor(x = 1, y = 2) { this.x = x; this.y = y; }',
  '  static gap(a: number[], b: number[]): number {',
  '    return Math.hypot(b[0] - a[0], b[1] - a[1]);',
  '  }',
  '  static span(a: number[], b: number[]): number { return 0; }',
  '  static area(a: number[]): number { return 0; }',
  '  norm2(): number { return this.x * this.x + this.y * this.y; }',
  '  size(): number { return 0; }',
  '  scaled(k: number): number { return 0; }',
  '}',
  'Pt.span = Pt.gap;',
  'Pt.area = function (a) { return a[0] * a[1]; };',
  'Pt.prototype.size = Pt.prototype.norm2;',
  'Pt.prototype.scaled = function (k) { return k * this.x; };',
  'Pt.UNIT = 0.5;',
  '',
  '// @at x=0.5, y=2',
  'export function far(x, y) {',
  '  return Pt.span([0, 0], [x, y]) + Pt.area([x, y]) + Pt.UNIT * x;',
  '}',
  '// @at x=0.5, y=2',
  'export function own(x, y) {',
  '  const p = new Pt(x, y);',
  '  return p.size() + p.scaled(3);',
  '}',
  '',
].join('\n');

test('statics set on a declared class after it replace the stubs of their names', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'w/pt.ts', 'typescript');
  const r = gradientAt(doc, 'far');
  const [x, y] = [0.5, 2];
  assert.ok(Math.abs((r.value as number) - (Math.hypot(x, y) + x * y + 0.5 * x)) < 1e-14, String(r.value));
  assert.ok(Math.abs((r.gradient!.x as number) - (x / Math.hypot(x, y) + y + 0.5)) < 1e-14);
  assert.ok(Math.abs((r.gradient!.y as number) - (y / Math.hypot(x, y) + x)) < 1e-14);
});

test('methods set on its prototype replace the instance stubs', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'w/pt.ts', 'typescript');
  const r = gradientAt(doc, 'own');
  assert.ok(Math.abs((r.value as number) - (0.25 + 4 + 1.5)) < 1e-14, String(r.value));
  assert.deepEqual({ ...r.gradient }, { x: 2 * 0.5 + 3, y: 4 });
});

test('an alias has no lens of its own: the method it names has', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'w/pt.ts', 'typescript');
  const names = doc.functions().map((f) => f.ir.name);
  assert.ok(names.includes('Pt.gap') && names.includes('Pt.area') && names.includes('Pt.scaled'), names.join(', '));
  assert.ok(!names.includes('Pt.span'), names.join(', '));
  // The function set on the class is the one listed, with its numbers.
  const area = gradientAt(doc, 'Pt.area');
  const a = (area.at as { a: number[] }).a;
  assert.equal(area.value, a[0]! * a[1]!);
});

/**
 * What lezer cannot read inside the class must not cost the assignments after it: a statement
 * dropped there would leave the stub's 0 to run, a wrong number.
 */
function aliasAfter(classLine: string): string {
  return [
    'export class V {',
    classLine,
    '  static magnitude(a: number[]): number { return Math.hypot(a[0], a[1]); }',
    '  static mag(a: number[]): number { return 0; }',
    '}',
    'V.mag = V.magnitude;',
    '// @at x=3, y=4',
    'export function useMag(x: number, y: number): number { return V.mag([x, y]); }',
    '',
  ].join('\n');
}

test('an optional tuple element in a type (gl-matrix v4\'s constructor) is no syntax error', () => {
  const doc = DocumentAnalysis.fromText(aliasAfter('  static twice(v: [number, number?]): number { return 2 * v[0]; }'), 'w/v.ts', 'typescript');
  const r = gradientAt(doc, 'useMag');
  assert.equal(r.value, 5);
  assert.deepEqual({ ...r.gradient }, { x: 0.6, y: 0.8 });
  // A function whose parameter has that type runs.
  const fn = DocumentAnalysis.fromText('// @at v=[1.5, 2]\nexport function twice(v: [number, number?]): number { return 2 * v[0]; }\n', 'w/t.ts', 'typescript');
  const twice = gradientAt(fn, 'twice');
  assert.deepEqual({ ...twice.gradient }, { v: [2, 0] });
});

test('a syntax error inside the class leaves the assignments after it in force', () => {
  const doc = DocumentAnalysis.fromText(aliasAfter('  static broken(a: number[]): number { return a[0] +* 2; }'), 'w/v.ts', 'typescript');
  const r = gradientAt(doc, 'useMag');
  assert.equal(r.value, 5);
  assert.deepEqual({ ...r.gradient }, { x: 0.6, y: 0.8 });
});
