import { mapPointTree } from '../core/pointTree';
import { keyedCopy, ownValue } from '../core/keyed';
import type { Budget } from '../core/budget';
import type { DocumentAnalysis } from '../analysis/document';
import type { ResolvedPoint } from '../analysis/points';
import type { PointValue, Trace } from '../engine/run';
import type { ContourPlot, LinePlot, ModelInput, PlotData } from '../protocol/graphModel';

/**
 * The graph view's plots: f along the gradient and along the first coordinates, with the tangent line
 * of slope ∇f·d, and for two inputs a contour grid — each sample one `DocumentAnalysis.evaluate`.
 * The model is rebuilt after every edit, so the plots get a share of that time: unless told, the
 * sample counts follow what one evaluation of f costs (a cheap function gets the full 101 samples and
 * 41×41 grid, a slow one fewer), and a hard time budget stops sampling altogether.
 */

export interface PlotOptions {
  /** Samples per line (odd, so that t = 0 is one); default sized to the cost of f. */
  readonly samples?: number;
  /** Grid points per axis of the contour; default sized to the cost of f. */
  readonly grid?: number;
  /** Sampling stops after this many milliseconds (plots left out, with a note). Default 150. */
  readonly budgetMs?: number;
}

const DEFAULT_BUDGET_MS = 150;
/** The share of an update the plots aim at when they size themselves. */
const TARGET_MS = 40;
const MAX_SAMPLES = 101;
const MIN_SAMPLES = 21;
const MAX_GRID = 41;
const MIN_GRID = 11;
const MAX_COORDINATE_LINES = 6;

/** Milliseconds one call takes: the faster of two (the first may be cold). */
function costOf(call: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    call();
    best = Math.min(best, performance.now() - t0);
  }
  return Math.max(best, 1e-3);
}

/** Sample counts: as given, else as many as fit `TARGET_MS` at `cost()` ms per evaluation. */
export function plotSizes(settings: PlotOptions, lines: number, contour: boolean, cost: () => number): { samples: number; grid: number } {
  let samples = settings.samples;
  let grid = settings.grid;
  if (samples === undefined || (contour && grid === undefined)) {
    const c = cost();
    const share = contour ? TARGET_MS / 2 : TARGET_MS;
    samples ??= Math.min(MAX_SAMPLES, Math.max(MIN_SAMPLES, Math.floor(share / (c * lines))));
    grid ??= Math.min(MAX_GRID, Math.max(MIN_GRID, Math.floor(Math.sqrt(share / c))));
  }
  const odd = (n: number): number => (n % 2 === 0 ? n + 1 : n);
  return { samples: odd(Math.max(3, samples)), grid: odd(Math.max(3, grid ?? MAX_GRID)) };
}

/**
 * The point with input entry k (row-major, in parameter order) replaced by `x[k]`; what is not an
 * input — text (`option_type="put"`, an object's text entries), constants — stays as given.
 */
function pointWith(trace: Trace, x: readonly number[], given: Readonly<Record<string, PointValue>>): Record<string, PointValue> {
  let k = 0;
  const rebuild = (v: PointValue): PointValue => mapPointTree(v, () => x[k++]!);
  const out = keyedCopy(given);
  for (const p of trace.parameters) out[p.name] = rebuild(ownValue(given, p.name) ?? p.value);
  return out;
}

export function samplePlots(
  analysis: DocumentAnalysis,
  name: string,
  point: ResolvedPoint,
  trace: Trace,
  inputs: readonly ModelInput[],
  gradient: readonly (number | null)[],
  settings: PlotOptions,
  budget: Partial<Budget> | undefined,
  notes: string[],
): PlotData {
  const budgetMs = settings.budgetMs ?? DEFAULT_BUDGET_MS;
  const deadline = performance.now() + budgetMs;
  const x0 = inputs.map((i) => i.value);
  const g = gradient.map((v) => v ?? NaN);
  const f0 = trace.output.values[0]!;
  const evaluationBudget = { maxMillis: 50, ...(budget ?? {}) };
  let outOfTime = false;
  const evaluate = (x: readonly number[]): number | null => {
    const r = analysis.evaluate(name, { ...point, values: pointWith(trace, x, point.values) }, evaluationBudget);
    return r.ok && typeof r.value.value === 'number' && Number.isFinite(r.value.value) ? r.value.value : null;
  };
  const f = (x: readonly number[]): number | null => {
    if (performance.now() > deadline) {
      outOfTime = true;
      return null;
    }
    return evaluate(x);
  };
  const lineCount = 1 + Math.min(inputs.length, MAX_COORDINATE_LINES);
  const { samples, grid: gridN } = plotSizes(settings, lineCount, inputs.length === 2, () => costOf(() => evaluate(x0)));
  const along = (id: string, label: string, d: readonly number[], halfWidth: number): LinePlot | undefined => {
    const t = Array.from({ length: samples }, (_, i) => -halfWidth + (2 * halfWidth * i) / (samples - 1));
    const values = t.map((ti) => f(x0.map((x, k) => x + ti * d[k]!)));
    if (outOfTime) return undefined;
    const slope = d.reduce((s, dk, k) => s + dk * g[k]!, 0);
    return Number.isFinite(slope) ? { id, label, direction: d, t, f: values, f0, slope } : undefined;
  };

  const lines: LinePlot[] = [];
  const norm = Math.hypot(...g);
  if (Number.isFinite(norm) && norm > 0) {
    const scale = Math.max(0.5, 0.25 * Math.hypot(...x0));
    const plot = along('gradient', `along ∇${name}/‖∇${name}‖`, g.map((v) => v / norm), scale);
    if (plot) lines.push(plot);
  }
  for (let k = 0; k < Math.min(inputs.length, MAX_COORDINATE_LINES) && !outOfTime; k++) {
    const d = x0.map((_, i) => (i === k ? 1 : 0));
    const plot = along(`e${k}`, `along ${inputs[k]!.label}`, d, Math.max(0.5, 0.5 * Math.abs(x0[k]!)));
    if (plot) lines.push(plot);
  }

  let contour: ContourPlot | undefined;
  if (inputs.length === 2 && !outOfTime && Number.isFinite(g[0]!) && Number.isFinite(g[1]!)) {
    const axis = (c: number): number[] => {
      const h = Math.max(0.5, 0.5 * Math.abs(c));
      return Array.from({ length: gridN }, (_, i) => c - h + (2 * h * i) / (gridN - 1));
    };
    const xs = axis(x0[0]!);
    const ys = axis(x0[1]!);
    const values: (number | null)[] = [];
    for (const y of ys) for (const x of xs) values.push(f([x, y]));
    if (!outOfTime) contour = { xLabel: inputs[0]!.label, yLabel: inputs[1]!.label, xs, ys, values, point: [x0[0]!, x0[1]!], gradient: [g[0]!, g[1]!] };
  }
  if (outOfTime) notes.push(`Some plots were left out: sampling ${name} took longer than ${budgetMs} ms.`);
  return contour ? { lines, contour } : { lines };
}
