import type { SourceRange } from '../core/sourceRange';
import type { IrExpr, IrFunction, IrModule } from '../ir/nodes';

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

export function outputArgumentWrapper(module: IrModule, derivative: IrFunction, inputs: readonly string[], shape: readonly number[]): IrModule {
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
        value: { kind: 'call', callee: { kind: 'name', name: derivative.name, range }, args: [...inputs.map((name): IrExpr => ({ kind: 'name', name, range })), { kind: 'name', name: out, range }], keywords: [], range },
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
 * Each runs the forward pass afresh, so a backward pass that writes into `dout` or the cache (a
 * ReLU's `dx = dout; dx[x <= 0] = 0`) changes nothing the other sees.
 */
export const VJP_VALUE = '__gradlens_vjp_value__';
export const VJP_BACKWARD = '__gradlens_vjp_backward__';

export function vectorJacobianWrappers(module: IrModule, forward: IrFunction, backward: IrFunction, inputs: readonly string[], upstream: readonly string[]): IrModule {
  const range: SourceRange = backward.nameRange;
  const name = (n: string): IrExpr & { kind: 'name' } => ({ kind: 'name', name: n, range });
  const call = (callee: IrExpr, args: readonly IrExpr[]): IrExpr => ({ kind: 'call', callee, args, keywords: [], range });
  const result = '__gradlens_forward__';
  const element = (i: number): IrExpr => ({ kind: 'index', object: name(result), index: { kind: 'number', value: i, range }, range });
  const sum = (e: IrExpr): IrExpr => call({ kind: 'intrinsic', name: 'reduce_sum', range }, [e]);
  const products = upstream.map((d, i): IrExpr => sum({ kind: 'binary', op: '*', left: element(i), right: name(d), range }));
  const total = products.reduce((a, b): IrExpr => ({ kind: 'binary', op: '+', left: a, right: b, range }));
  const wrapper = (wrapperName: string, value: IrExpr): IrFunction => ({
    name: wrapperName,
    params: [...inputs, ...upstream].map((n) => ({ name: n, range })),
    body: [
      // By keyword: parameters the point leaves out keep their defaults.
      { kind: 'assign', target: name(result), value: { kind: 'call', callee: name(forward.name), args: [], keywords: inputs.map((n) => ({ name: n, value: name(n), range })), range }, range },
      { kind: 'return', value, range },
    ],
    range,
    nameRange: range,
    diagnostics: [],
  });
  const backwardCall = call(name(backward.name), [...upstream.map(name), element(upstream.length)]);
  return { ...module, functions: [...module.functions, wrapper(VJP_VALUE, total), wrapper(VJP_BACKWARD, backwardCall)], points: [] };
}
