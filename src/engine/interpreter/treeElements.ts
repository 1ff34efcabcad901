import type { IrExpr, IrTarget } from '../../ir/nodes';
import { writeElement } from '../array/elementWrites';
import { ArrayValue } from '../array/ndarray';
import type { ExprFn, Frame } from './compiled';
import { NUMBER, REGISTER, scalarShortcuts, unpack, type ScalarFn } from './scalarRegister';
import type { Scope } from './scope';
import { SequenceValue, Tracked, TypedArrayValue, type Value } from './values';

/**
 * The element reads of a scalar tree's leaves (and element writes `x[i] = v`), read at once when the container is a list or an
 * ndarray in a local name and every index a local name, a local ± a small literal, or a literal:
 * `x[i]`, `x[i + 1]`, `A[i][j]`, `A[i, j]`. A list gives its element; an array (not a view) gives
 * what `array/record.ts` `element` gives — the element's own scalar row (a parameter's input, a
 * scalar written into it), an element row of the array's row, or the constant — without the row
 * view or the index tuple being made. Anything else (a negative index, one past the end, a float,
 * a view, a dict, an unassigned name) is the expression's own evaluation, errors included; the fast
 * path has no side effect before it gives up, so the expression then runs as if it had not been
 * tried. `A[i, j]` charges the memory budget for its index tuple as the expression does.
 */

/** An index: the local in `slot` plus `offset`, or `offset` alone when `slot` is -1. */
interface Position {
  readonly slot: number;
  readonly offset: number;
}

const SMALL = 1024;
/** What compile.ts's tuple display charges for two items: 8 each and 32. */
const TUPLE_OF_TWO_BYTES = 8 * 2 + 32;

/** The integer literal, the local name, or local ± literal that `e` is, if it is one. */
function position(e: IrExpr, scope: Scope): Position | undefined {
  if (e.kind === 'number') return e.integer === undefined && Number.isInteger(e.value) && e.value >= 0 && e.value <= SMALL ? { slot: -1, offset: e.value } : undefined;
  let offset = 0;
  let at: IrExpr = e;
  if (e.kind === 'binary' && (e.op === '+' || e.op === '-') && e.right.kind === 'number' && e.right.integer === undefined && Number.isInteger(e.right.value) && Math.abs(e.right.value) <= SMALL) {
    offset = e.op === '+' ? e.right.value : -e.right.value;
    at = e.left;
  }
  const slot = at.kind === 'name' ? frameSlot(at.name, scope) : undefined;
  return slot === undefined ? undefined : { slot, offset };
}

/** The slot of a local of the frame itself (not a global, not an enclosing function's). */
export function frameSlot(name: string, scope: Scope): number | undefined {
  const local = scope.globals.has(name) ? undefined : scope.resolve(name);
  return local && local.depth === 0 ? local.slot : undefined;
}

/** The index's number now (NaN when the local holds anything but a number: the fast path gives up). */
function indexAt(f: Frame, p: Position): number {
  if (p.slot < 0) return p.offset;
  const i = f.slots[p.slot];
  return typeof i === 'number' ? i + p.offset : NaN;
}

const within = (k: number, n: number): boolean => k >= 0 && k < n && Number.isInteger(k);

/**
 * Element `k` of an array that is not a view, as `element` (array/record.ts) reads it: its own row,
 * an element row of the array's row (recorded at `site`, the index expression's), or the constant.
 */
function arrayElement(f: Frame, a: ArrayValue, k: number, site: number): number {
  const v = a.transientData()[k]!;
  REGISTER[0] = v;
  const own = a.elementRowAt(k);
  if (own >= 0) return own;
  const row = own === -1 ? a.rowOfOtherElements : -1;
  if (row < 0) return NUMBER;
  return f.rt.tape!.pushElement(row, k, v, site);
}

/**
 * The leaf for the index expression `e` whose evaluation is `value`, or undefined when it is not
 * one of the forms above. `site` is a site of `e`'s range, `tupleSite` one of its index's.
 */
export function elementLeaf(e: IrExpr & { kind: 'index' }, scope: Scope, value: ExprFn, site: number, tupleSite: () => number): ScalarFn | undefined {
  if (e.object.kind === 'name') {
    const container = frameSlot(e.object.name, scope);
    if (container === undefined) return undefined;
    const index = e.index;
    if (index.kind === 'tuple' && index.elements.length === 2) {
      const r = position(index.elements[0]!, scope);
      const c = position(index.elements[1]!, scope);
      return r && c ? matrixByTuple(container, r, c, value, site, tupleSite()) : undefined;
    }
    const p = position(index, scope);
    return p ? oneIndex(container, p, value, site) : undefined;
  }
  if (e.object.kind === 'index' && e.object.object.kind === 'name') {
    const container = frameSlot(e.object.object.name, scope);
    const r = position(e.object.index, scope);
    const c = position(e.index, scope);
    return container !== undefined && r && c ? twoIndices(container, r, c, value, site) : undefined;
  }
  return undefined;
}

/** `x[i]`: a list's element, or a 1-D array's. */
function oneIndex(container: number, p: Position, value: ExprFn, site: number): ScalarFn {
  return (f) => {
    const o = f.slots[container];
    const k = indexAt(f, p);
    if (o instanceof SequenceValue) {
      if (within(k, o.items.length)) return unpack(o.items[k]!);
    } else if (o instanceof ArrayValue && o.view === undefined && o.shape.length === 1 && within(k, o.shape[0]!)) {
      return arrayElement(f, o, k, site);
    }
    return unpack(value(f));
  };
}

/** `A[i][j]`: a nested list's element, or a 2-D array's (its row `A[i]` never made). */
function twoIndices(container: number, pr: Position, pc: Position, value: ExprFn, site: number): ScalarFn {
  return (f) => {
    const o = f.slots[container];
    const r = indexAt(f, pr);
    const c = indexAt(f, pc);
    if (o instanceof SequenceValue) {
      if (within(r, o.items.length)) {
        const row = o.items[r];
        if (row instanceof SequenceValue && within(c, row.items.length)) return unpack(row.items[c]!);
      }
    } else if (o instanceof ArrayValue && o.view === undefined && o.shape.length === 2) {
      const cols = o.shape[1]!;
      if (within(r, o.shape[0]!) && within(c, cols)) return arrayElement(f, o, r * cols + c, site);
    }
    return unpack(value(f));
  };
}

/** `A[i, j]` of a 2-D array; the index tuple's 48 bytes charged at its site, as the tuple display charges them. */
function matrixByTuple(container: number, pr: Position, pc: Position, value: ExprFn, site: number, tupleSite: number): ScalarFn {
  return (f) => {
    const o = f.slots[container];
    if (o instanceof ArrayValue && o.view === undefined && o.shape.length === 2) {
      const r = indexAt(f, pr);
      const c = indexAt(f, pc);
      const cols = o.shape[1]!;
      if (within(r, o.shape[0]!) && within(c, cols)) {
        f.rt.allocate(TUPLE_OF_TWO_BYTES, tupleSite);
        return arrayElement(f, o, r * cols + c, site);
      }
    }
    return unpack(value(f));
  };
}

/**
 * `x[i] = v` (the index as above) of a list, or of a 1-D array that is not a view, with `v` a number
 * or a tracked scalar: the element written as `setItem` writes it (a list's slot; an array's
 * `writeElement`), without its dispatch. Anything else is `general`, the target as assignments.ts
 * compiles it, which reads the container and the index again (locals: no side effect). Undefined
 * when the target is not of this form.
 */
export function elementWrite(t: IrTarget, scope: Scope, site: number, general: (f: Frame, v: Value) => void): ((f: Frame, v: Value) => void) | undefined {
  if (!scalarShortcuts.enabled || t.kind !== 'index' || t.object.kind !== 'name') return undefined;
  const container = frameSlot(t.object.name, scope);
  const p = position(t.index, scope);
  if (container === undefined || !p) return undefined;
  return (f, v) => {
    const o = f.slots[container];
    const k = indexAt(f, p);
    if (o instanceof ArrayValue) {
      if (o.view === undefined && o.shape.length === 1 && within(k, o.shape[0]!) && (typeof v === 'number' || v instanceof Tracked)) return writeElement(f.rt, o, k, v, site);
    } else if (o instanceof SequenceValue && !o.isTuple && !(o instanceof TypedArrayValue) && within(k, o.items.length)) {
      o.items[k] = v;
      return;
    }
    general(f, v);
  };
}
