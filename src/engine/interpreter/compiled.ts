import { GradLensError } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type { Runtime } from './runtime';
import type { Value } from './values';

/**
 * The IR, compiled once per function text into JavaScript closures over our own interpreter — no
 * source text is ever turned into code. Closures avoid re-dispatching on node kinds at every step,
 * which is what makes a 2,000-iteration Python loop cost microseconds rather than milliseconds.
 */

/** How a statement finished. */
export const enum Signal {
  Normal = 0,
  Break = 1,
  Continue = 2,
  Return = 3,
}

export type ExprFn = (f: Frame) => Value;
export type StmtFn = (f: Frame) => Signal;

export class Frame {
  /** Set by a `return` statement. */
  returned: Value | undefined = undefined;
  /** Set by a labelled `break`/`continue` until the loop or block of that label takes it. */
  jumpLabel: string | undefined = undefined;

  constructor(
    readonly slots: (Value | undefined)[],
    /** The frame the function was defined in (closures), or null for module-level functions. */
    readonly parent: Frame | null,
    readonly rt: Runtime,
  ) {}
}

export interface CompiledFunction {
  readonly name: string;
  readonly params: readonly string[];
  /** Present when some parameter is `*args`, keyword-only or `**kwargs` (IrParam.kind), in `params` order. */
  readonly paramKinds?: readonly ('varargs' | 'kwonly' | 'varkw' | undefined)[];
  /** A default's expression, evaluated in the frame the function was defined in (calls.ts `defaultValue`). */
  readonly defaults: readonly (ExprFn | undefined)[];
  /**
   * Python's defaults (IrModule.defaultsEvaluated absent, and some parameter has one): evaluated once
   * per definition, so a list default mutated by one call is seen by the next. Without it, per call.
   */
  readonly defaultsOnce?: boolean;
  /** Number of local slots; parameters come first. */
  readonly slotCount: number;
  readonly body: StmtFn;
  readonly range: SourceRange;
  /** Site ids: the function (for budget errors in calls) and each parameter (for input entries). */
  readonly site: number;
  readonly paramSites: readonly number[];
  /** For lambdas: the body is one expression. */
  readonly isLambda: boolean;
  /** JavaScript's calling convention (IrFunction.looseArity). */
  readonly looseArity?: boolean;
  /** The slot of the list of arguments as passed (IrFunction.argumentsName). */
  readonly argumentsSlot?: number;
  /** A generator (IrFunction.generator): a budget running out in its body says it does not finish. */
  readonly generator?: true;
  /**
   * Where a name it closes over lives, counted from the frame it was defined in (depth 0: its
   * FunctionValue's closure): what analysis reads of a factory's closure (run.ts closureHeld).
   */
  readonly enclosingSlot?: (name: string) => { readonly depth: number; readonly slot: number } | undefined;
}

/** What the program threw (`throw v`): a located error that a `try` of the program may catch, holding the value. */
export class ThrownError extends GradLensError {
  constructor(
    message: string,
    range: SourceRange,
    readonly value: Value,
  ) {
    super({ severity: 'error', code: 'thrown', message, range });
  }
}
