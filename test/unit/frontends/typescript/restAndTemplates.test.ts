import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { doesArithmetic } from '../../../../src/analysis/problems';
import { lowerTypeScript } from '../../../../src/frontends/typescript/index';

/** Rest parameters (the IR's varargs), spreads (the IR's spread node) and template literals (the IR's template node). */

const REST = [
  '// @at a=2, xs=[1, 2, 3]',
  'export function weighted(a, ...xs) {',
  '  return a * xs.reduce((s, v) => s + v * v, 0) + Math.max(...xs);',
  '}',
  'export function caller(t) {',
  '  return weighted(t, t, 2 * t) + sum3(...[t, t], t);',
  '}',
  'function sum3(a, b, c) { return a + b + c; }',
  'caller(1.5);',
  'export function spread(...ys) { return ys.length * ys[0]; }',
  'spread(4, 5, 6);',
].join('\n');

test('a rest parameter takes a list at a point (or a call\'s extra values), its gradient a list; f(...xs) spreads', () => {
  const doc = DocumentAnalysis.fromText(REST, 'file:///rest.js', 'typescript');
  const w = doc.resolvePoint('weighted');
  assert.ok(w.ok);
  const r = doc.gradient('weighted', w.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.value.value, 2 * 14 + 3);
  assert.deepEqual(JSON.parse(JSON.stringify(r.value.gradient)), { a: 14, xs: [4, 8, 13] });
  const c = doc.resolvePoint('caller');
  assert.ok(c.ok);
  const rc = doc.gradient('caller', c.value);
  assert.ok(rc.ok, JSON.stringify(rc));
  // weighted(t, t, 2t) = 5t³ + 2t, sum3 = 3t.
  if (rc.ok) assert.deepEqual([rc.value.value, rc.value.gradient!.t], [5 * 1.5 ** 3 + 2 * 1.5 + 3 * 1.5, 15 * 1.5 ** 2 + 2 + 3]);
  const s = doc.resolvePoint('spread');
  assert.ok(s.ok);
  assert.deepEqual(JSON.parse(JSON.stringify(s.value.values)), { ys: [4, 5, 6] });
  const rs = doc.gradient('spread', s.value);
  assert.ok(rs.ok);
  if (rs.ok) assert.deepEqual(JSON.parse(JSON.stringify(rs.value.gradient)), { ys: [3, 0, 0] });
});

test('one template node for both languages: a JavaScript module prints numbers as JavaScript does, Python as Python', () => {
  const js = [
    '// @at x=1.5',
    'export function label(x) {',
    "  const s = `x=${x} y=${x * 2} ${String(x / 3)} ${[1, 2]} ${undefined}`;",
    "  if (s !== 'x=1.5 y=3 0.5 1,2 undefined') throw new Error(s);",
    '  return x * x;',
    '}',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(js, 'file:///t.js', 'typescript');
  const p = doc.resolvePoint('label');
  assert.ok(p.ok);
  const r = doc.gradient('label', p.value);
  assert.ok(r.ok, JSON.stringify(r));
  const py = "# @at x=1.5\ndef label(x):\n    s = f'x={x} y={x * 2}'\n    if s != 'x=1.5 y=3.0':\n        raise ValueError(s)\n    return x * x\n";
  const pdoc = DocumentAnalysis.fromText(py, 'file:///t.py', 'python');
  const pp = pdoc.resolvePoint('label');
  assert.ok(pp.ok);
  const pr = pdoc.gradient('label', pp.value);
  assert.ok(pr.ok, JSON.stringify(pr));
  // A function that only builds text does no arithmetic (template literals are text, as f-strings are).
  const module = lowerTypeScript('export function message(label, value) { return `${label}: ${value}`; }', 'file:///m.js');
  assert.equal(doesArithmetic(module.functions[0]!, new Map()), false);
});

test('for…in walks an object\'s own keys, an array\'s indices', () => {
  const text = "// @at t=2\nexport function forin(t) {\n  const o = { a: t, b: 3 };\n  let s = 0;\n  for (const k in o) s += o[k];\n  for (const i in [5, 6]) s += i.length;\n  return s * t;\n}\n";
  const doc = DocumentAnalysis.fromText(text, 'file:///forin.js', 'typescript');
  const p = doc.resolvePoint('forin');
  assert.ok(p.ok);
  const r = doc.gradient('forin', p.value);
  assert.ok(r.ok, JSON.stringify(r));
  // Keys 'a', 'b', then '0', '1' (one character each): (t + 3 + 2) t at t = 2 is 14, slope 2t + 5 = 9.
  if (r.ok) assert.deepEqual([r.value.value, r.value.gradient!.t], [14, 9]);
});

test('`arguments` in a function that names no parameters is its rest parameter; with named parameters it is what was passed', () => {
  const text = [
    'function sumSquares() { let s = 0; for (let i = 0; i < arguments.length; i++) s += arguments[i] * arguments[i]; return s; }',
    // gl-matrix's Math.hypot polyfill style, as a function expression; an arrow inside sees the same arguments.
    'const hyp = function () { var y = 0, i = arguments.length; while (i--) y += arguments[i] * arguments[i]; return Math.sqrt(y); };',
    'function first() { const f = () => arguments[0] * 2; return f(); }',
    'function named(a) { return arguments.length * a; }',
    '// @at x=0.5, y=2',
    'function useIt(x, y) { return sumSquares(x, y, 3) + hyp(x, y) + first(y, x); }',
  ].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'file:///args.js', 'typescript');
  const point = doc.resolvePoint('useIt');
  assert.ok(point.ok);
  if (!point.ok) return;
  const r = doc.gradient('useIt', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const [x, y] = [0.5, 2];
  const h = Math.hypot(x, y);
  assert.ok(Math.abs((r.value.value as number) - (x * x + y * y + 9 + h + 2 * y)) < 1e-14);
  assert.ok(Math.abs((r.value.gradient!.x as number) - (2 * x + x / h)) < 1e-14);
  assert.ok(Math.abs((r.value.gradient!.y as number) - (2 * y + y / h + 2)) < 1e-14);
  // No parameters of its own to differentiate: no made-up sample, but the arguments its caller
  // passes at the caller's point (`sumSquares(x, y, 3)` at x=0.5, y=2) are its point.
  assert.deepEqual(doc.functions().find((f) => f.ir.name === 'sumSquares')!.points.map((p) => ({ ...p.values })), [{ arguments: [0.5, 2, 3] }]);
  const s = doc.gradient('sumSquares', { values: { arguments: [1.5, 2] }, source: 'argument' });
  assert.ok(s.ok && JSON.stringify(s.value.gradient) === '{"arguments":[3,4]}', JSON.stringify(s));
  // Named parameters too (argumentsObject.test.ts): a run at the point passes its one argument.
  const named = doc.gradient('named', { values: { a: 2 }, source: 'argument' });
  assert.ok(named.ok && named.value.value === 2 && named.value.gradient!.a === 1, JSON.stringify(named));
});
