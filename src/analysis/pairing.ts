import type { IrExpr, IrFunction, IrStmt } from '../ir/nodes';
import { someExpr, someNode } from '../ir/walk';
import { greekPairing, type Convention } from './greeks';

/**
 * Which function is a hand-written derivative of which, found where real projects put them.
 *
 * By annotation (`# @gradient-of f`, `# @gradient-of f wrt W`, `∇f(x, y) = …`, `f'(x) = …`,
 * `∂f/∂x = …`) or by name: `grad_f`, `gradient_f`, `d_f`, `df`, `f_grad`, `f_gradient`, `f_prime`,
 * `fprime`, `f_der`, `f_deriv`, `f_derivative` (gradient); `df_dx`, `dfdx` (one partial); `jac_f`,
 * `f_jac` (Jacobian); `hess_f`, `f_hess` (Hessian); `f_hess_prod`, `f_hessp`, `f_hess_p` (Hessian times a vector,
 * scipy's `rosen_hess_prod(x, p)`); their camelCase forms (`gradF`, `fGrad`, `fPrime`, `jacF`,
 * `hessF`); and in a class or a module-level object (members named `Owner.member`) `grad`/`gradient`/`deriv`/`backward`/`fprime` of
 * `fn`/`__call__`/`forward`/`f`, with `grad2`/`hess` their second derivative.
 *
 * Three shapes of real code besides "same parameters, returns the derivative":
 * - the derivative fills an output argument (`fprime(x, out)`, `out[:] = …`, `out = out || [0, 0]`):
 *   one parameter more than `f`, and what counts is that argument after the call;
 * - a function returning `(loss, grad)` is its own pairing: the second element against the
 *   derivative of the first, with respect to the parameter of the same shape (checks.ts says which);
 * - parameter names that differ from `f`'s with the same count pair by position, and say so.
 *
 * And backward passes of layers, CS231n style: `X_backward(dout, cache)` beside `X_forward(…)` returning
 * `(out, cache)` (backwardPass below).
 *
 * And option greeks by their Greek letter (`delta`, `call_gamma`, `theta_put`): partials of the price
 * function beside them, in the parameter the letter names (greeks.ts).
 */
export type DerivativeKind =
  | { readonly kind: 'gradient' }
  | { readonly kind: 'partial'; readonly variable: string }
  | { readonly kind: 'jacobian' }
  | { readonly kind: 'hessian' }
  /** H·p: the derivative takes `f`'s parameters and then p. */
  | { readonly kind: 'hessian-vector' }
  /** `return loss, grad`: the function is its own derivative's home. */
  | { readonly kind: 'value-and-gradient'; readonly loss: string }
  /**
   * A backward pass (`affine_backward(dout, cache)` of `affine_forward(x, w, b)` returning `(out,
   * cache)`; a layer class's `backward(self, dout)` after its `forward(self, x)`): it takes one
   * upstream gradient per output, and the forward's last element when `cache`, and returns
   * doutᵀ·∂out/∂p for each parameter p in `wrt`, in that order.
   */
  | {
      readonly kind: 'vector-jacobian';
      readonly outputs: number;
      readonly cache: boolean;
      /** The forward returns nothing and keeps its output on the instance under this name (nnfs's `self.output`). */
      readonly keptOutput?: string;
      /** The backward takes no upstream gradient (a loss's `backward(self)`): the forward's one output is a scalar, dout = 1. */
      readonly implicitUpstream?: boolean;
      /** How many gradients the backward returns (the first entries of `wrt`); 0 when it returns nothing. */
      readonly returns?: number;
      /**
       * Gradients the backward keeps on the instance (`self.dW`, nnfs's `self.dinputs`), in `wrt`'s
       * order after those it returns: `wrt` names their variables (`self.W`, `inputs`).
       */
      readonly kept?: readonly string[];
    };

export interface Pairing {
  readonly derivative: IrFunction;
  readonly of: IrFunction;
  readonly what: DerivativeKind;
  /** Only these parameters of `of` (`@gradient-of f wrt S`); all when absent. */
  readonly wrt?: readonly string[];
  /** `of`'s parameter for each of the derivative's parameters, when they pair by position (names differ). */
  readonly byPosition?: readonly string[];
  /** The derivative writes its result into this parameter (its last) instead of returning it. */
  readonly outputArgument?: string;
  /** Why these two were paired, for hovers: `by name (rosen_der)`, `@gradient-of`, `returns (loss, dW)`. */
  readonly reason: string;
  /** The derivative is this multiple of what `what` names (a greek's theta: −1 × ∂V/∂T). */
  readonly scale?: number;
  /** Constant factors the derivative may be quoted in and still match (theta ÷ 365; greeks.ts). */
  readonly conventions?: readonly Convention[];
  /** What the pairing needs said in the check (`delta is ∂call_price/∂S (S is the spot)`). */
  readonly notes?: readonly string[];
}

/**
 * The derivative's parameters that take the function's values, each with the function's parameter
 * whose value it takes: by name, or by position where they pair so; not its output argument, nor the
 * direction p of a Hessian-vector product (a parameter the function lacks).
 */
export function pairedParameters(p: Pairing): [of: string, derivative: string][] {
  const names = p.derivative.params.map((q) => q.name).filter((n) => n !== 'self' && n !== 'this' && n !== p.outputArgument);
  const own = new Set(p.of.params.map((q) => q.name));
  return names.map((n, i): [string, string] => [p.byPosition?.[i] ?? n, n]).filter(([of]) => own.has(of));
}

type Kind = 'gradient' | 'jacobian' | 'hessian' | 'hessian-vector';

const PREFIXES: readonly [string, Kind][] = [
  ['grad_', 'gradient'],
  ['gradient_', 'gradient'],
  ['d_', 'gradient'],
  ['jac_', 'jacobian'],
  ['jacobian_', 'jacobian'],
  ['hess_', 'hessian'],
  ['hessian_', 'hessian'],
];
/** Longest first: `_hess_prod` before `_hess`. */
const SUFFIXES: readonly [string, Kind][] = [
  ['_hess_prod', 'hessian-vector'],
  ['_hessian_prod', 'hessian-vector'],
  ['_hessp', 'hessian-vector'],
  // scipy's tutorial: `rosen_hess_p(x, p)`.
  ['_hess_p', 'hessian-vector'],
  ['_derivative', 'gradient'],
  ['_gradient', 'gradient'],
  ['_jacobian', 'jacobian'],
  ['_hessian', 'hessian'],
  ['_deriv', 'gradient'],
  ['_grad', 'gradient'],
  ['_fprime', 'gradient'],
  ['_prime', 'gradient'],
  ['_der', 'gradient'],
  ['_jac', 'jacobian'],
  ['_hess', 'hessian'],
  ['prime', 'gradient'],
];

/** camelCase, as TypeScript names things: `gradEnergy`, `energyGrad`, `hessLoss`. */
const CAMEL_PREFIXES: readonly [string, Kind][] = [
  ['grad', 'gradient'],
  ['gradient', 'gradient'],
  ['jac', 'jacobian'],
  ['jacobian', 'jacobian'],
  ['hess', 'hessian'],
  ['hessian', 'hessian'],
];
const CAMEL_SUFFIXES: readonly [string, Kind][] = [
  ['HessProd', 'hessian-vector'],
  ['Derivative', 'gradient'],
  ['Gradient', 'gradient'],
  ['Jacobian', 'jacobian'],
  ['Hessian', 'hessian'],
  ['Deriv', 'gradient'],
  ['Grad', 'gradient'],
  ['Prime', 'gradient'],
  ['Jac', 'jacobian'],
  ['Hess', 'hessian'],
];

/** Class methods: the derivative's method name, and the method names of the function, in preference order. */
const METHOD_PAIRS: readonly [string, Kind][] = [
  ['grad', 'gradient'],
  ['gradient', 'gradient'],
  ['deriv', 'gradient'],
  ['derivative', 'gradient'],
  ['backward', 'gradient'],
  // JavaScript minimisers' test-function objects: `{ f(x) {…}, fprime(x, fxprime) {…} }`.
  ['fprime', 'gradient'],
  ['grad2', 'hessian'],
  ['hess', 'hessian'],
  ['hessian', 'hessian'],
];
// `loss` before `__call__`: a loss class's `__call__` usually delegates to its `loss`, and `grad`
// beside `loss` reads as that loss's gradient.
const METHOD_FUNCTIONS = ['fn', 'loss', '__call__', 'forward', 'f', 'func', 'function', 'value', 'evaluate'];

interface Found {
  readonly base: string;
  readonly what: DerivativeKind;
}

const kindOf = (kind: Kind): DerivativeKind => ({ kind }) as DerivativeKind;

/** `∂f/∂x`, `df/dx` (math notation) and `df_dx`, `dfdx` (code): a base name and a variable. */
function partialName(name: string, functions: ReadonlyMap<string, IrFunction>): { base: string; variable: string } | undefined {
  const slash = /^(?:∂|d)(.+)\/(?:∂|d)(.+)$/u.exec(name);
  if (slash) return { base: slash[1]!, variable: slash[2]! };
  const underscored = /^d_?(.+)_d(.+)$/.exec(name);
  if (underscored && functions.has(underscored[1]!)) return { base: underscored[1]!, variable: underscored[2]! };
  // dfdx: try every split d<base>d<var> where base is a function with parameter var.
  if (name.startsWith('d')) {
    for (let i = 2; i < name.length - 1; i++) {
      if (name[i] !== 'd') continue;
      const base = name.slice(1, i);
      const variable = name.slice(i + 1);
      if (functions.get(base)?.params.some((p) => p.name === variable)) return { base, variable };
    }
  }
  return undefined;
}

function camelCase(name: string, functions: Pick<ReadonlyMap<string, IrFunction>, 'has'>): Found | undefined {
  for (const [prefix, kind] of CAMEL_PREFIXES) {
    const rest = name.slice(prefix.length);
    if (!name.startsWith(prefix) || !/^[A-Z]/.test(rest)) continue;
    // gradEnergy differentiates energy (or Energy, if that is the function's name).
    const base = [rest[0]!.toLowerCase() + rest.slice(1), rest].find((b) => functions.has(b));
    if (base) return { base, what: kindOf(kind) };
  }
  for (const [suffix, kind] of CAMEL_SUFFIXES) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && base && functions.has(base)) return { base, what: kindOf(kind) };
  }
  return undefined;
}

/**
 * `Class.grad` ↔ `Class.fn` (or `__call__`, `forward`, `f`, …), in the same class; and a method
 * named as a plain function's derivative is (`grad_forward`, `gradForward`) ↔ that method of its
 * class, as "Insert gradient function" names one (`Class.forward_grad` is a suffix, read below).
 */
function methodPair(name: string, functions: ReadonlyMap<string, IrFunction>): Found | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const owner = name.slice(0, dot);
  const method = name.slice(dot + 1);
  const kind = METHOD_PAIRS.find(([m]) => m === method)?.[1];
  if (kind) {
    const base = METHOD_FUNCTIONS.map((m) => `${owner}.${m}`).find((b) => functions.has(b));
    return base ? { base, what: kindOf(kind) } : undefined;
  }
  const inClass = { has: (m: string): boolean => functions.has(`${owner}.${m}`) };
  const camel = camelCase(method, inClass);
  if (camel) return { base: `${owner}.${camel.base}`, what: camel.what };
  for (const [prefix, prefixKind] of PREFIXES) {
    if (method.startsWith(prefix) && inClass.has(method.slice(prefix.length))) return { base: `${owner}.${method.slice(prefix.length)}`, what: kindOf(prefixKind) };
  }
  return undefined;
}

function byName(name: string, functions: ReadonlyMap<string, IrFunction>): Found | undefined {
  const method = methodPair(name, functions);
  if (method) return method;
  const camel = camelCase(name, functions);
  if (camel) return camel;
  const partial = partialName(name, functions);
  if (partial && functions.get(partial.base)?.params.some((p) => p.name === partial.variable)) {
    return { base: partial.base, what: { kind: 'partial', variable: partial.variable } };
  }
  for (const [suffix, kind] of SUFFIXES) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && base && functions.has(base)) return { base, what: kindOf(kind) };
  }
  for (const [prefix, kind] of PREFIXES) {
    if (name.startsWith(prefix) && functions.has(name.slice(prefix.length))) return { base: name.slice(prefix.length), what: kindOf(kind) };
  }
  if (name.length > 1 && name.startsWith('d') && functions.has(name.slice(1))) return { base: name.slice(1), what: { kind: 'gradient' } };
  return undefined;
}

/** Parameters that are not `self` (a method's receiver is never a point's coordinate). */
const ownParams = (fn: IrFunction): string[] => fn.params.map((p) => p.name).filter((n) => n !== 'self' && n !== 'this');

/**
 * How the derivative's parameters line up with `f`'s: the same names; or one more at the end (p of a
 * Hessian-vector product, or an output argument); or, with another spelling, by position.
 */
function lineUp(derivative: IrFunction, of: IrFunction, what: DerivativeKind): Pick<Pairing, 'byPosition' | 'outputArgument'> | undefined {
  const mine = ownParams(derivative);
  const theirs = ownParams(of);
  const extra = what.kind === 'hessian-vector' ? 1 : 0;
  const withOutput = mine.length === theirs.length + extra + 1 && writesInto(derivative, mine[mine.length - 1]!);
  const outputArgument = withOutput ? mine[mine.length - 1]! : undefined;
  const inputs = withOutput ? mine.slice(0, -1) : mine;
  const required = of.params.filter((p) => !p.default && p.name !== 'self').length;
  if (inputs.length < required + extra || inputs.length > theirs.length + extra) return undefined;
  const shared = inputs.slice(0, inputs.length - extra);
  const sameNames = shared.every((n, i) => n === theirs[i]) || shared.every((n) => theirs.includes(n));
  return {
    ...(sameNames ? {} : { byPosition: shared.map((_, i) => theirs[i]!) }),
    ...(outputArgument ? { outputArgument } : {}),
  };
}

/** Whether the function writes into elements of `name` (`name[0] = …`, `name[:] = …`). */
function writesInto(fn: IrFunction, name: string): boolean {
  let found = false;
  const visit = (stmts: readonly IrStmt[]): void => {
    for (const s of stmts) {
      if ((s.kind === 'assign' || s.kind === 'augAssign') && s.target.kind === 'index' && s.target.object.kind === 'name' && s.target.object.name === name) found = true;
      if (s.kind === 'if') {
        visit(s.then);
        visit(s.else);
      } else if (s.kind === 'match') visit(s.cases);
      else if (s.kind === 'for' || s.kind === 'while') visit(s.body);
    }
  };
  visit(fn.body);
  return found;
}

/**
 * The parameter of a function that returns its value and writes its gradient into that argument, as
 * JavaScript minimisers and nlopt take objectives and constraints: `f(X, fxprime) { fxprime = fxprime
 * || [0, 0]; fxprime[0] = …; return … }`, `def f(x, grad): if grad.size > 0: grad[0] = …`, and with
 * data after it, `def myconstraint(x, grad, a, b)` (nlopt binds a and b with a lambda). The argument
 * must be named as a derivative and written element by element; the gradient it holds is in the
 * parameters before it (`wrt`), those after it are data. Undefined else.
 */
function ownOutputArgument(fn: IrFunction): { name: string; wrt: string[] } | undefined {
  const own = ownParams(fn);
  const at = own.findIndex((n, i) => i > 0 && OUTPUT_GRADIENT_NAME.test(n) && writesInto(fn, n));
  if (at < 0) return undefined;
  const name = own[at]!;
  const returned = lastReturned(fn);
  // What it returns is the objective's value: read without the gradient it writes.
  return returned?.length === 1 && !someExpr(returned[0]!, (e) => e.kind === 'name' && e.name === name) ? { name, wrt: own.slice(0, at) } : undefined;
}

const OUTPUT_GRADIENT_NAME = /^(?:g|grad\w*|gradient\w*|\w*prime|d[A-Z_]\w*|df\w*|jac\w*)$/i;

const GRADIENT_NAME = /^(d[A-Z_]\w*|d[a-z]\w{0,2}|grad\w*|gradient\w*|g|jac\w*)$/;

/** `dW`, `grad_w`, `x.grad`: an expression named as a derivative. */
const namedAsGradient = (e: IrExpr): boolean => (e.kind === 'name' && GRADIENT_NAME.test(e.name)) || (e.kind === 'attribute' && /^grad/.test(e.name));

/** `grad.ravel()`, `dW.flatten()`, `grad.reshape(-1)`: the array itself, reshaped. */
export function unraveled(e: IrExpr): IrExpr {
  return e.kind === 'call' && e.callee.kind === 'attribute' && /^(?:ravel|flatten|reshape|copy)$/.test(e.callee.name) ? e.callee.object : e;
}

/**
 * `return loss, grad` (or `loss, dW`, `f, g`): the names of a two-element return whose second reads as
 * a gradient. Two gradients (`return dx, dw` of a backward pass, micrograd's `return x.grad, y.grad`)
 * are no value and its gradient.
 */
export function valueAndGradientReturn(fn: IrFunction): { loss: string; gradient: IrExpr } | undefined {
  const returns = fn.body.filter((s): s is IrStmt & { kind: 'return' } => s.kind === 'return');
  const value = returns[returns.length - 1]?.value;
  if (!value || value.kind !== 'tuple' || value.elements.length < 2) return undefined;
  const [first, second] = value.elements as [IrExpr, IrExpr];
  if (namedAsGradient(first)) return undefined;
  // scikit-learn's `return loss, grad.ravel(), p`: more than a pair only when the second is named as
  // a gradient (raveled or not) and the first is a named value, not a gradient.
  if (value.elements.length > 2) return first.kind === 'name' && namedAsGradient(unraveled(second)) ? { loss: first.name, gradient: second } : undefined;
  if (!(second.kind === 'name' && namedAsDerivativeHere(fn, second.name, first)) && !/grad/.test(fn.name) && !saysGradient(fn)) return undefined;
  return { loss: first.kind === 'name' ? first.name : fn.name.includes('.') ? fn.name.slice(fn.name.lastIndexOf('.') + 1) : fn.name, gradient: second };
}

/**
 * A second element named as a derivative of something this function has: `grad`, `g`, `jac` outright;
 * a `d` name only when what follows names a parameter (`dW` of `W`, `dx` of `x`), an attribute it reads
 * (`dW` of `self.W`) or the first element (`df` of `f`). A Hohmann transfer's `return dvTotal, dT` is
 * a speed and a time, and `T` is none of those.
 */
function namedAsDerivativeHere(fn: IrFunction, name: string, first: IrExpr): boolean {
  if (!GRADIENT_NAME.test(name)) return false;
  if (!/^d/.test(name) || /^grad/.test(name)) return true;
  const own = [...fn.params.map((p) => p.name), ...(first.kind === 'name' ? [first.name] : []), ...attributesRead(fn)];
  return parameterItDifferentiates(name, own) !== undefined;
}

/** `self.W`, `self.b`: the attributes of its receiver a method (listed without it, `Net.loss`) reads, by name. */
function attributesRead(fn: IrFunction): string[] {
  if (!fn.name.includes('.')) return [];
  const names = new Set<string>();
  someNode(fn.body, { expr: (e) => (e.kind === 'attribute' && e.object.kind === 'name' && (e.object.name === 'self' || e.object.name === 'this') && names.add(e.name), false) });
  return [...names];
}

/** Its docstring speaks of a gradient of something (`- gradient with respect to weights W`), not only of gradient checking. */
const saysGradient = (fn: IrFunction): boolean => /\b(?:gradient|derivative)s?\s+(?:of|with\s+respect|w\.?r\.?t|wrt)\b/i.test(fn.doc ?? '');

/**
 * A `(loss, grad)` function pairs by its name only with a function returning one value: scikit-learn's
 * `_multinomial_loss_grad` returns `(loss, grad, p)` beside `_multinomial_loss` returning `(loss, p,
 * w)`, so it is its own pairing — its gradient against its own loss.
 */
function pairsByName(fn: IrFunction, functions: ReadonlyMap<string, IrFunction>): boolean {
  const found = byName(fn.name, functions);
  if (!found) return false;
  const returns = functions.get(found.base)?.body.filter((s): s is IrStmt & { kind: 'return' } => s.kind === 'return') ?? [];
  const value = returns[returns.length - 1]?.value;
  return !(value?.kind === 'tuple' && value.elements.length > 1);
}

export function findPairings(functions: readonly IrFunction[]): Pairing[] {
  const byNameMap = new Map(functions.map((f) => [f.name, f]));
  const pairings: Pairing[] = [];
  for (const fn of functions) {
    const backward = backwardPass(fn, byNameMap);
    if (backward) {
      pairings.push(backward);
      continue;
    }
    const filled = fn.gradientOf || byName(fn.name, byNameMap) ? undefined : ownOutputArgument(fn);
    if (filled) {
      pairings.push({ derivative: fn, of: fn, what: { kind: 'gradient' }, wrt: filled.wrt, outputArgument: filled.name, reason: `writes its gradient into ${filled.name}` });
      continue;
    }
    const own = valueAndGradientReturn(fn);
    if (fn.gradientOf === fn.name || (!fn.gradientOf && own && !pairsByName(fn, byNameMap))) {
      if (!own) continue;
      // CS231n's `grads["W1"] = …` beside `self.params["W1"]`: the gradient of the weights kept in that dict.
      const wrt = fn.gradientWrt ?? keyedGradientOf(fn, own.gradient);
      pairings.push({ derivative: fn, of: fn, what: { kind: 'value-and-gradient', loss: own.loss }, ...(wrt ? { wrt } : {}), reason: fn.gradientOf ? '@gradient-of' : `returns (${own.loss}, ${exprName(own.gradient)})` });
      continue;
    }
    let found: Found | undefined;
    let reason: string;
    if (fn.gradientOf && byNameMap.has(fn.gradientOf)) {
      const partial = partialName(fn.name, byNameMap);
      const named = byName(fn.name, byNameMap);
      const wrt = fn.gradientWrt;
      const what: DerivativeKind =
        wrt?.length === 1 && named?.what.kind !== 'hessian' ? { kind: 'partial', variable: wrt[0]! } : partial && partial.base === fn.gradientOf ? { kind: 'partial', variable: partial.variable } : named?.what ?? { kind: 'gradient' };
      found = { base: fn.gradientOf, what };
      reason = '@gradient-of';
    } else {
      found = byName(fn.name, byNameMap);
      reason = `by name (${fn.name})`;
      const greek = found ? undefined : greekPairing(fn, byNameMap);
      if (greek) {
        const of = byNameMap.get(greek.base)!;
        // A greek takes the price's parameters by name (greeks.ts); its own extras keep their defaults.
        const lined = {};
        if (!isAbstract(fn) && !isAbstract(of)) {
          const { what, wrt, scale, conventions, notes } = greek;
          pairings.push({ derivative: fn, of, what, ...lined, ...(wrt ? { wrt } : {}), ...(scale ? { scale } : {}), conventions, notes, reason: greek.reason });
        }
        continue;
      }
    }
    if (!found || found.base === fn.name) continue;
    const of = byNameMap.get(found.base)!;
    // nnfs's `Loss.backward(self, dvalues, y_true)` takes an upstream gradient or the predictions, not
    // the forward's inputs by name: no derivative f′(x) of it, and no backward pass this file's shapes fit.
    if (!fn.gradientOf && fn.name.endsWith('.backward') && takesUpstream(fn, of)) continue;
    // An abstract method (`raise NotImplementedError`) on either side derives nothing.
    if (!fn.gradientOf && (isAbstract(fn) || isAbstract(of))) continue;
    // Its docstring says it differentiates something `of` does not take (numpy-ml's
    // `CrossEntropy.grad`: "with regard to the softmax input, `z`"): not a derivative of `of`.
    if (!fn.gradientOf && documentedVariableElsewhere(fn, of)) continue;
    const lined = lineUp(fn, of, found.what);
    if (!lined) continue;
    const wrt = fn.gradientWrt && fn.gradientWrt.length > 1 ? fn.gradientWrt : undefined;
    pairings.push({ derivative: fn, of, what: found.what, ...lined, ...(wrt ? { wrt } : {}), reason });
  }
  return pairings;
}

/**
 * `self.params` when a method's returned gradient is a dict filled by string keys (`grads["W1"] = …`)
 * and it reads the same keys of one attribute of its instance (`W1 = self.params["W1"]`): CS231n's
 * `TwoLayerNet.loss` returns the loss and its gradient in the weights that dict holds. Undefined else.
 */
function keyedGradientOf(fn: IrFunction, gradient: IrExpr): string[] | undefined {
  if (gradient.kind !== 'name' || !fn.name.includes('.')) return undefined;
  const filled = new Set<string>();
  const read = new Map<string, Set<string>>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const n = node as IrExpr | IrStmt;
    if (n.kind === 'assign' && n.target.kind === 'index' && n.target.object.kind === 'name' && n.target.object.name === gradient.name && n.target.index.kind === 'string') filled.add(n.target.index.value);
    if (n.kind === 'index' && n.index.kind === 'string' && n.object.kind === 'attribute' && n.object.object.kind === 'name' && n.object.object.name === 'self') {
      const keys = read.get(n.object.name) ?? new Set<string>();
      read.set(n.object.name, keys.add(n.index.value));
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'range' && key !== 'nameRange') visit(value);
  };
  visit(fn.body);
  if (filled.size === 0) return undefined;
  const holders = [...read].filter(([, keys]) => [...filled].every((k) => keys.has(k)));
  return holders.length === 1 ? [`self.${holders[0]![0]}`] : undefined;
}

/**
 * An abstract method of a base class: a body that only raises (or returns an exception, as
 * `return NotImplementedError()` does), or that does nothing (`pass`, `...`, a docstring,
 * `return None`), as `class Loss: def loss(self, y, p): pass; def grad(self, y, p): pass` has.
 */
function isAbstract(fn: IrFunction): boolean {
  type Stmt = IrFunction['body'][number];
  const doesNothing = (s: Stmt): boolean =>
    s.kind === 'pass' || (s.kind === 'expr' && s.value.kind === 'string') || (s.kind === 'return' && (!s.value || s.value.kind === 'none'));
  const raisesOnly = (s: Stmt): boolean =>
    s.kind === 'raise' || (s.kind === 'return' && s.value?.kind === 'call' && s.value.callee.kind === 'name' && /Error$/.test(s.value.callee.name));
  return fn.body.filter((s) => !doesNothing(s)).every(raisesOnly);
}

const exprName = (e: IrExpr): string => (e.kind === 'name' ? e.name : 'grad');

/**
 * The variable the derivative's docstring summary (its first paragraph) says it is taken with
 * respect to, written in backticks (`with respect to the pre-nonlinearity input, \`z\``), when it
 * is none of `of`'s parameters; else undefined.
 */
export function documentedVariableElsewhere(derivative: IrFunction, of: IrFunction): string | undefined {
  const summary = derivative.doc?.trim().split(/\n\s*\n/)[0]?.replace(/\s+/g, ' ');
  if (!summary) return undefined;
  const params = new Set(of.params.map((p) => p.name));
  for (const sentence of summary.split(/(?<=\.)\s/)) {
    const after = /\bwith (?:respect|regard) to\b(.*)$/i.exec(sentence)?.[1];
    const named = after && /`+([A-Za-z_]\w*)`+/.exec(after)?.[1];
    if (named && !params.has(named)) return named;
  }
  return undefined;
}

/** The elements of a function's last top-level `return` (one for a value that is not a tuple). */
function lastReturned(fn: IrFunction): readonly IrExpr[] | undefined {
  const returns = fn.body.filter((s): s is IrStmt & { kind: 'return' } => s.kind === 'return');
  const value = returns[returns.length - 1]?.value;
  return value?.kind === 'tuple' ? value.elements : value ? [value] : undefined;
}

/**
 * A layer's backward pass, in the two ways code is written for it.
 *
 * - CS231n's assignments and the code modelled on them: `affine_backward(dout, cache)` (or
 *   `conv_backward_naive`, `lstm_step_backward(dnext_h, dnext_c, cache)`) beside the function named
 *   with `forward` for `backward`, whose last `return` is its outputs and then a cache (`return out,
 *   cache`). It takes one upstream gradient per output and the cache.
 * - A layer class: `backward(self, dout)` beside `forward(self, x)`, the instance keeping what the
 *   forward pass saw (`self.x = x`). It takes one upstream gradient per output, named as one (`dout`,
 *   `dy`, `grad_output`, `delta`); a `backward(self, x)` taking the forward's input is a derivative
 *   f′(x), paired by METHOD_PAIRS instead.
 *
 * It returns the gradients of the forward's parameters — those its returned names point at (`dx`,
 * `dgamma`, `dprev_h`, `dh0`), else the first ones in order (a `bn_param` dict last is no input).
 */
function backwardPass(fn: IrFunction, functions: ReadonlyMap<string, IrFunction>): Pairing | undefined {
  const dot = fn.name.lastIndexOf('.');
  const owner = dot > 0 ? fn.name.slice(0, dot + 1) : '';
  const own = fn.name.slice(owner.length);
  if (!/(?:^|_)backward(?:_|$)/.test(own)) return undefined;
  // `batchnorm_backward_alt`, another backward pass of `batchnorm_forward`, when no `_forward_alt` exists.
  const names = [own.replace(/(^|_)backward(?=_|$)/, '$1forward'), own.replace(/(^|_)backward_.*$/, '$1forward')].filter((n) => n !== own);
  const forward = names.map((n) => functions.get(owner + n)).find((f) => f !== undefined);
  if (!forward || isAbstract(fn) || isAbstract(forward)) return undefined;
  // A method's instance holds what its forward pass kept; a function's cache comes back with its outputs.
  const cache = owner === '';
  const keptOutput = cache || lastReturned(forward) ? undefined : keptAttribute(forward, OUTPUT_NAME);
  const outputs = keptOutput ? [keptOutput] : lastReturned(forward);
  if (!outputs) return undefined;
  const params = ownParams(fn);
  const upstream = cache ? outputs.length - 1 : outputs.length;
  // A loss class's `backward(self)` after `forward(self, y_pred, y_true)` returned the loss: no
  // upstream gradient to take, the loss is the end of the chain (its gradient, doutᵀ with dout = 1).
  const implicit = !cache && params.length === 0 && upstream === 1 && !keptOutput && returnsReduction(forward);
  if (upstream < 1 || (!implicit && params.length !== upstream + (cache ? 1 : 0))) return undefined;
  if (!cache && !params.every((p) => UPSTREAM_NAME.test(p))) return undefined;
  const inputs = ownParams(forward);
  const returned = lastReturned(fn) ?? [];
  if (returned.length > inputs.length) return undefined;
  const named = returned.map((e) => (e.kind === 'name' ? parameterItDifferentiates(e.name, inputs) : undefined));
  const byName = named.every((n) => n !== undefined) && new Set(named).size === named.length;
  const wrt = byName ? (named as string[]) : inputs.slice(0, returned.length);
  // `self.dW = …` of `self.W`, `self.dinputs = …` of `inputs`: gradients kept on the instance.
  const kept = cache ? [] : keptGradients(fn, forward, inputs).filter((k) => !wrt.includes(k.of));
  if (wrt.length + kept.length === 0) return undefined;
  const how = [...(returned.length > 0 ? [byName ? 'its returned names' : 'position'] : []), ...(kept.length > 0 ? [`self.${kept.map((k) => k.name).join(', self.')}`] : [])].join(' and ');
  const all = [...wrt, ...kept.map((k) => k.of)];
  const what: DerivativeKind = { kind: 'vector-jacobian', outputs: upstream, cache, ...(implicit ? { implicitUpstream: true } : {}), ...(keptOutput ? { keptOutput: (keptOutput as IrExpr & { kind: 'attribute' }).name } : {}), returns: returned.length, ...(kept.length > 0 ? { kept: kept.map((k) => k.name) } : {}) };
  return { derivative: fn, of: forward, what, wrt: all, reason: `backward pass of ${forward.name} (${all.map((p) => `∂/∂${p}`).join(', ')} by ${how})` };
}

/**
 * Whether a function's last return is one number made by a reduction: `np.mean(d ** 2)`,
 * `-np.sum(y * np.log(p)) / len(y)`, or a name assigned one (`loss = …; return loss`). A loss's
 * forward; an activation's returns an array, and its `backward(self)` is no gradient of it.
 */
function returnsReduction(fn: IrFunction): boolean {
  const returned = lastReturned(fn);
  const reduced = (e: IrExpr, depth = 0): boolean => {
    if (depth > 8) return false;
    if (e.kind === 'unary') return reduced(e.operand, depth + 1);
    if (e.kind === 'binary' && (e.op === '/' || e.op === '*')) return reduced(e.left, depth + 1) || (e.op === '*' && reduced(e.right, depth + 1));
    if (e.kind === 'name') {
      const set = fn.body.filter((st): st is IrStmt & { kind: 'assign' } => st.kind === 'assign' && st.target.kind === 'name' && st.target.name === e.name);
      return set.length > 0 && reduced(set[set.length - 1]!.value, depth + 1);
    }
    if (e.kind !== 'call' || e.keywords.some((k) => k.name === 'axis')) return false;
    const name = e.callee.kind === 'intrinsic' || e.callee.kind === 'attribute' ? e.callee.name : undefined;
    const positional = e.callee.kind === 'attribute' ? 0 : 1;
    return name !== undefined && REDUCING.has(name) && e.args.length <= positional;
  };
  return returned?.length === 1 && reduced(returned[0]!);
}

const REDUCING: ReadonlySet<string> = new Set(['reduce_sum', 'sum', 'mean', 'average']);

/** Where a layer keeps its output when its forward returns nothing (`self.output = np.dot(…)`). */
const OUTPUT_NAME = /^(?:output|outputs|out|y|a|activation)$/;

/** The last `self.<name> = …` among the function's own statements whose name matches, as the read `self.<name>`. */
function keptAttribute(fn: IrFunction, name: RegExp): IrExpr | undefined {
  const found = fn.body.filter((s): s is IrStmt & { kind: 'assign' } => s.kind === 'assign' && isSelfAttribute(s.target) && name.test((s.target as { name: string }).name));
  const last = found[found.length - 1];
  return last ? (last.target as IrExpr) : undefined;
}

const isSelfAttribute = (t: { kind: string; object?: IrExpr }): boolean => t.kind === 'attribute' && t.object?.kind === 'name' && t.object.name === 'self';

/**
 * The gradients a backward pass keeps on its instance (`self.dW = np.dot(self.x.T, dout)`), each with
 * what it differentiates: a parameter of the forward (`self.dinputs` → inputs) or an attribute the
 * forward reads and does not write (`self.dW` → self.W, the layer's weights).
 */
function keptGradients(backward: IrFunction, forward: IrFunction, inputs: readonly string[]): { name: string; of: string }[] {
  const written = new Set<string>();
  const read = new Set<string>();
  const visit = (node: unknown, writes: Set<string>): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, writes));
    if (node === null || typeof node !== 'object') return;
    const n = node as { kind?: string; target?: { kind: string; name?: string; object?: IrExpr }; name?: string; object?: IrExpr };
    if ((n.kind === 'assign' || n.kind === 'augAssign') && n.target && isSelfAttribute(n.target)) writes.add(n.target.name!);
    if (n.kind === 'attribute' && isSelfAttribute(n as { kind: string; object?: IrExpr })) read.add(n.name!);
    for (const [key, value] of Object.entries(node)) if (key !== 'range' && key !== 'nameRange') visit(value, writes);
  };
  visit(forward.body, written);
  const attributes = [...read].filter((a) => !written.has(a));
  const kept = new Set<string>();
  visit(backward.body, kept);
  const out: { name: string; of: string }[] = [];
  // The forward's own inputs first (`self.dinputs`), then the layer's weights.
  const ordered = [...kept].sort((a, b) => Number(parameterItDifferentiates(b, inputs) !== undefined) - Number(parameterItDifferentiates(a, inputs) !== undefined));
  for (const name of ordered) {
    if (!/^(?:d|grad_?)[A-Za-z_]/.test(name)) continue;
    const input = parameterItDifferentiates(name, inputs);
    const attribute = input ? undefined : parameterItDifferentiates(name, attributes);
    const of = input ?? (attribute ? `self.${attribute}` : undefined);
    if (of && !out.some((o) => o.of === of)) out.push({ name, of });
  }
  return out;
}

/** Whether a method's first parameter is named as an upstream gradient (`dvalues`, `dout`) that `of` does not take. */
function takesUpstream(fn: IrFunction, of: IrFunction): boolean {
  const first = ownParams(fn)[0];
  return first !== undefined && UPSTREAM_NAME.test(first) && !ownParams(of).includes(first);
}

/** An upstream gradient's name: `dout`, `dy`, `dA`, `d_out`, `dvalues`, `grad_output`, `delta`, `upstream_grad`, `top_diff`. */
const UPSTREAM_NAME = /^(?:d[A-Z_]\w*|d(?:out|y|z|x|h|a|o|values|inputs?|outputs?|L\w*)|grad\w*|delta\w*|upstream\w*|err(?:or)?s?|output_grad\w*|top_diff)$/;

/** Lower case without underscores: `t_log_var` and `LogVar` compare as `tlogvar`, `logvar`. */
const squashed = (name: string): string => name.toLowerCase().replace(/_/g, '');

/**
 * The one parameter a gradient variable's name points at: `dW` → W, `grad_w` → w, `dtheta` → theta,
 * `dY_pred` → y_pred, `dLogVar` → t_log_var (the name after its `d`/`grad` prefix, the parameter's
 * whole name, or its ending of three letters at least).
 */
export function parameterItDifferentiates(name: string, params: readonly string[]): string | undefined {
  const stem = /^(?:grad_?|d_?)(\w+)$/i.exec(name)?.[1];
  if (!stem) return undefined;
  const wanted = squashed(stem);
  const exact = params.filter((n) => squashed(n) === wanted);
  // `d` + a whole parameter name (`dtheta` for theta) says it; only an ending needs the prefix set
  // apart by case or `_` (`dLogVar`, `grad_w`), so that `data` or `dist` point at nothing.
  if (exact.length === 1) return exact[0];
  if (exact.length > 1 || wanted.length < 3 || !/^(?:grad|d)[A-Z_]|^grad_/.test(name)) return undefined;
  const ending = params.filter((n) => squashed(n).endsWith(wanted));
  return ending.length === 1 ? ending[0] : undefined;
}

