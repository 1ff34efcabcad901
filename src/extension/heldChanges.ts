/**
 * Which lens changes to announce to the editor. The workbench answers a change by asking again after
 * its debounce, and a second change before it asks restarts that wait: the whole report arriving just
 * after the first screen's lenses (sent ahead) put off the first lenses until after the report, by a
 * whole debounce (1.8 s against 0.7 s from opening a 2,000-line file). So a change while one is still
 * unanswered is not announced: the request it waits for reads the newest data anyway. Past
 * `holdMillis` a change is announced regardless, so lenses are never stale for longer when the editor
 * did not ask (no visible editor of the language, lenses switched off).
 */
export class HeldChanges {
  /** When a change was announced that no lens request has followed yet (undefined: none pending). */
  private announcedAt: number | undefined;

  constructor(
    private readonly announce: () => void,
    private readonly holdMillis: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The lenses' data changed. */
  changed(): void {
    const now = this.now();
    if (this.announcedAt !== undefined && now - this.announcedAt < this.holdMillis) return;
    this.announcedAt = now;
    this.announce();
  }

  /** The editor asked for lenses: it reads the newest data, and the next change is announced. */
  asked(): void {
    this.announcedAt = undefined;
  }
}
