import { nameTable } from '../../core/keyed';
import type { SyntaxNode } from '@lezer/common';
import { comparePositions, rangeContains } from '../../core/sourceRange';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { IrBinaryOp, IrExpr, IrFunction, IrHandler, IrStmt, IrTarget } from '../../ir/nodes';
import { isChangingMethod } from '../../ir/moduleNames';
import { readImport } from './imports';
import { generatorBody, visibleWrite, yields, yieldStatement } from './generators';
import { lowerMatch } from './lowerMatch';
import { YIELD_VALUE } from './lowerExpressions';
import { lowerExpr, lowerExpressionList, lowerParams, operand } from './lowerExpressions';
import { children, insideBrackets, isError, splitOnCommas, type SourceView } from './parse';
import { collectLocals, type ModuleBinding, type Scope } from './scope';

/** Statements with no IR counterpart: what to call them and what to do instead. */
const UNSUPPORTED: Readonly<Record<string, readonly [string, string]>> = nameTable({
  ClassDefinition: ['class', 'classes inside a function are not supported; define the class at module level'],
  TypeDefinition: ['type', '`type` aliases are not supported inside a function'],
  PrintStatement: ['print statement', 'this is a Python 2 print statement; write print(...)'],
});

const AUG_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '**', '//', '%', '@', '&', '|', '^']);

/** A target or construct the IR cannot express; becomes one unsupported statement. */
class Unsupported {
  constructor(
    readonly construct: string,
    readonly message: string,
    readonly node: SyntaxNode,
  ) {}
}

/**
 * A `def` (possibly decorated; decorators are ignored) to an IrFunction. `syntax` holds the syntax
 * diagnostics of this def's text; a nested def takes the ones inside it from its parent's.
 */
export function lowerDefinition(node: SyntaxNode, outer: Scope, extra: { syntax?: readonly Diagnostic[]; gradientOf?: string } = {}): IrFunction {
  const view = outer.view;
  const def = node.name === 'DecoratedStatement' ? node.getChild('FunctionDefinition')! : node;
  const nameNode = def.getChild('VariableName');
  const body = def.getChild('Body');
  const paramList = def.getChild('ParamList');
  const fnRange = view.range(node);
  const syntax = extra.syntax ?? outer.syntax.filter((d) => rangeContains(fnRange, d.range));
  const diagnostics: Diagnostic[] = [...syntax];
  const { names, imports } = collectLocals(body, view);
  const paramNodes = paramList ? insideBrackets(paramList, '(', ')') : [];
  const bindings = new Map<string, ModuleBinding>();
  for (const item of imports.flatMap((i) => readImport(i, view))) {
    if (item.kind === 'module') bindings.set(item.name, { kind: 'module', path: item.path });
    else if (item.kind === 'unsupported') item.names.forEach((n) => bindings.set(n, { kind: 'unsupported', source: item.source }));
    else names.add(item.name);
  }
  const scope = outer.enterFunction({ locals: names, bindings, report: (d) => diagnostics.push(d), syntax });
  const { params, problems } = lowerParams(paramNodes, scope);
  const withParams = scope.withLocals(params.map((p) => p.name));
  for (const p of problems) scope.report(diagnostic('error', 'unsupported', p.message, p.range));
  const asyncKw = def.getChild('async');
  const generator = yields(body, body ? view.textOf(body) : '');
  const lowered = lowerBody(body, withParams);
  const written = generator ? visibleWrite(lowered, params.map((p) => p.name)) : undefined;
  const refusal = written && scope.unsupportedStmt('generator', 'a generator that changes what its caller can see (an attribute, an element of what it was given, a global) is not supported: GradLens runs a generator\'s body to its end when it is called, not item by item', written);
  const stmts = generator ? generatorBody(lowered, fnRange, refusal) : lowered;
  if (asyncKw) stmts.unshift(scope.unsupportedStmt('async def', '`async def` is not supported: GradLens runs plain functions only', view.range(asyncKw)));
  if (node.name === 'DecoratedStatement') noteDecorators(node, scope, diagnostics);
  diagnostics.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return {
    name: nameNode ? view.textOf(nameNode) : '',
    params,
    body: stmts,
    range: fnRange,
    nameRange: nameNode ? view.range(nameNode) : fnRange,
    diagnostics,
    ...(extra.gradientOf ? { gradientOf: extra.gradientOf } : {}),
    ...(generator ? { generator: true as const } : {}),
    ...docstringOf(body, view),
  };
}

/** The docstring's text (the body's first statement, a string), without its prefix and quotes. */
function docstringOf(body: SyntaxNode | null, view: SourceView): { doc?: string } {
  const first = body ? children(body).find((k) => k.name !== ':' && k.name !== 'newline' && k.name !== 'indent') : undefined;
  const string = first?.name === 'ExpressionStatement' ? first.firstChild : undefined;
  if (!string || string.name !== 'String') return {};
  const m = /^[rRuUbB]*("""|'''|"|')([\s\S]*)\1$/.exec(view.textOf(string));
  return m ? { doc: m[2]! } : {};
}

/** Decorators that change nothing GradLens computes; any other is ignored with a note. */
const HARMLESS_DECORATORS: ReadonlySet<string> = new Set([
  'staticmethod', 'classmethod', 'property', 'functools.wraps', 'wraps', 'functools.lru_cache', 'lru_cache', 'functools.cache', 'cache',
  'dataclass', 'dataclasses.dataclass', 'abstractmethod', 'abc.abstractmethod', 'overload', 'typing.overload',
  // Compilers and gradient-mode switches that keep the function's numbers: numba, JAX, PyTorch.
  'jit', 'njit', 'numba.jit', 'numba.njit', 'jax.jit', 'torch.jit.script', 'torch.compile', 'torch.no_grad', 'torch.inference_mode', 'torch.enable_grad',
  'typing.final', 'final', 'override', 'typing.override',
]);

function noteDecorators(node: SyntaxNode, scope: Scope, into: Diagnostic[]): void {
  for (const d of node.getChildren('Decorator')) {
    const text = scope.view.textOf(d).replace(/^@\s*/, '').trim();
    const name = text.replace(/\(.*$/s, '').trim();
    // `@x.setter` makes a property's setter (lowerClass.ts), `@x.deleter` is never called.
    if (HARMLESS_DECORATORS.has(name) || /^[A-Za-z_]\w*\.(setter|deleter)$/.test(name.replace(/\s+/g, ''))) continue;
    // A warning, not a note: `@twice` makes the value 2·f, and a number shown for f alone must say so.
    into.push(diagnostic('warning', 'ignored-decorator', `the decorator @${name} is ignored: GradLens differentiates the function as written, so its value and gradient are those of the undecorated function`, scope.view.range(d)));
  }
}

function lowerBody(body: SyntaxNode | null, scope: Scope): IrStmt[] {
  if (!body) return [];
  return children(body).flatMap((s) => lowerStatement(s, scope));
}

export function lowerStatement(node: SyntaxNode, scope: Scope): IrStmt[] {
  try {
    return lowerStatementOrThrow(node, scope);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    return [scope.unsupportedStmt(e.construct, e.message, scope.view.range(e.node))];
  }
}

function lowerStatementOrThrow(node: SyntaxNode, scope: Scope): IrStmt[] {
  const view = scope.view;
  const range = view.range(node);
  const kids = children(node);
  switch (node.name) {
    case ':':
    case ';':
      return [];
    case 'ExpressionStatement': {
      const e = kids[0];
      if (e && (e.name === 'String' || e.name === 'ContinuedString')) {
        // A docstring is a comment, but an unclosed one is still a syntax error.
        lowerExpr(e, scope);
        return [{ kind: 'pass', range }];
      }
      if (!e || isIgnoredExpression(e, scope)) return [{ kind: 'pass', range }];
      return [{ kind: 'expr', value: lowerExpr(e, scope), range }];
    }
    case 'AssignStatement':
      return lowerAssign(node, scope);
    case 'UpdateStatement':
      return [lowerUpdate(node, scope)];
    case 'ReturnStatement': {
      const value = lowerExpressionList(splitOnCommas(kids.slice(1)), scope);
      return [value ? { kind: 'return', value, range } : { kind: 'return', range }];
    }
    case 'YieldStatement': {
      const delegate = kids[1]?.name === 'from';
      // A bare `yield` (lezer's error node after it, document.ts) yields None.
      const value = kids.slice(delegate ? 2 : 1).filter((k) => !isError(k));
      return [yieldStatement(value.length > 0 ? lowerExpressionList(splitOnCommas(value), scope) : undefined, delegate, range)];
    }
    case 'PassStatement':
      return [{ kind: 'pass', range }];
    case 'AssertStatement': {
      const { groups } = splitOnCommas(kids.slice(1));
      const test = operand(groups[0]?.[0], node, scope);
      const message = groups[1]?.[0] ? lowerExpr(groups[1][0], scope) : undefined;
      return [{ kind: 'assert', test, ...(message ? { message } : {}), range }];
    }
    case 'RaiseStatement': {
      // `raise E from cause`: the cause only decorates the traceback.
      const value = kids[1] && kids[1].name !== 'from' ? lowerExpr(kids[1], scope) : undefined;
      return [value ? { kind: 'raise', exception: value, range } : { kind: 'raise', range }];
    }
    case 'TryStatement':
      return [lowerTry(node, kids, scope)];
    case 'WithStatement':
      return [lowerWith(node, kids, scope)];
    case 'BreakStatement':
      return [{ kind: 'break', range }];
    case 'ContinueStatement':
      return [{ kind: 'continue', range }];
    case 'IfStatement':
      return [lowerIf(kids, 0, node, scope)];
    case 'WhileStatement':
    case 'ForStatement':
      return [lowerLoop(node, kids, scope)];
    case 'MatchStatement':
      return lowerMatch(node, scope, lowerBody);
    case 'DeleteStatement':
      return lowerDelete(kids, scope);
    case 'FunctionDefinition':
      return [{ kind: 'def', fn: lowerDefinition(node, scope), range }];
    case 'DecoratedStatement':
      if (!node.getChild('FunctionDefinition')) break;
      return [{ kind: 'def', fn: lowerDefinition(node, scope), range }];
    case 'StatementGroup':
      return kids.flatMap((k) => lowerStatement(k, scope));
    case 'ImportStatement':
      return lowerLocalImport(node, scope);
    case 'ScopeStatement': {
      const kw = view.textOf(kids[0]!) === 'nonlocal' ? 'nonlocal' : 'global';
      const names = kids.filter((k) => k.name === 'VariableName').map((k) => view.textOf(k));
      return [{ kind: 'scope', scope: kw, names, range }];
    }
  }
  if (isError(node)) return [];
  const known = UNSUPPORTED[node.name === 'DecoratedStatement' ? 'ClassDefinition' : node.name];
  if (known) return [scope.unsupportedStmt(known[0], known[1], range)];
  return [scope.unsupportedStmt(node.name, `${node.name} is not supported by GradLens`, range)];
}

/**
 * `...` placeholders, and `print(...)` lines whose arguments change nothing: no value, no effect on
 * the result, so what they format (`"%.3f" % arr`, `arr.round(3)`) is never read. A print that
 * draws, pops or calls the file's own code (`print(rs.randn(3))`, `print(xs.pop())`, `print(f(x))`)
 * is run like any call, since what its arguments do is seen after it.
 */
function isIgnoredExpression(e: SyntaxNode, scope: Scope): boolean {
  if (e.name === 'Ellipsis') return true;
  if (e.name !== 'CallExpression') return false;
  const callee = e.firstChild;
  if (!callee || callee.name !== 'VariableName' || scope.view.textOf(callee) !== 'print' || !scope.isBuiltin('print')) return false;
  return !argumentsMayChange(e, scope);
}

/** Builtins whose calls change nothing. */
const QUIET_BUILTINS = new Set(['len', 'str', 'repr', 'format', 'round', 'float', 'int', 'bool', 'abs', 'min', 'max', 'sum', 'sorted', 'list', 'tuple', 'dict', 'set', 'range', 'enumerate', 'zip', 'type', 'isinstance', 'any', 'all']);

/** Whether a call's arguments may change something: a call of the file's code, a changing or drawing method, `:=`. */
function argumentsMayChange(call: SyntaxNode, scope: Scope): boolean {
  const args = call.getChild('ArgList');
  if (!args) return false;
  const cursor = args.cursor();
  const end = args.to;
  while (cursor.next() && cursor.from < end) {
    if (cursor.name === 'NamedExpression') return true;
    if (cursor.name !== 'CallExpression') continue;
    const callee = cursor.node.firstChild;
    if (callee?.name === 'VariableName') {
      const name = scope.view.textOf(callee);
      if (!QUIET_BUILTINS.has(name) || !scope.isBuiltin(name)) return true;
    } else if (callee?.name === 'MemberExpression') {
      const path = scope.view.textOf(callee).replace(/\s+/g, '');
      if (isChangingMethod(path.slice(path.lastIndexOf('.') + 1)) || /^(np|numpy)\.random\.|^random\./.test(path)) return true;
    } else return true;
  }
  return false;
}

/** `a = b = e` is two assignments; the second reads the first name back instead of evaluating `e` twice. */
function lowerAssign(node: SyntaxNode, scope: Scope): IrStmt[] {
  const range = scope.view.range(node);
  const kids = children(node).filter((k) => k.name !== 'TypeDef');
  const sides: SyntaxNode[][] = [[]];
  for (const k of kids) {
    if (k.name === 'AssignOp') sides.push([]);
    else sides[sides.length - 1]!.push(k);
  }
  if (sides.length < 2) return [{ kind: 'pass', range }];
  const valueSide = sides.pop()!;
  if (valueSide[0]?.name === 'YieldExpression') throw new Unsupported('yield', YIELD_VALUE, valueSide[0]);
  const value = lowerExpressionList(splitOnCommas(valueSide), scope) ?? operand(undefined, node, scope);
  const targets = sides.map((side) => lowerTargetList(side, node, scope));
  const first = targets[0]!;
  return targets.map((target, i): IrStmt => {
    const v: IrExpr = i > 0 && first.kind === 'name' ? { kind: 'name', name: first.name, range: value.range } : value;
    return { kind: 'assign', target, value: v, range };
  });
}

function lowerUpdate(node: SyntaxNode, scope: Scope): IrStmt {
  const kids = children(node);
  const opNode = kids.find((k) => k.name === 'UpdateOp');
  const op = opNode ? scope.view.textOf(opNode).slice(0, -1) : '';
  if (!AUG_OPS.has(op)) throw new Unsupported(`${op}=`, `the operator ${op}= is not supported; GradLens differentiates arithmetic on numbers`, node);
  const opAt = kids.indexOf(opNode!);
  const target = lowerTarget(kids[0]!, scope);
  if (target.kind === 'tuple') throw new Unsupported(`${op}=`, `a tuple cannot take ${op}=`, node);
  const value = lowerExpressionList(splitOnCommas(kids.slice(opAt + 1)), scope) ?? operand(undefined, node, scope);
  return { kind: 'augAssign', target, op: op as IrBinaryOp, value, range: scope.view.range(node) };
}

/** `a, b` on the left of `=` or after `for`: one target, or a tuple of them. */
function lowerTargetList(nodes: SyntaxNode[], statement: SyntaxNode, scope: Scope): IrTarget {
  const { groups, trailingComma } = splitOnCommas(nodes);
  if (groups.length === 0) throw new Unsupported('syntax error', 'this assignment has no target', statement);
  const targets = groups.map((g) => lowerTargetGroup(g, scope));
  if (groups.length === 1 && !trailingComma) return targets[0]!;
  const last = groups[groups.length - 1]!;
  return { kind: 'tuple', elements: targets, range: scope.view.span(groups[0]![0]!, last[last.length - 1]!) };
}

function lowerTargetGroup(group: SyntaxNode[], scope: Scope): IrTarget {
  if (group[0]!.name === '*') {
    throw new Unsupported('starred assignment', 'unpacking into `*name` is not supported; index the elements instead', group[group.length - 1]!);
  }
  return lowerTarget(group[0]!, scope);
}

function lowerTarget(node: SyntaxNode, scope: Scope): IrTarget {
  const range = scope.view.range(node);
  switch (node.name) {
    case 'VariableName':
      return { kind: 'name', name: scope.view.textOf(node), range };
    case 'ParenthesizedExpression':
    case 'TupleExpression':
    case 'ArrayExpression': {
      const [open, close] = node.name === 'ArrayExpression' ? ['[', ']'] : ['(', ')'];
      const { groups, trailingComma } = splitOnCommas(insideBrackets(node, open!, close!));
      const elements = groups.map((g) => lowerTargetGroup(g, scope));
      if (node.name === 'ParenthesizedExpression' && elements.length === 1 && !trailingComma) return elements[0]!;
      return { kind: 'tuple', elements, range };
    }
    case 'MemberExpression': {
      const e = lowerExpr(node, scope);
      if (e.kind === 'index') return { kind: 'index', object: e.object, index: e.index, range };
      if (e.kind === 'attribute') return { kind: 'attribute', object: e.object, name: e.name, range };
      throw new Unsupported('assignment target', `cannot assign to \`${scope.view.textOf(node)}\`: it is a library name`, node);
    }
  }
  if (isError(node)) throw new Unsupported('syntax error', 'this assignment target does not parse', node);
  throw new Unsupported('assignment target', `cannot assign to \`${scope.view.textOf(node)}\``, node);
}

/** `elif` arrives as an `if` nested in `else`, its range running from `elif` to the end of the chain. */
function lowerIf(kids: SyntaxNode[], start: number, statement: SyntaxNode, scope: Scope): IrStmt {
  const view = scope.view;
  const test = kids[start + 1]?.name === 'Body' ? undefined : kids[start + 1];
  const bodyAt = kids.findIndex((k, i) => i > start && k.name === 'Body');
  const then = lowerBody(bodyAt >= 0 ? kids[bodyAt]! : null, scope);
  const next = bodyAt >= 0 ? kids[bodyAt + 1] : undefined;
  let otherwise: IrStmt[] = [];
  if (next?.name === 'elif') otherwise = [lowerIf(kids, bodyAt + 1, statement, scope)];
  else if (next?.name === 'else') otherwise = lowerBody(kids[bodyAt + 2] ?? null, scope);
  const range = view.rangeOf(view.from(kids[start]!), view.to(statement));
  return { kind: 'if', test: test ? lowerExpr(test, scope) : operand(undefined, kids[start]!, scope), then, else: otherwise, range };
}

function lowerLoop(node: SyntaxNode, kids: SyntaxNode[], scope: Scope): IrStmt {
  const range = scope.view.range(node);
  const elseAt = kids.findIndex((k) => k.name === 'else');
  const loop = node.name === 'ForStatement' ? 'for' : 'while';
  if (kids[0]?.name === 'async') return scope.unsupportedStmt('async for', '`async for` is not supported', range);
  if (elseAt >= 0) {
    // `for … else`: the loop in a labelled block whose label its own `break`s leave, so the `else`
    // after it runs only when the loop ran out.
    const label = `${loop}-else@${range.start.line + 1}:${range.start.column + 1}`;
    const inner = lowerLoop(node, kids.slice(0, elseAt), scope);
    const otherwise = lowerBody(kids[elseAt + 1] ?? null, scope);
    return { kind: 'labeled', label, body: [breaksLeave(inner, label), ...otherwise], range };
  }
  const body = lowerBody(kids.find((k) => k.name === 'Body') ?? null, scope);
  const bodyAt = kids.findIndex((k) => k.name === 'Body');
  const header = kids.slice(1, bodyAt < 0 ? kids.length : bodyAt);
  if (loop === 'while') return { kind: 'while', test: operand(header[0], kids[0]!, scope), body, range };
  const inAt = header.findIndex((k) => k.name === 'in');
  if (inAt < 0) throw new Unsupported('syntax error', 'this for loop does not parse', node);
  const target = lowerTargetList(header.slice(0, inAt), node, scope);
  const iterable = lowerExpressionList(splitOnCommas(header.slice(inAt + 1)), scope) ?? operand(undefined, header[inAt]!, scope);
  return { kind: 'for', target, iterable, body, range };
}

/** `loop` with its own unlabelled `break`s (not those of loops or defs inside it) made `break label`. */
function breaksLeave(loop: IrStmt, label: string): IrStmt {
  const walk = (stmts: readonly IrStmt[]): IrStmt[] => stmts.map((s): IrStmt => {
    switch (s.kind) {
      case 'break':
        return s.label === undefined ? { ...s, label } : s;
      case 'if':
        return { ...s, then: walk(s.then), else: walk(s.else) };
      case 'match':
        return { ...s, cases: walk(s.cases) };
      case 'try':
        return { ...s, body: walk(s.body), handlers: s.handlers.map((h) => ({ ...h, body: walk(h.body) })), else: walk(s.else), finally: walk(s.finally) };
      case 'with':
      case 'labeled':
        return { ...s, body: walk(s.body) };
      default:
        return s;
    }
  });
  return loop.kind === 'for' || loop.kind === 'while' ? { ...loop, body: walk(loop.body) } : loop;
}

/**
 * `del x` unbinds a name: here it binds None, so a later use fails as arithmetic on None would
 * (never a number). `del d[k]`, `del xs[i]` remove the entry as `.pop(k)` does (a dict's missing key
 * and a list's bad index fail the same way). `del obj.attr` and `del xs[a:b]` are refused when reached.
 */
function lowerDelete(kids: SyntaxNode[], scope: Scope): IrStmt[] {
  return splitOnCommas(kids.slice(1)).groups.flatMap((group): IrStmt[] => {
    const node = group[0];
    if (!node) return [];
    const range = scope.view.range(node);
    if (node.name === 'VariableName') return [{ kind: 'assign', target: { kind: 'name', name: scope.view.textOf(node), range }, value: { kind: 'none', range }, range }];
    if (node.name === 'TupleExpression' || node.name === 'ParenthesizedExpression' || node.name === 'ArrayExpression') {
      const [open, close] = node.name === 'ArrayExpression' ? ['[', ']'] : ['(', ')'];
      return lowerDelete([node, ...insideBrackets(node, open!, close!)], scope);
    }
    const target = node.name === 'MemberExpression' ? lowerExpr(node, scope) : undefined;
    if (target?.kind === 'index' && target.index.kind !== 'slice') {
      const pop: IrExpr = { kind: 'attribute', object: target.object, name: 'pop', range };
      return [{ kind: 'expr', value: { kind: 'call', callee: pop, args: [target.index], keywords: [], range }, range }];
    }
    return [scope.unsupportedStmt('del', `\`del ${scope.view.textOf(node)}\` is not supported`, range)];
  });
}

/** `try: … except (A, B) as e: … else: … finally: …`. */
function lowerTry(node: SyntaxNode, kids: SyntaxNode[], scope: Scope): IrStmt {
  const range = scope.view.range(node);
  let body: IrStmt[] = [];
  const handlers: IrHandler[] = [];
  let otherwise: IrStmt[] = [];
  let cleanup: IrStmt[] = [];
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.name === 'try' && kids[i + 1]?.name === 'Body') body = lowerBody(kids[++i]!, scope);
    else if (k.name === 'except') {
      const header: SyntaxNode[] = [];
      let j = i + 1;
      while (j < kids.length && kids[j]!.name !== 'Body') header.push(kids[j++]!);
      const asAt = header.findIndex((h) => h.name === 'as');
      const typeNodes = (asAt < 0 ? header : header.slice(0, asAt)).filter((h) => h.name !== '*');
      // A bare `except:` catches everything Python raises, the engine's arithmetic errors included.
      const types = lowerExpressionList(splitOnCommas(typeNodes), scope) ?? { kind: 'errorType', name: 'BaseException', range: scope.view.range(k) };
      const nameNode = asAt >= 0 ? header[asAt + 1] : undefined;
      const handlerRange = scope.view.rangeOf(scope.view.from(k), scope.view.to(kids[j] ?? k));
      handlers.push({ types, ...(nameNode ? { name: scope.view.textOf(nameNode) } : {}), body: lowerBody(kids[j] ?? null, scope), range: handlerRange });
      i = j;
    } else if (k.name === 'else' && kids[i + 1]?.name === 'Body') otherwise = lowerBody(kids[++i]!, scope);
    else if (k.name === 'finally' && kids[i + 1]?.name === 'Body') cleanup = lowerBody(kids[++i]!, scope);
  }
  return { kind: 'try', body, handlers, else: otherwise, finally: cleanup, range };
}

/** `with a(...) as x, b(...):` */
function lowerWith(node: SyntaxNode, kids: SyntaxNode[], scope: Scope): IrStmt {
  const range = scope.view.range(node);
  if (kids[0]?.name === 'async') return scope.unsupportedStmt('async with', '`async with` is not supported', range);
  const bodyAt = kids.findIndex((k) => k.name === 'Body');
  const header = kids.slice(1, bodyAt < 0 ? kids.length : bodyAt).filter((k) => k.name !== '(' && k.name !== ')');
  const items = splitOnCommas(header).groups.map((g) => {
    const asAt = g.findIndex((h) => h.name === 'as');
    const context = lowerExpr(g[0]!, scope);
    const target = asAt >= 0 && g[asAt + 1] ? lowerTarget(g[asAt + 1]!, scope) : undefined;
    return { context, ...(target ? { target } : {}), range: scope.view.span(g[0]!, g[g.length - 1]!) };
  });
  return { kind: 'with', items, body: lowerBody(bodyAt >= 0 ? kids[bodyAt]! : null, scope), range };
}

/** `import numpy as np` inside a def was read before lowering (see lowerDefinition); what remains are bindings. */
function lowerLocalImport(node: SyntaxNode, scope: Scope): IrStmt[] {
  const view: SourceView = scope.view;
  return readImport(node, view).map((item): IrStmt => {
    switch (item.kind) {
      case 'module':
        return { kind: 'pass', range: item.range };
      case 'intrinsic':
        return { kind: 'assign', target: { kind: 'name', name: item.name, range: item.range }, value: item.raises ? { kind: 'intrinsic', name: item.intrinsic, raises: true, range: item.range } : { kind: 'intrinsic', name: item.intrinsic, range: item.range }, range: item.range };
      case 'constant':
        return { kind: 'assign', target: { kind: 'name', name: item.name, range: item.range }, value: { kind: 'number', value: item.value, range: item.range }, range: item.range };
      case 'unsupported':
        return scope.unsupportedStmt(item.construct, item.message, item.range);
    }
  });
}
