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
  | 'internal';

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly range: SourceRange;
}

/**
 * Thrown inside the engine and front ends only, and always caught at the analysis boundary, where it
 * becomes a `Diagnostic` value. Nothing outside `src/analysis` sees it thrown.
 */
export class GradLensError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'GradLensError';
  }
}

export function diagnostic(
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  range: SourceRange,
): Diagnostic {
  return { severity, code, message, range };
}

export function fail(code: DiagnosticCode, message: string, range: SourceRange): never {
  throw new GradLensError({ severity: 'error', code, message, range });
}
