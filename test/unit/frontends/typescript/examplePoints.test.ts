import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exampleBlocks } from '../../../../src/frontends/typescript/examplePoints';
import { lowerDocument } from '../../../../src/analysis/languages';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * Calls in doc comments' examples (`@example f(1, 2) // → 3`, a fenced ```js block) are points, at
 * their own place in the comment; an example showing a failure is not.
 */

const SOURCE = `/**
 * Pooled mean of two groups.
 * @example
 * pooled(2, 10, 4, 30); // => 3.5
 */
function pooled(a, na, b, nb) {
  return (a * na + b * nb) / (na + nb);
}

/**
 * The k-th power sum.
 * @example powerSum([1, 2, 3], 2) // → 14
 * @example powerSum([], 2) // throws
 */
function powerSum(xs, k) {
  if (xs.length === 0) throw new Error('empty');
  let s = 0;
  for (const x of xs) s += x ** k;
  return s;
}

/**
 * \`\`\`js
 * const g = new Gain(4);
 * g.apply(0.5); // 2
 * \`\`\`
 */
class Gain {
  constructor(k) { this.k = k; }
  apply(x) { return this.k * x * x; }
}
`;

test('each doc comment with examples is kept at its own offsets, all but the examples blanked', () => {
  const blocks = exampleBlocks(SOURCE);
  assert.equal(blocks.length, 3);
  for (const b of blocks) {
    const original = SOURCE.slice(b.from, b.from + b.code.length);
    assert.ok(original.startsWith('/**') && original.endsWith('*/'));
    // Same line breaks; every kept character is the source's.
    assert.deepEqual([...b.code].map((c, i) => (c === '\n') === (original[i] === '\n')), [...b.code].map(() => true));
    assert.ok([...b.code].every((c, i) => c === ' ' || c === original[i]));
  }
  const kept = blocks.flatMap((b) => b.code.split('\n')).map((l) => l.trim()).filter((l) => l !== '');
  assert.deepEqual(kept, ['pooled(2, 10, 4, 30); // => 3.5', 'powerSum([1, 2, 3], 2) // → 14', 'const g = new Gain(4);', 'g.apply(0.5); // 2']);
  assert.deepEqual(exampleBlocks('/** no examples */\nfunction f(x) { return x; }'), []);
});

test('an example call is a point of its function, located in the comment; a failing one is not', () => {
  const m = lowerDocument(SOURCE, 'file:///stats.js', 'typescript');
  const of = (name: string) => m.points.filter((p) => p.function === name);
  assert.deepEqual(of('pooled').map((p) => [p.source, p.positional, p.range.start.line]), [['call-site', [2, 10, 4, 30], 3]]);
  assert.deepEqual(of('powerSum').map((p) => [p.positional, p.range.start.line]), [[[[1, 2, 3], 2], 11]]);
  assert.deepEqual(of('Gain.apply').map((p) => [p.positional, { ...p.receiver }]), [[[0.5], { k: 4 }]]);
});

test('the example points give the derivatives there', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'file:///stats.js', 'typescript');
  const at = doc.resolvePoint('pooled');
  assert.ok(at.ok && at.value.source === 'call-site');
  const pooled = doc.gradient('pooled', at.value);
  assert.ok(pooled.ok);
  assert.equal(pooled.value.value, 3.5);
  // d/da = na / (na + nb) = 0.25, d/dna = (a − mean) / (na + nb) = (2 − 3.5) / 40.
  assert.ok(Math.abs((pooled.value.gradient!.a as number) - 0.25) < 1e-15);
  assert.ok(Math.abs((pooled.value.gradient!.na as number) + 1.5 / 40) < 1e-15);
  const point = doc.resolvePoint('Gain.apply');
  assert.ok(point.ok);
  const gain = doc.gradient('Gain.apply', point.value);
  assert.ok(gain.ok, JSON.stringify(gain));
  assert.equal(gain.value.value, 1);
  assert.equal(gain.value.gradient!.x, 4); // 2·k·x
});
