import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BUDGET } from '../../../src/core/budget';
import { sourceRange } from '../../../src/core/sourceRange';
import { floorDivide, modulo, pythonDivmod } from '../../../src/engine/interpreter/operators';
import { Runtime } from '../../../src/engine/interpreter/runtime';
import { Tracked } from '../../../src/engine/interpreter/values';
import { forwardSweep, reverseSweep } from '../../../src/engine/sweeps';
import { Tape } from '../../../src/engine/tape';

/**
 * Python's `//` and `%` of floats, from the exact remainder as CPython computes them. The expected
 * pairs are CPython 3's `divmod(a, b)` (run once by hand with /usr/bin/python3, copied here); the
 * formula a − b·floor(a/b) gets several of them wrong where a/b rounds to a whole number.
 */
const CPYTHON: [number, number, number, number][] = [
  [5.5, 0.1, 54, 0.0999999999999997],
  [-5.5, 0.1, -55, 3.0531133177191805e-16],
  [5.5, -0.1, -55, -3.0531133177191805e-16],
  [7, 3, 2, 1],
  [-7, 3, -3, 2],
  [7, -3, -3, -2],
  [1e17, 3, 3.3333333333333332e16, 1],
  [0.3, 0.1, 2, 0.09999999999999998],
  [2.5, 0.5, 5, 0],
  [1, 1e-300, 9.999999999999999e299, 8.963186528039712e-301],
  [-1e-320, 1, -1, 1],
];

test('pythonDivmod gives CPython divmod bit for bit, signs of zero included', () => {
  for (const [a, b, div, mod] of CPYTHON) assert.deepEqual(pythonDivmod(a, b), [div, mod], `divmod(${a}, ${b})`);
  assert.ok(Object.is(pythonDivmod(-0, 3)[0], -0) && Object.is(pythonDivmod(-0, 3)[1], 0));
  assert.ok(Object.is(pythonDivmod(0, -3)[0], -0) && Object.is(pythonDivmod(0, -3)[1], -0));
});

test('Python source: % and // of numbers are CPython\'s; of a differentiated value the derivative is unchanged', () => {
  const doc = DocumentAnalysis.fromText('def f(x):\n    return 5.5 % 0.1 + (5.5 // 0.1) * x + x % 2.0\n', 'm.py', 'python');
  const r = doc.gradient('f', { values: { x: 3.25 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.value.value, 0.0999999999999997 + 54 * 3.25 + 1.25);
  assert.equal(r.value.gradient!.x, 55);
});

/**
 * The same on differentiated values, against CPython on 3,108 pairs (data/make_python_divmod.py,
 * run with /usr/bin/python3): every value bit for bit with a and b tracked, either alone, or neither
 * (the plain-number path); ∂(a % b) in forward and reverse mode equal to central differences of
 * CPython's own `%` (pythonDivmod, checked above) away from jumps, and ∂(a // b) zero.
 */
const PAIRS = JSON.parse(readFileSync(join(__dirname, 'data', 'pythonDivmod.json'), 'utf8')) as [number, number, number, number][];
const SITES = [sourceRange(0, 0, 0, 1)];

function applyTracked(op: typeof modulo, a: number, b: number, track: [boolean, boolean]): { value: number; fwd: number[]; rev: number[]; warnings: string[] } {
  const tape = new Tape(SITES, DEFAULT_BUDGET.maxBytes);
  const rt = new Runtime(tape, DEFAULT_BUDGET, SITES);
  const args = [a, b].map((x, i) => (track[i] ? new Tracked(tape.input(x, 0), x) : x)) as [number | Tracked, number | Tracked];
  const out = op(rt, args[0], args[1], 0);
  const warnings = [...rt.warnings, ...rt.warningsIfReached].map((w) => w.code);
  if (!(out instanceof Tracked)) return { value: out, fwd: [], rev: [], warnings };
  const ids = args.filter((t): t is Tracked => t instanceof Tracked).map((t) => t.id);
  const adj = reverseSweep(tape, out.id);
  return { value: out.value, fwd: ids.map((i) => forwardSweep(tape, [i])[out.id]!), rev: ids.map((i) => adj[i]!), warnings };
}

test('% and // of differentiated values are CPython\'s on 3,108 random pairs, in every tracking', () => {
  assert.ok(PAIRS.length > 3000);
  let differedBefore = 0;
  for (const [a, b, div, mod] of PAIRS) {
    for (const track of [[true, true], [true, false], [false, true], [false, false]] as [boolean, boolean][]) {
      const m = applyTracked(modulo, a, b, track).value;
      assert.ok(Object.is(m, mod), `${a} % ${b} tracked ${track}: ${m}, CPython ${mod}`);
      const d = applyTracked(floorDivide, a, b, track).value;
      assert.ok(Object.is(d, div) || (d === 0 && div === 0), `${a} // ${b} tracked ${track}: ${d}, CPython ${div}`);
    }
    if (a - b * Math.floor(a / b) !== mod) differedBefore++;
  }
  // The old formula a − b·floor(a/b) is wrong on many of them: the test would catch its return.
  assert.ok(differedBefore > 300, `${differedBefore}`);
});

test('∂(a % b) and ∂(a // b) forward and reverse match central differences of CPython\'s values away from jumps', () => {
  let checked = 0;
  for (const [a, b, , mod] of PAIRS) {
    const h = 1e-7 * Math.max(Math.abs(a), Math.abs(b));
    const fd = (f: (x: number, y: number) => number, da: number, db: number): number => (f(a + da, b + db) - f(a - da, b - db)) / (2 * (da || db));
    const rem = (x: number, y: number): number => pythonDivmod(x, y)[1];
    const q = (x: number, y: number): number => pythonDivmod(x, y)[0];
    // Away from a jump: the quotient the same at every point of the stencil, in both arguments.
    const stencil = [[h, 0], [-h, 0], [0, h], [0, -h]].map(([da, db]) => q(a + da!, b + db!));
    if (stencil.some((s) => s !== q(a, b)) || Math.abs(mod) < 1e3 * h || Math.abs(b) < 1e3 * h) continue;
    const r = applyTracked(modulo, a, b, [true, true]);
    const expected = [fd(rem, h, 0), fd(rem, 0, h)];
    const scale = Math.max(1, Math.abs(expected[1]!));
    for (const grads of [r.fwd, r.rev]) {
      assert.ok(Math.abs(grads[0]! - expected[0]!) < 1e-6 && Math.abs(grads[1]! - expected[1]!) < 1e-5 * scale, `∂(${a} % ${b}) = ${grads}, differences ${expected}`);
    }
    const fl = applyTracked(floorDivide, a, b, [true, true]);
    assert.deepEqual([...fl.fwd, ...fl.rev].map(Math.abs), [0, 0, 0, 0]);
    checked++;
  }
  assert.ok(checked > 1000, `${checked}`);
});

test('a jump of Python\'s % is warned where it jumps: a whole number of b in a, and a = 0 (where fmod is continuous)', () => {
  assert.ok(applyTracked(modulo, 6, 3, [true, false]).warnings.includes('non-differentiable'));
  assert.ok(applyTracked(modulo, 0, 3, [true, false]).warnings.includes('non-differentiable'));
  assert.ok(applyTracked(modulo, -0, -3, [true, true]).warnings.includes('non-differentiable'));
  assert.deepEqual(applyTracked(modulo, 0, 3, [false, true]).warnings, []);
  assert.deepEqual(applyTracked(modulo, 5.5, 0.1, [true, true]).warnings, []);
  // By zero: Python's ZeroDivisionError, the division's error.
  assert.throws(() => applyTracked(modulo, 1, 0, [true, false]), /zero/);
});
