import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the Python sources live: GradLens interprets them, torch_bench.py executes them. */
export const FIXTURES = join(__dirname, 'fixtures');

export type CaseId = 'seed001' | 'rosen';

export interface BenchCase {
  readonly id: CaseId;
  readonly title: string;
  /** The fixture file and the function in it. */
  readonly file: string;
  readonly source: string;
  readonly functionName: string;
  /** The point, in parameter order, as GradLens takes it. */
  readonly point: Readonly<Record<string, number | number[]>>;
  /** Parameter order (the gradient is flattened in this order). */
  readonly params: readonly string[];
  /** The issue's targets for GradLens's value+gradient time, in nanoseconds. */
  readonly targetNs: number;
  /** What the issue measured for the peers, printed beside ours. */
  readonly issueFigures: string;
}

function fixture(name: string): { file: string; source: string } {
  const file = join(FIXTURES, name);
  return { file, source: readFileSync(file, 'utf8') };
}

/** Number of Rosenbrock elements. */
export const ROSEN_N = 2000;

/** A deterministic point away from the minimum (x = 1) so that every term contributes: 0.5, 0.501, … 2.499. */
export function rosenPoint(n = ROSEN_N): number[] {
  return Array.from({ length: n }, (_, i) => 0.5 + 0.001 * i);
}

export function cases(): BenchCase[] {
  const seed = fixture('seed001.py');
  const rosen = fixture('rosenbrock.py');
  return [
    {
      id: 'seed001',
      title: "(a) seed 001's function f(v_1, v0) at (1.5, 0.5), warm, per gradient",
      ...seed,
      functionName: 'f',
      point: { v_1: 1.5, v0: 0.5 },
      params: ['v_1', 'v0'],
      targetNs: 2e3,
      issueFigures: 'PyTorch ~31 µs, tfjs ~90 µs; issue 23: GradLens 3.80 µs, PyTorch 40.7 µs',
    },
    {
      id: 'rosen',
      title: `(b) Python for-loop Rosenbrock over ${ROSEN_N.toLocaleString('en-US')} elements, x[i] = 0.5 + 0.001·i`,
      ...rosen,
      functionName: 'rosen',
      point: { x: rosenPoint() },
      params: ['x'],
      targetNs: 0.6e6,
      issueFigures: 'PyTorch ~145 ms, tfjs ~370 ms, hand-written JS ~13 µs; issue 23: GradLens 1.21 ms, PyTorch 162 ms',
    },
  ];
}

/** Target (issue 23): the loop Rosenbrock's value+gradient at least this many times faster than PyTorch's tensor loop. */
export const OVER_TORCH_LOOP_TARGET = 250;
/** Target: value+gradient at most this many times the primal. */
export const GRADIENT_OVER_PRIMAL_TARGET = 3;
/** Target: tape bytes per recorded scalar operation. */
export const TAPE_BYTES_PER_OP_TARGET = 64;

/** Value and gradient (flattened in parameter order) as every implementation reports them once for the check. */
export interface ValueAndGradient {
  readonly value: number;
  readonly gradient: readonly number[];
}

/** Largest absolute and relative (to the largest gradient entry) difference between two gradients. */
export function compareGradients(got: ValueAndGradient, want: ValueAndGradient): { maxAbs: number; maxRel: number; valueRel: number } {
  if (got.gradient.length !== want.gradient.length) return { maxAbs: Infinity, maxRel: Infinity, valueRel: Infinity };
  let maxAbs = 0;
  let scale = 0;
  for (let i = 0; i < want.gradient.length; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(got.gradient[i]! - want.gradient[i]!));
    scale = Math.max(scale, Math.abs(want.gradient[i]!));
  }
  const valueRel = Math.abs(got.value - want.value) / Math.max(Math.abs(want.value), Number.MIN_VALUE);
  return { maxAbs, maxRel: maxAbs / Math.max(scale, Number.MIN_VALUE), valueRel };
}
