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
    const found = functionOf(v, localFunctionValues(block, view), view, 0);
    if (found) return found;
  }
  return undefined;
}

/**
 * The functions a body declares at its top level, by name: function declarations, and `const`/`let`/
 * `var` declarators whose value is a function — an arrow, a function expression, or a conditional
 * choosing among them (d3-ease's bezier `f = dir === "out" ? _out : dir === "inout" ? _inout : b`).
 */
export function localFunctionValues(block: SyntaxNode, view: SourceView): Map<string, SyntaxNode> {
  const values = new Map<string, SyntaxNode>();
  for (const k of children(block)) {
    const name = k.name === 'FunctionDeclaration' ? k.getChild('VariableDefinition') : null;
    if (name) values.set(view.textOf(name), k);
    if (k.name !== 'VariableDeclaration') continue;
    const parts = children(k);
    parts.forEach((part, i) => {
      const value = part.name === 'VariableDefinition' && parts[i + 1]?.name === 'Equals' ? parts[i + 2] : undefined;
      if (value) values.set(view.textOf(part), unwrap(value));
    });
  }
  for (const [name, value] of values) if (!functionOf(value, values, view, 0)) values.delete(name);
  return values;
}

/** The function a value is, following local names and a conditional's branches (its first function): undefined when none is. */
function functionOf(value: SyntaxNode, locals: ReadonlyMap<string, SyntaxNode>, view: SourceView, depth: number): SyntaxNode | undefined {
  if (depth > 8) return undefined;
  const v = unwrap(value);
  if (v.name === 'ArrowFunction' || v.name === 'FunctionExpression' || v.name === 'FunctionDeclaration') return v;
  if (v.name === 'VariableName') {
    const local = locals.get(view.textOf(v));
    return local && local !== v ? functionOf(local, locals, view, depth + 1) : undefined;
  }
  if (v.name === 'ConditionalExpression') {
    const branches = children(v).filter((k) => k.name !== 'LogicOp' && k.name !== '?' && k.name !== ':').slice(1);
    for (const b of branches) {
      const found = functionOf(b, locals, view, depth + 1);
      if (found) return found;
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
