/** Numbers as the seeds' tables print them: three decimals (`−1.980`), exponents when tiny or huge. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const abs = Math.abs(x);
  const s = abs !== 0 && (abs >= 1e5 || abs < 1e-3) ? x.toExponential(3) : x.toFixed(3);
  return s.replace('-', '−');
}

/** Full precision, for tooltips. */
export function full(x: number | null | undefined): string {
  return x === null || x === undefined ? 'not a finite number' : String(x).replace('-', '−');
}

/** `3:5` (one-based, as editors show it). */
export function where(range: { start: { line: number; column: number } }): string {
  return `line ${range.start.line + 1}`;
}
