import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findVsCode } from '../../../scripts/vscodeExecutable.mjs';

test('the in-host suite finds a desktop VS Code from GRADLENS_VSCODE_EXECUTABLE or a `code` on PATH, else none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradlens-vscode-'));
  try {
    // A Linux install: <install>/code is the executable, <install>/bin/code the CLI script, linked from PATH.
    mkdirSync(join(dir, 'install', 'bin'), { recursive: true });
    mkdirSync(join(dir, 'path'));
    writeFileSync(join(dir, 'install', 'code'), '');
    writeFileSync(join(dir, 'install', 'bin', 'code'), '#!/bin/sh\n');
    chmodSync(join(dir, 'install', 'bin', 'code'), 0o755);
    symlinkSync(join(dir, 'install', 'bin', 'code'), join(dir, 'path', 'code'));
    assert.equal(findVsCode({ PATH: join(dir, 'path') }), join(dir, 'install', 'code'));
    assert.equal(findVsCode({ PATH: join(dir, 'nothing') }), undefined);
    assert.equal(findVsCode({ GRADLENS_VSCODE_EXECUTABLE: join(dir, 'install', 'code'), PATH: '' }), join(dir, 'install', 'code'));
    assert.equal(findVsCode({ GRADLENS_VSCODE_EXECUTABLE: join(dir, 'missing'), PATH: join(dir, 'path') }), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
