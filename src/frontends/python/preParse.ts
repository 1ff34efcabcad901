import { parserText, sumRewrites, type ParserText, type TextRewrite } from '../shared/parserText';
import type { SplitSum } from '../shared/longSums';

/**
 * The Python front end's one pre-parse step: the text lezer reads, made from the source by every
 * rewrite it needs, under one contract (shared/parserText.ts: each rewrite as long as what it
 * replaces, line breaks in place, so every offset, line and column of the tree is the source's).
 * Lowering reads the source as written at those positions and so sees what was written.
 *
 * - Long sums (shared/longSums.ts): a chain too long for the parser, found by the nesting scan,
 *   becomes a placeholder name; lowering finds the sum by the placeholder's offset.
 * - `match` syntax @lezer/python 1.1 does not parse (below).
 * - A float written with a trailing point before a keyword (below).
 */
export function pythonParserText(source: string, sums: readonly SplitSum[] = []): ParserText {
  const own = [...matchRewrites(source), ...pointFloatRewrites(source)];
  return parserText(source, sums.length === 0 ? own : [...sumRewrites(source, sums), ...own], sums);
}

/**
 * `1. if x > 0. else 0.`, `[0. for _ in xs]`, `2. or x`: lezer's Number token wants a digit after the
 * point, so it reads `1.` as `1` and an attribute, and the attribute's name is the keyword after the
 * space (`(1).if`) — a syntax error, or for `1. not in xs` a wrong tree. The point and one space
 * after it become `.0` (`1.0if`, which lezer reads as the number and the keyword, as Python does).
 * Lowering reads the number's text from the source (`1. `): a float. Only where the digits start a
 * token (not `x1.`), so an attribute of a name is never touched; a string or comment that holds such
 * text is rewritten harmlessly, its text read from the source.
 */
function pointFloatRewrites(text: string): TextRewrite[] {
  const out: TextRewrite[] = [];
  for (const m of text.matchAll(POINT_FLOAT_BEFORE_KEYWORD)) {
    const dot = m.index! + m[1]!.length;
    out.push({ from: dot, to: dot + 2, text: '.0', why: 'point float' });
  }
  return out;
}

const POINT_FLOAT_BEFORE_KEYWORD = /(?<![\w.])(\d[\d_]*)\.[ \t](?=[ \t]*(?:if|else|for|and|or|in|is|not|lambda|async)\b)/g;

/**
 * - An empty class pattern `case Point():` (the grammar wants at least one sub-pattern): its
 *   parentheses become spaces, so `Point` parses as a capture pattern followed in the source by `()`.
 * - An empty sequence pattern `case []:` / `case ():`: the brackets become `_` and a space, a
 *   wildcard whose source is `[` or `(`.
 * - A tuple subject without parentheses, `match a, b:` (the grammar takes one expression): its
 *   top-level commas become `|`, a binary operator whose source is `,`, and its top-level comparisons
 *   `&` (`match a > 1, b:`), which binds between `|` and arithmetic. Only when no element holds another
 *   operator that binds as loosely as `&` or looser outside brackets (`not`, `and`, `or`, `if`,
 *   `lambda`, `:=`, `in`, `is`, `|`, `&`, `^`, shifts), so the elements parse as they would between
 *   parentheses; otherwise the line is left to be the syntax error it is to this parser.
 *
 * A line is rewritten only when it is a `case` or `match` clause head: the keyword first on the line,
 * its head ending in a top-level `:` — the end of the line (before a comment), or a `case`'s body on
 * the same line (`case []: return 0`). A docstring line that looks like one is rewritten too,
 * harmlessly: a string's text is read from the source.
 */
function matchRewrites(text: string): TextRewrite[] {
  if (!/^[ \t]*(?:case|match)\b/m.test(text)) return [];
  const out: TextRewrite[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    rewriteLine(text.slice(lineStart, lineEnd), lineStart, out);
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return out;
}

const HEAD = /^([ \t]*)(case|match)(?=[ \t([{])/;
/** What follows a variable named `case` or `match` in a statement about it (`case = f() or lambda: 0`), never a clause's head. */
const NOT_A_CLAUSE = /^[ \t]*(?:=(?!=)|[-+*\/%@&|^]=|\*\*=|\/\/=|>>=|<<=|[.,:;)\]}])/;

/** The rewrites of one line starting at `at`, into `out`. */
function rewriteLine(line: string, at: number, out: TextRewrite[]): void {
  const head = HEAD.exec(line);
  if (!head || NOT_A_CLAUSE.test(line.slice(head[0].length))) return;
  const scan = scanLine(line, head[0].length, head[2] === 'case');
  if (!scan) return;
  if (head[2] === 'case') rewriteCase(line, head[0].length, scan, at, out);
  else rewriteSubject(line, head[0].length, scan, at, out);
}

interface LineScan {
  /** The clause's first top-level `:`, which ends its head. */
  readonly colon: number;
  /** Offsets of top-level commas before it. */
  readonly commas: readonly number[];
  /** Where a top-level guard `if` starts (case lines), else the colon. */
  readonly guard: number;
  /** Whether a string literal appears between the keyword and the colon. */
  readonly strings: boolean;
}

/**
 * Brackets and strings tracked from `from` to the clause's first top-level `:` (not `:=`); undefined
 * when there is none, or when text other than a comment follows it and `body` is false. A `case`
 * may have its body on its own line (`case 0: return x`); a `match` may not.
 */
function scanLine(line: string, from: number, body: boolean): LineScan | undefined {
  let depth = 0;
  let colon = -1;
  let guard = -1;
  let strings = false;
  const commas: number[] = [];
  for (let i = from; i < line.length; i++) {
    const c = line[i]!;
    if (c === '#') break;
    if (c === '"' || c === "'") {
      strings = true;
      const close = line.indexOf(c, i + 1);
      if (close < 0) return undefined;
      i = close;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && c === ',' && colon < 0) commas.push(i);
    else if (depth === 0 && c === ':' && line[i + 1] !== '=') {
      colon = i;
      break;
    } else if (depth === 0 && colon < 0 && guard < 0 && c === 'i' && /[ \t]/.test(line[i - 1] ?? '') && /^if[ \t(]/.test(line.slice(i, i + 3))) guard = i;
    if (depth < 0) return undefined;
  }
  if (colon < 0 || (!body && line.slice(colon + 1).replace(/#.*$/, '').trim() !== '')) return undefined;
  return { colon, commas, guard: guard < 0 ? colon : guard, strings };
}

/** `Point()` → `Point  `, `[]` / `()` → `_ ` in the pattern (not the guard). */
function rewriteCase(line: string, from: number, scan: LineScan, at: number, out: TextRewrite[]): void {
  if (scan.strings) return; // a `()` inside a string literal pattern is no pattern
  const pattern = line.slice(from, scan.guard);
  for (const m of pattern.matchAll(/([A-Za-z_][\w.]*)?(\s*)([([])\s*([)\]])/g)) {
    const start = from + m.index!;
    const name = m[1] ?? '';
    const open = start + name.length + m[2]!.length;
    const close = start + m[0].length - 1;
    if ((m[3] === '(') !== (m[4] === ')')) continue;
    const inside = ' '.repeat(close - open - 1);
    if (name && m[3] === '(') {
      // An empty class pattern: keep the name, blank the parentheses.
      out.push({ from: at + open, to: at + close + 1, text: ` ${inside} `, why: 'empty class pattern' });
    } else if (!name && !/[\w)\]]$/.test(line.slice(from, open).trimEnd())) {
      // An empty sequence pattern: a wildcard where the bracket opens.
      out.push({ from: at + open, to: at + close + 1, text: `_${inside} `, why: 'empty sequence pattern' });
    }
  }
}

/**
 * `match a, b:` → `match a| b:` when the elements bind tighter than `|`; `match a > 1, b:` →
 * `match a & 1| b:`: a comparison outside brackets becomes `&` (a two-character one `&` and a space),
 * which binds tighter than `|` and looser than arithmetic, so each element parses whole and a chain
 * (`0 < t <= 1`) stays left-deep, as lezer reads comparisons; lowering reads the operators' source
 * (lowerMatch.ts). Any other loose operator outside brackets leaves the line as it is.
 */
function rewriteSubject(line: string, from: number, scan: LineScan, at: number, out: TextRewrite[]): void {
  if (scan.commas.length === 0) return;
  const subject = line.slice(from, scan.colon);
  if (/^\s*\*/.test(subject)) return;
  const top = topLevel(line, from, scan.colon);
  if (/[|&^]|<<|>>|:=|\b(?:not|and|or|if|else|lambda|in|is)\b/.test(top.replace(/[<>=!]=?/g, ' '))) return;
  if (scan.commas.at(-1)! > 0 && line.slice(scan.commas.at(-1)! + 1, scan.colon).trim() === '') return; // `match a,:`
  const why = 'match subject';
  for (const c of scan.commas) out.push({ from: at + c, to: at + c + 1, text: '|', why });
  for (const m of top.matchAll(/[<>]=?|[=!]=/g)) {
    const op = at + from + m.index!;
    out.push({ from: op, to: op + m[0].length, text: m[0].length === 2 ? '& ' : '&', why });
  }
}

/** `line[from, to)` with what is inside brackets and strings blanked: the subject's top level, at the same offsets. */
function topLevel(line: string, from: number, to: number): string {
  let depth = 0;
  let out = '';
  for (let i = from; i < to; i++) {
    const c = line[i]!;
    if (c === '"' || c === "'") {
      const close = line.indexOf(c, i + 1);
      const end = close < 0 ? to - 1 : close;
      out += ' '.repeat(end - i + 1);
      i = end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    out += depth > 0 ? ' ' : c;
    if (c === ')' || c === ']' || c === '}') depth--;
  }
  return out;
}
