import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';

/**
 * Generator functions (frontends/python/generators.ts): autograd's `unpack_layers` gives the numbers
 * the same network written with a list gives; where running the body to its end at the call would
 * show — a generator that never finishes, one writing what its caller sees — a located refusal.
 * Scalar generators and every way of consuming one are in the oracle corpus (corpus/generators.py).
 */

const FILE = 'test/fixtures/generators/layer_generators.py';
const grad = (name: string): any => JSON.parse(runCli(['grad', FILE, '--function', name]).stdout);

test('a network whose layers a generator unpacks: the value CPython gives, the gradient of the same network over a list', () => {
  const viaGenerator = grad('loss');
  const viaList = grad('loss_from_list');
  // CPython (numpy 1.24) on the same weights: 1.9567313300556104.
  assert.ok(Math.abs(viaGenerator.value - 1.9567313300556104) < 1e-12, String(viaGenerator.value));
  assert.equal(viaGenerator.gradient.weights.length, 13);
  assert.deepEqual(viaGenerator.gradient, viaList.gradient);
  assert.ok(viaGenerator.gradient.weights.every((g: number) => g !== 0), 'every weight is used');
});

test('a generator that never finishes says so, located in its loop', () => {
  const r = grad('first_sample');
  assert.match(r.error.message, /^the generator samples does not finish: GradLens runs a generator's body to its end when it is called, and (time|step) budget exceeded/);
  assert.equal(r.error.line, 48);
});

test('a generator appending to a list its caller passed is refused at the append, when it is called', () => {
  const r = grad('sum_logged');
  assert.match(r.error.message, /^a generator that changes what its caller can see/);
  assert.equal(r.error.line, 60);
});

test('a loop changing what its generator was given, between items, is refused at the loop; a loop writing elsewhere is not', () => {
  const r = grad('feedback');
  assert.match(r.error.message, /^this loop changes state, which the generator scaled was given, between its items/);
  assert.equal(r.error.line, 79);
  // CPython: 4.5 (the enumerate drains the first generator before the writes; the second loop writes out, not state).
  const fine = grad('no_feedback');
  assert.equal(fine.value, 4.5);
  assert.equal(fine.gradient.x, 9);
});
