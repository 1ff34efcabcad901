import { KERNEL_PIECE, tick } from '../clock';
import { wasmGemm, wasmGemmPays } from './gemmWasm';

/**
 * The matrix-product kernels behind MatmulNode (see linalg.ts for the rules that call them): the
 * WebAssembly SIMD kernel (gemmWasm.ts) for large products, the scalar kernel below for the rest and
 * wherever WebAssembly is missing. Both give the same bits.
 */

/*
 * One kernel does all the work: out (m×n) += Σₜ A(i, t)·B(j, t), each operand read through a row
 * stride and an inner stride, so the three products the rules need (A·B, G·Bᵀ, Aᵀ·G) are the same
 * loop over the stored buffers with no transposed copies. It computes a 3×4 block of the output at
 * a time in twelve local accumulators (registers): each step loads seven numbers for twelve
 * multiply-adds, where a row-times-row loop loads and stores the output at every step (float64
 * loops in V8 are bound by memory operations, not arithmetic).
 */

/** out (m×n) += A′ · B′ᵀ, where A′(i, t) = A[i·ars + t·ats] (m×k) and B′(j, t) = B[j·brs + t·bts] (n×k). */
function gemm(A: Float64Array, ars: number, ats: number, B: Float64Array, brs: number, bts: number, out: Float64Array, m: number, k: number, n: number): void {
  // A block of output rows at a time, the clock read between blocks: a 3000×3000 product is 2.7e10
  // multiply-adds, seconds of work that must stop at the time budget (clock.ts). Four rows at least
  // (the SIMD kernel's block height); the SIMD kernel copies B once for all the blocks.
  const perRow = Math.max(1, k * n);
  const rows = Math.max(4, Math.floor(KERNEL_PIECE / perRow));
  if (wasmGemmPays(Math.min(rows, m), k, n) && wasmGemm(A, ars, ats, B, brs, bts, out, m, k, n, rows, (r) => tick(r * perRow))) return;
  for (let i = 0; i < m; i += rows) {
    const r = Math.min(rows, m - i);
    scalarGemm(A.subarray(i * ars), ars, ats, B, brs, bts, out.subarray(i * n, (i + r) * n), r, k, n);
    tick(r * perRow);
  }
}

/** The scalar kernel (described above); exported for the test that compares it with the SIMD one. */
export function scalarGemm(A: Float64Array, ars: number, ats: number, B: Float64Array, brs: number, bts: number, out: Float64Array, m: number, k: number, n: number): void {
  const ars2 = 2 * ars;
  const brs2 = 2 * brs;
  const brs3 = 3 * brs;
  let i = 0;
  for (; i + 2 < m; i += 3) {
    const o0 = i * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      let a = i * ars;
      let b = j * brs;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      for (let t = 0; t < k; t++) {
        const y0 = B[b]!;
        const y1 = B[b + brs]!;
        const y2 = B[b + brs2]!;
        const y3 = B[b + brs3]!;
        let x = A[a]!;
        c00 += x * y0; c01 += x * y1; c02 += x * y2; c03 += x * y3;
        x = A[a + ars]!;
        c10 += x * y0; c11 += x * y1; c12 += x * y2; c13 += x * y3;
        x = A[a + ars2]!;
        c20 += x * y0; c21 += x * y1; c22 += x * y2; c23 += x * y3;
        a += ats;
        b += bts;
      }
      out[o0 + j] = out[o0 + j]! + c00; out[o0 + j + 1] = out[o0 + j + 1]! + c01; out[o0 + j + 2] = out[o0 + j + 2]! + c02; out[o0 + j + 3] = out[o0 + j + 3]! + c03;
      out[o1 + j] = out[o1 + j]! + c10; out[o1 + j + 1] = out[o1 + j + 1]! + c11; out[o1 + j + 2] = out[o1 + j + 2]! + c12; out[o1 + j + 3] = out[o1 + j + 3]! + c13;
      out[o2 + j] = out[o2 + j]! + c20; out[o2 + j + 1] = out[o2 + j + 1]! + c21; out[o2 + j + 2] = out[o2 + j + 2]! + c22; out[o2 + j + 3] = out[o2 + j + 3]! + c23;
    }
    for (; j < n; j++) {
      let a = i * ars;
      let b = j * brs;
      let c0 = 0, c1 = 0, c2 = 0;
      for (let t = 0; t < k; t++) {
        const y = B[b]!;
        c0 += A[a]! * y;
        c1 += A[a + ars]! * y;
        c2 += A[a + ars2]! * y;
        a += ats;
        b += bts;
      }
      out[o0 + j] = out[o0 + j]! + c0;
      out[o1 + j] = out[o1 + j]! + c1;
      out[o2 + j] = out[o2 + j]! + c2;
    }
  }
  for (; i < m; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) {
      let a = i * ars;
      let b = j * brs;
      let c = 0;
      for (let t = 0; t < k; t++) {
        c += A[a]! * B[b]!;
        a += ats;
        b += bts;
      }
      out[o + j] = out[o + j]! + c;
    }
  }
}

/** out (m×n) += A (m×k) · B (k×n). */
export function gemmNN(A: Float64Array, B: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  gemm(A, k, 1, B, 1, n, out, m, k, n);
}

/** out (m×k) += G (m×n) · Bᵀ, B being k×n. */
export function gemmNT(G: Float64Array, B: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  gemm(G, n, 1, B, n, 1, out, m, n, k);
}

/** out (k×n) += Aᵀ · G, A being m×k and G m×n. */
export function gemmTN(A: Float64Array, G: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  gemm(A, 1, k, G, 1, n, out, k, m, n);
}
