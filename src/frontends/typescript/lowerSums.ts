import type { SyntaxNode } from '@lezer/common';
import type { IrExpr } from '../../ir/nodes';
import { sumOfList, type SplitSum } from '../shared/longSums';
import { broken, type Context } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { parseSumList } from './parse';
import { describeSyntaxErrors } from './syntaxErrors';

/**
 * The placeholder of a long sum (shared/longSums.ts): its terms, parsed as one array literal
 * `[t₀, t₁, …]` at their own offsets, lowered in the context the sum is written in, as one IrSum.
 */
export function lowerLongSum(sum: SplitSum, ctx: Context): IrExpr {
  const view = ctx.view.forSum(sum);
  const range = view.rangeOf(sum.from, sum.to);
  const list = parseSumList(sum, view.base);
  // The terms are not in the tree the document's syntax errors come from: a term that does not parse
  // (`x + y z + …`, which lezer recovers as one name "y z") is said here, at the token it stops on.
  const errors = list ? errorNodes(list) : [];
  if (errors.length > 0) {
    for (const d of describeSyntaxErrors(errors, view)) ctx.report(d);
    return broken(range);
  }
  const lowered = list ? lowerExpr(list, { ...ctx, view }) : undefined;
  return sumOfList(sum, lowered, range) ?? broken(range);
}

/** lezer's error nodes under `list`, in source order (a sum's terms are shallow: each is short, longSums.ts). */
function errorNodes(list: SyntaxNode): SyntaxNode[] {
  const errors: SyntaxNode[] = [];
  const cursor = list.cursor();
  const end = list.to;
  do if (cursor.type.isError) errors.push(cursor.node);
  while (cursor.next() && cursor.from < end);
  return errors;
}
