import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import type { IntrinsicName } from '../../ir/intrinsics';
import { children, splitOnCommas, type SourceView } from './parse';
import { librarySource } from './librarySources';
import { BUILTIN_ALIASES, BUILTIN_INTRINSICS, IGNORED_MODULES, isSubmodule, isSupportedModule, resolveLibraryName, starNames } from './libraryNames';
import { UNDERSTOOD_LIBRARIES, unsupportedHint } from './scipyNames';
import { absoluteModule, isSklearnModule, sklearnHelper } from './sklearnNames';

/**
 * What one name of an import statement binds. The same reading serves module-level imports (which
 * become globals and aliases) and imports inside a function (which become local assignments).
 */
export type ImportItem =
  /** `import numpy as np`: `name` is an alias for a module GradLens resolves names in. */
  | { readonly kind: 'module'; readonly name: string; readonly path: string; readonly range: SourceRange }
  /** `from math import sin as s`. */
  | { readonly kind: 'intrinsic'; readonly name: string; readonly intrinsic: IntrinsicName; readonly raises?: boolean; readonly range: SourceRange }
  /** `from math import pi`. */
  | { readonly kind: 'constant'; readonly name: string; readonly value: number; readonly range: SourceRange }
  /**
   * `import os`, `from os import path, sep`, `from numpy import foo`, `from numpy import *`: one problem,
   * reported once, and the names it binds, so that their uses can say where they came from.
   */
  | {
      readonly kind: 'unsupported';
      readonly names: readonly string[];
      readonly construct: string;
      readonly message: string;
      /** For messages at the places that use the names: `module os`, `numpy.foo`. */
      readonly source: string;
      readonly range: SourceRange;
      /**
       * `from .losses import mse`, `from mypkg.utils import helper`: perhaps a file of the user's own.
       * The names are left unbound here; the analysis may resolve the module in the workspace.
       */
      readonly workspace?: WorkspaceImport;
    };

const KNOWN = `GradLens understands ${UNDERSTOOD_LIBRARIES}`;

/**
 * `packagePath`: the package the importing file lies in, when GradLens knows it (a file inside a
 * `sklearn` folder): its relative imports of scikit-learn's helpers resolve to the library's names.
 */
export function readImport(node: SyntaxNode, view: SourceView, packagePath?: string): ImportItem[] {
  const kids = children(node);
  const importAt = kids.findIndex((k) => k.name === 'import');
  if (kids[0]?.name === 'from') return readFromImport(kids, importAt, view, packagePath);
  const { groups } = splitOnCommas(kids.slice(importAt + 1));
  return groups.flatMap((group): ImportItem[] => {
    const asAt = group.findIndex((k) => k.name === 'as');
    const path = dotted(asAt < 0 ? group : group.slice(0, asAt), view);
    const alias = asAt < 0 ? undefined : group[asAt + 1];
    const range = view.span(group[0]!, group[group.length - 1]!);
    // `import numpy.linalg` binds `numpy`; `import numpy.linalg as la` binds `la` to the submodule.
    const name = alias ? view.textOf(alias) : path.split('.')[0]!;
    const boundPath = alias ? path : name;
    if (path === 'dataclasses') return [{ kind: 'module', name, path: boundPath, range }];
    if (IGNORED_MODULES.has(path)) return [];
    if (isSupportedModule(path)) return [{ kind: 'module', name, path: boundPath, range }];
    const message = `the module ${path} is not supported; ${KNOWN}`;
    if (!mayBeUserModule(path) && !librarySource(path)) return [unsupported([name], `import ${path}`, message, `module ${path}`, range)];
    // `import helpers as hp` binds `hp` to the module; `import pkg.mod` binds `pkg`, whose `.mod` is the module.
    const module = alias ? { local: name, attributes: [] } : { local: name, attributes: path.split('.').slice(1) };
    return [unsupported([], `import ${path}`, message, `module ${path}`, range, { specifier: path, names: [], module })];
  });
}

function readFromImport(kids: SyntaxNode[], importAt: number, view: SourceView, packagePath: string | undefined): ImportItem[] {
  const moduleNodes = kids.slice(1, importAt < 0 ? kids.length : importAt);
  const path = dotted(moduleNodes, view);
  const moduleRange = moduleNodes.length ? view.span(moduleNodes[0]!, moduleNodes[moduleNodes.length - 1]!) : view.range(kids[0]!);
  const names = kids.slice(importAt + 1).filter((k) => k.name !== '(' && k.name !== ')');
  // `from dataclasses import dataclass, field, replace`: replace is a call; the rest are read where a class is written.
  if (path === 'dataclasses') return boundNames(names, view).filter((b) => b.original === 'replace').map((b) => ({ kind: 'intrinsic', name: b.name, intrinsic: 'replace_fields', range: b.range }));
  if (IGNORED_MODULES.has(path)) return [];
  const bound = boundNames(names, view);
  if (BUILTIN_MODULES.has(path)) return bound.flatMap((b) => builtinImport(b.original, b.name, b.range));
  const workspace = { specifier: path, names: bound.map((b) => ({ imported: b.original, local: b.name })) };
  const star = names.length === 1 && names[0]!.name === '*';
  if (moduleNodes[0]?.name === '.' || moduleNodes[0]?.name === 'Ellipsis') {
    const what = `from ${path} import`;
    // Inside scikit-learn's own source, `from ..utils.extmath import safe_sparse_dot` is the library's
    // helper even when its file is in the workspace (its real code reaches sparse and array-API paths).
    const library = packagePath === undefined || star ? undefined : absoluteModule(packagePath, path);
    const helpers = library === undefined ? [] : bound.flatMap((b) => libraryItem(library, b));
    const rest = bound.filter((b) => !helpers.some((h) => h.range === b.range));
    if (helpers.length > 0 && rest.length === 0) return helpers;
    const own = { ...workspace, names: workspace.names.filter((n) => rest.some((b) => b.name === n.local)) };
    return [...helpers, unsupported(rest.map((b) => b.name), what, `the module ${path} is not a file GradLens found in the workspace`, what, moduleRange, star ? { ...own, star } : own)];
  }
  if (!isSupportedModule(path)) {
    const message = `the module ${path} is not supported; ${KNOWN}`;
    // A library's own submodule (`from scipy.optimize import minimize`) is no file of the user's.
    if (!mayBeUserModule(path) && !librarySource(path)) return [unsupported(bound.map((b) => b.name), `from ${path} import`, message, `module ${path}`, moduleRange)];
    return [unsupported(bound.map((b) => b.name), `from ${path} import`, message, `module ${path}`, moduleRange, star ? { ...workspace, star } : workspace)];
  }
  const starred = star ? starNames(path) : undefined;
  if (starred) {
    // `from math import *`: each name it binds, as `from math import sin, cos, …` would.
    const range = view.span(kids[0]!, names[0]!);
    return starred.flatMap((original) => libraryImport(path, original, original, range));
  }
  if (star) {
    return [
      unsupported(
        [],
        `from ${path} import *`,
        `wildcard imports are not supported; import the names you use (from ${path} import sin, cos) or import the module (import ${path})`,
        `from ${path} import *`,
        view.span(kids[0]!, names[0]!),
      ),
    ];
  }
  return bound.flatMap(({ original, name, range }) => libraryImport(path, original, name, range));
}

/** `from <path> import <original> as <name>` of a library module GradLens models. */
function libraryImport(path: string, original: string, name: string, range: SourceRange): ImportItem[] {
  const full = `${path}.${original}`;
  if (isSubmodule(full)) return [{ kind: 'module', name, path: full, range }];
  // `partial` is no function of the IR: its calls are lowered to the closure they make (lowerPartial.ts), found by this binding's path.
  if (full === 'functools.partial') return [{ kind: 'module', name, path: full, range }];
  const resolved = resolveLibraryName(full);
  if (resolved.kind === 'function') return [resolved.raises ? { kind: 'intrinsic', name, intrinsic: resolved.intrinsic, raises: true, range } : { kind: 'intrinsic', name, intrinsic: resolved.intrinsic, range }];
  if (resolved.kind === 'constant') return [{ kind: 'constant', name, value: resolved.value, range }];
  return [unsupported([name], full, `${full} is not supported by GradLens${unsupportedHint(full)}`, full, range)];
}

/** A name of a library module a relative import reached (scikit-learn's helpers), if GradLens models it. */
function libraryItem(module: string, b: { original: string; name: string; range: SourceRange }): ImportItem[] {
  const full = `${module}.${b.original}`;
  if (isSklearnModule(full)) return [{ kind: 'module', name: b.name, path: full, range: b.range }];
  const intrinsic = sklearnHelper(module, b.original);
  return intrinsic ? [{ kind: 'intrinsic', name: b.name, intrinsic, range: b.range }] : [];
}

/**
 * Modules that re-export Python's builtins, imported by code written for Python 2 and 3 alike
 * (CS231n's `from builtins import range`, `from past.builtins import xrange`): a name from them is
 * the builtin itself, and `xrange` is `range`.
 */
const BUILTIN_MODULES: ReadonlySet<string> = new Set(['builtins', '__builtin__', 'past.builtins', 'future.builtins', 'six.moves', 'six.moves.builtins']);
const PYTHON2_NAMES: Readonly<Record<string, string>> = { xrange: 'range', izip: 'zip', imap: 'map', ifilter: 'filter', raw_input: 'input', unicode: 'str', basestring: 'str' };

function builtinImport(original: string, name: string, range: SourceRange): ImportItem[] {
  const builtin = PYTHON2_NAMES[original] ?? original;
  const intrinsic = (BUILTIN_INTRINSICS as readonly string[]).includes(builtin) ? (builtin as IntrinsicName) : BUILTIN_ALIASES[builtin];
  if (intrinsic) return [{ kind: 'intrinsic', name, intrinsic, range }];
  // `from builtins import object`: the name is what it was without the import.
  if (builtin === name) return [];
  return [unsupported([name], `from builtins import ${original} as ${name}`, `${original} under another name is not supported by GradLens`, original, range)];
}

function boundNames(nodes: SyntaxNode[], view: SourceView): { original: string; name: string; range: SourceRange }[] {
  return splitOnCommas(nodes).groups.flatMap((group) => {
    const first = group[0]!;
    if (first.name !== 'VariableName') return [];
    const asAt = group.findIndex((k) => k.name === 'as');
    const alias = asAt < 0 ? undefined : group[asAt + 1];
    const original = view.textOf(first);
    return [{ original, name: alias ? view.textOf(alias) : original, range: view.span(first, group[group.length - 1]!) }];
  });
}

function dotted(nodes: SyntaxNode[], view: SourceView): string {
  return nodes.map((n) => view.textOf(n)).join('');
}

function unsupported(names: string[], construct: string, message: string, source: string, range: SourceRange, workspace?: WorkspaceImport): ImportItem {
  return { kind: 'unsupported', names, construct, message, source, range, ...(workspace ? { workspace } : {}) };
}

type WorkspaceImport = {
  readonly specifier: string;
  readonly names: readonly { imported: string; local: string }[];
  readonly module?: { readonly local: string; readonly attributes: readonly string[] };
  readonly star?: boolean;
};

/**
 * Modules that are never a file of the user's: libraries (their own submodules too) and the
 * standard library's modules people import beside math code. Their names stay refused where used
 * (`os.path.join` says it comes from module os), and no file is looked for.
 */
const NOT_USER_MODULES: ReadonlySet<string> = new Set([
  'numpy', 'scipy', 'math', 'jax', 'autograd', 'torch', 'tensorflow', 'pandas', 'matplotlib', 'sklearn', 'sympy', 'numba', 'cupy', 'mpmath',
  'os', 'sys', 'subprocess', 'shutil', 'socket', 'pathlib', 'io', 'pickle', 'json', 're', 'time', 'datetime', 'random', 'itertools',
  'collections', 'copy', 'inspect', 'importlib', 'builtins', 'threading', 'multiprocessing', 'ctypes', 'operator', 'string', 'struct',
  'contextlib', 'enum', 'numbers', 'cmath', 'decimal', 'fractions', 'statistics', 'argparse', 'glob', 'tempfile', 'urllib', 'http',
  'signal', 'platform', 'gc', 'weakref', 'traceback', 'types', 'textwrap', 'pprint', 'timeit', 'unittest', 'pytest', 'doctest',
]);

function mayBeUserModule(path: string): boolean {
  return !NOT_USER_MODULES.has(path.split('.')[0]!);
}

/**
 * `norm = st.norm`, `la = np.linalg`: a module-level name bound once to a submodule GradLens reads
 * (through a module bound above) is that module, as if imported under the name. Functions then read
 * `norm.cdf(x)` as `scipy.stats.norm.cdf`. A name assigned more than once stays an ordinary variable.
 */
export function submoduleAliases(statements: readonly { readonly node: SyntaxNode; readonly view: SourceView }[], bindings: ReadonlyMap<string, { readonly kind: string; readonly path?: string }>): Map<string, string> {
  const assigned = new Map<string, string | null>();
  for (const s of statements) {
    for (const n of s.node.name === 'StatementGroup' ? children(s.node) : [s.node]) {
      if (n.name !== 'AssignStatement') continue;
      const kids = children(n);
      const targets = kids.filter((k, i) => kids[i + 1]?.name === 'AssignOp');
      const value = kids[kids.length - 1]!;
      const text = s.view.textOf(value).replace(/\s+/g, '');
      for (const t of targets) {
        if (t.name !== 'VariableName') continue;
        const name = s.view.textOf(t);
        const root = bindings.get(text.split('.')[0]!);
        const path = root?.kind === 'module' && /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(text) ? `${root.path}.${text.split('.').slice(1).join('.')}` : undefined;
        assigned.set(name, assigned.has(name) || !path || !isSubmodule(path) ? null : path);
      }
    }
  }
  return new Map([...assigned].filter((e): e is [string, string] => e[1] !== null));
}
