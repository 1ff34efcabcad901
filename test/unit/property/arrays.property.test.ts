import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * Random shapes and random index sets, repeated indices included, against gradients written out by
 * hand: a read `x[idx]` sends each read's gradient to its source (a scatter-add, so a repeated index
 * accumulates), a write `y[idx] = v` lets the last write to a position win, and broadcasting sums
 * the gradient back over the broadcast axes. Forward mode must agree with reverse to 1e-12.
 */

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
};
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

const DOC = DocumentAnalysis.fromText(
  `import numpy as np

def gather(x, idx, w):
    return np.sum(w * x[idx] ** 2)

def scatter(x, v, idx):
    y = x * 1.0
    y[idx] = v * v
    return np.sum(y * x)

def broadcast(a, b):
    return np.sum((a * b) * (a + 1.0))

def stacked(X, Y, W):
    return np.sum(W * (X @ Y))

def looped(X, Y, W):
    s = 0.0
    for i in range(X.shape[0]):
        j = i if Y.shape[0] > 1 else 0
        s = s + np.sum(W[i] * (X[i] @ Y[j]))
    return s
`,
  'property.py',
  'python',
);

/** The analysis point API takes numbers and lists; index lists go in as constant defaults do. */
function gradients(fn: string, at: Record<string, unknown>): { rev: Record<string, unknown>; fwd: Record<string, unknown>; value: number } {
  const point = { values: at as never, source: 'argument' as const };
  const rev = ok(DOC.gradient(fn, point));
  const fwd = ok(DOC.gradient(fn, point, { mode: 'forward' }));
  return { rev: rev.gradient!, fwd: fwd.gradient!, value: rev.value as number };
}

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

test('x[idx] with repeats: the gradient scatter-adds', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 6 }).chain((x) =>
        fc.tuple(fc.constant(x), fc.array(fc.integer({ min: -x.length, max: x.length - 1 }), { minLength: 1, maxLength: 8 })),
      ),
      ([x, idx]) => {
        const w = idx.map((_, k) => 1 + 0.5 * k);
        const { rev, fwd } = gradients('gather', { x, idx, w });
        const want = x.map(() => 0);
        idx.forEach((i, k) => {
          const j = i < 0 ? i + x.length : i;
          want[j] = want[j]! + 2 * w[k]! * x[j]!;
        });
        // idx and w are parameters too; only x's gradient is checked by hand
        flat(rev.x).forEach((g, j) => assert.ok(close(g, want[j]!), `∂x${j}: ${g} vs ${want[j]}`));
        flat(rev.x).forEach((g, j) => assert.ok(close(g, flat(fwd.x)[j]!), 'forward = reverse'));
      },
    ),
    { numRuns: 60 },
  );
});

test('y[idx] = v with repeats: the last write wins, untouched entries keep their gradient', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 6 }).chain((x) =>
        fc.tuple(fc.constant(x), fc.array(fc.integer({ min: 0, max: x.length - 1 }), { minLength: 1, maxLength: 6 })),
      ),
      ([x, idx]) => {
        const v = idx.map((_, k) => 0.5 + 0.25 * k);
        const { rev, fwd } = gradients('scatter', { x, v, idx });
        // y[j] = v[last k with idx[k] = j]² where written, else x[j]; f = Σ y·x
        const last = new Map<number, number>();
        idx.forEach((j, k) => last.set(j, k));
        const gx = x.map((xj, j) => (last.has(j) ? v[last.get(j)!]! ** 2 : 2 * xj));
        const gv = v.map((vk, k) => (last.get(idx[k]!) === k ? 2 * vk * x[idx[k]!]! : 0));
        flat(rev.x).forEach((g, j) => assert.ok(close(g, gx[j]!), `∂x${j}: ${g} vs ${gx[j]}`));
        flat(rev.v).forEach((g, k) => assert.ok(close(g, gv[k]!), `∂v${k}: ${g} vs ${gv[k]}`));
        [...flat(rev.x), ...flat(rev.v)].forEach((g, i) => assert.ok(close(g, [...flat(fwd.x), ...flat(fwd.v)][i]!), 'forward = reverse'));
      },
    ),
    { numRuns: 60 },
  );
});

test('random broadcast shapes: the gradient sums back over broadcast axes', () => {
  const dims = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 });
  fc.assert(
    fc.property(dims, fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), (shape, ones) => {
      // b's shape: a's trailing axes, some set to 1 (broadcast), maybe fewer axes
      const bShape = shape.map((d, i) => (ones[i] ? 1 : d)).slice(ones[2] ? 1 : 0);
      const size = (s: number[]): number => s.reduce((p, d) => p * d, 1);
      const fillShape = (s: number[], start: number): unknown => {
        let k = start;
        const build = (ax: number): unknown => (ax === s.length ? 0.1 * ((k++ % 7) - 3) + 0.05 : Array.from({ length: s[ax]! }, () => build(ax + 1)));
        return build(0);
      };
      if (shape.length === 0 || bShape.length === 0) return;
      const a = fillShape(shape, 1);
      const b = fillShape(bShape, 4);
      const { rev, fwd } = gradients('broadcast', { a, b });
      const av = flat(a);
      const bv = flat(b);
      // out[i] = a[i]·b[m(i)]·(a[i] + 1); ∂a[i] = b(2a + 1); ∂b[m] += a(a + 1)
      const strides = (s: number[]): number[] => s.map((_, i) => size(s.slice(i + 1)));
      const as = strides(shape);
      const offset = shape.length - bShape.length;
      const bs = strides(bShape);
      const map = (i: number): number => bShape.reduce((p, d, j) => p + (d === 1 ? 0 : Math.floor(i / as[j + offset]!) % shape[j + offset]!) * bs[j]!, 0);
      const ga = av.map((x, i) => bv[map(i)]! * (2 * x + 1));
      const gb = bv.map(() => 0);
      av.forEach((x, i) => (gb[map(i)] = gb[map(i)]! + x * (x + 1)));
      flat(rev.a).forEach((g, i) => assert.ok(close(g, ga[i]!), `∂a${i}`));
      flat(rev.b).forEach((g, i) => assert.ok(close(g, gb[i]!), `∂b${i}: ${g} vs ${gb[i]} shapes ${shape} ${bShape}`));
      flat(fwd.b).forEach((g, i) => assert.ok(close(g, gb[i]!), 'forward = reverse'));
    }),
    { numRuns: 80 },
  );
});

test('random stacks: matmul above 2-D agrees with a loop of 2-D products, broadcast stacks included', () => {
  const dim = fc.integer({ min: 1, max: 3 });
  fc.assert(
    fc.property(fc.tuple(dim, dim, dim, dim, fc.boolean()), ([b, m, k, n, shared]) => {
      let seed = b * 27 + m * 9 + k * 3 + n;
      const fill = (shape: number[]): unknown => (shape.length === 0 ? 0.1 * ((seed++ * 7) % 11) - 0.5 : Array.from({ length: shape[0]! }, () => fill(shape.slice(1))));
      const at = { X: fill([b, m, k]), Y: fill([shared ? 1 : b, k, n]), W: fill([b, m, n]) };
      const batched = gradients('stacked', at);
      const loop = gradients('looped', at);
      assert.ok(close(batched.value, loop.value), `value ${batched.value} vs ${loop.value}`);
      for (const p of ['X', 'Y', 'W']) {
        const want = flat(loop.rev[p]);
        flat(batched.rev[p]).forEach((g, i) => assert.ok(close(g, want[i]!), `∂${p}${i}: ${g} vs ${want[i]}`));
        flat(batched.fwd[p]).forEach((g, i) => assert.ok(close(g, want[i]!), `forward ∂${p}${i}`));
      }
    }),
    { numRuns: 60 },
  );
});
