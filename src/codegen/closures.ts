import type { IrExpr, IrFunction, IrLambda } from '../ir/nodes';
import type { Env, LocalFunction } from './steps';

/**
 * Functions made in the code, written out where they are called (as the file's own functions are,
 * calls.ts): a nested def or a lambda of the function (reading the names it closes over as they are
 * at the call, Python's late binding), a lambda called where it is written, and a module-level name
 * bound to a lambda or to a factory's call (`loss = make_loss(CENTER)`), whose body is written out
 * first so the closure's names are there. A function used any other way — returned, stored, passed —
 * is refused.
 */

/** A lambda as the function it is: its expression returned. */
export function lambdaFunction(e: IrLambda, name = '<lambda>'): IrFunction {
  return { name, params: e.params, body: [{ kind: 'return', value: e.body, range: e.body.range }], range: e.range, nameRange: e.range, diagnostics: [] };
}

/** What a module-level function name is bound to (`IrModule.boundFunctions`): a lambda or a factory's call. */
export type BoundFunctions = ReadonlyMap<string, IrExpr>;

/**
 * The function a callee names when it is one made in the code: a lambda written there, a name the
 * function bound to one, or (`factory`) a module-level binding, made by writing out its value.
 */
export function localFunctionCalled(callee: IrExpr, env: Env, bound: BoundFunctions, factory: (value: IrExpr, name: string) => LocalFunction | undefined): LocalFunction | undefined {
  if (callee.kind === 'lambda') return { ir: lambdaFunction(callee) };
  // A factory called and its result called at once: `make_loss(0.5)(w)`.
  if (callee.kind === 'call' && callee.callee.kind === 'name' && !env.has(callee.callee.name)) return factory(callee, callee.callee.name);
  if (callee.kind !== 'name') return undefined;
  const local = env.get(callee.name);
  if (local) return local.fn;
  const value = bound.get(callee.name);
  if (!value) return undefined;
  if (value.kind === 'lambda') return { ir: lambdaFunction(value, callee.name), scope: new Map() };
  return factory(value, callee.name);
}
