import { holdsText, isPointObject, isPointText, mixedList, numericPart, pointLeaves, type PointText, type PointTree } from '../core/pointTree';
import { budgetWith, type Budget } from '../core/budget';
import { withDeadline } from './clock';
import { fail, GradLensError, type Diagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import type { MethodTarget } from './classes';
import { invoke, type KeywordValue } from './interpreter/calls';
import type { CompiledFunction } from './interpreter/compiled';
import { getAttribute, setAttribute } from './interpreter/methods';
import { receiverAttribute } from '../ir/receiverInputs';
import { construct, roleMethod } from './interpreter/objects';
import { Runtime } from './interpreter/runtime';
import { DictValue, ExactInteger, InstanceValue, inWordsOf, None, NoneValue, SequenceValue, Tracked, typeName, word, type Value } from './interpreter/values';
import type { IrFunction } from '../ir/nodes';
import { outputArguments } from '../ir/walk';
import { makeDict } from './interpreter/containers';
import { keyedRecord } from '../core/keyed';
import { ArrayValue, formatShape, nestedList } from './array/ndarray';
import { constant, parameterArray } from './array/record';
import type { CompiledModule } from './module';
import { Tape } from './tape';
import { reachedRows } from './sweeps';
import { nonFiniteWarning } from './nonFinite';
import { dropLargeGemmMemory } from './array/gemmWasm';

/** A parameter's value at a point: a number, a nested list of numbers, or an object of them (core/pointTree.ts). */
export type PointValue = PointTree;

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

/** A text leaf as the interpreter's value: a string, a boolean, None (JavaScript's null). */
function textValue(v: PointText): Value {
  return v === null ? None : v;
}

/** A point's value as the interpreter's: lists, and an object as a dict keyed by its names (`p.x` reads one). */
function argumentValue(rt: Runtime, v: PointValue, make: (x: number) => Value, site: number): Value {
  if (typeof v === 'number') return make(v);
  if (isPointText(v)) return textValue(v);
  if (isPointObject(v)) {
    const keys = Object.keys(v);
    return makeDict(rt, keys.map((k) => [k, argumentValue(rt, v[k]!, make, site)] as const), site);
  }
  return new SequenceValue((v as readonly PointValue[]).map((x) => argumentValue(rt, x, make, site)), false);
}

function isNumberList(v: PointValue): v is readonly number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number');
}

/** The shape of a rectangular nested list, or undefined if it is ragged (or holds objects). */
function listShape(v: PointValue): number[] | undefined {
  if (typeof v === 'number') return [];
  if (isPointObject(v) || isPointText(v)) return undefined;
  const list = v as readonly PointValue[];
  if (list.every((x) => typeof x === 'number')) return [list.length];
  const inner = list.map(listShape);
  const first = inner[0];
  const key = first && formatShape(first);
  if (inner.some((s) => !s || !first || formatShape(s) !== key)) return list.length === 0 ? [0] : undefined;
  return [list.length, ...first!];
}


/** Points are reused run after run (the lens, --repeat): their float64 form is kept per list. */
const pointArrays = new WeakMap<readonly PointValue[], { shape: number[]; data: Float64Array }>();

function pointArray(arg: readonly PointValue[], name: string, rt: Runtime, site: number): { shape: number[]; data: Float64Array } {
  let kept = pointArrays.get(arg);
  if (!kept) {
    const shape = listShape(arg);
    if (!shape) return fail('point', `the value of ${name} is a ragged nested list; an array point must be rectangular`, rt.sites[site]!);
    kept = { shape, data: Float64Array.from(pointLeaves(arg)) };
    pointArrays.set(arg, kept);
  }
  return kept;
}

/**
 * The result's numbers, after any element an array operation had no value for: an error if a
 * non-finite number reached the result, else a warning that numpy's nan there went unused.
 */
function outputOf(rt: Runtime, v: Value, site: number, values: number[], ids: number[]): PointValue {
  const template = flattenOutput(rt, v, site, values, ids);
  const deferred = rt.deferredDomain;
  if (deferred) {
    if (values.some((x) => !Number.isFinite(x))) fail('domain', deferred.message, rt.sites[deferred.site]!, deferred.values);
    if (!deferred.said) rt.warn('domain', `${deferred.message}: numpy gives nan (or ±inf) there and goes on, and the result does not use it`, deferred.site, deferred.values);
  }
  return template;
}

function flattenOutput(rt: Runtime, v: Value, site: number, values: number[], ids: number[]): PointValue {
  if (v instanceof ArrayValue) {
    if (v.dtype === 'bool') fail('type', `the function returned a boolean array of shape ${formatShape(v.shape)}, not numbers`, rt.sites[site]!);
    const data = v.data;
    const row = v.row;
    const leaves = Array.from(data, (x, i) => {
      values.push(x);
      ids.push(row >= 0 && rt.tape ? rt.tape.pushElement(row, i, x, site) : -1);
      return values.length - 1;
    });
    return nestedList(v.shape, leaves) as PointValue;
  }
  if (typeof v === 'number' || v instanceof Tracked || typeof v === 'boolean') {
    if (typeof v === 'boolean') fail('type', 'the function returned a boolean, not a number', rt.sites[site]!);
    values.push(typeof v === 'number' ? v : v.value);
    ids.push(typeof v === 'number' ? -1 : v.id);
    return values.length - 1;
  }
  if (v instanceof ExactInteger) {
    // JSON and float64 cannot hold it: the nearest float64 is shown, and the exact int is said.
    rt.warn('inexact-integer', `the value holds the integer ${v.value.toString()}, shown as the nearest float64 (${Number(v.value)})`, site);
    values.push(Number(v.value));
    ids.push(-1);
    return values.length - 1;
  }
  if (v instanceof SequenceValue) return v.items.map((x) => flattenOutput(rt, x, site, values, ids));
  if (v instanceof DictValue && [...v.entries.values()].every((e) => typeof e.key === 'string')) {
    // An object of numbers (`return {x: …, y: …}`): its Jacobian comes back keyed the same way.
    const out = keyedRecord<PointValue>();
    for (const e of v.entries.values()) out[e.key as string] = flattenOutput(rt, e.value, site, values, ids);
    return out;
  }
  if (v instanceof InstanceValue && v.fields.size > 0) {
    // An instance (`new Vec2(a.x + b.x, …)`, a dataclass): its fields, as an object of numbers is.
    const out = keyedRecord<PointValue>();
    for (const [name, field] of v.fields) out[name] = flattenOutput(rt, field, site, values, ids);
    return out;
  }
  return fail('type', `the function returned ${typeName(v)}; GradLens differentiates functions that return numbers, or ${word('tuples and lists', 'arrays and objects')} of numbers`, rt.sites[site]!);
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
): { rt: Runtime; result: Value; parameters: ParameterLayout[]; site: number } {
  const rt = new Runtime(recording, budget, module.sites, module.arenaHint(name));
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
    const input = inputValue(rt, arg, paramName, constantHere ? null : recording, arrays && typeof arg !== 'number', site);
    if (!constantHere) parameters.push({ name: paramName, value: numbers, ids: input.ids });
    // `def distance_to(self, other)` reading `other.position`: the object is an instance of the class.
    if (method && input.value instanceof DictValue && method.instanceParams.includes(paramName)) return instanceFromObject(rt, method, paramName, input.value, site);
    return input.value;
  });
  const receiver = method ? makeReceiver(rt, method, instance ?? {}, arrays, fn.site) : undefined;
  for (const attribute of attributes ?? []) parameters.push(attributeInput(rt, receiver, attribute, recording, fn.site));
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
 * A parameter's value at the point as the run sees it: inputs of the recording `tape` (a numpy
 * array when `asArray`, else numbers, lists and dicts of tracked numbers), or constants without one.
 */
function inputValue(rt: Runtime, arg: PointValue, name: string, tape: Tape | null, asArray: boolean, site: number): { value: Value; ids: readonly number[] } {
  // A point kept from an earlier run is rectangular: only a new one is measured.
  if (asArray && (isPointObject(arg) || (!pointArrays.has(arg as readonly PointValue[]) && !listShape(arg)))) return numpyStructure(rt, arg, name, tape, site);
  if (asArray) {
    const { shape, data } = pointArray(arg as readonly PointValue[], name, rt, site);
    if (!tape) return { value: constant(shape, data), ids: [] };
    const p = parameterArray(rt, shape, data, site);
    tape.labelInputs(p.ids[0] ?? 0, p.ids.length, name, arg);
    return { value: p.value, ids: p.ids };
  }
  if (tape && isNumberList(arg)) {
    // A list of numbers (the usual list parameter): its inputs are one run of rows, written at once.
    const { data } = pointArray(arg, name, rt, site);
    const first = tape.inputs(data, site);
    const items: Value[] = new Array(data.length);
    const ids: number[] = new Array(data.length);
    for (let k = 0; k < data.length; k++) {
      ids[k] = first + k;
      items[k] = new Tracked(first + k, data[k]!);
    }
    tape.labelInputs(first, ids.length, name, arg);
    return { value: new SequenceValue(items, false), ids };
  }
  if (typeof arg === 'number') {
    if (!tape) return { value: arg, ids: [] };
    const id = tape.input(arg, site);
    tape.labelInputs(id, 1, name, arg);
    return { value: new Tracked(id, arg), ids: [id] };
  }
  const ids: number[] = [];
  const value = argumentValue(rt, arg, (x) => {
    if (!tape) return x;
    const id = tape.input(x, site);
    ids.push(id);
    return new Tracked(id, x);
  }, site);
  if (tape) tape.labelInputs(ids[0] ?? 0, ids.length, name, arg);
  return { value, ids };
}

/**
 * A point's structure where lists are numpy arrays: a ragged list (`params=[[W1, b1], [W2, b2]]`
 * for `for W, b in params`) is a Python list whose rectangular items are arrays, numbers numbers,
 * ragged items lists again, as a list of (W, b) pairs is in Python; an object (`params={"W1": […],
 * "b1": […]}`, weights kept in a dict) is a dict whose rectangular lists are arrays, as a top-level
 * list is. Its entries are inputs in the order of the point's numbers, so the gradient comes back in
 * the point's structure. An object inside a list is refused.
 */
function numpyStructure(rt: Runtime, arg: PointValue, name: string, tape: Tape | null, site: number): { value: Value; ids: readonly number[] } {
  const ids: number[] = [];
  const convert = (v: PointValue, inList: boolean): Value => {
    if (typeof v === 'number') {
      if (!tape) return v;
      const id = tape.input(v, site);
      ids.push(id);
      return new Tracked(id, v);
    }
    if (isPointText(v)) return textValue(v);
    if (isPointObject(v)) {
      if (inList) return fail('point', `the value of ${name} holds an object inside a list; a point's lists hold numbers and lists`, rt.sites[site]!);
      return makeDict(rt, Object.keys(v).map((k) => [k, convert(v[k]!, false)] as const), site);
    }
    const shape = listShape(v);
    if (!shape) return new SequenceValue(v.map((x) => convert(x, true)), false);
    const data = Float64Array.from(pointLeaves(v));
    if (!tape) return constant(shape, data);
    const p = parameterArray(rt, shape, data, site);
    for (const id of p.ids) ids.push(id);
    return p.value;
  };
  const value = isPointObject(arg) ? convert(arg, false) : new SequenceValue((arg as readonly PointValue[]).map((x) => convert(x, true)), false);
  if (tape) tape.labelInputs(ids[0] ?? 0, ids.length, name, arg);
  return { value, ids };
}

/**
 * `@wrt self.w`: the attribute's value on the instance just made becomes an input of the recording
 * (an array stays an array, a list of numbers a list), set back on the instance before the method runs.
 */
function attributeInput(rt: Runtime, receiver: Value | undefined, name: string, tape: Tape | null, site: number): ParameterLayout {
  const attribute = receiverAttribute(name);
  if (receiver === undefined || attribute === undefined) return fail('point', `@wrt ${name}: only a method that runs on an instance has attributes to differentiate`, rt.sites[site]!);
  const now = getAttribute(rt, receiver, attribute, site);
  const value = attributePoint(now);
  if (value === undefined) return fail('point', `@wrt ${name}: ${name} is ${typeName(now)} on the instance, not a number or an array or list of numbers`, rt.sites[site]!);
  const input = inputValue(rt, value, name, tape, now instanceof ArrayValue, site);
  setAttribute(rt, receiver, attribute, input.value, site);
  return { name, value, ids: input.ids };
}

/** An attribute's value as a point: a number, or a float array or (nested) list of numbers; else undefined. */
function attributePoint(v: Value): PointValue | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof ArrayValue) return v.dtype === 'bool' || v.row >= 0 ? undefined : (nestedList(v.shape, Array.from(v.data)) as PointValue);
  if (v instanceof SequenceValue) {
    const items = v.items.map(attributePoint);
    return items.every((x) => x !== undefined) ? (items as PointValue[]) : undefined;
  }
  return undefined;
}

/**
 * What a function that returns nothing computed: the one argument it wrote into element by element
 * (BLAS-1 style `axpy(n, a, x, y)`, `scale(out, v, c)`), its value after the call — so its derivative
 * is the Jacobian of that argument's final value, its own initial value included (`y[i] += …` keeps
 * it, `out[i] = …` does not). Said in an info note. Undefined when there is not exactly one.
 */
function outputArgument(rt: Runtime, ir: IrFunction | undefined, names: readonly string[], values: readonly Value[], site: number): Value | undefined {
  const written = ir ? outputArguments(ir).filter((n) => names.includes(n)) : [];
  if (written.length > 1) fail('type', `${ir!.name} returns nothing and writes into ${written.join(', ')}; GradLens differentiates one output argument, or what the function returns (\`return [${written.join(', ')}]\`)`, rt.sites[site]!);
  if (written.length !== 1) return undefined;
  const value = values[names.indexOf(written[0]!)]!;
  // A list is written in place; a numpy array parameter is not (its writes make new versions), so it is left out.
  if (!(value instanceof SequenceValue)) return undefined;
  rt.warn('output-argument', `${ir!.name} returns nothing and writes into ${written[0]}: its value after the call is the output differentiated`, site, undefined, 'info');
  return value;
}

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

/**
 * For a method run on its own (`Class.method`): constructor arguments and attributes of its instance,
 * from `# @at …; self: alpha=0.1`. Constants: the lens differentiates the explicit parameters only.
 */
export type ReceiverValues = Readonly<Record<string, PointValue>>;

function constantValue(rt: Runtime, v: PointValue, arrays: boolean, site: number): Value {
  if (typeof v === 'number') return v;
  if (isPointText(v)) return textValue(v);
  if (arrays) {
    const shape = listShape(v);
    if (shape) return constant(shape, Float64Array.from(pointLeaves(v)));
  }
  return argumentValue(rt, v, (x) => x, site);
}

/**
 * The receiver of a method run on its own: the class for a classmethod, none for a staticmethod, else
 * an instance made by the class's constructor with the values it takes, the others set as attributes.
 */
function makeReceiver(rt: Runtime, target: MethodTarget, given: ReceiverValues, arrays: boolean, site: number): Value | undefined {
  const { cls, method } = target;
  if (method.binding === 'static') return undefined;
  if (method.binding === 'class') return cls;
  const values = Object.entries(given).map(([k, v]) => [k, constantValue(rt, v, arrays, site)] as const);
  return makeInstance(rt, target, values, site, () => `${cls.name}.${method.fn.name} runs on an instance made by ${cls.name}(…)`, (required) => `Say how to make it: # @at …; self: ${required.map((p, i) => `${p}=${i + 1}`).join(', ')}`);
}

/** A parameter the method uses as an instance of its class, from the point's object: made as `self:` values make the receiver. */
function instanceFromObject(rt: Runtime, target: MethodTarget, param: string, object: DictValue, site: number): Value {
  const values = [...object.entries.values()].map((e) => [String(e.key), e.value] as const);
  const cls = target.cls.name;
  return makeInstance(rt, target, values, site, () => `${param} is an instance of ${cls} (${target.method.fn.name} reads its attributes), made by ${cls}(…)`, (required) => `Give them in its object: ${param}={${required.map((p, i) => `"${p}": ${i + 1}`).join(', ')}, …}`);
}

/**
 * An instance of the method's class made from named values: those that are `__init__` parameters
 * are passed to it, the others set as attributes after construction. A constructor that needs a
 * value none gives is a point error saying which (`Neuron(nin, nonlin=True)`: nin).
 */
function makeInstance(rt: Runtime, target: MethodTarget, values: readonly (readonly [string, Value])[], site: number, what: () => string, fix: (required: string[]) => string): Value {
  const { cls } = target;
  const init = roleMethod(cls, 'constructor');
  const initParams = init ? init.fn.fn.params.slice(1) : [];
  const keywords = values.filter(([k]) => initParams.includes(k)).map(([k, value]) => ({ name: k, value }));
  let instance: Value;
  try {
    instance = construct(rt, cls, [], keywords, site);
  } catch (e) {
    if (!(e instanceof GradLensError) || e.diagnostic.code !== 'arity') throw e;
    const required = initParams.filter((_, i) => !init!.fn.fn.defaults[i + 1]);
    const list = required.length ? required : initParams;
    return fail('point', `${what()}, which failed: ${e.diagnostic.message}. ${fix(list)}`, rt.sites[site]!, e.diagnostic.values);
  }
  for (const [k, v] of values) if (!initParams.includes(k)) setAttribute(rt, instance, k, v, site);
  return instance;
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

/** The run's warnings, and one saying where a NaN or ∞ in the value came from (JSON prints it as null). */
function withNonFiniteValue(rt: Runtime, values: readonly number[], fnRange: SourceRange): Diagnostic[] {
  const warnings = rt.warnings;
  let finite = true;
  for (const v of values) if (v - v !== 0) finite = false;
  if (finite) return warnings;
  const origin = rt.nonFiniteOrigin;
  warnings.push(nonFiniteWarning('the value', values, origin && { range: rt.sites[origin.site]!, what: origin.what }, fnRange));
  return warnings;
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
 * out of `budget`: a guess is then made as for any other name.
 */
export function constantShape(module: CompiledModule, name: string, budget?: Partial<Budget>): readonly number[] | undefined {
  const rt = new Runtime(null, budgetWith(budget), module.sites);
  try {
    const v = inWordsOf(module.module.language, () => withDeadline(rt.deadline, () => rt.expire(), () => module.constantValue(name, rt)));
    if (v instanceof ArrayValue && v.row < 0) return v.shape;
    if (v instanceof SequenceValue && v.items.length > 0 && v.items.every((x) => typeof x === 'number')) return [v.items.length];
  } catch (e) {
    if (!(e instanceof GradLensError)) throw e;
  }
  return undefined;
}

export function rangeOfFunction(module: CompiledModule, name: string): SourceRange | undefined {
  return module.functions.get(name)?.ir.nameRange;
}

/**
 * The numeric fields (numbers, arrays, lists of numbers) of an instance of the class of method
 * `name`, made as its receiver is from `given` (`self:` values): the structure a sample point fills
 * with numbers for a parameter the method uses as an instance of its class. Fails as making the
 * receiver fails (a constructor that needs a value `given` lacks).
 */
export function instanceTemplate(module: CompiledModule, name: string, given: ReceiverValues, budget?: Partial<Budget>): Record<string, PointValue> {
  const target = module.functions.get(name)?.method;
  const out = keyedRecord<PointValue>();
  if (!target) return out;
  const rt = new Runtime(null, budgetWith(budget), module.sites, module.arenaHint(name));
  const site = module.functionValue(name).fn.site;
  const arrays = module.module.listsAreArrays === true;
  const values = Object.entries(given).map(([k, v]) => [k, constantValue(rt, v, arrays, site)] as const);
  const instance = inWordsOf(module.module.language, () => withDeadline(rt.deadline, () => rt.expire(), () => makeInstance(rt, target, values, site, () => `${target.cls.name}(…)`, () => '')));
  if (!(instance instanceof InstanceValue)) return out;
  for (const [k, v] of instance.fields) {
    const point = attributePoint(v);
    if (point !== undefined && pointLeaves(point).length > 0) out[k] = point;
  }
  return out;
}
