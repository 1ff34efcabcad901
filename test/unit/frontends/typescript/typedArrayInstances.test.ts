import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { gradientAt } from './gradientAtPoint';
import { derivativeSource } from '../../../../src/analysis/derivativeSource';

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

/**
 * What JavaScript's TypedArraySpeciesCreate does for a subclass: `map`, `filter` and `slice` call the
 * class's own constructor with the length (node: a Derived constructor making fewer elements throws
 * "Derived TypedArray constructor created an array which was too small"); `subarray` calls it with
 * (buffer, byteOffset, length), a view, refused.
 */
const SPECIES = [
  'export class Short extends Float64Array {',
  '  constructor(...v: number[]) { super(v.length === 0 ? 3 : 1); }',
  '  doubled(k: number): number { return this.map((x) => x * k)[0]; }',
  '  tail(k: number): number { return this.subarray(1)[0] * k; }',
  '  kept(k: number): number { const f = this.filter((x) => x >= 0); return (f instanceof Short ? 10 : 0) + f.length * k; }',
  '}',
  '',
].join('\n');

test('map through a constructor making too few elements is JavaScript\'s TypeError, located; filter keeps the class', () => {
  const doc = DocumentAnalysis.fromText(SPECIES, 'w/short.ts', 'typescript');
  const receiver = { 0: 1, 1: 2, 2: 3 };
  const mapped = doc.gradient('Short.doubled', { values: { k: 2 }, receiver, source: 'argument' });
  assert.ok(!mapped.ok);
  assert.match(mapped.error.message, /new Short\(3\) made 1 elements, fewer than the 3 .*too small/);
  assert.equal(mapped.error.range.start.line, 2);
  // filter keeping none makes new Short(0), which holds 1 element: the result is a Short of length 1 (node: 12).
  const none = doc.gradient('Short.kept', { values: { k: 2 }, receiver: { 0: -1, 1: -2, 2: -3 }, source: 'argument' });
  assert.ok(none.ok, JSON.stringify(none));
  assert.equal(none.value.value, 12);
});

test('subarray of a class extending a typed array is refused, located: JavaScript makes it through the class\'s constructor', () => {
  const doc = DocumentAnalysis.fromText(SPECIES, 'w/short.ts', 'typescript');
  const r = doc.gradient('Short.tail', { values: { k: 2 }, receiver: { 0: 1, 1: 2, 2: 3 }, source: 'argument' });
  assert.ok(!r.ok);
  assert.match(r.error.message, /\.subarray\(\) of a Short calls new Short\(buffer, byteOffset, length\)/);
  assert.equal(r.error.range.start.line, 3);
});

test('derivative source of a typed array class method: its elements read as a list, its other parameters differentiated', () => {
  const text = [
    'export class Pair extends Float64Array {',
    '  constructor() { super(2); }',
    '  dot(b: number[]): number { return Pair.dot(this, b); }',
    '  flip(): this { this[0] *= -1; return this; }',
    '  static dot(a: number[], b: number[]): number { return a[0] * b[0] + a[1] * b[1]; }',
    '}',
    '',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'w/pair.ts', 'typescript');
  // The instance method hands over to the static one of its name (gl-matrix v4's style): not itself.
  const at = { values: { b: [1, 2] }, receiver: { 0: 3, 1: 4 }, source: 'argument' as const };
  const made = derivativeSource(doc, 'Pair.prototype.dot', { text, uri: 'w/pair.ts', at });
  assert.ok(made.ok, JSON.stringify(made));
  assert.match(made.value.text, /this\[0\]/);
  assert.equal(made.value.inClass, 'Pair');
  assert.ok(made.value.checkedPoints > 0);
  const refused = derivativeSource(doc, 'Pair.flip', { text, uri: 'w/pair.ts', at: { values: {}, receiver: { 0: 3, 1: 4 }, source: 'argument' } });
  assert.ok(!refused.ok);
  assert.match(refused.error.message, /differentiated with respect to its own elements \(this\[0\], this\[1\], …\)/);
  assert.equal(refused.error.range.start.line, 3);
});
