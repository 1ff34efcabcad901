import { fail, GradLensError } from '../../core/diagnostic';
import { callIntrinsic } from '../intrinsics';
import { Frame, Signal, type CompiledFunction } from './compiled';
import { callMethod } from './methods';
import type { Runtime } from './runtime';
import { dictSet } from './containers';
import { makeError } from './constructs';
import { callRaising } from './raisingCalls';
import { callBound, callInstance, construct } from './objects';
import { BoundFunction, BoundMethod, ClassValue, DictValue, DtypeValue, ErrorTypeValue, FunctionValue, InertValue, InstanceValue, IntrinsicValue, IteratorValue, None, NoneValue, RandomGenerator, SequenceValue, typeName, refuseUnreadable, UnreadableValue, type Value } from './values';

export interface KeywordValue {
  readonly name: string;
  readonly value: Value;
}

export function callValue(rt: Runtime, callee: Value, args: Value[], keywords: readonly KeywordValue[], site: number): Value {
  if (callee instanceof FunctionValue) return invoke(rt, callee, args, keywords, site);
  // numpy's dtype object is no function (its `.type` is: `a.dtype.type(3)`)
  if (callee instanceof DtypeValue) return fail('type', `'numpy.dtype' object is not callable (write ${callee.dtype === 'bool' ? 'np.bool_' : `np.${callee.dtype}`}(…) or .astype)`, rt.sites[site]!);
  if (callee instanceof IntrinsicValue) return callee.raises ? callRaising(rt, callee.name, args, keywords, site) : callIntrinsic(rt, callee.name, args, keywords, site);
  if (callee instanceof BoundMethod) return callMethod(rt, callee, args, keywords, site);
  if (callee instanceof ErrorTypeValue) return makeError(callee, args, rt.sites[site]!);
  if (callee instanceof InertValue) return callee;
  if (callee instanceof BoundFunction) return callBound(rt, callee, args, keywords, site);
  if (callee instanceof ClassValue) return construct(rt, callee, args, keywords, site);
  if (callee instanceof InstanceValue) return callInstance(rt, callee, args, keywords, site);
  if (callee instanceof UnreadableValue) refuseUnreadable(callee);
  return fail('type', `${typeName(callee)} is not a function`, rt.sites[site]!);
}

/**
 * A parameter's default, evaluated in the frame the function was defined in. One GradLens cannot
 * evaluate (an unknown name, a module it does not read) becomes an UnreadableValue: the refusal is
 * raised where the value is used, not where it is bound.
 */
function evaluateDefault(rt: Runtime, make: (f: Frame) => Value, frame: Frame | null): Value {
  try {
    return make(frame ?? new Frame([], null, rt));
  } catch (e) {
    if (e instanceof GradLensError && (e.diagnostic.code === 'unsupported' || e.diagnostic.code === 'unknown-name')) return new UnreadableValue(e.diagnostic);
    throw e;
  }
}

/**
 * The value a definition makes when it runs (a nested `def`, a `lambda`): Python evaluates its
 * defaults now, in this frame, once (`lambda t, i=i: t * i` in a loop keeps each i; a list default
 * is shared by the calls of this value, and a `def` run again makes a new one).
 */
export function defineFunction(fn: CompiledFunction, frame: Frame): FunctionValue {
  if (!fn.defaultsOnce) return new FunctionValue(fn, frame);
  return new FunctionValue(fn, frame, fn.defaults.map((make) => (make ? evaluateDefault(frame.rt, make, frame) : undefined)));
}

/** Parameter i's default for this call: per call (JavaScript), or the definition's (Python). */
function defaultValue(rt: Runtime, make: (f: Frame) => Value, callee: FunctionValue, i: number): Value {
  const fn = callee.fn;
  if (!fn.defaultsOnce) return evaluateDefault(rt, make, callee.closure);
  if (callee.definedDefaults) return callee.definedDefaults[i]!;
  // A module-level function or a method: defined once per run (Runtime.definitionDefaults).
  const defined = rt.definitionDefaults(fn);
  if (defined[i] !== undefined) return defined[i]!;
  const v = (defined[i] = evaluateDefault(rt, make, callee.closure));
  // The first call's generator, where the module's code already drew from it: the function's own
  // lens is its first call (a call site's), but another function calling it after the module has
  // run would see the draws that follow: said there (randomGenerators.ts `unreproducible`).
  if (v instanceof RandomGenerator && rt.callDepth > 0 && rt.initialState?.generatorDefaultUsed?.(fn)) {
    v.scope = {};
    v.note = `random values from ${fn.name}'s default generator ${fn.params[i]}: the draws of ${fn.name}'s first call, as the def made it; the module's own code calls ${fn.name} before, so this call, made after the module has run, would draw the numbers that follow`;
  }
  return v;
}

/** Binds arguments to parameters as Python does (positional, then keywords, then defaults) and runs. */
export function invoke(rt: Runtime, callee: FunctionValue, args: Value[], keywords: readonly KeywordValue[], site: number): Value {
  const fn = callee.fn;
  if (rt.watch?.fn === fn && !rt.watch.seen) rt.watch.seen = { args: [...args], keywords };
  if (fn.argumentsSlot !== undefined) return run(rt, callee, withArguments(fn, bind(rt, callee, args, keywords, site), args, keywords), site);
  return run(rt, callee, bind(rt, callee, args, keywords, site), site);
}

function bind(rt: Runtime, callee: FunctionValue, args: Value[], keywords: readonly KeywordValue[], site: number): (Value | undefined)[] {
  const fn = callee.fn;
  if (fn.paramKinds) return bindSignature(rt, callee, args, keywords, site);
  if (fn.looseArity && keywords.length === 0) return bindLoosely(rt, callee, args);
  const params = fn.params;
  const range = rt.sites[site]!;
  if (args.length > params.length) {
    fail('arity', `${fn.name}() takes ${params.length} argument${params.length === 1 ? '' : 's'} (${params.join(', ')}) but ${args.length} were given`, range);
  }
  const slots: (Value | undefined)[] = new Array(fn.slotCount);
  for (let i = 0; i < args.length; i++) slots[i] = args[i];
  for (const k of keywords) {
    const i = params.indexOf(k.name);
    if (i < 0) fail('arity', `${fn.name}() has no parameter named ${k.name}`, range);
    if (slots[i] !== undefined) fail('arity', `${fn.name}() got two values for ${k.name}`, range);
    slots[i] = k.value;
  }
  for (let i = 0; i < params.length; i++) {
    if (slots[i] !== undefined) continue;
    const dflt = fn.defaults[i];
    // JavaScript's missing argument is undefined (a point leaving out an optional parameter).
    if (!dflt && fn.looseArity) {
      slots[i] = None;
      continue;
    }
    if (!dflt) fail('arity', `${fn.name}() is missing a value for ${params[i]}`, range);
    slots[i] = defaultValue(rt, dflt, callee, i);
  }
  return slots;
}

/**
 * JavaScript's `arguments` beside named parameters: what the caller passed, extras and explicit
 * `undefined`s included, not the parameters' values after defaults. A run at a point that names
 * parameters passes them as `f(a, b)` would, up to the last one named.
 */
function withArguments(fn: CompiledFunction, slots: (Value | undefined)[], args: Value[], keywords: readonly KeywordValue[]): (Value | undefined)[] {
  let passed = args;
  if (keywords.length > 0) {
    const n = Math.max(args.length, ...keywords.map((k) => fn.params.indexOf(k.name) + 1));
    passed = slots.slice(0, n).map((v) => v ?? None);
  }
  slots[fn.argumentsSlot!] = new SequenceValue([...passed], false);
  return slots;
}

/** JavaScript's binding: extra arguments dropped; a missing or undefined one takes its default, else undefined. */
function bindLoosely(rt: Runtime, callee: FunctionValue, args: Value[]): (Value | undefined)[] {
  const fn = callee.fn;
  const slots: (Value | undefined)[] = new Array(fn.slotCount);
  for (let i = 0; i < fn.params.length; i++) {
    const arg = args[i];
    if (arg !== undefined && !(arg instanceof NoneValue)) {
      slots[i] = arg;
      continue;
    }
    const dflt = fn.defaults[i];
    slots[i] = dflt ? dflt(callee.closure ?? new Frame([], null, rt)) : None;
  }
  return slots;
}

function run(rt: Runtime, callee: FunctionValue, slots: (Value | undefined)[], site: number): Value {
  const fn = callee.fn;
  const range = rt.sites[site]!;
  if (++rt.callDepth > rt.budget.maxCallDepth) {
    fail('recursion', `call depth exceeded (${rt.budget.maxCallDepth} nested calls) calling ${fn.name}: runaway recursion?`, range);
  }
  // The depth is restored however the call ends: a `try` around it may catch what it raises.
  try {
    rt.step(site, `the call to ${fn.name}`);
    const frame = new Frame(slots, callee.closure, rt);
    const signal = fn.generator ? generatorBody(fn, frame) : fn.body(frame);
    return signal === Signal.Return ? frame.returned! : None;
  } finally {
    rt.callDepth--;
  }
}

/** A generator's body runs to its end when called (frontends' generators): a budget it runs out of is one it never finishes within. */
function generatorBody(fn: CompiledFunction, frame: Frame): Signal {
  const args = frame.slots.slice(0, fn.params.length);
  try {
    const signal = fn.body(frame);
    const it = frame.returned;
    if (it instanceof IteratorValue) {
      it.generator = fn.name;
      it.args = args.filter((v): v is Value => v !== undefined);
    }
    return signal;
  } catch (e) {
    const d = e instanceof GradLensError ? e.diagnostic : undefined;
    if (!d || !d.code.startsWith('budget-') || d.message.startsWith('the generator ')) throw e;
    throw new GradLensError({ ...d, message: `the generator ${fn.name} does not finish: GradLens runs a generator's body to its end when it is called, and ${d.message}` });
  }
}

/** Python's binding with `*args`, keyword-only parameters and `**kwargs`. */
function bindSignature(rt: Runtime, callee: FunctionValue, args: Value[], keywords: readonly KeywordValue[], site: number): (Value | undefined)[] {
  const fn = callee.fn;
  const kinds = fn.paramKinds!;
  const params = fn.params;
  const range = rt.sites[site]!;
  const slots: (Value | undefined)[] = new Array(fn.slotCount);
  const positional: number[] = [];
  for (let i = 0; i < params.length; i++) if (kinds[i] === undefined) positional.push(i);
  const varargs = kinds.indexOf('varargs');
  const varkw = kinds.indexOf('varkw');
  if (args.length > positional.length && varargs < 0) {
    fail('arity', `${fn.name}() takes ${positional.length} positional argument${positional.length === 1 ? '' : 's'} but ${args.length} were given`, range);
  }
  for (let i = 0; i < Math.min(args.length, positional.length); i++) slots[positional[i]!] = args[i];
  if (varargs >= 0) slots[varargs] = new SequenceValue(args.slice(positional.length), true);
  const extra = varkw >= 0 ? new DictValue() : undefined;
  for (const k of keywords) {
    const i = params.indexOf(k.name);
    if (i < 0 || kinds[i] === 'varargs' || kinds[i] === 'varkw') {
      if (!extra) fail('arity', `${fn.name}() has no parameter named ${k.name}`, range);
      dictSet(rt, extra, k.name, k.value, site);
      continue;
    }
    if (slots[i] !== undefined) fail('arity', `${fn.name}() got two values for ${k.name}`, range);
    slots[i] = k.value;
  }
  if (extra) slots[varkw] = extra;
  for (let i = 0; i < params.length; i++) {
    if (slots[i] !== undefined && !(fn.looseArity && slots[i] instanceof NoneValue)) continue;
    const dflt = fn.defaults[i];
    if (!dflt && fn.looseArity) {
      slots[i] ??= None;
      continue;
    }
    if (!dflt) fail('arity', `${fn.name}() is missing a value for ${params[i]}`, range);
    slots[i] = defaultValue(rt, dflt, callee, i);
  }
  return slots;
}
