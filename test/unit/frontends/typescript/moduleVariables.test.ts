import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * Module-level `var`/`let` that functions assign (frontends/typescript/moduleVariables.ts): the
 * function writes the module's variable, as JavaScript scopes it. Each evaluation starts from a
 * freshly read module (README), so a counter a function bumps is 1 in every run: the value and
 * gradient are the same run after run, as a lens needs.
 */
const text = 'var _scratch;\nlet calls = 0;\nexport function lazy(x) {\n  if (_scratch === undefined) _scratch = [0, 0];\n  calls += 1;\n  _scratch[0] = x * x;\n  return _scratch[0] * calls;\n}\n';

test('a module variable made on first use and a counter: x² · 1 in every run', () => {
  const doc = DocumentAnalysis.fromText(text, 'file:///lazy.mjs', 'typescript');
  for (let run = 0; run < 3; run++) {
    const r = doc.gradient('lazy', { values: { x: 1.5 }, source: 'argument' });
    assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
    assert.equal(r.value.value, 2.25);
    assert.equal(r.value.gradient!['x'], 3);
  }
});

test('without a value it is undefined at the start: the function sees `=== undefined` true', () => {
  const doc = DocumentAnalysis.fromText('var cache;\nexport function first(x) {\n  return cache === undefined ? x * 2 : x;\n}\n', 'file:///first.mjs', 'typescript');
  const r = doc.gradient('first', { values: { x: 1 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  assert.equal(r.value.gradient!['x'], 2);
});
