import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { typescriptCandidates, type ModuleSourceProvider } from '../../../../src/analysis/moduleImports';

test('TypeScript candidates: relative specifiers only, the extension as written first, then .ts .tsx .js .mjs .cjs and index files', () => {
  assert.deepEqual(typescriptCandidates('w/src/a.ts', './g').slice(0, 5), ['w/src/g.ts', 'w/src/g.tsx', 'w/src/g.js', 'w/src/g.mjs', 'w/src/g.cjs']);
  assert.deepEqual(typescriptCandidates('w/src/a.ts', './g').slice(5), ['w/src/g/index.ts', 'w/src/g/index.js']);
  assert.equal(typescriptCandidates('w/src/a.ts', '../lib/f.js')[0], 'w/lib/f.js');
  assert.ok(typescriptCandidates('w/src/a.ts', '../lib/f.js').includes('w/lib/f.ts'));
  assert.deepEqual(typescriptCandidates('w/src/a.ts', 'lodash'), []);
  assert.deepEqual(typescriptCandidates('w/src/a.ts', '@scope/pkg'), []);
});

test('default and named imports from a workspace file are callees; a package import fails where it is used', () => {
  const reads: string[] = [];
  const files: Record<string, string> = {
    'w/lib/factorial.js': 'export default function factorial(n) {\n  return n <= 1 ? 1 : n * factorial(n - 1);\n}\nexport function square(x) { return x * x; }\n',
  };
  const provider: ModuleSourceProvider = { read: (p) => (reads.push(p), Object.hasOwn(files, p) ? files[p] : undefined) };
  const text = "import factorial, { square as sq } from './lib/factorial.js';\nimport { nope } from 'lodash';\n// @at x=0.7\nexport function f(x) { return sq(x) * factorial(4) + Math.sin(x); }\n// @at x=0.7\nexport function g(x) { return nope(x); }\n";
  const doc = DocumentAnalysis.fromText(text, 'w/main.ts', 'typescript', undefined, provider);
  const point = doc.resolvePoint('f');
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.ok(Math.abs((r.value.value as number) - (0.49 * 24 + Math.sin(0.7))) < 1e-13);
  assert.ok(Math.abs((r.value.gradient!.x as number) - (2 * 0.7 * 24 + Math.cos(0.7))) < 1e-13);
  assert.equal(reads[0], 'w/lib/factorial.js');
  assert.ok(!reads.some((p) => p.includes('lodash') || p.includes('node_modules')));
  const gp = doc.resolvePoint('g');
  assert.ok(gp.ok);
  const refused = doc.gradient('g', gp.value);
  assert.ok(!refused.ok);
  if (!refused.ok) assert.match(refused.error.message, /lodash/);
});

test('namespace imports, re-exports, require and module.exports link workspace files; packages are never read', () => {
  const reads: string[] = [];
  const files: Record<string, string> = {
    // ES modules: a file of helpers, an index re-exporting them (named, renamed and `*`).
    'w/lib/ops.ts': 'export function square(x) { return x * x; }\nexport const SCALE = 3;\nexport function cube(x) { return x * x * x; }\n',
    'w/lib/trig.ts': 'export function sinc(x) { return Math.sin(x) / x; }\n',
    'w/lib/index.ts': "export { square, cube as cubed } from './ops';\nexport * from './trig';\n",
    // CommonJS: an object of exports, single-function exports, exports.h assignments.
    'w/cjs/stats.js': "function mean(xs) { return xs.reduce((s, v) => s + v, 0) / xs.length; }\nfunction sq(x) { return x * x; }\nmodule.exports = { mean, square: sq, half(x) { return x / 2; } };\n",
    'w/cjs/softplus.js': 'module.exports = function (x) { return Math.log1p(Math.exp(x)); };\n',
    'w/cjs/extra.js': 'exports.twice = function (x) { return 2 * x; };\nmodule.exports.thrice = (x) => 3 * x;\n',
  };
  const provider: ModuleSourceProvider = { read: (p) => (reads.push(p), Object.hasOwn(files, p) ? files[p] : undefined) };
  const text = [
    "import * as ops from './lib/ops';",
    "import { square, cubed, sinc } from './lib';",
    "const { mean, square: sq2, half } = require('./cjs/stats');",
    "const stats = require('./cjs/stats.js');",
    "const softplus = require('./cjs/softplus');",
    "const extra = require('./cjs/extra');",
    "const fs = require('fs');",
    '// @at x=0.7',
    'export function f(x) {',
    '  return ops.square(x) * ops.SCALE + square(x) + cubed(x) + sinc(x) + mean([x, 2 * x]) + sq2(x) + half(x)',
    '    + stats.mean([x, x]) + softplus(x) + extra.twice(x) + extra.thrice(x);',
    '}',
    '// @at x=0.7',
    'export function g(x) { return fs.readFileSync(x); }',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'w/main.js', 'typescript', undefined, provider);
  const point = doc.resolvePoint('f');
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const x = 0.7;
  const value = x * x * 3 + x * x + x ** 3 + Math.sin(x) / x + 1.5 * x + x * x + x / 2 + x + Math.log1p(Math.exp(x)) + 2 * x + 3 * x;
  const slope = 6 * x + 2 * x + 3 * x * x + (x * Math.cos(x) - Math.sin(x)) / (x * x) + 1.5 + 2 * x + 0.5 + 1 + 1 / (1 + Math.exp(-x)) + 2 + 3;
  assert.ok(Math.abs((r.value.value as number) - value) < 1e-12, `${String(r.value.value)} vs ${value}`);
  assert.ok(Math.abs((r.value.gradient!.x as number) - slope) < 1e-12, `${String(r.value.gradient!.x)} vs ${slope}`);
  assert.ok(!reads.some((p) => p.includes('fs') || p.includes('node_modules')), reads.join(', '));
  const gp = doc.resolvePoint('g');
  assert.ok(gp.ok);
  const refused = doc.gradient('g', gp.value);
  assert.ok(!refused.ok);
  if (!refused.ok) assert.match(refused.error.message, /'fs'/);
});

test('export * chains: a name re-exported through two index files reaches the importer; a cycle of export * is refused where it is read', () => {
  const files: Record<string, string> = {
    'w/lib/core/ease.ts': 'export function quadIn(t) { return t * t; }\nexport const HALF = 0.5;\n',
    'w/lib/core/index.ts': "export * from './ease';\n",
    'w/lib/index.ts': "export * from './core';\nexport function cubic(t) { return t * t * t; }\n",
    'w/loop/a.ts': "export * from './b';\nexport function fromA(x) { return 2 * x; }\n",
    'w/loop/b.ts': "export * from './a';\nexport function fromB(x) { return 3 * x; }\n",
  };
  const provider: ModuleSourceProvider = { read: (p) => (Object.hasOwn(files, p) ? files[p] : undefined) };
  const text = "import { quadIn, HALF, cubic } from './lib';\nimport * as lib from './lib';\nimport { fromB, fromA } from './loop/a';\n// @at t=0.4\nexport function f(t) { return quadIn(t) * HALF + cubic(t) + lib.quadIn(t); }\n// @at x=0.7\nexport function g(x) { return fromB(x) + fromA(x); }\n";
  const doc = DocumentAnalysis.fromText(text, 'w/main.ts', 'typescript', undefined, provider);
  const r = doc.gradient('f', (doc.resolvePoint('f') as { ok: true; value: never }).value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.ok(Math.abs((r.value.value as number) - (0.16 * 0.5 + 0.064 + 0.16)) < 1e-14);
  assert.ok(Math.abs((r.value.gradient!.t as number) - (0.8 * 0.5 + 3 * 0.16 + 0.8)) < 1e-14);
  // a.ts → b.ts → a.ts: b's `export * from './a'` closes a cycle, which binds nothing; a's own
  // names and b's (through a's `export *`) still work, and nothing loops.
  const g = doc.gradient('g', (doc.resolvePoint('g') as { ok: true; value: never }).value);
  assert.ok(g.ok, g.ok ? '' : g.error.message);
  if (g.ok) assert.ok(Math.abs((g.value.value as number) - 3.5) < 1e-14 && g.value.gradient!.x === 5);
});

test("an array passed on only to another file's functions is a vector there too: simple-statistics' sample_correlation gets a point", () => {
  const files: Record<string, string> = {
    'w/sum.js': "'use strict';\nfunction sum(x) {\n  var value = 0;\n  for (var i = 0; i < x.length; i++) value += x[i];\n  return value;\n}\nmodule.exports = sum;\n",
    'w/mean.js': "var sum = require('./sum');\nfunction mean(x) { return sum(x) / x.length; }\nmodule.exports = mean;\n",
    'w/spread.js': "import mean from './mean';\nexport function spread(v) {\n  var m = mean(v), s = 0;\n  for (var i = 0; i < v.length; i++) s += (v[i] - m) * (v[i] - m);\n  return s;\n}\n",
    // Its own `mean` takes a number: the importer's calls must not resolve to it.
    'w/other.js': 'function mean(t) { return t * 2; }\nexport function twice(q) { return mean(q); }\n',
  };
  const provider: ModuleSourceProvider = { read: (p) => (Object.hasOwn(files, p) ? files[p] : undefined) };
  const text = "var mean = require('./mean');\nimport { spread } from './spread';\nimport { twice } from './other';\nfunction cov(x, y) { return spread(x) * mean(y); }\nfunction useTwice(z) { return twice(z) + 1; }\nfunction mean2(w) { return mean(w); }\n";
  const doc = DocumentAnalysis.fromText(text, 'w/main.js', 'typescript', undefined, provider);
  const kinds = (name: string) => doc.inferShapes(name)!.parameters.map((p) => `${p.name}:${p.kind.kind === 'array' ? p.kind.shape.join('x') : p.kind.kind}`);
  // x and y meet only in calls of `mean` (each call its own sizes): nothing ties their lengths.
  assert.deepEqual(kinds('cov'), ['x:3', 'y:2']);
  assert.deepEqual(kinds('useTwice'), ['z:scalar']);
  assert.deepEqual(kinds('mean2'), ['w:3']);
  const { point, r } = atSample(doc, 'cov');
  const x = point.values.x as number[];
  const y = point.values.y as number[];
  const m = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  const s = x.reduce((a, v) => a + (v - m) ** 2, 0);
  assert.ok(Math.abs((r.value as number) - s * my) < 1e-14);
  (r.gradient!.x as number[]).forEach((g, i) => assert.ok(Math.abs(g - 2 * (x[i]! - m) * my) < 1e-14));
  (r.gradient!.y as number[]).forEach((g) => assert.ok(Math.abs(g - s / y.length) < 1e-14));
});

test('an object of functions exported as a whole (three.js MathUtils) is an object of its members where it is imported', () => {
  const files: Record<string, string> = {
    // As three.js writes it: an object literal of functions and constants, exported by name, and the same as CommonJS.
    'w/math/MathUtils.js': 'const MathUtils = {\n  DEG2RAD: Math.PI / 180,\n  clamp: function (value, min, max) { return Math.max(min, Math.min(max, value)); },\n  lerp(x, y, t) { return (1 - t) * x + t * y; },\n};\nexport { MathUtils };\n',
    'w/math/easing.js': 'var Easing = {};\nEasing.quadIn = function (t) { return t * t; };\nmodule.exports = Easing;\n',
  };
  const provider: ModuleSourceProvider = { read: (p) => (Object.hasOwn(files, p) ? files[p] : undefined) };
  const text = [
    "import { MathUtils } from './math/MathUtils.js';",
    "const Easing = require('./math/easing');",
    '// @at x=30, t=0.25',
    'export function f(x, t) {',
    '  return MathUtils.clamp(Math.sin(x * MathUtils.DEG2RAD), -1, 1) + MathUtils.lerp(x, 2 * x, t) + Easing.quadIn(t);',
    '}',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'w/main.js', 'typescript', undefined, provider);
  const point = doc.resolvePoint('f');
  assert.ok(point.ok);
  const r = doc.gradient('f', point.value);
  assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
  const d = Math.PI / 180;
  // sin(30°) = 0.5, inside the clamp; lerp(x, 2x, t) = x(1 + t); t².
  assert.ok(Math.abs((r.value.value as number) - (Math.sin(30 * d) + 30 * 1.25 + 0.0625)) < 1e-12);
  assert.ok(Math.abs((r.value.gradient!['x'] as number) - (Math.cos(30 * d) * d + 1.25)) < 1e-12);
  assert.ok(Math.abs((r.value.gradient!['t'] as number) - (30 + 0.5)) < 1e-12);
});

test('`export default name;` after the function is what `import name from` binds: simple-statistics as published (ES modules)', () => {
  const files: Record<string, string> = {
    'w/src/sum.js': 'function sum(x) {\n  let value = 0;\n  for (let i = 0; i < x.length; i++) value += x[i];\n  return value;\n}\n\nexport default sum;\n',
    'w/src/mean.js': 'import sum from "./sum.js";\n\nfunction mean(x) {\n  if (x.length === 0) throw new Error("mean requires at least one data point");\n  return sum(x) / x.length;\n}\n\nexport default mean;\n',
  };
  const provider: ModuleSourceProvider = { read: (p) => (Object.hasOwn(files, p) ? files[p] : undefined) };
  const text = 'import mean from "./mean.js";\n\nfunction meanSquare(x) {\n  const m = mean(x);\n  return m * m;\n}\n\nexport default meanSquare;\n';
  const doc = DocumentAnalysis.fromText(text, 'w/src/mean_square.js', 'typescript', undefined, provider);
  const { point, r } = atSample(doc, 'meanSquare');
  const x = point.values.x as number[];
  const m = x.reduce((a, b) => a + b) / x.length;
  // m²: ∂/∂x_i = 2m / n.
  assert.ok(Math.abs((r.value as number) - m * m) < 1e-15);
  (r.gradient!.x as number[]).forEach((g) => assert.ok(Math.abs(g - (2 * m) / x.length) < 1e-15));
});

/** `name`'s sample point (it must be one) and its gradient there (it must have one). */
function atSample(doc: DocumentAnalysis, name: string) {
  const point = doc.resolvePoint(name);
  assert.ok(point.ok && point.value.source === 'sample', JSON.stringify(point));
  const r = doc.gradient(name, point.value);
  assert.ok(r.ok, JSON.stringify(r));
  return { point: point.value, r: r.value };
}

test('a function a factory of another file makes at module level is listed and differentiated as one of this file', () => {
  const files: Record<string, string> = {
    'w/loss.js': [
      'export function makeLoss(xs, ys) {',
      '  return function (w, b) {',
      '    let s = 0;',
      '    for (let i = 0; i < xs.length; i++) s += (w * xs[i] + b - ys[i]) ** 2;',
      '    return s / xs.length;',
      '  };',
      '}',
      'export const makeScale = (k) => (x) => k * x;',
      'export function notAFactory(a) { return a * 2; }',
    ].join('\n'),
  };
  const provider: ModuleSourceProvider = { read: (p) => (Object.hasOwn(files, p) ? files[p] : undefined) };
  const text = "import { makeLoss, makeScale, notAFactory } from './loss.js';\nconst loss = makeLoss([1, 2, 3], [2, 4, 7]);\nconst triple = makeScale(3);\nconst two = notAFactory(1);\n// @at w=1.5\nexport function fit(w) { return loss(w, 0.5) + triple(w) + two; }\n";
  const doc = DocumentAnalysis.fromText(text, 'w/main.js', 'typescript', undefined, provider);
  assert.deepEqual(doc.functions().map((f) => `${f.ir.name}(${f.ir.params.map((p) => p.name).join(', ')})`).sort(), ['fit(w)', 'loss(w, b)', 'triple(x)']);
  const point = doc.resolvePoint('loss');
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient('loss', { ...point.value, values: { w: 1.5, b: 0.5 } });
  assert.ok(r.ok, JSON.stringify(r));
  // mean of (1.5x + 0.5 - y)² over (1, 2), (2, 4), (3, 7): residuals 0, -0.5, -2.
  assert.ok(Math.abs((r.value.value as number) - 4.25 / 3) < 1e-13, String(r.value.value));
  assert.ok(Math.abs((r.value.gradient!.w as number) - (2 * (-0.5 * 2 - 2 * 3)) / 3) < 1e-13, String(r.value.gradient!.w));
  assert.ok(Math.abs((r.value.gradient!.b as number) - (2 * -2.5) / 3) < 1e-13, String(r.value.gradient!.b));
  const fit = doc.gradient('fit', { values: { w: 1.5 }, source: 'annotation' });
  assert.ok(fit.ok, JSON.stringify(fit));
  assert.ok(Math.abs((fit.value.value as number) - (4.25 / 3 + 4.5 + 2)) < 1e-13, String(fit.value.value));
});

test('anonymous default exports, a default object of constants and Math members re-exported are what importers read (culori, chroma.js)', () => {
  const files: Record<string, string> = {
    // culori's normalizeHue: an arrow as the default export, listed as `default`.
    'w/util/normalizeHue.js': 'export default hue => (hue = hue % 360) < 0 ? hue + 360 : hue',
    'w/util/scale.js': 'export default function (x, k) { return k * x; }\n',
    // chroma.js's lab constants and utils: an object literal exported as default; Math's members re-exported.
    'w/lab/constants.js': 'export default {\n  Xn: 0.95047,\n  t3: 0.008856452\n};\n',
    'w/utils/index.js': 'const { PI, min, max } = Math;\nconst TWOPI = PI * 2;\nexport { PI, TWOPI, min, max };\n',
  };
  const provider: ModuleSourceProvider = { read: (p) => (Object.hasOwn(files, p) ? files[p] : undefined) };
  const text = [
    "import normalizeHue from './util/normalizeHue.js';",
    "import scale from './util/scale.js';",
    "import LAB from './lab/constants.js';",
    "import { min, max, TWOPI } from './utils/index.js';",
    'export const hue = (a, b) => normalizeHue((Math.atan2(b, a) * 180) / Math.PI);',
    'export const lab = (t) => (t > LAB.t3 ? Math.cbrt(t / LAB.Xn) : t);',
    'export const limit = (x, low = 0, high = 1) => min(max(low, x), high);',
    'export const turns = (x) => scale(x, TWOPI);',
    '',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'w/main.js', 'typescript', undefined, provider);
  const at = (name: string, values: Record<string, number>) => {
    const r = doc.gradient(name, { values, source: 'argument' });
    assert.ok(r.ok, `${name}: ${JSON.stringify(r)}`);
    return r.value;
  };
  // atan2(-1, -1) is −135°: the hue wraps to 225, its derivative the angle's (node: 225).
  const h = at('hue', { a: -1, b: -1 });
  assert.equal(h.value, 225);
  assert.ok(Math.abs((h.gradient!.a as number) - (180 / Math.PI) * 0.5) < 1e-12);
  const l = at('lab', { t: 0.5 });
  assert.ok(Math.abs((l.value as number) - Math.cbrt(0.5 / 0.95047)) < 1e-15);
  assert.deepEqual({ value: at('limit', { x: 0.25 }).value, inside: at('limit', { x: 0.25 }).gradient!.x, above: at('limit', { x: 3 }).gradient!.x }, { value: 0.25, inside: 1, above: 0 });
  assert.equal(at('turns', { x: 0.5 }).value, Math.PI);
  // Listed in their own files as `default`.
  const own = DocumentAnalysis.fromText(files['w/util/normalizeHue.js']!, 'w/util/normalizeHue.js', 'typescript');
  assert.deepEqual(own.functions().map((f) => f.ir.name), ['default']);
});

test('Math.max and Math.min as values take their arguments, never one iterable', () => {
  const text = 'const { max } = Math;\nconst lo = Math.min;\nexport function f(a, b, c) { return max(a, b * c) + lo(a, b) + max(c); }\n';
  const doc = DocumentAnalysis.fromText(text, 'w/m.js', 'typescript');
  const r = doc.gradient('f', { values: { a: 0.731, b: 0.502, c: 0.872 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(r));
  // node: Math.max(0.731, 0.437744) + Math.min(0.731, 0.502) + Math.max(0.872) = 2.105.
  assert.equal(r.value.value, 0.731 + 0.502 + 0.872);
  assert.deepEqual({ ...r.value.gradient }, { a: 1, b: 1, c: 1 });
});

test("chroma.js's converters: a rest parameter read as numbers is sampled as the arguments it collects; `default as` re-exports and Array.prototype.slice.call", () => {
  const files: Record<string, string> = {
    'w/utils/unpack.js': 'export default (args, keyOrder = null) => {\n  if (args.length >= 3) return Array.prototype.slice.call(args);\n  return args[0];\n};\n',
    'w/utils/index.js': "export { default as unpack } from './unpack.js';\n",
  };
  const provider: ModuleSourceProvider = { read: (p) => (Object.hasOwn(files, p) ? files[p] : undefined) };
  const text = [
    "import { unpack } from './utils/index.js';",
    'export const lab = (...args) => {',
    "  args = unpack(args, 'lab');",
    '  const [l, a, b] = args;',
    '  return [l * a + b, args.length > 3 ? args[3] : 1];',
    '};',
    'export function sumsq(...xs) { return xs.reduce((s, x) => s + x * x, 0); }',
    '',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'w/lab.js', 'typescript', undefined, provider);
  // args[3] is read: four arguments collected (node: lab(0.731, 0.502, 0.872, 0.643) is [1.238962, 0.643]).
  const point = doc.resolvePoint('lab');
  assert.ok(point.ok, JSON.stringify(point));
  assert.deepEqual(JSON.parse(JSON.stringify(point.value.values)), { args: [0.731, 0.502, 0.872, 0.643] });
  const r = doc.gradient('lab', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(r.value.value, [0.731 * 0.502 + 0.872, 0.643]);
  assert.deepEqual(JSON.parse(JSON.stringify(r.value.jacobian)), { args: [[0.502, 0.731, 1, 0], [0, 0, 0, 1]] });
  const sp = doc.resolvePoint('sumsq');
  assert.ok(sp.ok, JSON.stringify(sp));
  const s = doc.gradient('sumsq', sp.value);
  assert.ok(s.ok, JSON.stringify(s));
  assert.deepEqual({ ...s.value.gradient }, { xs: [2 * 0.731, 2 * 0.502, 2 * 0.872] });
});
