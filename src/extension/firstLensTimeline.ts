/**
 * The editor's lens requests of a session's first document, as one log line: when it asked, when
 * each answer went back (with what), which requests it cancelled, and when GradLens told it the
 * lenses changed. The workbench decides when to ask (a debounce restarted by every change event,
 * cancelled when the editor loses focus), so the cold open's draw time is read off this line
 * (bench/workbenchCold.ts prints it). Times are ms after `origin` (when the bundle began to load).
 */
export class FirstLensTimeline {
  private readonly steps: string[] = [];
  private nextRequest = 1;
  private done = false;

  constructor(private readonly origin: number) {}

  /** The editor asked for lenses: the request's number, for its answer. */
  asked(): number {
    const id = this.nextRequest++;
    this.step(`asked #${id}`);
    return id;
  }

  /** `what`: the data the answer came from (`partial`, `report`, `none`). */
  answered(id: number, count: number, what: string): void {
    this.step(`answered #${id} ${count} (${what})`);
  }

  cancelled(id: number): void {
    this.step(`cancelled #${id}`);
  }

  /** GradLens fired onDidChangeCodeLenses (`why`: what arrived). */
  changed(why: string): void {
    this.step(`changed (${why})`);
  }

  /** Anything else on the lenses' path (the analysis started, with the lines on screen it knew). */
  note(what: string): void {
    this.step(what);
  }

  /** The editor got the lenses of a whole report: the line, once. */
  finish(): string | undefined {
    if (this.done) return undefined;
    this.done = true;
    return `first lens requests (ms after the extension bundle began to load): ${this.steps.join(', ')}`;
  }

  private step(name: string): void {
    if (!this.done) this.steps.push(`${name} ${Date.now() - this.origin}`);
  }
}
