import type { Runtime } from '../interpreter/runtime';
import { ElementwiseNode } from './elementwise';
import type { ArrayValue } from './ndarray';

/**
 * np.where's trap: `np.where(x > 0, np.sqrt(x), 0.0)` at x = 0. The where sends no adjoint to the
 * branch it does not take, but that branch's own rule still multiplies the zero by its partial —
 * sqrt's ∞ at 0 — and 0·∞ is NaN, which reaches a reverse-mode gradient (forward mode's gather
 * drops the ∞ tangent instead). GradLens keeps the NaN (not a number it can vouch for) and says where
 * it comes from and how to avoid it.
 *
 * The check follows each element the where never takes up through elementwise operations of the
 * same shape (the chain `x * np.sqrt(x)`), a few levels deep, and looks for a partial that is not
 * finite there.
 */

const MAX_DEPTH = 8;

/** The first operation with a non-finite partial (±∞ or NaN) above element `i` of row `row`, if any. */
function nonFiniteAbove(rt: Runtime, row: number, i: number, depth: number): { name: string; partial: number } | undefined {
  const tape = rt.tape!;
  if (depth > MAX_DEPTH || row < 0 || !tape.isArrayRow(row)) return undefined;
  const node = tape.nodeAt(row);
  if (!(node instanceof ElementwiseNode)) return undefined;
  for (const path of node.partialsAt(i)) {
    if (!Number.isFinite(path.partial)) return { name: node.name, partial: path.partial };
    const above = nonFiniteAbove(rt, path.row, i, depth + 1);
    if (above) return above;
  }
  return undefined;
}

/**
 * Warns (once per site) when an element of `operand` that the where never takes (`taken[j]` is 0)
 * has a non-finite derivative above it. `which`: 'x' or 'y', the branch's name in the message;
 * `caller`: the numpy function the user wrote, when it is built on where (np.nan_to_num).
 */
export function warnUntakenBranch(rt: Runtime, operand: ArrayValue, taken: Uint8Array, which: 'x' | 'y', site: number, caller = 'np.where'): void {
  if (operand.row < 0 || !rt.tape) return;
  for (let j = 0; j < taken.length; j++) {
    if (taken[j]) continue;
    const culprit = nonFiniteAbove(rt, operand.row, j, 0);
    if (culprit === undefined) continue;
    const at = operand.size > 1 ? ` at element ${j}` : '';
    // say what the partial is: ∞ (sqrt at 0) and NaN (sqrt at −1, outside its domain) differ
    const [kind, product] = Number.isNaN(culprit.partial) ? ['an undefined (NaN)', '0·NaN'] : ['an infinite', '0·∞'];
    rt.warn(
      'non-differentiable',
      `${caller === 'np.where' ? `np.where: its ${which} branch, not taken${at},` : `${caller}: the entry it replaces${at}`} has ${kind} derivative there (${culprit.name}), and in reverse mode ${product} makes that gradient entry NaN. ` +
        'Keep the unsafe point out of the branch instead, e.g. np.sqrt(np.where(x > 0, x, 1.0))',
      site,
    );
    return;
  }
}
