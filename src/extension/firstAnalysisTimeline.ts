import type { WorkerTimes } from '../report/workerProtocol';

/**
 * The first analysis of a session, step by step across both threads, as one log line: where the
 * cold open's time goes between the host asking and the lenses' data arriving (bench/workbench.ts
 * prints it). Times are ms after `origin` (when the extension bundle began to load); the worker's
 * stamps share the clock (one process).
 */
export class FirstAnalysisTimeline {
  private readonly steps: string[] = [];
  /** The request id being followed, while its answer is out. */
  private followed: number | undefined;
  private done = false;

  constructor(private readonly origin: number) {}

  /** Whether the analysis starting now is the one followed (the session's first). */
  get following(): boolean {
    return !this.done;
  }

  step(name: string, at = Date.now()): void {
    if (!this.done) this.steps.push(`${name} ${at - this.origin}`);
  }

  sent(id: number): void {
    if (this.done) return;
    this.followed = id;
    this.step(`sent #${id}`);
  }

  /** A message from the worker: its own stamps, then when the host got it. */
  answer(id: number, kind: string, times: WorkerTimes | undefined): void {
    if (this.done || id !== this.followed) return;
    const got = Date.now();
    if (times) {
      this.step('worker took it', times.received);
      for (const [stage, at] of times.stages) this.step(stage, at);
    }
    this.step(`host got ${kind}`, got);
  }

  /** The followed analysis ended: its line, once. */
  finish(): string | undefined {
    if (this.done) return undefined;
    this.done = true;
    return `first analysis (ms after the extension bundle began to load): ${this.steps.join(', ')}`;
  }
}
