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
