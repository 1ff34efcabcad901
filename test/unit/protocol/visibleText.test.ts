import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { visibleBidi } from '../../../src/protocol/visibleText';

/**
 * Bidirectional controls in the user's string values (a `raise ValueError(msg)`, a string literal in
 * a graph node's snippet, a dict key) are refused in names but allowed in strings, as CPython allows
 * them: every surface writes them as escapes (protocol/visibleText.ts).
 */

const CONTROLS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];

test('every bidirectional control becomes its escape, and escaping twice changes nothing', () => {
  for (const c of CONTROLS) {
    const shown = visibleBidi(`raise ValueError("x${c}y")`);
    assert.ok(!shown.includes(c), c);
    assert.match(shown, /x\\u[0-9a-f]{4}y/);
    assert.equal(visibleBidi(shown), shown);
  }
  assert.equal(visibleBidi('σ = 2, ℓ₁'), 'σ = 2, ℓ₁');
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('the webview writes text through visibleBidi: its DOM helpers, and every label and tooltip it sets itself', () => {
  const dom = readFileSync('webview/src/dom.ts', 'utf8');
  assert.equal(dom.match(/el\.append\(typeof c === 'string' \? visibleBidi\(c\) : c\)/g)?.length, 2, 'h and s');
  assert.match(dom, /setAttribute\(k, v === true \? '' : visibleBidi\(String\(v\)\)\)/);
  for (const file of sources('webview/src')) {
    const text = readFileSync(file, 'utf8');
    for (const line of text.split('\n')) {
      const sets = /setAttribute\('(aria-label|title)'|\.title = /.test(line);
      // a label of constant text only (t('…') without arguments) needs nothing
      if (sets && !/visibleBidi\(/.test(line) && !/setAttribute\('aria-label', t\('[^']*'\)\)/.test(line)) assert.fail(`${file}: ${line.trim()}`);
    }
  }
});
