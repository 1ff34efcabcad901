import { nameTable } from '../../core/keyed';
import type { SyntaxNode } from '@lezer/common';
import { diagnostic } from '../../core/diagnostic';
import { coverRanges, type SourceRange } from '../../core/sourceRange';
import type { IrBinaryOp, IrClause, IrCompareOp, IrDictEntry, IrExpr, IrParam, IrStmt, IrTarget, IrTemplateField } from '../../ir/nodes';
import { distributionValue, lowerCall, lowerMember } from './lowerCalls';
import { lowerLongSum } from './lowerSums';
import { parseNumber, parseString } from './literals';
import { UNCLOSED_STRING } from './syntaxErrors';
import { children, insideBrackets, isError, splitOnCommas, type CommaGroups } from './parse';
import type { Scope } from './scope';

const BINARY_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '**', '//', '%', '@']);
const COMPARE_OPS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '==', '!=', 'in', 'not in', 'is', 'is not']);

/** Python's built-in exception types, lowered to `errorType` where no user name shadows them. */
const EXCEPTION_NAMES: ReadonlySet<string> = new Set([
  'BaseException', 'Exception', 'ArithmeticError', 'ZeroDivisionError', 'FloatingPointError', 'OverflowError',
  'ValueError', 'TypeError', 'LookupError', 'IndexError', 'KeyError', 'AssertionError', 'RuntimeError',
  'NotImplementedError', 'RecursionError', 'AttributeError', 'NameError', 'StopIteration', 'Warning',
  'UserWarning', 'RuntimeWarning', 'DeprecationWarning', 'FrozenInstanceError',
]);

/** `x = yield v`: a generator runs to its end when called (generators.ts), so nothing is ever sent in. */
export const YIELD_VALUE = 'a `yield` whose value is used (`x = yield v`, send()) is not supported: GradLens runs a generator\'s body to its end when it is called';

/** Constructs with no IR counterpart, by lezer node name: what to call them, and what to do instead. */
const UNSUPPORTED: Readonly<Record<string, readonly [string, string]>> = nameTable({
  AwaitExpression: ['await', '`await` is not supported: GradLens runs plain functions only'],
  YieldExpression: ['yield', YIELD_VALUE],
  Ellipsis: ['ellipsis', 'the ellipsis `...` is only supported as an index (x[..., 0], x[...] = 0)'],
});

export function lowerExpr(node: SyntaxNode, scope: Scope): IrExpr {
  if (isError(node)) return scope.broken(scope.view.errorRange(node));
  const range = scope.view.range(node);
  switch (node.name) {
    case 'Number': {
      const n = parseNumber(scope.view.textOf(node));
      if (n.kind === 'complex') return scope.unsupportedExpr('complex number', 'complex numbers are not supported', range);
      return { ...n, range };
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
    case 'ArrayComprehensionExpression':
      return lowerComprehension(node, 'list', insideBrackets(node, '[', ']'), scope);
    case 'ComprehensionExpression':
      return lowerComprehension(node, 'generator', insideBrackets(node, '(', ')'), scope);
    case 'SetComprehensionExpression':
      return lowerComprehension(node, 'set', insideBrackets(node, '{', '}'), scope);
    case 'DictionaryComprehensionExpression':
      return lowerComprehension(node, 'dict', insideBrackets(node, '{', '}'), scope);
    case 'SetExpression':
      return { kind: 'set', elements: lowerGroups(splitOnCommas(insideBrackets(node, '{', '}')).groups, scope), range };
    case 'DictionaryExpression':
      return lowerDict(node, scope);
    case 'FormatString':
      return lowerTemplate(node, scope);
    case 'NamedExpression': {
      const [target, , value] = children(node);
      if (target?.name !== 'VariableName') return scope.unsupportedExpr(':=', 'only a name can be assigned with :=', range);
      // `(n := e)` is an assignment inside an expression: the IR's effect, whose value reads `n` back.
      const name = { kind: 'name' as const, name: scope.view.textOf(target), range: scope.view.range(target) };
      const assign: IrStmt = { kind: 'assign', target: name, value: operand(value, node, scope), range };
      return { kind: 'effect', stmts: [assign], value: name, range };
    }
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
  if (group[0]!.name === '**' || !group[1]) return scope.unsupportedExpr('starred expression', 'unpacking with `**` is only supported in a call or a dict', range);
  return { kind: 'spread', value: lowerExpr(group[1], scope), range };
}

/** A generator expression that is a call's only argument (`sum(x for x in xs)`): the call's brackets are its own. */
export function lowerComprehensionNodes(node: SyntaxNode, inner: SyntaxNode[], scope: Scope): IrExpr {
  return lowerComprehension(node, 'generator', inner, scope);
}

/**
 * `[e for x in xs if c for y in ys]` arrives as flat tokens inside the brackets: the element (for a
 * dict, `key : value`), then clauses opened by `for … in …` and `if …`.
 */
function lowerComprehension(node: SyntaxNode, result: 'list' | 'set' | 'dict' | 'generator', inner: SyntaxNode[], scope: Scope): IrExpr {
  const range = scope.view.range(node);
  const firstFor = inner.findIndex((k) => k.name === 'for');
  if (firstFor < 1) return scope.broken(range);
  const head = inner.slice(0, firstFor);
  const clauses: IrClause[] = [];
  let i = firstFor;
  while (i < inner.length) {
    const k = inner[i]!;
    if (k.name === 'async') return scope.unsupportedExpr('async comprehension', 'asynchronous comprehensions are not supported', range);
    let j = i + 1;
    while (j < inner.length && inner[j]!.name !== 'for' && inner[j]!.name !== 'if' && inner[j]!.name !== 'async') j++;
    const part = inner.slice(i + 1, j);
    if (k.name === 'for') {
      const inAt = part.findIndex((p) => p.name === 'in');
      if (inAt < 0) return scope.broken(range);
      const target = lowerComprehensionTarget(part.slice(0, inAt), scope);
      const iterable = operand(part[inAt + 1], node, scope);
      clauses.push({ kind: 'for', target, iterable, range: scope.view.span(k, part[part.length - 1] ?? k) });
    } else if (k.name === 'if') {
      clauses.push({ kind: 'if', test: operand(part[0], node, scope), range: scope.view.span(k, part[part.length - 1] ?? k) });
    } else return scope.broken(range);
    i = j;
  }
  if (result === 'dict') {
    const colon = head.findIndex((h) => h.name === ':');
    if (colon < 0) return scope.broken(range);
    return { kind: 'comprehension', result, key: operand(head[0], node, scope), element: operand(head[colon + 1], node, scope), clauses, range };
  }
  return { kind: 'comprehension', result, element: operand(head[0], node, scope), clauses, range };
}

function lowerComprehensionTarget(nodes: SyntaxNode[], scope: Scope): IrTarget {
  const { groups, trailingComma } = splitOnCommas(nodes);
  const one = (n: SyntaxNode): IrTarget => {
    const range = scope.view.range(n);
    if (n.name === 'VariableName') return { kind: 'name', name: scope.view.textOf(n), range };
    if (n.name === 'TupleExpression' || n.name === 'ParenthesizedExpression' || n.name === 'ArrayExpression') {
      const [open, close] = n.name === 'ArrayExpression' ? ['[', ']'] : ['(', ')'];
      const inner = splitOnCommas(insideBrackets(n, open!, close!));
      const elements = inner.groups.map((g) => one(g[0]!));
      return elements.length === 1 && !inner.trailingComma && n.name === 'ParenthesizedExpression' ? elements[0]! : { kind: 'tuple', elements, range };
    }
    const e = lowerExpr(n, scope);
    if (e.kind === 'index') return { kind: 'index', object: e.object, index: e.index, range };
    if (e.kind === 'attribute') return { kind: 'attribute', object: e.object, name: e.name, range };
    return { kind: 'name', name: '<invalid target>', range };
  };
  const targets = groups.map((g) => one(g[0]!));
  if (targets.length === 1 && !trailingComma) return targets[0]!;
  const first = groups[0]![0]!;
  const last = groups[groups.length - 1]!;
  return { kind: 'tuple', elements: targets, range: scope.view.span(first, last[last.length - 1]!) };
}

function lowerDict(node: SyntaxNode, scope: Scope): IrExpr {
  const range = scope.view.range(node);
  const entries: IrDictEntry[] = [];
  for (const g of splitOnCommas(insideBrackets(node, '{', '}')).groups) {
    if (g[0]!.name === '**') {
      entries.push({ spread: operand(g[1], g[0]!, scope) });
      continue;
    }
    const colon = g.findIndex((k) => k.name === ':');
    if (colon < 0) return scope.broken(range);
    entries.push({ key: lowerExpr(g[0]!, scope), value: operand(g[colon + 1], g[colon]!, scope) });
  }
  return { kind: 'dict', entries, range };
}

/** `f"a{b!r:>{w}.3f}"`: literal text between replacement fields; a spec may hold fields of its own. */
function lowerTemplate(node: SyntaxNode, scope: Scope): IrExpr {
  const range = scope.view.range(node);
  const text = scope.view.textOf(node);
  const prefix = /^[a-zA-Z]*/.exec(text)![0];
  if (/b/i.test(prefix)) return scope.unsupportedExpr('bytes literal', 'bytes literals are not supported', range);
  const raw = /r/i.test(prefix);
  const opening = text.slice(prefix.length, prefix.length + 3);
  const quote = opening === '"'.repeat(3) || opening === "'".repeat(3) ? 3 : 1;
  const source = scope.view.source;
  const start = scope.view.from(node) + prefix.length + quote;
  const end = Math.max(start, scope.view.to(node) - quote);
  const parts: (string | IrTemplateField)[] = [];
  const literal = (from: number, to: number): void => {
    if (to <= from) return;
    const chunk = source.slice(from, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    parts.push(raw ? chunk : unescape(chunk));
  };
  let at = start;
  for (const field of children(node).filter((c) => c.name === 'FormatReplacement')) {
    literal(at, scope.view.from(field));
    parts.push(lowerField(field, scope));
    at = scope.view.to(field);
  }
  literal(at, end);
  return { kind: 'template', parts, range };
}

function lowerField(field: SyntaxNode, scope: Scope): IrTemplateField {
  const kids = children(field).filter((k) => k.name !== '{' && k.name !== '}');
  const value = operand(kids[0], field, scope);
  const conversionNode = kids.find((k) => k.name === 'FormatConversion');
  const specNode = kids.find((k) => k.name === 'FormatSpec');
  const conversion = conversionNode ? scope.view.textOf(conversionNode).slice(1) : undefined;
  let spec: IrExpr | undefined;
  if (specNode) {
    const source = scope.view.source;
    const inner = children(specNode).filter((k) => k.name === 'FormatReplacement');
    const specStart = scope.view.from(specNode) + 1;
    const specEnd = scope.view.to(specNode);
    if (inner.length === 0) spec = { kind: 'string', value: source.slice(specStart, specEnd), range: scope.view.range(specNode) };
    else {
      const parts: (string | IrTemplateField)[] = [];
      let at = specStart;
      for (const f of inner) {
        if (scope.view.from(f) > at) parts.push(source.slice(at, scope.view.from(f)));
        parts.push(lowerField(f, scope));
        at = scope.view.to(f);
      }
      if (specEnd > at) parts.push(source.slice(at, specEnd));
      spec = { kind: 'template', parts, range: scope.view.range(specNode) };
    }
  }
  return { value, ...(conversion ? { conversion } : {}), ...(spec ? { spec } : {}) };
}

function unescape(s: string): string {
  return s.replace(/\\(n|t|r|\\|'|"|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/g, (_m, e: string) => {
    if (e === 'n') return '\n';
    if (e === 't') return '\t';
    if (e === 'r') return '\r';
    if (e[0] === 'x' || e[0] === 'u') return String.fromCharCode(parseInt(e.slice(1), 16));
    return e;
  });
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
  const sum = scope.view.sumAt(node);
  if (sum) return lowerLongSum(sum, scope);
  return lowerNameText(scope.view.textOf(node), scope.view.range(node), scope);
}

/** A name as an expression: a local, a module's function or constant, a builtin (also for a long sum's plain terms, lowerSums.ts). */
export function lowerNameText(name: string, range: SourceRange, scope: Scope): IrExpr {
  if (EXCEPTION_NAMES.has(name) && scope.isBuiltin(name)) return { kind: 'errorType', name, range };
  // The module GradLens reads is the one being run (`logging.getLogger(__name__)`, `if __name__ == "__main__"`).
  if (name === 'NotImplemented' && scope.isBuiltin(name)) return { kind: 'notImplemented', range };
  if (name === '__name__' && scope.isBuiltin(name)) return { kind: 'string', value: '__main__', range };
  const binding = scope.moduleBinding(name);
  if (binding?.kind === 'unsupported') {
    return scope.unsupportedExpr(name, `${name} comes from ${binding.source}, which GradLens does not support`, range);
  }
  if (binding) {
    const distribution = binding.kind === 'module' ? distributionValue(binding.path, name, range) : undefined;
    if (distribution) return distribution;
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

/** `&`, `|`, `^` (numpy's masks, and integers) are IR operators; shifts are not supported. */
function bitwise(op: SyntaxNode, node: SyntaxNode, scope: Scope): IrExpr {
  const text = scope.view.textOf(op);
  const range = scope.view.range(node);
  const kids = children(node);
  if (text === '~' && kids.length === 2) return { kind: 'unary', op: '~', operand: operand(kids[1], node, scope), range };
  if ((text === '&' || text === '|' || text === '^') && kids.length >= 2) {
    const left = operand(kids[0], node, scope);
    const right = operand(kids.length > 2 ? kids[kids.length - 1] : undefined, node, scope);
    return { kind: 'binary', op: text, left, right, range };
  }
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
  let keywordOnly = false;
  for (const group of splitOnCommas(nodes.filter((n) => n.name !== '(' && n.name !== ')')).groups) {
    const first = group[0]!;
    const range = scope.view.span(first, group[group.length - 1]!);
    if (first.name === '/') continue;
    if (first.name === '*' || first.name === '**') {
      keywordOnly = true;
      const name = group[1]?.name === 'VariableName' ? scope.view.textOf(group[1]) : undefined;
      if (name) params.push({ name, kind: first.name === '*' ? 'varargs' : 'varkw', range });
      continue;
    }
    if (first.name !== 'VariableName') continue;
    const assign = group.findIndex((k) => k.name === 'AssignOp');
    const name = scope.view.textOf(first);
    const kind = keywordOnly ? { kind: 'kwonly' as const } : {};
    if (assign < 0) params.push({ name, ...kind, range });
    else params.push({ name, ...kind, default: operand(group[assign + 1], group[assign]!, scope), range });
  }
  return { params, problems };
}
