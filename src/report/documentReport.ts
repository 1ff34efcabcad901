import { budgetWith, DOCUMENT_MILLIS } from '../core/budget';
import { t } from '../core/localize';
import { ownValue } from '../core/keyed';
import { diagnostic, type Diagnostic } from '../core/diagnostic';
import { inPrelude } from '../analysis/prelude';
import { failure, success, type Outcome } from '../analysis/outcome';
import type { GraphModel } from '../protocol/graphModel';
import { graphModelFor } from './graphModel';
import { filesKey, LoweredFiles, NeedsFiles, RequestedFiles } from './requestedFiles';
import { rangeContains, type SourceRange } from '../core/sourceRange';
import { describe } from '../analysis/checks';
import { loudModuleProblems, quietReason } from '../analysis/problems';
import { testFilesOf } from '../analysis/testPoints';
import { Bounded, SampleMemo } from '../analysis/sampleMemo';
import { DocumentLayout, moved } from './reportLayout';
import { DocumentAnalysis, type FunctionSummary, type GradientResult } from '../analysis/document';
import type { Pairing } from '../analysis/pairing';
import type { ResolvedPoint } from '../analysis/points';
import { variableReports } from '../analysis/variables';
import { expressionFormula, isExpressionFunction, type ExpressionFormula } from '../analysis/formula/formula';
import { loadSimplifier } from '../analysis/formula/simplify';
import type { PendingFormula } from './laterFormulas';
import type { Language } from '../ir/nodes';
import { hessianMatrix } from '../engine/differentiate';
import { releaseTrace } from '../engine/run';
import { DEFAULT_PRECISION } from '../core/numberText';
import { formatNumber, formatPoint, withSubscripts } from './format';
import { MAX_HOVER_HESSIAN, type AnalyseRequest, type CheckReport, type DocumentReport, type FunctionReport, type GraphRequest } from './report';

/**
 * Turns one document version into a `DocumentReport`. Pure (no vscode, no threads): the worker runs
 * it, and unit tests call it directly. Functions whose text, position, callees, module-level text,
 * point and settings are unchanged since the last report are answered from `cache`.
 */

export class ReportCancelled extends Error {
  constructor() {
    super('superseded by a newer edit');
  }
}

/** Per-function results, keyed by everything that can change them. Bounded, oldest out first. */
export class FunctionCache {
  private readonly entries: Bounded<{ readonly report: FunctionReport; readonly layout: DocumentLayout; readonly before?: { readonly report: FunctionReport; readonly layout: DocumentLayout } }>;
  /** Imported workspace files, lowered once per text (the editor's imports, requestedFiles.ts). */
  readonly lowered = new LoweredFiles();
  /** Sample points from earlier versions of the documents, under their dependencies' text (analysis/sampleMemo.ts). */
  readonly samples = new SampleMemo();
  /** A document analysed (lowered, linked, compiled) while the host read files for it (`prepareAhead`). */
  ahead: { readonly key: string; readonly analysis: DocumentAnalysis } | undefined;
  constructor(capacity = 2_000) {
    this.entries = new Bounded(capacity);
  }
  /**
   * The report kept under `key`, its ranges moved to `layout` (reportLayout.ts: lines added above
   * it); undefined when there is none or it cannot be moved. A moved report is kept moved, with the one
   * it was moved from (an edit that adds lines and one that takes them away again move nothing back).
   */
  get(key: string, layout: DocumentLayout): FunctionReport | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Every line where it was (an edit within lines): the report as it is, line numbers in its texts too.
    if (layout.sameLines(entry.layout)) return entry.report;
    // Where it was before its last move (lines added, then taken away again): that report, not moved.
    const { before } = entry;
    if (before && layout.sameLines(before.layout)) {
      this.entries.set(key, { ...before, before: { report: entry.report, layout: entry.layout } });
      return before.report;
    }
    const report = moved(entry.report, layout.lineFrom(entry.layout));
    if (report) this.entries.set(key, { report, layout, before: { report: entry.report, layout: entry.layout } });
    return report;
  }
  /** `layout`: where the document's functions were for this report (reportLayout.ts). */
  set(key: string, report: FunctionReport, layout: DocumentLayout): void {
    // One computed again at new lines (a report naming a line is not moved) keeps the one it replaces, for those lines.
    const earlier = this.entries.get(key);
    this.entries.set(key, { report, layout, ...(earlier && !layout.sameLines(earlier.layout) ? { before: { report: earlier.report, layout: earlier.layout } } : {}) });
  }
  get size(): number {
    return this.entries.size;
  }
}

/** Offsets of each line start, to slice a range's text. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function sliceRange(text: string, starts: readonly number[], r: SourceRange): string {
  const from = (starts[r.start.line] ?? text.length) + r.start.column;
  const to = (starts[r.end.line] ?? text.length) + r.end.column;
  return text.slice(from, to);
}

/** Positions are left out of cache keys: a kept report's ranges are moved to the version asking (reportLayout.ts). */
const withoutRanges = (key: string, value: unknown): unknown => (key === 'range' ? undefined : value);

/**
 * A point's text in cache keys, by point (points are never changed): a sample point kept from an
 * earlier version is the same object (analysis/sampleMemo.ts), and writing the points through the
 * replacer was most of the keys' time on every edit.
 */
const pointTexts = new WeakMap<ResolvedPoint, string>();
function pointText(p: ResolvedPoint): string {
  let text = pointTexts.get(p);
  if (text === undefined) pointTexts.set(p, (text = JSON.stringify(p, withoutRanges)));
  return text;
}

/**
 * `later`: when given, the formulas of the functions that may have one are not computed here but
 * pushed onto it (laterFormulas.ts), their traces kept until then; those functions' reports are
 * cached once their formulas are in. Without it (tests, callers that want one answer) the report is
 * complete.
 */
export function reportDocument(request: AnalyseRequest, cache: FunctionCache, isCancelled: () => boolean = () => false, documentMillis = DOCUMENT_MILLIS, later?: PendingFormula[], sendAhead?: (partial: DocumentReport, every?: true) => void, stage: (name: string) => void = () => {}): DocumentReport {
  const started = Date.now();
  /** When the functions' shared time budget began. */
  let budgetStart = started;
  const files = request.files ? new RequestedFiles(request.files, cache.lowered, request.filesComplete === true) : undefined;
  // The sibling test files that give points (testPoints.ts) follow from the path alone: asked for
  // before the text is lowered, so that a first analysis does not lower it for nothing.
  if (files) for (const test of testFilesOf(request.uri, request.language)) files.read(test);
  if (files && files.missing.length > 0) throw new NeedsFiles(files.missing);
  const analysis = takeAhead(request, cache, files) ?? DocumentAnalysis.fromText(request.text, request.uri, request.language, request.prelude, files, (text, uri, language, above) => cache.lowered.lowered(uri, text, language, above));
  analysis.keepSamplesIn(cache.samples, JSON.stringify([request.uri, request.language, request.prelude ?? null, filesKey(request.files)]));
  stage('lowered');
  // Every workspace file the analysis reads (imports, the sibling test files that give points) is
  // asked for before anything runs: a miss found later would come after work the next round redoes.
  analysis.readWorkspaceFiles();
  if (files && files.missing.length > 0) throw new NeedsFiles(files.missing);
  const functions = analysis.functions();
  stage('listed');
  // mathjs loads on the first document with a function a formula may be shown for, outside the time
  // budget of the document's functions: it is the library's start, not this document's work.
  if (!later && functions.some((f) => isExpressionFunction(f.ir))) budgetStart += loadSimplifier();
  const starts = lineStarts(request.text);
  const dependencies = analysis.dependencies()!;
  const texts = dependencies.texts;
  // Keys hold no positions: a report kept for an earlier version is moved to this one's lines.
  const textIds = new Map([...texts].map(([n, text]) => [n, cache.samples.textId(text)]));
  const ids = new Map([...textIds].map(([n, id]) => [n, `${n}:${id}`]));
  const layout = new DocumentLayout(starts.length, dependencies.definitions.map((d) => ({ name: d.key, range: d.range, textId: cache.samples.textId(d.text) })), dependencies.ignoredLines, cache.samples.textId(dependencies.moduleText));
  const context = `${request.language}\u0000${request.settings.mode}\u0000${request.settings.precision}\u0000${JSON.stringify(request.settings.budget)}\u0000${request.prelude ?? ''}\u0000${filesKey(request.files)}\u0000${cache.samples.textId(dependencies.moduleKey)}`;
  const allPairings = analysis.pairings();
  const pairings = new Map<string, Pairing>(allPairings.map((p) => [p.derivative.name, p]));
  const pairedWith = new Set(allPairings.map((p) => p.of.name));

  const reports = new Map<FunctionSummary, FunctionReport>();
  const byName = new Map(functions.map((f) => [f.ir.name, f]));
  let cached = 0;
  // The functions on screen first; once they are done, their reports go ahead of the others'.
  const onScreen = sendAhead ? functions.filter((f) => isVisible(f, request.visible)) : [];
  const ahead = onScreen.length > 0 && onScreen.length < functions.length ? new Set(onScreen) : undefined;
  const order = ahead ? [...onScreen, ...functions.filter((f) => !ahead.has(f))] : functions;
  // A hand-written derivative off screen is checked once every other lens has gone ahead: its check
  // (nine points, each a run of both functions) is all its lens shows, and nothing else waits for it.
  // (Whether it compiles is asked only when it is analysed: a function answered from the cache is not compiled.)
  const checkLater = new Set(sendAhead ? functions.filter((f) => pairings.has(f.ir.name) && !onScreen.includes(f)) : []);
  const checks: LaterCheck[] = [];
  for (const [i, fn] of order.entries()) {
    if (ahead && i === ahead.size) {
      const done = functions.filter((f) => ahead.has(f)).map((f) => reports.get(f)!);
      stage('ahead');
      sendAhead!({ uri: request.uri, version: request.version, functions: done, diagnostics: [], millis: Date.now() - started, cached, partial: true });
    }
    if (isCancelled()) throw new ReportCancelled();
    const name = fn.ir.name;
    const pairing = pairings.get(name);
    // What a run of it or of its paired function may reach (dependencies.ts), with positions: the
    // report holds ranges.
    const deps = dependencies.runDependencies(name);
    const lastUsed = ownValue(request.lastUsed, name);
    // Its points too: a call site inside another function (`g` calling `f(5)`) gives `f` its point,
    // and neither `f`'s text nor its callees' show that call; a check runs at its function's point.
    // And the parameters held constant (labels, counts), which callers' text can change.
    const of = pairing ? byName.get(pairing.of.name) : undefined;
    const points = JSON.stringify([fn.points.map(pointText), fn.pointErrors, analysis.heldParameters(name), of && of !== fn ? [of.points.map(pointText), of.pointErrors, analysis.heldParameters(of.ir.name)] : null], withoutRanges);
    const key = [context, name, JSON.stringify(lastUsed ?? null), points, ...deps.map((d) => ids.get(d)!)].join('\u0001');
    const hit = cache.get(key, layout);
    if (hit) {
      reports.set(fn, hit);
      cached++;
      continue;
    }
    const asked = isAsked(fn, request, pairing !== undefined || pairedWith.has(name));
    const left = budgetStart + documentMillis - Date.now();
    if (left <= 0) {
      // Not cached: with time, a later analysis computes it.
      reports.set(fn, notAnalysed(fn, documentMillis, asked));
      continue;
    }
    const deferred: { formula?: DeferredFormula } = {};
    const checkNow = !checkLater.has(fn) || fn.errors.length > 0;
    const report = reportFunction(analysis, fn, withTimeLeft(request, left), checkNow ? pairing : undefined, asked, starts, later ? (d) => (deferred.formula = d) : undefined);
    // A time-out under a budget the document cut short is not this function's answer: not cached.
    const cut = left < budgetWith(request.settings.budget).maxMillis;
    const cacheable = !(cut && report.error?.code === 'budget-time');
    reports.set(fn, report);
    if (!checkNow) checks.push({ fn, pairing: pairing!, key: cacheable ? key : undefined, ...deferred });
    else if (deferred.formula) later!.push({ name, report, key: cacheable ? key : undefined, layout, ...deferred.formula });
    else if (cacheable) cache.set(key, report, layout);
  }
  if (checks.length > 0) {
    stage('lenses');
    const coming = new Map(checks.map((c) => [c.fn, describe(c.pairing)]));
    const lenses = functions.map((f) => (coming.has(f) ? { ...reports.get(f)!, checkPending: coming.get(f)! } : reports.get(f)!));
    sendAhead!({ uri: request.uri, version: request.version, functions: lenses, diagnostics: [], millis: Date.now() - started, cached, partial: true }, true);
    runChecks(checks, { analysis, request, reports, cache, layout, later, isCancelled, documentMillis, timeLeft: () => budgetStart + documentMillis - Date.now() });
  }
  const all = functions.map((f) => reports.get(f)!);
  return { uri: request.uri, version: request.version, functions: all, diagnostics: collectDiagnostics(analysis, functions, all, request.settings.precision ?? DEFAULT_PRECISION), millis: Date.now() - started, cached };
}

/**
 * Lowers the request's text into the cache, so that its next round (after the host has read the
 * files this one lacked) finds it lowered: the worker does it while the host reads. When linking it
 * asks for no workspace file (no import of the user's own), the analysis itself is kept for the
 * next round: its files can only add the sibling test files, read later (`takeAhead`).
 */
export function lowerAhead(request: AnalyseRequest, cache: FunctionCache): void {
  try {
    let asked = 0;
    const counting = { read: () => (asked++, undefined), lowered: (path: string, text: string, language: Language) => cache.lowered.lowered(path, text, language) };
    const analysis = DocumentAnalysis.fromText(request.text, request.uri, request.language, request.prelude, counting, (text, uri, language, above) => cache.lowered.lowered(uri, text, language, above));
    cache.ahead = asked === 0 ? { key: aheadKey(request), analysis } : undefined;
  } catch {
    // The next round lowers it again and reports what went wrong.
  }
}

const aheadKey = (r: AnalyseRequest): string => JSON.stringify([r.uri, r.language, r.prelude ?? null, r.text]);

/** The analysis `lowerAhead` kept for this request's text, given this round's files; once. */
function takeAhead(request: AnalyseRequest, cache: FunctionCache, files: RequestedFiles | undefined): DocumentAnalysis | undefined {
  const ahead = cache.ahead;
  cache.ahead = undefined;
  if (!ahead || !files || ahead.key !== aheadKey(request)) return undefined;
  ahead.analysis.takeFiles(files);
  return ahead.analysis;
}

/** A hand-written derivative's check left for after every other lens (`checkLater`), and what waits on it. */
interface LaterCheck {
  readonly fn: FunctionSummary;
  readonly pairing: Pairing;
  /** Its report's cache key, when it may be cached: it is cached once its check is in. */
  readonly key: string | undefined;
  readonly formula?: DeferredFormula;
}

/**
 * The checks left for after the lenses, in order, each into its function's report; then the report is
 * cached, or its formula pending with it, as it would have been with its check made in place. A
 * check the document's time budget no longer reaches leaves its function not analysed (not cached);
 * a newer request stops them (their traces given back).
 */
function runChecks(checks: readonly LaterCheck[], o: { analysis: DocumentAnalysis; request: AnalyseRequest; reports: Map<FunctionSummary, FunctionReport>; cache: FunctionCache; layout: DocumentLayout; later: PendingFormula[] | undefined; isCancelled: () => boolean; documentMillis: number; timeLeft: () => number }): void {
  let done = 0;
  try {
    for (; done < checks.length; done++) {
      const { fn, pairing, key, formula } = checks[done]!;
      if (o.isCancelled()) throw new ReportCancelled();
      const report = o.reports.get(fn)!;
      const left = o.timeLeft();
      if (left <= 0) {
        formula?.release();
        o.reports.set(fn, notAnalysed(fn, o.documentMillis, report.asked));
        continue;
      }
      const checked: FunctionReport = { ...report, check: checkReport(o.analysis, pairing, withTimeLeft(o.request, left)) };
      o.reports.set(fn, checked);
      if (formula) o.later!.push({ name: fn.ir.name, report: checked, key, layout: o.layout, ...formula });
      else if (key !== undefined) o.cache.set(key, checked, o.layout);
    }
  } finally {
    for (const c of checks.slice(done)) c.formula?.release();
  }
}

/** Whether any of the function's lines is on screen. */
function isVisible(fn: FunctionSummary, visible: AnalyseRequest['visible']): boolean {
  const { start, end } = fn.ir.range;
  return (visible ?? []).some((v) => start.line <= v.end && end.line >= v.start);
}

/** The request with each function's time budget cut to what the document has left. */
function withTimeLeft(request: AnalyseRequest, left: number): AnalyseRequest {
  const maxMillis = Math.min(budgetWith(request.settings.budget).maxMillis, left);
  return { ...request, settings: { ...request.settings, budget: { ...request.settings.budget, maxMillis } } };
}

/** A function the document's time budget did not reach. */
function notAnalysed(fn: FunctionSummary, documentMillis: number, asked: boolean): FunctionReport {
  const message = t("not analysed: this document's time budget ({0} s for all its functions) was spent on the functions above", documentMillis / 1000);
  return {
    name: fn.ir.name, params: fn.ir.params.map((p) => p.name), paramRanges: fn.ir.params.map((p) => p.range), range: fn.ir.range, nameRange: fn.ir.nameRange,
    errors: fn.errors, hasFilePoint: fn.points.length > 0, error: diagnostic('warning', 'budget-time', message, fn.ir.nameRange),
    asked, arithmetic: fn.arithmetic,
  };
}

/** The graph view's model for one function, at the point its lens uses. */
export function graphFor(request: GraphRequest, lowered = new LoweredFiles()): Outcome<GraphModel> {
  const found = analysedFunction(request.document, request.name, lowered);
  if (!found.ok) return found;
  const { analysis, fn } = found.value;
  const point = choosePoint(analysis, fn, request.document);
  if (!point) return failure(diagnostic('error', 'point', `no point for ${request.name}: run "Differentiate at Point…" or add an @at line`, fn.ir.nameRange));
  return graphModelFor(analysis, request.document.text, request.name, point, { ...(request.seed ? { seed: request.seed } : {}), budget: request.document.settings.budget, ...(request.document.settings.precision !== undefined ? { precision: request.document.settings.precision } : {}) });
}

/** The document analysed again for one function of it (the graph, its derivative as code), and that function, runnable. */
export function analysedFunction(document: AnalyseRequest, name: string, lowered: LoweredFiles): Outcome<{ analysis: DocumentAnalysis; fn: FunctionSummary }> {
  // The files the lens's analysis read; any other is taken as absent (the lens shows the same).
  const files = document.files ? new RequestedFiles(document.files, lowered, true) : undefined;
  const analysis = DocumentAnalysis.fromText(document.text, document.uri, document.language, document.prelude, files, (text, uri, language, above) => lowered.lowered(uri, text, language, above));
  const fn = analysis.functions().find((f) => f.ir.name === name);
  if (!fn) return failure(diagnostic('error', 'unknown-name', `no function named ${name} in this file`, { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }));
  if (fn.errors.length > 0) return failure(fn.errors[0]!);
  return success({ analysis, fn });
}

function choosePoint(analysis: DocumentAnalysis, fn: FunctionSummary, request: AnalyseRequest): ResolvedPoint | undefined {
  const lastUsed = ownValue(request.lastUsed, fn.ir.name);
  if (lastUsed) {
    const bound = analysis.resolvePoint(fn.ir.name, { ...lastUsed });
    if (bound.ok) return { ...bound.value, source: 'last-used' };
  }
  return fn.points[0];
}

/** What a function's report says of it before anything runs. */
type FunctionReportBase = Pick<FunctionReport, 'name' | 'params' | 'paramRanges' | 'range' | 'nameRange' | 'errors' | 'hasFilePoint' | 'asked' | 'quiet' | 'arithmetic' | 'instanceMethod'>;

/** A formula to compute after the report, and how to give its trace back. */
type DeferredFormula = Pick<PendingFormula, 'compute' | 'release'>;

function reportFunction(analysis: DocumentAnalysis, fn: FunctionSummary, request: AnalyseRequest, pairing: Pairing | undefined, asked: boolean, starts: readonly number[], defer?: (d: DeferredFormula) => void): FunctionReport {
  const firstRefusal = fn.refusals[0];
  const base: FunctionReportBase = {
    name: fn.ir.name,
    params: fn.ir.params.map((p) => p.name),
    paramRanges: fn.ir.params.map((p) => p.range),
    range: fn.ir.range,
    nameRange: fn.ir.nameRange,
    errors: fn.errors,
    hasFilePoint: fn.points.length > 0,
    asked,
    arithmetic: fn.arithmetic,
    ...(!asked && firstRefusal ? { quiet: quietReason(firstRefusal) } : {}),
    ...(fn.ir.hasInstance ? { instanceMethod: true as const } : {}),
  };
  const check = pairing && fn.errors.length === 0 ? checkReport(analysis, pairing, request) : undefined;
  const point = choosePoint(analysis, fn, request);
  if (!point) {
    const shaped = fn.errors.length === 0 ? analysis.shapedPoint(fn.ir.name) : undefined;
    return { ...base, ...(shaped ? { shapedPoint: shaped } : {}), ...(check ? { check } : {}) };
  }
  if (fn.errors.length > 0) return { ...base, point, ...(check ? { check } : {}) };
  const budget = request.settings.budget;
  const outcome = analysis.gradient(fn.ir.name, point, { mode: request.settings.mode, budget });
  // It returned None (prints what it computes): nothing to differentiate, said in its lens, not in Problems.
  if (!outcome.ok && outcome.error.code === 'no-output') return { ...base, point, quiet: t('returns {0}: nothing to differentiate', request.language === 'python' ? 'None' : 'undefined'), ...(check ? { check } : {}) };
  if (!outcome.ok) return { ...base, point, error: inThisCell(outcome.error, fn), ...(check ? { check } : {}) };
  const formula = (): ExpressionFormula | undefined => formulaOf(outcome.value, fn, request.language, sliceRange(request.text, starts, fn.ir.range));
  let keepTrace = false;
  try {
    if (defer && outcome.value.gradient && isExpressionFunction(fn.ir)) {
      const report = reportFrom(outcome.value, fn, base, point, check, () => undefined);
      defer({ compute: formula, release: () => releaseTrace(outcome.value.trace) });
      keepTrace = true;
      return report;
    }
    // The formula after the Hessian: the Hessian shares the recording's time budget, the formula needs none of it.
    return reportFrom(outcome.value, fn, base, point, check, formula);
  } finally {
    // The report is plain numbers and text: the trace's buffers can serve the next recording.
    if (!keepTrace) releaseTrace(outcome.value.trace);
  }
}

/** The function's formula, if it is one expression of scalars; a failure here costs the report nothing. */
export function formulaOf(r: GradientResult, fn: FunctionSummary, language: Language, text: string): ExpressionFormula | undefined {
  if (!r.gradient) return undefined;
  try {
    return expressionFormula(fn.ir, r.trace, r.gradient, language, text);
  } catch {
    return undefined;
  }
}

function reportFrom(r: GradientResult, fn: FunctionSummary, base: FunctionReportBase, point: ResolvedPoint, check: CheckReport | undefined, formulaLater: () => ExpressionFormula | undefined): FunctionReport {
  const trace = r.trace;
  const inputLabels = trace.parameters.flatMap((p) => p.ids.map((id) => trace.tape.labelOf(id) ?? p.name));
  // The hover shows the Hessian of a scalar function of at most 4 inputs: computed from the same
  // trace (forward over reverse, no second recording); if it cannot be, the hover simply omits it.
  let hessian: number[][] | undefined;
  if (trace.output.isScalar && inputLabels.length > 0 && inputLabels.length <= MAX_HOVER_HESSIAN) {
    try {
      hessian = hessianMatrix(trace);
    } catch {
      hessian = undefined;
    }
  }
  const formula = formulaLater();
  return {
    ...base,
    point,
    result: {
      value: r.value,
      ...(r.gradient ? { gradient: r.gradient } : {}),
      ...(r.jacobian ? { jacobian: r.jacobian } : {}),
      ...(hessian ? { hessian } : {}),
      inputLabels,
      variables: variableReports(fn.ir, trace),
      warnings: r.warnings.map((w) => inThisCell(w, fn)),
      ...(formula ? { formula } : {}),
    },
    ...(check ? { check } : {}),
  };
}

/** A problem inside a function from a notebook cell above (prelude.ts), shown at this function's name. */
function inThisCell(d: Diagnostic, fn: FunctionSummary): Diagnostic {
  return inPrelude(d) ? { ...d, message: t('{0} (in a function from a cell above)', d.message), range: fn.ir.nameRange } : d;
}

function checkReport(analysis: DocumentAnalysis, pairing: Pairing, request: AnalyseRequest): CheckReport {
  const outcome = analysis.check(pairing, request.settings.budget);
  return { of: pairing.of.name, what: outcome.ok ? outcome.value.compared : describe(pairing), ofParams: pairing.of.params.map((p) => p.name), outcome };
}

/**
 * Someone wants its derivative: a point the file gives (`@at`, a call site), a chosen point, or a
 * hand-written derivative paired with it. A sample point GradLens guessed is no one's question.
 */
function isAsked(fn: FunctionSummary, request: AnalyseRequest, paired: boolean): boolean {
  const filePoint = fn.points.some((p) => p.source === 'annotation' || p.source === 'call-site' || p.source === 'shared' || p.source === 'test');
  return paired || filePoint || fn.pointErrors.length > 0 || request.lastUsed[fn.ir.name] !== undefined;
}

/** Quiet by default (analysis/problems.ts): only the problems of functions someone asked about. */
function collectDiagnostics(analysis: DocumentAnalysis, functions: readonly FunctionSummary[], reports: readonly FunctionReport[], precision: number): Diagnostic[] {
  const asked = new Set(reports.filter((r) => r.asked).map((r) => r.name));
  const problems: Diagnostic[] = [...loudModuleProblems(analysis.diagnostics)];
  for (const d of analysis.compiled.duplicates) if (asked.has(d.name)) problems.push(d.warning);
  // A report's errors are its function's (kept ones too: their key holds what compiling reads), so an edit compiles no function to list them.
  functions.forEach((fn, i) => asked.has(fn.ir.name) && problems.push(...reports[i]!.errors, ...fn.pointErrors));
  for (const r of reports) {
    if (!r.asked) continue;
    if (r.error) problems.push(r.error);
    // A note at module level (normal draws of `X = np.random.randn(5, 3)`), or in a function nobody
    // asked about (the draws of `X, y = make_data()` its data came from), is about lines nobody asked about: its hover keeps it.
    if (r.result) problems.push(...r.result.warnings.filter((w) => w.severity !== 'info' || functions.some((f) => asked.has(f.ir.name) && rangeContains(f.ir.range, w.range))));
    const c = r.check?.outcome;
    if (!c?.ok) continue;
    for (const d of c.value.components) {
      const at = formatPoint(d.at, r.check!.ofParams, precision, analysis.module.language);
      problems.push({ severity: 'warning', code: 'gradient-mismatch', range: d.range ?? c.value.derivativeRange, message: t('{0} differs from automatic differentiation: yours {1}, AD {2} at ({3})', withSubscripts(d.name), formatNumber(d.yours, precision), formatNumber(d.ad, precision), at) });
    }
  }
  return problems;
}
