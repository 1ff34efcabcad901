import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { unifyNfkcNames } from '../../../../src/frontends/python/nfkcNames';
import { formatRange } from '../../../../src/core/sourceRange';

/**
 * Python compares identifiers in NFKC (PEP 3131); GradLens does too, and shows each name as first
 * written. Every expected value is what /usr/bin/python3 gives for the same file.
 */

function gradient(source: string, name: string, at?: Record<string, number>) {
  const doc = DocumentAnalysis.fromText(source, 'test.py', 'python');
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient(name, point.value);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

test('ℌ and H are one name: the parameter shadows the global, and @at may use either spelling', () => {
  const source = 'H = 100.0\n\n# @at ℌ=2.0\ndef f(ℌ):\n    return H * 3 + ℌ\n';
  const r = gradient(source, 'f');
  assert.equal(r.value, 8); // python3: f(2.0) == 8.0
  assert.deepEqual({ ...r.gradient }, { H: 4 });
});

test('a name spelled one way keeps its spelling (ℓ is not renamed l); the micro sign and μ are one name', () => {
  const lone = gradient('# @at ℓ=2.0\ndef g(ℓ):\n    return ℓ * ℓ\n', 'g');
  assert.deepEqual({ ...lone.gradient }, { 'ℓ': 4 });
  const micro = gradient('# @at \u00b5=1.5\ndef mu(\u00b5):\n    return \u03bc * 2\n', 'mu');
  assert.equal(micro.value, 3);
  assert.deepEqual(Object.keys(micro.gradient!), ['\u00b5'], 'shown as written in the def');
  assert.equal(gradient('def g(ℓ):\n    return ℓ * ℓ\n', 'g', { l: 3 }).value, 9, '--at l=3 binds ℓ');
});

test('strings and comments are not names; a spelling of another length is refused at the character', () => {
  const text = 'def f(ℌ):\n    s = "H ℌ"  # ℌ\n    return H\n';
  assert.equal(unifyNfkcNames(text).text, 'def f(ℌ):\n    s = "H ℌ"  # ℌ\n    return ℌ\n');
  const doc = DocumentAnalysis.fromText('def bold(x):\n    return 𝐱 + 1\n\ndef ok(y):\n    return y * 2\n', 'test.py', 'python');
  const bold = doc.functions().find((f) => f.ir.name === 'bold')!;
  assert.match(bold.errors[0]?.message ?? '', /'𝐱' and 'x' are one name to Python .* write this name as 'x'/);
  assert.equal(formatRange(bold.errors[0]!.range), '2:12-2:13');
  assert.deepEqual(doc.functions().find((f) => f.ir.name === 'ok')!.errors, [], 'the other functions of the file are read');
});

test('ASCII text is returned as it is, at no cost', () => {
  const text = 'def f(x):\n    return x\n';
  assert.equal(unifyNfkcNames(text).text, text);
});
