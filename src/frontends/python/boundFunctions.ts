import type { IrBoundFunction, IrExpr, IrFunction, IrGlobal } from '../../ir/nodes';
import { factoryMadeFunction, lambdaFunction } from '../../ir/madeFunctions';
import type { TopStatement } from './document';
import { mainBlockStatements } from './globals';
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
    const tops = s.node.name === 'StatementGroup' ? children(s.node) : [s.node];
    // `objective, unpack = make_objective(log_density, D)` inside `if __name__ == "__main__":` binds too.
    const nodes = tops.flatMap((n) => [n, ...mainBlockStatements(n, s.view)]);
    try {
      for (const n of nodes) {
        if (n.name !== 'AssignStatement') continue;
        for (const st of lowerStatement(n, scopeFor(s.view))) {
          if (st.kind !== 'assign') continue;
          if (st.target.kind === 'tuple') {
            // `num_params, objective = make_gp_funs(...)`: each name the factory's returned tuple gives a function.
            const targets = st.target.elements;
            targets.forEach((t, i) => {
              if (t.kind !== 'name') return;
              bound.delete(t.name);
              const fn = madeFunction(st.value, defs, t.name, t.range, { at: i, of: targets.length });
              const value: IrExpr = { kind: 'index', object: st.value, index: { kind: 'number', value: i, range: t.range }, range: t.range };
              if (fn && !defs.has(t.name)) bound.set(t.name, { name: t.name, value, fn, range: st.range });
            });
            continue;
          }
          if (st.target.kind !== 'name') continue;
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

/**
 * The function `value` evaluates to, if it is a lambda or a factory's returned nested def or lambda;
 * with `element`, the one at that place of the tuple the factory returns (of exactly that length).
 */
function madeFunction(value: IrExpr, defs: ReadonlyMap<string, IrFunction>, name: string, nameRange: IrFunction['nameRange'], element?: { at: number; of: number }): IrFunction | undefined {
  if (value.kind === 'lambda') return element ? undefined : lambdaFunction(value, name, nameRange);
  if (value.kind !== 'call' || value.callee.kind !== 'name') return undefined;
  const factory = defs.get(value.callee.name);
  return factory && factoryMadeFunction(factory, name, element);
}

/**
 * Module constants whose value is a call of one of `called` (`loss = make_loss(X, y)`), or a part of
 * one (`f, g = make_pair(X)`): what may be functions once the file's imports say what those make.
 */
export function madeByCalls(constants: readonly IrGlobal[], called: ReadonlySet<string>): string[] {
  const values = new Map(constants.flatMap((g) => (g.kind === 'constant' ? [[g.name, g.value] as const] : [])));
  const isCall = (e: IrExpr | undefined): boolean => e?.kind === 'call' && e.callee.kind === 'name' && called.has(e.callee.name);
  return [...values].filter(([, v]) => isCall(v) || (v.kind === 'index' && v.object.kind === 'name' && isCall(values.get(v.object.name)))).map(([name]) => name);
}
