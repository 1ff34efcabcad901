import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { SequenceValue, typeName, type Value } from '../interpreter/values';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, bind, given, int, notYet, type Impl } from './args';
import { elementwise } from './elementwise';
import { matmul } from './linalg';
import { ArrayValue, sameShape, sizeOf } from './ndarray';
import { element } from './record';
import { gatherBy } from './rearrange';
import { sum } from './reduce';
import { concatenate, normalizeAxis, reshape, transpose } from './shape';
import { sliceAxis } from './statistics';

/**
 * einsum, tensordot, kron and cross. An einsum is reduced to the operations that already have
 * rules: a repeated index within one operand is a diagonal (a gather), an index no one else needs is
 * a sum, and each pair of operands is contracted as ONE matrix product of transposed, reshaped
 * operands — the kernels `@` uses, so `einsum('ij,jk->ik', A, B)` costs what `A @ B` does.
 */

/** An operand with one label per axis (letters, or ellipsis labels, which are negative). */
interface Labelled {
  readonly a: ArrayValue;
  readonly labels: readonly number[];
}

function sizes(rt: Runtime, parts: readonly Labelled[], site: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const { a, labels } of parts) {
    labels.forEach((l, i) => {
      const d = a.shape[i]!;
      const seen = out.get(l);
      if (seen === undefined || seen === 1) out.set(l, d);
      else if (d !== seen && d !== 1) fail('shape', `einsum: the index ${labelName(l)} has size ${seen} in one operand and ${d} in another`, rt.sites[site]!);
    });
  }
  return out;
}

function labelName(l: number): string {
  return l >= 0 ? String.fromCharCode(l) : `… axis ${-l}`;
}

/** Axes of size 1 where the label is larger elsewhere, repeated to full size (numpy broadcasts them). */
function broadcastTo(rt: Runtime, x: Labelled, size: Map<number, number>, site: number): Labelled {
  const shape = x.labels.map((l) => size.get(l)!);
  if (sameShape(shape, x.a.shape)) return x;
  return { a: gatherBy(rt, 'broadcast', x.a, shape, (idx) => idx.map((i, d) => (x.a.shape[d] === 1 ? 0 : i)), site), labels: x.labels };
}

/** Repeated labels within one operand: the diagonal over them (`ii`, `iij`). */
function diagonalOf(rt: Runtime, x: Labelled, site: number): Labelled {
  const unique = [...new Set(x.labels)];
  if (unique.length === x.labels.length) return x;
  const first = x.labels.map((l) => unique.indexOf(l));
  const shape = unique.map((l) => {
    const ds = x.labels.flatMap((m, i) => (m === l ? [x.a.shape[i]!] : []));
    if (ds.some((d) => d !== ds[0])) fail('shape', `einsum: the repeated index ${labelName(l)} has different sizes (${ds.join(', ')}) in one operand`, rt.sites[site]!);
    return ds[0]!;
  });
  return { a: gatherBy(rt, 'einsum', x.a, shape, (idx) => first.map((u) => idx[u]!), site), labels: unique };
}

/** Sums over the labels not in `keep`. */
function sumOut(rt: Runtime, x: Labelled, keep: ReadonlySet<number>, site: number): Labelled {
  const axes = x.labels.flatMap((l, i) => (keep.has(l) ? [] : [i]));
  if (axes.length === 0) return x;
  const s = sum(rt, x.a, { axes, keepdims: false }, site);
  const a = s instanceof ArrayValue ? s : reshape(rt, arr(rt, s as Value, site, 'einsum'), [], site);
  return { a, labels: x.labels.filter((l) => keep.has(l)) };
}

function reshapeIfNeeded(rt: Runtime, a: ArrayValue, shape: readonly number[], site: number): ArrayValue {
  return sameShape(a.shape, shape) ? a : reshape(rt, a, shape, site);
}

function permuted(rt: Runtime, x: Labelled, order: readonly number[], site: number): ArrayValue {
  return transpose(rt, x.a, order.map((l) => x.labels.indexOf(l)), site);
}

/**
 * Two operands contracted over the labels they share that `needed` does not hold: as
 * (batch, M, K) · (batch, K, N), one matmul. The result's labels: batch, then A's, then B's.
 */
function contract(rt: Runtime, x: Labelled, y: Labelled, needed: ReadonlySet<number>, site: number): Labelled {
  const inY = new Set(y.labels);
  const inX = new Set(x.labels);
  x = sumOut(rt, x, new Set([...x.labels].filter((l) => inY.has(l) || needed.has(l))), site);
  y = sumOut(rt, y, new Set([...y.labels].filter((l) => inX.has(l) || needed.has(l))), site);
  const size = sizes(rt, [x, y], site);
  x = broadcastTo(rt, x, size, site);
  y = broadcastTo(rt, y, size, site);
  const batch = x.labels.filter((l) => inY.has(l) && needed.has(l));
  const summed = x.labels.filter((l) => inY.has(l) && !needed.has(l));
  const xOnly = x.labels.filter((l) => !inY.has(l));
  const yOnly = y.labels.filter((l) => !inX.has(l));
  const n = (ls: readonly number[]): number => sizeOf(ls.map((l) => size.get(l)!));
  const [B, M, K, N] = [n(batch), n(xOnly), n(summed), n(yOnly)];
  const left = permuted(rt, x, [...batch, ...xOnly, ...summed], site);
  const right = permuted(rt, y, [...batch, ...summed, ...yOnly], site);
  const product = batch.length === 0
    ? matmul(rt, reshapeIfNeeded(rt, left, [M, K], site), reshapeIfNeeded(rt, right, [K, N], site), site, 'einsum')
    : matmul(rt, reshape(rt, left, [B, M, K], site), reshape(rt, right, [B, K, N], site), site, 'einsum');
  const labels = [...batch, ...xOnly, ...yOnly];
  return { a: reshapeIfNeeded(rt, product, labels.map((l) => size.get(l)!), site), labels };
}

/** A subscript term's labels, `...` standing for the axes the letters leave (labelled −1, −2 … from the right). */
function termLabels(rt: Runtime, term: string, ndim: number | undefined, ellipsisDims: number, site: number): number[] {
  const dots = term.indexOf('...');
  const letters = term.replace('...', '');
  for (const ch of letters) if (!/[A-Za-z]/.test(ch)) fail('type', `einsum: '${ch}' is not a valid subscript (letters and ... only)`, rt.sites[site]!);
  if (dots < 0) {
    if (ndim !== undefined && letters.length !== ndim) fail('shape', `einsum: the subscripts '${term}' name ${letters.length} axes of an operand with ${ndim} (shape has ${ndim} dimensions)`, rt.sites[site]!);
    return [...letters].map((c) => c.charCodeAt(0));
  }
  const before = term.slice(0, dots);
  const after = term.slice(dots + 3);
  const count = ndim === undefined ? ellipsisDims : ndim - before.length - after.length;
  if (count < 0) fail('shape', `einsum: the subscripts '${term}' name more axes than the operand has (${ndim})`, rt.sites[site]!);
  const middle = Array.from({ length: count }, (_, k) => -(count - k));
  return [...[...before].map((c) => c.charCodeAt(0)), ...middle, ...[...after].map((c) => c.charCodeAt(0))];
}

export function einsum(rt: Runtime, subscripts: string, operands: readonly ArrayValue[], site: number): Value {
  const spec = subscripts.replace(/\s+/g, '');
  const [lhs, rhs] = spec.includes('->') ? spec.split('->') as [string, string] : [spec, undefined];
  const terms = lhs.split(',');
  if (terms.length !== operands.length) fail('arity', `einsum: ${terms.length} subscript terms for ${operands.length} operands`, rt.sites[site]!);
  let parts: Labelled[] = terms.map((t, i) => ({ a: operands[i]!, labels: termLabels(rt, t, operands[i]!.ndim, 0, site) }));
  const ellipsisDims = Math.max(0, ...parts.flatMap((p) => p.labels.filter((l) => l < 0).map((l) => -l)));
  const counts = new Map<number, number>();
  for (const p of parts) for (const l of p.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const output = rhs !== undefined
    ? termLabels(rt, rhs.includes('...') ? rhs : rhs, undefined, ellipsisDims, site)
    : [...Array.from({ length: ellipsisDims }, (_, k) => -(ellipsisDims - k)), ...[...counts.keys()].filter((l) => l >= 0 && counts.get(l) === 1).sort((a, b) => a - b)];
  if (new Set(output).size !== output.length) fail('shape', `einsum: an output subscript appears twice in '${rhs}'`, rt.sites[site]!);
  for (const l of output) if (!counts.has(l)) fail('shape', `einsum: the output subscript ${labelName(l)} appears in no input`, rt.sites[site]!);
  parts = parts.map((p) => diagonalOf(rt, p, site));
  const size = sizes(rt, parts, site);
  const keep = new Set(output);
  let cur = sumOut(rt, parts[0]!, new Set(parts[0]!.labels.filter((l) => keep.has(l) || parts.slice(1).some((q) => q.labels.includes(l)))), site);
  for (let i = 1; i < parts.length; i++) {
    const needed = new Set([...keep, ...parts.slice(i + 1).flatMap((q) => q.labels)]);
    cur = contract(rt, cur, parts[i]!, needed, site);
  }
  cur = broadcastTo(rt, sumOut(rt, cur, keep, site), size, site);
  const out = permuted(rt, cur, output, site);
  return out.ndim === 0 ? element(rt, out, 0, site) : out;
}

/** tensordot: a's last N axes (or the listed ones) against b's first N (or listed), as one contraction. */
function tensordot(rt: Runtime, a: ArrayValue, b: ArrayValue, axes: Value | undefined, site: number): Value {
  let ia: number[];
  let ib: number[];
  if (axes === undefined || typeof axes === 'number' || !('items' in (axes as object))) {
    const n = axes === undefined ? 2 : int(rt, axes, site, 'axes');
    ia = Array.from({ length: n }, (_, k) => a.ndim - n + k);
    ib = Array.from({ length: n }, (_, k) => k);
  } else {
    const [pa, pb] = (axes as { items: Value[] }).items;
    const list = (v: Value | undefined): number[] => (v !== undefined && typeof v === 'object' && v !== null && 'items' in v ? (v as { items: Value[] }).items.map((x) => int(rt, x, site, 'an axis')) : [int(rt, v!, site, 'an axis')]);
    ia = list(pa);
    ib = list(pb);
  }
  if (ia.length !== ib.length) fail('shape', 'tensordot: the two lists of axes must have the same length', rt.sites[site]!);
  ia = ia.map((x) => normalizeAxis(rt, x, a.ndim, site));
  ib = ib.map((x) => normalizeAxis(rt, x, b.ndim, site));
  ia.forEach((x, k) => {
    if (a.shape[x] !== b.shape[ib[k]!]) fail('shape', `tensordot: shape-mismatch for sum (${a.shape[x]} ≠ ${b.shape[ib[k]!]})`, rt.sites[site]!);
  });
  const la = a.shape.map((_, i) => 1000 + i);
  const lb = b.shape.map((_, i) => (ib.includes(i) ? la[ia[ib.indexOf(i)]!]! : 2000 + i));
  const free = [...la.filter((_, i) => !ia.includes(i)), ...lb.filter((_, i) => !ib.includes(i))];
  const out = contract(rt, { a, labels: la }, { a: b, labels: lb }, new Set(free), site);
  const res = permuted(rt, out, free, site);
  return res.ndim === 0 ? element(rt, res, 0, site) : res;
}

/** kron: every a[i]·b, laid out block by block — a broadcast product of interleaved axes, reshaped. */
function kron(rt: Runtime, a0: ArrayValue, b0: ArrayValue, site: number): ArrayValue {
  const nd = Math.max(a0.ndim, b0.ndim);
  const a = reshape(rt, a0, [...new Array<number>(nd - a0.ndim).fill(1), ...a0.shape], site);
  const b = reshape(rt, b0, [...new Array<number>(nd - b0.ndim).fill(1), ...b0.shape], site);
  const ai = reshape(rt, a, a.shape.flatMap((d) => [d, 1]), site);
  const bi = reshape(rt, b, b.shape.flatMap((d) => [1, d]), site);
  return reshape(rt, elementwise(rt, P.mul, ai, bi, site), a.shape.map((d, i) => d * b.shape[i]!), site);
}

/** cross of 3-vectors (or 2-vectors, the missing component 0) along an axis, broadcast over the rest. */
function cross(rt: Runtime, a0: ArrayValue, b0: ArrayValue, axis: number, site: number): ArrayValue {
  const move = (x: ArrayValue): ArrayValue => {
    const ax = normalizeAxis(rt, axis, x.ndim, site);
    return transpose(rt, x, [...x.shape.keys()].filter((d) => d !== ax).concat(ax), site);
  };
  const a = move(a0);
  const b = move(b0);
  const [na, nb] = [a.shape[a.ndim - 1]!, b.shape[b.ndim - 1]!];
  if (![2, 3].includes(na) || ![2, 3].includes(nb)) fail('shape', `incompatible dimensions for cross product (dimension must be 2 or 3), got ${na} and ${nb}`, rt.sites[site]!);
  const c = (x: ArrayValue, k: number): ArrayValue => reshape(rt, sliceAxis(rt, x, x.ndim - 1, k, k + 1, site), x.shape.slice(0, -1), site);
  const mul = (x: ArrayValue, y: ArrayValue): ArrayValue => elementwise(rt, P.mul, x, y, site);
  const sub = (x: ArrayValue, y: ArrayValue): ArrayValue => elementwise(rt, P.sub, x, y, site);
  const [a1, a2, b1, b2] = [c(a, 0), c(a, 1), c(b, 0), c(b, 1)];
  if (na === 2 && nb === 2) return sub(mul(a1, b2), mul(a2, b1));
  const zeroA = na === 2;
  const zeroB = nb === 2;
  const a3 = zeroA ? undefined : c(a, 2);
  const b3 = zeroB ? undefined : c(b, 2);
  // numpy's own products and order: cp0 = a1·b2 − a2·b1 in its 0-based names
  const neg = (v: ArrayValue): ArrayValue => elementwise(rt, P.neg, v, undefined, site);
  const x = a3 === undefined ? mul(a2, b3!) : b3 === undefined ? mul(neg(a3), b2) : sub(mul(a2, b3), mul(a3, b2));
  const y = a3 === undefined ? mul(neg(a1), b3!) : b3 === undefined ? mul(a3, b1) : sub(mul(a3, b1), mul(a1, b3));
  const z = sub(mul(a1, b2), mul(a2, b1));
  const parts = [x, y, z];
  const shape = parts.reduce((s, p) => (p.ndim > s.length ? [...p.shape] : s), [] as number[]);
  const expand = (p: ArrayValue): ArrayValue => reshape(rt, sameShape(p.shape, shape) ? p : elementwise(rt, P.add, p, elementwise(rt, P.mul, parts[2]!, 0, site), site), [...shape, 1], site);
  const out = concatenate(rt, parts.map(expand), shape.length, site, 'cross');
  // numpy's axis= sets axisc too: the result's vectors lie along that axis
  const at = normalizeAxis(rt, axis, out.ndim, site);
  return at === out.ndim - 1 ? out : transpose(rt, out, [...Array(out.ndim - 1).keys()].flatMap((d) => (d === at ? [out.ndim - 1, d] : [d])), site);
}

/**
 * numpy's other form, `einsum(a, [0, 1], b, [1, 2], [0, 2])`: operands each followed by its list of
 * axis labels (integers 0–51), and optionally the output's list last. The labels become
 * letters in the order of the integers (0–25 A–Z, 26–51 a–z), so an implicit output keeps numpy's
 * order.
 */
function fromSublists(rt: Runtime, args: readonly Value[], site: number): { subscripts: string; operands: Value[] } {
  const letters = (v: Value): string => {
    if (!(v instanceof SequenceValue)) return fail('type', 'einsum: in the operand-and-list form each operand is followed by a list of axis labels', rt.sites[site]!);
    return v.items
      .map((x) => {
        if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= 52) return fail('type', `einsum: axis labels in the list form are integers 0 to 51, got ${typeName(x)} ${typeof x === 'number' ? x : ''}`.trimEnd(), rt.sites[site]!);
        return String.fromCharCode(x < 26 ? 65 + x : 97 + x - 26);
      })
      .join('');
  };
  const operands: Value[] = [];
  const inputs: string[] = [];
  let i = 0;
  for (; i + 1 < args.length; i += 2) {
    operands.push(args[i]!);
    inputs.push(letters(args[i + 1]!));
  }
  const output = i < args.length ? `->${letters(args[i]!)}` : '';
  return { subscripts: inputs.join(',') + output, operands };
}

export const CONTRACTION_IMPLEMENTATIONS = {
  einsum: (rt, args, kw, site) => {
    for (const k of kw) if (k.name !== 'optimize') fail('unsupported', `GradLens does not support einsum's ${k.name}= yet`, rt.sites[site]!);
    const [spec, ...ops] = args;
    if (typeof spec !== 'string') {
      const { subscripts, operands } = fromSublists(rt, args, site);
      return einsum(rt, subscripts, operands.map((o) => arr(rt, o, site, 'einsum')), site);
    }
    return einsum(rt, spec, ops.map((o) => arr(rt, o, site, 'einsum')), site);
  },
  tensordot: (rt, args, kw, site) => {
    const b = bind(rt, 'tensordot', ['a', 'b', 'axes'], args, kw, site);
    return tensordot(rt, arr(rt, b.a!, site, 'tensordot'), arr(rt, b.b!, site, 'tensordot'), given(b.axes) ? b.axes : undefined, site);
  },
  kron: (rt, [a, b], _kw, site) => kron(rt, arr(rt, a!, site, 'kron'), arr(rt, b!, site, 'kron'), site),
  cross: (rt, args, kw, site) => {
    const b = bind(rt, 'cross', ['a', 'b', 'axisa', 'axisb', 'axisc', 'axis'], args, kw, site);
    notYet(rt, 'cross', b, ['axisa', 'axisb', 'axisc'], site);
    return cross(rt, arr(rt, b.a!, site, 'cross'), arr(rt, b.b!, site, 'cross'), given(b.axis) ? int(rt, b.axis, site, 'axis') : -1, site);
  },
} satisfies Record<string, Impl>;

