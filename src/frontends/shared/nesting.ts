import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { LineMap } from '../../core/sourceRange';
import type { IrFunction, IrModule } from '../../ir/nodes';
import { placeholderPrefix, splitLongSum, stringEnd, type SplitSum } from './longSums';

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
  /** Whether `{ }` hold statements (TypeScript), so a line break inside them ends a chain. */
  readonly bracesAreBlocks?: boolean;
  /** Whether non-ASCII white space (a no-break space) separates tokens, as in JavaScript; Python refuses it. */
  readonly unicodeSpaces?: boolean;
  /** Whether a quote written three times opens a string that runs over lines to the same three (Python's docstrings). */
  readonly tripleQuotes?: boolean;
}

export interface MaskedText {
  /** The text with every too-deep region blanked: `filler`, then spaces (same length, line breaks kept). The sums are still there: the front end's pre-parse step (parserText.ts) writes their placeholders. */
  readonly text: string;
  /** Each region blanked: [from, to), whose first character is where the limit was passed, and why. */
  readonly regions: readonly MaskedRegion[];
  /** Chains too long for the parser that are plain sums, read through a placeholder (longSums.ts, parserText.ts). */
  readonly sums: readonly SplitSum[];
}

export interface MaskedRegion {
  readonly from: number;
  readonly to: number;
  readonly message: string;
}

/**
 * Operators in one chain (a statement, or one element between brackets and commas): `a + b + …` is
 * a left-deep tree as deep as it is long. sympy prints polynomials of hundreds of terms; lezer's
 * own cut is 300 (boundedParse.ts lifts it).
 */
export const MAX_CHAIN = 1_000;

export const CHAIN_MESSAGE = `this expression chains more than ${MAX_CHAIN.toLocaleString('en-US')} operators: GradLens reads chains of at most ${MAX_CHAIN.toLocaleString('en-US')} (split it into several statements)`;

/** Characters of arithmetic, comparison and bitwise operators; a run of them (`**=`, `<=`) is one operator. */
const OPERATOR = '+-*/%@<>=&|^~!';

/** Binding power of the binary operators (Python's and TypeScript's agree); anything else (`=`, `=>`, `+=`) ends every chain. */
const PRECEDENCE: Readonly<Record<string, number>> = Object.assign(Object.create(null), {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5,
  '==': 6, '!=': 6, '===': 6, '!==': 6, '<': 7, '>': 7, '<=': 7, '>=': 7,
  '<<': 8, '>>': 8, '>>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '//': 10, '%': 10, '@': 10, '**': 11,
});
const LEVELS = 12;

/**
 * The binary operator a run of operator characters starts with, when the rest are unary signs
 * (`**-` of `2**-x`, `*-`, `+-`): counted as that operator, so `2**-x + 2**-x + …` is still one long
 * chain. Any other run (`=`, `+=`, `=>`) is returned whole and ends every chain.
 */
function binaryOperatorOf(run: string): string {
  if (PRECEDENCE[run] !== undefined) return run;
  for (let k = Math.min(3, run.length - 1); k >= 1; k--) {
    if (PRECEDENCE[run.slice(0, k)] !== undefined && /^[-+~!]+$/.test(run.slice(k))) return run.slice(0, k);
  }
  return run;
}

function newChain(): number[] {
  return new Array<number>(LEVELS).fill(0);
}

/**
 * Counts `op` into `counts` and returns how deep the expression's tree is there. A chain of one
 * precedence is a left-deep tree as deep as it is long; an operator binding less tightly ends the
 * chains of tighter ones (`a*b + c*d`: the products are two deep, the sum as long as it is), so the
 * depth is the sum of the open chains.
 */
function chainDepth(counts: number[], op: string): number {
  const p = PRECEDENCE[op] ?? 0;
  counts[p]!++;
  let sum = 0;
  for (let q = 1; q < LEVELS; q++) {
    if (q > p) counts[q] = 0;
    sum += counts[q]!;
  }
  if (p === 0) counts.fill(0);
  return sum;
}

const OPEN = '([{';
const CLOSE = ')]}';

/**
 * Finds brackets nested deeper than MAX_NESTING and operator chains longer than MAX_CHAIN, in one
 * pass without recursion, and blanks them (one character the parser rejects, then spaces), so the
 * parser sees a plain syntax error inside one function and every other function reads as before.
 * `relabel` then gives that error its real reason. lezer cuts its stack at depth ~2,800 and misreads
 * what follows; a chain `a + b + …` is a left-deep tree as deep as it is long, and lezer builds
 * trees by recursion (boundedParse.ts), so chains are bounded here, before any tree is built.
 */
export function maskDeepNesting(text: string, syntax: BracketSyntax): MaskedText {
  const regions: MaskedRegion[] = [];
  let depth = 0;
  let regionStart = -1;
  /** Per depth: the operators of each precedence in the chain of the current statement or element. */
  const chain: number[][] = [newChain()];
  /** Per depth: where the current statement or element began (its chain's start). */
  const chainStarts: number[] = [0];
  const openers: string[] = [];
  const sums: SplitSum[] = [];
  let prefix: string | undefined;
  let chainRegion: { from: number; depth: number; start: number } | undefined;
  const closeChain = (to: number): void => {
    if (chainRegion && regionStart < 0) {
      // a plain sum is read term by term (longSums.ts); anything else is refused here
      const sum = splitLongSum(text, chainRegion.start, to, syntax, MAX_CHAIN, `${(prefix ??= placeholderPrefix(text))}${sums.length}`);
      if (sum) sums.push(sum);
      else regions.push({ from: chainRegion.from, to, message: CHAIN_MESSAGE });
    }
    chainRegion = undefined;
  };
  const plain = plainCharacters(syntax);
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Names, digits, spaces: nothing below reads them (most of a file; the scan runs on every edit).
    const code = text.charCodeAt(i);
    if (code < 128 && plain[code] === 1) {
      i++;
      continue;
    }
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
      i = stringEnd(text, i, syntax, n);
      continue;
    }
    if (OPEN.includes(c)) {
      depth++;
      openers.push(c);
      chain[depth] = newChain();
      chainStarts[depth] = i + 1;
      if (depth === MAX_NESTING + 1 && regionStart < 0) regionStart = i;
    } else if (CLOSE.includes(c) && depth > 0) {
      if (chainRegion && chainRegion.depth === depth) closeChain(i);
      depth--;
      openers.pop();
      if (depth === MAX_NESTING && regionStart >= 0) {
        regions.push({ from: regionStart, to: i + 1, message: NESTING_MESSAGE });
        regionStart = -1;
      }
    } else if (c === ',' || c === ';') {
      chain[depth]!.fill(0);
      if (chainRegion && chainRegion.depth === depth) closeChain(i);
      chainStarts[depth] = i + 1;
    } else if (c === '\n' || c === '\r') {
      // A line ends a statement at the top level and, where braces are blocks, inside them.
      if (depth === 0 || (syntax.bracesAreBlocks && openers[openers.length - 1] === '{')) {
        if (chainRegion && chainRegion.depth === depth) closeChain(i);
        chain[depth]!.fill(0);
        chainStarts[depth] = i + 1;
      }
    } else if (c.charCodeAt(0) >= 0x80 && !(syntax.unicodeSpaces ? NAME_OR_SPACE : NAME).test(text.slice(i, i + 2))) {
      const point = text.codePointAt(i)!;
      regions.push({ from: i, to: lineEnd(text, i), message: refusedCharacter(point) });
      i += point > 0xffff ? 1 : 0;
    } else if (OPERATOR.includes(c)) {
      const from = i;
      while (i + 1 < n && OPERATOR.includes(text[i + 1]!)) i++;
      const op = binaryOperatorOf(text.slice(from, i + 1));
      const deep = chainDepth(chain[depth]!, op);
      if (PRECEDENCE[op] === undefined) chainStarts[depth] = i + 1; // `=`, `+=`, `=>` end every chain
      if (deep > MAX_CHAIN && !chainRegion && depth <= MAX_NESTING) chainRegion = { from: lineContentStart(text, i), depth, start: chainStarts[depth]! };
    }
    i++;
  }
  if (regionStart >= 0) regions.push({ from: regionStart, to: n, message: NESTING_MESSAGE });
  closeChain(n);
  const merged = mergeRegions(regions);
  return blank(text, merged, syntax.filler, keptSums(sums, merged));
}

/** Per ASCII code, 1 when `maskDeepNesting` does nothing with the character but pass it: no comment, quote, bracket, separator, line break or operator starts with it. */
function plainCharacters(syntax: BracketSyntax): Uint8Array {
  const plain = new Uint8Array(128).fill(1);
  for (const c of [syntax.lineComment[0], syntax.blockComment?.[0][0], ...syntax.quotes, ...OPEN, ...CLOSE, ',', ';', '\n', '\r', ...OPERATOR]) if (c !== undefined) plain[c.charCodeAt(0)] = 0;
  return plain;
}

/**
 * The sums still read: none inside a blanked region or holding one, and none holding another sum
 * (two chains too long, one inside the other's term, are refused as before).
 */
function keptSums(sums: readonly SplitSum[], regions: readonly MaskedRegion[]): SplitSum[] {
  const overlaps = (a: { from: number; to: number }, b: { from: number; to: number }): boolean => a.from < b.to && b.from < a.to;
  return sums.filter((s) => !regions.some((r) => overlaps(s, r)) && !sums.some((o) => o !== s && overlaps(s, o)));
}

/**
 * A character outside strings and comments that can be part of a name or is white space. Python
 * and JavaScript refuse any other (an emoji, a symbol); format characters (bidirectional controls such
 * as U+202E, zero-width spaces and joiners) are refused too: they make code display differently
 * from how it reads ("Trojan Source"), and CPython refuses them.
 */
const NAME_OR_SPACE = /^(?:(?!\p{Cf})[\p{ID_Continue}\p{White_Space}])/u;
/** The same where only ASCII white space separates tokens (Python: a no-break space in code is an error). */
const NAME = /^(?:(?!\p{Cf})\p{ID_Continue})/u;

function refusedCharacter(point: number): string {
  const code = `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
  const shown = /\p{Cf}|\p{Cc}|\p{Z}/u.test(String.fromCodePoint(point)) ? code : `'${String.fromCodePoint(point)}' (${code})`;
  const invisible = /\p{Cf}/u.test(String.fromCodePoint(point)) ? ', an invisible or bidirectional control character that can make code display differently from how it reads' : '';
  return `the character ${shown} cannot appear in code outside strings and comments${invisible}: GradLens refuses it there (CPython does too)`;
}

function lineEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return Math.max(end, at + 1);
}

/** Where the line holding `at` starts, past its indentation (Python then still reads it as part of its block). */
function lineContentStart(text: string, at: number): number {
  let start = at;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  while (start < at && (text[start] === ' ' || text[start] === '\t')) start++;
  return start;
}

/** Regions in order, overlapping ones joined (the first one's message kept). */
function mergeRegions(regions: readonly MaskedRegion[]): MaskedRegion[] {
  const out: MaskedRegion[] = [];
  for (const r of [...regions].sort((a, b) => a.from - b.from)) {
    const last = out[out.length - 1];
    if (last && r.from < last.to) out[out.length - 1] = { ...last, to: Math.max(last.to, r.to) };
    else out.push(r);
  }
  return out;
}

/**
 * `masked` with one more region blanked: the line holding `offset`, from its first non-blank
 * character (so Python still reads it as part of the indented body it is in) to its end. The parser
 * found the expression there too deep (boundedParse.ts); what precedes it on earlier lines parsed
 * within the limits, so each blanked line is progress. Regions stay in order and never overlap.
 */
export function maskLineFrom(masked: MaskedText, original: string, offset: number, message: string, syntax: BracketSyntax): MaskedText {
  const start = lineContentStart(original, offset);
  const regions = mergeRegions([{ from: start, to: lineEnd(original, offset), message }, ...masked.regions]);
  return blank(original, regions, syntax.filler, keptSums(masked.sums, regions));
}

/** `masked` with more regions blanked (of `original`, the text it was made from), merged with its own. */
export function maskRegions(masked: MaskedText, original: string, regions: readonly MaskedRegion[], syntax: BracketSyntax): MaskedText {
  if (regions.length === 0) return masked;
  const merged = mergeRegions([...regions, ...masked.regions]);
  return blank(original, merged, syntax.filler, keptSums(masked.sums, merged));
}

/** `text` with each region blanked (they do not overlap, nor do the sums kept with them). */
function blank(text: string, regions: readonly MaskedRegion[], filler: string, sums: readonly SplitSum[]): MaskedText {
  if (regions.length === 0) return { text, regions, sums };
  const parts: string[] = [];
  let at = 0;
  for (const { from, to } of regions) {
    parts.push(text.slice(at, from), filler + text.slice(from + 1, to).replace(/[^\r\n]/g, ' '));
    at = to;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), regions, sums };
}

/**
 * The module lowered from masked text, with the errors inside each masked region replaced by one
 * that says what is wrong. A function holding a region is refused with that error; others keep
 * their results.
 */
export function relabelDeepNesting(module: IrModule, masked: MaskedText, lines: LineMap): IrModule {
  if (masked.regions.length === 0) return module;
  const ranges = masked.regions.map(({ from, to, message }) => ({ from, to, message, range: lines.range(from, Math.min(from + 1, to)) }));
  const offsetOf = (line: number, column: number): number => lines.offset({ line, column });
  const inside = (d: Diagnostic): boolean => {
    const at = offsetOf(d.range.start.line, d.range.start.column);
    return ranges.some((r) => at >= r.from && at <= r.to);
  };
  const relabel = (diagnostics: readonly Diagnostic[], own: readonly { message: string; range: Diagnostic['range'] }[]): Diagnostic[] => {
    const kept = diagnostics.filter((d) => !inside(d));
    return [...own.map((r) => diagnostic('error', 'syntax', r.message, r.range)), ...kept];
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
