/**
 * Text from the user's file (names, messages quoting them) shown in the editor's own surfaces.
 * Lens titles and notifications render `$(name)` as an icon, so a function named `$` would turn
 * its lens into codicon syntax; bidirectional controls (U+202E…) would reorder the text around
 * them. Both are made visible instead. Pure, so unit tests read it.
 */

/** Characters that change the direction of the text after them, and the marks that do it silently. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with bidi controls written as `\u202e` and `$(` escaped as lens titles and notifications need. */
export function shownText(text: string): string {
  return text.replace(BIDI, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\$\(/g, '\\$(');
}

/** The same for Markdown (hovers): bidi controls made visible; Markdown escaping is the caller's. */
export function withoutBidi(text: string): string {
  return text.replace(BIDI, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
