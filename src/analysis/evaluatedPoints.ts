import type { Budget } from '../core/budget';
import { keyedRecord } from '../core/keyed';
import type { PointTree } from '../core/pointTree';
import { argumentValues } from '../engine/evaluatedArguments';
import type { CompiledModule } from '../engine/module';
import type { IrFunction, IrPoint } from '../ir/nodes';

/**
 * A call site's point whose arguments are computed (`loss(init_params, X, y)`, IrPoint.evaluated):
 * its values as the module's code computes them (engine/evaluatedArguments.ts), positional ones
 * named by `fn`'s parameters when keywords are given too; undefined when they cannot be a point.
 * `notes` say where the numbers come from, and when they were drawn at random from a stream whose
 * numbers a run of the program would not repeat (the point is then GradLens's draw, of the shapes
 * the program draws).
 */
export function evaluatedCallPoint(module: CompiledModule, fn: IrFunction, p: IrPoint, budget: Partial<Budget>): { point: IrPoint; notes: string[] } | undefined {
  const { evaluated } = p;
  if (!evaluated) return { point: p, notes: [] };
  const found = argumentValues(module, evaluated.constant, budget);
  if (!found) return undefined;
  const positional = found.values.slice(0, found.values.length - evaluated.keywords.length);
  const line = p.range.start.line + 1;
  const notes = [`the arguments of the call on line ${line}, as the module's code computes them`];
  if (found.random.length > 0) notes.push(`the point was drawn at random: ${found.random[0]}`);
  if (evaluated.keywords.length === 0) return { point: { function: p.function, source: p.source, positional, range: p.range }, notes };
  const params = fn.params.filter((q) => q.kind === undefined).map((q) => q.name);
  if (positional.length > params.length) return undefined;
  const named = keyedRecord<PointTree>();
  positional.forEach((v, i) => (named[params[i]!] = v));
  for (const [i, k] of evaluated.keywords.entries()) {
    if (Object.hasOwn(named, k)) return undefined;
    named[k] = found.values[positional.length + i]!;
  }
  return { point: { function: p.function, source: p.source, named, range: p.range }, notes };
}
