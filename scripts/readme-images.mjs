// Copies the README's pictures from the last test run's screenshots into docs/images/: every one is
// taken by a workbench or webview test (hovers after their fade-in), so the README shows what the
// tests saw. Run after `bash scripts/test.sh` (or the suites named below).
import { copyFileSync, existsSync } from 'node:fs';

const FROM = {
  'seeds-py.png': 'test-artifacts/workbench/gradlens-1-seeds-py.png', // test/workbench/gradlens.test.ts
  'problems-py.png': 'test-artifacts/workbench/gradlens-3-problems.png',
  'classes-py.png': 'test-artifacts/workbench/gradlens-7-classes.png',
  'hover-function.png': 'test-artifacts/workbench/editor-1-function-hover.png', // test/workbench/editor.test.ts
  'hover-variable.png': 'test-artifacts/workbench/editor-2-variable-hover.png',
  'stale.png': 'test-artifacts/workbench/editor-4-stale.png',
  'notebook.png': 'test-artifacts/workbench/editor-6-notebook.png',
  'graph-panel.png': 'test-artifacts/workbench/editor-8-graph-panel.png',
  'graph-arrays.png': 'test-artifacts/webview/graph-arrays.png', // test/webview/arrays.test.ts
};

const missing = Object.values(FROM).filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`run the tests first; missing: ${missing.join(', ')}`);
  process.exit(1);
}
for (const [image, shot] of Object.entries(FROM)) copyFileSync(shot, `docs/images/${image}`);
console.log(`copied ${Object.keys(FROM).length} screenshots into docs/images/`);
