import { diagnosticText } from './diagnosticText';
import type { SourceRange } from './sourceRange';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Stable codes: the extension maps them to quick fixes and the tests assert on them, so a message can
 * be reworded without breaking either.
 */
export type DiagnosticCode =
  | 'syntax'
  | 'unsupported'
  | 'unknown-name'
  | 'arity'
  | 'type'
  | 'point'
  | 'domain'
  | 'non-differentiable'
  | 'zero-derivative'
  /** A value or derivative holding NaN or ±∞ (JSON prints them as null), located where the first arose. */
  | 'non-finite'
  /** A parameter the value depends on only through comparisons, branches, loop counts or indices: its gradient 0 is not the slope. */
  | 'control-flow'
  /** A decorator GradLens does not apply: the value is the undecorated function's. */
  | 'ignored-decorator'
  /** np.where's unselected branch has no finite derivative at an element: JAX and PyTorch give NaN, GradLens the selected branch's (a note). */
  | 'where-branch'
  /** Integer arithmetic past 2**53 done in float64, where Python's ints are exact. */
  | 'inexact-integer'
  /** A random draw whose numbers are not the program's: GradLens's own stream (default_rng), an unseeded one, or one seeded elsewhere. */
  | 'random-stream'
  /** Normal draws of a reproduced stream: the program's numbers but for a last bit in a few draws in a thousand (a note). */
  | 'draw-rounding'
  /** A count numpy ≥ 1.18 refuses as a float (`np.linspace(0, 1, num=n / 2)`), taken as older numpy took it. */
  | 'float-count'
  | 'budget-steps'
  | 'budget-time'
  | 'budget-memory'
  | 'recursion'
  | 'shape'
  | 'index'
  | 'key'
  | 'gradient-mismatch'
  /** The program's own `throw` (or `raise`), reached at the point. */
  | 'thrown'
  /** A function returned nothing and wrote into an argument (`y[i] += a * x[i]`): that argument is its output. */
  | 'output-argument'
  /** A function that returned None (it prints or logs what it computes): nothing to differentiate, said quietly in its lens. */
  | 'no-output'
  | 'internal';

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  /**
   * English. The numbers it speaks about (`log of a negative number (log({0}))`) are `{0}`, `{1}` …
   * standing for `values`: shown through `diagnosticText` (core/diagnosticText.ts), each formatted at
   * the reader's precision. A message without values is shown as it is.
   */
  readonly message: string;
  readonly range: SourceRange;
  /** The numbers `{0}`, `{1}` … of `message` stand for, full precision. */
  readonly values?: readonly number[];
}

/**
 * Thrown inside the engine and front ends only, and always caught at the analysis boundary, where it
 * becomes a `Diagnostic` value. Nothing outside `src/analysis` sees it thrown.
 */
export class GradLensError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnosticText(diagnostic));
    this.name = 'GradLensError';
  }
}

/**
 * A name that stands for something GradLens could not load (an import from a module it did not find):
 * raised when an evaluation reads it, and told apart so that a validation call whose result is unused
 * (`check_consistent_length(y, p)`) can be passed over with a warning instead.
 */
export class UnavailableNameError extends GradLensError {}

/**
 * A number without a value (log of a negative, 0/0, a result past float64) where numpy gives nan or
 * ±inf and goes on: GradLens's error, but the program's exception only where Python raises one
 * (engine/interpreter/exceptions.ts), never a handler run where the program would have gone on.
 */
export class NoValueError extends GradLensError {
  constructor(
    diagnostic: Diagnostic,
    /** An array's element: numpy never raises ZeroDivisionError there, a Python float does. */
    readonly ofArray: boolean,
  ) {
    super(diagnostic);
  }
}

export function failNoValue(message: string, range: SourceRange, values: readonly number[] | undefined, ofArray: boolean): never {
  throw new NoValueError(diagnostic('error', 'domain', message, range, values), ofArray);
}

export function diagnostic(
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  range: SourceRange,
  values?: readonly number[],
): Diagnostic {
  return values?.length ? { severity, code, message, range, values } : { severity, code, message, range };
}

export function fail(code: DiagnosticCode, message: string, range: SourceRange, values?: readonly number[]): never {
  throw new GradLensError(diagnostic('error', code, message, range, values));
}
