// The overview takes the graph's shape (a wide graph gets a thin strip along the bottom), and sits in
// a strip of its own beside the graph's view: it never covers a node. Build first; screenshots go to
// test-artifacts/webview/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { modelOf } from '../unit/report/fixtures';
import { startHarness, type Harness } from './harness';

const PARAMS = Array.from({ length: 24 }, (_, i) => `a${i}`);
// 24 inputs, each squared, summed pairwise: a graph far wider than tall.
const WIDE = `# @at ${PARAMS.map((p, i) => `${p}=${i + 1}`).join(', ')}
def wide(${PARAMS.join(', ')}):
    return ${PARAMS.map((p) => `${p} * ${p}`).join(' + ')}
`;

// Black-Scholes d1: its formulas take the top of the panel, so its graph does not fit at a readable scale.
const D1 = `import numpy as np

# @at S=100, K=95, r=0.05, sigma=0.2, T=1.5
def d1(S, K, r, sigma, T):
    return (np.log(S / K) + (r + sigma ** 2 / 2) * T) / (sigma * np.sqrt(T))
`;

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('graph webview: the overview of a graph larger than the view', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness?.close());

  it('is a thin strip in the graph’s proportions, beside the view', async () => {
    const view = await harness.open('dark', { width: 900, height: 600 });
    await view.send({ type: 'show', model: modelOf(WIDE, 'wide', { plots: false }) });
    await view.rendered();
    assert.ok(await view.page.isVisible('svg.minimap'), 'a graph wider than the view has an overview');
    const box = (await view.page.locator('svg.minimap').boundingBox())!;
    const graph = (await view.page.locator('svg.graph').boundingBox())!;
    await view.screenshot('minimap-wide-dark');
    assert.ok(box.width >= 150, `width ${box.width}`);
    assert.ok(box.height <= box.width / 2, `a strip: ${box.width}×${box.height}`);
    assert.ok(!overlaps(box, graph), `beside the view: overview ${JSON.stringify(box)}, view ${JSON.stringify(graph)}`);
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`covers no node: it sits beside the view, and panning keeps it there (${theme})`, async () => {
      const view = await harness.open(theme, { width: 1000, height: 700 });
      await view.send({ type: 'show', model: modelOf(D1, 'd1', { plots: false }) });
      await view.rendered();
      assert.ok(await view.page.isVisible('svg.minimap'), 'the graph does not fit: an overview is shown');
      const check = async (when: string): Promise<void> => {
        const map = (await view.page.locator('svg.minimap').boundingBox())!;
        const graph = (await view.page.locator('svg.graph').boundingBox())!;
        assert.ok(!overlaps(map, graph), `${when}: the overview ${JSON.stringify(map)} lies over the view ${JSON.stringify(graph)}`);
        const boxes = (await view.page.evaluate(`[...document.querySelectorAll('svg.graph .node .box')].map((b) => { const r = b.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; })`)) as Box[];
        assert.ok(boxes.length >= 10);
        assert.deepEqual(boxes.filter((b) => overlaps(b, map)), [], `${when}: nodes drawn under the overview`);
      };
      await check('fitted');
      await view.screenshot(`minimap-beside-${theme}`);
      // Drag the graph to the left and up: what moves into the corner is still not under the overview.
      const graph = (await view.page.locator('svg.graph').boundingBox())!;
      await view.page.mouse.move(graph.x + graph.width - 40, graph.y + graph.height - 40);
      await view.page.mouse.down();
      await view.page.mouse.move(graph.x + 40, graph.y + 40, { steps: 5 });
      await view.page.mouse.up();
      await check('panned');
    });
  }
});
