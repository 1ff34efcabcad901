import { ownValue } from '../core/keyed';
import { isPointValue, parsePointArgument } from '../analysis/points';
import type { PointValue } from '../engine/run';
import type { FunctionReport } from '../report/report';

/** The point input of "Differentiate at Point…": pure, so unit tests check it without an editor. */

/** `x1=1.5, x2=0.5` — the form the input box takes and prefills. */
export function pointText(point: Readonly<Record<string, PointValue>>, params: readonly string[]): string {
  return params.filter((p) => ownValue(point, p) !== undefined).map((p) => `${p}=${JSON.stringify(ownValue(point, p))}`).join(', ');
}

/** Why `text` is not a point for `fn`, or undefined when it is. */
export function validatePoint(text: string, fn: FunctionReport): string | undefined {
  const parsed = parsePointArgument(text.trim().startsWith('{') ? text : text.replace(/;/g, ','));
  if (!parsed.ok) return parsed.message.replace(/^--at:? ?/, '');
  for (const k of Object.keys(parsed.value)) if (!fn.params.includes(k)) return `${k} is not a parameter of ${fn.name}(${fn.params.join(', ')})`;
  const missing = fn.params.filter((p) => ownValue(parsed.value, p) === undefined);
  if (missing.length > 0) return `missing ${missing.join(', ')} (example: ${fn.params.map((p, i) => `${p}=${i + 1}`).join(', ')})`;
  for (const [k, v] of Object.entries(parsed.value)) if (!isPointValue(v)) return `the value of ${k} must be a number, a list of numbers, a string or true/false/null`;
  return undefined;
}

