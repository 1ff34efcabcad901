import { diagnostic, fail, GradLensError, type Diagnostic } from '../core/diagnostic';
import { comparePositions, type SourcePosition, type SourceRange } from '../core/sourceRange';
import { isIntrinsicName } from '../ir/intrinsics';
import type { IrClass, IrFunction, IrModule } from '../ir/nodes';
import { classSource, compileClasses, declareClasses, type MethodTarget } from './classes';
import { FunctionCompiler, type ModuleEnvironment, type Refusal } from './interpreter/compile';
import { Frame, type CompiledFunction, type ExprFn } from './interpreter/compiled';
import type { InitialState, Runtime } from './interpreter/runtime';
import { ModuleInit } from './moduleInit';
import { Scope, localNames } from './interpreter/scope';
import { totalDraws } from './interpreter/randomGenerators';
import { FunctionValue, IntrinsicValue, typeName, type ClassValue, type Value } from './interpreter/values';
import { ArrayValue } from './array/ndarray';
import { makeDict } from './interpreter/containers';

/**
 * What a module imports from other modules (analysis/moduleImports.ts): names bound to their values
 * there, and the site table they share, so that a function of another file runs in this module's
 * runtime with its own ranges.
 */
export interface ModuleLinks {
  readonly sites?: SourceRange[];
  readonly externals?: ReadonlyMap<string, (f: Frame) => Value>;
  /** Classes imported by name (`from .base import Benchmark`): a class of this module may derive from one. */
  readonly classes?: ReadonlyMap<string, ClassValue>;
}

export interface CompiledEntry {
  readonly ir: IrFunction;
  /** Absent when the function has errors: it is listed, never run. */
  readonly compiled?: CompiledFunction;
  /** What stops it from running at all (a syntax error inside it). */
  readonly errors: readonly Diagnostic[];
  /** What would stop it if an evaluation reached it (an unsupported construct, an unknown name), in source order. */
  readonly refusals: readonly Refusal[];
  /** For a method listed as `Class.method`: its class and how it binds (the run makes its receiver). */
  readonly method?: MethodTarget;
  /** A module name bound to a function made at run time (IrBoundFunction): see `boundFunction`. */
  readonly bound?: true;
}

/** A second definition of a name: calls and points use the first. */
export interface Duplicate {
  readonly name: string;
  readonly warning: Diagnostic;
}

/**
 * A module compiled once per text: every function, each on its own, so an error in one never
 * affects the others. Calls between functions resolve through here at run time.
 */
export class CompiledModule {
  /** Tells this module's constants from an imported module's in a run's constant cache. */
  private readonly id = nextModuleId++;
  /** Shared with the modules it imports (their functions run in this module's runtime). */
  readonly sites: SourceRange[];
  private readonly externals: ReadonlyMap<string, (f: Frame) => Value>;
  readonly functions = new Map<string, CompiledEntry>();
  /** A second definition of a name: a warning at it, since calls and points use the first. */
  readonly duplicates: Duplicate[] = [];
  /** Names defined more than once (the last definition is the function of that name). */
  private readonly redefined = new Set<string>();
  private readonly constants = new Map<string, { fn?: ExprFn; error?: Diagnostic }>();
  /** Every constant's name, known before any is compiled: a lambda's body reads a name the module binds after it. */
  private readonly constantNames = new Set<string>();
  private readonly intrinsics = new Map<string, IntrinsicValue>();
  private readonly functionValues = new Map<string, FunctionValue>();
  private readonly tapeLengths = new Map<string, number>();
  private readonly arenaTotals = new Map<string, number>();
  private readonly arrayConstants = new Map<string, { shape: readonly number[]; data: Float64Array; dtype: ArrayValue['dtype'] }>();

  constructor(
    readonly module: IrModule,
    linked: ModuleLinks = {},
  ) {
    this.sites = linked.sites ?? [];
    this.externals = linked.externals ?? new Map();
    this.linkedClasses = linked.classes;
    const env: ModuleEnvironment = {
      sites: this.sites,
      moduleFunction: (name) => {
        if (this.redefined.has(name)) return { value: (f) => this.redefinedValue(name, f) };
        if (this.functionNames.has(name)) return { value: () => this.functionValue(name) };
        const cls = this.classValues.get(name);
        return cls ? { value: () => cls } : undefined;
      },
      global: (name) => this.global(name),
      globalKey: (name) => `${this.id}:${name}`,
      language: module.language,
      ...(module.defaultsEvaluated === 'per call' ? { defaultsPerCall: true } : {}),
    };
    this.env = env;
    for (const fn of module.functions) {
      if (this.functionNames.has(fn.name)) this.redefined.add(fn.name);
      this.functionNames.add(fn.name);
    }
    for (const g of module.globals) {
      if (g.kind === 'intrinsic' && isIntrinsicName(g.intrinsic)) this.intrinsics.set(g.name, new IntrinsicValue(g.intrinsic, g.raises === true));
    }
    this.classValues = declareClasses(module.classes ?? []);
    const constantValues = [...module.globals.flatMap((g) => (g.kind === 'constant' ? [g] : [])), ...(module.boundFunctions ?? [])];
    const assigned: { readonly name: string; readonly range: SourceRange }[] = [];
    for (const g of constantValues) this.constantNames.add(g.name);
    for (const g of constantValues) {
      // A bound function's name (`loss = make_loss(X, y)`) is a module value like a constant, made per run.
      if (this.constants.has(g.name)) continue;
      const compiler = new FunctionCompiler(env);
      // Temporaries of the value (`a ?? b` at module level) are slots of its own frame.
      const scope = new Scope(localNames([], [{ kind: 'expr', value: g.value, range: g.range }]), null, null);
      const fn = compiler.expr(g.value, scope);
      const slots = scope.size;
      const at = g.range.start;
      const evaluate: ExprFn = (f) => fn(new Frame(new Array(slots), null, f.rt));
      // Where a constant stands matters only to a name defined twice (`redefinedValue`).
      const placed: ExprFn = this.redefined.size > 0 ? (f) => this.asConstant(f.rt, at, () => evaluate(f)) : evaluate;
      this.constants.set(g.name, compiler.errors.length > 0 ? { error: compiler.errors[0]! } : { fn: placed });
      if (compiler.errors.length === 0) assigned.push(g);
    }
    this.init = new ModuleInit({
      order: assigned.sort((a, b) => comparePositions(a.range.start, b.range.start)).map((g) => g.name),
      evaluate: (name, f) => this.constants.get(name)!.fn!(f),
      key: (name) => `${this.id}:${name}`,
      sites: this.sites,
      language: module.language,
    });
    for (const fn of module.functions) {
      // A name defined twice is its last definition once the module has run, in Python as in
      // JavaScript: what other functions call, what an importer gets, what the lens differentiates.
      const earlier = this.functions.get(fn.name);
      if (earlier) {
        const line = fn.nameRange.start.line + 1;
        const warning = diagnostic('warning', 'unsupported', `${fn.name} is defined again at line ${line}: the name means that last definition once the module has run, and GradLens uses it`, earlier.ir.nameRange);
        this.duplicates.push({ name: fn.name, warning });
      }
      this.functions.set(fn.name, new LazyEntry(fn, env));
    }
    for (const b of module.boundFunctions ?? []) {
      if (this.functions.has(b.name)) continue;
      const c = this.constants.get(b.name);
      this.functions.set(b.name, { ir: b.fn, errors: c?.error ? [c.error] : [], refusals: [], bound: true });
    }
    for (const target of compileClasses(module.classes ?? [], this.classValues, env, linked.classes, new Map(module.globals.flatMap((g) => (g.kind === 'constant' ? [[g.name, g.value] as const] : []))))) {
      if (this.functions.has(target.view.name)) continue;
      this.functions.set(target.view.name, {
        ir: target.view,
        method: target,
        get compiled() {
          return target.errors.length === 0 ? target.value.fn : undefined;
        },
        get errors() {
          return target.errors;
        },
        get refusals() {
          return target.refusals;
        },
      });
    }
  }

  /** The module's constants evaluated once in the order it assigns them, and what each run takes of them. */
  private readonly init: ModuleInit;

  /** What a run of this module's functions takes from its initialisation (its constants, generators, definitions' defaults). */
  get initialState(): InitialState {
    return this.init;
  }

  /** The module's classes by name (their methods are listed as `Class.method` functions). */
  readonly classValues: ReadonlyMap<string, ClassValue>;

  /** The classes the module imports from workspace files, as read there (their methods' code). */
  get importedClasses(): readonly IrClass[] {
    const seen = new Set<IrClass>();
    for (const cls of this.linkedClasses?.values() ?? []) {
      const ir = classSource(cls);
      if (ir) seen.add(ir);
    }
    return [...seen];
  }

  private readonly linkedClasses: ReadonlyMap<string, ClassValue> | undefined;

  /** A class another module may import by this name: its own, or one it imports itself (a package's `__init__.py` re-exporting it). */
  exportedClass(name: string): ClassValue | undefined {
    return this.classValues.get(name) ?? this.linkedClasses?.get(name);
  }

  private readonly env: ModuleEnvironment;
  private readonly functionNames = new Set<string>();

  /** The tape length of this function's last recording: the next tape starts that large. */
  tapeLengthHint(name: string): number {
    return this.tapeLengths.get(name) ?? 16;
  }

  rememberTapeLength(name: string, length: number): void {
    this.tapeLengths.set(name, length);
  }

  /** Float64s of arrays this function's last run made: the next run's first arena buffer holds them. */
  arenaHint(name: string): number {
    return this.arenaTotals.get(name) ?? 0;
  }

  rememberArenaTotal(name: string, total: number): void {
    this.arenaTotals.set(name, total);
  }

  /** Registers a site (a range) that is not part of any function, such as a point annotation. */
  site(range: SourceRange): number {
    this.sites.push(range);
    return this.sites.length - 1;
  }

  /**
   * A redefined name read by code: the last definition, as after the module has run; module-level
   * code running while the module is initialised may mean an earlier one, which GradLens does not follow.
   */
  private redefinedValue(name: string, f: Frame): FunctionValue {
    const entry = this.functions.get(name)!;
    const constant = this.constantsRunning.get(f.rt);
    if (constant && comparePositions(constant[constant.length - 1]!, entry.ir.range.start) < 0) {
      throw new GradLensError(diagnostic('error', 'unsupported', `${name} is defined more than once, and module-level code above its last definition calls it: there the name means an earlier definition, which GradLens does not follow`, entry.ir.nameRange));
    }
    return this.functionValue(name);
  }

  /** Per run, where the module constants being evaluated stand (innermost last): what a redefined name means there. */
  private readonly constantsRunning = new WeakMap<Runtime, SourcePosition[]>();

  private asConstant(rt: Runtime, at: SourcePosition, evaluate: () => Value): Value {
    let stack = this.constantsRunning.get(rt);
    if (!stack) this.constantsRunning.set(rt, (stack = []));
    stack.push(at);
    try {
      return evaluate();
    } finally {
      stack.pop();
    }
  }

  functionValue(name: string): FunctionValue {
    let v = this.functionValues.get(name);
    if (!v) {
      const entry = this.functions.get(name)!;
      if (!entry.compiled) {
        const first = entry.errors[0];
        const where = first ? ` (line ${first.range.start.line + 1}: ${first.message})` : '';
        throw new GradLensError(diagnostic('error', 'unsupported', `${name} cannot run: it has errors${where}`, entry.ir.nameRange, first?.values));
      }
      v = entry.method ? entry.method.value : new FunctionValue(entry.compiled, null);
      this.functionValues.set(name, v);
    }
    return v;
  }

  /** What another module imports under `name`: a function, a class or a module constant; undefined if none. */
  exported(name: string): ((f: Frame) => Value) | undefined {
    if (this.functions.has(name) && !this.functions.get(name)!.method) {
      if (this.functions.get(name)!.bound) return (f) => this.boundFunction(name, f.rt);
      return () => this.functionValue(name);
    }
    const cls = this.classValues.get(name);
    if (cls) return () => cls;
    return this.global(name)?.value ?? this.memberObject(name);
  }

  /**
   * A module-level object of functions (`const MathUtils = { clamp(…) {…}, DEG2RAD: … }`), read as
   * `MathUtils.clamp` functions and `MathUtils.DEG2RAD` constants, exported as a whole (`export {
   * MathUtils }`, `module.exports = MathUtils`): an object of those members, made when it is read,
   * so `import { MathUtils } from './MathUtils.js'; MathUtils.clamp(x, 0, 1)` reaches them.
   */
  private hasMembers(name: string): boolean {
    const prefix = `${name}.`;
    return [...this.functionNames].some((k) => k.startsWith(prefix)) || [...this.classValues.keys()].some((k) => k.startsWith(prefix)) || this.module.globals.some((g) => g.name.startsWith(prefix));
  }

  private memberObject(name: string): ((f: Frame) => Value) | undefined {
    const prefix = `${name}.`;
    const direct = (k: string): boolean => k.startsWith(prefix) && !k.slice(prefix.length).includes('.');
    const members = [...[...this.functions].filter(([k, e]) => !e.method && direct(k)).map(([k]) => k), ...[...this.classValues.keys()].filter(direct), ...[...this.constants.keys()].filter(direct)];
    if (members.length === 0) return undefined;
    return (f) => makeDict(f.rt, members.map((k) => [k.slice(prefix.length), this.exported(k)!(f)] as const), 0);
  }

  /**
   * Every name `exported` answers: functions, classes, module constants, and the names it imports
   * from workspace files — so `export * from './c'` in b reaches c's names from whoever imports b
   * with `export *`/`from b import *`, however long the chain (a cycle binds nothing more).
   */
  exportedNames(): string[] {
    const functions = [...this.functions].filter(([, e]) => !e.method).map(([n]) => n);
    return [...new Set([...functions, ...this.classValues.keys(), ...this.constants.keys(), ...this.externals.keys()])];
  }

  /**
   * The function a bound name holds in this run: its value evaluated like a module constant (a
   * factory's call runs here, its closure holding the module constants it was given).
   */
  boundFunction(name: string, rt: Runtime): FunctionValue {
    const entry = this.functions.get(name)!;
    const v = this.global(name)!.value(new Frame([], null, rt));
    if (v instanceof FunctionValue) return v;
    return fail('type', `${name} is ${typeName(v)} here, not a function`, entry.ir.nameRange);
  }

  /**
   * A module constant's value in run `rt` (`X = np.linspace(0, 1, 50)`, `X, y = make_data(20)`),
   * for what analysis reads of it (the shapes of the data a loss reads); undefined for another name.
   */
  /** Whether the module's initialisation has already run (engine/moduleInit.ts): constants are then read from it. */
  initialised(): boolean {
    return this.init.done();
  }

  constantValue(name: string, rt: Runtime): Value | undefined {
    if (!this.constants.has(name)) return undefined;
    return this.global(name)!.value(new Frame([], null, rt));
  }

  private global(name: string): { value: (f: Frame) => Value } | undefined {
    const intrinsic = this.intrinsics.get(name);
    if (intrinsic) return { value: () => intrinsic };
    if (!this.constantNames.has(name)) {
      const external = this.externals.get(name);
      if (external) return { value: external };
      // `Easing` itself, whose members `Easing.quadIn = function…` are read by their dotted names (`module.exports = Easing`).
      return this.hasMembers(name) ? { value: (f) => this.memberObject(name)!(f) } : undefined;
    }
    const key = `${this.id}:${name}`;
    return {
      value: (f) => {
        const c = this.constants.get(name)!;
        if (c.error) throw new GradLensError(c.error);
        const known = f.rt.constantCache.get(key);
        // In the initialisation a constant read again says its warnings again (moduleInit.ts).
        if (known !== undefined && f.rt !== this.init.runtime) return known;
        const initial = this.init.read(name, f.rt);
        if (initial !== undefined) return initial;
        // Evaluated by the run itself: the module's initialisation could not give it (moduleInit.ts).
        const kept = this.arrayConstants.get(name);
        if (kept) return cachedConstant(f.rt, key, () => new ArrayValue(kept.shape, kept.data, -1, kept.dtype));
        return cachedConstant(f.rt, key, () => {
          const draws = totalDraws();
          const deferred = f.rt.deferredDomain;
          // A module constant is its own evaluation: a generator it seeds and draws from is its own stream.
          const scope = f.rt.drawScope;
          f.rt.drawScope = {};
          let v: Value;
          try {
            v = c.fn!(new Frame([], null, f.rt));
          } finally {
            f.rt.drawScope = scope;
          }
          // An array constant cannot depend on the parameters, and its buffer is never written in
          // place, so it is computed once per module (unless it drew random numbers, from a generator
          // whose state the next run must see advance the same way, or holds an element with no
          // value, whose deferred error every run must see). Each run gets its own box.
          if (v instanceof ArrayValue && v.row < 0 && !v.view && totalDraws() === draws && f.rt.deferredDomain === deferred) {
            // Copied: the run's own arrays live in buffers that go back for reuse when it ends.
            this.arrayConstants.set(name, { shape: v.shape, data: Float64Array.from(v.data), dtype: v.dtype });
          }
          return v;
        });
      },
    };
  }
}

let nextModuleId = 0;

/**
 * A module function compiled when first asked about (its `compiled`, `errors` or `refusals`): a
 * run compiles what it calls, and an analysis answered from the worker's cache compiles nothing of
 * a function it does not run. Compiling one function never depends on another's being compiled
 * (calls resolve through the module at run time), so the order does not matter.
 */
class LazyEntry implements CompiledEntry {
  private done?: { readonly compiled?: CompiledFunction; readonly errors: readonly Diagnostic[]; readonly refusals: readonly Refusal[] };
  constructor(
    readonly ir: IrFunction,
    private readonly env: ModuleEnvironment,
  ) {}

  private result(): NonNullable<LazyEntry['done']> {
    if (this.done) return this.done;
    const fn = this.ir;
    const compiler = new FunctionCompiler(this.env);
    let compiled: CompiledFunction | undefined;
    try {
      compiled = compiler.compileFunction(fn, null);
    } catch (e) {
      compiler.errors.push(e instanceof GradLensError ? e.diagnostic : compileFailure(e, fn.name, fn.nameRange));
    }
    const errors = compiler.errors;
    const refusals = [...compiler.refusals].sort((a, b) => comparePositions(a.error.range.start, b.error.range.start));
    this.done = errors.length === 0 && compiled ? { compiled, errors, refusals } : { errors, refusals };
    return this.done;
  }

  get compiled(): CompiledFunction | undefined {
    return this.result().compiled;
  }

  get errors(): readonly Diagnostic[] {
    return this.result().errors;
  }

  get refusals(): readonly Refusal[] {
    return this.result().refusals;
  }
}

/** Module constants are evaluated once per run, so a function that mutates a module list cannot leak into the next run. */
function cachedConstant(rt: Runtime, name: string, compute: () => Value): Value {
  let v = rt.constantCache.get(name);
  if (v === undefined) {
    v = compute();
    rt.constantCache.set(name, v);
  }
  return v;
}

/** A stack exhausted while compiling is an expression nested too deeply for the compiler's recursion; anything else is a bug. */
function compileFailure(e: unknown, name: string, range: SourceRange): Diagnostic {
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return diagnostic('error', 'recursion', `${name} holds an expression nested too deeply to compile (stack exhausted): split it into several statements`, range);
  }
  return diagnostic('error', 'internal', `internal error while compiling ${name}: ${String(e)}`, range);
}
