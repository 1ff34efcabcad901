import type { SourceRange } from '../core/sourceRange';
import { movedRanges } from '../core/movedRanges';

/**
 * Where a document version's functions and module lines are, so that a report cached for an earlier
 * version can be moved to this one (documentReport.ts): its cache key holds the text of the
 * functions it depends on and the module-level text without positions (analysis/dependencies.ts),
 * so lines added above a function leave the key the same, and the report's ranges are moved here.
 *
 * A line of the earlier version moves when what holds it is unchanged: a function whose text is the
 * same (the line keeps its offset in it), or a module line when the module lines' text is the same
 * (`moduleId`: the k-th module line it holds is the k-th here; a blank line it leaves out is none).
 * A line in a function that changed, or gone, or a module line when the module lines changed (the
 * key leaves out some: a definition's name being typed above another), does not move, and the
 * report is computed again.
 */
export class DocumentLayout {
  /** For each line, the index of the function whose range holds it (the first), or -1 for a module line. */
  private readonly owner: Int32Array;
  private readonly names: string[] = [];
  private readonly starts: number[] = [];
  private readonly ids: number[] = [];
  private readonly index = new Map<string, number>();
  /** The lines outside every function, in order. */
  private readonly moduleLines: number[] = [];
  /** For each line, its place among `moduleLines`, or -1. */
  private readonly moduleIndex: Int32Array;
  private readonly maps = new WeakMap<DocumentLayout, (line: number) => number | undefined>();

  /**
   * `functions`: every definition, each under its own key (a name defined twice: the last; dependencies.ts), with
   * the id of its text (equal texts, equal ids); `ignored`: module lines the module-level text leaves
   * out (analysis/dependencies.ts `ignoredLines`), which are not module lines here: nothing on one
   * moves; `moduleId`: the id of the module lines' text (dependencies.ts `moduleText`), none when unknown.
   */
  constructor(lineCount: number, functions: readonly { readonly name: string; readonly range: SourceRange; readonly textId: number }[], ignored: ReadonlySet<number> = new Set(), private readonly moduleId?: number) {
    this.owner = new Int32Array(lineCount).fill(-1);
    for (const f of functions) {
      if (this.index.has(f.name) || f.range.start.line < 0) continue;
      const i = this.names.length;
      this.index.set(f.name, i);
      this.names.push(f.name);
      this.starts.push(f.range.start.line);
      this.ids.push(f.textId);
      for (let l = f.range.start.line; l <= f.range.end.line && l < lineCount; l++) if (this.owner[l] === -1) this.owner[l] = i;
    }
    this.moduleIndex = new Int32Array(lineCount).fill(-1);
    for (let l = 0; l < lineCount; l++) {
      if (this.owner[l] !== -1 || ignored.has(l)) continue;
      this.moduleIndex[l] = this.moduleLines.length;
      this.moduleLines.push(l);
    }
  }

  /** The lines of each definition, and the line count: equal, and every line is where it was (an edit within lines). */
  private signature?: string;

  sameLines(earlier: DocumentLayout): boolean {
    if (earlier === this) return true;
    this.signature ??= `${this.owner.length}\u0000${this.names.map((n, i) => `${n}@${this.starts[i]}`).join('\u0000')}\u0000${this.moduleLines.join(',')}`;
    earlier.signature ??= `${earlier.owner.length}\u0000${earlier.names.map((n, i) => `${n}@${earlier.starts[i]}`).join('\u0000')}\u0000${earlier.moduleLines.join(',')}`;
    return this.signature === earlier.signature;
  }

  /** Where a line of `earlier` is in this version, if it moved unchanged; lines below zero (a notebook's cells above, imported files) stay. */
  lineFrom(earlier: DocumentLayout): (line: number) => number | undefined {
    if (this.sameLines(earlier)) return (line) => line;
    let map = this.maps.get(earlier);
    if (!map) {
      map = (line) => {
        if (line < 0) return line;
        if (line >= earlier.owner.length) return undefined;
        const o = earlier.owner[line]!;
        // The key holds the module lines any analysis reads, not every one (dependencies.ts `moduleKey`): the lines themselves must match.
        if (o === -1) return this.moduleId !== undefined && this.moduleId === earlier.moduleId ? this.moduleLines[earlier.moduleIndex[line]!] : undefined;
        const here = this.index.get(earlier.names[o]!);
        if (here === undefined || this.ids[here] !== earlier.ids[o]) return undefined;
        return this.starts[here]! + (line - earlier.starts[o]!);
      };
      this.maps.set(earlier, map);
    }
    return map;
  }
}

/** A line number written in a text (`(line 12)`, `stops at line 12`): a text that says one cannot be moved. */
const SAYS_A_LINE = /\bline \d/;

/**
 * `value` with every source range's lines moved by `line`; undefined when one cannot be moved, or
 * when a text in it names a line. Anything else is shared with `value`, which is not changed.
 */
export function moved<T>(value: T, line: (line: number) => number | undefined): T | undefined {
  return movedRanges(value, line, SAYS_A_LINE);
}
