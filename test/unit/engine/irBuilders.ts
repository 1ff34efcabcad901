import { sourceRange } from '../../../src/core/sourceRange';
import type { IrBinaryOp, IrExpr, IrFunction, IrModule, IrStmt } from '../../../src/ir/nodes';

/** Small builders for engine tests that should not depend on a front end. */
const R = sourceRange(0, 0, 0, 1);

export const num = (value: number): IrExpr => ({ kind: 'number', value, range: R });
export const name = (n: string): IrExpr => ({ kind: 'name', name: n, range: R });
export const bin = (op: IrBinaryOp, left: IrExpr, right: IrExpr): IrExpr => ({ kind: 'binary', op, left, right, range: R });
export const call = (intrinsic: string, ...args: IrExpr[]): IrExpr => ({
  kind: 'call',
  callee: { kind: 'intrinsic', name: intrinsic, range: R },
  args,
  keywords: [],
  range: R,
});
export const assign = (n: string, value: IrExpr): IrStmt => ({ kind: 'assign', target: { kind: 'name', name: n, range: R }, value, range: R });
export const ret = (value: IrExpr): IrStmt => ({ kind: 'return', value, range: R });

export function fn(fnName: string, params: string[], body: IrStmt[]): IrFunction {
  return { name: fnName, params: params.map((p) => ({ name: p, range: R })), body, range: R, nameRange: R, diagnostics: [] };
}

export function module(...functions: IrFunction[]): IrModule {
  return { language: 'python', uri: 'test.py', functions, globals: [], points: [], diagnostics: [] };
}
