import { diagnosticText } from '../core/diagnosticText';
import { keyedRecord, ownValue } from '../core/keyed';
import type { IrFunction, Language } from '../ir/nodes';
import { expressionFormula } from '../analysis/formula/formula';
import { texName } from '../analysis/formula/notation';
import type { Budget } from '../core/budget';
import { diagnostic, type Diagnostic } from '../core/diagnostic';
import { LineMap, rangeContains, type SourceRange } from '../core/sourceRange';
import type { DocumentAnalysis, GradientResult } from '../analysis/document';
import { failure, guard, success, type Outcome } from '../analysis/outcome';
import { t } from '../core/localize';
import { describeSource, type ResolvedPoint } from '../analysis/points';
import { traceRows, type TraceRow } from '../analysis/trace';
import { releaseTrace, type PointValue, type Trace } from '../engine/run';
import { withinSweepBudget } from '../engine/differentiate';
import type {
  ModelFormula,
  AdjointRow,
  GraphEdge,
  GraphModel,
  GraphNode,
  ModelInput,
  ModelMessage,
  NodeGroup,
  PrimalRow,
  TangentRow,
  TapeLine,
} from '../protocol/graphModel';
import { pointValueText, withSubscripts } from './format';
import { DEFAULT_PRECISION } from '../core/numberText';
import { arrayNodeData, finite } from './graphArrays';
import { samplePlots, type PlotOptions } from './graphPlots';
import { adjointTerm, barred, constantText, dotted, nodeName, primalExpression, sumOfTerms, tangentRule, type Operand } from './textbook';

/**
 * Builds the graph view's model for one function at one point from the analysis: the tape's entries
 * become nodes, its stored partials the edges, the engine's forward and reverse sweeps (through
 * `traceRows`) the tangents and adjoints; array rows (numpy) carry their shape and pictures of their
 * value, tangent and adjoint (graphArrays.ts); `DocumentAnalysis.evaluate` at sample points gives the
 * plots (graphPlots.ts). Pure: no vscode, no clock except the plots' time budget. The rule texts come
 * from textbook.ts.
 */

export interface GraphModelOptions {
  /** The input whose tangent is 1 (`x1`, `x[2]`); default the first. */
  readonly seed?: string;
  /** Plots: off, or their sample counts and time budget (graphPlots.ts). Default on, sized to the function's cost, 150 ms at most. */
  readonly plots?: false | PlotOptions;
  /** Tapes longer than this are refused (the webview collapses, but rows and tape grow linearly). Default 5,000. */
  readonly maxNodes?: number;
  /** For recording and the plot evaluations. */
  readonly budget?: Partial<Budget>;
  /** `gradlens.precision`, passed on to the panel. */
  readonly precision?: number;
}

export const DEFAULT_MAX_NODES = 5_000;

/** Records `name` at `point` (or its first point in the file) and builds the model. */
export function graphModelFor(
  analysis: DocumentAnalysis,
  text: string,
  name: string,
  point?: ResolvedPoint,
  options: GraphModelOptions = {},
): Outcome<GraphModel> {
  let resolved = point;
  if (!resolved) {
    const found = analysis.resolvePoint(name);
    if (!found.ok) return found;
    resolved = found.value;
  }
  const recorded = analysis.record(name, resolved, options.budget);
  if (!recorded.ok) return recorded;
  try {
    return graphModelFromTrace(analysis, text, name, resolved, recorded.value, options);
  } finally {
    // The model is plain numbers and text: the trace's buffers can serve the next recording.
    releaseTrace(recorded.value);
  }
}

/** From a result the extension already has (its trace is reused, nothing is recorded again). */
export function graphModelFromResult(analysis: DocumentAnalysis, text: string, result: GradientResult, options: GraphModelOptions = {}): Outcome<GraphModel> {
  return graphModelFromTrace(analysis, text, result.function, result.point, result.trace, options);
}

export function graphModelFromTrace(
  analysis: DocumentAnalysis,
  text: string,
  name: string,
  point: ResolvedPoint,
  trace: Trace,
  options: GraphModelOptions = {},
): Outcome<GraphModel> {
  const fn = analysis.find(name);
  if (!fn) return failure(diagnostic('error', 'unknown-name', `no function named ${name} in this file`, { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }));
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  if (trace.tape.length > maxNodes) {
    return failure(
      diagnostic(
        'info',
        'budget-memory',
        t('{0} records {1} operations at this point; the graph view draws at most {2} — try a smaller point (fewer list entries or loop iterations)', name, trace.tape.length.toLocaleString('en-US'), maxNodes.toLocaleString('en-US')),
        fn.nameRange,
      ),
    );
  }

  // Inputs in parameter order; the seed defaults to the first.
  const inputIds = trace.parameters.flatMap((p) => p.ids);
  const inputNames = inputIds.map((id) => trace.tape.labelOf(id) ?? `#${id}`);
  const seed = options.seed && inputNames.includes(options.seed) ? options.seed : inputNames[0];
  const scalarOutput = trace.output.isScalar;
  const seedId = seed !== undefined ? inputIds[inputNames.indexOf(seed)] : undefined;
  // The sweeps run under a budget of their own: the trace may have been recorded long ago.
  const swept = guard(fn.nameRange, () =>
    withinSweepBudget(trace, `the graph's tangents and adjoints`, () => {
      const forward = seed !== undefined ? traceRows(trace, { mode: 'forward', seed }, fn.nameRange) : undefined;
      if (forward && !forward.ok) return forward;
      const reverse = scalarOutput ? traceRows(trace, { mode: 'reverse' }, fn.nameRange) : undefined;
      if (reverse && !reverse.ok) return reverse;
      // Array rows (numpy) carry pictures of their value, tangent and adjoint; their scalar columns are
      // the entry of a one-element array, else null (the scalar sweeps leave array rows at 0).
      const outputId = scalarOutput && trace.output.ids[0] !== undefined && trace.output.ids[0] >= 0 ? trace.output.ids[0] : undefined;
      return success({ forward, reverse, arrays: arrayNodeData(trace, seedId !== undefined ? [seedId] : undefined, outputId) });
    }),
  );
  if (!swept.ok) return swept;
  if (!swept.value.ok) return swept.value;
  const { forward, reverse, arrays } = swept.value.value;
  const rows: readonly TraceRow[] = withoutConstantRows(forward?.value ?? reverse?.value ?? []);
  const valueOf = (id: number): number | null => (arrays.has(id) ? arrays.get(id)!.value : finite(rows[id]?.value));
  const tangentOf = (id: number): number | null => (arrays.has(id) ? arrays.get(id)!.tangent : finite(forward?.value[id]?.tangent));
  const adjointOf = (id: number): number | null => (arrays.has(id) ? arrays.get(id)!.adjoint : reverse ? finite(reverse.value[id]?.adjoint) : null);

  // Names: n inputs are v₁₋ₙ … v₀, operations v₁, v₂, … in tape order.
  const names: string[] = [];
  let nextOp = 1;
  const inputIndex = new Map(inputIds.map((id, k) => [id, k]));
  for (const row of rows) {
    const k = inputIndex.get(row.id);
    names[row.id] = nodeName(k !== undefined ? k - inputIds.length + 1 : nextOp++);
  }
  const labelOf = (id: number): string => inputLabel(inputNames[inputIndex.get(id)!] ?? `#${id}`, names[id]!);
  // An input named as its own node (seed 001's `v0`, and `v_1`, its ASCII spelling of v₋₁) is not labelled again.
  const selfLabelled = (id: number): boolean => inputIndex.has(id) && labelOf(id) === names[id];
  // A list parameter used as a numpy array: its entries feed one array row (numpy's view of it).
  const packEdges = arrayParameterEdges(rows, trace, inputIndex);
  const packOf = new Map(packEdges.map((e) => [e.from, e]));
  const operands = (row: TraceRow): Operand[] =>
    row.inputs.map((inp, k) => {
      if (inp !== null) return { text: names[inp]!, tracked: true };
      // An array operation's constant operand is a whole array, not a number it keeps.
      const c = row.constants[k];
      if (c === null || c === undefined) return { text: 'const', tracked: false };
      const precision = options.precision ?? DEFAULT_PRECISION;
      return { text: constantText(c, precision), tracked: false, constant: { value: c, precision } };
    });

  const lines = new LineMap(text);
  const outputIds = new Set(trace.output.ids.filter((id) => id >= 0));
  const groups = groupNodes(analysis, fn.range, rows, trace, lines);
  const groupOf = new Map<number, string>();
  for (const g of groups) for (const m of g.members) groupOf.set(m, g.id);

  const nodes: GraphNode[] = rows.map((row) => {
    // A parameter entry; an `input` row that is not one is a whole-array parameter (engine arrays).
    const isInput = inputIndex.has(row.id);
    const group = groupOf.get(row.id);
    const array = arrays.get(row.id)?.array;
    return {
      id: row.id,
      name: names[row.id]!,
      kind: isInput ? 'input' : 'op',
      op: row.op,
      expression: isInput ? labelOf(row.id) : row.op === 'input' ? `[${snippetOf(lines, row.range)}]` : elementExpression(row, operands(row), arrays) ?? primalExpression(row.op, operands(row)),
      snippet: snippetOf(lines, row.range),
      range: row.range,
      value: valueOf(row.id),
      tangent: tangentOf(row.id),
      adjoint: adjointOf(row.id),
      isOutput: outputIds.has(row.id),
      ...(isInput ? { label: labelOf(row.id) } : {}),
      ...(group ? { group } : {}),
      ...(array ? { array } : {}),
    };
  });
  const edges: GraphEdge[] = rows.flatMap((row) =>
    row.inputs.flatMap((from, k) => (from === null ? [] : [{ from, to: row.id, argument: k, partial: finite(row.partials[k]) }])),
  );
  edges.push(...packEdges);

  const params = fn.params.map((p) => p.name).filter((p) => ownValue(point.values, p) !== undefined);
  const paramLabel = (p: string): string => {
    const ids = trace.parameters.find((q) => q.name === p)?.ids;
    return ids && ids.length === 1 && inputIndex.has(ids[0]!) ? labelOf(ids[0]!) : inputLabel(p, '');
  };
  const fnCall = `${name}(${params.map(paramLabel).join(', ')})`;
  const outputNodes = trace.output.ids.map((id) => (id >= 0 ? id : null));
  const firstOutput = outputNodes[0] ?? null;

  // The primal–tangent table: one row per entry, then ∂f/∂seed read off the output.
  const tangentRows: TangentRow[] = rows.map((row) => {
    const self = names[row.id]!;
    const isInput = inputIndex.has(row.id);
    return {
      nodeId: row.id,
      kind: 'node',
      primal: selfLabelled(row.id) ? self : `${self} = ${nodes[row.id]!.expression}`,
      value: valueOf(row.id),
      // An input's tangent is its seed (1 or 0): the number alone, as seed 001 prints `v̇₋₁ = 1.000`.
      tangent: isInput ? dotted(self) : `${dotted(self)} = ${tangentRule(row.op, self, operands(row))}`,
      tangentValue: tangentOf(row.id),
      range: row.range,
    };
  });
  if (firstOutput !== null && seed !== undefined && scalarOutput) {
    tangentRows.push({
      nodeId: firstOutput,
      kind: 'result',
      primal: `${fnCall} = ${names[firstOutput]}`,
      value: finite(trace.output.values[0]),
      tangent: `∂${name}/∂${seedId !== undefined ? labelOf(seedId) : withSubscripts(seed)} = ${dotted(names[firstOutput]!)}`,
      tangentValue: tangentOf(firstOutput),
      range: fn.nameRange,
    });
  }

  // The primal–adjoint table: primals top-down beside adjoints bottom-up, as in seed 001.
  const primalRows: PrimalRow[] = tangentRows.map((r) => ({ nodeId: r.nodeId, kind: r.kind, text: r.primal, value: r.value, range: r.kind === 'result' ? fn.nameRange : r.range }));
  const consumers = consumersOf(rows);
  const notes: string[] = [];
  const adjointRows: AdjointRow[] = [];
  const tape: TapeLine[] = rows.map((row) => ({ nodeId: row.id, kind: 'forward', text: tangentRows[row.id]!.primal, value: valueOf(row.id), range: row.range }));
  if (reverse && firstOutput !== null) {
    const adjoints = reverse.value;
    for (let j = firstOutput; j >= 0; j--) {
      const self = names[j]!;
      if (j === firstOutput) {
        adjointRows.push({ nodeId: j, kind: 'seed', text: `${barred(self)} = ${barred(name.length === 1 ? name : 'f')}`, value: adjointOf(j), range: rows[j]!.range });
        continue;
      }
      // Consumers in the order the reverse sweep visits them (latest first).
      const terms = consumers[j]!.filter((c) => c.consumer <= firstOutput).map((c) => adjointTerm(rows[c.consumer]!.op, names[c.consumer]!, operands(rows[c.consumer]!), c.argument));
      // A list entry also receives its part of the array row's adjoint (v̄₋₁ = v̄₁[2]).
      const pack = packOf.get(j);
      if (pack && pack.to <= firstOutput) terms.push(`${barred(names[pack.to]!)}[${pack.argument}]`);
      adjointRows.push({ nodeId: j, kind: 'node', text: `${barred(self)} = ${sumOfTerms(terms)}`, value: adjointOf(j), range: rows[j]!.range });
    }
    for (let k = inputIds.length - 1; k >= 0; k--) {
      const id = inputIds[k]!;
      if (selfLabelled(id)) continue; // `v̄₀ = v̄₀` says nothing
      adjointRows.push({ nodeId: id, kind: 'result', text: `${barred(labelOf(id))} = ${barred(names[id]!)}`, value: adjointOf(id), range: rows[id]!.range });
    }
    tape.push(...reverseListing(rows, names, operands, firstOutput, adjoints.map((r) => r.adjoint ?? 0)));
    if (rows.some((r) => r.partials.length < r.inputs.length)) {
      notes.push('Array operations pass adjoints on through their own vector–Jacobian products: the tape listing shows no per-entry contribution for them.');
    }
  }

  const gradient = scalarOutput ? inputIds.map((id) => adjointOf(id)) : null;
  const inputs: ModelInput[] = inputIds.map((id, k) => ({ name: inputNames[k]!, label: labelOf(id), nodeId: id, value: rows[id]!.value }));
  const plots = options.plots === false || !scalarOutput || firstOutput === null || gradient === null ? { lines: [] } : samplePlots(analysis, name, point, trace, inputs, gradient, options.plots || {}, options.budget, notes);

  const formula = scalarOutput ? formulaOf(fn, trace, analysis.module.language, text, adjointOf) : undefined;

  return success({
    version: 1,
    ...(formula ? { formula } : {}),
    ...(options.precision !== undefined ? { precision: options.precision } : {}),
    documentUri: analysis.module.uri,
    function: { name, range: fn.range, nameRange: fn.nameRange },
    point: { text: pointText(point.values, params, options.precision ?? DEFAULT_PRECISION, analysis.module.language), source: describeSource(point), ...(point.range ? { range: point.range } : {}) },
    inputs,
    seed: seed ?? '',
    outputs: trace.output.values.map(finite),
    outputNodes,
    gradient,
    nodes,
    edges,
    groups,
    tangentRows,
    primalRows,
    adjointRows,
    ...(scalarOutput ? {} : { adjointNote: t('The primal–adjoint table needs a scalar output; this function returns several values. The tangent table shows each output’s tangent.') }),
    tape,
    plots,
    warnings: trace.warnings.map((d) => toModelMessage(d, options.precision)),
    notes,
  });
}

/**
 * An array parameter is its entries (the inputs, one per element) and then one array row over them,
 * recorded right after the entries. The tape row keeps no link to them, so the graph draws one: each
 * entry feeds the array with ∂/∂entry = 1. Only edges: the tables' rows stay as the tape has them.
 */
function arrayParameterEdges(rows: readonly TraceRow[], trace: Trace, inputIndex: ReadonlyMap<number, number>): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const row of rows) {
    if (row.op !== 'input' || inputIndex.has(row.id) || !trace.tape.isArrayRow(row.id)) continue;
    // Recorded at the parameter's own site when the list is first used whole (engine/array/record.ts).
    const p = trace.parameters.find((q) => q.ids.length > 0 && trace.tape.site[q.ids[0]!] === trace.tape.site[row.id]);
    if (!p || trace.tape.nodeAt(row.id).value.length !== p.ids.length) continue;
    p.ids.forEach((from, k) => edges.push({ from, to: row.id, argument: k, partial: 1 }));
  }
  return edges;
}

/** Array nodes list a constant operand (an array that does not depend on the parameters) as row −1: no edge. */
function withoutConstantRows(rows: readonly TraceRow[]): readonly TraceRow[] {
  return rows.map((row) => (row.inputs.some((i) => i !== null && i < 0) ? { ...row, inputs: row.inputs.map((i) => (i === null || i < 0 ? null : i)) } : row));
}

/** A warning for the panel, its numbers in the one number format at the panel's precision. */
export function toModelMessage(d: Diagnostic, precision: number = DEFAULT_PRECISION): ModelMessage {
  return { severity: d.severity, message: diagnosticText(d, precision), code: d.code, range: d.range };
}

/** `x1=1.5, x2=0.5`; a list of more than a few entries by its shape (`W1=64×16 array`), as the lenses do — in the one number format, with `gradlens.precision`. */
function pointText(values: Readonly<Record<string, PointValue>>, params: readonly string[], precision: number, language: Language): string {
  return params.map((p) => `${p}=${pointValueText(ownValue(values, p)!, precision, language)}`).join(', ');
}

/** The source text of a range, on one line and at most 40 characters. */
function snippetOf(lines: LineMap, range: SourceRange): string {
  const s = lines.text.slice(lines.offset(range.start), lines.offset(range.end)).replace(/\s+/g, ' ').trim();
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

interface Use {
  readonly consumer: number;
  readonly argument: number;
}

/** For each entry, the entries that read it, latest first (the reverse sweep's order). */
function consumersOf(rows: readonly TraceRow[]): Use[][] {
  const uses: Use[][] = rows.map(() => []);
  for (let i = rows.length - 1; i >= 0; i--) {
    rows[i]!.inputs.forEach((from, k) => {
      if (from !== null) uses[from]!.push({ consumer: i, argument: k });
    });
  }
  return uses;
}

/**
 * The reverse sweep written out, as seed 001 prints its tape: the seed v̄ₙ = 1, then for each entry
 * from the output down, one `v̄ⱼ += …` per argument, with the contribution (stored partial × v̄ᵢ) and the
 * running total. It visits entries and skips zero adjoints exactly as `reverseSweep` does, so each
 * target's last total is the sweep's adjoint.
 */
function reverseListing(
  rows: readonly TraceRow[],
  names: readonly string[],
  operands: (row: TraceRow) => Operand[],
  output: number,
  adjoints: readonly number[],
): TapeLine[] {
  const out: TapeLine[] = [{ nodeId: output, kind: 'seed', text: `${barred(names[output]!)} = 1`, value: 1, range: rows[output]!.range }];
  const running = new Float64Array(rows.length);
  running[output] = 1;
  for (let i = output; i >= 0; i--) {
    const g = adjoints[i]!;
    if (g === 0) continue;
    const row = rows[i]!;
    row.inputs.forEach((j, k) => {
      if (j === null) return;
      // An entry without a stored partial (an array operation) propagates through its own VJP.
      const partial = row.partials[k];
      const contribution = partial === undefined ? null : partial * g;
      if (contribution !== null) running[j] = running[j]! + contribution;
      out.push({
        nodeId: j,
        kind: 'accumulate',
        text: `${barred(names[j]!)} += ${adjointTerm(row.op, names[i]!, operands(row), k)}`,
        value: contribution === null ? null : finite(contribution),
        total: contribution === null ? null : finite(running[j]),
        from: i,
        range: row.range,
      });
    });
  }
  return out;
}

/**
 * Groups for collapsing a large graph: a list parameter's entries; operations of a helper function
 * (by the helper they are in); the function's own operations by source line. Singletons are not groups.
 */
function groupNodes(analysis: DocumentAnalysis, fnRange: SourceRange, rows: readonly TraceRow[], trace: Trace, lines: LineMap): NodeGroup[] {
  const byKey = new Map<string, { kind: NodeGroup['kind']; label: string; range: SourceRange; members: number[] }>();
  const add = (key: string, kind: NodeGroup['kind'], label: () => string, range: SourceRange, id: number): void => {
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { kind, label: label(), range, members: [] }));
    g.members.push(id);
  };
  const helpers = [...analysis.compiled.functions.values()].map((e) => e.ir).filter((f) => !rangeContains(f.range, fnRange));
  for (const p of trace.parameters) {
    for (const id of p.ids) add(`param:${p.name}`, 'parameter', () => `${p.name} (${p.ids.length} entries)`, rows[id]!.range, id);
  }
  for (const row of rows) {
    if (row.op === 'input') continue;
    const helper = rangeContains(fnRange, row.range) ? undefined : helpers.find((f) => rangeContains(f.range, row.range));
    if (helper) {
      add(`helper:${helper.name}`, 'helper', () => `${helper.name}(…) body`, helper.nameRange, row.id);
    } else {
      const line = row.range.start.line;
      const lineRange = { start: { line, column: 0 }, end: { line, column: lines.lineText(line).length } };
      add(`line:${line}`, 'line', () => `line ${line + 1}: ${shorten(lines.lineText(line).trim(), 48)}`, lineRange, row.id);
    }
  }
  const groups: NodeGroup[] = [];
  for (const [id, g] of byKey) {
    if (g.members.length < 2) continue;
    groups.push({ id, kind: g.kind, label: g.kind === 'parameter' ? g.label : `${g.label}  (${g.members.length} ops)`, range: g.range, members: g.members });
  }
  return groups;
}

const shorten = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The function's formula (analysis/formula/), checked against the adjoints the model shows; none is no error. */
function formulaOf(fn: IrFunction, trace: Trace, language: Language, text: string, adjointOf: (id: number) => number | null): ModelFormula | undefined {
  const gradient = keyedRecord<PointValue>();
  for (const p of trace.parameters) {
    const g = p.ids.length === 1 ? adjointOf(p.ids[0]!) : null;
    if (g === null) return undefined;
    gradient[p.name] = g;
  }
  const own = text.split('\n').slice(fn.range.start.line, fn.range.end.line + 1).join('\n');
  try {
    const formula = expressionFormula(fn, trace, gradient, language, own);
    if (!formula) return undefined;
    // The panel typesets a long partial short, as the hover shows it: its `where` names as TeX too.
    const partials = formula.partials.map(({ short, ...p }) => ({ ...p, ...(short ? { short: { ...short, where: short.where.map((w) => ({ ...w, texName: texName(w.name) })) } } : {}) }));
    return { ...formula, partials };
  } catch {
    return undefined;
  }
}

/**
 * How an input reads: its parameter with subscript digits (`x1`, `x_1` → x₁), except the seeds' own
 * ASCII spelling of a node name (`v_1` for v₋₁, `v0` for v₀), which reads as that node.
 */
function inputLabel(param: string, node: string): string {
  const seedSpelling = /^v_(\d+)$/.exec(param);
  if (seedSpelling && node === nodeName(-Number(seedSpelling[1]))) return node;
  return withSubscripts(param.replace(/^(\p{L})_(\d+)$/u, '$1$2'));
}

/** `v₂[3]` for a number read out of an array node, and `v₂` alone when the array holds one number (np.sum's 0-d result). */
function elementExpression(row: TraceRow, args: readonly Operand[], arrays: ReturnType<typeof arrayNodeData>): string | undefined {
  const m = /^element\[(\d+)\]$/.exec(row.op);
  const from = row.inputs[0];
  if (!m || from === null || from === undefined) return undefined;
  const source = arrays.get(from)?.array;
  const size = source ? source.shape.reduce((n, d) => n * d, 1) : 2;
  return size === 1 ? `${args[0]!.text} (its one entry)` : `${args[0]!.text}[${m[1]}]`;
}
