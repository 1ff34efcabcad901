import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { LineMap } from '../../core/sourceRange';
import type { IrFunction, IrModule } from '../../ir/nodes';

/**
 * How deeply brackets may nest. Parsers, lowering, printing and the interpreter all walk an
 * expression by recursion on its nesting (never on its length: a 10,000-term sum is a loop), so
 * the nesting is what must be bounded for input never to exhaust the stack. Python's own parser
 * stops at 200 levels; no written formula comes near 1,000.
 */
export const MAX_NESTING = 1_000;

export const NESTING_MESSAGE = `nested more than ${MAX_NESTING.toLocaleString('en-US')} levels of brackets: GradLens reads expressions nested at most ${MAX_NESTING.toLocaleString('en-US')} deep`;

/** The lexical syntax the scan needs: comment starts and string quotes, so brackets in them do not count. */
export interface BracketSyntax {
  readonly lineComment: string;
  readonly blockComment?: readonly [string, string];
  readonly quotes: string;
  /** A character the language's parser rejects wherever it appears in code. */
  readonly filler: string;
}

export interface MaskedText {
  /** The text with every too-deep region blanked: `filler`, then spaces (same length, line breaks kept). */
  readonly text: string;
  /** [from, to) of each region, whose first character is the bracket past the limit. */
  readonly regions: readonly (readonly [number, number])[];
}

const OPEN = '([{';
const CLOSE = ')]}';

/**
 * Finds brackets nested deeper than MAX_NESTING, in one pass without recursion, and blanks what
 * lies inside them (one character the parser rejects, then spaces), so the parser (lezer cuts its stack at
 * depth ~2,800 and misreads what follows) sees a plain syntax error inside one function and every
 * other function reads as before. `relabel` then gives that error its real reason.
 */
export function maskDeepNesting(text: string, syntax: BracketSyntax): MaskedText {
  const regions: [number, number][] = [];
  let depth = 0;
  let regionStart = -1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (text.startsWith(syntax.lineComment, i)) {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (syntax.blockComment && text.startsWith(syntax.blockComment[0], i)) {
      const end = text.indexOf(syntax.blockComment[1], i + 2);
      i = end < 0 ? n : end + syntax.blockComment[1].length;
      continue;
    }
    if (syntax.quotes.includes(c)) {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (OPEN.includes(c)) {
      depth++;
      if (depth === MAX_NESTING + 1 && regionStart < 0) regionStart = i;
    } else if (CLOSE.includes(c) && depth > 0) {
      depth--;
      if (depth === MAX_NESTING && regionStart >= 0) {
        regions.push([regionStart, i + 1]);
        regionStart = -1;
      }
    }
    i++;
  }
  if (regionStart >= 0) regions.push([regionStart, n]);
  if (regions.length === 0) return { text, regions };
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of regions) {
    parts.push(text.slice(at, from), syntax.filler, text.slice(from + 1, to).replace(/[^\r\n]/g, ' '));
    at = to;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), regions };
}

/**
 * The module lowered from masked text, with the errors inside each masked region replaced by one
 * that says what is wrong. A function holding a region is refused with that error; others keep
 * their results.
 */
export function relabelDeepNesting(module: IrModule, masked: MaskedText, lines: LineMap): IrModule {
  if (masked.regions.length === 0) return module;
  const ranges = masked.regions.map(([from, to]) => ({ from, to, range: lines.range(from, Math.min(from + 1, to)) }));
  const offsetOf = (line: number, column: number): number => lines.offset({ line, column });
  const inside = (d: Diagnostic): boolean => {
    const at = offsetOf(d.range.start.line, d.range.start.column);
    return ranges.some((r) => at >= r.from && at <= r.to);
  };
  const relabel = (diagnostics: readonly Diagnostic[], own: readonly { from: number; to: number; range: Diagnostic['range'] }[]): Diagnostic[] => {
    const kept = diagnostics.filter((d) => !inside(d));
    return [...own.map((r) => diagnostic('error', 'syntax', NESTING_MESSAGE, r.range)), ...kept];
  };
  const claimed = new Set<number>();
  const functions = module.functions.map((fn): IrFunction => {
    const from = offsetOf(fn.range.start.line, fn.range.start.column);
    const to = offsetOf(fn.range.end.line, fn.range.end.column);
    const own = ranges.filter((r, k) => r.from >= from && r.from <= to && !claimed.has(k) && claimed.add(k));
    return own.length === 0 && !fn.diagnostics.some(inside) ? fn : { ...fn, diagnostics: relabel(fn.diagnostics, own) };
  });
  const rest = ranges.filter((_, k) => !claimed.has(k));
  return { ...module, functions, diagnostics: relabel(module.diagnostics, rest) };
}

/** Whether brackets in `text` (strings in double quotes skipped, as in JSON) nest deeper than MAX_NESTING. */
export function nestsTooDeep(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (OPEN.includes(c)) {
      if (++depth > MAX_NESTING) return true;
    } else if (CLOSE.includes(c)) depth--;
  }
  return false;
}
