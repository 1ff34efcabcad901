import type { Runtime } from '../interpreter/runtime';
import type { DecompositionRule } from './decompositionRules';
import { Dm } from './dualMatrix';
import type { ArrayValue } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { alloc, constant, record } from './record';
import { slice } from './shape';
import { addInto } from './solve';

/**
 * One decomposition of one matrix on the tape: a node whose value is its outputs laid end to end
 * (numpy's U, s, Vᵀ…), each output a view of its part (shape.ts's slice). Its three rules all come
 * from one `DecompositionRule`: `jvp` as is, `vjp` over the outputs' values, and `curvature` as that
 * same vjp over the outputs carrying their tangents (forward over reverse: the part of Ā˙ that comes
 * from the outputs moving; the sweep adds the vjp of the adjoint's own tangent).
 */

export interface Part {
  /** As a matrix for the rules (a vector is 1×n). */
  readonly rows: number;
  readonly cols: number;
  /** As numpy returns it. */
  readonly shape: readonly number[];
}

class DecompositionNode implements ArrayNode {
  row = -1;
  readonly shape: readonly number[];
  constructor(
    readonly name: string,
    readonly value: Float64Array,
    readonly inputs: readonly number[],
    private readonly inputRows: number,
    private readonly inputCols: number,
    private readonly parts: readonly Part[],
    private readonly rule: DecompositionRule,
  ) {
    this.shape = [value.length];
  }

  /** The outputs as dual matrices: values, with the tangents in `dot` when given. */
  private split(values: Float64Array, dot: Float64Array | null): Dm[] {
    let offset = 0;
    return this.parts.map((p) => {
      const n = p.rows * p.cols;
      const part = new Dm(p.rows, p.cols, values.subarray(offset, offset + n), dot ? dot.subarray(offset, offset + n) : null);
      offset += n;
      return part;
    });
  }

  private joined(parts: readonly Dm[]): Float64Array {
    const out = new Float64Array(this.value.length);
    let offset = 0;
    for (const p of parts) {
      out.set(p.v, offset);
      offset += p.v.length;
    }
    return out;
  }

  jvp(t: Tangents): Float64Array | null {
    const ta = t.array(this.inputs[0]!);
    if (!ta) return null;
    return this.joined(this.rule.jvp(new Dm(this.inputRows, this.inputCols, ta)));
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    const aBar = this.rule.vjp(this.split(this.value, null), this.split(g, null));
    addInto(adj.array(this.inputs[0]!), aBar.v, 1);
  }

  curvature(g: Float64Array, t: Tangents, adj: Adjoints): void {
    const ta = t.array(this.inputs[0]!);
    if (!ta) return;
    const outDot = t.array(this.row) ?? this.jvp(t)!;
    const aBar = this.rule.vjp(this.split(this.value, outDot), this.split(g, null));
    if (aBar.t) addInto(adj.array(this.inputs[0]!), aBar.t, 1);
  }
}

/**
 * The outputs of a decomposition of `a` (a 2-D matrix), recorded as one node when `a` is tracked
 * (`rule()` made only then), else constants.
 */
export function decomposition(rt: Runtime, name: string, a: ArrayValue, parts: readonly Part[], values: readonly Float64Array[], rule: () => DecompositionRule, site: number): ArrayValue[] {
  const total = parts.reduce((n, p) => n + p.rows * p.cols, 0);
  const joined = alloc(rt, total, site, [total]);
  let offset = 0;
  values.forEach((v) => {
    joined.set(v, offset);
    offset += v.length;
  });
  if (a.row < 0 || !rt.tape) {
    let at = 0;
    return parts.map((p) => {
      const out = constant(p.shape, joined.subarray(at, at + p.rows * p.cols));
      at += p.rows * p.cols;
      return out;
    });
  }
  const node = new DecompositionNode(name, joined, [a.row], a.shape[0]!, a.shape[1]!, parts, rule());
  const whole = record(rt, node, site, 8 * total);
  let at = 0;
  return parts.map((p) => {
    const out = slice(rt, whole, p.shape, at, site);
    at += p.rows * p.cols;
    return out;
  });
}
