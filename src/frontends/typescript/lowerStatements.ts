// Statements of a TypeScript/JavaScript function, lowered to IR (the function itself and its
// parameters: lowerFunction.ts; expressions: lowerExpressions.ts; destructuring and assignment
// targets: lowerPatterns.ts; shared context, tables and error helpers: lowerContext.ts).
import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import type { IrExpr, IrStmt } from '../../ir/nodes';
import { children } from './parse';
import { type Context, UNSUPPORTED_STATEMENTS, broken, unsupportedStmt } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { assignmentStatements, freshName } from './lowerEffects';
import { lowerDo, lowerLabeled, lowerSwitch, lowerThrow, lowerTry } from './lowerControl';
import { append } from '../shared/append';
import { lowerFunction } from './lowerFunction';
import { destructure, lowerPattern, lowerTarget, needsStatements } from './lowerPatterns';
import { isMathValue, mathPatternAliases } from './mathAliases';

export function lowerBlock(block: SyntaxNode, ctx: Context): IrStmt[] {
  const out: IrStmt[] = [];
  for (const s of children(block)) {
    if (s.name === '{' || s.name === '}' || s.type.isError) continue;
    append(out, lowerStatement(s, ctx));
  }
  return out;
}

/** A statement, or a block, as a list of statements. */
export function lowerBody(node: SyntaxNode | undefined, ctx: Context): IrStmt[] {
  if (!node) return [];
  return node.name === 'Block' ? lowerBlock(node, ctx) : lowerStatement(node, ctx);
}

export function lowerStatement(s: SyntaxNode, ctx: Context): IrStmt[] {
  const view = ctx.view;
  const range = view.range(s);
  switch (s.name) {
    case 'VariableDeclaration':
      return lowerDeclaration(s, ctx);
    case 'ExpressionStatement': {
      const e = children(s).find((k) => k.name !== ';');
      return e ? lowerExpressionStatement(e, ctx, range) : [];
    }
    case 'ReturnStatement': {
      const e = children(s).find((k) => k.name !== 'return' && k.name !== ';' && !k.type.isError);
      return [e ? { kind: 'return', value: lowerExpr(e, ctx), range } : { kind: 'return', range }];
    }
    case 'IfStatement': {
      const kids = children(s);
      const test = kids.find((k) => k.name === 'ParenthesizedExpression');
      const elseAt = kids.findIndex((k) => k.name === 'else');
      const thenNode = kids.find((k, i) => test && k.from >= test.to && (elseAt < 0 || i < elseAt) && isStatementNode(k));
      const elseNode = elseAt >= 0 ? kids.slice(elseAt + 1).find(isStatementNode) : undefined;
      return [{
        kind: 'if',
        test: test ? lowerExpr(test, ctx) : broken(range),
        then: lowerBody(thenNode, ctx),
        else: lowerBody(elseNode, ctx),
        range,
      }];
    }
    case 'WhileStatement': {
      const kids = children(s);
      const test = kids.find((k) => k.name === 'ParenthesizedExpression');
      const body = kids.find((k) => test && k.from >= test.to && isStatementNode(k));
      return [{ kind: 'while', test: test ? lowerExpr(test, ctx) : broken(range), body: lowerBody(body, ctx), range }];
    }
    case 'ForStatement':
      return lowerFor(s, ctx);
    case 'BreakStatement':
    case 'ContinueStatement': {
      const label = s.getChild('Label');
      const kind = s.name === 'BreakStatement' ? 'break' : 'continue';
      return [label ? { kind, label: view.textOf(label), range } : { kind, range }];
    }
    case 'ThrowStatement':
      return [lowerThrow(s, ctx)];
    case 'TryStatement':
      return [lowerTry(s, ctx)];
    case 'SwitchStatement':
      return lowerSwitch(s, ctx);
    case 'LabeledStatement':
      return lowerLabeled(s, ctx);
    case 'DoStatement':
      return lowerDo(s, ctx);
    case 'Block':
      return lowerBlock(s, ctx);
    case ';':
      return [];
    case 'FunctionDeclaration': {
      const nameNode = s.getChild('VariableDefinition');
      if (!nameNode) return [];
      const fn = lowerFunction({ name: view.textOf(nameNode), node: s, nameNode, rangeNode: s }, ctx, []);
      return [{ kind: 'def', fn, range }];
    }
    case 'TypeAliasDeclaration':
    case 'InterfaceDeclaration':
    case 'EnumDeclaration':
    case 'AmbientDeclaration':
      return [];
    default: {
      const known = UNSUPPORTED_STATEMENTS[s.name];
      if (known) return [unsupportedStmt(ctx, known[0], known[1], range)];
      return [unsupportedStmt(ctx, s.name, `this statement (${s.name}) is not supported`, range)];
    }
  }
}

function isStatementNode(n: SyntaxNode): boolean {
  return /Statement$|Declaration$|^Block$/.test(n.name);
}

/** `let a = 1, [b, c] = f(x);` — each declarator is an assignment; a bare `let s;` binds undefined. */
function lowerDeclaration(s: SyntaxNode, ctx: Context): IrStmt[] {
  const out: IrStmt[] = [];
  const kids = children(s);
  const isDeclarator = (k: SyntaxNode): boolean => k.name === 'VariableDefinition' || k.name === 'ArrayPattern' || k.name === 'ObjectPattern';
  // One declarator: the statement is the assignment (`const a = …;` whole, as Python's `a = …`).
  const single = kids.filter(isDeclarator).length === 1;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (!isDeclarator(k)) continue;
    let j = i + 1;
    while (kids[j]?.name === 'TypeAnnotation' || kids[j]?.name === '!') j++;
    const value = kids[j]?.name === 'Equals' ? kids[j + 1] : undefined;
    const range = single ? ctx.view.range(s) : ctx.view.span(k, value ?? k);
    i = value ? j + 1 : j - 1;
    // A local function (`const g = (x) => …`) binds its name as a nested def does.
    if (k.name === 'VariableDefinition' && value && (value.name === 'ArrowFunction' || value.name === 'FunctionExpression') && value.getChild('Block')) {
      const fn = lowerFunction({ name: ctx.view.textOf(k), node: value, nameNode: k, rangeNode: s }, ctx, []);
      out.push({ kind: 'def', fn, range });
      continue;
    }
    if (k.name === 'ObjectPattern' && isMathValue(value, ctx.view, ctx.locals)) {
      // Bound as aliases of Math's members by lowerFunction (mathAliases.ts) when every name could be.
      const aliases = mathPatternAliases(k, ctx.view);
      if (aliases.every(([name, member]) => !ctx.locals.has(name) && ctx.mathAliases.get(name) === member)) continue;
    }
    // `var t;` runs as nothing: the function's start made t undefined (hoisted, lowerFunction.ts), and
    // met again in a loop it keeps t's value, where `let t;` makes it undefined again.
    if (!value && k.name === 'VariableDefinition' && s.getChild('var')) continue;
    const irValue: IrExpr = value ? lowerExpr(value, ctx) : { kind: 'none', range: ctx.view.range(k) };
    out.push(...destructure(k, irValue, range, ctx));
  }
  return out;
}

/** Statements an expression statement stands for: assignments, `i++`, a call, `console.log(…)` (skipped). */
function lowerExpressionStatement(e: SyntaxNode, ctx: Context, range: SourceRange): IrStmt[] {
  const view = ctx.view;
  if (e.name === 'AssignmentExpression') {
    const kids = children(e);
    const op = kids[1];
    const value = kids[2];
    if (!op || !value || kids[0]!.type.isError) return [{ kind: 'expr', value: broken(range), range }];
    // `a = b = x` → `b = x; a = b`, as the Python front end lowers chained assignment.
    if (op.name === 'Equals' && value.name === 'AssignmentExpression' && value.getChild('Equals') && children(value)[0]?.name === 'VariableName') {
      const inner = lowerExpressionStatement(value, ctx, view.range(value));
      const read = lowerExpr(children(value)[0]!, ctx);
      return [...inner, { kind: 'assign', target: lowerTarget(kids[0]!, ctx), value: read, range }];
    }
    if (op.name === 'Equals' && isFunctionProperty(kids[0]!, ctx)) return [{ kind: 'pass', range }];
    return assignmentStatements(e, ctx, range);
  }
  const step = incrementOf(e, ctx);
  if (step) return [step];
  if (e.name === 'SequenceExpression') {
    return children(e).filter((k) => k.name !== ',').flatMap((k) => lowerExpressionStatement(k, ctx, view.range(k)));
  }
  if (e.name === 'CallExpression' && isConsoleCall(e, ctx)) return [{ kind: 'pass', range }];
  return [{ kind: 'expr', value: lowerExpr(e, ctx), range }];
}

/** `i++`, `++i`, `i--`, `--i` as a statement: `i += 1`. */
function incrementOf(e: SyntaxNode, ctx: Context): IrStmt | undefined {
  if (e.name !== 'PostfixExpression' && e.name !== 'UnaryExpression') return undefined;
  const kids = children(e);
  const opNode = kids.find((k) => k.name === 'ArithOp' && /^(\+\+|--)$/.test(ctx.view.textOf(k)));
  const operand = kids.find((k) => k !== opNode);
  if (!opNode || !operand) return undefined;
  const range = ctx.view.range(e);
  return {
    kind: 'augAssign',
    target: lowerTarget(operand, ctx),
    op: ctx.view.textOf(opNode) === '++' ? '+' : '-',
    value: { kind: 'number', value: 1, range: ctx.view.range(opNode) },
    range,
  };
}

/**
 * `f.overshoot = custom` where f is a function declared in this scope (d3-ease's factories): a
 * property on a function, which no arithmetic reads; skipped. Reading it back is an error where it happens.
 */
function isFunctionProperty(target: SyntaxNode, ctx: Context): boolean {
  if (target.name !== 'MemberExpression' || target.getChild('[')) return false;
  const object = target.firstChild;
  return !!object && object.name === 'VariableName' && ctx.localFunctions.has(ctx.view.textOf(object));
}

/** `console.log(…)`, and a page's `document.write(…)`: output, as Python's `print` is, skipped as a statement. */
function isConsoleCall(e: SyntaxNode, ctx: Context): boolean {
  const callee = e.firstChild;
  if (!callee || callee.name !== 'MemberExpression' || callee.firstChild?.name !== 'VariableName') return false;
  const object = ctx.view.textOf(callee.firstChild);
  const method = callee.getChild('PropertyName');
  if (object === 'document') return !ctx.locals.has(object) && !!method && /^write(ln)?$/.test(ctx.view.textOf(method));
  return object === 'console' && !ctx.locals.has('console');
}

/**
 * `for (init; test; update) body` has no IR node of its own: it becomes `init; while (test) { body;
 * update }`, with every `continue` of this loop (not of a loop nested in it) replaced by `update;
 * continue`, so that `continue` still runs the update as JavaScript does. A missing test is `true`.
 * `for (const v of xs)` is the IR's `for`; `for … in` iterates keys and is not supported.
 */
function lowerFor(s: SyntaxNode, ctx: Context): IrStmt[] {
  const view = ctx.view;
  const range = view.range(s);
  const kids = children(s);
  const spec = kids.find((k) => k.name === 'ForSpec' || k.name === 'ForOfSpec' || k.name === 'ForInSpec');
  const bodyNode = kids.find((k) => spec && k.from >= spec.to && isStatementNode(k));
  if (!spec) return [{ kind: 'expr', value: broken(range), range }];
  if (s.getChild('await')) return [unsupportedStmt(ctx, 'for await', '`for await` is not supported', range)];
  const parts = children(spec);
  if (spec.name === 'ForOfSpec' || spec.name === 'ForInSpec') {
    // `for (k in xs)` walks the keys: an array's indices, as strings ("0", "1", …) as in JavaScript.
    const keys = spec.name === 'ForInSpec';
    const of = parts.findIndex((k) => k.name === (keys ? 'in' : 'of'));
    const targetNode = parts.slice(0, Math.max(of, 0)).find((k) => k.name === 'VariableDefinition' || k.name === 'VariableName' || k.name === 'ArrayPattern' || k.name === 'ObjectPattern');
    const iterable = of >= 0 ? parts.slice(of + 1).find((k) => k.name !== ')') : undefined;
    // `for (const {x, y} of points)`, `for (const [t, w = 1] of rows)`: each element into a temporary, then its parts.
    const objectTarget = targetNode && needsStatements(targetNode) ? targetNode : undefined;
    const element = objectTarget ? freshName(ctx, view.range(objectTarget)) : undefined;
    const unpack = objectTarget && element ? destructure(objectTarget, { kind: 'name', name: element.name, range: element.range }, element.range, ctx) : [];
    return [{
      kind: 'for',
      target: element ?? (targetNode ? lowerPattern(targetNode, ctx) : { kind: 'name', name: '_', range }),
      iterable: iterable ? (keys ? forInKeys(iterable, ctx) : lowerExpr(iterable, ctx)) : broken(range),
      body: [...unpack, ...lowerBody(bodyNode, ctx)],
      range,
    }];
  }
  // Split the spec's children on its two `;` (a VariableDeclaration init swallows the first one).
  const sections: SyntaxNode[][] = [[]];
  for (const k of parts) {
    if (k.name === '(' || k.name === ')') continue;
    if (k.name === ';') sections.push([]);
    else {
      sections[sections.length - 1]!.push(k);
      if (k.name === 'VariableDeclaration' && k.lastChild?.name === ';') sections.push([]);
    }
  }
  const [initNodes = [], testNodes = [], updateNodes = []] = sections;
  const init = initNodes.flatMap((n) => (n.name === 'VariableDeclaration' ? lowerDeclaration(n, ctx) : lowerExpressionStatement(n, ctx, view.range(n))));
  const testNode = testNodes[0];
  const test: IrExpr = testNode ? lowerExpr(testNode, ctx) : { kind: 'bool', value: true, range };
  const update = updateNodes.flatMap((n) => lowerExpressionStatement(n, ctx, view.range(n)));
  const loop: IrStmt = { kind: 'while', test, body: lowerBody(bodyNode, ctx), ...(update.length > 0 ? { update } : {}), range };
  return [...init, loop];
}


// ---------------------------------------------------------------------------------------------------
// Expressions

/** The keys `for … in` walks: an array's indices as strings, as JavaScript gives them. */
function forInKeys(iterable: SyntaxNode, ctx: Context): IrExpr {
  const range = ctx.view.range(iterable);
  return { kind: 'call', callee: { kind: 'intrinsic', name: 'for_in_keys', range }, args: [lowerExpr(iterable, ctx)], keywords: [], range };
}
