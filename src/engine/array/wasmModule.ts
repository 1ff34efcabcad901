/** The slice of the WebAssembly API the engine uses (it compiles against ES2022 without DOM types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}

/**
 * Instantiates a generated module (base64, see scripts/wasm.mjs) synchronously: the engine's
 * modules are a few KiB, which every host compiles synchronously. null when this runtime has no
 * WebAssembly or no SIMD: the JavaScript loops then do the work alone.
 */
export function instantiate(base64: string): Record<string, unknown> | null {
  try {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    return new wasm.Instance(new wasm.Module(bytes)).exports;
  } catch {
    return null;
  }
}
