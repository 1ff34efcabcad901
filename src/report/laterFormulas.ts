import type { ExpressionFormula } from '../analysis/formula/formula';
import { loadSimplifier } from '../analysis/formula/simplify';
import { withFormula, type FunctionReport } from './report';
import type { DocumentLayout } from './reportLayout';

/**
 * Formulas computed after their document's report is sent. The lenses need none of them (only the
 * hover shows a formula), and simplifying with mathjs, with loading mathjs itself, was half the time
 * to the first lens of a large file (issue 23). The worker sends the report, then these, then a
 * second message with the formulas; a newer request for the document stops them.
 */
export interface PendingFormula {
  readonly name: string;
  /** The function's report as sent, without its formula. */
  readonly report: FunctionReport;
  /** Its cache key, when its report may be cached: it is cached only once its formula is in. */
  readonly key: string | undefined;
  /** Where its document's functions were (reportLayout.ts), cached beside it. */
  readonly layout: DocumentLayout;
  readonly compute: () => ExpressionFormula | undefined;
  /** Gives the recording's buffers back (releaseTrace): the formula reads the trace until then. */
  readonly release: () => void;
}

/** Where a finished report goes (the worker's FunctionCache). */
export interface ReportCache {
  set(key: string, value: FunctionReport, layout: DocumentLayout): void;
}

/** Computes one pending formula and caches the function's finished report; undefined when it has none. */
export function finishFormula(pending: PendingFormula, cache: ReportCache): ExpressionFormula | undefined {
  try {
    loadSimplifier();
    let formula: ExpressionFormula | undefined;
    try {
      formula = pending.compute();
    } catch {
      formula = undefined; // a failure here costs the report nothing: the hover shows no formula
    }
    if (pending.key !== undefined) cache.set(pending.key, withFormula(pending.report, formula), pending.layout);
    return formula;
  } finally {
    pending.release();
  }
}

/** Stopped (a newer request, the document closed): their traces go back, nothing is cached. */
export function dropFormulas(pending: readonly PendingFormula[]): void {
  for (const p of pending) p.release();
}
