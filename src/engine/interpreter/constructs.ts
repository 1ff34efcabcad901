import { fail } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type { Language } from '../../ir/nodes';
import type { IrAssert, IrClause, IrComprehension, IrDict, IrExpr, IrMatch, IrRaise, IrTarget, IrTemplate, IrTry, IrWith } from '../../ir/nodes';
import { Frame, Signal, ThrownError, type ExprFn, type StmtFn } from './compiled';
import { dictSet, makeSet, setAdd } from './containers';
import { errorType, exceptionOf, handles, RaisedError } from './exceptions';
import { truthy } from './operators';
import { Scope } from './scope';
import { iterate } from './sequences';
import { copiedValue } from './methods';
import { formatWithSpec, jsString, pyRepr, pyStr } from './strings';
import { DictValue, ErrorTypeValue, ErrorValue, InertValue, RangeValue, SequenceValue, SetValue, typeName, type Value } from './values';

/**
 * The compilers of the constructs real code is full of but numbers rarely flow through: exceptions,
 * `with`, comprehensions, dicts, f-strings, spreads. Each compiles IR to closures like the rest of
 * `compile.ts`, whose compiler it is given; every loop here takes steps from the budget.
 */
export interface CompilerParts {
  expr(e: IrExpr, scope: Scope): ExprFn;
  block(stmts: IrTry['body'], scope: Scope): StmtFn;
  target(t: IrTarget, scope: Scope): (f: Frame, v: Value) => void;
  site(range: SourceRange): number;
  /** The module's language (a template prints numbers as that language does). */
  readonly language?: Language;
}

/**
 * `throw value` / `raise E(...)`. An exception (a built-in type or one made by calling it) is raised
 * as Python raises it; any other value as JavaScript throws it. Without a value, the exception being
 * handled is raised again (Python's bare `raise`).
 */
export function compileThrow(c: CompilerParts, s: IrRaise, scope: Scope): StmtFn {
  const range = s.range;
  if (!s.exception) {
    return (f) => {
      const handling = f.rt.handling;
      if (handling.length === 0) return fail('type', 'a bare `raise` outside an except block: there is no exception to re-raise', range);
      const current = handling[handling.length - 1]!;
      throw current instanceof ErrorValue ? new RaisedError(current) : thrown(current, range);
    };
  }
  const value = c.expr(s.exception, scope);
  return (f) => {
    throw thrown(value(f), range);
  };
}

function thrown(v: Value, range: SourceRange): ThrownError {
  if (v instanceof ErrorValue) return new RaisedError(new ErrorValue(v.type, v.message, range));
  if (v instanceof ErrorTypeValue) return new RaisedError(new ErrorValue(v, '', range));
  return new ThrownError(typeof v === 'string' ? `the function throws: ${v}` : `the function throws ${typeName(v)}`, range, v);
}

/** `ValueError("x must be positive")`: the message as `str()` of the arguments, as Python prints it. */
export function makeError(type: ErrorTypeValue, args: readonly Value[], range: SourceRange): ErrorValue {
  const message = args.length === 0 ? '' : args.length === 1 ? pyStr(args[0]!) : pyStr(new SequenceValue([...args], true));
  return new ErrorValue(type, message, range);
}

export function compileAssert(c: CompilerParts, s: IrAssert, scope: Scope): StmtFn {
  const test = c.expr(s.test, scope);
  const message = s.message ? c.expr(s.message, scope) : undefined;
  const site = c.site(s.test.range);
  const range = s.range;
  return (f) => {
    if (truthy(test(f), f.rt, site)) return Signal.Normal;
    throw new RaisedError(new ErrorValue(errorType('AssertionError'), message ? pyStr(message(f)) : '', range));
  };
}

export function compileTry(c: CompilerParts, s: IrTry, scope: Scope): StmtFn {
  const block = c.block(s.body, scope);
  // Inside a body with handlers an array operation's domain error is raised at once (a handler may
  // catch it, as numpy's FloatingPointError under errstate), not deferred (Runtime.deferredDomain).
  const body: StmtFn =
    s.handlers.length === 0
      ? block
      : (f) => {
          f.rt.guarded++;
          try {
            return block(f);
          } finally {
            f.rt.guarded--;
          }
        };
  const handlers = s.handlers.map((h) => ({
    types: h.types ? c.expr(h.types, scope) : undefined,
    bind: h.name ? c.target({ kind: 'name', name: h.name, range: h.range }, scope) : undefined,
    body: c.block(h.body, scope),
    range: h.range,
  }));
  const otherwise = s.else.length > 0 ? c.block(s.else, scope) : undefined;
  const cleanup = s.finally.length > 0 ? c.block(s.finally, scope) : undefined;
  const runCleanup = (f: Frame, signal: Signal): Signal => {
    if (!cleanup) return signal;
    const returned = f.returned;
    const own = cleanup(f);
    if (own !== Signal.Normal) return own;
    f.returned = returned;
    return signal;
  };
  /** A `return`/`break` in `finally` replaces what the program threw, as in Python and JavaScript; never GradLens's own error. */
  const unwind = (f: Frame, e: unknown): Signal => {
    const own = runCleanup(f, Signal.Normal);
    if (own !== Signal.Normal && e instanceof ThrownError) return own;
    throw e;
  };
  const handlerFor = (f: Frame, e: unknown): { handler: (typeof handlers)[number]; value: Value } | undefined => {
    for (const handler of handlers) {
      if (!handler.types) {
        if (e instanceof ThrownError) return { handler, value: e.value };
        continue;
      }
      const error = exceptionOf(e);
      if (error && matches(f, handler.types, error, handler.range)) return { handler, value: error };
    }
    return undefined;
  };
  return (f) => {
    const depth = f.rt.callDepth;
    let signal: Signal;
    try {
      signal = body(f);
    } catch (e) {
      // The calls the error unwound never returned: their depth is given back here.
      f.rt.callDepth = depth;
      const found = handlerFor(f, e);
      if (!found) return unwind(f, e);
      found.handler.bind?.(f, found.value);
      f.rt.handling.push(found.value);
      try {
        signal = found.handler.body(f);
      } catch (inner) {
        f.rt.callDepth = depth;
        return unwind(f, inner);
      } finally {
        f.rt.handling.pop();
      }
      return runCleanup(f, signal);
    }
    if (otherwise && signal === Signal.Normal) {
      try {
        signal = otherwise(f);
      } catch (e) {
        f.rt.callDepth = depth;
        return unwind(f, e);
      }
    }
    return runCleanup(f, signal);
  };
}

function matches(f: Frame, types: ExprFn, error: ErrorValue, range: SourceRange): boolean {
  const t = types(f);
  const list = t instanceof SequenceValue ? t.items : [t];
  return list.some((x) => {
    if (x instanceof ErrorTypeValue) return handles(error, x);
    return fail('type', `an except clause needs exception types, got ${typeName(x)}`, range);
  });
}

/** Context managers the engine knows to do nothing to the numbers (`np.errstate`, `warnings.catch_warnings`). */
export function compileWith(c: CompilerParts, s: IrWith, scope: Scope): StmtFn {
  const items = s.items.map((item) => ({
    context: c.expr(item.context, scope),
    bind: item.target ? c.target(item.target, scope) : undefined,
    range: item.context.range,
    text: item.context,
  }));
  const body = c.block(s.body, scope);
  return (f) => {
    for (const item of items) {
      const v = item.context(f);
      if (!(v instanceof InertValue)) {
        fail('unsupported', `\`with\` over ${typeName(v)}: GradLens enters only context managers that change no number (np.errstate, warnings.catch_warnings)`, item.range);
      }
      item.bind?.(f, v);
    }
    return body(f);
  };
}

/**
 * `match`: the subject is evaluated once into a slot of the frame (each call of the function has its
 * own, so a guard that calls the function again cannot disturb it), which the cases' tests read.
 */
export function compileMatch(c: CompilerParts, s: IrMatch, scope: Scope): StmtFn {
  const subject = c.expr(s.subject, scope);
  const slot = scope.temporary();
  scope.matchSubjects.push(slot);
  const cases = c.block(s.cases, scope);
  scope.matchSubjects.pop();
  return (f) => {
    f.slots[slot] = subject(f);
    return cases(f);
  };
}

/**
 * A comprehension runs in a frame of its own (its targets are its own variables, as in Python 3),
 * whose parent is the enclosing function's frame. The first iterable is read in the enclosing scope.
 */
export function compileComprehension(c: CompilerParts, e: IrComprehension, scope: Scope): ExprFn {
  const names: string[] = [];
  const collect = (t: IrClause & { kind: 'for' }): void => {
    const visit = (x: typeof t.target): void => {
      if (x.kind === 'name') names.push(x.name);
      else if (x.kind === 'tuple') x.elements.forEach(visit);
    };
    visit(t.target);
  };
  e.clauses.forEach((cl) => cl.kind === 'for' && collect(cl));
  const inner = new Scope([...new Set(names)], scope, null, new Set(), new Set(), true);
  const site = c.site(e.range);
  const what = `the comprehension at line ${e.range.start.line + 1}`;
  type Step = { kind: 'for'; iter: ExprFn; assign: (f: Frame, v: Value) => void; outer: boolean } | { kind: 'if'; test: ExprFn; site: number };
  const steps: Step[] = e.clauses.map((cl, i) =>
    cl.kind === 'for'
      ? { kind: 'for', iter: c.expr(cl.iterable, i === 0 ? scope : inner), assign: c.target(cl.target, inner), outer: i === 0 }
      : { kind: 'if', test: c.expr(cl.test, inner), site: c.site(cl.test.range) },
  );
  const element = c.expr(e.element, inner);
  const key = e.key ? c.expr(e.key, inner) : undefined;
  const result = e.result;
  return (f) => {
    const frame = new Frame(new Array(inner.size), f, f.rt);
    const list: Value[] = [];
    const dict = result === 'dict' ? new DictValue() : undefined;
    const set = result === 'set' ? new SetValue() : undefined;
    const emit = (): void => {
      f.rt.allocate(8, site);
      if (dict) dictSet(f.rt, dict, key!(frame), element(frame), site);
      else if (set) setAdd(f.rt, set, element(frame), site);
      else list.push(element(frame));
    };
    const run = (i: number): void => {
      if (i === steps.length) return emit();
      const st = steps[i]!;
      if (st.kind === 'if') {
        if (truthy(st.test(frame), f.rt, st.site)) run(i + 1);
        return;
      }
      const it = st.iter(st.outer ? f : frame);
      if (it instanceof RangeValue) {
        for (let k = 0; k < it.length; k++) {
          f.rt.step(site, what);
          st.assign(frame, it.at(k));
          run(i + 1);
        }
        return;
      }
      const items = iterate(f.rt, it, site, 'a comprehension');
      for (let k = 0; k < items.length; k++) {
        f.rt.step(site, what);
        st.assign(frame, items[k]!);
        run(i + 1);
      }
    };
    run(0);
    return dict ?? set ?? new SequenceValue(list, false);
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
    return (f: Frame): string => {
      const v = value(f);
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
