import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_IMPORTED_BYTES } from '../../../src/analysis/moduleImports';
import { AnalysisClient } from '../../../src/extension/analysisClient';
import { WorkspaceFiles, type FileAccess } from '../../../src/extension/workspaceFiles';
import { reportRequest } from '../report/fixtures';

/** Imports of the user's own files in the editor: the host's reader and the worker's round trips. */

/** A workspace folder `file:///w/` in memory: files on "disk" with an mtime, and documents open in the editor. */
function stand(disk: Record<string, string>): FileAccess & { disk: Map<string, { text: string; mtime: number }>; open: Map<string, { version: number; text: string }>; stats: number } {
  const files = new Map(Object.entries(disk).map(([k, text]) => [k, { text, mtime: 1 }]));
  const open = new Map<string, { version: number; text: string }>();
  const access = {
    disk: files,
    open,
    stats: 0,
    openDocument: (uri: string) => open.get(uri),
    stat: async (uri: string) => {
      access.stats++;
      const f = files.get(uri);
      return f ? { mtime: f.mtime, size: f.text.length } : undefined;
    },
    readText: async (uri: string) => files.get(uri)!.text,
    mayRead: (_importer: string, uri: string) => uri.startsWith('file:///w/'),
  };
  return access;
}

describe('WorkspaceFiles (the extension host reads imported files)', () => {
  it('reads a file once per mtime and size, prefers the open document, and refuses files outside the folder', async () => {
    const access = stand({ 'file:///w/h.py': 'def h(x):\n    return x\n', 'file:///other/x.py': 'X = 1\n' });
    const files = new WorkspaceFiles(access);
    const a = await files.read('file:///w/a.py', ['file:///w/h.py', 'file:///w/none.py', 'file:///other/x.py']);
    assert.equal(a['file:///w/h.py']?.text, 'def h(x):\n    return x\n');
    assert.equal(a['file:///w/none.py'], null);
    assert.equal(a['file:///other/x.py'], null);
    await files.read('file:///w/a.py', ['file:///w/h.py']);
    assert.equal(files.reads, 1, 'an unchanged file is not read again');
    access.disk.set('file:///w/h.py', { text: 'def h(x):\n    return 2 * x\n', mtime: 2 });
    const b = await files.read('file:///w/a.py', ['file:///w/h.py']);
    assert.equal(b['file:///w/h.py']?.text, 'def h(x):\n    return 2 * x\n');
    assert.notEqual(b['file:///w/h.py']?.stamp, a['file:///w/h.py']?.stamp);
    assert.equal(files.reads, 2);
    // An open document answers with its unsaved text and version.
    access.open.set('file:///w/h.py', { version: 7, text: 'def h(x):\n    return 3 * x\n' });
    const c = await files.read('file:///w/a.py', ['file:///w/h.py']);
    assert.equal(c['file:///w/h.py']?.text, 'def h(x):\n    return 3 * x\n');
    assert.match(c['file:///w/h.py']!.stamp, /^open:7:/);
    // The importer itself is never its own import.
    assert.equal((await files.read('file:///w/a.py', ['file:///w/a.py']))['file:///w/a.py'], null);
  });

  it('gives only the size of a file over the import budget, and remembers who imported what', async () => {
    const access = stand({ 'file:///w/big.py': '#'.repeat(MAX_IMPORTED_BYTES + 1), 'file:///w/h.py': 'H = 1\n' });
    const files = new WorkspaceFiles(access);
    const r = await files.read('file:///w/a.py', ['file:///w/big.py', 'file:///w/h.py'], true);
    assert.deepEqual({ ...r['file:///w/big.py'] }, { stamp: `disk:1:${MAX_IMPORTED_BYTES + 1}`, bytes: MAX_IMPORTED_BYTES + 1 });
    await files.read('file:///w/b.py', ['file:///w/h.py'], true);
    assert.deepEqual(files.importersOf('file:///w/h.py').sort(), ['file:///w/a.py', 'file:///w/b.py']);
    assert.deepEqual(files.remembered('file:///w/a.py').sort(), ['file:///w/big.py', 'file:///w/h.py']);
    // A fresh analysis of b that no longer imports h: h's change concerns a only.
    await files.read('file:///w/b.py', [], true);
    assert.deepEqual(files.changed('file:///w/h.py'), ['file:///w/a.py']);
    files.forget('file:///w/a.py');
    assert.deepEqual(files.importersOf('file:///w/h.py'), []);
  });
});

describe('imports through the analysis worker', () => {
  const worker = join(__dirname, '..', '..', '..', 'dist', 'worker.js');
  it('the worker asks for the files it imports, level by level; an edited helper changes the importer\'s numbers', { skip: !existsSync(worker) && 'run scripts/build.mjs first' }, async () => {
    const access = stand({
      'file:///w/app/helpers.py': 'from .deep import scale\ndef h(x):\n    return scale(x) * x\n',
      'file:///w/app/deep.py': 'def scale(x):\n    return 3.0\n',
    });
    const files = new WorkspaceFiles(access);
    const client = new AnalysisClient({ workerPath: worker, files });
    const main = 'from .helpers import h\n# @at x=2\ndef f(x):\n    return h(x) ** 2\n';
    try {
      const first = await client.analyse({ ...reportRequest(main), uri: 'file:///w/app/main.py' });
      const f = first!.functions.find((x) => x.name === 'f')!;
      assert.equal(f.result?.value, 36, JSON.stringify(f));
      assert.equal(f.result?.gradient?.x, 36);
      assert.deepEqual(first!.diagnostics, []);
      // Every candidate looked at, the deeper file's included, and the sibling test files that could
      // give main's functions points (testPoints.ts), asked for before anything ran.
      const tests = ['main_test.py', 'test/main_test.py', 'test/test_main.py', 'test_main.py', 'tests/main_test.py', 'tests/test_main.py'].map((p) => `file:///w/app/${p}`);
      const above = ['test/main_test.py', 'test/test_main.py', 'tests/main_test.py', 'tests/test_main.py'].map((p) => `file:///w/${p}`);
      assert.deepEqual(files.remembered('file:///w/app/main.py').sort(), ['file:///w/app/deep.py', 'file:///w/app/deep/__init__.py', 'file:///w/app/helpers.py', 'file:///w/app/helpers/__init__.py', ...tests, ...above].sort());
      // The deeper helper edited in the editor (unsaved): the same importer text gives new numbers,
      // not its cached ones.
      access.open.set('file:///w/app/deep.py', { version: 2, text: 'def scale(x):\n    return x\n' });
      const second = await client.analyse({ ...reportRequest(main), uri: 'file:///w/app/main.py', version: 2 });
      const g = second!.functions.find((x) => x.name === 'f')!;
      assert.equal(g.result?.value, 16);
      assert.equal(g.result?.gradient?.x, 32);
      assert.equal(second!.cached, 0);
      // A missing helper is refused where reached, quietly elsewhere.
      const gone = await client.analyse({ ...reportRequest('from .nothere import q\n# @at x=2\ndef f(x):\n    return q(x)\n'), uri: 'file:///w/app/other.py' });
      assert.match(gone!.functions[0]!.error!.message, /neither a library GradLens knows nor a file it found/);
    } finally {
      client.dispose();
    }
  });
});

describe('imports from a notebook cell', () => {
  it('a path beside a cell is read as the file beside its notebook, and a change to that file finds the cell', async () => {
    const access = {
      ...stand({ 'file:///w/nb/h.py': 'def h(x):\n    return x\n' }),
      // As workspaceFileAccess.ts maps them: the cell's scheme goes, the notebook's comes back.
      fileOf: (uri: string) => uri.replace(/^vscode-notebook-cell:/, 'file://').replace(/#.*$/, ''),
    };
    const files = new WorkspaceFiles(access);
    const cell = 'vscode-notebook-cell:/w/nb/analysis.ipynb#W2sZmlsZQ%3D%3D';
    const r = await files.read(cell, ['vscode-notebook-cell:/w/nb/h.py', 'vscode-notebook-cell:/w/nb/none.py']);
    assert.equal(r['vscode-notebook-cell:/w/nb/h.py']?.text, 'def h(x):\n    return x\n');
    assert.equal(r['vscode-notebook-cell:/w/nb/none.py'], null);
    assert.deepEqual(files.importersOf('file:///w/nb/h.py'), [cell]);
    assert.deepEqual(files.changed('file:///w/nb/none.py'), [cell]);
  });
});
