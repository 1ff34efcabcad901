/**
 * Released buffers by size, waiting for the next evaluation to take them again (array arenas, tape
 * columns, adjoint arrays). A cache: bounded in bytes so that one large evaluation does not pin its
 * memory for the life of the process, and when a buffer would not fit, the sizes given back
 * longest ago go first (to the garbage collector). In an editor a function's arrays change size as
 * its point is edited; without that order the pool would fill with sizes no one asks for again and
 * stop helping, holding its bound for nothing.
 */
export class BufferPool<T> {
  /** Sizes in the order they were last given back, least recent first (a Map keeps insertion order). */
  private readonly bySize = new Map<number, T[]>();
  private bytes = 0;
  /** The size last put back at the end of `bySize`. */
  private newest: number | undefined;

  constructor(
    private readonly maxBytes: number,
    /** At most this many buffers of one size. */
    private readonly perSize: number,
    private readonly bytesOf: (buffer: T) => number,
  ) {}

  /** A buffer of `size` given back earlier, or undefined. Its contents are whatever they were. */
  take(size: number): T | undefined {
    const buffer = this.bySize.get(size)?.pop();
    if (buffer !== undefined) this.bytes -= this.bytesOf(buffer);
    return buffer;
  }

  /** Keeps `buffer` for a later `take(size)`; false when it is left to the garbage collector. */
  give(size: number, buffer: T): boolean {
    const bytes = this.bytesOf(buffer);
    if (bytes > this.maxBytes) return false;
    const free = this.bySize.get(size) ?? [];
    if (free.length >= this.perSize) return false;
    if (size === this.newest && this.bytes + bytes <= this.maxBytes) {
      // Already the most recently given size (a function recorded again and again): its place holds.
      free.push(buffer);
      this.bytes += bytes;
      return true;
    }
    // Detached while room is made (other sizes first, then this size's own), then put back last:
    // the most recently given size is the last to go.
    this.bySize.delete(size);
    while (this.bytes + bytes > this.maxBytes) {
      if (!this.dropOldest()) this.bytes -= this.bytesOf(free.shift()!);
    }
    free.push(buffer);
    this.bytes += bytes;
    this.bySize.set(size, free);
    this.newest = size;
    return true;
  }

  /** Bytes waiting here. */
  get pooledBytes(): number {
    return this.bytes;
  }

  /** Drops one buffer of the size given back longest ago; false when there is none. */
  private dropOldest(): boolean {
    for (const [size, free] of this.bySize) {
      const buffer = free.pop();
      if (free.length === 0) this.bySize.delete(size);
      if (buffer !== undefined) {
        this.bytes -= this.bytesOf(buffer);
        return true;
      }
    }
    return false;
  }
}
