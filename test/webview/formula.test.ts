// The panel's formulas typeset by KaTeX in Chromium, under the panel's own CSP, with KaTeX's fonts
// served from dist/katex/ as the extension serves them. Build first; screenshots go to test-artifacts/webview/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { modelOf, seed001Model } from '../unit/report/fixtures';
import { startHarness, type Harness } from './harness';

const BLACK_SCHOLES = `import numpy as np

# @at S=100, K=95, r=0.05, sigma=0.2, T=1.5
def d1(S, K, r, sigma, T):
    return (np.log(S / K) + (r + sigma ** 2 / 2) * T) / (sigma * np.sqrt(T))
`;

describe('graph webview: formulas typeset with KaTeX', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness?.close());

  for (const theme of ['dark', 'light'] as const) {
    it(`seed 001 (${theme}): f and both partials typeset, KaTeX's own fonts loaded, no CSP violation`, async () => {
      const view = await harness.open(theme, { width: 900, height: 620 });
      const model = seed001Model();
      assert.ok(model.formula, 'the model carries the formula');
      await view.send({ type: 'show', model });
      await view.rendered();
      const lines = view.page.locator('details.formula li');
      assert.equal(await lines.count(), 3);
      // Both partials are long: each is typeset short, as the hover shows it, under it its `where` lines
      // (u = x1/x2 and v = e^x2 for ∂f/∂x1; u, v and w = sin u for ∂f/∂x2).
      assert.ok(model.formula.partials.every((p) => p.short), 'seed 001\'s partials have short forms');
      const where = view.page.locator('details.formula li .formula-where');
      assert.equal(await lines.nth(1).locator('.formula-where').count(), 2);
      assert.equal(await lines.nth(2).locator('.formula-where').count(), 3);
      assert.equal(await where.first().locator('.where-word').textContent(), 'where');
      assert.match((await where.first().locator('.katex-mathml').textContent()) ?? '', /^u=x1x2/);
      assert.match((await lines.nth(1).locator('.katex-mathml').first().textContent()) ?? '', /sin.?\(u\)/, 'the short form, in u and v');
      // Typeset, not source text: KaTeX's HTML (fractions, superscripts), no error node: 3 lines and 5 where lines.
      assert.equal(await view.page.locator('details.formula .katex-html').count(), 3 + 5);
      assert.ok((await view.page.locator('details.formula .mfrac').count()) >= 2, 'the ∂f/∂x fractions');
      assert.equal(await view.page.locator('details.formula .katex-error').count(), 0);
      // The accessible MathML says what is drawn.
      const mathml = await view.page.locator('details.formula .katex-mathml').first().textContent();
      assert.match(mathml ?? '', /f=/);
      // The tooltip is the formula as Python.
      assert.match((await lines.nth(1).getAttribute('title')) ?? '', /^∂\/∂x1 = .*np\.cos\(x1\/x2\)/);
      // KaTeX's fonts came from dist/katex/fonts: the main and math italic faces are loaded.
      const fonts = await view.page.evaluate(async () => {
        const d = (globalThis as any).document;
        await d.fonts.ready;
        return [...d.fonts].filter((f: any) => f.status === 'loaded').map((f: any) => f.family);
      });
      assert.ok(fonts.includes('KaTeX_Main'), `loaded: ${fonts.join(', ')}`);
      assert.ok(fonts.includes('KaTeX_Math'), `loaded: ${fonts.join(', ')}`);
      assert.deepEqual(await view.cspViolations(), []);
      assert.deepEqual(view.errors, []);
      await view.screenshot(`formula-seed001-${theme}`);
    });
  }

  it('Black-Scholes d1: five partials, σ as a Greek letter, the panel still draws its graph', async () => {
    const view = await harness.open('dark', { width: 1000, height: 700 });
    await view.send({ type: 'show', model: modelOf(BLACK_SCHOLES, 'd1') });
    await view.rendered();
    assert.equal(await view.page.locator('details.formula li').count(), 6);
    const text = await view.page.locator('details.formula .katex-mathml').allTextContents();
    assert.ok(text.some((t: string) => t.includes('σ')), 'σ typeset');
    assert.equal(await view.page.locator('details.formula .katex-error').count(), 0);
    assert.ok((await view.page.locator('svg.graph .node').count()) > 5);
    assert.deepEqual(await view.cspViolations(), []);
    await view.screenshot('formula-d1-dark');
  });

  it('a function that is not one expression shows no formula section', async () => {
    const view = await harness.open('dark', { width: 800, height: 500 });
    const loop = `import numpy as np\n\n# @at x=[0.1, 0.2], a=0.5\ndef loop(x, a):\n    s = 0.0\n    for i in range(len(x)):\n        s = s + a * np.sin(x[i])\n    return s\n`;
    const model = modelOf(loop, 'loop');
    assert.equal(model.formula, undefined);
    await view.send({ type: 'show', model });
    await view.rendered();
    assert.equal(await view.page.locator('details.formula').count(), 0);
  });
});
