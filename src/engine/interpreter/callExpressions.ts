import { fail } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import { isIntrinsicName, type IntrinsicName } from '../../ir/intrinsics';
import type { IrCall, IrIntrinsic } from '../../ir/nodes';
import { ArrayValue } from '../array/ndarray';
import { callIntrinsic, unaryPrimitiveOf } from '../intrinsics';
import { callValue, type KeywordValue } from './calls';
import type { ExprFn, Frame } from './compiled';
import type { CompilerParts } from './constructs';
import { compileElements } from './displays';
import { applyRaising, callRaising } from './raisingCalls';
import { floatWhereIntegerNeeded, withFloatCounts, type FloatCount } from './integerArguments';
import { scalarKind, type ScalarKind } from './scalarKinds';
import type { Scope } from './scope';
import { DictValue, IntrinsicValue, Tracked, typeName, type Value } from './values';
import { compileWhereCall, isPlainWhere } from './whereCall';

/**
 * A call expression: a library function named directly skips the generic dispatch (one unary
 * primitive of a scalar is applied as it is), `np.where(c, x, y)` is compiled on its own
 * (whereCall.ts), and anything else is called through `callValue`.
 */
export function compileCall(c: CompilerParts, e: IrCall, scope: Scope): ExprFn {
  const unary = e.callee.kind === 'intrinsic' && isIntrinsicName(e.callee.name) ? unaryPrimitiveOf(e.callee.name) : undefined;
  if (unary && e.args.length === 1 && e.args[0]!.kind !== 'spread' && e.keywords.length === 0 && (e.keywordSpreads ?? []).length === 0) {
    // `np.sin(x)` of a scalar: the primitive, without the library call's generic checks (which a
    // scalar with no keywords passes).
    const name = (e.callee as { name: IntrinsicName }).name;
    const arg = c.expr(e.args[0]!, scope);
    const site = c.site(e.range);
    const raises = (e.callee as IrIntrinsic).raises === true;
    return (f) => {
      const a = arg(f);
      if (raises && (f.rt.whereBranches > 0 || a instanceof ArrayValue)) return callRaising(f.rt, name, [a], [], site);
      if (typeof a !== 'number' && !(a instanceof Tracked)) return callIntrinsic(f.rt, name, [a], [], site);
      return raises ? applyRaising(f.rt, unary, a, site) : f.rt.apply(unary, a, 0, site);
    };
  }
  if (isPlainWhere(e)) {
    const [test, x, y] = e.args.map((a) => c.expr(a, scope));
    return compileWhereCall(test!, x!, y!, c.site(e.range), [scalarKind(e.args[1]!, scope.kinds), scalarKind(e.args[2]!, scope.kinds)]);
  }
  const evalArgs = compileElements(c, e.args, scope);
  const keywordFns = e.keywords.map((k) => ({ name: k.name, value: c.expr(k.value, scope) }));
  const spreads = (e.keywordSpreads ?? []).map((k) => ({ value: c.expr(k, scope), range: k.range }));
  const site = c.site(e.range);
  const named = keywordFns.length === 0 ? (): KeywordValue[] => [] : (f: Frame): KeywordValue[] => keywordFns.map((k) => ({ name: k.name, value: k.value(f) }));
  const evalKeywords = spreads.length === 0 ? named : (f: Frame): KeywordValue[] => [...named(f), ...spreads.flatMap((k) => keywordsOf(k.value(f), k.range))];
  // A library function named directly skips the generic dispatch.
  if (e.callee.kind === 'intrinsic' && isIntrinsicName(e.callee.name)) {
    const name = e.callee.name;
    // numpy's dtype of the result may hang on whether an argument is an int or a float (`np.full(3, 2.0)`)
    const kinds = e.args.map((a) => scalarKind(a, scope.kinds));
    const floatCount = floatWhereIntegerNeeded(name, e, scope.kinds);
    if (floatCount) {
      const countSite = c.site(floatCount.range);
      const takenKinds = countKinds(kinds, floatCount);
      return (f) => {
        const taken = withFloatCounts(f.rt, floatCount, countSite, evalArgs(f), evalKeywords(f));
        return callIntrinsic(f.rt, name, taken.args, taken.keywords, site, takenKinds);
      };
    }
    if (e.callee.raises) {
      return (f) => {
        const args = evalArgs(f);
        const keywords = evalKeywords(f);
        return callRaising(f.rt, name, args, keywords, site);
      };
    }
    const argumentKinds = kinds.some((k) => k !== undefined) ? kinds : undefined;
    return (f) => callIntrinsic(f.rt, name, evalArgs(f), evalKeywords(f), site, argumentKinds);
  }
  const callee = c.expr(e.callee, scope);
  // A builtin called by its name (`isinstance(k, float)` with `k = 2`) hears its arguments' kinds too.
  const builtinKinds = e.callee.kind === 'name' && !scope.kinds.has(e.callee.name) ? e.args.map((a) => scalarKind(a, scope.kinds)) : [];
  if (builtinKinds.some((k) => k !== undefined)) {
    // `range(n / 2)`: which builtin the name is shows only when it runs (one lookup per builtin).
    const floatCounts = new Map<IntrinsicName, FloatCount | undefined>();
    return (f) => {
      const c = callee(f);
      if (c instanceof IntrinsicValue && !c.raises) {
        if (!floatCounts.has(c.name)) floatCounts.set(c.name, floatWhereIntegerNeeded(c.name, e, scope.kinds));
        const floatCount = floatCounts.get(c.name);
        if (!floatCount) return callIntrinsic(f.rt, c.name, evalArgs(f), evalKeywords(f), site, builtinKinds);
        const taken = withFloatCounts(f.rt, floatCount, site, evalArgs(f), evalKeywords(f));
        return callIntrinsic(f.rt, c.name, taken.args, taken.keywords, site, countKinds(builtinKinds, floatCount));
      }
      return callValue(f.rt, c, evalArgs(f), evalKeywords(f), site);
    };
  }
  return (f) => callValue(f.rt, callee(f), evalArgs(f), evalKeywords(f), site);
}

/** The arguments' kinds once older numpy's int(…) has made the float counts integers. */
function countKinds(kinds: readonly ScalarKind[], taken: FloatCount): ScalarKind[] {
  return kinds.map((k, i) => (taken.positions.includes(i) ? 'int' : k));
}

/** `f(**options)`: a dict with string keys as keyword arguments. */
function keywordsOf(v: Value, range: SourceRange): KeywordValue[] {
  if (!(v instanceof DictValue)) return fail('type', `** in a call needs a dict, got ${typeName(v)}`, range);
  return [...v.entries.values()].map((e) => {
    if (typeof e.key !== 'string') return fail('type', 'keywords passed with ** must be strings', range);
    return { name: e.key, value: e.value };
  });
}
