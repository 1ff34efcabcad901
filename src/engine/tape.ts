import { isPointObject } from '../core/pointTree';
import { fail } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import { SCALAR_PRIMITIVES } from './primitives/scalar';
import type { ScalarPrimitive } from './primitives/types';
import type { ArrayNode } from './array/node';
import { BufferPool } from './bufferPool';

/** Op code of an input (a parameter entry); other codes below 253 index `SCALAR_PRIMITIVES`. */
export const INPUT_OP = 255;
/** A whole-array operation: `in0` is its index in `tape.arrays` (see array/node.ts). */
export const ARRAY_OP = 254;
/** A scalar read out of an array row (`x[3]`, `np.sum(x)`): `in0` is the array row, `constant` the flat index. */
export const ELEMENT_OP = 253;

/** Bytes one entry occupies: op 1, two inputs 4+4, value, two partials and a constant operand 8 each, site 4. */
export const TAPE_BYTES_PER_ENTRY = 1 + 4 + 4 + 8 + 8 + 8 + 8 + 4;

/** One row of the tape as the trace view and the CLI show it. */
export interface TapeEntry {
  readonly id: number;
  /** A primitive's name, or `input`. */
  readonly op: string;
  /** Ids of the entries it reads; a constant operand is `null`, with its value in `constants`. */
  readonly inputs: readonly (number | null)[];
  readonly constants: readonly (number | null)[];
  readonly value: number;
  /** ∂value/∂input, per input, at this point: the local linearisation both sweeps use. */
  readonly partials: readonly number[];
  readonly range: SourceRange;
  /** For inputs: the parameter name, with its index when the parameter is a list (`x[2]`). */
  readonly label?: string;
}

/** The inputs of one parameter: consecutive entries, labelled `x` or `x[1][2]` on demand. */
interface InputGroup {
  readonly firstId: number;
  readonly count: number;
  readonly name: string;
  /** The parameter's value, whose nesting gives each entry's index path. */
  readonly shape: unknown;
  /** Every entry's label, in input order: made on the first question, in one walk. */
  labels?: string[];
}

/**
 * The Wengert list of one evaluation: every primitive applied to a differentiated value, in order.
 * Stored as parallel typed arrays over one buffer, so that a loop over thousands of elements costs
 * no object per operation, growth is one allocation, and the sweeps run over contiguous memory.
 */
export class Tape {
  length = 0;
  op!: Uint8Array;
  in0!: Int32Array;
  in1!: Int32Array;
  value!: Float64Array;
  partial0!: Float64Array;
  partial1!: Float64Array;
  /** The value of the constant operand of a binary entry (the Hessian re-derives partials from it). */
  constant!: Float64Array;
  site!: Int32Array;
  /** The eight columns' views over their buffer, as one set (pooled whole: making views is not free). */
  private columns: Columns = EMPTY_COLUMNS;
  /** The columns' length, as a field: a typed array's length is a slower read on every push. */
  private rows = 0;
  /** Array operations, in the order their rows were pushed. */
  readonly arrays: ArrayNode[] = [];
  /** Bytes held by array nodes (values, partials, index maps), counted against the budget. */
  arrayBytes = 0;
  private readonly groups: InputGroup[] = [];
  /** Runs of input rows written by `inputs`, by last id: the first id (sweeps step over a run at once). */
  private inputRuns: Map<number, number> | undefined = undefined;
  /** The arrays of the evaluation that recorded here: their buffers go back with the tape's. */
  private arena: { release(): void } | undefined;
  /** Set by `release`: the columns are gone and every sweep refuses this tape. */
  released = false;
  /**
   * Scalar rows an np.where does not select (array/whereMask.ts): a zero adjoint there sends nothing
   * up, though the row's partial is ∞ or nan (the strong zero the where's contract gives).
   */
  excludedRows: Set<number> | undefined = undefined;

  constructor(
    /** Ranges by site id, shared with the compiled module that records here. */
    readonly sites: readonly SourceRange[],
    private readonly maxBytes: number,
    /** A good first size: the length this function's tape had last time. */
    capacity = 16,
  ) {
    this.allocate(Math.max(16, capacity));
  }

  /** Ties the recording evaluation's arrays to this tape, so that `release` gives both back. */
  holdArena(arena: { release(): void }): void {
    this.arena = arena;
  }

  /**
   * Gives the tape's buffer and its arrays' buffers back for the next recording to reuse. Only the
   * owner of the trace calls this, after copying out every number it wants; a later read of this
   * tape through a sweep throws instead of reading another recording's numbers.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.arena?.release();
    const columns = this.columns;
    this.length = 0;
    // Most tapes of scalar code have neither (and setting an array's length is a call into V8).
    if (this.arrays.length > 0) this.arrays.length = 0;
    this.inputRuns = undefined;
    this.excludedRows = undefined;
    this.useColumns(EMPTY_COLUMNS);
    releaseTapeColumns(columns);
  }

  /** Sweeps call this first: reading a released tape is a bug, never a result. */
  assertLive(): void {
    if (this.released) throw new Error('internal: a released trace was read');
  }

  get bytes(): number {
    return this.length * TAPE_BYTES_PER_ENTRY + this.arrayBytes;
  }

  get capacity(): number {
    return this.rows;
  }

  input(value: number, site: number): number {
    return this.push(INPUT_OP, -1, -1, value, 0, 0, 0, site);
  }

  /** `values.length` consecutive input entries (an array parameter); returns the first id. */
  inputs(values: Float64Array, site: number): number {
    const first = this.length;
    const n = values.length;
    if (this.op.length < first + n) this.grow(site, first + n);
    this.op.fill(INPUT_OP, first, first + n);
    this.in0.fill(-1, first, first + n);
    this.in1.fill(-1, first, first + n);
    this.value.set(values, first);
    // Written, not assumed: a pooled buffer holds the rows of an earlier recording past `length`.
    this.partial0.fill(0, first, first + n);
    this.partial1.fill(0, first, first + n);
    this.constant.fill(0, first, first + n);
    this.site.fill(site, first, first + n);
    this.length = first + n;
    // Made on the first run: a tape of scalar parameters (most) never needs the map.
    if (n > 1) (this.inputRuns ??= new Map()).set(first + n - 1, first);
    return first;
  }

  /**
   * The first row of the run of inputs that ends at `id` (an array parameter's entries), or `id`:
   * a reverse sweep has nothing to do on input rows, and an array parameter has thousands.
   */
  firstOfInputRun(id: number): number {
    return this.inputRuns?.get(id) ?? id;
  }

  /** Records an array operation: one row, the node kept in `arrays`. */
  pushArray(node: ArrayNode, site: number, bytes: number): number {
    const k = this.arrays.length;
    this.arrays.push(node);
    this.arrayBytes += bytes;
    const v = node.value.length === 1 ? node.value[0]! : NaN;
    const row = this.push(ARRAY_OP, k, -1, v, 0, 0, 0, site);
    node.row = row;
    return row;
  }

  /** A scalar entry that is element `index` of the array at `arrayRow`. */
  pushElement(arrayRow: number, index: number, value: number, site: number): number {
    return this.push(ELEMENT_OP, arrayRow, -1, value, 1, 0, index, site);
  }

  /** The array node of an `ARRAY_OP` row. */
  nodeAt(row: number): ArrayNode {
    return this.arrays[this.in0[row]!]!;
  }

  isArrayRow(row: number): boolean {
    return this.op[row] === ARRAY_OP;
  }

  /** Names the `count` input entries from `firstId` as the parameter `name` of the given nesting. */
  labelInputs(firstId: number, count: number, name: string, shape: unknown): void {
    if (count > 0) this.groups.push({ firstId, count, name, shape });
  }

  /**
   * `x`, `x[1][2]` for an entry of a nested list parameter, `p.x` of an object; undefined for non-inputs.
   * A report asks for every entry's label: walking the nesting per entry was quadratic in the
   * parameter's size (a 100×10 weight matrix: 1,000 walks over its rows).
   */
  labelOf(id: number): string | undefined {
    const group = this.groups.find((g) => id >= g.firstId && id < g.firstId + g.count);
    if (!group) return undefined;
    const labels = (group.labels ??= entryLabels(group.shape, group.name));
    return labels[id - group.firstId] ?? group.name;
  }

  push(op: number, in0: number, in1: number, value: number, p0: number, p1: number, constant: number, site: number): number {
    const id = this.pushRow(op, in0, in1, site);
    this.value[id] = value;
    this.partial0[id] = p0;
    this.partial1[id] = p1;
    this.constant[id] = constant;
    return id;
  }

  /**
   * A row's op, inputs and site; the caller writes its value, two partials and constant operand into
   * the columns at the id returned, all four (a pooled tape's rows hold an earlier recording's). For
   * hot paths: the numbers go straight into the columns, where an argument of a call V8 does not
   * inline would be boxed first.
   */
  pushRow(op: number, in0: number, in1: number, site: number): number {
    const id = this.length;
    if (id === this.rows) this.grow(site);
    this.op[id] = op;
    this.in0[id] = in0;
    this.in1[id] = in1;
    this.site[id] = site;
    this.length = id + 1;
    return id;
  }

  primitiveAt(id: number): ScalarPrimitive | undefined {
    const op = this.op[id]!;
    return op >= ELEMENT_OP ? undefined : SCALAR_PRIMITIVES[op];
  }

  entry(id: number): TapeEntry {
    const prim = this.primitiveAt(id);
    const range = this.sites[this.site[id]!]!;
    const op = this.op[id]!;
    // Array rows show the operation and its inputs; the value is the element of a one-element array, else NaN.
    if (op === ARRAY_OP) {
      const node = this.nodeAt(id);
      const constants = node.inputs.map((r, k) => (r < 0 ? (node.constantOperand?.(k) ?? null) : null));
      return { id, op: node.name, inputs: [...node.inputs], constants, value: this.value[id]!, partials: [], range };
    }
    if (op === ELEMENT_OP) {
      return { id, op: `element[${this.constant[id]!}]`, inputs: [this.in0[id]!], constants: [null], value: this.value[id]!, partials: [1], range };
    }
    const label = this.labelOf(id);
    if (!prim) return { id, op: 'input', inputs: [], constants: [], value: this.value[id]!, partials: [], range, ...(label ? { label } : {}) };
    const ids = prim.arity === 1 ? [this.in0[id]!] : [this.in0[id]!, this.in1[id]!];
    return {
      id,
      op: prim.name,
      inputs: ids.map((i) => (i < 0 ? null : i)),
      constants: ids.map((i) => (i < 0 ? this.constant[id]! : null)),
      value: this.value[id]!,
      partials: prim.arity === 1 ? [this.partial0[id]!] : [this.partial0[id]!, this.partial1[id]!],
      range,
    };
  }

  /** Lays the eight columns over one buffer (a released tape's columns, when some of the size are free). */
  private allocate(capacity: number): void {
    const columns = takeTapeColumns(capacity) ?? columnsOver(new ArrayBuffer(capacity * TAPE_BYTES_PER_ENTRY), capacity);
    const old = this.columns;
    this.useColumns(columns);
    if (old !== EMPTY_COLUMNS) {
      const n = this.length;
      this.value.set(old.value.subarray(0, n));
      this.partial0.set(old.partial0.subarray(0, n));
      this.partial1.set(old.partial1.subarray(0, n));
      this.constant.set(old.constant.subarray(0, n));
      this.in0.set(old.in0.subarray(0, n));
      this.in1.set(old.in1.subarray(0, n));
      this.site.set(old.site.subarray(0, n));
      this.op.set(old.op.subarray(0, n));
    }
  }

  private useColumns(c: Columns): void {
    this.columns = c;
    this.rows = c.op.length;
    this.value = c.value;
    this.partial0 = c.partial0;
    this.partial1 = c.partial1;
    this.constant = c.constant;
    this.in0 = c.in0;
    this.in1 = c.in1;
    this.site = c.site;
    this.op = c.op;
  }

  /** Doubles the capacity, or more when `atLeast` entries are needed at once (an array parameter). */
  grow(site: number, atLeast = 0): void {
    let capacity = this.op.length * 2;
    while (capacity < atLeast) capacity *= 2;
    if (capacity * TAPE_BYTES_PER_ENTRY > this.maxBytes) {
      fail(
        'budget-memory',
        `memory budget exceeded: the tape would need more than ${formatBytes(this.maxBytes)} (${this.length.toLocaleString('en-US')} operations recorded)`,
        this.sites[site]!,
      );
    }
    this.allocate(capacity);
  }
}

/** The labels of a parameter value's numbers, in the order they are inputs; a text leaf (`kind: "linear"` in an object parameter) is no input. */
function entryLabels(value: unknown, name: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown, label: string): void => {
    if (typeof v === 'number') out.push(label);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${label}[${i}]`));
    else if (isPointObject(v)) for (const k of Object.keys(v)) walk(v[k], `${label}.${k}`);
  };
  walk(value, name);
  return out;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(0)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} bytes`;
}

/** The eight columns over one buffer, 8-byte columns first so every view is aligned. */
interface Columns {
  /** The whole buffer (the pool counts its bytes). */
  readonly bytes: Uint8Array;
  readonly value: Float64Array;
  readonly partial0: Float64Array;
  readonly partial1: Float64Array;
  readonly constant: Float64Array;
  readonly in0: Int32Array;
  readonly in1: Int32Array;
  readonly site: Int32Array;
  readonly op: Uint8Array;
}

function columnsOver(buffer: ArrayBuffer, capacity: number): Columns {
  const f64 = (k: number): Float64Array => new Float64Array(buffer, k * 8 * capacity, capacity);
  const i32 = (k: number): Int32Array => new Int32Array(buffer, 32 * capacity + k * 4 * capacity, capacity);
  return {
    bytes: new Uint8Array(buffer),
    value: f64(0),
    partial0: f64(1),
    partial1: f64(2),
    constant: f64(3),
    in0: i32(0),
    in1: i32(1),
    site: i32(2),
    op: new Uint8Array(buffer, 44 * capacity, capacity),
  };
}

/** A released tape's columns: nothing to read, and every sweep refuses the tape anyway. */
const EMPTY_COLUMNS = columnsOver(new ArrayBuffer(0), 0);

/**
 * Columns of released tapes, by capacity, for the next recording of the same function (whose tape
 * is sized from this one's length) to reuse. Not zeroed: every row is written whole when it is
 * pushed (`push`, `inputs`), and nothing reads past `length`.
 * The views are kept with their buffer: a recording of a small function would otherwise spend much
 * of its time making eight typed arrays. At most 32 MiB (bufferPool.ts), so one huge recording does
 * not pin its tape for the process's life.
 */
const tapeColumns = new BufferPool<Columns>(32 << 20, 4, (c) => c.bytes.byteLength);

/**
 * One tape's columns too large for the pool (a 200,000-element loop's are 72 MB), kept a few
 * seconds for the next recording of the same size — `--repeat`, an edit's re-analysis — for which
 * a fresh buffer costs a page fault per 4 KiB written, about half its recording time at that size.
 * Then, or as soon as a recording of another size starts, it is left to the garbage collector: a
 * huge recording does not pin its memory, nor does it sit beside the next one's.
 */
let spare: Columns | undefined;
let spareTimer: ReturnType<typeof setTimeout> | undefined;
const SPARE_MILLIS = 5_000;

function dropSpare(): void {
  spare = undefined;
  if (spareTimer !== undefined) clearTimeout(spareTimer);
  spareTimer = undefined;
}

function takeTapeColumns(capacity: number): Columns | undefined {
  const bytes = capacity * TAPE_BYTES_PER_ENTRY;
  const pooled = tapeColumns.take(bytes);
  if (pooled !== undefined) return pooled;
  const kept = spare;
  dropSpare();
  return kept !== undefined && kept.bytes.byteLength === bytes ? kept : undefined;
}

function releaseTapeColumns(columns: Columns): void {
  if (columns === EMPTY_COLUMNS || tapeColumns.give(columns.bytes.byteLength, columns)) return;
  dropSpare();
  spare = columns;
  spareTimer = setTimeout(dropSpare, SPARE_MILLIS);
  // Node's timers would keep a CLI process alive until it fires.
  (spareTimer as { unref?: () => void }).unref?.();
}
