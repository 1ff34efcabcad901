import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { IrExpr } from '../../ir/nodes';
import { parseBounded } from '../shared/boundedParse';
import { sumOfList, type SplitSum } from '../shared/longSums';
import type { SourceView } from '../shared/sourceView';
import { parseNumber } from './literals';
import { lowerExpr, lowerNameText } from './lowerExpressions';
import { isLezerOnlyError } from './document';
import { insideBrackets, splitOnCommas } from './parse';
import { describeSyntaxErrors } from './syntaxErrors';
import { readPlainTerm, type PlainTerm } from './plainTerms';
import type { Scope } from './scope';

/** What reading a sum's terms found once, however often the function holding it is lowered. */
interface ReadSum {
  /** Per term: its plain reading, or undefined where lezer reads it. */
  readonly plain: readonly (PlainTerm | undefined)[];
  /** lezer's tree of the list with the plain terms blanked to `0`, when some term is not plain. */
  readonly tree: Tree | undefined;
  /** lezer's error nodes in that tree. */
  readonly errors: readonly SyntaxNode[];
}
const readSums = new WeakMap<SplitSum, ReadSum>();

/**
 * The placeholder of a long sum (shared/longSums.ts): its terms, lowered in the scope the sum is written
 * in, as one IrSum. Plain terms (plainTerms.ts) are read directly; the rest are parsed by lezer as one
 * list `[t₀, t₁, …]` at their own offsets, with each plain term standing as a `0` there.
 */
export function lowerLongSum(sum: SplitSum, scope: Scope): IrExpr {
  const view = scope.view.forSum(sum);
  let read = readSums.get(sum);
  if (!read) readSums.set(sum, (read = readTerms(sum, view)));
  const inView = scope.withView(view);
  const range = view.rangeOf(sum.from, sum.to);
  let groups: readonly SyntaxNode[][] = [];
  if (read.tree) {
    // The sum's terms are not in the tree the document's syntax errors come from: a term that does not
    // parse (`x + y z + …`) is said here, where it is, instead of the sum standing for what lezer recovered.
    if (read.errors.length > 0) {
      for (const d of describeSyntaxErrors(read.errors, view)) scope.report(d);
      return scope.broken(range);
    }
    const list = read.tree.topNode.firstChild?.firstChild;
    if (list?.name === 'ArrayExpression') groups = splitOnCommas(insideBrackets(list, '[', ']')).groups;
    if (groups.length !== read.plain.length) return scope.broken(range);
  }
  const terms = read.plain.map((p, k) => (p ? lowerPlain(p, view, inView) : lowerExpr(groups[k]![0]!, inView)));
  return sumOfList(sum, { kind: 'list', elements: terms, range }, range) ?? scope.broken(range);
}

function readTerms(sum: SplitSum, view: SourceView): ReadSum {
  const text = view.source;
  const bounds = termBounds(sum);
  const plain = bounds.map(([from, to]) => readPlainTerm(text, from, to));
  if (plain.every((p) => p !== undefined)) return { plain, tree: undefined, errors: [] };
  // Each plain term becomes `0` and spaces: lezer reads one token for it, and every offset holds.
  const parts: string[] = ['['];
  bounds.forEach(([from, to], k) => {
    parts.push(plain[k] ? `0${' '.repeat(to - from - 1)}` : text.slice(from, to), k < bounds.length - 1 ? ',' : ']');
  });
  const tree = parseBounded(parser, parts.join(''), view.base);
  const errors: SyntaxNode[] = [];
  tree.iterate({ enter: (ref) => void (ref.type.isError && !isLezerOnlyError(ref.node, view) && errors.push(ref.node)) });
  return { plain, tree, errors };
}

/** Each term's text as [from, to): between the operators that join them (`at`), within the sum. */
function termBounds(sum: SplitSum): [number, number][] {
  const bounds: [number, number][] = [];
  let start = sum.from;
  for (const k of sum.at) {
    bounds.push([start, k]);
    start = k + 1;
  }
  bounds.push([start, sum.to]);
  return bounds;
}

function lowerPlain(term: PlainTerm, view: SourceView, scope: Scope): IrExpr {
  const range = view.rangeOf(term.from, term.to);
  switch (term.kind) {
    case 'number':
      return { ...(parseNumber(term.text) as IrExpr & { kind: 'number' }), range };
    case 'name':
      return lowerNameText(term.text, range, scope);
    case 'unary':
      return { kind: 'unary', op: term.op, operand: lowerPlain(term.operand, view, scope), range };
    case 'binary':
      return { kind: 'binary', op: term.op, left: lowerPlain(term.left, view, scope), right: lowerPlain(term.right, view, scope), range };
  }
}
