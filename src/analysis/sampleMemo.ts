import type { ResolvedPoint } from './points';

/**
 * Guesses about a file's functions kept from one version of it to the next (the worker's cache):
 * finding a sample point (samplePoints.ts) runs the function at up to a dozen candidates, and shape
 * inference reads the whole file, and an edit of one function should not pay that for the others.
 * A guess is kept under the text of what it may depend on (dependencies.ts: the module-level text
 * and the functions it reads, with positions left out, so lines added above leave it valid) and the
 * context the caller gives (language, the notebook prelude, the workspace files read).
 */
export interface KeptSample {
  readonly point: ResolvedPoint | undefined;
  /**
   * A point taken from a caller's run says the line of the caller's point (`callerPoint`): kept
   * only while that point is still on that line.
   */
  readonly via?: { readonly caller: string; readonly line: number | undefined };
  /** The search ran callers (`callerPoint`): kept only while every function that may reach it is unchanged too. */
  readonly callersKey?: string;
}

/** Parameters held constant by what shape inference reads of them (document.ts `constants`). */
export interface HeldParameters {
  /** Integer labels, one-hot rows, counts. */
  readonly labels: readonly string[];
  /** A None default the code cannot use as None: held when the point is a sample. */
  readonly noneDefaults: readonly string[];
}

/** A map that forgets its oldest entries past its capacity. */
export class Bounded<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
  get size(): number {
    return this.entries.size;
  }
}

export class SampleMemo {
  readonly samples: Bounded<KeptSample>;
  readonly held: Bounded<HeldParameters>;
  private readonly ids = new Map<string, number>();
  private next = 0;

  constructor(private readonly capacity = 4_000) {
    this.samples = new Bounded(capacity);
    this.held = new Bounded(capacity);
  }

  /** A short stand-in for a text in keys: equal texts get equal ids while both are remembered. */
  textId(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      // Ids are never reused, so forgetting texts can only turn a later lookup into a miss.
      if (this.ids.size >= 4 * this.capacity) this.ids.clear();
      id = this.next++;
      this.ids.set(text, id);
    }
    return id;
  }
}
