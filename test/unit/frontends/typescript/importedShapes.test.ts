import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mapPointTree, pointLeaves, type PointTree } from '../../../../src/core/pointTree';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import type { ModuleSourceProvider } from '../../../../src/analysis/moduleImports';
import type { ResolvedPoint } from '../../../../src/analysis/points';

/**
 * test/fixtures/imports/color: chroma.js-style converters (`(...args) => { const [r, g, b] =
 * channels(args, 'rgb') }`) whose helper is re-exported by an index file (`export { default as
 * channels } from './channels.mjs'`) and reads an object argument by the characters of a key order
 * (`order.split('').map((key) => args[0][key])`); a helper that sets properties on the array it
 * clamps (`rgb._outside = true`). GradLens reads the files from disk, as the CLI does; node imports
 * the same module and is the reference (value, and central differences for every entry).
 */
const FILE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'imports', 'color', 'luma.mjs');
const URI = pathToFileURL(FILE).href;
const disk: ModuleSourceProvider = {
  read(path) {
    const file = path.startsWith('file:') ? fileURLToPath(path) : path;
    try {
      return statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
};
const doc = DocumentAnalysis.fromText(readFileSync(FILE, 'utf8'), URI, 'typescript', undefined, disk);
const loaded = import(URI) as Promise<Record<string, (...args: unknown[]) => unknown>>;

const numbers = (out: unknown): number[] => (typeof out === 'number' ? [out] : (out as number[]).slice());

/** GradLens's value and derivative of `name` at `point` against node's value and central differences. */
async function agreesWithNode(name: string, point: ResolvedPoint): Promise<void> {
  const fn = (await loaded)[name]!;
  const r = doc.gradient(name, point);
  assert.ok(r.ok, `${name}: ${JSON.stringify(r.ok ? '' : r.error)}`);
  const [param] = Object.keys(point.values);
  const at = point.values[param!]! as PointTree;
  // A rest parameter collects the arguments: node is called with them spread.
  const rest = doc.functions().find((f) => f.ir.name === name)!.ir.params[0]!.kind === 'varargs';
  const call = (v: PointTree): number[] => numbers(rest ? fn(...(v as number[])) : fn(structuredClone(v)));
  const expected = call(at);
  const got = numbers(r.value.value);
  assert.equal(got.length, expected.length, `${name}: output size`);
  got.forEach((v, k) => assert.ok(Math.abs(v - expected[k]!) <= 1e-12 * (1 + Math.abs(expected[k]!)), `${name}: value ${v} vs node ${expected[k]}`));
  const derivative = pointLeaves((r.value.gradient ?? r.value.jacobian)![param!]! as PointTree);
  const n = pointLeaves(at).length;
  for (let j = 0; j < n; j++) {
    const moved = (d: number): PointTree => {
      let k = 0;
      return mapPointTree(at, (x) => (k++ === j ? x + d : x));
    };
    const h = 1e-6;
    const up = call(moved(h));
    const down = call(moved(-h));
    up.forEach((u, k) => {
      const fd = (u - down[k]!) / (2 * h);
      const ours = r.value.gradient ? derivative[j]! : derivative[k * n + j]!;
      assert.ok(Math.abs(ours - fd) <= 1e-6 * (1 + Math.abs(fd)), `${name} ∂/∂${param}[${j}] output ${k}: ${ours} vs node ${fd}`);
    });
  }
}

test("a helper re-exported by an index file passes back what it returns: chroma.js's `const [r, g, b] = unpack(args, 'rgb')` gets a point", async () => {
  for (const name of ['relativeLuminance', 'toYiq']) {
    const point = doc.resolvePoint(name);
    assert.ok(point.ok, `${name}: ${JSON.stringify(point)}`);
    // Three channels collected, not three rows: `args[0][key]` with key a character reads a property.
    assert.deepEqual(JSON.parse(JSON.stringify(point.value.values)), { args: [0.731, 0.502, 0.872] });
    await agreesWithNode(name, point.value);
  }
});

test('properties set on an array are kept beside its items, read back, listed by for…in after its indices and found by `in`', async () => {
  for (const name of ['softGamut', 'keyWeighted', 'flaggedLuma']) {
    const point = doc.resolvePoint(name);
    assert.ok(point.ok, `${name}: ${JSON.stringify(point)}`);
    await agreesWithNode(name, point.value);
    // Out of gamut: the branch that reads the kept channels (`mapped._raw[i]`).
    await agreesWithNode(name, { ...point.value, values: { rgb: [1.2, -0.3, 0.5] } });
  }
  const outside = doc.gradient('softGamut', { source: 'sample', values: { rgb: [1.2, -0.3, 0.5] } });
  assert.ok(outside.ok);
  assert.deepEqual(outside.value.value, [1.05, -0.075, 0.5]);
});

test('a property an array already has, or an index, is still refused where it is set', () => {
  const text = ['// @at v=[1, 2]', 'export function f(v) {', '  v.length = 1;', '  return v[0];', '}', '// @at v=[1, 2]', 'export function g(v) {', '  v.map = 0;', '  return v[0];', '}', ''].join('\n');
  const other = DocumentAnalysis.fromText(text, 'w/props.js', 'typescript');
  for (const name of ['f', 'g']) {
    const point = other.resolvePoint(name);
    assert.ok(point.ok);
    const r = other.gradient(name, point.value);
    assert.ok(!r.ok, `${name} should be refused`);
    assert.match(r.error.message, /cannot set \.(length|map)/);
  }
});
