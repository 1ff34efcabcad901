#!/usr/bin/env node
// Idempotent installer for the real-workbench test tooling: code-server (the real VS Code workbench,
// served on loopback) and playwright-core (drives Debian's Chromium). Everything goes into
// `.gradlens-cache/workbench/` inside the repo, never into the product's node_modules.
//
// Recipe (see docs/workbench-testing.md): code-server's own postinstall cannot run here (it refuses
// root, and @vscode/ripgrep downloads from GitHub), so install with scripts off and do its steps by hand.
//
//   node scripts/workbench/install.mjs          # install if needed; a second run is a no-op
//   node scripts/workbench/install.mjs --force  # redo every step
//
// Also importable: `import { ensureWorkbench, WORKBENCH } from './install.mjs'`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync, lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3'; // bundles VS Code 1.100.3; newest that installs on Node 20
export const PLAYWRIGHT_CORE_VERSION = '1.65.1'; // drives Chromium 156 over CDP; no browser download
const RECIPE = 1; // bump when the steps below change, so existing caches are redone
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev'];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(repoRoot, '.gradlens-cache', 'workbench');
const codeServerDir = join(dir, 'node_modules', 'code-server');
const vscodeDir = join(codeServerDir, 'lib', 'vscode');

export const WORKBENCH = {
  repoRoot,
  dir,
  nodeModules: join(dir, 'node_modules'),
  codeServerDir,
  /** Run as `node ENTRY ...args` (the `.bin/code-server` symlink points here). */
  codeServerEntry: join(codeServerDir, 'out', 'node', 'entry.js'),
  chromium: '/usr/bin/chromium',
  marker: join(dir, '.installed.json'),
  codeServerVersion: CODE_SERVER_VERSION,
  playwrightCoreVersion: PLAYWRIGHT_CORE_VERSION,
};

const wanted = { codeServer: CODE_SERVER_VERSION, playwrightCore: PLAYWRIGHT_CORE_VERSION, recipe: RECIPE };

function log(msg) {
  process.stderr.write(`[workbench-install] ${msg}\n`);
}

// node-gyp needs Node's headers; offline it cannot download them. Point it at the ones installed with
// this Node (e.g. /usr/include/node for Debian's) unless nodedir is configured already.
function nodedirEnv() {
  if (process.env.npm_config_nodedir) return {};
  const prefix = resolve(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? { npm_config_nodedir: prefix } : {};
}

function run(cmd, args, cwd, extraEnv = {}) {
  const t0 = Date.now();
  log(`$ (cd ${cwd.startsWith(dir) ? '<cache>' + cwd.slice(dir.length) : cwd} && ${cmd} ${args.join(' ')})`);
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      npm_config_yes: 'true', // node-pty's install script calls `npx node-gyp`
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      JOBS: process.env.JOBS ?? 'max', // node-gyp: compile native modules with make -j<cpus>
      ...nodedirEnv(),
      ...extraEnv,
    },
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status} (in ${cwd})`);
  log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function aptInstalled(pkg) {
  const r = spawnSync('dpkg', ['-s', pkg], { encoding: 'utf8' });
  return r.status === 0 && /^Status: install ok installed$/m.test(r.stdout);
}

function ensureApt() {
  const missing = APT_PACKAGES.filter((p) => !aptInstalled(p));
  if (missing.length === 0) return;
  log(`apt packages missing: ${missing.join(' ')}`);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pre = asRoot ? [] : ['sudo', '-n'];
  const apt = (args) => {
    const [cmd, ...rest] = [...pre, 'apt-get', ...args];
    run(cmd, rest, repoRoot, { DEBIAN_FRONTEND: 'noninteractive' });
  };
  apt(['update']);
  apt(['install', '-y', ...missing]);
}

function readMarker() {
  try {
    return JSON.parse(readFileSync(WORKBENCH.marker, 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when the cache holds a complete install of the wanted versions (cheap: a few stat calls). */
export function isInstalled() {
  const m = readMarker();
  return (
    !!m &&
    m.codeServer === wanted.codeServer &&
    m.playwrightCore === wanted.playwrightCore &&
    m.recipe === wanted.recipe &&
    existsSync(WORKBENCH.codeServerEntry) &&
    existsSync(join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg')) &&
    existsSync(join(WORKBENCH.nodeModules, 'playwright-core', 'package.json')) &&
    existsSync(WORKBENCH.chromium)
  );
}

/** Installs whatever is missing. Returns WORKBENCH. Safe to call from tests (fast when installed). */
export function ensureWorkbench({ force = false } = {}) {
  if (!force && isInstalled()) return WORKBENCH;
  const t0 = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} + playwright-core ${PLAYWRIGHT_CORE_VERSION} into ${dir}`);
  rmSync(WORKBENCH.marker, { force: true });

  ensureApt();

  mkdirSync(dir, { recursive: true });
  const pkgJson = join(dir, 'package.json');
  if (!existsSync(pkgJson)) {
    writeFileSync(
      pkgJson,
      JSON.stringify({ name: 'gradlens-workbench-cache', private: true, description: 'generated by scripts/workbench/install.mjs' }, null, 2) + '\n',
    );
  }

  // 1. code-server and playwright-core, scripts off (code-server's postinstall does the steps below).
  run('npm', ['install', '--ignore-scripts', '--save-exact', `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_CORE_VERSION}`], dir);

  // 2. VS Code's own runtime dependencies, then the native modules it needs, built against Node 20.
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  run('npm', ['rebuild', '@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty'], vscodeDir);

  // 3. @vscode/ripgrep normally downloads rg from GitHub: use Debian's.
  const rgBin = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgBin, { recursive: true });
  copyFileSync('/usr/bin/rg', join(rgBin, 'rg'));
  chmodSync(join(rgBin, 'rg'), 0o755);
  log('copied /usr/bin/rg into @vscode/ripgrep/bin');

  // 4. The server loads `node_modules.asar` paths; point them at the plain folder.
  const asar = join(vscodeDir, 'node_modules.asar');
  let asarOk = false;
  try {
    asarOk = lstatSync(asar).isSymbolicLink();
  } catch {}
  if (!asarOk) {
    rmSync(asar, { recursive: true, force: true });
    symlinkSync('node_modules', asar);
  }
  log('linked node_modules.asar -> node_modules');

  // 5. Built-in extensions' dependencies, and argon2 (code-server's password hashing; loaded at start).
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], join(vscodeDir, 'extensions'));
  run('npm', ['rebuild', 'argon2'], dir);

  if (!existsSync(WORKBENCH.codeServerEntry)) throw new Error(`missing ${WORKBENCH.codeServerEntry} after install`);
  writeFileSync(WORKBENCH.marker, JSON.stringify({ ...wanted, installedAt: new Date().toISOString(), seconds: (Date.now() - t0) / 1000 }, null, 2) + '\n');
  log(`complete in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return WORKBENCH;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  try {
    const already = !process.argv.includes('--force') && isInstalled();
    ensureWorkbench({ force: process.argv.includes('--force') });
    if (already) log(`already installed (code-server ${CODE_SERVER_VERSION}, playwright-core ${PLAYWRIGHT_CORE_VERSION}) - ${Date.now() - t0} ms`);
  } catch (err) {
    log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
