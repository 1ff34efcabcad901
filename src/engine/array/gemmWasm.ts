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

/**
 * out (m×n) += A′ · B′ᵀ with A′(i, t) = A[i·ars + t·ats] and B′(j, t) = B[j·brs + t·bts]; false if
 * unavailable. Computed `rows` output rows at a time, `done(r)` called after each block (the clock's
 * tick): B′ is copied into the module's memory once for the whole product, and each block copies
 * only its rows of A′ (as stored when they are close together, else packed row-major).
 */
export function wasmGemm(A: Float64Array, ars: number, ats: number, B: Float64Array, brs: number, bts: number, out: Float64Array, m: number, k: number, n: number, rows = m, done?: (r: number) => void): boolean {
  const w = load();
  if (!w) return false;
  const N = up4(n);
  const R = up4(Math.min(rows, m));
  // B is copied as stored when its columns are contiguous (B′(j, t) = B(t, j) row-major), else packed so;
  // the padded columns read past it, into slack.
  const bInPlace = brs === 1;
  const bAt = 0;
  const bLength = bInPlace ? (k - 1) * bts + n : k * N;
  // A block: as stored, read through A's strides, when that copies at most twice its entries (and
  // always for a single block); else packed row-major. Its padded rows read past it, into slack.
  const storedLength = (r: number): number => (r - 1) * ars + (k - 1) * ats + 1;
  const stored = rows >= m || storedLength(R) <= 2 * R * k;
  const aAt = bAt + bLength + (N - n);
  const cAt = aAt + (stored ? storedLength(R) : R * k);
  const bytes = 8 * (cAt + R * N);
  if (bytes <= KEEP_BYTES && w.memory.buffer.byteLength > KEEP_BYTES) {
    dropLargeGemmMemory();
    return wasmGemm(A, ars, ats, B, brs, bts, out, m, k, n, rows, done);
  }
  const have = w.memory.buffer.byteLength;
  if (bytes > have) w.memory.grow(Math.ceil((bytes - have) / 65536));
  const mem = new Float64Array(w.memory.buffer);
  if (bInPlace) {
    mem.set(B.subarray(0, bLength), bAt);
  } else {
    for (let t = 0; t < k; t++) {
      const row = bAt + t * N;
      let b = t * bts;
      for (let j = 0; j < n; j++, b += brs) mem[row + j] = B[b]!;
    }
  }
  for (let i0 = 0; i0 < m; i0 += R) {
    const r = Math.min(R, m - i0);
    const from = i0 * ars;
    if (stored) {
      mem.set(A.subarray(from, from + storedLength(r)), aAt);
    } else {
      for (let i = 0; i < r; i++) {
        const row = aAt + i * k;
        let a = from + i * ars;
        for (let t = 0; t < k; t++, a += ats) mem[row + t] = A[a]!;
      }
    }
    w.gemm(8 * aAt, 8 * (stored ? ars : k), 8 * (stored ? ats : 1), 8 * bAt, 8 * (bInPlace ? bts : N), 8 * cAt, up4(r), k, N);
    for (let i = 0; i < r; i++) {
      const o = (i0 + i) * n;
      const c = cAt + i * N;
      for (let j = 0; j < n; j++) out[o + j] = out[o + j]! + mem[c + j]!;
    }
    done?.(r);
  }
  return true;
}
