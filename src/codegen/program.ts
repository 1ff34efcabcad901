import type { SourceRange } from '../core/sourceRange';
import type { IrExpr, IrFunction, IrParam, IrStmt } from '../ir/nodes';

/**
 * The adjoint IR: a function's gradient written out as ordinary IR statements, reverse mode as
 * straight code (Tangent's source-to-source idea): the primal statements, one primitive each, then
 * the adjoint statements in reverse, then the gradient returned. Every node carries the source range
 * it came from; `origins` maps each adjoint statement to the primal statement it differentiates, so a
 * printer can say where it came from (`# from line 14: v4 = v1 - v3`).
 */
export interface GradientProgram {
  /** The function differentiated. */
  readonly of: IrFunction;
  /** `grad_f`, `f_grad`, `gradF`: following the file's naming (naming.ts). */
  readonly name: string;
  readonly params: readonly IrParam[];
  /** The parameters differentiated, in order: what the returned gradient holds. */
  readonly wrt: readonly string[];
  readonly primal: readonly IrStmt[];
  readonly adjoint: readonly IrStmt[];
  /** The gradient: one adjoint for one parameter, else a tuple in parameter order; for a function returning several numbers, one such row per returned value. */
  readonly result: IrExpr;
  /** Parameters that are lists of numbers (TypeScript arrays), by their length at the point: their gradients are lists too. */
  readonly lengths?: Readonly<Record<string, number>>;
  /** How many numbers the function returns, when it returns several (the result is then its Jacobian, row by row). */
  readonly outputs?: number;
  /** For a method of a class: its receiver's name (`self`, `this`), its first parameter; the code is a method of that class. */
  readonly receiver?: string;
  /** Adjoint statement → the primal statement it differentiates. */
  readonly origins: ReadonlyMap<IrStmt, IrStmt>;
  readonly range: SourceRange;
}

/** The whole program as one IR function (what the engine can run as it is). */
export function programFunction(program: GradientProgram, name = program.name): IrFunction {
  return {
    name,
    params: program.params,
    body: [...program.primal, ...program.adjoint, { kind: 'return', value: program.result, range: program.range }],
    range: program.range,
    nameRange: program.of.nameRange,
    diagnostics: [],
  };
}
