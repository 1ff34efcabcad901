import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { lowerTypeScript } from '../../../../src/frontends/typescript/index';

/** The TypeScript front end end to end: lowered, then evaluated and differentiated by the engine. */

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

function analyse(text: string): DocumentAnalysis {
  return DocumentAnalysis.fromModule(lowerTypeScript(text, 'file:///test.ts'));
}

function gradientAt(doc: DocumentAnalysis, name: string, at?: Record<string, number | number[]>) {
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient(name, point.value);
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  return r.value;
}

/** Equal within a few units in the last place. */
function close(actual: unknown, expected: number, what: string): void {
  assert.equal(typeof actual, 'number', what);
  const a = actual as number;
  assert.ok(Math.abs(a - expected) <= 4 * Number.EPSILON * Math.max(1, Math.abs(expected)), `${what}: ${a} vs ${expected}`);
}

test('examples/seeds.ts: seed 000 from its @at annotation', () => {
  const doc = analyse(readFileSync(join(ROOT, 'examples', 'seeds.ts'), 'utf8'));
  const r = gradientAt(doc, 'seed000');
  assert.equal(r.point.source, 'annotation');
  close(r.value, 11.652071455223084, 'value');
  close(r.gradient!['x1'], 5.5, 'd/dx1');
  close(r.gradient!['x2'], 1.7163378145367738, 'd/dx2');
});

test('examples/seeds.ts: seed 001 from its call site inside console.log', () => {
  const doc = analyse(readFileSync(join(ROOT, 'examples', 'seeds.ts'), 'utf8'));
  const r = gradientAt(doc, 'seed001');
  assert.equal(r.point.source, 'call-site');
  close(r.value, 2.016646669428201, 'value');
  close(r.gradient!['v_1'], 3.0118433276739065, 'd/dv_1');
  close(r.gradient!['v0'], -13.723961509314076, 'd/dv0');
});

test('a classic for loop with continue still runs its update', () => {
  const doc = analyse(`
function f(x: number) {
  let s = 0;
  for (let i = 0; i < 6; i++) {
    if (i % 2 === 1) continue;
    s += x * i;
  }
  return s;
}`);
  const r = gradientAt(doc, 'f', { x: 2 });
  assert.equal(r.value, 12); // i = 0, 2, 4
  assert.equal(r.gradient!['x'], 6);
});

test('Math.round rounds half up, as JavaScript does', () => {
  const doc = analyse('function f(x: number) { return Math.round(x) + x; }');
  assert.equal(gradientAt(doc, 'f', { x: -2.5 }).value, -2 + -2.5);
  assert.equal(gradientAt(doc, 'f', { x: 2.5 }).value, 3 + 2.5);
  assert.equal(gradientAt(doc, 'f', { x: 0.5 }).value, 1 + 0.5);
});

test('% keeps the sign of the dividend, as JavaScript does', () => {
  const doc = analyse('function f(x: number, y: number) { return x % y; }');
  const r = gradientAt(doc, 'f', { x: -7.5, y: 2 });
  assert.equal(r.value, -7.5 % 2);
  assert.equal(r.gradient!['x'], 1);
  assert.equal(r.gradient!['y'], 3); // -(trunc(-3.75)) = 3
});

test('** is right-associative', () => {
  const doc = analyse('function f(x: number) { return 2 ** x ** 2; }');
  assert.equal(gradientAt(doc, 'f', { x: 3 }).value, 2 ** 9);
});

test('object-literal methods are functions named object.method, callable from other functions', () => {
  const doc = analyse(`
const physics = {
  // @at m=2, v=3
  energy(m: number, v: number) { return 0.5 * m * v * v; },
};
function total(m: number, v: number) { return physics.energy(m, v) * 2; }
console.log(total(2, 3));`);
  const e = gradientAt(doc, 'physics.energy');
  assert.equal(e.value, 9);
  assert.deepEqual({ ...e.gradient }, { m: 4.5, v: 6 });
  const t = gradientAt(doc, 'total');
  assert.equal(t.value, 18);
  assert.deepEqual({ ...t.gradient }, { m: 9, v: 12 });
});

test('a returned array literal gives a Jacobian', () => {
  const doc = analyse('// @at r=2, t=0\nfunction polar(r: number, t: number) { return [r * Math.cos(t), r * Math.sin(t)]; }');
  const r = gradientAt(doc, 'polar');
  assert.deepEqual(r.value, [2, 0]);
  const j = r.jacobian as { r: number[]; t: number[] };
  assert.deepEqual(j.r, [1, 0]);
  assert.ok(j.t[0] === 0 && j.t[1] === 2, JSON.stringify(j.t)); // d(r cos t)/dt = -r sin 0: either zero
});

test('arrays: literals, push, length, for…of and module constants', () => {
  const doc = analyse(`
const W = [1, 2, 3];
function dot(xs: number[]) {
  const out: number[] = [];
  for (const w of W) out.push(w);
  let s = 0;
  for (let i = 0; i < out.length; i++) s += out[i]! * xs[i]!;
  return s;
}`);
  const r = gradientAt(doc, 'dot', { xs: [1, 1, 1] });
  assert.equal(r.value, 6);
  assert.deepEqual({ ...r.gradient }, { xs: [1, 2, 3] });
});

test('a function with an unsupported construct is listed but does not run; the others do', () => {
  const doc = analyse('function bad(x: number) { return eval("x"); }\nfunction good(x: number) { return x * 2; }');
  const summary = doc.functions();
  assert.equal(summary.find((f) => f.ir.name === 'bad')!.errors[0]!.code, 'unsupported');
  assert.equal(gradientAt(doc, 'good', { x: 1 }).gradient!['x'], 2);
  const point = doc.resolvePoint('bad', { x: 1 });
  assert.ok(point.ok);
  assert.equal(doc.gradient('bad', point.value).ok, false);
});
