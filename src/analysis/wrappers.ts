import type { SourceRange } from '../core/sourceRange';
import type { IrExpr, IrFunction, IrModule, IrStmt } from '../ir/nodes';

/**
 * A derivative that fills an output argument (`fprime(x, out)`, `out[:] = …`) is checked through a
 * small IR function of our own, run by the same engine:
 *
 *     def <wrapper>(x):
 *         out = zeros(shape)        # numpy files; a nested list of zeros otherwise
 *         fprime(x, out)
 *         return out
 *
 * so the language-neutral engine needs nothing new, and the user's code runs exactly as written.
 */
export const OUTPUT_WRAPPER = '__gradlens_output_argument__';

export function outputArgumentWrapper(module: IrModule, derivative: IrFunction, inputs: readonly string[], outputArgument: string, shape: readonly number[]): IrModule {
  const range: SourceRange = derivative.nameRange;
  const num = (value: number): IrExpr => ({ kind: 'number', value, range });
  const zerosList = (dims: readonly number[]): IrExpr => (dims.length === 0 ? num(0) : { kind: 'list', elements: Array.from({ length: dims[0]! }, () => zerosList(dims.slice(1))), range });
  const zeros: IrExpr = module.listsAreArrays
    ? { kind: 'call', callee: { kind: 'intrinsic', name: 'zeros', range }, args: [{ kind: 'tuple', elements: shape.map(num), range }], keywords: [], range }
    : zerosList(shape);
  const out = '__gradlens_out__';
  const wrapper: IrFunction = {
    name: OUTPUT_WRAPPER,
    params: inputs.map((name) => ({ name, range })),
    body: [
      { kind: 'assign', target: { kind: 'name', name: out, range }, value: zeros, range },
      {
        kind: 'expr',
        value: { kind: 'call', callee: { kind: 'name', name: derivative.name, range }, args: outputArgumentCall(derivative, inputs, outputArgument, out, range), keywords: [], range },
        range,
      },
      { kind: 'return', value: { kind: 'name', name: out, range }, range },
    ],
    range,
    nameRange: range,
    diagnostics: [],
  };
  return { ...module, functions: [...module.functions, wrapper], points: [] };
}

/**
 * The derivative's arguments in its parameters' order, the buffer at the output argument's place
 * (nlopt's `myconstraint(x, grad, a, b)` has data after it).
 */
function outputArgumentCall(derivative: IrFunction, inputs: readonly string[], outputArgument: string, out: string, range: SourceRange): IrExpr[] {
  const name = (n: string): IrExpr => ({ kind: 'name', name: n, range });
  return derivative.params.flatMap((p) => (p.name === outputArgument ? [name(out)] : inputs.includes(p.name) ? [name(p.name)] : []));
}

/**
 * A backward pass (`affine_backward(dout, cache)`, paired with `affine_forward(x, w, b)` returning
 * `(out, cache)`) is checked as a vector–Jacobian product through two IR functions of our own, each
 * taking the forward's inputs and one upstream gradient per output:
 *
 *     def <value>(x, w, b, dout):          # AD of this in x, w, b is doutᵀ·∂out/∂(x, w, b)
 *         r = affine_forward(x, w, b)
 *         return sum(r[0] * dout)
 *
 *     def <backward>(x, w, b, dout):       # what the hand-written backward pass says it is
 *         r = affine_forward(x, w, b)
 *         return affine_backward(dout, r[1])
 *
 * A layer class's pair (`forward(self, x)` keeping `self.x`, `backward(self, dout)`) gets the two as
 * methods of its class, so they run on the instance the point makes: `r = self.forward(x)`, then
 * `return self.backward(dout)` on that same instance.
 *
 * Each runs the forward pass afresh, so a backward pass that writes into `dout` or the cache (a
 * ReLU's `dx = dout; dx[x <= 0] = 0`) changes nothing the other sees.
 */
// Not dunder names: a class lists its dunder methods (but __call__) as no function of its own.
export const VJP_VALUE = '_gradlens_vjp_value';
export const VJP_BACKWARD = '_gradlens_vjp_backward';
export const VJP_OUTPUT = '_gradlens_vjp_output';

/** The wrappers' names to evaluate: module functions, or `Class.name` for a layer class's pair. */
export function vectorJacobianNames(forward: IrFunction): { value: string; backward: string; output: string } {
  const dot = forward.name.lastIndexOf('.');
  const owner = dot > 0 ? forward.name.slice(0, dot + 1) : '';
  return { value: owner + VJP_VALUE, backward: owner + VJP_BACKWARD, output: owner + VJP_OUTPUT };
}

/**
 * What a layer class keeps on its instance instead of returning it (pairing.ts): the forward's output
 * (`self.output`, nnfs), and the gradients its backward keeps (`self.dW`, `self.dinputs`) after the
 * `returns` it returns. Then `<output>` is `r = self.forward(x); return self.output`, `<value>` sums
 * that against dout, and `<backward>` returns `(dx, self.dW, self.db)`, what it returns first.
 */
export interface KeptOnInstance {
  readonly keptOutput?: string;
  readonly returns?: number;
  readonly kept?: readonly string[];
  /** The backward takes no upstream gradient (a loss's `backward(self)`): it is called with none. */
  readonly implicitUpstream?: boolean;
}

export function vectorJacobianWrappers(module: IrModule, forward: IrFunction, backward: IrFunction, inputs: readonly string[], upstream: readonly string[], cache: boolean, onInstance: KeptOnInstance = {}): IrModule {
  const range: SourceRange = backward.nameRange;
  const name = (n: string): IrExpr & { kind: 'name' } => ({ kind: 'name', name: n, range });
  const dot = forward.name.lastIndexOf('.');
  const cls = dot > 0 ? forward.name.slice(0, dot) : undefined;
  // A method is called on the instance (`self.forward(…)`); a function by its name.
  const callee = (fn: IrFunction): IrExpr => (cls === undefined ? name(fn.name) : { kind: 'attribute', object: name('self'), name: fn.name.slice(dot + 1), range });
  const call = (fn: IrExpr, args: readonly IrExpr[]): IrExpr => ({ kind: 'call', callee: fn, args, keywords: [], range });
  const result = '__gradlens_forward__';
  const tuple = cache || upstream.length > 1;
  const element = (i: number): IrExpr => (tuple ? { kind: 'index', object: name(result), index: { kind: 'number', value: i, range }, range } : name(result));
  const sum = (e: IrExpr): IrExpr => call({ kind: 'intrinsic', name: 'reduce_sum', range }, [e]);
  const products = upstream.map((d, i): IrExpr => sum({ kind: 'binary', op: '*', left: element(i), right: name(d), range }));
  const total = products.reduce((a, b): IrExpr => ({ kind: 'binary', op: '+', left: a, right: b, range }));
  const attribute = (n: string): IrExpr => ({ kind: 'attribute', object: name('self'), name: n, range });
  const wrapper = (wrapperName: string, value: IrExpr, before: readonly IrStmt[] = []): IrFunction => ({
    name: wrapperName,
    // The output wrapper takes no upstream gradient: it says what they are shaped as.
    params: [...(cls === undefined ? [] : ['self']), ...inputs, ...(wrapperName === VJP_OUTPUT ? [] : upstream)].map((n) => ({ name: n, range })),
    body: [
      // By keyword: parameters the point leaves out keep their defaults.
      { kind: 'assign', target: name(result), value: { kind: 'call', callee: callee(forward), args: [], keywords: inputs.map((n) => ({ name: n, value: name(n), range })), range }, range },
      // nnfs's forward returns nothing: its output is what it kept.
      ...(onInstance.keptOutput ? [{ kind: 'assign' as const, target: name(result), value: attribute(onInstance.keptOutput), range }] : []),
      ...before,
      { kind: 'return', value, range },
    ],
    range,
    nameRange: range,
    diagnostics: [],
  });
  const backwardCall = call(callee(backward), onInstance.implicitUpstream ? [] : [...upstream.map(name), ...(cache ? [element(upstream.length)] : [])]);
  const made = [wrapper(VJP_VALUE, total), keptBackward(backwardCall) ?? wrapper(VJP_BACKWARD, backwardCall), wrapper(VJP_OUTPUT, name(result))];
  /** `b = self.backward(dout)`, then what it returned and what it kept: `(b, self.dW, self.db)`. */
  function keptBackward(backwardCall: IrExpr): IrFunction | undefined {
    const kept = onInstance.kept ?? [];
    if (kept.length === 0) return undefined;
    const returns = onInstance.returns ?? 0;
    const returned = '__gradlens_backward__';
    const own: IrExpr[] = returns === 1 ? [name(returned)] : Array.from({ length: returns }, (_, i) => ({ kind: 'index', object: name(returned), index: { kind: 'number', value: i, range }, range }));
    const all = [...own, ...kept.map(attribute)];
    const value: IrExpr = all.length === 1 ? all[0]! : { kind: 'tuple', elements: all, range };
    return wrapper(VJP_BACKWARD, value, [{ kind: 'assign', target: name(returned), value: backwardCall, range }]);
  }
  if (cls === undefined) return { ...module, functions: [...module.functions, ...made], points: [] };
  const classes = (module.classes ?? []).map((c) => (c.name === cls ? { ...c, methods: [...c.methods, ...made.map((fn) => ({ fn, binding: 'instance' as const }))] } : c));
  return { ...module, classes, points: [] };
}
