// One GradLens workbench session for a suite: examples/ copied to a temp folder (plus any extra
// files), code-server with dist/extension-pkg installed, Chromium on it, Restricted Mode (GradLens
// never runs user code, so everything must work in a folder nobody trusted). Under
// scripts/run-node-tests.mjs the code-server (for the unpacked build) and Chromium are the run's
// shared ones (scripts/workbench/shared.mjs); the window, its extension host and the folder are
// still the suite's own.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  WORKBENCH,
  answerTrustDialog,
  captureConsole,
  connectChromium,
  ensureWorkbench,
  makeTempDir,
  newWorkbenchPage,
  openWorkbench,
  screenshot,
  sharedCodeServerUrl,
  startCodeServer,
  type Browser,
  type CodeServer,
  type Page,
} from '../../scripts/workbench/codeServer.mjs';

export const ROOT = WORKBENCH.repoRoot;
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'workbench');
const EXTENSION = join(ROOT, 'dist', 'extension-pkg');
/** What `npm run package` makes; the test command builds it before the workbench suites. */
export const VSIX = join(ROOT, 'dist', 'gradlens.vsix');

export interface GradLensSession {
  readonly page: Page;
  readonly folder: string;
  close(): Promise<void>;
}

/**
 * `install`: the unpacked build (dist/extension-pkg, what the main job loads) or the packaged .vsix
 * (installed by code-server's own --install-extension, as a person would).
 */
export async function openGradLensSession(name: string, extraFiles: Readonly<Record<string, string>> = {}, install: 'folder' | 'vsix' = 'folder'): Promise<GradLensSession> {
  ensureWorkbench();
  const extension = install === 'vsix' ? VSIX : EXTENSION;
  assert.ok(existsSync(install === 'vsix' ? VSIX : join(EXTENSION, 'dist', 'extension.js')), `${extension} is missing: run scripts/${install === 'vsix' ? 'package' : 'build'}.mjs first`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = makeTempDir(`gradlens-${name}-`);
  const folder = join(tmp, 'examples');
  cpSync(join(ROOT, 'examples'), folder, { recursive: true });
  for (const [file, text] of Object.entries(extraFiles)) writeFileSync(join(folder, file), text);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let consoleLog: string[] = [];
  let pageForShot: Page | undefined;
  const close = async (): Promise<void> => {
    writeFileSync(join(ARTIFACTS, `${name}-browser-console.log`), consoleLog.join('\n') + '\n');
    await browser?.close().catch(() => {});
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    // The shared server's log is test-artifacts/workbench/shared-code-server.log.
    const url = install === 'folder' ? await sharedCodeServerUrl() : undefined;
    if (!url) server = await startCodeServer({ folder, extensionDirs: [extension], trust: true, logFile: join(ARTIFACTS, `${name}-code-server.log`) });
    browser = await connectChromium();
    const page = await newWorkbenchPage(browser);
    pageForShot = page;
    consoleLog = captureConsole(page);
    await openWorkbench(page, url ?? server!.url, folder);
    // The dialog comes a few seconds after the workbench; in a run at load average 20, two suites
    // did not see it within 15 s.
    await answerTrustDialog(page, false, { timeout: 30_000 });
    return { page, folder, close };
  } catch (e) {
    if (pageForShot) await screenshot(pageForShot, `${name}-setup-FAILED`).catch(() => {});
    await close();
    throw e;
  }
}

/** The 1-based line of examples/`file` that starts with `text` (for hoverAt's `line`). */
export function lineOf(file: string, text: string): number {
  const index = readFileSync(join(ROOT, 'examples', file), 'utf8').split('\n').findIndex((l) => l.startsWith(text));
  assert.ok(index >= 0, `examples/${file} has no line starting with ${text}`);
  return index + 1;
}

/** Polls `probe` until it returns a value (every 150 ms), or fails after `timeout` ms naming `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
