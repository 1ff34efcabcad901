import { nameTable } from '../core/keyed';
import type { IrModule, Language } from '../ir/nodes';
import { lowerMath } from '../frontends/math';
import { lowerPython } from '../frontends/python';
import { unifyNfkcNames } from '../frontends/python/nfkcNames';
import { deepIndentRegions } from '../frontends/python/indentLimit';
import { lowerTypeScript } from '../frontends/typescript';
import { maskDeepNesting, maskLineFrom, maskRegions, relabelDeepNesting, type BracketSyntax, type MaskedText } from '../frontends/shared/nesting';
import { TooDeepForParser } from '../frontends/shared/boundedParse';
import { LineMap } from '../core/sourceRange';
import { diagnostic } from '../core/diagnostic';

const EXTENSIONS: Readonly<Record<string, Language>> = nameTable({
  '.py': 'python',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.js': 'typescript',
  '.mjs': 'typescript',
  '.cjs': 'typescript',
  '.md': 'math',
  '.txt': 'math',
  '.math': 'math',
});

export function languageForPath(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[path.slice(dot).toLowerCase()];
}

/** Source text to IR through the language's front end. */
/** `above`: a notebook cell's prelude (prelude.ts); only Python reads it (for the modules it imports). */
export function lowerDocument(original: string, uri: string, language: Language, above?: string): IrModule {
  const text = plainText(original);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return binaryModule(text, uri, language, nul);
  if (language === 'math') return lowerMath(text, uri);
  const syntax = BRACKETS[language];
  // Python's names are one name when their NFKC forms agree (nfkcNames.ts): spelled one way here, same length.
  const names = language === 'python' ? unifyNfkcNames(text) : { text, refused: [] };
  const source = names.text;
  // Blocks nested past CPython's 100 levels are refused at their first line (indentLimit.ts).
  const refused = language === 'python' ? [...names.refused, ...deepIndentRegions(source)] : names.refused;
  let masked: MaskedText = maskRegions(maskDeepNesting(source, syntax), source, refused, syntax);
  for (let attempt = 0; ; attempt++) {
    try {
      const module = language === 'python' ? lowerPython(masked.text, uri, above, masked.sums) : lowerTypeScript(masked.text, uri, masked.sums);
      return relabelDeepNesting(module, masked, new LineMap(text));
    } catch (e) {
      // The parser stopped where an expression grew too deep for it (boundedParse.ts): that line is
      // blanked and the text lowered again, so only the function holding it is refused.
      if (!(e instanceof TooDeepForParser)) throw e;
      if (attempt >= MAX_REPARSES) return refusedModule(text, uri, language, e.offset, `${e.message} (and so are ${MAX_REPARSES} other lines of this file: GradLens reads nothing in it)`);
      masked = maskLineFrom(masked, source, e.offset, e.message, syntax);
    }
  }
}

/** Lines blanked for being too deep before the file is given up on (each costs one more parse). */
const MAX_REPARSES = 16;

/**
 * The text the front ends read, the same length as the original so every offset still holds: a
 * byte-order mark (which CPython and editors skip) becomes a space, and a lone CR (an old Mac line
 * ending, a line break to Python and VS Code) becomes a LF, the one line break the parsers know.
 */
export function plainText(text: string): string {
  const bomless = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  return bomless.includes('\r') ? bomless.replace(/\r(?!\n)/g, '\n') : bomless;
}

/** What the nesting scan skips in each lezer-parsed language, and a character its parser rejects. */
const BRACKETS = {
  python: { lineComment: '#', quotes: `'"`, filler: '?', tripleQuotes: true },
  typescript: { lineComment: '//', blockComment: ['/*', '*/'], quotes: `'"\``, filler: '#', bracesAreBlocks: true, unicodeSpaces: true },
} as const satisfies Record<'python' | 'typescript', BracketSyntax>;

/**
 * A file holding NUL characters is not source text (CPython refuses it: "source code string cannot
 * contain null bytes"); a parser's error recovery over it would take seconds and report noise.
 */
function binaryModule(text: string, uri: string, language: Language, at: number): IrModule {
  return refusedModule(text, uri, language, at, 'this file holds NUL characters, so it is not source text (a binary file?): GradLens reads nothing in it');
}

function refusedModule(text: string, uri: string, language: Language, at: number, message: string): IrModule {
  const where = new LineMap(text).range(at, at + 1);
  return { language, uri, functions: [], globals: [], points: [], diagnostics: [diagnostic('error', 'syntax', message, where)] };
}
