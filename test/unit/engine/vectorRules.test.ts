import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partialLoop, partialTimesLoop } from '../../../src/engine/array/loops';
import { evaluateLane, partialOverArrays, releaseScratch, scratchMark } from '../../../src/engine/array/vectorRules';
import { SCALAR_PRIMITIVES } from '../../../src/engine/primitives/scalar';

/**
 * A partial rule evaluated over whole arrays (vectorRules.ts) gives, element for element, the very
 * bits the rule gives one element at a time — whether a lane is an array or one number for all — or
 * says it cannot (a rule that branches on an element's value), never something else.
 */

function sample(lo: number, hi: number, n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return lo + ((hi - lo) * s) / 2147483648;
  });
}

test('partials over arrays equal the per-element rule, bit for bit, for every primitive and argument', () => {
  const n = 37;
  let vectorised = 0;
  for (const p of SCALAR_PRIMITIVES) {
    const [boxA, boxB] = [p.sampleBox[0]!, p.sampleBox[1] ?? p.sampleBox[0]!];
    const a = sample(boxA[0], boxA[1], n, 7 + p.opcode);
    const b = p.arity === 2 ? sample(boxB[0], boxB[1], n, 11 + p.opcode) : a;
    const out = Float64Array.from(a, (x, i) => p.value(x, b[i]!));
    // Second lanes as arrays, and (binary primitives) as one number for every element: x ** 3, 100 * x.
    // Uniform second lanes: one from the box, and 1 and 2 (x ** 1 is x, x ** 2 gives 2·x, kept as a scaled lane).
    const uniforms = [boxB[0] + 0.25 * (boxB[1] - boxB[0]), 1, 2];
    const laneChoices: [Float64Array | number, Float64Array][] = p.arity === 2 ? [[b, b], ...uniforms.map((u): [number, Float64Array] => [u, new Float64Array(n).fill(u)])] : [[a, a]];
    for (const [laneB, bFull] of laneChoices) {
      const outFull = typeof laneB === 'number' ? Float64Array.from(a, (x) => p.value(x, laneB)) : out;
      for (let k = 0; k < p.arity; k++) {
        const expected = new Float64Array(n);
        partialLoop(p, k, a, bFull, outFull, expected);
        const mark = scratchMark();
        const lane = partialOverArrays(p, k, a, p.arity === 2 ? laneB : a, outFull);
        if (lane !== undefined) {
          const q = evaluateLane(lane, n);
          vectorised++;
          for (let i = 0; i < n; i++) {
            const got = typeof q === 'number' ? q : q[i]!;
            assert.ok(Object.is(got, expected[i]!), `${p.name} ∂${k} at (${a[i]}, ${bFull[i]}): ${got} ≠ ${expected[i]}`);
          }
        }
        releaseScratch(mark);
      }
    }
  }
  assert.ok(vectorised >= 30, `most rules run over arrays (${vectorised})`);
});

test('a rule that branches on an element value is left to the per-element loop', () => {
  const pow = SCALAR_PRIMITIVES.find((p) => p.name === 'pow')!;
  const maximum = SCALAR_PRIMITIVES.find((p) => p.name === 'maximum')!;
  const a = Float64Array.of(1, 2, 3);
  const b = Float64Array.of(0, 2, 3); // an exponent of 0: pow's ∂/∂a convention branches on b
  const out = Float64Array.from(a, (x, i) => x ** b[i]!);
  const mark = scratchMark();
  assert.equal(partialOverArrays(pow, 0, a, b, out), undefined);
  assert.equal(partialOverArrays(maximum, 0, a, b, out), undefined);
  // With the exponent one number, pow's branch is taken once for all: ∂(a²)/∂a = 2a.
  const q = partialOverArrays(pow, 0, a, 2, Float64Array.from(a, (x) => x * x));
  assert.deepEqual(Array.from(evaluateLane(q!, 3) as Float64Array), [2, 4, 6]);
  releaseScratch(mark);
  assert.equal(scratchMark(), mark, 'every scratch buffer is given back');
});

test('the one-pass partial-times-adjoint loops give the bits of the partial, then the product', () => {
  const n = 29;
  let checked = 0;
  for (const p of SCALAR_PRIMITIVES) {
    for (let k = 0; k < p.arity; k++) {
      const fused = partialTimesLoop(p, k);
      if (!fused) continue;
      const [boxA, boxB] = [p.sampleBox[0]!, p.sampleBox[1] ?? p.sampleBox[0]!];
      const a = sample(boxA[0], boxA[1], n, 3 + p.opcode);
      const b = p.arity === 2 ? sample(boxB[0], boxB[1], n, 5 + p.opcode) : a;
      const out = Float64Array.from(a, (x, i) => p.value(x, b[i]!));
      const g = sample(-2, 2, n, 13);
      const q = new Float64Array(n);
      partialLoop(p, k, a, b, out, q);
      const target = sample(-1, 1, n, 17);
      const expected = Float64Array.from(target, (t, i) => t + q[i]! * g[i]!);
      fused(a, b, out, g, target);
      assert.deepEqual(Array.from(target), Array.from(expected), `${p.name} ∂${k} accumulated`);
      const inPlace = Float64Array.from(g);
      fused(a, b, out, inPlace, inPlace);
      assert.deepEqual(Array.from(inPlace), Array.from(g, (x, i) => q[i]! * x), `${p.name} ∂${k} in place`);
      checked++;
    }
  }
  assert.ok(checked >= 4, `tanh, pow and div have one (${checked})`);
});
