import type { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { IrExpr } from '../../ir/nodes';
import { parseBounded } from '../shared/boundedParse';
import { sumOfList, type SplitSum } from '../shared/longSums';
import { lowerExpr } from './lowerExpressions';
import type { Scope } from './scope';

/** Each sum's list parsed once, however often the function holding it is lowered. */
const parsed = new WeakMap<SplitSum, Tree>();

/**
 * The placeholder of a long sum (shared/longSums.ts): its terms, parsed as one list `[t₀, t₁, …]` at
 * their own offsets, lowered in the scope the sum is written in, as one IrSum.
 */
export function lowerLongSum(sum: SplitSum, scope: Scope): IrExpr {
  const view = scope.view.forSum(sum);
  let tree = parsed.get(sum);
  if (!tree) parsed.set(sum, (tree = parseBounded(parser, sum.listText, view.base)));
  const list = tree.topNode.firstChild?.firstChild;
  const lowered = list?.name === 'ArrayExpression' ? lowerExpr(list, scope.withView(view)) : undefined;
  return sumOfList(sum, lowered, view.rangeOf(sum.from, sum.to)) ?? scope.broken(view.rangeOf(sum.from, sum.to));
}
