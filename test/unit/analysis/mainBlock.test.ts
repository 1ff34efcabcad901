import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { loudModuleProblems } from '../../../src/analysis/problems';

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

test('defs in the main block are the module\'s functions: listed, reading the block\'s constants, quiet when they cannot run', () => {
  const source = `import numpy as np
import matplotlib.pyplot as plt

def entropy(log_std):
    return np.sum(log_std)

if __name__ == "__main__":
    D = 2

    def log_density(x, t):
        mu, log_sigma = x[:, 0], x[:, 1]
        return -0.5 * (mu / np.exp(log_sigma)) ** 2 - log_sigma - t * D

    def callback(params):
        plt.cla()
        print(-log_density(params, 0))

    print(log_density(np.array([[0.5, -0.2], [1.0, 0.3]]), 1.5))
`;
  const doc = DocumentAnalysis.fromText(source, 'svi.py', 'python');
  const byName = new Map(doc.functions().map((f) => [f.ir.name, f]));
  assert.deepEqual([...byName.keys()], ['entropy', 'log_density', 'callback']);
  const point = byName.get('log_density')!.points[0];
  assert.equal(point?.source, 'call-site', 'its call in the block gives it a point');
  const r = doc.gradient('log_density', point!);
  assert.ok(r.ok && r.value.jacobian, JSON.stringify(r));
  if (!r.ok) return;
  // -0.5 (mu e^{-s})^2 - s - t D, row by row, with D = 2 from the block.
  const f = (mu: number, s: number, t: number): number => -0.5 * (mu / Math.exp(s)) ** 2 - s - t * 2;
  assert.deepEqual(r.value.value, [f(0.5, -0.2, 1.5), f(1.0, 0.3, 1.5)]);
  const dt = r.value.jacobian!.t as number[];
  assert.deepEqual(dt, [-2, -2]);
  // The callback draws: nobody asked about it, so plt stays out of Problems.
  assert.deepEqual(loudModuleProblems(doc.diagnostics), []);
  assert.equal(byName.get('callback')!.points.length, 0);
});
