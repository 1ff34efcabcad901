import { t } from '../../src/core/localize';
import { DEFAULT_PRECISION, formatNumber, fullNumber } from '../../src/core/numberText';

/** `gradlens.precision`, as the model being shown carries it. */
let precision = DEFAULT_PRECISION;

export function setPrecision(p: number | undefined): void {
  precision = p ?? DEFAULT_PRECISION;
}

/**
 * Numbers as the panel prints them: GradLens's one number format at the precision setting, with
 * trailing zeros kept (`−1.9800`) so the seeds' table columns line up. `—` for a missing number.
 */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return formatNumber(x, precision, { fixed: true });
}

/** A number in running text (the summary line), as lenses print it: no trailing zeros. */
export function num(x: number | null | undefined): string {
  return x === null || x === undefined || Number.isNaN(x) ? '—' : formatNumber(x, precision);
}

/** Full precision, for tooltips. */
export function full(x: number | null | undefined): string {
  return x === null || x === undefined ? t('not a finite number') : fullNumber(x);
}

/** `3:5` (one-based, as editors show it). */
export function where(range: { start: { line: number; column: number } }): string {
  return t('line {0}', range.start.line + 1);
}
