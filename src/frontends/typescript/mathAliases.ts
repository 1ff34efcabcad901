// `const { sin, cos, PI: pi } = Math`: names bound to members of Math, at module level or in a
// function's body. Each name then means that member wherever it is in scope (a call `sin(t)` is the
// intrinsic, `pi` the number), as `Math.sin`/`Math.PI` would; the declaration itself lowers to nothing.
import type { SyntaxNode } from '@lezer/common';
import { children, type SourceView } from './parse';

/** `{ sqrt, PI: pi }` destructured from Math: [the name bound, the member of Math] for each property. */
export function mathPatternAliases(pattern: SyntaxNode, view: SourceView): [string, string][] {
  const out: [string, string][] = [];
  for (const prop of children(pattern).filter((p) => p.name === 'PatternProperty')) {
    const kids = children(prop);
    const colon = kids.findIndex((c) => c.name === ':');
    const target = colon >= 0 ? kids[colon + 1] : kids[0];
    if (kids[0] && target && (target.name === 'VariableDefinition' || target.name === 'PropertyName')) out.push([view.textOf(target), view.textOf(kids[0])]);
  }
  return out;
}

/** Whether a declarator's value is the global `Math` (not a local or parameter of that name). */
export function isMathValue(value: SyntaxNode | undefined, view: SourceView, locals: ReadonlySet<string>): boolean {
  return value?.name === 'VariableName' && view.textOf(value) === 'Math' && !locals.has('Math');
}

const NESTED_FUNCTIONS = new Set(['ArrowFunction', 'FunctionExpression', 'FunctionDeclaration', 'MethodDeclaration', 'ClassDeclaration', 'ClassExpression']);

/**
 * The names a function's own body binds from Math with `const { … } = Math` (not those of functions
 * nested in it, which read their own), each declared nowhere else in the function: a name declared
 * twice (`let sin` in a block too) stays an ordinary variable and the destructuring is refused.
 */
export function functionMathAliases(fn: SyntaxNode, view: SourceView, locals: ReadonlySet<string>): Map<string, string> {
  const found: [string, string][] = [];
  const declared = new Map<string, number>();
  fn.cursor().iterate((ref) => {
    if (ref.name === 'VariableDefinition') declared.set(view.textOf(ref.node), (declared.get(view.textOf(ref.node)) ?? 0) + 1);
  });
  const visit = (n: SyntaxNode): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (NESTED_FUNCTIONS.has(c.name)) continue;
      if (c.name === 'VariableDeclaration' && c.getChild('const')) {
        const kids = children(c);
        kids.forEach((k, i) => {
          if (k.name === 'ObjectPattern' && kids[i + 1]?.name === 'Equals' && isMathValue(kids[i + 2], view, locals)) found.push(...mathPatternAliases(k, view));
        });
      }
      visit(c);
    }
  };
  for (let c = fn.firstChild; c; c = c.nextSibling) if (c.name === 'Block') visit(c);
  return new Map(found.filter(([name]) => declared.get(name) === 1));
}
