// Runs every `*.test.ts` under the given folders with node's own test runner, TypeScript loaded by tsx.
// Node 20's `--test` takes no globs, so the files are listed here. When workbench or webview suites
// are among them, one Chromium (and one code-server) is started for the whole run and shared by them
// (scripts/workbench/shared.mjs).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildTests, removeTestBuild } from './buildTests.mjs';
import { runInGroup } from './processGuard.mjs';

function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

// The longest workbench suites, longest first (seconds in a fresh-clone run: 66-77, 53-60, 55-57,
// 52-56, 43-48, 31-48). Files start in list order, 2 at a time: started last, the 70 s suite ran on
// alone after the others had finished; started first, shorter ones fill the end.
const LONGEST_FIRST = ['surfaces', 'editor', 'derivativeSource', 'graphReload', 'gradlens', 'locale'].map((n) => `test/workbench/${n}.test.ts`);
const rank = (f) => {
  const i = LONGEST_FIRST.findIndex((l) => f.endsWith(l));
  return i < 0 ? LONGEST_FIRST.length : i;
};

const dirs = process.argv.slice(2);
const files = dirs.flatMap((d) => (d.endsWith('.test.ts') ? [d] : collect(d, []).sort((a, b) => rank(a) - rank(b))));
if (files.length === 0) {
  console.error(`no test files under ${dirs.join(', ')}`);
  process.exit(1);
}
const needsBrowser = files.some((f) => /(^|\/)test\/(workbench|webview)\//.test(f));
// Bundled first (scripts/buildTests.mjs: a third of the CPU to load), but for the browser suites,
// which start scripts of their own, and when GRADLENS_TESTS_FROM_SOURCE=1 asks for stack traces that
// name the TypeScript files. tsx stays loaded for what a test imports by a path it computes.
const fromSource = process.env.GRADLENS_TESTS_FROM_SOURCE === '1';
const bundled = fromSource ? [] : files.filter((f) => !/(^|\/)test\/(workbench|webview)\//.test(f));
const bundles = bundled.length ? await buildTests(bundled) : [];
const bundleOf = new Map(bundled.map((f, i) => [f, bundles[i]]));
const toRun = files.map((f) => bundleOf.get(f) ?? f);
// Loaded only then: the unit tests need no workbench cache.
const shared = needsBrowser ? await (await import('./workbench/shared.mjs')).startShared(files) : { env: {}, stop: async () => {} };
// Asynchronous: this process serves the shared Chromium's connections while the tests run. In a group of
// their own, so that killing this run stops every test process too.
const status = await runInGroup(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...toRun],
  { env: { ...process.env, ...shared.env } },
);
await shared.stop();
removeTestBuild();
process.exit(status);
