// Bundles the product with esbuild: the CLI, the extension (when present) and the webview (when
// present), each into dist/. No network, no downloads; the same output in CI and on a laptop.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
mkdirSync('dist', { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// mathjs (the formulas' simplifier) is a bundle of its own, dist/mathjs.js, that the others require on
// the first formula (src/analysis/formula/simplify.ts): evaluating it is not on the worker's start.
const MATHJS_CHUNK = 'src/analysis/formula/mathjsSimplify.ts';
const mathjsChunk = {
  name: 'mathjs-chunk',
  setup(b) {
    b.onResolve({ filter: /\/mathjsSimplify$/ }, () => ({ path: './mathjs.js', external: true }));
  },
};
const split = { ...common, plugins: [mathjsChunk] };

const jobs = [
  build({ ...common, entryPoints: [MATHJS_CHUNK], outfile: 'dist/mathjs.js' }),
  build({ ...split, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
];
if (existsSync('src/extension/extension.ts')) {
  jobs.push(build({ ...split, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }));
}
if (existsSync('src/report/worker.ts')) {
  jobs.push(build({ ...split, entryPoints: ['src/report/worker.ts'], outfile: 'dist/worker.js' }));
}
if (existsSync('webview/src/main.ts')) {
  jobs.push(build({ ...common, platform: 'browser', format: 'iife', target: 'chrome120', entryPoints: ['webview/src/main.ts'], outfile: 'dist/webview.js' }));
}
await Promise.all(jobs);
chmodSync('dist/cli.js', 0o755);

// KaTeX's stylesheet and fonts for the panel's formulas, served from dist/katex/ under the webview's
// CSP (font-src is the extension's own origin; nothing is fetched from anywhere else). Chromium reads
// woff2, so only those fonts ship and the stylesheet names only them.
if (existsSync('webview/src/main.ts')) {
  const katex = 'node_modules/katex/dist';
  rmSync('dist/katex', { recursive: true, force: true });
  mkdirSync('dist/katex/fonts', { recursive: true });
  const css = readFileSync(`${katex}/katex.min.css`, 'utf8').replace(/,\s*url\(fonts\/[\w-]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '');
  if (/\.(?:woff|ttf)\)/.test(css)) throw new Error('katex.min.css still names woff/ttf fonts: its @font-face format changed');
  writeFileSync('dist/katex/katex.css', css);
  for (const f of readdirSync(`${katex}/fonts`).filter((f) => f.endsWith('.woff2'))) copyFileSync(`${katex}/fonts/${f}`, `dist/katex/fonts/${f}`);
}

// The extension as an unpacked folder, laid out as a .vsix would install it: what the main job and
// the workbench tests load into code-server (`npm run package` makes the .vsix itself).
if (existsSync('dist/extension.js')) {
  rmSync('dist/extension-pkg', { recursive: true, force: true });
  mkdirSync('dist/extension-pkg/dist', { recursive: true });
  mkdirSync('dist/extension-pkg/images', { recursive: true });
  for (const f of ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'images/icon.png']) copyFileSync(f, `dist/extension-pkg/${f}`);
  for (const f of ['extension.js', 'worker.js', 'mathjs.js', 'webview.js']) {
    if (existsSync(`dist/${f}`)) copyFileSync(`dist/${f}`, `dist/extension-pkg/dist/${f}`);
  }
  if (existsSync('dist/katex')) cpSync('dist/katex', 'dist/extension-pkg/dist/katex', { recursive: true });
  // package.json's "l10n": the message bundles (English, the keys; a translation would sit beside it).
  if (existsSync('l10n')) cpSync('l10n', 'dist/extension-pkg/l10n', { recursive: true });
}
console.log(`built ${jobs.length} bundle${jobs.length === 1 ? '' : 's'} into dist/`);
