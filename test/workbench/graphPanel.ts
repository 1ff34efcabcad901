// The computation-graph panel in a real workbench: code-server nests each webview as an
// iframe.webview holding our page in #active-frame. Shared by the workbench tests and bench/workbench.ts.
import { readCodeLenses, runCommand, screenshot, type Page } from '../../scripts/workbench/codeServer.mjs';

/** A playwright Frame (codeServer.d.mts types playwright's objects as `any`). */
export type Frame = any;

/** The frame running dist/webview.js once it has drawn a graph (its `#app` has a node). */
export async function graphFrame(page: Page, timeout = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      const drawn = await frame.evaluate(() => !!(globalThis as any).document.querySelector('#app svg.graph .node')).catch(() => false);
      if (drawn) return frame;
    }
    if (Date.now() > deadline) throw new Error('no graph panel with a drawn graph');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Clicks the lens whose text contains `lensText` and waits for the panel's graph. The editor draws
 * lenses only for lines in view and redraws them after a layout change (a panel opening below it);
 * if the lens is not in the page, the editor gets the focus back and the lens one more chance, and
 * a lens still missing fails with the lenses that were there and a screenshot.
 */
export async function openGraphFromLens(page: Page, lensText: string, timeout = 20_000): Promise<Frame> {
  const lens = page.locator('.codelens-decoration a', { hasText: lensText }).first();
  const attached = () => lens.waitFor({ state: 'attached', timeout: 10_000 }).then(() => true, () => false);
  if (!(await attached())) {
    await runCommand(page, 'View: Focus Active Editor Group');
    if (!(await attached())) {
      const seen = await readCodeLenses(page, { min: 0, timeout: 0 });
      const shot = await screenshot(page, `missing-lens-${lensText}`);
      throw new Error(`no lens link containing "${lensText}"; lenses in the page: ${JSON.stringify(seen)} (screenshot ${shot})`);
    }
  }
  await lens.click();
  return graphFrame(page, timeout);
}

/** The panel's summary line (`f(x=1) = 2 · ∇ = (…)`). */
export function summaryOf(frame: Frame): Promise<string> {
  return frame.evaluate(() => (globalThis as any).document.querySelector('header.summary')?.textContent ?? '');
}

/** How many times the graph has been laid out and painted (the page's `data-rendered`). */
export function renderCount(frame: Frame): Promise<number> {
  return frame.evaluate(() => Number((globalThis as any).document.getElementById('app')?.dataset.rendered ?? 0));
}

/**
 * Waits for a paint after `after` whose summary differs from `previous`, and returns when that paint
 * happened, as epoch milliseconds (the frame's clock origin plus its performance.now()).
 */
export async function nextPaint(frame: Frame, after: number, previous: string, timeout = 15_000): Promise<{ epochMs: number; summary: string }> {
  await frame.waitForFunction(
    ([n, text]: [number, string]) => {
      const d = (globalThis as any).document;
      const app = d.getElementById('app');
      return Number(app?.dataset.rendered ?? 0) > n && d.querySelector('header.summary')?.textContent !== text;
    },
    [after, previous] as [number, string],
    { timeout, polling: 'raf' },
  );
  return frame.evaluate(() => {
    const d = (globalThis as any).document;
    return { epochMs: performance.timeOrigin + Number(d.getElementById('app').dataset.paintedAt), summary: d.querySelector('header.summary').textContent };
  });
}
