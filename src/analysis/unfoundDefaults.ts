import { formatRange, type SourceRange } from '../core/sourceRange';
import type { IrFunction, IrModuleImport } from '../ir/nodes';
import { someExpr } from '../ir/walk';

/**
 * A default that reads a name imported from a module GradLens did not find (`from .constants import
 * DEFAULT_MARGIN; def loss(x, margin=DEFAULT_MARGIN)`): a call that leaves it out cannot be
 * evaluated, but one that gives it can. Such a parameter is sampled as one without a default is, and
 * a note says why. Python only: a JavaScript default is evaluated per call, and only when left out.
 */

/** The local names bound by imports that did not resolve (`resolved`: the ranges of those that did), by the module written. */
export function unfoundImportNames(imports: readonly IrModuleImport[], resolved: readonly SourceRange[]): ReadonlyMap<string, string> {
  const found = new Set(resolved.map(formatRange));
  const names = new Map<string, string>();
  for (const imp of imports) {
    if (found.has(formatRange(imp.range)) || imp.commonjs) continue;
    for (const n of imp.names) names.set(n.local, imp.specifier);
    if (imp.module) names.set(imp.module.local, imp.specifier);
  }
  return names;
}

/** `fn` with those defaults removed, and a note for each parameter they were removed from; undefined when none reads such a name. */
export function withUnfoundDefaultsSampled(fn: IrFunction, unfound: ReadonlyMap<string, string>): { fn: IrFunction; notes: ReadonlyMap<string, string> } | undefined {
  if (unfound.size === 0) return undefined;
  const notes = new Map<string, string>();
  const params = fn.params.map((p) => {
    if (!p.default || p.kind !== undefined) return p;
    let read: string | undefined;
    someExpr(p.default, (e) => e.kind === 'name' && unfound.has(e.name) && (read = e.name) !== undefined);
    if (read === undefined) return p;
    notes.set(p.name, `its default reads ${read} from ${unfound.get(read)}, which GradLens did not find: sampled as a parameter without a default`);
    const { default: _, ...rest } = p;
    return rest;
  });
  return notes.size === 0 ? undefined : { fn: { ...fn, params }, notes };
}
