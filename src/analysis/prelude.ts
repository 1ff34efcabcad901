import { keyedRecord } from '../core/keyed';
import type { Diagnostic } from '../core/diagnostic';
import type { IrFunction, IrModule } from '../ir/nodes';

/**
 * A notebook cell sees the imports, constants and functions of the cells above it. Those cells come
 * as one prelude text, lowered on its own; its definitions are added to the cell's module behind the
 * cell's own, which win.
 *
 * The prelude's source ranges are moved to negative lines (its last line is −1), so a range says by
 * its sign whether it lies in the cell or above it: the cell's own lines stay 0, 1, …, and nothing
 * of the prelude can be mistaken for a place in the cell.
 */

/** The cell's module with the prelude's definitions behind its own. */
export function withPrelude(cell: IrModule, prelude: IrModule, preludeLines: number): IrModule {
  const shifted = shiftLines(prelude, -preludeLines);
  const own = new Set(cell.functions.map((f) => f.name));
  // In a notebook the later definition of a name is the one in force.
  const earlier = new Map<string, IrFunction>();
  for (const f of shifted.functions) if (!own.has(f.name)) earlier.set(f.name, f);
  const ownGlobals = new Set(cell.globals.map((g) => g.name));
  const ownClasses = new Set((cell.classes ?? []).map((c) => c.name));
  const classes = [...(cell.classes ?? []), ...(shifted.classes ?? []).filter((c) => !ownClasses.has(c.name))];
  // Workspace imports above (`from helpers import square`, `import helpers as hp`) first: the cell's rebind.
  const imports = [...(shifted.imports ?? []), ...(cell.imports ?? [])];
  return {
    ...cell,
    ...(imports.length > 0 ? { imports } : {}),
    functions: [...cell.functions, ...earlier.values()],
    ...(classes.length > 0 ? { classes } : {}),
    // Prelude first: a module's later binding of a name replaces an earlier one.
    globals: [...shifted.globals.filter((g) => !ownGlobals.has(g.name)), ...cell.globals],
    listsAreArrays: cell.listsAreArrays === true || shifted.listsAreArrays === true,
  };
}

/** Whether a range lies in the prelude (a cell above) rather than in the cell itself. */
export function inPrelude(d: Pick<Diagnostic, 'range'>): boolean {
  return d.range.start.line < 0;
}

/**
 * A deep copy of plain IR data with every source position's line moved by `delta`. The IR is plain
 * readonly data, so one generic walk reaches every range (function, statement, expression, site)
 * without a case per node kind that would silently miss the next kind added.
 */
export function shiftLines<T>(value: T, delta: number): T {
  if (Array.isArray(value)) return value.map((v) => shiftLines(v, delta)) as T;
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (typeof o.line === 'number' && typeof o.column === 'number' && Object.keys(o).length === 2) {
    return { line: o.line + delta, column: o.column } as T;
  }
  const out = keyedRecord<unknown>();
  for (const [k, v] of Object.entries(o)) out[k] = shiftLines(v, delta);
  // The front end's hidden constants (`earlier value@3:0#0`, named by line) and their reads: the
  // prelude's are its own, never the same name as one of the cell's.
  if ((o.kind === 'name' || o.kind === 'constant') && typeof o.name === 'string' && o.name.includes('@')) out.name = `${o.name}@above`;
  return out as T;
}
