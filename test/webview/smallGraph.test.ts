// A small graph with a list parameter, in a narrow panel: the summary line keeps its point source and
// node count in view (long lists counted, as a lens counts them), and the list's entries start as one
// input node with short stubs into their uses, so the loop reads top to bottom at a readable scale.
// Build first; screenshots go to test-artifacts/webview/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loopModel } from '../unit/report/fixtures';
import { startHarness, type Harness } from './harness';

describe('graph webview: a 17-entry list in a narrow panel', () => {
  let harness: Harness;
  const model = loopModel(17, { plots: false });
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness?.close());

  for (const theme of ['dark', 'light'] as const) {
    it(`the summary fits and ends with its source and node count; the list is one input (${theme})`, async () => {
      const view = await harness.open(theme, { width: 560, height: 640 });
      await view.send({ type: 'show', model });
      await view.rendered();
      const summary = view.page.locator('header.summary');
      assert.match((await summary.textContent()) ?? '', /^loop\(x=17-entry array, a=0\.5\) = 1\.52 · ∇: 18 entries, ‖·‖ = \d\.\d+ ?\(call on line 11; 69 nodes\)$/);
      // The source and count are never what the edge cuts: the meta span is whole and inside the header.
      const header = (await summary.boundingBox())!;
      const meta = (await view.page.locator('header.summary .meta').boundingBox())!;
      assert.ok(meta.x + meta.width <= header.x + header.width + 0.5, `meta ends at ${meta.x + meta.width}, header at ${header.x + header.width}`);
      const metaCut = await view.page.evaluate(`(() => { const m = document.querySelector('header.summary .meta'); return m.scrollWidth > m.clientWidth; })()`);
      assert.equal(metaCut, false);
      // Every entry is in the tooltip.
      assert.equal(((await summary.getAttribute('title')) ?? '').split('∇ = (')[1]!.split(',').length, 18);
      // x's 17 entries: one collapsed input node; `a` and it feed the iterations through stubs.
      assert.equal(await view.page.locator('svg.graph .node.group.input').count(), 1);
      assert.match((await view.page.locator('svg.graph .node.group.input text.title').textContent()) ?? '', /^x \(17 entries\)$/);
      assert.equal(await view.page.locator('svg.graph .node[data-node]').count(), model.nodes.length - 17);
      assert.ok((await view.page.locator('svg.graph text.stub-label', { hasText: /^x$/ }).count()) >= 17);
      await view.screenshot(`small-list-narrow-${theme}`);
      // Expanding the list shows each entry.
      await view.page.click('svg.graph .node.group.input');
      await view.rendered(2);
      assert.equal(await view.page.locator('svg.graph .node.group').count(), 0);
      assert.equal(await view.page.locator('svg.graph .node[data-node]').count(), model.nodes.length);
      assert.deepEqual(await view.cspViolations(), []);
      assert.deepEqual(view.errors, []);
    });
  }
});
