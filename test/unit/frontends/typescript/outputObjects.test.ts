import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * cannon.js-style targets and parameters with defaults (fixture realStyle/rigidBodies.mjs, whose
 * numbers realStyle.test.ts checks against node): an object parameter the code tests for truth
 * (`if (target)`) is optional; a function that returns nothing and writes properties of one object
 * argument has that object as its output; a parameter with a default keeps it, and the note says so.
 */
const FILE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'realStyle', 'rigidBodies.mjs');
const doc = DocumentAnalysis.fromText(readFileSync(FILE, 'utf8'), 'file:///rigidBodies.mjs', 'typescript');

/** Objects of the engine's results have no prototype: compared as plain JSON. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

const resolved = (name: string) => {
  const point = doc.resolvePoint(name);
  assert.ok(point.ok, `${name}: ${JSON.stringify(point.ok ? '' : point.error.message)}`);
  return point.value;
};

test('`if (target)` of an object parameter asks whether it was given: the sample leaves it out', () => {
  const point = resolved('Vec3.vadd');
  assert.deepEqual(Object.keys(point.values), ['v']);
  assert.ok(point.notes?.some((n) => /^target: left out — optional/.test(n)), JSON.stringify(point.notes));
  // Given, it is written into and is the output (its initial value does not flow).
  const r = doc.gradient('Vec3.vadd', { ...point, values: { ...point.values, target: { x: 9, y: 9, z: 9 } } });
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  const v = point.values['v'] as Record<string, number>;
  const self = point.receiver as Record<string, number>;
  assert.deepEqual(plain(r.value.value), { x: v.x! + self.x!, y: v.y! + self.y!, z: v.z! + self.z! });
  assert.deepEqual(plain(r.value.jacobian!['target']), { x: { x: 0, y: 0, z: 0 }, y: { x: 0, y: 0, z: 0 }, z: { x: 0, y: 0, z: 0 } });
});

test('a function writing properties of one object argument has that object after the call as its output, said in a note', () => {
  const point = resolved('midpointInto');
  assert.deepEqual(Object.keys(point.values), ['a', 'b', 'out']);
  const r = doc.gradient('midpointInto', { ...point, values: { a: { x: 1, y: 2 }, b: { x: 3, y: 6 }, out: { x: 0, y: 0 } } });
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  assert.deepEqual(plain(r.value.value), { x: 2, y: 4 });
  assert.deepEqual(plain(r.value.jacobian!['a']), { x: { x: 0.5, y: 0 }, y: { x: 0, y: 0.5 } });
  assert.ok(r.value.warnings.some((w) => w.code === 'output-argument' && /writes into out/.test(w.message)), JSON.stringify(r.value.warnings));
});

test('a number tested for truth stays required, and a method writing only its own fields (`this.k = …`) has no output argument', () => {
  const d = DocumentAnalysis.fromText('export function safeRatio(x, y) { if (y) { return x / y; } return 0; }\nexport class C { constructor() { this.k = 1; } bump(d) { this.k = this.k + d; } }\n', 'file:///guard.mjs', 'typescript');
  const point = d.resolvePoint('safeRatio');
  assert.ok(point.ok);
  assert.deepEqual(Object.keys(point.value.values), ['x', 'y']);
  const bump = d.gradient('C.bump', { values: { d: 1 }, source: 'annotation' });
  assert.ok(!bump.ok && /returned undefined/.test(bump.error.message), JSON.stringify(bump));
});

test('a parameter with a default takes it, undifferentiated, and the note says how to vary it', () => {
  const point = resolved('dragForce');
  assert.deepEqual(Object.keys(point.values), ['speed', 'area']);
  assert.ok(point.notes?.includes('rho: its default 1.225, not differentiated — give it with @at to differentiate it'), JSON.stringify(point.notes));
  assert.ok(point.notes?.includes('cd: its default 0.47, not differentiated — give it with @at to differentiate it'), JSON.stringify(point.notes));
  const given = doc.gradient('dragForce', { ...point, values: { ...point.values, rho: 1 } });
  assert.ok(given.ok);
  assert.deepEqual(Object.keys(given.value.gradient!), ['speed', 'area', 'rho']);
});

test('an array written by index is the output argument before an options object written by property', () => {
  const d = DocumentAnalysis.fromText('export function scaled(xs, out, stats) {\n  for (let i = 0; i < xs.length; i++) out[i] = 2 * xs[i];\n  stats.count = xs.length;\n}\n', 'file:///fill.mjs', 'typescript');
  const r = d.gradient('scaled', { values: { xs: [1, 3], out: [0, 0], stats: { count: 0 } }, source: 'annotation' });
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  assert.deepEqual(plain(r.value.value), [2, 6]);
});
