import { coverRanges } from '../core/sourceRange';
import type { IrExpr, IrSum } from './nodes';

/**
 * An IrSum as a tree of binary `+`/`−` of depth log₂(terms), for readers that want binary nodes and
 * do not evaluate them (shapes, the formula's test, codegen's printed derivative): never a level per
 * term. `a − b + c − d` is `(a − b) + (c − d)`; a group joined by `−` has its own signs flipped
 * (`a − (b − c + d)`). The grouping is not the evaluation order, so the interpreter never reads this:
 * it folds the terms left to right (interpreter/binaryExpr.ts `sumExpr`).
 */
export function balancedSum(e: IrSum): IrExpr {
  return group(e.terms, e.ops, 0, e.terms.length);
}

/** terms[from..to) with the ops between them, split in the middle. */
function group(terms: readonly IrExpr[], ops: readonly ('+' | '-')[], from: number, to: number, flip = false): IrExpr {
  if (to - from === 1) return terms[from]!;
  const mid = (from + to) >> 1;
  const sign = (op: '+' | '-'): '+' | '-' => (flip ? (op === '+' ? '-' : '+') : op);
  const joint = sign(ops[mid - 1]!);
  const left = group(terms, ops, from, mid, flip);
  // the right group's inner signs are relative to its first term, which `joint` adds or subtracts
  const right = group(terms, ops, mid, to, joint === '-' ? !flip : flip);
  return { kind: 'binary', op: joint, left, right, range: coverRanges(left.range, right.range) };
}
