// The contour plot (issue 22): a seamless fill — checked on the pixels of a screenshot —, a colour
// legend, and ticks on both axes, in both themes. Screenshots in test-artifacts/webview/contour-*.png.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WORKBENCH } from '../../scripts/workbench/codeServer.mjs';
import { seed001Model } from '../unit/report/fixtures';
import { startHarness, type Harness, type WebviewPage } from './harness';

// playwright-core (in the workbench cache) bundles a PNG codec; the repo needs none of its own.
const { PNG } = createRequire(import.meta.url)(join(WORKBENCH.nodeModules, 'playwright-core', 'lib', 'utilsBundle.js')) as {
  PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } };
};

/**
 * Lines (columns, then rows) where a 1-pixel line differs, in the same direction, from the pixels on
 * both sides of it, along most of its length: the hairline a gap or an overlap between cells draws.
 */
function seams(png: { width: number; height: number; data: Buffer }): string[] {
  const { width, height, data } = png;
  const lum = (x: number, y: number): number => {
    const i = (y * width + x) * 4;
    return 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
  };
  const spike = (a: number, b: number, c: number): boolean => (b - a) * (b - c) > 0 && Math.min(Math.abs(b - a), Math.abs(b - c)) >= 3;
  const found: string[] = [];
  for (let x = 1; x < width - 1; x++) {
    let n = 0;
    for (let y = 0; y < height; y++) if (spike(lum(x - 1, y), lum(x, y), lum(x + 1, y))) n++;
    if (n > height / 2) found.push(`column ${x} (${n} of ${height} rows)`);
  }
  for (let y = 1; y < height - 1; y++) {
    let n = 0;
    for (let x = 0; x < width; x++) if (spike(lum(x, y - 1), lum(x, y), lum(x, y + 1))) n++;
    if (n > width / 2) found.push(`row ${y} (${n} of ${width} columns)`);
  }
  return found;
}

// One model for both themes, with time to sample the full grid even on a loaded machine.
const model = seed001Model({ plots: { budgetMs: 5_000 } });
const legendLabels = `[...document.querySelectorAll('svg.contour .legend-label')].map((t) => t.firstChild.textContent)`;

// Fractional display scaling (125 %, 150 %) is where cells drawn at fractional positions leave hairlines.
for (const [theme, scale] of [['dark', 1.25], ['light', 1.5]] as const) {
  describe(`contour plot (${theme}, ${scale * 100} % display scaling)`, () => {
    let harness: Harness;
    let view: WebviewPage;

    before(async () => {
      harness = await startHarness();
      view = await harness.open(theme, undefined, scale);
      await view.send({ type: 'show', model });
      await view.rendered();
      await view.page.click('[role=tab][data-tab=plots]');
      await view.page.locator('svg.contour').waitFor({ state: 'visible' });
    });
    after(async () => harness?.close());

    it('fills without seams between cells (pixels of the shaded area, iso-lines and arrow hidden)', async () => {
      await view.screenshot(`contour-${theme}`);
      await view.page.evaluate(`document.querySelectorAll('svg.contour .iso, svg.contour .gradient-arrow, svg.contour .point').forEach((e) => e.setAttribute('visibility', 'hidden'))`);
      const box = (await view.page.locator('svg.contour .heat').boundingBox())!;
      // Inside the axes: one pixel in from each side.
      const shot = await view.page.screenshot({ clip: { x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2 } });
      const png = PNG.sync.read(shot);
      assert.ok(png.width > 200 && png.height > 200, `${png.width}×${png.height}`);
      assert.deepEqual(seams(png), []);
      await view.page.evaluate(`document.querySelectorAll('svg.contour [visibility=hidden]').forEach((e) => e.removeAttribute('visibility'))`);
    });

    it('the fill covers exactly the axes, with a legend and ticks on both axes', async () => {
      const heat = (await view.page.locator('svg.contour .heat').boundingBox())!;
      const xAxis = (await view.page.locator('svg.contour > line.axis').first().boundingBox())!;
      assert.ok(Math.abs(heat.x - xAxis.x) <= 1 && Math.abs(heat.x + heat.width - (xAxis.x + xAxis.width)) <= 1, `fill ${heat.x}…${heat.x + heat.width}, axis ${xAxis.x}…${xAxis.x + xAxis.width}`);
      const labels = (await view.page.evaluate(legendLabels)) as string[];
      assert.equal(labels.length, 3, JSON.stringify(labels));
      assert.ok(Number(labels[0]!.replace('−', '-')) <= Number(labels[2]!.replace('−', '-')), JSON.stringify(labels));
      const ticks = await view.page.locator('svg.contour > text.tick:not(.axis-label)').allTextContents();
      assert.ok(ticks.length >= 8, `${ticks.length} tick labels: ${JSON.stringify(ticks)}`);
      assert.deepEqual(view.errors, []);
    });
  });
}
