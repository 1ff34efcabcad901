/**
 * Text from the user's file shown in an editor surface or the graph panel: names, and string values
 * (a `raise ValueError(msg)`, a dict key, a returned string). Bidirectional controls (U+202E, the
 * isolates, the marks) would reorder the text around them ("Trojan Source"), so each is written as
 * its escape, `\u202e`, instead. Names holding them are refused in code already (nesting.ts); string
 * values are not, so every surface passes its text through here. In protocol/ so that the extension
 * host, the worker and the webview share one definition.
 */

/** Characters that change the direction of the text after them, and the marks that do it silently. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every bidirectional control written as its `\uXXXX` escape. */
export function visibleBidi(text: string): string {
  return text.replace(BIDI, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
