import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** docs/ARCHITECTURE.md's import rules and the never-execute rule, checked on every run. */

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  ir: ['core', 'ir'],
  frontends: ['core', 'ir', 'frontends'],
  engine: ['core', 'ir', 'engine'],
  codegen: ['core', 'ir', 'engine', 'codegen'],
  analysis: ['core', 'ir', 'frontends', 'engine', 'codegen', 'analysis'],
  cli: ['core', 'analysis', 'engine', 'cli'],
  report: ['core', 'ir', 'frontends', 'engine', 'codegen', 'analysis', 'protocol', 'report'],
  extension: ['core', 'ir', 'frontends', 'engine', 'codegen', 'analysis', 'protocol', 'report', 'extension'],
  protocol: ['core', 'protocol'],
};

test('each folder under src imports only what docs/ARCHITECTURE.md allows', () => {
  for (const file of files('src')) {
    const folder = relative('src', file).split('/')[0]!;
    const allowed = ALLOWED[folder];
    assert.ok(allowed, `${file}: folder ${folder} is not in the architecture table`);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from '(\.[^']+)'/g)) {
      const target = relative('src', join(file, '..', m[1]!)).split('/')[0]!;
      assert.ok(allowed.includes(target), `${file} imports ${m[1]} (${target}), which ${folder} may not import`);
    }
    if (folder !== 'extension') assert.ok(!/from 'vscode'|require\('vscode'\)/.test(text), `${file} imports vscode`);
  }
});

test('the analysis thread is bundled from src/report, which may not import src/extension (the table above)', () => {
  const build = readFileSync('scripts/build.mjs', 'utf8');
  assert.match(build, /entryPoints: \['src\/report\/worker\.ts'\], outfile: 'dist\/worker\.js'/);
});

test('the product never executes text or spawns processes', () => {
  for (const file of [...files('src'), ...(statSync('webview', { throwIfNoEntry: false }) ? files('webview') : [])]) {
    const code = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    assert.ok(!/\beval\s*\(|new\s+Function\s*\(|child_process|node:vm|from 'vm'|require\('vm'\)/.test(code), `${file} could execute text or spawn a process`);
  }
});
