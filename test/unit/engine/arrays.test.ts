import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePython, valueAt } from '../../oracle/table/engine';
import { DEFAULT_BUDGET } from '../../../src/core/budget';
import { sourceRange } from '../../../src/core/sourceRange';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { det, slogdet } from '../../../src/engine/array/determinant';
import { elementwise } from '../../../src/engine/array/elementwise';
import { matmul } from '../../../src/engine/array/linalg';
import { ArrayValue, sizeOf } from '../../../src/engine/array/ndarray';
import { element, parameterArray } from '../../../src/engine/array/record';
import { sum } from '../../../src/engine/array/reduce';
import { inv, solve } from '../../../src/engine/array/solve';
import { hessian } from '../../../src/engine/hessian';
import { Runtime } from '../../../src/engine/interpreter/runtime';
import { Tracked } from '../../../src/engine/interpreter/values';
import { SCALAR_PRIMITIVES } from '../../../src/engine/primitives/scalar';
import { forwardSweep, reverseSweep } from '../../../src/engine/sweeps';
import { Tape } from '../../../src/engine/tape';

/**
 * Array operations through one check table, as the scalar rules are checked: forward and reverse
 * agree to 1e-12, both match central differences, and the Hessian (forward over reverse, with the
 * nodes' curvature) matches differences of gradients and is symmetric. The elementwise rows are the
 * registry itself, every primitive, over several shapes with broadcasting and 0-d arrays.
 */

const SITES = [sourceRange(0, 0, 0, 1)];
const close = (a: number, b: number, rel: number, abs: number): boolean => Math.abs(a - b) <= abs + rel * Math.max(Math.abs(a), Math.abs(b));

/** Deterministic values inside a box. */
function fill(n: number, box: readonly [number, number], seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return box[0] + (box[1] - box[0]) * (0.1 + 0.8 * (s / 2147483648));
  });
}

interface Recorded {
  tape: Tape;
  ids: number[];
  out: number;
  value: number;
}

/** An array operation under test, applied to the parameter arrays. */
type Build = (rt: Runtime, args: ArrayValue[]) => ArrayValue;

/** Σ w·op(args) over the result, with fixed weights so every element matters. */
function record(build: Build, shapes: readonly (readonly number[])[], values: readonly number[][]): Recorded {
  const tape = new Tape(SITES, DEFAULT_BUDGET.maxBytes);
  const rt = new Runtime(tape, DEFAULT_BUDGET, SITES);
  const ids: number[] = [];
  const args = shapes.map((shape, i) => {
    const { value, ids: own } = parameterArray(rt, shape, Float64Array.from(values[i]!), 0);
    ids.push(...own);
    return value;
  });
  const y = build(rt, args);
  const w = new ArrayValue(y.shape, Float64Array.from({ length: y.size }, (_, i) => 1 + 0.25 * i), -1);
  const s = sum(rt, elementwise(rt, SCALAR_PRIMITIVES.find((q) => q.name === 'mul')!, y, w, 0), { axes: [...y.shape.keys()], keepdims: false }, 0);
  const out = s instanceof Tracked ? s : (element(rt, s as ArrayValue, 0, 0) as Tracked);
  return { tape, ids, out: out.id, value: out.value };
}

/** `differencesOf`: the function whose differences the gradient is checked against, when not `build` itself (fround: the identity's, as in rules.test.ts). */
function checkAt(build: Build, shapes: readonly (readonly number[])[], values: number[][], label: string, secondOrder = true, differencesOf: Build = build): void {
  const r = record(build, shapes, values);
  const adj = reverseSweep(r.tape, r.out);
  const flat = values.flat();
  const f = (x: number[]): number => {
    let k = 0;
    const split = shapes.map((s) => x.slice(k, (k += sizeOf(s))));
    return record(differencesOf, shapes, split).value;
  };
  const grad = r.ids.map((id) => adj[id]!);
  r.ids.forEach((id, j) => {
    const fwd = forwardSweep(r.tape, [id])[r.out]!;
    assert.ok(close(fwd, grad[j]!, 1e-12, 1e-14), `${label} ∂${j}: forward ${fwd} reverse ${grad[j]}`);
    const h = 1e-4 * Math.max(1, Math.abs(flat[j]!));
    const at = (d: number): number => f(flat.map((x, i) => (i === j ? x + d : x)));
    const fd = (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
    assert.ok(close(grad[j]!, fd, 1e-6, 1e-8), `${label} ∂${j}: reverse ${grad[j]} differences ${fd}`);
  });
  if (!secondOrder) return;
  const H = hessian(r.tape, r.ids, r.out);
  const gradAt = (x: number[]): number[] => {
    let k = 0;
    const split = shapes.map((s) => x.slice(k, (k += sizeOf(s))));
    const q = record(build, shapes, split);
    const a = reverseSweep(q.tape, q.out);
    return q.ids.map((id) => a[id]!);
  };
  r.ids.forEach((_, j) => {
    const h = 1e-5 * Math.max(1, Math.abs(flat[j]!));
    const gp = gradAt(flat.map((x, i) => (i === j ? x + h : x)));
    const gm = gradAt(flat.map((x, i) => (i === j ? x - h : x)));
    r.ids.forEach((_, k) => {
      const fd = (gp[k]! - gm[k]!) / (2 * h);
      assert.ok(close(H[j]![k]!, fd, 1e-5, 1e-6), `${label} H[${j}][${k}] = ${H[j]![k]} differences ${fd}`);
      assert.ok(close(H[j]![k]!, H[k]![j]!, 1e-10, 1e-12), `${label} H symmetric at ${j},${k}`);
    });
  });
}

const UNARY_SHAPES: readonly (readonly number[])[] = [[3], [2, 2], []];
const BINARY_SHAPES: readonly (readonly (readonly number[])[])[] = [
  [[2, 3], [2, 3]],
  [[2, 3], [3]],
  [[2, 1], [1, 3]],
  [[], [2]],
];

/** Orders for a primitive whose first argument is a constant integer (polygamma's n): a scalar, and a row broadcast over x. */
const ORDER_CASES: readonly { orders: ArrayValue | number; xShape: readonly number[] }[] = [
  { orders: 2, xShape: [2, 3] },
  { orders: new ArrayValue([3], Float64Array.of(0, 1, 3), -1), xShape: [2, 3] },
];

/** Real orders (jv's ν), away from whole orders: a scalar, and a row broadcast over x. */
const REAL_ORDER_CASES: readonly { orders: ArrayValue | number; xShape: readonly number[] }[] = [
  { orders: 1.5, xShape: [2, 3] },
  { orders: new ArrayValue([3], Float64Array.of(0.25, 2.7, -1.3), -1), xShape: [2, 3] },
];

for (const p of SCALAR_PRIMITIVES) {
  if (p.integerOrderFirst || p.realOrderFirst) {
    test(`array ${p.name}: elementwise with constant orders, forward = reverse, differences, second order`, () => {
      (p.realOrderFirst ? REAL_ORDER_CASES : ORDER_CASES).forEach(({ orders, xShape }, ci) => {
        const x = fill(sizeOf(xShape), p.sampleBox[1]!, 11 + ci);
        checkAt((rt, [a]) => elementwise(rt, p, orders, a!, 0), [xShape], [x], `${p.name} orders ${String(orders instanceof ArrayValue ? [...orders.data] : orders)}`);
      });
    });
    continue;
  }
  test(`array ${p.name}: elementwise from the registry, forward = reverse, differences, second order`, () => {
    const shapeSets = p.arity === 1 ? UNARY_SHAPES.map((s) => [s]) : BINARY_SHAPES;
    shapeSets.forEach((shapes, si) => {
      const values = shapes.map((s, i) => fill(sizeOf(s), p.sampleBox[i] ?? p.sampleBox[0]!, 7 + 31 * si + i));
      // fround's derivative is a cast's (1): its float32 rounding would swamp any difference step.
      const identity: Build | undefined = p.name === 'fround' ? (_rt, [a]) => a! : undefined;
      checkAt((rt, [a, b]) => elementwise(rt, p, a!, b, 0), shapes, values, `${p.name} shapes ${JSON.stringify(shapes)}`, !p.zeroDerivative, identity);
    });
  });
}

/**
 * The linear-algebra nodes through the same check. Square matrices are made diagonally dominant
 * (±n on the diagonal, the sign alternating so determinants of both signs occur) to stay well
 * conditioned; `solve(A, A)` and `A @ A` feed one array to both inputs.
 */
const LINEAR_ALGEBRA: readonly { name: string; build: Build; shapeSets: readonly (readonly (readonly number[])[])[] }[] = [
  { name: 'solve', build: (rt, [a, b]) => solve(rt, a!, b!, 0), shapeSets: [[[3, 3], [3]], [[3, 3], [3, 2]], [[1, 1], [1]], [[2, 2], [2, 4]]] },
  { name: 'solve(A, A)', build: (rt, [a]) => solve(rt, a!, a!, 0), shapeSets: [[[2, 2]], [[3, 3]]] },
  { name: 'inv', build: (rt, [a]) => inv(rt, a!, 0), shapeSets: [[[1, 1]], [[2, 2]], [[3, 3]]] },
  { name: 'det', build: (rt, [a]) => det(rt, a!, 0), shapeSets: [[[1, 1]], [[2, 2]], [[3, 3]], [[4, 4]]] },
  { name: 'slogdet', build: (rt, [a]) => slogdet(rt, a!, 0).logabsdet, shapeSets: [[[1, 1]], [[2, 2]], [[3, 3]]] },
  {
    name: 'matmul of stacks',
    build: (rt, [a, b]) => matmul(rt, a!, b!, 0),
    shapeSets: [[[2, 2, 3], [3, 2]], [[2, 1, 2, 3], [3, 3, 2]], [[3], [2, 3, 2]], [[2, 2, 3], [3]], [[2, 3, 2], [2, 2, 3]], [[0, 2, 3], [3, 2]]],
  },
  { name: 'matmul of stacks (A @ A)', build: (rt, [a]) => matmul(rt, a!, a!, 0), shapeSets: [[[2, 2, 2]], [[3, 1, 2, 2]]] },
];

const SQUARE_INPUT = new Set(['solve', 'solve(A, A)', 'inv', 'det', 'slogdet']);

for (const row of LINEAR_ALGEBRA) {
  test(`array ${row.name}: forward = reverse, differences, second order`, () => {
    row.shapeSets.forEach((shapes, si) => {
      const values = shapes.map((shape, i) => {
        const v = fill(sizeOf(shape), [-1, 1], 11 + 31 * si + i);
        const n = shape[0]!;
        if (i === 0 && SQUARE_INPUT.has(row.name)) for (let d = 0; d < n; d++) v[d * n + d]! += (si % 2 === 0 ? 1 : -1) * n;
        return v;
      });
      checkAt(row.build, shapes, values, `${row.name} shapes ${JSON.stringify(shapes)}`);
    });
  });
}

/** Python-level rows: one function each, through the analysis API (as the CLI and editor use it). */
const PROGRAMS: readonly { name: string; body: string; at: Record<string, unknown> }[] = [
  { name: 'matmul', body: 'return np.sum(np.tanh(A @ x + 0.5) ** 2)', at: { A: [[0.2, -0.4, 0.1], [0.3, 0.5, -0.2]], x: [0.7, -0.3, 0.9] } },
  { name: 'matmul_2d', body: 'return np.sum((A @ B) ** 2) + np.dot(A[0], B[:, 1])', at: { A: [[0.2, -0.4, 0.1], [0.3, 0.5, -0.2]], B: [[1.0, 0.5], [-0.3, 0.8], [0.6, -0.1]] } },
  { name: 'reductions', body: 'return np.sum(np.max(A, axis=1) ** 2) + np.mean(A * A, axis=0).sum() + np.prod(A[1]) + np.linalg.norm(A)', at: { A: [[0.2, -0.4, 0.1], [0.3, 0.5, -0.2]] } },
  { name: 'keepdims', body: 'return np.sum((A - A.mean(axis=1, keepdims=True)) ** 2)', at: { A: [[0.2, -0.4, 0.1], [0.3, 0.5, -0.2]] } },
  { name: 'indexing', body: 'return A[0, 1] * A[1][2] + np.sum(A[:, 1] ** 3) + np.sum(A[1:, :2]) + A[-1, -1] ** 2', at: { A: [[0.2, -0.4, 0.1], [0.3, 0.5, -0.2]] } },
  { name: 'fancy', body: 'return np.sum(x[[0, 0, 2]] ** 2) + np.sum(x[x > 0] ** 3) + np.sum(x[::-2])', at: { x: [0.7, -0.3, 0.9, 1.2] } },
  { name: 'setitem', body: 'y = np.zeros(4)\n    y[1:3] = x[:2] * x[2]\n    y[[0, 3]] += x[3]\n    return np.sum(y * y * x)', at: { x: [0.7, -0.3, 0.9, 1.2] } },
  { name: 'inplace', body: 'y = x.copy()\n    y *= 2.0\n    z = y\n    z += x ** 2\n    y[0] = y[1] * y[2]\n    return np.sum(y ** 2)', at: { x: [0.7, -0.3, 0.9] } },
  { name: 'view_write', body: 'A = np.zeros((2, 3))\n    row = A[1]\n    row[1:] = x[:2]\n    A[0] = x\n    return np.sum(A ** 3) + row[2]', at: { x: [0.7, -0.3, 0.9] } },
  { name: 'shape_ops', body: 'm = np.concatenate([x, x ** 2]).reshape(2, -1)\n    s = np.vstack([x, np.cos(x)])\n    return np.sum(m.T @ s) + np.trace(np.outer(x, x)) + np.sum(np.diag(x) @ x) + np.hstack([x, x]).sum()', at: { x: [0.7, -0.3, 0.9] } },
  { name: 'where_clip', body: 'return np.sum(np.where(x > 0, x ** 2, -x)) + np.sum(np.clip(x, -0.5, 0.8) * x) + np.sum(np.maximum(x, 0.1))', at: { x: [0.7, -0.3, 0.9, -1.1] } },
  { name: 'zero_d', body: 'a = np.array(2.0) * x[0]\n    return np.sum(a * x) + float(np.sum(x * a))', at: { x: [0.7, -0.3] } },
  { name: 'linalg', body: 'x = np.linalg.solve(A, b)\n    s, l = np.linalg.slogdet(A)\n    return np.sum(x ** 2) + np.linalg.det(A) * np.trace(np.linalg.inv(A) @ A.T) + s * l', at: { A: [[2.0, 0.5, -0.3], [0.4, -1.8, 0.2], [0.1, 0.3, 2.2]], b: [0.7, -0.3, 0.9] } },
  { name: 'stacks', body: 'Y = np.tanh(X @ W)\n    return np.sum(Y ** 2) + np.sum(np.matmul(W.T, X)[1]) + np.sum(v @ X)', at: { X: [[[0.2, -0.4], [0.3, 0.5]], [[0.6, -0.1], [0.8, 0.2]]], W: [[1.0, 0.5], [-0.3, 0.8]], v: [0.3, -0.6] } },
  { name: 'dot_3d', body: 'return np.sum(np.dot(X, W) ** 2) + np.sum(np.dot(X, v) ** 2) + np.sum(np.inner(X, W) ** 2) + np.sum(X.dot(v))', at: { X: [[[0.2, -0.4], [0.3, 0.5]], [[0.6, -0.1], [0.8, 0.2]]], W: [[1.0, 0.5], [-0.3, 0.8]], v: [0.3, -0.6] } },
  { name: 'ellipsis', body: 'Y = X.copy()\n    Y[..., 0] = X[..., 1] ** 2\n    Y[0, ...] *= 2.0\n    return np.sum(Y[..., 1:] * X[..., :1]) + np.sum(X[...] ** 3) + X[1, 1, ..., 0] * X[..., None, 1].sum()', at: { X: [[[0.2, -0.4, 0.9], [0.3, 0.5, -0.7]], [[0.6, -0.1, 0.4], [0.8, 0.2, 1.1]]] } },
  // Gradient sweeps let an argument take its consumer's adjoint buffer over (Adjoints.adopt): values
  // reused by several consumers, a shared row (y * y), chains and reshapes must still sum correctly.
  { name: 'adjoint_reuse', body: 'y = x * 2.0\n    z = y * y + np.exp(y)\n    w = z.reshape(2, 2)\n    u = np.tanh(w) * w - 1.0\n    return np.sum(u * y.reshape(2, 2)) + np.sum(z - y) + np.sum(-(x / (z + 3.0)))', at: { x: [0.7, -0.3, 0.9, 0.2] } },
  // Scalar loops over arrays: elements read as their input entries, written as scalar rows (elementWrites.ts).
  { name: 'loop_reads', body: 's = 0.0\n    for i in range(len(x) - 1):\n        s += (x[i + 1] - x[i] ** 2) ** 2 + A[i % 2, 1] * A[1][i % 3] * x[i]\n    return s + np.sum(x * A[0])', at: { x: [0.7, -0.3, 0.9], A: [[0.2, -0.4, 0.1], [0.3, 0.5, -0.2]] } },
  { name: 'loop_writes', body: 'g = np.zeros_like(x)\n    for i in range(len(x)):\n        g[i] = x[i] ** 2 * x[(i + 1) % 3]\n    g[1] = 3.0\n    h = g * x\n    g[2] = np.sin(x[0])\n    return np.sum(h) + g[0] * g[2] + np.sum(g ** 3)', at: { x: [0.7, -0.3, 0.9] } },
  { name: 'write_param', body: 'x[0] = x[1] * x[2]\n    y = np.exp(x)\n    y[2] = y[0] + x[0] ** 2\n    M = np.outer(y, x)\n    M[1, 1] = x[2] ** 3\n    return np.sum(y ** 2) + x[0] * M[1][1] + np.sum(M @ x)', at: { x: [0.7, -0.3, 0.9] } },
  { name: 'composites', body: 'return np.sum(np.square(x) + np.exp2(x) + np.logaddexp(x, 0.5 * x))', at: { x: [0.7, -0.3, 0.9] } },
];

const close2 = (a: number, b: number): boolean => close(a, b, 1e-6, 1e-8);

for (const prog of PROGRAMS) {
  test(`array program ${prog.name}: forward = reverse, differences, Hessian`, () => {
    const params = Object.keys(prog.at);
    const text = `import numpy as np\n\ndef ${prog.name}(${params.join(', ')}):\n    ${prog.body}\n`;
    const doc = DocumentAnalysis.fromText(text, 'arrays.py', 'python');
    const rev = doc.gradient(prog.name, { values: prog.at as never, source: 'argument' }, { hessian: true });
    assert.ok(rev.ok, rev.ok ? '' : rev.error.message);
    const fwd = doc.gradient(prog.name, { values: prog.at as never, source: 'argument' }, { mode: 'forward' });
    assert.ok(fwd.ok, fwd.ok ? '' : fwd.error.message);
    const flatten = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flatten) : [v as number]);
    const g = params.flatMap((p) => flatten(rev.value.gradient![p]));
    const gf = params.flatMap((p) => flatten(fwd.value.gradient![p]));
    g.forEach((x, i) => assert.ok(close(x, gf[i]!, 1e-12, 1e-14), `${prog.name} ∂${i}: reverse ${x} forward ${gf[i]}`));
    const x0 = params.flatMap((p) => flatten(prog.at[p]));
    const rebuild = (x: number[]): Record<string, unknown> => {
      let k = 0;
      const shapeLike = (t: unknown): unknown => (Array.isArray(t) ? t.map(shapeLike) : x[k++]);
      return Object.fromEntries(params.map((p) => [p, shapeLike(prog.at[p])]));
    };
    const f = (x: number[]): number => {
      const r = doc.evaluate(prog.name, { values: rebuild(x) as never, source: 'argument' });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      return r.value.value as number;
    };
    x0.forEach((_, j) => {
      const h = 1e-4 * Math.max(1, Math.abs(x0[j]!));
      const at = (d: number): number => f(x0.map((x, i) => (i === j ? x + d : x)));
      const fd = (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
      assert.ok(close2(g[j]!, fd), `${prog.name} ∂${j}: ${g[j]} vs differences ${fd}`);
    });
    const H = rev.value.hessian!;
    const gradAt = (x: number[]): number[] => {
      const r = doc.gradient(prog.name, { values: rebuild(x) as never, source: 'argument' });
      assert.ok(r.ok);
      return params.flatMap((p) => flatten(r.value.gradient![p]));
    };
    x0.forEach((_, j) => {
      const h = 1e-5 * Math.max(1, Math.abs(x0[j]!));
      const gp = gradAt(x0.map((x, i) => (i === j ? x + h : x)));
      const gm = gradAt(x0.map((x, i) => (i === j ? x - h : x)));
      x0.forEach((_, k) => {
        const fd = (gp[k]! - gm[k]!) / (2 * h);
        assert.ok(close(H[j]![k]!, fd, 1e-5, 1e-6), `${prog.name} H[${j}][${k}] = ${H[j]![k]} vs ${fd}`);
      });
    });
  });
}

test('array errors are located and name what went wrong', () => {
  const text = `import numpy as np

def shapes(A, x):
    return np.sum(A + x)

def bounds(A):
    return A[1, 5]

def aligned(A, x):
    return np.sum(A @ x)

def huge(x):
    return np.sum(np.zeros((100000, 100000)) * x[0])

def unknown(x):
    return np.sum(np.fft.fft(x))

def ties(x):
    return np.max(x)
`;
  const doc = DocumentAnalysis.fromText(text, 'errors.py', 'python');
  const at = (values: Record<string, unknown>) => ({ values: values as never, source: 'argument' as const });
  const A = [[1, 2, 3], [4, 5, 6]];
  const e1 = doc.gradient('shapes', at({ A, x: [1, 2] }));
  assert.ok(!e1.ok && /add: shapes \(2, 3\) and \(2,\)/.test(e1.error.message) && e1.error.range.start.line === 3, !e1.ok ? e1.error.message : '');
  const e2 = doc.gradient('bounds', at({ A }));
  assert.ok(!e2.ok && /index 5 is out of bounds for axis 1 with size 3/.test(e2.error.message), !e2.ok ? e2.error.message : '');
  const e3 = doc.gradient('aligned', at({ A, x: [1, 2] }));
  assert.ok(!e3.ok && /\(2, 3\) and \(2,\) are not aligned/.test(e3.error.message), !e3.ok ? e3.error.message : '');
  const e4 = doc.gradient('huge', at({ x: [1, 2] }));
  assert.ok(!e4.ok && e4.error.code === 'budget-memory' && /shape \(100000, 100000\)/.test(e4.error.message), !e4.ok ? e4.error.message : '');
  const fn = doc.gradient('unknown', at({ x: [1, 2] }));
  assert.ok(!fn.ok && /np\.fft\.fft is not supported/.test(fn.error.message), JSON.stringify(fn));
  const tie = doc.gradient('ties', at({ x: [3, 1, 3] }));
  assert.ok(tie.ok);
  assert.deepEqual(tie.value.gradient!.x, [0.5, 0, 0.5]);
  assert.ok(tie.value.warnings.some((w) => /tie/.test(w.message)));
});

test('linear-algebra and ellipsis errors are located and name what went wrong', () => {
  const text = `import numpy as np

def singular(A, b):
    return np.sum(np.linalg.solve(A, b))

def singular_inv(A):
    return np.sum(np.linalg.inv(A))

def square(A):
    return np.linalg.det(A)

def rhs(A, b):
    return np.sum(np.linalg.solve(A, b))

def stacks(X, Y):
    return np.sum(X @ Y)

def stacked_det(X):
    return np.linalg.det(X)

def dot3(X, Y):
    return np.sum(np.dot(X, Y))

def two_ellipses(X):
    return X[..., 0, ...]
`;
  const doc = DocumentAnalysis.fromText(text, 'linalg_errors.py', 'python');
  const at = (values: Record<string, unknown>) => ({ values: values as never, source: 'argument' as const });
  const expect = (name: string, values: Record<string, unknown>, pattern: RegExp, line: number, column: number, code?: string): void => {
    const r = doc.gradient(name, at(values));
    assert.ok(!r.ok, `${name} should fail`);
    assert.match(r.error.message, pattern, name);
    assert.equal(r.error.range.start.line, line, `${name}: ${JSON.stringify(r.error.range)}`);
    assert.equal(r.error.range.start.column, column, `${name}: ${JSON.stringify(r.error.range)}`);
    if (code) assert.equal(r.error.code, code, name);
  };
  expect('singular', { A: [[1, 2], [2, 4]], b: [1, 2] }, /^matrix is singular \(det = 0\) in np\.linalg\.solve$/, 3, 18, 'domain');
  expect('singular', { A: [[1, 1], [1, 1 + 2 ** -52]], b: [1, 2] }, /matrix is singular to working precision \(det ≈ .*\) in np\.linalg\.solve/, 3, 18, 'domain');
  expect('singular_inv', { A: [[0, 0], [0, 0]] }, /matrix is singular \(det = 0\) in np\.linalg\.inv/, 6, 18);
  expect('square', { A: [[1, 2, 3], [4, 5, 6]] }, /np\.linalg\.det needs a square 2-D matrix, got shape \(2, 3\)/, 9, 11, 'shape');
  expect('square', { A: [[1, 2], [2, 4]] }, /np\.linalg\.det: the derivative at a matrix that is singular \(det = 0\) is not supported/, 9, 11, 'domain');
  expect('rhs', { A: [[1, 0], [0, 1]], b: [1, 2, 3] }, /A has shape \(2, 2\) and b has shape \(3,\): b must have shape \(2,\) or \(2, k\)/, 12, 18, 'shape');
  const X = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]];
  const Y = [[[1, 0], [0, 1]], [[1, 1], [0, 1]], [[2, 0], [0, 2]]];
  expect('stacks', { X, Y }, /the stacks \(2,\) and \(3,\) of operands with shapes \(2, 2, 2\) and \(3, 2, 2\) could not be broadcast together/, 15, 18, 'shape');
  expect('stacks', { X, Y: [[1, 2, 3]] }, /shapes \(2, 2, 2\) and \(1, 3\) are not aligned for @: 2 \(last axis of the first\) ≠ 1/, 15, 18, 'shape');
  expect('dot3', { X, Y: [[1, 2, 3]] }, /shapes \(2, 2, 2\) and \(1, 3\) are not aligned for dot: 2 \(dim 2\) ≠ 1 \(dim 0\)/, 21, 18, 'shape');
  expect('two_ellipses', { X }, /an index can only have a single ellipsis/, 24, 11, 'index');
  // the value alone of a singular matrix's determinant is fine, as in numpy
  const v = doc.evaluate('square', at({ A: [[1, 2], [2, 4]] }));
  assert.ok(v.ok && v.value.value === 0, v.ok ? String(v.value.value) : v.error.message);
});

test('a broadcast too large for the memory budget is refused before its operands are copied or mapped', () => {
  // 20,000 × 5,000: the result is 800 MB, and each operand broadcast to it a copy of 800 MB and a
  // map of 400 MB; all of it used to be made before the result was refused (2 GB RSS, issue 21).
  const m = compilePython('import numpy as np\n\ndef f(w):\n    return np.sum(w[:, None] * w[None, :5000])\n');
  const before = process.memoryUsage().arrayBuffers;
  assert.throws(() => valueAt(m, 'f', [Array.from({ length: 20_000 }, (_, i) => i * 1e-4)]), /memory budget exceeded: refusing to allocate an array of shape \(20000, 5000\)/);
  assert.ok(process.memoryUsage().arrayBuffers - before < 200 * 2 ** 20, `${(process.memoryUsage().arrayBuffers - before) / 2 ** 20} MiB of buffers made`);
});
