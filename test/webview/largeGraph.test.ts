// A 500-node graph (an unrolled loop) in the webview: it opens collapsed by source line and parameter,
// expands on demand (laid out in the worker), and collapses again. Screenshots in test-artifacts/webview/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loopModel } from '../unit/report/fixtures';
import { startHarness, type Harness, type WebviewPage } from './harness';

describe('graph webview: a 500-node unrolled loop', () => {
  let harness: Harness;
  let view: WebviewPage;
  const model = loopModel();

  before(async () => {
    harness = await startHarness();
    view = await harness.open('dark');
  });
  after(async () => harness?.close());

  it('opens collapsed: one node per source line, list parameter and lone input', async () => {
    assert.ok(model.nodes.length >= 500, String(model.nodes.length));
    await view.send({ type: 'show', model });
    const t = await view.rendered();
    const shown = await view.page.locator('svg.graph .node').count();
    assert.ok(shown <= 5, `${shown} nodes shown`);
    assert.equal(await view.page.locator('svg.graph .node.group').count(), 2);
    assert.match(await view.page.textContent('.toolbar .status'), /^\d of \d+ nodes \(collapsed\)/);
    assert.ok(t.paintMs < 1000, `first paint ${t.paintMs} ms`);
    await view.screenshot('loop-collapsed-dark');
  });

  it('expands a group on click, laying out ~375 nodes in the worker, with the shared parameter as stubs', async () => {
    await view.page.click('.node.group[data-key="g:line:6"]');
    const t = await view.rendered();
    const shown = await view.page.locator('svg.graph .node').count();
    // Line 6 records three nodes an iteration (sin, a·, s+; x[i] is the input's own entry) for 125 iterations.
    assert.ok(shown >= 3 * 125, `${shown} nodes shown`);
    assert.equal(t.layoutIn, 'worker');
    // `a` feeds every iteration: drawn as labelled stubs, not 100 long edges.
    assert.ok((await view.page.locator('svg.graph path.edge.stub').count()) >= 100);
    console.log(`expanded ${shown} nodes: layout ${t.layoutMs} ms, paint ${t.paintMs} ms`);
    await view.screenshot('loop-expanded-dark');
    await view.page.keyboard.press('0');
    await view.screenshot('loop-expanded-fit-dark');
  });

  it('c on a member collapses its group again; Expand all shows every node; Enter on a group expands it', async () => {
    const member = model.groups.find((g) => g.id === 'line:6')!.members[5]!;
    await view.page.focus(`.node[data-node="${member}"]`);
    await view.page.keyboard.press('c');
    await view.rendered();
    assert.ok((await view.page.locator('svg.graph .node').count()) <= 5);
    assert.equal(await view.page.evaluate(() => (globalThis as any).document.activeElement.dataset.key), 'g:line:6');
    await view.page.click('button[aria-label="Expand every group"]');
    const t = await view.rendered();
    assert.equal(await view.page.locator('svg.graph .node').count(), model.nodes.length);
    console.log(`all ${model.nodes.length} nodes: layout ${t.layoutMs} ms, paint ${t.paintMs} ms (${t.layoutIn})`);
    await view.screenshot('loop-all-dark');
    await view.page.click('button[aria-label="Collapse by source line, helper and parameter"]');
    await view.rendered();
    await view.page.focus('.node.group[data-key="g:param:x"]');
    await view.page.keyboard.press('Enter');
    await view.rendered();
    assert.ok((await view.page.locator('svg.graph .node.input').count()) >= 100);
  });

  it('a cursor on the loop body highlights that operation in every iteration', async () => {
    const sin = model.nodes.find((n) => n.op === 'sin')!;
    await view.send({ type: 'highlight', documentUri: model.documentUri, position: { line: sin.range.start.line, column: sin.range.start.column + 3 } });
    await view.page.waitForFunction(() => ((globalThis as any).document.getElementById('app').dataset.highlighted ?? '').split(',').length >= 100);
    const ids = (await view.page.getAttribute('#app', 'data-highlighted')).split(',').map(Number);
    assert.ok(ids.every((id: number) => model.nodes[id]!.op === 'sin'));
    // The line group is collapsed, so the group node carries the highlight.
    assert.equal(await view.page.locator('.node.group.hl').count(), 1);
    assert.deepEqual(await view.cspViolations(), []);
    assert.deepEqual(view.errors, []);
  });
});
