// A TypeScript/JavaScript function (a declaration, an arrow, a function expression, a method) lowered
// to an IrFunction: its parameters (destructured ones unpacked at the body's start), `arguments`,
// Math members destructured in its body, and the outer variables its closures assign (statements:
// lowerStatements.ts).
import type { SyntaxNode } from '@lezer/common';
import type { Diagnostic } from '../../core/diagnostic';
import type { IrFunction, IrParam, IrStmt } from '../../ir/nodes';
import { assignedNames } from '../../ir/walk';
import { children, type SourceView } from './parse';
import { type Context, unsupportedStmt } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { lowerBlock } from './lowerStatements';
import { freshName } from './lowerEffects';
import { destructure, patternParamName } from './lowerPatterns';
import { patternText } from '../../ir/parameterText';
import { functionMathAliases } from './mathAliases';
import { localFunctionValues } from './factories';

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
  // `var t;` anywhere in the body: undefined from the function's start (JavaScript hoists it), unless a parameter.
  const hoisted = [...uninitializedVars(src.node, ctx.view)].filter((n) => !params.some((p) => p.name === n));
  const start = ctx.view.range(src.nameNode);
  if (hoisted.length > 0) body = [...hoisted.map((name): IrStmt => ({ kind: 'assign', target: { kind: 'name', name, range: start }, value: { kind: 'none', range: start }, range: start })), ...body];
  // A closure assigning a variable of the function around it (`let s = 0; xs.forEach((v) => { s += v; })`)
  // writes that variable: JavaScript's scoping, where Python would need `nonlocal`.
  const own = ownDeclarations(src.node, ctx.view);
  const outerNames = [...assignedNames(body)].filter((n) => !own.has(n) && !n.startsWith('#') && ctx.locals.has(n));
  const range = ctx.view.range(src.rangeNode);
  if (outerNames.length > 0) body = [{ kind: 'scope', scope: 'nonlocal', names: outerNames, range }, ...body];
  // And one assigning a module-level `var`/`let` it does not declare writes the module's (`_vector = new V()`).
  const moduleNames = [...assignedNames(body)].filter((n) => !own.has(n) && !ctx.locals.has(n) && ctx.moduleVariables?.has(n));
  if (moduleNames.length > 0) body = [{ kind: 'scope', scope: 'global', names: moduleNames, range }, ...body];
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

/** Names the function itself declares with `var` and no value (`var f, e = …`), not inside nested functions. */
function uninitializedVars(node: SyntaxNode, view: SourceView): Set<string> {
  const names = new Set<string>();
  const visit = (n: SyntaxNode): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (FUNCTION_NODES.has(c.name)) continue;
      if (c.name === 'VariableDeclaration' && c.getChild('var')) {
        const kids = children(c);
        kids.forEach((k, i) => {
          let j = i + 1;
          while (kids[j]?.name === 'TypeAnnotation' || kids[j]?.name === '!') j++;
          if (k.name === 'VariableDefinition' && kids[j]?.name !== 'Equals') names.add(view.textOf(k));
        });
      }
      visit(c);
    }
  };
  visit(node.getChild('Block') ?? node);
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
      const annotation = kids.slice(i + 1, j).find((t) => t.name === 'TypeAnnotation');
      const type = annotation ? { type: ctx.view.textOf(annotation).replace(/^\s*:\s*/, '') } : {};
      if (kids[j]?.name === 'Equals' && kids[j + 1]) {
        params.push({ name, default: lowerExpr(kids[j + 1]!, ctx), range: ctx.view.span(k, kids[j + 1]!), ...type });
        i = j + 1;
      } else params.push({ name, range: ctx.view.range(k), ...type });
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
      const pattern = patternText(ctx.view.textOf(k));
      params.push(fallback ? { name: param.name, default: lowerExpr(fallback, ctx), range: ctx.view.span(k, fallback), pattern } : { name: param.name, range, pattern });
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

/** Functions declared directly in a function's body (`function backIn(t) {…}` inside a factory, `const f = (t) => …`). */
function functionDeclarations(node: SyntaxNode, view: SourceView): Set<string> {
  const block = node.getChild('Block');
  return new Set(block ? localFunctionValues(block, view).keys() : []);
}

/** Names a function declares anywhere inside it (params, `let`/`const`/`var`, nested functions). */
export function declaredNames(node: SyntaxNode, view: SourceView): Set<string> {
  const names = new Set<string>();
  node.cursor().iterate((ref) => {
    if (ref.name === 'VariableDefinition') names.add(view.textOf(ref.node));
  });
  return names;
}
