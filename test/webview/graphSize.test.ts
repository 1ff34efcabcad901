// Graphs at any size (issue 22): a 1,000-node graph expanded and fitted shows readable labels, with
// an overview of the rest; zooming out far draws plain boxes (semantic zoom); no label leaves its box.
// Screenshots in test-artifacts/webview/graph-size-*.png, in both themes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loopModel } from '../unit/report/fixtures';
import { startHarness, type Harness, type WebviewPage } from './harness';

/** The nodes whose box is inside the graph's view, with their title's rendered height and whether it fits its box. */
const IN_VIEW_JS = `(() => {
  const view = document.querySelector('svg.graph').getBoundingClientRect();
  return [...document.querySelectorAll('svg.graph .node')].flatMap((g) => {
    const box = g.querySelector('.box').getBoundingClientRect();
    if (box.left < view.left || box.right > view.right || box.top < view.top || box.bottom > view.bottom) return [];
    const title = g.querySelector('text.title');
    const t = title.getBoundingClientRect();
    return [{ key: g.dataset.key, text: title.textContent, height: t.height, shown: getComputedStyle(title).display !== 'none', inside: t.right <= box.right + 0.5 && t.left >= box.left - 0.5 }];
  });
})()`;

/** Every drawn text of every node, whether it ends inside its box (in the node's own coordinates). */
const OVERFLOWING_JS = `[...document.querySelectorAll('svg.graph .node')].flatMap((g) => {
  const width = Number(g.querySelector('.box').getAttribute('width'));
  return [...g.querySelectorAll(':scope > text')].filter((t) => Number(t.getAttribute('x')) + t.getComputedTextLength() > width + 0.5).map((t) => t.textContent);
})`;

interface InView {
  key: string;
  text: string;
  height: number;
  shown: boolean;
  inside: boolean;
}

const scaleOf = async (view: WebviewPage): Promise<number> => Number((await view.page.getAttribute('svg.graph .viewport', 'transform')).match(/scale\(([\d.]+)\)/)![1]);

for (const theme of ['dark', 'light'] as const) {
  describe(`graph webview at any size (${theme})`, () => {
    let harness: Harness;
    let view: WebviewPage;
    const model = loopModel(250);

    before(async () => {
      harness = await startHarness();
      view = await harness.open(theme);
    });
    after(async () => harness?.close());

    it('collapsed, a group label never overflows its box', async () => {
      assert.ok(model.nodes.length >= 1000, String(model.nodes.length));
      await view.send({ type: 'show', model });
      await view.rendered();
      assert.deepEqual(await view.page.evaluate(OVERFLOWING_JS), []);
    });

    it('a 1,000-node graph expanded and fitted shows readable labels, and an overview of the rest', async () => {
      await view.page.click('button[aria-label="Expand every group"]');
      await view.rendered();
      assert.equal(await view.page.locator('svg.graph .node').count(), model.nodes.length);
      await view.page.click('button[aria-label="Fit the graph (0)"]');
      await view.screenshot(`graph-size-1000-fit-${theme}`);
      assert.ok((await scaleOf(view)) >= 0.8, `scale ${await scaleOf(view)}`);
      const inView = (await view.page.evaluate(IN_VIEW_JS)) as InView[];
      assert.ok(inView.length >= 8, `${inView.length} nodes in view`);
      for (const n of inView) {
        assert.ok(n.shown && n.height >= 9, `${n.key} "${n.text}": title ${n.height.toFixed(1)} px tall, shown ${n.shown}`);
        assert.ok(n.inside, `${n.key} "${n.text}" overflows its box`);
      }
      assert.ok(await view.page.isVisible('svg.minimap'), 'the overview is shown');
      assert.deepEqual(await view.page.evaluate(OVERFLOWING_JS), []);
    });

    it('the overview moves the view; the wheel scrolls; zoomed far out, nodes are plain boxes', async () => {
      const before = await view.page.getAttribute('svg.graph .viewport', 'transform');
      // Click the output in the overview: the view moves to it.
      const output = (await view.page.locator('svg.minimap rect.output').boundingBox())!;
      await view.page.mouse.click(output.x + output.width / 2, output.y + output.height / 2);
      const moved = await view.page.getAttribute('svg.graph .viewport', 'transform');
      assert.notEqual(moved, before);
      // The view's frame in the overview is now centred where it was clicked (a pixel of it spans ~400 px of this graph).
      const frame = (await view.page.locator('svg.minimap rect.minimap-view').boundingBox())!;
      const [fx, fy] = [frame.x + frame.width / 2, frame.y + frame.height / 2];
      assert.ok(Math.hypot(fx - (output.x + output.width / 2), fy - (output.y + output.height / 2)) <= 3, `frame at ${fx}, ${fy}`);
      await view.screenshot(`graph-size-1000-output-${theme}`);
      const graph = (await view.page.locator('svg.graph').boundingBox())!;
      await view.page.mouse.move(graph.x + graph.width / 2, graph.y + graph.height / 2);
      await view.page.mouse.wheel(0, 300);
      const scrolled = await view.page.getAttribute('svg.graph .viewport', 'transform');
      assert.notEqual(scrolled, moved);
      assert.equal(scrolled.match(/scale\(([\d.]+)\)/)![1], moved.match(/scale\(([\d.]+)\)/)![1], 'the wheel scrolls, it does not zoom');
      await view.page.focus('svg.graph .node');
      for (let i = 0; i < 8; i++) await view.page.keyboard.press('-');
      assert.ok((await scaleOf(view)) < 0.55);
      assert.equal(await view.page.evaluate(`getComputedStyle(document.querySelector('svg.graph .node text.title')).display`), 'none');
      await view.screenshot(`graph-size-1000-far-${theme}`);
      assert.deepEqual(view.errors, []);
    });
  });
}
