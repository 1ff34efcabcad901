import type { SourceRange } from '../../core/sourceRange';
import type { IrExpr } from '../../ir/nodes';
import type { BracketSyntax } from './nesting';

/**
 * Long flat sums (`x1*x1 + x2*x2 + …`, 10,000 terms, as sympy prints them): a chain of binary
 * operators is a left-deep tree as deep as it is long, and lezer builds trees by recursion and
 * misreads past its stack cut (boundedParse.ts). So a chain too long for it (nesting.ts) that is a
 * plain sum — terms of `* / // % @ **` and unary signs joined by `+` and `−`, nothing binding looser —
 * is split before parsing: the text is given to lezer with the sum replaced by a placeholder name and
 * spaces, as long as the sum (the front end's one pre-parse step, parserText.ts), and the sum's terms are parsed on their own as the elements of one list
 * `[t₀, t₁, …]` (the same text with each joining operator a comma, so every offset holds). The front
 * end lowers the placeholder to an IrSum of those terms (ir/nodes.ts), which the interpreter folds
 * left to right as the binary tree it stands for.
 */
export interface SplitSum {
  /** The name standing for the sum in the text the parser reads (`placeholderPrefix` and a number). */
  readonly placeholder: string;
  /** The sum's text: from its first term's start to its last term's end. */
  readonly from: number;
  readonly to: number;
  /** `ops[i]` joins terms i and i + 1; `at[i]` is its offset. */
  readonly ops: readonly ('+' | '-')[];
  readonly at: readonly number[];
  /** The text to parse for the terms: `[`, the sum with each joining operator a comma, `]`. */
  readonly listText: string;
}

/**
 * A prefix for the placeholders of `text`: a name in Python and JavaScript that the text does not
 * hold anywhere (the front end finds a sum by its placeholder's offset, not its name, but a parse tree
 * printed for a bug report should not show a program's name where a sum stands). Short, since the
 * placeholder must fit on one line of the sum (a sum split over lines of a few characters each).
 */
export function placeholderPrefix(text: string): string {
  let prefix = '__s';
  while (text.includes(prefix)) prefix += '_';
  return prefix;
}

const PYTHON_WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'lambda', 'await', 'yield', 'async']);
const SCRIPT_WORDS = new Set(['in', 'instanceof', 'typeof', 'new', 'void', 'delete', 'await', 'yield', 'function', 'class']);
/** Operators a term may hold (between its factors, and unary signs after them). */
const TERM_OPERATORS = new Set(['*', '/', '//', '%', '@', '**']);

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const WORD = /[\p{ID_Continue}$]/u;
function isWordChar(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
  return WORD.test(c);
}
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * The sum that is the whole of `text.slice(start, end)` (an element between brackets and commas,
 * or a statement's expression after `return`/`=`), or undefined when it is not a plain sum or a term
 * is itself longer than `maxTermOperators` operators, or no line of it is as long as `placeholder`.
 */
export function splitLongSum(text: string, start: number, end: number, syntax: BracketSyntax, maxTermOperators: number, placeholder: string): SplitSum | undefined {
  const python = syntax.lineComment === '#';
  const words = python ? PYTHON_WORDS : SCRIPT_WORDS;
  let i = start;
  while (i < end && isSpace(text[i]!)) i++;
  if (text.startsWith('return', i) && !isWordChar(text[i + 6] ?? ' ')) i += 6;
  while (i < end && isSpace(text[i]!)) i++;
  const from = i;
  if (from === 0) return undefined;
  const ops: ('+' | '-')[] = [];
  const at: number[] = [];
  let depth = 0;
  let operand = false; // whether the last token at depth 0 ends an operand (so a sign after it is binary)
  let termOperators = 0;
  let last = from; // the end of the last token that is not white space or a comment
  while (i < end) {
    const c = text[i]!;
    if (text.startsWith(syntax.lineComment, i) || (syntax.blockComment && text.startsWith(syntax.blockComment[0], i))) {
      const close = text.startsWith(syntax.lineComment, i) ? '\n' : syntax.blockComment![1];
      const stop = text.indexOf(close, i + 1);
      i = stop < 0 ? end : stop + (close === '\n' ? 0 : close.length);
      continue;
    }
    if (isSpace(c) || (python && c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r'))) {
      i++;
      continue;
    }
    if (syntax.quotes.includes(c)) {
      i = stringEnd(text, i, syntax, end);
      if (depth === 0) operand = true;
      last = i;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) operand = true;
    } else if (depth === 0) {
      if (isWordChar(c) || c === '.') {
        const token = readToken(text, i, end);
        if (words.has(text.slice(i, token))) return undefined;
        i = token;
        last = i;
        operand = true;
        continue;
      }
      const run = readOperators(text, i, end);
      const op = text.slice(i, run);
      if (op === '') return undefined; // `:`, `?`, `=`, `;`, `,` …: not a plain sum
      if ((op[0] === '+' || op[0] === '-') && operand) {
        // a binary sign: the terms join here; what follows in the run is unary signs
        if (!onlySigns(op, python)) return undefined; // JavaScript's `a++ + b`: an increment
        ops.push(op[0] as '+' | '-');
        at.push(i);
        termOperators = 0;
      } else {
        const binary = operand ? leadingTermOperator(op) : '';
        if (binary === undefined || !onlySigns(op.slice(binary.length), python)) return undefined;
        if (binary !== '' && ++termOperators > maxTermOperators) return undefined;
      }
      operand = false;
      i = run;
      continue;
    }
    i++;
    last = i;
  }
  if (depth !== 0 || ops.length === 0 || !operand || placeholderLine(text, from, last, placeholder.length) < 0) return undefined;
  return { placeholder, from, to: last, ops, at, listText: listTextOf(text, from, last, at) };
}

/**
 * `[`, the sum's text with the operator at each of `at` a comma, `]`: as long as text[from − 1, last + 1),
 * so every offset holds. Built from slices, not characters: a 100,000-term sum is 1.3 MB of text.
 */
function listTextOf(text: string, from: number, last: number, at: readonly number[]): string {
  const parts: string[] = ['['];
  let start = from;
  for (const k of at) {
    parts.push(text.slice(start, k), ',');
    start = k + 1;
  }
  parts.push(text.slice(start, last), ']');
  return parts.join('');
}

/** The end of a name (`a.b` whole) or a number at `i`, past it (its exponent sign included: `1e-5`, not `0xe - 1`). */
function readToken(text: string, i: number, end: number): number {
  const number = isDigit(text[i]) || (text[i] === '.' && isDigit(text[i + 1]));
  const hex = number && text[i] === '0' && /[xXbBoO]/.test(text[i + 1] ?? '');
  let j = i;
  while (j < end) {
    const c = text[j]!;
    if (isWordChar(c) || c === '.') j++; // `a.b` and `1.5` alike: one operand
    else if (number && !hex && (c === '+' || c === '-') && /[eE]/.test(text[j - 1]!)) j++;
    else break;
  }
  return j;
}

/** The end of the run of operator characters at `i`. */
function readOperators(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && '+-*/%@~!<>=&|^'.includes(text[j]!)) j++;
  return j;
}

/** The term operator a run starts with (`**` of `**-`), '' for none, undefined for one no term may hold. */
function leadingTermOperator(op: string): string | undefined {
  for (const candidate of ['**', '//', '*', '/', '%', '@']) if (op.startsWith(candidate)) return TERM_OPERATORS.has(candidate) ? candidate : undefined;
  return op[0] === '+' || op[0] === '-' || op[0] === '~' ? '' : undefined;
}

/** Unary signs only (`-`, `+`, `~`); JavaScript's `++`/`--` are increments, not two signs. */
function onlySigns(run: string, python: boolean): boolean {
  if (!python && (run.includes('++') || run.includes('--'))) return false;
  return /^[-+~]*$/.test(run);
}

/** Where the first line of text[from, to) long enough for `length` characters starts, or -1. */
function placeholderLine(text: string, from: number, to: number, length: number): number {
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || text[i] === '\n' || text[i] === '\r') {
      if (i - start >= length) return start;
      start = i + 1;
    }
  }
  return -1;
}

/** Where the parser reads the sum's placeholder name (placeholderText): the name there lowers to the sum. */
export function placeholderOffset(text: string, sum: SplitSum): number {
  return placeholderLine(text, sum.from, sum.to, sum.placeholder.length);
}

/**
 * The text the parser reads for the sum: spaces, line breaks kept (inside brackets a sum may run
 * over lines, and every offset must hold), and its placeholder on the first line it fits.
 */
export function placeholderText(text: string, sum: SplitSum): string {
  const blank = blankKeepingLineBreaks(text, sum.from, sum.to);
  const at = placeholderLine(text, sum.from, sum.to, sum.placeholder.length) - sum.from;
  return blank.slice(0, at) + sum.placeholder + blank.slice(at + sum.placeholder.length);
}

/** The IrSum of a sum whose list of terms a front end lowered, or undefined if the list is not one term per operand. */
export function sumOfList(sum: SplitSum, list: IrExpr | undefined, range: SourceRange): IrExpr | undefined {
  if (list?.kind !== 'list' || list.elements.length !== sum.ops.length + 1 || list.elements.some((e) => e.kind === 'spread')) return undefined;
  return { kind: 'sum', terms: list.elements, ops: sum.ops, range };
}

/** text[from, to) with every character but line breaks a space, made line by line (a sum is mostly one long line). */
function blankKeepingLineBreaks(text: string, from: number, to: number): string {
  const parts: string[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      parts.push(' '.repeat(i - start), text[i]!);
      start = i + 1;
    }
  }
  parts.push(' '.repeat(to - start));
  return parts.join('');
}

/**
 * Where the string whose opening quote is at `i` ends (past its closing quote, or at the line's end
 * for an unclosed one-line string). A triple-quoted string runs over lines: its text is never code,
 * so neither its brackets nor its characters (a docstring's `（例：…）`) count.
 */
export function stringEnd(text: string, i: number, syntax: BracketSyntax, end = text.length): number {
  const q = text[i]!;
  if (syntax.tripleQuotes && text[i + 1] === q && text[i + 2] === q) {
    let j = i + 3;
    while (j < end && !(text[j] === q && text[j + 1] === q && text[j + 2] === q)) j += text[j] === '\\' ? 2 : 1;
    return Math.min(j + 3, end);
  }
  let j = i + 1;
  while (j < end && text[j] !== q && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}
