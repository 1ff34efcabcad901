import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { ArrayArena, poisonReleasedArrays, pooledArenaBytes } from '../../../src/engine/array/arena';
import { derivatives } from '../../../src/engine/differentiate';
import { releaseTrace } from '../../../src/engine/run';
import { INPUT_OP, Tape } from '../../../src/engine/tape';
import { sourceRange } from '../../../src/core/sourceRange';
import { FunctionCache, graphFor, reportDocument } from '../../../src/report/documentReport';
import type { AnalyseRequest } from '../../../src/report/report';

/**
 * A released trace's buffers serve the next recording (arena.ts, Tape.release). These tests run
 * programs with arrays large enough to live in shared buffers (over 8 elements) and over the 64 KiB
 * cap (own, pooled buffers), alternating between functions so that every recording reuses buffers
 * another function released, and require the same bits as recordings that reused nothing.
 *
 * Released buffers are poisoned with NaN here (as in the oracle tests): an element some operation
 * takes unset and leaves unwritten, or a view read after release, then shows as NaN.
 */
poisonReleasedArrays(true);

const ramp = (n: number, a: number, b: number): number[] => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / Math.max(1, n - 1));
const grid = (m: number, n: number, seed: number): number[][] => Array.from({ length: m }, (_, i) => ramp(n, Math.sin(seed + i), Math.cos(seed - i)));

const TEXT = `import numpy as np

W = np.linspace(-1.0, 1.0, 40)
M = np.ones((6, 7)) * 0.5

def rosen(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)

def constants(x):
    return np.sum(np.tanh(x * W) ** 2) + np.sum(M @ x[:7])

def writes(x):
    y = x.copy()
    y[1:30] = y[:29] * y[2:31]
    y[[0, 5, 5]] += x[10]
    y *= 2.0
    return np.sum(y ** 3) + np.sum(np.maximum(y, 0.1))

def matrices(A, B):
    C = np.tanh(A @ B + 0.25)
    return np.sum(C * C, axis=1).sum() + np.mean(A.T[2:] ** 2) + np.prod(C[0, :3])

def large(v):
    u = np.exp(-v * v) + v
    return np.sum(u ** 2) + np.sum(u[::3])
`;

const POINTS: Record<string, Record<string, unknown>> = {
  rosen: { x: ramp(300, 0.5, 1.2) },
  constants: { x: ramp(40, -0.8, 0.9) },
  writes: { x: ramp(40, -0.6, 0.7) },
  matrices: { A: grid(6, 7, 1), B: grid(7, 5, 2) },
  // 12,000 float64s: over the 64 KiB cap, so each array has a buffer of its own (pooled as well).
  large: { v: ramp(12000, -2, 2) },
};

const flatten = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flatten) : [v as number]);

test('recordings that reuse released buffers give the same bits as recordings that reuse none', () => {
  const reference = new Map<string, { value: number; gradient: number[] }>();
  for (const [name, at] of Object.entries(POINTS)) {
    // A document of its own, never released: every buffer is fresh.
    const doc = DocumentAnalysis.fromText(TEXT, 'release.py', 'python');
    const r = doc.gradient(name, { values: at as never, source: 'argument' });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    reference.set(name, { value: r.value.value as number, gradient: Object.keys(at).flatMap((p) => flatten(r.value.gradient![p])) });
  }
  const doc = DocumentAnalysis.fromText(TEXT, 'release.py', 'python');
  const pooledBefore = pooledArenaBytes();
  for (let round = 0; round < 3; round++) {
    for (const mode of ['reverse', 'forward'] as const) {
      for (const [name, at] of Object.entries(POINTS)) {
        if (mode === 'forward' && name === 'large') continue; // 12,000 forward sweeps: slow, and covered by the reverse rounds
        const recorded = doc.record(name, { values: at as never, source: 'argument' });
        assert.ok(recorded.ok, recorded.ok ? '' : recorded.error.message);
        // Input rows are never written past their op, inputs and value (Tape.inputs): a reused
        // tape buffer must read as fresh there.
        const tape = recorded.value.tape;
        for (let i = 0; i < tape.length; i++) {
          if (tape.op[i] === INPUT_OP) assert.ok(tape.partial0[i] === 0 && tape.partial1[i] === 0 && tape.constant[i] === 0, `${name}: input row ${i} reads as fresh`);
        }
        const d = derivatives(recorded.value, mode);
        const gradient = Object.keys(at).flatMap((p) => flatten(d.gradient![p]));
        const want = reference.get(name)!;
        assert.ok(Object.is(recorded.value.output.values[0], want.value), `${name} round ${round}: value ${recorded.value.output.values[0]} vs ${want.value}`);
        const tolerance = mode === 'reverse' ? 0 : 1e-12;
        gradient.forEach((g, i) => {
          const w = want.gradient[i]!;
          assert.ok(Math.abs(g - w) <= tolerance * Math.max(1, Math.abs(w)), `${name} ${mode} round ${round} ∂${i}: ${g} vs ${w}`);
        });
        releaseTrace(recorded.value);
        // A primal evaluation releases its own buffers at once: interleave one.
        assert.equal(doc.evaluate(name, { values: at as never, source: 'argument' }).ok, true);
      }
    }
  }
  assert.ok(pooledArenaBytes() > pooledBefore, 'released buffers wait in the pool');
});

test('a released trace refuses every sweep; releasing twice does nothing', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'release.py', 'python');
  const recorded = doc.record('rosen', { values: POINTS.rosen as never, source: 'argument' });
  assert.ok(recorded.ok);
  releaseTrace(recorded.value);
  releaseTrace(recorded.value);
  assert.throws(() => derivatives(recorded.value, 'reverse'), /released trace/);
  assert.throws(() => derivatives(recorded.value, 'forward'), /released trace/);
});

test('a released arena poisons its buffers with NaN when asked, and hands them out zeroed unless taken unset', () => {
  const arena = new ArrayArena(4096);
  const a = arena.take(1000);
  const b = arena.take(3000);
  const big = arena.take(10000);
  a.fill(1);
  b.fill(2);
  big.fill(3);
  arena.release();
  assert.ok(a.every(Number.isNaN) && b.every(Number.isNaN) && big.every(Number.isNaN), 'a read after release shows NaN');
  assert.throws(() => arena.take(100), /already released/);
  assert.throws(() => arena.takeUnset(100), /already released/);
  const next = new ArrayArena(4096);
  const a2 = next.take(1000);
  const unset = next.takeUnset(3000);
  const big2 = next.take(10000);
  assert.equal(a2.buffer, a.buffer, 'the shared buffer is reused');
  assert.equal(unset.buffer, a.buffer);
  assert.equal(big2.buffer, big.buffer, 'a buffer above the cap is reused');
  assert.ok(a2.every((x) => x === 0) && big2.every((x) => x === 0), 'reused slices start zeroed');
  assert.ok(unset.every(Number.isNaN), 'a slice taken unset keeps the poison: an element left unwritten shows');
  next.release();
});

test('without poisoning, release leaves the numbers in place (no pass over them) and take still zeroes', () => {
  const was = poisonReleasedArrays(false);
  try {
    const arena = new ArrayArena(4096);
    const a = arena.take(2000);
    const big = arena.takeUnset(10000);
    a.fill(4);
    big.fill(5);
    arena.release();
    assert.ok(a.every((x) => x === 4) && big.every((x) => x === 5));
    const next = new ArrayArena(4096);
    const unset = next.takeUnset(2000);
    const zeroed = next.take(1000);
    const big2 = next.take(10000);
    assert.equal(unset.buffer, a.buffer);
    assert.ok(unset.every((x) => x === 4), 'taken unset: whatever was there');
    assert.ok(zeroed.every((x) => x === 0) && big2.every((x) => x === 0), 'taken: zeroed');
    next.release();
  } finally {
    poisonReleasedArrays(was);
  }
});

test('module array constants outlive the run that computed them', () => {
  const doc = DocumentAnalysis.fromText(TEXT, 'release.py', 'python');
  const at = { values: POINTS.constants as never, source: 'argument' as const };
  const first = doc.gradient('constants', at);
  assert.ok(first.ok);
  releaseTrace(first.value.trace);
  for (let i = 0; i < 3; i++) {
    // Other functions take the released buffers; W and M were copied out of them.
    for (const name of ['rosen', 'writes']) {
      const r = doc.record(name, { values: POINTS[name] as never, source: 'argument' });
      assert.ok(r.ok);
      releaseTrace(r.value);
    }
    const again = doc.gradient('constants', at);
    assert.ok(again.ok);
    assert.ok(Object.is(again.value.value, first.value.value), `${again.value.value} vs ${first.value.value}`);
    assert.deepEqual(again.value.gradient, first.value.gradient);
    releaseTrace(again.value.trace);
  }
});

test('editor reports and graph models keep their numbers after their traces are released', () => {
  const request: AnalyseRequest = { uri: 'file:///release.py', version: 1, text: TEXT, language: 'python', settings: { mode: 'reverse', budget: {} }, lastUsed: { constants: POINTS.constants as never, writes: POINTS.writes as never } };
  const doc = DocumentAnalysis.fromText(TEXT, 'release.py', 'python');
  const report = reportDocument(request, new FunctionCache());
  // Later recordings reuse (and overwrite) the released buffers.
  for (const name of ['rosen', 'matrices']) {
    const r = doc.record(name, { values: POINTS[name] as never, source: 'argument' });
    assert.ok(r.ok);
    releaseTrace(r.value);
  }
  for (const name of ['constants', 'writes']) {
    const f = report.functions.find((x) => x.name === name)!;
    const want = doc.gradient(name, { values: POINTS[name] as never, source: 'argument' });
    assert.ok(want.ok && f.result, f.error?.message);
    assert.equal(f.result.value, want.value.value);
    assert.deepEqual(f.result.gradient, want.value.gradient);
    const y = f.result.variables.find((v) => v.name === 'y' || v.name === 'x');
    if (y?.array) assert.ok(Number.isFinite(y.array.min) && Number.isFinite(y.array.max), `${name}: ${y.name} summary ${y.array.min}…${y.array.max}`);
  }
  const graph = graphFor({ document: request, name: 'writes' });
  assert.ok(graph.ok, graph.ok ? '' : graph.error.message);
  const before = JSON.stringify(graph.value);
  const r = doc.record('writes', { values: POINTS.writes as never, source: 'argument' });
  assert.ok(r.ok);
  releaseTrace(r.value);
  assert.equal(JSON.stringify(graph.value), before, 'the model holds no view of a released buffer');
  assert.ok(!before.includes('NaN'));
  const arrays = graph.value.nodes.filter((n) => n.array);
  assert.ok(arrays.length > 5);
  for (const n of arrays) assert.ok(n.array!.value.min !== null && n.array!.value.cells.every((c) => c !== null), `${n.name} ${n.op}: its picture has every cell`);
});

test('a reused tape buffer is not zeroed, but every row the new tape writes is written whole (input rows keep nothing of the released tape)', () => {
  const sites = [sourceRange(0, 0, 0, 1)];
  const old = new Tape(sites, 1 << 20, 64);
  for (let i = 0; i < 40; i++) old.push(0, i - 1, -1, i, 2.5, -1.5, 7, 0);
  old.release();
  const fresh = new Tape(sites, 1 << 20, 64);
  assert.equal(fresh.capacity, 64);
  const first = fresh.inputs(Float64Array.from({ length: 30 }, (_, i) => i), 0);
  assert.equal(first, 0);
  // The buffer is the released one (its rows past `length` still hold the old tape: nothing reads them).
  assert.equal(fresh.partial0[35], 2.5);
  for (let i = 0; i < 30; i++) {
    assert.ok(fresh.partial0[i] === 0 && fresh.partial1[i] === 0 && fresh.constant[i] === 0, `row ${i} kept nothing of the released tape`);
    assert.ok(fresh.in0[i] === -1 && fresh.in1[i] === -1 && fresh.value[i] === i, `row ${i} is an input`);
  }
  const row = fresh.push(0, 3, -1, 1, 0, 0, 0, 0);
  assert.ok(fresh.partial0[row] === 0 && fresh.constant[row] === 0 && fresh.in1[row] === -1, 'a pushed row is written whole');
});

test('a reverse sweep steps over an array parameter\'s input rows at once, and still reaches rows before, inside and after them', () => {
  const sites = [sourceRange(0, 0, 0, 1)];
  const tape = new Tape(sites, 1 << 20, 64);
  const first = tape.inputs(Float64Array.from([1, 2, 3, 4]), 0);
  assert.equal(tape.firstOfInputRun(first + 3), first);
  assert.equal(tape.firstOfInputRun(first + 2), first + 2, 'only the run\'s last row jumps');
  // Through programs, where array rows make the sweep look at each row's op: scalar parameters on
  // either side of an array parameter, an entry read inside it, and the array itself.
  const doc = DocumentAnalysis.fromText(
    'import numpy as np\n\ndef f(s, x, t):\n    return s * x[2] + t * np.sum(x * x) + s * t\n',
    'runs.py',
    'python',
  );
  const x = [1, 2, 3, 4, 5, 6, 7, 8];
  for (const mode of ['reverse', 'forward'] as const) {
    const r = doc.gradient('f', { values: { s: 2, x, t: 5 } as never, source: 'argument' }, { mode });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const sumSquares = x.reduce((a, v) => a + v * v, 0);
    assert.deepEqual({ ...r.value.gradient }, { s: 3 + 5, x: x.map((v, i) => (i === 2 ? 2 : 0) + 5 * 2 * v), t: sumSquares + 2 }, mode);
  }
});

test('a tape too large for the pool is kept for the next recording of its size only, and dropped when another size starts', () => {
  const sites = [sourceRange(0, 0, 0, 1)];
  // 1,000,000 rows of 45 bytes: over the pool's 32 MiB.
  const rows = 1_000_000;
  const big = new Tape(sites, 1 << 30, rows);
  const buffer = big.value.buffer;
  big.release();
  const again = new Tape(sites, 1 << 30, rows);
  // Compared with ===: an assertion message would print megabytes of buffer.
  assert.ok(again.value.buffer === buffer, 'the same size takes the kept columns');
  again.release();
  const other = new Tape(sites, 1 << 30, rows - 1);
  assert.ok(other.value.buffer !== buffer, 'another size makes its own');
  const third = new Tape(sites, 1 << 30, rows);
  assert.ok(third.value.buffer !== buffer, 'the kept columns went when another size started');
  other.release();
  third.release();
});
