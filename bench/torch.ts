/** Runs bench/torch_bench.py under the system Python (Debian's python3-torch) and reads its JSON. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase, CaseId } from './cases';

export const PYTHON = process.env.GRADLENS_BENCH_PYTHON ?? '/usr/bin/python3';

export interface TorchMeasurement {
  readonly wall_ns: number;
  readonly cpu_ns: number;
  readonly samples: number;
  readonly batch: number;
}

export interface TorchVariant {
  readonly label: string;
  readonly primal: TorchMeasurement;
  readonly value_and_gradient: TorchMeasurement;
  readonly value: number;
  readonly gradient: number[];
}

export interface TorchResult {
  readonly version: string;
  readonly threads: number;
  readonly dtype: string;
  readonly python: string;
  readonly cases: Record<CaseId, TorchVariant[]>;
}

export function runTorch(cases: readonly BenchCase[], budgetMs: number): TorchResult | { unavailable: string } {
  if (!existsSync(PYTHON)) return { unavailable: `not installed (no ${PYTHON})` };
  const request: Record<string, unknown> = { budget_ms: budgetMs };
  for (const c of cases) request[c.id] = { file: c.file, point: c.point };
  const run = spawnSync(PYTHON, [join(__dirname, 'torch_bench.py')], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
    env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  if (run.error) return { unavailable: `failed to run ${PYTHON}: ${run.error.message}` };
  if (run.status !== 0) return { unavailable: `torch_bench.py exited with ${run.status}: ${run.stderr.trim().split('\n').pop() ?? ''}` };
  let parsed: { available: boolean; reason?: string } & Partial<TorchResult>;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    return { unavailable: `torch_bench.py printed no JSON: ${run.stdout.slice(0, 200)}` };
  }
  if (!parsed.available) return { unavailable: parsed.reason ?? 'not installed' };
  return parsed as TorchResult;
}
