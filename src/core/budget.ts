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

/**
 * What one document's analysis (every function, its check and its Hessian) may take in all: the
 * editor waits for it, and VS Code's extension host is killed by its watchdog after 30 s. Functions
 * left when it is spent are reported as not analysed; each function's own budget is the smaller of
 * its setting and what the document has left.
 */
export const DOCUMENT_MILLIS = 10_000;

/**
 * The most a setting may raise each budget to (package.json declares the same maxima; the settings
 * are clamped to them whatever a settings file says). Memory stays under ~1 GB so a run's peak
 * stays far from V8's heap limit; time stays under the document's budget.
 */
export const BUDGET_CEILINGS = { maxSteps: 100_000_000, maxMillis: DOCUMENT_MILLIS, maxMemoryMB: 1_024 } as const;

export function budgetWith(overrides: Partial<Budget> | undefined): Budget {
  return { ...DEFAULT_BUDGET, ...(overrides ?? {}) };
}

/**
 * Imported files larger than this are refused with a message instead of lowered (a generated module,
 * a data dump). Here, not beside the import code, because the extension host checks it too and must
 * not load the engine to do so.
 */
export const MAX_IMPORTED_BYTES = 512 * 1024;
