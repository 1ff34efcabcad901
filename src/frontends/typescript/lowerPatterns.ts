// Destructuring and assignment targets of TypeScript/JavaScript, lowered to IR targets and
// assignments: `[a, b] = …` is a tuple target; patterns a tuple cannot say (defaults, rests, nested
// objects) become one assignment per element, object patterns one per property (lowerObjects.ts).
import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import type { IrExpr, IrStmt, IrTarget } from '../../ir/nodes';
import { children } from './parse';
import { type Context, broken, unsupportedExpr } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { freshName } from './lowerEffects';
import { objectPatternAssignments, orDefault } from './lowerObjects';

/** The name a destructured parameter gets: its position among the parameters. */
export function patternParamName(position: number): string {
  return `arg${position}`;
}

/**
 * `target = value` for a declarator, a parameter or a loop's element: object patterns become one
 * assignment per property, array patterns with defaults, a rest or nested objects one per element.
 */
export function destructure(node: SyntaxNode, value: IrExpr, range: SourceRange, ctx: Context): IrStmt[] {
  if (node.name === 'ObjectPattern') return objectPatternAssignments(node, value, ctx, (t) => lowerTarget(t, ctx));
  if (needsStatements(node)) return arrayPatternAssignments(node, value, range, ctx);
  return [{ kind: 'assign', target: lowerPattern(node, ctx), value, range }];
}

/** An object pattern, or an array pattern no tuple target can say (`[a, b = 1]`, `[first, ...rest]`, `[{ x }, y]`). */
export function needsStatements(node: SyntaxNode): boolean {
  return node.name === 'ObjectPattern' || (node.name === 'ArrayPattern' && children(node).some((k) => k.name === 'Equals' || k.name === 'Spread' || k.name === 'ObjectPattern' || (k.name === 'ArrayPattern' && needsStatements(k))));
}

/**
 * `const [a, , b = 7, { x }, ...rest] = xs`: xs into a temporary, then each element read as
 * JavaScript reads it — past the end it is undefined, and then a default applies (only to
 * undefined); a rest is the slice from its position.
 */
function arrayPatternAssignments(node: SyntaxNode, value: IrExpr, range: SourceRange, ctx: Context): IrStmt[] {
  const temp = freshName(ctx, range);
  const whole = (): IrExpr => ({ kind: 'name', name: temp.name, range });
  const out: IrStmt[] = [{ kind: 'assign', target: temp, value, range }];
  const kids = children(node);
  let position = 0;
  let afterSeparator = true;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.name === '[' || k.name === ']' || k.name === ',') {
      if (k.name === ',' && afterSeparator) position++;
      afterSeparator = k.name !== ']';
      continue;
    }
    afterSeparator = false;
    const at: IrExpr = { kind: 'number', value: position, range };
    if (k.name === 'Spread') {
      const target = kids[++i];
      const rest: IrExpr = { kind: 'call', callee: { kind: 'intrinsic', name: 'seq_slice', range }, args: [whole(), at], keywords: [], range };
      if (target) out.push(...destructure(target, rest, range, ctx));
      continue;
    }
    // Past the end: undefined, not an index error.
    const inside: IrExpr = { kind: 'compare', ops: ['>'], operands: [{ kind: 'call', callee: { kind: 'intrinsic', name: 'length_of', range }, args: [whole()], keywords: [], range }, at], range };
    let element: IrExpr = { kind: 'conditional', test: inside, then: { kind: 'index', object: whole(), index: at, range }, else: { kind: 'none', range }, range };
    if (kids[i + 1]?.name === 'Equals' && kids[i + 2]) {
      element = orDefault(element, lowerExpr(kids[i + 2]!, ctx), range, ctx);
      i += 2;
    }
    out.push(...destructure(k, element, range, ctx));
    position++;
  }
  return out;
}

export function lowerPattern(node: SyntaxNode, ctx: Context): IrTarget {
  const range = ctx.view.range(node);
  if (node.name === 'VariableDefinition' || node.name === 'VariableName') return { kind: 'name', name: ctx.view.textOf(node), range };
  if (node.name === 'ArrayPattern' || node.name === 'ArrayExpression') {
    const elements: IrTarget[] = [];
    // A comma after a comma (or after `[`) is a hole: `[, y] = point` skips the first value.
    let afterSeparator = true;
    for (const k of children(node)) {
      if (k.name === '[' || k.name === ']' || k.name === ',') {
        if (k.name === ',' && afterSeparator) elements.push({ kind: 'name', name: '#hole', range: ctx.view.range(k) });
        afterSeparator = k.name !== ']';
        continue;
      }
      afterSeparator = false;
      if (k.name === 'Spread' || k.name === 'Equals') {
        // Only an assignment's pattern (`[a, b = 1] = pair`) gets here; declarations and parameters are statements.
        unsupportedExpr(ctx, 'destructuring', 'rest elements and defaults in a destructuring assignment are not supported; declare the names (`const [a, b = 1] = pair`)', ctx.view.range(k));
        continue;
      }
      elements.push(lowerTarget(k, ctx));
    }
    return { kind: 'tuple', elements, positional: true, range };
  }
  unsupportedExpr(ctx, 'destructuring', 'object destructuring is not supported; use separate variables', range);
  return { kind: 'name', name: ctx.view.textOf(node), range };
}

/** The left side of `=`: a name, `x[i]`, or `[a, b]`. */
export function lowerTarget(node: SyntaxNode, ctx: Context): IrTarget {
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
  const prop = node.name === 'MemberExpression' ? node.getChild('PropertyName') : null;
  if (prop && node.firstChild && !node.getChild('?.')) {
    // `this.x = v`, `p.x = v`: a property of an object.
    return { kind: 'attribute', object: lowerExpr(node.firstChild, ctx), name: ctx.view.textOf(prop), property: true, range };
  }
  unsupportedExpr(ctx, 'assignment target', `assigning to \`${ctx.view.textOf(node)}\` is not supported`, range);
  return { kind: 'name', name: ctx.view.textOf(node), range };
}
