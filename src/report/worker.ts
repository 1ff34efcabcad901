import { parentPort } from 'node:worker_threads';
import { bundleTranslator, useTranslator } from '../core/localize';
import { FunctionCache, graphFor, lowerAhead, ReportCancelled, reportDocument } from './documentReport';
import { NeedsFiles } from './requestedFiles';
import { dropFormulas, finishFormula, type PendingFormula } from './laterFormulas';
import type { ExpressionFormula } from '../analysis/formula/formula';
import { DOCUMENT_MILLIS } from '../core/budget';
import { sourceFor } from './derivativeSourceRequest';
import type { WorkerRequest, WorkerResponse, WorkerStamp, WorkerTimes } from './workerProtocol';
import { threadTime } from './threadClock';
import type { AnalyseRequest, DocumentReport } from './report';
import { warmUp } from './warmUp';
import { ReportChanges } from './reportChanges';

/**
 * The analysis thread. The extension host posts each document version here, so that parsing and
 * evaluation (bounded by the budgets, but up to seconds for a large file) never block the editor.
 * A newer request for the same document cancels an older one between functions: the host bumps
 * the document's generation in the shared `cancel` array.
 *
 * A report goes back as soon as its lenses can be drawn; the formulas its hovers show follow in a
 * second message (laterFormulas.ts), one function per turn of the event loop, so a request that
 * arrives meanwhile is not kept waiting behind them.
 */

const cache = new FunctionCache();
/** Each document's last report posted: the next is sent as its changes (reportChanges.ts). */
const sent = new ReportChanges();
let cancel: Int32Array | undefined;
/** A request came: the warm-up (warmUp.ts) stops after the document it is on. */
let requested = false;
/** Requests received so far (a `lowerAhead` that a request overtook is not done). */
let requestCount = 0;
/** When the last `lowerAhead` began and ended: the next analysis's times carry it. */
let loweredAhead: readonly [WorkerStamp, WorkerStamp] | undefined;

function stamp(): WorkerStamp {
  const thread = threadTime();
  return thread ? { at: Date.now(), thread } : { at: Date.now() };
}

function handle(request: WorkerRequest, received: WorkerStamp): WorkerResponse {
  switch (request.kind) {
    case 'init':
      cancel = new Int32Array(request.cancelBuffer);
      // The host's translations: Problems messages and lens texts made here read as the host's do.
      useTranslator(request.messages ? bundleTranslator(request.messages) : undefined);
      if (request.warmUp) warmUp(() => requested, (documents, millis) => parentPort!.postMessage({ kind: 'warmedUp', documents, millis } satisfies WorkerResponse));
      return { kind: 'ready', id: request.id };
    case 'graph':
      try {
        return { kind: 'graph', id: request.id, outcome: graphFor(request.request, cache.lowered) };
      } catch (e) {
        return { kind: 'failed', id: request.id, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
      }
    case 'source':
      try {
        return { kind: 'source', id: request.id, outcome: sourceFor(request.request, cache.lowered) };
      } catch (e) {
        return { kind: 'failed', id: request.id, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
      }
    case 'analyse': {
      const isCancelled = (): boolean => cancel !== undefined && Atomics.load(cancel, request.slot) !== request.generation;
      const later: PendingFormula[] = [];
      const stages: [string, WorkerStamp][] = [];
      const ahead = loweredAhead;
      loweredAhead = undefined;
      const times = (): WorkerTimes => ({ received, stages: [...stages, ['posted', stamp()]], ...(ahead ? { loweredAhead: ahead } : {}) });
      try {
        // Every function's lens goes as its changes, as a report does (reportChanges.ts): the report after it is then mostly indices.
        const sendAhead = (partial: DocumentReport, every?: true): void =>
          parentPort!.postMessage((every ? { kind: 'partial', id: request.id, report: sent.send(partial), every, times: times() } : { kind: 'partial', id: request.id, report: partial, times: times() }) satisfies WorkerResponse);
        const report = reportDocument(request.request, cache, isCancelled, DOCUMENT_MILLIS, later, sendAhead, (name) => stages.push([name, stamp()]));
        if (later.length === 0) return { kind: 'report', id: request.id, report: sent.send(report), times: times() };
        // After this report is posted (setImmediate runs after the message handler returns).
        setImmediate(() => formulasInTurns(request.id, later, isCancelled));
        return { kind: 'report', id: request.id, report: sent.send(report), formulasLater: true, times: times() };
      } catch (e) {
        dropFormulas(later);
        if (e instanceof ReportCancelled) return { kind: 'cancelled', id: request.id };
        if (e instanceof NeedsFiles) {
          // The text is lowered while the host reads the files (after this answer is posted).
          lowerAheadLater(request.request);
          return { kind: 'needFiles', id: request.id, paths: e.paths, times: times() };
        }
        return { kind: 'failed', id: request.id, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
      }
    }
  }
}

/**
 * After the answer in hand is posted, lowers the text its next round will find lowered
 * (documentReport.ts's `lowerAhead`), timed — unless a request came first (the host answered at
 * once): that one lowered the text itself, and lowering it again would only keep it waiting.
 */
function lowerAheadLater(request: AnalyseRequest): void {
  const asOf = requestCount;
  setImmediate(() => {
    if (requestCount !== asOf) return;
    const began = stamp();
    lowerAhead(request, cache);
    loweredAhead = [began, stamp()];
  });
}

/** The pending formulas, one per turn; then one message with those computed (all, unless a newer request stopped them). */
function formulasInTurns(id: number, pending: PendingFormula[], isCancelled: () => boolean, formulas: Record<string, ExpressionFormula> = {}): void {
  if (isCancelled()) {
    dropFormulas(pending);
    parentPort!.postMessage({ kind: 'formulas', id, formulas } satisfies WorkerResponse);
    return;
  }
  const next = pending.shift();
  if (next) {
    const formula = finishFormula(next, cache);
    if (formula) formulas[next.name] = formula;
  }
  if (pending.length > 0) setImmediate(() => formulasInTurns(id, pending, isCancelled, formulas));
  else parentPort!.postMessage({ kind: 'formulas', id, formulas } satisfies WorkerResponse);
}

parentPort?.on('message', (request: WorkerRequest) => {
  requestCount++;
  if (request.kind !== 'init') requested = true;
  parentPort!.postMessage(handle(request, stamp()));
});
