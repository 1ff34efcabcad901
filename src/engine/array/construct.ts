import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { inexactNormals, unreproducible } from '../interpreter/randomGenerators';
import { RandomGenerator, SequenceValue, Tracked, typeName, type Value } from '../interpreter/values';
import { ArrayValue, formatShape, sizeOf, type DType } from './ndarray';
import type { ScalarKind } from '../interpreter/scalarKinds';
import { promote, scalarDtype, withDtype } from './dtypes';
import { alloc, checkSize, constant, pack, type Scalar } from './record';
import { reshape, stack } from './shape';

/**
 * Making arrays: from nested lists (`np.array`), from a shape (`zeros`, `ones`, `full`, `eye`,
 * `empty` — zeros here, since GradLens never shows uninitialised memory), from ranges (`arange`,
 * `linspace`), and seeded random arrays. Every size is checked against the memory budget before the
 * buffer exists.
 */

/** Anything array-like as an array: arrays as they are, numbers and (nested) lists converted. */
export function toArray(rt: Runtime, v: Value, site: number, what: string, kind: ScalarKind = undefined): ArrayValue {
  if (v instanceof ArrayValue) return v;
  if (typeof v === 'number' || v instanceof Tracked || typeof v === 'boolean') {
    const x = typeof v === 'boolean' ? Number(v) : v;
    if (typeof x !== 'number') return pack(rt, [x], [], site);
    return withDtype(constant([], Float64Array.of(x)), scalarDtype(v as number | boolean, kind));
  }
  if (v instanceof SequenceValue) return fromList(rt, v, site, what);
  return fail('type', `${what} needs an array, a list or a number, got ${typeName(v)}`, rt.sites[site]!);
}

function fromList(rt: Runtime, v: SequenceValue, site: number, what: string): ArrayValue {
  if (v.items.some((x) => x instanceof ArrayValue || x instanceof SequenceValue)) {
    const parts = v.items.map((x) => toArray(rt, x, site, what));
    const first = parts[0]!;
    if (parts.some((p) => formatShape(p.shape) !== formatShape(first.shape))) {
      fail('shape', `${what}: the nested lists are ragged (shapes ${parts.map((p) => formatShape(p.shape)).join(', ')}); arrays must be rectangular`, rt.sites[site]!);
    }
    // numpy's array of [[1.0, 0], [0, 1]] holds floats when any row does.
    return withDtype(stack(rt, parts, 0, site), promote(parts.map((p) => ({ dtype: p.dtype, guess: p.wholeGuess }))));
  }
  const items: Scalar[] = v.items.map((x) => {
    if (typeof x === 'number' || x instanceof Tracked) return x;
    if (typeof x === 'boolean') return Number(x);
    return fail('type', `${what}: an array element must be a number, got ${typeName(x)}`, rt.sites[site]!);
  });
  const out = pack(rt, items, [items.length], site);
  if (v.items.length === 0) return out;
  if (v.items.every((x) => typeof x === 'boolean')) return withDtype(out, { dtype: 'bool', guess: false });
  if (v.floatLiteral || !v.items.every((x) => typeof x === 'boolean' || (typeof x === 'number' && Number.isInteger(x)))) return out;
  // ints for sure while the list holds the items the source made as ints; else whole numbers of unsaid type
  const exact = v.exactInts !== undefined && v.exactInts.length === v.items.length && v.items.every((x, i) => x === v.exactInts![i]);
  return withDtype(out, { dtype: 'int', guess: !exact });
}

/** A shape argument: an int or a tuple/list of ints. */
export function shapeArg(rt: Runtime, v: Value, site: number): number[] {
  const dims = v instanceof SequenceValue ? v.items : [v];
  return dims.map((d) => {
    const n = typeof d === 'number' ? d : d instanceof Tracked ? d.value : NaN;
    if (!Number.isInteger(n) || n < 0) fail('shape', `a shape needs non-negative integers, got ${typeName(d)}${Number.isNaN(n) ? '' : ` ${n}`}`, rt.sites[site]!);
    return n;
  });
}

export function filled(rt: Runtime, shape: readonly number[], value: number, site: number, dtype: DType = 'float'): ArrayValue {
  const data = alloc(rt, checkSize(rt, shape, site), site, shape);
  if (value !== 0) data.fill(value);
  return constant(shape, data, dtype);
}

export function eye(rt: Runtime, n: number, m: number, site: number): ArrayValue {
  const a = filled(rt, [n, m], 0, site);
  for (let i = 0; i < Math.min(n, m); i++) a.data[i * m + i] = 1;
  return a;
}

export function arange(rt: Runtime, start: number, stop: number, step: number, site: number): ArrayValue {
  if (step === 0) fail('type', 'arange step cannot be zero', rt.sites[site]!);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const a = filled(rt, [n], 0, site, [start, stop, step].every(Number.isInteger) ? 'int' : 'float');
  for (let i = 0; i < n; i++) a.data[i] = start + i * step;
  return a;
}

export function linspace(rt: Runtime, start: number, stop: number, num: number, endpoint: boolean, site: number): ArrayValue {
  const a = filled(rt, [num], 0, site);
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  for (let i = 0; i < num; i++) a.data[i] = start + i * step;
  if (endpoint && num > 1) a.data[num - 1] = stop;
  return a;
}

export type Distribution = { kind: 'uniform'; low: number; high: number } | { kind: 'normal'; loc: number; scale: number } | { kind: 'integers'; low: number; high: number };

/** Never a silently different number: a draw whose numbers may not be the program's says so where it is made. */
export function warnIfUnreproducible(rt: Runtime, gen: RandomGenerator, site: number, normals = false): void {
  const why = unreproducible(gen, rt.drawScope);
  if (why) return rt.warn('random-stream', why, site);
  const note = normals ? inexactNormals(gen) : undefined;
  if (note) rt.warn('draw-rounding', note, site, undefined, 'info');
}

/** Random numbers from a generator, in `shape` (a scalar when shape is undefined). */
export function random(rt: Runtime, gen: RandomGenerator, dist: Distribution, shape: readonly number[] | undefined, site: number): ArrayValue | number {
  warnIfUnreproducible(rt, gen, site, dist.kind === 'normal');
  const draw = (): number => {
    switch (dist.kind) {
      case 'uniform':
        return dist.low + (dist.high - dist.low) * gen.next();
      case 'normal':
        return dist.loc + dist.scale * gen.normal();
      case 'integers':
        return gen.integer(dist.low, dist.high);
    }
  };
  if (shape === undefined) return draw();
  const a = filled(rt, shape, 0, site, dist.kind === 'integers' ? 'int' : 'float');
  for (let i = 0; i < a.data.length; i++) a.data[i] = draw();
  return a;
}

/** `np.zeros_like(a)` and friends: the shape of an array-like. */
export function shapeOf(rt: Runtime, v: Value, site: number, what: string): number[] {
  return [...toArray(rt, v, site, what).shape];
}

export function reshapeTo(rt: Runtime, a: ArrayValue, shape: readonly number[], site: number): ArrayValue {
  return sizeOf(shape) === a.size ? reshape(rt, a, shape, site) : a;
}
