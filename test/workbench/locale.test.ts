// GradLens in a German display language, in a real workbench. VS Code switches its display language
// only when a language pack provides it, so the test makes a minimal one (no workbench strings of its
// own, only the language) and writes the server's languagepacks.json as installing it would, then
// reloads; the extension under test is a copy of dist/extension-pkg with a German bundle of a few
// messages beside the English one, as a translator would add l10n/bundle.l10n.de.json. What must hold:
// the lens, Problems and the graph panel show the German texts, and every number keeps the one format
// (decimal point, U+2212 minus, gradlens.precision places) whatever the language.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  answerTrustDialog,
  captureConsole,
  connectChromium,
  makeTempDir,
  newWorkbenchPage,
  openFile,
  openWorkbench,
  readCodeLenses,
  runCommand,
  screenshot,
  startCodeServer,
  type Browser,
  type CodeServer,
  type Page,
} from '../../scripts/workbench/codeServer.mjs';
import { ARTIFACTS, ROOT, waitFor } from './session';
import { openGraphFromLens, summaryOf } from './graphPanel';

const SOURCE = `import math

# @at x=-0.76612435
def lneg(x):
    return math.log(x)

# @at x=1234.5678
def big(x):
    return x * x / 3
`;

/** Keys are messages of l10n/bundle.l10n.json (checked below), values their German. */
const GERMAN: Readonly<Record<string, string>> = {
  'log of a negative number (log({0}))': 'Logarithmus einer negativen Zahl (log({0}))',
  'Show the computation graph and the evaluation trace': 'Rechengraph und Auswertungsprotokoll zeigen',
  Tables: 'Tabellen',
  Tape: 'Band',
  '({0}; {1} nodes)': '({0}; {1} Knoten)',
};

describe('GradLens in a German display language', { timeout: 240_000 }, () => {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const tmp = makeTempDir('gradlens-locale-');

  before(async () => {
    const english = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    for (const key of Object.keys(GERMAN)) assert.ok(key in english, `${key} is not a message of l10n/bundle.l10n.json`);
    const extension = join(tmp, 'gradlens');
    cpSync(join(ROOT, 'dist', 'extension-pkg'), extension, { recursive: true });
    writeFileSync(join(extension, 'l10n', 'bundle.l10n.de.json'), JSON.stringify(GERMAN));
    const pack = join(tmp, 'language-pack-de');
    mkdirSync(join(pack, 'translations'), { recursive: true });
    writeFileSync(join(pack, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
    writeFileSync(join(pack, 'package.json'), JSON.stringify({
      name: 'test-language-pack-de', publisher: 'gradlens-test', version: '1.0.0', engines: { vscode: '^1.90.0' }, categories: ['Language Packs'],
      contributes: { localizations: [{ languageId: 'de', languageName: 'German', localizedLanguageName: 'Deutsch', translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }] },
    }));
    const folder = join(tmp, 'work');
    mkdirSync(folder);
    writeFileSync(join(folder, 'neg_log.py'), SOURCE);
    server = await startCodeServer({ folder, extensionDirs: [extension, pack], trust: true, extraArgs: ['--locale', 'de'], logFile: join(ARTIFACTS, 'locale-code-server.log') });
    // What the server writes when a language pack is installed through its CLI; a copied one needs it written.
    const installed = join(server.tmpDir, 'extensions', 'gradlens-test.test-language-pack-de-1.0.0');
    writeFileSync(join(server.userDataDir, 'languagepacks.json'), JSON.stringify({
      de: { hash: 'gradlenstestde1', label: 'Deutsch', extensions: [{ extensionIdentifier: { id: 'gradlens-test.test-language-pack-de' }, version: '1.0.0' }], translations: { vscode: join(installed, 'translations', 'main.i18n.json') } },
    }));
    browser = await connectChromium();
    page = await newWorkbenchPage(browser);
    captureConsole(page);
    await openWorkbench(page, server.url, folder);
    await answerTrustDialog(page, false);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('the workbench runs in German (the language pack is what switches it)', async () => {
    assert.equal(await page.evaluate('globalThis._VSCODE_NLS_LANGUAGE'), 'de');
  });

  it('an engine error is in German, its number in the one format; a result keeps its decimal point', async () => {
    await openFile(page, 'neg_log.py');
    const lenses = await readCodeLenses(page, { min: 2, contains: 'big(' });
    assert.ok(lenses.includes('✗ lneg(−0.7661) (@at): Logarithmus einer negativen Zahl (log(−0.7661))'), JSON.stringify(lenses));
    assert.ok(lenses.includes('big(1234.5678) = 508052.5509 · ∇big = 823.0452   (@at)'), JSON.stringify(lenses));
    if (!(await page.locator('.markers-panel').isVisible())) await runCommand(page, 'View: Toggle Problems');
    const row = await waitFor('the German Problems row', async () => (await page.locator('.markers-panel .monaco-list-row').allInnerTexts() as string[]).find((r) => r.includes('Logarithmus')));
    assert.match(row, /Logarithmus einer negativen Zahl \(log\(−0\.7661\)\)/);
    await screenshot(page, 'locale-1-de-lenses-problems');
  });

  it('the graph panel reads the same bundle', async () => {
    const frame = await openGraphFromLens(page, 'big(');
    assert.match(await summaryOf(frame), /^big\(x=1234\.5678\) = 508052\.5509 · ∇ = \(823\.0452\)\(@at; \d+ Knoten\)$/);
    const tabs = (await frame.evaluate(() => [...(globalThis as any).document.querySelectorAll('[role=tab]')].map((b: any) => b.textContent))) as string[];
    assert.deepEqual(tabs, ['Graph', 'Tabellen', 'Band', 'Plots']);
    await screenshot(page, 'locale-2-de-graph');
  });
});
