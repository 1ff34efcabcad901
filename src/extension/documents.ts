import { withoutBidi } from './displayText';
import { diagnosticText } from '../core/diagnosticText';
import { ownValue } from '../core/keyed';
import * as vscode from 'vscode';
import type { Diagnostic as GlDiagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import type { Language } from '../ir/nodes';
import type { PointValue } from '../engine/run';
import type { AnalysisClient } from './analysisClient';
import { withFormula, type AnalyseRequest, type DocumentReport, type FunctionReport } from '../report/report';
import { cellsBelow, preludeOf } from './notebookCells';
import { settingsFor } from './settings';
import { LOADED_AT } from './loadClock';
import type { ExpressionFormula } from '../analysis/formula/formula';
import { FirstLensTimeline } from './firstLensTimeline';
import { LensDemand } from './lensDemand';


/**
 * The extension's memory of each open document: the latest report from the worker, the report
 * being computed, the last good result of each function (shown "(stale)" while it does not parse)
 * and the points the person chose. Re-analysis is debounced after edits; a newer version cancels
 * the older one in the worker.
 */

const LANGUAGES: Readonly<Record<string, Language>> = {
  python: 'python',
  typescript: 'typescript',
  javascript: 'typescript',
  typescriptreact: 'typescript',
  javascriptreact: 'typescript',
  markdown: 'math',
  plaintext: 'math',
  'gradlens-math': 'math',
};

export const SUPPORTED_LANGUAGES = Object.keys(LANGUAGES);

export function languageOf(document: vscode.TextDocument): Language | undefined {
  return LANGUAGES[document.languageId];
}

/** A range in the document; one in a notebook cell above (a negative line, see prelude.ts) becomes its start. */
export const toRange = (r: SourceRange): vscode.Range =>
  r.start.line < 0 ? new vscode.Range(0, 0, 0, 0) : new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);

interface DocumentState {
  latest?: DocumentReport;
  pending?: { version: number; promise: Promise<DocumentReport | undefined> };
  timer?: ReturnType<typeof setTimeout>;
  /** The last report in which each function ran, for the stale marker. */
  readonly lastGood: Map<string, FunctionReport>;
  /** A notebook cell above changed: the latest report is out of date although this text is not. */
  dirty?: boolean;
  /** The latest partial report of the version being analysed, sent ahead of its report (report.ts `partial`). */
  ahead?: DocumentReport;
  /** Lens requests waiting for a partial newer than the editor holds (or the report, whichever comes first). */
  aheadWaiters?: ((partial: DocumentReport) => void)[];
  /** The editor's lens requests: waiting, handed what, told of a change (lensDemand.ts). */
  readonly lenses: LensDemand;
  /** The partial report the editor was last handed, if it was one. */
  handedPartial?: DocumentReport;
}

type Points = Record<string, Record<string, PointValue>>;

/**
 * How long a lens request waits for its document's data before it is answered with what there is
 * (lensReport). The editor averages our answer times into its pause before every later request for
 * the file, so a wait is not free — but giving up costs more: the whole wait enters the average all
 * the same, and the data, when it comes, is drawn only a pause (that average) after the change
 * event. So the bound is for a worker that stopped answering (restarted after 30 s), not for a slow
 * first screen: on a machine at load 26 one took 3.2 s, and a 2 s bound drew it 2.3 s after it came.
 */
const LENS_WAIT_MILLIS = 5_000;
const LAST_USED_KEY = 'gradlens.lastUsedPoints';

export class DocumentStore implements vscode.Disposable {
  private readonly states = new Map<string, DocumentState>();
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a document's report changes (lenses, open panels follow it). */
  readonly onDidUpdate = this.updated.event;
  private readonly lensesChanged = new vscode.EventEmitter<vscode.Uri>();
  /**
   * Fires when a document's lenses may be drawn anew and the editor will not learn it otherwise: no
   * lens request of its is waiting (that one gets the data) and it has not been told already
   * (lensDemand.ts says why a needless event puts the lenses off).
   */
  readonly onDidChangeLenses = this.lensesChanged.event;

  constructor(
    private readonly client: AnalysisClient,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.formulas = client.onFormulas((report, formulas) => this.addFormulas(report, formulas));
    this.partials = client.onPartial((partial) => this.addPartial(partial));
  }

  private readonly formulas: { dispose(): void };
  private readonly partials: { dispose(): void };
  private firstLensesLogged = false;
  private everyLensLogged = false;
  private everyFunctionLogged = false;
  /** The editor's lens requests until it has a whole report's lenses, logged once (bench/workbenchCold.ts). */
  readonly lensTimeline = new FirstLensTimeline(LOADED_AT);

  dispose(): void {
    for (const s of this.states.values()) if (s.timer) clearTimeout(s.timer);
    this.formulas.dispose();
    this.partials.dispose();
    this.lensesChanged.dispose();
    this.updated.dispose();
  }

  /** Lenses arrived ahead of the report being computed (the first screen's, then every function's): drawn now. */
  private addPartial(partial: DocumentReport): void {
    const state = this.states.get(partial.uri);
    if (!state || state.pending?.version !== partial.version) return;
    state.ahead = partial;
    const waiters = state.aheadWaiters ?? [];
    state.aheadWaiters = undefined;
    for (const resolve of waiters) resolve(partial);
    const what = partial.functions.some((f) => f.checkPending !== undefined) ? 'every function, checks coming,' : 'functions on screen';
    this.log.info(`sent ahead: ${partial.functions.length} ${what} of ${partial.uri} v${partial.version} in ${partial.millis} ms, ${Date.now() - LOADED_AT} ms after the extension bundle began to load`);
    this.tellLenses(state, vscode.Uri.parse(partial.uri), 'partial');
  }

  /** New lens data for the document: the editor is told, unless it is about to get it anyway. */
  private tellLenses(state: DocumentState, uri: vscode.Uri, what: string): void {
    if (!state.lenses.shouldTell()) return;
    this.lensTimeline.changed(what);
    this.lensesChanged.fire(uri);
  }

  /**
   * The editor got the lenses of `report`. Those of a partial report, while the whole report is
   * still coming: it is told at once, so that its next request (a pause from now) waits for what
   * comes next instead of following it by a pause.
   *
   * Logged, once per session: the first lenses, the first with every function's (checks maybe still
   * coming), and the first from a whole report, when the editor asked and when it got them (for the
   * cold-start figures).
   */
  lensesGiven(document: vscode.TextDocument, report: DocumentReport, count: number, asked: number): void {
    const state = this.states.get(document.uri.toString());
    if (state) {
      state.lenses.handedOver(report);
      state.handedPartial = report.partial ? report : undefined;
      if (report.partial) this.log.info(`handed the editor a partial of v${report.version}: ${count} lenses`);
      if (report.partial && state.pending?.version === report.version) this.tellLenses(state, document.uri, 'report coming');
    }
    const line = (what: string): void => this.log.info(`${what}: ${count} handed to the editor, asked for ${asked - LOADED_AT} ms, given ${Date.now() - LOADED_AT} ms after the extension bundle began to load`);
    if (!this.firstLensesLogged && count > 0) {
      this.firstLensesLogged = true;
      line('first lenses');
    }
    if (!this.everyFunctionLogged && count > 0 && (!report.partial || report.functions.some((f) => f.checkPending !== undefined))) {
      this.everyFunctionLogged = true;
      line("every function's lens");
    }
    if (!this.everyLensLogged && count > 0 && !report.partial) {
      this.everyLensLogged = true;
      line("a whole report's lenses");
      const requests = this.lensTimeline.finish();
      if (requests) this.log.info(requests);
    }
  }

  /** The editor asked for the document's lenses (whatever it gets: none while GradLens is off for it). */
  lensesAsked(document: vscode.TextDocument): void {
    this.state(document.uri).lenses.asked();
  }

  /**
   * What the lenses draw: the report for the document as it is now, or, while it is being computed,
   * the functions on screen sent ahead of it — whichever comes first and the editor does not hold
   * yet. A request that finds neither waits for it (at most LENS_WAIT_MILLIS, or until the editor
   * cancels it): the editor draws an answer at once, but an empty one only a pause after the change
   * event that follows (lensDemand.ts).
   */
  async lensReport(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<DocumentReport | undefined> {
    if (!this.isEnabled(document)) return undefined;
    const ready = this.lensData(document, this.state(document.uri));
    if (ready) return ready;
    const report = this.reportFor(document);
    const state = this.states.get(document.uri.toString());
    if (!state || state.dirty || state.pending?.version !== document.version) return report;
    const arrivals: Promise<DocumentReport | undefined>[] = [report];
    // A partial the editor lacks: the first screen's, then every function's with the checks still coming.
    if (state.ahead?.version !== document.version || state.lenses.holds(state.ahead)) arrivals.push(new Promise<DocumentReport>((resolve) => (state.aheadWaiters ??= []).push(resolve)));
    let timer: ReturnType<typeof setTimeout> | undefined;
    arrivals.push(new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), LENS_WAIT_MILLIS))));
    let cancelled: vscode.Disposable | undefined;
    arrivals.push(new Promise<undefined>((resolve) => (cancelled = token.onCancellationRequested(() => (state.lenses.cancelled(), resolve(undefined))))));
    const answered = state.lenses.park();
    try {
      return await Promise.race(arrivals);
    } finally {
      answered();
      clearTimeout(timer);
      cancelled?.dispose();
    }
  }

  /** The data for the document's lenses as it is now that the editor does not hold yet, if any. */
  private lensData(document: vscode.TextDocument, state: DocumentState): DocumentReport | undefined {
    if (state.dirty) return undefined;
    if (state.latest?.version === document.version) return state.latest;
    const ahead = state.ahead;
    if (ahead && state.pending?.version === document.version && ahead.version === document.version && !state.lenses.holds(ahead)) return ahead;
    return undefined;
  }

  /**
   * A report's formulas arrived after it (report/laterFormulas.ts): the hovers show them from now
   * on. Only the report they were computed for takes them; a newer one has its own coming.
   */
  private addFormulas(report: DocumentReport, formulas: Readonly<Record<string, ExpressionFormula>>): void {
    const state = this.states.get(report.uri);
    if (!state || state.latest !== report) return;
    const functions = report.functions.map((f) => withFormula(f, ownValue(formulas, f.name)));
    state.latest = { ...report, functions };
    report.functions.forEach((f, i) => {
      if (state.lastGood.get(f.name) === f) state.lastGood.set(f.name, functions[i]!);
    });
  }

  isEnabled(document: vscode.TextDocument): boolean {
    return languageOf(document) !== undefined && settingsFor(document).enable;
  }

  /** The newest report, whatever its version (hovers answer from it without waiting). */
  latest(document: vscode.TextDocument): DocumentReport | undefined {
    return this.states.get(document.uri.toString())?.latest;
  }

  /** The function's last result, if its current report has none because it stopped parsing. */
  stale(document: vscode.TextDocument, fn: FunctionReport): FunctionReport | undefined {
    if (fn.result || fn.errors.length === 0) return undefined;
    return this.states.get(document.uri.toString())?.lastGood.get(fn.name);
  }

  /** The report for the document as it is now: cached, in flight, or started. */
  async reportFor(document: vscode.TextDocument): Promise<DocumentReport | undefined> {
    if (!this.isEnabled(document)) return undefined;
    const state = this.state(document.uri);
    if (!state.dirty && state.latest?.version === document.version) return state.latest;
    if (!state.dirty && state.pending?.version === document.version) return state.pending.promise;
    return this.start(document, state);
  }

  /**
   * After an edit: analyse once typing pauses, and so the notebook cells below, which see this one.
   * `opened`: the document was just opened (no one is typing): analysed without the pause, once the
   * editor showing it is known (its lines on screen go first), the cells below after the pause.
   */
  schedule(document: vscode.TextDocument, opened = false): void {
    if (!opened) this.states.get(document.uri.toString())?.lenses.edited();
    this.debounce(document, opened ? 0 : undefined);
    for (const below of cellsBelow(document)) {
      if (!this.isEnabled(below)) continue;
      this.state(below.uri).dirty = true;
      this.debounce(below);
    }
  }

  /** A file this document imports changed (edited, saved, created, deleted): analyse it again. */
  importChanged(uri: string): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!document || !this.isEnabled(document)) return;
    this.state(document.uri).dirty = true;
    this.debounce(document);
  }

  private debounce(document: vscode.TextDocument, millis = settingsFor(document).debounceMillis): void {
    if (!this.isEnabled(document)) return;
    const state = this.state(document.uri);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.reportFor(document);
    }, millis);
  }

  /**
   * The document was closed. Its diagnostics stay while a tab still shows it (the editor unloads a
   * background tab's text after a while, or has not loaded it yet after a reload): Problems keeps
   * listing what is wrong in every open file.
   */
  forget(document: vscode.TextDocument, stillInATab = false): void {
    const key = document.uri.toString();
    const s = this.states.get(key);
    if (s?.timer) clearTimeout(s.timer);
    this.states.delete(key);
    this.client.cancel(key);
    if (!stillInATab) this.diagnostics.delete(document.uri);
  }

  /**
   * Settings changed: re-analyse every open document, not only the visible ones. Each keeps its
   * diagnostics (and hovers their report) until its new report replaces them; a document GradLens
   * is now off for loses them.
   */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      const state = this.states.get(document.uri.toString());
      if (!this.isEnabled(document)) {
        if (state) state.latest = undefined;
        this.diagnostics.delete(document.uri);
        continue;
      }
      this.state(document.uri).dirty = true;
      void this.reportFor(document);
    }
  }

  lastUsedPoint(document: vscode.TextDocument, name: string): Record<string, PointValue> | undefined {
    return ownValue(ownValue(this.memento.get<Record<string, Points>>(LAST_USED_KEY, {}), document.uri.toString()), name);
  }

  async rememberPoint(document: vscode.TextDocument, name: string, point: Record<string, PointValue>): Promise<void> {
    await this.updatePoints(document, (mine) => ({ ...mine, [name]: point }));
  }

  /** "Use @at point": forget the point last used for `name`, so the file's own point applies again. */
  async forgetPoint(document: vscode.TextDocument, name: string): Promise<void> {
    await this.updatePoints(document, (mine) => Object.fromEntries(Object.entries(mine).filter(([n]) => n !== name)));
    await this.reportFor(document);
  }

  private async updatePoints(document: vscode.TextDocument, change: (mine: Points) => Points): Promise<void> {
    const key = document.uri.toString();
    const all = { ...this.memento.get<Record<string, Points>>(LAST_USED_KEY, {}) };
    all[key] = change(ownValue(all, key) ?? {});
    await this.memento.update(LAST_USED_KEY, all);
    this.state(document.uri).latest = undefined;
  }

  private state(uri: vscode.Uri): DocumentState {
    const key = uri.toString();
    let s = this.states.get(key);
    if (!s) {
      s = { lastGood: new Map(), lenses: new LensDemand() };
      this.states.set(key, s);
    }
    return s;
  }

  /** What the worker needs to analyse the document as it is now. */
  requestFor(document: vscode.TextDocument): AnalyseRequest {
    const uri = document.uri.toString();
    const lastUsed = ownValue(this.memento.get<Record<string, Points>>(LAST_USED_KEY, {}), uri) ?? {};
    const prelude = preludeOf(document);
    // The lines on screen: their functions are analysed first and their lenses drawn ahead of the rest.
    const visible = vscode.window.visibleTextEditors.filter((e) => e.document === document).flatMap((e) => e.visibleRanges.map((r) => ({ start: r.start.line, end: r.end.line })));
    return { uri, version: document.version, text: document.getText(), language: languageOf(document)!, settings: settingsFor(document).analysis, lastUsed, ...(prelude ? { prelude } : {}), ...(visible.length > 0 ? { visible } : {}) };
  }

  private start(document: vscode.TextDocument, state: DocumentState): Promise<DocumentReport | undefined> {
    const uri = document.uri.toString();
    const version = document.version;
    state.dirty = false; // the request below carries the cells above as they are now
    const request = this.requestFor(document);
    this.lensTimeline.note(`analysis of v${version} started (on screen: ${request.visible?.map((v) => `${v.start}-${v.end}`).join(' ') ?? 'not known'})`);
    const promise = this.client
      .analyse(request)
      .then(
        (report) => {
          if (!report) return undefined;
          if (this.states.get(uri) !== state) return report; // closed meanwhile
          if (state.ahead?.version === report.version) state.ahead = undefined;
          this.lensTimeline.note(`report of v${report.version} here`);
          if (!state.latest || state.latest.version <= report.version) {
            state.latest = report;
            for (const f of report.functions) if (f.result) state.lastGood.set(f.name, f);
            this.publish(document, report);
            this.updated.fire(document.uri);
            // The editor drawing a partial's placeholders (`⋯ checking against …`) is told the report is
            // here whatever else was told: a told change it never asked about must not leave them drawn.
            if (state.lenses.holds(state.handedPartial)) {
              this.log.info(`report of v${report.version} here while the editor draws a partial's lenses: told`);
              this.lensTimeline.changed('report');
              this.lensesChanged.fire(document.uri);
            } else this.tellLenses(state, document.uri, 'report');
          }
          this.log.info(`analysed ${document.uri.toString(true)} v${version}: ${report.functions.length} functions (${report.cached} cached) in ${report.millis} ms`);
          return report;
        },
        (e: Error) => {
          this.log.error(`analysis of ${document.uri.toString(true)} failed: ${e.message}`);
          return undefined;
        },
      )
      .finally(() => {
        if (state.pending?.promise !== promise) return;
        state.pending = undefined;
        // Lens requests still waiting for the functions on screen had the report instead.
        state.aheadWaiters = undefined;
      });
    state.pending = { version, promise };
    return promise;
  }

  private publish(document: vscode.TextDocument, report: DocumentReport): void {
    const { precision } = settingsFor(document);
    this.diagnostics.set(document.uri, report.diagnostics.map((d) => toVscodeDiagnostic(d, precision)));
  }
}

/** A Problems entry, its numbers in the one number format at `gradlens.precision`. */
function toVscodeDiagnostic(p: GlDiagnostic, precision: number): vscode.Diagnostic {
  const severity = p.severity === 'error' ? vscode.DiagnosticSeverity.Error : p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  // a message may quote the user's strings (`raise ValueError(msg)`): no bidi control reorders it
  const d = new vscode.Diagnostic(toRange(p.range), withoutBidi(diagnosticText(p, precision)), severity);
  d.source = 'GradLens';
  d.code = p.code;
  return d;
}

/** The function whose definition contains `position`, innermost first. */
export function functionAt(report: DocumentReport, position: vscode.Position): FunctionReport | undefined {
  const inside = report.functions.filter((f) => toRange(f.range).contains(position));
  return inside.sort((a, b) => b.range.start.line - a.range.start.line)[0];
}
