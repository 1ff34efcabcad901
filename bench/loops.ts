/**
 * Scalar loops over numpy arrays (issue 23), called from bench/run.ts:
 *  (e) the same loops over an ndarray and over a list (bench/fixtures/loops_np.py and loops_list.py,
 *      identical bodies), GradLens against itself in one run — target: the ndarray loop within 1.2×
 *      of the list loop, primal and value+gradient — with PyTorch running the ndarray file (np = torch);
 *  (f) linear classifier losses written the naive way (linear_losses.py: X[i].dot(W), the hinge's
 *      dW[:, k] += X[i]), GradLens beside PyTorch running the same file;
 *  (g) scaling: the ndarray Rosenbrock loop at 2k, 20k and 200k elements — per element within 1.3×
 *      of the 2k figure, and the 200k loop within the default budgets.
 * GradLens is timed through the analysis API as the CLI uses it (record + derivatives, trace released).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, rosenPoint } from './cases';
import type { Engine } from './gradlens';
import { PYTHON } from './torch';
import { formatNs, formatRatio, measure, median } from './timing';

/** Targets from the issue. */
export const NDARRAY_OVER_LIST_TARGET = 1.2;
export const SCALING_PER_ELEMENT_TARGET = 1.3;

type Point = Record<string, unknown>;

interface Timed {
  primalNs: number;
  gradNs: number;
  value: number;
  gradient: number[];
}

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

/** A deterministic small-valued matrix (an LCG), as bench/arrays.ts makes its points. */
export function lcgMatrix(m: number, n: number, seed: number, scale: number): number[][] {
  let s = seed;
  return Array.from({ length: m }, () =>
    Array.from({ length: n }, () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return (s / 2147483648 - 0.5) * scale;
    }),
  );
}

/** GradLens's runs of one function of one file, ready to time, and its value and gradient once. */
interface Prepared {
  readonly primal: () => number;
  readonly grad: () => number;
  readonly value: number;
  readonly gradient: number[];
}

/**
 * Parses, compiles and runs one function once (value and gradient). `budget`: the evaluation budget
 * (the engine's default unless given); a budget error of that first run throws.
 */
function prepare(engine: Engine, file: string, fn: string, point: Point, budget?: { maxMillis: number }): Prepared {
  const doc = engine.DocumentAnalysis.fromText(readFileSync(file, 'utf8'), file, 'python');
  const resolved = doc.resolvePoint(fn, point as never);
  if (!resolved.ok) throw new Error(`${fn}: ${resolved.error.message}`);
  const at = resolved.value;
  const once = doc.gradient(fn, at, budget ? { budget } : {});
  if (!once.ok) throw new Error(`${fn}: ${once.error.message}`);
  return {
    value: once.value.value as number,
    gradient: Object.keys(point).flatMap((p) => flat(once.value.gradient![p])),
    primal: () => {
      const r = doc.evaluate(fn, at, budget);
      return r.ok ? (r.value.value as number) : NaN;
    },
    grad: () => {
      const r = doc.record(fn, at, budget);
      if (!r.ok) return NaN;
      const d = engine.derivatives(r.value, 'reverse');
      const v = (d.gradient ? 1 : 0) + r.value.output.values[0]!;
      engine.releaseTrace(r.value);
      return v;
    },
  };
}

/** Rounds of `timeInterleaved`. */
const ROUNDS = 3;

/**
 * Primal and value+gradient medians of runs compared with one another (a list loop and its ndarray
 * twin, the scaling sizes), timed round after round in alternating order (A B, B A, A B), each
 * round a third of `budgetMs`: a machine other work shares then slows each alike, where timing one
 * after the other put a change of load into the ratio.
 */
function timeInterleaved(runs: readonly Prepared[], budgetMs: number): Timed[] {
  const primal = runs.map((): number[] => []);
  const grad = runs.map((): number[] => []);
  for (let r = 0; r < ROUNDS; r++) {
    const order = runs.map((_, k) => k);
    if (r % 2 === 1) order.reverse();
    for (const k of order) {
      primal[k]!.push(measure(runs[k]!.primal, { budgetMs: budgetMs / ROUNDS }).medianNs);
      grad[k]!.push(measure(runs[k]!.grad, { budgetMs: budgetMs / ROUNDS }).medianNs);
    }
  }
  return runs.map((p, k) => ({ primalNs: median(primal[k]!), gradNs: median(grad[k]!), value: p.value, gradient: p.gradient }));
}

/** One function on its own (the losses). */
function timeGradLens(engine: Engine, file: string, fn: string, point: Point, budgetMs: number, budget?: { maxMillis: number }): Timed {
  return timeInterleaved([prepare(engine, file, fn, point, budget)], budgetMs)[0]!;
}

function maxRel(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return d / (s || 1);
}

interface TorchTimed {
  primal: { wall_ns: number; cpu_ns: number };
  value_and_gradient: { wall_ns: number; cpu_ns: number };
  value: number;
  gradient: number[];
}

/** PyTorch on the same files (np = torch), in its own process; undefined when it is not installed. */
function runTorchLoops(request: unknown): { version: string; cases: Record<string, TorchTimed> } | string {
  if (!existsSync(PYTHON)) return `not installed (no ${PYTHON})`;
  const run = spawnSync(PYTHON, [join(__dirname, 'torch_loops.py')], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
    env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  try {
    const out = JSON.parse(run.stdout) as { available: boolean; reason?: string; version: string; cases: Record<string, TorchTimed> };
    return out.available ? out : (out.reason ?? 'not available');
  } catch {
    return `torch_loops.py failed: ${(run.stderr || run.error?.message || '').trim().split('\n').slice(-2).join(' ')}`;
  }
}

const PASS = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
const load = (): string => loadavg()[0]!.toFixed(2);

export async function runLoopBench(engine: Engine, budgetMs: number): Promise<void> {
  const npFile = join(FIXTURES, 'loops_np.py');
  const listFile = join(FIXTURES, 'loops_list.py');
  const lossFile = join(FIXTURES, 'linear_losses.py');
  const n = 45;
  const loops: { fn: string; what: string; point: Point }[] = [
    { fn: 'rosen', what: 'Rosenbrock, reads x[i], 2,000 elements', point: { x: rosenPoint() } },
    { fn: 'smooth', what: 'stencil, writes y[i] = …, reads y[i], 2,000', point: { x: rosenPoint() } },
    { fn: 'quad', what: `quadratic form A[i][j]·x[i]·x[j], ${n}×${n}`, point: { A: lcgMatrix(n, n, 7, 2), x: lcgMatrix(1, n, 8, 2)[0] } },
  ];
  const W = lcgMatrix(3073, 10, 5, 2e-3);
  const losses: { fn: string; what: string }[] = [
    { fn: 'softmax_loss_loops', what: 'softmax cross-entropy, scores = X[i].dot(W), 100×3073 · 3073×10' },
    { fn: 'svm_loss', what: 'multiclass hinge, dW[:, k] += X[i] accumulated by hand, 100×3073 · 3073×10' },
  ];
  const sizes = [2_000, 20_000, 200_000];

  const loopRows: { what: string; list: Timed; array: Timed; load: string }[] = [];
  for (const l of loops) {
    process.stderr.write(`[bench] loops ${l.fn}…`);
    const [list, array] = timeInterleaved([prepare(engine, listFile, l.fn, l.point), prepare(engine, npFile, l.fn, l.point)], 2 * budgetMs);
    loopRows.push({ what: l.what, list: list!, array: array!, load: load() });
    process.stderr.write(' done\n');
  }
  const lossRows: { what: string; fn: string; g: Timed }[] = [];
  for (const l of losses) {
    process.stderr.write(`[bench] ${l.fn}…`);
    // Figures, not a budget test: the largest time budget, so that a loaded machine still prints them.
    lossRows.push({ what: l.what, fn: l.fn, g: timeGradLens(engine, lossFile, l.fn, { W }, budgetMs, { maxMillis: 10_000 }) });
    process.stderr.write(' done\n');
  }
  let overBudget: string | undefined;
  process.stderr.write(`[bench] scaling ${sizes.join(', ')}…`);
  const prepared = sizes.map((size) => {
    try {
      return prepare(engine, npFile, 'rosen', { x: rosenPoint(size) });
    } catch (e) {
      // Over the default budgets (a loaded machine can do that): say so, and time it under the largest.
      overBudget = `${size.toLocaleString('en-US')} elements: ${e instanceof Error ? e.message : String(e)}`;
      return prepare(engine, npFile, 'rosen', { x: rosenPoint(size) }, { maxMillis: 10_000 });
    }
  });
  const scaling = timeInterleaved(prepared, sizes.length * budgetMs).map((g, k) => ({ n: sizes[k]!, g }));
  process.stderr.write(' done\n');

  // PyTorch, after the JavaScript measurements. X and y are GradLens's, so both see the same data.
  process.stderr.write('[bench] PyTorch (loops)…');
  const doc = engine.DocumentAnalysis.fromText(readFileSync(lossFile, 'utf8'), lossFile, 'python');
  const data = doc.evaluate('data', { values: {}, source: 'argument' });
  if (!data.ok) throw new Error(data.error.message);
  const [X, y] = data.value.value as [number[][], number[]];
  const torch = runTorchLoops({
    budget_ms: Math.min(budgetMs, 1000),
    loops: { file: npFile, cases: loops.map((l) => ({ fn: l.fn, point: l.point })) },
    losses: { file: lossFile, X, y, W, cases: losses.map((l) => l.fn) },
  });
  process.stderr.write(' done\n');
  const torchOf = (key: string): TorchTimed | undefined => (typeof torch === 'string' ? undefined : torch.cases[key]);

  console.log('\n(e) scalar loops over an ndarray against the same loops over a list (bench/fixtures/loops_np.py, loops_list.py)');
  console.log(`    GradLens target: the ndarray loop within ${NDARRAY_OVER_LIST_TARGET}× of the list loop, primal and value+grad (a ratio of medians of interleaved rounds in one run)`);
  console.log('  loop                                             list primal  ndarray primal  ratio        list v+g  ndarray v+g  ratio        Δgrad    PyTorch tensor loop v+g  load');
  for (const r of loopRows) {
    const pr = r.array.primalNs / r.list.primalNs;
    const gr = r.array.gradNs / r.list.gradNs;
    const t = torchOf(`loop:${loopRows.indexOf(r)}`);
    const torchCell = t ? `${formatNs(t.value_and_gradient.wall_ns)} (${formatRatio(t.value_and_gradient.wall_ns / r.array.gradNs)} GradLens)` : '—';
    console.log(
      `  ${r.what.padEnd(47)}  ${formatNs(r.list.primalNs).padStart(11)}  ${formatNs(r.array.primalNs).padStart(14)}  ${`${formatRatio(pr)} ${PASS(pr <= NDARRAY_OVER_LIST_TARGET)}`.padStart(11)}  ${formatNs(r.list.gradNs).padStart(10)}  ${formatNs(r.array.gradNs).padStart(11)}  ${`${formatRatio(gr)} ${PASS(gr <= NDARRAY_OVER_LIST_TARGET)}`.padStart(11)}  ${maxRel(r.array.gradient, r.list.gradient).toExponential(0).padStart(7)}  ${torchCell.padStart(23)}  ${r.load}`,
    );
  }

  console.log('\n(f) linear classifier losses written as naive loops (bench/fixtures/linear_losses.py), gradient over W only');
  console.log('  loss                                                                       GradLens primal  GradLens v+g  grad/primal   PyTorch primal  PyTorch v+g  PyTorch ÷ GradLens  max rel Δgrad');
  for (const r of lossRows) {
    const t = torchOf(`loss:${r.fn}`);
    const cells = t
      ? `${formatNs(t.primal.wall_ns).padStart(15)}  ${formatNs(t.value_and_gradient.wall_ns).padStart(11)}  ${formatRatio(t.value_and_gradient.wall_ns / r.g.gradNs).padStart(18)}  ${maxRel(t.gradient, r.g.gradient).toExponential(1).padStart(13)}`
      : `  PyTorch: ${typeof torch === 'string' ? torch : 'missing'}`;
    console.log(`  ${r.what.padEnd(73)}  ${formatNs(r.g.primalNs).padStart(15)}  ${formatNs(r.g.gradNs).padStart(12)}  ${formatRatio(r.g.gradNs / r.g.primalNs).padStart(11)}  ${cells}`);
  }

  console.log(`\n(g) scaling: the ndarray Rosenbrock loop (loops_np.py rosen); target: per element within ${SCALING_PER_ELEMENT_TARGET}× of the 2,000-element figure`);
  console.log('  elements     primal   ns/element    value+grad   ns/element   per element vs 2k');
  const base = scaling[0]!;
  for (const s of scaling) {
    const per = s.g.gradNs / s.n;
    const ratio = per / (base.g.gradNs / base.n);
    console.log(
      `  ${s.n.toLocaleString('en-US').padStart(8)}  ${formatNs(s.g.primalNs).padStart(9)}  ${(s.g.primalNs / s.n).toFixed(1).padStart(11)}  ${formatNs(s.g.gradNs).padStart(12)}  ${per.toFixed(1).padStart(11)}  ${`${formatRatio(ratio)} ${PASS(ratio <= SCALING_PER_ELEMENT_TARGET)}`.padStart(18)}`,
    );
  }
  console.log(
    overBudget
      ? `  Within the default budgets: MISS (${overBudget}; timed under the largest time budget)`
      : `  The ${sizes[sizes.length - 1]!.toLocaleString('en-US')}-element loop's value and gradient ran within the default budgets (steps, time, memory): PASS`,
  );
  if (typeof torch === 'string') console.log(`  PyTorch: ${torch}.`);
  else console.log(`  PyTorch ${torch.version} (float64, one thread) runs the same files with np = torch (and Tensor.dot as numpy's dot: a vector times a matrix).`);
}
