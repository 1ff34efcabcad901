// The in-host suite (test/inhost/suite.ts) in a desktop VS Code, through @vscode/test-electron's
// runTests with extensionDevelopmentPath and extensionTestsPath — the ecosystem's standard way.
// It needs a desktop VS Code that is already installed (nothing is downloaded): the executable in
// GRADLENS_VSCODE_EXECUTABLE, or the one behind a `code` on PATH. Without one it says it is skipped
// and exits 0. code-server cannot stand in: its CLI rejects --extensionDevelopmentPath and
// --extensionTestsPath ("Unknown option", checked with code-server 4.100.3).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findVsCode } from './vscodeExecutable.mjs';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const executable = findVsCode();
if (!executable) {
  console.log('in-host suite: skipped — no desktop VS Code here (set GRADLENS_VSCODE_EXECUTABLE or put `code` on PATH); the workbench suites cover the editor in code-server.');
  process.exit(0);
}
if (!existsSync(join(root, 'dist', 'extension-pkg', 'dist', 'extension.js'))) {
  console.error('in-host suite: run node scripts/build.mjs first');
  process.exit(1);
}
await build({ entryPoints: [join(root, 'test', 'inhost', 'suite.ts')], outfile: join(root, 'dist', 'test-inhost', 'index.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
const { runTests } = await import('@vscode/test-electron');
const workspace = mkdtempSync(join(tmpdir(), 'gradlens-inhost-'));
cpSync(join(root, 'examples'), workspace, { recursive: true });
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: join(root, 'dist', 'extension-pkg'),
    extensionTestsPath: join(root, 'dist', 'test-inhost', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  console.log('in-host suite: passed');
} catch (e) {
  console.error(`in-host suite: failed (${e})`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
