import { nameTable } from '../../core/keyed';
/**
 * Splits one line of math notation into tokens that keep their document offsets. It never fails:
 * a character it does not know becomes an `invalid` token, which the parser reports where it meets it,
 * so a stray `<` is an error only inside a definition and harmless in a prose line.
 */

export type TokenKind =
  | 'number'
  | 'ident'
  | 'op' // + - * / ^ (text holds the spelling: − · × ÷ **)
  | 'sup' // superscript exponent: ² ³ ⁻¹
  | 'root' // √ ∛
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | '|'
  | '='
  | '?'
  | ':'
  | '@'
  | 'prime' // ' ′
  | 'partial' // ∂
  | 'nabla' // ∇
  | 'sum' // Σ_ or ∑_: a sum Σ_{i=1}^{n}
  | '{'
  | '}'
  | 'invalid'
  | 'eof';

export type Operator = '+' | '-' | '*' | '/' | '^';

export interface Token {
  readonly kind: TokenKind;
  /** The text as written (for messages and names). */
  readonly text: string;
  /** Document offsets, end exclusive. */
  readonly from: number;
  readonly to: number;
  /** `number` and `sup`: the value. */
  readonly value?: number;
  /** `op`: the operator whatever its spelling. */
  readonly op?: Operator;
}

// Subscript digits (x₁) belong to the name: they are how notes write indices. Combining marks (x̂) too.
const IDENT = /[\p{L}_][\p{L}\p{M}\p{Nd}_\u2080-\u2089]*/uy;
// An exponent needs a digit after it, so `2e` stays 2·e; `2e-3` is 0.002 (documented ambiguity).
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const SUPERSCRIPT = /[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/y;
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

const OPERATORS: Readonly<Record<string, Operator>> = nameTable({
  '+': '+', '-': '-', '\u2212': '-', '\u2013': '-', '*': '*', '\u00b7': '*', '\u22c5': '*', '\u00d7': '*',
  '/': '/', '\u00f7': '/', '^': '^',
});

const SINGLE: Readonly<Record<string, TokenKind>> = nameTable({
  '=': '=', '(': '(', ')': ')', '[': '[', ']': ']', ',': ',', '|': '|', '?': '?', ':': ':', '@': '@',
  '{': '{', '}': '}', "'": 'prime', '\u2032': 'prime', '\u2202': 'partial', '\u2207': 'nabla', '\u221a': 'root', '\u221b': 'root',
});

/** Tokens of `text[from, to)`, with document offsets. A `#` ends the line: what follows is a comment. */
export function tokenize(text: string, from: number, to: number): Token[] {
  const line = text.slice(from, to);
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number, extra: Partial<Token> = {}): void => {
    tokens.push({ kind, text: line.slice(i, end), from: from + i, to: from + end, ...extra });
    i = end;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') break;
    // Σ_{i=1}^{3}: the sign of a sum when a subscript follows (a lone Σ stays a name, as σ is).
    if ((c === 'Σ' || c === '∑') && line[i + 1] === '_') {
      push('sum', i + 2);
      continue;
    }
    const number = matchAt(NUMBER, line, i);
    if (number) {
      push('number', i + number.length, { value: Number(number) });
      continue;
    }
    const ident = matchAt(IDENT, line, i);
    if (ident) {
      push('ident', i + ident.length);
      continue;
    }
    const sup = matchAt(SUPERSCRIPT, line, i);
    if (sup) {
      push('sup', i + sup.length, { value: superscriptValue(sup) });
      continue;
    }
    const two = line.slice(i, i + 2);
    if (two === '**') {
      push('op', i + 2, { op: '^' });
      continue;
    }
    if (two === '==') {
      push('invalid', i + 2);
      continue;
    }
    const op = OPERATORS[c];
    if (op) {
      push('op', i + 1, { op });
      continue;
    }
    // Astral characters other than letters (which IDENT took) must not be split into two halves.
    const width = line.codePointAt(i)! > 0xffff ? 2 : 1;
    push(SINGLE[c] ?? 'invalid', i + width);
  }
  return tokens;
}

function matchAt(re: RegExp, s: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(s)?.[0];
}

function superscriptValue(s: string): number {
  const sign = s.startsWith('⁻') ? -1 : 1;
  const digits = [...s.replace(/^[⁻⁺]/, '')].map((d) => SUPERSCRIPT_DIGITS.indexOf(d)).join('');
  return sign * Number(digits);
}

/** A token's text for a message: 'x', or "'" for the prime. */
export function quote(text: string): string {
  return text.includes("'") ? `"${text}"` : `'${text}'`;
}
