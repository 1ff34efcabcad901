// The editor surfaces in daily use (issue 22), in a real workbench: diagnostics of every open file
// survive a settings change and a window reload; hovers on Greek names; a lens that fits 100 columns
// with its stale marker first; an error at the last-used point that names it and offers the file's
// own point back; the same surfaces and the graph panel in the dark theme. Screenshots go to
// test-artifacts/workbench/surfaces-*.png (light, the workbench's default, then dark).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { goToLine, hoverAt, openFile, readCodeLenses, runCommand, screenshot, waitForNotification, type Page } from '../../scripts/workbench/codeServer.mjs';
import { openGradLensSession, waitFor, type GradLensSession } from './session';
import { openGraphFromLens, summaryOf } from './graphPanel';

const GREEK = `import numpy as np

# @at μ=0.5, σ=2.0
def gauss(μ, σ):
    ℓ = (μ / σ) ** 2
    return ℓ + np.log(σ)
`;

const GREEK_MATH = `@at α₁=2, β=3
f(α₁, β) = α₁^2 * β
`;

const THETAS = Array.from({ length: 12 }, (_, i) => `theta_${i}`);
const WIDE = `# @at ${THETAS.map((t, i) => `${t}=${(0.1 * (i + 1)).toFixed(1)}`).join(', ')}
def negative_log_likelihood_of_the_model(${THETAS.join(', ')}):
    s = ${THETAS.map((t) => `${t} * ${t}`).join(' + ')}
    return s
`;

const LOG = `import math

# @at x=2
def lg(x):
    return math.log(x)
`;

const NEGATIVE_LOG = `import math

# @at x=-0.76612435
def lneg(x):
    return math.log(x)
`;

const LIST_LOOP = `import numpy as np

# @at x=[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
def lsum(x):
    s = 0.0
    for i in range(len(x)):
        s = s + np.sin(x[i]) * x[i]
    return s
`;

const lineIn = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;


/** The status bar's problem counts, e.g. `Errors: 3, Warnings: 7`. */
const problemCounts = (page: Page): Promise<string> =>
  page.evaluate(`document.querySelector('#status\\\\.problems a')?.getAttribute('aria-label') ?? ''`) as Promise<string>;

/** The Problems panel's rows (it is opened if closed), e.g. `log of a negative number … GradLens(domain) [Ln 5, Col 12]`. */
async function problemRows(page: Page): Promise<string[]> {
  const rows = page.locator('.markers-panel .monaco-list-row');
  if (!(await page.locator('.markers-panel').isVisible())) await runCommand(page, 'View: Toggle Problems');
  await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
  return rows.allInnerTexts();
}

/** Right edges of the rendered lenses and of the editor's visible text area, in pixels. */
const lensEdges = (page: Page): Promise<{ lens: number; editor: number; texts: string[] }> =>
  page.evaluate(`(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor .overflow-guard').getBoundingClientRect();
    const spans = [...document.querySelectorAll('.editor-group-container.active .codelens-decoration')];
    const lens = Math.max(0, ...spans.map((s) => { const r = document.createRange(); r.selectNodeContents(s); return r.getBoundingClientRect().right; }));
    return { lens, editor: editor.right, texts: spans.map((s) => s.innerText) };
  })()`) as Promise<{ lens: number; editor: number; texts: string[] }>;

describe('GradLens editor surfaces in daily use', { timeout: 240_000 }, () => {
  let session: GradLensSession | undefined;
  let page: Page;

  before(async () => {
    session = await openGradLensSession('surfaces', { 'greek.py': GREEK, 'greek.math': GREEK_MATH, 'wide.py': WIDE, 'lg.py': LOG, 'list_loop.py': LIST_LOOP, 'neg_log.py': NEGATIVE_LOG });
    page = session.page;
  });

  after(async () => {
    await session?.close();
  });

  it('hovers on Greek names: a parameter μ, an intermediate ℓ, a subscripted α₁ in math notes', async () => {
    await openFile(page, 'greek.py');
    await readCodeLenses(page, { contains: 'gauss(0.5, 2)' });
    const mu = await hoverAt(page, 'def gauss(μ, σ):', 'μ', { contains: '∂gauss', line: lineIn(GREEK, 'def gauss') });
    await screenshot(page, 'surfaces-1-hover-mu');
    assert.match(mu, /∂gauss\/∂μ\s=\s0\.25/);
    const ell = await hoverAt(page, '    ℓ = (μ / σ) ** 2', 'ℓ', { contains: 'adjoint', line: lineIn(GREEK, '    ℓ =') });
    assert.match(ell, /ℓ\s=\s0\.0625/);
    assert.match(ell, /∂ℓ\/∂μ\s+0\.25/);
    await openFile(page, 'greek.math');
    await readCodeLenses(page, { contains: 'f(2, 3)' });
    const alpha = await hoverAt(page, 'f(α₁, β) = α₁^2 * β', 'α₁', { contains: '∂f', line: 2 });
    assert.match(alpha, /∂f\/∂α₁\s=\s12/);
  });

  it('a lens fits 100 columns: a large point is not repeated, and the stale marker comes first', async () => {
    await openFile(page, 'wide.py');
    const fresh = (await readCodeLenses(page, { contains: 'negative_log_likelihood_of_the_model(' })).find((l) => l.includes('negative_log'))!;
    assert.ok([...fresh].length <= 100, fresh);
    assert.ok(fresh.startsWith('negative_log_likelihood_of_the_model(…) = 6.5 · '), fresh);
    await goToLine(page, lineIn(WIDE, '    s ='));
    await page.keyboard.press('End');
    await page.keyboard.type(' * ');
    const stale = (await readCodeLenses(page, { contains: '⟳ stale' })).find((l) => l.includes('⟳ stale'))!;
    const edges = await lensEdges(page);
    await screenshot(page, 'surfaces-2-wide-stale');
    assert.ok(stale.startsWith('⟳ stale · negative_log_likelihood_of_the_model(…) = 6.5 · '), stale);
    assert.ok([...stale].length <= 100, `${[...stale].length} columns: ${stale}`);
    assert.ok(edges.lens <= edges.editor, `the lens ends at ${edges.lens} px, past the editor's edge at ${edges.editor} px: ${JSON.stringify(edges.texts)}`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await readCodeLenses(page, { contains: '(@at)' });
  });

  it('an error at the last-used point names the point and offers the @at point back', async () => {
    await openFile(page, 'lg.py');
    await readCodeLenses(page, { contains: 'lg(2) = 0.6931' });
    await goToLine(page, lineIn(LOG, 'def lg'));
    await runCommand(page, 'GradLens: Differentiate at Point…');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill('x=-1');
    await page.keyboard.press('Enter');
    await waitForNotification(page, 'GradLens: lg(−1): log of a negative number');
    // Two lenses on one line render as one decoration, `a | b`.
    const lenses = await readCodeLenses(page, { contains: 'use @at point' });
    await screenshot(page, 'surfaces-3-last-used-error');
    assert.ok(lenses.some((l) => l.startsWith('✗ lg(−1) (last used): log of a negative number')), JSON.stringify(lenses));
    await page.locator('.codelens-decoration a', { hasText: 'use @at point' }).first().click();
    const back = await readCodeLenses(page, { contains: 'lg(2) = 0.6931' });
    assert.ok(back.includes('lg(2) = 0.6931 · ∇lg = 0.5   (@at)'), JSON.stringify(back));
  });

  it('a gradlens.* setting change keeps the diagnostics of every open document, and applies the precision', async () => {
    // An engine error's number is data: the lens and Problems print it at the precision, with a real minus.
    await openFile(page, 'neg_log.py');
    const at4 = await readCodeLenses(page, { contains: 'lneg(' });
    assert.ok(at4.some((l) => l.includes('log of a negative number (log(−0.7661))')), JSON.stringify(at4));
    const problemsAt4 = await waitFor('the Problems row of lneg', async () => (await problemRows(page)).find((r) => r.includes('log of a negative number')));
    assert.match(problemsAt4, /log of a negative number \(log\(−0\.7661\)\)/);
    await screenshot(page, 'surfaces-8-problems-precision-4');
    await openFile(page, 'problems.py');
    await readCodeLenses(page, { min: 4, contains: 'eval' });
    await openFile(page, 'hand_gradients.py');
    // Its checks come after every lens (checks after the lenses): under load they take longer than a lens.
    await readCodeLenses(page, { min: 10, contains: '✓ matches ∇²q', timeout: 45_000 });
    // problems.py is in a background tab now; both files' problems are counted.
    const before = await waitFor('both files\' problems', async () => {
      const c = await problemCounts(page);
      return /Errors: [1-9]\d*, Warnings: [1-9]\d*/.test(c) ? c : undefined;
    });
    mkdirSync(join(session!.folder, '.vscode'), { recursive: true });
    writeFileSync(join(session!.folder, '.vscode', 'settings.json'), JSON.stringify({ 'gradlens.precision': 8 }));
    const lenses = await readCodeLenses(page, { contains: '11.65207146', timeout: 20_000 });
    assert.ok(lenses.some((l) => l.startsWith('f(2, 5) = 11.65207146 · ∇f = (5.5, 1.71633781)')), JSON.stringify(lenses));
    // Several seconds: every open document's new report has arrived and replaced (not cleared) the old.
    await new Promise((r) => setTimeout(r, 3000));
    await screenshot(page, 'surfaces-4-after-setting');
    assert.equal(await problemCounts(page), before);
    await openFile(page, 'neg_log.py');
    const at8 = await readCodeLenses(page, { contains: 'log(−0.76612435)' });
    assert.ok(at8.some((l) => l.includes('lneg(−0.76612435) (@at): log of a negative number (log(−0.76612435))')), JSON.stringify(at8));
    const problemsAt8 = await waitFor('the Problems row at 8 places', async () => (await problemRows(page)).find((r) => r.includes('log(−0.76612435)')));
    assert.ok(!problemsAt8.includes('-0.'), problemsAt8);
    await screenshot(page, 'surfaces-9-problems-precision-8');
  });

  it('in the dark theme: lenses, a hover on a Greek name and the graph panel of a list loop', async () => {
    writeFileSync(join(session!.folder, '.vscode', 'settings.json'), JSON.stringify({ 'gradlens.precision': 4, 'workbench.colorTheme': 'Default Dark Modern' }));
    await page.locator('.monaco-workbench.vs-dark').waitFor({ state: 'attached', timeout: 15_000 });
    await openFile(page, 'greek.py');
    await readCodeLenses(page, { contains: 'gauss(0.5, 2)' });
    const mu = await hoverAt(page, 'def gauss(μ, σ):', 'μ', { contains: '∂gauss', line: lineIn(GREEK, 'def gauss') });
    assert.match(mu, /∂gauss\/∂μ\s=\s0\.25/);
    await screenshot(page, 'surfaces-6-dark-hover');
    await page.keyboard.press('Escape');
    await openFile(page, 'neg_log.py');
    const dark = await waitFor('the Problems row of lneg', async () => (await problemRows(page)).find((r) => r.includes('log(−0.7661)')));
    assert.match(dark, /log of a negative number/);
    await screenshot(page, 'surfaces-10-dark-problems');
    await openFile(page, 'list_loop.py');
    const frame = await openGraphFromLens(page, 'lsum(');
    const summary = await summaryOf(frame);
    assert.match(summary, /^lsum\(x=9-entry array\) = [\d.]+ · ∇: 9 entries, ‖·‖ = [\d.]+ ?\(@at; \d+ nodes\)$/);
    // The list's entries start as one input node.
    assert.equal(await frame.locator('svg.graph .node.group.input').count(), 1);
    await screenshot(page, 'surfaces-7-dark-graph');
  });

  it('after Reload Window, the problems of the background tabs are back', async () => {
    const before = await problemCounts(page);
    // A mark on the old page: counts are read only from the reloaded one, never from the page before it.
    await page.evaluate('window.__beforeReload = true');
    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 30_000 });
    const now = await waitFor(`the counts ${before} after the reload`, async () => {
      // The old workbench may still be visible when the reload navigates away under a probe: ask again.
      const reloaded = await page.evaluate('!window.__beforeReload').catch(() => false);
      if (!reloaded) return undefined;
      const c = await problemCounts(page).catch((e: Error) => {
        if (/context was destroyed|navigat/i.test(e.message)) return undefined;
        throw e;
      });
      return c === before ? c : undefined;
    }, 40_000);
    await screenshot(page, 'surfaces-5-after-reload');
    assert.equal(now, before);
  });
});
