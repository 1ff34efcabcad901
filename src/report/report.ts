import type { Budget } from '../core/budget';
import type { Diagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import type { Language } from '../ir/nodes';
import type { PointValue } from '../engine/run';
import type { ResolvedPoint } from '../analysis/points';
import type { VariableReport } from '../analysis/variables';
import type { GradientCheck } from '../analysis/checks';
import type { ExpressionFormula } from '../analysis/formula/formula';

/**
 * What the analysis worker sends back for one document version: plain, structured-clonable data,
 * everything the lenses, hovers and diagnostics draw. Nothing here holds a tape or a closure.
 */
export interface DocumentReport {
  readonly uri: string;
  readonly version: number;
  readonly functions: readonly FunctionReport[];
  /** Every problem in the document, each at its range (module-level, per function, checks). */
  readonly diagnostics: readonly Diagnostic[];
  readonly millis: number;
  /** Functions answered from the per-function cache rather than recomputed. */
  readonly cached: number;
  /**
   * Sent ahead of the whole report, its lenses drawn meanwhile; no diagnostics yet. Either the
   * functions on screen only (`AnalyseRequest.visible`), or every function, the checks of
   * hand-written derivatives off screen still coming (`FunctionReport.checkPending`).
   */
  readonly partial?: true;
}

export interface FunctionReport {
  readonly name: string;
  readonly params: readonly string[];
  /** Where each parameter is declared, in `params` order (hovers on parameters). */
  readonly paramRanges: readonly SourceRange[];
  readonly range: SourceRange;
  readonly nameRange: SourceRange;
  /** Errors that stop it from running: syntax, unsupported constructs. */
  readonly errors: readonly Diagnostic[];
  /** The point it was evaluated at, if any was known. */
  readonly point?: ResolvedPoint;
  /** The file gives a point of its own (`@at`, a call): where "use @at point" goes back to from a last-used one. */
  readonly hasFilePoint?: boolean;
  readonly result?: FunctionResult;
  /** The engine error at the point (log of a negative number, a budget), located. */
  readonly error?: Diagnostic;
  /** Present when this function is a hand-written derivative of another. */
  readonly check?: CheckReport;
  /**
   * Only in a partial report: its check comes with the whole report (documentReport.ts's
   * `checkLater`); what it is checked against (`∇f`), for the lens that says so meanwhile.
   */
  readonly checkPending?: string;
  /** No point known: values of the inferred shapes, to prefill "Set point…" (shapes.ts). */
  readonly shapedPoint?: Readonly<Record<string, PointValue>>;
  /**
   * Whether someone asked about it (a point in the file, a chosen point, a paired derivative): only
   * then are its problems published (analysis/problems.ts).
   */
  readonly asked: boolean;
  /** For a function nobody asked about: what would stop it, said quietly in its lens (`can't read os.path (line 12)`). */
  readonly quiet?: string;
  /** Whether it computes anything; a function that does not (argument checks, logging) gets no lens. */
  readonly arithmetic: boolean;
  /** A method taking its instance (`self`, `this`): its generated gradient is a method beside it ("Insert gradient function"). */
  readonly instanceMethod?: true;
}

export interface FunctionResult {
  readonly value: unknown;
  readonly gradient?: Record<string, PointValue>;
  readonly jacobian?: Record<string, unknown>;
  /** Only for scalar functions of at most `MAX_HOVER_HESSIAN` inputs. */
  readonly hessian?: number[][];
  /** Labels of the differentiated inputs (`x`, `w[1]`), in Hessian order. */
  readonly inputLabels: readonly string[];
  readonly variables: readonly VariableReport[];
  readonly warnings: readonly Diagnostic[];
  /** For a function that is one expression of scalars: its partials as checked formulas (analysis/formula/). */
  readonly formula?: ExpressionFormula;
}

export interface CheckReport {
  readonly of: string;
  /** `∇f`, `∂f/∂x`, `∇²f`, … */
  readonly what: string;
  readonly ofParams: readonly string[];
  readonly outcome: { readonly ok: true; readonly value: GradientCheck } | { readonly ok: false; readonly error: Diagnostic };
}

/** Hessians in hovers: at most this many inputs (4×4), as the issue asks. */
export const MAX_HOVER_HESSIAN = 4;

export interface AnalysisSettings {
  readonly mode: 'reverse' | 'forward';
  /** `gradlens.precision`: Problems messages and the graph print numbers with it (default 4). */
  readonly precision?: number;
  readonly budget: Partial<Budget>;
}

export interface AnalyseRequest {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly language: Language;
  readonly settings: AnalysisSettings;
  /** Points the person chose with "Differentiate at Point…", by function name. */
  readonly lastUsed: Readonly<Record<string, Readonly<Record<string, PointValue>>>>;
  /** A notebook cell: the code of the cells above (same language), whose definitions it sees. */
  readonly prelude?: string;
  /**
   * The editor's imported workspace files, by URI (null: no such file). Present: a path the analysis
   * needs that is not here makes the worker ask the host for it (`needFiles`), unless `filesComplete`.
   */
  readonly files?: Readonly<Record<string, WorkspaceFile | null>>;
  readonly filesComplete?: boolean;
  /**
   * The lines (0-based, inclusive) the editor shows: the functions there are analysed first and sent
   * ahead in a partial report, when there are others after them.
   */
  readonly visible?: readonly { readonly start: number; readonly end: number }[];
}

/** One imported file as the extension host read it. */
export interface WorkspaceFile {
  /** Changes whenever the text may have: the open document's version or the file's mtime and size. */
  readonly stamp: string;
  readonly bytes: number;
  /** Absent for a file over the import size budget (not read). */
  readonly text?: string;
}

/** The computation graph of one function at its point (the same point its lens shows). */
export interface GraphRequest {
  readonly document: AnalyseRequest;
  readonly name: string;
  /** The input whose tangent is 1 in the primal–tangent table; default the first. */
  readonly seed?: string;
}

/** A function's report with the formula that came after it (laterFormulas.ts), as the cache keeps it and the host shows it. */
export function withFormula(report: FunctionReport, formula: ExpressionFormula | undefined): FunctionReport {
  return formula && report.result ? { ...report, result: { ...report.result, formula } } : report;
}
