// What a JavaScript/TypeScript file imports and exports, read from its top-level statements: ES
// `import`/`export … from` and CommonJS `require`/`module.exports`. Imports of workspace files
// (relative specifiers) are listed for the analysis to resolve (analysis/moduleImports.ts); a
// package's names are remembered so that a use of them says where they come from.
import type { SyntaxNode } from '@lezer/common';
import type { SourceRange } from '../../core/sourceRange';
import type { IrModuleImport } from '../../ir/nodes';
import { isRelative } from './lowerContext';
import { children, type SourceView } from './parse';

/** Where the statements of a file put what they import. */
export interface ImportSink {
  /** Every imported local name → the specifier it comes from (a package's or a file's). */
  readonly imports: Map<string, string>;
  /** Imports of workspace files, for the analysis. */
  readonly workspaceImports: IrModuleImport[];
}

const unquote = (view: SourceView, node: SyntaxNode): string => view.textOf(node).slice(1, -1);

/**
 * `import f from './f'`, `import { g as h } from './g'`, `import * as ns from './g'`. Returns false for a
 * type-only import (nothing to bind).
 */
export function readImport(node: SyntaxNode, view: SourceView, sink: ImportSink): void {
  const kids = children(node);
  if (kids[1]?.name === 'type') return;
  const from = kids.find((k) => k.name === 'String');
  const module = from ? unquote(view, from) : '?';
  const names: { imported: string; local: string }[] = [];
  let namespace: string | undefined;
  kids.forEach((k, i) => {
    if (k.name === 'VariableDefinition' && kids[i - 1]?.name === 'as' && kids[i - 2]?.name === 'Star') namespace = view.textOf(k);
    else if (k.name === 'VariableDefinition') names.push({ imported: 'default', local: view.textOf(k) });
    if (k.name !== 'ImportGroup') return;
    const group = children(k);
    group.forEach((g, j) => {
      if (g.name !== 'VariableDefinition') return;
      const renamed = group[j - 1]?.name === 'as' ? group[j - 2] : undefined;
      names.push({ imported: renamed ? view.textOf(renamed) : view.textOf(g), local: view.textOf(g) });
    });
  });
  for (const n of names) sink.imports.set(n.local, module);
  if (namespace) sink.imports.set(namespace, module);
  if (!isRelative(module) || (names.length === 0 && !namespace)) return;
  sink.workspaceImports.push({ specifier: module, names, ...(namespace ? { module: { local: namespace, attributes: [] } } : {}), range: view.range(node) });
}

/**
 * Re-exports: `export { h, k as kk } from './g'` and `export * from './g'` import those names into
 * this module, whose exports they thereby are (a module's imported names are among its exports).
 */
export function readReExport(node: SyntaxNode, view: SourceView, sink: ImportSink): boolean {
  const kids = children(node);
  const from = kids.find((k) => k.name === 'String');
  if (!from || !kids.some((k) => k.name === 'from')) return false;
  const module = unquote(view, from);
  const range = view.range(node);
  if (kids.some((k) => k.name === 'Star')) {
    if (isRelative(module)) sink.workspaceImports.push({ specifier: module, names: [], star: true, range });
    return true;
  }
  const group = node.getChild('ExportGroup');
  const names: { imported: string; local: string }[] = [];
  // `export { default as unpack } from './unpack.js'` (chroma.js's utils): `default` names the module's default export.
  const items = group ? children(group).filter((k) => k.name === 'VariableName' || k.name === 'as' || k.name === 'default') : [];
  for (let i = 0; i < items.length; i++) {
    if (items[i]!.name !== 'VariableName' && items[i]!.name !== 'default') continue;
    const renamed = items[i + 1]?.name === 'as' && items[i + 2] ? items[i + 2]! : undefined;
    names.push({ imported: view.textOf(items[i]!), local: view.textOf(renamed ?? items[i]!) });
    if (renamed) i += 2;
  }
  for (const n of names) sink.imports.set(n.local, module);
  if (isRelative(module) && names.length > 0) sink.workspaceImports.push({ specifier: module, names, range });
  return true;
}

/** The specifier of `require('…')`, if `node` is such a call with a string literal. */
export function requiredSpecifier(node: SyntaxNode, view: SourceView): string | undefined {
  if (node.name !== 'CallExpression' || node.firstChild?.name !== 'VariableName' || view.textOf(node.firstChild) !== 'require') return undefined;
  const args = node.getChild('ArgList');
  const parts = args ? children(args).filter((k) => k.name !== '(' && k.name !== ')') : [];
  return parts.length === 1 && parts[0]!.name === 'String' ? unquote(view, parts[0]!) : undefined;
}

/**
 * `const g = require('./g')` (the module's `module.exports`) and `const { h, k: kk } = require('./g')`
 * (its properties), as imports.
 */
export function readRequire(target: SyntaxNode, specifier: string, view: SourceView, range: SourceRange, sink: ImportSink): void {
  const names: { imported: string; local: string }[] = [];
  let local: string | undefined;
  if (target.name === 'VariableDefinition') local = view.textOf(target);
  else if (target.name === 'ObjectPattern') {
    for (const prop of children(target).filter((k) => k.name === 'PatternProperty')) {
      const parts = children(prop);
      const defined = parts.find((k) => k.name === 'VariableDefinition');
      if (!defined || parts.some((k) => k.name === 'Equals' || k.name === 'Spread')) continue;
      const key = parts[0]!.name === 'PropertyName' ? parts[0]! : defined;
      names.push({ imported: view.textOf(key), local: view.textOf(defined) });
    }
  }
  for (const n of names) sink.imports.set(n.local, specifier);
  if (local) sink.imports.set(local, specifier);
  if (!isRelative(specifier) || (names.length === 0 && !local)) return;
  sink.workspaceImports.push({ specifier, names, ...(local ? { module: { local, attributes: [] }, commonjs: true } : {}), range });
}

/** What `module.exports = …`, `module.exports.h = …` or `exports.h = …` assigns to: `''` for the whole. */
export function commonjsExport(target: SyntaxNode, view: SourceView): string | undefined {
  if (target.name !== 'MemberExpression' || target.getChild('[')) return undefined;
  const text = view.textOf(target).replace(/\s+/g, '');
  if (text === 'module.exports') return '';
  const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(text);
  return m ? m[1]! : undefined;
}
