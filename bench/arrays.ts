/**
 * The array benchmark (issue 4), called from bench/run.ts: the MLP loss gradient
 * `mean((tanh(X @ W1 + b1) @ W2 + b2 - y) ** 2)` (X 256×64, W1 64×128, W2 128×10) and vectorized
 * Rosenbrock over 2,000 elements, GradLens beside PyTorch (float64, one thread) and TensorFlow.js
 * (CPU, float32). GradLens is timed through the analysis API as the CLI uses it (record +
 * derivatives); only the point's parameters are differentiated (X and y are data defaults).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, GRADIENT_OVER_PRIMAL_TARGET, type BenchCase, type CaseId } from './cases';
import type { Engine } from './gradlens';
import { PYTHON } from './torch';
import { rosenVecFused, rosenVecFusedPrimal, rosenVecOpByOp, rosenVecOpByOpPrimal } from './handwrittenArrays';
import { formatNs, formatRatio, measure } from './timing';

interface Row {
  impl: string;
  primalNs?: number;
  gradNs?: number;
  maxRel?: number;
  note?: string;
}

/** A deterministic small-valued matrix (an LCG), so every implementation sees the same point. */
function matrix(m: number, n: number, seed: number): number[][] {
  let s = seed;
  return Array.from({ length: m }, () =>
    Array.from({ length: n }, () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return (s / 2147483648 - 0.5) * 0.3;
    }),
  );
}

export const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

/** The largest absolute difference over the largest magnitude of `b` (Infinity when lengths differ). */
export function relDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  let s = 0;
  a.forEach((x, i) => {
    d = Math.max(d, Math.abs(x - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  });
  return d / (s || 1);
}

interface ArrayCase {
  id: 'mlp' | 'rosen_vec';
  title: string;
  file: string;
  fn: string;
  point: Record<string, unknown>;
  params: string[];
  targetNs: number;
  issue: string;
  /**
   * PyTorch's value+gradient time (float64, one thread) where the issue's target was set, when the
   * issue's figure is that like-for-like measurement. The MLP's "~0.5 ms" is not (it is well below
   * what one float64 thread does), so the MLP has none and no scaled target.
   */
  issueTorchNs?: number;
}

export function arrayCases(): ArrayCase[] {
  return [
    {
      id: 'mlp',
      title: '(c) MLP loss gradient, mean((tanh(X @ W1 + b1) @ W2 + b2 - y) ** 2), X 256×64, W1 64×128, W2 128×10',
      file: join(FIXTURES, 'mlp.py'),
      fn: 'mlp_loss',
      point: { W1: matrix(64, 128, 1), b1: matrix(1, 128, 2)[0], W2: matrix(128, 10, 3), b2: matrix(1, 10, 4)[0] },
      params: ['W1', 'b1', 'W2', 'b2'],
      targetNs: 2.5e6,
      issue: 'PyTorch CPU ~0.5 ms, hand-written JS ~6 ms, tfjs CPU ~18 ms',
    },
    {
      id: 'rosen_vec',
      title: '(d) vectorized Rosenbrock over 2,000 elements (numpy slicing), x[i] = 0.5 + 0.001·i',
      file: join(FIXTURES, 'rosen_vec.py'),
      fn: 'rosen_vec',
      point: { x: Array.from({ length: 2000 }, (_, i) => 0.5 + 0.001 * i) },
      params: ['x'],
      targetNs: 60e3,
      issue: 'PyTorch ~66 µs, tfjs ~1.1 ms',
      issueTorchNs: 66e3,
    },
  ];
}

/** A numpy case (MLP, vectorized Rosenbrock) in the scalar cases' form, for profile.ts and quick.ts. */
export function arrayBenchCase(id: string): BenchCase | undefined {
  const c = arrayCases().find((x) => x.id === id);
  if (!c) return undefined;
  const point = c.point as unknown as BenchCase['point'];
  return { id: c.id as unknown as CaseId, title: c.title, file: c.file, source: readFileSync(c.file, 'utf8'), functionName: c.fn, point, params: c.params, targetNs: c.targetNs, issueFigures: c.issue };
}

export async function runArrayBench(engine: Engine, budgetMs: number): Promise<void> {
  const cases = arrayCases();
  const rows = new Map<string, Row[]>(cases.map((c) => [c.id, []]));
  const reference = new Map<string, number[]>();
  let data: { X: number[][]; y: number[][] } | undefined;
  for (const c of cases) {
    process.stderr.write(`[bench] ${c.id}: GradLens…`);
    const doc = engine.DocumentAnalysis.fromText(readFileSync(c.file, 'utf8'), c.file, 'python');
    const point = doc.resolvePoint(c.fn, c.point as never);
    if (!point.ok) throw new Error(point.error.message);
    const once = doc.gradient(c.fn, point.value);
    if (!once.ok) throw new Error(once.error.message);
    reference.set(c.id, c.params.flatMap((p) => flat(once.value.gradient![p])));
    const primal = measure(() => {
      const r = doc.evaluate(c.fn, point.value);
      return r.ok ? (r.value.value as number) : NaN;
    }, { budgetMs });
    const grad = measure(() => {
      const r = doc.record(c.fn, point.value);
      if (!r.ok) return NaN;
      const d = engine.derivatives(r.value, 'reverse');
      const v = (d.gradient ? 1 : 0) + r.value.output.values[0]!;
      engine.releaseTrace(r.value); // as the CLI and the editor do once a result is read
      return v;
    }, { budgetMs });
    rows.get(c.id)!.push({ impl: 'GradLens', primalNs: primal.medianNs, gradNs: grad.medianNs, maxRel: 0 });
    if (c.id === 'mlp') {
      const d = doc.evaluate('data', { values: {}, source: 'argument' });
      if (d.ok) {
        const [X, y] = d.value.value as [number[][], number[][]];
        data = { X, y };
      }
    }
    process.stderr.write(' done\n');
  }

  // Hand-written floors for the Rosenbrock: an operation at a time (how GradLens runs it), and fused.
  {
    const c = cases.find((x) => x.id === 'rosen_vec')!;
    const x = Float64Array.from(c.point.x as number[]);
    const floors = [
      { impl: 'hand-written JS, loop per operation', primal: rosenVecOpByOpPrimal, grad: rosenVecOpByOp },
      { impl: 'hand-written JS, one fused loop', primal: rosenVecFusedPrimal, grad: rosenVecFused },
    ];
    for (const f of floors) {
      const primal = measure(() => f.primal(x), { budgetMs });
      const grad = measure(() => {
        const [v, g] = f.grad(x);
        return v + g[0]!;
      }, { budgetMs });
      rows.get(c.id)!.push({ impl: f.impl, primalNs: primal.medianNs, gradNs: grad.medianNs, maxRel: relDiff(Array.from(f.grad(x)[1]), reference.get(c.id)!) });
    }
  }

  // TensorFlow.js (float32) on the same data.
  try {
    const { log, warn, info } = console;
    console.log = console.warn = console.info = () => undefined;
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    await tf.ready();
    Object.assign(console, { log, warn, info });
    for (const c of cases) {
      process.stderr.write(`[bench] ${c.id}: tfjs…`);
      const vars = c.params.map((p) => tf.tensor(c.point[p] as number[]));
      const f =
        c.id === 'mlp'
          ? (W1: import('@tensorflow/tfjs').Tensor, b1: import('@tensorflow/tfjs').Tensor, W2: import('@tensorflow/tfjs').Tensor, b2: import('@tensorflow/tfjs').Tensor) =>
              tf.mean(tf.square(tf.tanh(tf.matMul(X!, W1).add(b1)).matMul(W2).add(b2).sub(Y!)))
          : (x: import('@tensorflow/tfjs').Tensor) => {
              const a = x.slice(1);
              const b = x.slice(0, x.shape[0]! - 1);
              return tf.sum(tf.square(a.sub(b.square())).mul(100).add(tf.square(tf.scalar(1).sub(b))));
            };
      const X = c.id === 'mlp' && data ? tf.tensor(data.X) : undefined;
      const Y = c.id === 'mlp' && data ? tf.tensor(data.y) : undefined;
      const fn = f as (...t: import('@tensorflow/tfjs').Tensor[]) => import('@tensorflow/tfjs').Tensor;
      const vg = tf.valueAndGrads((...t: import('@tensorflow/tfjs').Tensor[]) => fn(...t) as import('@tensorflow/tfjs').Scalar);
      const run = (): number => {
        const r = vg(vars);
        const v = r.value.dataSync()[0]!;
        const g = r.grads.map((t) => Array.from(t.dataSync()));
        tf.dispose([r.value, ...r.grads]);
        return v + g[0]![0]!;
      };
      const primal = measure(() => tf.tidy(() => fn(...vars).dataSync()[0]!), { budgetMs });
      const grad = measure(run, { budgetMs });
      const r = vg(vars);
      const g = r.grads.flatMap((t) => Array.from(t.dataSync()));
      tf.dispose([r.value, ...r.grads]);
      rows.get(c.id)!.push({ impl: `tfjs ${tf.version.tfjs} cpu f32`, primalNs: primal.medianNs, gradNs: grad.medianNs, maxRel: relDiff(g, reference.get(c.id)!) });
      tf.dispose([...vars, ...(X ? [X] : []), ...(Y ? [Y] : [])]);
      process.stderr.write(' done\n');
    }
  } catch (e) {
    for (const c of cases) rows.get(c.id)!.push({ impl: 'TensorFlow.js', note: `unavailable: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
  }

  // PyTorch, in its own process.
  if (existsSync(PYTHON) && data) {
    process.stderr.write('[bench] PyTorch (arrays)…');
    const input = JSON.stringify({ budget_ms: Math.min(budgetMs, 1000), mlp: { ...cases[0]!.point, X: data.X, y: data.y }, rosen: cases[1]!.point });
    const run = spawnSync(PYTHON, [join(__dirname, 'torch_arrays.py')], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    process.stderr.write(' done\n');
    try {
      const out = JSON.parse(run.stdout) as Record<string, { primal: { wall_ns: number }; value_and_gradient: { wall_ns: number }; gradient: number[] }> & { available: boolean; version?: string };
      for (const c of cases) {
        const r = out[c.id];
        if (!out.available || !r) continue;
        rows.get(c.id)!.push({ impl: `PyTorch ${String(out.version).split('+')[0]} f64 1 thread`, primalNs: r.primal.wall_ns, gradNs: r.value_and_gradient.wall_ns, maxRel: relDiff(r.gradient, reference.get(c.id)!) });
      }
    } catch {
      for (const c of cases) rows.get(c.id)!.push({ impl: 'PyTorch', note: `failed: ${run.stderr.split('\n').slice(-2).join(' ')}` });
    }
  }

  for (const c of cases) {
    console.log(`\n${c.title}\n  source: bench/fixtures/${c.file.split('/').pop()} (${c.fn}); issue measured: ${c.issue}`);
    console.log('  implementation                      primal    value+grad  grad/primal  max rel Δgrad vs GradLens  GradLens targets');
    for (const r of rows.get(c.id)!) {
      if (r.note) {
        console.log(`  ${r.impl.padEnd(34)}  ${r.note}`);
        continue;
      }
      const ratio = r.gradNs! / r.primalNs!;
      const target = r.impl === 'GradLens' ? `≤ ${formatNs(c.targetNs)} ${r.gradNs! <= c.targetNs ? 'PASS' : 'MISS'} · grad ≤ ${GRADIENT_OVER_PRIMAL_TARGET}× primal ${ratio <= GRADIENT_OVER_PRIMAL_TARGET ? 'PASS' : 'MISS'}` : '';
      console.log(`  ${r.impl.padEnd(34)}  ${formatNs(r.primalNs).padStart(8)}  ${formatNs(r.gradNs).padStart(10)}  ${formatRatio(ratio).padStart(11)}  ${(r.maxRel ?? 0).toExponential(1).padStart(25)}  ${target}`);
    }
    // The issue's targets are absolute times from another machine, where PyTorch took issueTorchNs:
    // scaled by this machine's PyTorch time, the same target reads differently here. Shown beside
    // the absolute verdict, never instead of it.
    const torch = rows.get(c.id)!.find((r) => r.impl.startsWith('PyTorch') && r.gradNs !== undefined);
    const gradlens = rows.get(c.id)!.find((r) => r.impl === 'GradLens');
    if (torch && gradlens && c.issueTorchNs !== undefined) {
      const scaled = (c.targetNs * torch.gradNs!) / c.issueTorchNs;
      console.log(
        `  On this machine PyTorch takes ${formatNs(torch.gradNs)} (the issue's machine: ${formatNs(c.issueTorchNs)}); the target scaled alike is ${formatNs(scaled)}: GradLens ${formatNs(gradlens.gradNs)} ${gradlens.gradNs! <= scaled ? 'PASS' : 'MISS'} (${formatRatio(gradlens.gradNs! / torch.gradNs!)} PyTorch's time).`,
      );
    }
  }
}
