import type { IrFunction, IrPoint } from '../../ir/nodes';

/**
 * Sections of a note reuse names: a later `f(x) = …` starts a new definition from its line on. The
 * n-th definition of `f` (n ≥ 2) is named `f#n`; from its line until the next definition of `f`,
 * calls of `f`, `f'`/`∇f`/`∂f/∂x` heads and points of `f` mean it. Derivative heads defined again
 * (`f'` in each section) are numbered the same way.
 */
export function numberSections(functions: readonly IrFunction[], points: readonly IrPoint[]): { functions: IrFunction[]; points: IrPoint[] } {
  const seen = new Map<string, number>();
  /** Per base name, the definitions' first lines and IR names, in order. */
  const versions = new Map<string, { line: number; name: string }[]>();
  const renamed = functions.map((fn) => {
    const n = (seen.get(fn.name) ?? 0) + 1;
    seen.set(fn.name, n);
    const name = n === 1 ? fn.name : `${fn.name}#${n}`;
    if (!fn.gradientOf) versions.set(fn.name, [...(versions.get(fn.name) ?? []), { line: fn.range.start.line, name }]);
    return n === 1 ? fn : { ...fn, name };
  });
  if ([...seen.values()].every((n) => n === 1)) return { functions: [...functions], points: [...points] };
  /** The version of `base` in force at `line`: the nearest definition above, else the first. */
  const at = (base: string, line: number): string => {
    const vs = versions.get(base);
    if (!vs) return base;
    let chosen = vs[0]!.name;
    for (const v of vs) if (v.line <= line) chosen = v.name;
    return chosen;
  };
  const out = renamed.map((fn) => {
    const line = fn.range.start.line;
    const body = renameCalls(fn.body, (name) => at(name, line));
    return { ...fn, body, ...(fn.gradientOf ? { gradientOf: at(fn.gradientOf, line) } : {}) };
  });
  const outPoints = points.map((p) => {
    // An @at attached to a definition names that definition; a call means the one in force there.
    const line = p.range.start.line;
    const attached = out.find((fn) => fn.name.split('#')[0] === p.function && p.source === 'annotation' && fn.range.start.line > line && fn.range.start.line - line <= 1);
    const name = attached ? attached.name : at(p.function, line);
    return name === p.function ? p : { ...p, function: name };
  });
  return { functions: out, points: outPoints };
}

/** Renames the callees of calls to user functions throughout an IR body (plain data, copied). */
function renameCalls<T>(node: T, rename: (name: string) => string): T {
  if (Array.isArray(node)) return node.map((x) => renameCalls(x, rename)) as T;
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) copy[k] = k === 'range' || k === 'nameRange' ? v : renameCalls(v, rename);
  if (record.kind === 'call') {
    const callee = record.callee as { kind: string; name?: string };
    if (callee.kind === 'name' && callee.name) copy.callee = { ...callee, name: rename(callee.name) };
  }
  return copy as T;
}
