import type { SyntaxNode } from '@lezer/common';
import { keyedRecord } from '../../core/keyed';
import type { IrPoint, IrPointValue } from '../../ir/nodes';
import { insideBrackets, splitOnCommas, type SourceView } from './parse';

/**
 * Points from solver calls: `minimize(rosen, x0, args=(X, y), jac=rosen_der)` runs `rosen(x0, X, y)`,
 * so a module function handed to a scipy solver or gradient checker by name gets the solver's start
 * (and its `args`) as a point when they are values GradLens can read. Each entry says where the
 * function and the start are among the positional arguments, and whether the rest of the positional
 * arguments are the function's extra arguments (`check_grad(f, g, x0, *args)`).
 */
export interface Solver {
  /** Positions of the functions the start is for (`check_grad`'s func and grad). */
  readonly functions: readonly number[];
  readonly start: number;
  /** The keyword the start may be given by. */
  readonly startKeyword?: string;
  /** The remaining positional arguments are the function's extra arguments. */
  readonly restArgs?: true;
}

const X0_FIRST: Solver = { functions: [0], start: 1, startKeyword: 'x0' };
const SOLVERS: Readonly<Record<string, Solver>> = {
  minimize: X0_FIRST,
  least_squares: X0_FIRST,
  root: X0_FIRST,
  fsolve: X0_FIRST,
  basinhopping: X0_FIRST,
  fmin: X0_FIRST,
  fmin_powell: X0_FIRST,
  fmin_bfgs: X0_FIRST,
  fmin_cg: X0_FIRST,
  fmin_ncg: X0_FIRST,
  fmin_l_bfgs_b: X0_FIRST,
  fmin_tnc: X0_FIRST,
  leastsq: X0_FIRST,
  check_grad: { functions: [0, 1], start: 2, startKeyword: 'x0', restArgs: true },
  approx_fprime: { functions: [1], start: 0, startKeyword: 'xk', restArgs: true },
};

/** `minimize`, `optimize.minimize`, `scipy.optimize.minimize`: the solver a callee names, if any. */
function solverOf(callee: SyntaxNode, view: SourceView): Solver | undefined {
  return solverNamed(view.textOf(callee).replace(/\s+/g, ''));
}

/** The solver a callee's dotted name (`minimize`, `opt.minimize`, `scipy.optimize.minimize`) names, if any. */
export function solverNamed(name: string): Solver | undefined {
  const last = name.slice(name.lastIndexOf('.') + 1);
  const ok = !name.includes('.') || /^(?:scipy\.)?(?:optimize|opt|so|sopt)\.\w+$/.test(name);
  return ok && Object.hasOwn(SOLVERS, last) ? SOLVERS[last] : undefined;
}

/**
 * The points a solver call gives: one per module function it names, `[x0, ...args]` in the function's
 * parameter order; none when the start or an extra argument is not a value GradLens can read.
 */
export function solverCallPoints(call: SyntaxNode, view: SourceView, isFunction: (name: string) => boolean, value: (node: SyntaxNode) => IrPointValue | undefined): IrPoint[] {
  const callee = call.firstChild;
  const argList = callee?.nextSibling;
  if (!callee || argList?.name !== 'ArgList') return [];
  const solver = solverOf(callee, view);
  if (!solver) return [];
  const positional: SyntaxNode[] = [];
  const keywords = keyedRecord<SyntaxNode>();
  for (const group of splitOnCommas(insideBrackets(argList, '(', ')')).groups) {
    if (group.length === 3 && group[0]!.name === 'VariableName' && group[1]!.name === 'AssignOp') keywords[view.textOf(group[0]!)] = group[2]!;
    else if (group.length === 1) positional.push(group[0]!);
    else return [];
  }
  const startNode = positional[solver.start] ?? (solver.startKeyword ? keywords[solver.startKeyword] : undefined);
  const start = startNode && value(startNode);
  if (start === undefined) return [];
  const extra = solver.restArgs ? positional.slice(solver.start + 1) : tupleItems(keywords.args);
  if (!extra) return [];
  const extraValues = extra.map(value);
  if (extraValues.some((v) => v === undefined)) return [];
  const range = view.range(call);
  return solver.functions
    .map((k) => positional[k])
    .filter((f): f is SyntaxNode => f?.name === 'VariableName' && isFunction(view.textOf(f)))
    .map((f): IrPoint => ({ function: view.textOf(f), source: 'call-site', positional: [start, ...(extraValues as IrPointValue[])], range }));
}

/** `args=(X, y)` (or `args=(X,)`): its items; none given is no items, anything else is unreadable. */
function tupleItems(node: SyntaxNode | undefined): SyntaxNode[] | undefined {
  if (!node) return [];
  if (node.name !== 'TupleExpression' && node.name !== 'ParenthesizedExpression') return undefined;
  const groups = splitOnCommas(insideBrackets(node, '(', ')')).groups.filter((g) => g.length > 0);
  return groups.every((g) => g.length === 1) ? groups.map((g) => g[0]!) : undefined;
}
