import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { gradientAt } from './gradientAtPoint';

/**
 * `super()` where no class above writes a constructor (mljs's shapes extend an abstract class that
 * has none): JavaScript's implicit constructor runs and sets nothing, so the subclass's own
 * constructor goes on. GradLens refused it as a missing `.constructor`.
 */
const TEXT = [
  'abstract class Shape {',
  '  twice(k: number): number { return 2 * k; }',
  '}',
  'export class Disc extends Shape {',
  '  r: number;',
  '  constructor(r = 3) {',
  '    super();',
  '    this.r = r;',
  '  }',
  '  // @at k=2',
  '  mass(k: number): number { return this.twice(k) * this.r * this.r; }',
  '}',
  'class Nothing {}',
  'export class Ring extends Nothing {',
  '  constructor(public r = 2) { super(); }',
  '  // @at k=0.5',
  '  mass(k: number): number { return Math.exp(k) * this.r; }',
  '}',
  '',
].join('\n');

test('super() reaching no written constructor runs the implicit one', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'w/shapes.ts', 'typescript');
  const disc = gradientAt(doc, 'Disc.mass');
  assert.equal(disc.value, 2 * 2 * 9);
  assert.deepEqual({ ...disc.gradient }, { k: 18 });
  const ring = gradientAt(doc, 'Ring.mass');
  assert.equal(ring.value, Math.exp(0.5) * 2);
  assert.deepEqual({ ...ring.gradient }, { k: Math.exp(0.5) * 2 });
});
