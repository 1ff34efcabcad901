import type { SourceRange } from '../core/sourceRange';
import type { IrAssign, IrCall, IrExpr, IrStmt, IrTarget } from '../ir/nodes';
import { num, ref } from './expressions';
import type { Lowering } from './lowering';
import { selectionShape } from './elementWrites';
import { assign, notAFunction, refuse, type ArrayOp, type Env, type Operand, type Step } from './steps';

/**
 * numpy in generated code: the operations that are not one scalar primitive per element — `@` and
 * np.dot, `.T`, sums and means (along an axis or all), np.outer, np.linalg.norm/solve/inv/det, np.trace,
 * reading an element or slice — each
 * a step whose adjoint is written in numpy (`dW = dW + np.outer(dz, x)`, `dx = dx + W.T @ dz`), and
 * broadcasting undone by summing (`np.sum(g, axis=0)`). The shapes these need come from running the
 * forward steps once at the point (analysis/derivativeSource.ts measures them): the code written is
 * for arrays of those shapes, which the check at nearby points (same shapes) confirms.
 */

export type Shape = readonly number[];

const call = (name: string, args: readonly IrExpr[], range: SourceRange, keywords: readonly [string, IrExpr][] = []): IrExpr => ({
  kind: 'call',
  callee: { kind: 'intrinsic', name, range },
  args,
  keywords: keywords.map(([k, value]) => ({ name: k, value, range })),
  range,
});
const matmul = (a: IrExpr, b: IrExpr, range: SourceRange): IrExpr => ({ kind: 'binary', op: '@', left: a, right: b, range });
const transposed = (a: IrExpr, range: SourceRange): IrExpr => ({ kind: 'attribute', object: a, name: 'T', range });
const times = (a: IrExpr, b: IrExpr, range: SourceRange): IrExpr => ({ kind: 'binary', op: '*', left: a, right: b, range });

/** An integer literal (or its negation), as numpy's axis arguments are written. */
function integer(e: IrExpr | undefined): number | undefined {
  if (!e) return undefined;
  if (e.kind === 'number' && Number.isInteger(e.value)) return e.value;
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number' && Number.isInteger(e.operand.value)) return -e.operand.value;
  return undefined;
}

/** The reduction a call asks for: `np.sum(x, axis=0)`, `x.mean(axis=1, keepdims=True)`, `np.sum(x)`. */
function reduction(mean: boolean, rest: readonly IrExpr[], e: IrCall): ArrayOp | undefined {
  let axisExpr: IrExpr | undefined = rest[0];
  let keepdims = false;
  if (rest.length > 1) return undefined;
  for (const k of e.keywords) {
    if (k.name === 'axis') axisExpr = k.value;
    else if (k.name === 'keepdims' && k.value.kind === 'bool') keepdims = k.value.value;
    else return undefined;
  }
  const axis = integer(axisExpr);
  if (axisExpr && axisExpr.kind !== 'none' && axis === undefined) return undefined;
  return { kind: 'sum', mean, keepdims, ...(axis === undefined ? {} : { axis }) };
}

/** The array operation an expression is, with its array operands; undefined for anything else. */
export function arrayOperation(e: IrExpr): { op: ArrayOp; operands: readonly IrExpr[] } | undefined {
  if (e.kind === 'binary' && e.op === '@') return { op: { kind: 'matmul' }, operands: [e.left, e.right] };
  if (e.kind === 'attribute' && e.name === 'T') return { op: { kind: 'transpose' }, operands: [e.object] };
  if (e.kind === 'index' && e.object.kind !== 'string') return { op: { kind: 'index', index: e.index }, operands: [e.object] };
  if (e.kind !== 'call' || e.keywordSpreads?.length || e.args.some((a) => a.kind === 'spread')) return undefined;
  const plain = e.keywords.length === 0;
  if (e.callee.kind === 'intrinsic') {
    const [a, ...rest] = e.args;
    switch (e.callee.name) {
      case 'matmul':
      case 'dot':
        return plain && e.args.length === 2 ? { op: { kind: 'matmul' }, operands: e.args } : undefined;
      case 'outer':
        return plain && e.args.length === 2 ? { op: { kind: 'outer' }, operands: e.args } : undefined;
      case 'norm':
        return plain && e.args.length === 1 ? { op: { kind: 'norm' }, operands: e.args } : undefined;
      case 'solve':
        return plain && e.args.length === 2 ? { op: { kind: 'solve' }, operands: e.args } : undefined;
      case 'inv':
      case 'det':
      case 'trace':
        return plain && e.args.length === 1 ? { op: { kind: e.callee.name }, operands: e.args } : undefined;
      case 'transpose':
        return plain && e.args.length === 1 ? { op: { kind: 'transpose' }, operands: e.args } : undefined;
      case 'reduce_sum':
      case 'mean': {
        const op = a ? reduction(e.callee.name === 'mean', rest, e) : undefined;
        return op ? { op, operands: [a!] } : undefined;
      }
      default:
        return undefined;
    }
  }
  if (e.callee.kind === 'attribute') {
    const object = e.callee.object;
    switch (e.callee.name) {
      case 'dot':
        return plain && e.args.length === 1 ? { op: { kind: 'matmul' }, operands: [object, e.args[0]!] } : undefined;
      case 'sum':
      case 'mean': {
        const op = reduction(e.callee.name === 'mean', e.args, e);
        return op ? { op, operands: [object] } : undefined;
      }
      case 'transpose':
        return plain && e.args.length === 0 ? { op: { kind: 'transpose' }, operands: [object] } : undefined;
      default:
        return undefined;
    }
  }
  return undefined;
}

/**
 * Lowers an array operation with a differentiated operand to one step. Operands that are not a name
 * are named first (their shapes are measured by name), and the step is printed as the user wrote it
 * with its operands replaced.
 */
export function lowerArrayOperation(t: Lowering, e: IrExpr, found: { op: ArrayOp; operands: readonly IrExpr[] }, env: Env, out: Step[], hint: string | undefined): Operand {
  const args = found.operands.map((x) => {
    const v = t.value(x, env, out);
    notAFunction(v, x.range);
    if (v.active || v.expr.kind === 'name' || v.expr.kind === 'number') return v;
    const name = t.names.temp();
    out.push({ kind: 'plain', stmt: assign(name, v.expr, x.range) });
    return { expr: ref(name, x.range), active: false };
  });
  const index = found.op.kind === 'index' ? t.inactive(found.op.index, env, false) : undefined;
  const op: ArrayOp = found.op.kind === 'index' ? { kind: 'index', index: index! } : found.op;
  const written = rewrite(e, args.map((a) => a.expr), index);
  const target = hint ? t.names.fresh(hint) : t.names.temp();
  const stmt = assign(target, written, e.range);
  out.push({ kind: 'array', target, op, args, stmt });
  return { expr: ref(target, e.range), active: true };
}

/**
 * `sign, logdet = np.linalg.slogdet(A)` with A differentiated: one step, logdet, whose statement
 * unpacks both as the user wrote it; the sign is a constant (piecewise constant in A). Undefined when
 * the assignment is not that.
 */
export function lowerSlogdet(t: Lowering, target: IrTarget, value: IrExpr, env: Env, out: Step[]): boolean {
  if (target.kind !== 'tuple' || target.elements.length !== 2 || !target.elements.every((x) => x.kind === 'name')) return false;
  if (value.kind !== 'call' || value.callee.kind !== 'intrinsic' || value.callee.name !== 'slogdet' || value.args.length !== 1 || value.keywords.length > 0) return false;
  const matrix = t.value(value.args[0]!, env, out);
  if (!matrix.active) return false;
  const [signName, logName] = target.elements.map((x) => (x as { name: string }).name) as [string, string];
  const r = value.range;
  const sign = t.names.fresh(signName);
  const logdet = t.names.fresh(logName);
  const unpacked: IrTarget = { kind: 'tuple', elements: [{ kind: 'name', name: sign, range: r }, { kind: 'name', name: logdet, range: r }], range: r };
  const stmt: IrAssign = { kind: 'assign', target: unpacked, value: { ...value, args: [matrix.expr] }, range: r };
  out.push({ kind: 'array', target: logdet, op: { kind: 'slogdet' }, args: [matrix], stmt });
  env.set(signName, { expr: ref(sign, r), active: false });
  env.set(logName, { expr: ref(logdet, r), active: true });
  return true;
}

/** The expression with its array operands replaced (and its index renamed). */
function rewrite(e: IrExpr, args: readonly IrExpr[], index: IrExpr | undefined): IrExpr {
  switch (e.kind) {
    case 'binary':
      return { ...e, left: args[0]!, right: args[1]! };
    case 'attribute':
      return { ...e, object: args[0]! };
    case 'index':
      return { ...e, object: args[0]!, index: index! };
    case 'call':
      if (e.callee.kind === 'attribute') {
        const [object, ...rest] = args;
        return { ...e, callee: { ...e.callee, object: object! }, args: [...rest, ...e.args.slice(rest.length)] };
      }
      return { ...e, args: [...args, ...e.args.slice(args.length)] };
    default:
      return e;
  }
}

/**
 * The adjoint of an array step: for each differentiated operand, what it receives from `g` (the
 * step's adjoint), as numpy. `shape` gives a name's measured shape.
 */
export function arrayAdjoint(
  s: Extract<Step, { kind: 'array' }>,
  g: IrExpr,
  shape: (name: string) => Shape | undefined,
  /** Where a zero array for `name`'s adjoint goes: the adjoint itself (`direct`) if nothing reached it yet, else a new name. */
  scratch: (name: string) => { readonly name: string; readonly direct: boolean },
  out: IrStmt[],
): { name: string; contribution: IrExpr }[] {
  const r = s.stmt.range;
  const nameOf = (o: Operand): string | undefined => (o.expr.kind === 'name' ? o.expr.name : undefined);
  const shapeOf = (o: Operand): Shape => {
    if (o.expr.kind === 'number') return [];
    const found = nameOf(o) === undefined ? undefined : shape(nameOf(o)!);
    return found ?? refuse('the shape of this array is not known here (array code inside a loop or branch is not written yet)', o.expr.range);
  };
  const result: { name: string; contribution: IrExpr }[] = [];
  const give = (o: Operand, contribution: IrExpr): void => {
    if (o.active) result.push({ name: nameOf(o)!, contribution });
  };
  const [a, b] = s.args as [Operand, Operand | undefined];
  switch (s.op.kind) {
    case 'matmul': {
      const [na, nb] = [shapeOf(a).length, shapeOf(b!).length];
      if (na === 2 && nb === 2) {
        give(a, matmul(g, transposed(b!.expr, r), r));
        give(b!, matmul(transposed(a.expr, r), g, r));
      } else if (na === 2 && nb === 1) {
        give(a, call('outer', [g, b!.expr], r));
        give(b!, matmul(transposed(a.expr, r), g, r));
      } else if (na === 1 && nb === 2) {
        give(a, matmul(b!.expr, g, r));
        give(b!, call('outer', [a.expr, g], r));
      } else if (na === 1 && nb === 1) {
        give(a, times(g, b!.expr, r));
        give(b!, times(g, a.expr, r));
      } else {
        refuse(`a matrix product of ${na}- and ${nb}-dimensional arrays is not written yet`, r);
      }
      break;
    }
    case 'transpose':
      if (shapeOf(a).length > 2) refuse('the transpose of an array of more than two dimensions is not written yet', r);
      give(a, transposed(g, r));
      break;
    case 'outer':
      if (shapeOf(a).length !== 1 || shapeOf(b!).length !== 1) refuse('np.outer of arrays that are not vectors is not written yet', r);
      give(a, matmul(g, b!.expr, r));
      give(b!, matmul(a.expr, g, r));
      break;
    case 'solve': {
      // x = A⁻¹b: b gets Aᵀ⁻¹g, A gets −(that)·xᵀ (an outer product for a vector b).
      if (shapeOf(a).length !== 2 || shapeOf(b!).length > 2) refuse('np.linalg.solve of stacked matrices is not written yet', r);
      const solved = call('solve', [transposed(a.expr, r), g], r);
      let gb: IrExpr = solved;
      if (b!.active) {
        // b's adjoint is A's too: written once, into b's adjoint when nothing reached it yet.
        const into = scratch(nameOf(b!)!);
        out.push(assign(into.name, solved, r));
        gb = ref(into.name, r);
        if (!into.direct) give(b!, gb);
      }
      const x = ref(s.target, r);
      give(a, { kind: 'unary', op: '-', operand: shapeOf(b!).length === 1 ? call('outer', [gb, x], r) : matmul(gb, transposed(x, r), r), range: r });
      break;
    }
    case 'inv': {
      // Y = A⁻¹: A gets −Yᵀ g Yᵀ.
      if (shapeOf(a).length !== 2) refuse('np.linalg.inv of stacked matrices is not written yet', r);
      const yt = transposed(ref(s.target, r), r);
      give(a, { kind: 'unary', op: '-', operand: matmul(matmul(yt, g, r), yt, r), range: r });
      break;
    }
    case 'trace': {
      // tr A = Σ A_ii: the diagonal gets g.
      const shape = shapeOf(a);
      if (shape.length !== 2 || shape[0] !== shape[1]) refuse('np.trace of an array that is not a square matrix is not written yet', r);
      give(a, times(g, call('eye', [num(shape[0]!, r)], r), r));
      break;
    }
    case 'det':
      // d = det A: A gets g·d·A⁻ᵀ.
      if (shapeOf(a).length !== 2) refuse('np.linalg.det of stacked matrices is not written yet', r);
      give(a, times(times(g, ref(s.target, r), r), transposed(call('inv', [a.expr], r), r), r));
      break;
    case 'slogdet':
      // log|det A|: A gets g·A⁻ᵀ (the sign is piecewise constant).
      if (shapeOf(a).length !== 2) refuse('np.linalg.slogdet of stacked matrices is not written yet', r);
      give(a, times(g, transposed(call('inv', [a.expr], r), r), r));
      break;
    case 'norm':
      // ‖x‖ = √Σx²: each entry gets g·x/‖x‖ (undefined at 0, where the check refuses it as AD does).
      give(a, times(g, { kind: 'binary', op: '/', left: a.expr, right: ref(s.target, r), range: r }, r));
      break;
    case 'sum': {
      const full = shapeOf(a);
      const axis = s.op.axis === undefined ? undefined : s.op.axis < 0 ? s.op.axis + full.length : s.op.axis;
      const count = axis === undefined ? full.reduce((p, n) => p * n, 1) : full[axis]!;
      const spread = axis === undefined || s.op.keepdims ? g : call('expand_dims', [g, num(axis, r)], r);
      const each = times(call('ones_like', [a.expr], r), spread, r);
      give(a, s.op.mean ? { kind: 'binary', op: '/', left: each, right: num(count, r), range: r } : each);
      break;
    }
    case 'setitem': {
      // a_2 = a with a_2[index] (op)= v: v gets the written entries' adjoint (summed where it was
      // broadcast into them); a gets the rest, for `=` with the written entries zeroed.
      const index = s.op.index;
      const selected = selectionShape(shapeOf(a), index, (x) => (x.kind === 'number' ? [] : x.kind === 'name' ? shape(x.name) : x.kind === 'unary' || x.kind === 'binary' ? [] : undefined));
      if (b!.active) {
        if (!selected) refuse('the shape of the entries written is not known here', r);
        const part = unbroadcast({ kind: 'index', object: g, index, range: r }, selected!, shapeOf(b!), r);
        give(b!, s.op.op === '-' ? { kind: 'unary', op: '-', operand: part, range: r } : part);
      }
      if (a.active && s.op.op !== '=') give(a, g);
      else if (a.active) {
        const into = scratch(nameOf(a)!);
        out.push(assign(into.name, { kind: 'call', callee: { kind: 'attribute', object: g, name: 'copy', range: r }, args: [], keywords: [], range: r }, r));
        out.push({ kind: 'assign', target: { kind: 'index', object: ref(into.name, r), index, range: r }, value: num(0, r), range: r });
        if (!into.direct) give(a, ref(into.name, r));
      }
      break;
    }
    case 'index': {
      // Reading x[i] sends g back to that element or slice: a zero array (of floats, whatever x
      // holds) with g there, written straight into x's adjoint when nothing has reached it yet.
      if (!a.active) break;
      const into = scratch(nameOf(a)!);
      const part = into.name;
      out.push(assign(part, call('zeros', [{ kind: 'attribute', object: a.expr, name: 'shape', range: r }], r), r));
      out.push({ kind: 'assign', target: { kind: 'index', object: ref(part, r), index: s.op.index, range: r }, value: g, range: r });
      if (!into.direct) give(a, ref(part, r));
      break;
    }
  }
  return result;
}

/**
 * Undoes broadcasting: `g` has the shape `from` of a step's result, the operand had `to`; the axes
 * numpy added or stretched are summed (`np.sum(g, axis=0)`, `np.sum(g, axis=1, keepdims=True)`).
 */
export function unbroadcast(g: IrExpr, from: Shape, to: Shape, range: SourceRange): IrExpr {
  if (from.length === to.length && from.every((n, i) => n === to[i])) return g;
  if (to.length === 0) return call('reduce_sum', [g], range);
  const lead = from.length - to.length;
  if (lead < 0) return refuse('an operand larger than the result of its step: GradLens cannot undo this broadcast', range);
  const leading = Array.from({ length: lead }, (_, i) => i);
  const stretched = to.flatMap((n, i) => (n === 1 && from[lead + i] !== 1 ? [i] : []));
  const axes = (list: number[]): IrExpr => (list.length === 1 ? num(list[0]!, range) : { kind: 'tuple', elements: list.map((i) => num(i, range)), range });
  let summed = g;
  if (leading.length) summed = call('reduce_sum', [summed], range, [['axis', axes(leading)]]);
  if (stretched.length) summed = call('reduce_sum', [summed], range, [['axis', axes(stretched)], ['keepdims', { kind: 'bool', value: true, range }]]);
  return summed;
}

/** A partial written with `a if test else b` made elementwise: numpy's where. */
export function elementwise(e: IrExpr): IrExpr {
  switch (e.kind) {
    case 'conditional':
      return call('where', [e.test, elementwise(e.then), elementwise(e.else)], e.range);
    case 'binary':
      return { ...e, left: elementwise(e.left), right: elementwise(e.right) };
    case 'sum':
      return { ...e, terms: e.terms.map(elementwise) };
    case 'unary':
      return { ...e, operand: elementwise(e.operand) };
    case 'call':
      return { ...e, args: e.args.map(elementwise) };
    default:
      return e;
  }
}

/** The shape of a value the engine returned (a nested list); undefined when it is not rectangular. */
export function shapeOfValue(v: unknown): Shape | undefined {
  if (typeof v === 'number' || typeof v === 'boolean') return [];
  if (!Array.isArray(v)) return undefined;
  if (v.length === 0) return [0];
  const inner = shapeOfValue(v[0]);
  if (!inner) return undefined;
  for (const x of v) {
    const s = shapeOfValue(x);
    if (!s || s.length !== inner.length || s.some((n, i) => n !== inner[i])) return undefined;
  }
  return [v.length, ...inner];
}
