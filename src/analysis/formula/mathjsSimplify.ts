import { create, parseDependencies, simplifyDependencies, type MathNode } from 'mathjs';

/**
 * mathjs's `simplify` with only it and the parser instantiated. Loaded by `simplify.ts` on the first
 * formula, not with the analysis: evaluating mathjs's modules is a good part of the worker's start.
 *
 * mathjs offers no way to stop a simplification, which repeats its rules until nothing changes. So
 * `check` runs after every rule of every pass (`rulesPerPass` times a pass) (a rule that returns the expression as it is, which
 * changes nothing of the result): it throws to stop, and a rule's one pass over a formula the caller
 * bounds in size is short.
 */
export function makeSimplifier(): { simplify: (expr: string, check: () => void) => MathNode; rulesPerPass: number } {
  const m = create({ simplifyDependencies: simplifyDependencies!, parseDependencies: parseDependencies! });
  const simplify = m.simplify!;
  let current: () => void = () => undefined;
  const clock = (node: MathNode): MathNode => {
    current();
    return node;
  };
  const rules = simplify.rules.flatMap((rule) => [rule, clock]);
  return {
    simplify: (expr, check) => {
      current = check;
      try {
        return simplify(expr, rules);
      } finally {
        current = () => undefined;
      }
    },
    /** How often `check` runs in one pass. */
    rulesPerPass: simplify.rules.length,
  };
}
