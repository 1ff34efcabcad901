/**
 * numpy arrays as the interpreter sees them. Storage is one contiguous row-major float64 buffer
 * (booleans and integers are stored as 0/1 and whole numbers, with `dtype` saying which), so every
 * kernel is a plain loop over a Float64Array. A buffer is never written after the array value that
 * owns it is published: an in-place write (`A[i] = v`, `x += y`) makes a new buffer and a new tape
 * row and moves the box to it (copy-on-write). That is what lets the tape keep the old version for
 * the gradient, and lets nodes share input buffers instead of copying them.
 */

export type DType = 'float' | 'int' | 'bool';

/** A basic-index view (`A[0]`, `A[:, 1]`): its elements are positions of its base's buffer. */
export interface ViewOf {
  /** Never itself a view: views of views compose their positions. */
  readonly base: ArrayValue;
  /** Flat positions in the base, one per element of the view. */
  readonly positions: Int32Array;
  /** Set when the positions are consecutive: the first of them (element k is at offset + k). */
  readonly offset?: number;
  /**
   * The base version the view's buffer was read from; a later write to the base re-reads it. A view
   * starts at -1 (never read): `W[i][j]` reads element j of W without making the row at all.
   */
  baseVersion: number;
  /** Re-reads the positions from the base (a gather on the tape); set by indexing.ts. */
  readonly reread: () => { data: Float64Array; row: number };
}

/**
 * Records the array row of contents whose elements have scalar rows of their own (an array
 * parameter's inputs, scalars written with `a[i] = v`), the first time the array is used whole.
 * Given the buffer, the per-element rows (see `elementRows`), the row the other elements come from
 * and the site of the last write.
 */
export interface RowRecorder {
  record(shape: readonly number[], buffer: Float64Array, elementRows: Int32Array, baseRow: number, site: number): number;
}

/** A run of tracked writes into one buffer in place (array/writeChain.ts): the buffer it writes. */
export interface InPlaceWrites {
  readonly buffer: Float64Array;
}

const EMPTY = new Float64Array(0);

/**
 * One numpy array. The object is the identity Python names share (`y = x` aliases it); its buffer
 * and tape row change with each in-place write. `row` is -1 for an array that does not depend on
 * the differentiated parameters.
 *
 * Element access in scalar loops (`x[i]`, `grad[i] = …`) stays as cheap as a list's: elements that
 * have a scalar tape row of their own are read as that row (no element row, no gather), a scalar
 * written into an array is kept as its row until the array is used whole, and a buffer nobody else
 * holds (`owned`) is written in place instead of copied.
 */
export class ArrayValue {
  version = 0;
  /**
   * An int dtype taken from whole numbers whose Python type the source does not say (an element read
   * back from a float array): numpy may hold them as floats. Said where it changes a number (dtypes.ts).
   */
  wholeGuess = false;
  /** Set on views: reading one first catches up with writes made to its base since. */
  view: ViewOf | undefined = undefined;
  readonly size: number;
  private buffer: Float64Array;
  private tapeRow: number;
  /**
   * Per element, its own scalar tape row when it has one, else -1 (element k of `tapeRow`, or the
   * constant in the buffer when tapeRow is -1) or -2 (the constant in the buffer). Undefined when
   * every element is of `tapeRow`.
   */
  private elementRows: Int32Array | undefined = undefined;
  /** Set while `tapeRow` is not the contents: the array row is recorded when first needed. */
  private pending: RowRecorder | undefined = undefined;
  private pendingSite = 0;
  /** Nobody else holds `buffer` (nor `elementRows`): the next write may go in place. */
  private owned = false;
  /** The run of tracked in-place writes whose rows hold `buffer` (they rebuild their values from it). */
  private writes: InPlaceWrites | undefined = undefined;

  constructor(
    readonly shape: readonly number[],
    data: Float64Array,
    row: number,
    public dtype: DType = 'float',
  ) {
    this.buffer = data;
    this.tapeRow = row;
    this.size = data === EMPTY ? sizeOf(shape) : data.length;
  }

  /**
   * A view whose contents are read from its base on first use, not now: element reads through it
   * (`W[i][j]`, `A[:, j][k]`) go to the base and never need them.
   */
  static lazyView(shape: readonly number[], dtype: DType, view: ViewOf): ArrayValue {
    const a = new ArrayValue(shape, EMPTY, -1, dtype);
    view.baseVersion = -1;
    a.view = view;
    return a;
  }

  /**
   * An array whose elements are the scalar rows `elementRows` (-2 for a constant in `data`), its
   * array row recorded by `pending` when something needs the whole array: an array parameter.
   */
  static ofElementRows(shape: readonly number[], data: Float64Array, elementRows: Int32Array, pending: RowRecorder, site: number): ArrayValue {
    const a = new ArrayValue(shape, data, -1);
    a.elementRows = elementRows;
    a.pending = pending;
    a.pendingSite = site;
    return a;
  }

  /** The current contents. Whoever reads them may keep them: the array writes its next version elsewhere. */
  get data(): Float64Array {
    if (this.view) this.catchUp(this.view);
    this.owned = false;
    return this.buffer;
  }

  /**
   * The current contents, for copying numbers out now (a gather, an element): the buffer may be
   * written in place later, so the caller must not keep it (`data` is for keeping).
   */
  transientData(): Float64Array {
    if (this.view) this.catchUp(this.view);
    return this.buffer;
  }

  /** The tape row of the current contents, or -1 for a constant. */
  get row(): number {
    if (this.view) this.catchUp(this.view);
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      this.tapeRow = pending.record(this.shape, this.buffer, this.elementRows!, this.tapeRow, this.pendingSite);
      // The recorded node holds the buffer and the element rows now.
      this.owned = false;
    }
    return this.tapeRow;
  }

  /**
   * Element k's own scalar row (≥ 0), -1 when it is element k of `rowOfOtherElements` (a constant
   * when that is -1), -2 when it is the constant in the buffer. Not for views.
   */
  elementRowAt(k: number): number {
    const rows = this.elementRows;
    return rows === undefined ? -1 : rows[k]!;
  }

  /** The row elements without a row of their own come from (no array row is recorded for this). */
  get rowOfOtherElements(): number {
    return this.tapeRow;
  }

  private catchUp(view: ViewOf): void {
    if (view.base.version === view.baseVersion) return;
    const { data, row } = view.reread();
    view.baseVersion = view.base.version;
    this.buffer = data;
    this.tapeRow = row;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** A new version of the contents (same shape): copy-on-write's second half. */
  replace(data: Float64Array, row: number): void {
    this.buffer = data;
    this.tapeRow = row;
    this.elementRows = undefined;
    this.pending = undefined;
    this.owned = false;
    this.writes = undefined;
    this.version++;
  }

  /**
   * The buffer to write the next version into, in place: first a copy (made by `fresh`, with the
   * element rows) unless this array is the only holder of its buffer. Not for views.
   */
  writableBuffer(fresh: (n: number) => Float64Array): Float64Array {
    // A run of tracked writes in place holds the buffer too: its last row's value is the buffer.
    if (!this.owned || this.writes !== undefined) {
      const copy = fresh(this.size);
      copy.set(this.buffer);
      this.buffer = copy;
      if (this.elementRows !== undefined) this.elementRows = Int32Array.from(this.elementRows);
      this.owned = true;
      this.writes = undefined;
    }
    this.version++;
    return this.buffer;
  }

  /**
   * The run of tracked writes (array/writeChain.ts) the next one continues in place: the current one
   * when its rows alone hold the buffer, else one `start` makes on a copy of the current contents
   * (which stay with whoever holds them). Not for views.
   */
  inPlaceWrites<W extends InPlaceWrites>(start: (before: Float64Array) => W): W {
    let writes = this.writes as W | undefined;
    if (writes === undefined || !this.owned || writes.buffer !== this.buffer) {
      writes = start(this.buffer);
      this.writes = writes;
      this.buffer = writes.buffer;
      this.owned = true;
    }
    return writes;
  }

  /** After a write into `inPlaceWrites`'s buffer: the contents are the array row `row` now. */
  wroteInPlace(row: number): void {
    this.tapeRow = row;
    this.elementRows = undefined;
    this.pending = undefined;
    this.version++;
  }

  /**
   * After `writableBuffer`: element k now has the scalar row `id` (-2: the constant written in the
   * buffer), and the array row is recorded by `pending` when first needed.
   */
  setElementRow(k: number, id: number, pending: RowRecorder, site: number): void {
    let rows = this.elementRows;
    if (rows === undefined) {
      if (id < 0 && this.tapeRow < 0) return; // a constant into a constant array: the buffer says it all
      rows = this.elementRows = new Int32Array(this.size).fill(-1);
    }
    rows[k] = id;
    this.pending = pending;
    this.pendingSite = site;
  }

}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** numpy's spelling: `(2, 3)`, `(3,)`, `()`. */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Row-major strides in elements. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let k = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = k;
    k *= shape[i]!;
  }
  return s;
}

/** numpy's broadcasting: align trailing axes; each pair must be equal or one of them 1. Undefined if not. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] | undefined {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    out[i] = x === 1 ? y : x;
  }
  return out;
}

/**
 * How the elements of an operand of shape `from` line up with a broadcast result of shape `to`:
 * `null` when the shapes are equal, a number `p` when the operand repeats with period `p` (a scalar
 * is p = 1; a bias `(n,)` against `(m, n)` is p = n), else one source index per result element.
 */
export type BroadcastMap = null | number | Int32Array;

export function broadcastMap(from: readonly number[], to: readonly number[]): BroadcastMap {
  if (sameShape(from, to)) return null;
  const size = sizeOf(from);
  // A suffix of `to` (after dropping leading 1s of `from`): the operand tiles the result.
  const trimmed = from.slice(from.findIndex((d) => d !== 1) < 0 ? from.length : from.findIndex((d) => d !== 1));
  if (size === 1 || sameShape(trimmed, to.slice(to.length - trimmed.length))) return size;
  const n = to.length;
  const fromStrides = stridesOf(from);
  const eff = to.map((d, i) => {
    const j = i - (n - from.length);
    return j < 0 || from[j] === 1 ? 0 : fromStrides[j]!;
  });
  const total = sizeOf(to);
  const map = new Int32Array(total);
  const idx = new Array<number>(n).fill(0);
  let src = 0;
  for (let k = 0; k < total; k++) {
    map[k] = src;
    for (let ax = n - 1; ax >= 0; ax--) {
      idx[ax]!++;
      src += eff[ax]!;
      if (idx[ax]! < to[ax]!) break;
      src -= eff[ax]! * idx[ax]!;
      idx[ax] = 0;
    }
  }
  return map;
}

/** The operand's elements laid out in the result's shape (a no-op for the same shape). */
export function expand(data: Float64Array, map: BroadcastMap, size: number): Float64Array {
  if (map === null) return data;
  if (map === 1) return filled(data[0]!, size);
  const out = new Float64Array(size);
  if (typeof map === 'number') {
    for (let i = 0; i < size; i += map) out.set(data, i);
    return out;
  }
  for (let i = 0; i < size; i++) out[i] = data[map[i]!]!;
  return out;
}

/**
 * `size` copies of `v`. Buffers are never written after they are made, so the last few are kept
 * and shared (`100.0 * x`, `x ** 2` over the same length meet the same constants every run).
 */
const fills: { v: number; data: Float64Array }[] = [];
const FILL_CACHE = 8;
const FILL_CACHE_MAX_SIZE = 1 << 16;

export function filled(v: number, size: number): Float64Array {
  if (size > FILL_CACHE_MAX_SIZE) return new Float64Array(size).fill(v);
  for (let i = 0; i < fills.length; i++) {
    const f = fills[i]!;
    if (f.data.length === size && Object.is(f.v, v)) return f.data;
  }
  const data = new Float64Array(size).fill(v);
  if (fills.length === FILL_CACHE) fills.shift();
  fills.push({ v, data });
  return data;
}

/** The reverse of `expand`: sums a result-shaped adjoint back into the operand (over broadcast axes). */
export function reduceInto(target: Float64Array, full: Float64Array, map: BroadcastMap): void {
  const size = full.length;
  if (map === null) {
    for (let i = 0; i < size; i++) target[i] = target[i]! + full[i]!;
  } else if (typeof map === 'number') {
    for (let i = 0; i < size; i++) {
      const j = i % map;
      target[j] = target[j]! + full[i]!;
    }
  } else {
    for (let i = 0; i < size; i++) {
      const j = map[i]!;
      target[j] = target[j]! + full[i]!;
    }
  }
}

/** Nested lists of the buffer, in the array's shape (for outputs and `tolist`). */
export function nestedList<T>(shape: readonly number[], data: ArrayLike<T>): unknown {
  if (shape.length === 0) return data[0];
  let offset = 0;
  const build = (axis: number): unknown[] => {
    const out: unknown[] = [];
    for (let i = 0; i < shape[axis]!; i++) out.push(axis === shape.length - 1 ? data[offset++] : build(axis + 1));
    return out;
  };
  return build(0);
}

/** 0, 1, …, n − 1 (a plain loop: `Int32Array.from` with a map function is slow in V8). */
export function iota(n: number, scale = 1, offset = 0): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = offset + i * scale;
  return out;
}
