import type { DocumentReport, FunctionReport } from './report';

/**
 * A document's report as the worker posts it: a function's report that is the very object the
 * last report posted for the document held (the worker's cache answered it unchanged, at the same
 * lines) is sent as its index there. An edit of one function leaves the others' reports as they
 * were, and copying ~180 of them through `postMessage` (260 KB for the 2,000-line real-style file)
 * cost the two threads more than the edit's own analysis of it (issue 23).
 */
export interface SentReport extends Omit<DocumentReport, 'functions'> {
  readonly functions: readonly (FunctionReport | number)[];
}

/** How many documents' last reports either side keeps; both forget the same ones, in the same order. */
const DOCUMENTS = 64;

/**
 * The last report posted per document, on both sides of the worker's port: the worker encodes each
 * report against it (`send`), the host decodes each against its copy (`receive`), every report in
 * the order it was posted (a port keeps the order), so the two stay alike. The host's copy is
 * of one worker: a restarted worker starts another, with none.
 */
export class ReportChanges {
  private readonly last = new Map<string, readonly FunctionReport[]>();

  /** The worker's side: `report` with every function report unchanged since the last one posted for its document as its index there. */
  send(report: DocumentReport): SentReport {
    const before = this.last.get(report.uri);
    const index = new Map(before?.map((f, i) => [f, i]));
    this.remember(report.uri, report.functions);
    return index.size === 0 ? report : { ...report, functions: report.functions.map((f) => index.get(f) ?? f) };
  }

  /** The host's side: the report `send` was given. */
  receive(sent: SentReport): DocumentReport {
    const before = this.last.get(sent.uri) ?? [];
    const functions = sent.functions.map((f) => {
      if (typeof f !== 'number') return f;
      const kept = before[f];
      // Only a port that lost or reordered a message could leave the two sides apart.
      if (!kept) throw new Error(`report of ${sent.uri} names function report ${f} of a previous report the host does not hold`);
      return kept;
    });
    this.remember(sent.uri, functions);
    return { ...sent, functions };
  }

  private remember(uri: string, functions: readonly FunctionReport[]): void {
    this.last.delete(uri);
    this.last.set(uri, functions);
    if (this.last.size > DOCUMENTS) this.last.delete(this.last.keys().next().value!);
  }
}
