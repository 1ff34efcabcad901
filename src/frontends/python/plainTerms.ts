import type { IrBinaryOp } from '../../ir/nodes';

/**
 * The terms of a long sum (shared/longSums.ts) that are plain arithmetic on names and numbers —
 * `3*x**2`, `x1*x2/7`, `-0.5e-3*y` — read without lezer. sympy prints sums of 10,000 such terms, and
 * lezer reads about a megabyte a second of them; this reader is some 20 times faster. A term it is
 * not sure of (brackets, attributes, keywords, strings, a number Python writes another way: `1_000`,
 * `0x1f`, `1.`, `2j`, `~`, a line continuation) is left to lezer, so what it accepts is a small subset
 * of Python whose parse is Python's (test/unit/frontends/python/plainTerms.test.ts compares its IR
 * with lezer's on every shape of term).
 *
 * Python's grammar for the subset, loosest first:
 *   term   := factor (('*' | '/' | '//' | '%' | '@') factor)*   left-associative
 *   factor := ('+' | '-') factor | power
 *   power  := atom ('**' factor)?                               so -x**2 is -(x**2), 2**-1 is 2**(-1)
 *   atom   := NAME | NUMBER
 */
export type PlainTerm =
  | { readonly kind: 'name'; readonly text: string; readonly from: number; readonly to: number }
  | { readonly kind: 'number'; readonly text: string; readonly from: number; readonly to: number }
  | { readonly kind: 'unary'; readonly op: '+' | '-'; readonly operand: PlainTerm; readonly from: number; readonly to: number }
  | { readonly kind: 'binary'; readonly op: IrBinaryOp; readonly left: PlainTerm; readonly right: PlainTerm; readonly from: number; readonly to: number };

type Token = { readonly kind: 'name' | 'number' | 'op'; readonly text: string; readonly from: number; readonly to: number };

/** Python's keywords and the three constants: never names here (lezer gives them their own nodes). */
const RESERVED = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Decimal numbers as Python and lezer both read them: no underscores, no leading zeros, no trailing point. */
const NUMBER = /^(?:(?:[1-9][0-9]*|0)(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const MULTIPLICATIVE = new Set(['*', '/', '//', '%', '@']);

/** The term written in text[from, to), or undefined when it is not plain (then lezer reads it). */
export function readPlainTerm(text: string, from: number, to: number): PlainTerm | undefined {
  const tokens = tokenize(text, from, to);
  if (!tokens || tokens.length === 0) return undefined;
  let next = 0;
  const peek = (): Token | undefined => tokens[next];
  const isOp = (t: Token | undefined, ...ops: string[]): boolean => t?.kind === 'op' && ops.includes(t.text);

  const atom = (): PlainTerm | undefined => {
    const t = tokens[next++];
    if (t?.kind === 'name' || t?.kind === 'number') return { kind: t.kind, text: t.text, from: t.from, to: t.to };
    return undefined;
  };
  const power = (): PlainTerm | undefined => {
    const base = atom();
    if (!base || !isOp(peek(), '**')) return base;
    next++;
    const exponent = factor();
    return exponent && { kind: 'binary', op: '**', left: base, right: exponent, from: base.from, to: exponent.to };
  };
  const factor = (): PlainTerm | undefined => {
    const t = peek();
    if (!isOp(t, '+', '-')) return power();
    next++;
    const operand = factor();
    return operand && { kind: 'unary', op: t!.text as '+' | '-', operand, from: t!.from, to: operand.to };
  };
  let left = factor();
  while (left && next < tokens.length) {
    const op = tokens[next++]!;
    if (op.kind !== 'op' || !MULTIPLICATIVE.has(op.text)) return undefined;
    const right = factor();
    left = right && { kind: 'binary', op: op.text as IrBinaryOp, left, right, from: left.from, to: right.to };
  }
  return left;
}

/** The tokens of text[from, to), or undefined at anything outside the subset. */
function tokenize(text: string, from: number, to: number): Token[] | undefined {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    let j = i + 1;
    if (isWordStart(c) || isDigit(c) || c === 46 /* . */) {
      while (j < to && isWordPart(text.charCodeAt(j))) {
        const d = text.charCodeAt(j);
        // an exponent's sign belongs to the number (`1e-5`); a word never holds one
        if ((d === 43 || d === 45) && !(isDigit(c) || c === 46)) break;
        if ((d === 43 || d === 45) && !/[eE]/.test(text[j - 1]!)) break;
        j++;
      }
      const word = text.slice(i, j);
      if (isDigit(c) || c === 46) {
        if (!NUMBER.test(word)) return undefined;
        tokens.push({ kind: 'number', text: word, from: i, to: j });
      } else {
        if (!NAME.test(word) || RESERVED.has(word)) return undefined;
        tokens.push({ kind: 'name', text: word, from: i, to: j });
      }
    } else if (c === 42 /* * */ || c === 47 /* / */) {
      if (text.charCodeAt(j) === c && j < to) j++;
      tokens.push({ kind: 'op', text: text.slice(i, j), from: i, to: j });
    } else if (c === 43 || c === 45 || c === 37 /* % */ || c === 64 /* @ */) {
      tokens.push({ kind: 'op', text: text[i]!, from: i, to: j });
    } else return undefined;
    i = j;
  }
  return tokens;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** Characters that continue a word or number token: letters, digits, `_`, `.`, and `+`/`-` (checked by the caller). */
const isWordPart = (c: number): boolean => isWordStart(c) || isDigit(c) || c === 46 || c === 43 || c === 45;
