import type { Runtime } from '../interpreter/runtime';
import type { ArrayValue } from './ndarray';
import type { Adjoints, ArrayNode, Tangents } from './node';
import { constant, record } from './record';
import { concatenate } from './shape';

/**
 * The columns numpy adds to complete a thin factor to an orthogonal matrix — svd's full_matrices=True
 * of a non-square matrix (U's or V's last |m − n| columns), qr's mode='complete' of a tall one (Q's
 * last m − n columns). Any orthonormal completion will do, so they have no derivative (JAX refuses
 * them). A result that does not use them keeps its exact derivative, and no warning (`_, s, _ =
 * np.linalg.svd(X)` is common); one that does gets nan, in both modes and in the Hessian, and a
 * warning says why (Runtime.warningsIfReached).
 */
class CompletionNode implements ArrayNode {
  row = -1;
  readonly name: string;
  constructor(
    what: string,
    readonly shape: readonly number[],
    readonly value: Float64Array,
    readonly inputs: readonly number[],
  ) {
    this.name = what;
  }

  jvp(t: Tangents): Float64Array | null {
    return t.array(this.inputs[0]!) ? new Float64Array(this.value.length).fill(NaN) : null;
  }

  vjp(g: Float64Array, adj: Adjoints): void {
    if (!g.some((x) => x !== 0)) return;
    adj.array(this.inputs[0]!).fill(NaN);
  }
}

/**
 * [thin | extra] side by side (`axis` 1: U, Q) or stacked (`axis` 0: Vᵀ): the extra columns (rows) of
 * the completion as a node of `a` with no derivative when `a` is tracked, else constants.
 */
export function completed(rt: Runtime, a: ArrayValue, thin: ArrayValue, extra: Float64Array, extraShape: readonly number[], axis: 0 | 1, what: string, site: number): ArrayValue {
  if (a.row < 0 || !rt.tape) return concatenate(rt, [thin, constant(extraShape, extra)], axis, site);
  const node = record(rt, new CompletionNode(what, extraShape, extra, [a.row]), site);
  rt.warningsIfReached.push({
    row: node.row,
    code: 'non-differentiable',
    message: `${what}: the ${axis === 1 ? 'columns' : 'rows'} it adds to complete an orthogonal matrix are any such completion, with no derivative, and the result uses them: its derivative through them is NaN`,
    site,
  });
  return concatenate(rt, [thin, node], axis, site);
}
