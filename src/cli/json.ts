import type { Diagnostic } from '../core/diagnostic';
import { diagnosticText } from '../core/diagnosticText';
import type { SourceRange } from '../core/sourceRange';

/** The CLI's location fields: one-based lines and columns, as editors and compilers print them. */
export function location(range: SourceRange): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: range.start.line + 1, column: range.start.column + 1, endLine: range.end.line + 1, endColumn: range.end.column + 1 };
}

/** A diagnostic for the CLI's JSON: its numbers in the one number format at the default precision. */
export function diagnosticJson(d: Diagnostic): { message: string; line: number; column: number; endLine: number; endColumn: number } {
  return { message: diagnosticText(d), ...location(d.range) };
}

/**
 * JSON has no infinities or NaN; they print as null, and the result's warnings say why (every
 * non-finite derivative comes with a non-differentiable or domain warning).
 */
export function stringify(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
}
