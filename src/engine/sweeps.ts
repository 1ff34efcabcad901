import type { Adjoints, ArrayNode, Tangents } from './array/node';
import { BufferPool } from './bufferPool';
import { tick } from './clock';
import { ARRAY_OP, ELEMENT_OP, INPUT_OP, type Tape } from './tape';

/**
 * The two sweeps over a recorded tape. Both read the partials stored with each entry, which the
 * primitives' rules computed at record time, so forward and reverse mode are two orders of
 * accumulating one linearisation (and agree to rounding). Array rows (`ARRAY_OP`) delegate to their
 * node's `jvp`/`vjp`; element rows (`ELEMENT_OP`) read one entry of an array row. A tape with no
 * array rows takes the plain scalar loops.
 */

/** Tangents of every row: scalar rows in `scalar`, array rows by node index. */
export class ForwardState implements Tangents {
  constructor(
    private readonly tape: Tape,
    readonly scalar: Float64Array,
    readonly arrays: (Float64Array | null)[],
  ) {}

  array(row: number): Float64Array | null {
    return this.arrays[this.tape.in0[row]!] ?? null;
  }
}

/**
 * Array adjoint buffers of finished sweeps, by length, for the next sweep to reuse (zeroed): a
 * reverse sweep over an array program needs one buffer per array row, and making them fresh each
 * time is most of its garbage. Only `reverseSweep` returns buffers here, after its last use of them.
 * At most 32 MiB and 16 of a length (bufferPool.ts).
 */
const pool = new BufferPool<Float64Array>(32 << 20, 16, (a) => a.byteLength);
const POOL_MIN_LENGTH = 64;

function take(n: number): Float64Array {
  const a = n >= POOL_MIN_LENGTH ? pool.take(n) : undefined;
  if (a === undefined) return new Float64Array(n);
  a.fill(0);
  return a;
}

function release(buffers: readonly (Float64Array | null)[]): void {
  if (buffers.length === 0) return; // a scalar program's sweep (no Set made: a sweep of seed 001 is ~100 ns)
  // An adopted buffer stands for several rows; it must go back once, or two takes would share it.
  const seen = new Set<Float64Array>();
  for (const a of buffers) {
    if (a === null || a === undefined || a.length < POOL_MIN_LENGTH || seen.has(a)) continue;
    seen.add(a);
    pool.give(a.length, a);
  }
}

/** Adjoints of every row; an array row's buffer is made the first time something flows into it. */
export class ReverseState implements Adjoints {
  constructor(
    private readonly tape: Tape,
    readonly scalar: Float64Array,
    readonly arrays: (Float64Array | null)[],
    private readonly pooled = false,
  ) {}

  array(row: number): Float64Array {
    const k = this.tape.in0[row]!;
    let a = this.arrays[k];
    if (!a) {
      const n = elementsOf(this.tape.arrays[k]!);
      a = this.pooled ? take(n) : new Float64Array(n);
      this.arrays[k] = a;
    }
    return a;
  }

  adopt(row: number, g: Float64Array): boolean {
    if (!this.pooled) return false;
    const k = this.tape.in0[row]!;
    if (this.arrays[k] || elementsOf(this.tape.arrays[k]!) !== g.length) return false;
    this.arrays[k] = g;
    return true;
  }

  /** The adjoint of an array row if anything flowed into it. */
  peek(row: number): Float64Array | null {
    return this.arrays[this.tape.in0[row]!] ?? null;
  }
}

/** Tangents ẋ of every entry for the seed direction (1 on `seeds`, 0 elsewhere). */
export function forwardSweep(tape: Tape, seeds: readonly number[]): Float64Array {
  return forwardAll(tape, seeds).scalar;
}

export function forwardAll(tape: Tape, seeds: readonly number[]): ForwardState {
  tape.assertLive();
  const n = tape.length;
  const dot = new Float64Array(n);
  for (const id of seeds) dot[id] = 1;
  const state = new ForwardState(tape, dot, new Array(tape.arrays.length).fill(null));
  const { in0, in1, partial0, partial1, op, constant } = tape;
  const mixed = tape.arrays.length > 0;
  tick(n);
  for (let i = 0; i < n; i++) {
    const a = in0[i]!;
    if (mixed) {
      const o = op[i]!;
      if (o === ARRAY_OP) {
        tick(elementsOf(tape.arrays[a]!));
        state.arrays[a] = tape.arrays[a]!.jvp(state);
        continue;
      }
      if (o === ELEMENT_OP) {
        const t = state.array(a);
        dot[i] = t ? t[constant[i]!]! : 0;
        continue;
      }
      if (o === INPUT_OP) continue;
    }
    if (a < 0 && in1[i]! < 0) continue; // an input: keeps its seed
    let t = 0;
    if (a >= 0) t += partial0[i]! * dot[a]!;
    const b = in1[i]!;
    if (b >= 0) t += partial1[i]! * dot[b]!;
    dot[i] = t;
  }
  return state;
}

/**
 * Adjoints x̄ = ∂output/∂x of every entry, in one backward pass: x̄ᵢ += ∂ᵢ·ȳ for each entry's inputs.
 */
export function reverseSweep(tape: Tape, outputId: number): Float64Array {
  // Only the scalar adjoints leave: the array adjoints go back to the pool.
  const state = reverseAll(tape, outputId, true);
  release(state.arrays);
  return state.scalar;
}

/**
 * `reverseSweep` for a caller that reads what it needs of the adjoints in `read` and keeps nothing
 * of them (a gradient copied out): the scalar adjoints come from the pool and go back after.
 */
export function readReverseSweep<T>(tape: Tape, outputId: number, read: (adjoints: Float64Array) => T): T {
  const state = reverseAll(tape, outputId, true, take(tape.length));
  try {
    return read(state.scalar);
  } finally {
    release(state.arrays);
    if (state.scalar.length >= POOL_MIN_LENGTH) pool.give(state.scalar.length, state.scalar);
  }
}

export function reverseAll(tape: Tape, outputId: number, pooled = false, adj: Float64Array = new Float64Array(tape.length)): ReverseState {
  tape.assertLive();
  const state = new ReverseState(tape, adj, new Array(tape.arrays.length).fill(null), pooled);
  adj[outputId] = 1;
  const { in0, in1, partial0, partial1, op, constant } = tape;
  const mixed = tape.arrays.length > 0;
  let reached: Uint8Array | undefined;
  tick(outputId + 1);
  for (let i = outputId; i >= 0; i--) {
    if (mixed) {
      const o = op[i]!;
      if (o === ARRAY_OP) {
        const g = state.arrays[in0[i]!];
        if (g) {
          tick(g.length);
          tape.arrays[in0[i]!]!.vjp(g, state);
        }
        continue;
      }
      if (o === INPUT_OP) {
        i = tape.firstOfInputRun(i); // nothing upstream: step over an array parameter's entries at once
        continue;
      }
      if (o === ELEMENT_OP) {
        const g = adj[i]!;
        if (g !== 0) {
          const target = state.array(in0[i]!);
          const k = constant[i]!;
          target[k] = target[k]! + g;
        }
        continue;
      }
    }
    const g = adj[i]!;
    const a = in0[i]!;
    if (g === 0) {
      // Nothing flows from a zero adjoint, unless a partial is ±∞ or nan on a row the output reaches
      // (`0 * sqrt(x)` at 0): 0·∞ is nan there, as array rows and forward mode make it too.
      const b = in1[i]!;
      if (!((a >= 0 && !Number.isFinite(partial0[i]!)) || (b >= 0 && !Number.isFinite(partial1[i]!)))) continue;
      if (tape.excludedRows?.has(i) === true) continue; // a branch np.where does not select
      if (!(reached ??= reachedRows(tape, [outputId]))[i]) continue;
    }
    if (a >= 0) adj[a] = adj[a]! + partial0[i]! * g;
    const b = in1[i]!;
    if (b >= 0) adj[b] = adj[b]! + partial1[i]! * g;
  }
  return state;
}

/**
 * Which rows the outputs depend on (1), by one backward walk over the rows' inputs: a row they do not
 * reach has adjoint 0 by absence, and must not turn an infinite partial into nan.
 */
export function reachedRows(tape: Tape, outputIds: readonly number[]): Uint8Array {
  let last = -1;
  for (const id of outputIds) if (id > last) last = id; // no spread: an output may have millions of entries
  const mark = new Uint8Array(last + 1);
  for (const id of outputIds) if (id >= 0) mark[id] = 1;
  const { in0, in1, op } = tape;
  for (let i = last; i >= 0; i--) {
    if (!mark[i]) continue;
    const o = op[i]!;
    if (o === INPUT_OP) continue;
    if (o === ARRAY_OP) {
      const node = tape.arrays[in0[i]!]!;
      for (const r of node.inputs) if (r >= 0) mark[r] = 1;
      if (node.inputRun) mark.fill(1, node.inputRun.first, node.inputRun.first + node.inputRun.length);
      continue;
    }
    if (in0[i]! >= 0) mark[in0[i]!] = 1;
    if (o !== ELEMENT_OP && in1[i]! >= 0) mark[in1[i]!] = 1;
  }
  return mark;
}

/** An array row's element count, without rebuilding a value that is rebuilt on demand. */
function elementsOf(node: ArrayNode): number {
  return node.size ?? node.value.length;
}
