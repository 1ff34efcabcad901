/**
 * Which parts of a notes file may hold notation. Definitions and points are whole lines; a Markdown
 * list bullet, indentation, or backticks around the whole line are decoration and are stripped.
 * Fenced blocks are read when untagged or tagged as math/text (a ```python block's `f(2, 5)` is
 * Python, not a point), and `$$ … $$` display blocks are LaTeX, so they are skipped.
 */

export type NotesLine =
  /** Offsets of the text that may be notation, decoration removed. */
  | { readonly kind: 'candidate'; readonly line: number; readonly from: number; readonly to: number; readonly latex?: true }
  | { readonly kind: 'blank'; readonly line: number }
  /** A fence, or a line inside a foreign fence or a display-math block. */
  | { readonly kind: 'skipped'; readonly line: number };

const READ_FENCE_TAGS = new Set(['', 'math', 'text', 'txt', 'plain', 'plaintext', 'gradlens']);

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const DECORATION = /^\s*(?:(?:[-*+]|\d+[.)])\s+)?/;

export function scanNotes(text: string): NotesLine[] {
  const out: NotesLine[] = [];
  let fence: { marker: string; read: boolean } | undefined;
  let displayMath = false;
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    // A CRLF file's '\r' is not part of the line.
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    const lineText = text.slice(start, lineEnd);

    const fenceMatch = displayMath ? null : FENCE.exec(lineText);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (!fence) fence = { marker, read: READ_FENCE_TAGS.has(fenceMatch[2]!.toLowerCase()) };
      else if (marker[0] === fence.marker[0] && marker.length >= fence.marker.length && lineText.trim() === marker) fence = undefined;
      out.push({ kind: 'skipped', line });
    } else if (fence && !fence.read) {
      out.push({ kind: 'skipped', line });
    } else if (!fence && (displayMath || lineText.trimStart().startsWith('$$'))) {
      // An odd number of `$$` on a line opens or closes a display block; `$$ … $$` on one line does neither.
      const dollars = lineText.split('$$').length - 1;
      const inside = displayMath && dollars === 0;
      if (dollars % 2 === 1) displayMath = !displayMath;
      const oneLine = /^(\s*\$\$)(.*?)\$\$\s*$/.exec(lineText);
      // LaTeX: a line inside a display block, or `$$ … $$` on one line, is read as LaTeX math (latex.ts).
      if (inside && lineText.trim() !== '') out.push({ kind: 'candidate', line, from: start, to: start + lineText.trimEnd().length, latex: true });
      else if (oneLine && dollars === 2 && oneLine[2]!.trim() !== '') out.push({ kind: 'candidate', line, from: start + oneLine[1]!.length, to: start + oneLine[1]!.length + oneLine[2]!.length, latex: true });
      else out.push({ kind: 'skipped', line });
    } else if (lineText.trim() === '') {
      out.push({ kind: 'blank', line });
    } else {
      out.push({ kind: 'candidate', line, ...contentOf(lineText, start) });
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return out;
}

function contentOf(lineText: string, lineStart: number): { from: number; to: number; latex?: true } {
  let from = DECORATION.exec(lineText)![0].length;
  let to = lineText.trimEnd().length;
  const inner = lineText.slice(from, to);
  // `$f(x) = \frac{1}{1 + e^{-x}}$`: inline LaTeX math around the whole line.
  if (inner.length >= 3 && inner.startsWith('$') && inner.endsWith('$') && !inner.slice(1, -1).includes('$')) {
    return { from: lineStart + from + 1, to: lineStart + to - 1, latex: true };
  }
  // `f(x) = x^2` written as inline code so it renders as code: the backticks are not notation.
  if (inner.length >= 2 && inner.startsWith('`') && inner.endsWith('`') && !inner.slice(1, -1).includes('`')) {
    from += 1;
    to -= 1;
  }
  return { from: lineStart + from, to: lineStart + to };
}
