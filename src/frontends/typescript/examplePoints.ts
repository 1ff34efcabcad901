// Calls in documentation examples are points, as calls in the file are (simple-statistics's
//
//   /**
//    * @example
//    * quantile([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.5); // => 9
//    */
//
// and a fenced ```js block in a doc comment): a function whose arguments GradLens cannot guess (an
// integer count, a string, a shape) gets the author's own. The examples are read from a copy of the
// text with everything but their code blanked — the same length, the same line breaks — so the
// calls lie at their own places in the comment, as parserText.ts's rewrites keep them.
import type { IrPoint } from '../../ir/nodes';
import { parseDocument } from './parse';
import { findCallSites } from './points';

const DOC_BLOCK = /\/\*\*[\s\S]*?\*\//g;
/** An example that shows a failure (`// throws`, `// Error: …`) is no point to differentiate at. */
const SHOWS_FAILURE = /\b(?:throws?|error)\b/i;

/** The points the examples of the file's doc comments give the functions `names` (their calls with literal arguments). */
export function examplePoints(text: string, names: ReadonlySet<string>, constructors: ReadonlyMap<string, readonly string[]>): IrPoint[] {
  if (!text.includes('@example') && !text.includes('```')) return [];
  const code = exampleCode(text);
  if (code === undefined) return [];
  return findCallSites(parseDocument(code).statements, names, constructors);
}

/** The text with only the examples' code kept (their `*` margins blanked), or undefined when it has none. */
export function exampleCode(text: string): string | undefined {
  const out = text.replace(/[^\n]/g, ' ').split('');
  let found = false;
  for (const block of text.matchAll(DOC_BLOCK)) {
    let at = block.index! + 3;
    let inExample = false;
    let fenced = false;
    for (const line of block[0].slice(3, -2).split('\n')) {
      const margin = /^\s*\*?\s?/.exec(line)![0].length;
      const body = line.slice(margin);
      const trimmed = body.trim();
      if (trimmed.startsWith('```')) {
        fenced = !fenced && /^```(?:js|javascript|ts|typescript|)\s*$/.test(trimmed);
        inExample = false;
      } else if (trimmed.startsWith('@')) {
        inExample = trimmed.startsWith('@example');
        fenced = false;
        // `@example f(1, 2) // → 3`: the code may follow the tag on its line.
        const rest = trimmed.slice(8);
        if (inExample && rest.trim() !== '' && !SHOWS_FAILURE.test(rest)) {
          keep(out, text, at + margin + body.indexOf('@example') + 8, at + line.length);
          found = true;
        }
      } else if ((inExample || fenced) && !SHOWS_FAILURE.test(trimmed)) {
        keep(out, text, at + margin, at + line.length);
        found ||= trimmed !== '';
      }
      at += line.length + 1;
    }
  }
  return found ? out.join('') : undefined;
}

function keep(out: string[], text: string, from: number, to: number): void {
  for (let i = from; i < to; i++) out[i] = text[i]!;
}
