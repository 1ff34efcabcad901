import type { DefinitionHead, NameToken } from './heads';
import { mathConstant, mathFunction } from './names';
import type { Token } from './tokenizer';

/**
 * `∂/∂x [x² y] = 2x y` and `d/dx [sin x] = cos x`: a derivative worked out inline. It is read as two
 * definitions GradLens already pairs — the bracket as a function of its names (`[x² y](x, y)`) and
 * the right-hand side as its partial in x (`∂[x² y]/∂x`) — so the check, lens and hover are those of
 * `f(x, y) = …` with `∂f/∂x = …`. The parameters are the names of the bracket and the right-hand side
 * that are not functions or constants, in order of appearance (a name made of others, `xy` beside
 * `x` and `y`, is their product, as the parser reads it).
 */
export interface BracketDerivative {
  /** The bracket as a definition: its head and the tokens its lowering reads (`=` and the bracket's inside). */
  readonly function: { readonly head: DefinitionHead; readonly tokens: readonly Token[] };
  /** The right-hand side as the partial derivative of that function. */
  readonly derivative: { readonly head: DefinitionHead; readonly tokens: readonly Token[] };
  readonly variable: string;
}

/** The operator's variable and where its bracket opens, for `∂/∂x [`, `∂/∂x (` and `d/dx [`. */
function operatorOf(tokens: readonly Token[]): { variable: NameToken; open: number; to: number } | undefined {
  const [a, slash, b, c, d] = tokens;
  if (!a || slash?.op !== '/' || !b || !c) return undefined;
  if (a.kind === 'partial' && b.kind === 'partial' && c.kind === 'ident' && (d?.kind === '[' || d?.kind === '(')) return { variable: { name: c.text, from: c.from, to: c.to }, open: 4, to: c.to };
  if (a.kind === 'ident' && a.text === 'd' && b.kind === 'ident' && /^d\p{L}/u.test(b.text) && c.kind === '[') return { variable: { name: b.text.slice(1), from: b.from + 1, to: b.to }, open: 3, to: b.to };
  return undefined;
}

/** The span of a derivative operator at the start of a line (`∂/∂x`, `d/dx`), read or not. */
export function derivativeOperatorSpan(tokens: readonly Token[]): { text: string; variable: string; from: number; to: number } | undefined {
  const op = operatorOf(tokens);
  return op ? { text: tokens.slice(0, op.open).map((t) => t.text).join(''), variable: op.variable.name, from: tokens[0]!.from, to: op.to } : undefined;
}

function closing(tokens: readonly Token[], open: number): number {
  const kind = tokens[open]!.kind;
  const close = kind === '[' ? ']' : ')';
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.kind === kind) depth++;
    else if (tokens[i]!.kind === close && --depth === 0) return i;
  }
  return -1;
}

/** The line as a bracket derivative, or undefined when it is not one (no `= …` after the bracket). */
export function readBracketDerivative(text: string, tokens: readonly Token[], isUserFunction: (name: string) => boolean): BracketDerivative | undefined {
  const op = operatorOf(tokens);
  if (!op) return undefined;
  const close = closing(tokens, op.open);
  const equals = close + 1;
  if (close < 0 || tokens[equals]?.kind !== '=' || equals + 1 >= tokens.length) return undefined;
  const inside = tokens.slice(op.open + 1, close);
  if (inside.length === 0) return undefined;
  const open = tokens[op.open]!;
  const shut = tokens[close]!;
  const name = `[${text.slice(open.to, shut.from).trim().replace(/\s+/g, ' ')}]`;
  const params = parametersOf([op.variable], [...inside, ...tokens.slice(equals + 1)], isUserFunction);
  const fnHead: DefinitionHead = { name, nameFrom: open.from, nameTo: shut.to, params, equalsIndex: 0 };
  // The bracket's lowering reads what follows its `=`: here the `[` stands in for it.
  const fnTokens: Token[] = [{ ...open, kind: '=', text: '=' }, ...inside];
  const derivativeHead: DefinitionHead = { name: `∂${name}/∂${op.variable.name}`, nameFrom: tokens[0]!.from, nameTo: op.to, params, gradientOf: name, partialIn: op.variable, equalsIndex: equals };
  return { function: { head: fnHead, tokens: fnTokens }, derivative: { head: derivativeHead, tokens }, variable: op.variable.name };
}

/** Names that are neither functions nor constants, first appearance first; a name made of others is their product. */
function parametersOf(first: readonly NameToken[], tokens: readonly Token[], isUserFunction: (name: string) => boolean): NameToken[] {
  const found = new Map<string, NameToken>(first.map((t) => [t.name, t]));
  for (const t of tokens) {
    if (t.kind !== 'ident' || found.has(t.text) || mathConstant(t.text) !== undefined || mathFunction(t.text) || isUserFunction(t.text)) continue;
    found.set(t.text, { name: t.text, from: t.from, to: t.to });
  }
  const names = [...found.keys()];
  const madeOfOthers = (n: string): boolean => n.length > 1 && splits(n, names.filter((m) => m !== n));
  return [...found.values()].filter((t) => !madeOfOthers(t.name));
}

function splits(name: string, parts: readonly string[]): boolean {
  if (name === '') return true;
  return parts.some((p) => name.startsWith(p) && splits(name.slice(p.length), parts));
}
