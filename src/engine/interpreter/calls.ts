import { fail } from '../../core/diagnostic';
import { callIntrinsic } from '../intrinsics';
import { Frame, Signal } from './compiled';
import { callMethod } from './methods';
import type { Runtime } from './runtime';
import { callBound, callInstance, construct } from './objects';
import { BoundFunction, BoundMethod, ClassValue, FunctionValue, InstanceValue, IntrinsicValue, None, typeName, type Value } from './values';

export interface KeywordValue {
  readonly name: string;
  readonly value: Value;
}

export function callValue(rt: Runtime, callee: Value, args: Value[], keywords: readonly KeywordValue[], site: number): Value {
  if (callee instanceof FunctionValue) return invoke(rt, callee, args, keywords, site);
  if (callee instanceof IntrinsicValue) return callIntrinsic(rt, callee.name, args, keywords, site);
  if (callee instanceof BoundMethod) return callMethod(rt, callee, args, keywords, site);
  if (callee instanceof BoundFunction) return callBound(rt, callee, args, keywords, site);
  if (callee instanceof ClassValue) return construct(rt, callee, args, keywords, site);
  if (callee instanceof InstanceValue) return callInstance(rt, callee, args, keywords, site);
  return fail('type', `${typeName(callee)} is not a function`, rt.sites[site]!);
}

/** Binds arguments to parameters as Python does (positional, then keywords, then defaults) and runs. */
export function invoke(rt: Runtime, callee: FunctionValue, args: Value[], keywords: readonly KeywordValue[], site: number): Value {
  const fn = callee.fn;
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
    if (!dflt) fail('arity', `${fn.name}() is missing a value for ${params[i]}`, range);
    slots[i] = dflt(callee.closure ?? new Frame([], null, rt));
  }
  if (++rt.callDepth > rt.budget.maxCallDepth) {
    fail('recursion', `call depth exceeded (${rt.budget.maxCallDepth} nested calls) calling ${fn.name}: runaway recursion?`, range);
  }
  rt.step(site, `the call to ${fn.name}`);
  const frame = new Frame(slots, callee.closure, rt);
  const signal = fn.body(frame);
  rt.callDepth--;
  return signal === Signal.Return ? frame.returned! : None;
}
