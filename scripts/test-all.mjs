// Runs every check in order and all tests in one node:test run, so the run ends with one summary.
// The real-workbench suites need code-server, which scripts/workbench/install.mjs caches offline.
import { existsSync } from 'node:fs';
import { runInGroup } from './processGuard.mjs';

// Each step in a process group of its own: a run killed here stops the step's processes too.
async function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const t0 = Date.now();
  const status = await runInGroup(command, args);
  if (status !== 0) {
    console.error(`=== ${title} failed (exit ${status})`);
    process.exit(status);
  }
  console.log(`=== ${title}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

await step('type check', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
// The webview is a browser bundle with its own DOM-typed project.
await step('type check the webview', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'webview/tsconfig.json', '--noEmit']);
await step('build', process.execPath, ['scripts/build.mjs']);
// The .vsix (a production build): the editor workbench suite installs it.
await step('package the extension (.vsix)', process.execPath, ['scripts/package.mjs']);
const suites = ['test/unit', 'test/golden', 'test/oracle', 'test/fuzz'];
if (existsSync('test/webview')) suites.push('test/webview');
if (existsSync('scripts/workbench/install.mjs') && existsSync('test/workbench')) {
  await step('install the real workbench (code-server, cached)', process.execPath, ['scripts/workbench/install.mjs']);
  suites.push('test/workbench');
}
await step('tests', process.execPath, ['scripts/run-node-tests.mjs', ...suites]);
// GradLens inside a desktop VS Code's extension host (@vscode/test-electron); says it is skipped without one.
await step('in-host suite', process.execPath, ['scripts/test-inhost.mjs']);
