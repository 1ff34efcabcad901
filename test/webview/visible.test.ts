// The webview's pure parts, in Node: what a large graph collapses to, hub edges, iso-lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoSegments, quantile } from '../../webview/src/contour';
import { COLLAPSE_THRESHOLD, heatmapBox, HEATMAP_TOP, NODE_HEIGHT, openByDefault, visibleGraph } from '../../webview/src/graph/visible';
import { layoutGraph } from '../../webview/src/graph/layout';
import { loopModel, mlpModel, seed001Model } from '../unit/report/fixtures';
import { cpuMillis } from '../cpuTime';

test('a small graph shows every node; a large one opens collapsed and expands group by group', () => {
  const small = seed001Model({ plots: false });
  assert.ok(small.nodes.length <= COLLAPSE_THRESHOLD);
  assert.equal(visibleGraph(small, {}).nodes.length, small.nodes.length);

  const big = loopModel(undefined, { plots: false });
  const collapsed = visibleGraph(big, {});
  assert.ok(collapsed.nodes.length <= 5);
  for (const n of big.nodes) assert.ok(collapsed.keyOf.has(n.id));
  // Edges between groups are merged and counted; none is a self-loop.
  assert.ok(collapsed.edges.every((e) => e.from !== e.to));
  const open = visibleGraph(big, { 'line:6': true });
  assert.equal(open.nodes.length, collapsed.nodes.length - 1 + big.groups.find((g) => g.id === 'line:6')!.members.length);
  // `a` feeds all 125 iterations: its edges become stubs and stay out of the layout.
  const a = big.nodes.find((n) => n.label === 'a')!;
  assert.equal(open.edges.filter((e) => e.from === `n${a.id}` && e.stub).length, 125);
  const all = visibleGraph(big, Object.fromEntries(big.groups.map((g) => [g.id, true])));
  assert.equal(all.nodes.length, big.nodes.length);
});

test('dagre lays out the expanded 500-node graph in well under a second (Node)', () => {
  const big = loopModel(undefined, { plots: false });
  const all = visibleGraph(big, Object.fromEntries(big.groups.map((g) => [g.id, true])));
  const input = { nodes: all.nodes.map((n) => ({ key: n.key, width: n.width, height: n.height })), edges: all.edges.filter((e) => !e.stub) };
  const { value: layout, ms } = cpuMillis(() => layoutGraph(input));
  assert.equal(Object.keys(layout.positions).length, big.nodes.length);
  assert.equal(layout.routes.length, input.edges.length);
  // Inputs sit above what they feed.
  for (const e of input.edges) assert.ok(layout.positions[e.from]![1] < layout.positions[e.to]![1], `${e.from} → ${e.to}`);
  // CPU time: the wall clock of a loaded CI machine is no measure of the layout's cost.
  assert.ok(ms < 3000, `${ms.toFixed(0)} ms of CPU`);
});

test('a numpy function opens with its few array operations in view, its parameters’ entries collapsed', () => {
  const mlp = mlpModel(16, { plots: false });
  assert.ok(mlp.nodes.length > COLLAPSE_THRESHOLD);
  const open = openByDefault(mlp);
  assert.ok(mlp.groups.filter((g) => g.kind === 'parameter').every((g) => !open.has(g.id)));
  assert.ok(mlp.groups.some((g) => g.kind === 'line' && open.has(g.id)));
  const vis = visibleGraph(mlp, {});
  assert.ok(vis.nodes.length <= COLLAPSE_THRESHOLD);
  const tanh = vis.nodes.find((n) => n.node?.op === 'tanh')!;
  // Taller than a scalar node by its heatmap: 32×16 cells of 5 px.
  assert.deepEqual(heatmapBox(tanh.node!.array!), { width: 80, height: 160, cellWidth: 5, cellHeight: 5 });
  assert.ok(tanh.height === HEATMAP_TOP + 160 + 8 && tanh.height > NODE_HEIGHT);
  assert.ok(tanh.width >= 80 + 16);
  // The 500-node loop still opens as a handful of groups: its one line group is too large to open.
  assert.equal(openByDefault(loopModel(undefined, { plots: false })).size, 0);
});

test('marching squares: a plane crosses each cell once; missing corners draw nothing', () => {
  // f(x, y) = x on a 3×3 grid: the level 0.5 is the vertical line x = 0.5 through two cells.
  const values = [0, 1, 2, 0, 1, 2, 0, 1, 2];
  assert.deepEqual(isoSegments(values, 3, 3, 0.5), [
    [0.5, 0, 0.5, 1],
    [0.5, 1, 0.5, 2],
  ]);
  assert.deepEqual(isoSegments([0, 1, null, 1], 2, 2, 0.5), []);
  assert.equal(quantile([3, null, 1, 2], 0.5), 2);
  assert.equal(quantile([null], 0.5), undefined);
});
