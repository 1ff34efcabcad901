import { destructuredNote } from './parameterText';
/**
 * `@wrt self.w` (and `--wrt self.w`): a method differentiated with respect to an attribute of the
 * instance it runs on. Such a name stands beside the parameters in a function's `wrt` list; the
 * engine makes the attribute's value (after the instance is made) an input of the recording, and
 * its derivative comes back under the same name. One spelling for every language's receiver.
 */
const ATTRIBUTE = /^(?:self|this)\.([\p{L}_$][\p{L}\p{M}\p{N}_$]*)$/u;

/** `self.w` → `w`; undefined for a plain parameter name. */
export function receiverAttribute(name: string): string | undefined {
  return ATTRIBUTE.exec(name)?.[1];
}

/** The `self.NAME` entries of a `wrt` list, in order. */
export function receiverInputs(wrt: readonly string[] | undefined): string[] {
  return (wrt ?? []).filter((n) => receiverAttribute(n) !== undefined);
}

/** The first of `names` that is neither a parameter of `fn` nor, for an instance method, `self.NAME`. */
export function unknownWrt(names: readonly string[], fn: { readonly params: readonly string[]; readonly hasInstance?: boolean }): string | undefined {
  return names.find((n) => !fn.params.includes(n) && !(fn.hasInstance && receiverAttribute(n) !== undefined));
}

/** What `@wrt`/`--wrt` may name, for a message: `is not a parameter of f (its parameters are x, y)`. */
export function wrtChoices(fn: { readonly name: string; readonly params: readonly string[]; readonly hasInstance?: boolean; readonly patterns?: readonly { readonly name: string; readonly pattern?: string }[] }): string {
  const attrs = fn.hasInstance ? ', or an attribute of its instance such as self.w' : '';
  return `is not a parameter of ${fn.name} (its parameters are ${fn.params.join(', ') || 'none'}${attrs}${destructuredNote(fn.patterns ?? [])})`;
}
