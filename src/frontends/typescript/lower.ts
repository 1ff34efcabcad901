import type { SyntaxNode } from '@lezer/common';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type {
  IrBinaryOp, IrCompareOp, IrExpr, IrFunction, IrParam, IrStmt, IrTarget, IrUnsupportedExpr, IrUnsupportedStmt,
} from '../../ir/nodes';
import {
  FORBIDDEN_GLOBALS, GLOBAL_CONSTANTS, GLOBAL_FUNCTIONS, MATH_CONSTANTS, MATH_FUNCTIONS, MATH_UNSUPPORTED,
  NUMBER_CONSTANTS, NUMBER_FUNCTIONS,
} from './libraryNames';
import { children, type SourceView } from './parse';

/** What lowering needs around an expression: where problems go and which names mean what. */
export interface Context {
  readonly view: SourceView;
  readonly report: (d: Diagnostic) => void;
  /** Names bound by `import` (not `import type`): unknown to GradLens, so unsupported where used. */
  readonly imports: ReadonlyMap<string, string>;
  /** Module-level objects whose methods are functions here (`physics` → `physics.energy`). */
  readonly methodObjects: ReadonlySet<string>;
  /** Parameters and variables declared in the function: they shadow globals of the same name. */
  readonly locals: ReadonlySet<string>;
}

const BINARY: Readonly<Record<string, IrBinaryOp>> = { '+': '+', '-': '-', '*': '*', '/': '/', '**': '**' };
const COMPARE: Readonly<Record<string, IrCompareOp>> = {
  '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '==', '===': '==', '!=': '!=', '!==': '!=',
};
const UPDATE: Readonly<Record<string, IrBinaryOp | '%'>> = {
  '+=': '+', '-=': '-', '*=': '*', '/=': '/', '**=': '**', '%=': '%',
};

/** Statements GradLens refuses, with the reason given to the user. */
const UNSUPPORTED_STATEMENTS: Readonly<Record<string, [string, string]>> = {
  TryStatement: ['try', '`try` is not supported: GradLens cannot follow exceptions'],
  ThrowStatement: ['throw', '`throw` is not supported: GradLens cannot follow exceptions'],
  ClassDeclaration: ['class', 'classes are not supported; write plain functions'],
  SwitchStatement: ['switch', '`switch` is not supported; use `if`/`else if`'],
  DoStatement: ['do', '`do … while` is not supported; use a `while` loop'],
  LabeledStatement: ['label', 'labelled statements are not supported'],
  WithStatement: ['with', '`with` is not supported'],
  DebuggerStatement: ['debugger', '`debugger` is not supported'],
  ImportDeclaration: ['import', '`import` inside a function is not supported'],
  ExportDeclaration: ['export', '`export` inside a function is not supported'],
};

const UNSUPPORTED_EXPRESSIONS: Readonly<Record<string, [string, string]>> = {
  TemplateString: ['template literal', 'template literals are not supported: GradLens only reads strings used as arguments'],
  ObjectExpression: ['object', 'object literals are not supported inside a function; use separate variables or an array'],
  ClassExpression: ['class', 'classes are not supported; write plain functions'],
  AwaitExpression: ['await', '`await` is not supported: GradLens differentiates synchronous functions'],
  YieldExpression: ['yield', 'generators (`yield`) are not supported; return an array instead'],
  DynamicImport: ['import()', '`import()` is not supported: GradLens reads one file and never loads modules'],
  NewExpression: ['new', '`new` is not supported; build arrays with literals (`[0, 0, 0]`) or `push`'],
  this: ['this', '`this` is not supported; pass the value in as a parameter'],
  super: ['super', '`super` is not supported'],
  RegExp: ['regexp', 'regular expressions are not supported'],
  SequenceExpression: ['comma', 'the comma operator is not supported in an expression; write separate statements'],
  FunctionExpression: ['function expression', 'a function expression here is not supported; declare it with a name first'],
  TaggedTemplateExpression: ['template literal', 'template literals are not supported'],
};

export function unsupportedExpr(ctx: Context, construct: string, message: string, range: SourceRange): IrUnsupportedExpr {
  ctx.report(diagnostic('error', 'unsupported', message, range));
  return { kind: 'unsupported', construct, message, range };
}

function unsupportedStmt(ctx: Context, construct: string, message: string, range: SourceRange): IrUnsupportedStmt {
  ctx.report(diagnostic('error', 'unsupported', message, range));
  return { kind: 'unsupported', construct, message, range };
}

/** Code that does not parse: its syntax diagnostic is reported once, per function, elsewhere. */
function broken(range: SourceRange): IrUnsupportedExpr {
  return { kind: 'unsupported', construct: 'syntax error', message: 'this code does not parse', range };
}

// ---------------------------------------------------------------------------------------------------
// Functions

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
  const inner: Context = {
    ...ctx,
    locals: new Set([...ctx.locals, ...declaredNames(src.node, ctx.view)]),
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
  const params = lowerParams(src.node.getChild('ParamList'), inner);
  const bodyNode = src.node.getChild('Block') ?? src.node.getChild('ClassBody');
  let body: IrStmt[];
  if (bodyNode) body = lowerBlock(bodyNode, inner);
  else {
    // An arrow with an expression body returns that expression.
    const arrow = keyword('Arrow');
    const expr = arrow ? kids.slice(kids.indexOf(arrow) + 1).find((k) => !k.type.isError) : undefined;
    body = expr ? [{ kind: 'return', value: lowerExpr(expr, inner), range: ctx.view.range(expr) }] : [];
  }
  return {
    name: src.name,
    params,
    body,
    range: ctx.view.range(src.rangeNode),
    nameRange: ctx.view.range(src.nameNode),
    diagnostics,
    ...(gradientOf ? { gradientOf } : {}),
  };
}

function lowerParams(list: SyntaxNode | null, ctx: Context): IrParam[] {
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
      unsupportedStmt(ctx, 'rest parameter', 'rest parameters (`...xs`) are not supported; take an array parameter instead', ctx.view.span(k, kids[i + 1] ?? k));
      i++;
    } else if (k.name === 'ArrayPattern' || k.name === 'ObjectPattern') {
      unsupportedStmt(ctx, 'destructuring parameter', 'destructuring parameters are not supported; take the value and unpack it in the body', ctx.view.range(k));
    } else if (k.name === 'this') {
      // `this: T` in TypeScript: skip with its annotation.
      while (kids[i + 1]?.name === 'TypeAnnotation') i++;
    }
  }
  return params;
}

/** Names a function declares anywhere inside it (params, `let`/`const`/`var`, nested functions). */
function declaredNames(node: SyntaxNode, view: SourceView): Set<string> {
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
    out.push(...lowerStatement(s, ctx));
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
      if (s.getChild('Label')) return [unsupportedStmt(ctx, 'label', 'labelled `break`/`continue` is not supported', range)];
      return [{ kind: s.name === 'BreakStatement' ? 'break' : 'continue', range }];
    }
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
    const target = lowerPattern(k, ctx);
    const irValue: IrExpr = value ? lowerExpr(value, ctx) : { kind: 'none', range: ctx.view.range(k) };
    out.push({ kind: 'assign', target, value: irValue, range });
  }
  return out;
}

function lowerPattern(node: SyntaxNode, ctx: Context): IrTarget {
  const range = ctx.view.range(node);
  if (node.name === 'VariableDefinition' || node.name === 'VariableName') return { kind: 'name', name: ctx.view.textOf(node), range };
  if (node.name === 'ArrayPattern' || node.name === 'ArrayExpression') {
    const elements: IrTarget[] = [];
    for (const k of children(node)) {
      if (k.name === '[' || k.name === ']' || k.name === ',') continue;
      if (k.name === 'Spread' || k.name === 'Equals') {
        unsupportedExpr(ctx, 'destructuring', 'rest elements and defaults in destructuring are not supported', ctx.view.range(k));
        continue;
      }
      elements.push(lowerTarget(k, ctx));
    }
    return { kind: 'tuple', elements, range };
  }
  unsupportedExpr(ctx, 'destructuring', 'object destructuring is not supported; use separate variables', range);
  return { kind: 'name', name: ctx.view.textOf(node), range };
}

/** The left side of `=`: a name, `x[i]`, or `[a, b]`. */
function lowerTarget(node: SyntaxNode, ctx: Context): IrTarget {
  const range = ctx.view.range(node);
  if (node.name === 'MemberExpression' && node.getChild('[')) {
    const kids = children(node);
    const index = kids.find((k, i) => i > 0 && k.name !== '[' && k.name !== ']');
    return { kind: 'index', object: lowerExpr(kids[0]!, ctx), index: index ? lowerExpr(index, ctx) : broken(range), range };
  }
  if (node.name === 'ParenthesizedExpression') {
    const inner = children(node).find((k) => k.name !== '(' && k.name !== ')');
    if (inner) return lowerTarget(inner, ctx);
  }
  if (node.name === 'VariableName' || node.name === 'VariableDefinition' || node.name === 'ArrayPattern' || node.name === 'ArrayExpression') {
    return lowerPattern(node, ctx);
  }
  unsupportedExpr(ctx, 'assignment target', `assigning to \`${ctx.view.textOf(node)}\` is not supported`, range);
  return { kind: 'name', name: ctx.view.textOf(node), range };
}

/** Statements an expression statement stands for: assignments, `i++`, a call, `console.log(…)` (skipped). */
function lowerExpressionStatement(e: SyntaxNode, ctx: Context, range: SourceRange): IrStmt[] {
  const view = ctx.view;
  if (e.name === 'AssignmentExpression') {
    const kids = children(e);
    const op = kids[1];
    const value = kids[2];
    if (!op || !value || kids[0]!.type.isError) return [{ kind: 'expr', value: broken(range), range }];
    const opText = view.textOf(op);
    if (op.name === 'Equals') {
      // `a = b = x` → `b = x; a = b`, as the Python front end lowers chained assignment.
      if (value.name === 'AssignmentExpression' && value.getChild('Equals')) {
        const inner = lowerExpressionStatement(value, ctx, view.range(value));
        const firstInner = children(value)[0]!;
        const read = lowerExpr(firstInner, ctx);
        return [...inner, { kind: 'assign', target: lowerTarget(kids[0]!, ctx), value: read, range }];
      }
      return [{ kind: 'assign', target: lowerTarget(kids[0]!, ctx), value: lowerExpr(value, ctx), range }];
    }
    const binop = UPDATE[opText];
    if (!binop) return [unsupportedStmt(ctx, opText, `\`${opText}\` is not supported`, view.range(op))];
    if (binop === '%') {
      // JavaScript's `%` keeps the sign of the dividend; see `jsRemainder`.
      const target = lowerTarget(kids[0]!, ctx);
      const current = lowerExpr(kids[0]!, ctx);
      return [{ kind: 'assign', target, value: jsRemainder(current, lowerExpr(value, ctx), range), range }];
    }
    return [{ kind: 'augAssign', target: lowerTarget(kids[0]!, ctx), op: binop, value: lowerExpr(value, ctx), range }];
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
  if (spec.name === 'ForInSpec') return [unsupportedStmt(ctx, 'for…in', '`for … in` is not supported; use `for (const v of xs)` or a counting loop', range)];
  if (s.getChild('await')) return [unsupportedStmt(ctx, 'for await', '`for await` is not supported', range)];
  const parts = children(spec);
  if (spec.name === 'ForOfSpec') {
    const of = parts.findIndex((k) => k.name === 'of');
    const targetNode = parts.slice(0, Math.max(of, 0)).find((k) => k.name === 'VariableDefinition' || k.name === 'VariableName' || k.name === 'ArrayPattern' || k.name === 'ObjectPattern');
    const iterable = of >= 0 ? parts.slice(of + 1).find((k) => k.name !== ')') : undefined;
    return [{
      kind: 'for',
      target: targetNode ? lowerPattern(targetNode, ctx) : { kind: 'name', name: '_', range },
      iterable: iterable ? lowerExpr(iterable, ctx) : broken(range),
      body: lowerBody(bodyNode, ctx),
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
  const update = (): IrStmt[] => updateNodes.flatMap((n) => lowerExpressionStatement(n, ctx, view.range(n)));
  const updateOnce = update();
  const body = withUpdateBeforeContinue(lowerBody(bodyNode, ctx), updateOnce);
  return [...init, { kind: 'while', test, body: [...body, ...updateOnce], range }];
}

/** Puts `update` before each `continue` that belongs to this loop; nested loops keep theirs. */
function withUpdateBeforeContinue(body: readonly IrStmt[], update: readonly IrStmt[]): IrStmt[] {
  if (update.length === 0) return [...body];
  return body.flatMap((s): IrStmt[] => {
    if (s.kind === 'continue') return [...update, s];
    if (s.kind === 'if') return [{ ...s, then: withUpdateBeforeContinue(s.then, update), else: withUpdateBeforeContinue(s.else, update) }];
    return [s];
  });
}

/**
 * JavaScript's `a % b` takes the sign of `a` (truncated division); the IR's `%` is Python's, which
 * takes the sign of `b`. So it is lowered as `a - b * trunc(a / b)`, exact for every sign.
 */
function jsRemainder(a: IrExpr, b: IrExpr, range: SourceRange): IrExpr {
  const quotient: IrExpr = { kind: 'binary', op: '/', left: a, right: b, range };
  const truncated: IrExpr = { kind: 'call', callee: { kind: 'intrinsic', name: 'trunc', range }, args: [quotient], keywords: [], range };
  return { kind: 'binary', op: '-', left: a, right: { kind: 'binary', op: '*', left: b, right: truncated, range }, range };
}

// ---------------------------------------------------------------------------------------------------
// Expressions

export function lowerExpr(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  if (node.type.isError) return broken(range);
  switch (node.name) {
    case 'Number': {
      const text = view.textOf(node).replace(/_/g, '');
      if (text.endsWith('n')) return unsupportedExpr(ctx, 'bigint', 'BigInt literals are not supported: GradLens computes in float64', range);
      // A leading-zero literal (`017`) is legacy octal; Number() would read it as decimal.
      if (/^0\d/.test(text)) return unsupportedExpr(ctx, 'octal', 'legacy octal literals are not supported; write 0o17', range);
      return { kind: 'number', value: Number(text), range };
    }
    case 'String': {
      const raw = view.textOf(node);
      return { kind: 'string', value: raw.slice(1, raw.endsWith(raw[0]!) && raw.length > 1 ? -1 : undefined), range };
    }
    case 'BooleanLiteral':
      return { kind: 'bool', value: view.textOf(node) === 'true', range };
    case 'null':
      return { kind: 'none', range };
    case 'VariableName':
      return lowerName(node, ctx);
    case 'ParenthesizedExpression': {
      const inner = children(node).find((k) => k.name !== '(' && k.name !== ')');
      return inner ? lowerExpr(inner, ctx) : broken(range);
    }
    case 'ArrayExpression': {
      const elements: IrExpr[] = [];
      for (const k of children(node)) {
        if (k.name === '[' || k.name === ']' || k.name === ',') continue;
        if (k.name === 'Spread') {
          elements.push(unsupportedExpr(ctx, 'spread', 'spread (`...xs`) is not supported; build the array with a loop', range));
          continue;
        }
        elements.push(lowerExpr(k, ctx));
      }
      return { kind: 'list', elements, range };
    }
    case 'BinaryExpression':
      return lowerBinary(node, ctx);
    case 'UnaryExpression':
      return lowerUnary(node, ctx);
    case 'PostfixExpression': {
      const kids = children(node);
      const op = kids[kids.length - 1];
      // `x!` (non-null assertion) is a type, not an operation.
      if (op && op.name === 'LogicOp' && view.textOf(op) === '!') return lowerExpr(kids[0]!, ctx);
      return unsupportedExpr(ctx, 'increment', '`++`/`--` inside an expression is not supported; write `i += 1` as its own statement', range);
    }
    case 'ConditionalExpression': {
      const parts = children(node).filter((k) => k.name !== 'LogicOp');
      return {
        kind: 'conditional',
        test: parts[0] ? lowerExpr(parts[0], ctx) : broken(range),
        then: parts[1] ? lowerExpr(parts[1], ctx) : broken(range),
        else: parts[2] ? lowerExpr(parts[2], ctx) : broken(range),
        range,
      };
    }
    case 'CallExpression':
      return lowerCall(node, ctx);
    case 'MemberExpression':
      return lowerMember(node, ctx);
    case 'ArrowFunction':
      return lowerArrow(node, ctx);
    case 'AssignmentExpression':
      return unsupportedExpr(ctx, 'assignment expression', 'an assignment inside an expression is not supported; write it as its own statement', range);
    case 'PrefixCast': {
      // `<number>w`: an old-style cast, a type only.
      const inner = node.lastChild;
      return inner && inner.name !== '>' ? lowerExpr(inner, ctx) : broken(range);
    }
    case 'TypeName':
      return broken(range);
    default: {
      const known = UNSUPPORTED_EXPRESSIONS[node.name];
      if (known) return unsupportedExpr(ctx, known[0], known[1], range);
      return unsupportedExpr(ctx, node.name, `\`${quote(view.textOf(node))}\` (${node.name}) is not supported`, range);
    }
  }
}

function lowerName(node: SyntaxNode, ctx: Context): IrExpr {
  const range = ctx.view.range(node);
  const name = ctx.view.textOf(node);
  if (ctx.locals.has(name)) return { kind: 'name', name, range };
  if (name === 'undefined') return { kind: 'none', range };
  if (Object.hasOwn(GLOBAL_CONSTANTS, name)) return { kind: 'number', value: GLOBAL_CONSTANTS[name]!, range };
  const imported = ctx.imports.get(name);
  if (imported !== undefined) {
    return unsupportedExpr(ctx, 'import', `\`${name}\` is imported from '${imported}', which GradLens cannot read: it only differentiates code in this file`, range);
  }
  if (Object.hasOwn(FORBIDDEN_GLOBALS, name)) return unsupportedExpr(ctx, name, FORBIDDEN_GLOBALS[name]!, range);
  if (Object.hasOwn(GLOBAL_FUNCTIONS, name)) return { kind: 'intrinsic', name: GLOBAL_FUNCTIONS[name]!, range };
  return { kind: 'name', name, range };
}

function lowerBinary(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  const kids = children(node);
  const [left, op, right] = kids;
  if (!left || !op) return broken(range);
  const opText = view.textOf(op);
  // `x as T` and `x satisfies T` only talk to the type checker.
  if (opText === 'as' || opText === 'satisfies') return lowerExpr(left, ctx);
  if (!right || right.type.isError) return broken(range);
  if (opText === '**') return lowerPower(node, ctx);
  const l = lowerExpr(left, ctx);
  const r = lowerExpr(right, ctx);
  const bin = BINARY[opText];
  if (bin) return { kind: 'binary', op: bin, left: l, right: r, range };
  if (opText === '%') return jsRemainder(l, r, range);
  const cmp = COMPARE[opText];
  if (cmp) return { kind: 'compare', ops: [cmp], operands: [l, r], range };
  if (opText === '&&' || opText === '||') return { kind: 'logical', op: opText === '&&' ? 'and' : 'or', left: l, right: r, range };
  if (opText === '??') return unsupportedExpr(ctx, '??', '`??` is not supported; test for `undefined` with `===`', view.range(op));
  return unsupportedExpr(ctx, opText, `the operator \`${opText}\` is not supported`, view.range(op));
}

/**
 * lezer reads `a ** b ** c` as `(a ** b) ** c`, but JavaScript's `**` is right-associative: the chain
 * of unparenthesised `**` is collected and re-associated to `a ** (b ** c)`. lezer also accepts
 * `-a ** 2`, which JavaScript rejects as ambiguous; so does GradLens.
 */
function lowerPower(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const operands: SyntaxNode[] = [];
  let n: SyntaxNode = node;
  for (;;) {
    const [left, , right] = children(n);
    operands.unshift(right!);
    if (left!.name === 'BinaryExpression' && isPowerOp(children(left!)[1], view)) n = left!;
    else {
      operands.unshift(left!);
      break;
    }
  }
  const base = operands[0]!;
  if (base.name === 'UnaryExpression' && /^[-+!~]$|^typeof$|^void$/.test(view.textOf(base.firstChild!))) {
    const message = `syntax error: a unary operator before \`**\` needs parentheses: write (${quote(view.textOf(base))}) ** … or ${view.textOf(base.firstChild!)}(… ** …)`;
    ctx.report(diagnostic('error', 'syntax', message, view.range(base)));
    return { kind: 'unsupported', construct: 'syntax error', message, range: view.range(node) };
  }
  let result = lowerExpr(operands[operands.length - 1]!, ctx);
  for (let i = operands.length - 2; i >= 0; i--) {
    const range = view.rangeOf(view.from(operands[i]!), view.to(operands[operands.length - 1]!));
    result = { kind: 'binary', op: '**', left: lowerExpr(operands[i]!, ctx), right: result, range };
  }
  return result;
}

function isPowerOp(op: SyntaxNode | undefined, view: SourceView): boolean {
  return !!op && op.name === 'ArithOp' && view.textOf(op) === '**';
}

function lowerUnary(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  const kids = children(node);
  const [op, operand] = kids;
  if (!op || !operand || operand.type.isError) return broken(range);
  const opText = view.textOf(op);
  if (opText === '-' || opText === '+') return { kind: 'unary', op: opText, operand: lowerExpr(operand, ctx), range };
  if (opText === '!') return { kind: 'unary', op: 'not', operand: lowerExpr(operand, ctx), range };
  if (opText === '++' || opText === '--') return unsupportedExpr(ctx, 'increment', '`++`/`--` inside an expression is not supported; write `i += 1` as its own statement', range);
  return unsupportedExpr(ctx, opText, `the operator \`${opText}\` is not supported`, view.range(op));
}

/** `(a, b) => expr` inside an expression: a lambda. A block body needs a name: declare it as a function. */
function lowerArrow(node: SyntaxNode, ctx: Context): IrExpr {
  const range = ctx.view.range(node);
  if (node.getChild('Block') || node.getChild('async')) {
    return unsupportedExpr(ctx, 'arrow function', 'an arrow function with a block body is only supported as `const name = (…) => { … }`', range);
  }
  const locals = new Set([...ctx.locals, ...declaredNames(node, ctx.view)]);
  const inner = { ...ctx, locals };
  const params = lowerParams(node.getChild('ParamList'), inner);
  const kids = children(node);
  const arrow = kids.findIndex((k) => k.name === 'Arrow');
  const body = arrow >= 0 ? kids[arrow + 1] : undefined;
  return { kind: 'lambda', params, body: body ? lowerExpr(body, inner) : broken(range), range };
}

function lowerMember(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  const kids = children(node);
  const object = kids[0];
  if (!object) return broken(range);
  if (kids.some((k) => k.name === '?.')) return unsupportedExpr(ctx, '?.', 'optional chaining (`?.`) is not supported', range);
  if (object.name === 'this' || object.name === 'super') return lowerExpr(object, ctx);
  if (node.getChild('[')) {
    const index = kids.find((k, i) => i > 0 && k.name !== '[' && k.name !== ']');
    return { kind: 'index', object: lowerExpr(object, ctx), index: index ? lowerExpr(index, ctx) : broken(range), range };
  }
  const prop = node.getChild('PropertyName');
  if (!prop) return broken(range);
  const name = view.textOf(prop);
  const objectName = globalObjectName(object, ctx);
  if (objectName === 'Math') {
    if (Object.hasOwn(MATH_CONSTANTS, name)) return { kind: 'number', value: MATH_CONSTANTS[name]!, range };
    if (Object.hasOwn(MATH_FUNCTIONS, name) || name === 'round') return unsupportedExpr(ctx, `Math.${name}`, `\`Math.${name}\` is only supported when called`, range);
    return unsupportedExpr(ctx, `Math.${name}`, MATH_UNSUPPORTED[name] ?? `\`Math.${name}\` is not supported`, range);
  }
  if (objectName === 'Number' && Object.hasOwn(NUMBER_CONSTANTS, name)) return { kind: 'number', value: NUMBER_CONSTANTS[name]!, range };
  if (objectName !== undefined && ctx.methodObjects.has(objectName)) return { kind: 'name', name: `${objectName}.${name}`, range };
  // `window.x`, `process.env`, `lib.f` (imported): the object is what is not supported; name it.
  if (objectName !== undefined && (ctx.imports.has(objectName) || Object.hasOwn(FORBIDDEN_GLOBALS, objectName))) return lowerName(object, ctx);
  if (name === 'length') {
    return { kind: 'call', callee: { kind: 'intrinsic', name: 'len', range: view.range(prop) }, args: [lowerExpr(object, ctx)], keywords: [], range };
  }
  return unsupportedExpr(ctx, 'property', `the property \`.${name}\` is not supported: GradLens reads numbers and arrays of numbers`, range);
}

/** The name of an unshadowed global object (`Math`, `Number`, a module-level object of methods). */
function globalObjectName(node: SyntaxNode, ctx: Context): string | undefined {
  if (node.name !== 'VariableName') return undefined;
  const name = ctx.view.textOf(node);
  return ctx.locals.has(name) ? undefined : name;
}

function lowerCall(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  const callee = node.firstChild;
  const argList = node.getChild('ArgList');
  if (!callee || !argList) return broken(range);
  if (node.getChild('?.')) return unsupportedExpr(ctx, '?.', 'optional calls (`f?.()`) are not supported', range);
  const argNodes = children(argList).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',');
  if (argNodes.some((k) => k.name === 'Spread')) return unsupportedExpr(ctx, 'spread', 'spread arguments (`f(...xs)`) are not supported; pass the values one by one', range);
  const args = (): IrExpr[] => argNodes.map((a) => lowerExpr(a, ctx));
  const intrinsicCall = (name: string, calleeRange: SourceRange, a: IrExpr[] = args()): IrExpr => ({
    kind: 'call', callee: { kind: 'intrinsic', name, range: calleeRange }, args: a, keywords: [], range,
  });
  if (callee.name === 'MemberExpression' && !callee.getChild('[')) {
    const object = callee.firstChild!;
    const prop = callee.getChild('PropertyName');
    const name = prop ? view.textOf(prop) : '';
    const objectName = globalObjectName(object, ctx);
    const calleeRange = view.range(callee);
    if (objectName === 'Math') {
      if (name === 'round') {
        // JavaScript rounds half up (`Math.round(-2.5)` is -2); the intrinsic `round` rounds half to
        // even, as Python does. floor(x + 0.5) is JavaScript's rule.
        if (argNodes.length !== 1) return unsupportedExpr(ctx, 'Math.round', '`Math.round` takes one argument', range);
        const x = lowerExpr(argNodes[0]!, ctx);
        const argRange = view.range(argNodes[0]!);
        const shifted: IrExpr = { kind: 'binary', op: '+', left: x, right: { kind: 'number', value: 0.5, range: argRange }, range: argRange };
        return intrinsicCall('floor', calleeRange, [shifted]);
      }
      const intrinsic = MATH_FUNCTIONS[name];
      if (intrinsic) {
        if (name === 'hypot' && argNodes.length !== 2) {
          return unsupportedExpr(ctx, 'Math.hypot', '`Math.hypot` is supported with two arguments only; write Math.sqrt(a*a + b*b + …)', range);
        }
        return intrinsicCall(intrinsic, calleeRange);
      }
      return unsupportedExpr(ctx, `Math.${name}`, MATH_UNSUPPORTED[name] ?? `\`Math.${name}\` is not supported`, calleeRange);
    }
    if (objectName === 'Number' && Object.hasOwn(NUMBER_FUNCTIONS, name)) return intrinsicCall(NUMBER_FUNCTIONS[name]!, calleeRange);
    if (objectName !== undefined && ctx.methodObjects.has(objectName)) {
      return { kind: 'call', callee: { kind: 'name', name: `${objectName}.${name}`, range: calleeRange }, args: args(), keywords: [], range };
    }
    if (objectName === 'console') return unsupportedExpr(ctx, 'console', FORBIDDEN_GLOBALS['console']!, calleeRange);
    if (name === 'push') {
      // `xs.push(v)` appends, as Python's `xs.append(v)` does (its return value, the new length, is not used here).
      const target: IrExpr = { kind: 'attribute', object: lowerExpr(object, ctx), name: 'append', range: calleeRange };
      return { kind: 'call', callee: target, args: args(), keywords: [], range };
    }
    if (objectName !== undefined && !ctx.locals.has(objectName) && (ctx.imports.has(objectName) || Object.hasOwn(FORBIDDEN_GLOBALS, objectName))) {
      return lowerName(object, ctx);
    }
    return unsupportedExpr(ctx, 'method', `the method \`.${name}()\` is not supported: GradLens reads numbers and arrays of numbers (arrays support \`push\` and \`length\`)`, calleeRange);
  }
  if (callee.name === 'import') return unsupportedExpr(ctx, 'import()', UNSUPPORTED_EXPRESSIONS['DynamicImport']![1], range);
  return { kind: 'call', callee: lowerExpr(callee, ctx), args: args(), keywords: [], range };
}

function quote(text: string): string {
  const oneLine = text.split('\n')[0]!.trim();
  return oneLine.length > 40 ? oneLine.slice(0, 37) + '...' : oneLine;
}
