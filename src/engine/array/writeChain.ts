import type { Runtime } from '../interpreter/runtime';
import { sizeOf, type ArrayValue, type BroadcastMap, type InPlaceWrites } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { alloc } from './record';

/**
 * Tracked writes into a selection as a loop makes them (`dW[:, j] += p[j] * X[i]`): each write is a
 * tape row holding only the positions it wrote (`WriteNode`), and the array's buffer is written in
 * place while nobody else holds it. So n writes of k elements into an array of m cost n·k, where a
 * copy and a full index map per write (n·m) ran out of memory at a course assignment's size.
 *
 * The rows of one run of in-place writes share a `WriteChain`: the contents before its first write
 * and each write's positions and source. The sweeps never read a write's value (they need its
 * positions only); the graph panel and hovers do, and get it rebuilt from the chain.
 *
 * Returns false, writing nothing, where the general path must do it: positions not strictly
 * increasing (a repeated position's last write wins, and the adjoint sums keep the general path's
 * order) or the value being the array itself.
 */
export function writeInPlace(rt: Runtime, base: ArrayValue, positions: Int32Array, source: Float64Array, valueRow: number, map: BroadcastMap, site: number): boolean {
  for (let k = 1; k < positions.length; k++) if (positions[k]! <= positions[k - 1]!) return false;
  const baseRow = base.row;
  if (baseRow >= 0 && baseRow === valueRow) return false;
  const chain = base.inPlaceWrites((before) => {
    const buffer = alloc(rt, before.length, site, base.shape);
    buffer.set(before);
    return new WriteChain(before, buffer);
  });
  const node = new WriteNode(base.shape, chain, chain.writes.length, [baseRow, valueRow], positions, source, map);
  chain.writes.push(node);
  node.apply(chain.buffer);
  // Its positions and the source's share of them: the source itself is another row's (or a constant's).
  const row = rt.tape!.pushArray(node, site, 4 * positions.length + (map instanceof Int32Array ? 4 * map.length : 0));
  base.wroteInPlace(row);
  return true;
}

/** One run of in-place writes into one buffer: every write's value can be rebuilt from it. */
class WriteChain implements InPlaceWrites {
  readonly writes: WriteNode[] = [];
  /** The last value rebuilt, by write index: a graph reads the writes in order, each from the one before. */
  private rebuilt: { index: number; value: Float64Array } | undefined;

  constructor(
    /** The contents before the first write: a buffer nobody writes again. */
    private readonly before: Float64Array,
    /** Written in place by each write in turn: after the last, the array's contents. */
    readonly buffer: Float64Array,
  ) {}

  valueAfter(index: number): Float64Array {
    if (index === this.writes.length - 1) return this.buffer;
    const from = this.rebuilt !== undefined && this.rebuilt.index <= index ? this.rebuilt : undefined;
    const value = Float64Array.from(from?.value ?? this.before);
    for (let w = from ? from.index + 1 : 0; w <= index; w++) this.writes[w]!.apply(value);
    this.rebuilt = { index, value };
    return Float64Array.from(value);
  }
}

/** `base[positions] = source` (broadcast by `map`), as a row: linear in the base and the source. */
class WriteNode implements ArrayNode {
  readonly name = 'setitem';
  row = -1;
  readonly size: number;

  constructor(
    readonly shape: readonly number[],
    private readonly chain: WriteChain,
    private readonly index: number,
    /** The base's row before the write, the source's row (-1 for a constant). */
    readonly inputs: readonly [number, number],
    /** Strictly increasing flat positions in the base. */
    private readonly positions: Int32Array,
    private readonly source: Float64Array,
    private readonly map: BroadcastMap,
  ) {
    this.size = sizeOf(shape);
  }

  get value(): Float64Array {
    return this.chain.valueAfter(this.index);
  }

  apply(out: Float64Array): void {
    const { positions, source, map } = this;
    for (let k = 0; k < positions.length; k++) out[positions[k]!] = source[at(map, k)]!;
  }

  jvp(t: Tangents): Float64Array | null {
    const [baseRow, sourceRow] = this.inputs;
    const tb = baseRow >= 0 ? t.array(baseRow) : null;
    const ts = sourceRow >= 0 ? t.array(sourceRow) : null;
    if (tb === null && ts === null) return null;
    const out = tb !== null ? Float64Array.from(tb) : new Float64Array(this.size);
    const { positions, map } = this;
    for (let k = 0; k < positions.length; k++) out[positions[k]!] = ts !== null ? ts[at(map, k)]! : 0;
    return out;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    const [baseRow, sourceRow] = this.inputs;
    const { positions, map } = this;
    if (sourceRow >= 0) {
      const target = adj.array(sourceRow);
      for (let k = 0; k < positions.length; k++) {
        const j = at(map, k);
        target[j] = target[j]! + g[positions[k]!]!;
      }
    }
    if (baseRow < 0) return;
    // The base's adjoint is g with the written positions zeroed: g itself when the sweep allows it.
    if (adj.adopt(baseRow, g)) {
      for (let k = 0; k < positions.length; k++) g[positions[k]!] = 0;
      return;
    }
    const target = adj.array(baseRow);
    let from = 0;
    for (let k = 0; k <= positions.length; k++) {
      const to = k < positions.length ? positions[k]! : g.length;
      for (let i = from; i < to; i++) target[i] = target[i]! + g[i]!;
      from = to + 1;
    }
  }
}

function at(map: BroadcastMap, k: number): number {
  return map === null ? k : typeof map === 'number' ? k % map : map[k]!;
}
