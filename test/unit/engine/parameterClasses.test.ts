import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * A method's parameter used as an instance of another class of its file (ir/parameterClasses.ts):
 * which class each parameter is given, and which are left as their reads make them. Numbers against
 * node: the real-style fixture shapesOfPoints.mjs (realStyle.test.ts).
 */

const SOURCE = `
class Vec2 {
  constructor(x = 0, y = 0) { this.x = x; this.y = y; }
  dot(v) { return this.x * v.x + this.y * v.y; }
  subVectors(a, b) { this.x = a.x - b.x; this.y = a.y - b.y; return this; }
  copy(v) { this.x = v.x; this.y = v.y; return this; }
  set(x, y) { this.x = x; this.y = y; return this; }
}

class Vec3 {
  constructor(x = 0, y = 0, z = 0) { this.x = x; this.y = y; this.z = z; }
  dot(v) { return this.x * v.x + this.y * v.y + this.z * v.z; }
  copy(v) { this.x = v.x; this.y = v.y; this.z = v.z; return this; }
  cross(v) { return this.y * v.z - this.z * v.y; }
  set(x, y, z) { this.x = x; this.y = y; this.z = z; return this; }
}

const _scratch = new Vec2();

class Circle {
  constructor(center = new Vec2(), radius = 1) { this.center = center; this.radius = radius; }
  copy(c) { this.center.copy(c.center); this.radius = c.radius; return this; }
  // Only Vec3 has cross: a Vec3.
  twist(p) { return p.cross(p); }
  // dot and copy are both classes': left as its reads make it.
  either(p) { return p.dot(p); }
  // Passed to the module-level Vec2's subVectors, whose parameters are Vec2s.
  offsetFrom(p) { return _scratch.subVectors(p, this.center).dot(_scratch); }
  // Passed to the center's dot: the constructor's default makes the center a Vec2.
  along(p) { return this.center.dot(p) * this.radius; }
  // copy is Circle's too, but the chained subVectors is only Vec2's: a Vec2, not a Circle.
  placed(target) { return target.copy(this.center).subVectors(target, this.center).dot(target); }
  // set and dot are both classes', but only Vec3's set takes three.
  put(t) { t.set(1, 2, 3); return t.dot(t); }
  // Fields only, no method: a plain object does.
  area(opts) { return opts.k * this.radius * this.radius; }
}
`;

function classesOf(name: string): Record<string, string> {
  const doc = DocumentAnalysis.fromText(SOURCE, 'file:///shapes.mjs', 'typescript');
  const method = doc.compiled.functions.get(name)?.method;
  assert.ok(method, name);
  return Object.fromEntries([...method.paramClasses].map(([p, cls]) => [p, cls.name]));
}

test('a parameter is an instance of the one class with the methods called on it', () => {
  assert.deepEqual(classesOf('Circle.twist'), { p: 'Vec3' });
  assert.deepEqual(classesOf('Circle.either'), {});
  assert.deepEqual(classesOf('Circle.area'), {});
  assert.deepEqual(classesOf('Circle.put'), { t: 'Vec3' });
});

test('a parameter passed to a method of a known receiver is what that method takes', () => {
  assert.deepEqual(classesOf('Circle.offsetFrom'), { p: 'Vec2' });
  assert.deepEqual(classesOf('Circle.along'), { p: 'Vec2' });
});

test("a parameter whose chained calls leave its method's class is another class's", () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'file:///shapes.mjs', 'typescript');
  assert.deepEqual(doc.compiled.functions.get('Circle.placed')?.method?.instanceParams, []);
  assert.deepEqual(classesOf('Circle.placed'), { target: 'Vec2' });
  assert.deepEqual(doc.compiled.functions.get('Circle.copy')?.method?.instanceParams, ['c']);
});

test('a sample point gives such a parameter an instance, and the gradient is the instance fields', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'file:///shapes.mjs', 'typescript');
  const point = doc.resolvePoint('Circle.along');
  assert.ok(point.ok);
  const p = point.value.values['p'] as Record<string, number>;
  assert.deepEqual(Object.keys(p), ['x', 'y']);
  const r = doc.gradient('Circle.along', point.value);
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  // d/dp (center · p) * radius = center * radius, at the instance the sample made.
  // The default center (0, 0) says nothing: the sample moves it (instanceSamples.ts degenerateReceiver).
  const center = (r.value.at as Record<string, Record<string, Record<string, number>>>)['this']!['center']!;
  assert.ok(center.x !== 0 && center.y !== 0);
  assert.deepEqual({ ...(r.value.gradient!['p'] as object) }, { x: center.x, y: center.y });
});

test('an empty box (bounds at infinity) is sampled as a box: each min below its max, a volume above 0', () => {
  const box = `
class P { constructor(x = 0, y = 0, z = 0) { this.x = x; this.y = y; this.z = z; } }
class Box {
  constructor(min = new P(Infinity, Infinity, Infinity), max = new P(-Infinity, -Infinity, -Infinity)) { this.min = min; this.max = max; }
  volume() { return Math.max(0, this.max.x - this.min.x) * Math.max(0, this.max.y - this.min.y) * Math.max(0, this.max.z - this.min.z); }
}
`;
  const doc = DocumentAnalysis.fromText(box, 'file:///box.mjs', 'typescript');
  const point = doc.resolvePoint('Box.volume');
  assert.ok(point.ok);
  const r = doc.gradient('Box.volume', point.value);
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  const self = (r.value.at as Record<string, Record<string, Record<string, number>>>)['this']!;
  const [lo, hi] = [self['min']!, self['max']!];
  assert.ok(lo.x! < hi.x! && lo.y! < hi.y! && lo.z! < hi.z!, JSON.stringify(self));
  assert.ok((r.value.value as number) > 0);
  // d(volume)/d(max.x) = the other two sides' product.
  const g = r.value.gradient!['this'] as Record<string, Record<string, number>>;
  assert.ok(Math.abs(g['max']!.x! - (hi.y! - lo.y!) * (hi.z! - lo.z!)) < 1e-12);
});

const TYPED = SOURCE.replace('class Circle {', `class Lens {
  constructor(k = 2) { this.k = k; }
  // dot is both classes': the stated type picks (TypeScript's annotation, JSDoc's @param).
  either(p: Vec3 | undefined) { return this.k * p.dot(p); }
  /** @param {Vec2} p a point */
  other(p) { return this.k * p.dot(p); }
  /** @param {?Vec2} p nullable, as JSDoc writes it */
  nullable(p) { return p.dot(p); }
  // A type that is no class of the file (an interface, an array, two classes) states none.
  shaped(opts: Opts, q: Vec2 | Vec3, xs: Vec2[]) { return opts.k * q.dot(q) * xs.length; }
}

class Circle {`);

test('a stated type naming a class of the file is the parameter class: `p: Vec3`, `@param {Vec2} p`', () => {
  const doc = DocumentAnalysis.fromText(TYPED, 'file:///typed.ts', 'typescript');
  const of = (name: string): Record<string, string> => Object.fromEntries([...doc.compiled.functions.get(name)!.method!.paramClasses].map(([p, c]) => [p, c.name]));
  assert.deepEqual(of('Lens.either'), { p: 'Vec3' });
  assert.deepEqual(of('Lens.other'), { p: 'Vec2' });
  assert.deepEqual(of('Lens.nullable'), { p: 'Vec2' });
  assert.deepEqual(of('Lens.shaped'), {});
  // Untyped, it is left as its reads make it (dot is both classes').
  assert.deepEqual(of('Circle.either'), {});
  const point = doc.resolvePoint('Lens.either');
  assert.ok(point.ok, JSON.stringify(point));
  const p = point.value.values['p'] as Record<string, number>;
  assert.deepEqual(Object.keys(p), ['x', 'y', 'z']);
  const r = doc.gradient('Lens.either', point.value);
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  // d/dp k (p · p) = 2k p.
  const k = ((r.value.at as Record<string, Record<string, number>>)['this'] ?? { k: 2 })['k']!;
  assert.deepEqual({ ...(r.value.gradient!['p'] as object) }, { x: 2 * k * p.x!, y: 2 * k * p.y!, z: 2 * k * p.z! });
});
