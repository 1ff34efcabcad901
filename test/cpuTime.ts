/**
 * Time a test may assert on: the CPU this process spent (user + system), not the wall clock. On a
 * machine shared by many jobs the wall clock runs on while this process waits for a core, so a wall
 * budget fails at random; the CPU spent still grows with the work done, so a budget that no longer
 * holds (a kernel that runs to the end, a quadratic loop) still fails.
 */
export function cpuMillis<T>(run: () => T): { value: T; ms: number } {
  const before = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(before);
  return { value, ms: (used.user + used.system) / 1000 };
}

/**
 * A relative speed claim (`a within 1.3× of b`) measured up to `attempts` times, the best of `runs`
 * CPU timings each: passes on the first attempt that holds, so a burst of load on one attempt does
 * not fail it, while a real slowdown fails every attempt. Returns the last ratio measured.
 */
export function ratioHolds(a: () => void, b: () => void, most: number, attempts = 3, runs = 7): { ok: boolean; ratio: number } {
  const best = (f: () => void): number => {
    let m = Infinity;
    for (let r = 0; r < runs; r++) m = Math.min(m, cpuMillis(f).ms);
    return m;
  };
  let ratio = Infinity;
  for (let k = 0; k < attempts; k++) {
    ratio = best(a) / best(b);
    if (ratio <= most) return { ok: true, ratio };
  }
  return { ok: false, ratio };
}
