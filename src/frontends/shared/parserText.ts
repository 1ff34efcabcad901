import { placeholderOffset, placeholderText, type SplitSum } from './longSums';
import { NO_SUMS } from './sourceView';

/**
 * What a lezer front end parses, made from the source in one step before parsing: the source with
 * some spans rewritten, because the parser cannot read them as written (a sum too long for its
 * recursion, `match` syntax its grammar lacks). The front end reads every position, spelling and
 * literal from the source; only the tree's shape comes from the rewritten text.
 *
 * The contract that keeps every located error on the user's real line and column: a rewrite is as
 * long as the span it replaces and has its line breaks where the span has them. The position map
 * from the parsed text back to the source is then the identity (offsets, lines and columns alike), so
 * node offsets are source offsets as they are. `parserText` checks each rewrite against it; one that
 * breaks it is a front-end bug, thrown as one (and reported by the front end as an internal error).
 */
export interface TextRewrite {
  readonly from: number;
  readonly to: number;
  /** What the parser reads in `[from, to)` instead of the source. */
  readonly text: string;
  readonly why: RewriteReason;
}

export type RewriteReason =
  /** A sum too long for the parser, read as a placeholder name (longSums.ts). */
  | 'long sum'
  /** `case Point():`, the grammar wants a sub-pattern: `Point` and two spaces (python/preParse.ts). */
  | 'empty class pattern'
  /** `case []:` / `case ():`: a wildcard `_` and a space. */
  | 'empty sequence pattern'
  /** `match a, b:` / `match a > 1, b:`: its top-level commas `|`, its comparisons `&`. */
  | 'match subject'
  /** `1. if`, `0. else`: the point and the space after it `.0`, so a keyword is not read as an attribute (python/preParse.ts). */
  | 'point float';

export interface ParserText {
  /** The text as the front end reads it: every view's source. */
  readonly source: string;
  /** What the parser reads: `source` with each rewrite applied. Same length, same line breaks. */
  readonly text: string;
  /** The rewrites applied, in order, none overlapping. */
  readonly rewrites: readonly TextRewrite[];
  /** The long sums, by the offset of their placeholder: the name the parser reads there lowers to the sum. */
  readonly sums: ReadonlyMap<number, SplitSum>;
}

/**
 * `source` with `rewrites` applied (in any order; one overlapping an earlier one is left out, so the
 * parser reads that text as written and reports what it cannot parse there).
 */
export function parserText(source: string, rewrites: readonly TextRewrite[], sums: readonly SplitSum[] = []): ParserText {
  const sumsByPlaceholder = sums.length === 0 ? NO_SUMS : new Map(sums.map((s) => [placeholderOffset(source, s), s]));
  if (rewrites.length === 0) return { source, text: source, rewrites, sums: sumsByPlaceholder };
  const applied: TextRewrite[] = [];
  const parts: string[] = [];
  let at = 0;
  for (const r of [...rewrites].sort((a, b) => a.from - b.from)) {
    if (r.from < at) continue;
    keepsPositions(source, r);
    parts.push(source.slice(at, r.from), r.text);
    applied.push(r);
    at = r.to;
  }
  parts.push(source.slice(at));
  return { source, text: parts.join(''), rewrites: applied, sums: sumsByPlaceholder };
}

/** The rewrites that put each sum's placeholder where the parser reads it (longSums.ts). */
export function sumRewrites(source: string, sums: readonly SplitSum[]): TextRewrite[] {
  return sums.map((sum) => ({ from: sum.from, to: sum.to, text: placeholderText(source, sum), why: 'long sum' }));
}

/** The text a front end with no rewrites of its own parses: the source with its long sums' placeholders. */
export function sumsParserText(source: string, sums: readonly SplitSum[]): ParserText {
  return parserText(source, sumRewrites(source, sums), sums);
}

/** Throws unless `r` keeps the span's length and line breaks (the contract above). */
function keepsPositions(source: string, r: TextRewrite): void {
  const ok = r.from >= 0 && r.to <= source.length && r.text.length === r.to - r.from;
  for (let i = 0; ok && i < r.text.length; i++) {
    const was = source.charCodeAt(r.from + i);
    const now = r.text.charCodeAt(i);
    if ((was === 10 || was === 13 || now === 10 || now === 13) && was !== now) return breaks(r);
  }
  if (!ok) breaks(r);
}

function breaks(r: TextRewrite): never {
  throw new Error(`a ${r.why} rewrite of [${r.from}, ${r.to}) does not keep the source's length and line breaks`);
}
