import type { IrExpr, IrFunction, IrStmt, IrTarget } from '../ir/nodes';

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
 *   parameter only reduced over (`np.sum(x)`) is a vector; free sizes are 3, 2, 4, 5, … in order.
 */

export type ParameterKind =
  /** A number. */
  | { readonly kind: 'scalar' }
  /** A float array of this shape. */
  | { readonly kind: 'array'; readonly shape: readonly number[] }
  /** Integer labels (an index vector, or one index), each in [0, below). */
  | { readonly kind: 'labels'; readonly shape: readonly number[]; readonly below: number }
  /** A whole number of things (`range(n)`). */
  | { readonly kind: 'count'; readonly value: number }
  /** Left out: it has a default. */
  | { readonly kind: 'default' };

export interface InferredParameter {
  readonly name: string;
  readonly kind: ParameterKind;
  /** What the code left open and how it was chosen (`length not fixed by the code: 3 chosen`). */
  readonly ambiguous?: string;
}

export interface InferredShapes {
  readonly parameters: readonly InferredParameter[];
  /** Whether the function does arithmetic at all (only those get a sample point). */
  readonly arithmetic: boolean;
}

const FREE_SIZES = [3, 2, 4, 5, 6, 7];
const MATMUL = new Set(['matmul', 'dot', 'inner']);
const REDUCTIONS = new Set(['reduce_sum', 'sum', 'mean', 'prod', 'reduce_max', 'reduce_min', 'max', 'min', 'norm', 'argmax', 'argmin']);
const SHAPE_PRESERVING = new Set([
  'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh',
  'arcsinh', 'arccosh', 'arctanh', 'abs', 'sign', 'floor', 'ceil', 'trunc', 'erf', 'square', 'reciprocal', 'negative', 'exp2', 'erfc', 'sigmoid',
  'softplus', 'relu', 'copy', 'clip', 'zeros_like', 'ones_like', 'empty_like', 'full_like', 'array', 'asarray', 'float',
]);
const ELEMENTWISE2 = new Set(['maximum', 'minimum', 'arctan2', 'hypot', 'logaddexp', 'add', 'subtract', 'multiply', 'divide', 'power', 'pow', 'where']);

/** Union-find over dimensions, each with the least size the code needs and an exact size if it says one. */
class Dims {
  private readonly parent: number[] = [];
  private readonly min: number[] = [];
  private readonly exact: (number | undefined)[] = [];
  fresh(): number {
    this.parent.push(this.parent.length);
    this.min.push(1);
    this.exact.push(undefined);
    return this.parent.length - 1;
  }
  find(d: number): number {
    while (this.parent[d] !== d) d = this.parent[d] = this.parent[this.parent[d]!]!;
    return d;
  }
  unify(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[drop] = keep;
    this.min[keep] = Math.max(this.min[keep]!, this.min[drop]!);
    this.exact[keep] ??= this.exact[drop];
  }
  atLeast(d: number, n: number): void {
    const r = this.find(d);
    this.min[r] = Math.max(this.min[r]!, n);
  }
  least(d: number): number {
    return this.min[this.find(d)]!;
  }
  setExact(d: number, n: number): void {
    const r = this.find(d);
    this.exact[r] ??= n;
  }
  /** Sizes for free dimensions: the next of 3, 2, 4, … at or above what the code needs. */
  size(d: number, chosen: Map<number, number>): { size: number; free: boolean } {
    const r = this.find(d);
    const exact = this.exact[r];
    if (exact !== undefined) return { size: Math.max(exact, this.min[r]!), free: false };
    let size = chosen.get(r);
    if (size === undefined) {
      size = Math.max(FREE_SIZES[chosen.size % FREE_SIZES.length]!, this.min[r]!);
      chosen.set(r, size);
    }
    return { size, free: true };
  }
}

/** What is known of one parameter while reading. */
interface Facts {
  minRank: number;
  exactRank?: number;
  /** Used as an operand of `@`/dot, where its rank could be 1 or 2. */
  matmul: boolean;
  /** Something other than a matrix product said its rank (indexing, `.shape`, `len`). */
  rankSeen?: boolean;
  reduced: boolean;
  /** Took its shape from an array it is added to or subtracted from. */
  addedToArray?: boolean;
  label: boolean;
  /** The axis whose range the labels must stay in, when known. */
  labelDim?: number;
  count: boolean;
  /** Read only at constant indices on axis 0 (and never sliced, measured or iterated)… */
  constantReadsOnly: boolean;
  /** …and read that way at least once. */
  constantReads?: number;
  axes: number[];
}

/** An expression's abstract value: an array with these dimensions, a dimension's size, or nothing known. */
type Abs = { readonly dims: readonly number[] } | { readonly size: number } | undefined;

const isDims = (a: Abs): a is { dims: readonly number[] } => a !== undefined && 'dims' in a;

function calleeName(e: IrExpr): string | undefined {
  if (e.kind === 'name' || e.kind === 'intrinsic') return e.name;
  return undefined;
}

const constantInt = (e: IrExpr | undefined): number | undefined =>
  e?.kind === 'number' && Number.isInteger(e.value) ? e.value : e?.kind === 'unary' && e.op === '-' && e.operand.kind === 'number' && Number.isInteger(e.operand.value) ? -e.operand.value : undefined;

/** Reads every function of a module; a call passes the callee's parameter shapes to its arguments. */
export class ShapeInference {
  private readonly dims = new Dims();
  private readonly facts = new Map<IrFunction, Map<string, Facts>>();
  private readonly inProgress = new Set<IrFunction>();
  private readonly returns = new Map<IrFunction, Abs>();

  constructor(private readonly functions: ReadonlyMap<string, IrFunction>) {}

  infer(fn: IrFunction): InferredShapes {
    const facts = this.read(fn);
    const chosen = new Map<number, number>();
    const parameters = fn.params
      .filter((p) => p.name !== 'self' && p.name !== 'this')
      .map((p): InferredParameter => {
        if (p.default) return { name: p.name, kind: { kind: 'default' } };
        return this.conclude(p.name, facts.get(p.name)!, chosen);
      });
    return { parameters, arithmetic: doesArithmetic(fn.body) };
  }

  private conclude(name: string, f: Facts, chosen: Map<number, number>): InferredParameter {
    if (f.count && f.minRank === 0) return { name, kind: { kind: 'count', value: 3 } };
    let rank = f.exactRank ?? f.minRank;
    const notes: string[] = [];
    if (f.exactRank === undefined && f.matmul && f.minRank <= 2 && !f.rankSeen) {
      const matrix = /^[A-Z]/.test(name);
      notes.push(`an operand of a matrix product whose rank the code does not fix: a ${matrix ? 'matrix (capitalized name)' : 'vector'} chosen`);
    }
    if (f.addedToArray && f.exactRank === undefined) notes.push('added to an array and nothing else fixes its shape: taken as that array\'s shape');
    if (rank === 0 && f.reduced) {
      rank = 1;
      notes.push('only reduced over (sum, mean, norm…): a vector chosen');
    }
    while (f.axes.length < rank) f.axes.push(this.dims.fresh());
    if (f.constantReadsOnly && (f.constantReads ?? 0) > 0 && !f.label && rank === 1 && f.exactRank === undefined) this.dims.setExact(f.axes[0]!, this.minOf(f.axes[0]!));
    const sizes = f.axes.slice(0, rank).map((d) => this.dims.size(d, chosen));
    const shape = sizes.map((s) => s.size);
    const free = sizes.filter((s) => s.free).length;
    if (free > 0 && notes.length === 0) notes.push(`${free === 1 ? 'a size' : 'sizes'} not fixed by the code: ${shape.join('×')} chosen`);
    const ambiguous = notes.length ? { ambiguous: notes.join('; ') } : {};
    if (f.label) {
      const below = f.labelDim !== undefined ? this.dims.size(f.labelDim, chosen).size : 2;
      return { name, kind: { kind: 'labels', shape, below }, ...ambiguous };
    }
    return { name, kind: rank === 0 ? { kind: 'scalar' } : { kind: 'array', shape }, ...ambiguous };
  }

  private minOf(d: number): number {
    return this.dims.least(d);
  }

  /** The facts of each parameter of `fn` (read once; recursion reads nothing more). */
  private read(fn: IrFunction): Map<string, Facts> {
    const known = this.facts.get(fn);
    if (known) return known;
    const facts = new Map<string, Facts>();
    for (const p of fn.params) facts.set(p.name, { minRank: 0, matmul: false, reduced: false, label: false, count: false, constantReadsOnly: true, axes: [] });
    this.facts.set(fn, facts);
    this.inProgress.add(fn);
    // Twice: the second pass sees the ranks the first found (an index read before `.shape` tells).
    for (let pass = 0; pass < 2; pass++) {
      const reader = new Reader(this, facts, this.dims);
      reader.statements(fn.body);
      this.returns.set(fn, reader.returned);
    }
    this.inProgress.delete(fn);
    return facts;
  }

  /** What a function returns, in the dimensions its parameters share with every caller's arguments. */
  returnOf(fn: IrFunction): Abs {
    return this.returns.get(fn);
  }

  /** A callee's parameters' facts, for a call; undefined for a recursive call being read. */
  callee(name: string): { fn: IrFunction; facts: Map<string, Facts> } | undefined {
    const fn = this.functions.get(name);
    if (!fn || this.inProgress.has(fn)) return undefined;
    return { fn, facts: this.read(fn) };
  }
}

class Reader {
  /** What the last `return` gives, for callers. */
  returned: Abs;
  private readonly locals = new Map<string, Abs>();
  /** Loop variables over `range(dimension)`, by name, with the dimension. */
  private readonly loopDims = new Map<string, number>();

  constructor(
    private readonly inference: ShapeInference,
    private readonly facts: Map<string, Facts>,
    private readonly dims: Dims,
  ) {}

  private param(e: IrExpr): Facts | undefined {
    return e.kind === 'name' && !this.locals.has(e.name) ? this.facts.get(e.name) : undefined;
  }

  /** At least `rank` axes; `evidence` false when only the capitalized-name guess says so. */
  private axes(f: Facts, rank: number, evidence = true): number[] {
    if (evidence && rank > 0) f.rankSeen = true;
    f.minRank = Math.max(f.minRank, rank);
    while (f.axes.length < Math.max(rank, f.exactRank ?? 0)) f.axes.push(this.dims.fresh());
    return f.axes;
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
        this.elementwise(this.target(s.target), this.expr(s.value));
        return;
      case 'return':
        if (s.value) this.returned = this.expr(s.value);
        return;
      case 'expr':
        if (s.value) this.expr(s.value);
        return;
      case 'if':
        this.expr(s.test);
        this.statements(s.then);
        this.statements(s.else);
        return;
      case 'while':
        this.expr(s.test);
        this.statements(s.body);
        return;
      case 'for':
        this.forLoop(s.target, s.iterable);
        this.statements(s.body);
        return;
      default:
        return;
    }
  }

  private forLoop(target: IrTarget, iterable: IrExpr): void {
    const it = this.expr(iterable);
    if (target.kind !== 'name') return;
    // for i in range(n): i indexes a dimension of size n.
    if (iterable.kind === 'call' && calleeName(iterable.callee) === 'range' && iterable.args.length === 1) {
      const n = this.expr(iterable.args[0]!);
      if (n && 'size' in n) this.loopDims.set(target.name, n.size);
      this.locals.set(target.name, undefined);
      return;
    }
    const p = this.param(iterable);
    if (p) {
      p.constantReadsOnly = false;
      this.axes(p, 1);
    }
    this.locals.set(target.name, isDims(it) && it.dims.length > 0 ? { dims: it.dims.slice(1) } : undefined);
  }

  private assign(target: IrTarget, value: IrExpr): void {
    const v = this.expr(value);
    if (target.kind === 'name') {
      if (!this.facts.has(target.name) || this.locals.has(target.name)) this.locals.set(target.name, v);
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
      // a, b = x: x is a vector of exactly that length.
      const p = this.param(value);
      if (p) {
        const axes = this.axes(p, 1);
        this.dims.setExact(axes[0]!, target.elements.length);
        p.constantReadsOnly = false;
      }
      target.elements.forEach((t) => t.kind === 'name' && this.locals.set(t.name, isDims(v) && v.dims.length > 1 ? { dims: v.dims.slice(1) } : undefined));
      return;
    }
    this.elementwise(this.target(target), v);
  }

  private target(t: IrTarget): Abs {
    if (t.kind === 'name') return this.locals.get(t.name) ?? (this.facts.has(t.name) ? this.expr({ kind: 'name', name: t.name, range: t.range }) : undefined);
    if (t.kind === 'index') return this.expr({ kind: 'index', object: t.object, index: t.index, range: t.range });
    return undefined;
  }

  private expr(e: IrExpr): Abs {
    switch (e.kind) {
      case 'name': {
        if (this.locals.has(e.name)) return this.locals.get(e.name);
        const p = this.facts.get(e.name);
        if (!p) return undefined;
        return p.minRank > 0 || p.exactRank ? { dims: this.axes(p, p.minRank).slice(0, p.exactRank ?? p.minRank) } : undefined;
      }
      case 'index':
        return this.index(e.object, e.index);
      case 'attribute':
        return this.attribute(e.object, e.name);
      case 'binary': {
        const a = this.expr(e.left);
        const b = this.expr(e.right);
        if (e.op === '@') return this.matmul(e.left, e.right, a, b);
        if (e.op === '+' || e.op === '-') {
          // X @ w - y: a parameter added to an array, with nothing else saying its rank, is of its shape.
          const adopt = (side: IrExpr, other: Abs): Abs => {
            const p = this.param(side);
            if (!p || !isDims(other) || other.dims.length === 0 || (p.minRank > 0 && !p.addedToArray) || p.exactRank !== undefined || p.label || p.count) return undefined;
            p.addedToArray = true;
            p.constantReadsOnly = false;
            const axes = this.axes(p, other.dims.length, false);
            other.dims.forEach((d, i) => this.dims.unify(d, axes[i]!));
            return { dims: axes.slice(0, other.dims.length) };
          };
          return this.elementwise(adopt(e.left, b) ?? a, adopt(e.right, a) ?? b);
        }
        return this.elementwise(a, b);
      }
      case 'unary':
        return this.expr(e.operand);
      case 'compare':
        this.compare(e.operands);
        return undefined;
      case 'logical':
        this.expr(e.left);
        return this.expr(e.right);
      case 'conditional':
        this.expr(e.test);
        return this.elementwise(this.expr(e.then), this.expr(e.else));
      case 'call':
        return this.call(e);
      case 'list':
      case 'tuple':
        e.elements.forEach((x) => this.expr(x));
        return undefined;
      case 'lambda':
        return undefined;
      default:
        return undefined;
    }
  }

  private attribute(object: IrExpr, name: string): Abs {
    const o = this.expr(object);
    const p = this.param(object);
    if (name === 'T') {
      if (p) p.exactRank ??= 2;
      const t = p ? { dims: this.axes(p, 2).slice(0, 2) } : o;
      return isDims(t) ? { dims: [...t.dims].reverse() } : undefined;
    }
    if (name === 'shape' && p) p.constantReadsOnly = false;
    return undefined;
  }

  private reducedOver(e: IrExpr): void {
    const p = this.param(e);
    if (p) {
      p.reduced = true;
      p.constantReadsOnly = false;
      return;
    }
    if (e.kind === 'binary' && e.op !== '@') {
      this.reducedOver(e.left);
      this.reducedOver(e.right);
    } else if (e.kind === 'unary') this.reducedOver(e.operand);
    else if (e.kind === 'call' && (SHAPE_PRESERVING.has(calleeName(e.callee) ?? '') || ELEMENTWISE2.has(calleeName(e.callee) ?? ''))) e.args.forEach((a) => this.reducedOver(a));
  }

  private compare(operands: readonly IrExpr[]): void {
    operands.forEach((o) => this.expr(o));
    // j == y[i] with j over range(C): y holds labels below C.
    for (const o of operands) {
      const root = this.labelRoot(o);
      if (!root) continue;
      const other = operands.find((x) => x !== o && x.kind === 'name' && this.loopDims.has(x.name));
      if (other && other.kind === 'name') {
        root.label = true;
        root.labelDim = this.loopDims.get(other.name);
      }
    }
  }

  /** `y` or `y[i]` where y is a parameter: the parameter. */
  private labelRoot(e: IrExpr): Facts | undefined {
    if (e.kind === 'index') return this.param(e.object);
    return this.param(e);
  }

  private index(object: IrExpr, index: IrExpr): Abs {
    // X.shape[k]: X has at least k + 1 axes, and this is the size of axis k.
    if (object.kind === 'attribute' && object.name === 'shape') {
      const k = constantInt(index);
      const p = this.param(object.object);
      if (p && k !== undefined && k >= 0) {
        p.constantReadsOnly = false;
        return { size: this.axes(p, k + 1)[k]! };
      }
      const o = this.expr(object.object);
      return isDims(o) && k !== undefined && o.dims[k < 0 ? o.dims.length + k : k] !== undefined ? { size: o.dims[k < 0 ? o.dims.length + k : k]! } : undefined;
    }
    const parts = index.kind === 'tuple' ? index.elements : [index];
    // A[i][j]: the inner read consumed its axes first.
    const base = this.expr(object);
    const p = this.param(object);
    const consumed = parts.filter((x) => x.kind !== 'ellipsis').length;
    let dims: readonly number[] | undefined;
    if (p) {
      dims = this.axes(p, consumed);
      const onlyConstant = parts.length === 1 && constantInt(parts[0]) !== undefined;
      if (!onlyConstant) p.constantReadsOnly = false;
      else p.constantReads = (p.constantReads ?? 0) + 1;
    } else if (isDims(base)) {
      dims = base.dims;
    }
    const result: number[] = [];
    let axis = 0;
    parts.forEach((part, k) => {
      if (part.kind === 'ellipsis') {
        const rest = parts.length - k - 1;
        if (dims) for (; axis < dims.length - rest; axis++) result.push(dims[axis]!);
        return;
      }
      const d = dims?.[axis];
      axis++;
      if (part.kind === 'slice') {
        const lo = constantInt(part.lower);
        const hi = constantInt(part.upper);
        const need = Math.max(lo !== undefined ? (lo >= 0 ? lo + 1 : -lo) : 0, hi !== undefined ? (hi >= 0 ? hi : 1 - hi) : 0) + (lo !== undefined && hi !== undefined && lo >= 0 && hi < 0 ? 1 : 0);
        if (d !== undefined && need > 0) this.dims.atLeast(d, need);
        if (part.lower) this.expr(part.lower);
        if (part.upper) this.expr(part.upper);
        // A slice with bounds makes a dimension of another size.
        result.push(part.lower || part.upper ? this.dims.fresh() : d ?? this.dims.fresh());
        return;
      }
      const c = constantInt(part);
      if (c !== undefined && d !== undefined) this.dims.atLeast(d, c >= 0 ? c + 1 : -c);
      // Used as an index: a parameter (or an element of one) holds labels in this axis.
      const root = this.labelRoot(part);
      if (root && c === undefined) {
        root.label = true;
        if (d !== undefined) root.labelDim = d;
        // p[np.arange(n), y]: y as a whole is an index vector, as long as the other index arrays.
        if (part.kind === 'name' && parts.length > 1) {
          const axes = this.axes(root, 1);
          for (const other of parts) {
            const o = other === part ? undefined : this.expr(other);
            if (isDims(o) && o.dims.length === 1) this.dims.unify(o.dims[0]!, axes[0]!);
          }
        }
      }
      if (part.kind === 'name' && this.loopDims.has(part.name) && d !== undefined) this.dims.unify(d, this.loopDims.get(part.name)!);
      const v = this.expr(part);
      // An index array keeps its own dimensions (fancy indexing).
      if (isDims(v) && v.dims.length > 0) result.push(...v.dims);
    });
    if (dims) for (; axis < dims.length; axis++) result.push(dims[axis]!);
    return dims ? { dims: result } : undefined;
  }

  private elementwise(a: Abs, b: Abs): Abs {
    if (!isDims(a)) return isDims(b) ? b : undefined;
    if (!isDims(b)) return a;
    const [long, short] = a.dims.length >= b.dims.length ? [a.dims, b.dims] : [b.dims, a.dims];
    // Broadcasting from the right; equal ranks tie every axis.
    if (long.length === short.length) short.forEach((d, i) => this.dims.unify(d, long[i]!));
    else if (short.length > 0) short.forEach((d, i) => this.dims.unify(d, long[long.length - short.length + i]!));
    return { dims: long };
  }

  /**
   * An operand of `@` is an array: a parameter at least a vector (a matrix when its name is
   * capitalized and nothing else fixes its rank), `X[i]` makes X one axis more.
   */
  private operand(e: IrExpr, value: Abs): Abs {
    const p = this.param(e);
    if (p) {
      p.matmul = true;
      p.constantReadsOnly = false;
      const rank = p.exactRank ?? Math.max(p.minRank, e.kind === 'name' && /^[A-Z]/.test(e.name) ? 2 : 1);
      return { dims: this.axes(p, rank, false).slice(0, rank) };
    }
    if (e.kind === 'index' && (!isDims(value) || value.dims.length === 0)) {
      const root = this.param(e.object);
      const parts = e.index.kind === 'tuple' ? e.index.elements.length : 1;
      if (root) {
        root.constantReadsOnly = false;
        const axes = this.axes(root, parts + 1);
        return { dims: axes.slice(parts, Math.max(parts + 1, root.exactRank ?? root.minRank)) };
      }
    }
    return value;
  }

  private matmul(left: IrExpr, right: IrExpr, a0: Abs, b0: Abs): Abs {
    const a = this.operand(left, a0);
    const b = this.operand(right, b0);
    const da = isDims(a) ? a.dims : undefined;
    const db = isDims(b) ? b.dims : undefined;
    if (!da || !db || da.length === 0 || db.length === 0) return undefined;
    const inner = db.length >= 2 ? db[db.length - 2]! : db[0]!;
    this.dims.unify(da[da.length - 1]!, inner);
    const out = [...da.slice(0, -1), ...(db.length >= 2 ? [db[db.length - 1]!] : [])];
    return { dims: out };
  }

  private call(e: IrExpr & { kind: 'call' }): Abs {
    const args = e.args.map((a) => this.expr(a));
    e.keywords.forEach((k) => this.expr(k.value));
    // x.dot(W), x.sum(), X.reshape(…)
    if (e.callee.kind === 'attribute') {
      const object = e.callee.object;
      const o = this.expr(object);
      const method = e.callee.name;
      if (method === 'dot' && e.args.length === 1) return this.matmul(object, e.args[0]!, o, args[0]);
      if (['sum', 'mean', 'max', 'min', 'prod'].includes(method)) {
        const p = this.param(object);
        if (p) {
          p.reduced = true;
          p.constantReadsOnly = false;
        }
        return e.args.length === 0 && e.keywords.length === 0 ? undefined : o;
      }
      if (['copy', 'astype', 'flatten', 'ravel'].includes(method)) return method === 'flatten' || method === 'ravel' ? undefined : o;
      return undefined;
    }
    const name = calleeName(e.callee);
    if (!name) return undefined;
    const first = e.args[0];
    const p = first ? this.param(first) : undefined;
    if (name === 'len' && first) {
      if (p) {
        p.constantReadsOnly = false;
        return { size: this.axes(p, 1)[0]! };
      }
      const a = args[0];
      return isDims(a) && a.dims.length > 0 ? { size: a.dims[0]! } : undefined;
    }
    if (name === 'range') {
      if (p && e.args.length === 1) p.count = true;
      return undefined;
    }
    if (MATMUL.has(name) && e.args.length === 2) return this.matmul(e.args[0]!, e.args[1]!, args[0], args[1]);
    if (REDUCTIONS.has(name) && first) {
      // np.sum(x ** 2): every parameter under elementwise operations is reduced over.
      if (!(name === 'max' || name === 'min') || e.args.length === 1) this.reducedOver(first);
      const axis = e.keywords.find((k) => k.name === 'axis');
      const a = args[0];
      const keep = e.keywords.find((k) => k.name === 'keepdims' && k.value.kind === 'bool' && k.value.value);
      if (axis && keep && isDims(a)) return a;
      const c = axis ? constantInt(axis.value) : undefined;
      if (axis && c !== undefined && isDims(a) && a.dims.length > 1) return { dims: a.dims.filter((_, i) => i !== (c < 0 ? a.dims.length + c : c)) };
      return undefined;
    }
    if ((name === 'arange' || name === 'range') && e.args.length === 1) {
      const n = args[0];
      if (n && 'size' in n) return { dims: [n.size] };
    }
    if (name === 'zeros' || name === 'ones' || name === 'empty') {
      // np.zeros(W.shape), np.zeros_like handled above.
      if (first?.kind === 'attribute' && first.name === 'shape') return this.expr(first.object);
      return undefined;
    }
    if (name === 'outer' && args.length === 2) {
      const [a, b] = args;
      return isDims(a) && isDims(b) ? { dims: [...a.dims, ...b.dims] } : undefined;
    }
    if (SHAPE_PRESERVING.has(name)) {
      if (p && name !== 'float') p.constantReadsOnly = p.constantReadsOnly && true;
      return args[0];
    }
    if (ELEMENTWISE2.has(name)) return args.reduce<Abs>((acc, a) => this.elementwise(acc, a), undefined);
    return this.userCall(name, e.args, args);
  }

  /** A call to a function of the file: its parameters' facts flow to the arguments that are ours. */
  private userCall(name: string, argExprs: readonly IrExpr[], args: readonly Abs[]): Abs {
    const callee = this.inference.callee(name);
    if (!callee) return undefined;
    const params = callee.fn.params.filter((p) => p.name !== 'self');
    argExprs.forEach((arg, i) => {
      const theirs = params[i] && callee.facts.get(params[i]!.name);
      if (!theirs) return;
      const mine = this.param(arg);
      if (mine) {
        mine.minRank = Math.max(mine.minRank, theirs.minRank);
        if (theirs.exactRank !== undefined) mine.exactRank ??= theirs.exactRank;
        mine.matmul ||= theirs.matmul;
        mine.reduced ||= theirs.reduced;
        mine.label ||= theirs.label;
        mine.count ||= theirs.count;
        if (!theirs.constantReadsOnly) mine.constantReadsOnly = false;
      }
      const a = args[i];
      if (isDims(a)) {
        const axes = theirs.axes;
        a.dims.forEach((d, k) => axes[k] !== undefined && this.dims.unify(d, axes[k]!));
      } else if (mine && theirs.axes.length > 0) {
        const axes = this.axes(mine, theirs.axes.length);
        theirs.axes.forEach((d, k) => this.dims.unify(d, axes[k]!));
      }
    });
    return this.inference.returnOf(callee.fn);
  }
}

/** Whether a body computes anything: an arithmetic operator or a library call. */
export function doesArithmetic(stmts: readonly IrStmt[]): boolean {
  let found = false;
  const expr = (e: IrExpr | undefined): void => {
    if (!e || found) return;
    switch (e.kind) {
      case 'binary':
        found = true;
        return;
      case 'call':
        if (e.callee.kind === 'intrinsic' || e.callee.kind === 'name') found = true;
        e.args.forEach(expr);
        return;
      case 'unary':
        if (e.op === '-') found = true;
        expr(e.operand);
        return;
      default:
        return;
    }
  };
  const visit = (ss: readonly IrStmt[]): void => {
    for (const s of ss) {
      if (found) return;
      if (s.kind === 'assign' || s.kind === 'expr' || s.kind === 'return') expr(s.value);
      else if (s.kind === 'augAssign') found = true;
      else if (s.kind === 'if' || s.kind === 'while') {
        expr(s.test);
        visit(s.kind === 'if' ? [...s.then, ...s.else] : s.body);
      } else if (s.kind === 'for') visit(s.body);
    }
  };
  visit(stmts);
  return found;
}
