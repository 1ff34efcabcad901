import { diagnosticText } from '../core/diagnosticText';
import { countPointLeaves, isPointObject, isPointText, pointTreeText } from '../core/pointTree';
import type { Budget } from '../core/budget';
import { keyedRecord } from '../core/keyed';
import { diagnostic, type Diagnostic } from '../core/diagnostic';
import { formatRange, type SourceRange } from '../core/sourceRange';
import type { IrClass, IrFunction, IrModule, IrPoint, IrPointValue, Language } from '../ir/nodes';
import { derivatives, fillOutput, hessianMatrix, type Mode } from '../engine/differentiate';
import type { CompiledModule } from '../engine/module';
import type { Refusal } from '../engine/interpreter/compile';
import { linkModule, type LinkedModule, type ModuleSourceProvider } from './moduleImports';
import { withImportedFactories } from './importedFactories';
import { instanceFields } from './instanceHeld';
import { unfoundImportNames, withUnfoundDefaultsSampled } from './unfoundDefaults';
import { capturedArguments, closureHeld, constantHeld, evaluatePrimal, recordTrace, type HeldValue, type PointValue, type Trace } from '../engine/run';
import { defaultWrt, isReceiverName, receiverInputs } from '../ir/receiverInputs';
import { firstNonFiniteRow, firstNonFiniteArrayPartial, holdsNonFinite, nonFiniteWarning } from '../engine/nonFinite';
import { checkDerivative, type GradientCheck } from './checks';
import { controlFlowWarnings } from './controlFlow';
import { mentionsName } from '../ir/walk';
import { lowerDocument } from './languages';
import { failure, guard, success, type Outcome } from './outcome';
import { findPairings, pairedParameters, type Pairing } from './pairing';
import { withPrelude } from './prelude';
import { bindPoint, pointsInFile, type ResolvedPoint } from './points';
import { evaluatedCallPoint } from './evaluatedPoints';
import { doesArithmetic, returnsOnlyFunctions } from './problems';
import { computingMethods } from './shapes/arithmetic';
import { shapeOf } from './pointValues';
import { withAttributeObjects } from './plainInstanceSamples';
import { plainFunction } from '../engine/plainInstances';
import { degenerateReceiver, laterAttributeSample, receiverSample, sampledReceiver, withInstanceParameters, type ReceiverSample } from './instanceSamples';
import { typeofAlternatives } from './typeofDispatch';
import { defaultParameterNotes, defaultsPoint, describeParameter, reversedScalars, SAMPLE_RANGES, sampleRanges, sampleShapeError, sampleValues, smallestCounts, wholeSampleValues, withOptionalGiven, withStrings } from './samplePoints';
import { ShapeInference, type InferredShapes, type ModuleValues } from './shapes';
import { ShapeComponents, wordsOfText } from './shapes/components';
import { pointsFromTests, type TestPoint } from './testPoints';
import { OUTPUT_WRAPPER, outputArgumentWrapper, vectorJacobianNames, vectorJacobianWrappers } from './wrappers';
import { FileDependencies, sliceText, wordsInIr } from './dependencies';
import { ignorableLines } from '../frontends/python/document';
import { inertLines } from './inertLines';
import type { HeldParameters, SampleMemo } from './sampleMemo';

/** For tests: shape inference reads the whole module at once, as before components (shapes/components.ts). */
let wholeModule = false;
export function inferWholeModules(on: boolean): void {
  wholeModule = on;
}
/** Components whose inference read a function of another (and were read with the whole module instead): for tests. */
export const escapedComponents = { count: 0 };

/** A sample point is tried within this much: a guess must not hold up a lens. */
const SAMPLE_BUDGET: Partial<Budget> = { maxSteps: 200_000, maxMillis: 250 };
/** Functions with points run, at most, to find the arguments they pass a function with no sample point. */
const CALLER_RUNS = 6;
/** Further choices of free sizes a sample point tries after one failed on shapes. */
const FREE_SIZE_RETRIES = 2;

/**
 * A sample point's failure that other shapes could avoid: a shape mismatch, or an axis or index
 * count the array's rank lacks (numpy's AxisError is an IndexError, so its code is 'index').
 */
function allFinite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  // A part carried as it is (`(out, (param, None))`, engine/runOutputs.ts): no number to be infinite.
  if (isPointText(v)) return true;
  if (isPointObject(v)) return Object.values(v).every(allFinite);
  return Array.isArray(v) && v.every(allFinite);
}

const countEntries = (v: PointValue): number => countPointLeaves(v);

/** Whether a value holds at least one number (an empty array, or a tuple of them, holds none). */
function holdsNumbers(v: unknown): boolean {
  if (typeof v === 'number') return true;
  if (isPointObject(v)) return Object.values(v).some(holdsNumbers);
  return Array.isArray(v) && v.some(holdsNumbers);
}

export interface GradientOptions {
  readonly mode?: Mode;
  readonly hessian?: boolean;
  readonly budget?: Partial<Budget>;
  /** Differentiate only these parameters (`--wrt W,b`); else the function's `@wrt`, else all. */
  readonly wrt?: readonly string[];
}

/** Everything known about one function at one point: plain data for the CLI, lenses and hovers. */
export interface GradientResult {
  readonly function: string;
  readonly at: Readonly<Record<string, PointValue>>;
  readonly point: ResolvedPoint;
  /** A number, or nested lists for a tuple or list output. */
  readonly value: unknown;
  readonly gradient?: Record<string, PointValue>;
  readonly jacobian?: Record<string, unknown>;
  readonly hessian?: number[][];
  readonly warnings: readonly Diagnostic[];
  /** The trace it came from, for hovers on intermediate variables and the graph view. */
  readonly trace: Trace;
}

export interface FunctionSummary {
  readonly ir: IrFunction;
  /** Errors that stop the function from running (syntax, unsupported constructs, unknown names). */
  readonly errors: readonly Diagnostic[];
  readonly points: readonly ResolvedPoint[];
  /** Problems with the points the file gives (a missing or extra value). */
  readonly pointErrors: readonly Diagnostic[];
  /** What would stop it where an evaluation reaches it (unsupported constructs, unknown names), in source order. */
  readonly refusals: readonly Refusal[];
  /** Whether its code computes anything (an operator, a library or user function call): else no lens. */
  readonly arithmetic: boolean;
}

/** The arguments of a point for the function they were found for (`argumentsFor`). */
const argumentsByPoint = new WeakMap<ResolvedPoint, { fn: IrFunction; args: { names: string[]; values: PointValue[] } }>();

/**
 * One document, lowered and compiled once; every question about its functions is answered from
 * here, as data. Nothing here imports vscode: the CLI and the extension share it.
 */
export class DocumentAnalysis {
  readonly compiled: CompiledModule;

  /** The functions of this text (a notebook cell's prelude adds others, callable but not listed). */
  private readonly own: ReadonlySet<IrFunction>;

  private readonly links: LinkedModule;

  private constructor(
    readonly module: IrModule,
    own?: readonly IrFunction[],
    private provider?: ModuleSourceProvider,
  ) {
    const linked = linkModule(module, module.language, provider);
    // `const loss = makeLoss(X, y)` of an imported factory: a function, once the imports say so.
    const made = withImportedFactories(module, linked.moduleScope);
    if (made) this.module = made;
    this.links = made ? linkModule(made, made.language, provider) : linked;
    this.compiled = this.links.compiled;
    // Methods are listed as `Class.method` (the compiled module makes their views), bound functions
    // under their module name; a notebook
    // cell's own are those on its lines, not the prelude's (lines below zero, see prelude.ts).
    const methods = [...this.compiled.functions.values()].filter((e) => (e.method || e.bound) && (!own || e.ir.range.start.line >= 0)).map((e) => e.ir);
    this.own = new Set([...(own ?? this.module.functions), ...methods]);
  }

  /**
   * `prelude`: for a notebook cell, the code of the cells above it, whose imports, constants and
   * functions the cell sees (prelude.ts). `lower`: where the text's IR comes from (the editor's
   * worker keeps it while the text is the same, report/requestedFiles.ts).
   */
  static fromText(text: string, uri: string, language: Language, prelude?: string, provider?: ModuleSourceProvider, lower: typeof lowerDocument = lowerDocument): DocumentAnalysis {
    const module = lower(text, uri, language, prelude);
    const analysis = prelude ? new DocumentAnalysis(withPrelude(module, lowerDocument(prelude, uri, language), prelude.split('\n').length), module.functions, provider) : new DocumentAnalysis(module, undefined, provider);
    analysis.text = text;
    return analysis;
  }

  /** The text this analysis was lowered from (`fromText`): what its functions' dependencies are read from. */
  private text?: string;
  private fileDependencies?: FileDependencies;
  private memo?: { readonly store: SampleMemo; readonly context: string };

  /** Which functions a result about each one may depend on (dependencies.ts); none without the text. */
  dependencies(): FileDependencies | undefined {
    if (this.text === undefined) return undefined;
    this.fileDependencies ??= new FileDependencies(this.text, [...this.own].map((f) => ({ name: f.name, range: f.range })), this.moduleNames(), this.pairings().map((p) => [p.of.name, p.derivative.name] as const), (this.module.classes ?? []).map((c) => ({ name: c.name, range: c.range })), this.module.language === 'python' ? ignorableLines(this.text) : new Set(), inertLines(this.text, this.module, new Set(this.module.functions.filter((f) => f.range.start.column === 0).map((f) => f.range.start.line))));
    return this.fileDependencies;
  }

  /** The module-level bindings a function may read by name, with the words of their definitions (dependencies.ts). */
  private moduleNames(): Map<string, string[]> {
    const words = new Map<string, string[]>();
    const add = (name: string, more: readonly string[]): void => void words.set(name, [...(words.get(name) ?? []), ...more]);
    for (const g of this.module.globals) if (g.kind === 'constant') add(g.name, wordsInIr(g.value));
    for (const b of this.module.boundFunctions ?? []) add(b.name, wordsInIr(b.value));
    // A class of the prelude (lines below zero) has no text here: its IR stands for it.
    for (const c of this.module.classes ?? []) if (c.range.start.line < 0) add(c.name, wordsInIr(c));
    return words;
  }

  /**
   * Sample points are looked up in `store` and kept there (sampleMemo.ts). `context` must hold
   * whatever else they may depend on: the notebook prelude and the workspace files this analysis reads.
   */
  keepSamplesIn(store: SampleMemo, context: string): void {
    this.memo = { store, context };
  }

  static fromModule(module: IrModule): DocumentAnalysis {
    return new DocumentAnalysis(module);
  }

  /** Every hand-written derivative in the file, paired with the function it differentiates. */
  pairings(): readonly Pairing[] {
    // Read once per function's sample and key: found once (the compiled functions are fixed).
    return (this.foundPairings ??= findPairings([...this.compiled.functions.values()].map((e) => e.ir)).filter((p) => this.own.has(p.derivative)));
  }

  private foundPairings?: readonly Pairing[];

  private forwardNames: ReadonlySet<string> | undefined;

  /**
   * Functions a backward pass is paired with (`Relu.forward`, `affine_forward`): sampled even when
   * they do no arithmetic of their own (a ReLU's mask), since the check runs at their point.
   */
  private forwardPasses(): ReadonlySet<string> {
    return (this.forwardNames ??= new Set(this.pairings().filter((p) => p.what.kind === 'vector-jacobian').map((p) => p.of.name)));
  }

  /** What a sample is judged by: the function's value, or the output a forward pass keeps on its instance when it returns none (nnfs's `self.output`). */
  private sampleValue(name: string, point: ResolvedPoint): Outcome<{ value: unknown }> {
    const kept = this.keptOutputPairing(name);
    return kept ? this.forwardOutputs(kept, point, SAMPLE_BUDGET) : this.evaluate(name, point, SAMPLE_BUDGET);
  }

  /** The pairing of `name`, a forward pass that returns nothing and keeps its output on its instance (nnfs's `self.output`), with its backward pass. */
  private keptOutputPairing(name: string): Pairing | undefined {
    return this.pairings().find((p) => p.of.name === name && p.what.kind === 'vector-jacobian' && p.what.keptOutput);
  }

  /** Checks each hand-written derivative against the engine (see checks.ts). */
  check(pairing: Pairing, budget?: Partial<Budget>, given?: Readonly<Record<string, PointValue>>): Outcome<GradientCheck> {
    return checkDerivative(this, pairing, budget, given);
  }

  /** This module with a wrapper that calls a derivative with an output argument and returns it (wrappers.ts), by shape. */
  private readonly wrapped = new Map<string, DocumentAnalysis>();

  /**
   * Runs a derivative that fills an argument, and gives what it wrote there: a buffer the size of
   * the parameters it holds the gradient in (an objective's own argument: the parameters before it,
   * its pairing's `wrt`; else every other parameter).
   */
  evaluateWithOutputArgument(pairing: Pairing, outputArgument: string, at: ResolvedPoint, budget?: Partial<Budget>): Outcome<{ value: unknown; warnings: readonly Diagnostic[] }> {
    const inputs = pairing.derivative.params.map((p) => p.name).filter((n) => n !== outputArgument && at.values[n] !== undefined);
    const own = pairing.of === pairing.derivative && pairing.wrt;
    const values = inputs.filter((n) => !own || own.includes(n)).map((n) => at.values[n]!);
    const shape = values.length === 1 ? shapeOf(values[0]!) : [values.reduce<number>((n, v) => n + countEntries(v), 0)];
    const key = `${pairing.derivative.name}\u0000${shape.join(',')}`;
    let wrapped = this.wrapped.get(key);
    if (!wrapped) {
      wrapped = new DocumentAnalysis(outputArgumentWrapper(this.module, pairing.derivative, inputs, outputArgument, shape.length === 0 ? [1] : shape), undefined, this.provider);
      this.wrapped.set(key, wrapped);
    }
    return wrapped.evaluate(OUTPUT_WRAPPER, at, budget);
  }

  /**
   * A backward pass's side and AD's side of its check (checks.ts): the trace of Σ outᵢ·doutᵢ in the
   * forward's inputs, and what the backward pass returns for `upstream` and the forward's cache.
   */
  vectorJacobian(pairing: Pairing, at: ResolvedPoint, upstream: readonly PointValue[], budget?: Partial<Budget>): Outcome<{ trace: Trace; yours: unknown }> {
    const { wrapped, inputs, names } = this.vectorJacobianAnalysis(pairing, at);
    const values = keyedRecord<PointValue>();
    Object.assign(values, at.values);
    names.forEach((n, i) => (values[n] = upstream[i]!));
    const point: ResolvedPoint = { ...at, values };
    const wrappers = vectorJacobianNames(pairing.of);
    const yours = wrapped.evaluate(wrappers.backward, point, budget);
    if (!yours.ok) return yours;
    // Gradients kept on the instance (`self.dW`) are of its attributes: those are inputs too.
    const trace = wrapped.record(wrappers.value, point, budget, [...inputs, ...receiverInputs(pairing.wrt)]);
    return trace.ok ? success({ trace: trace.value, yours: yours.value.value }) : trace;
  }

  /** The forward pass's outputs at `at`: what it returns, or what it keeps on its instance when it returns nothing (`self.output`). */
  forwardOutputs(pairing: Pairing, at: ResolvedPoint, budget?: Partial<Budget>): Outcome<{ value: unknown; warnings: readonly Diagnostic[] }> {
    if (pairing.what.kind !== 'vector-jacobian' || !pairing.what.keptOutput) return this.evaluate(pairing.of.name, at, budget);
    return this.vectorJacobianAnalysis(pairing, at).wrapped.evaluate(vectorJacobianNames(pairing.of).output, at, budget);
  }

  /** The module with a backward pass's wrappers (wrappers.ts), made once per pairing and inputs given. */
  private vectorJacobianAnalysis(pairing: Pairing, at: ResolvedPoint): { wrapped: DocumentAnalysis; inputs: string[]; names: string[] } {
    const inputs = pairing.of.params.map((p) => p.name).filter((n) => at.values[n] !== undefined);
    const what = pairing.what.kind === 'vector-jacobian' ? pairing.what : undefined;
    const names = Array.from({ length: what?.outputs ?? 1 }, (_, i) => `__gradlens_upstream_${i}__`);
    const key = `vjp\u0000${pairing.derivative.name}\u0000${inputs.join(',')}\u0000${names.length}`;
    let wrapped = this.wrapped.get(key);
    if (!wrapped) {
      wrapped = new DocumentAnalysis(vectorJacobianWrappers(this.module, pairing.of, pairing.derivative, inputs, names, what?.cache ?? false, what ?? {}), undefined, this.provider);
      this.wrapped.set(key, wrapped);
    }
    return { wrapped, inputs, names };
  }

  /** Module-level problems (outside any function). */
  get diagnostics(): readonly Diagnostic[] {
    // An import the front end could not place is no problem once a workspace file answered it.
    const resolved = (d: Diagnostic): boolean => this.links.resolved.some((r) => formatRange(r) === formatRange(d.range));
    return [...this.module.diagnostics.filter((d) => !resolved(d)), ...this.links.diagnostics, ...this.compiled.duplicates.map((d) => d.warning)];
  }

  find(name: string): IrFunction | undefined {
    return this.compiled.functions.get(name)?.ir;
  }

  /**
   * The file's functions. Each one's points are found when first read (a sample point runs the
   * function): the editor analyses the functions on screen first, and need not wait for the others'.
   */
  functions(): FunctionSummary[] {
    return [...this.compiled.functions.values()].filter((entry) => this.own.has(entry.ir)).map((entry) => {
      let found: { points: ResolvedPoint[]; errors: Diagnostic[] } | undefined;
      const filePoints = (): { points: ResolvedPoint[]; errors: Diagnostic[] } => (found ??= this.filePoints(entry.ir, () => entry.compiled !== undefined || entry.bound !== undefined));
      const arithmetic = doesArithmetic(entry.ir, this.compiled.functions, this.computingMethods) && !returnsOnlyFunctions(entry.ir);
      return {
        ir: entry.ir,
        // Read when asked: a function answered from the worker's cache need not be compiled (engine/module.ts).
        get errors() {
          return entry.errors;
        },
        get points() {
          return filePoints().points;
        },
        get pointErrors() {
          return filePoints().errors;
        },
        get refusals() {
          return entry.refusals;
        },
        arithmetic,
      };
    });
  }

  /**
   * The file's points for `fn`, first the one to use: its own `@at`, a shared `@at` (`@at-all`) with
   * some of its parameters, its call sites, else a sample point (samplePoints.ts).
   */
  private filePoints(fn: IrFunction, isRunnable: () => boolean, sampling = true): { points: ResolvedPoint[]; errors: Diagnostic[] } {
    const points: ResolvedPoint[] = [];
    const errors: Diagnostic[] = [];
    const bind = (given: IrPoint): void => {
      // A call's computed arguments, evaluated (evaluatedPoints.ts); none when they are no point, quietly.
      const evaluated = evaluatedCallPoint(this.compiled, fn, given, SAMPLE_BUDGET);
      if (!evaluated) return;
      const p = evaluated.point;
      const bound = bindPoint(fn, p, p.range);
      const notes = evaluated.notes.length > 0 ? { notes: evaluated.notes } : {};
      if (bound.ok) points.push({ values: bound.value, source: p.source, range: p.range, ...(p.receiver ? { receiver: p.receiver as ResolvedPoint['receiver'] } : {}), ...notes });
      else if (!given.evaluated) errors.push(bound.error);
    };
    const mine = pointsInFile(this.module, fn);
    const shared = this.module.points.some((p) => p.source === 'shared') && isRunnable() ? this.sharedPoint(fn) : undefined;
    // An own @at wins; the parameters it leaves out take the shared values.
    for (const p of mine.filter((q) => q.source === 'annotation')) bind(shared && p.named ? { ...p, named: { ...shared.values, ...p.named } } : p);
    if (shared && points.length === 0) points.push(shared);
    // A factory's calls make functions, not numbers: they are points of the functions made (problems.ts).
    const factory = returnsOnlyFunctions(fn);
    if (!factory) mine.filter((p) => p.source === 'call-site').forEach(bind);
    // Calls in the file's tests come after its own; one that does not fit the signature is passed over.
    for (const t of this.testPoints().filter((q) => q.function === fn.name)) {
      const bound = bindPoint(fn, t.point, fn.nameRange);
      if (bound.ok) points.push({ values: bound.value, source: 'test', test: { file: t.file, line: t.line } });
    }
    // Its own @at, unreadable (nested too deep, not a number): that annotation's error, not a sample point.
    if (points.length === 0 && errors.length === 0) {
      const own = this.malformedAtAbove(fn);
      if (own) errors.push(own);
    }
    if (points.length === 0 && errors.length === 0 && !factory && sampling) {
      // A sample kept from an earlier version was found for a runnable function of the same text:
      // taken without compiling this one (engine/module.ts compiles on first use).
      const kept = this.knownSample(fn.name);
      const sample = kept ? kept.point : isRunnable() ? this.samplePoint(fn.name) : undefined;
      if (sample) points.push(sample);
    }
    return { points, errors };
  }

  private tests?: readonly TestPoint[];

  /**
   * Built while the editor's host was still reading files, by a provider its linking never asked
   * (no workspace import): the files read since, for the sibling test files it reads later, make it
   * the analysis it would have been with them (documentReport.ts). Only before it has read any.
   */
  takeFiles(provider: ModuleSourceProvider): void {
    if (this.tests) throw new Error('takeFiles after the test files were read');
    this.provider = provider;
  }

  /**
   * Reads now every workspace file this analysis will read: imports were read when linking; the
   * sibling test files (points from tests) are read here rather than when a point is first wanted,
   * so the editor's worker learns every file it lacks before it evaluates anything (documentReport.ts).
   */
  readWorkspaceFiles(): void {
    this.testPoints();
  }

  /** Calls in the sibling test files of this document (testPoints.ts), read once. */
  private testPoints(): readonly TestPoint[] {
    this.tests ??= pointsFromTests(this.module.uri, this.module.language, new Set([...this.own].map((f) => f.name)), this.provider);
    return this.tests;
  }

  /** The shared `@at` values of `fn`'s parameters; the parameters they leave out take sample values. */
  private sharedPoint(fn: IrFunction): ResolvedPoint | undefined {
    const shared = this.module.points.filter((p) => p.source === 'shared');
    if (shared.length === 0) return undefined;
    const given = keyedRecord<IrPointValue>();
    for (const p of shared) for (const [k, v] of Object.entries(p.named ?? {})) given[k] = v;
    const params = fn.params.map((p) => p.name);
    const mine = params.filter((n) => Object.hasOwn(given, n));
    if (mine.length === 0) return undefined;
    const shapes = this.inferShapes(fn.name);
    const filled = shapes ? sampleValues(shapes, SAMPLE_RANGES[0]!) : keyedRecord<PointValue>();
    const values = keyedRecord<PointValue>();
    const sampled: string[] = [];
    for (const p of fn.params) {
      if (Object.hasOwn(given, p.name)) values[p.name] = given[p.name]!;
      else if (Object.hasOwn(filled, p.name) && !p.default) {
        values[p.name] = filled[p.name]!;
        sampled.push(p.name);
      }
    }
    const bound = bindPoint(fn, values, shared[0]!.range);
    if (!bound.ok) return undefined;
    const textNotes = (shapes?.documentedText ?? []).filter((d) => sampled.includes(d.name)).map(textChoiceNote);
    return { values: bound.value, source: 'shared', range: shared[0]!.range, ...(sampled.length ? { notes: [`sample values for ${sampled.join(', ')} (the shared @at does not name them)`, ...textNotes] } : {}) };
  }

  /**
   * A malformed `@at` the front end read as `fn`'s (annotations attach to the def right below them):
   * the module's error on a line above `fn` with no other function starting in between.
   */
  private malformedAtAbove(fn: IrFunction): Diagnostic | undefined {
    const start = fn.range.start.line;
    const between = (line: number): boolean => this.module.functions.some((g) => g !== fn && g.range.start.line > line && g.range.start.line < start);
    return this.module.diagnostics.find((d) => d.severity === 'error' && d.code === 'point' && /^malformed (# )?@at annotation/.test(d.message) && d.range.start.line < start && !between(d.range.start.line));
  }

  /** The point to use: the one given, else the file's first (its own @at, a shared @at, a call, a sample point). */
  resolvePoint(name: string, given?: Record<string, PointValue>): Outcome<ResolvedPoint> {
    const fn = this.find(name);
    if (!fn) return failure(diagnostic('error', 'unknown-name', `no function named ${name} in this file`, { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }));
    if (given) {
      // `--at this={"x": 1, "y": 2}` (`self=…`): a method's instance, as `; this: x=1, y=2` gives it.
      const receiverName = fn.receiver?.name;
      const instance = receiverName !== undefined && !fn.params.some((p) => p.name === receiverName) ? given[receiverName] : undefined;
      if (instance !== undefined && !isPointObject(instance)) return failure(diagnostic('error', 'point', `the value of ${receiverName} must be an object of its attributes (${receiverName}={"x": 1}): the instance ${name} runs on`, fn.nameRange));
      const rest = instance === undefined ? given : Object.fromEntries(Object.entries(given).filter(([k]) => k !== receiverName));
      const bound = bindPoint(fn, rest, fn.nameRange);
      if (!bound.ok) return bound;
      return success({ values: bound.value, source: 'argument', ...(instance !== undefined ? { receiver: instance as Record<string, PointValue> } : {}) });
    }
    const entry = this.compiled.functions.get(name);
    const { points, errors } = this.filePoints(fn, () => entry?.compiled !== undefined || entry?.bound !== undefined);
    if (points[0]) return success(points[0]);
    if (errors[0]) return failure(errors[0]);
    return failure(diagnostic('error', 'point', `no point for ${name}: ${this.noPointAdvice(fn, 'it')}`, fn.nameRange));
  }

  /** What to do when `fn` has no point: an @at in its inferred shapes, and why a sample point does not run. */
  noPointAdvice(fn: IrFunction, above: string): string {
    return `add "@at ${this.exampleAt(fn)}" above ${above}, call it with numbers somewhere in the file, or pass --at${this.sampleFailure(fn.name)}`;
  }

  /** Why values of the inferred shapes do not run (`. A sample point stops at line 12: …`), when that is the reason there is no point. */
  private sampleFailure(name: string): string {
    const shaped = this.shapedPoint(name);
    if (!shaped || !this.inferShapes(name)?.arithmetic) return '';
    const receiver = this.sampleReceiver(name)?.receiver;
    const run = this.evaluate(name, { values: shaped, source: 'sample', ...(receiver ? { receiver } : {}) }, SAMPLE_BUDGET);
    return run.ok ? '' : `. A sample point in the shapes the code implies stops at line ${run.error.range.start.line + 1}: ${diagnosticText(run.error)}`;
  }

  /** `w=[0.731, 0.502], X=[[…], […]], reg=0.643`: an @at in the shapes the code implies (a number only where it wants one). */
  private exampleAt(fn: IrFunction): string {
    const shaped = this.shapedPoint(fn.name);
    // In the file's words: a shared `# @at flag=True` is suggested as `flag=True`, not JSON's `true`.
    const text = (v: PointValue): string => pointTreeText(v, this.module.language === 'python');
    // A parameter compared with a string is given that string (`option_type="call"`); a shared @at's values are kept.
    const strings = new Map((this.inferShapes(fn.name)?.documentedText ?? []).map((p) => [p.name, p.text]));
    const shared = keyedRecord<IrPointValue>();
    for (const p of this.module.points) if (p.source === 'shared') Object.assign(shared, p.named ?? {});
    return fn.params
      .filter((p) => p.kind !== 'varargs' && p.kind !== 'varkw' && p.name !== 'self' && p.name !== 'this' && (!p.default || shaped?.[p.name] !== undefined))
      .map((p, i) => {
        if (strings.has(p.name)) return `${p.name}=${JSON.stringify(strings.get(p.name))}`;
        const given = Object.hasOwn(shared, p.name) ? shared[p.name] : entryStrings(p.name, shaped?.[p.name], strings);
        return `${p.name}=${given !== undefined ? text(given) : i + 1}`;
      })
      .join(', ');
  }

  private readonly samples = new Map<string, ResolvedPoint | undefined>();

  /**
   * The parameters' kinds and shapes as the code uses them (shapes.ts); `start` > 0 chooses the sizes
   * the code leaves free from further along the list (a sample point's retry), and is not kept.
   */
  inferShapes(name: string, start = 0, batch = false): InferredShapes | undefined {
    if (start === 0 && !batch && this.shapes.has(name)) return this.shapes.get(name);
    const found = this.find(name);
    if (!found) return undefined;
    // A default read from a module not found (`margin=DEFAULT_MARGIN`): sampled as if it had none.
    const unfound = this.module.language === 'python' ? withUnfoundDefaultsSampled(found, (this.unfoundNames ??= unfoundImportNames(this.module.imports ?? [], this.links.resolved))) : undefined;
    const fn = unfound?.fn ?? found;
    const method = this.compiled.functions.get(name)?.method;
    // A plain function's parameter read only through attributes of one class: an object of those attributes.
    const read = this.inferenceOf(found).infer(method ? fn : this.asObjects(fn), start, batch);
    const inferred = unfound ? { ...read, parameters: read.parameters.map((p) => (unfound.notes.has(p.name) ? { ...p, ambiguous: [unfound.notes.get(p.name), p.ambiguous].filter(Boolean).join('; ') } : p)) } : read;
    // A parameter the method uses as an instance of its own class, or of another, is sampled as one.
    const shapes = method && (method.instanceParams.length || method.paramClasses.size) ? withInstanceParameters(inferred, this.compiled, name, this.sampleReceiver(name)?.receiver) : inferred;
    if (start === 0 && !batch) this.shapes.set(name, shapes);
    return shapes;
  }

  /** Which functions shape inference reads together (shapes/components.ts). */
  private components?: ShapeComponents;
  /** By component: its inference, built when a function of it is first asked about. */
  private readonly inferences = new Map<number, ShapeInference>();
  /** The whole module read as one: for a component that read outside itself (none known). */
  private wholeInference?: ShapeInference;
  /** The module constants' shapes, shared by the components' inferences. */
  private readonly constantShapes = new Map<string, HeldValue | undefined>();
  /** What the bound functions' closures hold, by bound name and name (ModuleValues.closureHeld). */
  private readonly closureValues = new Map<string, HeldValue | undefined>();
  /** The names imports bind from modules not found (unfoundDefaults.ts). */
  private unfoundNames?: ReadonlyMap<string, string>;
  /** By class: the fields of the instance its constructor makes from its defaults (ModuleValues.instanceHeld). */
  private readonly instanceFields = new Map<string, ReadonlyMap<string, HeldValue>>();

  /** The inference `fn` is read in: its component's, each read on its own (an edit of one function reads its component again, not the file). */
  private inferenceOf(fn: IrFunction): ShapeInference {
    // A callee's reads of an instance parameter are its caller's too (`pair_potential` passing `atom1` on).
    const functions = (this.functionIrs ??= new Map([...this.compiled.functions.entries()].map(([n, e]) => [n, e.method ? e.ir : this.asObjects(e.ir)])));
    if (wholeModule) return (this.wholeInference ??= this.shapeInference(functions, [...functions.values()]));
    this.components ??= new ShapeComponents(functions, this.module.classes ?? [], this.module.boundFunctions ?? [], (this.module.imports ?? []).flatMap((i) => i.names.map((n) => n.local)), this.pairings().map((p) => [p.of, p.derivative] as const), (d) => this.wordsOf(d));
    const components = this.components;
    const component = components.homeOf(fn);
    const known = this.inferences.get(component);
    if (known) return known;
    let escaped = false;
    const members = components.members(component);
    const part = this.shapeInference(functions, members, (read) => void (escaped ||= components.homeOf(read) !== component));
    // A read outside the component (none is known: components.ts joins what inference reaches by
    // name): its results could depend on what it did not read, so the whole module is read instead.
    if (escaped) escapedComponents.count++;
    const inference = escaped ? (this.wholeInference ??= this.shapeInference(functions, [...functions.values()])) : part;
    this.inferences.set(component, inference);
    return inference;
  }

  /**
   * An inference over `members`: every one read first, in the module's order, so a callee's shapes
   * include what its callers imply, whichever function is asked about first; then paired, then inferred.
   */
  private shapeInference(functions: ReadonlyMap<string, IrFunction>, members: readonly IrFunction[], onRead?: (fn: IrFunction) => void): ShapeInference {
    const values: ModuleValues = {
      constantHeld: (n) => {
        if (!this.constantShapes.has(n)) this.constantShapes.set(n, constantHeld(this.compiled, n, SAMPLE_BUDGET));
        return this.constantShapes.get(n);
      },
      closureHeld: (bound, n) => {
        const key = `${bound}\u0000${n}`;
        if (!this.closureValues.has(key)) this.closureValues.set(key, closureHeld(this.compiled, bound, n, SAMPLE_BUDGET));
        return this.closureValues.get(key);
      },
      instanceHeld: (owner, method, attr) => {
        if (!this.instanceFields.has(owner)) this.instanceFields.set(owner, instanceFields(this.compiled, method, SAMPLE_BUDGET));
        return this.instanceFields.get(owner)!.get(attr);
      },
    };
    const started = Date.now();
    const whole = members.length === functions.size;
    const inference = new ShapeInference(functions, this.module.classes, this.links.scopes, values, this.computingMethods, whole ? { ...(onRead ? { onRead } : {}) } : { members, ...(onRead ? { onRead } : {}) });
    for (const fn of members) inference.prepare(fn);
    // A hand-written derivative runs at its function's point: the point suits both.
    const listed = new Set(members);
    for (const p of this.pairings()) if (listed.has(p.of) || listed.has(p.derivative)) inference.pair(p.of, p.derivative, pairedParameters(p));
    for (const fn of members) inference.infer(fn);
    if (Date.now() - started >= SAMPLE_BUDGET.maxMillis!) this.inferenceSlow = true;
    return inference;
  }

  /** A definition's words (components.ts): of its text in this document, else of its IR. */
  private wordsOf(d: IrFunction | IrClass): Iterable<string> {
    if (this.text === undefined || d.range.start.line < 0) return wordsInIr(d);
    this.lines ??= this.text.split('\n');
    return wordsOfText(sliceText(this.lines, d.range));
  }

  private lines?: readonly string[];
  private functionIrs?: ReadonlyMap<string, IrFunction>;

  /** A plain function with its instance parameters' attribute reads as property reads (plainInstanceSamples.ts), by function. */
  private readonly objectReads = new Map<IrFunction, IrFunction>();

  private asObjects(fn: IrFunction): IrFunction {
    let read = this.objectReads.get(fn);
    if (!read) this.objectReads.set(fn, (read = withAttributeObjects(fn, this.module.classes ?? [], this.module.language, (n) => plainFunction(this.compiled, n))));
    return read;
  }

  private computing: ReadonlySet<string> | undefined;

  /** Method names whose calls count as arithmetic: those of the file's classes, and its imports', that compute. */
  private get computingMethods(): ReadonlySet<string> {
    return (this.computing ??= computingMethods([...(this.module.classes ?? []), ...this.compiled.importedClasses]));
  }

  private readonly receivers = new Map<string, ReceiverSample | undefined>();

  /** The `self:` values a sample point gives a method whose constructor needs some (instanceSamples.ts). */
  private sampleReceiver(name: string): ReceiverSample | undefined {
    if (!this.receivers.has(name)) this.receivers.set(name, receiverSample(this.compiled, name, this.module.classes ?? [], (init) => this.inferenceOf(init).infer(init)));
    return this.receivers.get(name);
  }

  private readonly shapes = new Map<string, InferredShapes>();

  /** Values of the inferred shapes (the first sample range), whether or not the function runs there: a prefill for "Set point…". */
  shapedPoint(name: string): Record<string, PointValue> | undefined {
    const shapes = this.inferShapes(name);
    if (!shapes || !shapes.parameters.some((p) => p.kind.kind !== 'default')) return undefined;
    return sampleValues(shapes, SAMPLE_RANGES[0]!);
  }

  /**
   * A sample point (samplePoints.ts) for a function that does arithmetic and has no other point: the
   * first candidate where it evaluates to finite numbers, within a small budget; none when all fail.
   */
  samplePoint(name: string): ResolvedPoint | undefined {
    const known = this.knownSample(name);
    if (known) return known.point;
    const key = this.memoKey(name, 'guess');
    const started = Date.now();
    const inferenceWasSlow = this.inferenceSlow;
    this.sampling.add(name);
    let found: ReturnType<DocumentAnalysis['findSamplePoint']>;
    try {
      found = this.findSamplePoint(name);
    } finally {
      this.sampling.delete(name);
    }
    const { point, via, callers } = found;
    this.samples.set(name, point);
    // A search that may have run into the sample budget's time limit (a loaded machine) is not
    // this text's answer: kept only when no run could have been cut short.
    const slow = Date.now() - started >= SAMPLE_BUDGET.maxMillis! || this.inferenceSlow || inferenceWasSlow;
    if (key !== undefined && !slow) this.memo!.store.samples.set(key, { point, ...(via ? { via } : {}), ...(callers ? { callersKey: this.memoKey(name, 'callers')! } : {}) });
    return point;
  }

  /** `name`'s sample point if it was searched already, in this analysis or (the same text) in an earlier one. */
  private knownSample(name: string): { point: ResolvedPoint | undefined } | undefined {
    if (this.samples.has(name)) return { point: this.samples.get(name) };
    const key = this.memoKey(name, 'guess');
    const kept = key === undefined ? undefined : this.memo!.store.samples.get(key);
    if (!kept || (kept.callersKey && kept.callersKey !== this.memoKey(name, 'callers')) || (kept.via && this.callerPointLine(kept.via.caller) !== kept.via.line)) return undefined;
    this.samples.set(name, kept.point);
    return { point: kept.point };
  }

  /**
   * Where a guess about `name` is kept (sampleMemo.ts): the text of what it depends on
   * (dependencies.ts), without positions — `guess` for its sample point's shapes and held
   * parameters, `callers` for a point from a caller's run.
   */
  private memoKey(name: string, which: 'guess' | 'callers'): string | undefined {
    const deps = this.memo ? this.dependencies() : undefined;
    if (!deps || !this.memo || !deps.texts.has(name)) return undefined;
    const keys = (this.memoKeys ??= new Map());
    const known = keys.get(`${which}\u0000${name}`);
    if (known !== undefined) return known;
    const store = this.memo.store;
    const ids = (this.textIds ??= new Map([...deps.texts].map(([n, text]) => [n, `${n}:${store.textId(text)}`])));
    const names = which === 'guess' ? deps.guessDependencies(name) : deps.dependencies(name);
    const key = `${this.memo.context}\u0001${store.textId(deps.moduleKey)}\u0001${name}\u0001${names.map((n) => ids.get(n)!).join(',')}`;
    keys.set(`${which}\u0000${name}`, key);
    return key;
  }

  /** This analysis's memo keys, and each function's name with its text's id in the memo. */
  private memoKeys?: Map<string, string>;
  private textIds?: Map<string, string>;

  /** The parameters held constant by what shape inference reads of them (`constants`), kept across versions like sample points. */
  heldParameters(name: string): HeldParameters {
    const known = this.held.get(name);
    if (known) return known;
    const key = this.memoKey(name, 'guess');
    const kept = key === undefined ? undefined : this.memo!.store.held.get(key);
    if (kept) {
      this.held.set(name, kept);
      return kept;
    }
    const inferenceWasSlow = this.inferenceSlow;
    const parameters = this.inferShapes(name)?.parameters ?? [];
    const held: HeldParameters = {
      // A dict of counts only (CS231n's `conv_param = {'stride': 1, 'pad': 1}`) is settings, held as a count is.
      labels: parameters.filter((p) => p.kind.kind === 'labels' || p.kind.kind === 'onehot' || p.kind.kind === 'count' || p.kind.kind === 'counts' || (p.kind.kind === 'record' && p.kind.entries.every((e) => e.kind.kind === 'count'))).map((p) => p.name),
      noneDefaults: parameters.filter((p) => p.noneDefault).map((p) => p.name),
    };
    if (key !== undefined && !this.inferenceSlow && !inferenceWasSlow) this.memo!.store.held.set(key, held);
    this.held.set(name, held);
    return held;
  }

  private readonly held = new Map<string, HeldParameters>();

  /** The line of the point `callerPoint` runs `caller` at, if it has one. */
  private callerPointLine(caller: string): number | undefined {
    const fn = this.find(caller);
    return fn ? this.filePoints(fn, () => true, false).points[0]?.range?.start.line : undefined;
  }

  /** The functions whose sample is being looked for: a caller's sample is asked for only outside them (no cycle). */
  private readonly sampling = new Set<string>();

  /** Whether building the shape inference may have run into a module constant's time limit. */
  private inferenceSlow = false;

  private findSamplePoint(name: string): { point: ResolvedPoint | undefined; via?: { caller: string; line: number | undefined }; callers?: true } {
    let found: ResolvedPoint | undefined;
    const entry = this.compiled.functions.get(name);
    // A function bound at module level (`loss = make_loss(X, y)`) is sampled as its nested def reads.
    const shapes = entry?.compiled || entry?.bound ? this.inferShapes(name) : undefined;
    // Parameters that all take their defaults (`function () { … arguments … }`, `*args`) leave nothing to differentiate.
    const fn = this.find(name);
    // three.js's `new Vector3()` is (0, 0, 0): a length, an angle or a direction there says nothing,
    // so a sample samples the constructor's numbers first (instanceSamples.ts).
    const degenerate = shapes === undefined ? undefined : degenerateReceiver(this.compiled, name, this.sampleReceiver(name)?.receiver);
    const sampled = (): ReceiverSample | undefined => sampledReceiver(this.compiled, name, this.module.classes ?? [], (init) => this.inferenceOf(init).infer(init));
    const defaults = shapes?.arithmetic && fn && !shapes.parameters.some((p) => p.kind.kind !== 'default') ? defaultsPoint(fn, this.module.language === 'python') : undefined;
    if (shapes && shapes.parameters.length === 0 && fn && receiverInputs(defaultWrt(fn)).length > 0) {
      // `# @wrt self.w` above `def loss(self)`, or `length()`: nothing to choose but the instance,
      // made from the constructor's defaults (or the values it needs), else with its numbers sampled.
      const made = this.sampleReceiver(name);
      const instances = degenerate ? [degenerate, made] : [made, sampled()];
      for (const instance of instances) {
        if (!instance) continue;
        const notes = instance.notes.length > 0 ? instance.notes : ['no parameters besides the instance: made from the constructor\'s defaults'];
        const point: ResolvedPoint = { values: keyedRecord<PointValue>(), source: 'sample', notes, ...(instance.receiver ? { receiver: instance.receiver } : {}) };
        const value = this.evaluate(name, point, SAMPLE_BUDGET);
        if (value.ok && allFinite(value.value.value)) {
          found = point;
          break;
        }
      }
    } else if (defaults) {
      // Every parameter has a number for a default: the call that leaves them out, differentiated there.
      const made = this.sampleReceiver(name);
      const point: ResolvedPoint = {
        values: defaults.values,
        source: 'sample',
        notes: [defaults.note, ...(made?.notes ?? [])],
        ...(defaults.whole.length > 0 ? { wholeNumbers: defaults.whole } : {}),
        ...(made?.receiver ? { receiver: made.receiver } : {}),
      };
      const value = this.evaluate(name, point, SAMPLE_BUDGET);
      if (value.ok && allFinite(value.value.value)) found = point;
    } else if (shapes && (shapes.arithmetic || this.forwardPasses().has(name)) && shapes.parameters.some((p) => p.kind.kind !== 'default')) {
      // Sizes the code leaves free are a guess; when every candidate fails on shapes (`x * arange(1,
      // self.N + 1)` with N = 2 from the constructor), the next sizes of the list are tried.
      // Last, operands of `@` taken as vectors for want of evidence become matrices (a later
      // `axis=1` needed rows), if that changes anything.
      const retries = [...Array.from({ length: FREE_SIZE_RETRIES }, (_, k) => () => this.inferShapes(name, k + 1)), () => {
        const batched = this.inferShapes(name, 0, true);
        return batched && JSON.stringify(batched.parameters) !== JSON.stringify(shapes.parameters) ? batched : undefined;
      }];
      if (degenerate) found = this.firstFinite(name, shapes, degenerate).point;
      let tried: InferredShapes | undefined = found ? undefined : shapes;
      while (tried && !found) {
        const { point, shapeError } = this.firstFinite(name, tried);
        found = point;
        tried = undefined;
        while (shapeError && !found && !tried && retries.length > 0) tried = retries.shift()!();
      }
      // Overloads dispatched on `typeof` (typeofDispatch.ts): a tested parameter taken as a number.
      for (const alternative of found || !fn ? [] : typeofAlternatives(fn, shapes)) if (!found) found = this.firstFinite(name, alternative).point;
      // A method with no finite value on the instance its constructor's defaults make: its numeric defaults sampled too.
      const other = found ? undefined : sampled();
      if (other) found = this.firstFinite(name, shapes, other).point;
      // A method reading what another method sets (`predict` after `fit`): those attributes sampled too.
      const later = found || !fn ? undefined : laterAttributeSample(this.compiled, name, this.module.classes ?? [], fn, (m) => this.inferenceOf(m).infer(m), this.sampleReceiver(name));
      if (later) found = this.firstFinite(name, later.shapes, later.made).point;
    }
    if (found) return { point: found };
    if (shapes?.arithmetic) return { ...this.callerPoint(name), callers: true };
    return { point: undefined };
  }

  /**
   * A sample of `name` with the operands of `@` its code leaves vectors taken as matrices (rows of a
   * batch): a backward pass written for a batch (`self.dW = self.x.T @ dout`) needs its forward's
   * input as one, where the forward alone runs at a vector. Undefined when that changes nothing or
   * does not run.
   */
  batchedSamplePoint(name: string): ResolvedPoint | undefined {
    const shapes = this.inferShapes(name);
    const batched = this.inferShapes(name, 0, true);
    if (!shapes || !batched || JSON.stringify(batched.parameters) === JSON.stringify(shapes.parameters)) return undefined;
    return this.firstFinite(name, batched).point;
  }

  /**
   * When no sample of the inferred shapes runs: the arguments a function with a point of the file
   * (its @at, a call with numbers) passes `name` when run there — directly, or as a value passed on
   * (`make_gp_funs(rbf_covariance, …)` calling `cov_func(cov_params, x, x)`). Those that mention it
   * are run first; a few at most, each within the sample budget.
   */
  private callerPoint(name: string): { point: ResolvedPoint | undefined; via?: { caller: string; line: number | undefined } } {
    // Only functions that may reach it (dependencies.ts): no other run can call it, and a sample
    // point kept under its dependencies' text must not hang on what the others' points are.
    const reaching = this.dependencies()?.reachers(name);
    const entries = [...this.compiled.functions.entries()].filter(([other, e]) => other !== name && (e.compiled || e.bound) && !e.method && (!reaching || reaching.has(other)));
    const ordered = [...entries.filter(([, e]) => mentionsName(e.ir.body, name)), ...entries.filter(([, e]) => !mentionsName(e.ir.body, name))];
    let runs = 0;
    // Callers with a point of the file first; then callers with a sample point of their own
    // (autograd's `objective = lambda params: -log_marginal_likelihood(params, X, y)`, its data X a
    // module value), whose arguments are a sample too, and say so.
    const points: ((other: string, ir: IrFunction) => ResolvedPoint | undefined)[] = [
      (_, ir) => this.filePoints(ir, () => true, false).points[0],
      (other, ir) => (this.filePoints(ir, () => true, false).points[0] || this.sampling.has(other) ? undefined : this.samplePoint(other)),
    ];
    for (const pointOf of points) {
      for (const [other, entry] of ordered) {
        const point = pointOf(other, entry.ir);
        if (!point || runs++ >= CALLER_RUNS) continue;
        const { names, values } = this.argumentsFor(entry.ir, point);
        const captured = capturedArguments(this.compiled, other, values, names, point.receiver, name, SAMPLE_BUDGET);
        if (!captured) continue;
        const at = point.source === 'sample' ? 'its sample point' : `its point${point.range ? ` (line ${point.range.start.line + 1})` : ''}`;
        const candidate: ResolvedPoint = { values: captured, source: 'sample', notes: [`the arguments ${other} passes it at ${at}: no sample of the shapes its code implies evaluates`] };
        const value = this.evaluate(name, candidate, SAMPLE_BUDGET);
        if (value.ok && allFinite(value.value.value)) return { point: candidate, via: { caller: other, line: point.range?.start.line } };
      }
    }
    return { point: undefined };
  }

  /** The first sample range where `name` evaluates to finite numbers; else whether a candidate failed on shapes. */
  private firstFinite(name: string, shapes: InferredShapes, made = this.sampleReceiver(name)): { point?: ResolvedPoint; shapeError: boolean } {
    const receiver = made?.receiver ? { receiver: made.receiver } : {};
    const chosen = shapes.documentedText.map((d) => textChoiceNote(d));
    // A parameter given a string is described by its choice alone (not also as "a number").
    const texts = new Set(shapes.documentedText.map((d) => d.name));
    const fn = this.find(name);
    const notes = [...shapes.parameters.filter((p) => (p.kind.kind !== 'default' || p.optional) && !texts.has(p.name)).map(describeParameter), ...(fn ? defaultParameterNotes(fn) : []), ...chosen, ...(made?.notes ?? [])];
    const candidates: Omit<ResolvedPoint, 'source'>[] = sampleRanges(shapes).map((range) => ({ values: sampleValues(shapes, range), notes, ...receiver }));
    // Numbers the code treats as integers (`Number.isInteger(n)`, `n === 2`), at whole values, after every fractional candidate failed.
    for (const whole of shapes.integerLike.length > 0 ? [3, 2] : []) {
      const wholeNotes = [...notes, `${shapes.integerLike.join(', ')}: ${whole}, a whole number, not differentiated — the code treats ${shapes.integerLike.length === 1 ? 'it' : 'them'} as integers, and no fractional sample evaluates`];
      for (const range of sampleRanges(shapes)) candidates.push({ values: wholeSampleValues(shapes, range, whole), notes: wholeNotes, wholeNumbers: shapes.integerLike, ...receiver });
    }
    // Last, the numbers in another order: an inverse problem has no answer at some orders (no implied
    // volatility for a price above the spot) and has one at others.
    const reordered = reversedScalars(shapes, sampleValues(shapes, sampleRanges(shapes)[0]!));
    if (reordered) candidates.push({ values: reordered, notes: [...notes, 'the sample numbers in reverse order: in the first order the function gives no finite value'], ...receiver });
    // Last, JavaScript's optional parameters given too: without them the function gives no finite value.
    const given = withOptionalGiven(shapes);
    if (given) candidates.push(...sampleRanges(given).map((range) => ({ values: sampleValues(given, range), notes: given.parameters.map(describeParameter), ...receiver })));
    // Last, every count 1: a pool width or stride of 3 may leave the sample no output at all.
    const smallest = smallestCounts(shapes, sampleRanges(shapes)[0]!);
    if (smallest) candidates.push({ values: smallest, notes: [...notes, 'every count 1: at the counts above the function gives no output'], ...receiver });
    let shapeError = false;
    // An empty output (no windows, no rows) is kept only when no later sample gives numbers.
    let empty: ResolvedPoint | undefined;
    // A forward pass returning `(out, cache)`: its outputs are what must not be empty.
    const backward = this.pairings().find((p) => p.of.name === name && p.what.kind === 'vector-jacobian' && p.what.cache);
    const outputs = (v: unknown): unknown => (backward?.what.kind === 'vector-jacobian' && Array.isArray(v) ? v.slice(0, backward.what.outputs) : v);
    for (const candidate of candidates) {
      const point: ResolvedPoint = { ...candidate, source: 'sample' };
      const value = this.sampleValue(name, point);
      if (value.ok && allFinite(value.value.value)) {
        if (holdsNumbers(outputs(value.value.value))) return { point, shapeError };
        empty ??= point;
      }
      if (!value.ok && sampleShapeError(value.error)) shapeError = true;
    }
    return empty ? { point: empty, shapeError } : { shapeError };
  }

  private runnable(name: string): Outcome<IrFunction> {
    const entry = this.compiled.functions.get(name);
    if (!entry) return failure(diagnostic('error', 'unknown-name', `no function named ${name} in this file`, { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }));
    if (!entry.compiled && !entry.bound) return failure(entry.errors[0] ?? diagnostic('error', 'internal', `${name} cannot run`, entry.ir.nameRange));
    return success(entry.ir);
  }

  /** Arguments in parameter order; parameters the point omits take their defaults and are not differentiated. */
  private argumentsFor(fn: IrFunction, point: ResolvedPoint): { names: string[]; values: PointValue[] } {
    // A point is used run after run (a lens, --repeat): its arguments are found once per function.
    const kept = argumentsByPoint.get(point);
    if (kept?.fn === fn) return kept.args;
    const names = fn.params.map((p) => p.name).filter((n) => point.values[n] !== undefined);
    const args = { names, values: names.map((n) => point.values[n]!) };
    argumentsByPoint.set(point, { fn, args });
    return args;
  }

  evaluate(name: string, point: ResolvedPoint, budget?: Partial<Budget>): Outcome<{ value: unknown; warnings: readonly Diagnostic[] }> {
    const fn = this.runnable(name);
    if (!fn.ok) return fn;
    return this.relocated(fn.value, guard(fn.value.nameRange, () => {
      const { names, values } = this.argumentsFor(fn.value, point);
      const { output, warnings } = evaluatePrimal(this.compiled, name, values, budget, names, point.receiver);
      return { value: fillOutput(output.template, (i) => output.values[i]!), warnings: warnings.map((w) => this.links.relocate(w, fn.value.nameRange)) };
    }));
  }

  /** Records the function at the point; the trace answers value, gradient and trace queries. */
  record(name: string, point: ResolvedPoint, budget?: Partial<Budget>, wrt?: readonly string[]): Outcome<Trace> {
    const fn = this.runnable(name);
    if (!fn.ok) return fn;
    return this.relocated(fn.value, guard(fn.value.nameRange, () => {
      const { names, values } = this.argumentsFor(fn.value, point);
      const attributes = receiverInputs(wrt ?? defaultWrt(fn.value));
      const constants = this.constants(fn.value, wrt, point);
      const held = wrt === undefined && point.wholeNumbers ? new Set([...constants, ...point.wholeNumbers]) : constants;
      const trace = recordTrace(this.compiled, name, values, budget, names, held, point.receiver, attributes);
      return trace.warnings.length === 0 ? trace : { ...trace, warnings: trace.warnings.map((w) => this.links.relocate(w, fn.value.nameRange)) };
    }));
  }

  /**
   * The trace's warnings, and one saying where a NaN or ∞ in the derivatives came from, when the
   * value's own warning has not said it already.
   */
  private withNonFiniteDerivative(trace: Trace, derivatives: readonly unknown[], fnRange: SourceRange): readonly Diagnostic[] {
    if (trace.warnings.some((w) => w.code === 'non-finite') || !holdsNonFinite(derivatives)) return trace.warnings;
    // An array operation's infinite partial is not on a scalar row; its own warning (sqrt at 0) says where.
    const kink = trace.warnings.find((w) => w.code === 'non-differentiable');
    const origin = firstNonFiniteRow(trace.tape) ?? (kink && { range: kink.range, what: { text: kink.message, values: kink.values ?? [] } }) ?? firstNonFiniteArrayPartial(trace.tape);
    const warning = nonFiniteWarning('the derivative', derivatives, origin, fnRange);
    return [...trace.warnings, this.links.relocate(warning, fnRange)];
  }

  /** Warnings for parameters the value depends on only through comparisons and branches (controlFlow.ts). */
  controlFlowOnly(name: string, point: ResolvedPoint, trace: Trace, derivatives: readonly unknown[], budget: Partial<Budget> | undefined): Diagnostic[] {
    const fn = this.find(name);
    if (!fn) return [];
    const read = (name: string): boolean => mentionsName(fn.body, name);
    const near = (values: Readonly<Record<string, PointValue>>, maxMillis: number) => this.evaluate(name, { ...point, values }, { ...budget, maxMillis });
    return controlFlowWarnings(trace, derivatives, point.values, read, near).map((w) => this.links.relocate(w, fn.nameRange));
  }

  /** An error inside a function of an imported file, shown at the function that called it (moduleImports.ts). */
  private relocated<T>(fn: IrFunction, outcome: Outcome<T>): Outcome<T> {
    return outcome.ok ? outcome : failure(this.links.relocate(outcome.error, fn.nameRange));
  }

  /**
   * Parameters given a value but not differentiated: those `wrt` (or the function's `@wrt`) leaves
   * out, what shape inference reads as integer labels or counts (indices are never differentiated), and
   * a None default given a sample because the code cannot use None (it stays a constant, as a default
   * does) — at a sample point; a point someone gave (`# @at Y_real=[…]`, a call) differentiates it.
   */
  constants(fn: IrFunction, wrt?: readonly string[], point?: ResolvedPoint): ReadonlySet<string> {
    const sampled = point === undefined || point.source === 'sample';
    // Asked before every recording (a lens, `--repeat`): without `wrt`, found once per function.
    const kept = wrt === undefined ? this.constantSets.get(fn)?.[sampled ? 1 : 0] : undefined;
    if (kept) return kept;
    const only = wrt ?? fn.wrt;
    const out = new Set<string>();
    if (only) for (const p of fn.params) if (!only.includes(p.name)) out.add(p.name);
    const held = this.heldParameters(fn.name);
    for (const p of held.labels) out.add(p);
    if (sampled) for (const p of held.noneDefaults) out.add(p);
    // An objective writing its own gradient into an argument (nlopt's `f(x, grad)`): where the answer goes, no input.
    for (const p of this.pairings()) if (p.derivative === fn && p.of === fn && p.outputArgument) out.add(p.outputArgument);
    if (wrt === undefined) {
      const sets = this.constantSets.get(fn) ?? [undefined, undefined];
      sets[sampled ? 1 : 0] = out;
      this.constantSets.set(fn, sets);
    }
    return out;
  }

  /** `constants` without `wrt`, per function: at a point given, and at a sample point. */
  private readonly constantSets = new Map<IrFunction, [ReadonlySet<string> | undefined, ReadonlySet<string> | undefined]>();

  gradient(name: string, point: ResolvedPoint, options: GradientOptions = {}): Outcome<GradientResult> {
    // A forward pass that returns nothing and keeps its output on the instance (nnfs's
    // `self.output = …`, paired with its backward pass): that output is its value, differentiated
    // in its inputs, as its backward pass is checked against.
    const kept = this.keptOutputPairing(name);
    if (kept) {
      const output = this.vectorJacobianAnalysis(kept, point).wrapped.gradient(vectorJacobianNames(kept.of).output, point, options);
      return output.ok ? success({ ...output.value, function: name }) : output;
    }
    const recorded = this.record(name, point, options.budget, options.wrt);
    if (!recorded.ok) return recorded;
    const trace = recorded.value;
    const fn = this.find(name)!;
    return guard(fn.nameRange, () => {
      const d = derivatives(trace, options.mode ?? 'reverse');
      const wantHessian = options.hessian && trace.output.isScalar;
      const H = wantHessian ? hessianMatrix(trace) : undefined;
      // The instance is part of the point: a receiver lens's (`length()`) as its gradient is, under
      // `this`; else the `this:` values the point made it with (a sampled or annotated instance), as `--at this={…}` takes them.
      const receiver = trace.parameters.find((p) => isReceiverName(p.name));
      const receiverName = fn.receiver?.name;
      const given = receiverName !== undefined && point.receiver && Object.keys(point.receiver).length > 0 ? { [receiverName]: point.receiver as PointValue } : {};
      return {
        function: name,
        at: receiver ? { ...point.values, [receiver.name]: receiver.value } : { ...point.values, ...given },
        point,
        value: fillOutput(trace.output.template, (i) => trace.output.values[i]!),
        ...(d.gradient ? { gradient: d.gradient } : {}),
        ...(d.jacobian ? { jacobian: d.jacobian } : {}),
        ...(H ? { hessian: H } : {}),
        warnings: [...fn.diagnostics.filter((d) => d.code === 'ignored-decorator'), ...this.withNonFiniteDerivative(trace, [d.gradient, d.jacobian, H], fn.nameRange), ...this.controlFlowOnly(name, point, trace, [d.gradient, d.jacobian], options.budget)],
        trace,
      };
    });
  }
}


/**
 * A dict parameter's sample value with the strings its entries are compared with in place
 * (`bn_param={"mode": "train"}` for `bn_param["mode"] == "train"`), for an @at to copy.
 */
function entryStrings(name: string, value: PointValue | undefined, strings: ReadonlyMap<string, string>): PointValue | undefined {
  if (value === undefined || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = new Map([...strings].filter(([path]) => path.startsWith(`${name}[`)));
  const values = keyedRecord<PointValue>();
  values[name] = value;
  return withStrings(values, entries)[name];
}

/**
 * What a sample says of the string it gave a parameter compared with strings: where it comes from,
 * and that the others take other branches (`option_type: "call", the first string the code compares
 * it with; "put" takes another branch: give it with @at`).
 */
function textChoiceNote(d: InferredShapes['documentedText'][number]): string {
  const others = d.choices.filter((c) => c !== d.text).map((c) => JSON.stringify(c));
  if (!d.fromCode) return `${d.name}: ${JSON.stringify(d.text)}, the first of the choices its docstring lists (${d.choices.map((c) => JSON.stringify(c)).join(', ')})`;
  const rest = others.length === 0 ? 'other strings take other branches' : `${others.join(', ')} ${others.length === 1 ? 'takes another branch' : 'take other branches'}`;
  return `${d.name}: ${JSON.stringify(d.text)}, the first string the code compares it with; ${rest}: give one with @at`;
}
