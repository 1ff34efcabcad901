// Runs every check in order and all tests in one node:test run, so the run ends with one summary.
// The real-workbench suites need code-server, which scripts/workbench/install.mjs caches offline.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const t0 = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`=== ${title} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  console.log(`=== ${title}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

step('type check', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
// The webview is a browser bundle with its own DOM-typed project.
step('type check the webview', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'webview/tsconfig.json', '--noEmit']);
step('build', process.execPath, ['scripts/build.mjs']);
// The .vsix (a production build): the editor workbench suite installs it.
step('package the extension (.vsix)', process.execPath, ['scripts/package.mjs']);
const suites = ['test/unit', 'test/golden', 'test/oracle', 'test/fuzz'];
if (existsSync('test/webview')) suites.push('test/webview');
if (existsSync('scripts/workbench/install.mjs') && existsSync('test/workbench')) {
  step('install the real workbench (code-server, cached)', process.execPath, ['scripts/workbench/install.mjs']);
  suites.push('test/workbench');
}
step('tests', process.execPath, ['scripts/run-node-tests.mjs', ...suites]);
// GradLens inside a desktop VS Code's extension host (@vscode/test-electron); says it is skipped without one.
step('in-host suite', process.execPath, ['scripts/test-inhost.mjs']);
