// Calls in documentation examples are points, as calls in the file are (simple-statistics's
//
//   /**
//    * @example
//    * quantile([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.5); // => 9
//    */
//
// and a fenced ```js block in a doc comment): a function whose arguments GradLens cannot guess (an
// integer count, a string, a shape) gets the author's own. Each doc comment holding examples is read
// as a copy of itself with everything but their code blanked — the same length, the same line breaks
// — parsed at its own offset, so the calls lie at their own places in the comment.
import type { LineMap } from '../../core/sourceRange';
import type { IrPoint } from '../../ir/nodes';
import { parseRewrittenRegion } from './parse';
import { findCallSites } from './points';

const DOC_BLOCK = /\/\*\*[\s\S]*?\*\//g;
/** An example that shows a failure (`// throws`, `// Error: …`) is no point to differentiate at. */
const SHOWS_FAILURE = /\b(?:throws?|error)\b/i;

/** The points the examples of the file's doc comments give the functions `names` (their calls with literal arguments). */
export function examplePoints(text: string, lines: LineMap, names: ReadonlySet<string>, constructors: ReadonlyMap<string, readonly string[]>): IrPoint[] {
  if (!text.includes('@example') && !text.includes('```')) return [];
  return exampleBlocks(text).flatMap((b) => findCallSites(parseRewrittenRegion(text, lines, b.from, b.code), names, constructors));
}

/** Each doc comment with examples: where it starts, and its text with only the examples' code kept (`*` margins blanked). */
export function exampleBlocks(text: string): { from: number; code: string }[] {
  const out: { from: number; code: string }[] = [];
  for (const block of text.matchAll(DOC_BLOCK)) {
    if (!block[0].includes('@example') && !block[0].includes('```')) continue;
    let inExample = false;
    let fenced = false;
    let found = false;
    const code = block[0].split('\n').map((line, k, all) => {
      // The block's own `/**` and `*/` are no code: a line's text is read between them.
      const start = k === 0 ? 3 : 0;
      const end = k === all.length - 1 ? line.length - 2 : line.length;
      const inner = line.slice(start, end);
      const margin = /^\s*\*?\s?/.exec(inner)![0].length;
      const trimmed = inner.slice(margin).trim();
      let kept = '';
      if (trimmed.startsWith('```')) {
        fenced = !fenced && /^```(?:js|javascript|ts|typescript|)\s*$/.test(trimmed);
        inExample = false;
      } else if (trimmed.startsWith('@')) {
        inExample = trimmed.startsWith('@example');
        fenced = false;
        // `@example f(1, 2) // → 3`: the code may follow the tag on its line.
        const tag = inner.indexOf('@example');
        if (inExample && trimmed.slice(8).trim() !== '' && !SHOWS_FAILURE.test(trimmed)) kept = ' '.repeat(start + tag + 8) + inner.slice(tag + 8);
      } else if ((inExample || fenced) && trimmed !== '' && !SHOWS_FAILURE.test(trimmed)) kept = ' '.repeat(start + margin) + inner.slice(margin);
      found ||= kept !== '';
      return kept + ' '.repeat(line.length - kept.length);
    });
    if (found) out.push({ from: block.index!, code: code.join('\n') });
  }
  return out;
}
