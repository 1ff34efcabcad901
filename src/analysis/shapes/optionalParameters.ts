import type { IrExpr, IrFunction } from '../../ir/nodes';
import { childStmts, someExpr, someNode, stmtExprs } from '../../ir/walk';

/**
 * JavaScript's optional parameters: a function of a language whose calls may leave arguments out
 * (`looseArity`) that asks whether one was given —
 *
 *   a = a == null ? 1 : Math.max(1, a);          (d3-ease's elastic amplitude)
 *   if (target === undefined) target = new V();  (three.js's targets)
 *   if (typeof s === 'undefined') s = 1.70158;
 *   out = out || [0, 0];   k = k ?? 3;
 *
 * is usable without it, and is mostly called so: a sample point leaves it out (undefined), and it is
 * not differentiated, as a parameter with a default is not. A bare truth test (`if (k)`, `k ? … : …`)
 * does not count: it also guards a required number against 0 (`y ? x / y : 0`) — unless the
 * parameter is an object the code reads or writes properties of (cannon.js's
 * `vadd(v, target) { if (target) { target.x = …; } else return new Vec3(…); }`): an object is never 0.
 */
export function optionalParameters(fn: IrFunction): string[] {
  if (!fn.looseArity) return [];
  const candidates = fn.params.filter((p) => !p.default && p.kind === undefined && p.name !== 'this');
  // A flag its type says is boolean (synaptic's `LOGISTIC(x: number, derivate?: boolean)`) is never
  // sampled as a number: left out, it is falsy, as `false` is.
  return candidates.filter((p) => BOOLEAN_TYPE.test(p.type ?? '') || asksWhetherGiven(fn, p.name)).map((p) => p.name);
}

const BOOLEAN_TYPE = /^\s*(boolean|bool|Boolean)\s*$/;

function asksWhetherGiven(fn: IrFunction, name: string): boolean {
  const isName = (e: IrExpr): boolean => e.kind === 'name' && e.name === name;
  const undefinedText = (e: IrExpr): boolean => e.kind === 'string' && e.value === 'undefined';
  const typeOfName = (e: IrExpr): boolean => e.kind === 'call' && e.callee.kind === 'intrinsic' && e.callee.name === 'type_of' && e.args.length === 1 && isName(e.args[0]!);
  const asks = (e: IrExpr): boolean => {
    if (e.kind === 'effect') return fallsBack(e, name);
    if (e.kind === 'compare' && e.operands.length === 2) {
      const [a, b] = e.operands as [IrExpr, IrExpr];
      const eq = e.ops[0] === '==' || e.ops[0] === '!=';
      return eq && ((isName(a) && b.kind === 'none') || (isName(b) && a.kind === 'none') || (typeOfName(a) && undefinedText(b)) || (typeOfName(b) && undefinedText(a)));
    }
    // `out = out || fallback`: a fallback when not given.
    if (e.kind === 'logical' && e.op === 'or' && isName(e.left)) return true;
    return e.kind === 'conditional' && truthTest(e.test) && hasProperties();
  };
  // `target`, `!target`: whether it was given, when it is an object.
  const truthTest = (e: IrExpr): boolean => isName(e) || (e.kind === 'unary' && e.op === 'not' && isName(e.operand));
  let objectUse: boolean | undefined;
  const hasProperties = (): boolean => (objectUse ??= someNode(fn.body, {
    expr: (e) => e.kind === 'attribute' && e.property === true && isName(e.object),
    stmt: (s) => (s.kind === 'assign' || s.kind === 'augAssign') && s.target.kind === 'attribute' && isName(s.target.object),
  }));
  const visit = (stmts: typeof fn.body): boolean => stmts.some((s) => (s.kind === 'if' && truthTest(s.test) && hasProperties()) || stmtExprs(s).some((e) => someExpr(e, asks)) || visit(childStmts(s)));
  return visit(fn.body);
}

/**
 * `k ?? 3`, lowered through a temporary (`#t0 = k`, then `#t0 == none ? 3 : #t0`): a fallback. Not
 * `opts?.scale`, lowered the same way but reading the temporary's property: a guard on access, which
 * says nothing of whether the object may be left out (a `Record` the code reads with `?.`).
 */
function fallsBack(e: IrExpr & { kind: 'effect' }, name: string): boolean {
  const temp = e.stmts.length === 1 && e.stmts[0]!.kind === 'assign' && e.stmts[0]!.target.kind === 'name' && e.stmts[0]!.value.kind === 'name' && e.stmts[0]!.value.name === name ? e.stmts[0]!.target.name : undefined;
  const v = e.value;
  const isTemp = (x: IrExpr): boolean => x.kind === 'name' && x.name === temp;
  return temp !== undefined && v.kind === 'conditional' && isTemp(v.else) && v.test.kind === 'compare' && v.test.operands.some(isTemp) && v.test.operands.some((o) => o.kind === 'none');
}
