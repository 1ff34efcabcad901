import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import type { Value } from '../interpreter/values';
import { mapIndex, root, select } from './indexing';
import { ArrayValue, broadcastMap, broadcastShapes, formatShape } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { alloc, asArray, record, type Operand } from './record';

/**
 * `np.add.at(a, indices, b)`: b added into the entries of `a` the index selects, in place, where a
 * position selected twice gets both additions (unlike `a[indices] += b`, which keeps the last).
 * CS231n's word-embedding backward pass accumulates its gradient so. a's new version is a + S·b,
 * S the scatter of the selection: ∂/∂a is the identity, ∂/∂b gathers from the selected positions.
 */
export function addAt(rt: Runtime, a: Value, index: Value, b: Operand, site: number): void {
  if (!(a instanceof ArrayValue)) fail('type', 'np.add.at writes into its first argument: it must be a numpy array (a list would be copied, and the copy lost)', rt.sites[site]!);
  const sel = select(rt, a.shape, index, site);
  const { base, positions } = root(a, sel.positions);
  const value = asArray(rt, b, site);
  if (base.dtype !== 'float' && value.dtype === 'float') {
    fail('type', `numpy cannot add float64 values into a ${base.dtype === 'int' ? 'int64' : 'bool'} array in place (its UFuncTypeError): make the array a float one`, rt.sites[site]!);
  }
  const shape = broadcastShapes(value.shape, sel.shape);
  if (!shape || shape.length !== sel.shape.length || shape.some((d, i) => d !== sel.shape[i])) {
    fail('shape', `np.add.at: could not broadcast the added value of shape ${formatShape(value.shape)} into the selection of shape ${formatShape(sel.shape)}`, rt.sites[site]!);
  }
  const map = broadcastMap(value.shape, sel.shape);
  const src = value.data;
  const from = new Int32Array(positions.length);
  for (let k = 0; k < positions.length; k++) from[k] = mapIndex(map, k);
  if ((base.row < 0 && value.row < 0) || !rt.tape) {
    const data = base.writableBuffer((size) => alloc(rt, size, site, base.shape));
    for (let k = 0; k < positions.length; k++) data[positions[k]!] = data[positions[k]!]! + src[from[k]!]!;
    return;
  }
  const data = alloc(rt, base.size, site, base.shape);
  data.set(base.data);
  for (let k = 0; k < positions.length; k++) data[positions[k]!] = data[positions[k]!]! + src[from[k]!]!;
  const node = new ScatterAddNode(base.shape, data, [base.row, value.row], positions, from);
  const written = record(rt, node, site, 8 * positions.length);
  base.replace(written.data, written.row);
}

/** a + S·b: `inputs` [a, b] (-1 for a constant); element k of the selection adds b[from[k]] at positions[k]. */
class ScatterAddNode implements ArrayNode {
  readonly name = 'add.at';
  row = -1;
  constructor(
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    private readonly positions: Int32Array,
    private readonly from: Int32Array,
  ) {}

  jvp(t: Tangents): Float64Array | null {
    const [a, b] = this.inputs;
    const ta = a! >= 0 ? t.array(a!) : null;
    const tb = b! >= 0 ? t.array(b!) : null;
    if (!ta && !tb) return null;
    const out = ta ? Float64Array.from(ta) : new Float64Array(this.value.length);
    if (tb) for (let k = 0; k < this.positions.length; k++) out[this.positions[k]!] = out[this.positions[k]!]! + tb[this.from[k]!]!;
    return out;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    const [a, b] = this.inputs;
    if (b! >= 0) {
      const gb = adj.array(b!);
      for (let k = 0; k < this.positions.length; k++) gb[this.from[k]!] = gb[this.from[k]!]! + g[this.positions[k]!]!;
    }
    if (a! >= 0) {
      const ga = adj.array(a!);
      for (let i = 0; i < g.length; i++) ga[i] = ga[i]! + g[i]!;
    }
  }
}
