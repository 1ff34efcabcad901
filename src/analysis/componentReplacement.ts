import type { IrExpr, IrFunction, IrStmt } from '../ir/nodes';
import { releaseTrace } from '../engine/run';
import type { TextEdit } from './bodyReplacement';
import { checkDerivative } from './checks';
import type { DocumentAnalysis } from './document';
import { expressionFormula } from './formula/formula';
import { findPairings } from './pairing';

/**
 * "Replace with GradLens's derivative" on a hand-written gradient that returns its components as
 * separate expressions (`return g1, x1 + np.cos(x2)`) of which exactly one is wrong: only that
 * expression is replaced, by the partial derivative's checked formula (analysis/formula), so the rest
 * of the person's code stays as written. Undefined when that cannot be done — more than one component
 * wrong, the component a bare name (its assignment would be left behind), parameters named otherwise
 * than the function's, no formula — and the caller replaces the body instead.
 */
export function componentReplacement(doc: DocumentAnalysis, of: string, hand: string, text: string): TextEdit | undefined {
  const pairing = findPairings(doc.module.functions).find((p) => p.of.name === of && p.derivative.name === hand && p.what.kind === 'gradient');
  if (!pairing || pairing.byPosition || pairing.outputArgument) return undefined;
  const fn = pairing.of;
  // The formula names f's parameters: the gradient must call them the same.
  if (fn.params.some((p, i) => pairing.derivative.params[i]?.name !== p.name)) return undefined;
  const check = checkDerivative(doc, pairing);
  if (!check.ok || check.value.verdict !== 'mismatch' || check.value.components.length !== 1) return undefined;
  const wrong = check.value.components[0]!;
  const component = wrong.range && returnedComponent(pairing.derivative, wrong.range);
  if (!component || component.kind === 'name') return undefined;
  const parameter = /^∂[^/]*\/∂(\w+)$/.exec(wrong.name)?.[1];
  if (!parameter) return undefined;
  const point = doc.resolvePoint(of);
  if (!point.ok) return undefined;
  const result = doc.gradient(of, point.value);
  if (!result.ok) return undefined;
  try {
    if (!result.value.gradient) return undefined;
    const formula = expressionFormula(fn, result.value.trace, result.value.gradient, doc.module.language, text);
    const partial = formula?.partials.find((p) => p.parameter === parameter);
    return partial ? { range: component.range, text: partial.text } : undefined;
  } finally {
    releaseTrace(result.value.trace);
  }
}

/** The expression of the derivative's last return that sits at `range` (a component of its tuple or list). */
function returnedComponent(derivative: IrFunction, range: IrExpr['range']): IrExpr | undefined {
  const returns = derivative.body.filter((s): s is IrStmt & { kind: 'return' } => s.kind === 'return' && s.value !== undefined);
  const value = returns[returns.length - 1]?.value;
  if (!value || (value.kind !== 'tuple' && value.kind !== 'list')) return undefined;
  const same = (a: IrExpr['range']): boolean => a.start.line === range.start.line && a.start.column === range.start.column && a.end.line === range.end.line && a.end.column === range.end.column;
  return value.elements.find((e) => same(e.range));
}
