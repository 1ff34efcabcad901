import { diagnostic, fail, type Diagnostic } from '../core/diagnostic';
import type { IrModule, IrModuleImport, Language } from '../ir/nodes';
import type { Frame } from '../engine/interpreter/compiled';
import type { Value } from '../engine/interpreter/values';
import { CompiledModule } from '../engine/module';
import type { SourceRange } from '../core/sourceRange';
import { lowerDocument } from './languages';
import { shiftLines } from './prelude';

/**
 * Helpers from other files of the workspace (`from .losses import mse`, `from mypkg.utils import
 * helper`), language-neutral: the front end lists the imports it cannot resolve itself
 * (`IrModule.imports`); here each is resolved to candidate files (per language), whose text is
 * asked of a `ModuleSourceProvider` — the editor reads through VS Code's workspace file system, the
 * CLI from disk relative to FILE. A found file is lowered and compiled as a module of its own,
 * sharing the importer's site table, and the imported names are bound to its values. The
 * TypeScript front end reuses this with its own candidates (`./g` → `g.ts`, `g.js`, `g/index.ts`).
 *
 * An imported file's ranges are moved far below zero (as a notebook prelude's are, further), so an
 * error inside it is recognised and reported at the importing function, naming the file and line.
 */
export interface ModuleSourceProvider {
  /** The text of the file at `path` (a path or URI with `/` separators), or undefined if there is none. */
  read(path: string): string | undefined;
}

/** Larger files are refused with a message instead of lowered (a generated module, a data dump). */
export const MAX_IMPORTED_BYTES = 512 * 1024;

/** Lines of the k-th imported file start at −(k + 1)·IMPORT_LINE_SPAN. */
const IMPORT_LINE_SPAN = 1 << 26;

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i) || '/';
}

function join(dir: string, rest: string): string {
  return dir === '.' ? rest : `${dir.replace(/\/$/, '')}/${rest}`;
}

/**
 * Python: `.losses` from `pkg/model.py` is `pkg/losses.py` or `pkg/losses/__init__.py` (each further
 * dot one folder up); `mypkg.utils` is looked for beside the importer and in the folders above it.
 */
export function pythonCandidates(importer: string, specifier: string): string[] {
  const dots = /^\.*/.exec(specifier)![0].length;
  const parts = specifier.slice(dots).split('.').filter((p) => p !== '');
  const files = (dir: string): string[] => {
    const base = parts.length ? join(dir, parts.join('/')) : dir;
    return parts.length ? [`${base}.py`, `${base}/__init__.py`] : [`${base}/__init__.py`];
  };
  let dir = dirname(importer);
  if (dots > 0) {
    for (let i = 1; i < dots; i++) dir = dirname(dir);
    return files(dir);
  }
  const out: string[] = [];
  for (let depth = 0; depth < 8; depth++) {
    out.push(...files(dir));
    const up = dirname(dir);
    if (up === dir || dir === '.' || dir === '/') break;
    dir = up;
  }
  return out;
}

/**
 * TypeScript/JavaScript: `./g` from `src/a.ts` is `src/g` with its extension as written, else
 * `.ts .tsx .js .mjs .cjs`, else `src/g/index.ts` or `index.js`. Only relative specifiers name workspace
 * files; a package (`lodash`, `@scope/x`) is never looked for (node_modules is not read).
 */
export function typescriptCandidates(importer: string, specifier: string): string[] {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return [];
  let dir = dirname(importer);
  const parts = specifier.split('/');
  const rest: string[] = [];
  for (const p of parts) {
    if (p === '.') continue;
    if (p === '..') dir = dirname(dir);
    else rest.push(p);
  }
  const base = join(dir, rest.join('/'));
  const written = /\.(ts|tsx|js|mjs|cjs)$/.test(base) ? [base] : [];
  const stem = base.replace(/\.(js|mjs|cjs)$/, '');
  return [...written, ...['.ts', '.tsx', '.js', '.mjs', '.cjs'].map((e) => stem + e), ...['index.ts', 'index.js'].map((i) => `${base}/${i}`)].filter((c, i, all) => all.indexOf(c) === i);
}

export interface LinkedModule {
  readonly compiled: CompiledModule;
  /** Problems with the imports themselves (a cycle, a file too large), at the import. */
  readonly diagnostics: readonly Diagnostic[];
  /** The importing text's imports that were found: their front-end diagnostics no longer apply. */
  readonly resolved: readonly SourceRange[];
  /** Maps an error raised inside an imported file to the importing function. */
  readonly relocate: (d: Diagnostic, at: SourceRange) => Diagnostic;
}

interface Loaded {
  readonly path: string;
  readonly module: IrModule;
  readonly offset: number;
}

/**
 * Compiles `module` with its workspace imports bound. `stack`: the files being imported above it
 * (a cycle is an error). Without a provider, or for a module no candidate file holds, the names are
 * bound to a refusal raised only when an evaluation reaches them.
 */
export function linkModule(module: IrModule, language: Language, provider: ModuleSourceProvider | undefined): LinkedModule {
  const sites: SourceRange[] = [];
  const loaded: Loaded[] = [];
  const diagnostics: Diagnostic[] = [];
  const resolved: SourceRange[] = [];
  const compileWithImports = (m: IrModule, path: string, stack: readonly string[]): CompiledModule => {
    const externals = new Map<string, (f: Frame) => Value>();
    for (const imp of m.imports ?? []) bindImport(imp, path, stack, externals);
    return new CompiledModule(m, { sites, externals });
  };
  const bindImport = (imp: IrModuleImport, importer: string, stack: readonly string[], externals: Map<string, (f: Frame) => Value>): void => {
    const refuse = (message: string) => (): Value => fail('unsupported', message, imp.range);
    const candidates = !provider ? [] : language === 'python' ? pythonCandidates(importer, imp.specifier) : language === 'typescript' ? typescriptCandidates(importer, imp.specifier) : [];
    let found: { path: string; text: string } | undefined;
    for (const c of candidates) {
      const text = provider!.read(c);
      if (text !== undefined) {
        found = { path: c, text };
        break;
      }
    }
    const bindAll = (make: (name: string) => (f: Frame) => Value): void => imp.names.forEach((n) => externals.set(n.local, make(n.imported)));
    if (!found) return bindAll(() => refuse(`the module ${imp.specifier} is neither a library GradLens knows nor a file it found in the workspace`));
    if (stack.length === 1) resolved.push(imp.range);
    const problem = (message: string): void => {
      if (stack.length === 1) diagnostics.push(diagnostic('error', 'unsupported', message, imp.range));
      bindAll(() => refuse(message));
    };
    if (found.text.length > MAX_IMPORTED_BYTES) return problem(`${found.path} is larger than ${MAX_IMPORTED_BYTES / 1024} KiB: GradLens does not read it`);
    if (stack.includes(found.path)) return problem(`importing ${imp.specifier} is a cycle: ${[...stack, found.path].join(' → ')}`);
    const offset = -(loaded.length + 1) * IMPORT_LINE_SPAN;
    const lowered = shiftLines(lowerDocument(found.text, found.path, language), offset);
    loaded.push({ path: found.path, module: lowered, offset });
    const other = compileWithImports(lowered, found.path, [...stack, found.path]);
    bindAll((name) => {
      const exported = other.exported(name);
      return exported ?? refuse(`${found.path} defines no ${name} that GradLens can read`);
    });
  };
  const relocate = (d: Diagnostic, at: SourceRange): Diagnostic => {
    if (d.range.start.line > -IMPORT_LINE_SPAN) return d;
    const file = loaded.find((l) => d.range.start.line >= l.offset && d.range.start.line < l.offset + IMPORT_LINE_SPAN);
    if (!file) return d;
    return { ...d, message: `${d.message} (in ${file.path}, line ${d.range.start.line - file.offset + 1})`, range: at };
  };
  const compiled = compileWithImports(module, module.uri, [module.uri]);
  return { compiled, diagnostics, resolved, relocate };
}
