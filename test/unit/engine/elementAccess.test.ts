import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { ARRAY_OP, ELEMENT_OP } from '../../../src/engine/tape';
import { reverseAll } from '../../../src/engine/sweeps';

/**
 * Scalar loops over numpy arrays (`x[i]`, `A[i, j]`, `W[i][j]`, `g[i] = …`) record what the same
 * loop over lists records: a parameter's element is its input entry, a scalar written into an array
 * stays its own row until the array is used whole, and a buffer nobody else holds is written in
 * place. The derivatives themselves are checked in arrays.test.ts (the `loop_*` and `write_*` rows);
 * here: the tape's shape, and that in-place writes never change what another value holds.
 */

const ROSEN = `def rosen(x):
    s = 0.0
    for i in range(len(x) - 1):
        s += 100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1.0 - x[i]) ** 2
    return s
`;

function gradientOf(text: string, name: string, at: Record<string, unknown>): { value: number; gradient: Record<string, unknown>; rows: number; ops: Uint8Array } {
  const doc = DocumentAnalysis.fromText(text, 'loops.py', 'python');
  const r = doc.gradient(name, { values: at as never, source: 'argument' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const tape = r.value.trace.tape;
  return { value: r.value.value as number, gradient: r.value.gradient!, rows: tape.length, ops: tape.op.slice(0, tape.length) };
}

const xs = Array.from({ length: 50 }, (_, i) => 0.5 + 0.01 * i);

test('a loop reading x[i] of an array records the same tape as over a list, and the same numbers bit for bit', () => {
  const list = gradientOf(ROSEN, 'rosen', { x: xs });
  const array = gradientOf(`import numpy as np\n\n${ROSEN}`, 'rosen', { x: xs });
  assert.equal(array.rows, list.rows);
  assert.deepEqual(array.ops, list.ops);
  assert.ok(!array.ops.includes(ELEMENT_OP) && !array.ops.includes(ARRAY_OP));
  assert.equal(array.value, list.value);
  assert.deepEqual(array.gradient, list.gradient);
});

test('A[i, j] and W[i][j] of a 2-D parameter read its input entries: no row view, no element row', () => {
  const text = `import numpy as np

def quad(W, x):
    s = 0.0
    for i in range(len(x)):
        for j in range(len(x)):
            s += W[i][j] * x[i] * x[j] + W[i, j]
    return s
`;
  const W = [[1.0, 0.5], [-0.3, 2.0]];
  const r = gradientOf(text, 'quad', { W, x: [0.7, -0.4] });
  assert.ok(!r.ops.includes(ELEMENT_OP) && !r.ops.includes(ARRAY_OP));
  // ∂/∂W[i][j] = x_i x_j + 1; ∂/∂x = (W + Wᵀ) x.
  assert.deepEqual(r.gradient.W, [[0.7 * 0.7 + 1, 0.7 * -0.4 + 1], [-0.4 * 0.7 + 1, -0.4 * -0.4 + 1]]);
  const g = r.gradient.x as number[];
  assert.ok(Math.abs(g[0]! - (2 * 1.0 * 0.7 + (0.5 - 0.3) * -0.4)) < 1e-15);
  assert.ok(Math.abs(g[1]! - ((0.5 - 0.3) * 0.7 + 2 * 2.0 * -0.4)) < 1e-15);
});

test('g[i] = … in a loop records one array row for g, not a copy of g per write', () => {
  const text = `import numpy as np

def squares(x):
    g = np.zeros(len(x))
    for i in range(len(x)):
        g[i] = x[i] ** 2
    return np.sum(g)
`;
  const n = 4000;
  const x = Array.from({ length: n }, (_, i) => 0.001 * i);
  const r = gradientOf(text, 'squares', { x });
  const arrayRows = r.ops.filter((o) => o === ARRAY_OP).length;
  // n inputs, n squares, the array row of g and its sum (and the sum's element read).
  assert.ok(r.rows <= 2 * n + 4, String(r.rows));
  assert.equal(arrayRows, 2);
  (r.gradient.x as number[]).forEach((gi, i) => assert.equal(gi, 2 * x[i]!));
});

/** Their values were computed with numpy (/usr/bin/python3) when these tests were written. */
const ALIASING = `import numpy as np

def held(x):
    c = np.zeros(3)
    c[0] = 1.0
    y = x * c
    c[1] = 10.0
    r = c[0:2]
    c[0] = 2.0
    return np.sum(y * y) + np.sum(r * x[:2])

def view_rows(x):
    A = np.zeros((2, 3))
    row = A[1]
    before = np.sum(row)
    for j in range(3):
        A[1, j] = x[j] * (j + 1)
    A[0][2] = 5.0
    return np.sum(row * row) + A[0, 2] * row[2] + before

def copy_then_write(x):
    y = x.copy()
    z = y
    y[0] = 4.0
    w = x[0:2]
    return y[0] * z[1] + x[0] + w[0]
`;

test('writes in place never change what another value already holds; views see later writes (numpy’s values)', () => {
  const x = [0.7, -0.3, 0.9];
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
  const cases: [string, number, number[]][] = [
    // y = x·[1, 0, 0] keeps c as it was; r = c[0:2] is [2, 10] when read.
    ['held', -1.11, [2 * 0.7 + 2, 10, 0]],
    // row = [x0, 2·x1, 3·x2]; A[0, 2] = 5.
    ['view_rows', 21.64, [2 * 0.7, 8 * -0.3, 18 * 0.9 + 15]],
    // y[0] = 4 is a constant; x itself is untouched by writes to its copy.
    ['copy_then_write', 0.19999999999999996, [2, 4, 0]],
  ];
  for (const [name, value, gradient] of cases) {
    for (const mode of ['evaluate', 'gradient'] as const) {
      const doc = DocumentAnalysis.fromText(ALIASING, 'alias.py', 'python');
      const point = { values: { x }, source: 'argument' } as const;
      if (mode === 'evaluate') {
        const r = doc.evaluate(name, point);
        assert.ok(r.ok, r.ok ? '' : r.error.message);
        assert.ok(near(r.value.value as number, value), `${name}: ${String(r.value.value)} (numpy ${value})`);
        continue;
      }
      const r = doc.gradient(name, point);
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.ok(near(r.value.value as number, value), `${name}: ${String(r.value.value)} (numpy ${value})`);
      (r.value.gradient!.x as number[]).forEach((g, i) => assert.ok(near(g, gradient[i]!), `${name} ∂x${i}: ${g}, want ${gradient[i]}`));
    }
  }
});

/**
 * Tracked writes into a column or block, `dW[:, j] += p[j] * X[i]`, as a course's naive softmax
 * gradient makes them. `inplace` writes through increasing positions (array/writeChain.ts: in place,
 * a row of the written positions only); `general` writes the same numbers through decreasing ones
 * (`dW[::-1, j] = …[::-1]`), which keep the general path (a new version of the whole array per write).
 * Reads between the writes (a whole-array sum, a view made before them, an element) check that
 * nothing another value holds changes.
 */
const COLUMN_WRITES = (rows: string, src: string): string => `import numpy as np

def f(W, X):
    dW = np.zeros_like(W)
    col = dW[:, 1]
    held = 0.0
    for i in range(X.shape[0]):
        p = np.tanh(X[i].dot(W))
        for j in range(W.shape[1]):
            dW[${rows}, j] += p[j] * X[i]${src}
        held += np.sum(dW * dW) + dW[0, 1] * col[2]
        dW[${rows}, 0] -= X[i]${src}
    return held + np.sum(dW * W) + np.sum(col)
`;

test('dW[:, j] += … in a loop writes in place: a row of the written positions per write, the same numbers as a copy per write', () => {
  const D = 24;
  const C = 3;
  const N = 5;
  const W = Array.from({ length: D }, (_, d) => Array.from({ length: C }, (_, c) => Math.sin(d * C + c) * 0.3));
  const X = Array.from({ length: N }, (_, i) => Array.from({ length: D }, (_, d) => Math.cos(i * D + d)));
  const run = (text: string, mode: 'reverse' | 'forward') => {
    const doc = DocumentAnalysis.fromText(text, 'cols.py', 'python');
    // Forward mode runs one sweep per input (192): a budget no machine load reaches.
    const r = doc.gradient('f', { values: { W, X } as never, source: 'argument' }, { mode, budget: { maxMillis: 120_000 } });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const tape = r.value.trace.tape;
    const writes: Float64Array[] = [];
    for (let id = 0; id < tape.length; id++) if (tape.op[id] === ARRAY_OP && tape.nodeAt(id).name === 'setitem') writes.push(Float64Array.from(tape.nodeAt(id).value));
    // The hover's and graph's sweep keeps every row's adjoint (no buffer handed down the writes).
    const kept = reverseAll(tape, r.value.trace.output.ids[0]!).scalar;
    const keptW = r.value.trace.parameters.find((p) => p.name === 'W')!.ids.map((id) => kept[id]!);
    return { value: r.value.value, gradient: r.value.gradient, writes, arrayBytes: tape.arrayBytes, keptW };
  };
  const inplace = run(COLUMN_WRITES(':', ''), 'reverse');
  const general = run(COLUMN_WRITES('::-1', '[::-1]'), 'reverse');
  assert.equal(inplace.value, general.value);
  // The reversed reads of X[i] add X's adjoint in another order: equal to rounding, not bit for bit.
  const close = (a: unknown, b: unknown, what: string): void => {
    const xs = [a].flat(3) as number[];
    const ys = [b].flat(3) as number[];
    assert.equal(xs.length, ys.length);
    xs.forEach((x, k) => assert.ok(Math.abs(x - ys[k]!) <= 1e-13 * Math.max(1, Math.abs(ys[k]!)), `${what}[${k}]: ${x} vs ${ys[k]}`));
  };
  for (const p of ['W', 'X']) {
    close(inplace.gradient![p], general.gradient![p], `∂/∂${p}`);
    close(run(COLUMN_WRITES(':', ''), 'forward').gradient![p], general.gradient![p], `forward ∂/∂${p}`);
  }
  close(inplace.keptW, general.gradient!.W, 'kept adjoints ∂/∂W');
  // Every write's value as it was then (rebuilt from the chain), not the array's last contents.
  assert.equal(inplace.writes.length, N * (C + 1));
  assert.deepEqual(inplace.writes, general.writes);
  // A copy of the D×C array per write against D positions per write.
  assert.ok(general.arrayBytes - inplace.arrayBytes >= N * (C + 1) * 8 * D * C * 0.9, `${general.arrayBytes} vs ${inplace.arrayBytes}`);
});
