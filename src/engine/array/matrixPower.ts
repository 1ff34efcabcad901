import { fail } from '../../core/diagnostic';
import { arr, bind, type Impl } from './args';
import { eye } from './construct';
import { matmul } from './linalg';
import { formatShape } from './ndarray';
import { inv } from './solve';

/**
 * np.linalg.matrix_power(a, n): a square matrix (or a stack) to an integer power by repeated
 * squaring, as numpy does — products of `@`, so the derivative is matmul's; n < 0 inverts first
 * (inv's rules), n = 0 is the identity (a constant).
 */
export const matrixPower: Impl = (rt, args, kw, site) => {
  const b = bind(rt, 'matrix_power', ['a', 'n'], args, kw, site);
  const range = rt.sites[site]!;
  const n = b.n;
  if (typeof n !== 'number' || !Number.isInteger(n)) fail('type', 'matrix_power needs an integer exponent n', range);
  let a = arr(rt, b.a!, site, 'np.linalg.matrix_power');
  if (a.ndim < 2 || a.shape[a.ndim - 1] !== a.shape[a.ndim - 2]) fail('shape', `matrix_power needs square matrices in the last two axes, got shape ${formatShape(a.shape)}`, range);
  if (n === 0) {
    if (a.ndim > 2) fail('unsupported', 'GradLens does not support matrix_power(a, 0) of a stack of matrices yet', range);
    return eye(rt, a.shape[0]!, a.shape[0]!, site);
  }
  if (n < 0) a = inv(rt, a, site);
  // binary powering: the result's factors a, a², a⁴ … where n's bits say
  let result: typeof a | undefined;
  let square = a;
  for (let k = Math.abs(n); k > 0; k >>= 1) {
    if (k & 1) result = result === undefined ? square : matmul(rt, result, square, site, 'matrix_power');
    if (k > 1) square = matmul(rt, square, square, site, 'matrix_power');
  }
  return result!;
};
