/**
 * The one way GradLens prints a number for people to read — lenses, hovers, Problems, notifications,
 * the graph panel (the webview imports this file too). `precision` is the `gradlens.precision`
 * setting: decimal places, trailing zeros dropped; numbers at or above 1e6 or below 1e-4 in
 * magnitude take exponent form with `precision` significant digits. The minus is U+2212, as in print.
 * Only copies (Copy Gradient) carry full precision, in the notation they are pasted into.
 */

/** Where the setting starts out, and what a caller that was given none uses. */
export const DEFAULT_PRECISION = 4;

const MINUS = '\u2212';

export interface NumberTextOptions {
  /** Keep trailing zeros (`1.500`), so a table column's decimals line up. */
  readonly fixed?: boolean;
}

export function formatNumber(x: number, precision: number = DEFAULT_PRECISION, options: NumberTextOptions = {}): string {
  const trim = options.fixed ? (t: string): string => t : withoutTrailingZeros;
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  const places = Math.min(17, Math.max(1, Math.round(precision)));
  if (x === 0) return options.fixed ? (0).toFixed(places) : '0';
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-4) {
    const [mantissa, exponent] = x.toExponential(places - 1).split('e') as [string, string];
    return `${trim(mantissa)}e${Number(exponent)}`.replace(/-/g, MINUS);
  }
  const text = trim(x.toFixed(places));
  // A small negative number that rounds to zero prints 0, not −0.
  return (/^-0(\.0*)?$/.test(text) ? text.slice(1) : text).replace(/-/g, MINUS);
}

/** Every digit a float64 has (the shortest text that reads back as the same number), Unicode minus: tooltips. */
export function fullNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  return String(x).replace(/-/g, MINUS);
}

function withoutTrailingZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
