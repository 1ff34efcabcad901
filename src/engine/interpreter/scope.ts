import type { IrExpr, IrFunction, IrParam, IrStmt, IrTarget } from '../../ir/nodes';
import { childExprs, childStmts, stmtExprs } from '../../ir/walk';

/**
 * Python's rule: a name assigned anywhere in a function body (or a parameter, a `for` target, a
 * nested `def`, a `catch` name, an assignment inside an expression) is local to that function for the
 * whole body. Nested function bodies are their own scopes and are not searched.
 */
export function localNames(params: readonly IrParam[], body: readonly IrStmt[]): string[] {
  const names = new Set<string>(params.map((p) => p.name));
  const visitTarget = (t: IrTarget): void => {
    if (t.kind === 'name') names.add(t.name);
    else if (t.kind === 'tuple') t.elements.forEach(visitTarget);
  };
  const visitExpr = (e: IrExpr): void => {
    if (e.kind === 'effect') {
      visit(e.stmts);
      visitExpr(e.value);
    } else childExprs(e).forEach(visitExpr);
  };
  const visit = (stmts: readonly IrStmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'assign' || s.kind === 'augAssign' || s.kind === 'for') visitTarget(s.target);
      else if (s.kind === 'def') names.add(s.fn.name);
      else if (s.kind === 'try') s.handlers.forEach((h) => h.name !== undefined && names.add(h.name));
      stmtExprs(s).forEach(visitExpr);
      visit(childStmts(s));
    }
  };
  visit(body);
  return [...names];
}

/** A function's locals as slots, with the enclosing function's scope for closures. */
export class Scope {
  readonly slots = new Map<string, number>();

  constructor(
    names: readonly string[],
    readonly parent: Scope | null,
    readonly fn: IrFunction | null,
    /** Names declared `nonlocal`: assignments to them write the enclosing function's variable. */
    readonly nonlocals: ReadonlySet<string> = new Set(),
  ) {
    names.forEach((n, i) => this.slots.set(n, i));
  }

  get size(): number {
    return this.slots.size;
  }

  /** Depth (0 = this function) and slot of a name visible from here, if any function defines it. */
  resolve(name: string): { depth: number; slot: number } | undefined {
    let depth = 0;
    for (let s: Scope | null = this; s; s = s.parent, depth++) {
      const slot = s.slots.get(name);
      if (slot !== undefined) return { depth, slot };
    }
    return undefined;
  }
}
