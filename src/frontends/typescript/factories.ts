// Functions made by a factory and bound at module level: d3-ease's
// `export var backIn = (function custom(s) { function backIn(t) {…} …; return backIn; })(1.70158);`
// or `const f = makeScaled(2)` with `function makeScaled(k) { return (x) => k * x; }`.
import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import type { IrExpr, IrFunction, IrGlobal } from '../../ir/nodes';
import { children, type SourceView } from './parse';

/** A module-level binding whose value is a call, and the function node its factory returns. */
export interface MadeFunction {
  readonly name: string;
  readonly nameNode: SyntaxNode;
  readonly call: SyntaxNode;
  /** The returned function (ArrowFunction, FunctionExpression or FunctionDeclaration): its parameters are the made function's. */
  readonly returned: SyntaxNode;
}

/** `((e))` → `e`. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.name === 'ParenthesizedExpression') {
    const inner = children(n).find((k) => k.name !== '(' && k.name !== ')');
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** The function a factory returns, when its body says so plainly (a returned arrow, function expression, or local function's name). */
export function returnedFunction(factory: SyntaxNode, view: SourceView): SyntaxNode | undefined {
  const kids = children(factory);
  const arrow = kids.findIndex((k) => k.name === 'Arrow');
  if (arrow >= 0 && kids[arrow + 1] && kids[arrow + 1]!.name !== 'Block') {
    const body = unwrap(kids[arrow + 1]!);
    return body.name === 'ArrowFunction' || body.name === 'FunctionExpression' ? body : undefined;
  }
  const block = factory.getChild('Block');
  if (!block) return undefined;
  const statements = children(block);
  for (const s of statements) {
    if (s.name !== 'ReturnStatement') continue;
    const value = children(s).find((k) => k.name !== 'return' && k.name !== ';');
    if (!value) continue;
    const v = unwrap(value);
    if (v.name === 'ArrowFunction' || v.name === 'FunctionExpression') return v;
    if (v.name === 'VariableName') {
      const name = view.textOf(v);
      return statements.find((d) => d.name === 'FunctionDeclaration' && d.getChild('VariableDefinition') && view.textOf(d.getChild('VariableDefinition')!) === name);
    }
  }
  return undefined;
}

/**
 * The factory a call invokes: an immediately invoked function expression, or a module-level function
 * of this file, found by name among `declared`.
 */
export function factoryOf(call: SyntaxNode, view: SourceView, declared: ReadonlyMap<string, SyntaxNode>): SyntaxNode | undefined {
  const callee = call.firstChild ? unwrap(call.firstChild) : undefined;
  if (!callee) return undefined;
  if (callee.name === 'FunctionExpression' || callee.name === 'ArrowFunction') return callee;
  if (callee.name === 'VariableName') return declared.get(view.textOf(callee));
  return undefined;
}

/** The name the made value is kept under: no identifier can spell it, so it never shadows nor is shadowed. */
export function madeValueName(name: string): string {
  return `${name}#made`;
}

/**
 * The made function as a module function of its own (for lenses, points and calls): it passes its
 * parameters to the value the factory returned, which a module global holds (computed once per run).
 */
export function madeFunction(made: MadeFunction, params: readonly { name: string; range: SourceRange }[], view: SourceView, range: SourceRange): { fn: IrFunction; global: (value: IrExpr) => IrGlobal } {
  const nameRange = view.range(made.nameNode);
  const callee: IrExpr = { kind: 'name', name: madeValueName(made.name), range: nameRange };
  const args: IrExpr[] = params.map((p) => ({ kind: 'name', name: p.name, range: p.range }));
  const fn: IrFunction = {
    name: made.name,
    params: params.map((p) => ({ name: p.name, range: p.range })),
    body: [{ kind: 'return', value: { kind: 'call', callee, args, keywords: [], range }, range }],
    range,
    nameRange,
    diagnostics: [],
  };
  return { fn, global: (value) => ({ kind: 'constant', name: madeValueName(made.name), value, range }) };
}
