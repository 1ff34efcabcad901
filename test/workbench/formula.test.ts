// Formulas for expressions (issue 24) in a real workbench: the function hover and a parameter hover
// show the partials as Python, and the graph panel typesets them with KaTeX inside code-server's
// webview (its CSP, its resource origin for the stylesheet and fonts). Screenshots go to
// test-artifacts/workbench/formula-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hoverAt, openFile, readCodeLenses, screenshot, type Page } from '../../scripts/workbench/codeServer.mjs';
import { openGraphFromLens } from './graphPanel';
import { openGradLensSession, type GradLensSession } from './session';

const D1 = `import numpy as np

# @at S=100, K=95, r=0.05, sigma=0.2, T=1.5
def d1(S, K, r, sigma, T):
    return (np.log(S / K) + (r + sigma ** 2 / 2) * T) / (sigma * np.sqrt(T))
`;

describe('formulas in the editor and the panel', { timeout: 240_000 }, () => {
  let session: GradLensSession | undefined;
  let page: Page;

  before(async () => {
    session = await openGradLensSession('formula', { 'bs.py': D1 });
    page = session.page;
  });

  after(async () => {
    await session?.close();
  });

  it('the function hover lists each partial as Python, checked against AD; a parameter hover gives its own', async () => {
    await openFile(page, 'bs.py');
    await readCodeLenses(page, { contains: 'd1(' });
    const hover = await hoverAt(page, 'def d1(S, K, r, sigma, T):', 'd1', { contains: 'As formulas', line: 4 });
    await screenshot(page, 'formula-1-hover');
    assert.match(hover, /∂d1\/∂S = 1\/S\/sigma\/np\.sqrt\(T\)/);
    assert.match(hover, /∂d1\/∂sigma = /);
    // ∂d1/∂T is long: written short, its repeated sub-expressions named on where lines.
    assert.match(hover, /∂d1\/∂T = .*\bu\b.*\n\s+where u = r \+ sigma\*\*2\/2\n\s+v = np\.sqrt\(T\)/);
    const sigma = await hoverAt(page, 'def d1(S, K, r, sigma, T):', 'sigma', { contains: '∂d1/∂sigma = ', line: 4 });
    assert.match(sigma, /∂d1\/∂sigma = \(sigma\*\*2\*T - /);
  });

  it('the graph panel typesets f and its partials with KaTeX, its fonts from the extension', async () => {
    const frame = await openGraphFromLens(page, 'd1(');
    // f and its five partials, one line each (a long partial's `where` lines are inside its line).
    await frame.waitForFunction(() => [...(globalThis as any).document.querySelectorAll('details.formula ul.formula-lines > li')].filter((li: any) => li.querySelector(':scope > .tex .katex-html')).length === 6, undefined, { timeout: 15_000 });
    const state = await frame.evaluate(async () => {
      const d = (globalThis as any).document;
      await d.fonts.ready;
      return {
        errors: d.querySelectorAll('details.formula .katex-error').length,
        fonts: [...d.fonts].filter((f: any) => f.status === 'loaded').map((f: any) => f.family),
        fractions: d.querySelectorAll('details.formula .mfrac').length,
      };
    });
    await screenshot(page, 'formula-2-panel');
    assert.equal(state.errors, 0);
    assert.ok(state.fractions >= 5, `${state.fractions} fractions`);
    assert.ok(state.fonts.includes('KaTeX_Main'), `fonts loaded: ${state.fonts.join(', ')}`);
  });
});
