import { fail } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import { SCALAR_PRIMITIVES } from './primitives/scalar';
import type { ScalarPrimitive } from './primitives/types';

/** Op code of an input (a parameter entry); other codes index `SCALAR_PRIMITIVES`. */
export const INPUT_OP = 255;

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

/**
 * The Wengert list of one evaluation: every primitive applied to a differentiated value, in order.
 * Stored as parallel typed arrays so that a loop over thousands of elements costs no object per
 * operation and the sweeps run over contiguous memory.
 */
export class Tape {
  length = 0;
  op: Uint8Array;
  in0: Int32Array;
  in1: Int32Array;
  value: Float64Array;
  partial0: Float64Array;
  partial1: Float64Array;
  /** The value of the constant operand of a binary entry (the Hessian re-derives partials from it). */
  constant: Float64Array;
  site: Int32Array;
  /** Labels of input entries, by id. */
  readonly labels = new Map<number, string>();

  constructor(
    /** Ranges by site id, shared with the compiled module that records here. */
    readonly sites: readonly SourceRange[],
    private readonly maxBytes: number,
    capacity = 256,
  ) {
    this.op = new Uint8Array(capacity);
    this.in0 = new Int32Array(capacity);
    this.in1 = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.partial0 = new Float64Array(capacity);
    this.partial1 = new Float64Array(capacity);
    this.constant = new Float64Array(capacity);
    this.site = new Int32Array(capacity);
  }

  get bytes(): number {
    return this.length * TAPE_BYTES_PER_ENTRY;
  }

  input(value: number, site: number, label: string): number {
    const id = this.push(INPUT_OP, -1, -1, value, 0, 0, 0, site);
    this.labels.set(id, label);
    return id;
  }

  push(op: number, in0: number, in1: number, value: number, p0: number, p1: number, constant: number, site: number): number {
    const id = this.length;
    if (id === this.op.length) this.grow(site);
    this.op[id] = op;
    this.in0[id] = in0;
    this.in1[id] = in1;
    this.value[id] = value;
    this.partial0[id] = p0;
    this.partial1[id] = p1;
    this.constant[id] = constant;
    this.site[id] = site;
    this.length = id + 1;
    return id;
  }

  primitiveAt(id: number): ScalarPrimitive | undefined {
    const op = this.op[id]!;
    return op === INPUT_OP ? undefined : SCALAR_PRIMITIVES[op];
  }

  entry(id: number): TapeEntry {
    const prim = this.primitiveAt(id);
    const range = this.sites[this.site[id]!]!;
    const label = this.labels.get(id);
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

  private grow(site: number): void {
    const capacity = this.op.length * 2;
    if (capacity * TAPE_BYTES_PER_ENTRY > this.maxBytes) {
      fail(
        'budget-memory',
        `memory budget exceeded: the tape would need more than ${formatBytes(this.maxBytes)} (${this.length.toLocaleString('en-US')} operations recorded)`,
        this.sites[site]!,
      );
    }
    const copy = <A extends Uint8Array | Int32Array | Float64Array>(old: A, make: (n: number) => A): A => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.op = copy(this.op, (n) => new Uint8Array(n));
    this.in0 = copy(this.in0, (n) => new Int32Array(n));
    this.in1 = copy(this.in1, (n) => new Int32Array(n));
    this.value = copy(this.value, (n) => new Float64Array(n));
    this.partial0 = copy(this.partial0, (n) => new Float64Array(n));
    this.partial1 = copy(this.partial1, (n) => new Float64Array(n));
    this.constant = copy(this.constant, (n) => new Float64Array(n));
    this.site = copy(this.site, (n) => new Int32Array(n));
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(0)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} bytes`;
}
