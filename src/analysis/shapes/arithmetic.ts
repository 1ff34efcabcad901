import type { IrExpr, IrStmt } from '../../ir/nodes';

/** Whether a body computes anything: an arithmetic operator or a library call (only those get a sample point). */
export function doesArithmetic(stmts: readonly IrStmt[]): boolean {
  let found = false;
  const expr = (e: IrExpr | undefined): void => {
    if (!e || found) return;
    switch (e.kind) {
      case 'binary':
        found = true;
        return;
      case 'call':
        if (e.callee.kind === 'intrinsic' || e.callee.kind === 'name') found = true;
        e.args.forEach(expr);
        return;
      case 'unary':
        if (e.op === '-') found = true;
        expr(e.operand);
        return;
      default:
        return;
    }
  };
  const visit = (ss: readonly IrStmt[]): void => {
    for (const s of ss) {
      if (found) return;
      if (s.kind === 'assign' || s.kind === 'expr' || s.kind === 'return') expr(s.value);
      else if (s.kind === 'augAssign') found = true;
      else if (s.kind === 'if' || s.kind === 'while') {
        expr(s.test);
        visit(s.kind === 'if' ? [...s.then, ...s.else] : s.body);
      } else if (s.kind === 'for') visit(s.body);
    }
  };
  visit(stmts);
  return found;
}
