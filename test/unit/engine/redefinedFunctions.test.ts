import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { pythonRun } from '../pythonRuns';

/**
 * A function defined twice (autograd's sinusoid.py defines `fun` as np.sin, then as its Taylor
 * series) is its last definition once the module has run: what other functions call and what the
 * lens differentiates. GradLens used the first, so a caller's number was CPython's for another
 * function. Module-level code above the last definition means an earlier one: refused, never
 * computed with the wrong one. Every value is what /usr/bin/python3 gives for the same file.
 */

const TWICE = 'def f(x):\n    return x * 2.0\n\n\ndef g(x):\n    return f(x) + 0.5\n\n\ndef f(x):\n    return x * 3.0\n';

test('a caller, and the name itself, use the last definition', () => {
  const g = pythonRun(TWICE, 'g', { x: 1 });
  assert.ok(g.ok, JSON.stringify(g));
  assert.equal(g.value.value, 3.5); // python3: g(1.0) == 3.5
  assert.deepEqual({ ...g.value.gradient }, { x: 3 });
  const f = pythonRun(TWICE, 'f', { x: 1 });
  assert.ok(f.ok && f.value.value === 3, JSON.stringify(f));
});

test('the lens and the listing are on the last definition; the first one says where the name is defined again', () => {
  const doc = DocumentAnalysis.fromText(TWICE, 'test.py', 'python');
  const listed = doc.functions().find((s) => s.ir.name === 'f')!;
  assert.equal(listed.ir.nameRange.start.line, 8);
  const note = doc.diagnostics.find((d) => /defined again at line 9/.test(d.message));
  assert.ok(note, JSON.stringify(doc.diagnostics));
  assert.equal(note.range.start.line, 0);
});

test('a module constant computed between the definitions is refused; one computed after them uses the last', () => {
  const between = 'def f(x):\n    return x * 2.0\n\nY = f(1.0)\n\ndef f(x):\n    return x * 3.0\n\ndef g(x):\n    return f(x) + Y\n';
  const r = pythonRun(between, 'g', { x: 1 }); // python3: 5.0 (Y from the first f), never 6.0
  assert.ok(!r.ok, JSON.stringify(r));
  assert.match(r.error.message, /module-level code above its last definition calls it/);
  const after = 'def f(x):\n    return x * 2.0\n\ndef f(x):\n    return x * 3.0\n\nY = f(1.0)\n\ndef g(x):\n    return f(x) + Y\n';
  const ok = pythonRun(after, 'g', { x: 1 });
  assert.ok(ok.ok && ok.value.value === 6, JSON.stringify(ok)); // python3: 6.0
});
