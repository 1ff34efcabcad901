import type { SourceRange } from '../core/sourceRange';
import type { IrBoundFunction, IrExpr, IrFunction, IrGlobal, IrModule, IrParam, IrStmt } from '../ir/nodes';
import { childStmts } from '../ir/walk';
import { factoryMadeFunction } from '../ir/madeFunctions';
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
  if (module.language === 'python') return withImportedPythonFactories(module, imported);
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

/**
 * Python's: `loss = make_loss(X, y)` (or `f, g = make_pair(X)`) of a factory imported from a workspace
 * file is a bound function of this module (IrBoundFunction), as a factory of the same file's binding
 * is (frontends/python/boundFunctions.ts, the same reading of the factory: ir/madeFunctions.ts): the
 * engine calls what the module constant holds, and the function listed has the nested def's
 * parameters and body — what shape inference reads for its sample — its lens on the binding's name.
 */
function withImportedPythonFactories(module: IrModule, imported: ReadonlyMap<string, IrFunction>): IrModule | undefined {
  const own = new Set([...module.functions.map((f) => f.name), ...(module.classes ?? []).map((c) => c.name), ...(module.boundFunctions ?? []).map((b) => b.name)]);
  const constants = new Map(module.globals.flatMap((g) => (g.kind === 'constant' ? [[g.name, g] as const] : [])));
  const factoryOf = (value: IrExpr): IrFunction | undefined =>
    value.kind === 'call' && value.callee.kind === 'name' && !own.has(value.callee.name) ? imported.get(value.callee.name) : undefined;
  /** `f, g = make_pair(X)`: each part reads the hidden constant holding the call; how many parts it has. */
  const parts = new Map<string, number>();
  for (const g of constants.values()) {
    if (g.value.kind === 'index' && g.value.object.kind === 'name' && g.value.index.kind === 'number') parts.set(g.value.object.name, Math.max(parts.get(g.value.object.name) ?? 0, g.value.index.value + 1));
  }
  const made: IrBoundFunction[] = [];
  for (const g of constants.values()) {
    if (own.has(g.name)) continue;
    const v = g.value;
    const whole = v.kind === 'index' && v.object.kind === 'name' && v.index.kind === 'number' ? constants.get(v.object.name) : undefined;
    const factory = factoryOf(whole ? whole.value : v);
    const element = whole && v.kind === 'index' && v.index.kind === 'number' ? { at: v.index.value, of: parts.get(whole.name)! } : undefined;
    const fn = factory && factoryMadeFunction(factory, g.name, element);
    if (!fn) continue;
    // The lens is on the name bound here (a part's range is its name's; a whole binding starts with it).
    const nameRange = whole ? v.range : { start: g.range.start, end: { line: g.range.start.line, column: g.range.start.column + g.name.length } };
    const params = fn.params.map((p) => ({ ...p, range: nameRange }));
    made.push({ name: g.name, value: v, fn: { ...fn, params, range: g.range, nameRange, diagnostics: [] }, range: g.range });
  }
  return made.length === 0 ? undefined : { ...module, boundFunctions: [...(module.boundFunctions ?? []), ...made] };
}
