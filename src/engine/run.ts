import { holdsText, isPointObject, mixedList, numericPart, type PointTree } from '../core/pointTree';
import { budgetWith, type Budget } from '../core/budget';
import { withDeadline } from './clock';
import { fail, GradLensError, type Diagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import { invoke, type KeywordValue } from './interpreter/calls';
import type { CompiledFunction } from './interpreter/compiled';
import { Runtime } from './interpreter/runtime';
import { DictValue, inWordsOf, NoneValue, SequenceValue, Tracked, type Value } from './interpreter/values';
import { ArrayValue, nestedList } from './array/ndarray';
import { keyedRecord } from '../core/keyed';
import type { CompiledModule } from './module';
import { Tape } from './tape';
import { reachedRows } from './sweeps';
import { dropLargeGemmMemory } from './array/gemmWasm';
import { attributeInput, constantValue, extraArgumentsInput, inputValue, receiverInput } from './pointInputs';
import { isReceiverName } from '../ir/receiverInputs';
import { instanceForParameter, instanceFromObject, makeReceiver } from './receivers';
import { plainParameterClass } from './plainInstances';
import { outputArgument, outputOf, withNonFiniteValue } from './runOutputs';

/** A parameter's value at a point: a number, a nested list of numbers, or an object of them (core/pointTree.ts). */
export type PointValue = PointTree;

/**
 * For a method run on its own (`Class.method`): constructor arguments and attributes of its instance,
 * from `# @at …; self: alpha=0.1`. Constants: the lens differentiates the explicit parameters only.
 */
export type ReceiverValues = Readonly<Record<string, PointValue>>;

export interface ParameterLayout {
  readonly name: string;
  /** The value at the point; gradients come back in its shape. */
  readonly value: PointValue;
  /** Tape ids of its entries, flattened row-major. */
  readonly ids: readonly number[];
}

/** The function's result, flattened: a scalar has one entry and `template` 0. */
export interface OutputLayout {
  /** The returned structure with each number replaced by its flat index. */
  readonly template: PointValue;
  readonly values: readonly number[];
  /** Tape ids, or -1 where the output does not depend on the parameters. */
  readonly ids: readonly number[];
  readonly isScalar: boolean;
}

export interface Trace {
  readonly tape: Tape;
  readonly parameters: readonly ParameterLayout[];
  readonly output: OutputLayout;
  readonly warnings: readonly Diagnostic[];
  /** The budget it was recorded under: its derivatives' sweeps count against the same memory. */
  readonly budget: Budget;
  /**
   * Date.now() when its time is up: recording and every derivative of it (gradient, Jacobian,
   * Hessian) share one evaluation's time budget.
   */
  readonly deadline: number;
  /** The function's name, where a derivative's budget error is reported. */
  readonly site: SourceRange;
}

/**
 * Runs `name` with `args` bound to the parameters `names` (by default the first `args.length`, in
 * order); parameters left out take their defaults and are not differentiated.
 */
function run(
  module: CompiledModule,
  name: string,
  args: readonly PointValue[],
  budget: Budget,
  recording: Tape | null,
  names?: readonly string[],
  constants?: ReadonlySet<string>,
  instance?: ReceiverValues,
  attributes?: readonly string[],
  watch?: Runtime['watch'],
): { rt: Runtime; result: Value; parameters: ParameterLayout[]; site: number } {
  const rt = new Runtime(recording, budget, module.sites, module.arenaHint(name));
  rt.initialState = module.initialState;
  rt.watch = watch;
  const fnValue = module.functions.get(name)?.bound ? module.boundFunction(name, rt) : module.functionValue(name);
  const fn = fnValue.fn;
  const parameters: ParameterLayout[] = [];
  const method = module.functions.get(name)?.method;
  const paramNames = names ?? fn.params.slice(0, args.length);
  const arrays = module.module.listsAreArrays === true;
  const values = args.map((arg, i) => {
    const paramName = paramNames[i] ?? `arg${i}`;
    // A constant (`@wrt` leaves it out, or integer labels) is passed as a value, never an input.
    const constantHere = recording !== null && constants?.has(paramName) === true;
    const index = fn.params.indexOf(paramName);
    const site = fn.paramSites[index] ?? fn.site;
    // Text (`option_type="call"`, a flag, None) is carried, never differentiated: a value holding no
    // number is passed as a constant, and an object's text entries are left out of its gradient.
    // (A value of numbers only, nearly every one, is taken as it is: one pass over it, no copy.)
    const text = holdsText(arg);
    if (text && mixedList(arg)) return fail('point', `the value of ${paramName} is a list holding numbers and text; a point's list holds numbers (an array's entries) or text, not both`, rt.sites[site]!);
    const numbers = text ? numericPart(arg) : arg;
    if (numbers === undefined) return constantValue(rt, arg, arrays, site);
    const extra = arrays && Array.isArray(arg) && fn.paramKinds?.[index] === 'varargs';
    const input = extra ? extraArgumentsInput(rt, arg, paramName, constantHere ? null : recording, site) : inputValue(rt, arg, paramName, constantHere ? null : recording, arrays && typeof arg !== 'number', site);
    if (!constantHere) parameters.push({ name: paramName, value: numbers, ids: input.ids });
    // `def distance_to(self, other)` reading `other.position`: the object is an instance of the class.
    if (method && input.value instanceof DictValue && method.instanceParams.includes(paramName)) return instanceFromObject(rt, method, paramName, input.value, site);
    const of = method && input.value instanceof DictValue ? method.paramClasses.get(paramName) : undefined;
    if (of) return instanceFromObject(rt, method!, paramName, input.value as DictValue, site, of);
    // `Morse_potential(atom1, atom2)` reading `atom1.R`: a plain function's object is its class's instance too.
    const plain = !method && input.value instanceof DictValue ? plainParameterClass(module, name, paramName) : undefined;
    if (plain) return instanceForParameter(rt, plain, name, paramName, input.value as DictValue, site, true);
    return input.value;
  });
  const receiver = method ? makeReceiver(rt, method, instance ?? {}, arrays, fn.site) : undefined;
  for (const attribute of attributes ?? []) {
    parameters.push(isReceiverName(attribute) ? receiverInput(rt, receiver, attribute, method?.view.receiver?.fields ?? [], recording, fn.site) : attributeInput(rt, receiver, attribute, recording, fn.site));
  }
  // Every parameter given, in order (the usual point): bound by position, as by name, without the
  // keyword objects (a run of seed 001 is about two microseconds).
  const inOrder = receiver === undefined && fn.paramKinds === undefined && paramNames.length === fn.params.length && paramNames.every((n, i) => n === fn.params[i]);
  const { positional, keywords } = inOrder ? { positional: values, keywords: NO_KEYWORDS } : splitVarargs(fn, receiver === undefined ? 0 : 1, values.map((value, i) => ({ name: paramNames[i]!, value })));
  const lead = receiver === undefined ? positional : [receiver, ...positional];
  let result: Value;
  try {
    result = inWordsOf(module.module.language, () => withDeadline(rt.deadline, () => rt.expire(), () => invoke(rt, fnValue, lead, keywords, fn.site)));
  } catch (e) {
    // A run stopped inside a large product leaves nothing to sweep: its kernel memory can go.
    dropLargeGemmMemory();
    // A failure after an element with no value (deferred by an array operation) is most likely its
    // consequence: the element's error is the one to report, as it was before the deferral.
    const deferred = rt.deferredDomain;
    if (deferred && e instanceof GradLensError && !e.diagnostic.code.startsWith('budget')) fail('domain', deferred.message, rt.sites[deferred.site]!, deferred.values);
    throw e;
  }
  module.rememberArenaTotal(name, rt.arena.total);
  if (result instanceof NoneValue) result = outputArgument(rt, module.functions.get(name)?.ir, paramNames, values, fn.site) ?? result;
  return { rt, result, parameters, site: fn.site };
}

const NO_KEYWORDS: readonly KeywordValue[] = [];

/**
 * A point's value for a `*args` (`...rest`) parameter is the list of the extra positional arguments:
 * the parameters before it are passed by position, then its items. Keywords otherwise.
 */
function splitVarargs(fn: CompiledFunction, first: number, given: readonly KeywordValue[]): { positional: Value[]; keywords: KeywordValue[] } {
  const at = fn.paramKinds?.indexOf('varargs') ?? -1;
  if (at < 0) return { positional: [], keywords: [...given] };
  const rest = at >= 0 ? given.find((k) => k.name === fn.params[at]) : undefined;
  const lead = fn.params.slice(first, Math.max(at, first));
  const byName = new Map(given.map((k) => [k.name, k.value]));
  if (!rest || !(rest.value instanceof SequenceValue) || !lead.every((n) => byName.has(n))) return { positional: [], keywords: [...given] };
  return {
    positional: [...lead.map((n) => byName.get(n)!), ...rest.value.items],
    keywords: given.filter((k) => k !== rest && !lead.includes(k.name)),
  };
}

/** The primal value alone: nothing is taped. */
export function evaluatePrimal(
  module: CompiledModule,
  name: string,
  args: readonly PointValue[],
  budget?: Partial<Budget>,
  names?: readonly string[],
  instance?: ReceiverValues,
): { output: OutputLayout; warnings: Diagnostic[] } {
  const { rt, result, site } = run(module, name, args, budgetWith(budget), null, names, undefined, instance);
  const values: number[] = [];
  const ids: number[] = [];
  const template = inWordsOf(module.module.language, () => outputOf(rt, result, site, values, ids));
  // The output's numbers are copied out and nothing else of this run is kept: its arrays' buffers
  // can serve the next run.
  rt.arena.release();
  dropLargeGemmMemory();
  return { output: { template, values, ids, isScalar: typeof template === 'number' }, warnings: withNonFiniteValue(rt, values, module.functions.get(name)!.ir.nameRange) };
}

/**
 * Evaluates and records the tape that every derivative is computed from. `constants`: parameters
 * given a value but not differentiated (`@wrt`, integer labels); `instance`: a method's receiver;
 * `attributes`: its attributes differentiated too (`@wrt self.w`).
 */
export function recordTrace(
  module: CompiledModule,
  name: string,
  args: readonly PointValue[],
  budget?: Partial<Budget>,
  names?: readonly string[],
  constants?: ReadonlySet<string>,
  instance?: ReceiverValues,
  attributes?: readonly string[],
): Trace {
  const b = budgetWith(budget);
  const tape = new Tape(module.sites, b.maxBytes, module.tapeLengthHint(name));
  const { rt, result, parameters, site } = run(module, name, args, b, tape, names, constants, instance, attributes);
  const deadline = rt.deadline;
  tape.holdArena(rt.arena);
  module.rememberTapeLength(name, tape.length);
  const values: number[] = [];
  const ids: number[] = [];
  const template = inWordsOf(module.module.language, () => outputOf(rt, result, site, values, ids));
  if (rt.warningsIfReached.length > 0) {
    const reached = reachedRows(tape, ids);
    // a scalar kink on a row an np.where excludes (its value's other uses, if any, say their own ∞ or NaN)
    const excluded = (w: { readonly code: string; readonly row: number }): boolean => w.code === 'non-differentiable' && tape.excludedRows?.has(w.row) === true;
    for (const w of rt.warningsIfReached) if (reached[w.row] && !excluded(w)) rt.warn(w.code, w.message, w.site, w.values);
  }
  const fnRange = module.functions.get(name)!.ir.nameRange;
  return { tape, parameters, output: { template, values, ids, isScalar: typeof template === 'number' }, warnings: withNonFiniteValue(rt, values, fnRange), budget: b, deadline, site: fnRange };
}

/**
 * Ends a trace's life: its tape and arrays go back to be reused by the next recording. The caller
 * must own the trace and have copied out every number it wants (derivatives, reports and graph
 * models are plain numbers); a sweep over a released trace throws. Not calling it is always safe:
 * the garbage collector takes the buffers instead.
 */
export function releaseTrace(trace: Trace): void {
  trace.tape.release();
  dropLargeGemmMemory();
}

/**
 * The shape of module constant `name` when it is an array (or a list of numbers): what shape
 * inference takes for data a function reads from the module (`np.dot(train_inputs, weights)` makes
 * weights as long as a row of train_inputs). Undefined when it is none, or its value fails or runs
 * out of `budget`: a guess is then made as for any other name. Read from the module's
 * initialisation when it has run; else evaluated on its own (Runtime.ownConstants), without running
 * it: after an edit, shape inference evaluates only the constants it asks about — and a constant it
 * asks about later (a function of another component first asked about) draws nothing again.
 */
export function constantShape(module: CompiledModule, name: string, budget?: Partial<Budget>): readonly number[] | undefined {
  const held = constantHeld(module, name, budget);
  return held && 'shape' in held ? held.shape : undefined;
}

/**
 * `constantShape`, and a module constant that is a whole number (`N_FEATURES = 4`): a size shape
 * inference reads where a function slices, counts or makes arrays by it (`w[:N_FEATURES]`).
 */
export function constantHeld(module: CompiledModule, name: string, budget?: Partial<Budget>): HeldValue | undefined {
  const rt = new Runtime(null, budgetWith(budget), module.sites);
  rt.ownConstants = !module.initialised();
  try {
    const v = inWordsOf(module.module.language, () => withDeadline(rt.deadline, () => rt.expire(), () => module.constantValue(name, rt)));
    if (v instanceof ArrayValue && v.row < 0) return { shape: v.shape };
    if (v instanceof SequenceValue && v.items.length > 0 && v.items.every((x) => typeof x === 'number')) return { shape: [v.items.length] };
    if (typeof v === 'number' && Number.isInteger(v)) return { whole: v };
  } catch (e) {
    if (!(e instanceof GradLensError)) throw e;
  }
  return undefined;
}

/** A whole number or an array's shape, as shape inference reads a value it does not differentiate. */
export type HeldValue = { readonly whole: number } | { readonly shape: readonly number[] };

/**
 * What the function bound to `bound` (`objective = make_objective(logprob, D)`) finds under `name` in
 * the closure its factory left it — a factory's parameter or local, after the factory returned —
 * when it is a whole number or an array: shape inference sizes `params[:D]` by it. Undefined when
 * `bound` is no function made so, the closure does not hold `name`, or the binding fails or runs out of `budget`.
 */
export function closureHeld(module: CompiledModule, bound: string, name: string, budget?: Partial<Budget>): HeldValue | undefined {
  if (!module.functions.get(bound)?.bound) return undefined;
  const rt = new Runtime(null, budgetWith(budget), module.sites);
  rt.ownConstants = !module.initialised();
  try {
    const fn = inWordsOf(module.module.language, () => withDeadline(rt.deadline, () => rt.expire(), () => module.boundFunction(bound, rt)));
    const at = fn.fn.enclosingSlot?.(name);
    let frame = fn.closure;
    for (let k = 0; frame && at && k < at.depth; k++) frame = frame.parent;
    const v = at && frame ? frame.slots[at.slot] : undefined;
    if (typeof v === 'number' && Number.isInteger(v)) return { whole: v };
    if (v instanceof ArrayValue && v.row < 0) return { shape: v.shape };
  } catch (e) {
    if (!(e instanceof GradLensError)) throw e;
  }
  return undefined;
}

export function rangeOfFunction(module: CompiledModule, name: string): SourceRange | undefined {
  return module.functions.get(name)?.ir.nameRange;
}

/**
 * The arguments `callee` is first called with while `caller` runs at its point (nothing recorded), as
 * point values: a helper's point from the run of a function that calls it — directly or as a value
 * passed on (autograd's `make_gp_funs(rbf_covariance, …)` calls `cov_func(cov_params, x, x)`).
 * Undefined when the run does not reach it, or an argument is no number, array, list or text. A
 * run that fails after the call still gave it.
 */
export function capturedArguments(module: CompiledModule, caller: string, args: readonly PointValue[], names: readonly string[], instance: ReceiverValues | undefined, callee: string, budget?: Partial<Budget>): Record<string, PointValue> | undefined {
  const target = compiledOf(module, callee, budget);
  if (!target) return undefined;
  const watch: NonNullable<Runtime['watch']> = { fn: target };
  try {
    run(module, caller, args, budgetWith(budget), null, names, undefined, instance, undefined, watch);
  } catch (e) {
    if (!(e instanceof GradLensError)) throw e;
  } finally {
    dropLargeGemmMemory();
  }
  if (!watch.seen) return undefined;
  // As a call site's point: the arguments given, by name; what they leave out keeps its default.
  const { args: all, keywords } = watch.seen;
  // `concat_and_multiply(W, x, h)` into `(weights, *args)`: the extra arguments are args's list.
  const at = target.paramKinds?.indexOf('varargs') ?? -1;
  const given = at >= 0 ? all.slice(0, at) : all;
  if (target.paramKinds?.slice(0, given.length).some((k) => k !== undefined) || given.length > target.params.length) return undefined;
  const out = keyedRecord<PointValue>();
  const extra: [string, Value][] = at >= 0 && all.length > at ? [[target.params[at]!, new SequenceValue(all.slice(at), true)]] : [];
  const named: [string, Value][] = [...given.map((v, i): [string, Value] => [target.params[i]!, v]), ...extra, ...keywords.map((k): [string, Value] => [k.name, k.value])];
  for (const [name, v] of named) {
    const point = pointOf(v);
    if (point === undefined || !target.params.includes(name)) return undefined;
    out[name] = point;
  }
  return out;
}

/**
 * The compiled function `name` calls: a module function's own, or for a name bound to a function a
 * factory makes (`num_params, predict, lml = make_gp_funs(rbf, 2)`) the nested def it makes, found
 * by making it once (every value the factory makes shares that compiled def).
 */
function compiledOf(module: CompiledModule, name: string, budget: Partial<Budget> | undefined): CompiledFunction | undefined {
  const entry = module.functions.get(name);
  if (entry?.compiled || !entry?.bound) return entry?.compiled;
  try {
    return module.boundFunction(name, new Runtime(null, budgetWith(budget), module.sites)).fn;
  } catch (e) {
    if (e instanceof GradLensError) return undefined;
    throw e;
  }
}

/** A run's value as a point: numbers (tracked or not), float arrays, lists and tuples of them, text. */
function pointOf(v: Value): PointValue | undefined {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Tracked) return v.value;
  if (v instanceof NoneValue) return null;
  if (v instanceof ArrayValue) return v.dtype === 'bool' ? undefined : (nestedList(v.shape, Array.from(v.data)) as PointValue);
  if (v instanceof SequenceValue) {
    const items = v.items.map(pointOf);
    return items.every((x) => x !== undefined) ? (items as PointValue[]) : undefined;
  }
  return undefined;
}
