import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * test/fixtures/umd/*.js: AMD (`define(function () {…})`, with an id and dependencies), UMD
 * (`(function (root, factory) {…}(this, function () {…}))`, also the `factory(exports)` kind) and
 * module IIFEs (`(function (root) {…})(this)`, `.call(this)`), and rollup's UMD, its factory in
 * parentheses. The factory's functions get lenses,
 * and each gradient agrees with node's central differences of the same module, loaded as node
 * loads it (CommonJS; `define` given by the test as RequireJS would call it).
 */
const DIR = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'umd');
const require = createRequire(import.meta.url);

const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'amd.js': ['softplus', 'logistic', 'swish'],
  'amdDeps.js': ['huber'],
  'umd.js': ['easeInSine', 'easeInOutCubic'],
  'umdExports.js': ['gaussian', 'multiquadric'],
  'iife.js': ['smoothstep', 'lerpSmooth'],
  'callThis.js': ['logSumExp'],
  'rollupUmd.js': ['sineInOut', 'softKnee', 'arcOut'],
};

type Fn = (...args: number[]) => number;

/** The module's functions as node sees them: what its factory returns, or what it puts on exports / `this`. */
function load(file: string): Record<string, Fn> {
  let defined: unknown;
  const g = globalThis as { define?: unknown };
  g.define = Object.assign((...args: unknown[]) => void (defined = (args.at(-1) as (...deps: unknown[]) => unknown)()), { amd: true });
  try {
    const exported = require(join(DIR, file)) as Record<string, unknown>;
    const found = (defined ?? exported) as Record<string, unknown>;
    // `root.smooth = {…}` hangs an object on the exports; its functions count too.
    const nested = Object.values(found).filter((v) => typeof v === 'object' && v !== null) as Record<string, unknown>[];
    return Object.assign({}, ...nested, found) as Record<string, Fn>;
  } finally {
    delete g.define;
  }
}

for (const [file, names] of Object.entries(EXPECTED)) {
  test(`${file}: the factory's functions get lenses, and their gradients agree with node`, () => {
    const doc = DocumentAnalysis.fromText(readFileSync(join(DIR, file), 'utf8'), file, 'typescript');
    assert.deepEqual(doc.functions().map((f) => f.ir.name), names);
    assert.deepEqual(doc.diagnostics.filter((d) => d.severity !== 'info'), []);
    const module = load(file);
    for (const name of names) {
      const point = doc.resolvePoint(name);
      assert.ok(point.ok, `${name}: ${JSON.stringify(point)}`);
      const r = doc.gradient(name, point.value);
      assert.ok(r.ok, `${name}: ${JSON.stringify(!r.ok && r.error)}`);
      const fn = module[name]!;
      assert.equal(typeof fn, 'function', `${name} is not in what node loads`);
      // An optional argument the point leaves out (`knee == null`) is left out of node's call too.
      const params = doc.find(name)!.params.map((p) => p.name).filter((p) => point.value.values[p] !== undefined);
      const at = params.map((p) => point.value.values[p] as number);
      assert.ok(Math.abs((r.value.value as number) - fn(...at)) <= 1e-14, `${name} value`);
      params.forEach((p, i) => {
        const h = 1e-6 * Math.max(1, Math.abs(at[i]!));
        const up = [...at];
        const down = [...at];
        up[i]! += h;
        down[i]! -= h;
        const fd = (fn(...up) - fn(...down)) / (2 * h);
        const ours = r.value.gradient![p] as number;
        assert.ok(Math.abs(ours - fd) <= 1e-6 * (1 + Math.abs(fd)), `${file} ${name} ∂/∂${p}: engine ${ours} vs central difference ${fd}`);
      });
    }
  });
}

test('a top-level call that is no wrapper is left alone: a script calling its main function gets no lens from it', () => {
  const doc = DocumentAnalysis.fromText('function main() {\n  console.log(1);\n}\nmain();\nsetTimeout(function () {\n  var z = 2;\n}, 10);\n', 'script.js', 'typescript');
  assert.deepEqual(doc.functions().map((f) => f.ir.name), ['main']);
});
