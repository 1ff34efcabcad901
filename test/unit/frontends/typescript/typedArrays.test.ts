import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import type { ModuleSourceProvider } from '../../../../src/analysis/moduleImports';

/**
 * Typed arrays and constructors as values (engine/interpreter/typedArrays.ts): a store converts as the
 * host's typed array would (Float32Array rounds, derivative 1; integer arrays truncate and wrap,
 * derivative 0 and a warning), and `new E(…)` of a value E builds a class, an array or a typed array.
 */

function gradientOf(text: string, name: string, at?: Record<string, unknown>, provider?: ModuleSourceProvider) {
  const doc = DocumentAnalysis.fromText(text, 'w/t.js', 'typescript', undefined, provider);
  const point = at ? { ok: true as const, value: { values: at } } : doc.resolvePoint(name);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value as never);
}

function ok(r: ReturnType<typeof gradientOf>) {
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

test('a Float32Array store rounds as fround does, derivative 1; a Float64Array store is exact', () => {
  const text = [
    'export function f(x, y) {',
    '  const a = new Float32Array(2);',
    '  a[0] = x * y; a[1] = x;',
    '  const b = new Float64Array([x * y]);',
    '  return a[0] + 3 * a[1] + 10 * b[0];',
    '}',
  ].join('\n');
  const r = ok(gradientOf(text, 'f', { x: 0.1, y: 2 }));
  assert.equal(r.value, Math.fround(0.1 * 2) + 3 * Math.fround(0.1) + 10 * (0.1 * 2));
  assert.deepEqual({ ...r.gradient }, { x: 2 + 3 + 20, y: 0.1 + 1 });
  assert.deepEqual(r.warnings, []);
});

test('integer typed arrays truncate and wrap as JavaScript does, with derivative 0 and a warning', () => {
  const text = [
    'export function g(x, y) {',
    '  const a = new Int32Array([x * 10, -y]);',
    '  const u = new Uint8Array(1);',
    '  u[0] = x * 1000;',
    '  return a[0] * y + a[1] + u[0] + x;',
    '}',
  ].join('\n');
  // x = 0.37: 3.7 → 3, −2.5 → −2, 370 → 370 − 256 = 114.
  const r = ok(gradientOf(text, 'g', { x: 0.37, y: 2.5 }));
  assert.equal(r.value, 3 * 2.5 - 2 + 114 + 0.37);
  assert.deepEqual({ ...r.gradient }, { x: 1, y: 3 });
  const messages = r.warnings.map((w) => w.message);
  assert.ok(messages.some((m) => /a store into an Int32Array \(it truncates to an integer\) has zero derivative/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /a store into a Uint8Array/.test(m)), messages.join('\n'));
});

test('gl-matrix: ARRAY_TYPE chosen by typeof, `new glMatrix.ARRAY_TYPE(3)` through an import, create/clone/fromValues', () => {
  const files: Record<string, string> = {
    'w/common.js': [
      'export const EPSILON = 0.000001;',
      "export let ARRAY_TYPE = typeof Float32Array !== 'undefined' ? Float32Array : Array;",
    ].join('\n'),
  };
  const provider: ModuleSourceProvider = { read: (p) => files[p] };
  const text = [
    "import * as glMatrix from './common.js';",
    'export function create() {',
    '  let out = new glMatrix.ARRAY_TYPE(3);',
    '  if (glMatrix.ARRAY_TYPE != Float32Array) { out[0] = 0; out[1] = 0; out[2] = 0; }',
    '  return out;',
    '}',
    'export function fromValues(x, y, z) {',
    '  let out = new glMatrix.ARRAY_TYPE(3);',
    '  out[0] = x; out[1] = y; out[2] = z;',
    '  return out;',
    '}',
    'export function clone(a) {',
    '  const out = new glMatrix.ARRAY_TYPE(3);',
    '  out[0] = a[0]; out[1] = a[1]; out[2] = a[2];',
    '  return out;',
    '}',
    'export function lengthOfSum(x, y) {',
    '  const v = fromValues(x, y, 0.5);',
    '  const w = clone(v);',
    '  const z = create();',
    '  return Math.hypot(v[0] + w[0] + z[0], v[1] + w[1], v[2] + z[2]);',
    '}',
  ].join('\n');
  const r = ok(gradientOf(text, 'fromValues', { x: 0.1, y: 0.2, z: 0.3 }, provider));
  assert.deepEqual(r.value, [Math.fround(0.1), Math.fround(0.2), Math.fround(0.3)]);
  assert.deepEqual({ ...r.jacobian }, { x: [1, 0, 0], y: [0, 1, 0], z: [0, 0, 1] });
  const h = ok(gradientOf(text, 'lengthOfSum', { x: 0.3, y: 0.4 }, provider));
  const [a, b, c] = [2 * Math.fround(0.3), 2 * Math.fround(0.4), 0.5];
  const n = Math.hypot(a, b, c);
  assert.ok(Math.abs((h.value as number) - n) < 1e-15);
  assert.ok(Math.abs((h.gradient!.x as number) - (2 * a) / n) < 1e-15 && Math.abs((h.gradient!.y as number) - (2 * b) / n) < 1e-15);
});

test('ARRAY_TYPE = Array: `new T(3)` has three empty slots, `new T(a, b)` the elements', () => {
  const text = [
    'const T = Array;',
    'export function f(x) {',
    '  const a = new T(2);',
    '  a[0] = x; a[1] = 2;',
    '  const b = new T(x, 3);',
    '  return a[0] * a[1] + b[0] * b[1] + (Array.isArray(a) ? 1 : 0) + (T === Array ? 1 : 0);',
    '}',
  ].join('\n');
  const r = ok(gradientOf(text, 'f', { x: 0.5 }));
  assert.equal(r.value, 1 + 1.5 + 2);
  assert.deepEqual({ ...r.gradient }, { x: 5 });
});

test('typed arrays behave as JavaScript\'s: numeric default sort, map keeps the type, fixed length, not Array.isArray', () => {
  const text = [
    'export function f(x) {',
    '  const a = Float32Array.of(10, 9, x);',
    '  a.sort();',
    '  const m = a.map((v) => v * 1.1);',
    '  return m[0] + a[2] + (Array.isArray(a) ? 100 : 0) + a.slice(1).length;',
    '}',
    'export function grow(x) { const a = new Float64Array(2); a.push(x); return a[0]; }',
    'export function negative(x) { const a = new Float64Array(2); a[-1] = x; return a[1] + x; }',
    'function Point(x) { this.x = x; }',
    'export function plainNew(x) { const p = new Point(x); return p.x; }',
  ].join('\n');
  // Sorted numerically: [x, 9, 10] (as strings it would be [10, 9, x]).
  const r = ok(gradientOf(text, 'f', { x: 0.3 }));
  assert.equal(r.value, Math.fround(Math.fround(0.3) * 1.1) + 10 + 2);
  const refusal = (name: string): string => {
    const g = gradientOf(text, name, { x: 0.3 });
    assert.ok(!g.ok, `${name} should be refused`);
    return g.ok ? '' : g.error.message;
  };
  assert.match(refusal('grow'), /a Float64Array has a fixed length/);
  assert.match(refusal('negative'), /negative index: JavaScript reads `a\[-1\]` as undefined/);
  assert.match(refusal('plainNew'), /`new` of the function Point is not supported/);
});

test('subarray, set, at and Object.assign refuse what JavaScript would throw on or GradLens cannot tell, where reached', () => {
  const text = [
    'export function overflow(x) { const a = new Float64Array(2); a.set([x, x, x], 1); return a[0]; }',
    'export function plain(x) { return [x, x].subarray(1)[0]; }',
    'export function assignUndefined(x) { return Object.assign(undefined, { x }).x; }',
    'export function assignNumber(x) { return Object.assign({}, x).x; }',
    'export function atText(x) { return [x].at("a"); }',
  ].join('\n');
  const error = (name: string): string => {
    const r = gradientOf(text, name, { x: 0.5 });
    assert.ok(!r.ok, `${name} should be refused`);
    return `${r.error.code}: ${r.error.message} @${r.error.range.start.line}`;
  };
  assert.match(error('overflow'), /^index: \.set\(\) of 3 elements at offset 1 does not fit a Float64Array of length 2 @0$/);
  assert.match(error('plain'), /^type: \.subarray\(\) needs a typed array, got an array @1$/);
  assert.match(error('assignUndefined'), /needs an object to assign to, got undefined @2$/);
  assert.match(error('assignNumber'), /copies objects, got a number @3$/);
  assert.match(error('atText'), /\.at\(\) needs a number, got a str(ing)? @4$/);
});

test('a loop making views and copies runs within the step budget', () => {
  const text = 'export function spin(x) {\n  const a = new Float64Array(4);\n  let o = {};\n  for (;;) { a.subarray(1).set([x]); o = Object.assign({}, o, { x }); }\n}\n';
  const doc = DocumentAnalysis.fromText(text, 'w/t.js', 'typescript');
  const r = doc.gradient('spin', { values: { x: 1 } } as never, { budget: { maxSteps: 20_000, maxMillis: 60_000 } });
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'budget-steps');
});
