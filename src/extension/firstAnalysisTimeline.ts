import type { WorkerStamp, WorkerTimes } from '../report/workerProtocol';

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
      if (times.loweredAhead) this.span('lowered ahead', ...times.loweredAhead);
      this.step('worker took it', times.received.at);
      let last = times.received;
      for (const [stage, at] of times.stages) {
        this.step(`${stage}${threadSince(last, at)}`, at.at);
        last = at;
      }
    }
    this.step(`host got ${kind}`, got);
  }

  /** A step of the worker's from `began` to `ended`, and how long of it the worker ran and waited. */
  private span(name: string, began: WorkerStamp, ended: WorkerStamp): void {
    if (!this.done) this.steps.push(`${name} ${began.at - this.origin}–${ended.at - this.origin}${threadSince(began, ended)}`);
  }

  /** The followed analysis ended: its line, once. */
  finish(): string | undefined {
    if (this.done) return undefined;
    this.done = true;
    return `first analysis (ms after the extension bundle began to load): ${this.steps.join(', ')}`;
  }
}

/**
 * ` (ran R, waited W, process P)` between two stamps, where known: the worker thread's ms on a core
 * and in the run queue, and the CPU ms of its whole process (the extension host: P − R is what its
 * other threads ran meanwhile).
 */
function threadSince(from: WorkerStamp, to: WorkerStamp): string {
  if (!from.thread || !to.thread) return '';
  const ms = (pick: (t: NonNullable<WorkerStamp['thread']>) => number): number => Math.round(pick(to.thread!) - pick(from.thread!));
  return ` (ran ${ms((t) => t.ran)}, waited ${ms((t) => t.waited)}, process ${ms((t) => t.process)})`;
}

/**
 * The worker thread's own clock over the analysis that gave the report (from its text's lowering
 * ahead, if any, to the report posted), summed from a timeline line's (this file's) `(ran R, waited W, process P)`
 * stamps (report/threadClock.ts): ran is its work, waited the load, process what the whole
 * extension host ran meanwhile. Undefined when the build does not log them.
 */
export function workerClock(timeline: string): { ran: number; waited: number; process: number } | undefined {
  const end = timeline.indexOf('host got report');
  if (end < 0) return undefined;
  const before = timeline.slice(0, end);
  const start = Math.max(before.lastIndexOf('host got partial'), before.lastIndexOf('host got needFiles'));
  const stamps = [...before.slice(Math.max(0, start)).matchAll(/\(ran (\d+), waited (\d+), process (\d+)\)/g)];
  if (stamps.length === 0) return undefined;
  const sum = (i: number): number => stamps.reduce((a, m) => a + Number(m[i]), 0);
  return { ran: sum(1), waited: sum(2), process: sum(3) };
}
