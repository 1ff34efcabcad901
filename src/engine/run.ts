import { budgetWith, type Budget } from '../core/budget';
import { fail, type Diagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import { invoke } from './interpreter/calls';
import { Runtime } from './interpreter/runtime';
import { SequenceValue, Tracked, typeName, type Value } from './interpreter/values';
import type { CompiledModule } from './module';
import { Tape } from './tape';

/** A parameter's value at a point: a number or a nested list of numbers. */
export type PointValue = number | readonly PointValue[];

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
}

function argumentValue(v: PointValue, make: (x: number) => Value): Value {
  if (typeof v === 'number') return make(v);
  return new SequenceValue(v.map((x) => argumentValue(x, make)), false);
}

function flattenOutput(rt: Runtime, v: Value, site: number, values: number[], ids: number[]): PointValue {
  if (typeof v === 'number' || v instanceof Tracked || typeof v === 'boolean') {
    if (typeof v === 'boolean') fail('type', 'the function returned a boolean, not a number', rt.sites[site]!);
    values.push(typeof v === 'number' ? v : v.value);
    ids.push(typeof v === 'number' ? -1 : v.id);
    return values.length - 1;
  }
  if (v instanceof SequenceValue) return v.items.map((x) => flattenOutput(rt, x, site, values, ids));
  return fail('type', `the function returned ${typeName(v)}; GradLens differentiates functions that return numbers, or tuples and lists of numbers`, rt.sites[site]!);
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
  tape: Tape | null,
  names?: readonly string[],
): { rt: Runtime; result: Value; parameters: ParameterLayout[] } {
  const fnValue = module.functionValue(name);
  const fn = fnValue.fn;
  const rt = new Runtime(tape, budget, module.sites);
  const parameters: ParameterLayout[] = [];
  const paramNames = names ?? fn.params.slice(0, args.length);
  const values = args.map((arg, i) => {
    const ids: number[] = [];
    const paramName = paramNames[i] ?? `arg${i}`;
    const index = fn.params.indexOf(paramName);
    const site = fn.paramSites[index] ?? fn.site;
    const value = argumentValue(arg, (x) => {
      if (!tape) return x;
      const id = tape.input(x, site);
      ids.push(id);
      return new Tracked(id, x);
    });
    if (tape) tape.labelInputs(ids[0] ?? 0, ids.length, paramName, arg);
    parameters.push({ name: paramName, value: arg, ids });
    return value;
  });
  const result = invoke(rt, fnValue, [], values.map((value, i) => ({ name: paramNames[i]!, value })), fn.site);
  return { rt, result, parameters };
}

/** The primal value alone: nothing is taped. */
export function evaluatePrimal(
  module: CompiledModule,
  name: string,
  args: readonly PointValue[],
  budget?: Partial<Budget>,
  names?: readonly string[],
): { output: OutputLayout; warnings: Diagnostic[] } {
  const { rt, result } = run(module, name, args, budgetWith(budget), null, names);
  const values: number[] = [];
  const ids: number[] = [];
  const template = flattenOutput(rt, result, module.functions.get(name)!.compiled!.site, values, ids);
  return { output: { template, values, ids, isScalar: typeof template === 'number' }, warnings: rt.warnings };
}

/** Evaluates and records the tape that every derivative is computed from. */
export function recordTrace(module: CompiledModule, name: string, args: readonly PointValue[], budget?: Partial<Budget>, names?: readonly string[]): Trace {
  const b = budgetWith(budget);
  const tape = new Tape(module.sites, b.maxBytes, module.tapeLengthHint(name));
  const { rt, result, parameters } = run(module, name, args, b, tape, names);
  module.rememberTapeLength(name, tape.length);
  const values: number[] = [];
  const ids: number[] = [];
  const template = flattenOutput(rt, result, module.functions.get(name)!.compiled!.site, values, ids);
  return { tape, parameters, output: { template, values, ids, isScalar: typeof template === 'number' }, warnings: rt.warnings };
}

export function rangeOfFunction(module: CompiledModule, name: string): SourceRange | undefined {
  return module.functions.get(name)?.ir.nameRange;
}
