import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { LineMap } from '../../core/sourceRange';
import { isTrailingDotNumber } from './literals';
import { SourceView } from './parse';
import type { SplitSum } from '../shared/longSums';
import type { ParserText } from '../shared/parserText';
import { holdsNoError, parseBounded } from '../shared/boundedParse';
import { ReusedParses } from '../shared/reusedParses';
import { append } from '../shared/append';
import { pythonParserText } from './preParse';

/**
 * Parses a document so that a syntax error in one top-level definition cannot take its neighbours
 * down with it.
 *
 * lezer always returns a tree, but an unclosed bracket (`y = f(x,`) makes it read the following defs
 * as more arguments. So when the whole-file tree has an error, everything from the first broken
 * top-level statement on is re-parsed piece by piece: a piece ("chunk") starts at each column-0 line
 * that begins a statement, so a def, its decorators and its body are parsed on their own and can only
 * break themselves.
 */

export interface TopStatement {
  readonly node: SyntaxNode;
  readonly view: SourceView;
  /** Error nodes in the statement and, for a def parsed on its own, in the debris after it. */
  readonly errors: SyntaxNode[];
  /**
   * A statement cut loose from a broken def (`return z` after an over-indented line): it belongs to
   * that def's text, so the module ignores it.
   */
  readonly orphan: boolean;
}

export interface ParsedDocument {
  readonly lines: LineMap;
  /** What lezer read (preParse.ts): the source with the pre-parse step's rewrites, at the same offsets. */
  readonly parserText: string;
  readonly statements: readonly TopStatement[];
}

/** Trees of the documents parsed whole lately: the next version of one is parsed incrementally. */
const wholeParses = new ReusedParses();

/** For tests: the next whole parse is a fresh one. */
export function forgetWholeParses(): void {
  wholeParses.clear();
}

/** Whole-file re-parses before the rest is parsed chunk by chunk, so many errors stay linear. */
const MAX_WHOLE_PARSES = 4;

export function parseDocument(text: string, sums: readonly SplitSum[] = []): ParsedDocument {
  const lines = new LineMap(text);
  // What lezer reads: the source after the one pre-parse step (preParse.ts), at the same offsets;
  // every view reads the source as written.
  const parsed = pythonParserText(text, sums);
  const out: TopStatement[] = [];
  let starts: number[] | undefined;
  let pos = 0;
  // Set when a whole parse found errors in two statements or more: the rest is broken in several
  // places, and parsing it whole again would only find the next one (a 300 KB file of punctuation
  // was parsed five times over); chunk by chunk reads it once.
  let scattered = false;
  for (let round = 0; pos < text.length; round++) {
    if ((round >= MAX_WHOLE_PARSES || scattered) && starts) {
      for (let i = starts.indexOf(pos); i >= 0 && i < starts.length; i++) {
        append(out, parseChunk(parsed, lines, starts[i]!, starts[i + 1] ?? text.length));
      }
      break;
    }
    const view = new SourceView(text, lines, pos, text.length, parsed.sums);
    // The whole text is read incrementally from an earlier version's tree (an edit), when one is kept.
    const tops = topStatements(pos === 0 ? parseBounded(parser, parsed.text, 0, wholeParses) : parseBounded(parser, parsed.text.slice(pos), pos), view);
    const bad = tops.findIndex((t) => t.errors.length > 0);
    if (bad < 0) {
      append(out, tops);
      break;
    }
    starts ??= chunkStarts(text);
    scattered = tops.some((t, i) => i > bad && t.errors.length > 0);
    let keep = bad;
    let cut = chunkStartAtOrBefore(starts, view.from(tops[bad]!.node));
    while (keep > 0 && contentEnd(text, view.to(tops[keep - 1]!.node)) > cut) {
      keep--;
      cut = chunkStartAtOrBefore(starts, view.from(tops[keep]!.node));
    }
    append(out, tops.slice(0, keep));
    const end = starts.find((s) => s > cut) ?? text.length;
    append(out, parseChunk(parsed, lines, cut, end));
    pos = end;
  }
  return { lines, parserText: parsed.text, statements: out };
}

function parseChunk(parsed: ParserText, lines: LineMap, from: number, to: number): TopStatement[] {
  const view = new SourceView(parsed.source, lines, from, to, parsed.sums);
  const tops = topStatements(parseBounded(parser, parsed.text.slice(from, to), from), view);
  const ownerIndex = tops.findIndex((t) => !t.node.type.isError);
  const owner = tops[ownerIndex];
  if (!owner || !isDefinition(owner.node)) return tops;
  // Indented leftovers are the def's own lines cut loose by its error; a column-0 statement (`+x`
  // typed under the def) is the module's.
  const orphan = (t: TopStatement, i: number): boolean => i > ownerIndex && lines.position(view.from(t.node)).column > 0;
  const errors = tops.filter((t, i) => i === ownerIndex || orphan(t, i)).flatMap((t) => t.errors);
  return tops.map((t, i) => (i === ownerIndex ? { ...t, errors: errors.sort((a, b) => a.from - b.from) } : orphan(t, i) ? { ...t, orphan: true } : t));
}

export function isDefinition(node: SyntaxNode): boolean {
  if (node.name === 'FunctionDefinition') return true;
  return node.name === 'DecoratedStatement' && node.getChild('FunctionDefinition') !== null;
}

function topStatements(tree: Tree, view: SourceView): TopStatement[] {
  const tops: TopStatement[] = [];
  const byKey = new Map<string, TopStatement>();
  for (let c = tree.topNode.firstChild; c; c = c.nextSibling) {
    if (c.name === 'Comment') continue;
    const top: TopStatement = { node: c, view, errors: [], orphan: false };
    tops.push(top);
    byKey.set(keyOf(c), top);
  }
  // The parse's own walk found no error node: the whole tree need not be walked again for them.
  if (holdsNoError(tree)) return tops;
  tree.iterate({
    enter(ref) {
      if (!ref.type.isError || isLezerOnlyError(ref.node, view)) return;
      let n = ref.node;
      while (n.parent && n.parent.parent) n = n.parent;
      byKey.get(keyOf(n))?.errors.push(ref.node);
    },
  });
  return tops;
}

/**
 * An error of lezer's grammar where Python has none: `1.` and `1.e5` (a number Python reads as a
 * float, literals.ts), and a bare `yield` (lezer wants an expression after it; Python yields None).
 */
export function isLezerOnlyError(err: SyntaxNode, view: SourceView): boolean {
  const parent = err.parent;
  if (!parent) return false;
  if ((parent.name === 'YieldStatement' || parent.name === 'YieldExpression') && err.from === err.to && err.prevSibling?.name === 'yield') return true;
  return parent.name === 'MemberExpression' && isTrailingDotNumber(view.textOf(parent));
}

function keyOf(node: SyntaxNode): string {
  return `${node.from}:${node.to}:${node.type.id}`;
}

/** Offset just after the last non-whitespace character before `to`. */
function contentEnd(text: string, to: number): number {
  let end = to;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

function chunkStartAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return starts[lo] ?? 0;
}

const CONTINUATION = /^(else|elif|except|finally)\b/;

/**
 * Offsets of the lines that begin a top-level statement, read from the text alone: column 0, a name,
 * `@` or an opening bracket, not inside a triple-quoted string, not an `else:` continuing the
 * statement above, not the `def` under a decorator. Brackets are deliberately not tracked (an
 * unclosed one is what this is for), so a line at column 0 that starts with a closing bracket, a
 * number or an operator is taken to continue the line above.
 */
export function chunkStarts(text: string): number[] {
  // A triple-quoted string still open at the end of the file is most likely being typed: it should
  // break its own def, not hide every def after it, so the scan is redone treating it as one line.
  const unclosed = new Set<number>();
  for (;;) {
    const scan = scanChunks(text, unclosed);
    if (scan.openedAt === undefined) return scan.starts;
    unclosed.add(scan.openedAt);
  }
}

/**
 * The lines of `text` Python reads the same program without, outside any string and not right after
 * a line ending in `\\` (which such a line would end): whitespace, or a comment with no `@` (an
 * annotation's mark: `# @at`, `# @wrt`, `# @gradient-of`). An edit that adds or removes one (Enter
 * between two defs, a note) changes nothing the caches key on but lines (analysis/dependencies.ts).
 * A blank line inside a triple-quoted string is its value, kept.
 */
export function ignorableLines(text: string): Set<number> {
  const out = new Set<number>();
  let open: { quote: string; at: number } | null = null;
  let lineStart = 0;
  let previousContinues = false;
  const none = new Set<number>();
  for (let line = 0; ; line++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const content = text.slice(lineStart, lineEnd);
    if (open === null && !previousContinues && /^[ \t\f\r]*(?:#[^@]*)?$/.test(content)) out.add(line);
    open = scanLine(text, lineStart, lineEnd, open, none);
    previousContinues = /\\\r?$/.test(content);
    if (lineEnd >= text.length) return out;
    lineStart = lineEnd + 1;
  }
}

function scanChunks(text: string, unclosed: ReadonlySet<number>): { starts: number[]; openedAt?: number } {
  const starts = [0];
  let open: { quote: string; at: number } | null = null;
  let afterDecorator = false;
  let lineStart = 0;
  for (;;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (open === null && lineStart > 0 && lineStart < lineEnd) {
      const first = text[lineStart]!;
      if (first === '@' || first === '(' || first === '[' || first === '{' || isNameStart(first)) {
        const head = text.slice(lineStart, Math.min(lineEnd, lineStart + 12));
        if (!afterDecorator && !CONTINUATION.test(head)) starts.push(lineStart);
        afterDecorator = first === '@';
      }
    }
    open = scanLine(text, lineStart, lineEnd, open, unclosed);
    if (lineEnd >= text.length) return open ? { starts, openedAt: open.at } : { starts };
    lineStart = lineEnd + 1;
  }
}

function isNameStart(ch: string): boolean {
  return /[A-Za-z_]/.test(ch) || ch.charCodeAt(0) > 127;
}

/** Follows strings and comments across one line; returns the triple-quoted string still open, if any. */
function scanLine(
  text: string,
  from: number,
  to: number,
  openString: { quote: string; at: number } | null,
  unclosed: ReadonlySet<number>,
): { quote: string; at: number } | null {
  let open = openString;
  let i = from;
  while (i < to) {
    const ch = text[i]!;
    if (open !== null) {
      if (ch === '\\') i += 2;
      else if (text.startsWith(open.quote, i)) {
        i += 3;
        open = null;
      } else i++;
      continue;
    }
    if (ch === '#') return null;
    if (ch === '"' || ch === "'") {
      if (text.startsWith(ch + ch + ch, i)) {
        if (unclosed.has(i)) return null;
        open = { quote: ch + ch + ch, at: i };
        i += 3;
        continue;
      }
      i++;
      while (i < to && text[i] !== ch) i += text[i] === '\\' ? 2 : 1;
    }
    i++;
  }
  return open;
}
