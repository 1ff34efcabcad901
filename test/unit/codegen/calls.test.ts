/**
 * Calls in generated derivative code: min/max (a chain of the registry's minimum/maximum, half each
 * at a tie, as the engine), numpy composites (np.square as x·x), the file's own functions written out
 * in place, and what is refused (recursion).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { derivativeSource } from '../../../src/analysis/derivativeSource';

function generate(text: string, name: string, at?: Record<string, number>) {
  const uri = '/tmp/calls_case.py';
  const doc = DocumentAnalysis.fromText(text, uri, 'python');
  return derivativeSource(doc, name, { text, uri, ...(at ? { at: { values: at, source: 'argument' as const } } : {}) });
}

test('max of three values is written as a chain of two-argument steps, the partial choosing by order', () => {
  const text = '# @at a=0.3, b=1.2, c=-0.5\ndef f(a, b, c):\n    return max(a, b, c) * a\n';
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.match(out.value.text, /= max\(a, b\)\n/);
  assert.match(out.value.text, /if a < b else 0\.5 if a == b else/);
  assert.equal(out.value.checkedPoints, 9);
});

test('at a tie the generated min gives half to each argument, as AD does, and is shown', () => {
  const text = 'import numpy as np\n\ndef f(x, y):\n    return np.minimum(x, y) + min(x * 2.0, y)\n';
  const out = generate(text, 'f', { x: 1.5, y: 1.5 });
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.ok(out.value.checkedPoints >= 1);
});

test('np.square keeps its name in the forward steps and differentiates as x·x', () => {
  const text = 'import numpy as np\n\n# @at x=0.7, y=-1.1\ndef f(x, y):\n    return np.square(x - y) * y + np.reciprocal(x)\n';
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.match(out.value.text, /= np\.square\(t\d+\)\n/);
  assert.match(out.value.text, /= np\.reciprocal\(x\)\n/);
  assert.equal(out.value.checkedPoints, 9);
});

test("the file's own helper is written out in place, its result named after the caller's variable", () => {
  const text = [
    'import math',
    '',
    'def _norm_cdf(x):',
    '    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))',
    '',
    '# @at s=1.2, t=0.4',
    'def price(s, t):',
    '    d = s * t',
    '    p = _norm_cdf(d)',
    '    return s * p',
    '',
  ].join('\n');
  const out = generate(text, 'price');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.match(out.value.text, /\n    p = 0\.5 \* t\d+\n/);
  assert.match(out.value.text, /# from line 4: /);
  assert.equal(out.value.checkedPoints, 9);
});

test('a recursive helper is refused with a located reason, never written', () => {
  const text = 'def g(x, n):\n    if n <= 0:\n        return x\n    return g(x * 1.5, n - 1)\n\n# @at x=0.3\ndef f(x):\n    return g(x, 3)\n';
  const out = generate(text, 'f');
  assert.ok(!out.ok);
  assert.equal(out.error.code, 'unsupported');
  assert.match(out.error.message, /g calls itself/);
});

test("a helper reading a global that the caller's parameter hides is refused", () => {
  const text = 'scale = 2.0\n\ndef h(u):\n    return u * scale\n\n# @at x=0.3, scale=1.0\ndef f(x, scale):\n    return h(x) + scale\n';
  const out = generate(text, 'f');
  assert.ok(!out.ok);
  assert.match(out.error.message, /reads the global scale/);
});

test('a function returning several numbers gets its Jacobian: one reverse sweep per returned value, each row kept', () => {
  const text = 'import numpy as np\n\n# @at r=1.5, theta=0.3\ndef polar(r, theta):\n    return r * np.cos(theta), r * np.sin(theta)\n';
  const out = generate(text, 'polar');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /# Jacobian \(one row per returned value\) of polar/);
  assert.match(out.value.text, /grad_out1 = dr, dtheta\n/);
  assert.match(out.value.text, /return grad_out1, grad_out2\n/);
  const ts = 'export function polar(r: number, t: number) {\n  return [r * Math.cos(t), r * Math.sin(t)];\n}\n// @at r=1.5, t=0.3\n';
  const tsOut = derivativeSource(DocumentAnalysis.fromText(ts, '/tmp/p.ts', 'typescript'), 'polar', { text: ts, uri: '/tmp/p.ts', at: { values: { r: 1.5, t: 0.3 }, source: 'argument' } });
  assert.ok(tsOut.ok, tsOut.ok ? '' : tsOut.error.message);
  assert.match(tsOut.value.text, /: \[\[number, number\], \[number, number\]\] \{/);
});

test('a % b is one step written as the user wrote it, with -floor(a / b) for the divisor; logaddexp keeps its call', () => {
  const text = 'import numpy as np\n\n# @at x=7.3, y=2.2\ndef f(x, y):\n    return (x * y) % y + np.logaddexp(x, -y)\n';
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.match(out.value.text, /= t\d+ % y\n/);
  assert.match(out.value.text, /dy -= np\.floor\(t\d+ \/ y\) \* dt\d+\n/);
  assert.match(out.value.text, /= np\.logaddexp\(x, t\d+\)\n/);
  assert.match(out.value.text, /np\.exp\(x - t\d+\)/);
  assert.equal(out.value.checkedPoints, 9);
});
