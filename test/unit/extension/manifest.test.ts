import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

/** What a Marketplace listing needs from the manifest (`vsce package` checks the rest when it runs). */

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync('package.nls.json', 'utf8'));

test('every %key% in package.json has its English text in package.nls.json, and every text is used', () => {
  const text = readFileSync('package.json', 'utf8');
  const used = new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!));
  assert.ok(used.size >= 15, `${used.size} localized strings`);
  for (const key of used) assert.ok(typeof nls[key] === 'string' && nls[key]!.length > 0, `package.nls.json lacks ${key}`);
  assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
});

test('license, changelog and a 128×128 PNG icon exist, with gallery metadata', () => {
  assert.equal(manifest.license, 'MIT');
  assert.match(readFileSync('LICENSE', 'utf8'), /^MIT License/);
  assert.match(readFileSync('CHANGELOG.md', 'utf8'), /## \[0\.1\.0\]/);
  const icon = readFileSync(manifest.icon);
  assert.equal(icon.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
  assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
  for (const f of ['LICENSE', 'CHANGELOG.md', 'package.nls.json', manifest.icon]) {
    assert.ok(readFileSync('.vscodeignore', 'utf8').includes(`!${f}`), `.vscodeignore ships ${f}`);
    assert.ok(existsSync(f));
  }
});
