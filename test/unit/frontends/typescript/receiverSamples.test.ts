import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { gradientAt } from './gradientAtPoint';

/**
 * A filter in kalmanjs's style: its constructor leaves the estimate NaN ("none yet"), so a method
 * reading it gives no number on the instance the defaults make. Its sample point samples that field,
 * as it does one left at 0 (three.js's `new Vector3()`).
 */
const TEXT = [
  'export default class Smoother {',
  '  constructor({ gain = 0.5 } = {}) {',
  '    this.gain = gain;',
  '    this.level = NaN;',
  '  }',
  '  spread() {',
  '    return this.level * this.level * this.gain;',
  '  }',
  '}',
  '',
].join('\n');

test('a method reading a field its constructor leaves NaN is sampled with that field given a number', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'w/smoother.js', 'typescript');
  const r = gradientAt(doc, 'Smoother.spread');
  const self = (r.at as { this: { level: number; gain?: number } }).this;
  assert.ok(Number.isFinite(self.level), JSON.stringify(r.at));
  const gain = self.gain ?? 0.5;
  assert.ok(Math.abs((r.value as number) - self.level * self.level * gain) < 1e-15);
  const g = (r.gradient as { this: { level: number; gain: number } }).this;
  assert.ok(Math.abs(g.level - 2 * self.level * gain) < 1e-14 && Math.abs(g.gain - self.level * self.level) < 1e-14, JSON.stringify(r.gradient));
});
