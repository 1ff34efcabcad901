import type { SourceRange } from '../core/sourceRange';
import type { IrExpr, IrFunction, IrStmt, IrTarget } from '../ir/nodes';
import { childStmts } from '../ir/walk';
import type { Shape } from './arrays';
import { ref } from './expressions';
import type { Lowering } from './lowering';
import { assign, notAFunction, otherNameFor, refuse, type Env, type Step } from './steps';

/**
 * Writes into a numpy array (`g[i] = v`, `A[:, 1] = B[:, 2] + B[:, 5]`, `dW[:, j] += p[j] * X[i]`)
 * in generated code. Every value is named once, so a write makes a new version: a copy of the array
 * with the entries written (`g_2 = g.copy()` then `g_2[i] = v`). Its adjoint reads the written
 * entries' adjoint back for v (summed where v was broadcast into them) and passes the rest on to the
 * array before the write (for `=` with the written entries zeroed, for `+=` all of it). Only basic
 * indices (integers and slices) are written, so no entry is written twice; and only into an array no
 * other name or view shares (generated code copies, so a write through an alias would not be seen).
 */

export type WriteOp = '=' | '+' | '-';

/** Lowers `object[index] op= value`; false when this is not a write GradLens writes (the caller refuses). */
export function lowerElementWrite(t: Lowering, fn: IrFunction, target: IrTarget & { kind: 'index' }, op: WriteOp, value: IrExpr, env: Env, out: Step[], range: SourceRange): boolean {
  if (target.object.kind !== 'name') return false;
  const name = target.object.name;
  const before = env.get(name);
  if (!before || before.items || before.expr.kind !== 'name') return false;
  if (!t.arrays) refuse('assignment to an element is written for numpy arrays only, for now', range);
  const shared = otherNameFor(env, name);
  if (shared) refuse(`${name} is also ${shared}: a write through one of two names for an array is not written yet`, range);
  const view = aliasOf(fn, name);
  if (view) refuse(`${view} shares ${name}'s entries: a write into an array a view or another name shares is not written yet`, range);
  const index = t.inactive(target.index, env, false);
  if (!basicIndex(index)) refuse('a write through an index that is not integers and slices is not written yet', target.index.range);
  const v = t.value(value, env, out);
  notAFunction(v, range);
  if (v.items) refuse('a list written into an array is not written yet', range);
  const r = range;
  const written = t.names.fresh(name);
  const copy: IrExpr = { kind: 'call', callee: { kind: 'attribute', object: before.expr, name: 'copy', range: r }, args: [], keywords: [], range: r };
  out.push({ kind: 'plain', stmt: assign(written, copy, r) });
  const into: IrTarget = { kind: 'index', object: ref(written, r), index, range: target.range };
  const stmt: IrStmt = op === '=' ? { kind: 'assign', target: into, value: v.expr, range: r } : { kind: 'augAssign', target: into, op, value: v.expr, range: r };
  if (!before.active && !v.active) out.push({ kind: 'plain', stmt });
  else out.push({ kind: 'array', target: written, op: { kind: 'setitem', index, op }, args: [before, v], stmt });
  env.set(name, { expr: ref(written, r), active: before.active || v.active });
  return true;
}

/** The arrays `stmts` write elements of (`g[i] = …`, `dW[:, j] += …`): a loop carries them as it carries names it assigns. */
export function elementWriteTargets(stmts: readonly IrStmt[], into = new Set<string>()): Set<string> {
  for (const s of stmts) {
    if ((s.kind === 'assign' || s.kind === 'augAssign') && s.target.kind === 'index' && s.target.object.kind === 'name') into.add(s.target.object.name);
    elementWriteTargets(childStmts(s), into);
  }
  return into;
}

/** Integers and slices only (each name in it must be a number where it runs: the check confirms). */
function basicIndex(e: IrExpr): boolean {
  const part = (x: IrExpr): boolean => x.kind === 'slice' || x.kind === 'number' || x.kind === 'name' || (x.kind === 'unary' && x.operand.kind === 'number') || (x.kind === 'binary' && part(x.left) && part(x.right));
  return e.kind === 'tuple' ? e.elements.every(part) : part(e);
}

/**
 * A name in the function that may share `name`'s entries: `b = name`, a slice or row of it, its
 * transpose or a reshape (numpy views), or a loop over its rows. Undefined when there is none.
 */
function aliasOf(fn: IrFunction, name: string): string | undefined {
  const rootedAt = (e: IrExpr): boolean => {
    if (e.kind === 'name') return e.name === name;
    if (e.kind === 'index') return rootedAt(e.object);
    if (e.kind === 'attribute') return rootedAt(e.object);
    if (e.kind === 'call' && e.callee.kind === 'attribute' && VIEW_METHODS.has(e.callee.name)) return rootedAt(e.callee.object);
    if (e.kind === 'call' && e.callee.kind === 'intrinsic' && VIEW_FUNCTIONS.has(e.callee.name) && e.args[0]) return rootedAt(e.args[0]);
    return false;
  };
  const found = (stmts: readonly IrStmt[]): string | undefined => {
    for (const s of stmts) {
      // A read into a name (`b = a[i]`) may be a row, a view: shapes are not known yet, so any counts.
      if (s.kind === 'assign' && s.target.kind === 'name' && s.target.name !== name && rootedAt(s.value)) return s.target.name;
      if (s.kind === 'assign' && s.target.kind === 'tuple' && s.value.kind === 'name' && s.value.name === name) return 'an unpacking';
      if (s.kind === 'for' && rootedAt(s.iterable)) return 'a loop over its rows';
      const inner = found(childStmts(s));
      if (inner) return inner;
    }
    return undefined;
  };
  return found(fn.body);
}

const VIEW_METHODS = new Set(['reshape', 'ravel', 'transpose', 'view', 'squeeze', 'swapaxes']);
const VIEW_FUNCTIONS = new Set(['reshape', 'ravel', 'transpose', 'asarray', 'squeeze', 'swapaxes', 'expand_dims']);

/**
 * The shape of `object[index]` for basic indices: an integer drops its axis, a slice keeps what it
 * selects; undefined when a part's size cannot be told (a slice bound that is not a literal).
 */
export function selectionShape(shape: Shape, index: IrExpr, sizeOf: (e: IrExpr) => Shape | undefined): Shape | undefined {
  const parts = index.kind === 'tuple' ? index.elements : [index];
  if (parts.length > shape.length) return undefined;
  const out: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    const part = parts[axis];
    const n = shape[axis]!;
    if (!part) {
      out.push(n);
      continue;
    }
    if (part.kind !== 'slice') {
      if (sizeOf(part)?.length !== 0) return undefined;
      continue;
    }
    const bound = (x: IrExpr | undefined, otherwise: number): number | undefined => {
      if (!x) return otherwise;
      const v = x.kind === 'number' ? x.value : x.kind === 'unary' && x.op === '-' && x.operand.kind === 'number' ? -x.operand.value : undefined;
      if (v === undefined || !Number.isInteger(v)) return undefined;
      return Math.min(Math.max(v < 0 ? v + n : v, 0), n);
    };
    if (part.step) return undefined;
    const lo = bound(part.lower, 0);
    const hi = bound(part.upper, n);
    if (lo === undefined || hi === undefined) return undefined;
    out.push(Math.max(hi - lo, 0));
  }
  return out;
}
