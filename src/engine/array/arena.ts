/**
 * Where one evaluation's arrays live: a few large buffers handed out in consecutive slices, instead
 * of a buffer of its own for every array.
 *
 * Every typed array with its own buffer costs an allocation outside V8's heap, its zeroing and a
 * place in the garbage collector's accounting of external memory; measured here, ten 2,000-element
 * arrays cost about 44 µs made one by one and 26 µs as slices of one buffer. An evaluation makes an
 * array per operation and keeps them all until its trace is dropped, so slices of shared buffers
 * change nothing about lifetimes: the trace holds them all either way.
 *
 * The first buffer is sized from what the same function used last time (`hint`), up to the 64 KiB
 * cap below, so a warm function makes as few buffers as that cap allows. Tiny arrays stay on their
 * own (V8 makes them inside its heap, cheaply), and so do arrays above the cap.
 */
export class ArrayArena {
  private chunk: Float64Array | undefined;
  private used = 0;
  /** Float64s handed out in slices: the next run's hint. */
  total = 0;

  constructor(private readonly hint = 0) {}

  take(n: number): Float64Array {
    if (n <= SMALL || n > LARGE) return new Float64Array(n);
    this.total += n;
    let chunk = this.chunk;
    if (chunk === undefined || this.used + n > chunk.length) {
      // The first buffer fits what this function used last time; later ones double, within bounds.
      const wanted = chunk === undefined ? Math.min(Math.max(this.hint, FIRST), LARGE) : Math.min(2 * chunk.length, LARGE);
      chunk = this.chunk = new Float64Array(Math.max(n, wanted));
      this.used = 0;
    }
    const slice = chunk.subarray(this.used, this.used + n);
    this.used += n;
    return slice;
  }
}

/** At most 64 bytes: V8 allocates these on its own heap, no cheaper as a slice. */
const SMALL = 8;
/**
 * 64 KiB, for slices and for the shared buffers alike: larger arrays get a buffer of their own. A
 * buffer past the C library's threshold for mapping fresh pages (128 KiB by default) costs its page
 * faults on every run: with 1 MiB buffers the MLP benchmark's primal went from 2.4 to 2.9 ms and
 * the vectorized Rosenbrock's value and gradient varied from 300 to 520 µs between runs.
 */
const LARGE = 1 << 13;
/** The first buffer of a function run for the first time (16 KiB). */
const FIRST = 1 << 11;
