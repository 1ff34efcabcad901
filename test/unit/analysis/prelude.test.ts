import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { inPrelude } from '../../../src/analysis/prelude';

/** A notebook cell sees the imports, constants and functions of the cells above it. */

const ABOVE = ['import numpy as np\nSCALE = 3.0\n\ndef f(x):\n    return x ** 2\n', 'def f(x):\n    return SCALE * x ** 2\n\ndef g(x):\n    return np.log(x)\n'].join('\n');

test('a cell calls the functions and reads the imports and constants of the cells above', () => {
  const cell = 'def h(x, y):\n    return f(x) + g(y) + np.sin(y)\n\nh(2.0, 0.5)\n';
  const doc = DocumentAnalysis.fromText(cell, 'cell.py', 'python', ABOVE);
  assert.deepEqual(
    doc.functions().map((f) => f.ir.name),
    ['h'],
    'only the cell’s own functions are listed',
  );
  const point = doc.resolvePoint('h');
  assert.ok(point.ok);
  const r = doc.gradient('h', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  // The later definition of f (SCALE·x²) is the one in force, as in a notebook run top to bottom.
  assert.equal(r.value.value, 3 * 4 + Math.log(0.5) + Math.sin(0.5));
  assert.deepEqual({ ...r.value.gradient }, { x: 12, y: 1 / 0.5 + Math.cos(0.5) });
});

test('the cell’s own definition wins over one above', () => {
  const doc = DocumentAnalysis.fromText('def f(x):\n    return x + 1\n\ndef k(x):\n    return f(x)\n', 'cell.py', 'python', ABOVE);
  const r = doc.gradient('k', { values: { x: 2 }, source: 'argument' } as never);
  assert.ok(r.ok);
  assert.equal(r.value.value, 3);
});

test('an error inside a function from a cell above is located above the cell (a negative line)', () => {
  const doc = DocumentAnalysis.fromText('def k(x):\n    return g(x)\n', 'cell.py', 'python', ABOVE);
  const point = doc.resolvePoint('k', { x: -1 });
  assert.ok(point.ok);
  const r = doc.gradient('k', point.value);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.error.message, /log of a negative number/);
  assert.equal(inPrelude(r.error), true, JSON.stringify(r.error.range));
});

test('without a prelude a cell stands alone: unknown names are errors', () => {
  const doc = DocumentAnalysis.fromText('def k(x):\n    return f(x)\n', 'cell.py', 'python');
  assert.match(doc.functions()[0]!.refusals.map((e) => e.error.message).join(), /unknown name f/);
});

test('workspace imports work in a cell and from the cells above: `from helpers import square` there, `import helpers as hp` here', () => {
  const files: Record<string, string> = { 'nb/helpers.py': 'def square(w):\n    return w * w\n\ndef cube(w):\n    return w ** 3\n' };
  const provider = { read: (p: string) => (Object.hasOwn(files, p) ? files[p] : undefined) };
  const above = 'import numpy as np\nfrom scipy.stats import norm as N\nfrom helpers import square\n';
  const cell = 'import helpers as hp\n\n# @at w=0.5\ndef loss(w):\n    return square(w) + hp.cube(w) + N.cdf(w) + np.sin(w)\n';
  const doc = DocumentAnalysis.fromText(cell, 'nb/notebook.ipynb', 'python', above, provider);
  assert.deepEqual(doc.diagnostics.filter((d) => d.severity === 'error'), []);
  const point = doc.resolvePoint('loss');
  assert.ok(point.ok);
  const r = doc.gradient('loss', point.value);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const phi = (x: number): number => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  // value: Φ(0.5) = 0.6914624612740131 (scipy.stats.norm.cdf(0.5))
  assert.ok(Math.abs((r.value.value as number) - (0.25 + 0.125 + 0.6914624612740131 + Math.sin(0.5))) < 1e-14);
  assert.ok(Math.abs((r.value.gradient!.w as number) - (1 + 0.75 + phi(0.5) + Math.cos(0.5))) < 1e-14);
});

test("a name bound twice above keeps its earlier binding for what was bound with it, apart from the cell's own rebound names", () => {
  // C = A + 1 reads the first A (1.0); the cell's B is bound twice too: the two earlier bindings are two values.
  const above = 'A = 1.0\nC = A + 1\nA = 2.0\n';
  const doc = DocumentAnalysis.fromText('B = 5.0\nB = 6.0\n\ndef f(x):\n    return x * C + B + A\n', 'cell.py', 'python', above);
  const r = doc.gradient('f', { values: { x: 1 }, source: 'argument' } as never);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.value, 2 + 6 + 2);
});
