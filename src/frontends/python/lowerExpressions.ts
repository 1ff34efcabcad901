import { nameTable } from '../../core/keyed';
import type { SyntaxNode } from '@lezer/common';
import { diagnostic } from '../../core/diagnostic';
import { coverRanges, type SourceRange } from '../../core/sourceRange';
import type { IrBinaryOp, IrCompareOp, IrExpr, IrParam } from '../../ir/nodes';
import { lowerCall, lowerMember } from './lowerCalls';
import { parseNumber, parseString } from './literals';
import { UNCLOSED_STRING } from './syntaxErrors';
import { children, insideBrackets, isError, splitOnCommas, type CommaGroups } from './parse';
import type { Scope } from './scope';

const BINARY_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '**', '//', '%', '@']);
const COMPARE_OPS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '==', '!=']);

/** Constructs with no IR counterpart, by lezer node name: what to call them, and what to do instead. */
const UNSUPPORTED: Readonly<Record<string, readonly [string, string]>> = nameTable({
  ArrayComprehensionExpression: ['list comprehension', 'list comprehensions are not supported; build the list with a for loop'],
  ComprehensionExpression: ['generator expression', 'generator expressions are not supported; use a for loop'],
  DictionaryExpression: ['dict', 'dictionaries are not supported; use separate variables or a list'],
  DictionaryComprehensionExpression: ['dict comprehension', 'dict comprehensions are not supported'],
  SetExpression: ['set', 'sets are not supported; use a list or a tuple'],
  SetComprehensionExpression: ['set comprehension', 'set comprehensions are not supported'],
  FormatString: ['f-string', 'f-strings are not supported: GradLens only reads strings used as arguments'],
  NamedExpression: ['assignment expression (:=)', 'assignment expressions (:=) are not supported; assign on a line of its own'],
  AwaitExpression: ['await', '`await` is not supported: GradLens runs plain functions only'],
  YieldExpression: ['yield', 'generators (`yield`) are not supported; return a list instead'],
  Ellipsis: ['ellipsis', 'the ellipsis `...` is only supported as an index (x[..., 0], x[...] = 0)'],
});

export function lowerExpr(node: SyntaxNode, scope: Scope): IrExpr {
  if (isError(node)) return scope.broken(scope.view.errorRange(node));
  const range = scope.view.range(node);
  switch (node.name) {
    case 'Number': {
      const n = parseNumber(scope.view.textOf(node));
      if (n.kind === 'complex') return scope.unsupportedExpr('complex number', 'complex numbers are not supported', range);
      return { kind: 'number', value: n.value, range };
    }
    case 'Boolean':
      return { kind: 'bool', value: scope.view.textOf(node) === 'True', range };
    case 'None':
      return { kind: 'none', range };
    case 'String':
    case 'ContinuedString':
      return lowerString(node, scope);
    case 'VariableName':
      return lowerName(node, scope);
    case 'BinaryExpression':
      return lowerBinary(node, scope);
    case 'UnaryExpression':
      return lowerUnary(node, scope);
    case 'ConditionalExpression': {
      const [then, , test, , otherwise] = children(node);
      return {
        kind: 'conditional',
        test: operand(test, node, scope),
        then: operand(then, node, scope),
        else: operand(otherwise, node, scope),
        range,
      };
    }
    case 'ParenthesizedExpression': {
      const inner = insideBrackets(node, '(', ')');
      if (inner[0]?.name === '*') return starred(inner, scope);
      return operand(inner[0], node, scope);
    }
    case 'TupleExpression':
    case 'ArrayExpression': {
      const open = node.name === 'TupleExpression' ? '(' : '[';
      const elements = lowerGroups(splitOnCommas(insideBrackets(node, open, open === '(' ? ')' : ']')).groups, scope);
      return { kind: node.name === 'TupleExpression' ? 'tuple' : 'list', elements, range };
    }
    case 'CallExpression':
      return lowerCall(node, scope);
    case 'MemberExpression':
      return lowerMember(node, scope);
    case 'LambdaExpression':
      return lowerLambda(node, scope);
  }
  const known = UNSUPPORTED[node.name];
  if (known) return scope.unsupportedExpr(known[0], known[1], range);
  return scope.unsupportedExpr(node.name, `${node.name} is not supported by GradLens`, range);
}

/** A child that should be there; when error recovery left it out, a placeholder at the parent's end. */
export function operand(node: SyntaxNode | undefined, parent: SyntaxNode, scope: Scope): IrExpr {
  if (node) return lowerExpr(node, scope);
  const end = scope.view.range(parent).end;
  return scope.broken({ start: end, end });
}

/** The elements of a display or argument list: `[a, *b]` keeps `*b` as an unsupported element. */
function lowerGroups(groups: readonly SyntaxNode[][], scope: Scope): IrExpr[] {
  return groups.map((g) => (g[0]!.name === '*' || g[0]!.name === '**' ? starred(g, scope) : lowerExpr(g[0]!, scope)));
}

/** `a, b` without brackets (return values, assignment sides): one expression, or a tuple of them. */
export function lowerExpressionList(list: CommaGroups, scope: Scope): IrExpr | undefined {
  const { groups, trailingComma } = list;
  if (groups.length === 0) return undefined;
  const elements = lowerGroups(groups, scope);
  if (groups.length === 1 && !trailingComma) return elements[0];
  const first = groups[0]![0]!;
  const lastGroup = groups[groups.length - 1]!;
  return { kind: 'tuple', elements, range: scope.view.span(first, lastGroup[lastGroup.length - 1]!) };
}

function starred(group: readonly SyntaxNode[], scope: Scope): IrExpr {
  const range = scope.view.span(group[0]!, group[group.length - 1]!);
  return scope.unsupportedExpr('starred expression', 'unpacking with `*` is not supported; index the elements instead', range);
}

function lowerString(node: SyntaxNode, scope: Scope): IrExpr {
  const range = scope.view.range(node);
  const parts = node.name === 'String' ? [node] : children(node);
  let value = '';
  for (const part of parts) {
    if (part.name === 'FormatString') return lowerExpr(part, scope);
    const s = parseString(scope.view.textOf(part));
    if (s.kind === 'bytes') return scope.unsupportedExpr('bytes literal', 'bytes literals are not supported', range);
    if (s.kind === 'unterminated') {
      // An open triple-quoted string reaches the end of the text, where lezer's error node is
      // described (syntaxErrors.ts); a one-line string left open gets no error node, so it is reported here.
      if (!s.triple) scope.report(diagnostic('error', 'syntax', UNCLOSED_STRING, scope.view.range(part)));
      return scope.broken(range);
    }
    value += s.value;
  }
  return { kind: 'string', value, range };
}

function lowerName(node: SyntaxNode, scope: Scope): IrExpr {
  const name = scope.view.textOf(node);
  const range = scope.view.range(node);
  const binding = scope.moduleBinding(name);
  if (binding?.kind === 'unsupported') {
    return scope.unsupportedExpr(name, `${name} comes from ${binding.source}, which GradLens does not support`, range);
  }
  if (binding) {
    return scope.unsupportedExpr(
      name,
      `the module ${name} cannot be used as a value; call one of its functions instead, e.g. ${name}.sin(x)`,
      range,
    );
  }
  return { kind: 'name', name, range };
}

function lowerBinary(node: SyntaxNode, scope: Scope): IrExpr {
  const kids = children(node);
  const op = kids[1];
  if (!op || isError(op)) return operand(kids[0], node, scope);
  switch (op.name) {
    case 'and':
    case 'or':
      return lowerBoolean(node, scope);
    case 'CompareOp':
    case 'in':
    case 'not':
    case 'is':
      return lowerCompare(node, scope);
    case 'BitOp':
      return bitwise(op, node, scope);
  }
  const text = scope.view.textOf(op);
  const left = operand(kids[0], node, scope);
  const right = operand(kids.length > 2 ? kids[kids.length - 1] : undefined, node, scope);
  if (!BINARY_OPS.has(text)) return scope.unsupportedExpr(text, `the operator ${text} is not supported`, scope.view.range(node));
  return { kind: 'binary', op: text as IrBinaryOp, left, right, range: scope.view.range(node) };
}

function bitwise(op: SyntaxNode, node: SyntaxNode, scope: Scope): IrExpr {
  const text = scope.view.textOf(op);
  const message = `the bitwise operator ${text} is not supported; GradLens differentiates arithmetic on numbers`;
  return scope.unsupportedExpr(`operator ${text}`, message, scope.view.range(node));
}

function lowerUnary(node: SyntaxNode, scope: Scope): IrExpr {
  const [op, arg] = children(node);
  if (op?.name === 'not') return lowerBoolean(node, scope);
  if (op?.name === 'BitOp') return bitwise(op, node, scope);
  const text = op ? scope.view.textOf(op) : '';
  const operandExpr = operand(arg, node, scope);
  return { kind: 'unary', op: text === '+' ? '+' : '-', operand: operandExpr, range: scope.view.range(node) };
}

/** `a < b <= c` arrives as `(a < b) <= c`; Python chains it. `in`, `is` are not supported. */
function lowerCompare(node: SyntaxNode, scope: Scope): IrExpr {
  const operands: IrExpr[] = [];
  const ops: string[] = [];
  const collect = (n: SyntaxNode): void => {
    const kids = children(n);
    const left = kids[0];
    if (left && left.name === 'BinaryExpression' && isCompare(left)) collect(left);
    else operands.push(operand(left, n, scope));
    const opTokens = kids.slice(1, kids.length > 2 ? -1 : undefined).filter((k) => !isError(k));
    ops.push(opTokens.map((k) => scope.view.textOf(k)).join(' '));
    operands.push(operand(kids.length > 2 ? kids[kids.length - 1] : undefined, n, scope));
  };
  collect(node);
  const range = scope.view.range(node);
  const bad = ops.find((op) => !COMPARE_OPS.has(op));
  if (bad !== undefined) {
    const hint = bad === 'is' || bad === 'is not' ? '; compare values with == or != instead' : '';
    return scope.unsupportedExpr(bad, `the \`${bad}\` operator is not supported${hint}`, range);
  }
  return { kind: 'compare', ops: ops as IrCompareOp[], operands, range };
}

function isCompare(node: SyntaxNode): boolean {
  const op = node.firstChild?.nextSibling;
  return !!op && (op.name === 'CompareOp' || op.name === 'in' || op.name === 'not' || op.name === 'is');
}

type BoolToken = { readonly op: 'and' | 'or' | 'not'; readonly range: SourceRange } | { readonly expr: IrExpr };

/**
 * lezer parses `not a or b` as `not (a or b)` and `a and not b or c` as `a and not (b or c)`; Python
 * binds `not` tighter than `and`, `and` tighter than `or`. So the whole `and`/`or`/`not` run is
 * flattened back into tokens and re-parsed with Python's precedence. Parenthesised parts are kept.
 */
function lowerBoolean(node: SyntaxNode, scope: Scope): IrExpr {
  const tokens: BoolToken[] = [];
  const flatten = (n: SyntaxNode): void => {
    const kids = children(n);
    const boolBinary = n.name === 'BinaryExpression' && kids.some((k) => k.name === 'and' || k.name === 'or');
    const notUnary = n.name === 'UnaryExpression' && kids[0]?.name === 'not';
    if (!boolBinary && !notUnary) {
      tokens.push({ expr: lowerExpr(n, scope) });
      return;
    }
    for (const k of kids) {
      if (k.name === 'and' || k.name === 'or' || k.name === 'not') tokens.push({ op: k.name, range: scope.view.range(k) });
      else flatten(k);
    }
  };
  flatten(node);
  let i = 0;
  const at = (): BoolToken | undefined => tokens[i];
  const isOp = (t: BoolToken | undefined, op: string): boolean => !!t && 'op' in t && t.op === op;
  const parseNot = (): IrExpr => {
    const t = at();
    if (t && 'op' in t && t.op === 'not') {
      i++;
      const arg = parseNot();
      return { kind: 'unary', op: 'not', operand: arg, range: coverRanges(t.range, arg.range) };
    }
    if (t && 'expr' in t) {
      i++;
      return t.expr;
    }
    const where = t ? t.range : scope.view.range(node);
    return scope.broken({ start: where.end, end: where.end });
  };
  const parseLevel = (op: 'and' | 'or', next: () => IrExpr) => (): IrExpr => {
    let left = next();
    while (isOp(at(), op)) {
      i++;
      const right = next();
      left = { kind: 'logical', op, left, right, range: coverRanges(left.range, right.range) };
    }
    return left;
  };
  return parseLevel('or', parseLevel('and', parseNot))();
}

function lowerLambda(node: SyntaxNode, scope: Scope): IrExpr {
  const range = scope.view.range(node);
  const paramList = node.getChild('ParamList');
  const { params, problems } = lowerParams(paramList ? children(paramList) : [], scope);
  if (problems.length > 0) {
    return scope.unsupportedExpr('lambda', `lambda: ${problems[0]!.message}`, range);
  }
  const kids = children(node);
  const colon = kids.findIndex((k) => k.name === ':');
  const body = operand(colon >= 0 ? kids[colon + 1] : undefined, node, scope.withLocals(params.map((p) => p.name)));
  return { kind: 'lambda', params, body, range };
}

export interface ParamProblem {
  readonly message: string;
  readonly range: SourceRange;
}

/** Parameters of a `def` (inside its brackets) or a `lambda`; annotations dropped, defaults kept. */
export function lowerParams(nodes: readonly SyntaxNode[], scope: Scope): { params: IrParam[]; problems: ParamProblem[] } {
  const params: IrParam[] = [];
  const problems: ParamProblem[] = [];
  for (const group of splitOnCommas(nodes.filter((n) => n.name !== '(' && n.name !== ')')).groups) {
    const first = group[0]!;
    const range = scope.view.span(first, group[group.length - 1]!);
    if (first.name === '/') continue;
    if (first.name === '*' || first.name === '**') {
      const what = first.name === '**' ? '**kwargs parameters' : group.length > 1 ? '*args parameters' : 'keyword-only parameters (after *)';
      problems.push({ message: `${what} are not supported; list the parameters one by one`, range });
      continue;
    }
    if (first.name !== 'VariableName') continue;
    const assign = group.findIndex((k) => k.name === 'AssignOp');
    const name = scope.view.textOf(first);
    if (assign < 0) params.push({ name, range });
    else params.push({ name, default: operand(group[assign + 1], group[assign]!, scope), range });
  }
  return { params, problems };
}
