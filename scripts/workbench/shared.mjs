// One Chromium and one code-server for a whole test run, started by scripts/run-node-tests.mjs and
// handed to the suites (separate node processes) through environment variables. Starting them once
// instead of in every suite saves, per suite, Chromium's start, code-server's start with the
// extension copied in, and code-server's stop (14 s a suite at load average 13, measured).
// Each suite still gets its own browser context (its own workbench window and extension host) and
// its own workspace folder, so suites stay apart; a suite that finds the shared one unusable starts
// its own, as it does when run alone (`node --import tsx --test test/workbench/x.test.ts`).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS, SHARED_BROWSER_ENV as BROWSER_ENV, SHARED_SERVER_ENV as SERVER_ENV, WORKBENCH, guardGroup, loadPlaywright, startCodeServer } from './codeServer.mjs';

/**
 * Starts what `files` need: Chromium if a workbench or webview suite is among them, code-server too
 * if a workbench suite is. Returns the environment for the test processes and a `stop()`.
 */
export async function startShared(files) {
  const workbench = files.some((f) => /(^|\/)test\/workbench\//.test(f));
  const webview = files.some((f) => /(^|\/)test\/webview\//.test(f));
  const env = {};
  const stops = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  if (!workbench && !webview) return { env, stop };
  try {
    const t0 = Date.now();
    const { chromium } = loadPlaywright();
    const home = join(WORKBENCH.dir, 'chromium-home');
    for (const d of ['config', 'cache']) mkdirSync(join(home, d), { recursive: true });
    const browserServer = await chromium.launchServer({
      executablePath: WORKBENCH.chromium,
      headless: true,
      env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
    const pid = browserServer.process().pid;
    guardGroup(pid, true);
    stops.push(async () => {
      await browserServer.close();
      guardGroup(pid, false);
    });
    env[BROWSER_ENV] = browserServer.wsEndpoint();
    const extension = join(WORKBENCH.repoRoot, 'dist', 'extension-pkg');
    if (workbench && existsSync(join(extension, 'dist', 'extension.js'))) {
      const server = await startCodeServer({
        extensionDirs: [extension],
        trust: true,
        logFile: join(WORKBENCH.repoRoot, 'test-artifacts', 'workbench', 'shared-code-server.log'),
        timeoutMs: 60_000,
      });
      stops.push(() => server.stop());
      env[SERVER_ENV] = server.url;
    }
    console.log(`shared workbench: Chromium${env[SERVER_ENV] ? ' and code-server' : ''} up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    // Not fatal: every suite can start its own.
    console.error(`shared workbench: not started (${e && e.message}); each suite starts its own`);
  }
  return { env, stop };
}
