/**
 * Where GradLens's time goes: profiles warm value+gradient (or primal) runs in-process with the V8
 * sampling profiler and prints the functions with the most self time.
 *
 *   node --import tsx bench/profile.ts [seed001|rosen|mlp|rosen_vec] [grad|primal|record|derivatives] [seconds] [--unbundled] [--lines=NAME]
 *
 * --lines=NAME also prints the sampled source lines of the functions called NAME, or of the one at
 * NAME = FILE:LINE as the table prints it (an anonymous closure); what V8 inlined into them shows
 * under the caller's lines.
 *
 * Add --cpu-prof-dir=DIR before --import to keep a .cpuprofile for Chrome DevTools as well.
 */
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchCase } from './anyCase';
import { GradLensCase, loadEngine } from './gradlens';
import { printSampledLines, type Profile } from './profileLines';

async function main(): Promise<void> {
  const caseId = process.argv[2] ?? 'rosen';
  const what = process.argv[3] ?? 'grad';
  const seconds = Number(process.argv[4] ?? 4);
  const c = benchCase(caseId);
  if (!c) throw new Error(`unknown case ${caseId}: seed001, rosen, mlp or rosen_vec`);
  const { engine, how, file } = loadEngine(!process.argv.includes('--unbundled'), { sourceMap: true });
  const g = new GradLensCase(engine, c);
  const trace = g.record();
  const body: Record<string, () => unknown> = {
    grad: () => g.valueAndGradientRun(),
    primal: () => g.primal(),
    record: () => g.record(),
    derivatives: () => engine.derivatives(trace, 'reverse'),
  };
  const run = body[what];
  if (!run) throw new Error(`unknown body ${what}: ${Object.keys(body).join(', ')}`);

  // Warm up outside the profile.
  const warmEnd = performance.now() + 1000;
  while (performance.now() < warmEnd) run();

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  let calls = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  while (performance.now() < end) {
    run();
    calls++;
  }
  const wall = performance.now() - t0;
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  process.on('exit', () => file && rmSync(file, { force: true }));

  const maps = new Map<string, ReturnType<typeof findSourceMap>>();
  /** src/…/file.ts:line through the bundle's inline source map (generated position otherwise). */
  const original = (url: string, line: number, column: number): string => {
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    if (!maps.has(path)) maps.set(path, findSourceMap(path));
    const entry = maps.get(path)?.findEntry(line, column) as { originalSource?: string; originalLine?: number } | undefined;
    if (entry?.originalSource) return `${entry.originalSource.replace(/^.*?\/(src|bench)\//, '$1/')}:${(entry.originalLine ?? 0) + 1}`;
    return `${path.replace(/^.*\//, '')}:${line + 1}`;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const f = n.callFrame;
    const where = f.url ? original(f.url, f.lineNumber, f.columnNumber) : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  console.log(`GradLens: ${how}`);
  console.log(`${c.id} ${what}: ${calls} calls in ${wall.toFixed(0)} ms = ${((wall / calls) * 1000).toFixed(1)} µs per call`);
  console.log('self time, top 30:');
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`${(v / 1000).toFixed(1).padStart(9)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
  const lines = process.argv.find((a) => a.startsWith('--lines='))?.slice('--lines='.length);
  if (lines) printSampledLines(profile.nodes, lines, original);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
