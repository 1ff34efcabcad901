import type { SourceRange } from '../core/sourceRange';
import type { IrCall, IrClass, IrExpr, IrFunction, IrStmt } from '../ir/nodes';
import type { ScalarPrimitive } from '../engine/primitives/types';
import type { NameSource } from './names';
import type { Shape } from './arrays';
import type { Env, Operand, Step } from './steps';

/** What the loop and branch files use of the transform in reverse.ts (which implements it). */
export interface Lowering {
  readonly names: NameSource;
  readonly origins: Map<IrStmt, IrStmt>;
  /** True for array code (the point holds arrays; shapes are measured after lowering). */
  readonly arrays: boolean;
  /** The file's classes by name (objects.ts). */
  readonly classes: ReadonlyMap<string, IrClass>;
  /** How many branches and loops deep the lowering is (an object's fields are written only where it was made). */
  depth(): number;
  /** Runs `f` (a branch's lowering) one level deeper. */
  nested<T>(f: () => T): T;
  /** A function of the file written out in place (calls.ts), with `receiver` as its first parameter for a method. */
  inline(callee: IrFunction, e: IrCall, env: Env, out: Step[], hint: string | undefined, receiver?: Operand, argumentHint?: string, closure?: Env): Operand;
  /** Lowers a block; true when it always returns (its result is then `env.get(RESULT)`). */
  block(stmts: readonly IrStmt[], env: Env, out: Step[]): boolean;
  /** An expression not differentiated, its names renamed; in a test (`booleanUse`) it may read differentiated values. */
  inactive(e: IrExpr, env: Env, booleanUse: boolean): IrExpr;
  /** Lowers an expression that gives a number; `hint` names the value (a new version of it). */
  value(e: IrExpr, env: Env, out: Step[], hint?: string): Operand;
  /** One primitive step on lowered operands, printed as `printed`, else as `e` with its operands replaced. */
  opOn(p: ScalarPrimitive, args: readonly Operand[], e: IrExpr, out: Step[], hint: string | undefined, printed?: IrExpr): Operand;
  /** Runs `f` (a loop body's lowering) with `break` setting `exit` (jumps.ts), or refused when there is none. */
  inLoop<T>(exit: string | undefined, f: () => T): T;
  /** Runs `f` (the lowering of `fn`'s body, written out in place) with `fn` as the function being lowered. */
  inFunction<T>(fn: IrFunction, f: () => T): T;
  /** The function whose body is being lowered (the innermost written out in place). */
  currentFunction(): IrFunction;
  /** Runs `f` with returns naming their value `hint` (an inlined function's result). */
  withReturnHint<T>(hint: string, f: () => T): T;
  /** A name's shape: [] for every value of scalar code; undefined where array code was not measured. */
  shapeOf(name: string): Shape | undefined;
  /** Zero in a name's shape: `0.0`, or `np.zeros_like(x)` for an array. */
  zeroOf(name: string, range: SourceRange): IrExpr;
  copy(target: string, source: Operand, range: SourceRange): Step;
  /** Walks steps backwards, adding each one's adjoint statements to `out`. */
  reverse(steps: readonly Step[], assigned: Set<string>, out: IrStmt[], adjointOf: (n: string) => string): void;
}
