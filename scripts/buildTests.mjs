// Bundles test files with esbuild for the test run (scripts/run-node-tests.mjs): one ES module per
// test file, the code they share split into chunks. Loading a test file through tsx costs its process
// about a second of CPU (every source module resolved and transformed through tsx's hooks); its bundle
// loads in about a third of that, and a run has some 250 such processes on 2 cores.
//
// Each test still runs in its own process, from its own module graph. What a test file reads of its own
// place (`import.meta.dirname`, `__dirname`, `import.meta.url`) is its source file's, so fixtures beside
// it are found as before. npm packages stay imports (resolved from the repository's node_modules).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Each run's own folder (two runs in one checkout do not share one), removed when the run ends. */
export const TEST_BUILD_DIR = join('.gradlens-cache', 'test-build', String(process.pid));

/** Its source file's place, in the text of a test module that asks for it. */
const ownPlace = {
  name: 'own-place',
  setup(b) {
    b.onLoad({ filter: /[\\/]test[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!/import\.meta\.(dirname|filename|url)|\b__(dirname|filename)\b/.test(text)) return undefined;
      const dir = JSON.stringify(dirname(args.path));
      const file = JSON.stringify(args.path);
      const contents = text
        .replaceAll('import.meta.dirname', dir)
        .replaceAll('import.meta.filename', file)
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replace(/\b__dirname\b/g, dir)
        .replace(/\b__filename\b/g, file);
      return { contents, loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

/** Builds `files` (paths of `*.test.ts`, relative to the repository) and returns each one's bundle, in order. */
export async function buildTests(files) {
  removeTestBuild();
  await build({
    entryPoints: files,
    outdir: TEST_BUILD_DIR,
    outbase: '.',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    // The few test files that call `require` (a CommonJS package, a JSON file) get one.
    banner: { js: "import { createRequire as __gradlensRequire } from 'node:module'; const require = __gradlensRequire(import.meta.url);" },
    plugins: [ownPlace],
    logLevel: 'warning',
  });
  return files.map((f) => join(TEST_BUILD_DIR, relative('.', resolve(f)).replace(/\.ts$/, '.mjs')));
}

export function removeTestBuild() {
  rmSync(TEST_BUILD_DIR, { recursive: true, force: true });
}
