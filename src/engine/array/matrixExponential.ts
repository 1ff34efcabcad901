import { fail } from '../../core/diagnostic';
import type { Runtime } from '../interpreter/runtime';
import { PRIMITIVES as P } from '../primitives/registry';
import { arr, bind, type Impl } from './args';
import { eye, filled } from './construct';
import { applyAny } from './elementwise';
import { ArrayValue, formatShape } from './ndarray';
import { dot } from './products';
import { concatenate, reshape } from './shape';
import { solve } from './solve';

/**
 * scipy.linalg's matrix exponential and block-diagonal matrix, composed of GradLens's own
 * primitives (matrix products, np.linalg.solve, concatenation), so their derivatives are those
 * primitives': filterpy's van Loan discretization `expm(A)` of a block matrix, and its process noise
 * `block_diag(*[Q] * block_size)`.
 *
 * expm by scaling and squaring with the [13/13] Padé approximant (Higham, "The scaling and squaring
 * method for the matrix exponential revisited", 2005): A / 2ˢ has 1-norm at most θ₁₃, its exponential
 * is the approximant's, squared s times. scipy chooses lower degrees at small norms (Al-Mohy and
 * Higham, 2009); both are exact to rounding. s is a choice made on A's value, as scipy's is: the
 * derivative is the approximant's, which is the exponential's to rounding.
 */

const THETA_13 = 5.371920351148152;
const PADE_13 = [
  64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000, 10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380,
  182, 1,
];

function expm(rt: Runtime, a: ArrayValue, site: number): ArrayValue {
  if (a.ndim !== 2 || a.shape[0] !== a.shape[1]) fail('shape', `ValueError: expm expects a square matrix, got shape ${formatShape(a.shape)}`, rt.sites[site]!);
  const n = a.shape[0]!;
  let norm = 0;
  for (let j = 0; j < n; j++) {
    let column = 0;
    for (let i = 0; i < n; i++) column += Math.abs(a.data[i * n + j]!);
    norm = Math.max(norm, column);
  }
  if (!Number.isFinite(norm)) fail('domain', 'expm: the matrix has an entry that is not finite', rt.sites[site]!);
  const s = norm > THETA_13 ? Math.ceil(Math.log2(norm / THETA_13)) : 0;
  const mul = (x: ArrayValue, y: ArrayValue): ArrayValue => dot(rt, x, y, site, 'expm') as ArrayValue;
  const add = (x: ArrayValue, y: ArrayValue): ArrayValue => applyAny(rt, P.add, x, y, site) as ArrayValue;
  const scaled = (k: number, x: ArrayValue): ArrayValue => applyAny(rt, P.mul, k, x, site) as ArrayValue;
  const sum = (terms: readonly [number, ArrayValue][]): ArrayValue => terms.map(([k, x]) => scaled(k, x)).reduce(add);
  const A = s > 0 ? scaled(2 ** -s, a) : a;
  const I = eye(rt, n, n, site);
  const A2 = mul(A, A);
  const A4 = mul(A2, A2);
  const A6 = mul(A4, A2);
  const b = PADE_13;
  const U = mul(A, add(mul(A6, sum([[b[13]!, A6], [b[11]!, A4], [b[9]!, A2]])), sum([[b[7]!, A6], [b[5]!, A4], [b[3]!, A2], [b[1]!, I]])));
  const V = add(mul(A6, sum([[b[12]!, A6], [b[10]!, A4], [b[8]!, A2]])), sum([[b[6]!, A6], [b[4]!, A4], [b[2]!, A2], [b[0]!, I]]));
  let R = solve(rt, add(V, scaled(-1, U)), add(V, U), site);
  for (let k = 0; k < s; k++) R = mul(R, R);
  return R;
}

/** scipy.linalg.block_diag(A, B, …): the blocks on the diagonal, zeros elsewhere; a number is 1 × 1, a vector a row. */
function blockDiag(rt: Runtime, blocks: readonly ArrayValue[], site: number): ArrayValue {
  const matrices = blocks.map((m) => {
    if (m.ndim > 2) fail('shape', `ValueError: block_diag takes arrays of at most 2 dimensions, got shape ${formatShape(m.shape)}`, rt.sites[site]!);
    return m.ndim === 2 ? m : reshape(rt, m, [1, m.ndim === 0 ? 1 : m.shape[0]!], site);
  });
  const width = matrices.reduce((w, m) => w + m.shape[1]!, 0);
  let before = 0;
  const strips = matrices.map((m) => {
    const [rows, cols] = [m.shape[0]!, m.shape[1]!];
    const parts = [filled(rt, [rows, before], 0, site), m, filled(rt, [rows, width - before - cols], 0, site)].filter((p) => p.shape[1]! > 0);
    before += cols;
    return parts.length === 1 ? parts[0]! : concatenate(rt, parts, 1, site, 'block_diag');
  });
  return strips.length === 1 ? strips[0]! : concatenate(rt, strips, 0, site, 'block_diag');
}

export const MATRIX_EXPONENTIAL_IMPLEMENTATIONS = {
  /** scipy.linalg.expm(A). */
  expm: (rt, args, kw, site) => expm(rt, arr(rt, bind(rt, 'expm', ['A'], args, kw, site).A!, site, 'expm'), site),
  /** scipy.linalg.block_diag(*arrs). */
  block_diag: (rt, args, _kw, site) => {
    if (args.length === 0) fail('unsupported', 'GradLens does not support block_diag() of no arrays (scipy returns an empty 1 × 0 array)', rt.sites[site]!);
    return blockDiag(rt, args.map((v) => arr(rt, v, site, 'block_diag')), site);
  },
} satisfies Record<'expm' | 'block_diag', Impl>;
