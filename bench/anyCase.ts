/**
 * Every case the one-case tools (ab.ts, quick.ts, profile.ts) take by id: the bench's scalar cases
 * (seed001, rosen), the array cases (mlp, rosen_vec), and the loops of (e) and (g) as
 * `np:FN` / `list:FN` (loops_np.py or loops_list.py; FN rosen, smooth or quad), `np:rosen:N` for N
 * elements, and `matmul:N`, sum((A @ B)²) for N×N matrices (fixtures/matmul.py: a product large
 * enough for the kernel's row blocks).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arrayBenchCase } from './arrays';
import { cases, FIXTURES, rosenPoint, type BenchCase, type CaseId } from './cases';
import { lcgMatrix } from './loops';

const QUAD_N = 45;

function loopCase(id: string): BenchCase | undefined {
  const [kind, fn, size] = id.split(':');
  if ((kind !== 'np' && kind !== 'list') || !fn) return undefined;
  const file = join(FIXTURES, kind === 'np' ? 'loops_np.py' : 'loops_list.py');
  const points: Record<string, BenchCase['point']> = {
    rosen: { x: rosenPoint(size ? Number(size) : undefined) },
    smooth: { x: rosenPoint() },
    // bench/loops.ts's point for the quadratic form, so figures compare.
    quad: { A: lcgMatrix(QUAD_N, QUAD_N, 7, 2) as unknown as number[], x: lcgMatrix(1, QUAD_N, 8, 2)[0]! },
  };
  const point = points[fn];
  if (!point) return undefined;
  return { id: id as CaseId, title: `${fn} over ${kind === 'np' ? 'an ndarray' : 'a list'}`, file, source: readFileSync(file, 'utf8'), functionName: fn, point, params: Object.keys(point), targetNs: NaN, issueFigures: '' };
}

function matmulCase(id: string): BenchCase | undefined {
  const [kind, size] = id.split(':');
  if (kind !== 'matmul' || !size) return undefined;
  const n = Number(size);
  const file = join(FIXTURES, 'matmul.py');
  const point = { A: lcgMatrix(n, n, 11, 2) as unknown as number[], B: lcgMatrix(n, n, 12, 2) as unknown as number[] };
  return { id: id as CaseId, title: `sum((A @ B)²), ${n}×${n}`, file, source: readFileSync(file, 'utf8'), functionName: 'product_energy', point, params: ['A', 'B'], targetNs: NaN, issueFigures: '' };
}

export function benchCase(id: string): BenchCase | undefined {
  return cases().find((x) => x.id === (id as CaseId)) ?? arrayBenchCase(id) ?? loopCase(id) ?? matmulCase(id);
}
