import { isPointObject, mapPointTree } from '../core/pointTree';
import { receiverInputs } from '../ir/receiverInputs';
import { budgetWith, type Budget } from '../core/budget';
import { keyedFromEntries, keyedRecord } from '../core/keyed';
import { diagnostic, GradLensError } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import type { IrExpr, IrFunction, IrStmt } from '../ir/nodes';
import { fillOutput, hessianMatrix, inputIds, jacobianMatrix } from '../engine/differentiate';
import { hessian } from '../engine/hessian';
import { releaseTrace, type PointValue, type Trace } from '../engine/run';
import type { DocumentAnalysis } from './document';
import { sampleShapeError } from './samplePoints';
import { failure, success, type Outcome } from './outcome';
import { pairedParameters, parameterItDifferentiates, unraveled, valueAndGradientReturn, type DerivativeKind, type Pairing } from './pairing';
import { bindPoint, describeSource, type ResolvedPoint } from './points';
import { entryName, nearbyPoints, shapeOf } from './pointValues';
import { agrees } from './checkTolerance';

export { agrees, CHECK_TOLERANCE } from './checkTolerance';
export { parameterItDifferentiates } from './pairing';

/**
 * A hand-written derivative against the engine, component by component, at the function's point and
 * at more deterministic points near it (a wrong formula can agree at one point), within CHECK_TOLERANCE.
 */

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
  /** What was compared, as the lens says it: `∇f`, `∂loss/∂W`, `∂call_price/∂S`, `∇²f·p`. */
  readonly compared: string;
  readonly verdict: 'match' | 'mismatch';
  readonly points: number;
  readonly maxRelError: number;
  /** Each differing component once, at the first point where it differs. */
  readonly components: readonly ComponentDifference[];
  readonly derivativeRange: SourceRange;
  readonly at: Readonly<Record<string, PointValue>>;
  /** Where the point came from (`@at`, `sample point`, `given point`). */
  readonly pointSource: string;
  /** Every component at the function's own point, for the hover's comparison table. */
  readonly table: readonly { readonly name: string; readonly yours: number; readonly ad: number }[];
  /** How the pairing was made, for the hover: `paired by position: z ↔ x`, `W has the shape of dW`. */
  readonly notes: readonly string[];
  /**
   * Why fewer than CHECK_POINTS points were compared (`the time budget ran out after 4 of 9
   * points`), when they were: a verdict on fewer points is weaker and says so.
   */
  readonly partial?: string;
}

function flatten(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => flatten(x, out));
  return out;
}

/** The differentiated inputs' labels (`x`, `w[1]`) with their parameter, in the trace's order. */
function inputColumns(trace: Trace): { label: string; param: string }[] {
  return trace.parameters.flatMap((p) => p.ids.map((id) => ({ label: trace.tape.labelOf(id) ?? p.name, param: p.name })));
}

interface Comparison {
  readonly names: string[];
  readonly ad: number[];
  readonly yours: number[];
  /** What was compared when it is not what the pairing claims (`the diagonal of the Jacobian of f`), and why. */
  readonly instead?: { readonly compared: string; readonly note: string };
}

/** What one point gives: both sides' numbers, or why they cannot be compared there. */
type AtPoint = Outcome<Comparison>;

/** The derivative's arguments for f's point: renamed by position where the names differ, p for H·p. */
function derivativePoint(pairing: Pairing, point: ResolvedPoint, p: PointValue | undefined): ResolvedPoint {
  const values = keyedRecord<PointValue>();
  for (const [from, n] of pairedParameters(pairing)) {
    const v = point.values[from];
    if (v !== undefined) values[n] = v;
  }
  const names = pairing.derivative.params.map((q) => q.name).filter((n) => n !== 'self' && n !== 'this' && n !== pairing.outputArgument);
  if (pairing.what.kind === 'hessian-vector' && p !== undefined) values[names[names.length - 1]!] = p;
  return { ...point, values };
}

/** The columns of `wrt`'s parameters, in `wrt`'s order (a derivative returns its components in that order); all when absent. */
function ofColumns(columns: { label: string; param: string }[], wrt: readonly string[] | undefined): number[] {
  const indexed = columns.map((c, i) => ({ c, i }));
  if (!wrt) return indexed.map(({ i }) => i);
  return wrt.flatMap((name) => indexed.filter(({ c }) => c.param === name).map(({ i }) => i));
}

/** The direction p of a Hessian-vector product: deterministic, in the shape of the differentiated inputs. */
function directionFor(point: ResolvedPoint, pairing: Pairing): PointValue {
  const params = pairing.of.params.map((q) => q.name).filter((n) => point.values[n] !== undefined && (!pairing.wrt || pairing.wrt.includes(n)));
  const k = { i: 0 };
  const fill = (v: PointValue): PointValue => mapPointTree(v, () => [0.5, -0.3, 0.8, 0.2, -0.6, 1.1][k.i++ % 6]! + 0.01 * k.i);
  if (params.length === 1) {
    const v = point.values[params[0]!]!;
    return typeof v === 'number' ? [fill(v) as number] : fill(v);
  }
  return params.flatMap((n) => flatten(fill(point.values[n]!)));
}

function compareAt(doc: DocumentAnalysis, pairing: Pairing, point: ResolvedPoint, budget: Partial<Budget> | undefined, notes: string[]): AtPoint {
  if (pairing.what.kind === 'vector-jacobian') return vectorJacobianAt(doc, pairing, point, budget);
  // A gradient in the instance's weights (`self.params`) is taken in them.
  const recorded = doc.record(pairing.of.name, point, budget, receiverInputs(pairing.wrt).length > 0 ? pairing.wrt : undefined);
  if (!recorded.ok) return recorded;
  const trace = recorded.value;
  try {
    if (pairing.what.kind === 'value-and-gradient') return notThroughControlFlow(doc, pairing, point, trace, budget, valueAndGradientAt(trace, pairing, point, notes));
    const p = pairing.what.kind === 'hessian-vector' ? directionFor(point, pairing) : undefined;
    const at = derivativePoint(pairing, point, p);
    const yours = pairing.outputArgument ? doc.evaluateWithOutputArgument(pairing, pairing.outputArgument, at, budget) : doc.evaluate(pairing.derivative.name, at, budget);
    if (!yours.ok) return yours;
    return notThroughControlFlow(doc, pairing, point, trace, budget, expectedFrom(trace, pairing, flatten(yours.value.value), p === undefined ? undefined : flatten(p)));
  } catch (e) {
    // A derivative's sweeps past the budget (time, or a Hessian too large) are this point's answer.
    if (e instanceof GradLensError) return failure(e.diagnostic);
    throw e;
  } finally {
    releaseTrace(trace);
  }
}

/**
 * AD's 0 where yours is not, for a parameter the value depends on only through control flow (a
 * golden-section search's bracket: analysis/controlFlow.ts), is no derivative to compare with: the
 * point cannot be checked, and saying "yours differs" would blame a derivative that may be right.
 */
function notThroughControlFlow(doc: DocumentAnalysis, pairing: Pairing, point: ResolvedPoint, trace: Trace, budget: Partial<Budget> | undefined, compared: AtPoint): AtPoint {
  if (!compared.ok) return compared;
  const { ad, yours } = compared.value;
  if (!ad.some((a, i) => a === 0 && !agrees(yours[i]!, a))) return compared;
  const [why] = doc.controlFlowOnly(pairing.of.name, point, trace, [ad], budget);
  if (!why) return compared;
  return failure(diagnostic('error', 'control-flow', `AD's 0 here is not a derivative to compare ${pairing.derivative.name} with: ${why.message}`, why.range, why.values));
}

/**
 * A backward pass at the forward's point: upstream gradients of the forward outputs' shapes (fixed
 * numbers, not all alike), its returned gradients against AD's doutᵀ·∂out/∂p, p in the pairing's
 * `wrt`, one block per returned gradient (shapes may differ by a kept axis: `(1, D)` for `(D,)`).
 */
function vectorJacobianAt(doc: DocumentAnalysis, pairing: Pairing, point: ResolvedPoint, budget: Partial<Budget> | undefined): AtPoint {
  const forward = doc.forwardOutputs(pairing, point, budget);
  if (!forward.ok) return forward;
  const what = pairing.what as DerivativeKind & { kind: 'vector-jacobian' };
  // The forward's outputs: the elements before its cache, or all it returns (a layer class's one output).
  const tuple = what.cache || what.outputs > 1;
  const outputs = tuple ? (forward.value.value as PointValue[]).slice(0, what.outputs) : [forward.value.value as PointValue];
  const k = { i: 0 };
  // A backward taking no upstream gradient (a loss's `backward(self)`) is the gradient of a scalar: dout = 1.
  const upstream = outputs.map((out) => mapPointTree(out, () => (what.implicitUpstream ? (k.i++, 1) : [0.5, -0.3, 0.8, 0.2, -0.6, 1.1][k.i++ % 6]! + 0.01 * k.i)));
  // No output entries (no pooling windows at this point): every product is 0 whatever the backward says.
  if (k.i === 0) return failure(diagnostic('error', 'type', `nothing to compare ${pairing.derivative.name} with here: the outputs of ${pairing.of.name} have no entries at this point`, pairing.derivative.nameRange));
  if (what.implicitUpstream && k.i !== 1) return failure(diagnostic('error', 'type', `${pairing.derivative.name} takes no upstream gradient, but ${pairing.of.name} returns ${k.i} values here, not one loss: nothing to compare it with`, pairing.derivative.nameRange));
  const vjp = doc.vectorJacobian(pairing, point, upstream, budget);
  if (!vjp.ok) return vjp;
  const { trace, yours } = vjp.value;
  try {
    const columns = inputColumns(trace);
    const row = jacobianMatrix(trace, 'reverse')[0]!;
    const wrt = pairing.wrt ?? [];
    const returned = wrt.length === 1 ? [yours] : Array.isArray(yours) ? yours : [yours];
    if (returned.length !== wrt.length) return sizeError(pairing, returned.length, wrt.length, `${pairing.of.name}'s inputs ${wrt.join(', ')}`);
    const names: string[] = [];
    const ad: number[] = [];
    const mine: number[] = [];
    for (const [j, p] of wrt.entries()) {
      const cols = columnsOf(columns, p).filter((i) => columns[i]!.param === p);
      const given = flatten(returned[j]);
      const returns = what.returns ?? wrt.length;
      if (given.length !== cols.length && j >= returns) {
        const kept = `self.${what.kept?.[j - returns]}`;
        return failure(diagnostic('error', 'type', `${pairing.derivative.name} keeps ${given.length} value${given.length === 1 ? '' : 's'} in ${kept}, but ${p} (the variable ${kept} is the gradient of) has ${cols.length}`, pairing.derivative.nameRange));
      }
      if (given.length !== cols.length) return sizeError(pairing, given.length, cols.length, `${p} (the gradient ${pairing.derivative.name} returns ${ordinal(j)})`);
      for (const i of cols) names.push(`(doutᵀ·∂${pairing.of.name}/∂${p})${columns[i]!.label === p ? '' : columns[i]!.label.slice(p.length)}`);
      ad.push(...cols.map((i) => row[i]!));
      mine.push(...given);
    }
    return success({ names, ad, yours: mine });
  } finally {
    releaseTrace(trace);
  }
}

const ordinal = (j: number): string => ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'][j] ?? `${j + 1}th`;

const sizeError = (pairing: Pairing, mine: number, theirs: number, what: string): AtPoint =>
  failure(diagnostic('error', 'type', `${pairing.derivative.name} ${pairing.outputArgument ? 'writes' : 'returns'} ${mine} value${mine === 1 ? '' : 's'}, but ${what} has ${theirs}`, pairing.derivative.nameRange));

/** AD's side of the comparison, read off the trace of the function the pairing differentiates. */
function expectedFrom(trace: Trace, pairing: Pairing, mine: number[], direction: number[] | undefined): AtPoint {
  const f = pairing.of.name;
  const columns = inputColumns(trace);
  const cols = pairing.what.kind === 'partial' ? columnsOf(columns, pairing.what.variable) : ofColumns(columns, pairing.wrt);
  const outputs = trace.output.values.length;
  const what = pairing.what;
  if (what.kind === 'hessian' || what.kind === 'hessian-vector') {
    if (!trace.output.isScalar) {
      const second = what.kind === 'hessian' ? elementwiseSecond(trace, columns, cols, f) : undefined;
      if (second) return sized(pairing, second.names, second.ad, mine, `the second derivatives of ${f}, entry by entry`);
      return failure(diagnostic('error', 'type', `${f} returns several values: it has no Hessian`, pairing.derivative.nameRange));
    }
    const full = hessianMatrix(trace);
    const H = cols.map((i) => cols.map((j) => full[i]![j]!));
    const labels = cols.map((i) => columns[i]!.label);
    if (what.kind === 'hessian-vector') {
      if (!direction || direction.length !== cols.length) return sizeError(pairing, direction?.length ?? 0, cols.length, 'the direction p');
      const names = labels.map((l) => `(∇²${f}·p)[${l}]`);
      return sized(pairing, names, H.map((row) => row.reduce((s, h, j) => s + h * direction[j]!, 0)), mine, `∇²${f}·p`);
    }
    return sized(pairing, labels.flatMap((a) => labels.map((b) => (a === b ? `∂²${f}/∂${a}²` : `∂²${f}/∂${a}∂${b}`))), H.flat(), mine, `∇²${f}`);
  }
  const J = jacobianMatrix(trace, 'reverse');
  const names = J.flatMap((_, o) => cols.map((i) => (outputs === 1 ? `∂${f}/∂${columns[i]!.label}` : `∂${f}[${o}]/∂${columns[i]!.label}`)));
  const ad = J.flatMap((row) => cols.map((i) => row[i]!));
  // An elementwise derivative (numpy-ml's activations' grad): f maps n entries to n, its Jacobian is
  // diagonal, and the derivative gives the diagonal.
  if (mine.length !== ad.length && outputs > 1 && outputs === cols.length && mine.length === outputs) {
    const diagonal = J.every((row, o) => cols.every((i, k) => k === o || row[i] === 0));
    const names = J.map((_, o) => `∂${f}[${o}]/∂${columns[cols[o]!]!.label}`);
    const onDiagonal = J.map((row, o) => row[cols[o]!]!);
    if (diagonal) return success({ names, ad: onDiagonal, yours: mine });
    // One number per entry where f mixes its entries (a softmax's p·(1 − p)): the most such a
    // derivative can be is the Jacobian's diagonal, so that is compared, and the lens says so.
    const o = J.findIndex((row, o) => cols.some((i, k) => k !== o && row[i] !== 0));
    const k = cols.findIndex((i, k) => k !== o && J[o]![i] !== 0);
    const offDiagonal = `∂${f}[${o}]/∂${columns[cols[k]!]!.label} = ${J[o]![cols[k]!]!.toPrecision(4)}`;
    return success({
      names,
      ad: onDiagonal,
      yours: mine,
      instead: {
        compared: `the diagonal of the Jacobian of ${f}`,
        note: `${f}'s Jacobian is not diagonal (${offDiagonal}): ${pairing.derivative.name} gives one number per entry, so only the diagonal ∂${f}[i]/∂${columns[cols[0]!]!.param}[i] is compared; it is not ${f}'s full derivative (a chain rule through ${f} needs the off-diagonal entries)`,
      },
    });
  }
  const scale = pairing.scale ?? 1;
  if (scale !== 1) return sized(pairing, names.map((n) => `${scaleText(scale)}${n}`), ad.map((a) => scale * a), mine, describe(pairing));
  return sized(pairing, names, ad, mine, describe(pairing));
}

/** `−` for −1, `2·` for 2: how a pairing's scale prefixes what it compared. */
const scaleText = (scale: number): string => (scale === 1 ? '' : scale === -1 ? '−' : `${scale}·`);

/**
 * An elementwise f (numpy-ml's activations: n entries to n, a diagonal Jacobian) has no Hessian, but
 * its `grad2` gives each entry's second derivative ∂²f[i]/∂x[i]²: one forward-over-reverse sweep per
 * entry. Undefined when f is not elementwise.
 */
function elementwiseSecond(trace: Trace, columns: { label: string }[], cols: number[], f: string): { names: string[]; ad: number[] } | undefined {
  const outputs = trace.output.ids;
  if (outputs.length !== cols.length || outputs.length > MAX_ELEMENTWISE_SECOND) return undefined;
  const J = jacobianMatrix(trace, 'reverse');
  if (!J.every((row, o) => cols.every((i, k) => k === o || row[i] === 0))) return undefined;
  const ids = inputIds(trace);
  const ad = outputs.map((out, o) => (out < 0 ? 0 : hessian(trace.tape, [ids[cols[o]!]!], out)[0]![0]!));
  return { names: cols.map((i, o) => `∂²${f}[${o}]/∂${columns[i]!.label}²`), ad };
}

/** Entries of an elementwise second derivative compared (one sweep each). */
const MAX_ELEMENTWISE_SECOND = 64;

function sized(pairing: Pairing, names: string[], ad: number[], mine: number[], what: string): AtPoint {
  if (mine.length !== ad.length) return sizeError(pairing, mine.length, ad.length, what);
  return success({ names, ad, yours: mine });
}

function columnsOf(columns: { label: string; param: string }[], variable: string): number[] {
  return columns.map((c, i) => ({ c, i })).filter(({ c }) => c.label === variable || c.param === variable).map(({ i }) => i);
}

/**
 * `return loss, grad`: the second element against ∂(first)/∂W, W the parameter named by `wrt`, or by
 * the gradient's name (`dW`, `grad_w`), or the one parameter of the gradient's shape.
 */
function valueAndGradientAt(trace: Trace, pairing: Pairing, point: ResolvedPoint, notes: string[]): AtPoint {
  const output = fillOutput(trace.output.template, (i) => trace.output.values[i]!) as unknown[];
  const [loss, gradient] = output;
  if (typeof loss !== 'number') return failure(diagnostic('error', 'type', `${pairing.of.name} returns a pair whose first element is not one number: it is not (loss, gradient)`, pairing.derivative.nameRange));
  const wrt = pairing.wrt ?? gradientParameter(pairing, point, gradient as PointValue, notes);
  if (!wrt) return failure(diagnostic('error', 'type', `${pairing.of.name} returns (loss, gradient), but no parameter has the gradient's shape ${shapeText(shapeOf(gradient as PointValue))}: say which with "@gradient-of ${pairing.of.name} wrt NAME"`, pairing.derivative.nameRange));
  const columns = inputColumns(trace);
  const cols = ofColumns(columns, wrt);
  const row = jacobianMatrix(trace, 'reverse')[0]!;
  const ordered = inKeyOrder(gradient as PointValue, trace.parameters.find((p) => p.name === wrt[0])?.value);
  const mine = isPointObject(ordered) && ordered !== gradient ? Object.values(ordered).flatMap((v) => flatten(v)) : flatten(gradient);
  const lossName = pairing.what.kind === 'value-and-gradient' ? pairing.what.loss : pairing.of.name;
  return sized(pairing, cols.map((i) => `∂${lossName}/∂${columns[i]!.label}`), cols.map((i) => row[i]!), mine, `∂${lossName}/∂${wrt.join(', ')}`);
}

/**
 * A gradient dict in the key order of the weights it is taken in (`grads` filled W2 first, `self.params`
 * made W1 first), so that entries meet their own; as it is when the keys differ (the sizes say so).
 */
function inKeyOrder(gradient: PointValue, of: PointValue | undefined): PointValue {
  if (!isPointObject(gradient) || of === undefined || !isPointObject(of)) return gradient;
  const keys = Object.keys(of);
  if (keys.length !== Object.keys(gradient).length || !keys.every((k) => Object.hasOwn(gradient, k))) return gradient;
  const ordered = keyedRecord<PointValue>();
  for (const k of keys) ordered[k] = gradient[k]!;
  return ordered;
}

const shapeText = (shape: readonly number[]): string => (shape.length === 0 ? '()' : `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`);

function gradientParameter(pairing: Pairing, point: ResolvedPoint, gradient: PointValue, notes: string[]): string[] | undefined {
  const shape = shapeText(shapeOf(gradient));
  const params = pairing.of.params.map((p) => p.name).filter((n) => point.values[n] !== undefined);
  const shaped = params.filter((n) => shapeText(shapeOf(point.values[n]!)) === shape);
  // No parameter of its shape: one of its size (`grad.ravel()` of a coefficient matrix, scikit-learn's flat `w`).
  const size = flatten(gradient).length;
  const same = shaped.length > 0 ? shaped : params.filter((n) => flatten(point.values[n]!).length === size);
  const returned = valueAndGradientReturn(pairing.of)?.gradient;
  const unwrapped = returned && unraveled(returned);
  const gname = unwrapped?.kind === 'name' ? unwrapped.name : '';
  const hinted = parameterItDifferentiates(gname, same);
  if (hinted) {
    notes.push(`${gname} is compared with ∂/∂${hinted} (its name and shape ${shape})`);
    return [hinted];
  }
  if (same.length === 0) return undefined;
  const of = shaped.length > 0 ? `shape ${shape}` : `${size} values`;
  notes.push(same.length === 1 ? `${gname || 'the gradient'} is compared with ∂/∂${same[0]} (the one parameter of ${of})` : `${gname || 'the gradient'} has the ${of} of ${same.join(', ')}: compared with ∂/∂${same[0]} (say "@gradient-of ${pairing.of.name} wrt NAME" for another)`);
  return [same[0]!];
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


const relativeError = (y: number, a: number): number => {
  if (!Number.isFinite(y) || !Number.isFinite(a)) return Infinity;
  const scale = Math.max(Math.abs(y), Math.abs(a));
  return scale === 0 ? 0 : Math.abs(y - a) / scale;
};

/** The point to check at: the one given (`--at`), else f's own point, else the derivative's, renamed to f's parameters. */
function basePoint(doc: DocumentAnalysis, pairing: Pairing, given?: Readonly<Record<string, PointValue>>): Outcome<ResolvedPoint> {
  const fn = pairing.of;
  if (given) {
    const bound = bindPoint(fn, given, pairing.derivative.nameRange);
    return bound.ok ? success({ values: bound.value, source: 'argument' }) : bound;
  }
  const own = doc.resolvePoint(fn.name);
  if (own.ok) return own;
  const theirs = doc.resolvePoint(pairing.derivative.name);
  if (theirs.ok && !pairing.byPosition && !pairing.outputArgument && pairing.what.kind !== 'hessian-vector') return theirs;
  return failure(diagnostic('error', 'point', `no point to check ${pairing.derivative.name} at: ${doc.noPointAdvice(fn, fn.name)}`, pairing.derivative.nameRange));
}

export function checkDerivative(doc: DocumentAnalysis, paired: Pairing, budget?: Partial<Budget>, given?: Readonly<Record<string, PointValue>>): Outcome<GradientCheck> {
  let pairing = paired;
  const found = basePoint(doc, pairing, given);
  if (!found.ok) return found;
  const base = { value: batchedForBackward(doc, pairing, found.value, budget) };
  const notes: string[] = [];
  if (pairing.byPosition) {
    const mine = pairing.derivative.params.map((p) => p.name).filter((n) => n !== 'self' && n !== 'this');
    notes.push(`paired by position: ${pairing.byPosition.map((theirs, i) => `${mine[i]} ↔ ${theirs}`).join(', ')}`);
  }
  if (pairing.outputArgument) notes.push(`${pairing.derivative.name} writes its result into ${pairing.outputArgument}: that is what is compared`);
  if (pairing.what.kind === 'hessian-vector') notes.push(`compared with ∇²${pairing.of.name}·p for a fixed direction p`);
  notes.push(...(pairing.notes ?? []));
  const labels = new Set(doc.heldParameters(pairing.of.name).labels);
  // A dict's counts (`dropout_param["seed"]`, given to np.random.seed) stay whole at nearby points, as a count parameter does.
  for (const p of doc.inferShapes(pairing.of.name)?.parameters ?? []) if (p.kind.kind === 'record') for (const e of p.kind.entries) if (e.kind.kind === 'count' || e.kind.kind === 'labels') labels.add(entryName(p.name, e.key));
  // Nearby points of a sample point are samples too: what a sample holds constant stays constant (document.ts `constants`).
  const nearby = base.value.source === 'sample' ? ('sample' as const) : ('argument' as const);
  // A method's nearby points are on the same instance (`; self: alpha=2`): only the arguments move.
  const receiver = base.value.receiver ? { receiver: base.value.receiver } : {};
  // A sample's string for a parameter compared with strings is one branch of the code: the nearby
  // points take the others in turn, so the check covers each branch it names (a slip in the put
  // formula, not only the call's).
  // A dict parameter's entry (`bn_param["mode"] == "train"`) alternates inside the dict.
  const entryOf = (name: string): { param: string; key: string } | undefined => {
    const m = /^(\w+)\[("(?:[^"\\]|\\.)*")\]$/.exec(name);
    return m && isPointObject(base.value.values[m[1]!]) ? { param: m[1]!, key: JSON.parse(m[2]!) as string } : undefined;
  };
  const texts = base.value.source === 'sample' ? (doc.inferShapes(pairing.of.name)?.documentedText ?? []).filter((d) => d.choices.length > 1 && (Object.hasOwn(base.value.values, d.name) || entryOf(d.name))) : [];
  for (const d of texts) notes.push(`${d.name} takes ${d.choices.map((c) => JSON.stringify(c)).join(', ')} in turn`);
  const branched = (values: Record<string, PointValue>, k: number): Record<string, PointValue> => {
    for (const d of texts) {
      const entry = entryOf(d.name);
      if (entry) values[entry.param] = { ...(values[entry.param] as Record<string, PointValue>), [entry.key]: d.choices[k % d.choices.length]! };
      else values[d.name] = d.choices[k % d.choices.length]!;
    }
    return values;
  };
  const sampled: ResolvedPoint[] = [base.value, ...nearbyPoints(base.value.values, 30, labels).map((values, i) => ({ values: branched(values, i + 1), source: nearby, ...receiver }))];
  const targets = lossTargets(pairing, base.value);
  if (targets.length > 0) notes.push(`${targets.join(', ')} taken as distributions over the last axis (one-hot labels are): a loss's backward() may assume so (softmax cross-entropy's probs − y)`);
  const candidates = targets.length === 0 ? sampled : sampled.map((p) => ({ ...p, values: keyedFromEntries(Object.entries(p.values).map(([k, v]) => [k, targets.includes(k) ? distribution(v) : v] as const)) }));
  let compared = 0;
  let maxRelError = 0;
  const differences = new Map<number, ComponentDifference>();
  let ranges: (SourceRange | undefined)[] | undefined;
  let table: GradientCheck['table'] = [];
  let compares = describe(pairing);
  // The whole check (up to nine points, more tried) shares one evaluation's time budget; the points
  // it reaches in time are the ones compared.
  const maxMillis = budgetWith(budget).maxMillis;
  const deadline = Date.now() + maxMillis;
  let stoppedBy: string | undefined;
  /** Every (yours, AD) pair compared, for a constant factor between them. */
  const seen: [number, number][] = [];
  for (const point of candidates) {
    if (compared === CHECK_POINTS) break;
    const left = deadline - Date.now();
    if (left <= 0) {
      if (compared > 0) {
        stoppedBy = `the time budget (${maxMillis} ms) ran out`;
        break;
      }
      return failure(diagnostic('error', 'budget-time', `time budget exceeded (${maxMillis} ms) checking ${pairing.derivative.name} against ${describe(pairing)}`, pairing.derivative.nameRange));
    }
    let here = compareAt(doc, pairing, point, { ...budget, maxMillis: left }, compared === 0 ? notes : []);
    const prediction = !here.ok && compared === 0 && here.error.code === 'type' ? predictionOnly(pairing) ?? namedComponents(pairing) ?? oneParameterOfItsSize(doc, pairing, point, budget) : undefined;
    if (prediction) {
      // loss(y, y_pred) with a gradient the size of y_pred: the loss's derivative in the prediction.
      const retry = compareAt(doc, prediction.pairing, point, { ...budget, maxMillis: Math.max(1, deadline - Date.now()) }, notes);
      if (retry.ok) {
        pairing = prediction.pairing;
        notes.push(prediction.note);
        compares = describe(pairing);
        here = retry;
      } else if (retry.error.code === 'type') {
        // Of the wrong shape for ∂/∂y_pred too: say so against what it is meant to be, not the full ∇.
        here = failure({ ...retry.error, message: `${retry.error.message} (${prediction.note})` });
      }
    }
    if (!here.ok) {
      // The function's own point must work; nearby points outside the domain are skipped, and the
      // check's time running out ends it with the points compared so far.
      if (compared === 0) return here;
      if (here.error.code === 'budget-time') {
        stoppedBy = `the time budget (${maxMillis} ms) ran out`;
        break;
      }
      continue;
    }
    const { names, ad, yours: mine, instead } = here.value;
    if (compared === 0) {
      ranges = pairing.outputArgument ? [] : componentRanges(pairing.derivative, ad.length);
      table = ad.map((a, i) => ({ name: names[i]!, yours: mine[i]!, ad: a }));
      compares = instead?.compared ?? comparedName(pairing, names);
      if (instead) notes.push(instead.note);
    }
    compared++;
    ad.forEach((a, i) => {
      const y = mine[i]!;
      seen.push([y, a]);
      maxRelError = Math.max(maxRelError, relativeError(y, a));
      if (!agrees(y, a) && !differences.has(i)) {
        const range = ranges![i];
        differences.set(i, { name: names[i]!, index: i, yours: y, ad: a, at: point.values, ...(range ? { range } : {}) });
      }
    });
  }
  // Nothing compared (an empty gradient at every point) is no verdict at all.
  if (seen.length === 0) return failure(diagnostic('error', 'type', `nothing to compare ${pairing.derivative.name} with at ${describeSource(base.value)}: ${compares} has no entries there`, pairing.derivative.nameRange));
  const factor = differences.size > 0 ? constantFactor(seen) : undefined;
  const convention = factor === undefined ? undefined : pairing.conventions?.find((c) => agrees(factor, c.factor));
  if (convention) {
    // Quoted per unit (theta per day): every component is the partial times the convention's factor.
    differences.clear();
    maxRelError = Math.max(...seen.map(([y, a]) => relativeError(y, convention.factor * a)));
    table = table.map((row) => ({ ...row, ad: convention.factor * row.ad }));
    notes.push(`${pairing.derivative.name} is ${compares} ${convention.says} at every point compared`);
    compares = `${compares} ${convention.says.replace(/ \(.*\)$/, '')}`;
  } else if (factor !== undefined) {
    const flipped = agrees(factor, -1);
    notes.push(`${pairing.derivative.name} is ${flipped ? '−1' : formatFactor(factor)} × ${compares} at every point compared: ${flipped ? 'the sign is flipped' : 'off by a constant factor'}`);
  }
  return success({
    function: pairing.of.name,
    gradient: pairing.derivative.name,
    what: pairing.what,
    compared: compares,
    verdict: differences.size === 0 ? 'match' : 'mismatch',
    points: compared,
    maxRelError,
    components: [...differences.values()].sort((a, b) => a.index - b.index),
    derivativeRange: pairing.derivative.nameRange,
    at: candidates[0]!.values,
    pointSource: describeSource(base.value),
    table,
    notes,
    ...(compared < CHECK_POINTS ? { partial: partialReason(compared, candidates.length, stoppedBy) } : {}),
  });
}

/**
 * A loss's sampled targets (`y_true`, `labels`: not differentiated) when its backward takes no
 * upstream gradient: softmax cross-entropy's `probs − y` is its gradient only where each row of y
 * sums to 1, so the check samples them so; any other loss's backward holds for such targets too.
 */
function lossTargets(pairing: Pairing, point: ResolvedPoint): string[] {
  if (pairing.what.kind !== 'vector-jacobian' || !pairing.what.implicitUpstream || point.source !== 'sample') return [];
  return pairing.of.params.map((p) => p.name).filter((n) => TARGET_NAMES.test(n) && !(pairing.wrt ?? []).includes(n) && Array.isArray(point.values[n]));
}

/** Each innermost row made non-negative and summing to 1. */
function distribution(v: PointValue): PointValue {
  if (!Array.isArray(v)) return v;
  if (!v.every((x) => typeof x === 'number')) return v.map(distribution);
  const total = (v as number[]).reduce((s, x) => s + Math.abs(x), 0);
  return total === 0 ? v : (v as number[]).map((x) => Math.abs(x) / total);
}

/**
 * A backward pass that fails on shapes at its forward's sample point (`self.x.T @ dout` of a vector
 * x) is tried at the forward's batched sample (matrices of rows where the forward took vectors for
 * want of evidence): the point where it runs, if there is one; else the point as found.
 */
function batchedForBackward(doc: DocumentAnalysis, pairing: Pairing, point: ResolvedPoint, budget: Partial<Budget> | undefined): ResolvedPoint {
  if (pairing.what.kind !== 'vector-jacobian' || point.source !== 'sample') return point;
  const trial = compareAt(doc, pairing, point, budget, []);
  if (trial.ok || !sampleShapeError(trial.error)) return point;
  return doc.batchedSamplePoint(pairing.of.name) ?? point;
}

/**
 * The k with yours = k·AD for every pair compared (k ≠ 1, AD not all zero), when there is one: a
 * derivative quoted per unit (theta per day) or off by a constant (a missing factor 2).
 */
function constantFactor(pairs: readonly [number, number][]): number | undefined {
  const [y0, a0] = pairs.reduce((best, p) => (Math.abs(p[1]) > Math.abs(best[1]) ? p : best), [0, 0]);
  if (a0 === 0 || !Number.isFinite(y0) || !Number.isFinite(a0)) return undefined;
  const k = y0 / a0;
  if (k === 0 || agrees(k, 1) || !pairs.every(([y, a]) => agrees(y, k * a))) return undefined;
  return k;
}

/** `2`, `−1`, `1/365`, `0.0274`: a factor as a reader would write it. */
function formatFactor(k: number): string {
  const inverse = 1 / k;
  const sign = k < 0 ? '−' : '';
  if (Math.abs(k) >= 1 && agrees(Math.abs(k), Math.round(Math.abs(k)))) return `${sign}${Math.round(Math.abs(k))}`;
  if (agrees(Math.abs(inverse), Math.round(Math.abs(inverse)))) return `${sign}1/${Math.round(Math.abs(inverse))}`;
  return `${sign}${Math.abs(k).toPrecision(4)}`;
}

/** Names of the known answer and of the prediction in a loss's signature (`loss(y, y_pred)`, `loss(y_true, p)`). */
const TARGET_NAMES = /^(?:y|y_true|ytrue|y_actual|t|target|targets|label|labels|actual|truth)$/i;
const PREDICTION_NAMES = /^(?:y_pred|ypred|y_hat|yhat|y_predicted|pred|preds|prediction|predictions|p|probs|output|outputs|logits)$/i;

/**
 * Machine-learning losses written `loss(y, y_pred)` with `gradient(y, y_pred)` give the derivative in
 * the prediction only (ML-from-scratch's SquareLoss, CrossEntropy): when the gradient of every
 * parameter does not fit, all parameters but one are named as targets and that one as a prediction,
 * the check is of ∂/∂ that one. (`f(x, y)` with a one-component `grad_f` stays a size error.)
 */
function predictionOnly(p: Pairing): { pairing: Pairing; note: string } | undefined {
  if (p.what.kind !== 'gradient' || p.wrt || p.outputArgument) return undefined;
  const params = p.of.params.filter((q) => q.name !== 'self' && q.name !== 'this' && !q.default).map((q) => q.name);
  const targets = params.filter((n) => TARGET_NAMES.test(n));
  const others = params.filter((n) => !TARGET_NAMES.test(n));
  if (targets.length === 0 || others.length !== 1 || !PREDICTION_NAMES.test(others[0]!)) return undefined;
  const note = `${targets.join(', ')} ${targets.length === 1 ? 'is' : 'are'} the target: ${p.derivative.name} is compared with ∂/∂${others[0]}`;
  return { pairing: { ...p, what: { kind: 'partial', variable: others[0]! } }, note };
}

/**
 * A derivative returning a tuple of names that each name one of f's parameters as its derivative
 * (numpy-ml's VAE loss: `return dY_pred, dLogVar, dMean` for `loss(y, y_pred, t_mean, t_log_var)`):
 * the components are ∂f/∂ those parameters, in the order returned, the others taken as data.
 */
function namedComponents(p: Pairing): { pairing: Pairing; note: string } | undefined {
  if (p.what.kind !== 'gradient' || p.wrt || p.outputArgument || p.derivative === p.of) return undefined;
  const returns = p.derivative.body.filter((s): s is IrStmt & { kind: 'return' } => s.kind === 'return');
  const value = returns[returns.length - 1]?.value;
  const elements = value?.kind === 'tuple' ? value.elements : value ? [value] : [];
  const params = ownParameters(p.of);
  const wrt: string[] = [];
  for (const e of elements) {
    const param = e.kind === 'name' ? parameterItDifferentiates(e.name, params) : undefined;
    if (!param || wrt.includes(param)) return undefined;
    wrt.push(param);
  }
  if (wrt.length === 0 || wrt.length === params.length && wrt.every((n, i) => n === params[i])) return undefined;
  const data = params.filter((n) => !wrt.includes(n));
  const names = (elements as IrExpr[]).map((e) => (e as IrExpr & { kind: 'name' }).name);
  const note = `${p.derivative.name} returns ${names.join(', ')}: compared with ∂${p.of.name}/∂(${wrt.join(', ')}) by their names${data.length ? `, ${data.join(', ')} taken as data` : ''}`;
  return { pairing: { ...p, wrt }, note };
}

const ownParameters = (fn: IrFunction): string[] => fn.params.filter((q) => q.name !== 'self' && q.name !== 'this' && q.kind !== 'varargs' && q.kind !== 'varkw').map((q) => q.name);

/**
 * A gradient as long as one parameter only (`loss_grad(w, X, y)` giving ∂/∂w, with X and y the data):
 * when the full gradient does not fit and exactly one parameter has as many entries as the derivative
 * returns, the check is of ∂/∂ that one, and says the others were taken as data.
 */
function oneParameterOfItsSize(doc: DocumentAnalysis, p: Pairing, point: ResolvedPoint, budget: Partial<Budget> | undefined): { pairing: Pairing; note: string } | undefined {
  if (p.what.kind !== 'gradient' || p.wrt || p.outputArgument || p.derivative === p.of) return undefined;
  const yours = doc.evaluate(p.derivative.name, derivativePoint(p, point, undefined), budget);
  if (!yours.ok) return undefined;
  const length = flatten(yours.value.value).length;
  const given = p.of.params.map((q) => q.name).filter((n) => point.values[n] !== undefined);
  const fits = given.filter((n) => flatten(point.values[n]).length === length);
  if (fits.length === 0 || given.length < 2) return undefined;
  const chosen = fits.length === 1 ? { name: fits[0]!, why: `as many as ${fits[0]} has` } : amongSameSize(p, fits, shapeOf(yours.value.value as PointValue), point, length);
  if (!chosen) return undefined;
  const data = given.filter((n) => n !== chosen.name);
  const note = `${p.derivative.name} gives ${length} value${length === 1 ? '' : 's'}, ${chosen.why}: compared with ∂${p.of.name}/∂${chosen.name}, ${data.join(', ')} taken as data (say "@gradient-of ${p.of.name} wrt NAME" for another)`;
  return { pairing: { ...p, wrt: [chosen.name] }, note };
}

/**
 * Which of several parameters of the derivative's size it differentiates (`W` and `X` both 4×4): the
 * one its returned name points at (`return dW`), else the one of its shape, else for arrays the first
 * parameter if it is one of them — scipy's convention, `minimize(fun, x0, jac=grad, args=(X, y))`:
 * the derivative is with respect to the first argument, the others are data. Numbers alike in size
 * (`grad_f(x, y)` returning one value) stay undecided: a component is missing, and the check says so.
 */
function amongSameSize(p: Pairing, fits: readonly string[], shape: readonly number[], point: ResolvedPoint, length: number): { name: string; why: string } | undefined {
  const returns = p.derivative.body.filter((s): s is IrStmt & { kind: 'return' } => s.kind === 'return');
  const value = returns[returns.length - 1]?.value;
  const returned = value && unraveled(value);
  const hinted = returned?.kind === 'name' ? parameterItDifferentiates(returned.name, fits) : undefined;
  const all = fits.join(', ');
  if (hinted) return { name: hinted, why: `as many as ${all} have; its name ${(returned as { name: string }).name} says ${hinted}` };
  const shaped = fits.filter((n) => shapeText(shapeOf(point.values[n]!)) === shapeText(shape));
  if (shaped.length === 1) return { name: shaped[0]!, why: `as many as ${all} have, in the shape of ${shaped[0]}` };
  const first = ownParameters(p.of)[0];
  if (length < 2 || first === undefined || !fits.includes(first)) return undefined;
  return { name: first, why: `as many as ${all} have; the first parameter is taken, as scipy.optimize takes a gradient with respect to the first argument` };
}

/** `the time budget (2000 ms) ran out after 4 of 9 points`, or why nearby points were too few. */
function partialReason(compared: number, tried: number, stoppedBy: string | undefined): string {
  if (stoppedBy) return `${stoppedBy} after ${compared} of ${CHECK_POINTS} points`;
  return `only ${compared} of the ${tried} points tried could be evaluated (the others are outside the domain or failed), fewer than ${CHECK_POINTS}`;
}

/** `∂loss/∂W` for a (loss, grad) pair, read off the first component's name; else `describe`. */
function comparedName(pairing: Pairing, names: string[]): string {
  if (pairing.what.kind !== 'value-and-gradient') return describe(pairing);
  const params = [...new Set(names.map((n) => /∂([^∂[]+)(\[|$)/u.exec(n.slice(n.indexOf('/')))?.[1] ?? ''))];
  return `∂${pairing.what.loss}/∂${params.join(', ')}`;
}

/** `∇f`, `∂f/∂x`, `J_f`, `∇²f`: what the derivative claims to be. */
export function describe(pairing: Pairing): string {
  const f = pairing.of.name;
  const wrt = !pairing.wrt ? '' : pairing.wrt.length === 1 ? `/∂${pairing.wrt[0]}` : `/∂(${pairing.wrt.join(', ')})`;
  switch (pairing.what.kind) {
    case 'gradient':
      return wrt ? `∂${f}${wrt}` : `∇${f}`;
    case 'partial':
      return `${scaleText(pairing.scale ?? 1)}∂${f}/∂${pairing.what.variable}`;
    case 'jacobian':
      return wrt ? `∂${f}${wrt}` : `the Jacobian of ${f}`;
    case 'hessian':
      return pairing.wrt?.length === 1 ? `∂²${f}/∂${pairing.wrt[0]}²` : `∇²${f}`;
    case 'hessian-vector':
      return `∇²${f}·p`;
    case 'value-and-gradient':
      return pairing.wrt ? `∂${pairing.what.loss}/∂${pairing.wrt.join(', ')}` : `∇${pairing.what.loss}`;
    case 'vector-jacobian':
      return `doutᵀ·∂${f}${wrt}`;
  }
}
