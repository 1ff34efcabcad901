/**
 * A/B timing of the engine against a git ref, in one process: both bundles loaded side by side and
 * timed interleaved (A B, B A, A B…), so a machine other work shares slows both alike. Reports the
 * median and the fastest of the per-round CPU-time medians, and checks that both give the same value and gradient, bit for bit.
 *
 *   node --import tsx bench/ab.ts REF [seed001|rosen|mlp|rosen_vec …] [--rounds=N] [--ms=M] [--primal]
 *
 * REF's src/ and bench/ are unpacked with `git archive` into a temporary directory (node_modules
 * linked from this worktree) and bundled as bench/gradlens.ts bundles the working tree.
 */
import { buildSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCase } from './anyCase';
import type { BenchCase } from './cases';
import { GradLensCase, loadEngine, type Engine } from './gradlens';
import { formatNs, median, measure } from './timing';

function engineAt(ref: string): Engine {
  const root = join(__dirname, '..');
  const dir = join(tmpdir(), `gradlens-ab-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git -C "${root}" archive "${ref}" src bench package.json | tar -x -C "${dir}"`]);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const outfile = join(dir, 'engine.cjs');
  buildSync({ entryPoints: [join(dir, 'bench', 'engine.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  const engine = require(outfile) as Engine;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return engine;
}

function main(): void {
  const args = process.argv.slice(2);
  const ref = args[0];
  if (!ref) throw new Error('usage: bench/ab.ts REF [case …] [--rounds=N] [--ms=M] [--primal]');
  const option = (name: string, fallback: number): number => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const rounds = option('rounds', 7);
  const ms = option('ms', 300);
  const primal = args.includes('--primal');
  const ids = args.slice(1).filter((a) => !a.startsWith('--'));
  const base = engineAt(ref);
  const { engine: head } = loadEngine(true);
  for (const id of ids.length > 0 ? ids : ['seed001', 'rosen']) {
    const c: BenchCase | undefined = benchCase(id);
    if (!c) throw new Error(`unknown case ${id}`);
    const a = new GradLensCase(base, c);
    const b = new GradLensCase(head, c);
    const va = a.valueAndGradient();
    const vb = b.valueAndGradient();
    // A matrix parameter's gradient is nested lists: compared number by number.
    const ga = (va.gradient as unknown[]).flat(Infinity) as number[];
    const gb = (vb.gradient as unknown[]).flat(Infinity) as number[];
    const same = Object.is(va.value, vb.value) && ga.length === gb.length && ga.every((x, i) => Object.is(x, gb[i]));
    const body = (g: GradLensCase): (() => number) => (primal ? () => g.primal() : () => g.valueAndGradientRun());
    const ta: number[] = [];
    const tb: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Which goes first alternates: the second of a pair ran measurably faster in a control (same code both sides).
      if (r % 2 === 0) {
        ta.push(measure(body(a), { budgetMs: ms }).cpuNs);
        tb.push(measure(body(b), { budgetMs: ms }).cpuNs);
      } else {
        tb.push(measure(body(b), { budgetMs: ms }).cpuNs);
        ta.push(measure(body(a), { budgetMs: ms }).cpuNs);
      }
    }
    const ma = median(ta);
    const mb = median(tb);
    // The fastest round too: on a machine others load, interference only ever adds time.
    const fa = Math.min(...ta);
    const fb = Math.min(...tb);
    const change = (x: number, y: number): string => `${y < x ? '' : '+'}${((100 * (y - x)) / x).toFixed(1)}%`;
    console.log(
      `${id} ${primal ? 'primal' : 'value+gradient'}: ${ref} ${formatNs(ma)}, working tree ${formatNs(mb)} (${change(ma, mb)}); fastest rounds ${formatNs(fa)} and ${formatNs(fb)} (${change(fa, fb)}); CPU-time medians of ${rounds} interleaved rounds; results ${same ? 'bit-identical' : 'DIFFER'}`,
    );
  }
}

main();
