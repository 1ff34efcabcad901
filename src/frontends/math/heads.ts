import { mathConstant } from './names';
import { quote, type Token } from './tokenizer';

/**
 * Decides what a line is from its first tokens. Prose is the default: a line is a definition only when
 * it starts with a definition head (`f(x, y) =`, `f'(x) =`, `∇f(x, y) =`, `∂f/∂x =`, `df/dx =`), so
 * "where a = b" stays prose; once the head is there, a broken body is that definition's error.
 */

export interface NameToken {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

export interface DefinitionHead {
  readonly name: string;
  readonly nameFrom: number;
  readonly nameTo: number;
  /** Absent for `∂f/∂x = …` and `∇f = …`: they take f's parameters. */
  readonly params?: readonly NameToken[];
  readonly gradientOf?: string;
  /** `∂f/∂x`: the variable x, which must be a parameter of f. */
  readonly partialIn?: NameToken;
  /** A head that is clearly a definition but malformed (`f(x, 2) =`, `f(x') =`). */
  readonly error?: { readonly message: string; readonly from: number; readonly to: number };
  /** The `=` token; the body is everything after it. */
  readonly equalsIndex: number;
}

export type LineShape =
  | { readonly kind: 'definition'; readonly head: DefinitionHead }
  | { readonly kind: 'annotation' }
  /** `f(1.5, 0.5)` or `f(1.5, 0.5) = ?`: the arguments are tokens[argsFrom, argsTo). */
  | { readonly kind: 'call'; readonly callee: NameToken; readonly argsFrom: number; readonly argsTo: number; readonly to: number }
  | { readonly kind: 'prose' };

/**
 * @param isFunctionAbove whether a plain function of that name is defined above this line
 *   (`df/dx` counts as a head only then: "dy/dx = 2x" in prose must not become an error).
 */
export function classifyLine(tokens: readonly Token[], isFunctionAbove: (name: string) => boolean): LineShape {
  const t0 = tokens[0];
  if (!t0) return { kind: 'prose' };
  if (t0.kind === '@' && tokens[1]?.kind === 'ident' && tokens[1].text === 'at' && tokens[1].from === t0.to) {
    return { kind: 'annotation' };
  }
  if (t0.kind === 'ident') {
    if (tokens[1]?.kind === '(') return plainHead(tokens, t0);
    if (tokens[1]?.kind === 'prime' && tokens[2]?.kind === '(') return primeHead(tokens, t0);
    const d = differentialHead(tokens, isFunctionAbove);
    if (d) return d;
  }
  if (t0.kind === 'nabla' && tokens[1]?.kind === 'ident') return nablaHead(tokens, t0, tokens[1]);
  if (t0.kind === 'partial') return partialHead(tokens) ?? { kind: 'prose' };
  return { kind: 'prose' };
}

function nameOf(t: Token): NameToken {
  return { name: t.text, from: t.from, to: t.to };
}

/** Index of the `)` matching the `(` at `open`, or -1. */
function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.kind === '(') depth++;
    else if (tokens[i]!.kind === ')' && --depth === 0) return i;
  }
  return -1;
}

function plainHead(tokens: readonly Token[], name: Token): LineShape {
  const close = closingParen(tokens, 1);
  if (close < 0) return { kind: 'prose' };
  const after = tokens[close + 1];
  const isQuery = after === undefined || (after.kind === '=' && tokens[close + 2]?.kind === '?' && close + 3 === tokens.length);
  if (isQuery) return { kind: 'call', callee: nameOf(name), argsFrom: 2, argsTo: close, to: tokens[close]!.to };
  if (after.kind !== '=') return { kind: 'prose' };
  const first = tokens[2]!;
  // `f(0) = 1` and `f(π) = 0` state a value; they are not definitions.
  const statesValue = first.kind !== ')' && tokens.slice(2, close).every((t) => t.kind === 'number' || t.kind === ',' || t.kind === 'op' || (t.kind === 'ident' && mathConstant(t.text) !== undefined));
  if (statesValue) return { kind: 'prose' };
  const params = paramList(tokens, 2, close);
  return { kind: 'definition', head: { name: name.text, nameFrom: name.from, nameTo: name.to, equalsIndex: close + 1, ...params } };
}

function primeHead(tokens: readonly Token[], name: Token): LineShape {
  const close = closingParen(tokens, 2);
  if (close < 0 || tokens[close + 1]?.kind !== '=') return { kind: 'prose' };
  const prime = tokens[1]!;
  const head: DefinitionHead = {
    name: `${name.text}'`, nameFrom: name.from, nameTo: prime.to, gradientOf: name.text, equalsIndex: close + 1,
    ...paramList(tokens, 3, close),
  };
  return { kind: 'definition', head };
}

function nablaHead(tokens: readonly Token[], nabla: Token, f: Token): LineShape {
  const rest = optionalParams(tokens, 2);
  if (!rest) return { kind: 'prose' };
  return { kind: 'definition', head: { name: `∇${f.text}`, nameFrom: nabla.from, nameTo: f.to, gradientOf: f.text, ...rest } };
}

/** `∂f/∂x = …` or `∂f/∂x(x, y) = …`. */
function partialHead(tokens: readonly Token[]): LineShape | undefined {
  const [, f, slash, d, x] = tokens;
  if (f?.kind !== 'ident' || slash?.op !== '/' || d?.kind !== 'partial' || x?.kind !== 'ident') return undefined;
  const rest = optionalParams(tokens, 5);
  if (!rest) return undefined;
  return {
    kind: 'definition',
    head: { name: `∂${f.text}/∂${x.text}`, nameFrom: tokens[0]!.from, nameTo: x.to, gradientOf: f.text, partialIn: nameOf(x), ...rest },
  };
}

/** `df/dx = …`: the same as `∂f/∂x`, recognised only when f is a function defined above. */
function differentialHead(tokens: readonly Token[], isFunctionAbove: (name: string) => boolean): LineShape | undefined {
  const [df, slash, dx] = tokens;
  if (df?.kind !== 'ident' || slash?.op !== '/' || dx?.kind !== 'ident') return undefined;
  if (!df.text.startsWith('d') || !dx.text.startsWith('d') || dx.text.length < 2) return undefined;
  const f = df.text.slice(1);
  if (!isFunctionAbove(f)) return undefined;
  const rest = optionalParams(tokens, 3);
  if (!rest) return undefined;
  const partialIn = { name: dx.text.slice(1), from: dx.from + 1, to: dx.to };
  return { kind: 'definition', head: { name: `${df.text}/${dx.text}`, nameFrom: df.from, nameTo: dx.to, gradientOf: f, partialIn, ...rest } };
}

/** After a gradient head's name: `=` directly, or a parameter list then `=`. */
function optionalParams(tokens: readonly Token[], at: number): Pick<DefinitionHead, 'params' | 'error' | 'equalsIndex'> | undefined {
  if (tokens[at]?.kind === '=') return { equalsIndex: at };
  if (tokens[at]?.kind !== '(') return undefined;
  const close = closingParen(tokens, at);
  if (close < 0 || tokens[close + 1]?.kind !== '=') return undefined;
  return { equalsIndex: close + 1, ...paramList(tokens, at + 1, close) };
}

/** Parameters between `(` and `)`: distinct plain names, comma separated. */
function paramList(tokens: readonly Token[], from: number, to: number): Pick<DefinitionHead, 'params' | 'error'> {
  const params: NameToken[] = [];
  let i = from;
  const error = (t: Token, message: string) => ({ params, error: { message, from: t.from, to: t.to } });
  while (i < to) {
    const t = tokens[i]!;
    if (t.kind !== 'ident') return error(t, `expected a parameter name, found ${quote(t.text)}`);
    if (params.some((p) => p.name === t.text)) return error(t, `parameter '${t.text}' appears twice`);
    params.push(nameOf(t));
    const next = tokens[i + 1]!;
    if (next.kind === 'prime') return error(next, `a parameter name cannot have a prime: ${quote(t.text + next.text)}`);
    if (i + 1 < to && next.kind !== ',') return error(next, `expected ',' or ')' after parameter '${t.text}', found ${quote(next.text)}`);
    i += 2;
    if (i === to && next.kind === ',') return error(tokens[to]!, `expected a parameter name after ',', found ')'`);
  }
  return { params };
}
