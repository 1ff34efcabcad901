import type { Runtime } from '../interpreter/runtime';
import type { ArrayValue, RowRecorder } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { alloc, type Scalar } from './record';
import { storedScalar } from './dtypes';

/**
 * `a[i] = v` with one element and a scalar, as a loop writes a gradient or a buffer element by
 * element: the value goes into the array's buffer (in place when nothing else holds it, so a loop of
 * n writes costs n, not n²), and a tracked scalar stays its own scalar row — read back by `a[i]` as
 * that row, like a list's element. The array's row over those scalar rows (`ElementsNode`) is
 * recorded once, when something uses the array whole.
 */
export function writeElement(rt: Runtime, base: ArrayValue, k: number, written: Scalar, site: number): void {
  // an int array truncates what is written into it, a bool array tests it (numpy's cast on store)
  const v = base.dtype === 'float' ? written : storedScalar(rt, base, written, site);
  const buffer = base.writableBuffer((n) => alloc(rt, n, site, base.shape));
  if (typeof v === 'number') {
    buffer[k] = v;
    if (rt.tape) base.setElementRow(k, -2, recorderFor(rt), site);
    return;
  }
  buffer[k] = v.value;
  base.setElementRow(k, v.id, recorderFor(rt), site);
}

/** The recorder of element writes, one per evaluation. */
function recorderFor(rt: Runtime): RowRecorder {
  return (rt.elementWrites ??= {
    record(shape, buffer, elementRows, baseRow, site) {
      const node = new ElementsNode(shape, buffer, baseRow, elementRows);
      return rt.tape!.pushArray(node, site, 4 * elementRows.length);
    },
  });
}

/**
 * An array whose elements are scalar rows (`rows[k] ≥ 0`), constants (-2) or the elements of an
 * array row (-1, or constants when there is none): linear, each output element is one input.
 */
class ElementsNode implements ArrayNode {
  readonly name = 'setitem';
  row = -1;
  readonly inputs: readonly number[];

  constructor(
    readonly shape: readonly number[],
    readonly value: Float64Array,
    private readonly base: number,
    private readonly rows: Int32Array,
  ) {
    const inputs = base >= 0 ? [base] : [];
    for (let k = 0; k < rows.length; k++) if (rows[k]! >= 0) inputs.push(rows[k]!);
    this.inputs = inputs;
  }

  jvp(t: Tangents): Float64Array | null {
    const { rows, base } = this;
    const tb = base >= 0 ? t.array(base) : null;
    const out = new Float64Array(rows.length);
    let any = false;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      const x = r >= 0 ? t.scalar[r]! : r === -1 && tb !== null ? tb[k]! : 0;
      out[k] = x;
      if (x !== 0) any = true;
    }
    return any ? out : null;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    const { rows, base } = this;
    const target = base >= 0 ? adj.array(base) : null;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      if (r >= 0) adj.scalar[r] = adj.scalar[r]! + g[k]!;
      else if (r === -1 && target !== null) target[k] = target[k]! + g[k]!;
    }
  }
}
