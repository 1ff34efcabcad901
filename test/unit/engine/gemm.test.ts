import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { scalarGemm } from '../../../src/engine/array/gemm';
import { wasmGemm, wasmGemmPays } from '../../../src/engine/array/gemmWasm';

/**
 * The WebAssembly SIMD kernel against the scalar one: same bits for every shape (padding to
 * multiples of 4 included), every stride layout the matmul rules use, and non-finite entries.
 */

/** Entries with all their bits significant, and now and then a zero, an infinity or a NaN. */
const entry = fc.oneof(
  { weight: 20, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Infinity, -Infinity, NaN) },
);

/** The three layouts of linalg.ts: A·B, G·Bᵀ and Aᵀ·G, as (ars, ats, brs, bts) for m, k, n. */
const layouts = {
  NN: (_m: number, k: number, n: number) => [k, 1, 1, n],
  NT: (_m: number, k: number) => [k, 1, k, 1],
  TN: (m: number, k: number, n: number) => [1, m, 1, n],
} as const;

/** Equal as numbers: bit for bit, except that a NaN's sign and payload (never observable in JavaScript arithmetic) may differ. */
function assertSameNumbers(actual: Float64Array, expected: Float64Array): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((x, i) => assert.ok(Object.is(x, expected[i]), `entry ${i}: ${x} ≠ ${expected[i]}`));
}

test('the SIMD kernel gives the scalar kernel’s bits for every shape and layout', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 13 }),
      fc.integer({ min: 1, max: 13 }),
      fc.integer({ min: 1, max: 13 }),
      fc.constantFrom('NN', 'NT', 'TN'),
      fc.array(entry, { minLength: 13 * 13, maxLength: 13 * 13 }),
      fc.array(entry, { minLength: 13 * 13, maxLength: 13 * 13 }),
      fc.array(entry, { minLength: 13 * 13, maxLength: 13 * 13 }),
      (m, k, n, layout, a, b, start) => {
        const [ars, ats, brs, bts] = layouts[layout as keyof typeof layouts](m, k, n);
        const A = Float64Array.from(a);
        const B = Float64Array.from(b);
        const expected = Float64Array.from(start.slice(0, m * n));
        const actual = expected.slice();
        scalarGemm(A, ars!, ats!, B, brs!, bts!, expected, m, k, n);
        assert.equal(wasmGemm(A, ars!, ats!, B, brs!, bts!, actual, m, k, n), true, 'WebAssembly SIMD is available in Node 20');
        assertSameNumbers(actual, expected);
      },
    ),
    { numRuns: 300, seed: 20261123 },
  );
});

test('in blocks of rows (B copied once, each block\'s rows of A as stored or packed), the SIMD kernel still gives the scalar kernel\'s bits', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 17 }),
      fc.integer({ min: 1, max: 13 }),
      fc.integer({ min: 1, max: 13 }),
      fc.integer({ min: 1, max: 9 }),
      fc.constantFrom('NN', 'NT', 'TN'),
      fc.array(entry, { minLength: 17 * 13, maxLength: 17 * 13 }),
      fc.array(entry, { minLength: 17 * 13, maxLength: 17 * 13 }),
      fc.array(entry, { minLength: 17 * 13, maxLength: 17 * 13 }),
      (m, k, n, rows, layout, a, b, start) => {
        const [ars, ats, brs, bts] = layouts[layout as keyof typeof layouts](m, k, n);
        const A = Float64Array.from(a);
        const B = Float64Array.from(b);
        const expected = Float64Array.from(start.slice(0, m * n));
        const actual = expected.slice();
        scalarGemm(A, ars!, ats!, B, brs!, bts!, expected, m, k, n);
        const blocks: number[] = [];
        assert.equal(wasmGemm(A, ars!, ats!, B, brs!, bts!, actual, m, k, n, rows, (r) => blocks.push(r)), true);
        assertSameNumbers(actual, expected);
        // Every row once, in blocks of the asked height rounded up to the kernel's 4.
        assert.equal(blocks.reduce((x, y) => x + y, 0), m);
        assert.ok(blocks.every((r) => r <= Math.ceil(Math.min(rows, m) / 4) * 4));
      },
    ),
    { numRuns: 300, seed: 20261206 },
  );
});

test('an MLP-sized product runs on the SIMD kernel and matches', () => {
  const [m, k, n] = [256, 64, 128];
  assert.equal(wasmGemmPays(m, k, n), true);
  assert.equal(wasmGemmPays(256, 64, 1), false, 'a matrix-vector product would compute four columns to keep one');
  const A = Float64Array.from({ length: m * k }, (_, i) => Math.sin(i));
  const B = Float64Array.from({ length: k * n }, (_, i) => Math.cos(i));
  const expected = new Float64Array(m * n);
  const actual = new Float64Array(m * n);
  scalarGemm(A, k, 1, B, 1, n, expected, m, k, n);
  wasmGemm(A, k, 1, B, 1, n, actual, m, k, n);
  assertSameNumbers(actual, expected);
});

test('the generated module is up to date with gemm.wat', () => {
  const r = spawnSync(process.execPath, ['scripts/wasm.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
