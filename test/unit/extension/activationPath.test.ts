import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';

/**
 * Issue 23: nothing on the activation path that the first lens does not need. The extension host
 * only sends text to the worker and draws its reports, so its bundle holds no engine, no front end
 * (no parser grammar) and no formula library: one constant imported from the wrong module once put
 * the whole engine (≈ 800 KB) there.
 */
test('the extension host bundle holds no engine, parser or formula code', async () => {
  const result = await build({
    entryPoints: ['src/extension/extension.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    external: ['vscode'],
    outfile: 'activation-path.js',
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const heavy = inputs.filter((f) => /^src\/(engine|codegen)\/|node_modules\/(@lezer|mathjs|katex|@dagrejs)\//.test(f));
  assert.deepEqual(heavy, [], `on the activation path: ${heavy.slice(0, 5).join(', ')}`);
  const bytes = result.outputFiles[0]!.contents.length;
  assert.ok(bytes < 200 * 1024, `the extension bundle is ${(bytes / 1024).toFixed(0)} KB`);
});
