// `throw`, `try`, `switch`, labelled statements and `do … while`, lowered to IR.
import type { SyntaxNode } from '@lezer/common';
import type { IrExpr, IrStmt } from '../../ir/nodes';
import { children } from './parse';
import { type Context, broken } from './lowerContext';
import { lowerExpr } from './lowerExpressions';
import { freshName } from './lowerEffects';
import { lowerStatement } from './lowerStatements';

function blockOf(node: SyntaxNode | null | undefined, ctx: Context): IrStmt[] {
  if (!node) return [];
  return children(node).filter((k) => k.name !== '{' && k.name !== '}' && !k.type.isError).flatMap((k) => lowerStatement(k, ctx));
}

export function lowerThrow(s: SyntaxNode, ctx: Context): IrStmt {
  const value = children(s).find((k) => k.name !== 'throw' && k.name !== ';' && !k.type.isError);
  const range = ctx.view.range(s);
  return value ? { kind: 'raise', exception: lowerExpr(value, ctx), range } : { kind: 'raise', range };
}

export function lowerTry(s: SyntaxNode, ctx: Context): IrStmt {
  const range = ctx.view.range(s);
  const catchClause = s.getChild('CatchClause');
  const finallyClause = s.getChild('FinallyClause');
  const name = catchClause?.getChild('VariableDefinition');
  const handlers = catchClause
    ? [{ ...(name ? { name: ctx.view.textOf(name) } : {}), body: blockOf(catchClause.getChild('Block'), ctx), range: ctx.view.range(catchClause) }]
    : [];
  return { kind: 'try', body: blockOf(s.getChild('Block'), ctx), handlers, else: [], finally: finallyClause ? blockOf(finallyClause.getChild('Block'), ctx) : [], range };
}

/** `label: stmt`: a loop takes the label (for `continue label`); anything else is a block `break label` leaves. */
export function lowerLabeled(s: SyntaxNode, ctx: Context): IrStmt[] {
  const label = s.getChild('Label');
  const body = children(s).find((k) => k.name !== 'Label' && k.name !== ':');
  if (!label || !body) return [];
  const name = ctx.view.textOf(label);
  const lowered = lowerStatement(body, ctx);
  const last = lowered[lowered.length - 1];
  if (last && (last.kind === 'while' || last.kind === 'for') && (body.name === 'ForStatement' || body.name === 'WhileStatement' || body.name === 'DoStatement')) {
    return [...lowered.slice(0, -1), { ...last, label: name }];
  }
  return [{ kind: 'labeled', label: name, body: lowered, range: ctx.view.range(s) }];
}

/** `do body while (test)`: a loop whose test runs after each iteration (also after a `continue`). */
export function lowerDo(s: SyntaxNode, ctx: Context): IrStmt[] {
  const range = ctx.view.range(s);
  const kids = children(s);
  const body = kids.find((k) => k.name !== 'do' && k.name !== 'while' && k.name !== 'ParenthesizedExpression' && k.name !== ';');
  const test = kids.find((k) => k.name === 'ParenthesizedExpression');
  const testExpr: IrExpr = test ? lowerExpr(test, ctx) : broken(range);
  const stop: IrStmt = { kind: 'if', test: { kind: 'unary', op: 'not', operand: testExpr, range: testExpr.range }, then: [{ kind: 'break', range }], else: [], range };
  const bodyStmts = body ? (body.name === 'Block' ? blockOf(body, ctx) : lowerStatement(body, ctx)) : [];
  return [{ kind: 'while', test: { kind: 'bool', value: true, range }, body: bodyStmts, update: [stop], range }];
}

/**
 * `switch (d) { case a: …; case b: …; default: … }` with JavaScript's fall-through: a block labelled
 * `#switchN` (its unlabelled `break`s become `break #switchN`) holding, per case in order,
 * `if (matched or d === a) { matched = true; … }`; `default` runs when no case matches (or by falling
 * into it). d is evaluated once, the case values in order until one matches, as JavaScript does.
 */
export function lowerSwitch(s: SyntaxNode, ctx: Context): IrStmt[] {
  const view = ctx.view;
  const range = view.range(s);
  const label = `#switch${ctx.temps.next++}`;
  const discriminant = s.getChild('ParenthesizedExpression');
  const switchBody = s.getChild('SwitchBody');
  const d = freshName(ctx, discriminant ? view.range(discriminant) : range);
  const matched = freshName(ctx, range);
  const read = (t: { name: string }): IrExpr => ({ kind: 'name', name: t.name, range });
  const out: IrStmt[] = [
    { kind: 'assign', target: d, value: discriminant ? lowerExpr(discriminant, ctx) : broken(range), range: d.range },
    { kind: 'assign', target: matched, value: { kind: 'bool', value: false, range }, range },
  ];
  // Each clause: its test (none for default) and its statements.
  const clauses: { test?: IrExpr; body: IrStmt[]; range: typeof range }[] = [];
  for (const k of switchBody ? children(switchBody) : []) {
    if (k.name === 'CaseLabel') {
      const value = children(k).find((c) => c.name !== 'case' && c.name !== ':');
      clauses.push({ test: value ? lowerExpr(value, ctx) : broken(view.range(k)), body: [], range: view.range(k) });
    } else if (k.name === 'DefaultLabel') clauses.push({ body: [], range: view.range(k) });
    else if (k.name !== '{' && k.name !== '}' && !k.type.isError && clauses.length > 0) clauses[clauses.length - 1]!.body.push(...lowerStatement(k, ctx));
  }
  const equals = (test: IrExpr): IrExpr => ({ kind: 'compare', ops: ['=='], operands: [read(d), test], range: test.range });
  const hasDefault = clauses.some((c) => !c.test);
  const cases: IrStmt[] = [];
  // With a default, a first pass finds whether any case matches (cases before the default included).
  const anyMatch = freshName(ctx, range);
  if (hasDefault) {
    const tests = clauses.filter((c) => c.test).map((c) => equals(c.test!));
    const any = tests.reduce<IrExpr>((a, b) => ({ kind: 'logical', op: 'or', left: a, right: b, range }), { kind: 'bool', value: false, range });
    cases.push({ kind: 'assign', target: anyMatch, value: any, range });
  }
  for (const c of clauses) {
    const enter: IrExpr = c.test ? equals(c.test) : { kind: 'unary', op: 'not', operand: read(anyMatch), range: c.range };
    const test: IrExpr = { kind: 'logical', op: 'or', left: read(matched), right: enter, range: c.range };
    const body: IrStmt[] = [{ kind: 'assign', target: matched, value: { kind: 'bool', value: true, range: c.range }, range: c.range }, ...breaksTo(c.body, label)];
    cases.push({ kind: 'if', test, then: body, else: [], range: c.range });
  }
  return [...out, { kind: 'labeled', label, body: cases, range }];
}

/** Unlabelled `break`s that leave the switch (not those of a loop inside it) name its label. */
function breaksTo(stmts: readonly IrStmt[], label: string): IrStmt[] {
  return stmts.map((s): IrStmt => {
    if (s.kind === 'break' && !s.label) return { ...s, label };
    if (s.kind === 'if') return { ...s, then: breaksTo(s.then, label), else: breaksTo(s.else, label) };
    if (s.kind === 'labeled') return { ...s, body: breaksTo(s.body, label) };
    if (s.kind === 'try') {
      return {
        ...s,
        body: breaksTo(s.body, label),
        handlers: s.handlers.map((h) => ({ ...h, body: breaksTo(h.body, label) })),
        else: breaksTo(s.else, label),
        finally: breaksTo(s.finally, label),
      };
    }
    return s;
  });
}
