import type { MaskedRegion } from '../shared/nesting';

/**
 * CPython's tokenizer refuses a 100th level of indentation ("IndentationError: too many levels of
 * indentation": its MAXINDENT is 100, one of them the module's own; checked with 3.11). Blocks nested
 * that deep are not Python; read by lezer they grew its stack until the parse was stopped line by
 * line (boundedParse.ts) and, past a few lines, the whole file was given up. Each block that opens a
 * level past the limit is a region, from its first line's first character to the end of that block,
 * blanked like too-deep code (nesting.ts): only the function holding it is refused, at that line.
 * Lines are not tokenized: a line inside brackets or a triple-quoted string counts like any other,
 * which can only miss a level (a string's text dedented), never make one.
 */
export const MAX_INDENT_LEVELS = 99;

export const INDENT_MESSAGE = `too many levels of indentation: CPython reads at most ${MAX_INDENT_LEVELS} (IndentationError), and so does GradLens`;

/** The regions to blank: one per block opened past MAX_INDENT_LEVELS, in order. A scan of lines, no recursion. */
export function deepIndentRegions(text: string): MaskedRegion[] {
  // Fewer lines than levels cannot nest past them: most files stop here.
  if (countLines(text) <= MAX_INDENT_LEVELS) return [];
  const regions: MaskedRegion[] = [];
  const stack = [0];
  let region: { from: number; column: number } | undefined;
  let regionEnd = 0;
  for (let start = 0; start < text.length; ) {
    const end = lineEnd(text, start);
    const { column, first } = indentation(text, start, end);
    const blank = first >= end || text[first] === '#';
    if (!blank) {
      if (region && column < region.column) {
        regions.push({ from: region.from, to: regionEnd, message: INDENT_MESSAGE });
        region = undefined;
      }
      if (!region) {
        while (column < stack[stack.length - 1]!) stack.pop();
        if (column > stack[stack.length - 1]!) stack.push(column);
        if (stack.length - 1 > MAX_INDENT_LEVELS) {
          region = { from: first, column };
          stack.pop();
        }
      }
      if (region) regionEnd = end;
    }
    start = end + 1;
  }
  if (region) regions.push({ from: region.from, to: regionEnd, message: INDENT_MESSAGE });
  return regions;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && n <= MAX_INDENT_LEVELS; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end;
}

/** The line's indentation column (a tab to the next multiple of 8, as CPython counts) and its first other character. */
function indentation(text: string, start: number, end: number): { column: number; first: number } {
  let column = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text[i];
    if (c === ' ') column++;
    else if (c === '\t') column = (Math.floor(column / 8) + 1) * 8;
    else if (c === '\f') column = 0;
    else break;
  }
  // a line holding only white space (and its CR) is blank
  if (i < end && text[i] === '\r' && i + 1 >= end) return { column, first: end };
  return { column, first: i };
}
