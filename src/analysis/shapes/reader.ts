import { balancedSum } from '../../ir/sums';
import type { IrExpr, IrFunction, IrLambda, IrStmt, IrTarget } from '../../ir/nodes';
import { casesReading, mentionsName, someExpr } from '../../ir/walk';
import { returnsShapeOf, shapeOfOne } from './shapeOfOne';
import { readCall, readMatmul } from './calls';
import type { Dims } from './dims';
import { calleeName, constantInt, entryOf, freshFacts, INDEXED, isDims, isItems, type Abs, type Callees, type Facts, type PropertyTree, type ReceiverAttribute } from './facts';
import { isMask, readIndex } from './indexing';
import { counterLast, counterStep } from './loopBounds';
import { indexJoined, joiningIndexer, JOINING } from './stacking';
import type { HeldValue } from '../../engine/run';

/**
 * Reads one function's body once, in order, collecting what each parameter's uses say about it
 * (`Facts`) and computing each expression's abstract value (`Abs`). Indexing (indexing.ts) and calls
 * (calls.ts) are read by functions of their own over this reader.
 */
/**
 * A parameter and the property keys read down from it (`p.pos` is p with keys [pos]); from one of its
 * elements when `elements` (`pts[i].pos`, `p.pos` for `p` of `for (const p of pts)`).
 */
interface PropertyPath {
  readonly param: Facts;
  readonly keys: readonly string[];
  readonly elements?: true;
}

function rootTree(path: PropertyPath): PropertyTree {
  return path.elements ? (path.param.elementProperties ??= new Map()) : (path.param.properties ??= new Map());
}

export class Reader {
  /** What the last `return` gives, for callers. */
  returned: Abs;
  readonly locals = new Map<string, Abs>();
  /** The values of the subjects of the `match` statements being read (not names), innermost last. */
  private readonly subjects: Abs[] = [];
  /** Locals holding a boolean mask (`outliers = np.abs(r) > eps`), for `w[outliers]` (indexing.ts). */
  readonly masks = new Set<string>();
  /**
   * The parameters each mask local compares: `const isRateZero = rate === 0; if (isRateZero) …`
   * tests one number, so `rate` is a number there, not a vector compared entry by entry.
   */
  private readonly maskOperands = new Map<string, Set<Facts>>();
  /** Loop variables over `range(dimension)`, by name, with the dimension. */
  readonly loopDims = new Map<string, number>();
  /** Counters of loops with a stated bound (`i < 4`, `i <= K`), by name, with their largest value (loopBounds.ts). */
  readonly loopLast = new Map<string, number>();
  /** Locals last assigned a whole number (`let i = 3`): where a loop counting down starts. */
  private readonly wholeLocals = new Map<string, number>();
  /** Constants a parameter is compared with (`z < 0`, `if x > 1`): where the function branches. */
  readonly thresholds = new Set<number>();
  /**
   * Locals holding a row of a parameter (`point = data[i]`, `for (const point of data)`), by name:
   * indexing them (`point[0]`) indexes the parameter one axis further in (indexing.ts).
   */
  readonly rows = new Map<string, { readonly param: Facts; readonly depth: number }>();
  /**
   * A callback's element that is one character of a string (`keyOrder.split('').map((k) => o[k])`,
   * chroma.js's unpack): `o[k]` reads a property by name, not an axis (indexing.ts).
   */
  readonly characters = new Set<string>();
  /** Locals holding a property of an object parameter (`const v = body.vel`), by name: `v.x` reads `body.vel.x`. */
  private readonly propertyAliases = new Map<string, PropertyPath>();
  /**
   * Local names that stand for a parameter, or for a part of its elements: `h = X` (until h is
   * assigned again), a loop's `W, b` in `for W, b in params` or `zip(Ws, bs)` (shapes.ts concludes
   * a list of pairs, or a stack, from what the body does to them).
   */
  readonly aliases = new Map<string, Facts>();
  /** The facts that are parts of a parameter's elements (`W`, `b` of `for W, b in params`). */
  readonly parts = new Set<Facts>();
  /** For `h = X`, the parameter's name (its capital says a matrix, calls.ts). */
  readonly aliasNames = new Map<string, string>();
  /** Locals bound to a lambda (`p = lambda k: np.exp(f[k]) / s`): a call `p(y[i])` reads its body with k standing for y[i]. */
  private readonly localLambdas = new Map<string, IrLambda>();
  /** While such a body is read: its parameters, by name, and the arguments of the call. */
  private readonly boundArguments = new Map<string, IrExpr>();
  /** Loop variables over a list of instances (`for n in self.neurons`), by name: the listed `__call__` calling one reaches. */
  readonly elementCallees = new Map<string, string>();
  /** Inside a loop over parts of a parameter's elements: a parameter assigned there carries its value to the next pass. */
  private partLoops = 0;
  /** Inside an `if`/`while` test, where a comparison is of numbers. */
  private testDepth = 0;
  /** Inside a loop's body: a local updated from itself there (`h = step(x, h)`) keeps its shape. */
  private loopDepth = 0;

  constructor(
    readonly callees: Callees,
    private readonly facts: Map<string, Facts>,
    readonly dims: Dims,
    /** The class whose method is being read (`self.m(…)` calls its methods). */
    readonly owner?: string,
    /** The function being read: whose names its calls are resolved among. */
    readonly caller?: IrFunction,
  ) {}

  /**
   * The arms of an `if`, each from the state before it. A parameter one arm makes a local of (`if
   * y.ndim == 1: t = t.reshape(1, t.size)`) is still the parameter where that arm is not taken, so
   * after the `if` its uses speak of the parameter again (`y[np.arange(n), t]`: t holds labels);
   * made a local in every arm, it is one.
   */
  private branches(arms: readonly (readonly IrStmt[])[]): void {
    const params = [...this.facts.keys()].filter((n) => !this.locals.has(n));
    const madeLocal = arms.map((arm) => {
      this.statements(arm);
      const made = params.filter((n) => this.locals.has(n));
      for (const n of made) this.locals.delete(n);
      return made;
    });
    for (const n of params) if (madeLocal.every((made) => made.includes(n))) this.locals.set(n, undefined);
  }

  /**
   * Whether a sample takes `test` as true: a parameter tested for truth alone, without a default or
   * with a true one (a sampled number is not 0), or the instance's flag (`self.fit_intercept`).
   */
  private sampledTrue(test: IrExpr): boolean {
    if (test.kind === 'attribute' && isReceiver(test.object)) return true;
    if (test.kind !== 'name' || !this.param(test)) return false;
    const d = this.caller?.params.find((p) => p.name === test.name)?.default;
    return d === undefined || (d.kind === 'bool' && d.value) || (d.kind === 'number' && d.value !== 0);
  }

  /** Attributes of the receiver set from a parameter in this method (`self.t = t`): that parameter's facts. */
  private readonly receiverAliases = new Map<string, Facts>();
  /** Attributes of the receiver set in this method from another array (`self.y = softmax(x)`): its shape. */
  private readonly receiverValues = new Map<string, Abs>();

  /** Constructor parameters read here through the instance (`self.b` of `__init__(self, W, b)`): a layer's weights, not data. */
  private readonly constructorParams = new Set<Facts>();

  /** Attributes of the receiver this method writes: what its constructor stored there is not what it reads after. */
  private readonly receiverWritten = new Set<string>();

  /** What the class's constructor stored at `self.<path>`, when this method has not written it. */
  private stored(e: IrExpr): ReceiverAttribute | undefined {
    const path = receiverPath(e);
    if (path === undefined || this.receiverWritten.has(path.split('[')[0]!)) return undefined;
    return this.callees.receiverAttribute(this.owner, this.caller, path);
  }

  /** The facts of a parameter named by `e` (not shadowed by a local). */
  param(e: IrExpr): Facts | undefined {
    if (e.kind === 'attribute' && isReceiver(e.object)) {
      const kept = this.receiverAliases.get(e.name);
      if (kept || this.receiverWritten.has(e.name)) return kept;
      // `self.W` of `__init__(self, W, b)`: what this method does with it says what W must be.
      const stored = this.stored(e);
      if (!stored || !('facts' in stored)) return undefined;
      this.constructorParams.add(stored.facts);
      return stored.facts;
    }
    // params["W"]: an entry of a dict parameter, read as a parameter of its own (entryOf).
    if (e.kind === 'index' && e.index.kind === 'string') {
      const owner = this.param(e.object);
      return owner && entryOf(owner, e.index.value);
    }
    if (e.kind !== 'name') return undefined;
    return this.aliases.get(e.name) ?? (!this.locals.has(e.name) ? this.facts.get(e.name) : undefined);
  }

  /**
   * Data the function reads from the module (`np.dot(train_inputs, weights)`): an array constant's
   * exact shape, so what meets it is sized by it; nothing for another name.
   */
  private globalValue(name: string): Abs {
    return this.heldAbs(this.callees.heldValue(name, this.caller));
  }

  /** A value the engine computed: an array of that exact shape, or a whole number as an exact size. */
  private heldAbs(held: HeldValue | undefined): Abs {
    const exact = (size: number): number => {
      const d = this.dims.fresh();
      this.dims.setExact(d, size);
      return d;
    };
    if (held && 'shape' in held) return { dims: held.shape.map(exact) };
    // A factory's `D` (`params[:D]`): a size, when one a sample can hold.
    return held && held.whole >= 1 && held.whole <= MAX_HELD_SIZE ? { size: exact(held.whole) } : undefined;
  }

  /** A parameter's (or a dict parameter's entry's) abstract value: its axes when it has any. */
  private valueOf(p: Facts): Abs {
    if (!(p.minRank > 0 || p.exactRank)) return undefined;
    const dims = this.axes(p, p.minRank, false).slice(0, p.exactRank ?? p.minRank);
    // Its rank is the least the code has shown so far: joined with matrices (np.hstack), it is one.
    return p.exactRank === undefined ? { dims, tied: { param: p, depth: 0 } } : { dims };
  }

  /**
   * Locals computed from parameters by integer arithmetic (`H_out = 1 + (H - ph) // stride`,
   * `pad = int(conv_param['pad'])`), with the parameters (or dict entries) they are computed from:
   * where such a local must be a whole number (a size, a range), so must they.
   */
  private readonly integerSources = new Map<string, ReadonlySet<Facts>>();

  /**
   * The parameters and dict entries a number used as a whole number is computed from, through
   * + − × // / % (integer results taken by `int()` or a floor), `int()`, `round()`, and the locals
   * computed so; none for anything else (an array's `.shape[0]` is a size already).
   */
  integersIn(e: IrExpr, into = new Set<Facts>()): Set<Facts> {
    const p = this.param(e);
    if (p) {
      if (p.minRank === 0 && !p.label) into.add(p);
    } else if (e.kind === 'name') for (const f of this.integerSources.get(e.name) ?? []) into.add(f);
    else if (e.kind === 'binary' && ['+', '-', '*', '//', '/', '%'].includes(e.op)) {
      this.integersIn(e.left, into);
      this.integersIn(e.right, into);
    } else if (e.kind === 'unary' && e.op === '-') this.integersIn(e.operand, into);
    else if (e.kind === 'call' && e.args.length === 1 && e.keywords.length === 0 && INTEGER_CASTS.has(calleeName(e.callee) ?? '')) this.integersIn(e.args[0]!, into);
    return into;
  }

  private unalias(name: string): void {
    this.aliases.delete(name);
    this.aliasNames.delete(name);
  }

  /** The name `e` is written with, or the parameter's it stands for (`h = X`: X). */
  nameOf(e: IrExpr): string | undefined {
    // `self.W`: the attribute's name, which says a matrix as a parameter's does.
    if (e.kind === 'attribute' && isReceiver(e.object)) return e.name;
    return e.kind === 'name' ? (this.aliases.has(e.name) ? this.aliasNames.get(e.name) : undefined) ?? e.name : undefined;
  }

  /** At least `rank` axes; `evidence` false when only the capitalized-name guess says so. */
  axes(f: Facts, rank: number, evidence = true): number[] {
    if (evidence && rank > 0) f.rankSeen = true;
    f.minRank = Math.max(f.minRank, rank);
    while (f.axes.length < Math.max(rank, f.exactRank ?? 0)) f.axes.push(this.dims.fresh());
    return f.axes;
  }

  /** A parameter used the way only an array can be (`why`): at least a vector. */
  arrayOnly(f: Facts, why: string): number[] {
    // Said only when nothing before made it an array (indexing, `.shape`, a product).
    if (f.minRank === 0 && !f.reduced && !f.matmul) f.arrayOnly ??= why;
    f.constantReadsOnly = false;
    return this.axes(f, Math.max(1, f.minRank));
  }

  statements(stmts: readonly IrStmt[]): void {
    for (const s of stmts) this.statement(s);
  }

  private statement(s: IrStmt): void {
    switch (s.kind) {
      case 'assign':
        this.assign(s.target, s.value);
        return;
      case 'augAssign':
        if (s.target.kind === 'name') this.wholeLocals.delete(s.target.name);
        this.elementwise(this.target(s.target), this.expr(s.value));
        return;
      case 'return':
        if (s.value) this.returned = this.expr(s.value);
        return;
      case 'expr':
        if (s.value) this.expr(s.value);
        return;
      case 'if':
        this.test(s.test);
        // `if fit_intercept: X = np.c_[np.ones(n), X]`: a flag a sample gives a true value takes the
        // branch, so what it makes of a parameter is what the code after it reads.
        if (s.else.length === 0 && this.sampledTrue(s.test)) this.statements(s.then);
        else this.branches([s.then, s.else]);
        return;
      case 'while':
        this.test(s.test);
        this.countedLoop(s.test, s.update);
        this.boundedLoop(s.test, s.update, s.body);
        this.loopDepth++;
        try {
          this.statements(s.body);
          if (s.update) this.statements(s.update);
        } finally {
          this.loopDepth--;
        }
        return;
      case 'match': {
        // `match v > 1.0, h <= 0.0:` compares numbers, as an `if` does: an array's comparison matches no `True`.
        const subject = this.test(s.subject);
        // A name's cases read the name (`x[0]`, `len(x)`: x is a sequence); any other subject's, its value.
        if (s.subject.kind === 'name') {
          this.statements(casesReading(s, s.subject));
          return;
        }
        this.subjects.push(subject);
        this.statements(s.cases);
        this.subjects.pop();
        return;
      }
      case 'def':
        // A nested def (autograd's rnn `def update_rnn(input, hiddens)` reading `params["change"]`): its
        // body says what it does to this function's parameters, as an inline function's does.
        this.callback(s.fn.params.map((p) => p.name), () => this.statements(s.fn.body));
        return;
      case 'labeled':
        // A `switch` (and a labelled loop) is a labelled block: its cases compare and compute as an `if` does.
        this.statements(s.body);
        return;
      case 'assert':
        // `assert X.dtype == float` reads X as an `if` test does (only an array has a .dtype).
        this.test(s.test);
        return;
      case 'with':
        this.statements(s.body);
        return;
      case 'try':
        // The body runs; a handler or the `else` runs after it, as a branch would.
        this.statements(s.body);
        this.branches([s.else, ...s.handlers.map((h) => h.body)]);
        this.statements(s.finally);
        return;
      case 'for':
        // A loop over a parameter's parts reads its body twice: what one pass leaves in a local
        // (`h = np.tanh(h @ W + b)`) is what the next pass starts from, so its shapes are tied.
        if (!this.forLoop(s.target, s.iterable)) {
          this.loopDepth++;
          try {
            this.statements(s.body);
          } finally {
            this.loopDepth--;
          }
          return;
        }
        this.partLoops++;
        try {
          for (let pass = 0; pass < 2; pass++) this.statements(s.body);
        } finally {
          this.partLoops--;
        }
        return;
      default:
        return;
    }
  }

  private test(e: IrExpr): Abs {
    this.testDepth++;
    // Only the local itself, negated or joined by and/or: `if np.any(mask)` still reads an array's mask.
    const read = (x: IrExpr): void => {
      if (x.kind === 'name') for (const f of this.maskOperands.get(x.name) ?? []) f.scalarTest = true;
      else if (x.kind === 'unary' && x.op === 'not') read(x.operand);
      else if (x.kind === 'logical') [x.left, x.right].forEach(read);
    };
    read(e);
    try {
      return this.expr(e);
    } finally {
      this.testDepth--;
    }
  }

  /** Loop variables that are elements of a parameter (`for y in sizes[1:]`, `for x, y in zip(sizes[:-1], sizes[1:])`), by name. */
  readonly elementOwners = new Map<string, Facts>();

  /** The parameter `e` is, or a slice of (`sizes[1:]`). */
  private paramOrSlice(e: IrExpr): Facts | undefined {
    return this.param(e.kind === 'index' && e.index.kind === 'slice' ? e.object : e);
  }

  /** Reads a loop's header; true when its targets stand for parts of a parameter's elements. */
  private forLoop(target: IrTarget, iterable: IrExpr): boolean {
    const it = this.expr(iterable);
    for (const t of target.kind === 'tuple' ? target.elements : [target]) if (t.kind === 'name') this.unalias(t.name);
    // Each target bound to the elements of what it walks: a parameter, a slice of one, or zip's arguments.
    const zipped = target.kind === 'tuple' && iterable.kind === 'call' && calleeName(iterable.callee) === 'zip' && iterable.args.length === target.elements.length ? iterable.args : undefined;
    (target.kind === 'tuple' ? target.elements : [target]).forEach((t, i) => {
      if (t.kind !== 'name') return;
      const owner = target.kind === 'tuple' ? (zipped ? this.paramOrSlice(zipped[i]!) : undefined) : this.paramOrSlice(iterable);
      if (owner) this.elementOwners.set(t.name, owner);
      else this.elementOwners.delete(t.name);
    });
    if (target.kind === 'tuple') {
      // for (const [x, y] of points): each row has exactly that many entries.
      const p = this.param(iterable);
      if (p) {
        p.constantReadsOnly = false;
        this.dims.setExact(this.axes(p, 2)[1]!, target.elements.length);
      }
      this.enumerated(target.elements, iterable);
      return this.elementParts(target.elements, iterable);
    }
    if (target.kind !== 'name') return false;
    // for layer in self.layers: `layer(x)` calls the class's __call__ (methods.ts elementCall).
    const called = this.callees.elementCall(this.owner, iterable);
    if (called) this.elementCallees.set(target.name, called);
    else this.elementCallees.delete(target.name);
    const rowsOf = this.param(iterable);
    if (rowsOf) this.rows.set(target.name, { param: rowsOf, depth: 1 });
    else this.rows.delete(target.name);
    // for i in range(n), range(1, n), range(0, n, 2): i indexes a dimension of size n (ZDT4's
    // `x[:, i]` for i in range(1, self.n_var)); n a parameter, or the instance's, is a count, as `i < n` makes it.
    const bound = iterable.kind === 'call' && calleeName(iterable.callee) === 'range' ? rangeBound(iterable.args) : undefined;
    if (bound) {
      const counted = this.param(bound);
      if (counted && counted.minRank === 0 && !counted.label) {
        counted.count = true;
        this.loopDims.set(target.name, (counted.countDim ??= this.dims.fresh()));
      } else {
        const n = this.expr(bound);
        if (n && 'size' in n) this.loopDims.set(target.name, n.size);
      }
      this.locals.set(target.name, undefined);
      return false;
    }
    const p = this.param(iterable);
    if (p) {
      p.constantReadsOnly = false;
      this.axes(p, 1);
    }
    this.locals.set(target.name, isDims(it) && it.dims.length > 0 ? { dims: it.dims.slice(1), ...(p ? { tied: { param: p, depth: 1 } } : {}) } : undefined);
    return false;
  }

  /** `name` stands for part `part` of `parts` of each element of `owner`'s; false when it cannot. */
  private bindPart(name: IrTarget | undefined, owner: Facts | undefined, part: number, parts: number): boolean {
    if (!owner || name?.kind !== 'name') return false;
    const elements = (owner.elements ??= Array.from({ length: parts }, freshFacts));
    if (elements.length !== parts) return false;
    this.unalias(name.name);
    this.aliases.set(name.name, elements[part]!);
    this.parts.add(elements[part]!);
    this.locals.delete(name.name);
    this.rows.delete(name.name);
    return true;
  }

  /**
   * `(W1, b1), (W2, b2) = params`, `W, b = params[0]` and `W, b = layer` of `for layer in params`: the names are parts of the elements of
   * params, a list of (weights, bias) pairs, as `for W, b in params` makes them (elementParts). True
   * when the names were bound so.
   */
  private layerParts(targets: readonly IrTarget[], value: IrExpr): boolean {
    const tuples = targets.filter((t): t is IrTarget & { kind: 'tuple' } => t.kind === 'tuple');
    const pairs = tuples.length > 0 && tuples.length === targets.length && tuples.every((t) => t.elements.length > 1 && t.elements.length === tuples[0]!.elements.length);
    if (pairs && this.param(value)) return tuples.map((t) => this.elementParts(t.elements, value)).some(Boolean);
    const row = value.kind === 'index' && value.index.kind !== 'slice' && value.index.kind !== 'tuple' && value.index.kind !== 'string' && !isMask(this, value.index) ? value : undefined;
    const owner = row ? this.param(row.object) : undefined;
    if (row && owner && targets.length > 1 && targets.every((t) => t.kind === 'name')) return this.elementParts(targets, row.object);
    // for layer in params: W, b = layer
    const held = value.kind === 'name' && this.locals.has(value.name) ? this.rows.get(value.name) : undefined;
    if (held?.depth !== 1 || targets.length < 2) return false;
    return targets.map((t, k) => this.bindPart(t, held.param, k, targets.length)).some(Boolean);
  }

  /**
   * `for j, aij in enumerate(a[i])` (DEAP's shekel): j counts along the axis enumerate walks — a's
   * second, a row of a parameter being one axis further in — so `individual[j]` reads an axis of that size.
   */
  private enumerated(names: readonly IrTarget[], iterable: IrExpr): void {
    const counter = names[0];
    if (names.length !== 2 || counter?.kind !== 'name' || iterable.kind !== 'call' || calleeName(iterable.callee) !== 'enumerate' || iterable.args.length !== 1) return;
    const walked = iterable.args[0]!;
    const p = this.param(walked);
    const row = p ? undefined : rowOfParameter(this, walked);
    const owner = p ?? row?.param;
    if (!owner) return;
    const depth = row?.depth ?? 0;
    owner.constantReadsOnly = false;
    this.loopDims.set(counter.name, this.axes(owner, depth + 1)[depth]!);
  }

  /**
   * `for W, b in params` (W and b the parts of each element of params), `for W, b in zip(Ws, bs)`
   * and `for i, W in enumerate(Ws)` (W the one part of each element of Ws): the names stand for
   * those parts while the body is read. True when any name does.
   */
  private elementParts(names: readonly IrTarget[], iterable: IrExpr): boolean {
    const bind = this.bindPart.bind(this);
    const p = this.param(iterable);
    if (p) return names.map((t, k) => bind(t, p, k, names.length)).some(Boolean);
    const over = iterable.kind === 'call' && iterable.keywords.length === 0 ? calleeName(iterable.callee) : undefined;
    if (over === 'zip' && iterable.kind === 'call' && iterable.args.length === names.length) {
      return iterable.args.map((a, k) => bind(names[k], a.kind === 'name' ? this.param(a) : undefined, 0, 1)).some(Boolean);
    }
    if (over === 'enumerate' && iterable.kind === 'call' && iterable.args.length === 1 && names.length === 2) {
      const a = iterable.args[0]!;
      return bind(names[1], a.kind === 'name' ? this.param(a) : undefined, 0, 1);
    }
    return false;
  }

  /**
   * `for (let i = 0; i < x.length; i++)` (a while loop in the IR): i indexes x's first axis, as
   * `for i in range(len(x))` does, so `y[i]` in its body makes y as long as x (BLAS-style `dot(a, b)`);
   * `i < n` with n a parameter makes n a count, as `range(n)` does.
   */
  private countedLoop(test: IrExpr, update: readonly IrStmt[] | undefined): void {
    if (test.kind !== 'compare' || test.ops.length !== 1 || (test.ops[0] !== '<' && test.ops[0] !== '<=')) return;
    const [index, bound] = test.operands as [IrExpr, IrExpr];
    if (index.kind !== 'name' || (this.facts.has(index.name) && !this.locals.has(index.name))) return;
    // Only a step of one counts (`t += dt` steps through a time, not an axis).
    const step = update?.length === 1 ? update[0]! : undefined;
    const byOne = step?.kind === 'augAssign' && step.op === '+' && step.target.kind === 'name' && step.target.name === index.name && step.value.kind === 'number' && step.value.value === 1;
    if (!byOne) return;
    const counted = this.param(bound);
    if (counted && counted.minRank === 0 && !counted.label) {
      counted.count = true;
      if (test.ops[0] === '<') this.loopDims.set(index.name, (counted.countDim ??= this.dims.fresh()));
      return;
    }
    const n = this.expr(bound);
    if (test.ops[0] === '<' && n && 'size' in n) this.loopDims.set(index.name, n.size);
  }

  /** A loop whose counter's largest value the code states (`i < 4`, `i <= K`, `i >= 0` from 3): indexing.ts reads `a[i + 1]` that far. */
  private boundedLoop(test: IrExpr, update: readonly IrStmt[] | undefined, body: readonly IrStmt[]): void {
    const index = test.kind === 'compare' && test.operands[0]?.kind === 'name' ? test.operands[0].name : undefined;
    const step = index === undefined ? undefined : counterStep(index, update, body);
    const bounded = step && counterLast(test, step, this.wholeLocals.get(index!), (e) => this.whole(e));
    if (bounded) this.loopLast.set(bounded.index, bounded.last);
  }

  /**
   * `e` as a whole number where a sample's run knows it: a literal, a local last set to one, a
   * parameter left to its whole default, a module constant, and their sums and differences.
   */
  private whole(e: IrExpr): number | undefined {
    const c = constantInt(e);
    if (c !== undefined) return c;
    if (e.kind === 'binary' && (e.op === '+' || e.op === '-')) {
      const [a, b] = [this.whole(e.left), this.whole(e.right)];
      return a === undefined || b === undefined ? undefined : e.op === '+' ? a + b : a - b;
    }
    if (e.kind !== 'name' || this.aliases.has(e.name)) return undefined;
    if (this.locals.has(e.name)) return this.wholeLocals.get(e.name);
    if (this.facts.has(e.name)) {
      const d = this.caller?.params.find((p) => p.name === e.name)?.default;
      return d?.kind === 'number' && Number.isInteger(d.value) ? d.value : undefined;
    }
    const held = this.callees.heldValue(e.name, this.caller);
    return held && 'whole' in held ? held.whole : undefined;
  }

  private assign(target: IrTarget, value: IrExpr): void {
    const v = this.expr(value);
    if (target.kind === 'name') {
      const whole = constantInt(value);
      if (whole !== undefined) this.wholeLocals.set(target.name, whole);
      else this.wholeLocals.delete(target.name);
      this.loopLast.delete(target.name);
      // `h = x` before the loop: what the loop's `h = np.tanh(h @ W + b)` carries starts as x.
      const aliased = this.aliases.get(target.name);
      if (aliased && !this.parts.has(aliased) && !this.locals.has(target.name)) this.locals.set(target.name, this.valueOf(aliased));
      this.unalias(target.name);
      const integerSources = this.integersIn(value);
      if (integerSources.size > 0 && !this.facts.has(target.name)) this.integerSources.set(target.name, integerSources);
      else this.integerSources.delete(target.name);
      if (value.kind === 'lambda') this.localLambdas.set(target.name, value);
      else this.localLambdas.delete(target.name);
      // h = X: h is X until it is assigned again (an MLP's forward pass starts from its input);
      // W = params["W"]: W is that entry of the dict parameter; `y = 1 + (x - 1) / 4` (scipy's
      // benchmark functions): numbers with one parameter keep its shape.
      // K = self.num_mixtures: what the constructor stored there, as its parameter.
      const stored = value.kind === 'attribute' && isReceiver(value.object);
      const source = value.kind === 'name' || isEntry(value) || stored ? value : (shapeOfOne(value) ?? this.shapeThrough(value));
      const same = source && !this.facts.has(target.name) ? this.param(source) : undefined;
      if (same) {
        this.aliases.set(target.name, same);
        this.aliasNames.set(target.name, source!.kind === 'index' || source!.kind === 'attribute' ? target.name : this.nameOf(source!)!);
        this.locals.delete(target.name);
        this.rows.delete(target.name);
        return;
      }
      if (isMask(this, value)) {
        this.masks.add(target.name);
        this.maskOperands.set(target.name, this.comparedParameters(value));
      } else {
        this.masks.delete(target.name);
        this.maskOperands.delete(target.name);
      }
      const row = rowOfParameter(this, value);
      if (row) this.rows.set(target.name, row);
      else this.rows.delete(target.name);
      const path = value.kind === 'attribute' ? this.propertyPath(value) : undefined;
      if (path) this.propertyAliases.set(target.name, path);
      else this.propertyAliases.delete(target.name);
      // `w = w[:n_features]` (scikit-learn's coefficients cut from the intercept and scale): from here
      // on w is that part, not the parameter, so what it meets later does not size the parameter.
      // Likewise `sample_weight = sample_weight[:, np.newaxis]` (a column from here on, the parameter a
      // vector) and `w = w.reshape(n_classes, -1)` (scikit-learn's raveled coefficients made a matrix).
      const ofItself = value.kind === 'index' && value.object.kind === 'name' && value.object.name === target.name;
      const reshapedItself = value.kind === 'call' && value.callee.kind === 'attribute' && value.callee.object.kind === 'name' && value.callee.object.name === target.name && ['reshape', 'ravel', 'flatten'].includes(value.callee.name);
      // `X = np.c_[np.ones(n), X]`, `X = np.hstack([ones, X])`, `X = np.insert(X, 0, 1, axis=1)`: X joined with more columns, the parameter narrower.
      const joined = value.kind === 'index' ? joiningIndexer(value.object) !== undefined : value.kind === 'call' && value.callee.kind === 'intrinsic' && (JOINING.has(value.callee.name) || value.callee.name === 'insert');
      const joinedItself = joined && mentionsName([{ kind: 'expr', value, range: value.range }], target.name);
      const cutFromItself = reshapedItself || joinedItself || (ofItself && (value.index.kind === 'slice' || (value.index.kind === 'tuple' && value.index.elements.some((x) => x.kind === 'none'))));
      if (!this.facts.has(target.name) || this.locals.has(target.name) || cutFromItself) {
        this.carried(target.name, value, v);
        this.locals.set(target.name, v);
      }
      else if (this.partLoops > 0 && isDims(v)) {
        // for W, b in params: inputs = np.tanh(outputs): the next layer's input is this one's output.
        const p = this.facts.get(target.name)!;
        if (p.minRank === v.dims.length) this.elementwise({ dims: this.axes(p, p.minRank, false) }, v);
      }
      return;
    }
    if (target.kind === 'tuple' && value.kind === 'tuple' && pairwise(target.elements, value.elements)) {
      // W1, b1 = params["W1"], params["b1"]: each name takes its own part.
      target.elements.forEach((t, k) => this.assign(t, value.elements[k]!));
      return;
    }
    if (target.kind === 'tuple') {
      // n, d = X.shape: X has exactly that rank, and n, d are its sizes.
      if (value.kind === 'attribute' && value.name === 'shape') {
        const p = this.param(value.object);
        if (p) {
          p.exactRank = target.elements.length;
          const axes = this.axes(p, target.elements.length);
          target.elements.forEach((t, i) => t.kind === 'name' && this.locals.set(t.name, { size: axes[i]! }));
          return;
        }
      }
      // a, b = x: x is a vector of exactly that length; [x, y] = point, a row of data: data's next axis is.
      const row = value.kind === 'name' && this.locals.has(value.name) ? this.rows.get(value.name) : undefined;
      if (row) this.dims.setExact(this.axes(row.param, row.depth + 1)[row.depth]!, target.elements.length);
      const p = this.param(value);
      if (p) {
        const axes = this.axes(p, 1);
        this.dims.setExact(axes[0]!, target.elements.length);
        p.constantReadsOnly = false;
      }
      if (this.layerParts(target.elements, value)) return;
      // hiddens, cells = update_lstm(…): each name takes its part of the tuple returned.
      const parts = isItems(v) && v.items.length === target.elements.length ? v.items : undefined;
      target.elements.forEach((t, i) => {
        if (t.kind !== 'name') return;
        this.unalias(t.name);
        if (parts) this.carried(t.name, value, parts[i]);
        this.locals.set(t.name, parts ? parts[i] : isDims(v) && v.dims.length > 1 ? { dims: v.dims.slice(1) } : undefined);
      });
      return;
    }
    if (target.kind === 'attribute' && isReceiver(target.object)) {
      // `self.t = t` in a method: `self.t` read later in it is the parameter (SoftmaxWithLoss's
      // `cross_entropy_error(self.y, self.t)` makes t labels).
      // `self.y = softmax(x)`: `self.y` read later has that value's shape, tied to x's.
      const p = value.kind === 'name' ? this.param(value) : undefined;
      this.receiverWritten.add(target.name);
      if (p || isDims(v)) this.callees.noteAttribute(this.owner, this.caller, target.name, p ? { facts: p } : { value: v });
      // `self.diff = y_pred - y_true` of numbers as far as this method shows (np.abs takes either):
      // a backward's `self.diff.size` says y_pred is an array after all (HuberLoss).
      const combined = !p && v === undefined ? elementwiseOperand(this, value) : undefined;
      if (combined) this.callees.noteAttribute(this.owner, this.caller, target.name, { facts: combined, derived: true });
      if (p) this.receiverAliases.set(target.name, p);
      else this.receiverAliases.delete(target.name);
      if (!p && isDims(v)) this.receiverValues.set(target.name, v);
      else this.receiverValues.delete(target.name);
    }
    // `self.params["W1"] = std * np.random.randn(n, h)` in a constructor: the array its methods read there.
    const entryPath = target.kind === 'index' ? receiverPath(target) : undefined;
    if (entryPath !== undefined && isDims(v)) this.callees.noteAttribute(this.owner, this.caller, entryPath, { value: v });
    // `out["F"] = [f1, f2]` (pymoo's `_evaluate(self, x, out)`) before any read of the entry: an
    // output the function fills, not an input, so the sample leaves it out (an empty dict).
    const written = target.kind === 'index' && target.index.kind === 'string' ? this.param(target.object) : undefined;
    if (written && target.kind === 'index' && target.index.kind === 'string' && !written.entries?.has(target.index.value)) {
      written.entries ??= new Map();
      return;
    }
    this.wholeWrite(target, value);
    this.elementwise(this.target(target), v);
  }

  /**
   * `hiddens = update_rnn(input, hiddens)` in a loop: what one step makes of a local is what the
   * next starts from (a recurrent state), so a value of the same rank has the same shape. Only a
   * local updated from itself, and not in a loop over a parameter's parts (an MLP's layers, where
   * each layer's output may differ: shapes.ts ties those its own way).
   */
  private carried(name: string, value: IrExpr, v: Abs): void {
    if (this.loopDepth === 0 || this.partLoops > 0) return;
    const before = this.locals.get(name);
    if (!isDims(before) || !isDims(v) || before === v) return;
    if (!someExpr(value, (x) => x.kind === 'name' && x.name === name)) return;
    // A step made where a weight was taken as a vector (`h = np.tanh(np.dot(xh, W))`): the state it
    // carries on is a matrix, so W is one (read again, the shapes tie).
    if (v.tied && v.dims.length < before.dims.length) this.axes(v.tied.param, v.tied.depth + before.dims.length);
    if (before.dims.length !== v.dims.length) return;
    before.dims.forEach((d, k) => {
      const other = v.dims[k]!;
      if (!this.dims.isOne(d) && !this.dims.isOne(other)) this.dims.unify(d, other);
    });
  }

  /**
   * `out[:] = 2 * x` (scipy's `fprime(x, out)`: the result written into an output argument): out has
   * the shape of the one parameter the value is computed from.
   */
  private wholeWrite(target: IrTarget, value: IrExpr): void {
    if (target.kind !== 'index' || target.index.kind !== 'slice' || target.index.lower || target.index.upper || target.index.step) return;
    const out = this.param(target.object);
    const from = new Set<Facts>();
    const visit = (e: IrExpr): void => {
      const p = this.param(e);
      if (p) from.add(p);
      else if (e.kind === 'binary') [e.left, e.right].forEach(visit);
      else if (e.kind === 'unary') visit(e.operand);
      else if (e.kind === 'call') e.args.forEach(visit);
    };
    visit(value);
    const [source] = from;
    if (!out || from.size !== 1 || source === out) return;
    const rank = Math.max(1, out.minRank, source!.minRank);
    const a = this.axes(out, rank);
    const b = this.axes(source!, rank);
    for (let k = 0; k < rank; k++) this.dims.unify(a[k]!, b[k]!);
  }

  private target(t: IrTarget): Abs {
    if (t.kind === 'name') return (!this.aliases.has(t.name) && this.locals.get(t.name)) || (this.facts.has(t.name) || this.aliases.has(t.name) ? this.expr({ kind: 'name', name: t.name, range: t.range }) : undefined);
    if (t.kind === 'index') return this.expr({ kind: 'index', object: t.object, index: t.index, range: t.range });
    if (t.kind === 'attribute' && t.property) this.property(t.object, t.name);
    return undefined;
  }

  /** `pi = softmax(theta)`: the argument whose shape the module's function returns (returnsShapeOf), as a name. */
  private shapeThrough(value: IrExpr): IrExpr | undefined {
    if (value.kind !== 'call' || value.callee.kind !== 'name') return undefined;
    const callee = this.callees.callee(value.callee.name, this.caller);
    const k = callee && value.keywords.length === 0 ? returnsShapeOf(callee.fn, value.args.length) : undefined;
    const arg = k === undefined ? undefined : value.args[k];
    return arg?.kind === 'name' ? arg : undefined;
  }

  expr(e: IrExpr): Abs {
    switch (e.kind) {
      case 'name': {
        const alias = this.aliases.get(e.name);
        if (!alias && this.locals.has(e.name)) return this.locals.get(e.name);
        const p = alias ?? this.facts.get(e.name);
        return p ? this.valueOf(p) : this.globalValue(e.name);
      }
      case 'index': {
        this.indexedProperty(e.object, e.index);
        const entry = isEntry(e) ? this.param(e) : undefined;
        if (entry) return this.valueOf(entry);
        const stored = this.stored(e);
        if (stored && 'value' in stored) return stored.value;
        // `args[0]` of a tuple whose parts are known (a `*args` read inline, inlineCall).
        const k = constantInt(e.index);
        const held = k !== undefined && e.object.kind === 'name' && !this.param(e.object) ? this.locals.get(e.object.name) : undefined;
        if (isItems(held)) return held.items[k! < 0 ? held.items.length + k! : k!];
        // `np.c_[ones, X]`, `np.r_[a, b]`: arrays joined, not an array indexed by them.
        const joining = joiningIndexer(e.object);
        if (joining) return indexJoined(this, joining, this.expr(e.index.kind === 'tuple' ? e.index : { kind: 'tuple', elements: [e.index], range: e.range }));
        return readIndex(this, e.object, e.index);
      }
      case 'attribute':
        if (e.property) this.property(e.object, e.name);
        if (isReceiver(e.object) && !this.receiverAliases.has(e.name) && this.receiverValues.has(e.name)) return this.receiverValues.get(e.name);
        if (isReceiver(e.object)) {
          const stored = this.stored(e);
          if (stored && 'value' in stored) return stored.value;
          if (stored) return this.valueOf(stored.facts);
          // Set by a base class's constructor (`super().__init__(n_var=n_var)`, pymoo's Problem): what
          // the instance its defaults make holds there, unless this method writes it.
          const held = this.receiverWritten.has(e.name) ? undefined : this.heldAbs(this.callees.instanceHeld(this.owner, this.caller, e.name));
          if (held) return held;
        }
        return this.attribute(e.object, e.name);
      case 'sum':
        return this.expr(balancedSum(e));
      case 'binary': {
        const a = this.expr(e.left);
        const b = this.expr(e.right);
        if (e.op === '@') return readMatmul(this, e.left, e.right, a, b);
        if (e.op === '**') this.exponent(e.right);
        if ((e.op === '%' && isWhole(e.right)) || e.op === '&' || e.op === '|' || e.op === '^') this.integerTest(e.left);
        // `args + (ones,)`: a tuple joined to another.
        if (e.op === '+' && isItems(a) && isItems(b)) return { items: [...a.items, ...b.items] };
        if (e.op === '+' || e.op === '-') return this.elementwise(this.adopt(e.left, b) ?? a, this.adopt(e.right, a) ?? b);
        // np.sum(log_probs * targets): an array for sure (reduced over), and nothing else says its shape.
        if (e.op === '*' || e.op === '/') return this.elementwise(this.adopt(e.left, b, true) ?? a, this.adopt(e.right, a, true) ?? b);
        return this.elementwise(a, b);
      }
      case 'unary':
        return this.expr(e.operand);
      case 'compare':
        return this.compare(e.operands, e.ops);
      case 'logical':
        this.expr(e.left);
        return this.expr(e.right);
      case 'conditional':
        // `a if t < 0.5 else b`, `t < 0.5 ? a : b`: one branch is taken, so the test is of one number.
        this.test(e.test);
        return this.elementwise(this.expr(e.then), this.expr(e.else));
      case 'call':
        return readCall(this, e);
      case 'list':
      case 'tuple': {
        // `(x, h, ones)`, `[a, b]`: its parts, for np.hstack and for `a, b = f(…)` (stacking.ts).
        const items = e.elements.map((x) => this.expr(x));
        return e.elements.some((x) => x.kind === 'spread') ? undefined : { items };
      }
      case 'dict':
        // `return { x: s.pos.x + dt * s.vel.x, … }`: what its values read counts.
        for (const entry of e.entries) {
          if ('spread' in entry) this.expr(entry.spread);
          else {
            this.expr(entry.key);
            this.expr(entry.value);
          }
        }
        return undefined;
      case 'spread': {
        // `[...xs]`, `Math.max(...xs)`, `f(*xs)`: only a sequence spreads.
        const p = this.param(e.value);
        if (p) this.arrayOnly(p, 'it is spread (`...xs`)');
        return this.expr(e.value);
      }
      case 'lambda':
        this.callback(e.params.map((p) => p.name), () => void this.expr(e.body));
        return undefined;
      case 'function':
        this.callback(e.fn.params.map((p) => p.name), () => this.statements(e.fn.body));
        return undefined;
      case 'effect':
        // `w.a ?? 1`, `a?.b`, `(i++, x)`: the statements run first (the read `w.a` among them), then the value.
        this.statements(e.stmts);
        return this.expr(e.value);
      case 'matchSubject':
        return this.subjects.at(-1);
      case 'comprehension':
        // sum(x[i] ** 2 for i in range(n)): its loops read as `for` statements do.
        for (const c of e.clauses) {
          if (c.kind === 'for') this.forLoop(c.target, c.iterable);
          else this.expr(c.test);
        }
        if (e.key) this.expr(e.key);
        this.expr(e.element);
        return undefined;
      default:
        return undefined;
    }
  }

  /** X @ w - y (and a factor reduced over, `np.sum(p * t)`): a parameter added to an array, with nothing else saying its rank, is of its shape. */
  private adopt(side: IrExpr, other: Abs, onlyReduced = false): Abs {
    // `-y * z` (a logistic loss's margin): y negated is of y's shape.
    const p = this.param(side.kind === 'unary' && side.op === '-' ? side.operand : side);
    if (!p || !isDims(other) || other.dims.length === 0 || (p.minRank > 0 && !p.addedToArray) || p.exactRank !== undefined || p.label || p.count) return undefined;
    // A factor may be a number scaling an array (`c * X`): only one reduced over is surely an array.
    // …or a layer's weights scaling it (`self.gamma * xn`): one per feature, as a bias is.
    if (onlyReduced && !p.reduced && !this.constructorParams.has(p)) return undefined;
    p.addedToArray = true;
    p.constantReadsOnly = false;
    // A layer's bias (`h @ W + b` with W, b a part of params' elements) is one per output, not per
    // row of the data: it broadcasts over the leading axes.
    const dims = this.parts.has(p) || this.constructorParams.has(p) ? other.dims.slice(-1) : other.dims;
    const axes = this.axes(p, dims.length, false);
    dims.forEach((d, i) => this.dims.unify(d, axes[i]!));
    return { dims: other.dims };
  }

  /** `p.x` of a parameter (JavaScript's property read or write): p is an object with a key x; `p.pos.x`: p.pos is one with a key x. */
  private property(object: IrExpr, name: string): void {
    const path = this.propertyPath(object);
    if (!path) return;
    const tree = path.keys.length === 0 ? rootTree(path) : this.propertiesAt(object)!;
    if (!tree.has(name)) tree.set(name, new Map());
  }

  /** `m.elements[15]`, or `e[15]` after `var e = m.elements`: that property is a list of numbers, 16 at least. */
  private indexedProperty(object: IrExpr, index: IrExpr): void {
    if (index.kind !== 'number' || !Number.isInteger(index.value) || index.value < 0 || index.value > 1023) return;
    const tree = this.propertiesAt(object);
    if (!tree) return;
    const marker = tree.get(INDEXED) ?? new Map<string, PropertyTree>();
    tree.set(INDEXED, marker);
    const now = Number([...marker.keys()][0] ?? 0);
    if (index.value + 1 > now) {
      marker.clear();
      marker.set(String(index.value + 1), new Map());
    }
  }

  /**
   * The keys read on `e` when it is a property of an object parameter (`start.position`, an alias of
   * one), created where missing; undefined for anything else. A callee's reads of the object passed
   * (`getDistance(start.position, …)` reading `from.latitude`) are merged here (calls.ts).
   */
  propertiesAt(e: IrExpr): PropertyTree | undefined {
    const path = this.propertyPath(e);
    if (!path || path.keys.length === 0) return undefined;
    let tree: PropertyTree = rootTree(path);
    for (const key of path.keys) {
      const sub = tree.get(key) ?? new Map<string, PropertyTree>();
      tree.set(key, sub);
      tree = sub;
    }
    return tree;
  }

  /** `p`, `p.pos`, `v` after `const v = p.vel`: a parameter and the keys read down from it. */
  private propertyPath(e: IrExpr): PropertyPath | undefined {
    if (e.kind === 'attribute' && e.property) {
      const above = this.propertyPath(e.object);
      return above && { ...above, keys: [...above.keys, e.name] };
    }
    // An element: `pts[i]`, or a name holding one (a for…of variable, a callback's element).
    const row = e.kind === 'index' ? rowOfParameter(this, e) : e.kind === 'name' && !this.param(e) ? this.rows.get(e.name) : undefined;
    if (row?.depth === 1) return { param: row.param, keys: [], elements: true };
    if (e.kind !== 'name') return undefined;
    const p = this.param(e);
    return p ? { param: p, keys: [] } : this.propertyAliases.get(e.name);
  }

  private attribute(object: IrExpr, name: string): Abs {
    const o = this.expr(object);
    const p = this.param(object);
    if (name === 'T') {
      if (p) p.exactRank ??= 2;
      const t = p ? { dims: this.axes(p, 2).slice(0, 2) } : o;
      return isDims(t) ? { dims: [...t.dims].reverse() } : undefined;
    }
    if (name === 'shape' && p) {
      p.constantReadsOnly = false;
      p.shapeRead = true;
    }
    // x.ndim, x.size, x.dtype: only an array has them (a Python float has no .dtype).
    if ((name === 'ndim' || name === 'size' || name === 'dtype') && p) this.arrayOnly(p, `its .${name}`);
    return undefined;
  }

  /** Comparisons are elementwise (a mask of the operands' shape); `j == y[i]` with j over range(C) makes y labels below C. */
  private compare(operands: readonly IrExpr[], ops: readonly string[]): Abs {
    const values = operands.map((o) => this.expr(o));
    const constant = operands.map(numberValue).find((c) => c !== undefined);
    const text = operands.find((o): o is IrExpr & { kind: 'string' } => o.kind === 'string');
    if (text && ops.length === 1 && /^(?:==|!=|===|!==|is|is not)$/.test(ops[0]!)) {
      for (const o of operands) {
        const p = this.param(textOperand(o));
        if (p) comparedWith(p, [text.value]);
      }
    }
    // `kind in ("call", "put")`: a choice among strings, as `==` is.
    const among = operands[1];
    const choices = among && (among.kind === 'tuple' || among.kind === 'list' || among.kind === 'set') ? among.elements.flatMap((e) => (e.kind === 'string' ? [e.value] : [])) : [];
    if (choices.length > 0 && ops.length === 1 && (ops[0] === 'in' || ops[0] === 'not in')) {
      const p = this.param(textOperand(operands[0]!));
      if (p) comparedWith(p, choices);
    }
    if (constant !== undefined && Number.isInteger(constant) && ops.length === 1 && (ops[0] === '==' || ops[0] === '!=')) {
      for (const o of operands) {
        const p = this.param(o);
        if (p) (p.equalsIntegers ??= []).push(constant);
      }
    }
    if (constant !== undefined) {
      for (const o of operands) {
        const root = this.labelRoot(o);
        // nnfs's `self.dinputs[self.inputs <= 0] = 0` in a backward pass: the forward kept its input
        // there; the pair's sample puts that input's entries on both sides (shapes.ts `pair`).
        if (!root && o.kind === 'attribute' && isReceiver(o.object)) this.thresholds.add(constant);
        if (!root || root.label || root.count) continue;
        this.thresholds.add(constant);
        if (this.testDepth > 0) root.scalarTest = true;
        else if (o.kind === 'name' || (o.kind === 'attribute' && isReceiver(o.object))) root.comparedElementwise ??= constant;
      }
    }
    for (const o of operands) {
      const root = this.labelRoot(o);
      if (!root) continue;
      const other = operands.find((x) => x !== o && x.kind === 'name' && this.loopDims.has(x.name));
      if (other && other.kind === 'name') {
        root.label = true;
        root.labelDim = this.loopDims.get(other.name);
      }
    }
    return values.reduce<Abs>((acc, v) => this.elementwise(acc, v), undefined);
  }

  /**
   * A function written inline (`xs.reduce((s, v, i) => s + (v - b[i]) ** 2, 0)`, `const f = (x) => a * x`):
   * its body is read for what it does to this function's parameters, its own parameters shadowing
   * them. `element` and `index` say what an array method passes: a row of the array it walks, and
   * an index along the array's first axis.
   */
  callback(params: readonly string[], read: () => void, element?: { name: string; row: { param: Facts; depth: number } }, index?: { name: string; dim: number }): void {
    const saved = params.map((n) => [n, this.locals.has(n), this.locals.get(n), this.rows.get(n), this.loopDims.get(n), this.aliases.get(n), this.characters.has(n)] as const);
    const returned = this.returned;
    for (const n of params) {
      this.characters.delete(n);
      this.aliases.delete(n);
      this.locals.set(n, undefined);
      this.rows.delete(n);
      this.loopDims.delete(n);
    }
    if (element) this.rows.set(element.name, element.row);
    if (index) this.loopDims.set(index.name, index.dim);
    try {
      read();
    } finally {
      this.returned = returned;
      for (const [n, had, local, row, dim, alias, character] of saved) {
        if (character) this.characters.add(n);
        else this.characters.delete(n);
        if (alias) this.aliases.set(n, alias);
        else this.aliases.delete(n);
        if (had) this.locals.set(n, local);
        else this.locals.delete(n);
        if (row) this.rows.set(n, row);
        else this.rows.delete(n);
        if (dim !== undefined) this.loopDims.set(n, dim);
        else this.loopDims.delete(n);
      }
    }
  }

  /** Functions being read inline at a call now (inlineCall), innermost last. */
  private readonly inlining: IrFunction[] = [];

  /**
   * A call read inline, its body read here with its parameters standing for the call's arguments:
   * a def nested in the function read (autograd's rnn `update_rnn(input, hiddens)`, which reads
   * `params["change"]` of its enclosing function), or a function taking `*args` (`concat_and_multiply(W,
   * x, h)`: args is the tuple (x, h), so `np.hstack(args + (ones,))` is as wide as x and h together).
   * An argument that is a parameter (or its dict entry) is that parameter there; a local, its value.
   * `elementwise`: a function the call passes an array where the function itself sees a number
   * (`sigmoid(x)`), read so too. Undefined when the call is not read so (another function,
   * recursion, too deep): calls.ts reads it through the callee's own facts.
   */
  inlineCall(fn: IrFunction, argExprs: readonly IrExpr[], args: readonly Abs[], elementwise = false): { value: Abs } | undefined {
    const nested = this.caller !== undefined && fn !== this.caller && within(fn, this.caller);
    const varargs = fn.params.some((p) => p.kind === 'varargs');
    if ((!nested && !varargs && !elementwise) || fn === this.caller || this.inlining.includes(fn) || this.inlining.length >= 3) return undefined;
    if (argExprs.some((a) => a.kind === 'spread')) return undefined;
    const params = fn.params.filter((p) => p.name !== 'self' && p.kind !== 'varkw' && p.kind !== 'kwonly');
    const saved = {
      locals: new Map(this.locals),
      aliases: new Map(this.aliases),
      aliasNames: new Map(this.aliasNames),
      rows: new Map(this.rows),
      loopDims: new Map(this.loopDims),
      masks: new Set(this.masks),
      propertyAliases: new Map(this.propertyAliases),
      localLambdas: new Map(this.localLambdas),
      returned: this.returned,
    };
    const bound = argExprs.map((a) => this.param(a));
    const aliasNames = argExprs.map((a) => this.nameOf(a));
    this.inlining.push(fn);
    try {
      params.forEach((p, i) => {
        this.unalias(p.name);
        this.rows.delete(p.name);
        this.loopDims.delete(p.name);
        this.localLambdas.delete(p.name);
        this.masks.delete(p.name);
        if (p.kind === 'varargs') {
          this.locals.set(p.name, { items: args.slice(i) });
          return;
        }
        const facts = bound[i];
        if (facts) {
          this.locals.delete(p.name);
          this.aliases.set(p.name, facts);
          this.aliasNames.set(p.name, aliasNames[i] ?? p.name);
        } else this.locals.set(p.name, args[i]);
      });
      this.returned = undefined;
      this.statements(fn.body);
      return { value: this.returned };
    } finally {
      this.inlining.pop();
      for (const [field, map] of [
        [this.locals, saved.locals],
        [this.aliases, saved.aliases],
        [this.aliasNames, saved.aliasNames],
        [this.rows, saved.rows],
        [this.loopDims, saved.loopDims],
        [this.propertyAliases, saved.propertyAliases],
        [this.localLambdas, saved.localLambdas],
      ] as [Map<string, unknown>, Map<string, unknown>][]) {
        field.clear();
        for (const [k, v] of map) field.set(k, v);
      }
      this.masks.clear();
      for (const m of saved.masks) this.masks.add(m);
      this.returned = saved.returned;
    }
  }

  /** The lambda a local name is bound to, if it is one (and not shadowed by a parameter). */
  localLambda(name: string): IrLambda | undefined {
    return this.facts.has(name) && !this.locals.has(name) ? undefined : this.localLambdas.get(name);
  }

  /** `p(y[i])` of a local lambda: its body read again, its parameters standing for the call's arguments (as labels: `f[k]`). */
  callLambda(fn: IrLambda, args: readonly IrExpr[]): void {
    if (args.length !== fn.params.length || this.boundArguments.size > 0) return;
    const names = fn.params.map((p) => p.name);
    this.callback(names, () => {
      names.forEach((n, i) => this.boundArguments.set(n, args[i]!));
      try {
        this.expr(fn.body);
      } finally {
        this.boundArguments.clear();
      }
    });
  }

  /** `Math.pow(d, n)`, `d ** n`: n is an exponent. */
  exponent(e: IrExpr): void {
    const p = this.param(e);
    if (p) p.exponent = true;
  }

  /** `Number.isInteger(n)`, `n % 1`, `n % 2` (Python's `%` or JavaScript's, the primitive fmod): n is tested as an integer. */
  integerTest(e: IrExpr): void {
    const p = this.param(e);
    if (p) p.integerTest = true;
  }

  /** `y`, `y[i]` or `list(y)` where y is a parameter: the parameter. */
  /** The parameters a comparison (or a local holding one) compares, for a test that reads it later. */
  private comparedParameters(value: IrExpr): Set<Facts> {
    const out = new Set<Facts>();
    const visit = (x: IrExpr): boolean => {
      if (x.kind === 'compare') for (const o of x.operands) {
        const root = this.labelRoot(o);
        if (root) out.add(root);
      }
      if (x.kind === 'name') for (const f of this.maskOperands.get(x.name) ?? []) out.add(f);
      return false;
    };
    someExpr(value, visit);
    return out;
  }

  labelRoot(e: IrExpr): Facts | undefined {
    const bound = e.kind === 'name' ? this.boundArguments.get(e.name) : undefined;
    if (bound) return this.labelRoot(bound);
    if (e.kind === 'index') return this.param(e.object);
    return this.param(asConverted(e));
  }

  elementwise(a: Abs, b: Abs): Abs {
    if (!isDims(a)) return isDims(b) ? b : undefined;
    if (!isDims(b)) return a;
    // `keep * c` with keep = squash(np.dot(xh, W)) and W taken as a vector for want of evidence, c
    // a matrix of states: a gate per state, so W is a matrix.
    for (const [low, high] of [[a, b], [b, a]] as const) {
      if (low.tied?.guessed && low.dims.length < high.dims.length) this.axes(low.tied.param, low.tied.depth + high.dims.length);
    }
    // `write * candidate`, both made where a weight was taken as a vector: the product is too.
    const tied = a.dims.length === b.dims.length ? [a.tied, b.tied].find((t) => t?.guessed) : undefined;
    const [long, short] = a.dims.length >= b.dims.length ? [a.dims, b.dims] : [b.dims, a.dims];
    // Broadcasting from the right; equal ranks tie every axis but one of exactly 1 (`f - m.reshape(-1, 1)`).
    const offset = long.length - short.length;
    const dims = [...long];
    short.forEach((d, i) => {
      const other = long[offset + i]!;
      if (this.dims.isOne(d)) return;
      if (this.dims.isOne(other)) dims[offset + i] = d;
      else this.dims.unify(d, other);
    });
    return tied ? { dims, tied } : { dims };
  }
}

/** The first parameter of an elementwise combination of parameters and numbers (`y_pred - y_true`, `2 * (a - b)`); undefined for anything else. */
function elementwiseOperand(r: Reader, e: IrExpr): Facts | undefined {
  let first: Facts | undefined;
  const walk = (x: IrExpr): boolean => {
    if (x.kind === 'number') return true;
    if (x.kind === 'name') {
      const p = r.param(x);
      first ??= p;
      return p !== undefined;
    }
    if (x.kind === 'unary') return x.op === '-' && walk(x.operand);
    return x.kind === 'binary' && ['+', '-', '*', '/'].includes(x.op) && walk(x.left) && walk(x.right);
  };
  return e.kind === 'binary' && walk(e) ? first : undefined;
}

/** `list(y)`, `np.asarray(y)`, `tuple(y)`: y itself as far as shapes go (CS231n's `p[range(n), list(y)]`). */
export function asConverted(e: IrExpr): IrExpr {
  const converts = e.kind === 'call' && e.args.length === 1 && e.keywords.length === 0 && ['list', 'tuple', 'array', 'asarray'].includes(calleeName(e.callee) ?? '');
  return converts ? asConverted(e.args[0]!) : e;
}

/** `data[i]`, `data[i][j]` of a parameter with single indices (no slice or mask): the parameter and how many axes are indexed. */
function rowOfParameter(r: Reader, e: IrExpr): { param: Facts; depth: number } | undefined {
  let depth = 0;
  let at = e;
  while (at.kind === 'index' && at.index.kind !== 'slice' && at.index.kind !== 'tuple' && at.index.kind !== 'string' && !isMask(r, at.index)) {
    depth++;
    at = at.object;
  }
  const param = depth > 0 ? r.param(at) : undefined;
  return param ? { param, depth } : undefined;
}

/** `params["W"]`: an entry read by a constant string key. */
function isEntry(e: IrExpr): boolean {
  return e.kind === 'index' && e.index.kind === 'string';
}

/**
 * `a, b = x, y` where each value can be read alone: no target is read by a value (`a, b = b, a`
 * swaps, which one after the other would not).
 */
function pairwise(targets: readonly IrTarget[], values: readonly IrExpr[]): boolean {
  if (targets.length !== values.length || values.some((v) => v.kind === 'spread') || targets.some((t) => t.kind !== 'name')) return false;
  const written = new Set(targets.map((t) => (t as { name: string }).name));
  return !values.some((v) => someExpr(v, (x) => x.kind === 'name' && written.has(x.name)));
}

/** `1`, `2`: the divisors of a parity or integer test (`n % 2`, `n % 1`). */
function isWhole(e: IrExpr): boolean {
  return e.kind === 'number' && (e.value === 1 || e.value === 2);
}

/** `0`, `-1.5`: a number written as such. */
function numberValue(e: IrExpr): number | undefined {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number') return -e.operand.value;
  return undefined;
}

/** Methods that leave a string a string: `kind.lower() == "call"` compares kind with a string. */
/** Calls whose result is a whole number from any number (Python's `int`, `math.floor`; JavaScript's `Math.floor`). */
/** A whole number held outside the function (a factory's `D`) larger than this is not a sample's size: its arrays would be too large. */
const MAX_HELD_SIZE = 256;

const INTEGER_CASTS = new Set(['int', 'floor', 'ceil', 'round', 'trunc']);

const TEXT_METHODS = new Set(['lower', 'upper', 'strip', 'lstrip', 'rstrip', 'casefold', 'title', 'toLowerCase', 'toUpperCase', 'trim']);

/** `kind` for `kind.lower()` (and the like), else `e` itself. */
function textOperand(e: IrExpr): IrExpr {
  return e.kind === 'call' && e.args.length === 0 && e.callee.kind === 'attribute' && TEXT_METHODS.has(e.callee.name) ? e.callee.object : e;
}

/** `self` (Python) or `this` (JavaScript): the receiver of a method. */
const isReceiver = (e: IrExpr): boolean => e.kind === 'name' && (e.name === 'self' || e.name === 'this');

/** `W` for `self.W`, `params["W1"]` for `self.params["W1"]`; undefined for anything else. */
function receiverPath(e: IrExpr | IrTarget): string | undefined {
  if (e.kind === 'attribute' && isReceiver(e.object)) return e.name;
  if (e.kind === 'index' && e.index.kind === 'string' && e.object.kind === 'attribute' && isReceiver(e.object.object)) return `${e.object.name}[${JSON.stringify(e.index.value)}]`;
  return undefined;
}

/** Whether `inner` is written inside `outer`'s definition (a nested def). */
function within(inner: IrFunction, outer: IrFunction): boolean {
  const a = inner.range.start;
  const b = outer.range.start;
  const c = outer.range.end;
  const after = a.line > b.line || (a.line === b.line && a.column > b.column);
  const before = a.line < c.line || (a.line === c.line && a.column < c.column);
  return after && before;
}

/** Records the strings a parameter is compared with (`kind == "call"`, `kind in ("call", "put")`). */
function comparedWith(p: Facts, texts: readonly string[]): void {
  for (const t of texts) if (!(p.comparedTexts ??= []).includes(t)) p.comparedTexts.push(t);
}

/** The exclusive upper bound of `range(…)`'s indices, when it counts up by a positive step: `n` of `range(n)`, `range(1, n)`, `range(0, n, 2)`. */
function rangeBound(args: readonly IrExpr[]): IrExpr | undefined {
  if (args.length === 1) return args[0];
  const step = args[2];
  if (args.length === 2 || (args.length === 3 && step!.kind === 'number' && step!.value > 0)) return args[1];
  return undefined;
}
