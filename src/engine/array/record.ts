import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { Tracked } from '../interpreter/values';
import { ArrayValue, formatShape, sizeOf, type DType } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { addAt } from './linear';

/** A scalar the interpreter holds: a constant or a tape entry. */
export type Scalar = number | Tracked;
/** What an array operation accepts: arrays, and scalars broadcast as 0-d arrays. */
export type Operand = Scalar | ArrayValue;

/**
 * A fresh buffer of `n` float64s, refused before it is made when it would take the run over its
 * memory budget (the message names the shape).
 */
export function alloc(rt: Runtime, n: number, site: number, shape?: readonly number[]): Float64Array {
  charge(rt, n, site, shape);
  return rt.arena.take(n);
}

/** `alloc` without the zeroing, for a caller that writes every element before reading any. */
export function allocUnset(rt: Runtime, n: number, site: number, shape?: readonly number[]): Float64Array {
  charge(rt, n, site, shape);
  return rt.arena.takeUnset(n);
}

/** Counts `n` float64s against the memory budget, refusing them (naming the shape) when over it. */
export function charge(rt: Runtime, n: number, site: number, shape?: readonly number[]): void {
  // Making n elements is n units of work, and the array object itself costs memory beyond its
  // numbers: a loop making a million 2-element arrays holds far more than 16 MB.
  rt.work(n, site);
  const bytes = 8 * (n + ARRAY_OVERHEAD_FLOAT64S);
  if (bytes + rt.heapBytes + (rt.tape?.bytes ?? 0) > rt.budget.maxBytes) {
    const what = shape ? `an array of shape ${formatShape(shape)} (${n.toLocaleString('en-US')} float64s)` : `${n.toLocaleString('en-US')} float64s`;
    fail('budget-memory', `memory budget exceeded: refusing to allocate ${what} over the ${Math.round(rt.budget.maxBytes / 1048576)} MiB budget`, rt.sites[site]!);
  }
  rt.heapBytes += bytes;
}

/**
 * What an array costs besides its elements, in float64s: its object, its typed array's view, its
 * shape, its tape node and the garbage of the values it was made from. Measured here (peak RSS, a
 * loop making 300,000 small arrays): about 600–1,000 bytes each; 24 let a loop of a million reach
 * 507 MB under the 256 MiB budget, 80 stops it at 297 MB.
 */
const ARRAY_OVERHEAD_FLOAT64S = 80;

/** Puts `node` on the tape and returns the array value it produces. */
export function record(rt: Runtime, node: ArrayNode, site: number, extraBytes = 0, dtype: DType = 'float'): ArrayValue {
  const row = rt.tape!.pushArray(node, site, extraBytes);
  return new ArrayValue(node.shape, node.value, row, dtype);
}

export function constant(shape: readonly number[], data: Float64Array, dtype: DType = 'float'): ArrayValue {
  return new ArrayValue(shape, data, -1, dtype);
}

/**
 * Element `index` of an array as a scalar (numpy's `x[3]` is a float64, not a 0-d array). An element
 * with a scalar row of its own (a parameter's input, a scalar written into the array) is that row;
 * otherwise it is an element row of the array's row. A view's element is read from its base.
 */
export function element(rt: Runtime, a: ArrayValue, index: number, site: number): Scalar {
  const view = a.view;
  if (view !== undefined) {
    index = view.offset !== undefined ? view.offset + index : view.positions[index]!;
    a = view.base;
  }
  const v = a.transientData()[index]!;
  const own = a.elementRowAt(index);
  if (own >= 0) return new Tracked(own, v);
  const row = own === -1 ? a.rowOfOtherElements : -1;
  if (row < 0) return v;
  return new Tracked(rt.tape!.pushElement(row, index, v, site), v);
}

/** Stacks scalars (constants or tape entries) into an array: `np.array([x, 2*y])`, a scalar broadcast. */
export function pack(rt: Runtime, items: readonly Scalar[], shape: readonly number[], site: number): ArrayValue {
  const n = items.length;
  const value = alloc(rt, n, site, shape);
  let tracked = false;
  for (let i = 0; i < n; i++) {
    const x = items[i]!;
    if (typeof x === 'number') value[i] = x;
    else {
      value[i] = x.value;
      tracked = true;
    }
  }
  if (!tracked || !rt.tape) return constant(shape, value);
  const inputs = items.map((x) => (typeof x === 'number' ? -1 : x.id));
  return record(rt, new PackNode(shape, value, inputs), site, 4 * n);
}

/** Array from scalar rows: linear, ∂out[i]/∂in[i] = 1. */
export class PackNode implements ArrayNode {
  readonly name = 'array';
  row = -1;
  constructor(
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
  ) {}

  jvp(t: Tangents): Float64Array {
    const out = new Float64Array(this.value.length);
    this.inputs.forEach((r, i) => {
      if (r >= 0) out[i] = t.scalar[r]!;
    });
    return out;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    this.inputs.forEach((r, i) => {
      if (r >= 0) adj.scalar[r] = adj.scalar[r]! + g[i]!;
    });
  }
}

/** An array parameter: its elements are consecutive input entries, so labels and seeds stay per element. */
class ParameterNode implements ArrayNode {
  readonly name = 'input';
  row = -1;
  readonly inputs: readonly number[];
  readonly inputRun: { readonly first: number; readonly length: number };
  constructor(
    readonly shape: readonly number[],
    readonly value: Float64Array,
    private readonly first: number,
  ) {
    this.inputs = [];
    this.inputRun = { first, length: value.length };
  }

  jvp(t: Tangents): Float64Array | null {
    const s = t.scalar.subarray(this.first, this.first + this.value.length);
    for (let i = 0; i < s.length; i++) if (s[i] !== 0) return Float64Array.from(s);
    return null;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    addAt(adj.scalar, g, this.first);
  }
}

/**
 * An array parameter on the tape: one input entry per element, read as such by `x[i]` (a loop over
 * the array records what the same loop over a list does), and one array row over them, recorded
 * when the array is first used whole. The row's buffer is `values` itself — the point's float64
 * form, kept from run to run — which a write never changes (it copies first); it still counts
 * against the memory budget.
 */
export function parameterArray(rt: Runtime, shape: readonly number[], values: Float64Array, site: number): { value: ArrayValue; ids: readonly number[] } {
  const tape = rt.tape!;
  const first = tape.inputs(values, site);
  charge(rt, values.length, site, shape);
  const n = values.length;
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = first + i;
  const value = ArrayValue.ofElementRows(shape, values, rows, { record: () => tape.pushArray(new ParameterNode(shape, values, first), site, 0) }, site);
  return { value, ids: consecutiveIds(first, values.length) };
}

/**
 * first, first + 1, …: the same few runs of ids come back run after run (a function's array
 * parameters start at the same tape rows each time), so the last few are kept, read-only.
 */
const keptIds: (readonly number[])[] = [];
const KEPT_IDS = 8;

function consecutiveIds(first: number, n: number): readonly number[] {
  for (const ids of keptIds) if (ids.length === n && (n === 0 || ids[0] === first)) return ids;
  const ids = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) ids[i] = first + i;
  Object.freeze(ids);
  if (keptIds.length === KEPT_IDS) keptIds.shift();
  keptIds.push(ids);
  return ids;
}

/** Any operand as an array (scalars become 0-d; a tracked scalar is packed onto the tape). */
export function asArray(rt: Runtime, v: Operand, site: number): ArrayValue {
  if (v instanceof ArrayValue) return v;
  if (typeof v === 'number') return constant([], Float64Array.of(v));
  return pack(rt, [v], [], site);
}

export function checkSize(rt: Runtime, shape: readonly number[], site: number): number {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) fail('shape', `negative or non-integer dimension in shape ${formatShape(shape)}`, rt.sites[site]!);
  }
  return sizeOf(shape);
}
