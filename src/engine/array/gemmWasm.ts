import { GEMM_WASM_BASE64 } from './gemmWasm.generated';
import { instantiate, type WasmMemory } from './wasmModule';

/**
 * The WebAssembly SIMD matrix product (gemm.wat): two multiply-adds per instruction where scalar
 * JavaScript does one, which is what large products (an MLP's layers) need. The operands are copied
 * into the module's memory as they are stored (one operand is repacked when its columns are not
 * contiguous), the product is computed padded to multiples of 4, and the padding dropped.
 * Results are bit-identical to the scalar kernel (same order of sums, no fused multiply-add), so
 * which one runs never shows in a number.
 */

interface Kernel {
  readonly memory: WasmMemory;
  readonly gemm: (a: number, sa: number, st: number, b: number, sb: number, c: number, m: number, k: number, n: number) => void;
}

/** undefined: not loaded yet; null: this runtime has no WebAssembly SIMD, the scalar kernel works alone. */
let kernel: Kernel | null | undefined;

/**
 * Memory kept between calls. A product needing more grows the memory, and the grown instance is
 * kept for the following calls of the same size (a large product is many row blocks: a fresh
 * instance per block left one uncollected copy of B per block, 480 MB of RSS for a 3000² product);
 * it is dropped at the first smaller call, or by `dropLargeGemmMemory` when an evaluation ends.
 */
const KEEP_BYTES = 32 << 20;

/** Frees the kernel's memory if a large product grew it past KEEP_BYTES. */
export function dropLargeGemmMemory(): void {
  if (kernel && kernel.memory.buffer.byteLength > KEEP_BYTES) kernel = undefined;
}

function load(): Kernel | null {
  if (kernel !== undefined) return kernel;
  const exports = instantiate(GEMM_WASM_BASE64);
  kernel = exports && { memory: exports.memory as WasmMemory, gemm: exports.gemm as Kernel['gemm'] };
  return kernel;
}

const up4 = (x: number): number => (x + 3) & ~3;

/**
 * Whether the SIMD kernel is worth its packing for an m×k·k×n product: enough multiply-adds, and
 * little padding (a matrix-vector product would compute four columns to keep one).
 */
export function wasmGemmPays(m: number, k: number, n: number): boolean {
  return m * k * n >= 8192 && up4(m) * up4(n) <= 1.5 * m * n && load() !== null;
}

/** out (m×n) += A′ · B′ᵀ with A′(i, t) = A[i·ars + t·ats] and B′(j, t) = B[j·brs + t·bts]; false if unavailable. */
export function wasmGemm(A: Float64Array, ars: number, ats: number, B: Float64Array, brs: number, bts: number, out: Float64Array, m: number, k: number, n: number): boolean {
  const w = load();
  if (!w) return false;
  const M = up4(m);
  const N = up4(n);
  // A is copied as stored and read through its strides; its padded rows read past it, into slack.
  const aLength = (m - 1) * ars + (k - 1) * ats + 1;
  const aAt = 0;
  // B is copied as stored when its columns are contiguous (B′(j, t) = B(t, j) row-major), else packed so.
  const bInPlace = brs === 1;
  const bAt = aAt + aLength + (M - m) * ars;
  const bLength = bInPlace ? (k - 1) * bts + n : k * N;
  const cAt = bAt + bLength + (N - n);
  const bytes = 8 * (cAt + M * N);
  if (bytes <= KEEP_BYTES && w.memory.buffer.byteLength > KEEP_BYTES) {
    dropLargeGemmMemory();
    return wasmGemm(A, ars, ats, B, brs, bts, out, m, k, n);
  }
  const have = w.memory.buffer.byteLength;
  if (bytes > have) w.memory.grow(Math.ceil((bytes - have) / 65536));
  const mem = new Float64Array(w.memory.buffer);
  mem.set(A.subarray(0, aLength), aAt);
  if (bInPlace) {
    mem.set(B.subarray(0, bLength), bAt);
  } else {
    for (let t = 0; t < k; t++) {
      const row = bAt + t * N;
      let b = t * bts;
      for (let j = 0; j < n; j++, b += brs) mem[row + j] = B[b]!;
    }
  }
  w.gemm(8 * aAt, 8 * ars, 8 * ats, 8 * bAt, 8 * (bInPlace ? bts : N), 8 * cAt, M, k, N);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    const c = cAt + i * N;
    for (let j = 0; j < n; j++) out[o + j] = out[o + j]! + mem[c + j]!;
  }
  return true;
}
