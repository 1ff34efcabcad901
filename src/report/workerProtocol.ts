import type { Diagnostic } from '../core/diagnostic';
import type { GraphModel } from '../protocol/graphModel';
import type { AnalyseRequest, DocumentReport, GraphRequest } from './report';
import type { SourceOutcome, SourceRequest } from './derivativeSourceRequest';
import type { ExpressionFormula } from '../analysis/formula/formula';
import type { ThreadTime } from './threadClock';
import type { SentReport } from './reportChanges';

/** Messages between the extension host and the analysis worker (structured-clone data only). */
export type WorkerRequest =
  /** `messages`: the display language's bundle as the host read it (`vscode.l10n.bundle`); none in English. */
  /** `warmUp`: analyse GradLens's own small documents until the first request comes (report/warmUp.ts). */
  | { readonly kind: 'init'; readonly id: number; readonly cancelBuffer: SharedArrayBuffer; readonly messages?: Readonly<Record<string, string>>; readonly warmUp?: boolean }
  | {
      readonly kind: 'analyse';
      readonly id: number;
      /** The document's slot in the cancel array, and the generation this request belongs to. */
      readonly slot: number;
      readonly generation: number;
      readonly request: AnalyseRequest;
    }
  | { readonly kind: 'graph'; readonly id: number; readonly request: GraphRequest }
  | { readonly kind: 'source'; readonly id: number; readonly request: SourceRequest };

/**
 * When the worker took an analyse request off its queue and the stages its answer went through
 * (epoch ms, one clock for both threads): the host logs the first analysis's timeline, the
 * cold-start figure's breakdown (bench/workbench.ts). Each stamp has the worker thread's own clock
 * where it can be read (threadClock.ts: ms it ran, ms it waited for a core), which tells a step's
 * work from the machine's load.
 */
export interface WorkerTimes {
  readonly received: WorkerStamp;
  readonly stages: readonly (readonly [string, WorkerStamp])[];
  /** The text lowered while the host read files for this request (after the round before it): began, ended. */
  readonly loweredAhead?: readonly [WorkerStamp, WorkerStamp];
}

export interface WorkerStamp {
  readonly at: number;
  readonly thread?: ThreadTime;
}

export type WorkerResponse =
  | { readonly kind: 'ready'; readonly id: number }
  /** `formulasLater`: a `formulas` message with the same id follows (report/laterFormulas.ts). */
  /** `report`: the function reports unchanged since the document's last report sent as their index there (reportChanges.ts). */
  | { readonly kind: 'report'; readonly id: number; readonly report: SentReport; readonly formulasLater?: true; readonly times?: WorkerTimes }
  /**
   * Lenses ahead of the report with this id: the functions on screen (AnalyseRequest.visible), whole
   * and not remembered; then, when hand-written derivatives off screen wait for their checks, every
   * function's (`every`: FunctionReport.checkPending on those), sent as its changes as a report is
   * (reportChanges.ts), so that the report after it names most of its function reports by index.
   */
  | { readonly kind: 'partial'; readonly id: number; readonly report: DocumentReport; readonly every?: undefined; readonly times?: WorkerTimes }
  | { readonly kind: 'partial'; readonly id: number; readonly report: SentReport; readonly every: true; readonly times?: WorkerTimes }
  /** The formulas of the report with this id, by function name (those a newer request did not stop). */
  | { readonly kind: 'formulas'; readonly id: number; readonly formulas: Readonly<Record<string, ExpressionFormula>> }
  | { readonly kind: 'graph'; readonly id: number; readonly outcome: { readonly ok: true; readonly value: GraphModel } | { readonly ok: false; readonly error: Diagnostic } }
  | { readonly kind: 'source'; readonly id: number; readonly outcome: SourceOutcome }
  | { readonly kind: 'cancelled'; readonly id: number }
  /** The analysis imports workspace files the request did not carry: read them and ask again. */
  | { readonly kind: 'needFiles'; readonly id: number; readonly paths: readonly string[]; readonly times?: WorkerTimes }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string }
  /** The warm-up ended (report/warmUp.ts): how many of its documents it analysed before a request stopped it, in how long. */
  | { readonly kind: 'warmedUp'; readonly documents: number; readonly millis: number };

/** A response as the host reads it: its report whole again (reportChanges.ts). */
export type ReceivedResponse = Exclude<WorkerResponse, Encoded> | Decoded<Encoded>;
/** The responses whose report is sent as its changes. */
type Encoded = Extract<WorkerResponse, { readonly kind: 'report' } | { readonly every: true }>;
type Decoded<T> = T extends unknown ? Omit<T, 'report'> & { readonly report: DocumentReport } : never;
