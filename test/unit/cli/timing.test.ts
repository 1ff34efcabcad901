import { test } from 'node:test';
import assert from 'node:assert/strict';
import { medianMillisPerCall, WARM_UP_MS } from '../../../src/cli/timing';

// How --repeat times (the bench's way: a warm JIT, ~1 ms batches). Nothing here asserts a speed:
// only what is run, and lower bounds that hold on any machine.

test('--repeat N warms up for N calls and at least WARM_UP_MS, of wall and of CPU time, before timing N more calls', () => {
  let calls = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  medianMillisPerCall(() => void calls++, 50);
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  assert.ok(elapsed >= WARM_UP_MS, `${elapsed} ms`);
  // On a core too: on a machine other work shares, WARM_UP_MS of wall time is much less CPU time.
  assert.ok((cpu.user + cpu.system) / 1e3 >= WARM_UP_MS, `${(cpu.user + cpu.system) / 1e3} ms of CPU time`);
  // The warm-up (≥ 50 calls), a probe of at most 16, then exactly 50 timed.
  assert.ok(calls >= 50 + 50, String(calls));
});

test('the figure is the time per call, not per batch', () => {
  const spin = (ms: number): void => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };
  // A call of at least 0.05 ms is at least 0.05 ms per call, whatever the batches.
  assert.ok(medianMillisPerCall(() => spin(0.05), 40) >= 0.05);
  // 100,000 near-empty calls in batches: even a batch held up for 100 ms is 0.001 ms per call.
  let calls = 0;
  const perCall = medianMillisPerCall(() => void calls++, 100_000);
  assert.ok(perCall < 0.01, String(perCall));
});
