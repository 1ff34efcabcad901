import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.cwd(), 'src/frontends/math');

test('the math front end imports only core, ir and itself, and evaluates nothing', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.includes('index.ts'));
  for (const file of files) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const [, specifier] of source.matchAll(/\bfrom\s+'([^']+)'/g)) {
      assert.ok(/^\.\/[\w]+$|^\.\.\/\.\.\/(core|ir)\/[\w]+$/.test(specifier!), `${file} imports ${specifier}`);
    }
    assert.doesNotMatch(source, /\beval\s*\(|new\s+Function\b|\brequire\s*\(|\bimport\s*\(/, file);
  }
});
