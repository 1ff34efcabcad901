import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArrayArena } from '../../../src/engine/array/arena';

test('arena slices are zeroed, never overlap, and fill one buffer sized from the hint', () => {
  const arena = new ArrayArena(6000);
  const slices = [2000, 1999, 2001, 16].map((n) => arena.take(n));
  slices.forEach((s, k) => {
    assert.ok(s.every((x) => x === 0), `slice ${k} starts zeroed`);
    s.fill(k + 1);
  });
  slices.forEach((s, k) => assert.ok(s.every((x) => x === k + 1), `slice ${k} kept its own values`));
  assert.equal(slices[0]!.buffer, slices[1]!.buffer, 'the first slices share the hinted buffer');
  assert.equal(arena.total, 2000 + 1999 + 2001 + 16);
});

test('tiny and large arrays get buffers of their own; a full buffer is followed by a new one', () => {
  const arena = new ArrayArena();
  const tiny = arena.take(3);
  const large = arena.take(1 << 20);
  assert.equal(tiny.length, 3);
  assert.equal(large.byteOffset, 0);
  assert.equal(large.buffer.byteLength, 8 << 20, 'a large array is not a slice of something larger');
  assert.equal(arena.total, 0, 'neither counts toward the next run’s hint');
  const a = arena.take(1500);
  const b = arena.take(1500);
  assert.notEqual(a.buffer, b.buffer, 'the first buffer (2,048 float64s) cannot hold both');
  b[0] = 1;
  assert.equal(a[0], 0);
});
