/**
 * Positions in a source document. Zero-based, like VS Code's `Position`, so the extension converts
 * nothing; the CLI adds one at its boundary (its contract is one-based).
 */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

export function sourceRange(startLine: number, startColumn: number, endLine: number, endColumn: number): SourceRange {
  return { start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn } };
}

/** The smallest range covering both. */
export function coverRanges(a: SourceRange, b: SourceRange): SourceRange {
  const start = comparePositions(a.start, b.start) <= 0 ? a.start : b.start;
  const end = comparePositions(a.end, b.end) >= 0 ? a.end : b.end;
  return { start, end };
}

export function comparePositions(a: SourcePosition, b: SourcePosition): number {
  return a.line !== b.line ? a.line - b.line : a.column - b.column;
}

export function rangeContains(outer: SourceRange, inner: SourceRange): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** `3:5-3:12` (one-based, as editors show it): for messages and golden files. */
export function formatRange(range: SourceRange): string {
  const { start, end } = range;
  return `${start.line + 1}:${start.column + 1}-${end.line + 1}:${end.column + 1}`;
}

/**
 * Maps character offsets to line/column. Front ends whose parsers report offsets (lezer) build one
 * per document; lookups are a binary search over line starts.
 */
export class LineMap {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    // A lone CR ends a line too, as in VS Code's editor and Python's universal newlines.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: clamped - this.lineStarts[lo]! };
  }

  range(from: number, to: number): SourceRange {
    return { start: this.position(from), end: this.position(to) };
  }

  offset(position: SourcePosition): number {
    const lineStart = this.lineStarts[Math.min(position.line, this.lineStarts.length - 1)] ?? 0;
    return Math.min(lineStart + position.column, this.text.length);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    const next = this.lineStarts[line + 1];
    return this.text.slice(start, next === undefined ? undefined : next - 1);
  }
}
