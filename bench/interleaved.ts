/**
 * Cases of one working tree timed round after round (A B C, C B A, …), so that a machine other work
 * shares slows each alike: CPU-time medians, and each case against the first (per element when the
 * cases are `np:rosen:N` sizes). Default: the scaling figure (g), the ndarray Rosenbrock loop at
 * 2k, 20k and 200k elements.
 *
 *   node --import tsx bench/interleaved.ts [case …] [--rounds=N] [--ms=M] [--primal]
 *   e.g. bench/interleaved.ts list:rosen np:rosen list:smooth np:smooth   (the (e) ratios)
 */
import { benchCase } from './anyCase';
import { GradLensCase, loadEngine } from './gradlens';
import { formatNs, median, measure } from './timing';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const rounds = option('rounds', 5);
const ms = option('ms', 400);
const primal = args.includes('--primal');
const ids = args.filter((a) => !a.startsWith('--'));
const { engine } = loadEngine(true);
const runs = (ids.length > 0 ? ids : ['np:rosen:2000', 'np:rosen:20000', 'np:rosen:200000']).map((id) => {
  const c = benchCase(id);
  if (!c) throw new Error(`unknown case ${id}`);
  // Per element for the scaling sizes, per call otherwise.
  const n = Number(id.split(':')[2] ?? 1);
  return { id, n, g: new GradLensCase(engine, c), times: [] as number[] };
});
for (let r = 0; r < rounds; r++) {
  for (const run of r % 2 === 0 ? runs : [...runs].reverse()) {
    const body = primal ? () => run.g.primal() : () => run.g.valueAndGradientRun();
    run.times.push(measure(body, { budgetMs: ms }).cpuNs);
  }
}
const first = median(runs[0]!.times) / runs[0]!.n;
console.log(`${primal ? 'primal' : 'value+gradient'}, CPU-time medians of ${rounds} interleaved rounds:`);
for (const run of runs) {
  const t = median(run.times);
  const per = run.n > 1 ? `, ${(t / run.n).toFixed(1).padStart(6)} ns/element` : '';
  console.log(`  ${run.id.padEnd(18)} ${formatNs(t).padStart(9)}${per}, ${(t / run.n / first).toFixed(2)}× ${runs[0]!.id}${run.n > 1 ? ' per element' : ''}`);
}
