import type { IrExpr } from '../../ir/nodes';
import { SCALAR_PRIMITIVES } from '../../engine/primitives/scalar';
import { adoptFacts, calleeName, constantInt, isDims, isItems, mergeProperties, type Abs, type Facts } from './facts';
import type { Reader } from './reader';
import { returnsShapeOf } from './shapeOfOne';
import { countedBound, fromSizes, inserted, JOINING, joined, repeated } from './stacking';

const MATMUL = new Set(['matmul', 'dot', 'inner', 'safe_sparse_dot']);
const REDUCTIONS = new Set(['reduce_sum', 'sum', 'mean', 'prod', 'reduce_max', 'reduce_min', 'max', 'min', 'norm', 'argmax', 'argmin', 'squared_norm']);
const SHAPE_PRESERVING = new Set([
  'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'cbrt', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh',
  'arcsinh', 'arccosh', 'arctanh', 'abs', 'sign', 'floor', 'ceil', 'trunc', 'erf', 'square', 'reciprocal', 'negative', 'exp2', 'erfc', 'sigmoid',
  'softplus', 'relu', 'copy', 'clip', 'zeros_like', 'ones_like', 'empty_like', 'full_like', 'array', 'asarray', 'float',
  'log_logistic', 'extmath_softmax',
]);
// Binary ufuncs (numpy's and scipy.special's): their operands broadcast together.
const ELEMENTWISE2 = new Set(['maximum', 'minimum', 'fmax', 'fmin', 'arctan2', 'hypot', 'fmod', 'mod', 'remainder', 'copysign', 'logaddexp', 'logaddexp2', 'add', 'subtract', 'multiply', 'divide', 'true_divide', 'floor_divide', 'power', 'float_power', 'pow', 'where', 'xlogy', 'xlog1py', 'rel_entr', 'kl_div', 'huber', 'pseudo_huber']);
/** Methods only an array has (the engine refuses them on a number): the receiver is at least a vector. */
const ARRAY_METHODS = new Set(['copy', 'reshape', 'astype', 'flatten', 'ravel', 'fill', 'transpose', 'squeeze']);

/**
 * An operand of `@` is an array: a parameter at least a vector (a matrix when its name is
 * capitalized and nothing else fixes its rank), `X[i]` makes X one axis more.
 */
function operand(r: Reader, e: IrExpr, value: Abs, side: 'left' | 'right'): Abs {
  const p = r.param(e);
  if (p) {
    p.matmul = true;
    p.matmulSide ??= side;
    p.constantReadsOnly = false;
    const rank = p.exactRank ?? Math.max(p.minRank, /^[A-Z]/.test(r.nameOf(e) ?? '') ? 2 : 1);
    return { dims: r.axes(p, rank, false).slice(0, rank) };
  }
  if (e.kind === 'index' && (!isDims(value) || value.dims.length === 0)) {
    const root = r.param(e.object);
    const parts = e.index.kind === 'tuple' ? e.index.elements.length : 1;
    if (root) {
      root.constantReadsOnly = false;
      const axes = r.axes(root, parts + 1);
      return { dims: axes.slice(parts, Math.max(parts + 1, root.exactRank ?? root.minRank)) };
    }
  }
  return value;
}

/** `A @ B`, `np.dot(A, B)`, `A.dot(B)`: the inner dimensions are one. */
export function readMatmul(r: Reader, left: IrExpr, right: IrExpr, a0: Abs, b0: Abs): Abs {
  const a = operand(r, left, a0, 'left');
  const b = operand(r, right, b0, 'right');
  const da = isDims(a) ? a.dims : undefined;
  const db = isDims(b) ? b.dims : undefined;
  if (!da || !db || da.length === 0 || db.length === 0) return undefined;
  const inner = db.length >= 2 ? db[db.length - 2]! : db[0]!;
  r.dims.unify(da[da.length - 1]!, inner);
  const out = [...da.slice(0, -1), ...(db.length >= 2 ? [db[db.length - 1]!] : [])];
  // `np.dot(stacked, W)` with W's rank a guess (a vector): the product has an axis more for each W has more.
  const w = r.param(right);
  const guessed = w && w.exactRank === undefined && !w.rankSeen && db.length === 1 && da.length >= 2;
  return guessed ? { dims: out, tied: { param: w, depth: 2 - da.length, guessed: true } } : { dims: out };
}

/**
 * np.sum(x ** 2): every parameter under elementwise operations is reduced over; those whose rank
 * nothing says (`np.sum(w * t)`) share one first axis, so that as vectors they have one length.
 */
function reducedOver(r: Reader, e: IrExpr, together: Facts[] = []): void {
  const p = r.param(e);
  if (p) {
    p.reduced = true;
    p.constantReadsOnly = false;
    if (p.axes.length === 0) together.push(p);
    return;
  }
  if (e.kind === 'binary' && e.op !== '@') {
    reducedOver(r, e.left, together);
    reducedOver(r, e.right, together);
  } else if (e.kind === 'unary') reducedOver(r, e.operand, together);
  else if (e.kind === 'call' && (SHAPE_PRESERVING.has(calleeName(e.callee) ?? '') || ELEMENTWISE2.has(calleeName(e.callee) ?? ''))) e.args.forEach((a) => reducedOver(r, a, together));
}

function reducedTogether(r: Reader, e: IrExpr): void {
  const together: Facts[] = [];
  reducedOver(r, e, together);
  if (together.length < 2) return;
  const axis = r.dims.fresh();
  for (const p of together) p.axes.push(axis);
}

/** `x.dot(W)`, `x.sum()`, `z.copy()`. */
function methodCall(r: Reader, e: IrExpr & { kind: 'call' }, object: IrExpr, method: string, args: readonly Abs[]): Abs {
  // self.fn(z), self.elu.fn(z): a method of the file, read as a call of it.
  const target = r.callees.methodTarget(r.owner, object, method);
  if (target !== undefined) return userCall(r, target, e.args, args);
  const p = r.param(object);
  if (p && ARRAY_METHODS.has(method)) r.arrayOnly(p, `its .${method}()`);
  // `Object.keys(prices)` (a dict's `.keys()`): a record of numbers, `prices[k]` a read of one of its keys.
  if (p && e.args.length === 0 && (method === 'keys' || method === 'values' || method === 'items')) p.keysListed = true;
  // `ln_param.get("eps", 1e-5)`: a dict whose entry is optional — left out of a sample, so the code's default holds.
  if (p && method === 'get' && e.args.length === 2 && e.args[0]!.kind === 'string') p.entries ??= new Map();
  // `rng.randn(n_in, n_out)` of a generator (`rng = np.random.RandomState(0)`): sizes as np.random's are.
  const drawn = Object.hasOwn(GENERATOR_METHODS, method) ? sizesOf(r, e, GENERATOR_METHODS[method]!) : undefined;
  if (drawn) return drawn;
  const o = r.expr(object);
  if (method === 'dot' && e.args.length === 1) return readMatmul(r, object, e.args[0]!, o, args[0]);
  if (['sum', 'mean', 'max', 'min', 'prod', 'std', 'var'].includes(method)) {
    if (p) {
      p.reduced = true;
      p.constantReadsOnly = false;
      // `((y_true - y_pred) ** 2).mean()` (scikit-learn's squared_loss): a Python float has no such
      // method, so the parameters under the elementwise operations are reduced over, as in np.mean(…).
    } else reducedTogether(r, object);
    // Its first argument is an axis only on an array: `Math.max(x, y)` of a workspace module
    // imported as Math (planck's) takes numbers, and x is no axis setting.
    return alongAxis(r, p, e, p || isDims(o) ? e.args[0] : undefined, o);
  }
  if (method === 'copy' || method === 'astype') return o;
  if (method === 'ravel' || method === 'flatten') return flattened(r, o);
  if (method === 'reshape') return (p && rowsFlattened(r, p, object, e.args)) ?? reshaped(r, o, e.args);
  return undefined;
}

/**
 * `x.reshape(x.shape[0], -1)` (CS231n's affine layer: each example's axes made one): x has at least
 * two axes, and the result is its first by the product of the others.
 */
function rowsFlattened(r: Reader, p: Facts, object: IrExpr, args: readonly IrExpr[]): Abs {
  const parts = args.length === 1 && args[0]!.kind === 'tuple' ? args[0]!.elements : args;
  const [first, second] = parts;
  if (parts.length !== 2 || constantInt(second!) !== -1 || first!.kind !== 'index' || constantInt(first.index) !== 0) return undefined;
  if (first.object.kind !== 'attribute' || first.object.name !== 'shape' || r.param(first.object.object) !== p || object.kind !== 'name') return undefined;
  const axes = r.axes(p, Math.max(2, p.minRank));
  return { dims: [axes[0]!, axes.length === 2 ? axes[1]! : r.dims.product(axes.slice(1))] };
}

/** `x.ravel()`, `x.reshape(-1)`: one axis, as long as x's axes together. */
function flattened(r: Reader, o: Abs): Abs {
  return isDims(o) ? { dims: [r.dims.product(o.dims)] } : undefined;
}

/**
 * `w.reshape(-1, 1)`, `x.reshape(n, 1)`, `np.reshape(x, (-1,))`: the axes asked for, a constant
 * one exactly that size, a size of the code (`n = X.shape[0]`) that size, and -1 the rest when the
 * others are all 1 (else a size of its own).
 */
function reshaped(r: Reader, o: Abs, args: readonly IrExpr[]): Abs {
  const parts = args.length === 1 && args[0]!.kind === 'tuple' ? args[0]!.elements : args;
  if (parts.length === 0) return undefined;
  const constants = parts.map(constantInt);
  const dims = parts.map((p, k): number | undefined => {
    const c = constants[k];
    if (c !== undefined && c > 0) {
      const d = r.dims.fresh();
      r.dims.setExact(d, c);
      return d;
    }
    if (c === -1) return undefined;
    countedBound(r, p);
    const v = r.expr(p);
    return v && 'size' in v ? v.size : r.dims.fresh();
  });
  const rest = constants.every((c) => c === -1 || c === 1) && isDims(o) ? r.dims.product(o.dims) : r.dims.fresh();
  return { dims: dims.map((d) => d ?? rest) };
}

/** A reduction's result: a number, or the array less the reduced axis (`axis=k`), or kept (`keepdims=True`). */
function reduction(r: Reader, e: IrExpr & { kind: 'call' }, name: string, a: Abs): Abs {
  const first = e.args[0]!;
  if (!(name === 'max' || name === 'min') || e.args.length === 1) reducedTogether(r, first);
  return alongAxis(r, r.param(first), e, name === 'max' || name === 'min' ? undefined : e.args[1], a);
}

/**
 * `np.sum(X, axis=0)`, `X.mean(axis=0, keepdims=True)`: the array less the reduced axis, or kept
 * (`keepdims=True`); undefined (a number) without an axis. A parameter reduced along an axis has it
 * (`axis=1`: at least 2 axes), and along axis 0 is taken as a matrix if nothing else fixes its rank:
 * along axis 0 of a vector is over all of it, which is not what such code is written for.
 */
function alongAxis(r: Reader, p: Facts | undefined, e: IrExpr & { kind: 'call' }, positional: IrExpr | undefined, a: Abs): Abs {
  const axis = e.keywords.find((k) => k.name === 'axis')?.value ?? positional;
  if (!axis) return undefined;
  axisSetting(r, axis);
  const c = constantInt(axis);
  if (p && c !== undefined) {
    r.axes(p, c >= 0 ? c + 1 : -c);
    // axis=-1 is written for a vector and a batch of them alike (softmax); axis=0 of a vector is all of it.
    if (c === 0) r.axes(p, 2, false);
  } else if (c !== undefined && c !== 0) {
    // `np.sum(y * np.log(p) + (1 - y) * np.log(1 - p), axis=1)`: what is reduced is made of y and p
    // elementwise, so they have that axis too.
    // Each as many axes as the reduction needs, the trailing ones shared (broadcasting from the right).
    const axes = elementwiseParameters(r, e.callee.kind === 'attribute' && e.args.length === 0 ? e.callee.object : e.args[0]!).map((q) => r.axes(q, c > 0 ? c + 1 : -c));
    const rank = c > 0 ? c + 1 : -c;
    for (const other of axes.slice(1)) for (let i = 1; i <= rank; i++) r.dims.unify(axes[0]!.at(-i)!, other.at(-i)!);
  }
  const keep = e.keywords.find((k) => k.name === 'keepdims' && k.value.kind === 'bool' && k.value.value);
  const o = p ? r.expr(e.callee.kind === 'attribute' ? e.callee.object : e.args[0]!) : a;
  if (keep && isDims(o)) return o;
  if (c !== undefined && isDims(o) && o.dims.length > 1) return { dims: o.dims.filter((_, i) => i !== (c < 0 ? o.dims.length + c : c)) };
  return undefined;
}

/** A parameter given as an axis (`axis=axis`, `axis=(0, ax)`): a whole number the code passes on, held as a setting. */
function axisSetting(r: Reader, axis: IrExpr): void {
  for (const part of axis.kind === 'tuple' ? axis.elements : [axis]) {
    const p = r.param(part);
    if (p && p.minRank === 0 && !p.label) p.axisSetting = true;
  }
}

/**
 * The parameters `e` is made of elementwise: through arithmetic (not `@`), negation, numpy's
 * spellings of the scalar primitives (`np.log(p)`; not math's, which take numbers only) and
 * scipy.stats' univariate densities.
 */
function elementwiseParameters(r: Reader, e: IrExpr, out: Facts[] = []): Facts[] {
  const p = r.param(e);
  if (p) out.push(p);
  else if (e.kind === 'binary' && ELEMENTWISE_OPS.has(e.op)) [e.left, e.right].forEach((x) => elementwiseParameters(r, x, out));
  else if (e.kind === 'unary' && (e.op === '-' || e.op === '+')) elementwiseParameters(r, e.operand, out);
  else if (e.kind === 'call' && e.callee.kind === 'intrinsic' && !e.callee.raises) {
    const name = e.callee.name;
    const primitive = SCALAR_PRIMITIVES.find((q) => q.name === name);
    if (primitive || DENSITY.test(name)) e.args.slice(primitive?.integerOrderFirst ? 1 : 0).forEach((x) => elementwiseParameters(r, x, out));
  }
  return out;
}

const ELEMENTWISE_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '**']);
/** scipy.stats' univariate densities and distribution functions, which broadcast over x and their parameters. */
const DENSITY = /^(norm|t|cauchy|expon|gamma|chi2|beta)_(pdf|logpdf|cdf|logcdf|sf|logsf|ppf|isf)$/;

/** JavaScript's array methods with a callback, by where the callback takes the element and its index. */
const CALLBACK_POSITIONS: Readonly<Record<string, readonly [number, number]>> = {
  seq_map: [0, 1], seq_filter: [0, 1], seq_for_each: [0, 1], seq_some: [0, 1], seq_every: [0, 1], seq_find: [0, 1],
  seq_find_index: [0, 1], seq_find_last: [0, 1], seq_find_last_index: [0, 1], seq_flat_map: [0, 1],
  seq_reduce: [1, 2], seq_reduce_right: [1, 2],
};

/**
 * `xs.map((v, i) => …)`: the callback's element is a row of xs (`points.map((p) => p[0])` makes
 * points a matrix) and its index runs along xs's first axis (`a.reduce((s, v, i) => s + v * b[i], 0)`
 * makes b as long as a).
 */
function readCallback(r: Reader, name: string, receiver: IrExpr, fn: IrExpr & { kind: 'lambda' | 'function' }): void {
  const [at, indexAt] = CALLBACK_POSITIONS[name]!;
  const params = (fn.kind === 'lambda' ? fn.params : fn.fn.params).map((p) => p.name);
  const direct = r.param(receiver);
  // `obs.filter(…).reduce((s, { t, y }) => …)`: the elements are still obs's, though no longer along its axis.
  const p = direct ?? r.param(sameElements(receiver));
  if (!direct && p) {
    const element = params[at] !== undefined ? { name: params[at]!, row: { param: p, depth: 1 } } : undefined;
    const read = fn.kind === 'lambda' ? () => void r.expr(fn.body) : () => r.statements(fn.fn.body);
    return r.callback(params, read, element);
  }
  const dim = p ? r.axes(p, 1)[0] : undefined;
  const element = p && params[at] !== undefined ? { name: params[at]!, row: { param: p, depth: 1 } } : undefined;
  const index = dim !== undefined && params[indexAt] !== undefined ? { name: params[indexAt]!, dim } : undefined;
  const body = fn.kind === 'lambda' ? () => void r.expr(fn.body) : () => r.statements(fn.fn.body);
  // `keyOrder.split('').filter((k) => …)`: the element is a one-character string, a property name.
  const text = isSplit(sameElements(receiver)) ? params[at] : undefined;
  const read = text === undefined ? body : () => (r.characters.add(text), body());
  r.callback(params, read, element, index);
}

/** `s.split(sep)`: an array of strings. */
const isSplit = (e: IrExpr): boolean => e.kind === 'call' && e.callee.kind === 'attribute' && e.callee.name === 'split' && e.args.length <= 1;

/** Array methods whose result holds elements of their array (a filter, a sorted copy, a slice). */
const SAME_ELEMENTS = new Set(['seq_filter', 'seq_slice', 'seq_sort', 'seq_reverse']);

/** `xs.filter(…).slice(1)`: xs, whose elements the result holds; else e itself. */
function sameElements(e: IrExpr): IrExpr {
  return e.kind === 'call' && e.args[0] && SAME_ELEMENTS.has(calleeName(e.callee) ?? '') ? sameElements(e.args[0]) : e;
}

export function readCall(r: Reader, e: IrExpr & { kind: 'call' }): Abs {
  const method = calleeName(e.callee);
  const withCallback = method !== undefined && Object.hasOwn(CALLBACK_POSITIONS, method) && e.args.length >= 2;
  const args = e.args.map((a, i): Abs => {
    if (!withCallback || i !== 1 || (a.kind !== 'lambda' && a.kind !== 'function')) return r.expr(a);
    readCallback(r, method, e.args[0]!, a);
    return undefined;
  });
  e.keywords.forEach((k) => r.expr(k.value));
  for (const k of e.keywords) if (k.name === 'axis') axisSetting(r, k.value);
  // `logsumexp(scores, axis=1)` of scores whose rank follows a parameter's guess: it has that axis.
  const axis = constantInt(e.keywords.find((k) => k.name === 'axis')?.value);
  const along = args[0];
  if (axis !== undefined && axis >= 0 && isDims(along) && along.tied && along.dims.length <= axis) r.axes(along.tied.param, along.tied.depth + axis + 1);
  // A parameter handed to the file's own `logsumexp(x, axis=1, keepdims=True)`: it has that axis.
  const handed = axis !== undefined && axis > 0 && e.callee.kind === 'name' && e.args[0] ? r.param(e.args[0]) : undefined;
  if (handed) r.axes(handed, axis! + 1);
  if (e.callee.kind === 'attribute') return methodCall(r, e, e.callee.object, e.callee.name, args);
  const name = calleeName(e.callee);
  if (!name) return undefined;
  const lambda = e.callee.kind === 'name' ? r.localLambda(name) : undefined;
  if (lambda) {
    r.callLambda(lambda, e.args);
    return undefined;
  }
  // scipy.spatial.distance's cdist (its own parameter names, as GradLens reads it: librarySources.ts).
  const pairwise = name === 'cdist' && e.args.length >= 2 && (r.callees.callee(name, r.caller)?.fn.params[0]?.name ?? 'XA') === 'XA';
  if (pairwise) return pairwiseDistances(r, e.args[0]!, e.args[1]!);
  // A function of the user's named like a library one (simple-statistics' own `mean`, `sum`) is theirs.
  if (e.callee.kind === 'name' && r.callees.callee(name, r.caller)) {
    const callee = r.callees.callee(name, r.caller)!;
    // `sigmoid(h @ W)` with sigmoid written for numbers and arrays alike: read with the array, the
    // result has its shape (the callee's own reading sees a number).
    const params = callee.fn.params.filter((p) => p.name !== 'self');
    const elementwise = args.some((a, i) => isDims(a) && a.dims.length > 0 && params[i] !== undefined && callee.facts.get(params[i]!.name)?.minRank === 0 && !r.param(e.args[i]!));
    // What the callee's own reading says of its parameters holds for the arguments all the same
    // (its calls reach functions this caller cannot name: a factory's siblings).
    const own = elementwise ? userCall(r, name, e.args, args) : undefined;
    const inlined = r.inlineCall(callee.fn, e.args, args, elementwise);
    return inlined ? (inlined.value ?? own) : elementwise ? own : userCall(r, name, e.args, args);
  }
  // An instance taken from a list of them (`for n in self.neurons: n(x)`) calls its class's __call__.
  const element = e.callee.kind === 'name' ? r.elementCallees.get(name) : undefined;
  if (element && r.callees.callee(element, r.caller)) return userCall(r, element, e.args, args);
  const first = e.args[0];
  const p = first ? r.param(first) : undefined;
  // `xs.map(f)`, `xs.reduce(…)`, `xs.forEach(…)`: JavaScript's array methods (the engine refuses them on a number).
  if (p && name.startsWith('seq_') && name !== 'seq_empty' && name !== 'seq_from_length') r.arrayOnly(p, `its .${name.slice(4)}()`);
  if (name === 'pow' && e.args[1]) r.exponent(e.args[1]);
  // `this.set(a)` of a typed array (gl-matrix v4's `copy(a)`): a's entries are copied, so a is an array.
  const copied = name === 'typed_set' && e.args[1] ? r.param(e.args[1]) : undefined;
  if (copied) r.arrayOnly(copied, 'a typed array copies its entries (.set)');
  // np.random.seed(dropout_param['seed']): a seed is a whole number.
  if ((name === 'random_seed' || name === 'py_seed') && first) for (const counted of r.integersIn(first)) counted.count = true;
  // Number.isInteger(n); JavaScript's `n % 1`, `n % 2` (the primitive fmod).
  if (first && name === 'is_integer') r.integerTest(first);
  if (first && name === 'fmod' && e.args[1]?.kind === 'number' && (e.args[1].value === 1 || e.args[1].value === 2)) r.integerTest(first);
  if ((name === 'len' || name === 'length_of') && first) {
    if (p) {
      p.constantReadsOnly = false;
      return { size: r.axes(p, 1)[0]! };
    }
    const a = args[0];
    return isDims(a) && a.dims.length > 0 ? { size: a.dims[0]! } : undefined;
  }
  if (name === 'range') {
    // range(n), range(1, n + 1), range(H_out) of `H_out = 1 + (H - ph) // stride`: n, ph and stride are counts.
    for (const a of e.args) for (const counted of r.integersIn(a)) counted.count = true;
    // As an index (`p[range(n), y]`) it is a vector of n entries, as np.arange(n) is.
    const n = e.args.length === 1 ? args[0] : undefined;
    return n && 'size' in n ? { dims: [n.size] } : undefined;
  }
  // np.pad(x, ((1, 1), (2, 2))): one (before, after) pair per axis of x.
  const widths = name === 'pad' ? e.args[1] : undefined;
  if (p && widths && (widths.kind === 'tuple' || widths.kind === 'list') && widths.elements.length > 1 && widths.elements.every((w) => w.kind === 'tuple' || w.kind === 'list')) {
    p.exactRank ??= widths.elements.length;
    r.arrayOnly(p, 'np.pad gives it a (before, after) pair per axis');
    return { dims: widths.elements.map(() => r.dims.fresh()) };
  }
  const sized = sizesOf(r, e, name);
  if (sized) return sized;
  if (ITERATING.has(name)) iterated(r, name, e.args);
  if (MATMUL.has(name) && e.args.length === 2) return readMatmul(r, e.args[0]!, e.args[1]!, args[0], args[1]);
  if (REDUCTIONS.has(name) && first) return reduction(r, e, name, args[0]);
  if (name === 'arange' && e.args.length === 1) {
    const n = args[0];
    if (n && 'size' in n) return { dims: [n.size] };
  }
  // np.zeros(W.shape); np.zeros_like is shape-preserving below.
  if (name === 'zeros' || name === 'ones' || name === 'empty') return first?.kind === 'attribute' && first.name === 'shape' ? r.expr(first.object) : first && e.args.length === 1 ? fromSizes(r, first) : undefined;
  if (JOINING.has(name) && first) return joined(r, name, e, args[0]);
  if (name === 'repeat') return repeated(r, e, args[0]);
  if (name === 'insert') return inserted(r, e);
  if (name === 'outer' && args.length === 2) {
    const [a, b] = args;
    return isDims(a) && isDims(b) ? { dims: [...a.dims, ...b.dims] } : undefined;
  }
  if ((name === 'row_norms' || name === 'axis0_safe_slice') && first) return rowsOf(r, name, first, args[0]);
  if (name === 'ravel') return flattened(r, args[0]);
  if (name === 'reshape' && e.args.length >= 2) return reshaped(r, args[0], e.args.slice(1));
  // np.eye(k): k × k, so `np.eye(k)[y]` one-hot encodes labels below k.
  if ((name === 'eye' || name === 'identity') && e.args.length === 1 && first) {
    const k = args[0];
    if (k && 'size' in k) return { dims: [k.size, k.size] };
  }
  if (Object.hasOwn(SQUARE_MATRIX, name) && first) return squareMatrix(r, name, e.args, args);
  if (SHAPE_PRESERVING.has(name)) return args[0];
  if (ELEMENTWISE2.has(name)) return args.reduce<Abs>((acc, a) => r.elementwise(acc, a), undefined);
  return userCall(r, name, e.args, args);
}

/**
 * scipy.spatial.distance's `cdist(XA, XB)` (GradLens reads it as Python, librarySources.ts): both
 * are matrices of rows with one feature axis, the data the first parameter each argument is made
 * of (`cdist(x1 / length, x2 / length)` makes x1 and x2 so; length stays a number), the result
 * rows of XA by rows of XB.
 */
function pairwiseDistances(r: Reader, a: IrExpr, b: IrExpr): Abs {
  const [mine, theirs] = [a, b].map((x) => {
    const p = elementwiseParameters(r, x)[0];
    if (!p) return undefined;
    p.exactRank ??= 2;
    p.constantReadsOnly = false;
    return r.axes(p, 2);
  });
  if (!mine || !theirs) return undefined;
  r.dims.unify(mine[mine.length - 1]!, theirs[theirs.length - 1]!);
  return { dims: [mine[0]!, theirs[0]!] };
}

/**
 * Linear algebra of a square matrix, by what it returns: the matrix's shape (a factor, an inverse),
 * the right-hand side's (a solve), a pair of the factor and a flag (cho_factor), or a number.
 */
const SQUARE_MATRIX: Readonly<Record<string, 'matrix' | 'solved' | 'factor pair' | 'number'>> = {
  cholesky: 'matrix', scipy_cholesky: 'matrix', inv: 'matrix', sqrtm: 'matrix', matrix_power: 'matrix', expm: 'matrix',
  cho_factor: 'factor pair', solve: 'solved', solve_triangular: 'solved', cho_solve: 'solved', det: 'number',
};

/** Those that factor their matrix by Cholesky: it must be positive definite. */
const FACTORED = new Set(['cholesky', 'scipy_cholesky', 'cho_factor']);

/**
 * `cho_factor(K + regul * np.eye(K.shape[0]))`, `np.linalg.solve(A, b)`: the matrix is square, and a
 * parameter added into it (`K + …`, `-A`) is that matrix, not a vector broadcast against it.
 */
function squareMatrix(r: Reader, name: string, exprs: readonly IrExpr[], args: readonly Abs[]): Abs {
  const first = exprs[0]!;
  // cho_solve((c, lower), b): the factor is the pair's first part.
  const a = name === 'cho_solve' ? (isItems(args[0]) ? args[0].items[0] : undefined) : args[0];
  const summed: Facts[] = [];
  const visit = (e: IrExpr): void => {
    const p = r.param(e);
    if (p) summed.push(p);
    else if (e.kind === 'binary' && (e.op === '+' || e.op === '-')) [e.left, e.right].forEach(visit);
    else if (e.kind === 'unary' && e.op === '-') visit(e.operand);
    // expm(F * dt), expm(dt * A): the matrix is the capitalized operand (the left one else), scaled.
    else if (name === 'expm' && e.kind === 'binary' && (e.op === '*' || e.op === '/')) visit(e.op === '*' && /^[A-Z]/.test(r.nameOf(e.right) ?? '') && !/^[A-Z]/.test(r.nameOf(e.left) ?? '') ? e.right : e.left);
  };
  if (name !== 'cho_solve') visit(first);
  let side = isDims(a) && a.dims.length === 2 ? a.dims[0]! : undefined;
  for (const p of summed) {
    p.constantReadsOnly = false;
    if (FACTORED.has(name)) p.definite = true;
    const axes = r.axes(p, 2);
    side ??= axes[0]!;
    r.dims.unify(axes[0]!, side);
    r.dims.unify(axes[1]!, side);
  }
  if (isDims(a) && a.dims.length === 2) r.dims.unify(a.dims[0]!, a.dims[1]!);
  const kind = SQUARE_MATRIX[name]!;
  if (side === undefined || kind === 'number') return undefined;
  if (kind === 'solved') {
    // A parameter solved for is at least a vector as long as the matrix's side.
    const given = exprs[1] ? r.param(exprs[1]) : undefined;
    if (given) {
      given.constantReadsOnly = false;
      r.dims.unify(r.axes(given, 1)[0]!, side);
    }
    const rhs = given ? r.expr(exprs[1]!) : args[1];
    if (isDims(rhs) && rhs.dims.length > 0) r.dims.unify(rhs.dims[0]!, side);
    return rhs;
  }
  const matrix = { dims: [side, side] };
  return kind === 'factor pair' ? { items: [matrix, undefined] } : matrix;
}

/**
 * scikit-learn's `row_norms(X)` (one number per row) and `axis0_safe_slice(X, mask, n)` (some of X's
 * rows, how many the mask says): X is a matrix.
 */
function rowsOf(r: Reader, name: string, first: IrExpr, a: Abs): Abs {
  const p = r.param(first);
  const dims = p ? r.axes(p, 2).slice(0, 2) : isDims(a) && a.dims.length === 2 ? a.dims : undefined;
  if (p) p.constantReadsOnly = false;
  if (!dims) return undefined;
  return name === 'row_norms' ? { dims: [dims[0]!] } : { dims: [r.dims.fresh(), dims[1]!] };
}

/** Builtins that iterate an argument (`map` and `filter` their second on). */
const ITERATING: ReadonlySet<string> = new Set(['zip', 'enumerate', 'sorted', 'reversed', 'list', 'tuple', 'map', 'filter']);

/**
 * `zip(spots, strikes)`, `enumerate(xs)`, `sorted(xs)`: a parameter they iterate is a sequence, as one
 * a `for` loop iterates is; zip's are read in step, so they share one length.
 */
function iterated(r: Reader, name: string, args: readonly IrExpr[]): void {
  const sequences = name === 'map' || name === 'filter' ? args.slice(1) : name === 'zip' ? args : args.slice(0, 1);
  let length: number | undefined;
  for (const a of sequences) {
    const p = r.param(a);
    if (!p) continue;
    p.constantReadsOnly = false;
    const axis = r.axes(p, 1)[0]!;
    if (length === undefined) length = axis;
    else if (name === 'zip') r.dims.unify(length, axis);
  }
}

/**
 * A call to a function of the file: its parameters' facts flow to the arguments that are ours. The
 * callee's dimensions are instantiated afresh at each call (its sizes and the ties between its
 * parameters and its return copied), so a helper called with a 2-vector here and a 3-vector there
 * ties neither caller's array to the other's.
 */
function userCall(r: Reader, name: string, argExprs: readonly IrExpr[], args: readonly Abs[]): Abs {
  const callee = r.callees.callee(name, r.caller);
  if (!callee) return undefined;
  const params = callee.fn.params.filter((p) => p.name !== 'self');
  const fresh = new Map<number, number>();
  const here = (d: number): number => {
    const root = r.dims.find(d);
    let mine = fresh.get(root);
    if (mine === undefined) {
      fresh.set(root, (mine = r.dims.copy(root)));
      r.dims.copyRelation(root, mine, here);
    }
    return mine;
  };
  argExprs.forEach((arg, i) => {
    const theirs = params[i] && callee.facts.get(params[i]!.name);
    if (!theirs) return;
    const mine = r.param(arg);
    if (mine) adoptFacts(mine, theirs);
    // The parts of a list of pairs passed on (`neural_net_predict(params, X)`) have the callee's shapes.
    if (mine?.elements && theirs.elements && mine.elements !== theirs.elements && mine.elements.length === theirs.elements.length) {
      theirs.elements.forEach((t, k) => {
        const axes = r.axes(mine.elements![k]!, t.axes.length, false);
        t.axes.forEach((d, j) => r.dims.unify(here(d), axes[j]!));
      });
    }
    // A dict of weights passed on (`scores(params, X)`): its entries have the callee's shapes.
    if (mine?.entries && theirs.entries && mine.entries !== theirs.entries) unifyEntries(r, mine, theirs, here);
    // `getDistance(start.position, …)`: what the callee reads on its object is read on start.position.
    const properties = mine || !theirs.properties ? undefined : r.propertiesAt(arg);
    if (properties) mergeProperties(properties, theirs.properties!);
    const a = args[i];
    const row = mine ? undefined : rowOf(r, arg);
    if (row && theirs.axes.length > 0) {
      // dot(A[i], x) with dot's a a vector: A[i] is one, so A has that axis after the ones indexed.
      const axes = r.axes(row.param, row.depth + theirs.axes.length);
      theirs.axes.forEach((d, k) => r.dims.unify(here(d), axes[row.depth + k]!));
    } else if (isDims(a)) {
      const axes = theirs.axes;
      // A matrix handed to a parameter the callee only guessed a vector (an operand of its `np.dot`):
      // the product contracts the matrix's last axis, so the callee's axes are its trailing ones.
      const shift = theirs.matmul && !theirs.rankSeen && a.dims.length > axes.length ? a.dims.length - axes.length : 0;
      a.dims.forEach((d, k) => axes[k - shift] !== undefined && r.dims.unify(d, here(axes[k - shift]!)));
    } else if (mine && theirs.axes.length > 0) {
      // A rank the callee only guessed (an operand of its `@`) is a guess here too.
      const axes = r.axes(mine, theirs.axes.length, theirs.rankSeen === true);
      theirs.axes.forEach((d, k) => r.dims.unify(here(d), axes[k]!));
    }
  });
  const instantiate = (a: Abs): Abs => (isDims(a) ? { dims: a.dims.map(here) } : isItems(a) ? { items: a.items.map(instantiate) } : a && 'size' in a ? { size: here(a.size) } : a);
  const returned = instantiate(r.callees.returnOf(callee.fn));
  if (returned !== undefined && !(isDims(returned) && returned.dims.length === 0)) return returned;
  // `pi = softmax(theta)` where softmax's own reading left its rank open: the argument's shape.
  const k = returnsShapeOf(callee.fn, argExprs.length);
  return k !== undefined && argExprs[k] ? (r.expr(argExprs[k]!) ?? returned) : returned;
}

/** `A[i]`, `A[i][j]` of a parameter A with single (non-slice) indices: A and how many axes are indexed. */
function rowOf(r: Reader, e: IrExpr): { param: Facts; depth: number } | undefined {
  let depth = 0;
  let at = e;
  while (at.kind === 'index' && at.index.kind !== 'slice' && at.index.kind !== 'tuple' && at.index.kind !== 'compare' && at.index.kind !== 'string') {
    depth++;
    at = at.object;
  }
  const param = depth > 0 ? r.param(at) : undefined;
  return param ? { param, depth } : undefined;
}

/** A dict parameter's entries, as a callee reads them, tied axis by axis to the caller's. */
function unifyEntries(r: Reader, mine: Facts, theirs: Facts, here: (d: number) => number): void {
  for (const [key, t] of theirs.entries ?? []) {
    const m = mine.entries?.get(key);
    if (!m || m === t) continue;
    const axes = r.axes(m, t.axes.length, false);
    t.axes.forEach((d, j) => r.dims.unify(here(d), axes[j]!));
    if (m.entries && t.entries) unifyEntries(r, m, t, here);
  }
}

/** Array makers and which of their arguments are sizes: `all` for every positional one (`np.random.randn(a, b)`), else the position of `size`. */
const SIZE_ARGUMENTS: Readonly<Record<string, 'all' | number>> = {
  zeros: 0, ones: 0, empty: 0, full: 0, eye: 0, identity: 0,
  random_rand: 'all', random_randn: 'all', random_standard_normal: 0, random_normal: 2, random_uniform: 2,
};

/** A random generator's methods, by the np.random function each draws as. */
const GENERATOR_METHODS: Readonly<Record<string, string>> = { randn: 'random_randn', rand: 'random_rand', standard_normal: 'random_standard_normal', normal: 'random_normal', uniform: 'random_uniform' };

/**
 * `np.zeros(n)`, `np.zeros((n, m))`, `np.random.randn(n_in, n_out)`, `np.random.normal(0, s, size=(n, m))`:
 * a parameter given as a size is a count (a layer's `__init__(self, n_inputs, n_neurons)`), and the
 * array made has that count's axis, so `self.W` from it is as wide as the input it multiplies.
 */
function sizesOf(r: Reader, e: IrExpr & { kind: 'call' }, name: string): Abs {
  const which = Object.hasOwn(SIZE_ARGUMENTS, name) ? SIZE_ARGUMENTS[name] : undefined;
  if (which === undefined) return undefined;
  const sizeKeyword = e.keywords.find((k) => k.name === 'size' || k.name === 'shape')?.value;
  const given = which === 'all' ? e.args : sizeKeyword ? [sizeKeyword] : e.args.slice(which, which + 1);
  const sizes = given.length === 1 && given[0]!.kind === 'tuple' ? given[0]!.elements : given;
  let axes: number[] | undefined = [];
  for (const s of sizes) {
    // `np.random.randn(y, x)` for y in sizes[1:] (Nielsen's Network): sizes is a list of whole numbers.
    const owner = s.kind === 'name' && !r.param(s) ? r.elementOwners.get(s.name) : undefined;
    if (owner && owner.minRank <= 1 && !owner.label) {
      owner.elementCounts = true;
      owner.constantReadsOnly = false;
      r.axes(owner, 1);
      axes = undefined;
      continue;
    }
    const counted = r.param(s);
    if (counted && counted.minRank === 0 && !counted.label) {
      counted.count = true;
      axes?.push((counted.countDim ??= r.dims.fresh()));
      continue;
    }
    // `np.zeros((N, F, H_out, W_out))` with `H_out = int((H - HH + 2 * pad) / stride) + 1`: whole numbers.
    for (const part of r.integersIn(s)) part.count = true;
    const n = constantInt(s);
    if (n === undefined || n < 0) axes = undefined;
    else if (axes) {
      const d = r.dims.fresh();
      r.dims.setExact(d, n);
      axes.push(d);
    }
  }
  // A square `np.eye(n)` has n twice; `np.full(n, v)` and friends one axis per size.
  if (axes && (name === 'eye' || name === 'identity') && axes.length === 1) axes.push(axes[0]!);
  return axes && axes.length > 0 ? { dims: axes } : undefined;
}
