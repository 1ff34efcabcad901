// The overview takes the graph's shape: a wide graph gets a thin strip along the bottom, not a box
// that covers the view. Build first; screenshots go to test-artifacts/webview/.
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

describe('graph webview: the overview of a wide graph', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness?.close());

  it('is a thin strip in the graph’s proportions', async () => {
    const view = await harness.open('dark', { width: 900, height: 600 });
    await view.send({ type: 'show', model: modelOf(WIDE, 'wide', { plots: false }) });
    await view.rendered();
    assert.ok(await view.page.isVisible('svg.minimap'), 'a graph wider than the view has an overview');
    const box = (await view.page.locator('svg.minimap').boundingBox())!;
    await view.screenshot('minimap-wide-dark');
    assert.ok(box.width >= 150, `width ${box.width}`);
    assert.ok(box.height <= box.width / 2, `a strip: ${box.width}×${box.height}`);
  });
});
