import { LANEWISE_MIN, lanewiseAccumulate, lanewiseAccumulateConstant } from './lanewise';
import type { Adjoints, ArrayNode, Tangents } from './node';

/**
 * The linear array operations. Each is its own transpose's transpose: jvp applies the map to the
 * tangents, vjp applies the transposed map to the adjoint, and there is no curvature.
 *
 * - `GatherNode`: every output element is one element of one input (or a constant). Transpose,
 *   indexing, slicing, concatenate/stack, diag, setitem (a write is a gather from two sources) — the
 *   reverse rule is a scatter-add, so a repeated index accumulates its gradients.
 * - `ReshapeNode`: the same buffer in another shape.
 * - `ReduceNode`: out[seg[i]] += w[i]·x[i] — sum, mean, and max/min with their tie weights.
 */

/** target[offset + i] += g[i]: the reverse rule of a slice or a reshape (a contiguous view). */
export function addAt(target: Float64Array, g: Float64Array, offset: number): void {
  if (g.length >= LANEWISE_MIN && lanewiseAccumulate(target.subarray(offset, offset + g.length), g)) return;
  for (let i = 0; i < g.length; i++) target[offset + i] = target[offset + i]! + g[i]!;
}

export class GatherNode implements ArrayNode {
  row = -1;
  constructor(
    readonly name: string,
    readonly shape: readonly number[],
    readonly value: Float64Array,
    /** Source rows, -1 for a constant source. */
    readonly inputs: readonly number[],
    /** Per output element: which source (index into `inputs`, -1 for a constant element); null = all from source 0. */
    private readonly which: Int32Array | null,
    /** Per output element: the flat position in that source. */
    private readonly pos: Int32Array,
  ) {}

  jvp(t: Tangents): Float64Array | null {
    const ts = this.inputs.map((r) => (r >= 0 ? t.array(r) : null));
    if (ts.every((x) => x === null)) return null;
    const n = this.value.length;
    const out = new Float64Array(n);
    const { which, pos } = this;
    if (which === null) {
      const t0 = ts[0]!;
      for (let i = 0; i < n; i++) out[i] = t0[pos[i]!]!;
    } else {
      for (let i = 0; i < n; i++) {
        const w = which[i]!;
        const tw = w >= 0 ? ts[w] : null;
        if (tw) out[i] = tw[pos[i]!]!;
      }
    }
    return out;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    const n = g.length;
    const { which, pos } = this;
    if (which === null) {
      if (this.inputs[0]! < 0) return;
      const target = adj.array(this.inputs[0]!);
      for (let i = 0; i < n; i++) target[pos[i]!] = target[pos[i]!]! + g[i]!;
      return;
    }
    const targets = this.inputs.map((r) => (r >= 0 ? adj.array(r) : null));
    for (let i = 0; i < n; i++) {
      const w = which[i]!;
      const target = w >= 0 ? targets[w] : null;
      if (target) target[pos[i]!] = target[pos[i]!]! + g[i]!;
    }
  }
}

/**
 * A gather whose positions are consecutive (`x[1:]`, `A[2]`, `A[1:3]` of a row-major array): the
 * output shares the source's buffer (a `subarray`, no copy) and the rules are an offset, with no
 * index map stored.
 */
export class SliceNode implements ArrayNode {
  row = -1;
  readonly name = 'getitem';
  constructor(
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    /** Flat position of the first element in the source. */
    private readonly offset: number,
  ) {}

  jvp(t: Tangents): Float64Array | null {
    const x = t.array(this.inputs[0]!);
    return x ? x.subarray(this.offset, this.offset + this.value.length) : null;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    addAt(adj.array(this.inputs[0]!), g, this.offset);
  }
}

export class ReshapeNode implements ArrayNode {
  row = -1;
  readonly name = 'reshape';
  constructor(
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
  ) {}

  jvp(t: Tangents): Float64Array | null {
    return t.array(this.inputs[0]!);
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    // Same elements, another shape: the input's adjoint can be g itself.
    if (!adj.adopt(this.inputs[0]!, g)) addAt(adj.array(this.inputs[0]!), g, 0);
  }
}

export class ReduceNode implements ArrayNode {
  row = -1;
  constructor(
    readonly name: string,
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    /** Output element of each input element; null when everything reduces to one element. */
    private readonly segment: Int32Array | null,
    /** The weight of each input element: one number (sum 1, mean 1/n) or per element (max ties). */
    private readonly weight: number | Float64Array,
  ) {}

  jvp(t: Tangents): Float64Array | null {
    const x = t.array(this.inputs[0]!);
    if (!x) return null;
    const out = new Float64Array(this.value.length);
    const { segment, weight } = this;
    for (let i = 0; i < x.length; i++) {
      const w = typeof weight === 'number' ? weight : weight[i]!;
      const s = segment === null ? 0 : segment[i]!;
      out[s] = out[s]! + w * x[i]!;
    }
    return out;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    const target = adj.array(this.inputs[0]!);
    const { segment, weight } = this;
    const n = target.length;
    if (segment === null && typeof weight === 'number') {
      const gw = g[0]! * weight;
      if (!lanewiseAccumulateConstant(target, gw)) for (let i = 0; i < n; i++) target[i] = target[i]! + gw;
      return;
    }
    for (let i = 0; i < n; i++) {
      const w = typeof weight === 'number' ? weight : weight[i]!;
      target[i] = target[i]! + w * g[segment === null ? 0 : segment[i]!]!;
    }
  }
}
