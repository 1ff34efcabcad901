import { create, parseDependencies, simplifyDependencies, type MathNode } from 'mathjs';

/**
 * mathjs's `simplify` with only it and the parser instantiated. Loaded by `simplify.ts` on the first
 * formula, not with the analysis: evaluating mathjs's modules is a good part of the worker's start.
 */
export function makeSimplifier(): (expr: string) => MathNode {
  const m = create({ simplifyDependencies: simplifyDependencies!, parseDependencies: parseDependencies! });
  return (expr) => m.simplify!(expr);
}
