import type { IrFunction, IrLambda, IrStmt } from './nodes';
import { childStmts } from './walk';

/**
 * The function a factory's call makes, seen from outside: `make_loss` defining a nested `def loss(w)`
 * (or a lambda, or a local bound once to one) and returning it. Read from the factory's IR alone, so
 * a factory of the same file (frontends/python/boundFunctions.ts) and one imported from another file
 * (analysis/importedFactories.ts) make the same function. With `element`, the one at that place of
 * the tuple the factory returns, of exactly that length (autograd's `num_params, objective =
 * make_gp_funs(…)`). Named `name`, with the nested def's parameters and body; undefined when the
 * factory does not say plainly — one `return` at its top level, always the same function.
 */
export function factoryMadeFunction(factory: IrFunction, name: string, element?: { at: number; of: number }): IrFunction | undefined {
  // One function returned, always the same: a factory with several return paths (`if k > 0: return …`) is not guessed at.
  const returns = returnsOf(factory.body);
  const r0 = returns.length === 1 && factory.body.includes(returns[0]!) ? returns[0]!.value : undefined;
  if (!r0) return undefined;
  let r = r0;
  if (element) {
    if (r.kind !== 'tuple' || r.elements.length !== element.of) return undefined;
    r = r.elements[element.at]!;
  }
  if (r.kind === 'lambda') return lambdaFunction(r, name, r.range);
  if (r.kind !== 'name') return undefined;
  const returnedName = r.name;
  const nested = factory.body.find((s): s is IrStmt & { kind: 'def' } => s.kind === 'def' && s.fn.name === returnedName);
  if (nested) return { ...nested.fn, name };
  // `predict = lambda w, x: …` then `return predict`: the one lambda that name is ever given.
  const assigned = factory.body.filter((s): s is IrStmt & { kind: 'assign' } => s.kind === 'assign' && s.target.kind === 'name' && s.target.name === returnedName);
  const only = assigned.length === 1 ? assigned[0]!.value : undefined;
  return only?.kind === 'lambda' ? lambdaFunction(only, name, only.range) : undefined;
}

/** `f = lambda x: …` as the function it is, named `name`. */
export function lambdaFunction(l: IrLambda, name: string, nameRange: IrFunction['nameRange']): IrFunction {
  return { name, params: l.params, body: [{ kind: 'return', value: l.body, range: l.body.range }], range: l.range, nameRange, diagnostics: [] };
}

/** The `return` statements of a body, in its blocks too, not in the functions it defines. */
function returnsOf(stmts: readonly IrStmt[]): (IrStmt & { kind: 'return' })[] {
  return stmts.flatMap((s) => (s.kind === 'return' ? [s] : returnsOf(childStmts(s))));
}
