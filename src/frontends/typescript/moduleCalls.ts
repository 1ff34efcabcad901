// Module constants computed by the file's own functions (`export var sqrt2 = sqrt(2);` in
// d3-geo-projection's math.js, `const K = gain(0.5);`): JavaScript runs them once, in order, when the
// module loads, and the engine's module initialisation does the same (engine/moduleInit.ts). Such a
// constant is kept only where the order cannot change its value: what its calls reach reads no module
// binding made at or after it (a `const` there is a ReferenceError in JavaScript, a `var` undefined,
// while a run would read its value), assigns no module variable, and calls no arrow or function
// expression bound after it (not yet made when the constant runs; a function declaration is hoisted).
import { comparePositions, type SourceRange } from '../../core/sourceRange';
import type { IrExpr, IrFunction } from '../../ir/nodes';
import { someExpr, someNode } from '../../ir/walk';

export interface ModuleBindings {
  /** The file's functions by name, and whether each is a hoisted `function` declaration. */
  readonly functions: ReadonlyMap<string, { readonly fn: IrFunction; readonly hoisted: boolean }>;
  /** Where each module variable or constant is bound; a name bound twice is not listed (never safe). */
  readonly boundAt: ReadonlyMap<string, SourceRange>;
  /** Names the module binds more than once, or that its functions may assign. */
  readonly unstable: ReadonlySet<string>;
}

/**
 * Why a constant's value bound at `at`, which calls the file's functions, cannot run up front in the
 * module's order (`gain reads LIMIT, bound after it`); undefined when it can.
 */
export function outOfOrder(value: IrExpr, at: SourceRange, bindings: ModuleBindings): string | undefined {
  const before = (r: SourceRange): boolean => comparePositions(r.start, at.start) < 0;
  const called = new Set<string>();
  const todo: string[] = [];
  const note = (e: IrExpr): boolean => {
    if (e.kind === 'call' && e.callee.kind === 'name' && bindings.functions.has(e.callee.name) && !called.has(e.callee.name)) {
      called.add(e.callee.name);
      todo.push(e.callee.name);
    }
    return false;
  };
  someExpr(value, note);
  while (todo.length > 0) {
    const name = todo.pop()!;
    const { fn, hoisted } = bindings.functions.get(name)!;
    if (!hoisted && !before(fn.range)) return `${name} is made after it (line ${fn.range.start.line + 1})`;
    let why: string | undefined;
    someNode(fn.body, {
      stmt: (s) => {
        if (s.kind === 'scope' && s.scope === 'global') why = `${name} assigns the module's ${s.names.join(', ')}`;
        return why !== undefined;
      },
      expr: (e) => {
        note(e);
        if (e.kind !== 'name' || bindings.functions.has(e.name)) return false;
        const bound = bindings.boundAt.get(e.name);
        if (bindings.unstable.has(e.name)) why = `${name} reads ${e.name}, which the module binds more than once or its functions assign`;
        else if (bound && !before(bound)) why = `${name} reads ${e.name}, bound after it (line ${bound.start.line + 1})`;
        return why !== undefined;
      },
    });
    if (why) return why;
  }
  return called.size > 0 ? undefined : 'it calls code GradLens does not run up front';
}
