import { BufferPool } from '../bufferPool';

/**
 * Where one evaluation's arrays live: a few large buffers handed out in consecutive slices, instead
 * of a buffer of its own for every array, and buffers that a finished evaluation gave back.
 *
 * Every typed array with its own buffer costs an allocation outside V8's heap, its zeroing and a
 * place in the garbage collector's accounting of external memory; measured here, ten 2,000-element
 * arrays cost about 44 µs made one by one and 26 µs as slices of one buffer. An evaluation makes an
 * array per operation and keeps them all until its trace is dropped, so slices of shared buffers
 * change nothing about lifetimes: the trace holds them all either way.
 *
 * When the owner of an evaluation says it is done (`release`, called through `releaseTrace` once
 * every number wanted has been copied out), its buffers go to a pool that the next evaluation takes
 * from: a warm function then allocates no array memory at all. A reused slice is zeroed as it is
 * handed out (`take`), except for a caller that writes every element itself (`takeUnset`, an
 * elementwise result): each fill is a pass over the array, as costly as the operation's own loop.
 * For the same reason released buffers are not poisoned in use; tests turn poisoning on
 * (`poisonReleasedArrays`), so that a read after release, or an element a `takeUnset` caller
 * left unwritten, shows as NaN rather than as a plausible number from an earlier run.
 *
 * The first buffer is sized from what the same function used last time (`hint`), up to the 64 KiB
 * cap below, so a warm function makes as few buffers as that cap allows. Tiny arrays stay on their
 * own (V8 makes them inside its heap, cheaply); arrays above the cap get a buffer of their own, which
 * is pooled alike.
 */
export class ArrayArena {
  private chunk: Float64Array | undefined;
  /** The current chunk came from the pool: its slices are zeroed as they are handed out. */
  private chunkReused = false;
  private used = 0;
  /** Every buffer this arena made or reused, for `release`. */
  private readonly owned: Float64Array[] = [];
  private released = false;
  /** Float64s handed out in slices: the next run's hint. */
  total = 0;

  constructor(private readonly hint = 0) {}

  /** n float64s, all zero. */
  take(n: number): Float64Array {
    return this.slice(n, true);
  }

  /** n float64s of undefined contents, for a caller that writes every one before any is read. */
  takeUnset(n: number): Float64Array {
    return this.slice(n, false);
  }

  private slice(n: number, zeroed: boolean): Float64Array {
    if (this.released) throw new Error('internal: an array was made in an evaluation already released');
    if (n <= SMALL) return new Float64Array(n);
    if (n > LARGE) return this.own(n, zeroed);
    this.total += n;
    let chunk = this.chunk;
    if (chunk === undefined || this.used + n > chunk.length) {
      // The first buffer fits what this function used last time; later ones double, within bounds.
      const wanted = chunk === undefined ? Math.min(Math.max(this.hint, FIRST), LARGE) : Math.min(2 * chunk.length, LARGE);
      const size = Math.max(n, wanted);
      const reused = pool.take(size);
      chunk = this.chunk = reused ?? new Float64Array(size);
      this.chunkReused = reused !== undefined;
      this.owned.push(chunk);
      this.used = 0;
    }
    const slice = chunk.subarray(this.used, this.used + n);
    if (this.chunkReused && zeroed) slice.fill(0);
    this.used += n;
    return slice;
  }

  /** An array above the cap: a buffer of its own, from the pool when one of its length is there. */
  private own(n: number, zeroed: boolean): Float64Array {
    const reused = pool.take(n);
    const a = reused === undefined ? new Float64Array(n) : zeroed ? reused.fill(0) : reused;
    this.owned.push(a);
    return a;
  }

  /**
   * Gives every buffer back to the pool (poisoned with NaN when tests ask). Only the owner of the evaluation may
   * call this, once nothing will read its arrays again; calling it twice does nothing.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const a of this.owned) toPool(a);
    if (this.owned.length > 0) this.owned.length = 0; // setting a length is a call into V8, and scalar runs own none
    this.chunk = undefined;
  }
}

/** At most 64 bytes: V8 allocates these on its own heap, no cheaper as a slice. */
const SMALL = 8;
/**
 * 64 KiB, for slices and for the shared buffers alike: larger arrays get a buffer of their own. A
 * fresh buffer past the C library's threshold for mapping fresh pages (128 KiB by default) costs its
 * page faults on every run: with 1 MiB buffers the MLP benchmark's primal went from 2.4 to 2.9 ms
 * and the vectorized Rosenbrock's value and gradient varied from 300 to 520 µs between runs.
 */
const LARGE = 1 << 13;
/** The first buffer of a function run for the first time (16 KiB). */
const FIRST = 1 << 11;

/** Released buffers by length (bufferPool.ts): at most 32 MiB, the lengths released longest ago dropped first. */
const pool = new BufferPool<Float64Array>(32 << 20, 1 << 10, (a) => a.byteLength);

function toPool(a: Float64Array): void {
  if (poison) a.fill(NaN);
  pool.give(a.length, a);
}

let poison = false;

/**
 * For tests: fill released buffers with NaN, so that any read after release, and any element a
 * `takeUnset` caller failed to write, turns into NaN in a result. Returns the previous setting.
 */
export function poisonReleasedArrays(on: boolean): boolean {
  const was = poison;
  poison = on;
  return was;
}

/** Bytes of released buffers waiting for reuse (for tests). */
export function pooledArenaBytes(): number {
  return pool.pooledBytes;
}
