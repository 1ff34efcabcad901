import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/** `if __name__ == "__main__":` — never an error, its calls are points, its assignments module constants. */

const SOURCE = `import numpy as np
import sys

def rosen(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)

def scaled(t):
    return SCALE * t * t

def main():
    with open("data.txt") as fh:
        return fh.read()

if __name__ == "__main__":
    SCALE = 3.0
    x0 = np.array([1.3, 0.7])
    print(rosen(x0))
    scaled(2.0)
    sys.exit(main())
`;

test('the main block: points from its calls, constants from its assignments, no diagnostics', () => {
  const doc = DocumentAnalysis.fromText(SOURCE, 'main.py', 'python');
  const byName = new Map(doc.functions().map((f) => [f.ir.name, f]));
  assert.equal(byName.get('scaled')!.points[0]?.source, 'call-site');
  // main() takes nothing: no point, so nobody asked about it and its open() stays quiet.
  assert.equal(byName.get('main')!.points.length, 0);
  const r = doc.gradient('scaled', byName.get('scaled')!.points[0]!);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.value.value, 12);
  assert.equal(r.value.gradient!.t, 12);
  const rosen = doc.gradient('rosen', byName.get('rosen')!.points[0]!);
  assert.ok(rosen.ok && Math.abs((rosen.value.value as number) - 98.1) < 1e-12, JSON.stringify(rosen));
  // The only module problem is `import sys`, which problems.ts keeps out of Problems.
  assert.ok(doc.diagnostics.every((d) => /module sys/.test(d.message)), JSON.stringify(doc.diagnostics));
});
