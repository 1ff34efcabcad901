import type { IrExpr } from '../../ir/nodes';
import { sumOfList, type SplitSum } from '../shared/longSums';
import { broken, type Context } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { parseSumList } from './parse';

/**
 * The placeholder of a long sum (shared/longSums.ts): its terms, parsed as one array literal
 * `[t₀, t₁, …]` at their own offsets, lowered in the context the sum is written in, as one IrSum.
 */
export function lowerLongSum(sum: SplitSum, ctx: Context): IrExpr {
  const view = ctx.view.forSum(sum);
  const list = parseSumList(sum, view.base);
  const lowered = list ? lowerExpr(list, { ...ctx, view }) : undefined;
  return sumOfList(sum, lowered, view.rangeOf(sum.from, sum.to)) ?? broken(view.rangeOf(sum.from, sum.to));
}
