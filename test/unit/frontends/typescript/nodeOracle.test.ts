import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mapPointTree, pointLeaves, type PointTree } from '../../../../src/core/pointTree';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { lowerTypeScript } from '../../../../src/frontends/typescript/index';

/**
 * test/oracle/corpus/javascript_features.mjs against node itself: the test imports the module and
 * differentiates each exported function by central differences at its `@at` point, then compares
 * GradLens's value and gradient (reverse and forward). The test runs the corpus; the product reads it.
 * Tolerance: |engine - fd| <= 1e-6 (1 + |fd|), what central differences with h = 1e-6 resolve.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const FILE = join(ROOT, 'test/oracle/corpus/javascript_features.mjs');
const text = readFileSync(FILE, 'utf8');
type Corpus = Record<string, (...args: unknown[]) => number>;
const loaded = import(pathToFileURL(FILE).href) as Promise<Corpus>;

const module = lowerTypeScript(text, 'file:///javascript_features.mjs');
const doc = DocumentAnalysis.fromModule(module);
/** The functions with an `@at` point: every export of the corpus. */
const annotated = [...new Set(module.points.filter((p) => p.source === 'annotation').map((p) => p.function))];

test('the corpus lowers without diagnostics, and its annotated functions are exactly its exports', async () => {
  assert.deepEqual(module.diagnostics, []);
  assert.deepEqual(module.functions.filter((f) => f.diagnostics.length > 0).map((f) => f.name), []);
  assert.deepEqual([...annotated].sort(), Object.keys(await loaded).sort());
});

/** Central difference in flat entry i of the point, the point rebuilt in its own shape (numbers, lists, objects). */
function centralDifference(fn: (...args: unknown[]) => number, at: readonly PointTree[], i: number): number {
  const flat = at.flatMap((v) => pointLeaves(v));
  // Math.fround rounds by up to 2⁻²⁴ relative: a 1e-6 step would difference that rounding, not the
  // function; its derivative is the cast's (1), so the corpus uses it only where a longer step is exact.
  // A Float32Array store rounds as fround does: a dyadic step keeps a short dyadic point exact in float32.
  const text = fn.toString();
  const step = text.includes('Float32Array') ? 2 ** -6 : text.includes('Math.fround') ? 1e-2 : 1e-6;
  const h = step * Math.max(1, Math.abs(flat[i]!));
  const moved = (delta: number): unknown[] => {
    let k = 0;
    return at.map((v) => mapPointTree(v, (x) => (k++ === i ? x + delta : x)));
  };
  return (fn(...moved(h)) - fn(...moved(-h))) / (2 * h);
}

for (const name of annotated) {
  for (const mode of ['reverse', 'forward'] as const) {
    test(`node oracle javascript_features.mjs:${name} (${mode})`, async () => {
      const corpus = await loaded;
      const point = doc.resolvePoint(name);
      assert.ok(point.ok, JSON.stringify(point));
      const all = Object.keys(point.value.values);
      const at = all.map((p) => point.value.values[p]!);
      // A loop count (`i < n`) is a constant, as `range(n)` is: no gradient entry, and nothing else is left out.
      const counts = doc.inferShapes(name)!.parameters.filter((p) => p.kind.kind === 'count').map((p) => p.name);
      const params = all.filter((p) => !counts.includes(p));
      const fn = corpus[name]!;
      const r = doc.gradient(name, point.value, { mode });
      assert.ok(r.ok, JSON.stringify(r.ok ? '' : r.error));
      const expected = fn(...at);
      assert.ok(Math.abs((r.value.value as number) - expected) <= 1e-12 * (1 + Math.abs(expected)), `value: engine ${String(r.value.value)} vs node ${expected}`);
      // The gradient comes back in each parameter's shape: its entries in the same order as the point's.
      assert.deepEqual(Object.keys(r.value.gradient!).sort(), [...params].sort());
      const got = all.flatMap((p) => (counts.includes(p) ? pointLeaves(point.value.values[p]!).map(() => undefined) : pointLeaves(r.value.gradient![p]!)));
      assert.equal(got.length, at.flatMap((v) => pointLeaves(v)).length);
      got.forEach((g, i) => {
        if (g === undefined) return;
        const fd = centralDifference(fn, at, i);
        assert.ok(Math.abs(g - fd) <= 1e-6 * (1 + Math.abs(fd)), `entry ${i}: engine ${g} vs central difference ${fd}`);
      });
      params.forEach((p) => assert.equal(JSON.stringify(mapPointTree(r.value.gradient![p]!, () => 0)), JSON.stringify(mapPointTree(point.value.values[p]!, () => 0)), `${p}'s gradient has its shape`));
    });
  }
}
