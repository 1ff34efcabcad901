import type { ScalarKind } from './scalarKinds';
import type { IrExpr, IrFunction, IrParam, IrStmt, IrTarget } from '../../ir/nodes';
import { childExprs, childStmts, stmtExprs } from '../../ir/walk';

/**
 * Python's rule: a name assigned anywhere in a function body (or a parameter, a `for` target, a
 * nested `def`, a `catch` name, an assignment inside an expression) is local to that function for the
 * whole body. Nested function bodies are their own scopes and are not searched.
 */
export function localNames(params: readonly IrParam[], body: readonly IrStmt[]): string[] {
  const names = new Set<string>(params.map((p) => p.name));
  const declared = declaredNames(body);
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
      else if (s.kind === 'try') {
        for (const h of s.handlers) if (h.name) names.add(h.name);
      } else if (s.kind === 'with') {
        for (const item of s.items) if (item.target) visitTarget(item.target);
      }
      stmtExprs(s).forEach(visitExpr);
      visit(childStmts(s));
    }
  };
  visit(body);
  for (const n of declared) names.delete(n);
  return [...names];
}

/**
 * Expressions that hold no statements: a `global` or `nonlocal` is a statement of a Python body, never
 * inside an expression, so the walk below skips them — a 100,000-term sum is most of its function's
 * nodes. (An effect holds statements and is walked; a kind not listed is walked too.)
 */
const NO_STATEMENTS: ReadonlySet<string> = new Set(['number', 'bool', 'none', 'string', 'name', 'intrinsic', 'binary', 'sum', 'unary', 'compare', 'call', 'index', 'attribute', 'slice']);

/** Names a body declares `global` or `nonlocal` (not nested defs'): they are not its locals. */
export function declaredNames(body: readonly IrStmt[], only?: 'global' | 'nonlocal'): Set<string> {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const n = node as { kind?: string; scope?: string; names?: string[] };
    if (n.kind === 'def' || n.kind === 'lambda' || n.kind === 'function' || n.kind === 'comprehension') return;
    if (n.kind !== undefined && NO_STATEMENTS.has(n.kind)) return;
    if (n.kind === 'scope' && (!only || n.scope === only)) n.names!.forEach((x) => out.add(x));
    for (const [k, v] of Object.entries(node)) if (k !== 'range' && v !== null && typeof v === 'object') visit(v);
  };
  visit(body);
  return out;
}


/** A function's locals as slots, with the enclosing function's scope for closures. */
export class Scope {
  readonly slots = new Map<string, number>();
  /** Slots past the named ones, which no name refers to (temporary()). */
  private temporaries = 0;
  /** The slots holding the subjects of the `match` statements being compiled here, innermost last: what `matchSubject` reads. */
  readonly matchSubjects: number[] = [];
  /** Whether each local name holds an int or a float, by the source (scalarKinds.ts); empty when not read. */
  kinds: ReadonlyMap<string, ScalarKind> = new Map();

  constructor(
    names: readonly string[],
    readonly parent: Scope | null,
    readonly fn: IrFunction | null,
    /** Names declared `nonlocal`: assignments to them write the enclosing function's variable. */
    readonly nonlocals: ReadonlySet<string> = new Set(),
    /** Names declared `global` here: read and written at module level. */
    readonly globals: ReadonlySet<string> = new Set(),
    /** A comprehension's scope: a name it assigns that is not its own (`:=`) is the enclosing function's. */
    readonly isComprehension = false,
  ) {
    names.forEach((n, i) => this.slots.set(n, i));
  }

  get size(): number {
    return this.slots.size + this.temporaries;
  }

  /** A new slot no name refers to, for a value the compiled code keeps for a while (a match's subject). */
  temporary(): number {
    return this.slots.size + this.temporaries++;
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
