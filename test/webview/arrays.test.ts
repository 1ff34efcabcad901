// Array nodes in the graph webview (Chromium, stand-in host): the shape and a heatmap of the selected
// overlay, downsampled big arrays, and the editor's highlight panning an off-screen node into view.
// Screenshots in test-artifacts/webview/ (docs/images/graph-arrays.png is one of them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { GraphModel } from '../../src/protocol/graphModel';
import { ARRAYS_TEXT, mlpModel, modelOf } from '../unit/report/fixtures';
import { startHarness, type Harness, type WebviewPage } from './harness';

const cellsOf = (view: WebviewPage, id: number): Promise<string[]> =>
  view.page.$$eval(`.node[data-node="${id}"] .heatmap rect.cell`, (rects: any[]) => rects.map((r) => `${r.getAttribute('class')} ${r.getAttribute('fill-opacity') ?? ''}`.trim()));

const transformOf = (view: WebviewPage): Promise<string> => view.page.getAttribute('svg.graph .viewport', 'transform');

async function inView(view: WebviewPage, id: number): Promise<boolean> {
  const box = await view.page.locator(`.node[data-node="${id}"]`).boundingBox();
  const svg = await view.page.locator('svg.graph').boundingBox();
  assert.ok(box && svg);
  return box.x >= svg.x && box.y >= svg.y && box.x + box.width <= svg.x + svg.width && box.y + box.height <= svg.y + svg.height;
}

describe('graph webview: array nodes', () => {
  let harness: Harness;
  let view: WebviewPage;
  const squares = modelOf(ARRAYS_TEXT, 'squares', { plots: false }, 'python', 'file:///work/arrays.py');
  const pow = squares.nodes.find((n) => n.op === 'pow')!;

  before(async () => {
    harness = await startHarness();
    view = await harness.open('dark', { width: 1000, height: 700 });
  });
  after(async () => harness?.close());

  it('an array node shows its shape and one heatmap cell per entry, its range in the label', async () => {
    await view.send({ type: 'show', model: squares });
    await view.rendered();
    assert.equal(await view.page.textContent(`.node[data-node="${pow.id}"] text.shape`), '3 (1-D)');
    // x ** 2 at x = [1, 2, 3]: values 1, 4, 9 on a scale centred on 0 (9 is full strength).
    assert.deepEqual(await cellsOf(view, pow.id), ['cell pos 0.111', 'cell pos 0.444', 'cell pos 1.000']);
    const label = await view.page.getAttribute(`.node[data-node="${pow.id}"]`, 'aria-label');
    assert.match(label, /array 3 \(1-D\), value min 1\.000, max 9\.000/);
    assert.match(await view.page.textContent(`.node[data-node="${pow.id}"] title`), /tangent min 0\.000, max 2\.000\nadjoint min 1\.000, max 1\.000/);
    // The sum is a 0-d array: one cell, and its number.
    const sum = squares.nodes.find((n) => n.op === 'sum')!;
    assert.equal(await view.page.textContent(`.node[data-node="${sum.id}"] text.shape`), '0-d = 14.000');
    assert.equal((await cellsOf(view, sum.id)).length, 1);
  });

  it('switching the overlay recolours the cells: tangent along x₀, adjoint ∂f/∂(x²) = 1', async () => {
    await view.page.click('button[data-overlay=tangent]');
    await view.rendered();
    assert.deepEqual(await cellsOf(view, pow.id), ['cell pos 1.000', 'cell zero', 'cell zero']);
    assert.match(await view.page.textContent(`.node[data-node="${pow.id}"] text.shape`), /3 \(1-D\)\s*v̇/);
    await view.page.click('button[data-overlay=adjoint]');
    await view.rendered();
    assert.deepEqual(await cellsOf(view, pow.id), ['cell pos 1.000', 'cell pos 1.000', 'cell pos 1.000']);
    const x = squares.nodes.find((n) => n.op === 'input' && n.array)!;
    assert.deepEqual(await cellsOf(view, x.id), ['cell pos 0.333', 'cell pos 0.667', 'cell pos 1.000']); // 2x
    await view.screenshot('arrays-squares-adjoint-dark');
    await view.page.click('button[data-overlay=value]');
    await view.rendered();
  });

  it('a downsampled big array says so, with 32×32 cells', async () => {
    const big = modelOf(ARRAYS_TEXT, 'big', { plots: false }, 'python', 'file:///work/arrays.py');
    const M = big.nodes.find((n) => n.op === 'mul' && n.array)!;
    await view.send({ type: 'show', model: big });
    await view.rendered();
    assert.equal(await view.page.textContent(`.node[data-node="${M.id}"] text.shape`), '256×128 (shown 32×32 mean)');
    assert.equal((await cellsOf(view, M.id)).length, 1024);
    assert.match(await view.page.getAttribute(`.node[data-node="${M.id}"]`, 'aria-label'), /value min 0\.000, max 32767\.000/);
    await view.screenshot('arrays-big-dark');
  });

  it('a highlight from the editor pans an off-screen node into view, keeping the zoom', async () => {
    const text = readFileSync('examples/arrays.py', 'utf8');
    const model: GraphModel = modelOf(text, 'logistic_loss', { plots: false }, 'python', 'file:///work/arrays.py');
    await view.send({ type: 'show', model });
    await view.rendered();
    for (let i = 0; i < 6; i++) await view.page.click('button[aria-label="Zoom in (+)"]');
    const out = model.outputNodes[0]!;
    assert.equal(await inView(view, out), false, 'the output starts below the fold');
    const zoom = (await transformOf(view)).match(/scale\(([\d.]+)\)/)![1];
    const p = model.nodes[out]!.range.start;
    await view.send({ type: 'highlight', documentUri: model.documentUri, position: p });
    await view.page.waitForFunction((id: number) => (globalThis as any).document.getElementById('app').dataset.highlighted.split(',').includes(String(id)), out);
    assert.equal(await inView(view, out), true, 'panned to the output');
    assert.equal((await transformOf(view)).match(/scale\(([\d.]+)\)/)![1], zoom);
    await view.screenshot('arrays-highlight-panned-dark');
    // Already in view: another highlight of it does not move the graph.
    const before = await transformOf(view);
    await view.send({ type: 'highlight', documentUri: model.documentUri, position: { ...p } });
    await view.page.waitForTimeout(100);
    assert.equal(await transformOf(view), before);
  });

  it('selecting a node does not move the graph, nor does the editor’s highlight that answers it', async () => {
    const model = modelOf(readFileSync('examples/arrays.py', 'utf8'), 'logistic_loss', { plots: false }, 'python', 'file:///work/arrays.py');
    // Zoomed in from the overview: find a node that the edge of the view cuts.
    await view.page.keyboard.press('Escape');
    await view.page.click('button[aria-label="Fit the graph (0)"]');
    for (let i = 0; i < 6; i++) await view.page.click('button[aria-label="Zoom in (+)"]');
    const svg = (await view.page.locator('svg.graph').boundingBox())!;
    let target: number | undefined;
    for (const n of model.nodes) {
      // A list parameter's entries are drawn as one collapsed input: not every node is on the page.
      if ((await view.page.locator(`.node[data-node="${n.id}"]`).count()) === 0) continue;
      const b = await view.page.locator(`.node[data-node="${n.id}"]`).boundingBox();
      if (!b) continue;
      const visible = b.x < svg.x + svg.width && b.y < svg.y + svg.height && b.x + b.width > svg.x && b.y + b.height > svg.y;
      const inside = b.x >= svg.x && b.y >= svg.y && b.x + b.width <= svg.x + svg.width && b.y + b.height <= svg.y + svg.height;
      // Enough of it shows to click (a corner 12 px in).
      const clickable = b.y + 12 < svg.y + svg.height && b.y + b.height - 12 > svg.y && b.x + 12 < svg.x + svg.width && b.x + b.width - 12 > svg.x;
      if (visible && !inside && clickable) target = n.id;
    }
    assert.ok(target !== undefined, 'a node cut off by the edge of the view');
    const id: number = target;
    const before = await transformOf(view);
    const box = (await view.page.locator(`.node[data-node="${id}"]`).boundingBox())!;
    const x = Math.min(Math.max(box.x, svg.x) + 8, svg.x + svg.width - 4);
    const y = Math.min(Math.max(box.y, svg.y) + 8, svg.y + svg.height - 4);
    await view.page.mouse.click(x, y);
    assert.equal(await view.page.locator(`.node.selected[data-node="${id}"]`).count(), 1);
    assert.equal(await transformOf(view), before);
    await view.send({ type: 'highlight', documentUri: model.documentUri, position: model.nodes[id]!.range.end });
    await view.page.waitForFunction((n: number) => (globalThis as any).document.getElementById('app').dataset.highlighted.split(',').includes(String(n)), id);
    await view.page.waitForTimeout(100);
    assert.equal(await transformOf(view), before);
  });

  it('a highlight while another tab is open pans when the graph is shown again', async () => {
    const model = modelOf(readFileSync('examples/arrays.py', 'utf8'), 'logistic_loss', { plots: false }, 'python', 'file:///work/arrays.py');
    const first = model.nodes.find((n) => n.op === 'matmul')!;
    await view.page.click('[role=tab][data-tab=tables]');
    await view.send({ type: 'highlight', documentUri: model.documentUri, position: first.range.start });
    await view.page.waitForFunction((id: number) => (globalThis as any).document.getElementById('app').dataset.highlighted.split(',').includes(String(id)), first.id);
    await view.page.click('[role=tab][data-tab=graph]');
    await view.rendered();
    assert.equal(await inView(view, first.id), true);
  });

  it('the MLP of bench/fixtures/mlp.py: array nodes with heatmaps, in dark and light themes', async () => {
    const mlp = mlpModel(16, { plots: false });
    await view.send({ type: 'show', model: mlp });
    await view.rendered();
    const hidden = mlp.nodes.find((n) => n.op === 'tanh')!;
    assert.equal(await view.page.textContent(`.node[data-node="${hidden.id}"] text.shape`), '256×16 (shown 32×16 mean)');
    assert.equal((await cellsOf(view, hidden.id)).length, 32 * 16);
    await view.screenshot('arrays-mlp-dark');
    await view.page.click('button[data-overlay=adjoint]');
    await view.rendered();
    await view.screenshot('arrays-mlp-adjoint-dark');
    // README's picture (docs/images/graph-arrays.png): readable size, the cursor's pan onto tanh.
    for (let i = 0; i < 5; i++) await view.page.click('button[aria-label="Zoom in (+)"]');
    await view.send({ type: 'highlight', documentUri: mlp.documentUri, position: hidden.range.start });
    await view.send({ type: 'highlight', documentUri: mlp.documentUri, position: null });
    await view.page.waitForFunction(() => (globalThis as any).document.getElementById('app').dataset.highlighted === '');
    assert.equal(await inView(view, hidden.id), true);
    await view.screenshot('graph-arrays');
    const light = await harness.open('light', { width: 1000, height: 700 });
    await light.send({ type: 'show', model: mlp });
    await light.rendered();
    await light.screenshot('arrays-mlp-light');
    assert.deepEqual(await light.cspViolations(), []);
    await light.page.context().close();
    assert.deepEqual(await view.cspViolations(), []);
    assert.deepEqual(view.errors, []);
  });
});
