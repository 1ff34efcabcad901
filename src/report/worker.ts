import { parentPort } from 'node:worker_threads';
import { bundleTranslator, useTranslator } from '../core/localize';
import { FunctionCache, graphFor, ReportCancelled, reportDocument } from './documentReport';
import { NeedsFiles } from './requestedFiles';
import { sourceFor } from './derivativeSourceRequest';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

/**
 * The analysis thread. The extension host posts each document version here, so that parsing and
 * evaluation (bounded by the budgets, but up to seconds for a large file) never block the editor.
 * A newer request for the same document cancels an older one between functions: the host bumps
 * the document's generation in the shared `cancel` array.
 */

const cache = new FunctionCache();
let cancel: Int32Array | undefined;

function handle(request: WorkerRequest): WorkerResponse {
  switch (request.kind) {
    case 'init':
      cancel = new Int32Array(request.cancelBuffer);
      // The host's translations: Problems messages and lens texts made here read as the host's do.
      useTranslator(request.messages ? bundleTranslator(request.messages) : undefined);
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
      try {
        return { kind: 'report', id: request.id, report: reportDocument(request.request, cache, isCancelled) };
      } catch (e) {
        if (e instanceof ReportCancelled) return { kind: 'cancelled', id: request.id };
        if (e instanceof NeedsFiles) return { kind: 'needFiles', id: request.id, paths: e.paths };
        return { kind: 'failed', id: request.id, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
      }
    }
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  parentPort!.postMessage(handle(request));
});
