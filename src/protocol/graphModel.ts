import type { SourceRange } from '../core/sourceRange';
import { isArrayData, type ArrayData } from './arrayData';
export type { ArrayCells, ArrayData } from './arrayData';
import {
  isArrayOf,
  isBoolean,
  isInteger,
  isNumber,
  isNumberOrNull,
  isOneOf,
  isOptional,
  isRecord,
  isShape,
  isSourceRange,
  isString,
  type Guard,
} from './guards';

/**
 * What the graph view shows for one function at one point: plain data, built by
 * src/report/graphModel.ts from the analysis and drawn by webview/. Numbers that may be NaN or
 * infinite travel as `null` (messages are JSON).
 *
 * Numbering follows the seeds (seed 001): n inputs are v₁₋ₙ … v₀, operations v₁, v₂, … in tape order.
 * Rule texts are the textbook's (`v̇₁ = (v₀v̇₋₁ − v₋₁v̇₀)/v₀²`); the webview appends the numbers.
 */
export interface GraphModel {
  readonly version: 1;
  /** `gradlens.precision`: the decimals the panel prints (default 4). */
  readonly precision?: number;
  /** The document the ranges refer to; `reveal` sends it back. */
  readonly documentUri: string;
  readonly function: { readonly name: string; readonly range: SourceRange; readonly nameRange: SourceRange };
  /** The point, as the user wrote it (`x1=1.5, x2=0.5`), and where it came from (`@at`, `call on line 12`). */
  readonly point: { readonly text: string; readonly source: string; readonly range?: SourceRange };
  /** The differentiated input entries, in parameter order (one per scalar, one per list element). */
  readonly inputs: readonly ModelInput[];
  /** The input whose tangent is 1 in the primal–tangent table (an `inputs[].name`). */
  readonly seed: string;
  /** Output values, flattened; `outputNodes[i]` is the node of `outputs[i]` (null: constant output). */
  readonly outputs: readonly (number | null)[];
  readonly outputNodes: readonly (number | null)[];
  /** ∂f/∂input per `inputs` entry, for a scalar output; null otherwise. */
  readonly gradient: readonly (number | null)[] | null;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Nodes that collapse together in a large graph: by source line, helper function or parameter. */
  readonly groups: readonly NodeGroup[];
  readonly tangentRows: readonly TangentRow[];
  /** The primal column of the primal–adjoint table (forward order). */
  readonly primalRows: readonly PrimalRow[];
  /** The adjoint column (reverse order); empty with `adjointNote` when the output is not a scalar. */
  readonly adjointRows: readonly AdjointRow[];
  readonly adjointNote?: string;
  /** The tape listing: forward entries, then the reverse sweep's seed and accumulation steps. */
  readonly tape: readonly TapeLine[];
  readonly plots: PlotData;
  readonly warnings: readonly ModelMessage[];
  /** Set when the model leaves something out (tables cut at `maxRows`, plots out of time). */
  readonly notes: readonly string[];
  /** For a function that is one expression of scalars: it and its partials as formulas, each checked against AD. */
  readonly formula?: ModelFormula;
}

/** Formulas the panel typesets (TeX) and copies (`text`, in the function's language). */
export interface ModelFormula {
  /** The function's name as TeX. */
  readonly texFunction: string;
  readonly value: { readonly text: string; readonly tex: string };
  readonly partials: readonly ModelPartial[];
}

export interface ModelPartial {
  readonly parameter: string;
  readonly texParameter: string;
  readonly text: string;
  readonly tex: string;
  /** A long partial written short (as the hover shows it): repeated sub-expressions named, each defined on a `where` line. */
  readonly short?: { readonly text: string; readonly tex: string; readonly where: readonly { readonly name: string; readonly texName: string; readonly text: string; readonly tex: string }[] };
}

export interface ModelInput {
  /** The engine's label: `x1`, `x[2]`. */
  readonly name: string;
  /** As the tables print it: `x₁`, `x[2]`. */
  readonly label: string;
  readonly nodeId: number;
  readonly value: number;
}

export type NodeKind = 'input' | 'op';

export interface GraphNode {
  /** The tape entry id. */
  readonly id: number;
  /** `v₋₁`, `v₀`, `v₁`… */
  readonly name: string;
  readonly kind: NodeKind;
  /** The primitive (`div`, `sin`) or `input`. */
  readonly op: string;
  /** Right-hand side in textbook form: `v₋₁/v₀`, `sin(v₁)`, `x₁`. */
  readonly expression: string;
  /** The source text it came from (one line, shortened). */
  readonly snippet: string;
  readonly range: SourceRange;
  readonly value: number | null;
  /** For the model's seed direction. */
  readonly tangent: number | null;
  /** ∂f/∂node for a scalar output; null otherwise. */
  readonly adjoint: number | null;
  readonly isOutput: boolean;
  /** The input's label (`x₁`) for inputs. */
  readonly label?: string;
  /** The group it collapses into. */
  readonly group?: string;
  /**
   * For an array operation (numpy): its shape and a small picture of its value, tangent and adjoint.
   * Its `value`, `tangent` and `adjoint` above are then the single entry of a one-element array, else null.
   */
  readonly array?: ArrayData;
}

export interface GraphEdge {
  readonly from: number;
  readonly to: number;
  /** Which argument of `to` it feeds. */
  readonly argument: number;
  /** ∂to/∂from, as stored on the tape. */
  readonly partial: number | null;
}

export interface NodeGroup {
  readonly id: string;
  readonly kind: 'line' | 'helper' | 'parameter';
  /** `line 4: s = s + a * sin(x[i])`, `helper sq()`, `x (125 entries)`. */
  readonly label: string;
  readonly range: SourceRange;
  readonly members: readonly number[];
}

export interface TangentRow {
  readonly nodeId: number;
  readonly kind: 'node' | 'result';
  /** `v₁ = v₋₁/v₀`. */
  readonly primal: string;
  readonly value: number | null;
  /** `v̇₁ = (v₀v̇₋₁ − v₋₁v̇₀)/v₀²`. */
  readonly tangent: string;
  readonly tangentValue: number | null;
  readonly range: SourceRange;
}

export interface PrimalRow {
  readonly nodeId: number;
  readonly kind: 'node' | 'result';
  readonly text: string;
  readonly value: number | null;
  readonly range: SourceRange;
}

export interface AdjointRow {
  readonly nodeId: number;
  /** `seed` is v̄ₙ = f̄ = 1; `result` rows read the gradient off (x̄₁ = v̄₋₁). */
  readonly kind: 'seed' | 'node' | 'result';
  /** `v̄₅ = v₄ × v̄₆`. */
  readonly text: string;
  readonly value: number | null;
  readonly range: SourceRange;
}

export interface TapeLine {
  readonly nodeId: number;
  /** `forward`: vᵢ = …; `seed`: v̄ₙ = 1; `accumulate`: v̄ⱼ += ∂vᵢ/∂vⱼ · v̄ᵢ. */
  readonly kind: 'forward' | 'seed' | 'accumulate';
  readonly text: string;
  /** The entry's value, or the contribution added. */
  readonly value: number | null;
  /** For `accumulate`: the running adjoint of the target after this step. */
  readonly total?: number | null;
  /** For `accumulate`: the node whose adjoint is read (vᵢ). */
  readonly from?: number;
  readonly range: SourceRange;
}

export interface PlotData {
  readonly lines: readonly LinePlot[];
  readonly contour?: ContourPlot;
}

/** f(x₀ + t·d) for t in `t`, with the tangent line f(x₀) + t·slope, slope = ∇f·d. */
export interface LinePlot {
  readonly id: string;
  /** `along x₁`, `along ∇f (unit)`. */
  readonly label: string;
  /** d, one entry per input. */
  readonly direction: readonly number[];
  readonly t: readonly number[];
  readonly f: readonly (number | null)[];
  readonly f0: number;
  readonly slope: number;
}

/** f over a grid around the point of a two-input scalar function; `values[j * xs.length + i]` is f(xs[i], ys[j]). */
export interface ContourPlot {
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  readonly values: readonly (number | null)[];
  readonly point: readonly [number, number];
  readonly gradient: readonly [number, number];
}

/** A message with a place in the source: an error, or a warning kept with the model. */
export interface ModelMessage {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly code?: string;
  readonly range?: SourceRange;
}

// ---------------------------------------------------------------------------------------------------
// Validators: the webview checks every model on arrival.

const isNumberList = isArrayOf(isNumber);
const isNullableNumberList = isArrayOf(isNumberOrNull);
const isId = (x: unknown): x is number => isInteger(x) && (x as number) >= 0;

export const isModelMessage: Guard<ModelMessage> = isShape<ModelMessage>({
  severity: isOneOf('error', 'warning', 'info'),
  message: isString,
  code: isOptional(isString),
  range: isOptional(isSourceRange),
});

const isInput = isShape<ModelInput>({ name: isString, label: isString, nodeId: isId, value: isNumber });

const isNode = isShape<GraphNode>({
  id: isId,
  name: isString,
  kind: isOneOf('input', 'op'),
  op: isString,
  expression: isString,
  snippet: isString,
  range: isSourceRange,
  value: isNumberOrNull,
  tangent: isNumberOrNull,
  adjoint: isNumberOrNull,
  isOutput: isBoolean,
  label: isOptional(isString),
  group: isOptional(isString),
  array: isOptional(isArrayData),
});

const isEdge = isShape<GraphEdge>({ from: isId, to: isId, argument: isId, partial: isNumberOrNull });

const isGroup = isShape<NodeGroup>({
  id: isString,
  kind: isOneOf('line', 'helper', 'parameter'),
  label: isString,
  range: isSourceRange,
  members: isArrayOf(isId),
});

const isTangentRow = isShape<TangentRow>({
  nodeId: isId,
  kind: isOneOf('node', 'result'),
  primal: isString,
  value: isNumberOrNull,
  tangent: isString,
  tangentValue: isNumberOrNull,
  range: isSourceRange,
});

const isPrimalRow = isShape<PrimalRow>({ nodeId: isId, kind: isOneOf('node', 'result'), text: isString, value: isNumberOrNull, range: isSourceRange });

const isAdjointRow = isShape<AdjointRow>({ nodeId: isId, kind: isOneOf('seed', 'node', 'result'), text: isString, value: isNumberOrNull, range: isSourceRange });

const isTapeLine = isShape<TapeLine>({
  nodeId: isId,
  kind: isOneOf('forward', 'seed', 'accumulate'),
  text: isString,
  value: isNumberOrNull,
  total: isOptional(isNumberOrNull),
  from: isOptional(isId),
  range: isSourceRange,
});

const isLinePlot: Guard<LinePlot> = (x: unknown): x is LinePlot =>
  isShape<LinePlot>({ id: isString, label: isString, direction: isNumberList, t: isNumberList, f: isNullableNumberList, f0: isNumber, slope: isNumber })(x) &&
  x.t.length === x.f.length;

const isPair = (x: unknown): x is readonly [number, number] => Array.isArray(x) && x.length === 2 && isNumber(x[0]) && isNumber(x[1]);

const isContour: Guard<ContourPlot> = (x: unknown): x is ContourPlot =>
  isShape<ContourPlot>({ xLabel: isString, yLabel: isString, xs: isNumberList, ys: isNumberList, values: isNullableNumberList, point: isPair, gradient: isPair })(x) &&
  x.values.length === x.xs.length * x.ys.length;

const isPlots = isShape<PlotData>({ lines: isArrayOf(isLinePlot), contour: isOptional(isContour) });

const isFormulaLine = isShape<ModelFormula['value']>({ text: isString, tex: isString });

const isFormula = isShape<ModelFormula>({
  texFunction: isString,
  value: isFormulaLine,
  partials: isArrayOf(
    isShape<ModelPartial>({
      parameter: isString,
      texParameter: isString,
      text: isString,
      tex: isString,
      short: isOptional(
        isShape<NonNullable<ModelPartial['short']>>({ text: isString, tex: isString, where: isArrayOf(isShape<NonNullable<ModelPartial['short']>['where'][number]>({ name: isString, texName: isString, text: isString, tex: isString })) }),
      ),
    }),
  ),
});

const isModelShape = isShape<GraphModel>({
  version: (x: unknown): x is 1 => x === 1,
  precision: isOptional((x: unknown): x is number => isNumber(x) && Number.isInteger(x) && x >= 1 && x <= 17),
  documentUri: isString,
  function: isShape<GraphModel['function']>({ name: isString, range: isSourceRange, nameRange: isSourceRange }),
  point: isShape<GraphModel['point']>({ text: isString, source: isString, range: isOptional(isSourceRange) }),
  inputs: isArrayOf(isInput),
  seed: isString,
  outputs: isNullableNumberList,
  outputNodes: isArrayOf((x: unknown): x is number | null => x === null || isId(x)),
  gradient: (x: unknown): x is (number | null)[] | null => x === null || isNullableNumberList(x),
  nodes: isArrayOf(isNode),
  edges: isArrayOf(isEdge),
  groups: isArrayOf(isGroup),
  tangentRows: isArrayOf(isTangentRow),
  primalRows: isArrayOf(isPrimalRow),
  adjointRows: isArrayOf(isAdjointRow),
  adjointNote: isOptional(isString),
  tape: isArrayOf(isTapeLine),
  plots: isPlots,
  warnings: isArrayOf(isModelMessage),
  notes: isArrayOf(isString),
  formula: isOptional(isFormula),
});

/** The shape, and that every edge, group member and row names a node of the model. */
export function isGraphModel(x: unknown): x is GraphModel {
  if (!isModelShape(x)) return false;
  const ids = new Set(x.nodes.map((n) => n.id));
  if (ids.size !== x.nodes.length) return false;
  const known = (id: number | null): boolean => id === null || ids.has(id);
  return (
    x.edges.every((e) => known(e.from) && known(e.to)) &&
    x.groups.every((g) => g.members.every(known)) &&
    x.inputs.every((i) => known(i.nodeId)) &&
    x.outputNodes.every(known) &&
    x.tangentRows.every((r) => known(r.nodeId)) &&
    x.adjointRows.every((r) => known(r.nodeId)) &&
    x.tape.every((r) => known(r.nodeId)) &&
    (x.gradient === null || x.gradient.length === x.inputs.length) &&
    x.outputs.length === x.outputNodes.length &&
    isRecord(x.plots)
  );
}
