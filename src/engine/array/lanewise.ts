import type { ScalarPrimitive } from '../primitives/types';
import { LANEWISE_WASM_BASE64 } from './lanewiseWasm.generated';
import { instantiate } from './wasmModule';

/**
 * The lanewise SIMD kernels (lanewise.wat.mjs) from JavaScript: operands are copied into the
 * module's memory a block of 2,048 elements at a time, the kernel runs two elements per
 * instruction without bounds checks, and the block is copied back. Measured here on 2,000
 * elements, a product costs about 4–8 ns an element as a JavaScript loop over typed arrays and
 * 1.7 ns copied through this module (0.7 ns of it the kernel): the copies are plain memory moves.
 *
 * Every kernel is one or two IEEE operations in the order the JavaScript loops apply them, so a
 * number never depends on which path ran (lanewise.test.ts). Each entry point returns false (or
 * undefined) when it did nothing — too short to pay for the copies, no WebAssembly SIMD here, or
 * operands that overlap at different offsets (the copies would read what the loop had not yet
 * written) — and the caller's loop runs instead.
 */

/** Below this many elements the JavaScript loop is as fast as the copies. */
export const LANEWISE_MIN = 64;

const BLOCK = 2048;
/** Float64 indices of the three regions (lanewise.wat.mjs). */
const A = 0;
const B = BLOCK;
const C = 2 * BLOCK;

type Kernel = (n: number, c: number) => number;
/** The kernels of lanewise.wat.mjs. */
type KernelName = LanewiseOp | `${LanewiseOp}_c` | `c_${LanewiseOp}` | 'square' | 'scale' | 'times' | 'scaled_times' | 'acc' | 'acc_c' | 'acc_scaled' | 'acc_times' | 'acc_scaled_times';

interface Module {
  readonly heap: Float64Array;
  readonly kernels: Record<string, Kernel>;
}

/** undefined: not loaded yet; null: no WebAssembly SIMD in this runtime. */
let module: Module | null | undefined;

function load(): Module | null {
  if (module !== undefined) return module;
  const exports = instantiate(LANEWISE_WASM_BASE64);
  // The memory is one fixed page, never grown: the view stays valid.
  module = exports && { heap: new Float64Array((exports.memory as { buffer: ArrayBuffer }).buffer), kernels: exports as unknown as Record<string, Kernel> };
  return module;
}

/** Whether `x` shares `out`'s memory at another offset (the copies would then change the result). */
function overlapsShifted(x: Float64Array | null, out: Float64Array): boolean {
  return x !== null && x.buffer === out.buffer && x.byteOffset !== out.byteOffset && x.byteOffset < out.byteOffset + out.byteLength && out.byteOffset < x.byteOffset + x.byteLength;
}

/**
 * Runs `name` over `out.length` elements: `inA`, `inB`, `inC` into regions A, B, C, the result from
 * region `from` into `out`. Returns the kernel's finite check summed over blocks (0: all finite),
 * or undefined when it did not run.
 */
function run(name: KernelName, c: number, inA: Float64Array | null, inB: Float64Array | null, inC: Float64Array | null, out: Float64Array, from: number): number | undefined {
  const n = out.length;
  if (n < LANEWISE_MIN) return undefined;
  const m = load();
  // A value kernel's result (region C) is a fresh array; an update (region A) may share memory.
  if (m === null || (from === A && (overlapsShifted(inB, out) || overlapsShifted(inC, out)))) return undefined;
  const { heap } = m;
  const kernel = m.kernels[name]!;
  let check = 0;
  for (let o = 0; o < n; o += BLOCK) {
    const k = Math.min(BLOCK, n - o);
    const whole = k === n;
    if (inA !== null) heap.set(whole ? inA : inA.subarray(o, o + k), A);
    if (inB !== null) heap.set(whole ? inB : inB.subarray(o, o + k), B);
    if (inC !== null) heap.set(whole ? inC : inC.subarray(o, o + k), C);
    check += kernel(k, c);
    out.set(heap.subarray(from, from + k), o);
  }
  return check;
}

export type LanewiseOp = 'add' | 'sub' | 'mul' | 'div';

/**
 * out = a op b elementwise, where a and b are arrays of out's length or one of them a number, and
 * `out` is a fresh array (it shares no memory with them). Returns whether every result is finite,
 * or undefined when it did not run.
 */
export function lanewiseValue(op: LanewiseOp, a: Float64Array | number, b: Float64Array | number, out: Float64Array): boolean | undefined {
  let check: number | undefined;
  if (typeof a === 'number') check = typeof b === 'number' ? undefined : run(`c_${op}`, a, b, null, null, out, C);
  else if (typeof b === 'number') check = run(`${op}_c`, b, a, null, null, out, C);
  else check = run(op, 0, a, b, null, out, C);
  return check === undefined ? undefined : check === 0;
}

/**
 * out = p(a, b) elementwise by a kernel, where the registry says `p`'s value is one IEEE operation
 * (`lanewise`) or a square (`squareForSecond`); as `lanewiseValue`, and undefined for any other `p`.
 */
export function lanewiseApply(p: ScalarPrimitive, a: Float64Array | number, b: Float64Array | number, out: Float64Array): boolean | undefined {
  if (p.arity !== 2) return undefined;
  if (p.lanewise !== undefined) return lanewiseValue(p.lanewise, a, b, out);
  if (typeof a !== 'number' && typeof b === 'number' && p.squareForSecond?.(b) === true) return lanewiseSquare(a, out);
  return undefined;
}

/** out = a·a elementwise; as `lanewiseValue`. */
export function lanewiseSquare(a: Float64Array, out: Float64Array): boolean | undefined {
  const check = run('square', 0, a, null, null, out, C);
  return check === undefined ? undefined : check === 0;
}

/** g ← c·g. */
export function lanewiseScale(g: Float64Array, c: number): boolean {
  return run('scale', c, g, null, null, g, A) !== undefined;
}

/** g ← q·g, or (c·q)·g when c is given (a partial stored as a constant times an array). */
export function lanewiseTimes(g: Float64Array, q: Float64Array, c?: number): boolean {
  return (c === undefined ? run('times', 0, g, q, null, g, A) : run('scaled_times', c, g, q, null, g, A)) !== undefined;
}

/** target ← target + g. */
export function lanewiseAccumulate(target: Float64Array, g: Float64Array): boolean {
  return run('acc', 0, target, g, null, target, A) !== undefined;
}

/** target ← target + c (a sum's adjoint, the same for every element). */
export function lanewiseAccumulateConstant(target: Float64Array, c: number): boolean {
  return run('acc_c', c, target, null, null, target, A) !== undefined;
}

/** target ← target + c·g. */
export function lanewiseAccumulateScaled(target: Float64Array, c: number, g: Float64Array): boolean {
  return run('acc_scaled', c, target, g, null, target, A) !== undefined;
}

/** target ← target + q·g, or + (c·q)·g when c is given. */
export function lanewiseAccumulateTimes(target: Float64Array, q: Float64Array, g: Float64Array, c?: number): boolean {
  return (c === undefined ? run('acc_times', 0, target, q, g, target, A) : run('acc_scaled_times', c, target, q, g, target, A)) !== undefined;
}
