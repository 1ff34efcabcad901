import { TreeFragment, type Tree } from '@lezer/common';

/**
 * Trees of the last few whole-text parses, so that the next version of a text (an edit in the
 * editor) is parsed incrementally: lezer reuses the nodes of the old tree outside the changed range
 * (`TreeFragment.applyChanges`) and reads only around the change. What is kept and compared is the
 * text lezer read (after the pre-parse step, parserText.ts), never the source: its fragments are
 * offsets in that text.
 *
 * An incremental parse gives the tree a fresh parse gives (lezer's contract; the front ends' tests
 * compare the two over edits). What it cannot see is how deep the parse stack would have grown
 * inside a reused node (boundedParse.ts stops a parse there): so each kept tree carries a bound on
 * that depth (the deepest stack of a fresh parse; of an incremental one, its deepest plus the old
 * tree's bound), and boundedParse.ts parses afresh when the deepest stack of an incremental parse
 * plus the old tree's bound could reach the limit. Trees holding an error are neither kept nor
 * taken from an incremental parse: error recovery may read a changed input differently.
 */
export class ReusedParses {
  /** `depth`: a bound on the parse stack's depth anywhere in its text, had it been parsed afresh. */
  private readonly kept: { readonly text: string; readonly tree: Tree; readonly depth: number }[] = [];

  /** Parses read incrementally and afresh (boundedParse.ts counts them): for tests. */
  readonly counts = { incremental: 0, fresh: 0 };

  constructor(private readonly capacity = 8) {}

  /** Fragments of the kept tree whose text shares the most with `text` (its start and end); none when no kept text shares half of it. */
  fragmentsFor(text: string): { readonly fragments: readonly TreeFragment[]; readonly depth: number } | undefined {
    let best: { tree: Tree; depth: number; from: number; toOld: number; toNew: number; shared: number } | undefined;
    for (const k of this.kept) {
      const { prefix, suffix } = commonEnds(k.text, text);
      if (prefix + suffix >= text.length / 2 && (!best || prefix + suffix > best.shared)) best = { tree: k.tree, depth: k.depth, from: prefix, toOld: k.text.length - suffix, toNew: text.length - suffix, shared: prefix + suffix };
    }
    if (!best) return undefined;
    const fragments = TreeFragment.applyChanges(TreeFragment.addTree(best.tree), [{ fromA: best.from, toA: best.toOld, fromB: best.from, toB: best.toNew }]);
    return { fragments, depth: best.depth };
  }

  clear(): void {
    this.kept.length = 0;
  }

  /** Keeps `tree`, the parse of `text` (`depth`: the bound above), as the newest; the oldest goes past the capacity. */
  keep(text: string, tree: Tree, depth: number): void {
    const at = this.kept.findIndex((k) => k.text === text);
    if (at >= 0) this.kept.splice(at, 1);
    this.kept.push({ text, tree, depth });
    if (this.kept.length > this.capacity) this.kept.shift();
  }
}

/** Lengths of the longest common prefix and suffix of `a` and `b`, not overlapping in either. */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const most = Math.min(a.length, b.length);
  // Whole chunks compared as strings first (the engine's own comparison, far faster than a loop
  // over characters for a 2,000-line text), then character by character within the chunk that differs.
  let prefix = 0;
  while (prefix + CHUNK <= most && a.slice(prefix, prefix + CHUNK) === b.slice(prefix, prefix + CHUNK)) prefix += CHUNK;
  while (prefix < most && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix + CHUNK <= most - prefix && a.slice(a.length - suffix - CHUNK, a.length - suffix) === b.slice(b.length - suffix - CHUNK, b.length - suffix)) suffix += CHUNK;
  while (suffix < most - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

const CHUNK = 512;
