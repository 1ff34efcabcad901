import type { SourceRange } from '../core/sourceRange';
import type { IrExpr, IrStmt } from '../ir/nodes';
import type { NameSource } from './names';
import type { Env, Operand, Step } from './steps';

/** What the loop and branch files use of the transform in reverse.ts (which implements it). */
export interface Lowering {
  readonly names: NameSource;
  readonly origins: Map<IrStmt, IrStmt>;
  /** Lowers a block; true when it always returns (its result is then `env.get(RESULT)`). */
  block(stmts: readonly IrStmt[], env: Env, out: Step[]): boolean;
  /** An expression not differentiated, its names renamed; in a test (`booleanUse`) it may read differentiated values. */
  inactive(e: IrExpr, env: Env, booleanUse: boolean): IrExpr;
  copy(target: string, source: Operand, range: SourceRange): Step;
  /** Walks steps backwards, adding each one's adjoint statements to `out`. */
  reverse(steps: readonly Step[], assigned: Set<string>, out: IrStmt[], adjointOf: (n: string) => string): void;
}
