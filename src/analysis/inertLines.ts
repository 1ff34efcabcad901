import type { SourceRange } from '../core/sourceRange';
import type { IrModule } from '../ir/nodes';

/**
 * Module lines no analysis reads: a word alone at the start of a line (`d`, `de`, then `def` or
 * `function` — a definition being typed above another), or a blank line (JavaScript's too), right
 * before a definition. The caches key
 * the module-level text without them (dependencies.ts `moduleKey`), so that typing a new function's
 * name above an old one recomputes nothing until a function of that name exists.
 *
 * Read from the text, so every condition is on the side of keeping a line:
 * - a name alone is a statement of its own that binds nothing and that the front ends lower to no IR
 *   (a line any IR node's range covers is kept: a part of a constant, of a class, of an import);
 * - no other keyword than the definition one: `else`, `if`, `export` may join what follows, and `def`
 *   or `function` alone is a syntax error the front ends skip;
 * - the next line that is not blank is a definition's first line (so no string or comment is open
 *   across it, and nothing after it reads on from it), and the line before it does not run on
 *   (`runsOn`: a name inside an import or an expression, the body of an `if`).
 */
/** `definitionStarts`: the first lines of the module's top-level functions (column 0). */
export function inertLines(text: string, module: IrModule, definitionStarts: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  const lines = text.split('\n');
  const python = module.language === 'python';
  let covered: Set<number> | undefined;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    if (!WORD.test(line)) continue;
    const word = line.trimEnd();
    if ((python ? PYTHON_KEYWORDS : SCRIPT_KEYWORDS).has(word) && word !== (python ? 'def' : 'function')) continue;
    let next = l + 1;
    while (next < lines.length && lines[next]!.trim() === '') next++;
    if (!definitionStarts.has(next)) continue;
    let before = l - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    if (before >= 0 && runsOn(lines[before]!.trimEnd(), python)) continue;
    covered ??= irLines(module);
    if (!covered.has(l)) out.add(l);
  }
  return out;
}

/** One word at the start of a line, nothing else; or nothing at all. */
const WORD = /^(?:[A-Za-z_$][\w$]*)?\s*$/;

/**
 * Whether a line may run on into the next: in Python a backslash, an open bracket, a comma, an
 * operator, a block's colon, or a decorator; in JavaScript anything but a statement's end (`;`, `}`):
 * `if (c)`, `else` take the next line as their body.
 */
function runsOn(line: string, python: boolean): boolean {
  return python ? /[\\([{,=+\-*/%&|^<>.:!?~]$/.test(line) || line.trimStart().startsWith('@') : !/[;}]$/.test(line);
}

const PYTHON_KEYWORDS = new Set('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type'.split(' '));

const SCRIPT_KEYWORDS = new Set(
  'abstract any as async await boolean break case catch class const constructor continue debugger declare default delete do else enum export extends false finally for from function get if implements import in infer instanceof interface is keyof let module namespace never new null number object of package private protected public readonly require return set static string super switch symbol this throw true try type typeof undefined unique unknown var void while with yield'.split(' '),
);

/** The lines any node of the module-level IR covers (constants, imports, classes, bound functions): by the ranges its nodes carry. */
function irLines(module: IrModule): Set<number> {
  const out = new Set<number>();
  const cover = (r: SourceRange): void => {
    for (let l = Math.max(r.start.line, 0); l <= r.end.line; l++) out.add(l);
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node !== null && typeof node === 'object') {
      const r = node as Partial<SourceRange>;
      if (typeof r.start?.line === 'number' && typeof r.end?.line === 'number') cover(r as SourceRange);
      else for (const v of Object.values(node)) walk(v);
    }
  };
  walk(module.globals);
  walk(module.imports ?? []);
  walk(module.boundFunctions ?? []);
  for (const c of module.classes ?? []) cover(c.range);
  return out;
}
