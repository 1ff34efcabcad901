// Helpers from other files of the workspace in a real workbench (issue 17): a lens on a function
// that calls `h` from `from .helpers import h` shows h's numbers, read through the workspace file
// system, and changes when cubes.py is edited in the editor (before it is saved, and after).
// Screenshots go to test-artifacts/workbench/imports-*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { goToLine, openFile, readCodeLenses, runCommand, screenshot, type Page } from '../../scripts/workbench/codeServer.mjs';
import { openGradLensSession, waitFor, type GradLensSession } from './session';

const MAIN = `from .cubes import h
import cubes as sc


# @at x=2
def energy(x):
    return h(x) + 1


# @at x=2
def doubled(x):
    return 2 * sc.h(x)
`;

const HELPERS = `def h(x):
    return x ** 3
`;

/** A notebook beside cubes.py: one cell imports h, the next imports the module and uses both. */
const NOTEBOOK = JSON.stringify({
  cells: [
    { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['from cubes import h\n'] },
    { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['import cubes as sc\n', '\n', '\n', '# @at x=2\n', 'def cell_energy(x):\n', '    return h(x) + sc.h(x)\n'] },
  ],
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
  nbformat: 4,
  nbformat_minor: 5,
});

describe('GradLens reads helpers from other files of the workspace', { timeout: 180_000 }, () => {
  let session: GradLensSession | undefined;
  let page: Page;

  before(async () => {
    session = await openGradLensSession('imports', { 'energy_terms.py': MAIN, 'cubes.py': HELPERS, 'cells.ipynb': NOTEBOOK });
    page = session.page;
  });

  after(async () => {
    await session?.close();
  });

  it('a notebook cell imports the helper beside the notebook, in its own cell and in the cell above', async () => {
    await openFile(page, 'cells.ipynb');
    const lenses = await readCodeLenses(page, { contains: 'cell_energy(2)', timeout: 30_000 });
    assert.ok(lenses.includes('cell_energy(2) = 16 · ∇cell_energy = 24   (@at)'), JSON.stringify(lenses));
  });

  it('a lens on a function using an imported helper, updated when the helper is edited and saved', async () => {
    await openFile(page, 'energy_terms.py');
    const before = await readCodeLenses(page, { min: 2, contains: 'energy(2) = 9' });
    await screenshot(page, 'imports-1-before');
    assert.ok(before.includes('energy(2) = 9 · ∇energy = 12   (@at)'), JSON.stringify(before));
    assert.ok(before.includes('doubled(2) = 16 · ∇doubled = 24   (@at)'), JSON.stringify(before));
    // Edit the helper in the editor (unsaved): x ** 3 becomes x ** 3 * 10.
    await openFile(page, 'cubes.py');
    await goToLine(page, 2);
    await page.keyboard.press('End');
    await page.keyboard.type(' * 10');
    await openFile(page, 'energy_terms.py');
    const edited = await readCodeLenses(page, { min: 2, contains: 'energy(2) = 81' });
    assert.ok(edited.includes('energy(2) = 81 · ∇energy = 120   (@at)'), JSON.stringify(edited));
    assert.ok(edited.includes('doubled(2) = 160 · ∇doubled = 240   (@at)'), JSON.stringify(edited));
    await screenshot(page, 'imports-2-after-edit');
    // Saved: the file on disk holds the edit, and the lens still shows it.
    await openFile(page, 'cubes.py');
    await runCommand(page, 'File: Save');
    await waitFor('cubes.py saved', async () => (readFileSync(join(session!.folder, 'cubes.py'), 'utf8').includes('* 10') ? true : undefined));
    await openFile(page, 'energy_terms.py');
    const saved = await readCodeLenses(page, { min: 2, contains: 'energy(2) = 81' });
    assert.ok(saved.includes('energy(2) = 81 · ∇energy = 120   (@at)'), JSON.stringify(saved));
  });
});
