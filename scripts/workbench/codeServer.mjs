// Start code-server (the real VS Code 1.100 workbench) on loopback with given extensions, and drive it
// with playwright-core in Debian's Chromium. Test/dev tooling only; see docs/workbench-testing.md.
//
//   const server = await startCodeServer({ folder, extensionDirs: [extDir] });
//   const browser = await launchChromium();
//   const page = await newWorkbenchPage(browser);
//   await openWorkbench(page, server.url, folder);
//   await openFile(page, 'a.py');
//   const lenses = await readCodeLenses(page);
//   ...
//   await browser.close(); await server.stop();
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { WORKBENCH, ensureWorkbench } from './install.mjs';
import { guardDir, guardGroup } from '../processGuard.mjs';

export { WORKBENCH, ensureWorkbench };

/** Chromium flags for an offline, headless, root-run browser. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

/** Settings every instance gets (a test's `settings` are merged over these). */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none', // else the welcome page takes focus
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true, // no "install the Python extension?" toast
  'workbench.enableExperiments': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

// The guard (scripts/processGuard.mjs) kills registered process groups and removes registered temp
// folders when this process dies, however it dies.
export { guardGroup };

/**
 * A fresh temp folder (`$TMPDIR/PREFIX*`) removed when this process exits, even if it is killed hard.
 * Remove it earlier yourself if you like.
 */
export function makeTempDir(prefix = 'gradlens-wb-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  guardDir(dir, true);
  exitDirs.add(dir);
  return dir;
}
const exitDirs = new Set();

// Servers not yet stopped. code-server runs in its own process group (so that stop() can kill the whole
// group), which also means it would outlive this process: kill it on exit and on fatal signals.
const live = new Set();
const pendingTmp = new Set(); // temp dirs of servers still starting (not yet in `live`)
process.on('exit', () => {
  for (const s of live) s.killNow();
  for (const d of [...pendingTmp, ...exitDirs]) rmSync(d, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  const onSignal = () => {
    if (process.listenerCount(sig) > 1) return; // the program handles this signal (and calls stop())
    for (const s of live) s.killNow();
    for (const d of pendingTmp) rmSync(d, { recursive: true, force: true });
    process.removeListener(sig, onSignal);
    process.kill(process.pid, sig); // default action: terminate as if no handler were installed
  };
  process.on(sig, onSignal);
}

// ---------------------------------------------------------------------------------------------------
// ports

function tryListen(port, host) {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(undefined));
    srv.listen({ port, host, exclusive: true }, () => {
      const got = srv.address().port;
      srv.close(() => res(got));
    });
  });
}

/** `preferred` if it is free on host, else the next free one up to preferred+50, else any free port. */
export async function findFreePort(preferred = 0, host = '127.0.0.1') {
  if (preferred > 0) {
    for (let p = preferred; p < preferred + 50; p++) {
      const got = await tryListen(p, host);
      if (got) return got;
    }
  }
  const got = await tryListen(0, host);
  if (!got) throw new Error(`no free port on ${host}`);
  return got;
}

// ---------------------------------------------------------------------------------------------------
// processes

function descendants(rootPid) {
  // Linux: walk /proc for the process tree (catches children that left the process group, e.g. ptys).
  const children = new Map();
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(e));
    } catch {}
  }
  const out = [];
  const stack = [rootPid];
  while (stack.length) {
    for (const c of children.get(stack.pop()) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function killTree(pid, signal) {
  const pids = descendants(pid);
  try {
    process.kill(-pid, signal); // the whole process group (spawned detached, so pgid == pid)
  } catch {}
  for (const p of [pid, ...pids]) {
    try {
      process.kill(p, signal);
    } catch {}
  }
  return pids;
}

/** `?folder=` value: the absolute path, percent-encoded except for its slashes (as VS Code writes it). */
function folderParam(folder) {
  return encodeURIComponent(resolve(folder)).replace(/%2F/g, '/');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------
// extensions

function readManifest(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!pkg.publisher || !pkg.name || !pkg.version) throw new Error(`${dir}/package.json needs publisher, name and version`);
  return pkg;
}

function installExtension(src, extensionsDir, userDataDir, env, link) {
  const abs = resolve(src);
  if (abs.endsWith('.vsix')) {
    const before = new Set(readdirSync(extensionsDir));
    const r = spawnSync(
      process.execPath,
      [WORKBENCH.codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', abs, '--force'],
      { encoding: 'utf8', env, timeout: 60_000 },
    );
    if (r.status !== 0) throw new Error(`installing ${abs} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    const added = readdirSync(extensionsDir).filter((d) => !before.has(d) && d !== 'extensions.json' && !d.startsWith('.'));
    return added.length === 1 ? added[0] : abs;
  }
  const pkg = readManifest(abs);
  const id = `${pkg.publisher}.${pkg.name}-${pkg.version}`.toLowerCase();
  if (link) {
    // A symlink: a rebuilt extension is picked up by "Developer: Reload Window" without restarting.
    symlinkSync(abs, join(extensionsDir, id), 'dir');
    return id;
  }
  cpSync(abs, join(extensionsDir, id), {
    recursive: true,
    dereference: true,
    filter: (p) => basename(p) !== '.git',
  });
  return id;
}

// ---------------------------------------------------------------------------------------------------
// server

/**
 * Start code-server in the background with a fresh user-data-dir and extensions-dir.
 * @param {object} o
 * @param {string} [o.folder] folder to open (only used for `workbenchUrl`; the browser picks the folder)
 * @param {string[]} [o.extensionDirs] unpacked extension folders (copied in) or `.vsix` files (installed)
 * @param {boolean} [o.linkExtensions] symlink unpacked extension folders instead of copying them
 * @param {number} [o.port] fixed port (fails if busy); default: a free one
 * @param {number} [o.preferredPort] try this port first, then the next free ones
 * @param {boolean} [o.trust] true: keep workspace trust on (Restricted Mode testing); default false
 * @param {object} [o.settings] user settings merged over DEFAULT_SETTINGS
 * @param {string} [o.logFile] also write code-server's output here
 * @param {boolean} [o.echo] also echo code-server's output to stderr
 * @param {number} [o.timeoutMs] how long to wait for "HTTP server listening" (default 30 s)
 * @param {string[]} [o.extraArgs] more code-server arguments
 */
export async function startCodeServer(o = {}) {
  ensureWorkbench();
  const t0 = Date.now();
  const host = '127.0.0.1';
  const tmp = mkdtempSync(join(tmpdir(), 'gradlens-cs-'));
  pendingTmp.add(tmp);
  guardDir(tmp, true);
  const userDataDir = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  const home = join(tmp, 'xdg');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  for (const d of ['config', 'data', 'cache']) mkdirSync(join(home, d), { recursive: true });
  const configFile = join(tmp, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...(o.settings ?? {}) }, null, 2) + '\n',
  );
  // Keep code-server's default config and coder-logs out of $HOME.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
  };
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.PORT; // $PORT overrides --bind-addr's port
  delete env.VSCODE_IPC_HOOK_CLI; // would hand the folder to another instance

  const cleanupTmp = () => {
    pendingTmp.delete(tmp);
    if (o.logFile) keepExtensionLogs(userDataDir, o.logFile);
    if (!o.keepTemp) rmSync(tmp, { recursive: true, force: true });
    guardDir(tmp, false);
  };

  let installed;
  try {
    installed = (o.extensionDirs ?? []).map((d) => installExtension(d, extensionsDir, userDataDir, env, !!o.linkExtensions));
  } catch (e) {
    cleanupTmp();
    throw e;
  }

  const explicitPort = o.port !== undefined && o.port !== 0;
  let lastErr;
  for (let attempt = 0; attempt < (explicitPort ? 1 : 3); attempt++) {
    const port = explicitPort ? o.port : await findFreePort(o.preferredPort ?? 0, host);
    try {
      const server = await launch({ ...o, port, host, tmp, userDataDir, extensionsDir, configFile, env, installed, t0, cleanupTmp });
      pendingTmp.delete(tmp); // from now on server.stop()/killNow() removes it
      return server;
    } catch (e) {
      lastErr = e;
      if (!/EADDRINUSE/.test(String(e && e.message))) break;
    }
  }
  cleanupTmp();
  throw lastErr;
}

/**
 * GradLens's own output channel (its log: what was analysed, what the editor asked and was handed, the
 * lens requests' timeline) is copied beside code-server's log before the temp dir goes, so that a
 * failed workbench test can be read afterwards.
 */
function keepExtensionLogs(userDataDir, logFile) {
  const found = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/GradLens.*\.log$/.test(e.name)) found.push(path);
    }
  };
  walk(join(userDataDir, 'logs'));
  found.forEach((path, i) => {
    try {
      cpSync(path, logFile.replace(/\.log$/, '') + `-gradlens${found.length > 1 ? `-${i + 1}` : ''}.log`);
    } catch {}
  });
}

function launch(o) {
  const args = [
    WORKBENCH.codeServerEntry,
    '--config', o.configFile,
    '--auth', 'none',
    '--bind-addr', `${o.host}:${o.port}`,
    '--user-data-dir', o.userDataDir,
    '--extensions-dir', o.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(o.trust ? [] : ['--disable-workspace-trust']),
    ...(o.extraArgs ?? []),
  ];
  if (o.folder) args.push(resolve(o.folder));
  const child = spawn(process.execPath, args, {
    detached: true, // own process group: stop() kills -pid
    stdio: ['ignore', 'pipe', 'pipe'],
    env: o.env,
  });
  guardGroup(child.pid, true);
  const logStream = o.logFile ? (mkdirSync(resolve(o.logFile, '..'), { recursive: true }), createWriteStream(o.logFile)) : undefined;
  let output = '';
  const MAX = 256 * 1024;
  let exited = false;
  let exitInfo;
  const exitPromise = new Promise((r) =>
    child.once('exit', (code, signal) => {
      exited = true;
      exitInfo = { code, signal };
      r(exitInfo);
    }),
  );

  const url = `http://${o.host}:${o.port}`;
  const pid = child.pid;
  let stopped = false;
  const server = {
    url,
    port: o.port,
    pid,
    folder: o.folder ? resolve(o.folder) : undefined,
    workbenchUrl: o.folder ? `${url}/?folder=${folderParam(o.folder)}` : url,
    tmpDir: o.tmp,
    userDataDir: o.userDataDir,
    extensionsDir: o.extensionsDir,
    extensions: o.installed,
    startMs: 0,
    /** Resolves when the code-server process exits. */
    exited: exitPromise,
    /** Everything code-server printed so far (last 256 KB). */
    output: () => output,
    /** Synchronous SIGKILL of the whole tree; used on process exit. */
    killNow() {
      if (stopped) return;
      stopped = true;
      live.delete(server);
      killTree(pid, 'SIGKILL');
      guardGroup(pid, false);
      logStream?.end();
      o.cleanupTmp();
    },
    /** SIGTERM the process group (and any descendant that left it), SIGKILL after 5 s; remove the temp dir. */
    async stop() {
      if (stopped) return;
      stopped = true;
      live.delete(server);
      const tree = killTree(pid, 'SIGTERM');
      const deadline = Date.now() + 5000;
      const anyAlive = () => groupAlive(pid) || alive(pid) || tree.some(alive);
      while (anyAlive() && Date.now() < deadline) await sleep(50);
      if (anyAlive()) {
        killTree(pid, 'SIGKILL');
        for (const p of tree) {
          try {
            process.kill(p, 'SIGKILL');
          } catch {}
        }
        const d2 = Date.now() + 3000;
        while (anyAlive() && Date.now() < d2) await sleep(50);
      }
      if (!exited) await Promise.race([exitPromise, sleep(1000)]);
      guardGroup(pid, false);
      logStream?.end();
      o.cleanupTmp();
    },
  };
  live.add(server);

  return new Promise((res, rej) => {
    const timer = setTimeout(() => fail(new Error(`code-server did not report "HTTP server listening" within ${o.timeoutMs ?? 30000} ms`)), o.timeoutMs ?? 30000);
    let done = false;
    const fail = async (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // The temp dir stays: a retry on another port reuses it; startCodeServer removes it on final failure.
      stopped = true;
      live.delete(server);
      killTree(pid, 'SIGKILL');
      guardGroup(pid, false);
      logStream?.end();
      err.message += `\n--- code-server output ---\n${output.slice(-8000)}`;
      rej(err);
    };
    const onData = (buf) => {
      const s = buf.toString();
      output = (output + s).slice(-MAX);
      logStream?.write(s);
      if (o.echo) process.stderr.write(s);
      if (!done && output.includes('HTTP server listening')) {
        done = true;
        clearTimeout(timer);
        server.startMs = Date.now() - o.t0;
        res(server);
      } else if (!done && /EADDRINUSE/.test(output)) {
        fail(new Error(`port ${o.port} in use (EADDRINUSE)`));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (e) => fail(e));
    exitPromise.then((info) => fail(new Error(`code-server exited early (code ${info.code}, signal ${info.signal})`)));
  });
}

// ---------------------------------------------------------------------------------------------------
// browser

// Code that runs in the page is kept as strings: when this module is loaded through tsx, esbuild rewrites
// functions (adds `__name(...)` calls), and Playwright would ship that rewritten source to the browser.
// VS Code writes a lens's text only while it is in view: a lens that scrolled out keeps in the DOM the
// text it had then, and gets the newest when it comes back into view (codelensController's
// resolve-in-viewport). `inView` keeps the lenses inside an editor's visible area, which the user sees.
const LENS_TEXTS_JS = (inView) => `[...document.querySelectorAll('.codelens-decoration')]
  .filter((e) => {
    if (!${inView}) return true;
    const guard = e.closest('.monaco-editor')?.querySelector('.overflow-guard');
    if (!guard) return false;
    const r = e.getBoundingClientRect(), g = guard.getBoundingClientRect();
    return r.height > 0 && r.bottom > g.top && r.top < g.bottom;
  })
  .map((e) => ({ top: e.getBoundingClientRect().top, text: (e.textContent || '').replace(/\u00a0/g, ' ').trim() }))
  .sort((a, b) => a.top - b.top)
  .map((x) => x.text)`;

const STATUS_TEXTS_JS = `[...document.querySelectorAll('.part.statusbar .statusbar-item')]
  .map((e) => (e.textContent || '').replace(/\u00a0/g, ' ').trim())
  .filter(Boolean)`;

const TOKEN_BOX_JS = `function (lineText, token) {
  const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')];
  for (const line of lines) {
    const text = (line.textContent || '').replace(/\u00a0/g, ' ');
    const at = text.indexOf(lineText);
    if (at < 0) continue;
    const idx = text.indexOf(token, at);
    if (idx < 0) continue;
    // Map the character offset to text node + offset, then measure with a Range.
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    let pos = 0, startNode, startOff, endNode, endOff;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.textContent.length;
      if (startNode === undefined && idx < pos + len) { startNode = n; startOff = idx - pos; }
      if (startNode !== undefined && idx + token.length <= pos + len) { endNode = n; endOff = idx + token.length - pos; break; }
      pos += len;
    }
    if (!startNode || !endNode) continue;
    const range = document.createRange();
    range.setStart(startNode, startOff);
    range.setEnd(endNode, endOff);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
  }
  return null;
}`;

/** playwright-core from the workbench cache (not the repo's node_modules). */
export function loadPlaywright() {
  ensureWorkbench();
  const req = createRequire(join(WORKBENCH.nodeModules, 'noop.js'));
  return req('playwright-core');
}

/** Debian's Chromium, headless. Close it with `browser.close()`. */
export async function launchChromium(opts = {}) {
  const { chromium } = loadPlaywright();
  // Chromium writes "Crash Reports" under $XDG_CONFIG_HOME and dconf under $XDG_CACHE_HOME: keep both in the cache.
  const home = join(WORKBENCH.dir, 'chromium-home');
  mkdirSync(join(home, 'config'), { recursive: true });
  mkdirSync(join(home, 'cache'), { recursive: true });
  const browser = await chromium.launch({
    executablePath: WORKBENCH.chromium,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
    timeout: opts.timeout ?? 30_000,
  });
  // Playwright starts Chromium in its own process group; let the guard kill it if this process dies hard.
  const bpid = browser.process?.()?.pid;
  if (bpid) {
    guardGroup(bpid, true);
    browser.on('disconnected', () => guardGroup(bpid, false));
  }
  return browser;
}

/** The env var holding the ws endpoint of a test run's shared Chromium (scripts/workbench/shared.mjs). */
export const SHARED_BROWSER_ENV = 'GRADLENS_WB_BROWSER';
/** The env var holding the URL of a test run's shared code-server: dist/extension-pkg in it, trust on. */
export const SHARED_SERVER_ENV = 'GRADLENS_WB_SERVER';

/**
 * The test run's shared Chromium when there is one (connected over playwright's protocol; `close()`
 * then closes this process's contexts and disconnects), else a Chromium of its own (launchChromium).
 */
export async function connectChromium(opts = {}) {
  const ws = process.env[SHARED_BROWSER_ENV];
  if (ws) {
    try {
      return await loadPlaywright().chromium.connect(ws, { timeout: opts.timeout ?? 30_000 });
    } catch (e) {
      process.stderr.write(`the shared Chromium did not answer (${e && e.message}): launching one\n`);
    }
  }
  return launchChromium(opts);
}

/**
 * The URL of the test run's shared code-server if it is set and answers, else undefined (the
 * caller then starts its own, so a dead shared server costs time, not false failures).
 */
export async function sharedCodeServerUrl() {
  const url = process.env[SHARED_SERVER_ENV];
  if (!url) return undefined;
  try {
    const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    if (r.ok) return url;
  } catch {}
  process.stderr.write(`the shared code-server at ${url} did not answer: starting one\n`);
  return undefined;
}

/** A page with a fixed viewport, suited to screenshots. */
export async function newWorkbenchPage(browser, { width = 1400, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  return context.newPage();
}

/**
 * Collect the page's console messages and uncaught errors (for a test artifact when something fails).
 * Returns the live array; each entry is "type: text".
 */
export function captureConsole(page) {
  const messages = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => messages.push(`pageerror: ${e && e.message}`));
  return messages;
}

/**
 * Load the workbench with `folder` open and wait for `.monaco-workbench` and the explorer.
 * Returns the milliseconds it took.
 */
export async function openWorkbench(page, url, folder, { timeout = 30_000 } = {}) {
  const t0 = Date.now();
  const target = folder ? `${url.replace(/\/?(\?.*)?$/, '')}/?folder=${folderParam(folder)}` : url;
  await page.goto(target, { waitUntil: 'domcontentloaded', timeout });
  await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout });
  // The status bar and activity bar come up once the workbench layout is restored.
  await page.locator('.part.statusbar').first().waitFor({ state: 'visible', timeout });
  return Date.now() - t0;
}

/** Make sure the editor area (not a quick input / dialog) has keyboard focus. */
async function focusWorkbench(page) {
  await page.keyboard.press('Escape');
}

/**
 * Open a file of the workspace through Quick Open (Ctrl+P, type the path, Enter) and wait for its
 * editor tab to be active and its text rendered. Retries the whole gesture (the workbench can swallow
 * keys while it is busy, e.g. just after loading or after workspace trust changes). Returns when
 * (epoch ms) the Enter that opened it was pressed. The first Quick Open of a window waits for the
 * server's file search: at load average 20 that missed 20 s once, hence 30 s.
 */
export async function openFile(page, relativePath, { timeout = 30_000 } = {}) {
  const name = basename(relativePath);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const activeTab = page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).first();
  const deadline = Date.now() + timeout;
  let lastErr;
  while (Date.now() < deadline) {
    const left = () => Math.max(1000, deadline - Date.now());
    try {
      await focusWorkbench(page);
      await page.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible', timeout: Math.min(3000, left()) });
      await input.fill(relativePath);
      // Wait until the list is filtered and its focused (first) row is this file. Just after typing, the
      // list can still show the unfiltered editor history, where Enter would pick another entry.
      const focused = page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).first();
      await focused.waitFor({ state: 'visible', timeout: Math.min(10_000, left()) });
      const enteredAt = Date.now();
      await page.keyboard.press('Enter');
      await activeTab.waitFor({ state: 'visible', timeout: Math.min(3000, left()) });
      // A notebook shows its cells' editors inside the notebook editor, not as the editor instance.
      const text = relativePath.endsWith('.ipynb') ? '.notebook-editor .cell .monaco-editor .view-lines .view-line' : '.editor-instance .monaco-editor .view-lines .view-line';
      await page.locator(text).first().waitFor({ state: 'visible', timeout: left() });
      return enteredAt;
    } catch (e) {
      lastErr = e;
      if (process.env.GRADLENS_WB_DEBUG) process.stderr.write(`[openFile ${relativePath}] retry after: ${e && e.message}\n`);
    }
  }
  throw new Error(`could not open ${relativePath} through Quick Open: ${lastErr && lastErr.message}`);
}

/**
 * Texts of the CodeLens decorations in the visible editors, top to bottom (each decoration's text; several
 * lenses on one line are joined by " | " as VS Code shows them). Waits for at least `min` (default 1), one
 * containing `contains` if given, and until `until(texts)` holds if given. `inView`: only the lenses
 * inside an editor's visible area (the others may hold text they had when last in view).
 */
export async function readCodeLenses(page, { min = 1, timeout = 15_000, contains, until, inView = false } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const texts = await page.evaluate(LENS_TEXTS_JS(inView));
    const ok = texts.length >= min && (!contains || texts.some((t) => t.includes(contains))) && (!until || until(texts));
    if (ok) return texts;
    if (Date.now() > deadline) {
      if (min === 0) return texts;
      throw new Error(`expected >= ${min} code lenses${inView ? ' in view' : ''}${contains ? ` containing "${contains}"` : ''}${until ? ' meeting the test\'s condition' : ''}, saw ${JSON.stringify(texts)}`);
    }
    await sleep(100);
  }
}

/** The visible hover has finished its fade-in (no running animation, full opacity). */
const HOVER_SETTLED_JS = `(() => {
  const h = document.querySelector('.monaco-hover:not(.hidden)');
  if (!h) return true;
  return h.getAnimations({ subtree: true }).every((a) => a.playState !== 'running') && getComputedStyle(h).opacity === '1';
})()`;

/** Center (page coordinates) of `token` inside the first rendered editor line containing `lineText`. */
function tokenBox(page, lineText, token) {
  return page.evaluate(`(${TOKEN_BOX_JS})(${JSON.stringify(lineText)}, ${JSON.stringify(token)})`);
}

/**
 * Hover the mouse over `token` on the editor line containing `lineText` and return the hover's text.
 * If the line is not rendered, it is revealed with the Find widget first.
 */
export async function hoverAt(page, lineText, token, { timeout = 10_000, contains, line } = {}) {
  let box = await tokenBox(page, lineText, token);
  for (let attempt = 0; !box && attempt < 3; attempt++) {
    if (line) {
      // The caller knows the line: Quick Open's ":line" focuses the editor and reveals it.
      await goToLine(page, line);
    } else {
      // Focus the active editor without clicking it (a click can land on another editor's hidden
      // lines or under an overlay), then reveal the line with the Find widget.
      await goToLine(page, 1);
      await page.keyboard.press('Control+F');
      await page.keyboard.insertText(lineText);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
    }
    // The editor scrolls and renders the line a moment later.
    for (let i = 0; !box && i < 20; i++) {
      await sleep(100);
      box = await tokenBox(page, lineText, token);
    }
  }
  if (!box) throw new Error(`no rendered editor line contains "${lineText}" with "${token}"`);
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
  const deadline = Date.now() + timeout;
  for (let attempt = 0; ; attempt++) {
    // Move away first so a new hover is computed, then onto the token (a little jiggle helps the
    // mouse-move debounce fire).
    await page.mouse.move(2, 2);
    await page.mouse.move(box.x - 1, box.y);
    await page.mouse.move(box.x, box.y, { steps: 2 });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: Math.min(3000, Math.max(500, deadline - Date.now())) });
      const texts = await hover.allInnerTexts();
      const text = texts.join('\n').trim();
      if (!contains || text.includes(contains)) {
        // The hover fades in: a screenshot taken now would catch it half transparent.
        await page.waitForFunction(HOVER_SETTLED_JS, undefined, { timeout: 2000 }).catch(() => {});
        return text;
      }
      if (Date.now() > deadline) throw new Error(`hover text ${JSON.stringify(text)} lacks "${contains}"`);
      await sleep(200);
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    box = (await tokenBox(page, lineText, token)) ?? box;
  }
}

/** Move the cursor of the active editor to `line` (1-based) through Quick Open's ":line", focusing it. */
export async function goToLine(page, line, { timeout = 10_000 } = {}) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await focusWorkbench(page);
  await page.keyboard.press('Control+P');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout });
}

/** Run a command from the palette: F1, type `title`, wait for a matching row, Enter. */
export async function runCommand(page, title, { timeout = 10_000 } = {}) {
  await focusWorkbench(page);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(`>${title}`);
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  const match = rows.filter({ hasText: title }).first();
  await match.waitFor({ state: 'visible', timeout });
  // Prefer Enter on the focused row once the filtering has put the command there; else click its row.
  const focused = page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first();
  const isFocused = await focused.waitFor({ state: 'visible', timeout: 1500 }).then(() => true, () => false);
  if (isFocused) await page.keyboard.press('Enter');
  else await match.click();
  await input.waitFor({ state: 'hidden', timeout }).catch(() => {});
}

/** Wait for a notification toast containing `text` (and for its slide-in to settle); returns its message text. */
export async function waitForNotification(page, text, { timeout = 10_000 } = {}) {
  const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout });
  let last = '';
  for (let i = 0; i < 20; i++) {
    const box = JSON.stringify(await toast.boundingBox());
    if (box === last) break;
    last = box;
    await sleep(100);
  }
  return (await toast.innerText()).trim();
}

/**
 * With workspace trust on (`startCodeServer({ trust: true })`), VS Code opens a modal dialog
 * "Do you trust the authors of the files in this folder?" as the workbench loads. Answer it:
 * `trust: true` clicks "Yes, I trust the authors", false clicks "No, I don't trust the authors"
 * (Restricted Mode). Returns the dialog's text.
 */
export async function answerTrustDialog(page, trust, { timeout = 30_000 } = {}) {
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'Do you trust the authors' }).first();
  await dialog.waitFor({ state: 'visible', timeout });
  const text = (await dialog.innerText()).trim();
  const label = trust ? 'Yes, I trust the authors' : "No, I don't trust the authors";
  await dialog.locator('.monaco-button', { hasText: label }).first().click();
  await dialog.waitFor({ state: 'hidden', timeout });
  return text;
}

/** Texts of the status bar items, left to right (e.g. includes "Restricted Mode" when untrusted). */
export async function statusBarTexts(page) {
  return page.evaluate(STATUS_TEXTS_JS);
}

/** Save a PNG of the page to test-artifacts/workbench/NAME.png (repo-relative); returns its path. */
export async function screenshot(page, name) {
  const dir = join(WORKBENCH.repoRoot, 'test-artifacts', 'workbench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path });
  return path;
}
