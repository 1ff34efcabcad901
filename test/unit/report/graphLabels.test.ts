import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { modelOf } from './fixtures';
import type { GraphModel } from '../../../src/protocol/graphModel';

/** The graph's labels read as the seeds write them: no `v₀ = v₀`, one subscript style, list parameters whole, no `element[0]`. */

/** As the webview titles a node (webview/src/graph/visible.ts nodeLabel): an expression equal to the name is not repeated. */
const title = (n: GraphModel['nodes'][number]): string => (n.expression === n.name ? n.name : `${n.name} = ${n.expression}`);

const allTexts = (m: GraphModel): string[] => [
  ...m.nodes.map(title),
  ...m.tangentRows.flatMap((r) => [r.primal, r.tangent]),
  ...m.adjointRows.map((r) => r.text),
  ...m.tape.map((r) => r.text),
];

test('seed 001 as the examples write it (v_1, v0): inputs read as v₋₁ and v₀, never labelled with themselves', () => {
  const m = modelOf(readFileSync('examples/seeds.py', 'utf8'), 'seed001');
  const texts = allTexts(m);
  assert.ok(!texts.some((t) => /^(v\S*) = \1$/u.test(t)), texts.filter((t) => /^(v\S*) = \1$/u.test(t)).join('; '));
  assert.ok(!texts.some((t) => t.includes('_')), texts.filter((t) => t.includes('_')).join('; '));
  assert.deepEqual(m.tangentRows.slice(0, 2).map((r) => r.primal), ['v₋₁', 'v₀']);
  assert.equal(m.tangentRows.at(-1)!.primal, 'seed001(v₋₁, v₀) = v₆');
  assert.equal(m.tangentRows.at(-1)!.tangent, '∂seed001/∂v₋₁ = v̇₆');
  assert.deepEqual(m.inputs.map((i) => i.label), ['v₋₁', 'v₀']);
  // The adjoint table ends at the inputs' own rows: no `v̄₀ = v̄₀` read-off.
  assert.equal(m.adjointRows.at(-1)!.text, 'v̄₋₁ = v̄₁/v₀');
});

test('x_1 reads as x₁, as x1 does', () => {
  const m = modelOf('import numpy as np\n\n# @at x_1=1.5, x2=0.5\ndef f(x_1, x2):\n    return x_1 * x2\n', 'f');
  assert.deepEqual(m.inputs.map((i) => i.label), ['x₁', 'x₂']);
  assert.equal(m.tangentRows[0]!.primal, 'v₋₁ = x₁');
});

test('a list parameter used as an array: its entries feed the array node, whose adjoint they read; numbers read out of arrays are indexed', () => {
  const m = modelOf('import numpy as np\n\n# @at w=[1.0, 2.0, 3.0], x=0.5\ndef f(w, x):\n    return np.sum(w) * x + np.tanh(w)[1]\n', 'f');
  const pack = m.nodes.find((n) => n.expression === '[w]')!;
  assert.ok(pack);
  const into = m.edges.filter((e) => e.to === pack.id);
  assert.deepEqual(into.map((e) => [m.nodes[e.from]!.label, e.argument]), [['w[0]', 0], ['w[1]', 1], ['w[2]', 2]]);
  const rows = Object.fromEntries(m.adjointRows.map((r) => [r.text, r.value]));
  assert.equal(rows['v̄₋₃ = v̄₁[0]'], 0.5);
  assert.ok(Math.abs(rows['v̄₋₂ = v̄₁[1]']! - (0.5 + 1 - Math.tanh(2) ** 2)) < 1e-12);
  const texts = allTexts(m);
  assert.ok(!texts.some((t) => t.includes('element[')), texts.filter((t) => t.includes('element[')).join('; '));
  assert.ok(texts.includes('v₆ = v₅[1]'));
  assert.ok(texts.includes('v₃ = v₂ (its one entry)'));
});

test('the point prints in the one number format, with the precision setting', () => {
  const m = modelOf('# @at x=0.123456789, y=[1.0, 2.5]\ndef f(x, y):\n    return x * y[0] + y[1]\n', 'f', { precision: 3 });
  assert.equal(m.point.text, 'x=0.123, y=[1, 2.5]');
  const m6 = modelOf('# @at x=-0.123456789\ndef f(x):\n    return x * x\n', 'f', { precision: 6 });
  assert.equal(m6.point.text, 'x=−0.123457');
});
