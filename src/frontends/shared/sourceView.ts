import type { SyntaxNode } from '@lezer/common';
import type { LineMap, SourceRange } from '../../core/sourceRange';
import type { SplitSum } from './longSums';

/** No long sums: the usual case. */
export const NO_SUMS: ReadonlyMap<number, SplitSum> = new Map();

/**
 * A lezer tree over `text.slice(base, end)`: after a syntax error a front end parses the document a
 * piece at a time, so node offsets are relative to `base`. Every position a front end reads goes
 * through here, which keeps that offset in one place.
 */
export class SourceView {
  constructor(
    readonly source: string,
    readonly lines: LineMap,
    readonly base: number,
    /** Where the parsed piece ends: past it is text this tree never saw. */
    readonly end: number = source.length,
    /** The long sums split before parsing, by the offset of their placeholder (parserText.ts): the name there lowers to the sum. */
    readonly sums: ReadonlyMap<number, SplitSum> = NO_SUMS,
  ) {}

  /**
   * A view over the terms of `sum` parsed as the list `sum.listText`: the same offsets, text and
   * lines as this one (the list's brackets stand where the characters around the sum are).
   */
  forSum(sum: SplitSum): SourceView {
    return new SourceView(' '.repeat(sum.from - 1) + sum.listText, this.lines, sum.from - 1, sum.to + 1);
  }

  /** The long sum whose placeholder the parser read as `node` (a name), if it is one. */
  sumAt(node: SyntaxNode): SplitSum | undefined {
    return this.sums.size === 0 ? undefined : this.sums.get(this.base + node.from);
  }

  from(node: SyntaxNode): number {
    return this.base + node.from;
  }

  to(node: SyntaxNode): number {
    return this.base + node.to;
  }

  textOf(node: SyntaxNode): string {
    return this.source.slice(this.base + node.from, this.base + node.to);
  }

  /**
   * The node's range without trailing whitespace: lezer lets compound statements and some
   * error-recovered nodes run on over the newline and the next line's indentation.
   */
  range(node: SyntaxNode): SourceRange {
    return this.rangeOf(this.from(node), this.to(node));
  }

  /** Absolute offsets, trailing whitespace dropped. */
  rangeOf(from: number, to: number): SourceRange {
    let end = to;
    while (end > from && isSpace(this.source.charCodeAt(end - 1))) end--;
    return this.lines.range(from, end);
  }

  /**
   * An error node's range; a zero-width one that lezer placed after the line break (at the next
   * line's start) is moved back to the end of the code it interrupts.
   */
  errorRange(node: SyntaxNode): SourceRange {
    let at = this.from(node);
    if (this.to(node) > at) return this.range(node);
    while (at > 0 && isSpace(this.source.charCodeAt(at - 1))) at--;
    return this.lines.range(at, at);
  }

  /** From the start of `first` to the end of `last`. */
  span(first: SyntaxNode, last: SyntaxNode): SourceRange {
    return this.rangeOf(this.from(first), this.to(last));
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11 || (code > 127 && /\s/.test(String.fromCharCode(code)));
}

/** Direct children, without the comment nodes lezer keeps in the tree. */
export function childrenWithout(node: SyntaxNode, comments: ReadonlySet<string>): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (!comments.has(c.name)) out.push(c);
  }
  return out;
}
