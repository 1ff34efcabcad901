import { GradLensError, type Diagnostic } from '../core/diagnostic';
import { DEFAULT_BUDGET, type Budget } from '../core/budget';
import { withOwnDeadline } from './clock';
import type { NonFiniteOrigin } from './nonFinite';
import { Frame } from './interpreter/compiled';
import { Runtime, type DeferredDomain, type GlobalGenerators, type InitialState } from './interpreter/runtime';
import { totalDraws } from './interpreter/randomGenerators';
import { inWordsOf, RandomGenerator, type Value } from './interpreter/values';
import type { CompiledFunction } from './interpreter/compiled';
import type { SourceRange } from '../core/sourceRange';
import { copyOf, isCopyable } from './initialValues';

/** The module constants an initialisation evaluates (engine/module.ts). */
export interface InitConstants {
  /** Their names in the order the module assigns them. */
  readonly order: readonly string[];
  /** Evaluates constant `name` in `f.rt` (its reads of other constants come back through `read`). */
  evaluate(name: string, f: Frame): Value;
  /** Its key in a run's constant cache. */
  key(name: string): string;
  readonly sites: readonly SourceRange[];
  readonly language: string;
}

/** What one constant's evaluation in the initialisation did besides giving its value. */
interface Evaluated {
  /** Its warnings, under the keys a runtime keeps them by. */
  readonly warnings: ReadonlyMap<string, Diagnostic>;
  readonly nonFinite: NonFiniteOrigin | undefined;
  /** An element with no value, whose error a run that reads the constant must see (runtime.ts `deferredDomain`). */
  readonly deferred: DeferredDomain | undefined;
  /** It drew random numbers (from any generator). */
  readonly drew: boolean;
  /** What it threw, if it failed. */
  readonly error?: unknown;
}

/**
 * A module's initialisation, made once per compiled module: every constant evaluated in the order
 * the module assigns them, as Python runs a module before any of its functions is called, so that
 * `a = rng.normal(size=3); b = rng.normal(size=3)` draws a, then b, and a function that draws from
 * `rng` continues where the module left it. Each run then takes copies of what it reads: the
 * constants' values (arrays share their numbers: a write makes a copy), and the generators — the
 * ones constants hold, numpy's and Python's global ones — in their state after the initialisation,
 * so every run draws the same numbers, and a random array constant is drawn once per module instead
 * of once per run. A function's defaults are its run's own, as before: a default RandomState starts
 * from its seed in each run (the function's first call, as its lens at a call site shows it), and
 * where the module's own code called the function before, its draws say that a call after the
 * module has run continues the stream instead (`generatorDefaultUsed`).
 *
 * A constant whose value cannot be copied (a closure, a view), that fails, or that has an element
 * with no value is evaluated in each run, as before; if such a constant drew random numbers, or a
 * `global` statement assigned a module name, no run takes anything from the initialisation (the
 * module is `off`): each evaluates its constants itself, in the order it reads them.
 */
export class ModuleInit implements InitialState {
  private state: 'pending' | 'running' | 'ready' | 'off' = 'pending';
  private rt: Runtime | undefined;
  private readonly evaluated = new Map<string, Evaluated>();
  /** The constants runs copy, by name: their values as the initialisation left them. */
  private readonly kept = new Map<string, Value>();
  /** The evaluation the initialisation's draws are made in (randomGenerators.ts `unreproducible`). */
  private readonly drawScope = {};
  /** Per run, the copy made of each value of the initialisation (two names for one list stay one list). */
  private readonly copies = new WeakMap<Runtime, Map<unknown, Value>>();

  constructor(private readonly constants: InitConstants) {}

  /** The runtime the initialisation evaluates in, once it has begun. */
  get runtime(): Runtime | undefined {
    return this.rt;
  }

  /** Whether the module's runs take their constants and generators from the initialisation (made now if it is not yet). */
  /** Whether the initialisation has run and succeeded, without running it. */
  done(): boolean {
    return this.state === 'ready';
  }

  ready(): boolean {
    if (this.state === 'pending') this.initialise();
    return this.state === 'ready';
  }

  /**
   * Constant `name` in run `rt`, which has not read it yet (module.ts looks in the run's constant
   * cache first): a copy of the initialisation's value, or (in the initialisation) the value
   * itself; undefined when the run must evaluate it itself.
   */
  read(name: string, rt: Runtime): Value | undefined {
    if (rt === this.rt) return this.readInInit(name, rt);
    if (rt.ownConstants || !this.ready()) return undefined;
    const initial = this.kept.get(name);
    if (initial === undefined) return undefined;
    const v = copyOf(initial, this.copiesFor(rt));
    this.repeat(this.evaluated.get(name)!, rt);
    rt.constantCache.set(this.constants.key(name), v);
    return v;
  }

  generators(rt: Runtime): GlobalGenerators {
    if (!this.ready()) return {};
    const { random, pythonRandom } = this.rt!;
    const copies = this.copiesFor(rt);
    return { ...(random ? { random: copyOf(random, copies) as typeof random } : {}), ...(pythonRandom ? { pythonRandom: copyOf(pythonRandom, copies) as typeof pythonRandom } : {}) };
  }

  generatorDefaultUsed(fn: CompiledFunction): boolean {
    return this.ready() && (this.rt!.evaluatedDefaults(fn)?.some((v) => v instanceof RandomGenerator) ?? false);
  }

  private copiesFor(rt: Runtime): Map<unknown, Value> {
    let m = this.copies.get(rt);
    if (!m) this.copies.set(rt, (m = new Map()));
    return m;
  }

  /** What the constant's evaluation said, said in the run that reads it too. */
  private repeat(e: Evaluated, rt: Runtime): void {
    rt.repeatWarnings(e.warnings);
    if (e.nonFinite) rt.noteNonFinite(e.nonFinite.site, e.nonFinite.what, e.nonFinite.constant);
    if (e.deferred) rt.deferredDomain ??= e.deferred;
  }

  /**
   * Evaluates every constant under a budget of its own (INIT_BUDGET; clock.ts `withOwnDeadline`),
   * spent by the run that needed the module first, whichever it is. A module that needs more (a
   * training loop run at module level) is left to per-run evaluation, as before, after at most that.
   */
  private initialise(): void {
    this.state = 'running';
    const rt = new Runtime(null, INIT_BUDGET, this.constants.sites);
    this.rt = rt;
    inWordsOf(this.constants.language, () =>
      withOwnDeadline(
        rt.deadline,
        () => rt.expire(),
        () => {
          for (const name of this.constants.order) {
            if (this.evaluated.has(name)) continue;
            try {
              this.readInInit(name, rt);
            } catch {
              // Kept in `evaluated`: a run that reads it evaluates it itself, and fails as it did.
            }
          }
        },
      ),
    );
    this.state = this.settle(rt) ? 'ready' : 'off';
    if (this.state === 'off') this.kept.clear();
  }

  /** A constant read while the module initialises: evaluated the first time, in this one runtime. */
  private readInInit(name: string, rt: Runtime): Value {
    const key = this.constants.key(name);
    const done = this.evaluated.get(name);
    if (done) {
      if ('error' in done) throw done.error;
      this.repeat(done, rt);
    }
    const cached = rt.constantCache.get(key);
    if (cached !== undefined) return cached;
    const draws = totalDraws();
    const outerDeferred = rt.deferredDomain;
    const outerNonFinite = rt.nonFiniteOrigin;
    const outerScope = rt.drawScope;
    rt.deferredDomain = undefined;
    rt.nonFiniteOrigin = undefined;
    // The initialisation runs the module's statements in the program's order (the front end refuses
    // what it cannot follow, and resets a global generator where draws it does not follow were made):
    // one evaluation, whose draws from the generators it seeded are the program's own.
    rt.drawScope = this.drawScope;
    let value: Value | undefined;
    let failure: { error: unknown } | undefined;
    const warnings = rt.collectWarnings(() => {
      try {
        value = this.constants.evaluate(name, new Frame([], null, rt));
      } catch (e) {
        failure = { error: e };
      }
    });
    rt.drawScope = outerScope;
    const evaluated: Evaluated = { warnings, nonFinite: rt.nonFiniteOrigin, deferred: rt.deferredDomain, drew: totalDraws() !== draws, ...failure };
    rt.deferredDomain = outerDeferred;
    rt.nonFiniteOrigin = outerNonFinite;
    this.evaluated.set(name, evaluated);
    this.repeat(evaluated, rt);
    if (failure) throw failure.error;
    rt.constantCache.set(key, value!);
    return value!;
  }

  /**
   * Decides what runs take: each constant that can be copied. False when a run could not get the
   * initialisation's state by copying it.
   */
  private settle(rt: Runtime): boolean {
    if (rt.globalWrites > 0) return false;
    for (const name of this.constants.order) {
      const e = this.evaluated.get(name)!;
      if ('error' in e && e.error instanceof GradLensError && e.error.diagnostic.code.startsWith('budget')) return false;
      const v = rt.constantCache.get(this.constants.key(name));
      if (!('error' in e) && e.deferred === undefined && v !== undefined && isCopyable(v)) this.kept.set(name, v);
      // Evaluated again in each run: that must draw nothing, or the run's generators would move.
      else if (e.drew) return false;
    }
    return true;
  }
}

/**
 * What an initialisation may spend: what an analysis gives a sample evaluation (analysis/document.ts
 * SAMPLE_BUDGET), so that every function's first evaluation pays at most that once for constants it
 * may not read. The bench's MLP data (two arrays of standard normals, 19k draws) takes about a millisecond.
 */
const INIT_BUDGET: Budget = { ...DEFAULT_BUDGET, maxSteps: 200_000, maxMillis: 250 };
