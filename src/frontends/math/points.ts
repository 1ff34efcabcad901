import { mathConstant } from './names';
import type { NameToken } from './heads';
import { quote, type Token } from './tokenizer';
import type { IrPointValue } from '../../ir/nodes';

/**
 * Points written in notes. Two forms, mirroring the Python front end's annotation and call sites:
 *   @at x1 = 2, x2 = 5        on the line(s) directly above a definition (blank lines allowed between)
 *   @at f: x1 = 2, x2 = 5     anywhere, naming the function
 *   f(1.5, 0.5)   or   f(1.5, 0.5) = ?   alone on a line, f defined in the file
 * Values are literals only (nothing is evaluated): numbers with an optional sign, the constants
 * pi π e tau τ, and lists [1, 2] for array parameters.
 */

export interface Span {
  readonly from: number;
  readonly to: number;
}

export interface PointProblem extends Span {
  readonly message: string;
}

export interface NamedValue extends NameToken {
  readonly value: IrPointValue;
}

export interface ParsedAnnotation extends Span {
  /** `@at f: …`; absent when the annotation belongs to the definition below it. */
  readonly fn?: NameToken;
  readonly named: readonly NamedValue[];
}

export type ParsedArgs = { readonly named: readonly NamedValue[] } | { readonly positional: readonly IrPointValue[] };

type Result<T> = { readonly ok: T } | { readonly problem: PointProblem };

/** `@at [f:] name = value, …` (tokens start with `@`, `at`). */
export function parseAnnotation(tokens: readonly Token[]): Result<ParsedAnnotation> {
  const reader = new ValueReader(tokens, 2, tokens.length);
  return reader.run(() => {
    let fn: NameToken | undefined;
    const [, , t2, t3] = tokens;
    if (t2?.kind === 'ident' && t3?.kind === ':') {
      fn = { name: t2.text, from: t2.from, to: t2.to };
      reader.skip(2);
    }
    if (reader.done()) reader.fail(`expected 'name = value' after '@at', found the end of the line`);
    const named = reader.list(() => reader.namedValue());
    return { ...(fn ? { fn } : {}), named, from: tokens[0]!.from, to: tokens[tokens.length - 1]!.to };
  });
}

/**
 * Whether `f(…)` alone on a line is a point rather than prose that mentions f: its first argument is a
 * value (`f(1.5, 0.5)`, `f(-1)`, `f(pi)`, `f([1, 2])`) or a named one (`f(x = 1)`); `f(x, y)` is prose.
 */
export function looksLikePointArgs(tokens: readonly Token[], from: number, to: number): boolean {
  const t = tokens[from];
  if (!t || from >= to) return false;
  if (t.kind === 'number' || t.kind === '[' || t.op === '-' || t.op === '+') return true;
  return t.kind === 'ident' && (mathConstant(t.text) !== undefined || tokens[from + 1]?.kind === '=');
}

/** The arguments of a call-site point, `tokens[from, to)`: all positional or all named. */
export function parseCallArgs(tokens: readonly Token[], from: number, to: number): Result<ParsedArgs> {
  const reader = new ValueReader(tokens, from, to);
  return reader.run(() => {
    if (tokens[from]?.kind === 'ident' && tokens[from + 1]?.kind === '=') return { named: reader.list(() => reader.namedValue()) };
    return { positional: reader.list(() => reader.value()) };
  });
}

/** Problems of a named point against the function's parameters: unknown, repeated or missing names. */
export function checkNamed(fnName: string, params: readonly { readonly name: string }[], named: readonly NamedValue[], whole: Span): PointProblem[] {
  const problems: PointProblem[] = [];
  const seen = new Set<string>();
  const signature = `${fnName}(${params.map((p) => p.name).join(', ')})`;
  for (const n of named) {
    if (!params.some((p) => p.name === n.name)) problems.push({ message: `'${n.name}' is not a parameter of ${signature}`, from: n.from, to: n.to });
    else if (seen.has(n.name)) problems.push({ message: `'${n.name}' is given twice`, from: n.from, to: n.to });
    seen.add(n.name);
  }
  const missing = params.filter((p) => !seen.has(p.name)).map((p) => `'${p.name}'`);
  if (missing.length > 0) problems.push({ message: `no value for ${missing.join(', ')} of ${signature}`, ...whole });
  return problems;
}

class PointSyntax extends Error {
  constructor(readonly problem: PointProblem) {
    super(problem.message);
  }
}

class ValueReader {
  constructor(
    private readonly tokens: readonly Token[],
    private pos: number,
    private readonly end: number,
  ) {}

  run<T>(body: () => T): Result<T> {
    try {
      const ok = body();
      if (!this.done()) this.fail(`expected ',' or the end of the point, found ${this.describe()}`);
      return { ok };
    } catch (e) {
      if (e instanceof PointSyntax) return { problem: e.problem };
      throw e;
    }
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  skip(n: number): void {
    this.pos += n;
  }

  list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.peek()?.kind === ',') {
      this.pos++;
      items.push(item());
    }
    return items;
  }

  namedValue(): NamedValue {
    const name = this.peek();
    if (name?.kind !== 'ident') this.fail(`expected a parameter name, found ${this.describe()}`);
    this.pos++;
    if (this.peek()?.kind !== '=') this.fail(`expected '=' after '${name.text}', found ${this.describe()}`);
    this.pos++;
    return { name: name.text, from: name.from, to: name.to, value: this.value() };
  }

  value(): IrPointValue {
    const t = this.peek();
    if (t?.kind === '[') {
      this.pos++;
      const items = this.peek()?.kind === ']' ? [] : this.list(() => this.value());
      if (this.peek()?.kind !== ']') this.fail(`expected ',' or ']' in the list, found ${this.describe()}`);
      this.pos++;
      return items;
    }
    const sign = t?.op === '-' ? -1 : t?.op === '+' ? 1 : 0;
    if (sign !== 0) this.pos++;
    const v = this.peek();
    const constant = v?.kind === 'ident' ? mathConstant(v.text) : undefined;
    const magnitude = v?.kind === 'number' ? v.value! : constant;
    if (magnitude === undefined) this.fail(`expected a number, pi, e, tau or a list [ … ], found ${this.describe()}`);
    this.pos++;
    return sign === -1 ? -magnitude : magnitude;
  }

  fail(message: string): never {
    // At the end of a line, the problem sits just after the last token read.
    const t = this.peek() ?? this.tokens[this.end];
    const end = this.tokens[this.pos - 1]?.to ?? 0;
    const at = t ? { from: t.from, to: t.to } : { from: end, to: end };
    throw new PointSyntax({ message, ...at });
  }

  private peek(): Token | undefined {
    return this.pos < this.end ? this.tokens[this.pos] : undefined;
  }

  /** The token met, or after the last value the one that ends the list (a call's `)`). */
  private describe(): string {
    const t = this.peek() ?? this.tokens[this.end];
    return t ? quote(t.text) : 'the end of the line';
  }
}
