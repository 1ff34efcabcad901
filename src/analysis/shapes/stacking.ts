import type { IrExpr } from '../../ir/nodes';
import { constantInt, isDims, isItems, type Abs } from './facts';
import type { Reader } from './reader';

/**
 * Arrays joined and built from sizes: `np.hstack((x, h, np.ones((n, 1))))` makes an axis as long as
 * its parts' together (an RNN's input, state and bias column before `@ W`, so W's rows are their
 * sum), `np.ones((n, 1))` has the sizes it is given, `np.repeat(h0, n, axis=0)` makes n rows of one.
 */

export const JOINING: ReadonlySet<string> = new Set(['hstack', 'vstack', 'concatenate', 'column_stack']);

/** The axis `name` joins its parts along, for parts of `rank` axes (undefined: one it cannot tell). */
function joinAxis(name: string, e: IrExpr & { kind: 'call' }, rank: number): number | undefined {
  if (name === 'hstack') return rank === 1 ? 0 : 1;
  if (name === 'vstack') return 0;
  if (name === 'column_stack') return rank === 2 ? 1 : undefined;
  const axis = e.keywords.find((k) => k.name === 'axis')?.value ?? e.args[1];
  const c = axis ? constantInt(axis) : 0;
  return c === undefined ? undefined : c < 0 ? rank + c : c;
}

/** `np.hstack(parts)` and its kin, when every part's axes are known and of one rank. */
export function joined(r: Reader, name: string, e: IrExpr & { kind: 'call' }, parts: Abs): Abs {
  if (!isItems(parts) || parts.items.length === 0) return undefined;
  const arrays = parts.items.filter(isDims);
  if (arrays.length !== parts.items.length) return undefined;
  const rank = Math.max(...arrays.map((a) => a.dims.length));
  if (arrays.some((a) => a.dims.length !== rank)) {
    // numpy joins arrays of one rank only: a row of a parameter joined with matrices (autograd's rnn
    // `for input in inputs` joined with the state) is a matrix, so the parameter has an axis more;
    // so is a state `np.dot(stacked, W)` made where W was taken as a vector (W is a matrix).
    for (const a of arrays) if (a.tied && a.dims.length < rank) r.axes(a.tied.param, a.tied.depth + rank);
    return undefined;
  }
  if (rank === 0) return undefined;
  // vstack of vectors stacks them as rows: one axis more, as many as there are parts.
  if (name === 'vstack' && rank === 1) {
    arrays.forEach((a) => r.dims.unify(a.dims[0]!, arrays[0]!.dims[0]!));
    const rows = r.dims.fresh();
    r.dims.setExact(rows, arrays.length);
    return { dims: [rows, arrays[0]!.dims[0]!] };
  }
  const axis = joinAxis(name, e, rank);
  if (axis === undefined || axis < 0 || axis >= rank) return undefined;
  const dims = arrays[0]!.dims.map((d, k) => {
    if (k === axis) return r.dims.sum(arrays.map((a) => a.dims[k]!));
    for (const a of arrays.slice(1)) r.dims.unify(a.dims[k]!, d);
    return d;
  });
  return { dims };
}

/** `np.c_` or `np.r_`, whose indexing joins arrays: the name, else undefined. */
export function joiningIndexer(e: IrExpr): 'c_' | 'r_' | undefined {
  return e.kind === 'intrinsic' && (e.name === 'c_' || e.name === 'r_') ? e.name : undefined;
}

/**
 * `np.c_[np.ones(n), X]`: numpy's column joining, a vector part made a column and a matrix part
 * kept, all of the same rows, the columns added; `np.r_[a, b]`: vectors joined end to end.
 */
export function indexJoined(r: Reader, name: 'c_' | 'r_', parts: Abs): Abs {
  if (!isItems(parts) || parts.items.length === 0) return undefined;
  const arrays = parts.items.filter(isDims);
  if (arrays.length !== parts.items.length) return undefined;
  if (name === 'r_') return arrays.every((a) => a.dims.length === 1) ? { dims: [r.dims.sum(arrays.map((a) => a.dims[0]!))] } : undefined;
  if (arrays.some((a) => a.dims.length === 0 || a.dims.length > 2)) return undefined;
  const rows = arrays[0]!.dims[0]!;
  for (const a of arrays.slice(1)) r.dims.unify(a.dims[0]!, rows);
  return { dims: [rows, r.dims.sum(arrays.map((a) => (a.dims.length === 2 ? a.dims[1]! : r.dims.one())))] };
}

/** `np.ones((n, 1))`, `np.zeros((3, d))`: one axis per size given, a constant one exactly that size. */
export function fromSizes(r: Reader, sizes: IrExpr): Abs {
  const parts = sizes.kind === 'tuple' || sizes.kind === 'list' ? sizes.elements : [sizes];
  if (parts.length === 0) return undefined;
  return {
    dims: parts.map((p) => {
      const c = constantInt(p);
      if (c !== undefined && c > 0) {
        const d = r.dims.fresh();
        r.dims.setExact(d, c);
        return d;
      }
      const v = r.expr(p);
      return v && 'size' in v ? v.size : r.dims.fresh();
    }),
  };
}

/**
 * `np.repeat(h0, n, axis=0)` with n a size of the code (`inputs.shape[1]`): a row repeated into n
 * rows (autograd's rnn makes its initial state for every sequence so). A parameter repeated so has
 * at least two axes and one row: the result is n rows of it.
 */
export function repeated(r: Reader, e: IrExpr & { kind: 'call' }, x: Abs): Abs {
  const [array, count] = e.args;
  const axisExpr = e.keywords.find((k) => k.name === 'axis')?.value ?? e.args[2];
  const axis = axisExpr ? constantInt(axisExpr) : undefined;
  if (!array || !count || axis !== 0) return undefined;
  const n = r.expr(count);
  if (!n || !('size' in n)) return undefined;
  const p = r.param(array);
  if (p) {
    p.constantReadsOnly = false;
    const axes = r.axes(p, Math.max(2, p.minRank));
    r.dims.setExact(axes[0]!, 1);
    return { dims: [n.size, ...axes.slice(1, p.exactRank ?? p.minRank)] };
  }
  return isDims(x) && x.dims.length > 0 && r.dims.isOne(x.dims[0]!) ? { dims: [n.size, ...x.dims.slice(1)] } : undefined;
}

/** A parameter (or `self.k` its constructor stored, or `k + 1`) used as a slice bound or a dimension: a count. */
export function countedBound(r: Reader, bound: IrExpr | undefined): void {
  const plain = bound?.kind === 'binary' && (bound.op === '+' || bound.op === '-' || bound.op === '*') ? [bound.left, bound.right] : bound ? [bound] : [];
  for (const b of plain) {
    const counted = r.param(b);
    if (counted && counted.minRank === 0 && !counted.label) {
      counted.count = true;
      counted.countDim ??= r.dims.fresh();
    }
  }
}

/**
 * `np.insert(X, 0, 1, axis=1)` (a bias column before the features: ML-From-Scratch's `predict`): X
 * has that axis, and the result is X with it longer by the entries inserted — one for one index,
 * k for a list of k (which the engine refuses, located). Without an axis numpy flattens: a vector's length grows so, anything else is left open.
 */
export function inserted(r: Reader, e: IrExpr & { kind: 'call' }): Abs {
  const [arr, at] = e.args;
  const axisArg = e.keywords.find((k) => k.name === 'axis')?.value ?? e.args[3];
  if (!arr || !at) return undefined;
  const given = axisArg ? constantInt(axisArg) : undefined;
  if (axisArg && given === undefined) return undefined;
  const p = r.param(arr);
  if (p && given !== undefined && given >= 0) r.axes(p, given + 1);
  const a = r.expr(arr);
  if (!isDims(a) || a.dims.length === 0) return undefined;
  const axis = given === undefined ? (a.dims.length === 1 ? 0 : undefined) : given < 0 ? a.dims.length + given : given;
  if (axis === undefined || axis < 0 || axis >= a.dims.length) return undefined;
  // The engine inserts at one whole-number index (`0`, `X.shape[1]`) and refuses an array of them.
  const count = at.kind === 'list' || at.kind === 'tuple' ? at.elements.length : 1;
  return { dims: a.dims.map((d, k) => (k === axis ? r.dims.plus(d, count) : d)) };
}
