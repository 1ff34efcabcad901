import type { IrExpr, IrFunction } from '../../ir/nodes';
import type { HeldValue } from '../../engine/run';

/** What is known of one parameter while reading its function. */
export interface Facts {
  minRank: number;
  exactRank?: number;
  /** Used as an operand of `@`/dot, where its rank could be 1 or 2. */
  matmul: boolean;
  /** The side of `@` it was first seen on, where a batch axis goes if it is taken as a matrix (shapes.ts's retry). */
  matmulSide?: 'left' | 'right';
  /** Something other than a matrix product said its rank (indexing, `.shape`, `len`). */
  rankSeen?: boolean;
  reduced: boolean;
  /** Took its shape from an array it is added to or subtracted from. */
  addedToArray?: boolean;
  label: boolean;
  /** The axis whose range the labels must stay in, when known. */
  labelDim?: number;
  count: boolean;
  /** Its elements are given to an array maker as sizes (`np.random.randn(y, x)` for y in sizes[1:]): a list of whole numbers. */
  elementCounts?: true;
  /** Given as numpy's `axis` (`np.linalg.norm(x, axis=axis)`): a whole number, a setting never differentiated. */
  axisSetting?: true;
  /** The axis a counted loop up to it walks (`for (i = 0; i < n; i++) y[i] += a * x[i]`): its value is that axis's size. */
  countDim?: number;
  /** Read only at constant indices on axis 0 (and never sliced, measured or iterated)… */
  constantReadsOnly: boolean;
  /** …and read that way at least once. */
  constantReads?: number;
  /**
   * Used the way only an array is (a boolean mask over it, `.copy()`, `.reshape`, `.ndim`) in a
   * function that would otherwise also take a number: why a vector was chosen.
   */
  arrayOnly?: string;
  /** Its `.shape` is read (`np.random.rand(*x.shape)`): a number has none, so it is an array. */
  shapeRead?: boolean;
  /** Compared with this constant elementwise (`np.where(z > 0, …)`, a mask), never in an `if`. */
  comparedElementwise?: number;
  /** Compared in an `if`/`while` test: a number (an array there has no truth value). */
  scalarTest?: boolean;
  /** Properties read or written on it (`p.x`, `const { mass } = body`, `p.pos.x`): an object with these keys. */
  properties?: PropertyTree;
  /** Its keys listed (`Object.keys(p)`, `Object.entries(p)`, `p.items()`): a record, whatever its keys. */
  keysListed?: boolean;
  /**
   * Properties read on its elements (`for (const p of pts) p.x`, `pts[i].x`, `pts.map(({ x, y }) => …)`):
   * an array of objects with these keys.
   */
  elementProperties?: PropertyTree;
  /** The exponent of a power (`Math.pow(d, n)`, `d ** n`). */
  exponent?: boolean;
  /** Tested as an integer: `Number.isInteger(n)`, `n % 1`, `n % 2`, a bitwise operand. */
  integerTest?: boolean;
  /** Integers it is compared equal or unequal with (`n === 2`). */
  equalsIntegers?: number[];
  /** The strings it is compared with (`if kind == "call"`, `kind in ("call", "put")`), in the order the code reads them: a string parameter. */
  comparedTexts?: string[];
  /** Factored by Cholesky (`np.linalg.cholesky(K + …)`, `cho_factor`): a positive definite matrix (shapes.ts). */
  definite?: true;
  /** The shape its function's docstring states, as written (`(N, D)`; docShapes.ts). */
  declared?: string;
  /** The docstring says its rows are one-hot labels (docShapes.ts `oneHot`). */
  oneHot?: true;
  axes: number[];
  /**
   * What a loop that unpacks its elements says of their parts (`for W, b in params`: two parts, a
   * list of pairs; `for W, b in zip(Ws, bs)`: one part each, a stack), each read as a parameter is.
   */
  elements?: Facts[];
  /**
   * Entries read by a constant string key (`params["W1"]`, `bn_param["mode"]`): a dict, each entry
   * read as a parameter is (an MLP's weights kept in a dict, autograd's rnn `params["change"]`).
   */
  entries?: Map<string, Facts>;
}

/** The facts of `owner[key]`, made on first read. */
export function entryOf(owner: Facts, key: string): Facts {
  const entries = (owner.entries ??= new Map());
  let f = entries.get(key);
  if (!f) entries.set(key, (f = freshFacts()));
  return f;
}

/**
 * What another function needs of a parameter holds for the value passed to it: a callee's parameter
 * for the caller's argument, a hand-written derivative's for its function's (both run at one point).
 * The axes are tied by the caller.
 */
export function adoptFacts(mine: Facts, theirs: Facts): void {
  mine.minRank = Math.max(mine.minRank, theirs.minRank);
  if (theirs.exactRank !== undefined) mine.exactRank ??= theirs.exactRank;
  mine.matmul ||= theirs.matmul;
  if (theirs.matmulSide) mine.matmulSide ??= theirs.matmulSide;
  mine.reduced ||= theirs.reduced;
  mine.label ||= theirs.label;
  mine.count ||= theirs.count;
  if (theirs.arrayOnly) mine.arrayOnly ??= theirs.arrayOnly;
  mine.shapeRead ||= theirs.shapeRead;
  if (!theirs.constantReadsOnly) mine.constantReadsOnly = false;
  if (theirs.comparedElementwise !== undefined) mine.comparedElementwise ??= theirs.comparedElementwise;
  mine.scalarTest ||= theirs.scalarTest;
  mine.exponent ||= theirs.exponent;
  if (theirs.definite) mine.definite = true;
  if (theirs.properties) mergeProperties((mine.properties ??= new Map()), theirs.properties);
  if (theirs.elementProperties) mergeProperties((mine.elementProperties ??= new Map()), theirs.elementProperties);
  mine.integerTest ||= theirs.integerTest;
  for (const t of theirs.comparedTexts ?? []) if (!(mine.comparedTexts ??= []).includes(t)) mine.comparedTexts.push(t);
  // A list of (W, b) pairs passed on to `neural_net_predict(params, inputs)` is one there too, and
  // what each callee does to the parts holds for them all (`l2_norm(params)` sums W, the net multiplies by it).
  if (theirs.elements && mine.elements !== theirs.elements) {
    if (!mine.elements) mine.elements = theirs.elements.map(() => freshFacts());
    if (mine.elements.length === theirs.elements.length) mine.elements.forEach((m, k) => adoptFacts(m, theirs.elements![k]!));
  }
  // A dict handed on: the callee's reads of its entries hold for the caller's (axes tied by the caller).
  if (theirs.entries && mine.entries !== theirs.entries) for (const [key, t] of theirs.entries) adoptFacts(entryOf(mine, key), t);
  if (theirs.equalsIntegers) mine.equalsIntegers = [...(mine.equalsIntegers ?? []), ...theirs.equalsIntegers];
}

/**
 * The keys read on an object, in the order first read, each with the keys read on its own value
 * (`p.pos.x`, `const v = body.vel; v.x`): a key whose tree is empty holds a number.
 */
export type PropertyTree = Map<string, PropertyTree>;

/**
 * In a property's tree, the key under which its reads by a constant index are kept (`m.elements[15]`,
 * `e[15]` after `var e = m.elements`): one entry, the length they need (`'16'`). Never a property
 * name, which `.` cannot spell with a NUL in it.
 */
export const INDEXED = '\u0000[]';

export function mergeProperties(mine: PropertyTree, theirs: PropertyTree): void {
  for (const [key, sub] of theirs) {
    const at = mine.get(key) ?? new Map<string, PropertyTree>();
    mine.set(key, at);
    mergeProperties(at, sub);
  }
}

/**
 * An integer order: the exponent of a power that the code also treats as an integer — compares with
 * one (simple-statistics' `sumNthPowerDeviations(x, n)`: `if (n === 2) … else Math.pow(d, n)`) or
 * tests for one. At a fractional n a negative base gives NaN, and ∂/∂n needs ln of it: a count.
 */
export const integerOrder = (f: Facts): boolean => f.minRank === 0 && !f.label && f.exponent === true && (f.integerTest === true || (f.equalsIntegers?.length ?? 0) > 0);

/** Treated as an integer somewhere (an integer test, an equality with an integer): integer sample values are worth a try. */
export const integerLike = (f: Facts): boolean => f.minRank === 0 && !f.label && !f.count && (f.integerTest === true || (f.equalsIntegers?.length ?? 0) > 0);

export const freshFacts = (): Facts => ({ minRank: 0, matmul: false, reduced: false, label: false, count: false, constantReadsOnly: true, axes: [] });

/**
 * An expression's abstract value: an array with these dimensions, a dimension's size, a tuple or
 * list of such values (`args + (ones,)`, `return h, c`), or nothing known.
 */
export type Abs = { readonly dims: readonly number[]; readonly tied?: TiedRank } | { readonly size: number } | { readonly items: readonly Abs[] } | undefined;

/**
 * A value whose rank follows a parameter's, which nothing else fixed: the parameter has `depth`
 * axes more than the value (a row of it, `for x in xs`: 1; `np.dot(batch, w)` with w taken as a
 * vector for want of evidence: 0). Where the code needs the value to have more axes (numpy joins
 * arrays of one rank only; `axis=1`), the parameter has them too.
 */
export interface TiedRank {
  readonly param: Facts;
  readonly depth: number;
  /** The parameter's rank is the matrix product's guess (a vector): an operand of higher rank it meets elementwise says more. */
  readonly guessed?: true;
}

export const isDims = (a: Abs): a is { dims: readonly number[]; tied?: TiedRank } => a !== undefined && 'dims' in a;
export const isItems = (a: Abs): a is { items: readonly Abs[] } => a !== undefined && 'items' in a;

export function calleeName(e: IrExpr): string | undefined {
  if (e.kind === 'name' || e.kind === 'intrinsic') return e.name;
  return undefined;
}

export const constantInt = (e: IrExpr | undefined): number | undefined =>
  e?.kind === 'number' && Number.isInteger(e.value) ? e.value : e?.kind === 'unary' && e.op === '-' && e.operand.kind === 'number' && Number.isInteger(e.operand.value) ? -e.operand.value : undefined;

/** What a reader asks of the whole module: a callee's parameters' facts and what it returns. */
export interface Callees {
  /**
   * The function `name` calls from `caller`: one of the file's, or one imported from a workspace
   * file; undefined for any other name, or a recursive call being read.
   */
  callee(name: string, caller?: IrFunction): { fn: IrFunction; facts: Map<string, Facts> } | undefined;
  returnOf(fn: IrFunction): Abs;
  /** The listed name of `receiver.name(…)` in a method of `owner` (methods.ts), if it reaches one. */
  methodTarget(owner: string | undefined, receiver: IrExpr, name: string): string | undefined;
  /** The listed `__call__` a loop variable over `iterable` reaches when called, in a method of `owner` (methods.ts). */
  elementCall(owner: string | undefined, iterable: IrExpr): string | undefined;
  /**
   * What a name `caller` reads from outside itself holds, when the engine knows it: a module
   * constant's shape (`X = np.linspace(0, 1, 50)`), or an array or whole number in a factory's
   * closure (`D` of `objective = make_objective(logprob, D)`).
   */
  heldValue(name: string, caller?: IrFunction): HeldValue | undefined;
  /**
   * What the instance of `owner` made from its constructor's defaults holds at `attr`, when the engine
   * makes one: a field a base class's constructor sets (`super().__init__(n_var=n_var)`), read from
   * the instance as a run would make it, not from the constructors' code.
   */
  instanceHeld(owner: string | undefined, caller: IrFunction | undefined, attr: string): HeldValue | undefined;
  /**
   * What `owner`'s constructor stores at `path` of its instance (`W` for `self.W = W`, `params["W1"]`
   * for `self.params["W1"] = …`), as another method (`caller`) reads it.
   */
  receiverAttribute(owner: string | undefined, caller: IrFunction | undefined, path: string): ReceiverAttribute | undefined;
  /** `caller` stores this at `path` of its instance: kept when it is its class's constructor. */
  noteAttribute(owner: string | undefined, caller: IrFunction | undefined, path: string, what: ReceiverAttribute): void;
}

/**
 * A constructor's parameter stored as it is (`self.W = W`: its facts), or an array it made
 * (`np.zeros(n)`: its shape); `derived`: a forward pass's parameters combined elementwise
 * (`self.diff = y_pred - y_true`), kept as the first one's facts for its backward's reads.
 */
export type ReceiverAttribute = { readonly facts: Facts; readonly derived?: true } | { readonly value: Abs };
