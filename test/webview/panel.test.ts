// The graph webview (dist/webview.js) in Chromium with a stand-in host: protocol messages in, DOM and
// posted messages checked. Build first (`node scripts/build.mjs`); screenshots go to test-artifacts/webview/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { seed001Model } from '../unit/report/fixtures';
import { startHarness, type Harness, type WebviewPage } from './harness';

const minus = (s: string): string => s.replace(/-/g, '−');

describe('graph webview: seed 001', () => {
  let harness: Harness;
  let view: WebviewPage;
  const model = seed001Model();

  before(async () => {
    harness = await startHarness();
    view = await harness.open('dark');
  });
  after(async () => harness?.close());

  it('says ready once, then shows the model it is sent', async () => {
    assert.deepEqual(await view.posted(), [{ type: 'ready' }]);
    assert.match(await view.page.textContent('header.summary'), /no function shown yet/);
    await view.send({ type: 'show', model });
    await view.rendered();
    assert.match(await view.page.textContent('header.summary'), /^f\(x1=1\.5, x2=0\.5\) = 2\.017 · ∇ = \(3\.012, −13\.724\)/);
    assert.equal(await view.page.locator('svg.graph .node').count(), 8);
    assert.equal(await view.page.locator('svg.graph .node.input').count(), 2);
    assert.equal(await view.page.locator('svg.graph .node.output').count(), 1);
    assert.equal(await view.page.locator('svg.graph path.edge').count(), 10);
    await view.screenshot('seed001-graph-dark');
  });

  it('draws the primal–tangent table cell by cell as seed 001 does (with the errata)', async () => {
    await view.page.click('[role=tab][data-tab=tables]');
    const cells = await view.page.$$eval('.tangent-table tbody tr', (rows: any[]) => rows.map((r) => [...r.cells].map((c: any) => c.textContent)));
    assert.deepEqual(cells, [
      ['v₋₁ = x₁', '1.500', 'v̇₋₁ = 1.000'],
      ['v₀ = x₂', '0.500', 'v̇₀ = 0.000'],
      ['v₁ = v₋₁/v₀', '3.000', 'v̇₁ = (v₀v̇₋₁ − v₋₁v̇₀)/v₀² = 2.000'],
      ['v₂ = sin(v₁)', '0.141', minus('v̇₂ = cos(v₁) × v̇₁ = -1.980')],
      ['v₃ = exp(v₀)', '1.649', 'v̇₃ = v₃ × v̇₀ = 0.000'],
      ['v₄ = v₁ − v₃', '1.351', 'v̇₄ = v̇₁ − v̇₃ = 2.000'],
      ['v₅ = v₂ + v₄', '1.492', 'v̇₅ = v̇₂ + v̇₄ = 0.020'],
      ['v₆ = v₅ × v₄', '2.017', 'v̇₆ = v̇₅ × v₄ + v̇₄ × v₅ = 3.012'],
      ['f(x₁, x₂) = v₆', '2.017', '∂f/∂x₁ = v̇₆ = 3.012'],
    ]);
  });

  it('draws the primal–adjoint table cell by cell', async () => {
    const primals = await view.page.$$eval('.primal-table tbody tr', (rows: any[]) => rows.map((r) => [...r.cells].map((c: any) => c.textContent)));
    assert.deepEqual(primals, [
      ['v₋₁ = x₁', '= 1.500'],
      ['v₀ = x₂', '= 0.500'],
      ['v₁ = v₋₁/v₀', '= 3.000'],
      ['v₂ = sin(v₁)', '= 0.141'],
      ['v₃ = exp(v₀)', '= 1.649'],
      ['v₄ = v₁ − v₃', '= 1.351'],
      ['v₅ = v₂ + v₄', '= 1.492'],
      ['v₆ = v₅ × v₄', '= 2.017'],
      ['f(x₁, x₂) = v₆', '= 2.017'],
    ]);
    const adjoints = await view.page.$$eval('.adjoint-table tbody tr', (rows: any[]) => rows.map((r) => [...r.cells].map((c: any) => c.textContent)));
    assert.deepEqual(adjoints, [
      ['v̄₆ = f̄', '= 1.000'],
      ['v̄₅ = v₄ × v̄₆', '= 1.351'],
      ['v̄₄ = v₅ × v̄₆ + v̄₅', '= 2.844'],
      ['v̄₃ = −v̄₄', minus('= -2.844')],
      ['v̄₂ = v̄₅', '= 1.351'],
      ['v̄₁ = v̄₄ + v̄₂ cos(v₁)', '= 1.506'],
      ['v̄₀ = v̄₃ v₃ − v̄₁ v₋₁/v₀²', minus('= -13.724')],
      ['v̄₋₁ = v̄₁/v₀', '= 3.012'],
      ['x̄₂ = v̄₀', minus('= -13.724')],
      ['x̄₁ = v̄₋₁', '= 3.012'],
    ]);
    await view.screenshot('seed001-tables-dark');
  });

  it('lists the tape with the reverse sweep’s accumulation steps', async () => {
    await view.page.click('[role=tab][data-tab=tape]');
    const reverse = await view.page.$$eval('ol.tape.reverse li', (rows: any[]) => rows.map((r) => [...r.children].map((c: any) => c.textContent)));
    assert.equal(reverse.length, 11);
    assert.deepEqual(reverse[0], ['v̄₆ = 1', '1.000', '']);
    assert.deepEqual(reverse[4], ['v̄₄ += v̄₅', '+1.351', ' → 2.844']);
    assert.deepEqual(reverse[10], ['v̄₀ += −v̄₁ v₋₁/v₀²', '−9.036', ' → −13.724']);
    await view.screenshot('seed001-tape-dark');
  });

  it('plots f along directions with the tangent line, and the contour with the gradient arrow', async () => {
    await view.page.click('[role=tab][data-tab=plots]');
    assert.equal(await view.page.locator('svg.plot:not(.contour)').count(), 3);
    assert.equal(await view.page.locator('svg.plot .tangent-line').count(), 3);
    assert.equal(await view.page.locator('svg.contour .gradient-arrow').count(), 1);
    assert.ok((await view.page.locator('svg.contour .iso path').count()) >= 5);
    assert.match(await view.page.textContent('.plots'), /tangent slope ∇f·d = 3\.012/);
    await view.screenshot('seed001-plots-dark');
  });

  it('clicking a node posts reveal with its range; Enter reveals and focuses the editor', async () => {
    await view.page.click('[role=tab][data-tab=graph]');
    await view.rendered();
    await view.clearPosted();
    await view.page.click('.node[data-node="2"]');
    const v1 = model.nodes[2]!;
    assert.deepEqual(await view.posted(), [{ type: 'reveal', documentUri: model.documentUri, range: v1.range, focusEditor: false }]);
    assert.deepEqual(v1.range, { start: { line: 4, column: 9 }, end: { line: 4, column: 16 } }); // `x1 / x2`
    assert.equal(await view.page.locator('.node.selected').count(), 1);
    await view.clearPosted();
    await view.page.keyboard.press('Enter');
    assert.deepEqual(await view.posted(), [{ type: 'reveal', documentUri: model.documentUri, range: v1.range, focusEditor: true }]);
  });

  it('arrows move between nodes in the graph and between rows in the tables', async () => {
    await view.page.focus('.node[data-node="0"]');
    await view.page.keyboard.press('ArrowDown');
    const below = await view.page.evaluate(() => (globalThis as any).document.activeElement.dataset.node);
    assert.equal(below, '2'); // v₁ = v₋₁/v₀, the one consumer of x₁
    await view.page.keyboard.press('ArrowDown');
    assert.equal(await view.page.evaluate(() => (globalThis as any).document.activeElement.dataset.node), '3');
    assert.equal(await view.page.evaluate(() => (globalThis as any).document.activeElement.getAttribute('tabindex')), '0');
    await view.page.click('[role=tab][data-tab=tables]');
    await view.page.focus('.tangent-table tbody tr:first-child');
    await view.page.keyboard.press('ArrowDown');
    await view.page.keyboard.press('ArrowDown');
    await view.clearPosted();
    await view.page.keyboard.press('Enter');
    assert.deepEqual(await view.posted(), [{ type: 'reveal', documentUri: model.documentUri, range: model.nodes[2]!.range, focusEditor: true }]);
    // The tables are one list: End goes to the adjoint table's last row, x̄₁ = v̄₋₁ (the parameter x1).
    await view.page.keyboard.press('End');
    await view.clearPosted();
    await view.page.keyboard.press(' ');
    assert.deepEqual(await view.posted(), [{ type: 'reveal', documentUri: model.documentUri, range: model.nodes[0]!.range, focusEditor: true }]);
    await view.page.keyboard.press('ArrowUp');
    await view.page.keyboard.press('ArrowUp');
    assert.equal(await view.page.evaluate(() => (globalThis as any).document.activeElement.textContent), 'v̄₋₁ = v̄₁/v₀= 3.012');
  });

  it('highlight from the editor marks the innermost nodes and their rows', async () => {
    await view.send({ type: 'highlight', documentUri: model.documentUri, position: { line: 4, column: 12 } });
    await view.page.waitForFunction(() => (globalThis as any).document.getElementById('app').dataset.highlighted === '2');
    assert.equal(await view.page.locator('.tangent-table tr.hl').count(), 1);
    assert.equal(await view.page.locator('tr.hl[data-node="2"]').count(), 3); // tangent, primal and adjoint rows
    await view.page.click('[role=tab][data-tab=graph]');
    assert.equal(await view.page.locator('.node.hl').count(), 1);
    assert.equal(await view.page.getAttribute('.node.hl', 'data-node'), '2');
    await view.send({ type: 'highlight', documentUri: 'file:///other.py', position: { line: 4, column: 12 } });
    await view.page.waitForFunction(() => (globalThis as any).document.getElementById('app').dataset.highlighted === '');
  });

  it('switches the overlay between values, tangents and adjoints', async () => {
    await view.page.click('button[data-overlay=tangent]');
    await view.rendered();
    assert.match(await view.page.textContent('.node[data-node="2"] text.value'), /v̇ 2\.000/);
    await view.page.click('button[data-overlay=adjoint]');
    await view.rendered();
    assert.match(await view.page.textContent('.node[data-node="2"] text.value'), /v̄ 1\.506/);
    await view.screenshot('seed001-graph-adjoint-dark');
  });

  it('choosing another seed asks the extension for it and marks the tables stale until it arrives', async () => {
    await view.page.click('[role=tab][data-tab=tables]');
    await view.clearPosted();
    await view.page.selectOption('select.seed', 'x2');
    assert.deepEqual(await view.posted(), [{ type: 'setSeed', input: 'x2' }]);
    assert.equal(await view.page.getAttribute('#app', 'data-state'), 'stale');
    await view.send({ type: 'show', model: seed001Model({ seed: 'x2' }) });
    await view.page.waitForFunction(() => (globalThis as any).document.getElementById('app').dataset.state === 'fresh');
    assert.equal(await view.page.textContent('.tangent-table tbody tr:last-child td:last-child'), '∂f/∂x₂ = v̇₆ = −13.724');
  });

  it('shows stale and error states plainly', async () => {
    await view.send({ type: 'stale', reason: 'the file changed; re-analysing' });
    await view.page.waitForSelector('.banner.stale');
    assert.equal(await view.page.textContent('.banner.stale'), '⚠ Out of date: the file changed; re-analysing');
    const range = { start: { line: 4, column: 9 }, end: { line: 4, column: 16 } };
    await view.send({ type: 'error', error: { severity: 'error', code: 'domain', message: 'division by zero (1.5 / 0)', range } });
    await view.page.waitForSelector('.banner.error');
    assert.match(await view.page.textContent('.banner.error'), /✗ division by zero \(1\.5 \/ 0\)Go to line 5 — showing the last result/);
    assert.equal(await view.page.getAttribute('#app', 'data-state'), 'error');
    await view.page.click('[role=tab][data-tab=graph]');
    await view.screenshot('seed001-error-dark');
    await view.clearPosted();
    await view.page.click('.banner.error button');
    assert.deepEqual(await view.posted(), [{ type: 'reveal', documentUri: model.documentUri, range, focusEditor: true }]);
    await view.send({ type: 'show', model });
    await view.page.waitForFunction(() => (globalThis as any).document.getElementById('app').dataset.state === 'fresh');
    assert.equal(await view.page.locator('.banner').count(), 0);
  });

  it('drops malformed messages and says so', async () => {
    await view.clearPosted();
    await view.send({ type: 'show', model: { ...model, nodes: 'oops' } });
    await view.send({ kind: 'what' });
    await view.page.waitForFunction(() => (globalThis as any).__posted.length >= 2);
    assert.deepEqual(await view.posted(), [
      { type: 'log', level: 'warning', message: 'webview dropped a malformed "show" message' },
      { type: 'log', level: 'warning', message: 'webview dropped a message without a type' },
    ]);
    assert.equal(await view.page.locator('svg.graph .node').count(), 8);
  });

  it('comes back as it was after a reload (getState), and says ready again', async () => {
    await view.page.click('[role=tab][data-tab=tables]');
    await view.page.waitForTimeout(400); // setState is debounced
    await view.reload();
    assert.deepEqual(await view.posted(), [{ type: 'ready' }]);
    assert.equal(await view.page.getAttribute('[role=tab][data-tab=tables]', 'aria-selected'), 'true');
    assert.equal(await view.page.locator('.tangent-table tbody tr').count(), 9);
    assert.equal(await view.page.getAttribute('button[data-overlay=adjoint]', 'aria-pressed'), 'true');
    await view.page.click('[role=tab][data-tab=graph]');
    await view.rendered();
    assert.equal(await view.page.locator('svg.graph .node').count(), 8);
    // What the extension's WebviewPanelSerializer reads after a window reload.
    const saved = await view.page.evaluate(() => JSON.parse((globalThis as any).sessionStorage.getItem('vscode-state')));
    assert.deepEqual(saved.target, { documentUri: model.documentUri, functionName: 'f', point: 'x1=1.5, x2=0.5', seed: 'x1' });
  });

  it('runs under the strict CSP without a violation or a page error', async () => {
    assert.deepEqual(await view.cspViolations(), []);
    assert.deepEqual(view.errors, []);
  });

  it('looks right in the light and high-contrast themes too', async () => {
    for (const theme of ['light', 'high-contrast'] as const) {
      const v = await harness.open(theme, { width: 900, height: 620 });
      await v.send({ type: 'show', model });
      await v.rendered();
      await v.page.click('.node[data-node="2"]');
      await v.screenshot(`seed001-graph-${theme}`);
      await v.page.click('[role=tab][data-tab=tables]');
      await v.screenshot(`seed001-tables-${theme}`);
      assert.deepEqual(await v.cspViolations(), []);
      await v.page.context().close();
    }
  });
});

describe('graph webview: a narrow panel', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness?.close());

  for (const theme of ['light', 'dark'] as const) {
    it(`wraps the result between numbers, never clipping one (${theme})`, async () => {
      const view = await harness.open(theme, { width: 300, height: 520 });
      await view.send({ type: 'show', model: seed001Model() });
      await view.rendered();
      const layout = (await view.page.evaluate(`(() => {
        const result = document.querySelector('header.summary .result');
        const text = result.firstChild;
        const numbers = [...text.data.matchAll(/[−-]?\\d+(\\.\\d+)?/g)].map((m) => {
          const r = document.createRange();
          r.setStart(text, m.index);
          r.setEnd(text, m.index + m[0].length);
          return { number: m[0], lines: new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size };
        });
        const box = result.getBoundingClientRect();
        const header = document.querySelector('header.summary').getBoundingClientRect();
        return { scroll: result.scrollWidth, client: result.clientWidth, right: box.right, headerRight: header.right, height: box.height, ellipsis: getComputedStyle(result).textOverflow, numbers };
      })()`)) as { scroll: number; client: number; right: number; headerRight: number; height: number; ellipsis: string; numbers: { number: string; lines: number }[] };
      await view.screenshot(`narrow-summary-${theme}`);
      assert.ok(layout.scroll <= layout.client + 1, `the result is clipped: ${JSON.stringify(layout)}`);
      assert.ok(layout.right <= layout.headerRight + 1, JSON.stringify(layout));
      assert.notEqual(layout.ellipsis, 'ellipsis');
      assert.ok(layout.height > 20, `at 300 px the result takes more than one line: ${JSON.stringify(layout)}`);
      assert.ok(layout.numbers.length >= 4, JSON.stringify(layout.numbers));
      for (const n of layout.numbers) assert.equal(n.lines, 1, `${n.number} is split across lines`);
    });
  }
});

describe('graph webview: another display language', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness?.close());

  it('shows the texts of the bundle the host passes, and every number in the one format', async () => {
    // A bundle as VS Code reads l10n/bundle.l10n.de.json for the display language (keys: the English messages).
    const bundle = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, string>;
    const german: Record<string, string> = { Graph: 'Graph', Tables: 'Tabellen', Tape: 'Band', Plots: 'Diagramme', Fit: 'Einpassen', '({0}; {1} nodes)': '({0}; {1} Knoten)', '{0} of {1} nodes': '{0} von {1} Knoten' };
    for (const key of Object.keys(german)) assert.ok(key in bundle, `${key} is not a message of the bundle`);
    const view = await harness.open('light', { width: 1000, height: 700 }, 1, german);
    await view.send({ type: 'show', model: seed001Model() });
    await view.rendered();
    assert.deepEqual(await view.page.$$eval('[role=tab]', (tabs: any[]) => tabs.map((b) => b.textContent)), ['Graph', 'Tabellen', 'Band', 'Diagramme']);
    assert.match(await view.page.textContent('header.summary'), /^f\(x1=1\.5, x2=0\.5\) = 2\.017 · ∇ = \(3\.012, −13\.724\)\(@at; 8 Knoten\)$/);
    assert.match(await view.page.textContent('.status'), /^8 von 8 Knoten · /);
    assert.deepEqual(view.errors, []);
    await view.screenshot('german-bundle-light');
  });
});
