// GradLens itself in a real VS Code workbench (code-server), in Restricted Mode: GradLens never runs
// user code, so it declares untrusted-workspace support and must work in a folder nobody trusted.
// Copies examples/ to a temp folder, loads dist/extension-pkg (built by scripts/build.mjs), reads
// the lenses GradLens draws and saves screenshots to test-artifacts/workbench/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hoverAt, openFile, readCodeLenses, screenshot, statusBarTexts, type Page } from '../../scripts/workbench/codeServer.mjs';
import { lineOf, openGradLensSession, type GradLensSession } from './session';

describe('GradLens in a real workbench, Restricted Mode', { timeout: 120_000 }, () => {
  let session: GradLensSession | undefined;
  let page: Page;

  before(async () => {
    session = await openGradLensSession('gradlens');
    page = session.page;
  });

  after(async () => {
    await session?.close();
  });

  it('runs in Restricted Mode', async () => {
    assert.ok((await statusBarTexts(page)).includes('Restricted Mode'));
  });

  it("draws the seeds' value and gradient over each Python function", async () => {
    await openFile(page, 'seeds.py');
    const lenses = await readCodeLenses(page, { min: 2, contains: 'seed001' });
    await screenshot(page, 'gradlens-1-seeds-py');
    assert.ok(lenses.includes('seed000(2, 5) = 11.6521 · ∇seed000 = (5.5, 1.7163)   (@at)'), JSON.stringify(lenses));
    assert.ok(lenses.includes('seed001(1.5, 0.5) = 2.0166 · ∇seed001 = (3.0118, −13.724)   (call on line 22)'), JSON.stringify(lenses));
  });

  it('draws lenses over math notes', async () => {
    await openFile(page, 'seeds.math');
    const lenses = await readCodeLenses(page, { min: 2, contains: 'g(1.5, 0.5)' });
    await screenshot(page, 'gradlens-2-seeds-math');
    assert.ok(lenses.includes('f(2, 5) = 11.6521 · ∇f = (5.5, 1.7163)   (@at)'), JSON.stringify(lenses));
    assert.ok(lenses.some((l) => l.startsWith('g(1.5, 0.5) = 2.0166 · ∇g = (3.0118, −13.724)')), JSON.stringify(lenses));
  });

  it('says what is wrong, where, instead of a result', async () => {
    await openFile(page, 'problems.py');
    const lenses = await readCodeLenses(page, { min: 4, contains: 'eval' });
    await screenshot(page, 'gradlens-3-problems');
    assert.ok(lenses.some((l) => l.includes('log of a negative number (log(−1))')), JSON.stringify(lenses));
    assert.ok(lenses.some((l) => l.startsWith('kink(0, 2) = 0 · ∇kink = (0, 0)')), JSON.stringify(lenses));
    // The step or the time budget, whichever a loaded machine reaches first; either names the loop.
    assert.ok(lenses.some((l) => /(step|time) budget exceeded .* in the while loop at line 19/.test(l)), JSON.stringify(lenses));
    // Lazy refusal: the function runs until it reaches eval(), which is refused there, never run.
    assert.ok(lenses.some((l) => l.startsWith('✗ sneaky(1) (@at): calls to eval() are not supported')), JSON.stringify(lenses));
  });

  it('checks hand-written gradients: a ✓ lens where they match, ✗ and the component where they do not', async () => {
    await openFile(page, 'hand_gradients.py');
    const lenses = await readCodeLenses(page, { min: 10, contains: '✓ matches ∇²q' });
    await screenshot(page, 'gradlens-4-hand-gradients');
    assert.ok(lenses.some((l) => /^✓ matches ∇f at 9 points \(max rel\. error /.test(l)), JSON.stringify(lenses));
    // A ✗ lens is followed on its line by the link to GradLens's derivative (read as one text, ` | `-joined).
    const wrong = "| show GradLens's derivative";
    assert.ok(lenses.includes(`✗ ∂f/∂x₂ differs: yours 2.2837, AD 1.7163 at (2, 5) ${wrong}`), JSON.stringify(lenses));
    assert.ok(lenses.includes(`✗ ∂h/∂a differs: yours 3.1818, AD 1.04 at (1.3, 0.4) (+1 more) ${wrong}`), JSON.stringify(lenses));
  });

  it('hovering a hand-written gradient shows the comparison table', async () => {
    const text = await hoverAt(page, 'def grad_h(a, b):', 'grad_h', { contains: 'yours', line: lineOf('hand_gradients.py', 'def grad_h(a, b):') });
    await screenshot(page, 'gradlens-5-check-hover');
    assert.match(text, /∂h\/∂a ✗\s*3\.18\d+\s*1\.04/);
    assert.match(text, /∂h\/∂b ✗/);
    // The last def is below the fold: hoverAt reveals it first.
    const below = await hoverAt(page, 'def hess_q(x, y):', 'hess_q', { contains: 'AD', line: lineOf('hand_gradients.py', 'def hess_q(x, y):') });
    assert.match(below, /✓\smatches\s∇²q\sat\s9\spoints/); // the hover renders spaces as U+00A0
    assert.match(below, /∂²q\/∂x∂y\s+13\.5\d*\s+13\.56/);
  });

  it('draws the seeds over TypeScript functions', async () => {
    await openFile(page, 'seeds.ts');
    const lenses = await readCodeLenses(page, { min: 2, contains: 'seed001' });
    await screenshot(page, 'gradlens-6-seeds-ts');
    assert.ok(lenses.includes('seed000(2, 5) = 11.6521 · ∇seed000 = (5.5, 1.7163)   (@at)'), JSON.stringify(lenses));
    assert.ok(lenses.some((l) => l.startsWith('seed001(1.5, 0.5) = 2.0166 · ∇seed001 = (3.0118, −13.724)')), JSON.stringify(lenses));
  });

  it('draws lenses over the methods of a class-based file, their hand-written grad checked, and a dataclass attribute differentiated', async () => {
    await openFile(page, 'activations.py');
    const lenses = await readCodeLenses(page, { min: 5, contains: 'EuropeanCall.price' });
    await screenshot(page, 'gradlens-7-classes');
    // Numbers checked against torch and scipy (price, delta and vega of the Black–Scholes call).
    assert.ok(lenses.includes('Sigmoid.fn(0.5) = 0.6225 · ∇Sigmoid.fn = 0.235   (@at)'), JSON.stringify(lenses));
    assert.ok(lenses.some((l) => l.startsWith('✓ matches ∇Sigmoid.fn at 9 points')), JSON.stringify(lenses));
    assert.ok(lenses.includes('SoftPlus.fn(0.5) = 0.6566 · ∇SoftPlus.fn = 0.7311   (@at)'), JSON.stringify(lenses));
    assert.ok(lenses.includes('neuron(0.8, −0.6) = 0.7259 · ∇neuron = (−0.0473, 0.3785)   (@at)'), JSON.stringify(lenses));
    assert.ok(lenses.includes('EuropeanCall.price(…) = 8.0214 · ∂EuropeanCall.price/∂(S, self.sigma) = (0.5422, 39.6705)   (@at)'), JSON.stringify(lenses));
  });
});
