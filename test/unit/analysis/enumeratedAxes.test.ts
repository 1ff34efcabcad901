import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * `for n, cmn in enumerate(centers[m])` (DEAP's shekel): n counts along the axis enumerate walks, so
 * `point[n]` reads an axis as long as a row of centers, and `widths[m]` with m over `range(len(widths))`
 * one as long as its rows. The sample's shapes agree (centers M×N, widths M, point N), so every
 * entry is used and the function runs (shapes/reader.ts `enumerated`). The numbers at these points
 * are CPython's (realPython.test.ts, enumerated_sums.py).
 */

const FILE = join(__dirname, '..', '..', 'fixtures', 'real_python', 'enumerated_sums.py');
const doc = DocumentAnalysis.fromText(readFileSync(FILE, 'utf8'), 'file:///enumerated_sums.py', 'python');

function shapes(fn: string): Record<string, readonly number[] | string> {
  const out: Record<string, readonly number[] | string> = {};
  for (const p of doc.inferShapes(fn)!.parameters) out[p.name] = p.kind.kind === 'array' ? p.kind.shape : p.kind.kind;
  return out;
}

for (const [fn, matrix, vector] of [['shekel_wells', 'centers', 'widths'], ['gaussian_wells', 'centers', 'depths']] as const) {
  test(`${fn}: ${matrix} has a row per entry of ${vector} and a column per entry of point`, () => {
    const s = shapes(fn);
    const m = s[matrix] as readonly number[];
    assert.equal(m.length, 2, `${matrix} is a matrix: ${JSON.stringify(s)}`);
    assert.deepEqual(s[vector], [m[0]]);
    assert.deepEqual(s['point'], [m[1]]);
    const point = doc.resolvePoint(fn);
    assert.ok(point.ok, `${fn} has a point`);
    assert.ok(doc.gradient(fn, point.value).ok, `${fn} evaluates at its sample`);
  });
}
