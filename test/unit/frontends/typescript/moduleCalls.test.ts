import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * Module constants computed by the file's own functions (moduleCalls.ts): kept where running them up
 * front, in the module's order, gives JavaScript's value (test/fixtures/realStyle/projections.mjs has
 * those, checked against node); refused where read, saying why, where the order would matter.
 */
const text = [
  'function gain(x) { return x * LIMIT; }',
  'export const K = gain(0.5);',
  'const LIMIT = 3;',
  'const twice = (x) => 2 * x;',
  'export const T = twice(2);',
  'export const U = later(2);',
  'const later = (x) => 3 * x;',
  'let calls = 0;',
  'function counted(x) { calls += 1; return x; }',
  'export const V = counted(4);',
  'export function fk(x) { return K * x; }',
  'export function ft(x) { return T * x; }',
  'export function fu(x) { return U * x; }',
  'export function fv(x) { return V * x; }',
  '',
].join('\n');

test('a constant calling the file’s functions is computed when nothing it reaches depends on the order, else refused where read', () => {
  const doc = DocumentAnalysis.fromText(text, 'w/order.js', 'typescript');
  const at = (name: string) => doc.gradient(name, { source: 'argument', values: { x: 1 } });
  const t = at('ft');
  assert.ok(t.ok, JSON.stringify(t));
  assert.deepEqual([t.value.value, { ...t.value.gradient }], [4, { x: 4 }]);
  const refusals: Record<string, RegExp> = {
    fk: /^GradLens does not compute K when the module loads: gain reads LIMIT, bound after it \(line 3\)/,
    fu: /^GradLens does not compute U when the module loads: later is made after it \(line 7\)/,
    fv: /^GradLens does not compute V when the module loads: counted assigns the module's calls/,
  };
  for (const [name, message] of Object.entries(refusals)) {
    const r = at(name);
    assert.ok(!r.ok, `${name} should be refused`);
    assert.match(r.error.message, message);
  }
});
