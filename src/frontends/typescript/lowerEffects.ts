// Expressions with effects — assignments, `++`/`--`, `||=`/`??=`, the comma operator — and `??`,
// optional chaining and template literals, lowered to the IR's `effect` (statements, then a value).
import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import type { IrExpr, IrStmt, IrTarget, IrTemplateField } from '../../ir/nodes';
import { children } from './parse';
import { type Context, UPDATE, broken, jsRemainder, unsupportedStmt } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { lowerTarget } from './lowerPatterns';

/** A fresh local name no JavaScript identifier can spell, for a value computed once. */
export function freshName(ctx: Context, range: SourceRange): IrTarget & { kind: 'name' } {
  return { kind: 'name', name: `#t${ctx.temps.next++}`, range };
}

function read(t: IrTarget & { kind: 'name' }): IrExpr {
  return { kind: 'name', name: t.name, range: t.range };
}

function isNone(value: IrExpr, range: SourceRange): IrExpr {
  return { kind: 'compare', ops: ['=='], operands: [value, { kind: 'none', range }], range };
}

/**
 * The statements of an assignment (`=`, `+=`, `||=`, …) used as a statement. `x ||= d` assigns only
 * when x is falsy, `x &&= d` when it is truthy, `x ??= d` when it is null or undefined.
 */
export function assignmentStatements(e: SyntaxNode, ctx: Context, range: SourceRange): IrStmt[] {
  const view = ctx.view;
  const kids = children(e);
  const [left, op, value] = kids;
  if (!left || !op || !value || left.type.isError) return [{ kind: 'expr', value: broken(range), range }];
  const opText = view.textOf(op);
  if (op.name === 'Equals') return [{ kind: 'assign', target: lowerTarget(left, ctx), value: lowerExpr(value, ctx), range }];
  if (opText === '||=' || opText === '&&=' || opText === '??=') {
    const current = lowerExpr(left, ctx);
    const test: IrExpr = opText === '||=' ? { kind: 'unary', op: 'not', operand: current, range } : opText === '&&=' ? current : isNone(current, range);
    return [{ kind: 'if', test, then: [{ kind: 'assign', target: lowerTarget(left, ctx), value: lowerExpr(value, ctx), range }], else: [], range }];
  }
  const binop = UPDATE[opText];
  if (!binop) return [unsupportedStmt(ctx, opText, `\`${opText}\` is not supported`, view.range(op))];
  if (binop === '%') {
    // JavaScript's `%` keeps the sign of the dividend; see `jsRemainder`.
    return [{ kind: 'assign', target: lowerTarget(left, ctx), value: jsRemainder(lowerExpr(left, ctx), lowerExpr(value, ctx), range), range }];
  }
  return [{ kind: 'augAssign', target: lowerTarget(left, ctx), op: binop, value: lowerExpr(value, ctx), range }];
}

/**
 * An assignment inside an expression: its statements, then the assigned value. A name is read back;
 * any other target gets the value through a temporary, so its object and index are evaluated once.
 */
export function lowerAssignmentExpr(e: SyntaxNode, ctx: Context): IrExpr {
  const range = ctx.view.range(e);
  const [left, op, value] = children(e);
  if (!left || !op || !value) return broken(range);
  if (left.name === 'VariableName') {
    const stmts = assignmentStatements(e, ctx, range);
    return { kind: 'effect', stmts, value: { kind: 'name', name: ctx.view.textOf(left), range: ctx.view.range(left) }, range };
  }
  if (op.name === 'Equals') {
    const temp = freshName(ctx, range);
    const stmts: IrStmt[] = [
      { kind: 'assign', target: temp, value: lowerExpr(value, ctx), range },
      { kind: 'assign', target: lowerTarget(left, ctx), value: read(temp), range },
    ];
    return { kind: 'effect', stmts, value: read(temp), range };
  }
  // `xs[i] += v` as a value: the element is read back after the update.
  return { kind: 'effect', stmts: assignmentStatements(e, ctx, range), value: lowerExpr(left, ctx), range };
}

/** `++x`/`--x` (the new value) and `x++`/`x--` (the old one) inside an expression. */
export function lowerIncrementExpr(e: SyntaxNode, opNode: SyntaxNode, operand: SyntaxNode, ctx: Context): IrExpr {
  const range = ctx.view.range(e);
  const step: IrStmt = {
    kind: 'augAssign',
    target: lowerTarget(operand, ctx),
    op: ctx.view.textOf(opNode) === '++' ? '+' : '-',
    value: { kind: 'number', value: 1, range: ctx.view.range(opNode) },
    range,
  };
  const prefix = opNode.from < operand.from;
  if (prefix) return { kind: 'effect', stmts: [step], value: lowerExpr(operand, ctx), range };
  const old = freshName(ctx, range);
  // The old value as a number (`x++` converts, as unary plus does).
  const plus: IrExpr = { kind: 'unary', op: '+', operand: lowerExpr(operand, ctx), range };
  return { kind: 'effect', stmts: [{ kind: 'assign', target: old, value: plus, range }, step], value: read(old), range };
}

/** `a, b, c`: a and b for their effects, then c. */
export function lowerComma(e: SyntaxNode, ctx: Context): IrExpr {
  const range = ctx.view.range(e);
  const parts = children(e).filter((k) => k.name !== ',');
  const last = parts.pop();
  if (!last) return broken(range);
  const stmts: IrStmt[] = parts.map((p) => ({ kind: 'expr', value: lowerExpr(p, ctx), range: ctx.view.range(p) }));
  return { kind: 'effect', stmts, value: lowerExpr(last, ctx), range };
}

/** `a ?? b`: b when a is null or undefined, a evaluated once. */
export function lowerNullish(left: SyntaxNode, right: SyntaxNode, range: SourceRange, ctx: Context): IrExpr {
  const temp = freshName(ctx, ctx.view.range(left));
  return {
    kind: 'effect',
    stmts: [{ kind: 'assign', target: temp, value: lowerExpr(left, ctx), range: temp.range }],
    value: { kind: 'conditional', test: isNone(read(temp), range), then: lowerExpr(right, ctx), else: read(temp), range },
    range,
  };
}

/**
 * `a?.b`, `a?.[i]`, `a?.m(x)`, `f?.(x)`: undefined when the object is null or undefined, else the
 * access itself, lowered with the object read from a temporary (see `Context.substitutes`).
 */
export function lowerOptional(node: SyntaxNode, object: SyntaxNode, ctx: Context, lowerRest: () => IrExpr): IrExpr {
  const range = ctx.view.range(node);
  const temp = freshName(ctx, ctx.view.range(object));
  const value = lowerExpr(object, ctx);
  const key = substituteKey(object);
  ctx.substitutes.set(key, read(temp));
  let access: IrExpr;
  try {
    access = lowerRest();
  } finally {
    ctx.substitutes.delete(key);
  }
  return {
    kind: 'effect',
    stmts: [{ kind: 'assign', target: temp, value, range: temp.range }],
    value: { kind: 'conditional', test: isNone(read(temp), range), then: { kind: 'none', range }, else: access, range },
    range,
  };
}

export function substituteKey(node: SyntaxNode): string {
  return `${node.from}:${node.to}:${node.name}`;
}

/** `` `a ${x} b` ``: the parts as strings, joined (carried for messages, never differentiated). */
export function lowerTemplate(node: SyntaxNode, ctx: Context): IrExpr {
  const view = ctx.view;
  const range = view.range(node);
  const parts: (string | IrTemplateField)[] = [];
  const text = view.textOf(node);
  const start = view.from(node);
  let at = start + 1;
  const literal = (to: number): void => {
    if (to > at) parts.push(unescape(text.slice(at - start, to - start)));
  };
  for (const k of children(node)) {
    if (k.name !== 'Interpolation') continue;
    literal(view.from(k));
    const inner = children(k).find((c) => c.name !== 'InterpolationStart' && c.name !== 'InterpolationEnd');
    parts.push({ value: inner ? lowerExpr(inner, ctx) : broken(view.range(k)) });
    at = view.to(k);
  }
  literal(start + text.length - (text.endsWith('`') && text.length > 1 ? 1 : 0));
  return { kind: 'template', parts, range };
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}
