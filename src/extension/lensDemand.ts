/**
 * The editor's lens requests for one document, seen from the provider: how many are waiting for data
 * (parked), what the editor was last handed, and whether telling it the lenses changed
 * (onDidChangeCodeLenses) would bring them sooner or later. No vscode here, so tests drive it.
 *
 * Why this matters (VS Code's CodeLens controller, editor/contrib/codelens): the editor asks on open
 * and after each change event, but only after a pause — a moving average of the provider's answer
 * times, at least 250 ms — which every further change event *restarts*, and a new request cancels
 * the one in flight. So:
 * - a request that waits for the data is answered, and drawn, the moment the data arrives; an empty
 *   answer followed by a change event draws it a pause later;
 * - a change event while a request waits is needless: the editor would cancel the waiting request
 *   and ask again a pause later;
 * - a change event the editor has not yet asked about is enough: a second one (the whole report
 *   arriving just after the first screen's) only puts the request off by another pause;
 * - so is a file's opening, an edit, or a request the editor cancelled: it asks again by itself, and
 *   a change event before it does only puts it off.
 */

/**
 * How long a change event counts as not yet asked about. The editor asks a pause after it (250 ms, or
 * its average of our answer times); if it has not asked by then it is not coming (the editor lost
 * focus, or was closed), and the next change is told again.
 */
export const CHANGE_ASKED_WITHIN_MILLIS = 1_500;

export class LensDemand {
  private parked = 0;
  private handed: unknown;
  private toldAt: number | undefined;
  private everAsked = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** The editor asked: it has heard of every change told so far. */
  asked(): void {
    this.everAsked = true;
    this.toldAt = undefined;
  }

  /**
   * The document was edited: the editor asks again a pause after the last keystroke by itself, as
   * after a change told.
   */
  edited(): void {
    if (this.everAsked) this.toldAt = this.now();
  }

  /**
   * The editor cancelled a request: it asks again by itself (it cancels one when it starts another,
   * or when it starts over — on a change of the file's language, or when another extension's lens
   * provider registers, as the built-in merge-conflict one does once the workbench has started).
   */
  cancelled(): void {
    this.toldAt = this.now();
  }

  /** A request waits for data; call the returned function once it is answered (or cancelled). */
  park(): () => void {
    this.parked++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.parked--;
    };
  }

  /** The editor was handed the lenses of `data` (a partial or a whole report). */
  handedOver(data: unknown): void {
    this.handed = data;
  }

  /** Whether the editor was last handed `data`: a request then waits for something newer. */
  holds(data: unknown): boolean {
    return data !== undefined && this.handed === data;
  }

  /**
   * Newer data than the editor holds is here (or coming, when it holds only the first screen of a
   * report): whether to fire onDidChangeCodeLenses now. No while a request waits (it gets the data)
   * or while a change told is not yet asked about, or before the editor's first request (the editor
   * comes, and gets the newest).
   */
  shouldTell(): boolean {
    if (!this.everAsked || this.parked > 0) return false;
    const now = this.now();
    if (this.toldAt !== undefined && now - this.toldAt < CHANGE_ASKED_WITHIN_MILLIS) return false;
    this.toldAt = now;
    return true;
  }
}
