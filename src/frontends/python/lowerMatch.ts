import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import type { IrCompareOp, IrExpr, IrStmt } from '../../ir/nodes';
import { lowerExpr, lowerExpressionList } from './lowerExpressions';
import { children, splitOnCommas } from './parse';
import type { Scope } from './scope';

/**
 * `match` lowered to an IrMatch: the subject, and an `if`/`elif` chain of ordinary IR where each
 * `case` pattern becomes a test on the subject (read through `matchSubject`), and its captures are
 * assignments made inside the test (an `effect` expression), so a guard sees them, as in Python. Literal, capture, wildcard, or, as, value (`Color.RED`), sequence
 * (with one `*rest`), mapping and class patterns (keyword sub-patterns; one positional sub-pattern
 * for the builtin types, which match the subject itself) are read; any other pattern becomes a
 * refusal raised only when a subject reaches that `case`.
 */

type LowerBody = (body: SyntaxNode | null, scope: Scope) => IrStmt[];

/** Builtin classes whose one positional sub-pattern matches the subject itself (`case float(x):`). */
const SELF_MATCHING = new Set(['bool', 'int', 'float', 'str', 'list', 'tuple', 'dict', 'set']);

export function lowerMatch(node: SyntaxNode, scope: Scope, lowerBody: LowerBody): IrStmt[] {
  const view = scope.view;
  const range = view.range(node);
  const kids = children(node);
  const bodyAt = kids.findIndex((k) => k.name === 'MatchBody');
  const subjectNodes = kids.slice(1, bodyAt < 0 ? kids.length : bodyAt);
  const elements = subjectNodes.length === 1 ? tupleSubject(subjectNodes[0]!, scope) : undefined;
  const subjectExpr = elements ? { kind: 'tuple' as const, elements: elements.map((e) => subjectElement(e, scope)), range: view.span(elements[0]!, elements.at(-1)!) } : lowerExpressionList(splitOnCommas(subjectNodes), scope);
  if (!subjectExpr || bodyAt < 0) return [scope.unsupportedStmt('match', 'this match statement does not parse', range)];
  // The subject is evaluated once, by the match statement; the case tests read that value.
  const subject: IrExpr = { kind: 'matchSubject', range: subjectExpr.range };
  const clauses = children(kids[bodyAt]!).filter((c) => c.name === 'MatchClause');
  let chain: IrStmt[] = [];
  for (const clause of [...clauses].reverse()) {
    const parts = children(clause);
    const pattern = parts[1];
    const guard = parts.find((p) => p.name === 'Guard');
    const body = lowerBody(parts.find((p) => p.name === 'Body') ?? null, scope);
    const clauseRange = view.range(clause);
    // `case 1, 0:`, `case True, _:`: an open sequence pattern, whose parts lezer lists in the clause itself.
    const open = parts.slice(1).filter((p) => p.name !== 'Guard' && p.name !== 'Body');
    let test =
      open.some((p) => p.name === ',') ? lowerSequence(open, subject, scope, view.span(open[0]!, open.at(-1)!))
      : pattern ? lowerPattern(pattern, subject, scope)
      : scope.unsupportedExpr('case', 'this case does not parse', clauseRange);
    const guardExpr = guard ? children(guard)[1] : undefined;
    if (guardExpr) test = and(test, lowerExpr(guardExpr, scope), clauseRange);
    chain = [{ kind: 'if', test, then: body, else: chain, range: clauseRange }];
  }
  return [{ kind: 'match', subject: subjectExpr, cases: chain, range }];
}

/**
 * `match a, b:`, which lezer reads with its commas rewritten to `|` (preParse.ts): the elements
 * of the tuple, found as the operands of the operators whose source is a comma.
 */
function tupleSubject(node: SyntaxNode, scope: Scope): SyntaxNode[] | undefined {
  if (node.name !== 'BinaryExpression') return undefined;
  const [left, op, right] = children(node);
  if (!left || !op || !right || scope.view.textOf(op) !== ',') return undefined;
  return [...(tupleSubject(left, scope) ?? [left]), right];
}

/**
 * An element of a rewritten tuple subject: a comparison the parser read as `&` (preParse.ts),
 * left-deep as lezer reads a chain, is the comparison its source says (`a > 1`, `0 < t <= 1`).
 */
function subjectElement(node: SyntaxNode, scope: Scope): IrExpr {
  const view = scope.view;
  const operands: IrExpr[] = [];
  const ops: IrCompareOp[] = [];
  const collect = (n: SyntaxNode): boolean => {
    const [left, op, right] = children(n);
    if (n.name !== 'BinaryExpression' || !left || !op || !right) return false;
    const written = /^(?:[<>]=?|[=!]=)/.exec(view.source.slice(view.from(op), view.from(op) + 2))?.[0];
    if (!written) return false;
    if (!collect(left)) operands.push(lowerExpr(left, scope));
    ops.push(written as IrCompareOp);
    operands.push(lowerExpr(right, scope));
    return true;
  };
  return collect(node) ? { kind: 'compare', ops, operands, range: view.range(node) } : lowerExpr(node, scope);
}

/** What the parser saw through preParse.ts: a name whose source goes on with `()` (an empty class pattern), or a wildcard whose source is `[` or `(` (an empty sequence). */
function rewrittenPattern(pattern: SyntaxNode, scope: Scope): 'class' | 'sequence' | undefined {
  const view = scope.view;
  if (pattern.name === 'CapturePattern' && /^[[(]/.test(view.textOf(pattern))) return 'sequence';
  if ((pattern.name === 'CapturePattern' || pattern.name === 'AttributePattern') && /^\s*\(\s*\)/.test(view.source.slice(view.to(pattern), view.end))) return 'class';
  return undefined;
}

const TRUE = (range: SourceRange): IrExpr => ({ kind: 'bool', value: true, range });

function and(left: IrExpr, right: IrExpr, range: SourceRange): IrExpr {
  if (left.kind === 'bool' && left.value) return right;
  if (right.kind === 'bool' && right.value) return left;
  return { kind: 'logical', op: 'and', left, right, range };
}

function compare(op: IrCompareOp, left: IrExpr, right: IrExpr, range: SourceRange): IrExpr {
  return { kind: 'compare', ops: [op], operands: [left, right], range };
}

function call(intrinsic: string, args: IrExpr[], range: SourceRange): IrExpr {
  return { kind: 'call', callee: { kind: 'intrinsic', name: intrinsic, range }, args, keywords: [], range };
}

/** `name = value` made inside a test: true afterwards. */
function bind(name: string, value: IrExpr, range: SourceRange): IrExpr {
  return { kind: 'effect', stmts: [{ kind: 'assign', target: { kind: 'name', name, range }, value, range }], value: TRUE(range), range };
}

const num = (value: number, range: SourceRange): IrExpr => ({ kind: 'number', value, range });

/** The test that `subject` matches `pattern`, binding its captures as it goes. */
function lowerPattern(pattern: SyntaxNode, subject: IrExpr, scope: Scope): IrExpr {
  const view = scope.view;
  const parts = children(pattern);
  const rewritten = rewrittenPattern(pattern, scope);
  if (rewritten === 'class') {
    // `Point()` ends at its closing parenthesis, as written.
    const close = view.source.indexOf(')', view.to(pattern));
    return lowerClassPattern([pattern.name === 'CapturePattern' ? parts[0]! : pattern], subject, scope, view.rangeOf(view.from(pattern), close + 1));
  }
  const range = view.range(pattern);
  if (rewritten === 'sequence') return lowerSequence([], subject, scope, view.rangeOf(view.from(pattern), view.source.indexOf(view.textOf(pattern) === '[' ? ']' : ')', view.from(pattern)) + 1));
  switch (pattern.name) {
    case 'CapturePattern': {
      const name = view.textOf(parts[0]!);
      return name === '_' ? TRUE(range) : bind(name, subject, range);
    }
    case 'LiteralPattern': {
      const singleton = parts.length === 1 && ['None', 'Boolean', 'True', 'False'].includes(parts[0]!.name);
      const value = lowerLiteral(parts, scope, range);
      return compare(singleton ? 'is' : '==', subject, value, range);
    }
    case 'AttributePattern':
      return compare('==', subject, lowerExpr(pattern, scope), range);
    case 'OrPattern': {
      const alternatives = parts.filter((p) => p.name !== 'LogicOp').map((p) => lowerPattern(p, subject, scope));
      return alternatives.reduce((a, b) => ({ kind: 'logical', op: 'or', left: a, right: b, range }));
    }
    case 'AsPattern': {
      const inner = parts[0]!;
      const name = parts[parts.length - 1]!;
      return and(lowerPattern(inner, subject, scope), bind(view.textOf(name), subject, range), range);
    }
    case 'ParenthesizedPattern':
      return parts[1] ? lowerPattern(parts[1], subject, scope) : TRUE(range);
    case 'SequencePattern':
      return lowerSequence(parts, subject, scope, range);
    case 'MappingPattern':
      return lowerMapping(parts, subject, scope, range);
    case 'ClassPattern':
      return lowerClassPattern(parts, subject, scope, range);
  }
  return scope.unsupportedExpr('case pattern', `the pattern \`${view.textOf(pattern)}\` is not supported`, range);
}

function lowerLiteral(parts: SyntaxNode[], scope: Scope, range: SourceRange): IrExpr {
  if (parts.length === 1) return lowerExpr(parts[0]!, scope);
  // `-1`, `1 + 2j`-style: a sign before a number.
  if (parts.length === 2 && scope.view.textOf(parts[0]!) === '-') return { kind: 'unary', op: '-', operand: lowerExpr(parts[1]!, scope), range };
  return scope.unsupportedExpr('case pattern', `the literal pattern \`${parts.map((p) => scope.view.textOf(p)).join(' ')}\` is not supported`, range);
}

/** `[a, b]`, `(a, *rest, z)`: a list or tuple (never a string) of that length, element by element. */
function lowerSequence(parts: SyntaxNode[], subject: IrExpr, scope: Scope, range: SourceRange): IrExpr {
  const elements = parts.filter((p) => !['[', ']', '(', ')', ','].includes(p.name));
  const starAt = elements.findIndex((e) => e.name === 'StarPattern');
  if (elements.filter((e) => e.name === 'StarPattern').length > 1) return scope.unsupportedExpr('case pattern', 'a sequence pattern with two starred names does not parse in Python', range);
  const fixed = starAt < 0 ? elements.length : elements.length - 1;
  const types: IrExpr = { kind: 'tuple', elements: [{ kind: 'intrinsic', name: 'list', range }, { kind: 'intrinsic', name: 'tuple', range }], range };
  const length = call('len', [subject], range);
  let test = and(call('isinstance', [subject, types], range), compare(starAt < 0 ? '==' : '>=', length, num(fixed, range), range), range);
  elements.forEach((e, i) => {
    if (i === starAt) {
      const target = children(e).find((k) => k.name === 'CapturePattern');
      const name = target ? scope.view.textOf(children(target)[0]!) : '_';
      const after = elements.length - 1 - starAt;
      const slice: IrExpr = { kind: 'slice', lower: num(starAt, range), ...(after > 0 ? { upper: num(-after, range) } : {}), range };
      if (name !== '_') test = and(test, bind(name, call('list', [{ kind: 'index', object: subject, index: slice, range }], range), range), range);
      return;
    }
    const index = starAt >= 0 && i > starAt ? -(elements.length - i) : i;
    test = and(test, lowerPattern(e, { kind: 'index', object: subject, index: num(index, range), range: scope.view.range(e) }, scope), range);
  });
  return test;
}

/** `{"k": v}`: a dict holding each key, its value matching the sub-pattern. `**rest` is refused when reached. */
function lowerMapping(parts: SyntaxNode[], subject: IrExpr, scope: Scope, range: SourceRange): IrExpr {
  const inner = parts.filter((p) => !['{', '}'].includes(p.name));
  let test = call('isinstance', [subject, { kind: 'intrinsic', name: 'dict', range }], range);
  for (const group of splitOnCommas(inner).groups) {
    if (group[0]?.name === '**') return and(test, scope.unsupportedExpr('case pattern', '`**rest` in a mapping pattern is not supported', range), range);
    const key = group[0];
    const value = group[2];
    if (!key || group[1]?.name !== ':' || !value) return scope.unsupportedExpr('case pattern', 'this mapping pattern does not parse', range);
    const keyExpr = key.name === 'LiteralPattern' ? lowerLiteral(children(key), scope, range) : lowerExpr(key, scope);
    test = and(test, compare('in', keyExpr, subject, range), range);
    test = and(test, lowerPattern(value, { kind: 'index', object: subject, index: keyExpr, range }, scope), range);
  }
  return test;
}

/** `Point(x=0, y=yy)`: an instance whose attributes match; `float(x)`: a float, itself matched by `x`. */
function lowerClassPattern(parts: SyntaxNode[], subject: IrExpr, scope: Scope, range: SourceRange): IrExpr {
  const clsNode = parts[0]!;
  const cls = lowerExpr(clsNode, scope);
  const args = parts[1] ? children(parts[1]).filter((p) => !['(', ')'].includes(p.name)) : [];
  let test = call('isinstance', [subject, cls], range);
  const groups = splitOnCommas(args).groups.map((g) => g[0]!).filter((g) => g !== undefined);
  const positional = groups.filter((g) => g.name !== 'KeywordPattern');
  const className = scope.view.textOf(clsNode);
  if (positional.length > 0 && SELF_MATCHING.has(className) && scope.isBuiltin(className)) {
    if (positional.length === 1 && groups.length === 1) return and(test, lowerPattern(positional[0]!, subject, scope), range);
    return and(test, scope.unsupportedExpr('case pattern', `${className}(…) takes one positional sub-pattern, which matches the subject itself`, range), range);
  }
  // Positional sub-patterns name the attributes of the class's __match_args__, known for a class of
  // this module (literal, or written by @dataclass; inherited too).
  const matchArgs = clsNode.name === 'VariableName' ? scope.classFacts(className)?.matchArgs : undefined;
  if (positional.length > 0 && !matchArgs) {
    return and(test, scope.unsupportedExpr('case pattern', `positional sub-patterns of ${className}(…) need its __match_args__, which GradLens reads only from a class of this file; name the attributes (${className}(x=…))`, range), range);
  }
  if (matchArgs && positional.length > matchArgs.length) {
    return and(test, scope.unsupportedExpr('case pattern', `${className}() accepts ${matchArgs.length} positional sub-pattern${matchArgs.length === 1 ? '' : 's'} (${positional.length} given): Python raises TypeError here`, range), range);
  }
  for (const g of groups) {
    const keyword = g.name === 'KeywordPattern';
    const kw = children(g);
    const name = keyword ? scope.view.textOf(kw[0]!) : matchArgs![groups.indexOf(g)]!;
    const pattern = keyword ? kw[kw.length - 1]! : g;
    test = and(test, lowerPattern(pattern, { kind: 'attribute', object: subject, name, range: scope.view.range(g) }, scope), range);
  }
  return test;
}
