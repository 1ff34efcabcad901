// The computation-graph panel survives "Developer: Reload Window" in a real workbench (code-server):
// VS Code hands the webview's saved state to GradLens's WebviewPanelSerializer, which shows the same
// function again. Screenshots go to test-artifacts/workbench/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openFile, readCodeLenses, runCommand, screenshot, type Page } from '../../scripts/workbench/codeServer.mjs';
import { graphFrame, openGraphFromLens, summaryOf } from './graphPanel';
import { openGradLensSession, type GradLensSession } from './session';

describe('the graph panel after a window reload', { timeout: 180_000 }, () => {
  let session: GradLensSession | undefined;
  let page: Page;

  before(async () => {
    session = await openGradLensSession('reload');
    page = session.page;
  });

  after(async () => {
    await session?.close();
  });

  it('comes back showing the same function', async () => {
    await openFile(page, 'seeds.py');
    await readCodeLenses(page, { min: 2, contains: 'seed001' });
    const frame = await openGraphFromLens(page, 'seed001(1.5, 0.5)');
    assert.match(await summaryOf(frame), /^seed001\(v_1=1\.5, v0=0\.5\) = 2\.0166 · ∇ = \(3\.0118, −13\.724\)/);
    // The webview saves its state a moment after drawing (debounced setState).
    await page.waitForTimeout(1000);
    await screenshot(page, 'reload-1-before');

    // Mark this page: the reload is done when a page without the mark has its workbench up (the
    // old page, and its webview frames, must not answer for the new one).
    await page.evaluate(() => ((globalThis as any).__beforeReload = true));
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForFunction(() => !(globalThis as any).__beforeReload && !!(globalThis as any).document.querySelector('.monaco-workbench'), undefined, { timeout: 30_000 });
    const restored = await graphFrame(page, 45_000);
    const tab = page.locator('.tabs-container .tab', { hasText: 'Graph: seed001' });
    await tab.first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await summaryOf(restored), /^seed001\(v_1=1\.5, v0=0\.5\) = 2\.0166 · ∇ = \(3\.0118, −13\.724\)/);
    // Fresh from the extension (not only the webview's own saved model): the state is not stale.
    await restored.waitForFunction(() => (globalThis as any).document.getElementById('app').dataset.state === 'fresh', undefined, { timeout: 20_000 });
    assert.equal(await restored.locator('svg.graph .node').count(), 8);
    await screenshot(page, 'reload-2-after');
  });
});
