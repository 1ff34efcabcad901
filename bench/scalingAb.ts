/**
 * The scaling figure (g) interleaved: the ndarray Rosenbrock loop at each size, round after round,
 * so a machine other work shares slows every size alike. Prints CPU-time medians per element.
 *
 *   node --import tsx bench/scalingAb.ts [--rounds=N] [--ms=M] [--primal] [sizes…]
 */
import { benchCase } from './anyCase';
import { GradLensCase, loadEngine } from './gradlens';
import { formatNs, median, measure } from './timing';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const rounds = option('rounds', 5);
const ms = option('ms', 400);
const primal = args.includes('--primal');
const sizes = args.filter((a) => !a.startsWith('--')).map(Number);
const { engine } = loadEngine(true);
const runs = (sizes.length > 0 ? sizes : [2_000, 20_000, 200_000]).map((n) => ({ n, g: new GradLensCase(engine, benchCase(`np:rosen:${n}`)!), times: [] as number[] }));
for (let r = 0; r < rounds; r++) {
  for (const run of r % 2 === 0 ? runs : [...runs].reverse()) {
    const body = primal ? () => run.g.primal() : () => run.g.valueAndGradientRun();
    run.times.push(measure(body, { budgetMs: ms }).cpuNs);
  }
}
const base = median(runs[0]!.times) / runs[0]!.n;
for (const run of runs) {
  const t = median(run.times);
  console.log(`${run.n.toLocaleString('en-US').padStart(8)} elements: ${primal ? 'primal' : 'value+gradient'} ${formatNs(t).padStart(9)}, ${(t / run.n).toFixed(1).padStart(6)} ns/element, ${(t / run.n / base).toFixed(2)}× the first size per element`);
}
