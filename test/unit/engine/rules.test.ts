import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BUDGET } from '../../../src/core/budget';
import { GradLensError } from '../../../src/core/diagnostic';
import { sourceRange } from '../../../src/core/sourceRange';
import { Runtime } from '../../../src/engine/interpreter/runtime';
import { Tracked } from '../../../src/engine/interpreter/values';
import { SCALAR_PRIMITIVES } from '../../../src/engine/primitives/scalar';
import type { ScalarPrimitive } from '../../../src/engine/primitives/types';
import { hessian } from '../../../src/engine/hessian';
import { forwardSweep, reverseSweep } from '../../../src/engine/sweeps';
import { Tape } from '../../../src/engine/tape';

/**
 * Every primitive from one table (the registry itself): at ordinary points sampled from its box and
 * at its special points, forward and reverse agree to 1e-12, match central differences, and the
 * Hessian (forward over reverse) matches differences of gradients and is symmetric.
 */

const SITES = [sourceRange(0, 0, 0, 1)];

interface Applied {
  value: number;
  grad: number[];
  fwd: number[];
  H: number[][];
  warnings: string[];
}

/** Applies `p` with the arguments marked in `tracked` differentiated (all by default). */
function applyAt(p: ScalarPrimitive, args: number[], tracked: boolean[] = args.map(() => true)): Applied {
  const tape = new Tape(SITES, DEFAULT_BUDGET.maxBytes);
  const rt = new Runtime(tape, DEFAULT_BUDGET, SITES);
  const inputs = args.map((x, i) => (tracked[i] ? new Tracked(tape.input(x, 0), x) : x));
  const out = rt.apply(p, inputs[0]!, inputs[1] ?? inputs[0]!, 0);
  const outId = (out as Tracked).id;
  const ids = inputs.filter((t): t is Tracked => t instanceof Tracked).map((t) => t.id);
  const adj = reverseSweep(tape, outId);
  return {
    value: (out as Tracked).value,
    grad: ids.map((i) => adj[i]!),
    fwd: ids.map((i) => forwardSweep(tape, [i])[outId]!),
    H: hessian(tape, ids, outId),
    // The output is the applied row itself, so every warning about a row it depends on is raised.
    warnings: [...rt.warnings, ...rt.warningsIfReached].map((w) => w.code),
  };
}

/** Deterministic points inside the box (a small LCG: the same points every run). */
function samples(box: readonly (readonly [number, number])[], count: number, arity: number): number[][] {
  let state = 12345;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, () => Array.from({ length: arity }, (_, i) => {
    const [lo, hi] = box[i] ?? box[0]!;
    return lo + (hi - lo) * next();
  }));
}

const close = (a: number, b: number, rel: number, abs: number): boolean => Math.abs(a - b) <= abs + rel * Math.max(Math.abs(a), Math.abs(b));

/**
 * Five-point central difference: O(h⁴) error. Special points sit near domain edges (log at 1e-8,
 * arcsin at 0.999), so there the step shrinks with the point and stays inside the domain.
 */
function centralDiff(f: (x: number) => number, x: number, nearEdge = false): number {
  const h = nearEdge ? 1e-5 * (Math.abs(x) || 1) : 1e-3 * Math.max(1, Math.abs(x));
  return (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h);
}

/**
 * The function whose differences a rule is checked against: the primitive's value, except fround's,
 * whose derivative is by convention the identity's (a cast's; scalar.ts): its float32 rounding, up to
 * 2⁻²⁴ relative, would swamp any difference step. Its value is checked against Math.fround below.
 */
function valueFor(p: ScalarPrimitive, args: number[]): number {
  return p.name === 'fround' ? args[0]! : p.value(args[0]!, args[1] ?? args[0]!);
}

test('fround rounds to float32 (its value is Math.fround\'s) and imul is 32-bit integer multiplication', () => {
  const byName = Object.fromEntries(SCALAR_PRIMITIVES.map((p) => [p.name, p]));
  const f = applyAt(byName.fround!, [0.1]);
  assert.equal(f.value, Math.fround(0.1));
  assert.notEqual(f.value, 0.1);
  assert.deepEqual(f.grad, [1]);
  assert.deepEqual(f.warnings, []);
  const m = applyAt(byName.imul!, [0xffffffff, 5.7]);
  assert.equal(m.value, -5);
  assert.deepEqual(m.grad, [0, 0]);
  assert.deepEqual(m.warnings, ['non-differentiable', 'zero-derivative']);
});

/** Which arguments a rule test differentiates: all, except an integer order (polygamma's n), held constant. */
const differentiated = (p: ScalarPrimitive): number[] => (p.integerOrderFirst || p.realOrderFirst ? [1] : p.arity === 1 ? [0] : [0, 1]);

for (const p of SCALAR_PRIMITIVES) {
  const which = differentiated(p);
  const trackedFlags = Array.from({ length: p.arity }, (_, i) => which.includes(i));
  const at = (args: number[]): Applied => applyAt(p, args, trackedFlags);
  test(`rule ${p.name}: forward = reverse, against differences, second order`, () => {
    for (const sampled of samples(p.sampleBox, 12, p.arity)) {
      const args = p.integerOrderFirst ? [Math.round(sampled[0]!), ...sampled.slice(1)] : sampled;
      // Piecewise-constant primitives are checked away from their jumps only.
      const r = at(args);
      assert.ok(Number.isFinite(r.value), `${p.name}(${args}) finite`);
      which.forEach((i, gi) => {
        assert.ok(close(r.fwd[gi]!, r.grad[gi]!, 1e-12, 0), `${p.name}(${args}) ∂${i}: forward ${r.fwd[gi]} reverse ${r.grad[gi]}`);
        const along = (x: number): number => valueFor(p, args.map((a, j) => (j === i ? x : a)));
        const fd = centralDiff(along, args[i]!);
        assert.ok(close(r.grad[gi]!, fd, 1e-7, 1e-9), `${p.name}(${args}) ∂${i}: AD ${r.grad[gi]} differences ${fd}`);
        which.forEach((j, gj) => {
          assert.ok(close(r.H[gi]![gj]!, r.H[gj]![gi]!, 1e-12, 1e-14), `${p.name} Hessian symmetric`);
          const gradAlong = (x: number): number => at(args.map((a, k) => (k === j ? x : a))).grad[gi]!;
          const fd2 = centralDiff(gradAlong, args[j]!);
          assert.ok(close(r.H[gi]![gj]!, fd2, 1e-6, 1e-8), `${p.name}(${args}) ∂²/∂${i}∂${j}: AD ${r.H[gi]![gj]} differences ${fd2}`);
        });
      });
    }
  });

  if (p.specialPoints.length > 0) {
    test(`rule ${p.name}: special points give a value, an error or a documented warning, never a crash`, () => {
      for (const args of p.specialPoints) {
        let r: Applied | undefined;
        try {
          r = at([...args]);
        } catch (e) {
          assert.ok(e instanceof GradLensError, `${p.name}(${args}) threw ${String(e)}`);
          assert.equal(e.diagnostic.code, 'domain');
          continue;
        }
        const verdict = p.domain?.(args[0]!, args[1] ?? args[0]!, r.value, trackedFlags[0]!, p.arity === 2 && trackedFlags[1]!);
        if (verdict?.kind === 'non-differentiable') assert.ok(r.warnings.includes('non-differentiable'), `${p.name}(${args}) warns`);
        if (!verdict) {
          which.forEach((i, gi) => {
            assert.ok(close(r.fwd[gi]!, r.grad[gi]!, 1e-12, 0), `${p.name}(${args}) forward = reverse`);
            if (p.zeroDerivative) return;
            const along = (x: number): number => valueFor(p, args.map((a, j) => (j === i ? x : a)));
            const fd = centralDiff(along, args[i]!, true);
            assert.ok(close(r.grad[gi]!, fd, 1e-6, 1e-8), `${p.name}(${args}) ∂${i}: AD ${r.grad[gi]} differences ${fd}`);
          });
        }
      }
    });
  }
}

test('conventions at non-differentiable points are the documented ones', () => {
  const byName = Object.fromEntries(SCALAR_PRIMITIVES.map((p) => [p.name, p]));
  const abs0 = applyAt(byName.abs!, [0]);
  assert.deepEqual(abs0.grad, [0]);
  assert.deepEqual(abs0.warnings, ['non-differentiable']);
  const tie = applyAt(byName.maximum!, [2, 2]);
  assert.deepEqual(tie.grad, [0.5, 0.5]);
  const floorAt2 = applyAt(byName.floor!, [2]);
  assert.deepEqual(floorAt2.grad, [0]);
  assert.ok(floorAt2.warnings.includes('zero-derivative'));
  const zeroPow = applyAt(byName.pow!, [0, 2]); // d(x²)/dx at 0 = 0; d(0^y)/dy taken as 0
  assert.deepEqual(zeroPow.grad, [0, 0]);
  const cube = applyAt(byName.pow!, [-2, 3], [true, false]); // integer powers of negative bases work
  assert.equal(cube.value, -8);
  assert.deepEqual(cube.grad, [12]);
  assert.throws(() => applyAt(byName.pow!, [-2, 3]), (e: unknown) => e instanceof GradLensError && /with respect to b needs a > 0/.test(e.message));
  assert.throws(() => applyAt(byName.log!, [-1]), (e: unknown) => e instanceof GradLensError && /log of a negative number/.test(e.message));
  assert.throws(() => applyAt(byName.div!, [1, 0]), (e: unknown) => e instanceof GradLensError && /division by zero/.test(e.message));
});

test('a primitive that declares its domain quiet for a second argument has no verdict there, for any first argument', () => {
  const firsts = [0, -0, 1e-300, -1e-300, 0.5, -0.5, 1, -1, -2, 3.7, -3.7, 1e300, -1e300, Infinity, -Infinity, NaN];
  const seconds = [0, 0.5, 1, 2, 3, 10, -1, -2, 2.5, -0.5, Infinity, NaN];
  let declared = 0;
  let quietCases = 0;
  for (const p of SCALAR_PRIMITIVES) {
    const quiet = p.domainQuietForSecond;
    if (quiet === undefined || p.domain === undefined) continue;
    declared++;
    for (const b of seconds) {
      for (const tb of [false, true]) {
        if (!quiet(b, tb)) continue;
        quietCases++;
        for (const a of firsts) {
          for (const ta of [false, true]) {
            assert.equal(p.domain(a, b, p.value(a, b), ta, tb), undefined, `${p.name}(${a}, ${b}) with tracked ${ta}/${tb}`);
          }
        }
      }
    }
  }
  assert.ok(declared >= 1, 'pow declares it');
  assert.ok(quietCases >= 4, 'some second arguments are quiet');
});

test('a primitive that declares a second argument its identity returns the first argument itself, bit for bit', () => {
  const firsts = [0, -0, 1e-300, -1e-300, 0.5, -0.5, 1, -2, 3.7, 1e300, -1e300, Infinity, -Infinity, NaN];
  let declared = 0;
  for (const p of SCALAR_PRIMITIVES) {
    const identity = p.identityForSecond;
    if (identity === undefined) continue;
    for (const b of [0, 0.5, 1, 2, -1, NaN, Infinity]) {
      if (!identity(b)) continue;
      declared++;
      for (const a of firsts) assert.ok(Object.is(p.value(a, b), a), `${p.name}(${a}, ${b}) = ${p.value(a, b)}`);
    }
  }
  assert.ok(declared >= 1, 'pow declares its exponent 1');
});
