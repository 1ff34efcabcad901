import type { SourceRange } from '../core/sourceRange';
import type { IrExpr, IrFunction, IrGlobal, IrModule, IrParam, IrStmt } from '../ir/nodes';
import { childStmts } from '../ir/walk';
import { madeValueName } from '../frontends/typescript/factories';
import { returnsOnlyFunctions } from './problems';

/**
 * Functions made at module level by a factory imported from another file of the workspace:
 *
 *   import { makeLoss } from './loss';
 *   const loss = makeLoss(X, y);
 *
 * The front end sees only a constant (it lowers one file); once the imports are linked, a constant
 * whose value calls an imported factory (problems.ts `returnsOnlyFunctions`) becomes a function of
 * the parameters of the function the factory returns, as a factory of the same file's binding does
 * (frontends/typescript/factories.ts): `loss(w)` calls the value the constant holds, kept under a
 * name no identifier spells. Undefined when the module has none.
 */
export function withImportedFactories(module: IrModule, imported: ReadonlyMap<string, IrFunction>): IrModule | undefined {
  if (module.language !== 'typescript') return undefined;
  const own = new Set([...module.functions.map((f) => f.name), ...(module.classes ?? []).map((c) => c.name)]);
  const made: { global: IrGlobal & { kind: 'constant' }; params: readonly IrParam[] }[] = [];
  for (const g of module.globals) {
    if (g.kind !== 'constant' || g.value.kind !== 'call' || g.value.callee.kind !== 'name' || own.has(g.name)) continue;
    const factory = own.has(g.value.callee.name) ? undefined : imported.get(g.value.callee.name);
    const params = factory && returnsOnlyFunctions(factory) ? returnedParams(factory) : undefined;
    if (params) made.push({ global: g, params });
  }
  if (made.length === 0) return undefined;
  const names = new Set(made.map((m) => m.global.name));
  const globals = module.globals.map((g) => (names.has(g.name) && g.kind === 'constant' ? { ...g, name: madeValueName(g.name) } : g));
  return { ...module, globals, functions: [...module.functions, ...made.map((m) => madeFunction(m.global.name, m.params, m.global.range))] };
}

/** `loss(w) { return loss#made(w); }`, its parameters placed at the binding (the factory's lie in another file). */
function madeFunction(name: string, params: readonly IrParam[], range: SourceRange): IrFunction {
  const placed = params.map((p) => ({ name: p.name, range, ...(p.kind ? { kind: p.kind } : {}) }));
  const args: IrExpr[] = placed.filter((p) => p.kind === undefined).map((p) => ({ kind: 'name', name: p.name, range }));
  const rest = placed.find((p) => p.kind === 'varargs');
  if (rest) args.push({ kind: 'spread', value: { kind: 'name', name: rest.name, range }, range } as IrExpr);
  return {
    name,
    params: placed,
    body: [{ kind: 'return', value: { kind: 'call', callee: { kind: 'name', name: madeValueName(name), range }, args, keywords: [], range }, range }],
    range,
    nameRange: range,
    diagnostics: [],
    looseArity: true,
  };
}

/** The parameters of the function a factory returns: a lambda, a function, a def of its body, or a local bound to one. */
function returnedParams(factory: IrFunction): readonly IrParam[] | undefined {
  const defs = new Map<string, IrFunction>();
  const assigned = new Map<string, IrExpr>();
  const returns: IrExpr[] = [];
  const visit = (stmts: readonly IrStmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'def') defs.set(s.fn.name, s.fn);
      else if (s.kind === 'return' && s.value) returns.push(s.value);
      else if (s.kind === 'assign' && s.target.kind === 'name' && !assigned.has(s.target.name)) assigned.set(s.target.name, s.value);
      else visit(childStmts(s));
    }
  };
  visit(factory.body);
  const paramsOf = (e: IrExpr, depth: number): readonly IrParam[] | undefined => {
    if (depth > 8) return undefined;
    if (e.kind === 'lambda') return e.params;
    if (e.kind === 'function') return e.fn.params;
    if (e.kind === 'name') {
      const def = defs.get(e.name);
      if (def) return def.params;
      const value = assigned.get(e.name);
      return value ? paramsOf(value, depth + 1) : undefined;
    }
    if (e.kind === 'conditional') return paramsOf(e.then, depth + 1) ?? paramsOf(e.else, depth + 1);
    return undefined;
  };
  for (const r of returns) {
    const found = paramsOf(r, 0);
    if (found) return found;
  }
  return undefined;
}
