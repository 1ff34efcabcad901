import { ownValue } from '../core/keyed';
import { countEntries, formatNumber, formatPoint, MAX_LISTED_ENTRIES, shapeText, summarizeValue, withSubscripts } from '../report/format';
import type { CheckReport, FunctionReport } from '../report/report';

/** The one-line texts lenses, hovers and notifications share. Pure, so unit tests read them. */

/** `f(2, 5) = 11.6521 · ∇f = (5.5, 1.7163)`, arrays summarized. */
export function resultTitle(fn: FunctionReport, digits: number): string {
  const r = fn.result!;
  // Large array arguments read as their shape: the lens has one line.
  const at = formatPoint(fn.point!.values, fn.params, (v, digits) => (Array.isArray(v) && countEntries(v) > MAX_LISTED_ENTRIES ? `${shapeText(v)} array` : summarizeValue(v, digits)));
  const value = summarizeValue(r.value, digits);
  if (r.gradient) {
    const shown = fn.params.filter((p) => ownValue(r.gradient!, p) !== undefined);
    const parts = shown.map((p) => summarizeValue(ownValue(r.gradient!, p)!, digits));
    const grad = parts.length === 1 ? parts[0]! : `(${parts.join(', ')})`;
    return `${fn.name}(${at}) = ${value} · ∇${fn.name} = ${grad}`;
  }
  return `${fn.name}(${at}) = ${value} · Jacobian computed (hover for it)`;
}

/** `✓ matches ∇f at 9 points (max rel. error 2.2e-16)` or `✗ ∂f/∂x₂ differs: yours −13.2041, AD −13.724 at (1.5, 0.5)`. */
export function checkTitle(fn: FunctionReport, check: CheckReport): string {
  if (!check.outcome.ok) return `GradLens: cannot check ${fn.name} — ${check.outcome.error.message}`;
  const c = check.outcome.value;
  if (c.verdict === 'match') return `✓ matches ${withSubscripts(check.what)} at ${c.points} points (max rel. error ${c.maxRelError === 0 ? '0' : c.maxRelError.toExponential(1)})`;
  const first = c.components[0]!;
  const more = c.components.length > 1 ? ` (+${c.components.length - 1} more)` : '';
  return `✗ ${withSubscripts(first.name)} differs: yours ${formatNumber(first.yours)}, AD ${formatNumber(first.ad)} at (${formatPoint(first.at, check.ofParams)})${more}`;
}

