import type { SourceRange } from '../../core/sourceRange';
import type { IrExpr, IrKeywordArg } from '../../ir/nodes';

/**
 * `functools.partial(f, a, k=v)` as the closure it is: an IR lambda that calls f with the arguments
 * given first and its own after, `f(a, *args, **{'k': v, **kwargs})` — a keyword given at the call
 * wins over the partial's, as Python's does. f and the given arguments are evaluated once, where the
 * partial is made (an outer lambda called at once binds them), not at each call. The names of its
 * parameters hold `@`, which no Python name can, so the arguments cannot see them.
 */
export function lowerPartial(args: readonly IrExpr[], keywords: readonly IrKeywordArg[], keywordSpreads: readonly IrExpr[], range: SourceRange): IrExpr | undefined {
  const [fn, ...given] = args;
  if (!fn || fn.kind === 'spread') return undefined;
  const name = (n: string): IrExpr => ({ kind: 'name', name: n, range });
  const [F, GIVEN, NAMED, REST, MORE] = ['partial function@', 'partial arguments@', 'partial keywords@', 'partial rest@', 'partial more keywords@'];
  const inner: IrExpr = {
    kind: 'lambda',
    params: [
      { name: REST, kind: 'varargs', range },
      { name: MORE, kind: 'varkw', range },
    ],
    body: {
      kind: 'call',
      callee: name(F),
      args: [{ kind: 'spread', value: name(GIVEN), range }, { kind: 'spread', value: name(REST), range }],
      keywords: [],
      keywordSpreads: [{ kind: 'dict', entries: [{ spread: name(NAMED) }, { spread: name(MORE) }], range }],
      range,
    },
    range,
  };
  const outer: IrExpr = { kind: 'lambda', params: [F, GIVEN, NAMED].map((n) => ({ name: n, range })), body: inner, range };
  const named: IrExpr = {
    kind: 'dict',
    entries: [...keywords.map((k) => ({ key: { kind: 'string' as const, value: k.name, range: k.range }, value: k.value })), ...keywordSpreads.map((s) => ({ spread: s }))],
    range,
  };
  return { kind: 'call', callee: outer, args: [fn, { kind: 'tuple', elements: given, range }, named], keywords: [], range };
}
