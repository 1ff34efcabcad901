import { movedRanges } from '../../core/movedRanges';
import { loweringFailures } from '../shared/boundedParse';

/**
 * The IR of top-level definitions lowered lately, so that an edit re-lowers only the definitions
 * it changed. A definition's IR is a function of what its lowering reads: its text as lowering
 * reads it and as the parser read it (the pre-parse step's rewrites), its column, and what the
 * module's names its text spells are (imports, user names: lowering looks a name up only as the text
 * spells it) with the facts of the classes it names — the key holds all of them, so any difference
 * is a miss and a fresh lowering, and a function added or removed re-lowers only what names it. What differs between two places of the
 * same text is only its lines: a kept IR whose definition moved is given back with every range's
 * lines moved by as many, unless a text in it names a position (a `for … else` label), which is
 * lowered again.
 *
 * A lowering that failed somewhere (`loweringFailure`: out of stack, a bug) is not kept.
 *
 * Kept IR is shared between the modules of several versions, as lowering's own results are shared
 * within one: nothing downstream changes IR.
 */
export class ReusedLowering {
  private readonly kept = new Map<string, { readonly line: number; readonly value: unknown }>();
  /** Definitions lowered and reused: for tests. */
  readonly counts = { lowered: 0, reused: 0 };

  /** Module contexts (a key's long part) by a number, never given to another context: keys stay short. */
  private readonly contexts = new Map<string, number>();
  private nextContext = 0;

  constructor(private readonly capacity = 2_000) {}

  /** A number for `context`, the same while it is remembered; a forgotten context's number is never given again. */
  contextId(context: string): number {
    let id = this.contexts.get(context);
    if (id === undefined) {
      if (this.contexts.size >= 4_096) this.contexts.clear();
      this.contexts.set(context, (id = this.nextContext++));
    }
    return id;
  }

  /** Words by text: most definitions' texts are the same from one version to the next. */
  private readonly words = new Map<string, readonly string[]>();

  /**
   * The distinct words of a text, in order: the names it may spell (any non-ASCII character counted
   * as part of a name, to be safe: a word too many only makes a key longer).
   */
  wordsOf(text: string): readonly string[] {
    let words = this.words.get(text);
    if (!words) {
      words = [...new Set(text.match(WORD) ?? [])];
      if (this.words.size >= this.capacity) this.words.delete(this.words.keys().next().value!);
      this.words.set(text, words);
    }
    return words;
  }

  /** Forgets every definition kept; gives the counts so far, and zeroes them. */
  clear(): { lowered: number; reused: number } {
    this.kept.clear();
    this.words.clear();
    const counts = { ...this.counts };
    this.counts.lowered = 0;
    this.counts.reused = 0;
    return counts;
  }

  /** `lower()`'s value for `key` at `line`, from a definition kept at another line if there is one; `key` undefined: not kept. */
  lowered<T>(key: string | undefined, line: number, lower: () => T): T {
    const hit = key === undefined ? undefined : this.kept.get(key);
    if (hit) {
      const value = hit.line === line ? hit.value : movedLines(hit.value, line - hit.line);
      if (value !== undefined) {
        this.counts.reused++;
        return value as T;
      }
    }
    const failures = loweringFailures();
    const value = lower();
    this.counts.lowered++;
    if (key !== undefined && loweringFailures() === failures) {
      this.kept.delete(key);
      this.kept.set(key, { line, value });
      if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
    }
    return value;
  }
}

const WORD = /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g;

/** A text holding a position (`for-else@12:5`, `line 12`): an IR holding one is not moved. */
const NAMES_A_POSITION = /@\d|\bline \d/;

/** `value` (plain data) with every source range `delta` lines down; undefined when a text in it names a position. */
export function movedLines<T>(value: T, delta: number): T | undefined {
  return movedRanges(value, (line) => line + delta, NAMES_A_POSITION, true);
}
