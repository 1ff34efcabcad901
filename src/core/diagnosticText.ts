import type { Diagnostic } from './diagnostic';
import { t } from './localize';
import { DEFAULT_PRECISION, formatNumber } from './numberText';

/**
 * How a message that speaks about numbers is shown: the English message (its own key, as every text
 * of `t`) in the display language, each `{k}` the number `values[k]` through the one number format
 * at the reader's precision (`gradlens.precision` in the editor). The engine keeps the numbers as
 * data, so a settings change reformats them without running anything again.
 */
export function messageText(message: string, values: readonly number[] | undefined, precision: number = DEFAULT_PRECISION): string {
  return t(message, ...(values ?? []).map((v) => formatNumber(v, precision)));
}

export function diagnosticText(d: Pick<Diagnostic, 'message' | 'values'>, precision: number = DEFAULT_PRECISION): string {
  return messageText(d.message, d.values, precision);
}

/**
 * `message` with its `{k}` moved to `{k + by}`: a message appended to one that has `by` values of its
 * own keeps pointing at its numbers (`values` of the two, one after the other).
 */
export function shiftValues(message: string, by: number): string {
  return by === 0 ? message : message.replace(/\{(\d+)\}/g, (_w, k: string) => `{${Number(k) + by}}`);
}

/** A piece of a message and the numbers its `{0}`, `{1}` … stand for. */
export interface Phrase {
  readonly text: string;
  readonly values: readonly number[];
}

/** `f({0}, {1})`: a call with its arguments left as numbers. */
export function callTemplate(name: string, arity: number, from = 0): string {
  return `${name}(${Array.from({ length: arity }, (_v, k) => `{${from + k}}`).join(', ')})`;
}
