import { diagnostic, fail, GradLensError, type Diagnostic } from '../../core/diagnostic';
import { formatRange, type SourceRange } from '../../core/sourceRange';
import { isIntrinsicName, type IntrinsicName } from '../../ir/intrinsics';
import type { IrExpr, IrFunction, IrIntrinsic, IrParam, IrStmt, IrTarget, Language } from '../../ir/nodes';
import { callIntrinsic, unaryPrimitiveOf } from '../intrinsics';
import { callValue, defineFunction, type KeywordValue } from './calls';
import { Frame, Signal, type CompiledFunction, type ExprFn, type StmtFn } from './compiled';
import { getAttribute, getProperty } from './methods';
import { objectUnary } from './objects';
import { compare, negate, requireScalar, truthTest, truthy } from './operators';
import { bitwiseNot } from './bitwise';
import { Scope, declaredNames, localNames } from './scope';
import { compileAssert, compileComprehension, compileDict, compileElements, compileMatch, compileThrow, compileSet, compileTemplate, compileTry, compileWith } from './constructs';
import { errorType } from './exceptions';
import { compileIndex } from './indexing';
import { compileFor, compileWhile } from './loops';
import { compileAugAssign, compileTarget, type Assign } from './assignments';
import { binaryExpr, sumExpr } from './binaryExpr';
import { nameKinds, operandKinds, scalarKind } from './scalarKinds';
import { compileWhereCall, isPlainWhere } from './whereCall';
import { callRaising } from './raisingCalls';
import { passOverUnavailable, validationCall } from './validationCalls';
import { augmentedTree, scalarTree } from './scalarTrees';
import { elementWrite } from './treeElements';
import { DictValue, EllipsisValue, ExactInteger, InstanceValue, IntrinsicValue, None, NotImplementedValue, SequenceValue, SliceValue, SuperValue, Tracked, typeName, type ClassValue, type Value } from './values';
import { ArrayValue } from '../array/ndarray';

/** `f(**options)`: a dict with string keys as keyword arguments. */
function keywordsOf(v: Value, range: SourceRange): KeywordValue[] {
  if (!(v instanceof DictValue)) return fail('type', `** in a call needs a dict, got ${typeName(v)}`, range);
  return [...v.entries.values()].map((e) => {
    if (typeof e.key !== 'string') return fail('type', 'keywords passed with ** must be strings', range);
    return { name: e.key, value: e.value };
  });
}

/** What a function body can see besides its own scopes: the module's functions and globals. */
export interface ModuleEnvironment {
  readonly sites: SourceRange[];
  /** A module-level function's value, or a reason it cannot run. */
  moduleFunction(name: string): { value: () => Value } | undefined;
  /** A global binding's value (intrinsic import, builtin, module constant), evaluated per run. */
  global(name: string): { value: (f: Frame) => Value } | undefined;
  /** Where a run keeps a module-level name's value (`global x` writes it there; reads look there first). */
  globalKey?(name: string): string;
  /** The module's language: how its templates print numbers (Python `1.0`, JavaScript `1`). */
  readonly language?: Language;
  /** IrModule.defaultsEvaluated: JavaScript evaluates a default at every call, Python once per definition. */
  readonly defaultsPerCall?: boolean;
}

/** Something an evaluation would fail at if it reached it: what (`warnings.warn`, a name) and the error. */
export interface Refusal {
  readonly construct: string;
  readonly error: Diagnostic;
}

/**
 * Compiles one function. Like Python, it fails only where the evaluation reaches a problem: an
 * unsupported construct or an unknown name compiles to a closure that raises its located error when
 * run, and is listed in `refusals` (what may stop the function, for a quiet lens). `errors` are what
 * stops it from running at all: syntax errors and front-end errors that stand for no IR node.
 */
export class FunctionCompiler {
  readonly errors: Diagnostic[] = [];
  readonly refusals: Refusal[] = [];
  /** Ranges of the unsupported IR nodes compiled to raisers: the front end's diagnostic for each is lazy. */
  private readonly lazyRanges = new Set<string>();

  constructor(
    private readonly env: ModuleEnvironment,
    /** Set when compiling a method of a user class: what `super()` refers to. */
    private readonly method?: { readonly cls: ClassValue; readonly fn: IrFunction },
  ) {}

  get language(): Language | undefined {
    return this.env.language;
  }

  site(range: SourceRange): number {
    this.env.sites.push(range);
    return this.env.sites.length - 1;
  }

  /**
   * A problem found while compiling, raised only when the evaluation reaches it (Python's own
   * behaviour: a NameError in a branch not taken is no error). Returns the raiser.
   */
  refuse(code: Diagnostic['code'], message: string, range: SourceRange, construct = message): () => never {
    const d = diagnostic('error', code, message, range);
    const same = (e: Refusal): boolean => e.error.message === d.message && formatRange(e.error.range) === formatRange(d.range);
    if (!this.refusals.some(same)) this.refusals.push({ construct, error: d });
    return () => {
      throw new GradLensError(d);
    };
  }

  /** `math.inf`, `1e999`: remembered when evaluated as where a run's first non-finite number came from. */
  private nonFiniteConstant(v: number, range: SourceRange): ExprFn {
    const site = this.site(range);
    const what = { text: 'the constant {0}', values: [v] };
    return (f) => {
      f.rt.noteNonFinite(site, what, true);
      return v;
    };
  }

  /**
   * An unsupported construct, refused when reached. Code that does not parse stands in the IR as one
   * too; its syntax error is reported by the front end and stops the whole function.
   */
  private unsupported(construct: string, message: string, range: SourceRange): () => never {
    this.lazyRanges.add(formatRange(range));
    if (construct === 'syntax error') {
      const d = diagnostic('error', 'syntax', message, range);
      return () => {
        throw new GradLensError(d);
      };
    }
    return this.refuse('unsupported', message, range, construct);
  }

  private report(d: Diagnostic): void {
    const same = (e: Diagnostic): boolean => e.message === d.message && formatRange(e.range) === formatRange(d.range);
    if (!this.errors.some(same)) this.errors.push(d);
  }

  compileFunction(fn: IrFunction, parent: Scope | null): CompiledFunction {
    const compiled = this.compileBody(fn.name, fn.params, fn.body, fn.range, parent, fn, false);
    // The front end's diagnostic for an unsupported node is the node's own, raised when reached.
    for (const d of fn.diagnostics) {
      if (d.severity !== 'error') continue;
      if (d.code === 'unsupported' && this.lazyRanges.has(formatRange(d.range))) continue;
      this.report(d);
    }
    return compiled;
  }

  private compileBody(
    name: string,
    params: readonly IrParam[],
    body: readonly IrStmt[],
    range: SourceRange,
    parent: Scope | null,
    fn: IrFunction | null,
    isLambda: boolean,
  ): CompiledFunction {
    // Names assigned here that belong to an enclosing function: Python's `nonlocal`, a JavaScript closure's outer `let`.
    const outer = declaredNames(body, 'nonlocal');
    const argumentsName = fn?.argumentsName;
    const names = localNames(params, body).filter((n) => !outer.has(n));
    const scope = new Scope(argumentsName !== undefined && !names.includes(argumentsName) ? [...names, argumentsName] : names, parent, fn, outer, declaredNames(body, 'global'));
    scope.kinds = nameKinds(params, body);
    const enclosing = parent ?? new Scope([], null, null);
    const defaults = params.map((p) => (p.default ? this.expr(p.default, enclosing) : undefined));
    const block = this.block(body, scope);
    const kinds = params.map((p) => p.kind);
    return {
      name,
      params: params.map((p) => p.name),
      ...(kinds.some((k) => k !== undefined) ? { paramKinds: kinds } : {}),
      defaults,
      slotCount: scope.size,
      body: block,
      range,
      site: this.site(range),
      paramSites: params.map((p) => this.site(p.range)),
      isLambda,
      ...(fn?.looseArity ? { looseArity: true } : {}),
      ...(argumentsName !== undefined ? { argumentsSlot: scope.slots.get(argumentsName)! } : {}),
      ...(!this.env.defaultsPerCall && defaults.some((d) => d !== undefined) ? { defaultsOnce: true } : {}),
    };
  }

  block(stmts: readonly IrStmt[], scope: Scope): StmtFn {
    const fns = stmts.map((s) => this.stmt(s, scope));
    if (fns.length === 1) return fns[0]!;
    return (f) => {
      for (let i = 0; i < fns.length; i++) {
        const signal = fns[i]!(f);
        if (signal !== Signal.Normal) return signal;
      }
      return Signal.Normal;
    };
  }

  private stmt(s: IrStmt, scope: Scope): StmtFn {
    switch (s.kind) {
      case 'assign': {
        const general = this.target(s.target, scope);
        const assign = elementWrite(s.target, scope, this.site(s.target.range), general) ?? general;
        const value = this.expr(s.value, scope);
        return (f) => {
          assign(f, value(f));
          return Signal.Normal;
        };
      }
      case 'augAssign': {
        const general = compileAugAssign(this, s.target, s.op, s.value, s.range, scope);
        return augmentedTree(s, scope, (x, sc) => this.expr(x, sc), (x) => this.site(x.range), general) ?? general;
      }
      case 'return': {
        const value = s.value ? this.expr(s.value, scope) : undefined;
        return (f) => {
          f.returned = value ? value(f) : None;
          return Signal.Return;
        };
      }
      case 'if': {
        const test = this.expr(s.test, scope);
        const then = this.block(s.then, scope);
        const otherwise = this.block(s.else, scope);
        const testSite = this.site(s.test.range);
        const truth = truthTest(this.language);
        return (f) => (truth(test(f), f.rt, testSite) ? then(f) : otherwise(f));
      }
      case 'for':
        return compileFor(this, s, scope);
      case 'while':
        return compileWhile(this, s, scope);
      case 'break':
      case 'continue': {
        const signal = s.kind === 'break' ? Signal.Break : Signal.Continue;
        const label = s.label;
        if (label === undefined) return () => signal;
        return (f) => {
          f.jumpLabel = label;
          return signal;
        };
      }
      case 'raise':
        return compileThrow(this, s, scope);
      case 'try':
        return compileTry(this, s, scope);
      case 'labeled': {
        const body = this.block(s.body, scope);
        const label = s.label;
        return (f) => {
          const signal = body(f);
          if (signal === Signal.Break && f.jumpLabel === label) {
            f.jumpLabel = undefined;
            return Signal.Normal;
          }
          return signal;
        };
      }
      case 'pass':
        return () => Signal.Normal;
      case 'expr': {
        const value = this.expr(s.value, scope);
        const check = validationCall(s.value);
        if (check) return passOverUnavailable(value, check, this.site(s.value.range));
        return (f) => {
          value(f);
          return Signal.Normal;
        };
      }
      case 'def': {
        const compiled = this.compileFunction(s.fn, scope);
        const slot = scope.slots.get(s.fn.name)!;
        return (f) => {
          f.slots[slot] = defineFunction(compiled, f);
          return Signal.Normal;
        };
      }
      case 'assert':
        return compileAssert(this, s, scope);
      case 'with':
        return compileWith(this, s, scope);
      case 'match':
        return compileMatch(this, s, scope);
      case 'scope':
        return () => Signal.Normal;
      case 'unsupported':
        return this.unsupported(s.construct, s.message, s.range);
    }
  }

  target(t: IrTarget, scope: Scope): Assign {
    return compileTarget(this, t, scope);
  }

  globalKey(name: string): string {
    return this.env.globalKey?.(name) ?? name;
  }

  name(name: string, range: SourceRange, scope: Scope): ExprFn {
    const local = scope.globals.has(name) ? undefined : scope.resolve(name);
    if (local) {
      const { depth, slot } = local;
      const check = (v: Value | undefined): Value => {
        if (v === undefined) fail('unknown-name', `${name} is used before it is assigned`, range);
        return v;
      };
      if (depth === 0) return (f) => check(f.slots[slot]);
      if (depth === 1) return (f) => check(f.parent!.slots[slot]);
      return (f) => {
        let frame = f;
        for (let d = 0; d < depth; d++) frame = frame.parent!;
        return check(frame.slots[slot]);
      };
    }
    const fn = this.env.moduleFunction(name);
    if (fn) return fn.value;
    const global = this.env.global(name);
    if (global) return global.value;
    const unknown = this.refuse('unknown-name', `unknown name ${name}: not a parameter, a local variable, a function in this file or a supported library function`, range, name);
    // A module-level name a function made with `global` in this run.
    const key = this.globalKey(name);
    return (f) => f.rt.constantCache.get(key) ?? unknown();
  }

  expr(e: IrExpr, scope: Scope): ExprFn {
    switch (e.kind) {
      case 'number': {
        if (e.integer !== undefined) {
          const exact = new ExactInteger(BigInt(e.integer));
          return () => exact;
        }
        const v = e.value;
        if (v - v !== 0) return this.nonFiniteConstant(v, e.range);
        return () => v;
      }
      case 'bool': {
        const v = e.value;
        return () => v;
      }
      case 'string': {
        const v = e.value;
        return () => v;
      }
      case 'none':
        return () => None;
      case 'notImplemented':
        return () => NotImplementedValue.instance;
      case 'name':
        return this.name(e.name, e.range, scope);
      case 'intrinsic': {
        if (!isIntrinsicName(e.name)) return this.refuse('unsupported', `${e.name} is not a function GradLens supports`, e.range);
        const v = new IntrinsicValue(e.name, e.raises === true);
        return () => v;
      }
      case 'binary':
        return (
          scalarTree(e, scope, (x, sc) => this.expr(x, sc), (x) => this.site(x.range)) ??
          binaryExpr(e.op, this.expr(e.left, scope), this.expr(e.right, scope), this.site(e.range), e.right.kind === 'number' && e.right.integer === undefined ? e.right.value : undefined, operandKinds(e, scope))
        );
      case 'sum': {
        const start = e.range.start;
        const sites = e.terms.slice(1).map((t) => this.site({ start, end: t.range.end }));
        return sumExpr(e.terms.map((t) => this.expr(t, scope)), e.ops, sites);
      }
      case 'unary': {
        const operand = this.expr(e.operand, scope);
        const site = this.site(e.range);
        if (e.op === 'not') {
          const truth = truthTest(this.language);
          return (f) => !truth(operand(f));
        }
        if (e.op === '~') return (f) => bitwiseNot(f.rt, operand(f), site);
        if (e.op === '+') {
          return (f) => {
            const v = operand(f);
            return (v instanceof InstanceValue ? objectUnary(f.rt, '+', v, site) : undefined) ?? requireScalar(f.rt, v, site, 'unary plus');
          };
        }
        return (f) => negate(f.rt, operand(f), site);
      }
      case 'compare': {
        const operands = e.operands.map((o) => this.expr(o, scope));
        const ops = e.ops;
        const site = this.site(e.range);
        return (f) => {
          let left = operands[0]!(f);
          for (let i = 0; i < ops.length; i++) {
            const right = operands[i + 1]!(f);
            const result = compare(f.rt, ops[i]!, left, right, site);
            if (result instanceof ArrayValue) {
              if (ops.length === 1) return result;
              return fail('type', 'a chained comparison of arrays is ambiguous: combine the comparisons with & instead', f.rt.sites[site]!);
            }
            if (ops.length === 1) return result;
            if (!truthy(result)) return result;
            left = right;
          }
          return true;
        };
      }
      case 'logical': {
        const left = this.expr(e.left, scope);
        const right = this.expr(e.right, scope);
        const truth = truthTest(this.language);
        return e.op === 'and'
          ? (f) => {
              const l = left(f);
              return truth(l) ? right(f) : l;
            }
          : (f) => {
              const l = left(f);
              return truth(l) ? l : sameZero(l, right(f));
            };
      }
      case 'conditional': {
        const test = this.expr(e.test, scope);
        const then = this.expr(e.then, scope);
        const otherwise = this.expr(e.else, scope);
        const testSite = this.site(e.test.range);
        const truth = truthTest(this.language);
        return (f) => (truth(test(f), f.rt, testSite) ? then(f) : otherwise(f));
      }
      case 'call':
        return this.call(e, scope);
      case 'set':
        return compileSet(this, e.elements, e.range, scope);
      case 'list':
      case 'tuple': {
        const elements = compileElements(this, e.elements, scope);
        const isTuple = e.kind === 'tuple';
        const site = this.site(e.range);
        // `[1.0, 2.0]`, `[v, 2]` with `v = 1.0`: whole values, but numpy's array of it holds floats;
        // `[1, n]` with `n = len(x)`: ints for sure (construct.ts).
        const kinds = e.elements.map((x) => scalarKind(x, scope.kinds));
        const floatLiteral = kinds.includes('float');
        const exactInts = !floatLiteral && kinds.length > 0 && kinds.every((k) => k === 'int' || k === 'bool');
        return (f) => {
          const items = elements(f);
          f.rt.allocate(8 * items.length + 32, site);
          return new SequenceValue(items, isTuple, undefined, floatLiteral, exactInts ? [...items] : undefined);
        };
      }
      case 'errorType': {
        const v = errorType(e.name);
        return () => v;
      }
      case 'comprehension':
        return compileComprehension(this, e, scope);
      case 'dict':
        return compileDict(this, e, scope);
      case 'template':
        return compileTemplate(this, e, scope);
      case 'spread':
        return this.refuse('unsupported', 'unpacking with * can only stand in a call or a list, tuple or set display', e.range);
      case 'index':
        return compileIndex(this, e, scope);
      case 'slice':
        return this.refuse('unsupported', 'a slice can only stand inside brackets', e.range);
      case 'ellipsis':
        return this.refuse('unsupported', 'the ellipsis `...` can only stand inside brackets', e.range);
      case 'attribute': {
        const object = this.expr(e.object, scope);
        const site = this.site(e.range);
        const name = e.name;
        const get = e.property ? getProperty : getAttribute;
        return (f) => get(f.rt, object(f), name, site);
      }
      case 'lambda': {
        const body: IrStmt[] = [{ kind: 'return', value: e.body, range: e.body.range }];
        const compiled = this.compileBody('<lambda>', e.params, body, e.range, scope, null, true);
        return (f) => defineFunction(compiled, f);
      }
      case 'super':
        return this.superExpr(e.range, scope);
      case 'function': {
        if (!e.selfBinding) {
          const compiled = this.compileFunction(e.fn, scope);
          return (f) => defineFunction(compiled, f);
        }
        // A frame of one slot between the enclosing one and the function's own holds its name.
        const compiled = this.compileFunction(e.fn, new Scope([e.fn.name], scope, null));
        return (f) => {
          const own = new Frame([undefined], f, f.rt);
          const v = defineFunction(compiled, own);
          own.slots[0] = v;
          return v;
        };
      }
      case 'effect': {
        const stmts = this.block(e.stmts, scope);
        const value = this.expr(e.value, scope);
        return (f) => {
          stmts(f);
          return value(f);
        };
      }
      case 'matchSubject': {
        const slot = scope.matchSubjects.at(-1);
        if (slot === undefined) return this.refuse('unsupported', 'a match subject read outside the tests of its match statement (a GradLens bug)', e.range);
        return (f) => f.slots[slot]!;
      }
      case 'unsupported':
        return this.unsupported(e.construct, e.message, e.range);
    }
  }

  /** `super()`: only directly in a method, whose first parameter (slot 0) is the receiver. */
  private superExpr(range: SourceRange, scope: Scope): ExprFn {
    const method = this.method;
    if (!method || scope.fn !== method.fn || method.fn.params.length === 0) {
      return this.refuse('unsupported', 'super() is only supported directly inside a method that takes self (or cls)', range, 'super()');
    }
    const cls = method.cls;
    return (f) => new SuperValue(cls, f.slots[0]!);
  }

  /** What stands inside brackets: slices and `...` (also inside a tuple, `A[1:, :2]`) become their values. */
  indexExpr(e: IrExpr, scope: Scope): ExprFn {
    if (e.kind === 'slice') {
      const lo = e.lower ? this.expr(e.lower, scope) : undefined;
      const hi = e.upper ? this.expr(e.upper, scope) : undefined;
      const st = e.step ? this.expr(e.step, scope) : undefined;
      return (f) => new SliceValue(lo?.(f), hi?.(f), st?.(f));
    }
    if (e.kind === 'ellipsis') return () => EllipsisValue.instance;
    if (e.kind === 'tuple' && e.elements.some((x) => x.kind === 'slice' || x.kind === 'ellipsis')) {
      const parts = e.elements.map((x) => this.indexExpr(x, scope));
      return (f) => new SequenceValue(parts.map((p) => p(f)), true);
    }
    const index = this.expr(e, scope);
    if (this.language !== 'typescript') return index;
    // JavaScript reads `a[-1]` as the property "-1" (undefined), not Python's last element: refused,
    // never the wrong element.
    const site = this.site(e.range);
    return (f) => {
      const i = index(f);
      const n = typeof i === 'number' ? i : i instanceof Tracked ? i.value : 0;
      if (n < 0) fail('index', 'a negative index: JavaScript reads `a[-1]` as undefined, not the last element (write `a[a.length - 1]`)', f.rt.sites[site]!);
      return i;
    };
  }

  private call(e: IrExpr & { kind: 'call' }, scope: Scope): ExprFn {
    const unary = e.callee.kind === 'intrinsic' && isIntrinsicName(e.callee.name) ? unaryPrimitiveOf(e.callee.name) : undefined;
    if (unary && e.args.length === 1 && e.args[0]!.kind !== 'spread' && e.keywords.length === 0 && (e.keywordSpreads ?? []).length === 0) {
      // `np.sin(x)` of a scalar: the primitive, without the library call's generic checks (which a
      // scalar with no keywords passes).
      const name = (e.callee as { name: IntrinsicName }).name;
      const arg = this.expr(e.args[0]!, scope);
      const site = this.site(e.range);
      const raises = (e.callee as IrIntrinsic).raises === true;
      return (f) => {
        const a = arg(f);
        if (raises && (f.rt.whereBranches > 0 || a instanceof ArrayValue)) return callRaising(f.rt, name, [a], [], site);
        return typeof a === 'number' || a instanceof Tracked ? f.rt.apply(unary, a, 0, site) : callIntrinsic(f.rt, name, [a], [], site);
      };
    }
    if (isPlainWhere(e)) {
      const [c, x, y] = e.args.map((a) => this.expr(a, scope));
      return compileWhereCall(c!, x!, y!, this.site(e.range), [scalarKind(e.args[1]!, scope.kinds), scalarKind(e.args[2]!, scope.kinds)]);
    }
    const evalArgs = compileElements(this, e.args, scope);
    const keywordFns = e.keywords.map((k) => ({ name: k.name, value: this.expr(k.value, scope) }));
    const spreads = (e.keywordSpreads ?? []).map((k) => ({ value: this.expr(k, scope), range: k.range }));
    const site = this.site(e.range);
    const named = keywordFns.length === 0 ? (): KeywordValue[] => [] : (f: Frame): KeywordValue[] => keywordFns.map((k) => ({ name: k.name, value: k.value(f) }));
    const evalKeywords = spreads.length === 0 ? named : (f: Frame): KeywordValue[] => [...named(f), ...spreads.flatMap((k) => keywordsOf(k.value(f), k.range))];
    // A library function named directly skips the generic dispatch.
    if (e.callee.kind === 'intrinsic' && isIntrinsicName(e.callee.name)) {
      const name = e.callee.name;
      if (e.callee.raises) {
        return (f) => {
          const args = evalArgs(f);
          const keywords = evalKeywords(f);
          return callRaising(f.rt, name, args, keywords, site);
        };
      }
      // numpy's dtype of the result may hang on whether an argument is an int or a float (`np.full(3, 2.0)`)
      const kinds = e.args.map((a) => scalarKind(a, scope.kinds));
      const argumentKinds = kinds.some((k) => k !== undefined) ? kinds : undefined;
      return (f) => callIntrinsic(f.rt, name, evalArgs(f), evalKeywords(f), site, argumentKinds);
    }
    const callee = this.expr(e.callee, scope);
    // A builtin called by its name (`isinstance(k, float)` with `k = 2`) hears its arguments' kinds too.
    const builtinKinds = e.callee.kind === 'name' && !scope.kinds.has(e.callee.name) ? e.args.map((a) => scalarKind(a, scope.kinds)) : [];
    if (builtinKinds.some((k) => k !== undefined)) {
      return (f) => {
        const c = callee(f);
        if (c instanceof IntrinsicValue && !c.raises) return callIntrinsic(f.rt, c.name, evalArgs(f), evalKeywords(f), site, builtinKinds);
        return callValue(f.rt, c, evalArgs(f), evalKeywords(f), site);
      };
    }
    return (f) => callValue(f.rt, callee(f), evalArgs(f), evalKeywords(f), site);
  }
}

/**
 * `x || 0` (`x or 0`) at x = 0: both alternatives are 0, and x itself is what the value is on either
 * side, so x (its derivative 1) is the answer, not the constant 0 (derivative 0, and a control-flow
 * warning for what is the identity). Only a plain 0 default qualifies; −0 keeps JavaScript's +0.
 */
function sameZero(l: Value, r: Value): Value {
  return r === 0 && l instanceof Tracked && l.value === 0 && !Object.is(l.value, -0) ? l : r;
}
