import { buildSync } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { DocumentAnalysis } from '../src/analysis/document';
import type { ResolvedPoint } from '../src/analysis/points';
import type { PointValue, Trace } from '../src/engine/run';
import type { BenchCase, ValueAndGradient } from './cases';
import { measure, type Measurement } from './timing';

export type Engine = typeof import('./engine');

/**
 * GradLens as it ships: bench/engine.ts bundled by esbuild with the options scripts/build.mjs uses
 * (cjs, node20, not minified). `bundled = false` loads the sources through tsx instead, which is
 * slower (every cross-module reference becomes a getter call) and not what users run.
 */
export function loadEngine(bundled = true, options: { sourceMap?: boolean } = {}): { engine: Engine; how: string; file?: string } {
  if (!bundled) return { engine: require('./engine') as Engine, how: 'sources through tsx (unbundled)' };
  const dir = join(tmpdir(), 'gradlens-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `engine-${process.pid}.cjs`);
  buildSync({
    entryPoints: [join(__dirname, 'engine.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: options.sourceMap ? 'inline' : false,
    minify: false,
    logLevel: 'warning',
  });
  if (options.sourceMap) process.setSourceMapsEnabled(true);
  const engine = require(outfile) as Engine;
  if (options.sourceMap) return { engine, how: 'esbuild bundle of src/, as scripts/build.mjs builds dist/', file: outfile };
  rmSync(outfile, { force: true });
  return { engine, how: 'esbuild bundle of src/, as scripts/build.mjs builds dist/' };
}

/** GradLens through the same API as the CLI and the extension: parse and compile once, then run warm. */
export class GradLensCase {
  readonly doc: DocumentAnalysis;
  readonly point: ResolvedPoint;
  /** Parse + lower + compile, once, cold (milliseconds). */
  readonly compileMs: number;

  constructor(
    private readonly engine: Engine,
    readonly c: BenchCase,
  ) {
    this.derivatives = engine.derivatives;
    this.releaseTrace = engine.releaseTrace;
    const t0 = performance.now();
    this.doc = engine.DocumentAnalysis.fromText(c.source, c.file, 'python');
    this.compileMs = performance.now() - t0;
    const fn = this.doc.functions().find((f) => f.ir.name === c.functionName);
    if (!fn) throw new Error(`${c.file}: no function ${c.functionName}`);
    if (fn.errors.length > 0) throw new Error(`${c.file}: ${fn.errors.map((e) => e.message).join('; ')}`);
    const resolved = this.doc.resolvePoint(c.functionName, c.point as Record<string, PointValue>);
    if (!resolved.ok) throw new Error(`${c.file}: ${resolved.error.message}`);
    this.point = resolved.value;
  }

  /** `evaluate`: the primal alone, nothing taped. */
  primal(): number {
    const r = this.doc.evaluate(this.c.functionName, this.point);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.value as number;
  }

  record(): Trace {
    const r = this.doc.record(this.c.functionName, this.point);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  /** `record` + `derivatives`: value and reverse-mode gradient, as `gradlens grad --repeat` times it. */
  valueAndGradient(): ValueAndGradient {
    const trace = this.record();
    const d = this.engine.derivatives(trace, 'reverse');
    const gradient = this.c.params.flatMap((p) => d.gradient![p] as number | number[]);
    return { value: trace.output.values[0]!, gradient };
  }

  /**
   * The bundle's exports, read once: each read of `engine.x` is a getter call esbuild puts on the
   * entry module's exports, which the CLI and the extension (calling within their bundle) never pay.
   */
  private readonly derivatives: Engine['derivatives'];
  private readonly releaseTrace: Engine['releaseTrace'];

  /** The timed body of value+gradient: same work, returns a number for the sink. */
  valueAndGradientRun(): number {
    const trace = this.record();
    const d = this.derivatives(trace, 'reverse');
    const sink = trace.output.values[0]! + (d.gradient ? 1 : 0);
    this.releaseTrace(trace);
    return sink;
  }

  tapeStats(): TapeStats {
    const trace = this.record();
    const tape = trace.tape;
    let inputs = 0;
    for (let i = 0; i < tape.length; i++) if (tape.op[i] === this.engine.INPUT_OP) inputs++;
    const ops = tape.length - inputs;
    return {
      entries: tape.length,
      inputs,
      ops,
      bytesPerEntry: this.engine.TAPE_BYTES_PER_ENTRY,
      bytes: tape.bytes,
      allocatedBytes: tape.op.length * this.engine.TAPE_BYTES_PER_ENTRY,
      bytesPerOp: tape.bytes / ops,
      allocatedBytesPerOp: (tape.op.length * this.engine.TAPE_BYTES_PER_ENTRY) / ops,
      retainedBytesPerTrace: retainedBytes(() => this.record()),
    };
  }

  /** Where value+gradient time goes: recording (evaluation with taping) against `derivatives` on a recorded trace. */
  split(budgetMs: number): { record: Measurement; derivatives: Measurement } {
    const record = measure(() => this.record().tape.length, { budgetMs });
    const trace = this.record();
    const sweep = measure(() => (this.engine.derivatives(trace, 'reverse').gradient ? 1 : 0), { budgetMs });
    return { record, derivatives: sweep };
  }
}

export interface TapeStats {
  readonly entries: number;
  readonly inputs: number;
  /** Primitive operations recorded (entries that are not parameter inputs). */
  readonly ops: number;
  readonly bytesPerEntry: number;
  /** `tape.bytes`: entries × TAPE_BYTES_PER_ENTRY. */
  readonly bytes: number;
  /** Capacity of the tape buffer actually allocated (sized from the previous run, doubling when full). */
  readonly allocatedBytes: number;
  readonly bytesPerOp: number;
  readonly allocatedBytesPerOp: number;
  /** Measured: JS heap + array buffers one retained Trace keeps alive, when gc() can be exposed. */
  readonly retainedBytesPerTrace?: number;
}

let gcFn: (() => void) | null | undefined;
function gc(): (() => void) | null {
  if (gcFn === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  return gcFn;
}

/** Heap (JS objects and typed-array buffers) kept alive per retained object made by `make`. */
function retainedBytes(make: () => unknown, count = 50): number | undefined {
  const collect = gc();
  if (!collect) return undefined;
  const used = (): number => {
    collect();
    collect();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  make();
  const keep: unknown[] = new Array(count);
  const before = used();
  for (let i = 0; i < count; i++) keep[i] = make();
  const after = used();
  const perObject = (after - before) / count;
  keep.length = 0;
  return perObject;
}

