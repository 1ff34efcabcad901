/**
 * `npm run bench`: GradLens beside a hand-written JavaScript floor, PyTorch (when /usr/bin/python3
 * has torch) and TensorFlow.js (CPU backend), on seed 001's function and a for-loop Rosenbrock.
 * Figures, not a test: it always exits 0 unless something is broken; MISS marks a target not met.
 *
 *   npm run bench                 full run (about a minute)
 *   npm run bench -- --quick      shorter budgets, noisier figures
 *   npm run bench -- --json FILE  also write every figure as JSON
 *   npm run bench -- --no-workbench  skip the editor figures (code-server + Chromium)
 *   npm run bench -- --unbundled  time GradLens's sources through tsx instead of an esbuild bundle
 *   npm run bench -- --clock wall|cpu|auto
 *                                 which median the table shows: wall clock, or process CPU time
 *                                 (steadier when other work shares the cores). auto (default): wall
 *                                 unless the load average at start shows the machine busy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  cases,
  compareGradients,
  GRADIENT_OVER_PRIMAL_TARGET,
  OVER_TORCH_LOOP_TARGET,
  TAPE_BYTES_PER_OP_TARGET,
  type BenchCase,
  type CaseId,
  type ValueAndGradient,
} from './cases';
import { GradLensCase, loadEngine, type TapeStats } from './gradlens';
import * as hand from './handwritten';
import { loadTfjs, type PeerVariant } from './tfjs';
import { PYTHON, runTorch, type TorchResult } from './torch';
import { CPU_CLOCK, currentClock, formatBytes, formatNs, formatRatio, measure, setClock, type Clock, type Measurement } from './timing';
import { printFrontEndFigures } from './frontend';
import { printColdStartFigures } from './coldStart';
import { printEditFigures } from './editCost';
import { runArrayBench } from './arrays';
import { runEinsumBench } from './einsum';
import { runLoopBench } from './loops';
import { printWorkbenchFigures } from './workbench';
import { printWebviewFigures } from './webview';

/** Medians per call on both clocks, in nanoseconds. */
interface Timing {
  readonly wallNs: number;
  readonly cpuNs: number;
}

interface Row {
  readonly impl: string;
  readonly primal?: Timing;
  readonly valueAndGradient?: Timing;
  readonly check?: { maxAbs: number; maxRel: number; valueRel: number };
  readonly unavailable?: string;
  readonly gradlens?: boolean;
}

interface CaseReport {
  readonly c: BenchCase;
  readonly rows: Row[];
  readonly notes: string[];
  tape?: TapeStats;
  split?: { record: Timing; derivatives: Timing };
  compileMs?: number;
}

const PASS = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: { quick: { type: 'boolean' }, json: { type: 'string' }, unbundled: { type: 'boolean' }, clock: { type: 'string', default: 'auto' }, 'no-workbench': { type: 'boolean' } },
    allowPositionals: false,
  });
  const budgetMs = args.quick ? 300 : 1500;
  const started = performance.now();
  const all = cases();
  const reports = new Map<CaseId, CaseReport>(all.map((c) => [c.id, { c, rows: [], notes: [] }]));

  const { engine, how } = loadEngine(!args.unbundled);
  const load = (): string => loadavg()[0]!.toFixed(2);
  const loadBefore = load();
  const cores = availableParallelism();
  console.log(`GradLens benchmark: Node ${process.version}, ${process.platform}/${process.arch}, ${cores} cores, load average ${loadBefore} at start`);
  const busy = Number(loadBefore) > cores - 0.5;
  if (args.clock !== 'auto' && args.clock !== 'wall' && args.clock !== 'cpu') throw new Error(`--clock must be wall, cpu or auto, not ${args.clock}`);
  const clock: Clock = args.clock === 'auto' ? (busy ? 'cpu' : 'wall') : args.clock;
  setClock(clock);
  console.log(`GradLens timed as: ${how}. Budget ${budgetMs} ms per measurement; each figure is the median of ~1 ms batches.`);
  console.log(
    clock === 'wall'
      ? `Clock: wall time (${CPU_CLOCK} medians are in --json).`
      : `Clock: ${CPU_CLOCK}, ${args.clock === 'auto' ? `because the load average ${loadBefore} shows the ${cores} cores busy and wall time would count waiting for a core` : 'as asked'} (wall-clock medians are in --json).`,
  );

  const tfjs = await loadTfjs();

  for (const c of all) {
    const report = reports.get(c.id)!;
    process.stderr.write(`[bench] ${c.id}: GradLens…`);

    // The reference: hand-written float64 value and gradient.
    const reference = handReference(c);

    // GradLens.
    const g = new GradLensCase(engine, c);
    report.compileMs = g.compileMs;
    const gPrimal = measure(() => g.primal(), { budgetMs });
    const gGrad = measure(() => g.valueAndGradientRun(), { budgetMs });
    report.rows.push({
      impl: 'GradLens',
      primal: timing(gPrimal),
      valueAndGradient: timing(gGrad),
      check: compareGradients(g.valueAndGradient(), reference),
      gradlens: true,
    });
    report.tape = g.tapeStats();
    report.notes.push(cliFigure(c, gGrad.medianNs, gPrimal.medianNs));
    const split = g.split(Math.min(budgetMs, 800));
    report.split = { record: timing(split.record), derivatives: timing(split.derivatives) };

    // The floor.
    process.stderr.write(' hand-written…');
    const h = handTimings(c, budgetMs);
    report.rows.push({ impl: 'hand-written JS (floor)', primal: h.primal, valueAndGradient: h.valueAndGradient, check: compareGradients(reference, reference) });

    // TensorFlow.js.
    if ('unavailable' in tfjs) {
      report.rows.push({ impl: 'TensorFlow.js', unavailable: tfjs.unavailable });
    } else {
      process.stderr.write(' tfjs…');
      const before = tfjs.numTensors();
      for (const v of tfjs.variants(c)) {
        report.rows.push(peerRow(`tfjs ${tfjs.version} ${tfjs.backend} f32 · ${v.label}`, v, reference, budgetMs));
        if (v.note) report.notes.push(`tfjs ${v.note}`);
      }
      const leaked = tfjs.numTensors() - before - (c.id === 'rosen' ? 1 + (c.point.x as number[]).length : 2);
      if (leaked > 0) report.notes.push(`warning: the tfjs variants leaked ${leaked} tensors`);
    }
    process.stderr.write(' done\n');
  }

  // PyTorch, in its own process after the JavaScript measurements (no competition for the two cores).
  process.stderr.write('[bench] PyTorch…');
  const torch = runTorch(all, Math.min(budgetMs, 1000));
  process.stderr.write(' done\n');
  for (const c of all) {
    const report = reports.get(c.id)!;
    if ('unavailable' in torch) {
      report.rows.push({ impl: 'PyTorch', unavailable: torch.unavailable });
      continue;
    }
    const reference = handReference(c);
    for (const v of torch.cases[c.id]) {
      report.rows.push({
        impl: `PyTorch ${(torch.version.match(/^[\d.]+/)?.[0] ?? torch.version)} f64 1 thread · ${v.label}`,
        primal: { wallNs: v.primal.wall_ns, cpuNs: v.primal.cpu_ns },
        valueAndGradient: { wallNs: v.value_and_gradient.wall_ns, cpuNs: v.value_and_gradient.cpu_ns },
        check: compareGradients(v, reference),
      });
    }
  }

  for (const c of all) printCase(reports.get(c.id)!);
  printFrontEndFigures();
  printColdStartFigures(join(__dirname, '..'), args.quick ? 3 : 7);
  printEditFigures(join(__dirname, '..'), args.quick ? 6 : 12);
  await runArrayBench(engine, budgetMs);
  runEinsumBench(engine, budgetMs);
  await runLoopBench(engine, budgetMs);
  await printWebviewFigures();
  if (!args['no-workbench']) await printWorkbenchFigures();
  printFooter(torch, tfjs);
  const loadAfter = load();
  console.log(`\nTotal bench time ${((performance.now() - started) / 1000).toFixed(1)} s; load average ${loadBefore} at start, ${loadAfter} at end.`);
  if (Math.max(Number(loadBefore), Number(loadAfter)) > cores) {
    console.log(`Warning: the machine was busy (load average above ${cores} cores): figures are noisy${clock === 'wall' ? ' and inflated (try --clock cpu)' : ''}.`);
  }

  if (args.json) {
    const out = [...reports.values()].map((r) => ({
      case: r.c.id,
      title: r.c.title,
      compile_ms: r.compileMs,
      tape: r.tape,
      split: r.split,
      rows: r.rows,
    }));
    writeFileSync(args.json, JSON.stringify({ node: process.version, budget_ms: budgetMs, clock, load_average: [loadBefore, loadAfter], cases: out }, null, 2) + '\n');
    console.log(`Wrote ${args.json}.`);
  }
}

/**
 * `gradlens grad --repeat 2000` in a fresh process, as users and outside checks time it: it times
 * the same calls the same way (src/cli/timing.ts), so its figure should be the table's, within noise.
 */
function cliFigure(c: BenchCase, gradNs: number, primalNs: number): string {
  const cli = join(__dirname, '..', 'dist', 'cli.js');
  if (!existsSync(cli)) return 'gradlens grad --repeat: dist/cli.js missing (npm run bench builds it)';
  const at = Object.entries(c.point)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(', ')}]` : v}`)
    .join(', ');
  const run = spawnSync(process.execPath, [cli, 'grad', c.file, '--function', c.functionName, '--at', at, '--repeat', '2000'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  try {
    const t = (JSON.parse(run.stdout) as { timing: { primal_ms: number; gradient_ms: number } }).timing;
    const g = t.gradient_ms * 1e6;
    return `gradlens grad --repeat 2000 (a fresh process): value+grad ${formatNs(g)}, primal ${formatNs(t.primal_ms * 1e6)} — ${formatRatio(g / gradNs)} the table's ${formatNs(gradNs)} (primal ${formatNs(primalNs)}), load ${loadavg()[0]!.toFixed(2)}`;
  } catch {
    return `gradlens grad --repeat failed: ${run.stderr.trim().split('\n').pop() ?? ''}`;
  }
}

function handReference(c: BenchCase): ValueAndGradient {
  if (c.id === 'seed001') {
    const [value, ga, gb] = hand.seed001ValueAndGradient(c.point.v_1 as number, c.point.v0 as number);
    return { value, gradient: [ga, gb] };
  }
  const r = hand.rosenValueAndGradient(c.point.x as number[]);
  return { value: r.value, gradient: [...r.gradient] };
}

function timing(m: Measurement): Timing {
  return { wallNs: m.wallNs, cpuNs: m.cpuNs };
}

/** The median on the clock the table shows. */
function shown(t: Timing | undefined): number | undefined {
  return t === undefined ? undefined : currentClock() === 'cpu' ? t.cpuNs : t.wallNs;
}

function handTimings(c: BenchCase, budgetMs: number): { primal: Timing; valueAndGradient: Timing } {
  if (c.id === 'seed001') {
    const a = c.point.v_1 as number;
    const b = c.point.v0 as number;
    return {
      primal: timing(measure(() => hand.seed001Primal(a, b), { budgetMs })),
      valueAndGradient: timing(measure(() => hand.seed001ValueAndGradient(a, b)[1], { budgetMs })),
    };
  }
  const x = c.point.x as number[];
  return {
    primal: timing(measure(() => hand.rosenPrimal(x), { budgetMs })),
    valueAndGradient: timing(measure(() => hand.rosenValueAndGradient(x).gradient[0]!, { budgetMs })),
  };
}

function peerRow(impl: string, v: PeerVariant, reference: ValueAndGradient, budgetMs: number): Row {
  const check = compareGradients(v.valueAndGradient(), reference);
  const primal = measure(() => v.primal(), { budgetMs });
  const grad = measure(() => v.valueAndGradientRun(), { budgetMs });
  return { impl, primal: timing(primal), valueAndGradient: timing(grad), check };
}

function formatCheck(check: Row['check']): string {
  if (!check) return '';
  if (!Number.isFinite(check.maxAbs)) return 'WRONG SHAPE';
  if (check.maxAbs === 0 && check.valueRel === 0) return 'identical';
  return `${check.maxAbs.toExponential(1)} (rel ${check.maxRel.toExponential(0)})`;
}

function pad(cells: readonly string[], widths: readonly number[], rightAlign: readonly boolean[]): string {
  return cells.map((s, i) => (rightAlign[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join('  ').trimEnd();
}

function printCase(r: CaseReport): void {
  const c = r.c;
  const floor = r.rows.find((x) => x.impl.startsWith('hand-written'));
  const header = ['implementation', 'primal', 'value+grad', 'grad/primal', 'vs floor', 'max |Δgrad| vs floor', 'GradLens targets'];
  const right = [false, true, true, true, true, true, false];
  const measured = r.rows.filter((row) => !row.unavailable);
  const lines: string[][] = measured.map((row) => {
    const primal = shown(row.primal)!;
    const grad = shown(row.valueAndGradient)!;
    const floorGrad = shown(floor?.valueAndGradient);
    const ratio = grad / primal;
    const vsFloor = floorGrad ? grad / floorGrad : undefined;
    const target = row.gradlens
      ? `≤ ${formatNs(c.targetNs)} ${PASS(grad <= c.targetNs)} · grad ≤ ${GRADIENT_OVER_PRIMAL_TARGET}× primal ${PASS(ratio <= GRADIENT_OVER_PRIMAL_TARGET)}`
      : '';
    return [row.impl, formatNs(primal), formatNs(grad), formatRatio(ratio), formatRatio(vsFloor), formatCheck(row.check), target];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const rule = '─'.repeat(widths.reduce((a, b) => a + b + 2, -2));
  console.log(`\n${c.title}`);
  console.log(`  source: bench/fixtures/${c.file.split('/').pop()} (${c.functionName}); issue measured: ${c.issueFigures}`);
  console.log(rule);
  console.log(pad(header, widths, right));
  console.log(rule);
  for (const l of lines) console.log(pad(l, widths, right));
  for (const row of r.rows) if (row.unavailable) console.log(`${row.impl.padEnd(widths[0]!)}  ${row.unavailable}`);
  console.log(rule);
  const t = r.tape;
  if (t) {
    console.log(
      `GradLens tape: ${t.entries.toLocaleString('en-US')} entries (${t.inputs.toLocaleString('en-US')} inputs + ${t.ops.toLocaleString('en-US')} scalar ops) × ${t.bytesPerEntry} B = ${formatBytes(t.bytes)}; ` +
        `${t.bytesPerOp.toFixed(1)} B per scalar op (target ≤ ${TAPE_BYTES_PER_OP_TARGET}: ${PASS(t.bytesPerOp <= TAPE_BYTES_PER_OP_TARGET)})`,
    );
    console.log(
      `  allocated (one buffer, sized from the previous run, doubling): ${formatBytes(t.allocatedBytes)} = ${t.allocatedBytesPerOp.toFixed(1)} B/op` +
        (t.retainedBytesPerTrace !== undefined ? `; measured heap retained per Trace: ${formatBytes(t.retainedBytesPerTrace)} = ${(t.retainedBytesPerTrace / t.ops).toFixed(1)} B/op` : ''),
    );
  }
  if (r.split) {
    console.log(`  GradLens split: record (interpret + tape) ${formatNs(shown(r.split.record))}, derivatives() (reverse sweep + reshape) ${formatNs(shown(r.split.derivatives))}; parse + compile once: ${r.compileMs?.toFixed(1)} ms`);
  }
  const torchLoop = r.rows.find((row) => row.impl.startsWith('PyTorch') && row.impl.endsWith('loop, x[i] of a tensor'));
  const ours = r.rows.find((row) => row.gradlens);
  if (c.id === 'rosen' && torchLoop?.valueAndGradient && ours?.valueAndGradient) {
    const times = shown(torchLoop.valueAndGradient)! / shown(ours.valueAndGradient)!;
    console.log(`  GradLens's loop against PyTorch's tensor loop in this run: ${formatRatio(times)} faster (target ≥ ${OVER_TORCH_LOOP_TARGET}×: ${PASS(times >= OVER_TORCH_LOOP_TARGET)})`);
  }
  for (const n of [...new Set(r.notes)]) console.log(`  ${n}`);
}

function printFooter(torch: TorchResult | { unavailable: string }, tfjs: Awaited<ReturnType<typeof loadTfjs>>): void {
  console.log('\nNotes:');
  console.log('  primal = evaluation alone (GradLens `evaluate`, nothing taped); value+grad = GradLens `record` + `derivatives` (reverse), as `gradlens grad --repeat` times it.');
  console.log('  grad/primal = value+grad ÷ primal of the same implementation; vs floor = value+grad ÷ hand-written value+grad.');
  console.log('  max |Δgrad| = largest absolute gradient difference from the hand-written float64 gradient (rel = ÷ largest gradient entry).');
  if ('unavailable' in torch) console.log(`  PyTorch: ${torch.unavailable}.`);
  else
    console.log(
      `  PyTorch ${torch.version} under ${PYTHON} (Python ${torch.python}): float64, torch.set_num_threads(${torch.threads}), the fixture files executed with np = torch; ` +
        'inputs are leaf tensors made once; value+grad = forward + torch.autograd.grad + .item(); primal under torch.no_grad().',
    );
  if ('unavailable' in tfjs) console.log(`  TensorFlow.js: ${tfjs.unavailable}.`);
  else console.log(`  TensorFlow.js ${tfjs.version} on the "${tfjs.backend}" backend (float32 only, hence ~1e-7 relative gradient error); inputs made once; value+grad = tf.valueAndGrads + dataSync + dispose.`);
  console.log('  VECTORIZED rows are not the for loop: whole-array ops, shown for scale only.');
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
