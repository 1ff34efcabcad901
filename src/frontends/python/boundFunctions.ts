import type { IrBoundFunction, IrExpr, IrFunction, IrLambda, IrStmt } from '../../ir/nodes';
import type { TopStatement } from './document';
import { lowerStatement } from './lowerStatements';
import { children, type SourceView } from './parse';
import type { Scope } from './scope';

/**
 * Module-level names bound to functions made at module level, so they get lenses of their own:
 * `f = lambda x: x ** 2`, and `loss = make_loss(X, y)` where `make_loss` returns a nested def (or a
 * lambda) it defines. The last binding of a name wins, as by the time anything runs; a name rebound
 * to anything else, or defined by a `def`, is not one.
 */
export function boundFunctions(
  statements: readonly TopStatement[],
  scopeFor: (view: SourceView) => Scope,
  functions: readonly IrFunction[],
  internal: (e: unknown, s: TopStatement) => void,
): IrBoundFunction[] {
  const defs = new Map(functions.map((f) => [f.name, f]));
  const bound = new Map<string, IrBoundFunction>();
  for (const s of statements) {
    if (s.errors.length > 0) continue;
    const nodes = s.node.name === 'StatementGroup' ? children(s.node) : [s.node];
    try {
      for (const n of nodes) {
        if (n.name !== 'AssignStatement') continue;
        for (const st of lowerStatement(n, scopeFor(s.view))) {
          if (st.kind !== 'assign' || st.target.kind !== 'name') continue;
          const name = st.target.name;
          bound.delete(name);
          const fn = madeFunction(st.value, defs, name, st.target.range);
          if (fn && !defs.has(name)) bound.set(name, { name, value: st.value, fn, range: st.range });
        }
      }
    } catch (e) {
      internal(e, s);
    }
  }
  return [...bound.values()];
}

/** The function `value` evaluates to, if it is a lambda or a factory's returned nested def or lambda. */
function madeFunction(value: IrExpr, defs: ReadonlyMap<string, IrFunction>, name: string, nameRange: IrFunction['nameRange']): IrFunction | undefined {
  if (value.kind === 'lambda') return lambdaFunction(value, name, nameRange);
  if (value.kind !== 'call' || value.callee.kind !== 'name') return undefined;
  const factory = defs.get(value.callee.name);
  if (!factory) return undefined;
  const returned = factory.body.filter((s): s is IrStmt & { kind: 'return' } => s.kind === 'return').map((s) => s.value);
  // One function returned, always the same: a factory with several return paths is not guessed at.
  if (returned.length !== 1 || !returned[0]) return undefined;
  const r = returned[0];
  if (r.kind === 'lambda') return lambdaFunction(r, name, r.range);
  if (r.kind !== 'name') return undefined;
  const nested = factory.body.find((s): s is IrStmt & { kind: 'def' } => s.kind === 'def' && s.fn.name === r.name);
  return nested ? { ...nested.fn, name } : undefined;
}

function lambdaFunction(l: IrLambda, name: string, nameRange: IrFunction['nameRange']): IrFunction {
  return { name, params: l.params, body: [{ kind: 'return', value: l.body, range: l.body.range }], range: l.range, nameRange, diagnostics: [] };
}
