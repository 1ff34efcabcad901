/**
 * A Pratt parser for the right-hand side of a definition.
 *
 * Why not mathjs, which the project already has as a test oracle: its nodes carry no source positions,
 * and every IR node must point at the characters it came from (a value, an error or a graph node is
 * shown there). Notation also needs rules mathjs does not have: `xy` splitting into `x·y` only when x
 * and y are parameters, `sin 2x`, `√x`, `|x|`, Unicode operators. A hundred lines of Pratt parser,
 * with offsets on every node, is smaller than adapting either.
 *
 * Binding powers (higher binds tighter; all binary operators are left-associative except ^):
 *   + −                 10
 *   * / · × ÷ and juxtaposition (implicit multiplication)   20     so 1/2x = (1/2)·x
 *   unary − +           operand parsed at 30                    so −x^2 = −(x^2), −a·b = (−a)·b
 *   ^ ** and ²          40, right-associative                    so 2^3^2 = 2^(3^2)
 * Names are resolved while parsing, because resolution decides the shape: `x(y+1)` is a product
 * when x is a parameter and a call when x is a function.
 */
import { mathConstant, mathFunction, takesBareArgument } from './names';
import { quote, type Operator, type Token } from './tokenizer';

/** `index`: the variable of an enclosing sum (`i` in Σ_{i=1}^{3}). */
export type NameRef = 'param' | 'constant' | 'index' | 'unknown';
export type CalleeRef = 'builtin' | 'user' | 'unknown';

/** Offsets are document offsets; a node's span includes its parentheses (a group's does too). */
export type MathNode =
  | { readonly kind: 'number'; readonly value: number; readonly from: number; readonly to: number }
  | { readonly kind: 'name'; readonly name: string; readonly ref: NameRef; readonly from: number; readonly to: number }
  | { readonly kind: 'binary'; readonly op: Operator; readonly left: MathNode; readonly right: MathNode; readonly from: number; readonly to: number }
  /** `t₀ ± t₁ ± …`: a chain of + and −, flat however long (`ops[i]` joins terms i and i + 1). */
  | { readonly kind: 'additive'; readonly terms: readonly MathNode[]; readonly ops: readonly ('+' | '-')[]; readonly from: number; readonly to: number }
  | { readonly kind: 'unary'; readonly op: '-' | '+'; readonly operand: MathNode; readonly from: number; readonly to: number }
  | {
      readonly kind: 'call';
      /** As written; `abs` for bars, `sqrt`/`cbrt` for √ ∛. */
      readonly name: string;
      readonly callee: CalleeRef;
      readonly nameFrom: number;
      readonly nameTo: number;
      readonly args: readonly MathNode[];
      readonly from: number;
      readonly to: number;
    }
  /** Parentheses: lowering unwraps them, but the enclosing node's span covers them. */
  | { readonly kind: 'group'; readonly inner: MathNode; readonly from: number; readonly to: number }
  | { readonly kind: 'tuple'; readonly elements: readonly MathNode[]; readonly from: number; readonly to: number }
  /** `Σ_{i=1}^{3} body`, `Σ_{i=1}^{n} body`: both bounds included. */
  | { readonly kind: 'sum'; readonly index: string; readonly lower: SumBound; readonly upper: SumBound; readonly body: MathNode; readonly from: number; readonly to: number }
  /** `x_i`, `x_{i+1}` inside a sum over i: entry i of the vector parameter x, counted from 1. */
  | { readonly kind: 'element'; readonly array: string; readonly index: MathNode; readonly from: number; readonly to: number };

/**
 * A sum's bound: a whole number; a parameter of the function (a count: `f(x, n) = Σ_{i=1}^{n} x_i`);
 * or the length of the one vector the term indexes (`Σ_{i=1}^{n-1} (x_{i+1} − x_i)^2`, n = len(x));
 * with a whole offset.
 */
export type SumBound =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'param'; readonly name: string; readonly offset: number; readonly from: number; readonly to: number }
  | { readonly kind: 'length'; readonly array: string; readonly offset: number; readonly from: number; readonly to: number };

type WrittenBound = { readonly kind: 'number'; readonly value: number; readonly token: Token } | { readonly kind: 'name'; readonly name: string; readonly offset: number; readonly token: Token; readonly to: number };

/** The vectors a term indexes (`x` of `x_i`), sums inside it included. */
function indexedArrays(node: MathNode): string[] {
  switch (node.kind) {
    case 'element':
      return [node.array, ...indexedArrays(node.index)];
    case 'binary':
      return [...indexedArrays(node.left), ...indexedArrays(node.right)];
    case 'additive':
      return node.terms.flatMap(indexedArrays);
    case 'unary':
      return indexedArrays(node.operand);
    case 'group':
      return indexedArrays(node.inner);
    case 'call':
      return node.args.flatMap(indexedArrays);
    case 'tuple':
      return node.elements.flatMap(indexedArrays);
    case 'sum':
      return indexedArrays(node.body);
    default:
      return [];
  }
}

export interface ParseScope {
  /** The definition's name (`rosen`, `∂f/∂x`) and parameters, in order: messages say them. */
  readonly name: string;
  readonly params: ReadonlySet<string>;
  /** Functions defined in the same file (plain names). */
  readonly userFunctions: { has(name: string): boolean };
}

export interface ParseError {
  readonly message: string;
  readonly from: number;
  readonly to: number;
}

export type ParseResult = { readonly node: MathNode } | { readonly error: ParseError };

/**
 * Parses `tokens` as one expression. `after` is the token before them (the definition's `=`), named in
 * "expected an expression after '='". `column` turns an offset into a one-based column for messages.
 */
export function parseExpression(tokens: readonly Token[], after: Token, scope: ParseScope, column: (offset: number) => number): ParseResult {
  const parser = new Parser([...tokens], after, scope, column);
  try {
    return { node: parser.parseAll() };
  } catch (e) {
    if (e instanceof SyntaxProblem) return { error: e.problem };
    throw e;
  }
}

class SyntaxProblem extends Error {
  constructor(readonly problem: ParseError) {
    super(problem.message);
  }
}

const INFIX: Readonly<Record<Operator, readonly [left: number, right: number]>> = {
  '+': [10, 10],
  '-': [10, 10],
  '*': [20, 20],
  '/': [20, 20],
  '^': [40, 39],
};
const IMPLICIT = 20;
const PREFIX_OPERAND = 30;
const POWER = 40;
/** Deeper nesting than any formula needs; past it the parser would exhaust the stack. */
const MAX_DEPTH = 200;
/**
 * How deep operators besides + and − may stack: a chain `a · b · …` is a left-deep tree as deep as it
 * is long, which lowering and evaluation walk by recursion (the lezer front ends bound the same
 * depth, frontends/shared/boundedParse.ts, which this front end does not import). A chain of + and −
 * is one flat node (`additive`), so a sum of 10,000 terms is read.
 */
const MAX_OPERATORS = 1_500;
const TOO_DEEP_MESSAGE = `this formula is too long or too deeply nested for GradLens: it reads chains of at most ${MAX_OPERATORS.toLocaleString('en-US')} operators besides + and − (sums of any length) and brackets nested at most ${MAX_DEPTH} deep; split it into several definitions`;

class Parser {
  private pos = 0;
  /** Open `|` bars around the current position: a `|` then closes rather than opens. */
  private barDepth = 0;
  private depth = 0;
  /** Binary nodes besides + and − on the path from the root to where the parser is: the tree's depth. */
  private operators = 0;
  private previous: Token;
  /** The variables of the sums around the current position. */
  private readonly indices: string[] = [];

  constructor(
    private readonly tokens: Token[],
    after: Token,
    private readonly scope: ParseScope,
    private readonly column: (offset: number) => number,
  ) {
    this.previous = after;
  }

  parseAll(): MathNode {
    const node = this.expression(0);
    const t = this.peek();
    if (t.kind !== 'eof') {
      const hint = t.kind === 'number' ? `; write '*' before a number that follows a factor` : '';
      this.fail(t, `expected an operator or the end of the line after ${quote(this.previous.text)}, found ${describe(t)}${hint}`);
    }
    return node;
  }

  private expression(minBp: number): MathNode {
    if (++this.depth > MAX_DEPTH) this.fail(this.peek(), TOO_DEEP_MESSAGE);
    let left = this.prefix();
    // a chain of + and − at this level, gathered flat (see `additive`)
    let terms: MathNode[] | undefined;
    const ops: ('+' | '-')[] = [];
    let built = 0; // binary nodes this loop stacked on `left`: the tree's depth grows by each
    const grow = (t: Token): void => {
      built++;
      if (++this.operators > MAX_OPERATORS) this.fail(t, TOO_DEEP_MESSAGE);
    };
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && (t.op === '+' || t.op === '-')) {
        if (INFIX[t.op][0] <= minBp) break;
        this.next();
        (terms ??= [left]).push(this.expression(INFIX[t.op][1]));
        ops.push(t.op);
        continue;
      }
      if (terms) {
        // nothing binds looser than + and −, so this does not happen; kept exact all the same
        left = additive(terms, ops.splice(0));
        terms = undefined;
      }
      if (t.kind === 'op') {
        const [lbp, rbp] = INFIX[t.op!];
        if (lbp <= minBp) break;
        this.next();
        grow(t);
        left = binary(t.op!, left, this.expression(rbp));
      } else if (t.kind === 'sup') {
        if (POWER <= minBp) break;
        this.next();
        grow(t);
        left = binary('^', left, { kind: 'number', value: t.value!, from: t.from, to: t.to });
      } else if (this.startsImplicitFactor(t)) {
        if (IMPLICIT <= minBp) break;
        grow(t);
        left = binary('*', left, this.expression(IMPLICIT));
      } else {
        break;
      }
    }
    this.depth--;
    this.operators -= built;
    return terms ? additive(terms, ops) : left;
  }

  private prefix(): MathNode {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.next();
        return { kind: 'number', value: t.value!, from: t.from, to: t.to };
      case 'ident':
        return this.identifier(t);
      case '(':
        return this.group();
      case '|':
        return this.bars();
      case 'root': {
        this.next();
        const operand = this.expression(PREFIX_OPERAND);
        const name = t.text === '∛' ? 'cbrt' : 'sqrt';
        return { kind: 'call', name, callee: 'builtin', nameFrom: t.from, nameTo: t.to, args: [operand], from: t.from, to: operand.to };
      }
      case 'op':
        if (t.op === '-' || t.op === '+') {
          this.next();
          const operand = this.expression(PREFIX_OPERAND);
          return { kind: 'unary', op: t.op, operand, from: t.from, to: operand.to };
        }
        break;
      case '[':
        this.fail(t, `expected an expression after ${quote(this.previous.text)}, found '['; use ( ) for grouping (a vector [a, b] is a value in an @at point, not in a formula)`);
        break;
      case 'sum':
        return this.sum();
      case 'invalid':
        // A LaTeX command latex.ts does not read (\sum, \int, \prod): say so rather than "found".
        if (t.text === '\\sum') this.fail(t, 'GradLens does not read the LaTeX command \\sum; outside $…$ write the sum as Σ_{i=1}^{3} x_i^2 (docs/math-notation.md)');
        if (t.text.startsWith('\\')) this.fail(t, `GradLens does not read the LaTeX command ${t.text} (products and integrals are not supported); write the terms out`);
    }
    return this.fail(t, `expected an expression after ${quote(this.previous.text)}, found ${describe(t)}`);
  }

  private identifier(t: Token): MathNode {
    const name = t.text;
    const element = this.element(t);
    if (element) return element;
    const ref = this.resolve(name);
    if (ref === 'param' || ref === 'constant' || ref === 'index') {
      this.next();
      return { kind: 'name', name, ref, from: t.from, to: t.to };
    }
    if (ref === 'user') {
      this.next();
      if (this.peek().kind !== '(') {
        this.fail(this.peek(), `expected '(' after '${name}', found ${describe(this.peek())}: a function defined in this file is called as ${name}(…)`);
      }
      return this.call(t, 'user');
    }
    if (ref === 'builtin') return this.builtin(t);
    const letters = this.splitLetters(t);
    if (letters) {
      this.tokens.splice(this.pos, 1, ...letters);
      return this.identifier(letters[0]!);
    }
    this.next();
    if (this.peek().kind === '(') return this.call(t, 'unknown');
    return { kind: 'name', name, ref: 'unknown', from: t.from, to: t.to };
  }

  /** `sin(x)`, or without parentheses `sin x`, `sin 2x`, `ln x^2`: the argument is one product of factors. */
  private builtin(t: Token): MathNode {
    const name = t.text;
    this.next();
    const after = this.peek();
    if (after.kind === '(') return this.call(t, 'builtin');
    if (after.kind === 'sup' || after.op === '^') {
      this.fail(after, `expected an argument after '${name}', found ${quote(after.text)}: write ${name}(x)^2 for a power of ${name}`);
    }
    if (!takesBareArgument(mathFunction(name)!)) this.fail(after, `expected '(' after '${name}', found ${describe(after)}`);
    if (!this.startsBareArgument(after)) {
      this.fail(after, `expected an argument after '${name}', as in ${name}(x) or ${name} x, found ${describe(after)}`);
    }
    let arg = this.expression(PREFIX_OPERAND);
    // `sin x cos x` is sin(x)·cos(x): the product stops at the next function name.
    while (this.startsImplicitFactor(this.peek()) && !this.isFunctionName(this.peek())) {
      arg = binary('*', arg, this.expression(PREFIX_OPERAND));
    }
    return { kind: 'call', name, callee: 'builtin', nameFrom: t.from, nameTo: t.to, args: [arg], from: t.from, to: arg.to };
  }

  private call(name: Token, callee: CalleeRef): MathNode {
    const open = this.next();
    const args: MathNode[] = [];
    const close = this.enclosed(() => {
      if (this.peek().kind === ')') return this.next();
      for (;;) {
        args.push(this.expression(0));
        const t = this.peek();
        if (t.kind === ',') this.next();
        else if (t.kind === ')') return this.next();
        else this.fail(t, `expected ',' or ')' to close ${name.text}( at column ${this.column(open.from)}, found ${describe(t)}`);
      }
    });
    return { kind: 'call', name: name.text, callee, nameFrom: name.from, nameTo: name.to, args, from: name.from, to: close.to };
  }

  /** `(e)` or, for a function returning a vector, `(e1, e2, …)`. */
  private group(): MathNode {
    const open = this.next();
    const elements: MathNode[] = [];
    const close = this.enclosed(() => {
      for (;;) {
        elements.push(this.expression(0));
        const t = this.peek();
        if (t.kind === ',') this.next();
        else if (t.kind === ')') return this.next();
        else this.fail(t, `expected ')' to close the '(' at column ${this.column(open.from)}, found ${describe(t)}`);
      }
    });
    if (elements.length === 1) return { kind: 'group', inner: elements[0]!, from: open.from, to: close.to };
    return { kind: 'tuple', elements, from: open.from, to: close.to };
  }

  private bars(): MathNode {
    const open = this.next();
    this.barDepth++;
    const inner = this.expression(0);
    const close = this.peek();
    if (close.kind !== '|') this.fail(close, `expected '|' to close the '|' at column ${this.column(open.from)}, found ${describe(close)}`);
    this.next();
    this.barDepth--;
    return { kind: 'call', name: 'abs', callee: 'builtin', nameFrom: open.from, nameTo: open.to, args: [inner], from: open.from, to: close.to };
  }

  /** Inside parentheses a `|` opens a new pair of bars, whatever is open outside. */
  private enclosed(body: () => Token): Token {
    const bars = this.barDepth;
    this.barDepth = 0;
    const close = body();
    this.barDepth = bars;
    return close;
  }

  /**
   * `Σ_{i=1}^{3} body`, `Σ_{i=1}^3 body`, `Σ_{i=1}^{n} body`, `Σ_{i=1}^{n-1} body`. The body is one
   * term — products and quotients, up to the next `+` or `−` — so `Σ_{i=1}^{3} x_i^2 + 1` adds 1 once
   * and `Σ_{k=0}^{4} t^k/(k+1)` sums the quotients; parenthesize a sum of several terms:
   * `Σ_{i=1}^{2} (x_{i+1} − x_i)^2`. A bound that is a name is a parameter of the function (a
   * count), or else the length of the one vector the term indexes (`x_i`).
   */
  private sum(): MathNode {
    const sigma = this.next();
    const open = this.expect('{', `expected '{' after ${quote(sigma.text)}, as in Σ_{i=1}^{3}`);
    const index = this.peek();
    if (index.kind !== 'ident' || this.resolve(index.text) === 'param') this.fail(index, `expected the sum's variable after '{', as in Σ_{i=1}^{3}, found ${describe(index)}${index.kind === 'ident' ? ' (a parameter cannot be the variable of a sum)' : ''}`);
    this.next();
    this.expect('=', `expected '=' after the sum's variable ${quote(index.text)}, as in Σ_{i=1}^{3}`);
    const lower = this.bound(`a whole number after '=', as in Σ_{i=1}^{3}`, true);
    this.expect('}', `expected '}' to close the '{' at column ${this.column(open.from)}`);
    const caret = this.peek();
    if (caret.op !== '^') this.fail(caret, `expected '^' and the upper bound after the sum's subscript, as in Σ_{i=1}^{3}, found ${describe(caret)}`);
    this.next();
    const braced = this.peek().kind === '{';
    if (braced) this.next();
    const upper = this.bound(`a whole number or a name as the sum's upper bound, as in Σ_{i=1}^{3} or Σ_{i=1}^{n}`, braced);
    if (braced) this.expect('}', `expected '}' after the sum's upper bound`);
    if (lower.kind === 'number' && upper.kind === 'number' && upper.value < lower.value) this.fail(upper.token, `the sum runs from ${lower.value} up to ${upper.value}: its upper bound is below its lower bound`);
    this.indices.push(index.text);
    try {
      if (!this.startsBareArgument(this.peek())) this.fail(this.peek(), `expected the sum's term after its bounds, found ${describe(this.peek())}`);
      const body = this.expression(INFIX['+'][0]);
      return { kind: 'sum', index: index.text, lower: this.resolveBound(lower, body), upper: this.resolveBound(upper, body), body, from: sigma.from, to: body.to };
    } finally {
      this.indices.pop();
    }
  }

  /** A sum's bound as written: a whole number, or a name with a whole offset when braced (`n-1`). */
  private bound(expected: string, offsetAllowed: boolean): WrittenBound {
    const t = this.peek();
    if (t.kind === 'ident' && this.resolve(t.text) !== 'index' && this.resolve(t.text) !== 'user' && this.resolve(t.text) !== 'builtin') {
      this.next();
      const sign = this.peek().op;
      if (!offsetAllowed || (sign !== '-' && sign !== '+')) return { kind: 'name', name: t.text, offset: 0, token: t, to: t.to };
      this.next();
      const k = this.peek();
      if (k.kind !== 'number' || !Number.isInteger(k.value)) this.fail(k, `expected a whole number after ${quote(t.text)} ${sign === '-' ? '−' : '+'} in the sum's bound, found ${describe(k)}`);
      this.next();
      return { kind: 'name', name: t.text, offset: sign === '-' ? -k.value! : k.value!, token: t, to: k.to };
    }
    const negative = t.op === '-';
    if (negative) this.next();
    const n = this.peek();
    if (n.kind !== 'number' || !Number.isInteger(n.value)) this.fail(n, `expected ${expected}, found ${describe(n)}`);
    this.next();
    return { kind: 'number', value: negative ? -n.value! : n.value!, token: n };
  }

  /** A name as a bound: the function's parameter of that name, or the length of the one vector the term indexes. */
  private resolveBound(b: WrittenBound, body: MathNode): SumBound {
    if (b.kind === 'number') return { kind: 'number', value: b.value };
    const at = { offset: b.offset, from: b.token.from, to: b.to };
    if (this.scope.params.has(b.name)) return { kind: 'param', name: b.name, ...at };
    const arrays = [...new Set(indexedArrays(body))];
    if (arrays.length === 1) return { kind: 'length', array: arrays[0]!, ...at };
    const which = arrays.length === 0 ? 'the term indexes no vector (x_i)' : `the term indexes ${arrays.join(' and ')}`;
    return this.fail(b.token, `${quote(b.name)} as a bound is neither a parameter nor the length of one vector: ${which}; make ${b.name} a parameter (${this.scope.name}(${[...this.scope.params, b.name].join(', ')}) = …) or write the bound out`);
  }

  private expect(kind: Token['kind'], message: string): Token {
    const t = this.peek();
    if (t.kind !== kind) this.fail(t, `${message}, found ${describe(t)}`);
    return this.next();
  }

  /** `x_i` (i a sum's variable) or `x_{i+1}`, with x a parameter, inside a sum: an entry of x. */
  private element(t: Token): MathNode | undefined {
    if (this.indices.length === 0) return undefined;
    const m = /^(.+)_(.*)$/su.exec(t.text);
    if (!m || !this.scope.params.has(m[1]!)) return undefined;
    if (m[2] !== '') {
      if (!this.indices.includes(m[2]!)) return undefined;
      this.next();
      const from = t.from + m[1]!.length + 1;
      return { kind: 'element', array: m[1]!, index: { kind: 'name', name: m[2]!, ref: 'index', from, to: t.to }, from: t.from, to: t.to };
    }
    if (this.tokens[this.pos + 1]?.kind !== '{') return undefined;
    this.next();
    const open = this.next();
    let index: MathNode | undefined;
    const close = this.enclosed(() => {
      index = this.expression(0);
      return this.expect('}', `expected '}' to close the subscript at column ${this.column(open.from)}`);
    });
    if (!index) return undefined;
    return { kind: 'element', array: m[1]!, index, from: t.from, to: close.to };
  }

  private resolve(name: string): NameRef | 'user' | 'builtin' {
    if (this.indices.includes(name)) return 'index';
    if (this.scope.params.has(name)) return 'param';
    if (mathConstant(name) !== undefined) return 'constant';
    if (this.scope.userFunctions.has(name)) return 'user';
    if (mathFunction(name)) return 'builtin';
    return 'unknown';
  }

  /**
   * `xy` is x·y when it names nothing itself and every letter is a parameter or a one-letter constant
   * (`2πr`): how notes write products. Anything else (`xsin`, `x2`) stays one unknown name.
   */
  private splitLetters(t: Token): Token[] | undefined {
    const letters = [...t.text];
    if (letters.length < 2) return undefined;
    if (!letters.every((l) => this.scope.params.has(l) || mathConstant(l) !== undefined)) return undefined;
    let from = t.from;
    return letters.map((l) => {
      const token: Token = { kind: 'ident', text: l, from, to: from + l.length };
      from += l.length;
      return token;
    });
  }

  private isFunctionName(t: Token): boolean {
    if (t.kind !== 'ident') return false;
    const ref = this.resolve(t.text);
    return ref === 'user' || ref === 'builtin';
  }

  /** What may follow a factor with no operator between: `2x`, `x y`, `2(x+1)`, `x√y`, `2|x|`. Not a number. */
  private startsImplicitFactor(t: Token): boolean {
    return t.kind === 'ident' || t.kind === '(' || t.kind === 'root' || (t.kind === '|' && this.barDepth === 0);
  }

  /** A bare argument: `sin x`, `sin 2x`, `sin |x|`. Not a sign: `sin - x` is far more likely a mistake than sin(−x). */
  private startsBareArgument(t: Token): boolean {
    return this.startsImplicitFactor(t) || t.kind === 'number' || t.kind === '|';
  }

  private peek(): Token {
    return this.tokens[this.pos] ?? { kind: 'eof', text: '', from: this.previous.to, to: this.previous.to };
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') {
      this.pos++;
      this.previous = t;
    }
    return t;
  }

  private fail(at: Token, message: string): never {
    throw new SyntaxProblem({ message, from: at.from, to: at.to });
  }
}

function additive(terms: readonly MathNode[], ops: readonly ('+' | '-')[]): MathNode {
  return { kind: 'additive', terms, ops, from: terms[0]!.from, to: terms[terms.length - 1]!.to };
}

function binary(op: Operator, left: MathNode, right: MathNode): MathNode {
  return { kind: 'binary', op, left, right, from: left.from, to: right.to };
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'the end of the line' : quote(t.text);
}
