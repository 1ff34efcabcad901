import type { ScalarKind } from './scalarKinds';
import type { Budget } from '../../core/budget';
import { diagnostic, fail, failNoValue, type Diagnostic, type DiagnosticCode } from '../../core/diagnostic';
import { formatRange, type SourceRange } from '../../core/sourceRange';
import { numberOps } from '../primitives/registry';
import { FORM_CODE, FORM_CONSTANT } from '../primitives/forms';
import type { ScalarPrimitive } from '../primitives/types';
import { oneSidedMessage } from '../primitives/verdict';
import { ArrayArena } from '../array/arena';
import type { RowRecorder } from '../array/ndarray';
import { formatBytes, Tape } from '../tape';
import { tick } from '../clock';
import { callText, type NonFiniteOrigin } from '../nonFinite';
import { callTemplate, type Phrase } from '../../core/diagnosticText';
import { Tracked, type ClassValue, type RandomGenerator, type Value } from './values';
import type { CompiledFunction } from './compiled';

/** An element (or a scalar in an np.where branch) with no value, whose error waits (Runtime.deferredDomain). */
export interface DeferredDomain {
  readonly message: string;
  readonly values?: readonly number[];
  readonly site: number;
  /** The array element (absent for a scalar), and the message without its " at element i". */
  readonly element?: number;
  readonly what?: string;
  /** An np.where's note has said it (whereMask.ts): the run need not say the result does not use it. */
  readonly said?: boolean;
}

/** A kink at element `element` of tape row `row` (0 for a scalar row), not said yet. */
export interface PendingKink {
  readonly row: number;
  readonly element: number;
  readonly scalar: boolean;
  readonly message: string;
  readonly values?: readonly number[];
  readonly site: number;
}

/** numpy's and Python's global generators of one evaluation. */
export interface GlobalGenerators {
  random?: RandomGenerator;
  pythonRandom?: RandomGenerator;
}

/** What a run takes from its module's initialisation (engine/moduleInit.ts) when first needed. */
export interface InitialState {
  generators(rt: Runtime): GlobalGenerators;
  /**
   * Whether the module's own code called `fn` without an argument whose default is a generator
   * (`P = init(3)` with `def init(n, rs=npr.RandomState(7))`): a run's default starts at its seed, as
   * the first call's did, while a call after the module has run continues the stream.
   */
  generatorDefaultUsed?(fn: CompiledFunction): boolean;
}

/** How often the wall clock is read, in steps (a power of two minus one, used as a mask). */
const TIME_CHECK_MASK = 4095;

/**
 * The state of one evaluation: the tape it records to (none for a plain evaluation), what it has
 * spent of its budget, and the warnings it raised. Every compiled closure reaches it through its
 * frame.
 */
export class Runtime {
  steps = 0;
  callDepth = 0;
  /** Bytes of lists and other storage the program built (the tape counts its own). */
  heapBytes = 0;
  /**
   * A function whose first call's arguments this run keeps (run.ts `capturedArguments`): the point a
   * helper gets from the run of a function that calls it. Unset in ordinary runs.
   */
  watch: { readonly fn: object; seen?: { readonly args: readonly Value[]; readonly keywords: readonly { readonly name: string; readonly value: Value }[] } } | undefined = undefined;
  /** The exceptions being handled (innermost last), for a bare `raise`. */
  readonly handling: Value[] = [];
  /**
   * What the module's initialisation left (engine/moduleInit.ts), taken when the run first needs it:
   * its global generators. Unset: the run starts afresh.
   */
  initialState: InitialState | undefined = undefined;
  private generators: GlobalGenerators | undefined;
  /** numpy's global generator (`np.random.rand`; JavaScript's `Math.random`), made on first use: unseeded until `np.random.seed`. */
  get random(): RandomGenerator | undefined {
    return (this.generators ??= this.initialState?.generators(this) ?? {}).random;
  }
  set random(g: RandomGenerator | undefined) {
    (this.generators ??= this.initialState?.generators(this) ?? {}).random = g;
  }
  /** Python's `random` module's generator, made on first use: unseeded until `random.seed`. */
  get pythonRandom(): RandomGenerator | undefined {
    return (this.generators ??= this.initialState?.generators(this) ?? {}).pythonRandom;
  }
  set pythonRandom(g: RandomGenerator | undefined) {
    (this.generators ??= this.initialState?.generators(this) ?? {}).pythonRandom = g;
  }
  /**
   * Evaluates module constants itself, as it reads them, instead of taking them from the module's
   * initialisation (moduleInit.ts): for what only looks at a constant's shape (run.ts
   * `constantShape`), which no draw before it changes, an edit then evaluates only the constants
   * shape inference asks about.
   */
  ownConstants = false;
  /** Values assigned to module names by `global` statements in this run (moduleInit.ts initialises a module only when none is). */
  globalWrites = 0;
  /** The evaluation draws are made in (randomGenerators.ts `unreproducible`): this run, or one module constant's. */
  drawScope: object = {};
  private constants: Map<string, Value> | undefined;
  private classes: Map<ClassValue, Map<string, Value>> | undefined;
  private moduleDefaults: Map<CompiledFunction, (Value | undefined)[]> | undefined;
  /** Date.now() past which the run stops (clock.ts reads it inside array kernels too). */
  readonly deadline: number;
  /** The site of the last array operation charged: where time that runs out inside a kernel is reported. */
  private workSite = 0;
  /** Where the first NaN or ∞ of this run arose (nonFinite.ts), set only once one has. */
  nonFiniteOrigin: NonFiniteOrigin | undefined = undefined;
  /** Made on the first warning: most runs have none, and a run is a few microseconds. */
  private warningsBySite: Map<string, Diagnostic> | undefined;

  /**
   * The first element an array operation has no real value for (np.sqrt of −1, np.log of 0): numpy
   * gives nan or ±inf there and goes on — an np.where may drop it — so the error waits here
   * (array/elementwise.ts), and run.ts raises it once a non-finite number reaches the result or the
   * run fails later, and otherwise warns that the result does not use it.
   */
  deferredDomain: DeferredDomain | undefined = undefined;

  /**
   * Whether each argument of the library call being made is an int or a float by the source
   * (scalarKinds.ts), for the implementations that give their result numpy's dtype (array/dtypes.ts),
   * which take it on entry.
   */
  argumentKinds: readonly ScalarKind[] | undefined = undefined;
  /**
   * How many np.where branches the run is evaluating (interpreter/whereCall.ts). There a scalar's
   * domain error waits like an array element's: numpy gives nan and goes on, and the where decides
   * whether the element is used (array/where.ts).
   */
  whereBranches = 0;
  /**
   * Kinks met in the np.where branch being evaluated (`sqrt has an infinite derivative at 0`), kept
   * until the where knows whether it selects their element (array/whereMask.ts); else undefined.
   */
  branchKinks: PendingKink[] | undefined = undefined;
  /**
   * Warnings about a tape row that matter only if the result depends on it (a derivative that is nan
   * through it): run.ts raises each whose row the output reaches, once the output is known.
   */
  readonly warningsIfReached: { readonly row: number; readonly code: DiagnosticCode; readonly message: string; readonly site: number; readonly values?: readonly number[] }[] = [];
  /** How many `try` bodies with handlers the run is inside: there a domain error is raised at once. */
  guarded = 0;

  /** Records the array row over scalars written into an array (array/elementWrites.ts), made on first use. */
  elementWrites: RowRecorder | undefined = undefined;

  /** Where this run's arrays are made (see arena.ts). */
  readonly arena: ArrayArena;

  constructor(
    readonly tape: Tape | null,
    readonly budget: Budget,
    readonly sites: readonly SourceRange[],
    /** Float64s of arrays the same function made last time. */
    arenaHint = 0,
  ) {
    this.deadline = Date.now() + budget.maxMillis;
    this.arena = new ArrayArena(arenaHint);
  }

  get warnings(): Diagnostic[] {
    return this.warningsBySite ? [...this.warningsBySite.values()] : [];
  }

  /** Module constants, evaluated at most once per run. */
  get constantCache(): Map<string, Value> {
    return (this.constants ??= new Map());
  }

  /** A module name's value set by a `global` statement (the constant cache is where every read looks first). */
  setGlobal(key: string, v: Value): void {
    this.globalWrites++;
    this.constantCache.set(key, v);
  }

  /**
   * The defaults of module-level functions and methods in this run (CompiledFunction.defaultsOnce):
   * their `def` ran once, when the module was read, so every call of the run shares them (a list
   * default one call appends to, the next sees), and the next run starts afresh. Each is evaluated
   * when first needed.
   */
  definitionDefaults(fn: CompiledFunction): (Value | undefined)[] {
    const all = (this.moduleDefaults ??= new Map());
    let own = all.get(fn);
    if (!own) {
      own = new Array(fn.params.length);
      all.set(fn, own);
    }
    return own;
  }

  /** The defaults of `fn` this run has evaluated so far (none: undefined). */
  evaluatedDefaults(fn: CompiledFunction): readonly (Value | undefined)[] | undefined {
    return this.moduleDefaults?.get(fn);
  }

  /** A user class's class-level attributes in this run, evaluated on first use. */
  classAttributes(cls: ClassValue, evaluate: () => Map<string, Value>): Map<string, Value> {
    const all = (this.classes ??= new Map());
    let own = all.get(cls);
    if (!own) {
      own = evaluate();
      all.set(cls, own);
    }
    return own;
  }

  /** One unit of work at `site` (a loop iteration, a call). Fails, located there, past the budget. */
  step(site: number, what: string): void {
    if (++this.steps > this.budget.maxSteps) {
      fail('budget-steps', `step budget exceeded (${this.budget.maxSteps.toLocaleString('en-US')} steps) in ${what}: is it an infinite loop? If the work is real, raise the step budget.`, this.sites[site]!);
    }
    if ((this.steps & TIME_CHECK_MASK) === 0 && Date.now() > this.deadline) {
      fail('budget-time', `time budget exceeded (${this.budget.maxMillis} ms) in ${what}`, this.sites[site]!);
    }
  }

  /**
   * Array work at `site`: `units` ≈ elements written or multiply-adds (a matmul's m·n·k, counted by
   * its kernel block by block). It is time, not steps: the clock is read every ~10⁶ units.
   */
  work(units: number, site: number): void {
    this.workSite = site;
    tick(units);
  }

  /** The time budget's error, located at the array operation running when it ran out. */
  expire(): never {
    return fail('budget-time', `time budget exceeded (${this.budget.maxMillis} ms) in an array operation`, this.sites[this.workSite]!);
  }

  allocate(bytes: number, site: number): void {
    this.heapBytes += bytes;
    const total = this.heapBytes + (this.tape?.bytes ?? 0);
    if (total > this.budget.maxBytes) {
      fail('budget-memory', `memory budget exceeded (${formatBytes(this.budget.maxBytes)}): refusing to allocate ${formatBytes(bytes)} more`, this.sites[site]!);
    }
  }

  /**
   * Remembers `what` at `site` as where this run's first non-finite number arose: the first
   * operation that gave one, else the first non-finite constant evaluated (`best = math.inf` is
   * common and usually harmless, so an operation is the better answer when there is one).
   */
  noteNonFinite(site: number, what: Phrase, constant = false): void {
    const now = this.nonFiniteOrigin;
    if (now === undefined || (now.constant && !constant)) this.nonFiniteOrigin = { site, what, constant };
  }

  warn(code: DiagnosticCode, message: string, site: number, values?: readonly number[], severity: 'warning' | 'info' = 'warning'): void {
    const range = this.sites[site]!;
    const key = `${code}@${formatRange(range)}`;
    const warnings = (this.warningsBySite ??= new Map());
    if (!warnings.has(key)) warnings.set(key, diagnostic(severity, code, message, range, values));
  }

  /** Warnings raised in another evaluation (by `collectWarnings`), said in this one too (a module constant's, evaluated once for every run: moduleInit.ts). */
  repeatWarnings(said: ReadonlyMap<string, Diagnostic>): void {
    if (said.size === 0) return;
    const warnings = (this.warningsBySite ??= new Map());
    for (const [key, d] of said) if (!warnings.has(key)) warnings.set(key, d);
  }

  /** Runs `body` and returns the warnings it raised, which this evaluation keeps too (each module constant's own: moduleInit.ts). */
  collectWarnings(body: () => void): ReadonlyMap<string, Diagnostic> {
    const outer = this.warningsBySite;
    const own = new Map<string, Diagnostic>();
    this.warningsBySite = own;
    try {
      body();
    } finally {
      this.warningsBySite = outer;
      this.repeatWarnings(own);
    }
    return own;
  }

  /**
   * floor and the like give no gradient: said only when the result is differentiated (its row
   * reaches the output), not when it only picks a branch or an index (`a[Math.floor(x * n)]`).
   */
  warnIfZeroReached(name: string, row: number, site: number): void {
    this.warnIfReached('zero-derivative', `${name} has zero derivative wherever it is differentiable: no gradient flows through it`, row, site);
  }

  /** A warning about row `row` (a kink, a zero derivative), raised by run.ts only if the output depends on the row. */
  private warnIfReached(code: DiagnosticCode, message: string, row: number, site: number, values?: readonly number[]): void {
    // A floor in a long loop would keep a row per iteration: past a few, it is said outright.
    const key = `${code}@${site}`;
    const pending = (this.pendingBySite ??= new Map()).get(key) ?? 0;
    if (pending >= 64) return this.warn(code, message, site, values);
    this.pendingBySite.set(key, pending + 1);
    this.warningsIfReached.push({ row, code, message, site, ...(values ? { values } : {}) });
  }

  private pendingBySite: Map<string, number> | undefined;

  /** A kink on a tape row: said if the output reaches it (a scalar row) or at once, unless an np.where branch keeps it. */
  reportKink(k: PendingKink): void {
    if (this.branchKinks) this.branchKinks.push(k);
    else if (k.scalar) this.warnIfReached('non-differentiable', k.message, k.row, k.site, k.values);
    else {
      this.warn('non-differentiable', k.message, k.site, k.values);
      this.rememberKinkSaid(k.site, k);
    }
  }

  /**
   * Array kinks said at once (outside an np.where branch), by site, so that a where that excludes each
   * of them (`s = np.sqrt(x)` a line above `np.where(x > 0, s, 0.0)`) can withdraw the warning;
   * 'kept' past 64 of them, or for one said without its row.
   */
  private kinksSaid: Map<number, PendingKink[] | 'kept'> | undefined;

  rememberKinkSaid(site: number, k?: PendingKink): void {
    const said = (this.kinksSaid ??= new Map());
    const now = said.get(site);
    if (now === 'kept') return;
    if (k === undefined || (now?.length ?? 0) >= 64) said.set(site, 'kept');
    else if (now) now.push(k);
    else said.set(site, [k]);
  }

  /**
   * Withdraws the kink warnings whose every element an np.where has excluded (`excluded`: the
   * sweeps send nothing up from them, array/whereMask.ts). Where the value is used elsewhere too, the
   * derivative's own ∞ or NaN is still said (run.ts), at this same operation.
   */
  withdrawExcludedKinks(excluded: (row: number, element: number) => boolean): void {
    if (!this.kinksSaid || !this.warningsBySite) return;
    for (const [site, kinks] of this.kinksSaid) {
      if (kinks === 'kept' || !kinks.every((k) => excluded(k.row, k.element))) continue;
      const key = `non-differentiable@${formatRange(this.sites[site]!)}`;
      if (kinks.some((k) => k.message === this.warningsBySite!.get(key)?.message)) this.warningsBySite.delete(key);
      this.kinksSaid.delete(site);
    }
  }

  /**
   * Applies a primitive. Constants fold to a number; anything that depends on a differentiated value
   * is taped with its partials. `quiet` suppresses the zero-derivative flag for sugar that uses floor
   * internally (`%`, `//`), where the user did not write floor.
   */
  apply(p: ScalarPrimitive, a: number | Tracked, b: number | Tracked, site: number, quiet = false): number | Tracked {
    const ta = typeof a !== 'number';
    const tb = p.arity === 2 && typeof b !== 'number';
    const av = ta ? (a as Tracked).value : (a as number);
    const bv = typeof b === 'number' ? b : b.value;
    const out = p.value(av, bv);
    let kink: { readonly message: string; readonly values?: readonly number[] } | undefined;
    if (p.domain !== undefined) {
      const verdict = p.domain(av, bv, out, ta, tb);
      if (verdict !== undefined) {
        if (verdict.kind === 'error') this.domainError(verdict.message, verdict.values, site);
        else {
          const [message, values] = oneSidedMessage(verdict);
          kink = { message, values };
        }
      }
    }
    if (out !== out || out === Infinity || out === -Infinity) this.checkNonFinite(p, av, bv, out, site);
    if (!ta && !tb) {
      if (kink !== undefined) this.warn('non-differentiable', kink.message, site, kink.values);
      return out;
    }
    const tape = this.tape!;
    const p0 = ta ? partialAt(p, 0, av, bv, out) : 0;
    const p1 = tb ? partialAt(p, 1, av, bv, out) : 0;
    const constant = !ta ? av : p.arity === 2 && !tb ? bv : 0;
    const id = tape.push(p.opcode, ta ? (a as Tracked).id : -1, tb ? (b as Tracked).id : -1, out, p0, p1, constant, site);
    // A kink or a floor that only picks a branch or an index (`a[Math.floor(x * n)]`) changes no derivative.
    if (kink !== undefined) this.reportKink({ row: id, element: 0, scalar: true, message: kink.message, values: kink.values, site });
    if (p.zeroDerivative && !quiet) this.warnIfZeroReached(p.name, id, site);
    return new Tracked(id, out);
  }

  /** A result that is not a finite number from finite arguments is an error the user should see. */
  private checkNonFinite(p: ScalarPrimitive, a: number, b: number, out: number, site: number): void {
    const args = p.arity === 1 ? [a] : [a, b];
    if (args.some((x) => !Number.isFinite(x))) return this.noteNonFinite(site, callText(p.name, args, out));
    const what = Number.isNaN(out) ? 'is not a number' : 'overflows float64';
    this.domainError(`${callTemplate(p.name, args.length)} ${what}`, args, site);
  }

  /** A scalar's domain error: at once, except in an np.where branch, where it waits (`whereBranches`). */
  private domainError(message: string, values: readonly number[] | undefined, site: number): void {
    if (this.whereBranches === 0) failNoValue(message, this.sites[site]!, values, false);
    this.deferredDomain ??= { message, values, site };
  }
}

/**
 * ∂ₖ p at (a, b): read from the rule's form where it is a constant or an argument (forms.ts),
 * otherwise the rule itself. A call through `p.partials` sees every primitive's rule at one site,
 * which V8 cannot inline; most operations (add, sub, mul, neg, exp…) need no call.
 */
function partialAt(p: ScalarPrimitive, k: 0 | 1, a: number, b: number, out: number): number {
  const at = 2 * p.opcode + k;
  switch (FORM_CODE[at]) {
    case 0:
      return FORM_CONSTANT[at]!;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return out;
    default:
      return p.partials[k]!(numberOps, a, b, out);
  }
}
