/**
 * `gradlens grad --repeat N`: the time per call of a warm engine, measured as `npm run bench`
 * measures it, so that the CLI and the benchmark print one figure for the same calls.
 *
 * Two things made a naive loop (20 warm-up calls, then N calls timed one by one) read 2–3× the
 * benchmark's figure for seed 001: V8 compiles the interpreter's closures to optimised code only
 * after thousands of calls, so calls 21…2,020 of a fresh process are still partly unoptimised; and a
 * 4 µs call timed alone carries the clock's own overhead. So: a warm-up of at least `WARM_UP_MS` and
 * of N calls, then the N calls in batches lasting about a millisecond each, and the median over the
 * batches of the time per call. Garbage collection inside a batch is counted, as it is in the bench.
 */

/** Warm-up before timing, in milliseconds: long enough for V8 to optimise the engine's hot paths. */
export const WARM_UP_MS = 300;
/** Target length of one timed batch, in milliseconds. */
const BATCH_MS = 1;

/** Median milliseconds per call of `run` over `n` calls after a warm-up (see above). */
export function medianMillisPerCall(run: () => void, n: number): number {
  const start = performance.now();
  const cpuStart = cpuMillis();
  let warm = 0;
  // The warm-up's time is counted on both clocks: on a machine other work shares, 300 ms of wall time
  // can be a tenth of that on a core, too little for V8 (whose compiler threads wait too) to finish.
  while (warm < n || performance.now() - start < WARM_UP_MS || cpuMillis() - cpuStart < WARM_UP_MS) {
    run();
    warm++;
  }
  // Calls per batch: from the warm-up's last calls (so a slow first call does not size the batches).
  const t0 = performance.now();
  const probe = Math.min(n, 16);
  for (let i = 0; i < probe; i++) run();
  const perCall = (performance.now() - t0) / probe;
  const batch = Math.max(1, Math.min(n, Math.round(BATCH_MS / Math.max(perCall, 1e-6))));
  const samples: number[] = [];
  for (let done = 0; done < n; ) {
    const size = Math.min(batch, n - done);
    const b0 = performance.now();
    for (let i = 0; i < size; i++) run();
    samples.push((performance.now() - b0) / size);
    done += size;
  }
  return median(samples);
}

/** This process's CPU time (all threads), in milliseconds. */
function cpuMillis(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
