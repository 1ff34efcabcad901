/**
 * Adaptive timing for the benchmark: warm up, pick a batch size so that one sample lasts about a
 * millisecond (so that microsecond calls are not lost in timer noise), then take samples until the
 * time budget is spent. The figure reported is the median over samples of the time per call.
 */

export type Clock = 'wall' | 'cpu';

export interface Measurement {
  /** Median nanoseconds per call on the clock chosen with `setClock` (wall by default). */
  readonly medianNs: number;
  /** Median wall-clock nanoseconds per call. */
  readonly wallNs: number;
  /** Median CPU time per call (see `CPU_CLOCK`), in nanoseconds. */
  readonly cpuNs: number;
  /** Number of samples and calls per sample. */
  readonly samples: number;
  readonly batch: number;
}

export interface MeasureOptions {
  /** Wall-clock budget for warm-up plus sampling, in milliseconds. */
  readonly budgetMs: number;
  /** At least this many samples, whatever the budget (default 5; 3 when a call takes over 200 ms). */
  readonly minSamples?: number;
  /** At most this many samples (default 2000). */
  readonly maxSamples?: number;
  /** Target length of one sample in nanoseconds (default 1 ms). */
  readonly sampleNs?: number;
}

const now = (): bigint => process.hrtime.bigint();
/**
 * Process CPU time (user + system, all threads) in nanoseconds. Node 20 has no precise per-thread
 * CPU clock (/proc/thread-self/schedstat only advances at scheduler ticks), so this includes V8's
 * background GC threads: allocation-heavy code can show more CPU time than wall time.
 */
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1e3;
};
/** What the CPU clock measures, for the header. */
export const CPU_CLOCK = 'process CPU time (user + system, all threads)';

let clock: Clock = 'wall';
/**
 * Which median `medianNs` reports. Wall clock is the figure users see; CPU time leaves out
 * the time spent waiting for a core, so it is the steadier figure on a machine other work shares.
 */
export function setClock(c: Clock): void {
  clock = c;
}
export function currentClock(): Clock {
  return clock;
}

/** Keeps results alive so that the JIT cannot drop the work being timed. */
export let sink = 0;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A call slower than this counts as slow: one warm-up call and three samples are enough. */
const SLOW_NS = 2e8;

/** Times `run`, which returns a number derived from its result (summed into `sink`). */
export function measure(run: () => number, options: MeasureOptions): Measurement {
  const budgetNs = options.budgetMs * 1e6;
  const maxSamples = options.maxSamples ?? 2000;
  const sampleNs = options.sampleNs ?? 1e6;
  const start = now();
  const elapsed = (): number => Number(now() - start);

  // Warm-up: a fifth of the budget; at least two calls, or one for a slow function.
  let warmCalls = 0;
  let first = 0;
  do {
    const t0 = now();
    sink += run();
    if (warmCalls === 0) first = Number(now() - t0);
    warmCalls++;
  } while ((warmCalls < 2 && first < SLOW_NS) || elapsed() < budgetNs / 5);

  // Calibration: double a burst until it lasts 0.2 ms, so one slow call (a GC pause) cannot skew it.
  let perCall = 0;
  for (let n = 1; ; n *= 2) {
    const t0 = now();
    for (let i = 0; i < n; i++) sink += run();
    const t = Number(now() - t0);
    if (t >= 2e5 || n >= 1 << 20) {
      perCall = t / n;
      break;
    }
  }
  const batch = Math.max(1, Math.round(sampleNs / Math.max(perCall, 1)));
  const minSamples = options.minSamples ?? (perCall > SLOW_NS ? 3 : 5);

  const wall: number[] = [];
  const cpu: number[] = [];
  while (wall.length < maxSamples && (wall.length < minSamples || elapsed() < budgetNs)) {
    const c0 = cpuNow();
    const t0 = now();
    for (let i = 0; i < batch; i++) sink += run();
    const t1 = now();
    const c1 = cpuNow();
    wall.push(Number(t1 - t0) / batch);
    cpu.push((c1 - c0) / batch);
  }
  const wallNs = median(wall);
  const cpuNs = median(cpu);
  return { medianNs: clock === 'cpu' ? cpuNs : wallNs, wallNs, cpuNs, samples: wall.length, batch };
}

/** `12.3 µs`, `1.45 ms`, `830 ns`: three significant figures. */
export function formatNs(ns: number | undefined): string {
  if (ns === undefined || !Number.isFinite(ns)) return '—';
  const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  if (ns < 1e3) return `${fmt(ns)} ns`;
  if (ns < 1e6) return `${fmt(ns / 1e3)} µs`;
  if (ns < 1e9) return `${fmt(ns / 1e6)} ms`;
  return `${fmt(ns / 1e9)} s`;
}

export function formatRatio(r: number | undefined): string {
  if (r === undefined || !Number.isFinite(r)) return '—';
  return r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(2)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n.toFixed(0)} B`;
}
