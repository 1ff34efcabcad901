/**
 * Issue 18's speed figure: `einsum` of a matrix product runs through the same kernels as `@`, within
 * 1.3× of it. Value+gradient of sum(einsum(spec, A, B) ** 2) beside sum((A @ B) ** 2) (bench/fixtures/
 * einsum.py), for a plain and a batched product, GradLens beside PyTorch running the same pair (float64,
 * one thread). Called from bench/run.ts; `node --import tsx bench/einsum.ts` runs it alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flat, relDiff } from './arrays';
import { FIXTURES } from './cases';
import { loadEngine, type Engine } from './gradlens';
import { PYTHON } from './torch';
import { formatNs, formatRatio, measure } from './timing';

/** The issue's bound on einsum's time over `@`'s for the same product. */
const EINSUM_OVER_MATMUL_TARGET = 1.3;

interface EinsumCase {
  readonly id: string;
  readonly title: string;
  readonly spec: string;
  readonly einsum: string;
  readonly matmul: string;
  readonly A: unknown;
  readonly B: unknown;
}

/** Deterministic small values (an LCG), the same for every implementation. */
function values(shape: readonly number[], seed: number): unknown {
  let s = seed;
  const next = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648 - 0.5) * 0.3;
  };
  const fill = (dims: readonly number[]): unknown => (dims.length === 0 ? next() : Array.from({ length: dims[0]! }, () => fill(dims.slice(1))));
  return fill(shape);
}

function einsumCases(): EinsumCase[] {
  return [
    { id: 'product', title: "einsum('ij,jk->ik', A, B) vs A @ B, A 128×96, B 96×64", spec: 'ij,jk->ik', einsum: 'product_einsum', matmul: 'product_matmul', A: values([128, 96], 11), B: values([96, 64], 12) },
    { id: 'batched', title: "einsum('bij,bjk->bik', A, B) vs A @ B, A 8×64×48, B 8×48×32", spec: 'bij,bjk->bik', einsum: 'batched_einsum', matmul: 'batched_matmul', A: values([8, 64, 48], 13), B: values([8, 48, 32], 14) },
  ];
}

/** Median value+gradient time of one function of the fixture at (A, B), and its gradient. */
function gradLensTime(engine: Engine, fn: string, c: EinsumCase, budgetMs: number): { ns: number; gradient: number[] } {
  const file = join(FIXTURES, 'einsum.py');
  const doc = engine.DocumentAnalysis.fromText(readFileSync(file, 'utf8'), file, 'python');
  const point = doc.resolvePoint(fn, { A: c.A, B: c.B } as never);
  if (!point.ok) throw new Error(point.error.message);
  const once = doc.gradient(fn, point.value);
  if (!once.ok) throw new Error(once.error.message);
  const gradient = [...flat(once.value.gradient!.A), ...flat(once.value.gradient!.B)];
  const m = measure(() => {
    const r = doc.record(fn, point.value);
    if (!r.ok) return NaN;
    const d = engine.derivatives(r.value, 'reverse');
    const v = (d.gradient ? 1 : 0) + r.value.output.values[0]!;
    engine.releaseTrace(r.value);
    return v;
  }, { budgetMs });
  return { ns: m.medianNs, gradient };
}

export function runEinsumBench(engine: Engine, budgetMs: number): void {
  const cases = einsumCases();
  type Torch = { einsum: { wall_ns: number }; matmul: { wall_ns: number }; gradient: number[] };
  let torch: (Record<string, Torch> & { available?: boolean; version?: string }) | undefined;
  if (existsSync(PYTHON)) {
    process.stderr.write('[bench] PyTorch (einsum)…');
    const input = JSON.stringify({ budget_ms: Math.min(budgetMs, 1000), cases: Object.fromEntries(cases.map((c) => [c.id, { A: c.A, B: c.B, spec: c.spec }])) });
    const run = spawnSync(PYTHON, [join(__dirname, 'torch_einsum.py')], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    process.stderr.write(' done\n');
    try {
      torch = JSON.parse(run.stdout) as typeof torch;
    } catch {
      torch = undefined;
    }
  }
  console.log(`\n(e) einsum of a matrix product against @ (issue 18: einsum ≤ ${EINSUM_OVER_MATMUL_TARGET}× @, value+gradient of sum(… ** 2))`);
  console.log('  case       implementation                  einsum      @        einsum/@   max rel Δgrad vs PyTorch  target');
  for (const c of cases) {
    process.stderr.write(`[bench] einsum ${c.id}: GradLens…`);
    const byEinsum = gradLensTime(engine, c.einsum, c, budgetMs);
    const byMatmul = gradLensTime(engine, c.matmul, c, budgetMs);
    process.stderr.write(' done\n');
    const t = torch?.available ? torch[c.id] : undefined;
    const ratio = byEinsum.ns / byMatmul.ns;
    const verdict = `≤ ${EINSUM_OVER_MATMUL_TARGET}× ${ratio <= EINSUM_OVER_MATMUL_TARGET ? 'PASS' : 'MISS'}`;
    const delta = t ? relDiff(byEinsum.gradient, t.gradient).toExponential(1) : 'n/a';
    console.log(`  ${c.id.padEnd(9)}  ${'GradLens'.padEnd(30)}  ${formatNs(byEinsum.ns).padStart(8)}  ${formatNs(byMatmul.ns).padStart(8)}  ${formatRatio(ratio).padStart(9)}  ${delta.padStart(24)}  ${verdict}`);
    if (t) console.log(`  ${''.padEnd(9)}  ${`PyTorch ${String(torch!.version).split('+')[0]} f64 1 thread`.padEnd(30)}  ${formatNs(t.einsum.wall_ns).padStart(8)}  ${formatNs(t.matmul.wall_ns).padStart(8)}  ${formatRatio(t.einsum.wall_ns / t.matmul.wall_ns).padStart(9)}`);
    else console.log(`  ${''.padEnd(9)}  PyTorch unavailable`);
    console.log(`  ${''.padEnd(9)}  ${c.title}`);
  }
}

if (require.main === module) runEinsumBench(loadEngine().engine, 2000);
