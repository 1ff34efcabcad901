/**
 * What one analysis may spend. Every loop iteration, call and primitive counts as a step; time is
 * checked every few thousand steps; memory counts tape entries and array storage before they are
 * allocated. Exceeding any of them is a located error, never a hang.
 */
export interface Budget {
  /** Interpreter steps (statements, calls, primitive applications). */
  readonly maxSteps: number;
  /** Wall-clock milliseconds for one evaluation. */
  readonly maxMillis: number;
  /** Bytes of tape and array storage. */
  readonly maxBytes: number;
  /** Nested user-function calls. */
  readonly maxCallDepth: number;
}

export const DEFAULT_BUDGET: Budget = {
  // A million loop iterations or calls: far more than an interactive analysis needs, and reached
  // before an infinite loop's tape could exhaust the memory budget.
  maxSteps: 1_000_000,
  maxMillis: 2_000,
  maxBytes: 256 * 1024 * 1024,
  maxCallDepth: 200,
};

export function budgetWith(overrides: Partial<Budget> | undefined): Budget {
  return { ...DEFAULT_BUDGET, ...(overrides ?? {}) };
}
