import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../core/diagnostic';
import type { GraphModel } from '../protocol/graphModel';
import type { AnalyseRequest, DocumentReport, GraphRequest, WorkspaceFile } from '../report/report';
import type { SourceOutcome, SourceRequest } from '../report/derivativeSourceRequest';
import type { ReceivedResponse, WorkerRequest, WorkerResponse } from '../report/workerProtocol';
import { ReportChanges } from '../report/reportChanges';
import type { ExpressionFormula } from '../analysis/formula/formula';
import { FirstAnalysisTimeline } from './firstAnalysisTimeline';

/**
 * The extension host's side of the analysis worker. No vscode here: the unit tests drive it with the
 * built `dist/worker.js`.
 *
 * - One worker thread, started on first use and restarted if it dies or stops answering.
 * - A newer request for a document cancels the older one: each document has a slot in a shared
 *   Int32Array holding its latest generation, which the worker reads between functions.
 * - The functions on screen (`AnalyseRequest.visible`) come back first, in a partial report that
 *   goes to `onPartial` listeners, then every function's lens when hand-written derivatives off
 *   screen still wait for their checks (a second partial); the whole report resolves `analyse`.
 * - A report comes back as soon as its lenses can be drawn; the formulas its hovers show follow
 *   (report/laterFormulas.ts) and go to `onFormulas` listeners with the report they belong to.
 * - A watchdog ends a worker that stays silent longer than `hangMillis` (the budgets make this a
 *   last resort: every evaluation already stops at its time budget).
 */

const SLOTS = 1024;

export type GraphOutcome = { readonly ok: true; readonly value: GraphModel } | { readonly ok: false; readonly error: Diagnostic };
/** The worker needs workspace files the request did not carry. */
class NeedsFiles {
  constructor(readonly paths: readonly string[]) {}
}
type Answer = DocumentReport | GraphOutcome | SourceOutcome | NeedsFiles | undefined;
type Pending = { resolve: (r: Answer) => void; reject: (e: Error) => void; started: number };
export type FormulasListener = (report: DocumentReport, formulas: Readonly<Record<string, ExpressionFormula>>) => void;

/** Reads the workspace files an analysis imports (the editor's `WorkspaceFiles`). */
export interface ImportedFileReader {
  read(importer: string, uris: readonly string[], fresh?: boolean): Promise<Record<string, WorkspaceFile | null>>;
  /** What the importer's last analysis asked for, read ahead of the next. */
  remembered(importer: string): readonly string[];
}

export interface AnalysisClientOptions {
  readonly workerPath: string;
  readonly hangMillis?: number;
  readonly log?: (message: string) => void;
  /** Timings worth a line in the log (the worker's start), for the cold-start figures. */
  readonly info?: (message: string) => void;
  /** Without it, imports of the user's own files are refused where reached. */
  readonly files?: ImportedFileReader;
  /** The display language's translations (`vscode.l10n.bundle`), for the texts the worker writes. */
  readonly messages?: Readonly<Record<string, string>>;
  /** When the extension bundle began to load: the first analysis's timeline is logged (`info`) relative to it. */
  readonly origin?: number;
  /**
   * The worker warms up on documents of GradLens's own until the first request comes
   * (report/warmUp.ts): the extension's, whose worker starts at activation, before the file is open.
   */
  readonly warmUp?: boolean;
}

/** Rounds of "read these files too" before the files not yet read count as absent (an import chain that deep). */
const MAX_FILE_ROUNDS = 16;

export class AnalysisClient {
  private worker: Worker | undefined;
  private readonly cancelBuffer = new SharedArrayBuffer(SLOTS * 4);
  private readonly generations = new Int32Array(this.cancelBuffer);
  private readonly slots = new Map<string, number>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  /** When the current worker was started, until it answers `init`. */
  private startedAt: number | undefined;
  private disposed = false;
  /** Reports whose formulas are still being computed, by request id. */
  private readonly awaitingFormulas = new Map<number, DocumentReport>();
  private readonly formulaListeners = new Set<FormulasListener>();
  private readonly partialListeners = new Set<(partial: DocumentReport) => void>();

  /** The session's first analysis, followed through both threads and logged once. */
  private readonly timeline: FirstAnalysisTimeline | undefined;

  constructor(private readonly options: AnalysisClientOptions) {
    this.timeline = options.info && options.origin !== undefined ? new FirstAnalysisTimeline(options.origin) : undefined;
  }

  /**
   * Starts the worker now (at activation), so that loading its bundle overlaps the editor opening
   * the file instead of following the first lens's request.
   */
  start(): void {
    if (!this.disposed) this.ensureWorker();
  }

  /** Called with each report's formulas once the worker has them (after the report itself). */
  onFormulas(listener: FormulasListener): { dispose(): void } {
    this.formulaListeners.add(listener);
    return { dispose: () => this.formulaListeners.delete(listener) };
  }

  /** Called with each partial report sent ahead of its document's report (the functions on screen, then every function's before the checks). */
  onPartial(listener: (partial: DocumentReport) => void): { dispose(): void } {
    this.partialListeners.add(listener);
    return { dispose: () => this.partialListeners.delete(listener) };
  }

  /** Analyses one document version; resolves `undefined` when a newer request superseded it. */
  async analyse(request: AnalyseRequest): Promise<DocumentReport | undefined> {
    if (this.disposed) return undefined;
    const followed = this.timeline?.following === true ? this.timeline : undefined;
    followed?.step('requested');
    try {
      return await this.analyseInRounds(request, followed);
    } finally {
      const line = followed?.finish();
      if (line) this.options.info?.(line);
    }
  }

  private async analyseInRounds(request: AnalyseRequest, followed: FirstAnalysisTimeline | undefined): Promise<DocumentReport | undefined> {
    const slot = this.slotFor(request.uri);
    const generation = Atomics.add(this.generations, slot, 1) + 1;
    const superseded = (): boolean => this.disposed || Atomics.load(this.generations, slot) !== generation;
    // The files the last analysis imported are read first, so an edit usually takes one trip to the worker.
    const reader = this.options.files;
    let files = reader ? { ...request.files, ...(await reader.read(request.uri, reader.remembered(request.uri), true)) } : request.files;
    for (let round = 0; ; round++) {
      if (superseded()) return undefined;
      const complete = !reader || round >= MAX_FILE_ROUNDS;
      const sent = files ? { ...request, files, ...(complete ? { filesComplete: true } : {}) } : request;
      const id = this.nextId++;
      followed?.sent(id);
      const answer = await this.send(this.ensureWorker(), { kind: 'analyse', id, slot, generation, request: sent });
      if (!(answer instanceof NeedsFiles)) return answer as DocumentReport | undefined;
      files = { ...files, ...(await reader!.read(request.uri, answer.paths)) };
      followed?.step(`read ${answer.paths.length} files`);
    }
  }

  /** The computation-graph model of one function (built on the worker: it records and samples plots). */
  async graph(request: GraphRequest): Promise<GraphOutcome> {
    if (this.disposed) throw new Error('GradLens is shutting down');
    // The files the document's last analysis imported, as they are now.
    const reader = this.options.files;
    const uri = request.document.uri;
    const document = reader ? { ...request.document, files: await reader.read(uri, reader.remembered(uri)), filesComplete: true } : request.document;
    return (await this.send(this.ensureWorker(), { kind: 'graph', id: this.nextId++, request: { ...request, document } })) as GraphOutcome;
  }

  /** A function's gradient as checked source code (report/derivativeSourceRequest.ts). */
  async source(request: SourceRequest): Promise<SourceOutcome> {
    if (this.disposed) throw new Error('GradLens is shutting down');
    const reader = this.options.files;
    const uri = request.document.uri;
    const document = reader ? { ...request.document, files: await reader.read(uri, reader.remembered(uri)), filesComplete: true } : request.document;
    return (await this.send(this.ensureWorker(), { kind: 'source', id: this.nextId++, request: { ...request, document } })) as SourceOutcome;
  }

  private send(worker: Worker, message: WorkerRequest): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject, started: Date.now() });
      worker.postMessage(message);
    });
  }

  /** Cancels whatever is running or queued for `uri` (the document closed). */
  cancel(uri: string): void {
    const slot = this.slots.get(uri);
    if (slot !== undefined) Atomics.add(this.generations, slot, 1);
  }

  dispose(): void {
    this.disposed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.stopWorker(new Error('GradLens is shutting down'));
  }

  private slotFor(uri: string): number {
    let slot = this.slots.get(uri);
    if (slot === undefined) {
      slot = this.slots.size % SLOTS;
      this.slots.set(uri, slot);
    }
    return slot;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerPath, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.unref();
    // This worker's reports come as changes of its last report of the document (reportChanges.ts): each one decoded, in order, whether awaited or not.
    const changes = new ReportChanges();
    worker.on('message', (m: WorkerResponse) => this.onMessage(m.kind === 'report' || (m.kind === 'partial' && m.every) ? { ...m, report: changes.receive(m.report) } : m));
    worker.on('error', (e) => {
      this.options.log?.(`analysis worker failed: ${e.message}`);
      this.stopWorker(e);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.worker = undefined;
        this.failAll(new Error(`the analysis worker exited (code ${code})`));
      }
    });
    const init: WorkerRequest = { kind: 'init', id: 0, cancelBuffer: this.cancelBuffer, ...(this.options.messages ? { messages: this.options.messages } : {}), ...(this.options.warmUp ? { warmUp: true } : {}) };
    worker.postMessage(init);
    this.worker = worker;
    this.startedAt = Date.now();
    this.timeline?.step('worker started', this.startedAt);
    if (!this.watchdog) {
      this.watchdog = setInterval(() => this.checkHang(), 1000);
      this.watchdog.unref?.();
    }
    return worker;
  }

  private onMessage(m: ReceivedResponse): void {
    if (m.kind === 'report' || m.kind === 'partial' || m.kind === 'needFiles') this.timeline?.answer(m.id, m.kind, m.times);
    if (m.kind === 'ready') {
      if (this.startedAt !== undefined) this.options.info?.(`analysis worker ready ${Date.now() - this.startedAt} ms after it was started`);
      this.timeline?.step('worker ready');
      this.startedAt = undefined;
      return;
    }
    if (m.kind === 'warmedUp') {
      this.options.info?.(`analysis worker warmed up on ${m.documents} documents in ${m.millis} ms`);
      this.timeline?.step(`warmed up (${m.documents} documents)`);
      return;
    }
    if (m.kind === 'formulas') {
      const report = this.awaitingFormulas.get(m.id);
      this.awaitingFormulas.delete(m.id);
      if (report) for (const listener of this.formulaListeners) listener(report, m.formulas);
      return;
    }
    if (m.kind === 'partial') {
      if (this.pending.has(m.id)) for (const listener of this.partialListeners) listener(m.report);
      return;
    }
    if (m.kind === 'report' && m.formulasLater) this.awaitingFormulas.set(m.id, m.report);
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.kind === 'report') p.resolve(m.report);
    else if (m.kind === 'graph' || m.kind === 'source') p.resolve(m.outcome);
    else if (m.kind === 'cancelled') p.resolve(undefined);
    else if (m.kind === 'needFiles') p.resolve(new NeedsFiles(m.paths));
    else p.reject(new Error(m.message));
  }

  private checkHang(): void {
    const limit = this.options.hangMillis ?? 30_000;
    const now = Date.now();
    let oldest = now;
    for (const p of this.pending.values()) oldest = Math.min(oldest, p.started);
    if (this.worker && now - oldest > limit) {
      this.options.log?.(`analysis worker silent for ${now - oldest} ms; restarting it`);
      this.stopWorker(new Error(`the analysis took longer than ${limit} ms and was stopped`));
    }
  }

  private stopWorker(reason: Error): void {
    const w = this.worker;
    this.worker = undefined;
    this.failAll(reason);
    if (w) void w.terminate();
  }

  private failAll(reason: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    this.awaitingFormulas.clear();
    for (const p of all) p.reject(reason);
  }
}
