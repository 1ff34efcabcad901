import { budgetWith, type Budget } from '../core/budget';
import { diagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import type { IrExpr, IrFunction, IrStmt } from '../ir/nodes';
import { hessianMatrix, inputIds, jacobianMatrix } from '../engine/differentiate';
import { releaseTrace, type PointValue, type Trace } from '../engine/run';
import type { DocumentAnalysis } from './document';
import { failure, success, type Outcome } from './outcome';
import type { DerivativeKind, Pairing } from './pairing';
import type { ResolvedPoint } from './points';

/**
 * A hand-written derivative against the engine, component by component, at the function's point and
 * at more deterministic points near it (a wrong formula can agree at one point).
 *
 * Two numbers agree when |yours − AD| ≤ 1e-10 + 1e-8·max(|yours|, |AD|): float64 formulas that are
 * algebraically equal but evaluated in another order differ by far less, while a wrong coefficient,
 * sign or chain-rule factor differs by far more. A component that is not finite never agrees.
 */
export const CHECK_TOLERANCE = { relative: 1e-8, absolute: 1e-10 } as const;
/** The point itself and eight more. */
export const CHECK_POINTS = 9;

export interface ComponentDifference {
  /** `∂f/∂x2`, `∂f[1]/∂r`, `∂²f/∂x∂y`, `∂f/∂x[3]`. */
  readonly name: string;
  readonly index: number;
  readonly yours: number;
  readonly ad: number;
  readonly at: Readonly<Record<string, PointValue>>;
  /** Where the component is written in the derivative's return, when it can be told. */
  readonly range?: SourceRange;
}

export interface GradientCheck {
  readonly function: string;
  readonly gradient: string;
  readonly what: DerivativeKind;
  readonly verdict: 'match' | 'mismatch';
  readonly points: number;
  readonly maxRelError: number;
  /** Each differing component once, at the first point where it differs. */
  readonly components: readonly ComponentDifference[];
  readonly derivativeRange: SourceRange;
  readonly at: Readonly<Record<string, PointValue>>;
  /** Every component at the function's own point, for the hover's comparison table. */
  readonly table: readonly { readonly name: string; readonly yours: number; readonly ad: number }[];
}

function flatten(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => flatten(x, out));
  return out;
}

/** Deterministic points near `base`: each entry moved by up to a quarter of its size (at least 0.25). */
function nearbyPoints(base: Readonly<Record<string, PointValue>>, count: number): Record<string, PointValue>[] {
  const points: Record<string, PointValue>[] = [];
  let j = 0;
  const move = (v: PointValue, k: number): PointValue => {
    if (typeof v !== 'number') return v.map((x) => move(x, k));
    j++;
    // Weyl sequences in k and j: spread out, and the same every run.
    const u = ((k * 0.6180339887498949 + j * 0.41421356237309515) % 1) * 2 - 1;
    return v + 0.25 * Math.max(Math.abs(v), 1) * u;
  };
  for (let k = 1; k <= count; k++) {
    j = 0;
    points.push(Object.fromEntries(Object.entries(base).map(([name, v]) => [name, move(v, k)])));
  }
  return points;
}

interface Expected {
  readonly names: string[];
  readonly values: number[];
}

function expectedAt(doc: DocumentAnalysis, pairing: Pairing, point: ResolvedPoint, budget?: Partial<Budget>): Outcome<Expected> {
  const recorded = doc.record(pairing.of.name, point, budget);
  if (!recorded.ok) return recorded;
  try {
    return expectedFrom(recorded.value, pairing);
  } finally {
    releaseTrace(recorded.value);
  }
}

/** AD's side of the comparison, read off the trace of the function the pairing differentiates. */
function expectedFrom(trace: Trace, pairing: Pairing): Outcome<Expected> {
  const f = pairing.of.name;
  const ids = inputIds(trace);
  const labels = ids.map((id) => trace.tape.labelOf(id) ?? '?');
  const outputs = trace.output.values.length;
  const J = jacobianMatrix(trace, 'reverse');
  const what = pairing.what;
  if (what.kind === 'hessian') {
    if (!trace.output.isScalar) return failure(diagnostic('error', 'type', `${f} returns several values: it has no Hessian`, pairing.derivative.nameRange));
    const H = hessianMatrix(trace);
    return success({ names: labels.flatMap((a) => labels.map((b) => (a === b ? `∂²${f}/∂${a}²` : `∂²${f}/∂${a}∂${b}`))), values: H.flat() });
  }
  if (what.kind === 'partial') {
    const cols = labels.map((l, i) => ({ l, i })).filter(({ l }) => l === what.variable || l.startsWith(`${what.variable}[`));
    const names = J.flatMap((_, o) => cols.map(({ l }) => (outputs === 1 ? `∂${f}/∂${l}` : `∂${f}[${o}]/∂${l}`)));
    return success({ names, values: J.flatMap((row) => cols.map(({ i }) => row[i]!)) });
  }
  // A gradient of a function with several outputs is its Jacobian, and a Jacobian of a scalar function its gradient.
  const names = J.flatMap((_, o) => labels.map((l) => (outputs === 1 ? `∂${f}/∂${l}` : `∂${f}[${o}]/∂${l}`)));
  return success({ names, values: J.flat() });
}

/** The ranges of the components in the derivative's last top-level `return`, when they line up. */
function componentRanges(fn: IrFunction, count: number): (SourceRange | undefined)[] {
  const returns = fn.body.filter((s): s is IrStmt & { kind: 'return' } => s.kind === 'return' && s.value !== undefined);
  const value = returns[returns.length - 1]?.value;
  if (!value) return [];
  const leaves: IrExpr[] = [];
  const walk = (e: IrExpr): void => {
    if (e.kind === 'tuple' || e.kind === 'list') e.elements.forEach(walk);
    else leaves.push(e);
  };
  walk(value);
  return leaves.length === count ? leaves.map((e) => e.range) : count === 1 ? [value.range] : [];
}

/** The tolerance above, as a test. */
export const agrees = (y: number, a: number): boolean =>
  Number.isFinite(y) && Number.isFinite(a) && Math.abs(y - a) <= CHECK_TOLERANCE.absolute + CHECK_TOLERANCE.relative * Math.max(Math.abs(y), Math.abs(a));

const relativeError = (y: number, a: number): number => {
  if (!Number.isFinite(y) || !Number.isFinite(a)) return Infinity;
  const scale = Math.max(Math.abs(y), Math.abs(a));
  return scale === 0 ? 0 : Math.abs(y - a) / scale;
};

export function checkDerivative(doc: DocumentAnalysis, pairing: Pairing, budget?: Partial<Budget>): Outcome<GradientCheck> {
  const fn = pairing.of;
  const derivative = pairing.derivative;
  const base = doc.resolvePoint(fn.name);
  const basePoint = base.ok ? base : doc.resolvePoint(derivative.name);
  if (!basePoint.ok) {
    return failure(diagnostic('error', 'point', `no point to check ${derivative.name} at: give ${fn.name} an @at annotation or a call with numbers`, derivative.nameRange));
  }
  const candidates: ResolvedPoint[] = [basePoint.value, ...nearbyPoints(basePoint.value.values, 30).map((values) => ({ values, source: 'argument' as const }))];
  let compared = 0;
  let maxRelError = 0;
  const differences = new Map<number, ComponentDifference>();
  let ranges: (SourceRange | undefined)[] | undefined;
  let table: GradientCheck['table'] = [];
  // The whole check (up to nine points, more tried) shares one evaluation's time budget; the points
  // it reaches in time are the ones compared.
  const maxMillis = budgetWith(budget).maxMillis;
  const deadline = Date.now() + maxMillis;
  for (const point of candidates) {
    if (compared === CHECK_POINTS) break;
    const left = deadline - Date.now();
    if (left <= 0) {
      if (compared > 0) break;
      return failure(diagnostic('error', 'budget-time', `time budget exceeded (${maxMillis} ms) checking ${derivative.name} against ${describe(pairing)}`, derivative.nameRange));
    }
    const share = { ...budget, maxMillis: left };
    const expected = expectedAt(doc, pairing, point, share);
    const yours = doc.evaluate(derivative.name, point, share);
    if (!expected.ok || !yours.ok) {
      // The annotated point must work; nearby points outside the domain are skipped.
      if (compared === 0) return expected.ok ? (yours as Outcome<never>) : expected;
      continue;
    }
    const mine = flatten(yours.value.value);
    const ad = expected.value.values;
    if (mine.length !== ad.length) {
      return failure(diagnostic('error', 'type', `${derivative.name} returns ${mine.length} value${mine.length === 1 ? '' : 's'}, but ${describe(pairing)} has ${ad.length}`, derivative.nameRange));
    }
    ranges ??= componentRanges(derivative, ad.length);
    if (compared === 0) table = ad.map((a, i) => ({ name: expected.value.names[i]!, yours: mine[i]!, ad: a }));
    compared++;
    ad.forEach((a, i) => {
      const y = mine[i]!;
      maxRelError = Math.max(maxRelError, relativeError(y, a));
      if (!agrees(y, a) && !differences.has(i)) {
        const range = ranges![i];
        differences.set(i, { name: expected.value.names[i]!, index: i, yours: y, ad: a, at: point.values, ...(range ? { range } : {}) });
      }
    });
  }
  return success({
    function: fn.name,
    gradient: derivative.name,
    what: pairing.what,
    verdict: differences.size === 0 ? 'match' : 'mismatch',
    points: compared,
    maxRelError,
    components: [...differences.values()].sort((a, b) => a.index - b.index),
    derivativeRange: derivative.nameRange,
    at: basePoint.value.values,
    table,
  });
}

/** `∇f`, `∂f/∂x`, `J_f`, `∇²f`: what the derivative claims to be. */
export function describe(pairing: Pairing): string {
  const f = pairing.of.name;
  switch (pairing.what.kind) {
    case 'gradient':
      return `∇${f}`;
    case 'partial':
      return `∂${f}/∂${pairing.what.variable}`;
    case 'jacobian':
      return `the Jacobian of ${f}`;
    case 'hessian':
      return `∇²${f}`;
  }
}
