import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphModel } from '../src/protocol/graphModel';
import { loopModel, loopText, mlpModel, modelOf } from '../test/unit/report/fixtures';
import { startHarness, type WebviewPage } from '../test/webview/harness';
import { WORKBENCH } from '../scripts/workbench/codeServer.mjs';

/**
 * The graph webview's figures, in Chromium with the stand-in host (test/webview/harness.ts): a
 * 500-node unrolled loop shown (it opens collapsed), then every group expanded — layout (in the worker)
 * and first paint of all 500 nodes, target ≤ 1 s — and the model's size on the wire; then the panel
 * updating after an edit: a new model for the graph already shown (same function, other numbers),
 * from the message to the frame after the paint, target ≤ 200 ms. Medians of a few runs, measured
 * inside the page from posting the message (or clicking) to the frame after the paint.
 * Needs dist/webview.js (npm run bench builds it) and the workbench cache's playwright-core.
 *
 *   node --import tsx bench/webview.ts
 */
export const WEBVIEW_PAINT_TARGET_MS = 1000;
export const PANEL_UPDATE_TARGET_MS = 200;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Milliseconds from `start` (run in the page, returning its performance.now()) to the frame after the next paint. */
async function timeToPaint(view: WebviewPage, start: () => Promise<number>): Promise<number> {
  const before = Number(await view.page.getAttribute('#app', 'data-rendered')) || 0;
  const t0 = await start();
  await view.page.waitForFunction((n: number) => Number((globalThis as any).document.getElementById('app').dataset.rendered ?? 0) > n, before, { timeout: 30_000 });
  return Number(await view.page.getAttribute('#app', 'data-painted-at')) - t0;
}

const post = (view: WebviewPage, message: unknown): Promise<number> =>
  view.page.evaluate((m: unknown) => {
    const t = performance.now();
    (globalThis as any).postMessage(m, '*');
    return t;
  }, message);

/**
 * An edit's new model arriving for the graph on screen: alternately `a` and `b` (the same function at
 * two versions of its text), each a fresh object as postMessage delivers it, so nothing is reused but
 * what the webview itself keeps (the open groups, the zoom).
 */
async function updateTimes(view: WebviewPage, a: GraphModel, b: GraphModel, runs: number): Promise<number[]> {
  await timeToPaint(view, () => post(view, { type: 'show', model: a }));
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = await timeToPaint(view, () => post(view, { type: 'show', model: i % 2 === 0 ? b : a }));
    if (i > 0) times.push(t);
  }
  return times;
}

export async function printWebviewFigures(runs = 5): Promise<void> {
  if (!existsSync(join(WORKBENCH.repoRoot, 'dist', 'webview.js'))) {
    console.log('\nGraph webview: dist/webview.js missing (run node scripts/build.mjs): skipped');
    return;
  }
  const buildStarted = performance.now();
  const base = loopModel();
  const buildMs = performance.now() - buildStarted;
  const harness = await startHarness();
  try {
    const view = await harness.open('dark', { width: 1200, height: 800 });
    const collapsed: number[] = [];
    const expanded: number[] = [];
    let layoutIn = '';
    let drawn = 0;
    for (let i = 0; i < runs + 1; i++) {
      // Another document each run, so the panel treats it as a new function and opens it collapsed.
      const shown = await timeToPaint(view, () => post(view, { type: 'show', model: { ...base, documentUri: `file:///bench/loop${i}.py` } }));
      if (i > 0) collapsed.push(shown);
      const all = await timeToPaint(view, () =>
        view.page.evaluate(() => {
          const t = performance.now();
          (globalThis as any).document.querySelector('button[aria-label="Expand every group"]').click();
          return t;
        }),
      );
      if (i > 0) expanded.push(all);
      layoutIn = (await view.page.getAttribute('#app', 'data-layout-in')) ?? '';
      drawn = await view.page.locator('svg.graph .node').count();
    }
    const wire = JSON.stringify(base).length;
    const e = median(expanded);
    console.log(`\nGraph webview (Chromium, ${base.nodes.length}-node unrolled loop, median of ${runs}):`);
    console.log(`  show → first paint, opened collapsed (${base.groups.length} groups): ${median(collapsed).toFixed(0)} ms (includes validating the ${(wire / 1024).toFixed(0)} KB model; tables, tape and plots are drawn when their tab opens)`);
    console.log(`  expand all → layout (${layoutIn}) and first paint of ${drawn} nodes: ${e.toFixed(0)} ms — target ≤ ${WEBVIEW_PAINT_TARGET_MS} ms ${e <= WEBVIEW_PAINT_TARGET_MS ? 'PASS' : 'MISS'}`);
    console.log(`  building the model in the extension (record + sweeps + tables + plots): ${buildMs.toFixed(0)} ms (first build, cold)`);
    await view.page.context().close();
    await printUpdateFigures(harness, runs);
  } finally {
    await harness.close();
  }
}

/**
 * Panel update after an edit, in the webview: the graph on screen, a new model of the same function
 * arrives (an edited constant: same shape, other numbers) → validated, tables, tape, plots and the
 * graph (layout and paint) redrawn.
 */
async function printUpdateFigures(harness: Awaited<ReturnType<typeof startHarness>>, runs: number): Promise<void> {
  const edited = (text: string): string => text.replace('s = 0.0', 's = 0.2');
  // About 80 nodes, all drawn: a loop of 20 iterations (below the size that opens collapsed).
  const small = [loopText(20), edited(loopText(20))].map((t) => modelOf(t, 'loop', {}, 'python', 'file:///bench/edit.py'));
  // An edit that changes the graph itself (one more loop iteration): laid out again.
  const grown = [loopText(20), loopText(21)].map((t) => modelOf(t, 'loop', {}, 'python', 'file:///bench/edit.py'));
  const big = [loopText(), edited(loopText())].map((t) => modelOf(t, 'loop', {}, 'python', 'file:///bench/edit500.py'));
  const mlp = [mlpModel(16), mlpModel(16, {}, 7)].map((m) => ({ ...m, documentUri: 'file:///bench/mlp.py' }));
  const cases: { label: string; models: GraphModel[]; primary?: boolean }[] = [
    { label: `${small[0]!.nodes.length}-node function, a constant edited (same graph, layout kept)`, models: small, primary: true },
    { label: `${grown[0]!.nodes.length}-node function, one more loop iteration (laid out again)`, models: grown },
    { label: `${big[0]!.nodes.length}-node unrolled loop`, models: big },
    { label: `numpy MLP (W1 64×16; ${mlp[0]!.nodes.filter((n) => n.array).length} array nodes with heatmaps), ${mlp[0]!.nodes.length} nodes`, models: mlp },
  ];
  console.log(`\nPanel update after an edit, in the webview (Chromium, stand-in host; a new model for the graph on screen → painted, median of ${runs}):`);
  for (const c of cases) {
    const view = await harness.open('dark', { width: 1200, height: 800 });
    try {
      const t = median(await updateTimes(view, c.models[0]!, c.models[1]!, runs));
      const kb = (JSON.stringify(c.models[1]).length / 1024).toFixed(0);
      const drawn = await view.page.locator('svg.graph .node').count();
      const verdict = c.primary ? ` — target ≤ ${PANEL_UPDATE_TARGET_MS} ms ${t <= PANEL_UPDATE_TARGET_MS ? 'PASS' : 'MISS'}` : '';
      console.log(`  ${c.label}, ${drawn} drawn (${kb} KB model): ${t.toFixed(0)} ms${verdict}`);
    } finally {
      await view.page.context().close();
    }
  }
}

if (process.argv[1]?.endsWith('webview.ts')) {
  printWebviewFigures().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
