import type { PointTree } from '../core/pointTree';
import { keyedRecord } from '../core/keyed';
import type { IrClass, IrExpr, IrFunction, IrStmt } from '../ir/nodes';
import { childStmts, someExpr, stmtExprs } from '../ir/walk';
import { doesArithmetic } from './shapes/arithmetic';
import { Dims } from './shapes/dims';
import { valueAndGradientReturn } from './pairing';
import { adoptFacts, freshFacts, INDEXED, integerLike, integerOrder, type Abs, type Callees, type Facts, type PropertyTree, type ReceiverAttribute } from './shapes/facts';
import { MethodTargets } from './shapes/methods';
import { declaredShapes, documentedChoices } from './shapes/docShapes';
import { Reader } from './shapes/reader';
import { optionalParameters } from './shapes/optionalParameters';
import { TOLERANCE_SAMPLE, toleranceParameters } from './shapes/tolerances';
import type { HeldValue } from '../engine/run';

export { doesArithmetic } from './shapes/arithmetic';

/**
 * Shape inference: what each parameter of a function is, read from how the function uses it — never
 * by running it. The rules (docs/points.md):
 *
 * - indexing: `x[i]` makes x at least a vector, `A[i, j]`/`A[i][j]` a matrix; a constant index `x[2]`
 *   or slice `x[2:]`, `x[:-1]` says how long an axis must at least be; a vector read only at constant
 *   indices (`x[0]`, `x[1]`) or unpacked (`a, b = x`) has exactly that length;
 * - `.shape[k]`, `n, d = X.shape`, `len(x)`, `for v in x`, `.T`: ranks (and `n, d = X.shape` the exact rank);
 * - `@`, `dot`, `matmul` (and `.dot`) tie the inner dimensions of both sides; elementwise arithmetic
 *   between arrays ties their dimensions (broadcasting from the right); calls to functions of the
 *   same file pass their parameters' shapes on to the arguments;
 * - a parameter used as an index (`scores[y[i]]`, `p[range(n), y]`) or compared with a loop index
 *   holds integer labels within the indexed axis; one given to `range(n)` is a count;
 * - what the code leaves open is chosen small and said: an operand of `@` whose rank nothing else
 *   fixes is a matrix when its name starts with a capital (`W`, `X`) and a vector otherwise; a
 *   parameter only reduced over (`np.sum(x)`) is a vector; free sizes are 3, 2, 4, 5, … in order;
 * - a docstring's stated shapes (`X : ndarray of shape (n_samples, n_features)`) fix ranks and tie
 *   named axes across parameters (shapes/docShapes.ts); a hand-written derivative's needs hold for
 *   its function's point (`pair`);
 * - a function that works on numbers and arrays alike (`np.exp(z)`) takes numbers, unless something
 *   only an array does is done to a parameter — a boolean mask over it (`_z[z < 0] = …`), `.copy()`,
 *   `.reshape`, `.ndim` — which makes it a vector.
 *
 * - arrays joined (`np.hstack((x, h, ones))`) are as wide as their parts together, so a weight
 *   matrix after them has rows = inputs + state + 1 (autograd's rnn/lstm; `shapes/stacking.ts`); a
 *   `*args` helper, a nested def and an elementwise helper are read at their call with its arguments.
 *
 * The reading is split by concern: `shapes/reader.ts` (statements, expressions), `shapes/indexing.ts`,
 * `shapes/calls.ts` (library and same-file calls, matrix products), `shapes/stacking.ts` (joined and
 * built arrays), `shapes/dims.ts` (sizes).
 */

export type ParameterKind =
  /** A number; `tolerance`: the small number a tolerance is sampled at (shapes/tolerances.ts). */
  | { readonly kind: 'scalar'; readonly tolerance?: number }
  /**
   * A float array of this shape; `definite`: a square matrix a Cholesky factorization takes
   * (`cho_factor(K + …)`), sampled symmetric with a dominant positive diagonal, so positive definite.
   */
  | { readonly kind: 'array'; readonly shape: readonly number[]; readonly definite?: true }
  /** Integer labels (an index vector, or one index), each in [0, below). */
  | { readonly kind: 'labels'; readonly shape: readonly number[]; readonly below: number }
  /** An object of numbers with these keys (`p.x`, `p.y` read; a destructured `{ mass, velocity }`), some maybe objects (`p.pos.x`). */
  | ({ readonly kind: 'object' } & ObjectKeys)
  /** A list of `length` objects of numbers with these keys (`pts.map(({ x, y }) => …)`, `for (const p of pts) p.x`). */
  | ({ readonly kind: 'objects'; readonly length: number } & ObjectKeys)
  /**
   * A list of `length` tuples whose parts are numbers and arrays (`for W, b in params`: an MLP's
   * layers as (weights, bias) pairs); its point is a list of lists, its gradient comes back so.
   */
  | { readonly kind: 'tuples'; readonly length: number; readonly items: readonly ParameterKind[] }
  /**
   * A dict read by constant string keys (`params["W1"]`), each entry a number, an array or a dict
   * itself; its point is an object of those, its gradient comes back as one.
   */
  | { readonly kind: 'record'; readonly entries: readonly { readonly key: string; readonly kind: ParameterKind }[] }
  /** Rows of one-hot labels (a docstring says so): row i has its 1 in column i mod the row's length; held fixed as labels are. */
  | { readonly kind: 'onehot'; readonly shape: readonly number[] }
  /** A whole number of things (`range(n)`). */
  | { readonly kind: 'count'; readonly value: number }
  /** Whole numbers, each a size (`sizes` of `Network(sizes)`, whose entries size the layers' arrays). */
  | { readonly kind: 'counts'; readonly values: readonly number[] }
  /**
   * An instance of the method's own class (`other` in `def distance_to(self, other)`): an object of
   * its numeric fields, in the structure `template` has (an instance made as the receiver is), the
   * numbers sampled; the run makes it an instance (engine/run.ts).
   */
  | { readonly kind: 'instance'; readonly cls: string; readonly template: PointTree }
  /** Left out: it has a default, or collects extra arguments (`*args`, `**kwargs`). */
  | { readonly kind: 'default' };

/** An object's keys in the order first read, with the keys of those holding objects themselves (`p.pos.x`: pos → {x}). */
export interface ObjectKeys {
  readonly keys: readonly string[];
  readonly objects?: { readonly [key: string]: ObjectKeys };
  /** Keys read by a constant index (`m.elements[15]`): a list of numbers of this length. */
  readonly lists?: { readonly [key: string]: number };
}

/** The keys a record whose keys are only listed (`Object.keys(p)`) is sampled with. */
/** A constructor's default size above this (CS231n's `input_dim=3*32*32`) is not made a sample's: its arrays would be too large to sample. */
const MAX_DEFAULT_SIZE = 64;

const RECORD_KEYS = ['a', 'b', 'c'];

/**
 * The sizes a list of sizes is sampled with, in order: small and distinct. The first is 2: the list's
 * own length takes the first free size (3, dims.ts FREE_SIZES), so a method's input that nothing
 * else sizes is 2 long (Nielsen's `feedforward(a)` on `Network(sizes)`): the first layer's width.
 */
const LAYER_SIZES = [2, 4, 3, 5];

function objectKeys(tree: PropertyTree): ObjectKeys {
  const objects = keyedRecord<ObjectKeys>();
  const lists = keyedRecord<number>();
  for (const [key, sub] of tree) {
    if (key === INDEXED) continue;
    const length = sub.get(INDEXED);
    // Read by index and nothing else: a list of numbers.
    if (length && sub.size === 1) lists[key] = Number([...length.keys()][0]);
    else if (sub.size > 0) objects[key] = objectKeys(sub);
  }
  const keys = { keys: [...tree.keys()].filter((k) => k !== INDEXED) };
  return { ...keys, ...(Object.keys(objects).length > 0 ? { objects } : {}), ...(Object.keys(lists).length > 0 ? { lists } : {}) };
}

/** `a number`, `a vector of 3`, `a 2×4 array`: an array-or-number kind in words. */
export function describeKind(k: ParameterKind): string {
  if (k.kind === 'scalar') return 'a number';
  if (k.kind === 'array') return k.shape.length === 1 ? `a vector of ${k.shape[0]}` : `a ${k.shape.join('×')} array`;
  if (k.kind === 'record') return `a dict {${k.entries.map((e) => `${JSON.stringify(e.key)}: ${describeKind(e.kind)}`).join(', ')}}`;
  return k.kind;
}

export interface InferredParameter {
  readonly name: string;
  readonly kind: ParameterKind;
  /** What the code left open and how it was chosen (`length not fixed by the code: 3 chosen`). */
  readonly ambiguous?: string;
  /** A `None` default the code cannot work with: it gets a sample, but stays a constant as a default does. */
  readonly noneDefault?: true;
  /**
   * A JavaScript parameter the code asks whether it was given (shapes/optionalParameters.ts): left
   * out (`kind` is `default`), and this kind is what a sample gives it when the function needs it.
   */
  readonly optional?: ParameterKind;
}

/** Something only an array (not None) allows: indexing, a mask, a reduction, `@`, arithmetic with an array, a docstring shape. */
const usedAsArray = (f: Facts): boolean => f.minRank > 0 || f.reduced || f.matmul || f.addedToArray === true || f.declared !== undefined;

/** Whether the body asks whether `name` is None (`if w is None:`, `w is not None`, `w == None`) or falls back with `w or …`. */
function checksForNone(body: readonly IrStmt[], name: string): boolean {
  const isName = (e: IrExpr): boolean => e.kind === 'name' && e.name === name;
  const asks = (e: IrExpr): boolean =>
    (e.kind === 'compare' && e.operands.some(isName) && e.operands.some((o) => o.kind === 'none')) ||
    (e.kind === 'logical' && isName(e.left)) ||
    (e.kind === 'conditional' && isName(e.test));
  const visit = (stmts: readonly IrStmt[]): boolean =>
    stmts.some((s) => ((s.kind === 'if' || s.kind === 'while') && isName(s.test)) || stmtExprs(s).some((e) => someExpr(e, asks)) || visit(childStmts(s)));
  return visit(body);
}

/**
 * Whether the body returns when `name` is None (`if y is None: return scores`): then the function's
 * other return needs it given. `if w is None: w = np.ones(n)` only fills it in, and keeps None.
 */
function returnsWhenNone(body: readonly IrStmt[], name: string): boolean {
  const isNone = (e: IrExpr): boolean =>
    e.kind === 'compare' && e.ops.length === 1 && (e.ops[0] === 'is' || e.ops[0] === '==') &&
    e.operands.some((o) => o.kind === 'name' && o.name === name) && e.operands.some((o) => o.kind === 'none');
  const returns = (stmts: readonly IrStmt[]): boolean => stmts.some((s) => s.kind === 'return' || returns(childStmts(s)));
  const visit = (stmts: readonly IrStmt[]): boolean =>
    stmts.some((s) => (s.kind === 'if' && isNone(s.test) && returns(s.then)) || visit(childStmts(s)));
  return visit(body);
}

export interface InferredShapes {
  readonly parameters: readonly InferredParameter[];
  /** Whether the function does arithmetic at all (only those get a sample point). */
  readonly arithmetic: boolean;
  /** Constants a parameter is compared with (`_z[z < 0]`, `if x > 1`): sample points straddle them. */
  readonly branchesAt: readonly number[];
  /**
   * Numbers the code treats as integers (`Number.isInteger(n)`, `n % 1`, `n === 2`): when no sample
   * range evaluates, candidates with these at whole numbers are tried (samplePoints.ts).
   */
  readonly integerLike: readonly string[];
  /**
   * Parameters without a default (or dict entries: `bn_param["mode"]`) compared with a string, and
   * the string a sample point gives them: the first choice the docstring lists (`- mode: 'train' or
   * 'test'`, `module : {'C' or 'G'}`), else the first string the code compares them with (`if kind
   * == "call"`, `fromCode`). The sample says which, and which other choices take other branches.
   */
  readonly documentedText: readonly { readonly name: string; readonly text: string; readonly choices: readonly string[]; readonly fromCode?: true }[];
}

/** The first string a parameter, or an entry of it (`bn_param["mode"] == "train"`), is compared with, every string it is, and what is compared. */
function comparedText(name: string, f: Facts): { name: string; text: string; texts: readonly string[] } | undefined {
  if (f.comparedTexts) return { name, text: f.comparedTexts[0]!, texts: f.comparedTexts };
  for (const [key, e] of f.entries ?? []) {
    const inner = comparedText(`${name}[${JSON.stringify(key)}]`, e);
    if (inner) return inner;
  }
  return undefined;
}

/** The free sizes chosen so far in one function's inference, and where in FREE_SIZES they start. */
interface Chosen {
  readonly sizes: Map<number, number>;
  readonly start: number;
  /** A retry: an operand of a matrix product taken as a vector for want of evidence is a matrix (a batch of rows). */
  readonly batch: boolean;
}

/** What the engine computes of a module's values, for shape inference (document.ts). */
export interface ModuleValues {
  /** A module constant of the file (its value computed by the engine): its shape if it is an array, its value if a whole number. */
  constantHeld(name: string): HeldValue | undefined;
  /** What the function the module binds to `bound` holds under `name` in its factory's closure (engine/run.ts closureHeld). */
  closureHeld(bound: string, name: string): HeldValue | undefined;
  /** What field `attr` of the instance class `owner` makes from its constructor's defaults holds (instanceHeld.ts); `method`, one of its listed methods. */
  instanceHeld?(owner: string, method: string, attr: string): HeldValue | undefined;
}

/** Reads every function of a module; a call passes the callee's parameter shapes to its arguments. */
export class ShapeInference implements Callees {
  private readonly dims = new Dims();
  private readonly facts = new Map<IrFunction, Map<string, Facts>>();
  private readonly inProgress = new Set<IrFunction>();
  private readonly returns = new Map<IrFunction, Abs>();
  private readonly thresholds = new Map<IrFunction, ReadonlySet<number>>();

  private readonly methods: MethodTargets;

  private readonly own: ReadonlySet<IrFunction>;

  constructor(
    private readonly functions: ReadonlyMap<string, IrFunction>,
    classes: readonly IrClass[] = [],
    /**
     * For a function of the file or of a workspace file it imports, the functions its names call:
     * its module's own and those it imports (`var mean = require('./mean')`), so an array passed on
     * to another file's `mean(x)` is a vector there too (moduleImports.ts).
     */
    private readonly scopes?: ReadonlyMap<IrFunction, ReadonlyMap<string, IrFunction>>,
    /** What the engine computes of the module's values: its constants' shapes, its factories' closures. */
    private readonly values?: ModuleValues,
    /** Method names whose calls are arithmetic (shapes/arithmetic.ts `computingMethods`). */
    private readonly computing?: ReadonlySet<string>,
    /**
     * The functions this inference reads on its own account (a component, shapes/components.ts; all
     * of `functions` when absent), and a hook told of every function it reads, whether listed or not.
     */
    part: { readonly members?: readonly IrFunction[]; readonly onRead?: (fn: IrFunction) => void } = {},
  ) {
    this.methods = new MethodTargets(classes, functions);
    for (const c of classes) {
      const init = this.methods.constructorOf(c.name);
      if (init) this.constructors.set(defKey(init), c.name);
    }
    this.own = new Set(functions.values());
    this.onRead = part.onRead;
    for (const fn of part.members ?? functions.values()) this.noteNestedDefs(fn);
  }

  private readonly onRead?: (fn: IrFunction) => void;

  /**
   * Each function's own nested defs by name, and each nested def's enclosing function, keyed by where
   * the def is written: a factory's function bound at module level is a copy of its nested def.
   */
  private readonly nestedDefs = new Map<string, Map<string, IrFunction>>();
  private readonly enclosing = new Map<string, IrFunction>();

  private noteNestedDefs(fn: IrFunction): void {
    if (this.nestedDefs.has(defKey(fn))) return;
    const defs = new Map<string, IrFunction>();
    this.nestedDefs.set(defKey(fn), defs);
    const visit = (stmts: readonly IrStmt[]): void => {
      for (const s of stmts) {
        if (s.kind === 'def') {
          defs.set(s.fn.name, s.fn);
          if (!this.enclosing.has(defKey(s.fn))) this.enclosing.set(defKey(s.fn), fn);
          this.noteNestedDefs(s.fn);
        } else visit(childStmts(s));
      }
    };
    visit(fn.body);
  }

  /**
   * The def a name calls from `caller` by Python's closure lookup: the caller's own nested defs, then
   * its enclosing functions' (a factory's `log_marginal_likelihood` calling its sibling
   * `unpack_kernel_params`; rnn_predict calling its `update_rnn`), before the module's.
   */
  private enclosingDef(name: string, caller: IrFunction | undefined): IrFunction | undefined {
    for (let f = caller; f; f = this.enclosing.get(defKey(f))) {
      const def = this.nestedDefs.get(defKey(f))?.get(name);
      if (def) return def;
    }
    return undefined;
  }

  /**
   * A hand-written derivative runs at its function's point (checks.ts), so the point must suit both:
   * what either needs of a parameter (`params`: the function's name for it, the derivative's) holds
   * for both, and the derivative's branch points are the function's (numpy-ml's ReLU: `np.clip(z, …)`
   * takes a number, but its `grad` does `(x > 0).astype(int)`, which only an array has). Call it
   * after every function is read and before any is inferred.
   */
  pair(fn: IrFunction, derivative: IrFunction, params: readonly (readonly [string, string])[]): void {
    if (fn === derivative) return;
    const mine = this.read(fn);
    const theirs = this.read(derivative);
    for (const [a, b] of params) {
      const fa = mine.get(a);
      const fb = theirs.get(b);
      if (!fa || !fb) continue;
      adoptFacts(fa, fb);
      adoptFacts(fb, fa);
      const rank = Math.max(fa.axes.length, fb.axes.length);
      while (fa.axes.length < rank) fa.axes.push(this.dims.fresh());
      while (fb.axes.length < rank) fb.axes.push(this.dims.fresh());
      fa.axes.forEach((d, k) => this.dims.unify(d, fb.axes[k]!));
    }
    const both = new Set([...(this.thresholds.get(fn) ?? []), ...(this.thresholds.get(derivative) ?? [])]);
    this.thresholds.set(fn, both);
    this.thresholds.set(derivative, both);
  }

  /** Reads `fn` (once) without concluding anything: what `pair` needs first. */
  prepare(fn: IrFunction): void {
    this.read(fn);
  }

  /**
   * `start`: where free sizes start in FREE_SIZES (0: 3, 2, 4, …; 1: 2, 4, 5, …), for a retry;
   * `batch`: the retry after the guessed vectors failed (autograd's `np.dot(inputs, W)` with a
   * later `axis=1`): operands of a matrix product whose rank nothing fixes are matrices.
   */
  infer(fn: IrFunction, start = 0, batch = false): InferredShapes {
    const facts = this.read(fn);
    // A method's sizes shared with its constructor's parameters (`x @ self.W` of `__init__(self, W)`)
    // are the sizes the constructor's sample takes (instanceSamples.ts samples it at start 0).
    const owner = this.ownerOf(fn);
    const init = owner === undefined ? undefined : this.methods.constructorOf(owner);
    const isInit = init === fn;
    const chosen: Chosen = { sizes: new Map(init && !isInit ? this.constructorSizes(init) : []), start, batch };
    if (isInit) this.countDefaults(fn, facts);
    const optional = optionalParameters(fn);
    const lossAndGradient = valueAndGradientReturn(fn) !== undefined;
    const inferred = fn.params
      .filter((p) => p.name !== 'self' && p.name !== 'this')
      .map((p): InferredParameter => {
        // `*args` and `**kwargs` are left out as a defaulted parameter is: they take () and {}.
        const f = facts.get(p.name)!;
        // CS231n's `loss(self, X, y=None)` returns only the scores when y is None: its (loss, grads) needs y.
        const forLoss = p.default?.kind === 'none' && (usedAsArray(f) || f.label) && lossAndGradient && returnsWhenNone(fn.body, p.name);
        if (p.default?.kind === 'none' && ((usedAsArray(f) && !checksForNone(fn.body, p.name)) || forLoss)) {
          // `sample_weight=None` that the body indexes or sums without ever asking `is None`: None
          // cannot be the value it works with, so it gets the array its use implies (not differentiated).
          const inferred = this.conclude(p.name, f, chosen);
          const note = forLoss
            ? 'defaults to None, where the function returns no (loss, gradient): a sample of the shape the code uses it in is given, and it is not differentiated'
            : 'defaults to None, but the code uses it as an array without checking for None: a sample of that shape is given, and it is not differentiated';
          return { ...inferred, ambiguous: inferred.ambiguous ? `${note}; ${inferred.ambiguous}` : note, noneDefault: true };
        }
        if (lossAndGradient && p.default?.kind === 'number' && p.default.value === 0 && p.default.float && f.minRank === 0 && !f.label && !f.count && !integerLike(f)) {
          // CS231n's `loss(X, y=None, reg=0.0)`: at 0.0 the regularisation term and its gradient
          // vanish, and a slip in them would pass the check; sampled, held constant as a default is.
          const inferred = this.conclude(p.name, f, chosen);
          if (inferred.kind.kind === 'scalar') {
            const note = 'defaults to 0.0, where the terms it scales vanish: a sample is given so the (loss, gradient) check sees them, and it is not differentiated';
            return { ...inferred, ambiguous: inferred.ambiguous ? `${note}; ${inferred.ambiguous}` : note, noneDefault: true };
          }
        }
        // JavaScript's `(...args) => { const [r, g, b] = unpack(args) }` (chroma.js's converters): a rest
        // parameter read as a vector of numbers is sampled as the extra arguments it collects. (`arguments`
        // in a function naming no parameters is not: its callers' arguments are its point.)
        const restOfNumbers = p.kind === 'varargs' && p.name !== 'arguments' && fn.looseArity === true && f.minRank === 1 && f.exactRank !== 2 && !f.label && !f.properties && !f.elementProperties;
        if (restOfNumbers) {
          const rest = this.conclude(p.name, f, chosen);
          if (rest.kind.kind === 'array' && rest.kind.shape.length === 1) return rest;
        }
        if (p.default || p.kind === 'varargs' || p.kind === 'varkw') return { name: p.name, kind: { kind: 'default' } };
        return this.conclude(p.name, f, chosen);
      });
    const parameters = withTolerances(leaveOut(inferred, optional), toleranceParameters(fn));
    // A callee's comparison of a parameter is this function's branch too (`self.inner.fn(z)`).
    const branches = new Set(this.thresholds.get(fn) ?? []);
    for (const f of facts.values()) if (f.comparedElementwise !== undefined) branches.add(f.comparedElementwise);
    const integers = parameters.filter((p) => p.kind.kind === 'scalar' && integerLike(facts.get(p.name)!)).map((p) => p.name);
    const compared = parameters.flatMap((p) => {
      const text = p.kind.kind === 'default' ? undefined : comparedText(p.name, facts.get(p.name)!);
      return text ? [text] : [];
    });
    const documentedText = compared.map((t) => {
      // `bn_param["mode"]`: the entry's own key names it in the docstring.
      const choices = documentedChoices(fn.doc, /\["((?:[^"\\]|\\.)*)"\]$/.exec(t.name)?.[1] ?? t.name);
      // Undocumented: the first string the code compares it with, a branch the code has (`if kind == "call"`).
      return choices?.includes(t.text) ? { name: t.name, text: choices[0]!, choices } : { name: t.name, text: t.text, choices: t.texts, fromCode: true as const };
    });
    if (isInit && start === 0 && !batch) this.initSizes.set(init, new Map(chosen.sizes));
    return { parameters, arithmetic: doesArithmetic(fn.body, this.computing), branchesAt: [...branches], integerLike: integers, documentedText };
  }

  /** By constructor: the sizes its own inference chose (start 0), which its methods' inferences start from. */
  private readonly initSizes = new Map<IrFunction, ReadonlyMap<number, number>>();

  private constructorSizes(init: IrFunction): ReadonlyMap<number, number> {
    if (!this.initSizes.has(init) && !this.inProgress.has(init)) {
      this.initSizes.set(init, new Map());
      this.infer(init);
    }
    return this.initSizes.get(init) ?? new Map();
  }

  /**
   * A constructor's count with a small whole default (`n_in=3` in `np.random.randn(n_in, n_out)`)
   * makes arrays of that size: the instance its defaults make holds them, so its methods' data match.
   */
  private countDefaults(fn: IrFunction, facts: ReadonlyMap<string, Facts>): void {
    for (const p of fn.params) {
      const f = facts.get(p.name);
      const n = p.default?.kind === 'number' ? p.default.value : undefined;
      if (f?.count && f.countDim !== undefined && n !== undefined && Number.isInteger(n) && n >= 1 && n <= MAX_DEFAULT_SIZE) this.dims.setExact(f.countDim, n);
    }
  }

  private conclude(name: string, f: Facts, chosen: Chosen): InferredParameter {
    if (f.elementCounts && f.minRank === 1 && !f.label && !f.matmul && f.axes.length > 0) {
      const n = this.dims.size(f.axes[0]!, chosen.sizes, chosen.start).size;
      const values = Array.from({ length: n }, (_, i) => LAYER_SIZES[i % LAYER_SIZES.length]!);
      return { name, kind: { kind: 'counts', values }, ambiguous: `its entries size the arrays the code makes: whole numbers, ${JSON.stringify(values)} chosen, not differentiated` };
    }
    if (f.count && f.minRank === 0) return { name, kind: { kind: 'count', value: f.countDim !== undefined ? this.dims.size(f.countDim, chosen.sizes, chosen.start).size : 3 } };
    // 0: an axis every array of a rank above 0 has.
    if (f.axisSetting && f.minRank === 0) return { name, kind: { kind: 'count', value: 0 }, ambiguous: 'an axis the code gives numpy: 0, a whole number, not differentiated' };
    if (f.keysListed && !f.label && !f.count && !f.reduced && !f.matmul) {
      // Its keys are listed and read by name: an object whatever its keys; the ones read by name are kept.
      const read = f.properties ? objectKeys(f.properties) : { keys: [] };
      const keys = [...read.keys, ...RECORD_KEYS.filter((k) => !read.keys.includes(k))].slice(0, Math.max(read.keys.length, RECORD_KEYS.length));
      return { name, kind: { kind: 'object', ...read, keys }, ambiguous: `its keys are listed: an object of numbers; which keys the code does not fix: ${keys.join(', ')} chosen` };
    }
    if (f.properties && f.minRank === 0 && !f.label && !f.count && !f.reduced && !f.matmul) {
      return { name, kind: { kind: 'object', ...objectKeys(f.properties) }, ambiguous: 'its properties are read: an object of numbers' };
    }
    if (f.elementProperties && !f.properties && f.minRank <= 1 && f.exactRank !== 2 && !f.label && !f.count && !f.matmul && !f.elements) {
      if (f.axes.length === 0) f.axes.push(this.dims.fresh());
      const length = this.dims.size(f.axes[0]!, chosen.sizes, chosen.start).size;
      return { name, kind: { kind: 'objects', length, ...objectKeys(f.elementProperties) }, ambiguous: `its elements' properties are read: a list of objects of numbers; how many the code does not fix: ${length} chosen` };
    }
    const record = this.record(name, f, chosen);
    if (record) return record;
    const unpacked = this.unpacked(name, f, chosen);
    if (unpacked) return unpacked;
    if (integerOrder(f)) {
      // 3 unless the code singles 3 out: the general formula, not a special case, is what a point should show.
      const special = new Set(f.equalsIntegers ?? []);
      const value = [3, 4, 5, 6, 2].find((v) => !special.has(v)) ?? 7;
      const why = f.integerTest ? 'tests it as an integer' : `compares it with ${[...special].join(', ')}`;
      return { name, kind: { kind: 'count', value }, ambiguous: `an exponent the code ${why}: an integer order, not differentiated` };
    }
    let rank = f.exactRank ?? f.minRank;
    const notes: string[] = [];
    const guessed = f.exactRank === undefined && f.matmul && f.minRank <= 2 && !f.rankSeen;
    const batch = guessed && chosen.batch && rank === 1 && f.matmulSide !== undefined && !f.label ? f.matmulSide : undefined;
    if (batch) notes.push(`an operand of a matrix product whose rank the code does not fix: a matrix chosen, as a vector did not evaluate`);
    else if (guessed) {
      const matrix = /^[A-Z]/.test(name);
      notes.push(`an operand of a matrix product whose rank the code does not fix: a ${matrix ? 'matrix (capitalized name)' : 'vector'} chosen`);
    }
    if (f.addedToArray && f.exactRank === undefined) notes.push('combined elementwise with an array (+, −, or × where it is reduced over) and nothing else fixes its shape: taken as that array\'s shape');
    // A number the docstring states (`t : float`) stays one.
    const open = f.exactRank === undefined;
    if (open && rank === 0 && f.comparedElementwise !== undefined && !f.scalarTest && !f.label) {
      // np.where(z > 0, z, α(eᶻ − 1)) works on numbers too, but a number sits on one side of the
      // branch; a vector's entries fall on both, so a check sees both formulas.
      rank = 1;
      notes.push(`compared with ${f.comparedElementwise} entry by entry (np.where, a mask): a vector chosen so both branches are evaluated`);
    }
    if (open && rank === 0 && f.reduced) {
      rank = 1;
      notes.push('only reduced over (sum, mean, norm…): a vector chosen');
    } else if (open && rank === 0 && f.shapeRead && !f.label) {
      rank = 1;
      notes.push('its .shape is read, which a number has not: a vector chosen');
    }
    while (f.axes.length < rank) f.axes.push(this.dims.fresh());
    if (f.constantReadsOnly && (f.constantReads ?? 0) > 0 && !f.label && rank === 1 && f.exactRank === undefined) this.dims.setExact(f.axes[0]!, this.minOf(f.axes[0]!));
    const sizes = f.axes.slice(0, rank).map((d) => this.dims.size(d, chosen.sizes, chosen.start));
    if (batch) {
      // Rows of data on the left of `@` (X @ W), columns on the right (W @ x): one axis more, of a free size.
      const rows = this.dims.size(this.dims.fresh(), chosen.sizes, chosen.start);
      if (batch === 'left') sizes.unshift(rows);
      else sizes.push(rows);
      rank++;
    }
    const shape = sizes.map((s) => s.size);
    const free = sizes.filter((s) => s.free).length;
    const becauseArray = f.arrayOnly && rank === 1 && f.exactRank === undefined ? `a vector, not a number, because ${f.arrayOnly}` : undefined;
    if (f.declared && rank > 0) notes.push(`shape ${f.declared} in the docstring${free > 0 ? `: ${shape.join('×')} chosen` : ''}`);
    if (free > 0 && notes.length === 0) notes.push(`${free === 1 ? 'a size' : 'sizes'} not fixed by the code: ${shape.join('×')} chosen`);
    if (becauseArray) notes.unshift(becauseArray);
    const ambiguous = notes.length ? { ambiguous: notes.join('; ') } : {};
    if (f.label) {
      const below = f.labelDim !== undefined ? this.dims.size(f.labelDim, chosen.sizes, chosen.start).size : 2;
      return { name, kind: { kind: 'labels', shape, below }, ...ambiguous };
    }
    if (f.oneHot && rank === 2) return { name, kind: { kind: 'onehot', shape }, ambiguous: `one-hot rows in the docstring (${f.declared}): one 1 per row, held fixed` };
    if (f.definite && rank === 2 && shape[0] === shape[1]) {
      const note = 'factored by Cholesky: a symmetric matrix with a dominant positive diagonal (positive definite) chosen';
      return { name, kind: { kind: 'array', shape, definite: true }, ambiguous: ambiguous.ambiguous ? `${note}; ${ambiguous.ambiguous}` : note };
    }
    return { name, kind: rank === 0 ? { kind: 'scalar' } : { kind: 'array', shape }, ...ambiguous };
  }

  /**
   * A parameter whose elements a loop unpacks into arrays: a list of tuples (`for W, b in params`),
   * or a stack of arrays (`for W, b in zip(Ws, bs)`: Ws an array one axis longer than W). Undefined
   * when every part is a number (a matrix, as `for x, y in points` makes) or a part is not an array.
   */
  private unpacked(name: string, f: Facts, chosen: Chosen): InferredParameter | undefined {
    const elements = f.elements;
    if (!elements || f.label || f.count || f.properties || f.axes.length === 0) return undefined;
    const parts = elements.map((e, k) => this.conclude(`${name}[${k}]`, e, chosen));
    if (parts.some((p) => p.kind.kind !== 'scalar' && p.kind.kind !== 'array') || parts.every((p) => p.kind.kind === 'scalar')) return undefined;
    const length = this.dims.size(f.axes[0]!, chosen.sizes, chosen.start).size;
    const how = parts.map((p) => describeKind(p.kind)).join(', ');
    if (parts.length === 1) {
      const shape = (parts[0]!.kind as { shape: readonly number[] }).shape;
      if (f.exactRank !== undefined && f.exactRank !== shape.length + 1) return undefined;
      return { name, kind: { kind: 'array', shape: [length, ...shape] }, ambiguous: `a loop takes its elements one by one, each ${how}; how many the code does not fix: ${length} chosen` };
    }
    return { name, kind: { kind: 'tuples', length, items: parts.map((p) => p.kind) }, ambiguous: `a loop unpacks its elements; how many the code does not fix: ${length} chosen` };
  }

  /**
   * A parameter read only by constant string keys (`W1, b1 = params["W1"], params["b1"]`): a dict
   * whose entries are concluded as parameters are. Undefined when it is also used as an array, or an
   * entry is neither a number, an array nor a dict.
   */
  private record(name: string, f: Facts, chosen: Chosen): InferredParameter | undefined {
    if (!f.entries || f.minRank > 0 || f.label || f.count || f.reduced || f.matmul || f.properties || f.elements) return undefined;
    const entries = [...f.entries].map(([key, e]) => ({ key, ...this.conclude(`${name}[${JSON.stringify(key)}]`, e, chosen) }));
    if (entries.some((e) => !['scalar', 'array', 'record', 'count'].includes(e.kind.kind))) return undefined;
    const notes = entries.filter((e) => e.ambiguous).map((e) => `${e.name}: ${e.ambiguous}`);
    return { name, kind: { kind: 'record', entries: entries.map((e) => ({ key: e.key, kind: e.kind })) }, ambiguous: ['read by its keys: a dict', ...notes].join('; ') };
  }

  private minOf(d: number): number {
    return this.dims.least(d);
  }

  /** The facts of each parameter of `fn` (read once; recursion reads nothing more). */
  private read(fn: IrFunction): Map<string, Facts> {
    const known = this.facts.get(fn);
    if (known) return known;
    this.onRead?.(fn);
    const facts = new Map<string, Facts>();
    for (const p of fn.params) facts.set(p.name, freshFacts());
    this.facts.set(fn, facts);
    this.declare(fn, facts);
    this.inProgress.add(fn);
    // Twice: the second pass sees the ranks the first found (an index read before `.shape` tells).
    // Up to twice more while a pass still finds ranks: what a loop's later step needs of a weight
    // (an RNN's state joined again) is found only after the step is read with the rank found before.
    try {
      for (let pass = 0, ranks = ''; pass < 4; pass++) {
        const reader = new Reader(this, facts, this.dims, this.ownerOf(fn), fn);
        reader.statements(fn.body);
        this.returns.set(fn, reader.returned);
        this.thresholds.set(fn, reader.thresholds);
        const now = rankSignature(facts.values());
        if (pass >= 1 && now === ranks) break;
        ranks = now;
      }
    } catch (e) {
      // An expression nested as deeply as the front end allows (1,000 levels) can exhaust the stack
      // here before the engine, whose frames are smaller, would: shapes are only a guide to sample
      // points, so the function keeps what was read and its evaluation is not refused for it.
      if (!(e instanceof RangeError && /call stack/i.test(e.message))) throw e;
    } finally {
      this.inProgress.delete(fn);
    }
    return facts;
  }

  /** The shapes the docstring states (docShapes.ts): exact ranks, named axes shared, sizes fixed. */
  private declare(fn: IrFunction, facts: Map<string, Facts>): void {
    const named = new Map<string, number>();
    for (const [name, shape] of declaredShapes(fn.doc, fn.params.map((p) => p.name))) {
      const f = facts.get(name)!;
      f.exactRank = shape.axes.length;
      f.minRank = Math.max(f.minRank, shape.axes.length);
      f.rankSeen = true;
      f.declared = shape.text;
      if (shape.oneHot) f.oneHot = true;
      f.constantReadsOnly = false;
      while (f.axes.length < shape.axes.length) f.axes.push(this.dims.fresh());
      shape.axes.forEach((a, k) => {
        const d = f.axes[k]!;
        const dimNamed = (name: string): number => {
          let same = named.get(name);
          if (same === undefined) named.set(name, (same = this.dims.fresh()));
          return same;
        };
        if ('size' in a) this.dims.setExact(d, a.size);
        else if ('name' in a) this.dims.unify(dimNamed(a.name), d);
        else if ('of' in a) this.dims.unify(this.dims.plus(dimNamed(a.of), a.plus), d);
        else if ('times' in a) {
          const exact = (size: number): number => {
            const c = this.dims.fresh();
            this.dims.setExact(c, size);
            return c;
          };
          this.dims.unify(this.dims.product(a.times.map((f) => (/^\d+$/.test(f) ? exact(Number(f)) : dimNamed(f)))), d);
        }
      });
    }
  }

  /** What a function returns, in the dimensions its parameters share with every caller's arguments. */
  returnOf(fn: IrFunction): Abs {
    return this.returns.get(fn);
  }

  /** The class of a listed method (`Affine.forward`), or of a constructor as its class lists it (`__init__`). */
  private ownerOf(fn: IrFunction): string | undefined {
    return this.methods.ownerOf(fn) ?? this.constructors.get(defKey(fn));
  }

  private readonly constructors = new Map<string, string>();

  /** By class: what its constructor stores on the instance, by path (`W`, `params["W1"]`). */
  private readonly attributes = new Map<string, Map<string, ReceiverAttribute>>();

  noteAttribute(owner: string | undefined, caller: IrFunction | undefined, path: string, what: ReceiverAttribute): void {
    const init = owner === undefined ? undefined : this.methods.constructorOf(owner);
    if (owner === undefined || !caller) return;
    // Only the constructor as its class lists it: the one whose inference samples the instance (instanceSamples.ts).
    if (init === caller) {
      if ('derived' in what) return;
      let stored = this.attributes.get(owner);
      if (!stored) this.attributes.set(owner, (stored = new Map()));
      stored.set(path, what);
      return;
    }
    // A forward pass's `self.inputs = inputs`: its backward's reads of `self.inputs` say what that input is.
    if (!('facts' in what) || (init && defKey(init) === defKey(caller))) return;
    let kept = this.methodAttributes.get(owner);
    if (!kept) this.methodAttributes.set(owner, (kept = new Map()));
    if (!kept.has(path)) kept.set(path, { what, writer: defKey(caller) });
  }

  /**
   * A parameter another method kept at `path` (`self.inputs = inputs`), when that method's own code
   * says nothing of its shape (`np.maximum(0, inputs)` takes a number too): then the reads of it here
   * (nnfs's `self.dinputs[self.inputs <= 0] = 0`) say it. One whose rank the writer reads (`x @ W`)
   * keeps its writer's reading, which a later `.T` would only confuse.
   */
  private keptByMethod(owner: string, caller: IrFunction | undefined, path: string): ReceiverAttribute | undefined {
    const kept = this.methodAttributes.get(owner)?.get(path);
    if (!kept || !caller || kept.writer === defKey(caller) || !('facts' in kept.what)) return undefined;
    const f = kept.what.facts;
    return f.minRank === 0 && !f.matmul && !f.reduced && !f.label && !f.count && !f.addedToArray ? kept.what : undefined;
  }

  /** By class: a parameter another method keeps on the instance (`self.inputs = inputs`), and which method. */
  private readonly methodAttributes = new Map<string, Map<string, { what: ReceiverAttribute; writer: string }>>();

  receiverAttribute(owner: string | undefined, caller: IrFunction | undefined, path: string): ReceiverAttribute | undefined {
    const init = owner === undefined ? undefined : this.methods.constructorOf(owner);
    if (owner === undefined || (init && caller && defKey(init) === defKey(caller))) return undefined;
    if (!init) return this.keptByMethod(owner, caller, path);
    // The constructor is read first, whichever method is asked about first.
    if (!this.inProgress.has(init)) this.read(init);
    const stored = this.attributes.get(owner!)?.get(path);
    if (stored) return stored;
    return this.keptByMethod(owner!, caller, path);
  }

  heldValue(name: string, caller?: IrFunction): HeldValue | undefined {
    // An imported file's function reads its own file's constants, which this file's engine does not hold.
    if (!caller || !this.isOwn(caller) || !this.values) return undefined;
    const closed = this.closureValue(name, caller);
    if (closed) return closed;
    return this.values.constantHeld(name);
  }

  instanceHeld(owner: string | undefined, caller: IrFunction | undefined, attr: string): HeldValue | undefined {
    // Only a listed method of the class: its name is the one the engine makes the instance for.
    if (owner === undefined || !caller || !this.values?.instanceHeld || this.functions.get(caller.name) !== caller || this.methods.ownerOf(caller) !== owner) return undefined;
    return this.values.instanceHeld(owner, caller.name, attr);
  }

  /** A function of this file: listed, or a def nested in one (a factory's siblings of the def it returns). */
  private isOwn(fn: IrFunction): boolean {
    for (let f: IrFunction | undefined = fn; f; f = this.enclosing.get(defKey(f))) if (this.own.has(f)) return true;
    return false;
  }

  /**
   * What `name` holds in the closure of a def nested in a factory (`D` of autograd's
   * black_box_variational_inference(logprob, D, num_samples)), read from the functions the module
   * binds the factory's defs to (`objective, gradient, unpack_params = black_box_…(log_posterior, D, …)`):
   * the def itself bound, or a sibling of it (its closure is the same frame). Undefined when none is
   * bound, or two bindings disagree (the factory called with D = 2 and with D = 40).
   */
  private closureValue(name: string, caller: IrFunction): HeldValue | undefined {
    const factory = this.enclosing.get(defKey(caller));
    if (!factory) return undefined;
    const held = [...this.functions].filter(([, fn]) => this.enclosing.get(defKey(fn)) === factory).map(([bound]) => this.values!.closureHeld(bound, name));
    const [first] = held;
    if (!first || held.some((h) => JSON.stringify(h) !== JSON.stringify(first))) return undefined;
    return first;
  }

  elementCall(owner: string | undefined, iterable: IrExpr): string | undefined {
    return this.methods.elementCall(owner, iterable);
  }

  methodTarget(owner: string | undefined, receiver: IrExpr, name: string): string | undefined {
    return this.methods.target(owner, receiver, name);
  }

  /** A callee's parameters' facts, for a call; undefined for a recursive call being read. */
  callee(name: string, caller?: IrFunction): { fn: IrFunction; facts: Map<string, Facts> } | undefined {
    const scope = caller ? this.scopes?.get(caller) : undefined;
    // An imported file's function calls only its own file's names.
    // A class called is its constructor (micrograd's `Layer.__init__` making `Neuron(nin)`: nin is a count there).
    const fn = this.enclosingDef(name, caller) ?? scope?.get(name) ?? (caller && !this.own.has(caller) ? undefined : this.functions.get(name)) ?? this.methods.constructorOf(name);
    if (!fn || this.inProgress.has(fn)) return undefined;
    return { fn, facts: this.read(fn) };
  }
}

/** The ranks known of these facts and of their entries and elements, as text to compare passes by. */
function rankSignature(facts: Iterable<Facts>): string {
  const parts: string[] = [];
  const visit = (f: Facts): void => {
    parts.push(`${f.minRank}/${f.exactRank ?? ''}`);
    for (const e of f.entries?.values() ?? []) visit(e);
    for (const e of f.elements ?? []) visit(e);
  };
  for (const f of facts) visit(f);
  return parts.join(',');
}

/**
 * The optional parameters (JavaScript's, asked whether given) left out, each keeping the kind a
 * sample gives it — unless nothing else would be differentiated: then they are what the point varies.
 */
function leaveOut(parameters: InferredParameter[], optional: readonly string[]): InferredParameter[] {
  const left = parameters.filter((p) => optional.includes(p.name) && p.kind.kind !== 'default');
  if (left.length === 0 || !parameters.some((p) => p.kind.kind !== 'default' && !optional.includes(p.name))) return parameters;
  return parameters.map((p) => (left.includes(p) ? { name: p.name, kind: { kind: 'default' }, optional: p.kind, ambiguous: 'optional (the code asks whether it is given): undefined, not differentiated; an @at can give it' } : p));
}

/** Tolerances (`Math.abs(newV) < precision`) sampled small, said so. */
function withTolerances(parameters: InferredParameter[], tolerances: ReadonlySet<string>): InferredParameter[] {
  if (tolerances.size === 0) return parameters;
  const note = `compared only with absolute values, as a tolerance: ${TOLERANCE_SAMPLE}, small, so the run does not stop where a larger one would`;
  return parameters.map((p) => (p.kind.kind === 'scalar' && tolerances.has(p.name) ? { ...p, kind: { kind: 'scalar', tolerance: TOLERANCE_SAMPLE }, ambiguous: p.ambiguous ? `${note}; ${p.ambiguous}` : note } : p));
}

/** Where a def is written: the same for a nested def and the copy a factory's binding makes of it. */
const defKey = (fn: IrFunction): string => `${fn.range.start.line}:${fn.range.start.column}`;
