// Smoke test of the real-workbench tooling: code-server (VS Code 1.100.3) on loopback, driven by
// playwright-core in Debian's Chromium. It generates a throwaway extension (CodeLens + hover + command for
// Python), opens a folder with a .py file, and asserts on what the real UI renders.
//
//   node scripts/workbench/install.mjs                          # once (≈1 min cold); a no-op afterwards
//   node --import tsx --test test/workbench/smoke.test.ts
//
// Screenshots and code-server logs go to test-artifacts/workbench/.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  WORKBENCH,
  answerTrustDialog,
  captureConsole,
  ensureWorkbench,
  hoverAt,
  connectChromium,
  makeTempDir,
  newWorkbenchPage,
  openFile,
  openWorkbench,
  readCodeLenses,
  runCommand,
  screenshot,
  startCodeServer,
  statusBarTexts,
  waitForNotification,
  type Browser,
  type CodeServer,
  type Page,
} from '../../scripts/workbench/codeServer.mjs';

const ARTIFACTS = join(WORKBENCH.repoRoot, 'test-artifacts', 'workbench');
const PY_SOURCE = 'import math\n\ndef f(x, y):\n    return math.sin(x) * y\n'; // 5 lines as VS Code counts

interface ExtOptions {
  name: string;
  lensPrefix: string;
  /** Declare `capabilities.untrustedWorkspaces.supported: true` (runs in Restricted Mode). */
  untrusted?: boolean;
  withHoverAndCommand?: boolean;
}

/** Writes an unpacked extension (package.json + extension.js) into `dir` and returns `dir`. */
function makeExtension(dir: string, o: ExtOptions): string {
  mkdirSync(dir, { recursive: true });
  const manifest: Record<string, unknown> = {
    name: o.name,
    displayName: o.name,
    publisher: 'gradlens-test',
    version: '0.0.1',
    engines: { vscode: '^1.100.0' },
    activationEvents: ['onLanguage:python'],
    main: './extension.js',
    contributes: o.withHoverAndCommand
      ? { commands: [{ command: 'gradlensSmoke.hello', title: 'GradLens Smoke: Say Hello' }] }
      : {},
  };
  if (o.untrusted) manifest.capabilities = { untrustedWorkspaces: { supported: true } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(
    join(dir, 'extension.js'),
    `const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider({ language: 'python' }, {
      provideCodeLenses(doc) {
        return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: ${JSON.stringify(o.lensPrefix)} + doc.lineCount, command: '' })];
      },
    }),
  );
${
  o.withHoverAndCommand
    ? `  context.subscriptions.push(
    vscode.languages.registerHoverProvider({ language: 'python' }, {
      provideHover() { return new vscode.Hover('smoke hover'); },
    }),
    vscode.commands.registerCommand('gradlensSmoke.hello', () => {
      vscode.window.showInformationMessage('smoke command ran');
    }),
  );
`
    : ''
}};
exports.deactivate = () => {};
`,
  );
  return dir;
}

/** Runs `fn`; on failure saves a screenshot named `name-FAILED` before rethrowing. */
async function step<T>(page: Page | undefined, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (page) await screenshot(page, `${name}-FAILED`).catch(() => {});
    throw err;
  }
}

const timings: Record<string, number> = {};

before(() => {
  // Installs into .gradlens-cache/workbench on first use (≈1 min); instant once installed.
  ensureWorkbench();
}, { timeout: 15 * 60_000 });

describe('workbench smoke (workspace trust disabled)', { timeout: 90_000 }, () => {
  let tmp = '';
  let folder = '';
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let consoleLog: string[] = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    tmp = makeTempDir('gradlens-smoke-'); // removed on exit even if this process is killed
    folder = join(tmp, 'project');
    mkdirSync(folder);
    writeFileSync(join(folder, 'model.py'), PY_SOURCE);
    const ext = makeExtension(join(tmp, 'ext'), { name: 'smoke', lensPrefix: 'smoke lens: ', withHoverAndCommand: true });
    server = await startCodeServer({ folder, extensionDirs: [ext], logFile: join(ARTIFACTS, 'smoke-code-server.log') });
    timings.serverStartMs = server.startMs;
    browser = await connectChromium();
    page = await newWorkbenchPage(browser);
    consoleLog = captureConsole(page);
  });

  after(async () => {
    writeFileSync(join(ARTIFACTS, 'smoke-browser-console.log'), consoleLog.join('\n') + '\n');
    await browser?.close().catch(() => {});
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('loads the workbench with the folder open', async () => {
    timings.workbenchReadyMs = await step(page, 'smoke-load', () => openWorkbench(page, server!.url, folder));
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'model.py' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'smoke-1-workbench');
  });

  it('shows the extension\'s CodeLens on the opened .py file', async () => {
    const t0 = Date.now();
    await step(page, 'smoke-open', () => openFile(page, 'model.py'));
    const lenses = await step(page, 'smoke-lens', () => readCodeLenses(page, { contains: 'smoke lens:' }));
    timings.openFileToLensMs = Date.now() - t0;
    await screenshot(page, 'smoke-2-codelens');
    assert.deepEqual(lenses, ['smoke lens: 5']);
  });

  it('shows the extension\'s hover', async () => {
    const text = await step(page, 'smoke-hover', () => hoverAt(page, 'return math.sin(x)', 'sin', { contains: 'smoke hover' }));
    await screenshot(page, 'smoke-3-hover');
    assert.match(text, /smoke hover/);
  });

  it('runs the extension\'s command from the palette and shows its notification', async () => {
    await step(page, 'smoke-command', () => runCommand(page, 'GradLens Smoke: Say Hello'));
    const message = await step(page, 'smoke-notification', () => waitForNotification(page, 'smoke command ran'));
    await screenshot(page, 'smoke-4-notification');
    assert.equal(message, 'smoke command ran');
  });
});

describe('Restricted Mode (workspace trust on)', { timeout: 90_000 }, () => {
  let tmp = '';
  let folder = '';
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  before(async () => {
    tmp = makeTempDir('gradlens-trust-');
    folder = join(tmp, 'project');
    mkdirSync(folder);
    writeFileSync(join(folder, 'model.py'), PY_SOURCE);
    // One extension that needs trust (no capabilities) and one that declares it runs untrusted.
    const needsTrust = makeExtension(join(tmp, 'ext-trusted'), { name: 'smoke-needs-trust', lensPrefix: 'needs-trust lens: ' });
    const untrusted = makeExtension(join(tmp, 'ext-untrusted'), { name: 'smoke-untrusted', lensPrefix: 'untrusted-ok lens: ', untrusted: true });
    server = await startCodeServer({ folder, extensionDirs: [needsTrust, untrusted], trust: true, logFile: join(ARTIFACTS, 'trust-code-server.log') });
    browser = await connectChromium();
    page = await newWorkbenchPage(browser);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('asks "Do you trust the authors" on load; answering No gives Restricted Mode', async () => {
    await step(page, 'trust-load', () => openWorkbench(page, server!.url, folder));
    await page.locator('.monaco-dialog-box').first().waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'trust-1-dialog');
    const dialogText = await step(page, 'trust-dialog', () => answerTrustDialog(page, false));
    assert.match(dialogText, /Do you trust the authors of the files in this folder\?/);
    assert.match(dialogText, /Yes, I trust the authors/);
    assert.match(dialogText, /No, I don't trust the authors/);
    assert.ok((await statusBarTexts(page)).includes('Restricted Mode'));
  });

  it('in Restricted Mode only the extension declaring untrustedWorkspaces support runs', async () => {
    await step(page, 'trust-open', () => openFile(page, 'model.py'));
    await step(page, 'trust-lens', () => readCodeLenses(page, { contains: 'untrusted-ok lens:' }));
    await new Promise((r) => setTimeout(r, 1000)); // give a (wrongly) enabled second provider time to show
    const lenses = await readCodeLenses(page, { min: 0, timeout: 0 });
    await screenshot(page, 'trust-2-restricted');
    assert.equal(lenses.length, 1);
    assert.ok(lenses[0]!.includes('untrusted-ok lens: 5'), JSON.stringify(lenses));
    assert.ok(!lenses[0]!.includes('needs-trust lens'), JSON.stringify(lenses));
  });

  it('trusting the folder from the Workspace Trust editor enables the other extension', async () => {
    await step(page, 'trust-editor', () => runCommand(page, 'Workspaces: Manage Workspace Trust'));
    const editor = page.locator('.workspace-trust-editor');
    await editor.waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'trust-3-editor');
    await editor.getByRole('button', { name: 'Trust', exact: true }).click();
    await step(page, 'trust-status', async () => {
      const deadline = Date.now() + 10_000;
      while ((await statusBarTexts(page)).includes('Restricted Mode')) {
        if (Date.now() > deadline) throw new Error('still in Restricted Mode after clicking Trust');
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    await step(page, 'trust-reopen', () => openFile(page, 'model.py'));
    const lenses = await step(page, 'trust-lens-after', () => readCodeLenses(page, { contains: 'needs-trust lens:' }));
    await screenshot(page, 'trust-4-trusted');
    assert.ok(lenses.some((t) => t.includes('needs-trust lens: 5')), JSON.stringify(lenses));
    assert.ok(lenses.some((t) => t.includes('untrusted-ok lens: 5')), JSON.stringify(lenses));
  });
});

after(() => {
  console.log(`workbench timings (ms): ${JSON.stringify(timings)}`);
});
