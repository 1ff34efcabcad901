import { diagnostic, UnavailableNameError, type Diagnostic } from '../core/diagnostic';
import type { IrFunction, IrModule, IrModuleImport, Language } from '../ir/nodes';
import type { Frame } from '../engine/interpreter/compiled';
import { ModuleValue, type ClassValue, type Value } from '../engine/interpreter/values';
import { CompiledModule } from '../engine/module';
import type { SourceRange } from '../core/sourceRange';
import { lowerDocument } from './languages';
import { shiftLines } from './prelude';
import { MAX_IMPORTED_BYTES } from '../core/budget';
import { librarySource } from '../frontends/python/librarySources';

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
  /**
   * The text of the file at `path` (a path or URI with `/` separators), undefined if there is none,
   * or only its size when it is over `MAX_IMPORTED_BYTES` (a provider need not read such a file).
   */
  read(path: string): string | TooLarge | undefined;
  /** The file lowered, if the provider keeps lowered modules (the editor's worker does, by file version). */
  lowered?(path: string, text: string, language: Language): IrModule | undefined;
}

/** A file over the size budget: only its size is known. */
export interface TooLarge {
  readonly bytes: number;
}

// The size limit lives in core/budget.ts so that the extension host can read it without this module's engine imports.
export { MAX_IMPORTED_BYTES } from '../core/budget';

/**
 * Lines of the k-th imported file (from 0) start at −(k + 2)·IMPORT_LINE_SPAN: the band just below
 * zero, [−IMPORT_LINE_SPAN, 0), is a notebook prelude's (and the first import's used to overlap it, so
 * an error in it was shown at a line far below zero).
 */
const IMPORT_LINE_SPAN = 1 << 26;

function dirname(path: string): string {
  // A URI's query and fragment are not part of its path (a notebook cell's fragment may hold a '/').
  if (/^[a-z][\w+.-]+:/i.test(path)) path = path.replace(/[?#].*$/s, '');
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i) || '/';
}

function join(dir: string, rest: string): string {
  return dir === '.' ? rest : `${dir.replace(/\/$/, '')}/${rest}`;
}

/**
 * Python: `.losses` from `pkg/model.py` is `pkg/losses/__init__.py` or `pkg/losses.py` (each further
 * dot one folder up); `mypkg.utils` is looked for beside the importer and in the folders above it.
 * In one folder the package comes before the module of the same name, as CPython's FileFinder
 * looks (a folder with `__init__.py` wins over `losses.py` beside it).
 */
export function pythonCandidates(importer: string, specifier: string): string[] {
  const dots = /^\.*/.exec(specifier)![0].length;
  const parts = specifier.slice(dots).split('.').filter((p) => p !== '');
  const files = (dir: string): string[] => {
    const base = parts.length ? join(dir, parts.join('/')) : dir;
    return parts.length ? [`${base}/__init__.py`, `${base}.py`] : [`${base}/__init__.py`];
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
  /**
   * For each function of the file and of the files it imports, the functions its names call: its
   * own module's and the ones it imports by name, `default` or `require` (what shape inference
   * follows across files; the engine binds the values themselves).
   */
  readonly scopes: ReadonlyMap<IrFunction, ReadonlyMap<string, IrFunction>>;
  /** The functions the file's own names call, its imports' among them (a file without functions has them too). */
  readonly moduleScope: ReadonlyMap<string, IrFunction>;
}

/** The function a module exports as `name`: one it defines, or a constant naming one (`module.exports = mean`, `export default mean`). */
function exportedFunction(module: IrModule, name: string): IrFunction | undefined {
  const own = module.functions.find((f) => f.name === name);
  if (own) return own;
  const alias = module.globals.find((g) => g.name === name);
  return alias?.kind === 'constant' && alias.value.kind === 'name' && alias.value.name !== name ? module.functions.find((f) => f.name === (alias.value as { name: string }).name) : undefined;
}

/** An imported module as a value (`import helpers as hp`): its exported names are its attributes. */
function moduleValue(name: string, module: CompiledModule): ModuleValue {
  return new ModuleValue(name, (attribute, f) => module.exported(attribute)?.(f));
}

/**
 * What `import pkg.mod` binds to `pkg`: a namespace whose `.mod` is the module (nested for more
 * dots); `import pkg.other` adds to the same namespace.
 */
class Namespace {
  readonly children = new Map<string, Namespace | ModuleValue>();
  readonly value: ModuleValue;
  constructor(name: string) {
    this.value = new ModuleValue(name, (attribute) => {
      const child = this.children.get(attribute);
      return child instanceof Namespace ? child.value : child;
    });
  }

  /** Puts `module` at `path` below this namespace (`['mod']` for `import pkg.mod`). */
  add(path: readonly string[], module: ModuleValue): void {
    if (path.length === 1) {
      this.children.set(path[0]!, module);
      return;
    }
    let child = this.children.get(path[0]!);
    if (!(child instanceof Namespace)) {
      child = new Namespace(path[0]!);
      this.children.set(path[0]!, child);
    }
    child.add(path.slice(1), module);
  }
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
  const scopes = new Map<IrFunction, Map<string, IrFunction>>();
  const irOf = new Map<CompiledModule, IrModule>();
  /** Each module's names that call functions (its own and those it imports), so a re-export passes its callee on. */
  const scopeOf = new Map<IrModule, Map<string, IrFunction>>();
  let moduleScope: ReadonlyMap<string, IrFunction> = new Map();
  const compileWithImports = (m: IrModule, path: string, stack: readonly string[]): CompiledModule => {
    const externals = new Map<string, (f: Frame) => Value>();
    const namespaces = new Map<string, Namespace>();
    const classes = new Map<string, ClassValue>();
    const scope = new Map(m.functions.map((f) => [f.name, f] as const));
    for (const imp of m.imports ?? []) bindImport(imp, path, stack, externals, namespaces, classes, scope);
    for (const f of m.functions) scopes.set(f, scope);
    scopeOf.set(m, scope);
    if (m === module) moduleScope = scope;
    const compiled = new CompiledModule(m, { sites, externals, classes });
    irOf.set(compiled, m);
    return compiled;
  };
  /** Modules already compiled, by path: imported twice (`import pkg.a`, `from pkg.a import f`), compiled once. */
  const compiledByPath = new Map<string, CompiledModule>();
  /** What the provider answered for each path asked (each asked once). */
  const reads = new Map<string, string | TooLarge | undefined>();
  /** The module a specifier names from `importer`: compiled, or why it is not (a refusal message and whether to say it at the import). */
  const resolve = (specifier: string, importer: string, stack: readonly string[]): { module: CompiledModule; path: string } | { problem: string; loud: boolean } => {
    const candidates = !provider ? [] : language === 'python' ? pythonCandidates(importer, specifier) : language === 'typescript' ? typescriptCandidates(importer, specifier) : [];
    // A library GradLens reads as Python of its own (autograd's flatten) before any file of the workspace.
    let found: { path: string; text: string | TooLarge } | undefined = language === 'python' ? librarySource(specifier) : undefined;
    for (const c of found ? [] : candidates) {
      if (!reads.has(c)) reads.set(c, provider!.read(c));
      const text = reads.get(c);
      if (text !== undefined) {
        found = { path: c, text };
        break;
      }
    }
    if (!found) return { problem: `the module ${specifier} is neither a library GradLens knows nor a file it found in the workspace`, loud: false };
    const size = typeof found.text === 'string' ? found.text.length : found.text.bytes;
    if (typeof found.text !== 'string' || size > MAX_IMPORTED_BYTES) return { problem: `${found.path} is larger than ${MAX_IMPORTED_BYTES / 1024} KiB: GradLens does not read it`, loud: true };
    if (stack.includes(found.path)) return { problem: `importing ${specifier} is a cycle: ${[...stack, found.path].join(' → ')}`, loud: true };
    const known = compiledByPath.get(found.path);
    if (known) return { module: known, path: found.path };
    const offset = -(loaded.length + 2) * IMPORT_LINE_SPAN;
    const lowered = shiftLines(provider?.lowered?.(found.path, found.text, language) ?? lowerDocument(found.text, found.path, language), offset);
    loaded.push({ path: found.path, module: lowered, offset });
    const other = compileWithImports(lowered, found.path, [...stack, found.path]);
    compiledByPath.set(found.path, other);
    return { module: other, path: found.path };
  };
  const bindImport = (
    imp: IrModuleImport,
    importer: string,
    stack: readonly string[],
    externals: Map<string, (f: Frame) => Value>,
    namespaces: Map<string, Namespace>,
    classes: Map<string, ClassValue>,
    scope: Map<string, IrFunction>,
  ): void => {
    const refuse = (message: string) => (): Value => {
      throw new UnavailableNameError(diagnostic('error', 'unsupported', message, imp.range));
    };
    const bindAll = (make: (name: string) => (f: Frame) => Value): void => {
      imp.names.forEach((n) => externals.set(n.local, make(n.imported)));
      if (imp.module) externals.set(imp.module.local, make(''));
    };
    const target = resolve(imp.specifier, importer, stack);
    if ('problem' in target) {
      if (target.loud && stack.length === 1) diagnostics.push(diagnostic('error', 'unsupported', target.problem, imp.range));
      if (target.loud && stack.length === 1) resolved.push(imp.range);
      return bindAll(() => refuse(target.problem));
    }
    if (stack.length === 1) resolved.push(imp.range);
    const other = target.module;
    const otherIr = irOf.get(other);
    const called = (local: string, name: string): void => {
      // A name the file only re-exports (chroma.js's `export { default as unpack } from './unpack.js'`) is its import's function.
      const fn = otherIr && (exportedFunction(otherIr, name) ?? scopeOf.get(otherIr)?.get(name));
      if (fn) scope.set(local, fn);
    };
    imp.names.forEach((n) => called(n.local, n.imported));
    if (imp.module && imp.commonjs) called(imp.module.local, 'default');
    if (imp.module) {
      const { local, attributes } = imp.module;
      const inner = moduleValue(imp.specifier, other);
      // Its classes can be base classes here by their dotted name (`class Trid(go_base.Benchmark)`).
      if (!imp.commonjs) bindClasses(classes, [local, ...attributes].join('.'), other);
      const assigned = imp.commonjs ? other.exported('default') : undefined;
      if (assigned) externals.set(local, assigned);
      else if (attributes.length === 0) externals.set(local, () => inner);
      else {
        // `import pkg.a` and `import pkg.b` both bind `pkg`: one namespace holding both.
        let namespace = namespaces.get(local);
        if (!namespace) {
          const made = new Namespace(local);
          namespaces.set(local, (namespace = made));
          externals.set(local, () => made.value);
        }
        namespace.add(attributes, inner);
      }
    }
    if (imp.star) {
      for (const name of other.exportedNames()) {
        if (name.startsWith('_') || externals.has(name)) continue;
        externals.set(name, other.exported(name)!);
        // Its functions are callees for shape reading too (`from common.functions import *` then
        // `softmax(x)`), unless the file defines its own of that name.
        if (!scope.has(name)) called(name, name);
      }
    }
    for (const n of imp.names) {
      const exported = other.exported(n.imported);
      if (exported) {
        externals.set(n.local, exported);
        // A class of that file can be a base class here (`class YaoLiu09(Benchmark)`).
        const cls = other.exportedClass(n.imported);
        if (cls) classes.set(n.local, cls);
        continue;
      }
      // `from . import helpers`: a submodule of the package, when the package defines no such name.
      const sub = language === 'python' ? resolve(`${imp.specifier}${imp.specifier.endsWith('.') ? '' : '.'}${n.imported}`, importer, stack) : undefined;
      if (sub && 'module' in sub) {
        const value = moduleValue(n.imported, sub.module);
        externals.set(n.local, () => value);
        bindClasses(classes, n.local, sub.module);
      } else if (target.path.startsWith('gradlens:')) {
        // A library GradLens reads in part (scipy.optimize's rosen): the rest is a library name it does not support.
        externals.set(n.local, refuse(`${n.imported} comes from module ${imp.specifier}, which GradLens does not support (of it, GradLens reads ${other.exportedNames().join(', ')})`));
      } else externals.set(n.local, refuse(`${target.path} defines no ${n.imported} that GradLens can read`));
    }
  };
  const relocate = (d: Diagnostic, at: SourceRange): Diagnostic => {
    if (d.range.start.line > -IMPORT_LINE_SPAN) return d;
    const file = loaded.find((l) => d.range.start.line >= l.offset && d.range.start.line < l.offset + IMPORT_LINE_SPAN);
    if (!file) return d;
    return { ...d, message: `${d.message} (in ${file.path}, line ${d.range.start.line - file.offset + 1})`, range: at };
  };
  const compiled = compileWithImports(module, module.uri, [module.uri]);
  return { compiled, diagnostics, resolved, relocate, scopes, moduleScope };
}

/** A module bound to `prefix` (`import go_base`, `from . import go_base as gb`): its classes as `prefix.Name`, for base-class lists. */
function bindClasses(classes: Map<string, ClassValue>, prefix: string, module: CompiledModule): void {
  for (const [name, cls] of module.classValues) classes.set(`${prefix}.${name}`, cls);
}
