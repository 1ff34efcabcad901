import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePython, differentiate } from '../../oracle/table/engine';

/**
 * np.where's trap (engine/array/whereTrap.ts): a branch not taken at an element whose derivative is
 * infinite there makes that gradient entry NaN (0·∞). GradLens keeps the NaN and warns, naming the
 * where, the element and the operation; the guarded form gives exact numbers and no such warning.
 */

function run(body: string, x: number[]): ReturnType<typeof differentiate> {
  return differentiate(compilePython(`import numpy as np\n\ndef f(x):\n    return ${body}\n`), 'f', [x], false);
}

const trap = (w: readonly string[]): string[] => w.filter((m) => m.startsWith('np.where'));

test('the untaken branch with an infinite derivative: NaN in that entry, a warning that names element and operation', () => {
  const r = run('np.sum(np.where(x > 0, x * np.sqrt(x), 0.0))', [1, 0, 4]);
  assert.deepEqual(r.values, [9]);
  // reverse mode multiplies the where's 0 by sqrt's ∞; forward mode's gather drops the ∞ tangent
  assert.ok(Number.isNaN(r.reverse[0]![1]!));
  assert.equal(r.forward[0]![1], 0);
  assert.deepEqual([r.reverse[0]![0], r.reverse[0]![2]], [1.5, 3]);
  assert.equal(trap(r.warnings).length, 1, r.warnings.join('\n'));
  assert.match(trap(r.warnings)[0]!, /its x branch, not taken at element 1, has an infinite derivative there \(sqrt\), and in reverse mode 0·∞ makes that gradient entry NaN/);
  // the y branch too
  const y = run('np.sum(np.where(x <= 0, 0.0, np.sqrt(x)))', [0, 1]);
  assert.match(trap(y.warnings)[0] ?? '', /its y branch, not taken at element 0/);
});

test('an untaken branch whose partial is NaN (sqrt outside its domain) is named as NaN, not as ∞', () => {
  // at x = −1 sqrt's value is numpy's nan (its domain error dropped by the where) and its partial 0.5/nan is NaN
  const r = run('np.sum(np.where(x > 0, np.sqrt(x), 0.0))', [4, -1]);
  assert.deepEqual(r.values, [2]);
  assert.ok(Number.isNaN(r.reverse[0]![1]!));
  assert.match(trap(r.warnings)[0] ?? '', /not taken at element 1, has an undefined \(NaN\) derivative there \(sqrt\), and in reverse mode 0·NaN makes that gradient entry NaN/);
  assert.ok(!/0·∞/.test(trap(r.warnings)[0]!), 'no 0·∞ when the partial is NaN');
});

test('the guarded form (the "double where") gives exact numbers and no trap warning', () => {
  const r = run('np.sum(np.where(x > 0, np.sqrt(np.where(x > 0, x, 1.0)), 0.0))', [1, 0, 4]);
  assert.deepEqual(r.reverse, [[0.5, 0, 0.25]]);
  assert.deepEqual(r.forward, [[0.5, 0, 0.25]]);
  assert.deepEqual(r.warnings, []);
  // a taken element with finite derivatives, an untaken one with finite derivatives: nothing to say
  assert.deepEqual(run('np.sum(np.where(x > 0, x ** 2, np.sin(x)))', [1, -1]).warnings, []);
});
