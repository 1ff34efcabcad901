/**
 * A destructured parameter (`function f({ m, v })`) has no name of its own: it is named by its
 * position, `arg0` (README, "object parameters"). Messages that list a function's parameters say
 * which `argN` is which pattern, so `@at m=2` gets the way to write it: `arg0={…}`.
 */
export function destructuredNote(params: readonly { readonly name: string; readonly pattern?: string }[]): string {
  const patterns = params.filter((p) => p.pattern !== undefined);
  if (patterns.length === 0) return '';
  return `; ${patterns.map((p) => `${p.name} is the destructured ${p.pattern}`).join(', ')}, given as ${patterns.map((p) => `${p.name}=${p.pattern!.trim().startsWith('[') ? '[…]' : '{…}'}`).join(', ')}`;
}

/** A pattern's text on one line, its runs of whitespace one space (`{ m, v }`). */
export function patternText(text: string): string {
  return text.replace(/\s+/g, ' ');
}
