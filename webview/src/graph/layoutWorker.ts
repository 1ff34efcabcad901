import { layoutGraph, type LayoutInput, type LayoutResult } from './layout';

/**
 * Layout off the UI thread. The worker runs this same bundle (dist/webview.js): the webview fetches its
 * own script (CSP `connect-src` is the extension's resources), wraps it in a blob (`worker-src blob:`,
 * the only way a VS Code webview may start a worker) and main.ts, finding no `document`, answers
 * layout requests instead of drawing. Small graphs are laid out inline: a worker's start-up costs more
 * than they do. If the worker cannot start, everything is laid out inline.
 */

/** Below this many nodes, lay out inline. */
export const WORKER_MIN_NODES = 80;

interface Request {
  readonly id: number;
  readonly input: LayoutInput;
}
type Reply = { readonly id: number; readonly result: LayoutResult } | { readonly id: number; readonly error: string };

interface WorkerScope {
  onmessage: ((e: MessageEvent<Request>) => void) | null;
  postMessage(reply: Reply): void;
}

/** The worker side: called by main.ts when there is no document. */
export function serveLayouts(scope: WorkerScope): void {
  scope.onmessage = (e) => {
    const { id, input } = e.data;
    try {
      scope.postMessage({ id, result: layoutGraph(input) });
    } catch (err) {
      scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
  };
}

export class LayoutClient {
  private worker: Promise<Worker | null> | undefined;
  private broken = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: LayoutResult) => void; reject: (e: Error) => void }>();
  /** Where the last layout ran, for tests and the status line. */
  lastRanIn: 'worker' | 'inline' = 'inline';

  constructor(
    /** This bundle's URL (`document.currentScript.src`, captured at start-up), or undefined: inline only. */
    private readonly scriptUrl: string | undefined,
    private readonly log: (message: string) => void,
  ) {}

  async layout(input: LayoutInput): Promise<LayoutResult> {
    if (input.nodes.length >= WORKER_MIN_NODES) {
      const worker = await this.start();
      if (worker && !this.broken) {
        try {
          const result = await this.request(worker, input);
          this.lastRanIn = 'worker';
          return result;
        } catch (e) {
          this.log(`layout worker failed (${(e as Error).message}); laying out inline`);
        }
      }
    }
    this.lastRanIn = 'inline';
    return layoutGraph(input);
  }

  private request(worker: Worker, input: LayoutInput): Promise<LayoutResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, input } satisfies Request);
    });
  }

  private start(): Promise<Worker | null> {
    this.worker ??= (async () => {
      if (!this.scriptUrl || typeof Worker === 'undefined') return null;
      try {
        const text = await (await fetch(this.scriptUrl)).text();
        const url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
        const worker = new Worker(url);
        worker.onmessage = (e: MessageEvent<Reply>) => {
          const p = this.pending.get(e.data.id);
          if (!p) return;
          this.pending.delete(e.data.id);
          if ('result' in e.data) p.resolve(e.data.result);
          else p.reject(new Error(e.data.error));
        };
        worker.onerror = (e) => {
          this.broken = true;
          this.log(`layout worker error (${e.message || 'could not start'}); laying out inline`);
          for (const p of this.pending.values()) p.reject(new Error(e.message || 'worker error'));
          this.pending.clear();
        };
        return worker;
      } catch (e) {
        this.log(`no layout worker (${(e as Error).message}); laying out inline`);
        return null;
      }
    })();
    return this.worker;
  }
}
