import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import { reportRequest } from './fixtures';

/**
 * Quiet by default for JavaScript, as for Python (quiet.test.ts): a real-style module (three.js-style
 * MathUtils, d3-ease easings, simple-statistics, argument checks, logging, fs/DOM/network code, a Map
 * cache, a class, package imports) puts nothing in Problems, every annotated math function gets its
 * number, and what stops a helper nobody asked about is said in its lens only.
 */
const REAL = readFileSync(join(__dirname, 'data', 'realModule.js'), 'utf8');
/** A prototype-free record (core/keyed.ts) as a plain one, for deepEqual. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const request = (text: string) => reportRequest(text, { uri: 'file:///realModule.js', language: 'typescript' });

describe('quiet by default (JavaScript)', () => {
  it('a real-style module: nothing in Problems, the asked-about functions right, the rest quiet', () => {
    assert.ok(REAL.split('\n').length >= 150);
    const report = reportDocument(request(REAL), new FunctionCache());
    assert.deepEqual(report.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
    const byName = new Map(report.functions.map((f) => [f.name, f]));
    // variance at its @at: ∂/∂xᵢ = 2 (xᵢ − m) / n.
    const x = [1.5, 2.5, 4, 3.25];
    const m = x.reduce((s, v) => s + v) / x.length;
    assert.deepEqual(plain(byName.get('variance')!.result!.gradient), { x: x.map((v) => (2 * (v - m)) / x.length) });
    // An object parameter's gradient is an object of its keys.
    assert.deepEqual(plain(byName.get('distanceSquared')!.result!.gradient), { p: { x: -3, y: -2.9 }, q: { x: 3, y: 2.9 } });
    // The destructured options object at its call site: ∂/∂mu of the normal density is z/σ · pdf.
    const g = byName.get('gaussian')!.result!;
    const z = (0.7 - 0.2) / 1.3;
    const pdf = Math.exp(-0.5 * z * z) / (1.3 * Math.sqrt(2 * Math.PI));
    assert.ok(Math.abs((g.gradient!.arg0 as { mu: number }).mu - (z / 1.3) * pdf) < 1e-12);
    // Helpers nobody asked about that reach what GradLens does not read say so in their lens only.
    assert.match(byName.get('readConfig')!.quiet ?? '', /^can't read fs \(line 56\)$/);
    assert.match(byName.get('isEmail')!.quiet ?? '', /^can't read regexp/);
    assert.match(byName.get('pick')!.quiet ?? '', /^can't read lodash \(line 164\)$/);
    for (const name of ['readConfig', 'isEmail', 'pick', 'fetchWeights', 'memoized']) assert.equal(byName.get(name)!.asked, false, name);
    // Easings get numbers at sample points.
    for (const name of ['cubicInOut', 'sinInOut', 'expInOut', 'MathUtils.lerp', 'MathUtils.damp']) assert.ok(byName.get(name)!.result?.gradient, name);
  });

  it('lazy refusal: an unsupported construct in a branch not taken is no error; reached, it is one, located', () => {
    const text = [
      '// @at x=2',
      'export function f(x) {',
      '  if (x < 0) return /re/.test(String(x)) ? 1 : 0;',
      '  return x * x;',
      '}',
      '// @at x=-2',
      'export function g(x) {',
      "  if (x < 0) return JSON.stringify({ k: x }).length > 3 ? 1 : x;",
      '  return x;',
      '}',
      'export function h(x) {',
      '  return new WeakMap([[x, 1]]).get(x) * x;',
      '}',
    ].join('\n');
    const report = reportDocument(request(text), new FunctionCache());
    const byName = new Map(report.functions.map((f) => [f.name, f]));
    assert.deepEqual(plain(byName.get('f')!.result!.gradient), { x: 4 });
    assert.match(byName.get('g')!.error!.message, /`JSON` is not supported/);
    assert.equal(byName.get('g')!.error!.range.start.line, 7);
    assert.deepEqual(report.diagnostics.map((d) => d.range.start.line), [7]);
    assert.match(byName.get('h')!.quiet ?? '', /^can't read new \(line 12\)$/);
  });
});
