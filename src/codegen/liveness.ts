import type { SourceRange } from '../core/sourceRange';
import type { IrExpr, IrStmt, IrTarget } from '../ir/nodes';
import { childExprs, childStmts, stmtExprs } from '../ir/walk';

/**
 * Which names a function may still read after one of its loops or ifs (live there): what a name
 * made only inside that statement must be kept for. Backwards liveness over the IR, erring towards
 * live (a name kept needlessly costs a line of generated code; one dropped would be read unset):
 * a jump keeps everything its loop reads live, try/with blocks kill nothing.
 */
export function namesLiveAfter(body: readonly IrStmt[], statement: IrStmt): Set<string> {
  const found = new Set<string>();
  const isIt = (s: IrStmt): boolean => s.kind === statement.kind && sameRange(s.range, statement.range);
  const block = (stmts: readonly IrStmt[], liveOut: ReadonlySet<string>, loopReads: ReadonlySet<string>): Set<string> => {
    let live = new Set(liveOut);
    for (let i = stmts.length - 1; i >= 0; i--) live = stmt(stmts[i]!, live, loopReads);
    return live;
  };
  const stmt = (s: IrStmt, liveOut: Set<string>, loopReads: ReadonlySet<string>): Set<string> => {
    if (isIt(s)) liveOut.forEach((n) => found.add(n));
    switch (s.kind) {
      case 'assign': {
        const live = new Set(liveOut);
        killed(s.target).forEach((n) => live.delete(n));
        return addReads(live, stmtExprs(s));
      }
      case 'augAssign':
        return addReads(new Set([...liveOut, ...killed(s.target)]), stmtExprs(s));
      case 'return':
        return addReads(new Set(), stmtExprs(s));
      case 'break':
      case 'continue':
        return new Set([...liveOut, ...loopReads]);
      case 'if':
        return addReads(new Set([...block(s.then, liveOut, loopReads), ...block(s.else, liveOut, loopReads)]), [s.test]);
      case 'for':
      case 'while': {
        // The body may run any number of times: what is live at its head, to a fixed point.
        const body = s.kind === 'while' ? [...s.body, ...(s.update ?? [])] : s.body;
        const reads = allReads(body, s.kind === 'while' ? [s.test] : []);
        let head = new Set([...liveOut, ...(s.kind === 'while' ? readsOf([s.test]) : [])]);
        for (;;) {
          const entry = block(body, head, new Set([...reads, ...liveOut]));
          if (s.kind === 'for') killed(s.target).forEach((n) => entry.delete(n));
          const next = new Set([...head, ...entry]);
          if (next.size === head.size) break;
          head = next;
        }
        return addReads(head, s.kind === 'for' ? [s.iterable] : []);
      }
      default:
        // def, try, with, expr, …: nothing killed, everything they read (nested bodies too) live.
        return new Set([...liveOut, ...allReads([s], [])]);
    }
  };
  block(body, new Set(), new Set());
  return found;
}

function killed(t: IrTarget): string[] {
  if (t.kind === 'name') return [t.name];
  if (t.kind === 'tuple') return t.elements.flatMap(killed);
  return [];
}

function addReads(live: Set<string>, exprs: readonly IrExpr[]): Set<string> {
  readsOf(exprs).forEach((n) => live.add(n));
  return live;
}

/** Names the expressions read, lambdas' and nested functions' bodies included. */
function readsOf(exprs: readonly IrExpr[], into = new Set<string>()): Set<string> {
  const expr = (e: IrExpr): void => {
    if (e.kind === 'name') into.add(e.name);
    else if (e.kind === 'lambda') expr(e.body);
    else if (e.kind === 'function') allReads(e.fn.body, [], into);
    childExprs(e).forEach(expr);
  };
  exprs.forEach(expr);
  return into;
}

/** Names statements read anywhere in them. */
function allReads(stmts: readonly IrStmt[], exprs: readonly IrExpr[], into = new Set<string>()): Set<string> {
  readsOf(exprs, into);
  for (const s of stmts) {
    if (s.kind === 'def') allReads(s.fn.body, [], into);
    readsOf(stmtExprs(s), into);
    allReads(childStmts(s), [], into);
  }
  return into;
}

const sameRange = (a: SourceRange, b: SourceRange): boolean =>
  a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;
