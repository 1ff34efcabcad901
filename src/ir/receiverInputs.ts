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

/**
 * `self` or `this` alone: the whole receiver — the attributes the method reads that hold numbers, its
 * gradient an object of them under that name (`{"this": {"x": …, "y": …}}`), as an object parameter's is.
 */
export function isReceiverName(name: string): boolean {
  return name === 'self' || name === 'this';
}

/** The `self.NAME` (and whole-receiver `self`) entries of a `wrt` list, in order. */
export function receiverInputs(wrt: readonly string[] | undefined): string[] {
  return (wrt ?? []).filter((n) => receiverAttribute(n) !== undefined || isReceiverName(n));
}

/**
 * What a lens differentiates when nobody said (`wrt` undefined and no `@wrt`): the parameters — or,
 * for a method with none of its own that reads its instance (`length()`), the receiver as a whole.
 */
export function defaultWrt(fn: { readonly params: readonly { readonly kind?: string }[]; readonly wrt?: readonly string[]; readonly receiver?: { readonly name: string; readonly fields: readonly string[] } }): readonly string[] | undefined {
  if (fn.wrt) return fn.wrt;
  const own = fn.params.some((p) => p.kind !== 'varargs' && p.kind !== 'varkw');
  return !own && fn.receiver && fn.receiver.fields.length > 0 ? [fn.receiver.name] : undefined;
}

/** The first of `names` that is neither a parameter of `fn` nor, for an instance method, `self.NAME` or `self`. */
export function unknownWrt(names: readonly string[], fn: { readonly params: readonly string[]; readonly hasInstance?: boolean }): string | undefined {
  return names.find((n) => !fn.params.includes(n) && !(fn.hasInstance && (receiverAttribute(n) !== undefined || isReceiverName(n))));
}

/** What `@wrt`/`--wrt` may name, for a message: `is not a parameter of f (its parameters are x, y)`. */
export function wrtChoices(fn: { readonly name: string; readonly params: readonly string[]; readonly hasInstance?: boolean; readonly patterns?: readonly { readonly name: string; readonly pattern?: string }[] }): string {
  const attrs = fn.hasInstance ? ', or an attribute of its instance such as self.w, or self for all it reads' : '';
  return `is not a parameter of ${fn.name} (its parameters are ${fn.params.join(', ') || 'none'}${attrs}${destructuredNote(fn.patterns ?? [])})`;
}
