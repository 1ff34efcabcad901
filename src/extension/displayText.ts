/**
 * Text from the user's file (names, messages quoting them) shown in the editor's own surfaces.
 * Lens titles and notifications render `$(name)` as an icon, so a function named `$` would turn
 * its lens into codicon syntax; bidirectional controls (U+202E…) would reorder the text around
 * them. Both are made visible instead. Pure, so unit tests read it.
 */

import { visibleBidi } from '../protocol/visibleText';

/** `text` with bidi controls written as `\u202e` and `$(` escaped as lens titles and notifications need. */
export function shownText(text: string): string {
  return visibleBidi(text).replace(/\$\(/g, '\\$(');
}

/** The same for Markdown (hovers) and the Problems panel: bidi controls made visible; Markdown escaping is the caller's. */
export function withoutBidi(text: string): string {
  return visibleBidi(text);
}
