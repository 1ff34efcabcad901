import { diagnostic, type Diagnostic, type DiagnosticCode } from '../../core/diagnostic';
import type { LineMap, SourceRange } from '../../core/sourceRange';
import type { IrExpr, IrFunction, IrParam } from '../../ir/nodes';
import type { DefinitionHead, NameToken } from './heads';
import { mathConstant, mathFunction, mathFunctionArity, mathFunctionNames } from './names';
import { parseExpression, type MathNode, type SumBound } from './parser';
import type { Token } from './tokenizer';

/** What lowering a definition needs to know about the rest of the file. */
export interface LowerContext {
  readonly lines: LineMap;
  /** Plain functions defined in the file, by name, with their parameters (the first definition wins). */
  readonly userFunctions: ReadonlyMap<string, readonly NameToken[]>;
}

/**
 * One definition line → one IrFunction whose body is a single return. Problems become diagnostics on
 * the function (which the engine then never runs); the other definitions are unaffected.
 *
 * @param inherited for `∂f/∂x = …` and `∇f = …` written without parameters: f's parameters, when f is
 *   defined above.
 */
export function lowerDefinition(head: DefinitionHead, tokens: readonly Token[], inherited: readonly NameToken[] | undefined, ctx: LowerContext): IrFunction {
  const { lines } = ctx;
  const diagnostics: Diagnostic[] = [];
  const report = (code: DiagnosticCode, message: string, from: number, to: number): void => {
    diagnostics.push(diagnostic('error', code, message, lines.range(from, to)));
  };

  const params = head.params ?? inherited ?? [];
  const problem = headProblem(head, params, inherited);
  let body: IrFunction['body'] = [];
  // A broken head leaves the parameters unknown, so the body is not read.
  if (problem) {
    report(problem.code, problem.message, problem.from, problem.to);
  } else {
    const paramNames = params.map((p) => p.name);
    const scope = { name: head.name, params: new Set(paramNames), userFunctions: ctx.userFunctions };
    const column = (offset: number): number => lines.position(offset).column + 1;
    const parsed = parseExpression(tokens.slice(head.equalsIndex + 1), tokens[head.equalsIndex]!, scope, column);
    if ('error' in parsed) {
      report('syntax', parsed.error.message, parsed.error.from, parsed.error.to);
    } else {
      const value = new ExprLowering(head.name, paramNames, ctx, report).lower(parsed.node, true);
      body = [{ kind: 'return', value, range: lines.range(parsed.node.from, parsed.node.to) }];
    }
  }

  return {
    name: head.name,
    params: params.map((p): IrParam => ({ name: p.name, range: lines.range(p.from, p.to) })),
    body,
    range: lines.range(tokens[0]!.from, tokens[tokens.length - 1]!.to),
    nameRange: lines.range(head.nameFrom, head.nameTo),
    diagnostics,
    ...(head.gradientOf ? { gradientOf: head.gradientOf } : {}),
  };
}

function headProblem(head: DefinitionHead, params: readonly NameToken[], inherited: readonly NameToken[] | undefined): { code: DiagnosticCode; message: string; from: number; to: number } | undefined {
  if (head.error) return { code: 'syntax', ...head.error };
  if (!head.params && !inherited) {
    const message = `${head.name} needs ${head.gradientOf} defined above it, or its own parameters: ${head.name}(x, y) = …`;
    return { code: 'unknown-name', message, from: head.nameFrom, to: head.nameTo };
  }
  const x = head.partialIn;
  if (x && !params.some((p) => p.name === x.name)) {
    const message = `'${x.name}' is not a parameter of ${head.gradientOf}(${params.map((p) => p.name).join(', ')})`;
    return { code: 'unknown-name', message, from: x.from, to: x.to };
  }
  return undefined;
}

/** Terms past which a chain of + and − lowers to one IrSum (a binary tree that deep is walked by recursion). */
const LONG_SUM = 64;

class ExprLowering {
  constructor(
    private readonly fnName: string,
    private readonly params: readonly string[],
    private readonly ctx: LowerContext,
    private readonly report: (code: DiagnosticCode, message: string, from: number, to: number) => void,
  ) {}

  private range(from: number, to: number): SourceRange {
    return this.ctx.lines.range(from, to);
  }

  /** `top`: the whole right-hand side, the one place a tuple `(a, b)` may stand. */
  lower(node: MathNode, top = false): IrExpr {
    const range = this.range(node.from, node.to);
    switch (node.kind) {
      case 'number':
        return { kind: 'number', value: node.value, range };
      case 'name':
        if (node.ref === 'constant') return { kind: 'number', value: mathConstant(node.name)!, range };
        if (node.ref === 'unknown') this.report('unknown-name', this.unknownNameMessage(node.name), node.from, node.to);
        return { kind: 'name', name: node.name, range };
      case 'binary':
        return { kind: 'binary', op: node.op === '^' ? '**' : node.op, left: this.lower(node.left), right: this.lower(node.right), range };
      case 'additive':
        return this.additive(node, range);
      case 'unary':
        return { kind: 'unary', op: node.op, operand: this.lower(node.operand), range };
      case 'group':
        return this.lower(node.inner, top);
      case 'tuple':
        if (!top) this.report('unsupported', `a tuple (a, b, …) can only be the whole right-hand side of a definition`, node.from, node.to);
        return { kind: 'tuple', elements: node.elements.map((e) => this.lower(e)), range };
      case 'call':
        return this.call(node, range);
      case 'sum':
        return this.sum(node, range);
      case 'element': {
        // Entry i counted from 1, as notes count: x_1 is x[0].
        const index = this.lower(node.index);
        const zeroBased: IrExpr = { kind: 'binary', op: '-', left: index, right: { kind: 'number', value: 1, range: index.range }, range: index.range };
        const arrayRange = this.range(node.from, node.from + node.array.length);
        return { kind: 'index', object: { kind: 'name', name: node.array, range: arrayRange }, index: zeroBased, range };
      }
    }
  }

  /** Σ_{i=a}^{b} body: sum(body for i in range(a, b + 1)), the loop the engine runs for every language. */
  /**
   * A chain of + and −: the left-deep binary tree it stands for while short (as every front end
   * writes `a + b`), one IrSum past LONG_SUM terms, so nothing walks it a level per term.
   */
  private additive(node: Extract<MathNode, { kind: 'additive' }>, range: SourceRange): IrExpr {
    const terms = node.terms.map((t) => this.lower(t));
    if (terms.length > LONG_SUM) return { kind: 'sum', terms, ops: node.ops, range };
    let left = terms[0]!;
    for (let i = 1; i < terms.length; i++) {
      left = { kind: 'binary', op: node.ops[i - 1]!, left, right: terms[i]!, range: this.range(node.from, node.terms[i]!.to) };
    }
    return left;
  }

  private sum(node: Extract<MathNode, { kind: 'sum' }>, range: SourceRange): IrExpr {
    const intrinsic = (name: string): IrExpr => ({ kind: 'intrinsic', name, range });
    const iterable: IrExpr = { kind: 'call', callee: intrinsic('range'), args: [this.bound(node.lower, 0, range), this.bound(node.upper, 1, range)], keywords: [], range };
    const element = this.lower(node.body);
    const generator: IrExpr = { kind: 'comprehension', result: 'generator', element, clauses: [{ kind: 'for', target: { kind: 'name', name: node.index, range }, iterable, range }], range };
    return { kind: 'call', callee: intrinsic('sum'), args: [generator], keywords: [], range };
  }

  /** A bound plus `extra` (range's end is one past the upper bound): a number, the parameter, or `len(x)`. */
  private bound(b: SumBound, extra: number, range: SourceRange): IrExpr {
    if (b.kind === 'number') return { kind: 'number', value: b.value + extra, range };
    const at = this.range(b.from, b.to);
    const base: IrExpr = b.kind === 'param' ? { kind: 'name', name: b.name, range: at } : { kind: 'call', callee: { kind: 'intrinsic', name: 'len', range: at }, args: [{ kind: 'name', name: b.array, range: at }], keywords: [], range: at };
    const offset = b.offset + extra;
    return offset === 0 ? base : { kind: 'binary', op: offset > 0 ? '+' : '-', left: base, right: { kind: 'number', value: Math.abs(offset), range: at }, range: at };
  }

  private call(node: Extract<MathNode, { kind: 'call' }>, range: SourceRange): IrExpr {
    const args = node.args.map((a) => this.lower(a));
    const nameRange = this.range(node.nameFrom, node.nameTo);
    if (node.callee === 'builtin') {
      const fn = mathFunction(node.name)!;
      const { min, max } = mathFunctionArity(fn);
      this.checkArity(node, min, max);
      const call: IrExpr = { kind: 'call', callee: { kind: 'intrinsic', name: fn.intrinsic, range: nameRange }, args, keywords: [], range };
      if (fn.kind === 'intrinsic') return call;
      return { kind: 'binary', op: '/', left: { kind: 'number', value: 1, range: nameRange }, right: call, range };
    }
    if (node.callee === 'user') {
      const arity = this.ctx.userFunctions.get(node.name)!.length;
      this.checkArity(node, arity, arity);
    } else {
      const base = `unknown function '${node.name}': not a known function or one defined in this file`;
      this.report('unknown-name', base + this.juxtapositionHint(node.name, '(…)'), node.nameFrom, node.nameTo);
    }
    return { kind: 'call', callee: { kind: 'name', name: node.name, range: nameRange }, args, keywords: [], range };
  }

  private checkArity(node: Extract<MathNode, { kind: 'call' }>, min: number, max: number): void {
    const n = node.args.length;
    if (n >= min && n <= max) return;
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    const name = node.name === 'abs' && node.nameTo - node.nameFrom === 1 ? '|…|' : node.name;
    const plural = (max === Infinity ? min : max) === 1 ? '' : 's';
    this.report('arity', `${name} takes ${expected} argument${plural}, given ${n}`, node.from, node.to);
  }

  private unknownNameMessage(name: string): string {
    const base = `unknown name '${name}': not a parameter of ${this.fnName}, a constant or a function`;
    const params = this.params;
    const respelled = params.find((p) => normalizeSubscripts(p) === normalizeSubscripts(name));
    if (respelled) return `${base}; did you mean '${respelled}'? (the spellings x1, x_1 and x₁ are different names)`;
    return base + this.juxtapositionHint(name, '');
  }

  /** `sinx` and `xsin(…)`: a function name and a parameter run together, which is never split. */
  private juxtapositionHint(name: string, call: string): string {
    const names = [...mathFunctionNames(), ...this.ctx.userFunctions.keys()];
    for (const param of this.params) {
      if (name.startsWith(param) && names.includes(name.slice(param.length))) return `; did you mean ${param} ${name.slice(param.length)}${call}?`;
      if (name.endsWith(param) && names.includes(name.slice(0, -param.length))) return `; did you mean ${name.slice(0, -param.length)} ${param}?`;
    }
    return '';
  }
}

function normalizeSubscripts(name: string): string {
  return name.replace(/_/g, '').replace(/[\u2080-\u2089]/g, (d) => String(d.charCodeAt(0) - 0x2080));
}
