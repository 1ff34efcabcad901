import type { IrExpr } from '../../ir/nodes';
import { constantInt, isDims, type Abs, type Facts } from './facts';
import { countedBound } from './stacking';
import { lastIndexRead } from './loopBounds';
import { asConverted, type Reader } from './reader';

/**
 * `object[index]`: indexing depth and constant bounds say ranks and least sizes, an index that is a
 * parameter says labels, a boolean mask says both sides are arrays of one shape.
 */
export function readIndex(r: Reader, object: IrExpr, index: IrExpr): Abs {
  // X.shape[k]: X has at least k + 1 axes, and this is the size of axis k.
  if (object.kind === 'attribute' && object.name === 'shape') return shapeEntry(r, object.object, index);
  if (isMask(r, index)) return maskRead(r, object, index);
  // `o[k]` with k a character of a string: a property read, which says nothing of o's axes.
  if (index.kind === 'name' && r.characters.has(index.name)) return void r.expr(object);
  const parts = index.kind === 'tuple' ? index.elements : [index];
  // A[i][j]: the inner read consumed its axes first.
  const base = r.expr(object);
  const p = r.param(object);
  // `None` (np.newaxis) adds an axis of size 1 and consumes none (`sample_weight[:, np.newaxis]`).
  const consumed = parts.filter((x) => x.kind !== 'ellipsis' && x.kind !== 'none').length;
  let dims: readonly number[] | undefined;
  if (p) {
    dims = r.axes(p, consumed);
    const onlyConstant = parts.length === 1 && constantInt(parts[0]) !== undefined;
    if (!onlyConstant) p.constantReadsOnly = false;
    else p.constantReads = (p.constantReads ?? 0) + 1;
  } else if (object.kind === 'name' && r.rows.has(object.name) && r.locals.has(object.name)) {
    // point[0] with point = data[i]: data's axis after the row's.
    const row = r.rows.get(object.name)!;
    dims = r.axes(row.param, row.depth + consumed).slice(row.depth);
  } else if (isDims(base) && base.tied && base.dims.length < consumed) {
    // `c = np.clip(y_pred, …)` then `c[range(n), y]` (nnfs's loss): the parameter it keeps the shape
    // of has as many axes as the read consumes.
    dims = r.axes(base.tied.param, base.tied.depth + consumed).slice(base.tied.depth);
  } else if (isDims(base)) {
    dims = base.dims;
  }
  const result: number[] = [];
  let axis = 0;
  parts.forEach((part, k) => {
    if (part.kind === 'ellipsis') {
      const rest = parts.length - k - 1;
      if (dims) for (; axis < dims.length - rest; axis++) result.push(dims[axis]!);
      return;
    }
    if (part.kind === 'none') {
      result.push(r.dims.one());
      return;
    }
    const d = dims?.[axis];
    axis++;
    if (part.kind === 'slice') {
      result.push(sliceAxis(r, part, d));
      return;
    }
    const c = constantInt(part);
    if (c !== undefined && d !== undefined) r.dims.atLeast(d, c >= 0 ? c + 1 : -c);
    if (c === undefined) labelsIn(r, part, parts, d);
    // np.eye(k)[y]: one-hot rows, one per label: y is a vector of labels.
    if (c === undefined && isIdentity(object) && parts.length === 1) {
      const labels = r.param(part);
      if (labels) r.axes(labels, 1);
    }
    if (part.kind === 'name' && r.loopDims.has(part.name) && d !== undefined) r.dims.unify(d, r.loopDims.get(part.name)!);
    // a[i + 1] in `for (let i = 0; i < 4; i++)`: a holds at least 5 entries.
    const reach = c === undefined ? lastIndexRead(part, r.loopLast) : undefined;
    if (reach !== undefined && reach >= 0 && reach < MAX_COUNTED && d !== undefined) r.dims.atLeast(d, reach + 1);
    const v = r.expr(part);
    // params[D] with D a size (`D = X.shape[1]`): the entry after D's, so the axis holds D + 1.
    if (c === undefined && v && 'size' in v && d !== undefined) r.dims.atLeastOf(d, v.size, 1);
    // An index array keeps its own dimensions (fancy indexing).
    if (isDims(v) && v.dims.length > 0) result.push(...v.dims);
  });
  if (dims) for (; axis < dims.length; axis++) result.push(dims[axis]!);
  // A[i][j], A[0][1]: the row read first is tied to A, so the next read gives A its second axis.
  const rowOf = p && p.exactRank === undefined && consumed > 0 && parts.every((x) => x.kind !== 'slice' && x.kind !== 'ellipsis' && x.kind !== 'none') && !isDims(r.expr(parts[0]!)) ? p : undefined;
  return dims ? (rowOf && result.length === 0 ? { dims: result, tied: { param: rowOf, depth: consumed } } : { dims: result }) : undefined;
}

/** A loop reaching further than this (`i < 1000`) is not sized by its bound: a sample that long would be too large. */
const MAX_COUNTED = 256;

function shapeEntry(r: Reader, array: IrExpr, index: IrExpr): Abs {
  const k = constantInt(index);
  const p = r.param(array);
  if (p && k !== undefined && k >= 0) {
    p.constantReadsOnly = false;
    return { size: r.axes(p, k + 1)[k]! };
  }
  const o = r.expr(array);
  const axis = k === undefined || !isDims(o) ? undefined : o.dims[k < 0 ? o.dims.length + k : k];
  return axis !== undefined ? { size: axis } : undefined;
}

/** `np.eye(k)`, `np.identity(k)`. */
function isIdentity(e: IrExpr): boolean {
  return e.kind === 'call' && (e.callee.kind === 'name' || e.callee.kind === 'intrinsic') && (e.callee.name === 'eye' || e.callee.name === 'identity');
}

/** `x[2:]`, `x[:-1]`, `x[1:-1]`: the axis needs that many entries; a bounded slice is an axis of another size. */
function sliceAxis(r: Reader, part: IrExpr & { kind: 'slice' }, d: number | undefined): number {
  const lo = constantInt(part.lower);
  const hi = constantInt(part.upper);
  const need = Math.max(lo !== undefined ? (lo >= 0 ? lo + 1 : -lo) : 0, hi !== undefined ? (hi >= 0 ? hi : 1 - hi) : 0) + (lo !== undefined && hi !== undefined && lo >= 0 && hi < 0 ? 1 : 0);
  if (d !== undefined && need > 0) r.dims.atLeast(d, need);
  // raw[:, :K] with K = self.num_mixtures: a bound is a whole number (a count), never a sample's 0.731.
  for (const bound of [part.lower, part.upper]) countedBound(r, bound);
  const lower = part.lower ? r.expr(part.lower) : undefined;
  const upper = part.upper ? r.expr(part.upper) : undefined;
  // params[D:] (D = X.shape[1], or a factory's D): what follows D's entries, so params holds both.
  if (lower && 'size' in lower && !part.upper && part.step === undefined && d !== undefined) return r.dims.rest(d, lower.size);
  // w[:n_features] (n_features = X.shape[1]): that many entries, and w holds at least them.
  if (upper && 'size' in upper && (lo === undefined || lo === 0) && part.step === undefined) {
    if (d !== undefined) r.dims.atLeastOf(d, upper.size);
    return upper.size;
  }
  return part.lower || part.upper ? r.dims.fresh() : d ?? r.dims.fresh();
}

/** Used as an index: a parameter (or an element of one) holds labels in this axis. */
function labelsIn(r: Reader, part: IrExpr, parts: readonly IrExpr[], d: number | undefined): void {
  const root = r.labelRoot(part);
  if (!root) return;
  root.label = true;
  if (d !== undefined) root.labelDim = d;
  // p[np.arange(n), y]: y as a whole is an index vector, as long as the other index arrays.
  if (asConverted(part).kind === 'name' && parts.length > 1) {
    const axes = r.axes(root, 1);
    for (const other of parts) {
      const o = other === part ? undefined : r.expr(other);
      if (isDims(o) && o.dims.length === 1) r.dims.unify(o.dims[0]!, axes[0]!);
    }
  }
}

/** A boolean mask: a comparison (`z < 0`), its negation (`not`, numpy's `~`), or a local holding one. */
export function isMask(r: Reader, e: IrExpr): boolean {
  return e.kind === 'compare' || (e.kind === 'unary' && (e.op === 'not' || e.op === '~') && isMask(r, e.operand)) || (e.kind === 'name' && r.masks.has(e.name));
}

/** The parameters a mask compares (`z < 0`, `z[i] > t`, `np.abs(z) > 1`): those it is elementwise over. */
function maskParameters(r: Reader, e: IrExpr, out: Set<Facts>): void {
  const p = r.param(e);
  if (p) out.add(p);
  else if (e.kind === 'compare') e.operands.forEach((o) => maskParameters(r, o, out));
  else if (e.kind === 'unary') maskParameters(r, e.operand, out);
  else if (e.kind === 'binary') [e.left, e.right].forEach((o) => maskParameters(r, o, out));
  else if (e.kind === 'call') e.args.forEach((o) => maskParameters(r, o, out));
}

/**
 * `_z[z < 0]` (read or written): numpy-ml's LeakyReLU. Only arrays take a boolean mask, and the mask
 * has the shape of what it selects from; the selection is a vector of a length the code cannot know.
 */
function maskRead(r: Reader, object: IrExpr, mask: IrExpr): Abs {
  const compared = new Set<Facts>();
  maskParameters(r, mask, compared);
  const why = 'a boolean mask selects from it';
  for (const p of compared) r.arrayOnly(p, why);
  const target = r.param(object);
  if (target) r.arrayOnly(target, why);
  const m = r.expr(mask);
  const o = r.expr(object);
  if (isDims(m) && isDims(o)) m.dims.forEach((d, i) => o.dims[i] !== undefined && r.dims.unify(d, o.dims[i]!));
  const rank = isDims(m) ? m.dims.length : 1;
  return { dims: [r.dims.fresh(), ...(isDims(o) ? o.dims.slice(rank) : [])] };
}
