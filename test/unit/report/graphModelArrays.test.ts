import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockMeans, gridFor, gridSideFor, shapeLabel } from '../../../src/report/graphArrays';
import { isGraphModel, type GraphModel, type GraphNode } from '../../../src/protocol/graphModel';
import { ARRAYS_TEXT as ARRAYS, mlpModel, modelOf } from './fixtures';

/**
 * Array nodes (numpy) in the graph model: shapes, and value / tangent / adjoint pictures that are the
 * engine's numbers — the nodes' buffers and the forward and reverse sweeps over the array rows.
 */


const arrayNode = (m: GraphModel, op: string): GraphNode => {
  const n = m.nodes.find((x) => x.op === op && x.array);
  assert.ok(n, `no array node ${op} in ${m.nodes.map((x) => x.op).join(' ')}`);
  return n;
};

test('x * 2 for x = [1, 2, 3]: the node has shape (3,) and value [2, 4, 6]', () => {
  const m = modelOf(ARRAYS, 'twice', { plots: false });
  const mul = arrayNode(m, 'mul');
  const a = mul.array!;
  assert.deepEqual(a.shape, [3]);
  assert.deepEqual(a.grid, [1, 3]);
  assert.equal(a.label, '3 (1-D)');
  assert.equal(a.downsampled, false);
  assert.deepEqual(a.value, { cells: [2, 4, 6], min: 2, max: 6 });
  // Seed x[0]: ∂(2x)/∂x₀ = [2, 0, 0]. The output is not a scalar: no adjoint picture.
  assert.equal(m.seed, 'x[0]');
  assert.deepEqual(a.tangent!.cells, [2, 0, 0]);
  assert.equal(a.adjoint, null);
  // A three-entry array has no single number: its scalar columns are null, not the sweeps' 0.
  assert.equal(mul.value, null);
  assert.equal(mul.tangent, null);
  // The parameter's array row reads its three entries.
  const param = m.nodes.find((n) => n.op === 'input' && n.array)!;
  assert.deepEqual(param.array!.value.cells, [1, 2, 3]);
  const entries = m.inputs.map((i) => i.nodeId);
  assert.deepEqual(m.edges.filter((e) => e.to === param.id).map((e) => e.from), entries);
  assert.ok(m.edges.some((e) => e.from === param.id && e.to === mul.id));
  // A constant operand that is one number for every element is written as that number.
  assert.equal(mul.expression, 'v₁ × 2');
});

test('a constant operand that varies across elements reads `const`, and its exponent rule stays written out', () => {
  const text = `import numpy as np

E = np.array([2.0, 3.0, 0.5])
W = np.array([1.0, -1.0, 2.0])

# @at x=[1.0, 2.0, 3.0]
def weighted(x):
    return np.sum(x ** E * W)
`;
  const m = modelOf(text, 'weighted', { plots: false });
  const pow = arrayNode(m, 'pow');
  assert.equal(pow.expression, 'v₁^const');
  assert.equal(arrayNode(m, 'mul').expression, `${pow.name} × const`);
  // b − 1 of an exponent that is no single number is written out, never computed as NaN.
  const powRow = m.tangentRows.find((r) => r.nodeId === pow.id)!;
  assert.match(powRow.tangent, /^v̇\S+ = const × v\S+\^\(const − 1\) × v̇\S+$/);
  assert.ok(!JSON.stringify(m).includes('NaN'));
  // ∂/∂x of Σ W·x^E = W·E·x^(E−1): [2, −12, 0.5·2·3^(−0.5)].
  const want = [2, -12, 2 * 0.5 * 3 ** -0.5];
  (m.gradient as number[]).forEach((g, i) => assert.ok(Math.abs(g - want[i]!) <= 1e-15 * Math.abs(want[i]!), `∂x${i}: ${g} vs ${want[i]}`));
});

test('np.sum(x ** 2): the adjoint of x is 2x, and of x ** 2 is ones; the sum is a 0-d array', () => {
  const m = modelOf(ARRAYS, 'squares', { plots: false });
  const x = m.nodes.find((n) => n.op === 'input' && n.array)!;
  assert.deepEqual(x.array!.adjoint, { cells: [2, 4, 6], min: 2, max: 6 });
  assert.deepEqual(m.gradient, [2, 4, 6]);
  const pow = arrayNode(m, 'pow');
  assert.deepEqual(pow.array!.value.cells, [1, 4, 9]);
  assert.deepEqual(pow.array!.adjoint!.cells, [1, 1, 1]);
  // ∂(x²)/∂x₀ along the seed x[0]: [2, 0, 0].
  assert.deepEqual(pow.array!.tangent!.cells, [2, 0, 0]);
  const sum = arrayNode(m, 'sum');
  assert.deepEqual(sum.array!.shape, []);
  assert.equal(sum.array!.label, '0-d');
  // A one-entry array is also a number: value 14, tangent 2, adjoint 1.
  assert.deepEqual([sum.value, sum.tangent, sum.adjoint], [14, 2, 1]);
  // The tables show the same numbers for array rows (null where an array has many entries).
  const row = m.tangentRows.find((r) => r.nodeId === sum.id)!;
  assert.deepEqual([row.value, row.tangentValue], [14, 2]);
  assert.equal(m.tangentRows.find((r) => r.nodeId === pow.id)!.tangentValue, null);
  // The constant exponent is the number 2 for every element: the rule reads as a scalar row's would.
  const powRow = m.tangentRows.find((r) => r.nodeId === pow.id)!;
  assert.match(powRow.tangent, /^v̇\S+ = 2 × v\S+\^1 × v̇\S+$/);
  assert.equal(pow.expression, 'v₁^2');
  assert.ok(!JSON.stringify(m).includes('NaN'));
});

test('a 256×128 array is shown as 32×32 block means and says so; min and max are exact', () => {
  const m = modelOf(ARRAYS, 'big', { plots: false });
  const M = m.nodes.find((n) => n.array && n.array.shape.length === 2 && n.op === 'mul')!;
  const a = M.array!;
  assert.deepEqual(a.shape, [256, 128]);
  assert.deepEqual(a.grid, [32, 32]);
  assert.equal(a.downsampled, true);
  assert.equal(a.label, '256×128 (shown 32×32 mean)');
  assert.equal(a.value.cells.length, 1024);
  // Blocks of 8 rows × 4 columns of i·128 + j: the first has mean 3.5·128 + 1.5.
  assert.equal(a.value.cells[0], 449.5);
  assert.equal(a.value.cells[1023], Number((251.5 * 128 + 125.5).toPrecision(4)));
  assert.deepEqual([a.value.min, a.value.max], [0, 256 * 128 - 1]);
  // The adjoint of M in sum(M) is all ones.
  assert.ok(a.adjoint!.cells.every((c) => c === 1));
  assert.ok(isGraphModel(JSON.parse(JSON.stringify(m))));
  assert.ok(JSON.stringify(M).length < 40_000, `${JSON.stringify(M).length} bytes for one 256×128 node`);
});

test('grids: each axis within 32 cells, coarser when a model has many arrays; labels', () => {
  assert.deepEqual(gridFor(3, 2, 32), { rows: 3, cols: 2, blockRows: 1, blockCols: 1 });
  assert.deepEqual(gridFor(1, 100, 32), { rows: 1, cols: 25, blockRows: 1, blockCols: 4 });
  assert.deepEqual(gridFor(0, 5, 32), { rows: 0, cols: 5, blockRows: 1, blockCols: 1 });
  assert.equal(gridSideFor(10), 32);
  assert.ok(gridSideFor(500) < 32 && gridSideFor(500) >= 4);
  assert.equal(gridSideFor(100_000), 4);
  assert.deepEqual(blockMeans(Float64Array.of(1, 2, NaN, 4), 2, 2, gridFor(2, 2, 1)), [null]);
  assert.deepEqual(blockMeans(Float64Array.of(1, 2, 3, 4), 2, 2, gridFor(2, 2, 1)), [2.5]);
  assert.equal(shapeLabel([100], { rows: 1, cols: 25 }, true), '100 (1-D, shown as 25 means)');
  assert.equal(shapeLabel([2, 3, 4], { rows: 6, cols: 4 }, false), '2×3×4 (shown as 6×4)');
});

test('the MLP of bench/fixtures/mlp.py: every array row has a picture, and the model is valid protocol data', () => {
  const m = mlpModel(16, { plots: false });
  const arrays = m.nodes.filter((n) => n.array);
  assert.ok(arrays.length >= 10, String(arrays.length));
  const hidden = arrays.find((n) => n.op === 'tanh')!.array!;
  assert.equal(hidden.label, '256×16 (shown 32×16 mean)');
  for (const n of arrays) {
    const a = n.array!;
    assert.ok(a.grid[0] <= 32 && a.grid[1] <= 32);
    for (const c of [a.value, a.tangent!, a.adjoint!]) assert.equal(c.cells.length, a.grid[0] * a.grid[1], n.name);
  }
  assert.ok(isGraphModel(JSON.parse(JSON.stringify(m))));
});
