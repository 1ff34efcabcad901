import { statementNames } from '../../ir/moduleNames';
import type { IrCall, IrExpr, IrPoint, IrStmt } from '../../ir/nodes';
import { childExprs, stmtExprs } from '../../ir/walk';
import { solverNamed } from './solverPoints';

/**
 * Points from module-level calls whose arguments are computed values (`init_params = (np.zeros(D),
 * 0.5)` … `loss(init_params, X, y)`, `grad(objective)(init_params, 0)`): the arguments, as one tuple,
 * become a hidden module constant evaluated in the statement's place among the others (globals.ts),
 * so they read each name as bound when the call runs; the analysis evaluates that constant and turns
 * its value into the point (analysis/evaluatedPoints.ts). Literal arguments are read by points.ts
 * without running anything; a point of this kind is dropped where that one exists (index.ts).
 */

/** The start of an arguments constant's name: no Python name can hold `@`. */
export const ARGUMENTS = 'call arguments@';

/** A call found in a module-level statement: the function it gives a point, and the arguments' tuple. */
export interface EvaluatedCall {
  readonly function: string;
  readonly call: IrCall;
  /** The positional arguments, then the keywords' values in `keywords` order. */
  readonly tuple: IrExpr;
  readonly keywords: readonly string[];
}

/**
 * The calls in statement `s` (an assignment or an expression statement, not a loop's or a branch's
 * body) of a function among `functions`, directly (`f(a, b)`) or through an autograd or jax
 * transformation (`grad(f)(a, b)`), whose arguments only read: they call none of `userNames` (the
 * file's own code, which may change what it reads) and draw nothing, so evaluating them once more
 * changes nothing the program computes. A call inside a lambda or a comprehension is not one: its
 * arguments may read the lambda's parameters or the comprehension's targets.
 */
export function evaluatedCalls(s: IrStmt, functions: ReadonlySet<string>, userNames: ReadonlySet<string>): EvaluatedCall[] {
  if (s.kind !== 'assign' && s.kind !== 'augAssign' && s.kind !== 'expr') return [];
  const found: EvaluatedCall[] = [];
  const walk = (e: IrExpr): void => {
    if (e.kind === 'lambda' || e.kind === 'comprehension' || e.kind === 'function' || e.kind === 'effect') return;
    const name = e.kind === 'call' ? calledFunction(e.callee) : undefined;
    if (e.kind === 'call' && name !== undefined && functions.has(name)) {
      const call = onlyReads(e, userNames);
      if (call) found.push({ function: name, call: e, ...call });
    }
    if (e.kind === 'call') found.push(...solverCalls(e, functions, userNames));
    childExprs(e).forEach(walk);
  };
  stmtExprs(s).forEach(walk);
  return found;
}

/** Transformations whose result takes the function's own arguments (not `vmap`'s batches). */
const SAME_ARGUMENTS = new Set(['grad', 'value_and_grad', 'elementwise_grad', 'jacobian', 'hessian', 'jacfwd', 'jacrev', 'jit']);

/**
 * `f` of `f`, and of `grad(f)`, `jax.value_and_grad(f)`, `jit(f)`: a name imported from autograd or
 * jax stays a name (it is refused where run), `jax.grad` is the `transformed` intrinsic.
 */
function calledFunction(callee: IrExpr): string | undefined {
  if (callee.kind === 'name') return callee.name;
  if (callee.kind !== 'call' || callee.args.length !== 1 || callee.keywords.length > 0 || callee.args[0]!.kind !== 'name') return undefined;
  const transform = callee.callee;
  const known = transform.kind === 'intrinsic' ? transform.name === 'transformed' : transform.kind === 'name' ? SAME_ARGUMENTS.has(transform.name) : transform.kind === 'unsupported' && SAME_ARGUMENTS.has(transform.construct.slice(transform.construct.lastIndexOf('.') + 1));
  return known ? callee.args[0].name : undefined;
}

function onlyReads(call: IrCall, userNames: ReadonlySet<string>): { tuple: IrExpr; keywords: string[] } | undefined {
  if (call.keywordSpreads?.length || call.args.some((a) => a.kind === 'spread') || call.args.length + call.keywords.length === 0) return undefined;
  const elements = [...call.args, ...call.keywords.map((k) => k.value)];
  const tuple: IrExpr = { kind: 'tuple', elements, range: call.range };
  const use = statementNames([{ kind: 'expr', value: tuple, range: call.range }]);
  if (use.changes.size > 0 || use.inPlace.size > 0 || elements.some((x) => callsUserCode(x, userNames))) return undefined;
  return { tuple, keywords: call.keywords.map((k) => k.name) };
}

function callsUserCode(e: IrExpr, userNames: ReadonlySet<string>): boolean {
  if (e.kind === 'call' && e.callee.kind === 'name' && userNames.has(e.callee.name)) return true;
  // A method call may be the file's own class's (`model.params()`), which may change its object.
  if (e.kind === 'call' && e.callee.kind === 'attribute') return true;
  return childExprs(e).some((x) => callsUserCode(x, userNames));
}

/** `opt.minimize` of `opt.minimize(f, x0)`: the callee's dotted name, when it is one. */
function dottedName(e: IrExpr): string | undefined {
  if (e.kind === 'name') return e.name;
  if (e.kind === 'attribute') {
    const object = dottedName(e.object);
    return object === undefined ? undefined : `${object}.${e.name}`;
  }
  // scipy.optimize is no module GradLens reads: its names are refused where run, spelled as written.
  return e.kind === 'unsupported' ? e.construct : undefined;
}

/**
 * `minimize(loss, w0, args=(X, y))`, `check_grad(f, g, x0, X)` with a computed start: each of the
 * file's functions the solver is handed gets the point `(x0, *args)`, evaluated as a call's arguments
 * are (the literal ones are read by solverPoints.ts).
 */
function solverCalls(e: IrCall, functions: ReadonlySet<string>, userNames: ReadonlySet<string>): EvaluatedCall[] {
  const name = dottedName(e.callee);
  const solver = name === undefined ? undefined : solverNamed(name);
  if (!solver || e.args.some((a) => a.kind === 'spread') || e.keywordSpreads?.length) return [];
  const start = e.args[solver.start] ?? (solver.startKeyword ? e.keywords.find((k) => k.name === solver.startKeyword)?.value : undefined);
  const given = e.keywords.find((k) => k.name === 'args')?.value;
  const extra = solver.restArgs ? e.args.slice(solver.start + 1) : given === undefined ? [] : given.kind === 'tuple' ? given.elements : undefined;
  if (!start || !extra) return [];
  const point: IrCall = { kind: 'call', callee: e.callee, args: [start, ...extra], keywords: [], range: e.range };
  const reads = onlyReads(point, userNames);
  if (!reads) return [];
  return solver.functions.map((k) => e.args[k]).flatMap((f) => (f?.kind === 'name' && functions.has(f.name) ? [{ function: f.name, call: e, ...reads }] : []));
}

/** The point a found call gives, its arguments in the constant `constant`. */
export function evaluatedPoint(found: EvaluatedCall, constant: string): IrPoint {
  return { function: found.function, source: 'call-site', evaluated: { constant, keywords: found.keywords }, range: found.call.range };
}
