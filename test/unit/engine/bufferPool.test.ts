import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BufferPool } from '../../../src/engine/bufferPool';

const KiB = 1024;
const buffer = (bytes: number): ArrayBuffer => new ArrayBuffer(bytes);
const pool = (maxBytes: number, perSize = 8): BufferPool<ArrayBuffer> => new BufferPool<ArrayBuffer>(maxBytes, perSize, (b) => b.byteLength);

test('a buffer given back is taken again by its size, and only by its size', () => {
  const p = pool(64 * KiB);
  const a = buffer(4 * KiB);
  assert.equal(p.give(4 * KiB, a), true);
  assert.equal(p.pooledBytes, 4 * KiB);
  assert.equal(p.take(8 * KiB), undefined);
  assert.equal(p.take(4 * KiB), a);
  assert.equal(p.take(4 * KiB), undefined);
  assert.equal(p.pooledBytes, 0);
});

test('the bound holds: a buffer over it is refused, at most perSize of a size are kept', () => {
  const p = pool(16 * KiB, 2);
  assert.equal(p.give(32 * KiB, buffer(32 * KiB)), false);
  assert.equal(p.give(KiB, buffer(KiB)), true);
  assert.equal(p.give(KiB, buffer(KiB)), true);
  assert.equal(p.give(KiB, buffer(KiB)), false, 'a third of one size');
  for (let i = 0; i < 100; i++) p.give((i % 7) * KiB + 2 * KiB, buffer((i % 7) * KiB + 2 * KiB));
  assert.ok(p.pooledBytes <= 16 * KiB, `${p.pooledBytes} bytes waiting`);
});

test('sizes given back longest ago make room first; the size being given back keeps its newest', () => {
  const p = pool(12 * KiB);
  const old = [buffer(4 * KiB), buffer(4 * KiB)];
  for (const b of old) p.give(4 * KiB, b);
  const mid = buffer(2 * KiB);
  p.give(2 * KiB, mid);
  // 10 KiB waiting; 6 KiB more must drop a 4 KiB buffer (that size was given longest ago), not the 2 KiB one.
  const fresh = buffer(6 * KiB);
  assert.equal(p.give(6 * KiB, fresh), true);
  assert.equal(p.pooledBytes, 12 * KiB);
  assert.equal(p.take(2 * KiB), mid);
  assert.equal(p.take(6 * KiB), fresh);
  assert.ok(old.includes(p.take(4 * KiB)!));
  assert.equal(p.take(4 * KiB), undefined, 'one of the two 4 KiB buffers made room');
  // A size alone in the pool, over the bound with its own: its oldest buffers go.
  const q = pool(8 * KiB);
  const [b1, b2, b3] = [buffer(4 * KiB), buffer(4 * KiB), buffer(4 * KiB)];
  q.give(4 * KiB, b1);
  q.give(4 * KiB, b2);
  q.give(4 * KiB, b3);
  assert.equal(q.pooledBytes, 8 * KiB);
  const left = [q.take(4 * KiB), q.take(4 * KiB), q.take(4 * KiB)];
  assert.ok(left.includes(b3) && left.includes(b2) && !left.includes(b1), 'the newest two stay');
});

test('an editor that keeps changing an array\'s size keeps its pool useful (the latest sizes stay)', () => {
  const p = pool(64 * KiB, 4);
  for (let n = 1; n <= 200; n++) {
    // A run at size n takes what it can and gives back two buffers of its size.
    p.take(n * 64);
    p.give(n * 64, buffer(n * 64));
    p.give(n * 64, buffer(n * 64));
    assert.ok(p.pooledBytes <= 64 * KiB);
  }
  assert.notEqual(p.take(200 * 64), undefined, 'the last size is there for the next run');
  assert.notEqual(p.take(199 * 64), undefined);
});
