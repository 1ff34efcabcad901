import { diagnostic, fail, GradLensError, type Diagnostic } from '../../core/diagnostic';
import { formatRange, type SourceRange } from '../../core/sourceRange';
import { isIntrinsicName } from '../../ir/intrinsics';
import type { IrExpr, IrFunction, IrParam, IrStmt, IrTarget, Language } from '../../ir/nodes';
import { defineFunction } from './calls';
import { Frame, Signal, type CompiledFunction, type ExprFn, type StmtFn } from './compiled';
import { getAttribute, getProperty } from './methods';
import { truthTest } from './operators';
import { Scope, declaredNames, localNames } from './scope';
import { compileAssert, compileComprehension, compileMatch, compileThrow, compileTry, compileWith } from './constructs';
import { compileDict, compileSequence, compileSet, compileTemplate } from './displays';
import { compileConditional, compileCompare, compileLogical, compileUnary } from './operatorExpressions';
import { compileCall } from './callExpressions';
import { errorType } from './exceptions';
import { compileIndex, compileIndexValue } from './indexing';
import { compileFor, compileWhile } from './loops';
import { compileAugAssign, compileTarget, type Assign } from './assignments';
import { binaryExpr, sumExpr } from './binaryExpr';
import { nameKinds, operandKinds } from './scalarKinds';
import { passOverUnavailable, validationCall } from './validationCalls';
import { augmentedTree, scalarTree } from './scalarTrees';
import { elementWrite } from './treeElements';
import { ExactInteger, IntrinsicValue, None, NotImplementedValue, SuperValue, type ClassValue, type Value } from './values';

/** What a function body can see besides its own scopes: the module's functions and globals. */
export interface ModuleEnvironment {
  readonly sites: SourceRange[];
  /** A module-level function's value, or a reason it cannot run. */
  moduleFunction(name: string): { value: (f: Frame) => Value } | undefined;
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
      ...(fn?.generator ? { generator: true } : {}),
      ...(argumentsName !== undefined ? { argumentsSlot: scope.slots.get(argumentsName)! } : {}),
      ...(!this.env.defaultsPerCall && defaults.some((d) => d !== undefined) ? { defaultsOnce: true } : {}),
      ...(parent ? { enclosingSlot: (n: string) => parent.resolve(n) } : {}),
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
      case 'unary':
        return compileUnary(this, e, scope);
      case 'compare':
        return compileCompare(this, e, scope);
      case 'logical':
        return compileLogical(this, e, scope);
      case 'conditional':
        return compileConditional(this, e, scope);
      case 'call':
        return compileCall(this, e, scope);
      case 'set':
        return compileSet(this, e.elements, e.range, scope);
      case 'list':
      case 'tuple':
        return compileSequence(this, e, scope);
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
    return compileIndexValue(this, e, scope);
  }
}
