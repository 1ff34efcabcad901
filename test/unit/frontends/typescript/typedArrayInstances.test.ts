import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { gradientAt } from './gradientAtPoint';

/**
 * Methods of a class extending a typed array, in gl-matrix v4's style, run on their own: the
 * instance `new Pair()` makes is (0, 0), a degenerate point, so a sample gives its elements numbers,
 * keyed "0", "1" as JavaScript's properties of a typed array are; a method reading only its elements
 * (`flip()`) is differentiated with respect to them.
 */
const TEXT = [
  'export class Pair extends Float64Array {',
  '  constructor() { super(2); }',
  '  dot(b: number[]): number { return this[0] * b[0] + this[1] * b[1]; }',
  '  flip(): this {',
  '    this[0] *= -1;',
  '    this[1] = 1 / this[1];',
  '    return this;',
  '  }',
  '}',
  '',
].join('\n');

test('a method with parameters runs on a sampled instance whose elements are its "0", "1"', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'w/pair.ts', 'typescript');
  const r = gradientAt(doc, 'Pair.dot');
  const { b, this: self } = r.at as { b: number[]; this: Record<string, number> };
  assert.deepEqual(Object.keys(self), ['0', '1']);
  assert.ok(self['0'] !== 0 && self['1'] !== 0, JSON.stringify(r.at));
  assert.equal(r.value, self['0']! * b[0]! + self['1']! * b[1]!);
  assert.deepEqual({ ...r.gradient }, { b: [self['0'], self['1']] });
  // Asked for, the instance's elements are differentiated too, keyed as given.
  const both = doc.gradient('Pair.dot', { values: { b: [1, 2] }, receiver: { 0: 3, 1: 4 }, source: 'argument' }, { wrt: ['b', 'this'] });
  assert.ok(both.ok, JSON.stringify(both));
  assert.equal(both.value.value, 11);
  assert.deepEqual(JSON.parse(JSON.stringify(both.value.gradient)), { b: [3, 4], this: { 0: 1, 1: 2 } });
});

test('a method reading only its elements is differentiated with respect to them', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'w/pair.ts', 'typescript');
  const r = doc.gradient('Pair.flip', { values: {}, receiver: { 0: 2, 1: 4 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(r.value.value, [-2, 0.25]);
  assert.deepEqual(JSON.parse(JSON.stringify(r.value.jacobian)), { this: [{ 0: -1, 1: 0 }, { 0: 0, 1: -1 / 16 }] });
});
