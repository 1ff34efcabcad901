import { nameTable } from '../../core/keyed';
/**
 * Python literal spellings to values. Pure text functions: the lezer token has already said which
 * kind of literal it is.
 */

/**
 * `integer`: an int literal past 2**53, in decimal digits (float64 would round it; Python's int is exact).
 * `float`: written as a float (`1.0`, `1.`, `1e3`), which makes numpy arrays of it float (IrNumber.float).
 */
export type NumberLiteral = { readonly kind: 'number'; readonly value: number; readonly integer?: string; readonly float?: true } | { readonly kind: 'complex' };

/** `1_000`, `1e-3`, `.5`, `0x1F`, `0o17`, `0b101`; `2j` is complex, which GradLens does not support. */
export function parseNumber(text: string): NumberLiteral {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return { kind: 'complex' };
  const radix = /^0([xXoObB])/.exec(t);
  if (radix) {
    const base = { x: 16, o: 8, b: 2 }[radix[1]!.toLowerCase() as 'x' | 'o' | 'b'];
    return exactly({ kind: 'number', value: parseInt(t.slice(2), base) }, t);
  }
  const value = Number(t);
  return /[.eE]/.test(t) ? { kind: 'number', value, float: true } : exactly({ kind: 'number', value }, t);
}

function exactly(n: { readonly kind: 'number'; readonly value: number }, digits: string): NumberLiteral {
  if (Number.isSafeInteger(n.value) || !/^(0[xXoObB][\da-fA-F]+|\d+)$/.test(digits)) return n;
  return { ...n, integer: BigInt(digits).toString() };
}

/**
 * lezer's Number token needs a digit after the point, so `1.` and `1.e5` arrive as attribute access
 * on `1` (the first with an error node). Python reads them as floats.
 */
export function isTrailingDotNumber(text: string): boolean {
  return /^\d[\d_]*\.(?:[eE]\d[\d_]*)?[jJ]?$/.test(text.trim());
}

export type StringLiteral =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bytes' }
  /** `triple`: a `'''` string left open runs to the end of the text, where lezer reports an error. */
  | { readonly kind: 'unterminated'; readonly triple: boolean };

/** One string token with its prefix and quotes: `'a'`, `r"\d"`, `"""doc"""`. */
export function parseString(text: string): StringLiteral {
  const m = /^([rRbBuU]*)('''|"""|'|")/.exec(text);
  if (!m) return { kind: 'unterminated', triple: false };
  const prefix = m[1]!.toLowerCase();
  const quote = m[2]!;
  const body = text.slice(m[0].length);
  if (body.length < quote.length || !body.endsWith(quote) || endsEscaped(body, quote.length)) {
    return { kind: 'unterminated', triple: quote.length === 3 };
  }
  if (prefix.includes('b')) return { kind: 'bytes' };
  const content = body.slice(0, body.length - quote.length);
  return { kind: 'string', value: prefix.includes('r') ? content : unescape(content) };
}

/** The closing quote is preceded by an odd number of backslashes, so it does not close. */
function endsEscaped(body: string, quoteLength: number): boolean {
  let backslashes = 0;
  for (let i = body.length - quoteLength - 1; i >= 0 && body[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = nameTable({
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
});

function unescape(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (whole, esc: string) => {
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) return simple;
    const head = esc[0]!;
    if (head === 'x' || head === 'u' || head === 'U') return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (/[0-7]/.test(head)) return String.fromCodePoint(parseInt(esc, 8));
    return whole;
  });
}
