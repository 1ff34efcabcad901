// What a value is under the wrappers that do not change it: tween.js's easing tables are
//
//   export const Easing = Object.freeze({ Quadratic: Object.freeze(<EasingFunctionGroup>{ In(amount) {…} }) })
//
// — `Object.freeze(o)` is o (the interpreter never writes to them), and a cast (`<T>o`, `o as T`,
// `o satisfies T`, `o!`) or type arguments (`Object.freeze<T>(o)`) only talk to the type checker.
// Module-level objects of methods are found through them (index.ts), so their functions get lenses.
import type { SyntaxNode } from '@lezer/common';
import { unwrap } from './factories';
import { dottedName } from './namespaces';
import { children, type SourceView } from './parse';

/** `f<T>` → `f`: a generic function's type arguments, written at a call or alone. */
export function withoutTypeArguments(node: SyntaxNode): SyntaxNode {
  return node.name === 'InstantiationExpression' && node.firstChild ? node.firstChild : node;
}

/** The value under parentheses, casts, non-null assertions and `Object.freeze(…)`. */
export function plainValue(node: SyntaxNode, view: SourceView): SyntaxNode {
  for (let n = unwrap(node); ; ) {
    const next = innerValue(n, view);
    if (!next) return n;
    n = unwrap(next);
  }
}

function innerValue(n: SyntaxNode, view: SourceView): SyntaxNode | undefined {
  if (n.name === 'PrefixCast') return n.lastChild && n.lastChild.name !== '>' ? n.lastChild : undefined;
  if (n.name === 'PostfixExpression' && n.lastChild?.name === 'LogicOp' && view.textOf(n.lastChild) === '!') return n.firstChild ?? undefined;
  if (n.name === 'BinaryExpression') {
    const [left, op] = children(n);
    return left && op && (view.textOf(op) === 'as' || view.textOf(op) === 'satisfies') ? left : undefined;
  }
  if (n.name !== 'CallExpression' || !n.firstChild) return undefined;
  if (dottedName(withoutTypeArguments(n.firstChild), view) !== 'Object.freeze') return undefined;
  const list = n.getChild('ArgList');
  const args = list ? children(list).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',') : [];
  return args.length === 1 && args[0]!.name !== 'Spread' ? args[0] : undefined;
}
