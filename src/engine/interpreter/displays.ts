import { fail } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type { IrDict, IrExpr, IrSequence, IrTemplate } from '../../ir/nodes';
import type { Frame, ExprFn } from './compiled';
import type { CompilerParts } from './constructs';
import { dictSet, makeSet } from './containers';
import { copiedValue } from './methods';
import { scalarKind } from './scalarKinds';
import type { Scope } from './scope';
import { iterate } from './sequences';
import { formatWithSpec, jsString, pyRepr, pyStr } from './strings';
import { guessedInContainer, numberText } from './builtins';
import { DictValue, SequenceValue, typeName, type Value } from './values';

/**
 * Displays: the values written out element by element — lists, tuples, sets, dicts, f-strings and
 * template literals — and the elements of a call's arguments (`*xs` spread in place).
 */

/** `[a, b]`, `(a, b)`: a list or a tuple of the elements, `*xs` spread in place. */
export function compileSequence(c: CompilerParts, e: IrSequence, scope: Scope): ExprFn {
  const elements = compileElements(c, e.elements, scope);
  const isTuple = e.kind === 'tuple';
  const site = c.site(e.range);
  // `[1.0, 2.0]`, `[v, 2]` with `v = 1.0`: whole values, but numpy's array of it holds floats;
  // `[1, n]` with `n = len(x)`: ints for sure (construct.ts).
  const kinds = e.elements.map((x) => scalarKind(x, scope.kinds));
  const floatLiteral = kinds.includes('float');
  const exactInts = !floatLiteral && kinds.length > 0 && kinds.every((k) => k === 'int' || k === 'bool');
  return (f) => {
    const items = elements(f);
    f.rt.allocate(8 * items.length + 32, site);
    return new SequenceValue(items, isTuple, undefined, floatLiteral, exactInts ? [...items] : undefined, floatLiteral ? { items: [...items], kinds } : undefined);
  };
}

export function compileDict(c: CompilerParts, e: IrDict, scope: Scope): ExprFn {
  type Entry = { readonly kind: 'spread'; readonly spread: ExprFn; readonly range: SourceRange } | { readonly kind: 'pair'; readonly key: ExprFn; readonly value: ExprFn };
  const entries = e.entries.map((entry): Entry =>
    'spread' in entry ? { kind: 'spread', spread: c.expr(entry.spread, scope), range: entry.spread.range } : { kind: 'pair', key: c.expr(entry.key, scope), value: c.expr(entry.value, scope) },
  );
  const site = c.site(e.range);
  return (f) => {
    const d = new DictValue();
    for (const entry of entries) {
      if (entry.kind === 'spread') {
        const other = entry.spread(f);
        if (!(other instanceof DictValue)) return fail('type', `** needs a dict, got ${typeName(other)}`, entry.range);
        for (const x of other.entries.values()) dictSet(f.rt, d, x.key, copiedValue(f.rt, other, x.value, site), site);
      } else dictSet(f.rt, d, entry.key(f), entry.value(f), site);
    }
    return d;
  };
}

export function compileTemplate(c: CompilerParts, e: IrTemplate, scope: Scope): ExprFn {
  const site = c.site(e.range);
  // One node for f-strings and template literals; the module's language says how a field prints.
  const js = c.language === 'typescript';
  const parts = e.parts.map((p) => {
    if (typeof p === 'string') return (): string => p;
    const value = c.expr(p.value, scope);
    const spec = p.spec ? c.expr(p.spec, scope) : undefined;
    const conversion = p.conversion;
    if (js && !spec && !conversion) return (f: Frame): string => jsString(value(f));
    // `f"{3.0}"` is '3.0': a float the source makes (scalarKinds.ts) prints as one, though its value is whole.
    const kind = js ? undefined : scalarKind(p.value, scope.kinds);
    return (f: Frame): string => {
      const v = value(f);
      if (!js && typeof v === 'number' && !spec) return numberText(f.rt, v, kind, site);
      // `f"{[1.0, 2]}"`: a container's whole numbers print as the source made them, a guess said (strings.ts).
      if (!js && !spec && typeof v !== 'string') return conversion === 'r' || conversion === 'a' ? pyRepr(v, guessedInContainer(f.rt, site)) : pyStr(v, guessedInContainer(f.rt, site));
      const shown: Value = conversion === 'r' || conversion === 'a' ? pyRepr(v) : conversion === 's' ? pyStr(v) : v;
      return formatWithSpec(f.rt, shown, spec ? pyStr(spec(f)) : '', site);
    };
  });
  return (f) => {
    let out = '';
    for (const p of parts) out += p(f);
    f.rt.allocate(2 * out.length, site);
    return out;
  };
}

/** Elements of a display or arguments of a call, with `*xs` spread in place. */
export function compileElements(c: CompilerParts, elements: readonly IrExpr[], scope: Scope): (f: Frame) => Value[] {
  type Element = { readonly spread?: undefined; readonly one: ExprFn } | { readonly spread: ExprFn; readonly site: number };
  const fns = elements.map((x): Element => (x.kind === 'spread' ? { spread: c.expr(x.value, scope), site: c.site(x.range) } : { one: c.expr(x, scope) }));
  if (fns.every((x) => x.spread === undefined)) {
    const ones = fns.map((x) => (x as { one: ExprFn }).one);
    return (f) => {
      const out = new Array<Value>(ones.length);
      for (let i = 0; i < ones.length; i++) out[i] = ones[i]!(f);
      return out;
    };
  }
  return (f) => {
    const out: Value[] = [];
    for (const x of fns) {
      if (x.spread === undefined) out.push(x.one(f));
      else out.push(...iterate(f.rt, x.spread(f), x.site, 'unpacking with *'));
    }
    return out;
  };
}

export function compileSet(c: CompilerParts, elements: readonly IrExpr[], range: SourceRange, scope: Scope): ExprFn {
  const items = compileElements(c, elements, scope);
  const site = c.site(range);
  return (f) => makeSet(f.rt, items(f), site);
}
