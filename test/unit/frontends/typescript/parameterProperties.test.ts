import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * TypeScript's parameter properties (`constructor(public x: number, private readonly k = 2)`) store
 * themselves before the constructor's body and the field initialisers; Math.random is said to be
 * GradLens's own generator; a package import and an inherited name (`xs.constructor`) are refused
 * with messages that say what is read and what is not.
 */

function run(source: string, name: string, at: Record<string, number>) {
  const doc = DocumentAnalysis.fromText(source, 'file:///t.ts', 'typescript');
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value);
}

test('parameter properties are fields, set before field initialisers read them', () => {
  const src = `
class Vec {
  norm = Math.hypot(this.x, this.y);
  constructor(public x: number, private readonly y: number, scale = 1) {
    this.x = this.x * scale;
  }
  add(v: Vec) { return new Vec(this.x + v.x, this.y + v.y); }
}
export function f(a: number, b: number) {
  const v = new Vec(a, b, 2).add(new Vec(b, a));
  return v.x * v.y + v.norm + new Vec(a, b).norm;
}
`;
  const r = run(src, 'f', { a: 3, b: 4 });
  assert.ok(r.ok, JSON.stringify(r));
  // v = (2a + b, b + a) = (10, 7); norm of v is hypot(10, 7); new Vec(a, b).norm = 5.
  assert.equal(r.value.value, 70 + Math.hypot(10, 7) + 5);
  const h = Math.hypot(10, 7);
  const g = r.value.gradient as Record<string, number>;
  // ∂/∂a: 2·7 + 10 + (2·10 + 7)/h + a/5; ∂/∂b: 7 + 10 + (10 + 7)/h + b/5
  assert.ok(Math.abs(g.a! - (14 + 10 + 27 / h + 3 / 5)) < 1e-12, String(g.a));
  assert.ok(Math.abs(g.b! - (7 + 10 + 17 / h + 4 / 5)) < 1e-12, String(g.b));
});

test('Math.random is GradLens\'s seeded generator, and a result using it says so', () => {
  const r = run('export function f(x: number) { return x * Math.random(); }', 'f', { x: 2 });
  assert.ok(r.ok, JSON.stringify(r));
  const [w, ...more] = r.value.warnings.filter((d) => d.code === 'random-stream');
  assert.ok(w && more.length === 0, JSON.stringify(r.value.warnings));
  assert.match(w.message, /^Math\.random\(\) draws from GradLens's own seeded generator/);
  const again = run('export function f(x: number) { return x * Math.random(); }', 'f', { x: 2 });
  assert.ok(again.ok && again.value.value === r.value.value, 'the same number every run');
});

test('a package import and an inherited name are refused with what GradLens reads', () => {
  const src = `
import { p } from 'pkg';
export function a(x: number) { return p(x); }
export function b(x: number) { return [x].constructor(x); }
`;
  const a = run(src, 'a', { x: 1 });
  assert.ok(!a.ok);
  assert.equal(a.error.message, "`p` is imported from the package 'pkg', which GradLens does not read: it reads files of this workspace (`./g`), never packages. To differentiate through it, copy what you need of it into a file of this workspace and import it from there (`from './p'`), or differentiate a function that takes its result as a parameter");
  const b = run(src, 'b', { x: 1 });
  assert.ok(!b.ok);
  assert.equal(b.error.message, 'an array has no property .constructor that GradLens supports');
});
