import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import type { ModuleSourceProvider } from '../../../../src/analysis/moduleImports';

/**
 * A physics engine's own Math module (planck.js's style): an object made from the global Math,
 * with members of its own, imported under the global's name by its siblings. Their `Math.x` is that
 * object's member — its own where it sets one, the global's where it does not — never silently the
 * global's.
 */
const OWN_MATH = [
  'const scalar = Object.create(Math);',
  'export default scalar;',
  'scalar.EPSILON = 1e-6;',
  'scalar.TAU = 2 * Math.PI;',
  'scalar.rsqrt = function (x) {',
  '  return 1 / Math.sqrt(x);',
  '};',
  'scalar.sqrt = function (x) {',
  '  return 3 * x;',
  '};',
  '',
].join('\n');

const USER = [
  "import Math from './scalarMath';",
  '// @at x=0.8, y=0.6',
  'export function shrink(x, y) {',
  '  const n2 = x * x + y * y;',
  '  if (n2 < Math.EPSILON) return 0;',
  '  return Math.rsqrt(n2) * Math.max(x, y) + Math.sin(Math.TAU * x) + Math.round(x + 0.3) + Math.sqrt(y);',
  '}',
  '// @at x=0.8',
  'export function tiny(x) {',
  '  return x * Math.EPSILON;',
  '}',
  '',
].join('\n');

function analysis(text: string, files: Record<string, string>): DocumentAnalysis {
  const provider: ModuleSourceProvider = { read: (p) => (Object.hasOwn(files, p) ? files[p] : undefined) };
  return DocumentAnalysis.fromText(text, 'w/src/user.ts', 'typescript', undefined, provider);
}

function gradientAt(doc: DocumentAnalysis, name: string) {
  const point = doc.resolvePoint(name);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value);
}

test('a workspace module imported as Math is that module: its own members, and the global\'s it inherits', () => {
  const doc = analysis(USER, { 'w/src/scalarMath.ts': OWN_MATH });
  const r = gradientAt(doc, 'shrink');
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const [x, y] = [0.8, 0.6];
  const tau = 2 * Math.PI;
  // The module's sqrt is 3x, not the global's: y = 0.6 gives 1.8.
  const expected = (1 / Math.sqrt(x * x + y * y)) * Math.max(x, y) + Math.sin(tau * x) + Math.floor(x + 0.3 + 0.5) + 3 * y;
  assert.ok(Math.abs((r.value.value as number) - expected) < 1e-13, `${String(r.value.value)} vs ${expected}`);
  const n = Math.hypot(x, y);
  const dx = -x / n ** 3 * x + 1 / n + tau * Math.cos(tau * x);
  const dy = -y / n ** 3 * x + 3;
  assert.ok(Math.abs((r.value.gradient!.x as number) - dx) < 1e-12, `∂x ${String(r.value.gradient!.x)} vs ${dx}`);
  assert.ok(Math.abs((r.value.gradient!.y as number) - dy) < 1e-12, `∂y ${String(r.value.gradient!.y)} vs ${dy}`);
  const t = gradientAt(doc, 'tiny');
  assert.ok(t.ok && Math.abs((t.value.gradient!.x as number) - 1e-6) < 1e-20, JSON.stringify(t));
});

test('the module made from Math lists its own functions', () => {
  const doc = DocumentAnalysis.fromText(OWN_MATH, 'w/src/scalarMath.ts', 'typescript');
  assert.deepEqual(doc.functions().map((f) => f.ir.name), ['scalar.rsqrt', 'scalar.sqrt']);
  const r = gradientAt(doc, 'scalar.rsqrt');
  assert.ok(r.ok, JSON.stringify(r));
});

test('a local Math module that cannot be read is refused where it is used, never read as the global', () => {
  const doc = analysis(USER, {});
  const r = gradientAt(doc, 'tiny');
  assert.ok(!r.ok, 'a number from the global Math');
  if (!r.ok) assert.match(r.error.message, /scalarMath/);
});

test('a package imported as Math is a package (never read), not the global', () => {
  const doc = analysis("import Math from 'fast-math';\n// @at x=0.5\nexport function f(x) { return Math.sin(x) + Math.PI; }\n", {});
  const r = gradientAt(doc, 'f');
  assert.ok(!r.ok, 'a number from the global Math');
  if (!r.ok) assert.match(r.error.message, /fast-math/);
});

test('overload signatures are not the function: the implementation is', () => {
  const text = [
    'export function scale(v: number, k: number): number;',
    'export function scale(v: { x: number; y: number }, k: number): { x: number; y: number };',
    'export function scale(v, k) {',
    "  if (typeof v === 'number') return v * k;",
    '  return { x: v.x * k, y: v.y * k };',
    '}',
    'export class Segment {',
    '  constructor(public a = 1, public b = 2) {}',
    '  at(t: number): number;',
    '  at(t: number[]): number[];',
    '  at(t) { return this.a + (this.b - this.a) * t * t; }',
    '}',
    '',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'w/overloads.ts', 'typescript');
  assert.deepEqual(doc.functions().map((f) => [f.ir.name, f.ir.range.start.line + 1]), [['scale', 3], ['Segment.at', 11]]);
  assert.deepEqual(doc.diagnostics.map((d) => d.message), []);
  const r = gradientAt(doc, 'Segment.at');
  assert.ok(r.ok, JSON.stringify(r));
  if (r.ok) assert.ok(Math.abs((r.value.gradient!.t as number) - 2 * (r.value.at as { t: number }).t) < 1e-13);
});

test('an overload dispatched on typeof gets a sample point in a branch that returns, and its numbers', () => {
  // Vector plus cross product of a vector with a number (either side), as 2-D physics writes it;
  // any other mix reaches no return.
  const text = [
    'export function addCross(a, v, w) {',
    "  if (typeof w === 'number') {",
    '    return { x: w * v.y + a.x, y: -w * v.x + a.y };',
    "  } else if (typeof v === 'number') {",
    '    return { x: -v * w.y + a.x, y: v * w.x + a.y };',
    '  }',
    '}',
    'export function times(a, b) {',
    "  if (typeof a === 'object') return { x: a.x * b, y: a.y * b };",
    "  if (typeof b === 'object') return { x: a * b.x, y: a * b.y };",
    '}',
    '',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'w/cross.js', 'typescript');
  const r = gradientAt(doc, 'addCross');
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const at = r.value.at as { a: { x: number; y: number }; v: number; w: { x: number; y: number } };
  assert.equal(typeof at.v, 'number');
  assert.deepEqual({ ...(r.value.value as object) }, { x: -at.v * at.w.y + at.a.x, y: at.v * at.w.x + at.a.y });
  assert.deepEqual({ ...(r.value.jacobian!.v as object) }, { x: -at.w.y, y: at.w.x });
  const t = gradientAt(doc, 'times');
  assert.ok(t.ok, JSON.stringify(t));
  if (!t.ok) return;
  // The first tested parameter taken as a number: the second branch.
  const ab = t.value.at as { a: number; b: { x: number; y: number } };
  assert.equal(typeof ab.a, 'number');
  assert.deepEqual({ ...(t.value.value as object) }, { x: ab.a * ab.b.x, y: ab.a * ab.b.y });
});
