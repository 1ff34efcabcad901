import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isArrayData, type ArrayData } from '../../../src/protocol/arrayData';
import { isGraphModel } from '../../../src/protocol/graphModel';
import { isHostMessage } from '../../../src/protocol/messages';
import { isPanelTarget, panelTargetOf } from '../../../src/protocol/panelTarget';
import { modelOf } from '../report/fixtures';

const clone = <T>(x: T): any => JSON.parse(JSON.stringify(x));

const good: ArrayData = {
  shape: [2, 3],
  grid: [2, 3],
  downsampled: false,
  label: '2×3',
  value: { cells: [1, 2, 3, 4, 5, null], min: 1, max: 5 },
  tangent: { cells: [0, 0, 0, 0, 0, 0], min: 0, max: 0 },
  adjoint: null,
};

test('a well-formed array payload is accepted', () => {
  assert.ok(isArrayData(good));
  assert.ok(isArrayData({ ...good, shape: [], grid: [1, 1], label: '0-d', value: { cells: [7], min: 7, max: 7 }, tangent: null }));
  assert.ok(isArrayData({ ...good, shape: [0], grid: [1, 0], value: { cells: [], min: null, max: null }, tangent: null }));
});

test('malformed array payloads are rejected', () => {
  const bad: unknown[] = [
    null,
    [],
    { ...good, shape: undefined },
    { ...good, shape: [2, -3] },
    { ...good, shape: [2, 1.5] },
    { ...good, shape: '2×3' },
    { ...good, grid: [2] },
    { ...good, grid: [2, 3, 1] },
    { ...good, grid: [33, 1] }, // more than 32 rows: not downsampled as promised
    { ...good, grid: [-1, 3] },
    { ...good, downsampled: 'no' },
    { ...good, label: 5 },
    { ...good, value: null }, // the value picture is always there
    { ...good, value: { ...good.value, cells: [1, 2, 3] } }, // fewer cells than the grid
    { ...good, value: { ...good.value, cells: [1, 2, 3, 4, 5, 'six'] } },
    { ...good, value: { ...good.value, cells: [1, 2, 3, 4, 5, Number.NaN] } }, // non-finite travels as null
    { ...good, value: { ...good.value, cells: [1, 2, 3, 4, 5, Infinity] } },
    { ...good, value: { ...good.value, min: 6, max: 1 } },
    { ...good, value: { cells: good.value.cells, min: 1 } },
    { ...good, tangent: { cells: 'zeros', min: 0, max: 0 } },
    { ...good, adjoint: 0 },
    { ...good, grid: [32, 32], value: { cells: new Array(1025).fill(0), min: 0, max: 0 } },
  ];
  for (const x of bad) assert.ok(!isArrayData(x), JSON.stringify(x)?.slice(0, 200));
});

test('a model or a show message with a malformed array node is rejected', () => {
  const text = `import numpy as np\n\n# @at x=[1.0, 2.0, 3.0]\ndef f(x):\n    return np.sum(x ** 2)\n`;
  const model = clone(modelOf(text, 'f', { plots: false }));
  assert.ok(isGraphModel(model));
  assert.ok(isHostMessage({ type: 'show', model }));
  const k = model.nodes.findIndex((n: any) => n.array);
  assert.ok(k >= 0);
  const broken = [
    (m: any) => (m.nodes[k].array.value.cells = [1, 2]),
    (m: any) => (m.nodes[k].array.grid = [1]),
    (m: any) => (m.nodes[k].array.shape = [-3]),
    (m: any) => (m.nodes[k].array = 'big'),
    (m: any) => (m.nodes[k].array.adjoint.cells[0] = '2'),
  ];
  for (const breakIt of broken) {
    const m = clone(model);
    breakIt(m);
    assert.ok(!isGraphModel(m), breakIt.toString());
    assert.ok(!isHostMessage({ type: 'show', model: m }), breakIt.toString());
  }
});

test('the panel target kept for a window reload is validated before use', () => {
  const target = { documentUri: 'file:///a.py', functionName: 'f', point: 'x=1', seed: 'x' };
  assert.ok(isPanelTarget(target));
  assert.deepEqual(panelTargetOf({ version: 1, target, model: null }), target);
  for (const state of [undefined, null, 'x', {}, { target: null }, { target: { ...target, documentUri: '' } }, { target: { ...target, functionName: 3 } }, { target: { ...target, seed: 1 } }]) {
    assert.equal(panelTargetOf(state), undefined, JSON.stringify(state));
  }
});
