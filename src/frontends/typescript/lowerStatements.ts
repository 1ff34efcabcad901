// Statements of a TypeScript/JavaScript function, lowered to IR (expressions: lowerExpressions.ts;
// shared context, tables and error helpers: lowerContext.ts).
import type { SyntaxNode } from '@lezer/common';
import type { Diagnostic } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type { IrExpr, IrFunction, IrParam, IrStmt } from '../../ir/nodes';
import { assignedNames } from '../../ir/walk';
import { children, type SourceView } from './parse';
import { type Context, UNSUPPORTED_STATEMENTS, UPDATE, broken, jsRemainder, unsupportedStmt } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { assignmentStatements, freshName } from './lowerEffects';
import { lowerDo, lowerLabeled, lowerSwitch, lowerThrow, lowerTry } from './lowerControl';
import { append } from '../shared/append';
import { destructure, lowerPattern, lowerTarget, needsStatements, patternParamName } from './lowerPatterns';
import { functionMathAliases, isMathValue, mathPatternAliases } from './mathAliases';

/** Every function-like node that can be lowered as a function: declarations, arrows, methods. */
export interface FunctionSource {
  readonly name: string;
  /** The node holding ParamList and body (FunctionDeclaration, ArrowFunction, FunctionExpression, Property). */
  readonly node: SyntaxNode;
  readonly nameNode: SyntaxNode;
  /** The whole definition (`export …`, `const f = …;`). */
  readonly rangeNode: SyntaxNode;
}

export function lowerFunction(src: FunctionSource, ctx: Context, extra: readonly Diagnostic[], gradientOf?: string): IrFunction {
  const diagnostics: Diagnostic[] = [...extra];
  // `function () { … arguments[i] … }` (gl-matrix's Math.hypot polyfill): the arguments are a rest
  // parameter named `arguments`. With named parameters too, `arguments` is a local the call binds to
  // what was passed (`IrFunction.argumentsName`): `arguments.length` counts the caller's arguments.
  const readsArguments = src.node.name !== 'ArrowFunction' && usesArguments(src.node, ctx.view);
  const argumentsParam = readsArguments && !hasNamedParams(src.node.getChild('ParamList'));
  const locals = new Set([...ctx.locals, ...declaredNames(src.node, ctx.view), ...(readsArguments ? ['arguments'] : [])]);
  // `const { sin, PI } = Math` in the body: those names are Math's members, not variables.
  const fromMath = functionMathAliases(src.node, ctx.view, locals);
  for (const name of fromMath.keys()) locals.delete(name);
  const inner: Context = {
    ...ctx,
    locals,
    mathAliases: fromMath.size > 0 ? new Map([...ctx.mathAliases, ...fromMath]) : ctx.mathAliases,
    localFunctions: functionDeclarations(src.node, ctx.view),
    report: (d) => {
      diagnostics.push(d);
      ctx.report(d);
    },
  };
  const kids = children(src.node);
  const keyword = (name: string): SyntaxNode | undefined => kids.find((k) => k.name === name);
  const head = keyword('async') ?? keyword('Star');
  if (head) {
    const what = head.name === 'async' ? 'async functions are not supported: GradLens differentiates synchronous functions' : 'generator functions are not supported; return an array instead';
    unsupportedStmt(inner, head.name === 'async' ? 'async' : 'generator', what, ctx.view.range(head));
  }
  const unpack: IrStmt[] = [];
  const params = argumentsParam ? [{ name: 'arguments', kind: 'varargs' as const, range: ctx.view.range(src.nameNode) }] : lowerParams(src.node.getChild('ParamList'), inner, unpack);
  const bodyNode = src.node.getChild('Block') ?? src.node.getChild('ClassBody');
  let body: IrStmt[];
  if (bodyNode) body = [...unpack, ...lowerBlock(bodyNode, inner)];
  else {
    // An arrow with an expression body returns that expression.
    const arrow = keyword('Arrow');
    const expr = arrow ? kids.slice(kids.indexOf(arrow) + 1).find((k) => !k.type.isError) : undefined;
    body = expr ? [...unpack, { kind: 'return', value: lowerExpr(expr, inner), range: ctx.view.range(expr) }] : unpack;
  }
  // A closure assigning a variable of the function around it (`let s = 0; xs.forEach((v) => { s += v; })`)
  // writes that variable: JavaScript's scoping, where Python would need `nonlocal`.
  const own = ownDeclarations(src.node, ctx.view);
  const outerNames = [...assignedNames(body)].filter((n) => !own.has(n) && !n.startsWith('#') && ctx.locals.has(n));
  const range = ctx.view.range(src.rangeNode);
  if (outerNames.length > 0) body = [{ kind: 'scope', scope: 'nonlocal', names: outerNames, range }, ...body];
  return {
    name: src.name,
    params,
    body,
    range: ctx.view.range(src.rangeNode),
    nameRange: ctx.view.range(src.nameNode),
    diagnostics,
    ...(gradientOf ? { gradientOf } : {}),
    looseArity: true,
    ...(readsArguments && !argumentsParam ? { argumentsName: 'arguments' } : {}),
  };
}

/** Whether a parameter list names any parameter (`this: T` declares a type only). */
function hasNamedParams(list: SyntaxNode | null): boolean {
  return list !== null && children(list).some((k) => k.name === 'VariableDefinition' || k.name === 'Spread' || k.name === 'ArrayPattern' || k.name === 'ObjectPattern');
}

/** Whether a function reads its own `arguments`: outside functions nested in it, except arrows (which see their parent's). */
function usesArguments(node: SyntaxNode, view: SourceView): boolean {
  const visit = (n: SyntaxNode): boolean => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableName' && view.textOf(c) === 'arguments') return true;
      if (FUNCTION_NODES.has(c.name) && c.name !== 'ArrowFunction') continue;
      if (visit(c)) return true;
    }
    return false;
  };
  return visit(node);
}

const FUNCTION_NODES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunction', 'MethodDeclaration', 'ClassDeclaration', 'ClassExpression']);

/** Names declared by a function itself (parameters, `let`/`const`/`var`, local functions), not by functions nested in it. */
function ownDeclarations(node: SyntaxNode, view: SourceView): Set<string> {
  const names = new Set<string>();
  const visit = (n: SyntaxNode): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableDefinition') names.add(view.textOf(c));
      // A nested function's name is declared here; its insides are its own.
      else if (FUNCTION_NODES.has(c.name)) {
        const name = c.name === 'FunctionDeclaration' ? c.getChild('VariableDefinition') : null;
        if (name) names.add(view.textOf(name));
      } else visit(c);
    }
  };
  visit(node);
  return names;
}

/**
 * Parameters; a destructured one (`([a, b]) => …`) becomes a parameter of its own, unpacked by a
 * statement put in `unpack` (for the body's start). Without `unpack` it is refused.
 */
export function lowerParams(list: SyntaxNode | null, ctx: Context, unpack?: IrStmt[]): IrParam[] {
  if (!list) return [];
  const params: IrParam[] = [];
  const kids = children(list);
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.name === 'VariableDefinition') {
      const name = ctx.view.textOf(k);
      // TypeScript's `this: T` pseudo-parameter declares a type, not an argument.
      if (name === 'this') continue;
      let j = i + 1;
      while (j < kids.length && (kids[j]!.name === 'TypeAnnotation' || kids[j]!.name === 'Optional' || kids[j]!.name === '?')) j++;
      if (kids[j]?.name === 'Equals' && kids[j + 1]) {
        params.push({ name, default: lowerExpr(kids[j + 1]!, ctx), range: ctx.view.span(k, kids[j + 1]!) });
        i = j + 1;
      } else params.push({ name, range: ctx.view.range(k) });
    } else if (k.name === 'Spread') {
      // `...xs`: the extra arguments, as Python's `*args` (a tuple of them).
      const rest = kids[i + 1];
      if (rest?.name === 'VariableDefinition') params.push({ name: ctx.view.textOf(rest), kind: 'varargs', range: ctx.view.span(k, rest) });
      else unsupportedStmt(ctx, 'rest parameter', 'a destructured rest parameter (`...[a, b]`) is not supported; take `...xs` and unpack it in the body', ctx.view.span(k, rest ?? k));
      i++;
      while (kids[i + 1]?.name === 'TypeAnnotation') i++;
    } else if ((k.name === 'ArrayPattern' || k.name === 'ObjectPattern') && unpack) {
      const range = ctx.view.range(k);
      // Named by its position (`arg0`) so that a point can give it a value: `@at arg0={x: 1, y: 2}`.
      const positional = patternParamName(params.length);
      const param = ctx.locals.has(positional) ? freshName(ctx, range) : { kind: 'name' as const, name: positional, range };
      while (kids[i + 1]?.name === 'TypeAnnotation') i++;
      // `{ R = 1, Q = 1 } = {}`: the pattern's own default, as a plain parameter's.
      const fallback = kids[i + 1]?.name === 'Equals' ? kids[i + 2] : undefined;
      if (fallback) i += 2;
      params.push(fallback ? { name: param.name, default: lowerExpr(fallback, ctx), range: ctx.view.span(k, fallback) } : { name: param.name, range });
      unpack.push(...destructure(k, { kind: 'name', name: param.name, range }, range, ctx));
    } else if (k.name === 'ArrayPattern' || k.name === 'ObjectPattern') {
      unsupportedStmt(ctx, 'destructuring parameter', 'destructuring parameters are not supported; take the value and unpack it in the body', ctx.view.range(k));
    } else if (k.name === 'this') {
      // `this: T` in TypeScript: skip with its annotation.
      while (kids[i + 1]?.name === 'TypeAnnotation') i++;
    }
  }
  return params;
}

/** Functions declared directly in a function's body (`function backIn(t) {…}` inside a factory). */
function functionDeclarations(node: SyntaxNode, view: SourceView): Set<string> {
  const block = node.getChild('Block');
  const names = new Set<string>();
  for (const k of block ? children(block) : []) {
    const name = k.name === 'FunctionDeclaration' ? k.getChild('VariableDefinition') : null;
    if (name) names.add(view.textOf(name));
  }
  return names;
}

/** Names a function declares anywhere inside it (params, `let`/`const`/`var`, nested functions). */
export function declaredNames(node: SyntaxNode, view: SourceView): Set<string> {
  const names = new Set<string>();
  node.cursor().iterate((ref) => {
    if (ref.name === 'VariableDefinition') names.add(view.textOf(ref.node));
  });
  return names;
}

// ---------------------------------------------------------------------------------------------------
// Statements

function lowerBlock(block: SyntaxNode, ctx: Context): IrStmt[] {
  const out: IrStmt[] = [];
  for (const s of children(block)) {
    if (s.name === '{' || s.name === '}' || s.type.isError) continue;
    append(out, lowerStatement(s, ctx));
  }
  return out;
}

/** A statement, or a block, as a list of statements. */
function lowerBody(node: SyntaxNode | undefined, ctx: Context): IrStmt[] {
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

function isConsoleCall(e: SyntaxNode, ctx: Context): boolean {
  const callee = e.firstChild;
  return !!callee && callee.name === 'MemberExpression' && callee.firstChild?.name === 'VariableName'
    && ctx.view.textOf(callee.firstChild) === 'console' && !ctx.locals.has('console');
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
