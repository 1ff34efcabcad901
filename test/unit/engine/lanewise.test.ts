import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LANEWISE_MIN,
  lanewiseAccumulate,
  lanewiseAccumulateConstant,
  lanewiseAccumulateScaled,
  lanewiseAccumulateTimes,
  lanewiseScale,
  lanewiseSquare,
  lanewiseTimes,
  lanewiseValue,
  type LanewiseOp,
} from '../../../src/engine/array/lanewise';
import { SCALAR_PRIMITIVES } from '../../../src/engine/primitives/scalar';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * The SIMD kernels (array/lanewise.ts) must give the registry's numbers bit for bit, so that which
 * path ran never shows: every kernel against the registry's `value` (or the JavaScript loop's own
 * expression for adjoints) over special values and random ones, at lengths around the block size
 * and with odd tails.
 */

const SPECIAL = [0, -0, 1, -1, 0.5, 2, 3, -2.5, 1e-310, -1e-310, 5e-324, 1e308, -1e308, 1.7976931348623157e308, Infinity, -Infinity, NaN, Math.PI, 1 / 3, 2 ** 52 + 1];
const LENGTHS = [LANEWISE_MIN, LANEWISE_MIN + 1, 999, 2047, 2048, 2049, 4097];

/** Deterministic mixed values: specials, then wide-ranging randoms. */
function values(n: number, seed: number): Float64Array {
  let s = seed >>> 0 || 1;
  const next = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Float64Array.from({ length: n }, (_, i) => (i % 7 === 3 ? SPECIAL[(i + seed) % SPECIAL.length]! : (next() - 0.5) * 10 ** Math.floor(next() * 12 - 6)));
}

const sameBits = (got: Float64Array, want: Float64Array, what: string): void => {
  assert.equal(got.length, want.length);
  for (let i = 0; i < got.length; i++) assert.ok(Object.is(got[i], want[i]), `${what}: element ${i} is ${got[i]}, the registry gives ${want[i]}`);
};

const primitive = (name: string) => SCALAR_PRIMITIVES.find((p) => p.name === name)!;

test('the registry marks exactly add, sub, mul and div as one IEEE operation, and pow with exponent 2 as a square', () => {
  assert.deepEqual(
    SCALAR_PRIMITIVES.filter((p) => p.lanewise !== undefined).map((p) => [p.name, p.lanewise]),
    [['add', 'add'], ['sub', 'sub'], ['mul', 'mul'], ['div', 'div']],
  );
  const pow = primitive('pow');
  assert.equal(pow.squareForSecond?.(2), true);
  assert.equal(pow.squareForSecond?.(2.0000001), false);
  for (const a of SPECIAL) assert.ok(Object.is(pow.value(a, 2), a * a), `pow(${a}, 2) is ${a}·${a}`);
});

test('value kernels give the registry value bit for bit, array with array and with a number on either side', () => {
  for (const p of SCALAR_PRIMITIVES.filter((q) => q.lanewise !== undefined)) {
    const op = p.lanewise as LanewiseOp;
    for (const n of LENGTHS) {
      const a = values(n, n + 1);
      const b = values(n, n + 2);
      const out = new Float64Array(n);
      const finite = lanewiseValue(op, a, b, out);
      assert.notEqual(finite, undefined, `${op} ran at length ${n}`);
      sameBits(out, a.map((x, i) => p.value(x, b[i]!)), `${op} n=${n}`);
      assert.equal(finite, out.every(Number.isFinite), `${op} n=${n}: the finite check`);
      for (const c of SPECIAL) {
        lanewiseValue(op, a, c, out);
        sameBits(out, a.map((x) => p.value(x, c)), `${op}(a, ${c}) n=${n}`);
        lanewiseValue(op, c, b, out);
        sameBits(out, b.map((y) => p.value(c, y)), `${op}(${c}, b) n=${n}`);
      }
    }
  }
  const pow = primitive('pow');
  for (const n of LENGTHS) {
    const a = values(n, 7 * n);
    const out = new Float64Array(n);
    const finite = lanewiseSquare(a, out);
    sameBits(out, a.map((x) => pow.value(x, 2)), `square n=${n}`);
    assert.equal(finite, out.every(Number.isFinite));
  }
});

test('the finite check finds one non-finite result anywhere, in the last block and in an odd tail', () => {
  for (const n of [LANEWISE_MIN + 1, 2049, 4097]) {
    for (const at of [0, 1, n - 2, n - 1, 2048 % n]) {
      const a = Float64Array.from({ length: n }, (_, i) => 1 + i);
      const out = new Float64Array(n);
      assert.equal(lanewiseValue('mul', a, 2, out), true);
      a[at] = 1e308;
      assert.equal(lanewiseValue('mul', a, 10, out), false, `overflow at ${at} of ${n}`);
      a[at] = 0;
      assert.equal(lanewiseValue('div', 1, a, out), false, `1/0 at ${at} of ${n}`);
      assert.equal(lanewiseValue('sub', a, a, out), true);
    }
  }
});

test('adjoint kernels compute the JavaScript loops expressions bit for bit', () => {
  for (const n of LENGTHS) {
    const g0 = values(n, 3 * n);
    const q = values(n, 3 * n + 1);
    const t0 = values(n, 3 * n + 2);
    const c = -2.75;
    const check = (name: string, run: (g: Float64Array, t: Float64Array) => boolean, want: (i: number) => number, which: 'g' | 't'): void => {
      const g = g0.slice();
      const t = t0.slice();
      assert.equal(run(g, t), true, `${name} ran at ${n}`);
      sameBits(which === 'g' ? g : t, Float64Array.from({ length: n }, (_, i) => want(i)), `${name} n=${n}`);
    };
    check('scale', (g) => lanewiseScale(g, c), (i) => c * g0[i]!, 'g');
    check('times', (g) => lanewiseTimes(g, q), (i) => q[i]! * g0[i]!, 'g');
    check('scaled times', (g) => lanewiseTimes(g, q, c), (i) => c * q[i]! * g0[i]!, 'g');
    check('accumulate', (g, t) => lanewiseAccumulate(t, g), (i) => t0[i]! + g0[i]!, 't');
    check('accumulate a constant', (_g, t) => lanewiseAccumulateConstant(t, c), (i) => t0[i]! + c, 't');
    check('accumulate scaled', (g, t) => lanewiseAccumulateScaled(t, c, g), (i) => t0[i]! + c * g0[i]!, 't');
    check('accumulate times', (g, t) => lanewiseAccumulateTimes(t, q, g), (i) => t0[i]! + q[i]! * g0[i]!, 't');
    check('accumulate scaled times', (g, t) => lanewiseAccumulateTimes(t, q, g, c), (i) => t0[i]! + c * q[i]! * g0[i]!, 't');
  }
});

test('short arrays and operands overlapping the result at another offset are left to the loops', () => {
  const short = new Float64Array(LANEWISE_MIN - 1).fill(1);
  assert.equal(lanewiseValue('add', short, short, new Float64Array(short.length)), undefined);
  assert.equal(lanewiseScale(short, 2), false);
  assert.ok(short.every((x) => x === 1), 'nothing written');
  const buffer = new Float64Array(300).map((_, i) => i);
  const target = buffer.subarray(0, 200);
  assert.equal(lanewiseAccumulate(target, buffer.subarray(100, 300)), false, 'a shifted overlap would read unwritten copies');
  assert.equal(lanewiseAccumulate(target, buffer.subarray(0, 200)), true, 'the same elements are fine: each reads only itself');
  assert.equal(target[150], 300);
});

test('an array program gives the same bits through the kernels as element by element on the scalar tape', () => {
  // The same expression, once over arrays (kernels) and once as a Python loop over numbers (no kernel).
  const text = `import numpy as np

def vec(x, y):
    return np.sum((x - y) * (x / (y + 3.0)) + 2.0 * x ** 2 - x * 0.5)

def loop(x, y):
    s = 0.0
    for i in range(len(x)):
        s = s + ((x[i] - y[i]) * (x[i] / (y[i] + 3.0)) + 2.0 * x[i] ** 2 - x[i] * 0.5)
    return s
`;
  const doc = DocumentAnalysis.fromText(text, 'lanewise.py', 'python');
  const n = 300;
  const at = { values: { x: Array.from({ length: n }, (_, i) => Math.sin(i) * 2), y: Array.from({ length: n }, (_, i) => Math.cos(i) + 0.5) } as never, source: 'argument' as const };
  const vec = doc.gradient('vec', at);
  const loop = doc.gradient('loop', at);
  assert.ok(vec.ok && loop.ok, vec.ok ? (loop.ok ? '' : loop.error.message) : vec.error.message);
  // The sums differ in order (np.sum against a running sum), so the value agrees to rounding; the
  // gradient's entries each come from one element's chain of the same operations: bit for bit.
  assert.ok(Math.abs((vec.value.value as number) - (loop.value.value as number)) <= 1e-12 * Math.abs(loop.value.value as number));
  assert.deepEqual(vec.value.gradient, loop.value.gradient);
});
