/**
 * break, continue and return inside loops in generated code (codegen/jumps.ts): the code after a
 * jump moves into the branches that do not jump, a break sets the loop's exit flag, and the stack
 * holds one entry per iteration that ran. Each case passes the round trip (read back, run at 9
 * points against AD) before its text is looked at.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { derivativeSource } from '../../../src/analysis/derivativeSource';

function generate(text: string, name: string, uri = '/tmp/jumps_case.py') {
  const language = uri.endsWith('.py') ? 'python' : 'typescript';
  return derivativeSource(DocumentAnalysis.fromText(text, uri, language), name, { text, uri });
}

test('a while loop whose trip count depends on x: the break ends the loop after the iteration is pushed', () => {
  const text = `import numpy as np

# @at x=0.9
def grow(x):
    y = x
    while True:
        y = y * 1.5 + np.sin(y)
        if y > 20.0:
            break
        y = y - 0.1 * x
    return y
`;
  const out = generate(text, 'grow');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  const code = out.value.text;
  assert.match(code, /^    stop = False$/m, 'the exit flag starts false before the loop');
  assert.match(code, /^            stop = True\n(?: {12}\w+ = \w+\n)* {8}else:\n {12}t\d = 0\.1 \* x$/m, 'the code after the break moved into the other branch');
  assert.match(code, /^        stack\.append\(\([^)]*\)\)\n(?: {8}\w+ = \w+\n)*        if stop:\n            break$/m, 'the loop leaves after pushing and carrying');
});

test('continue in a C-style TypeScript loop still runs the update; a return inside the loop leaves it with its value', () => {
  const text = `/** @at x=0.7 */
function f(x: number): number {
  let s = 0;
  for (let k = 0; k < 30; k++) {
    if (k % 3 === 1) continue;
    s = s + Math.cos(s) * x / (k + 1);
    if (s > 2) return s * x;
  }
  return -s;
}
`;
  const out = generate(text, 'f', '/tmp/jumps_case.ts');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /if \(returned\) \{/);
});

test('a for loop left early at some points and not at others gives AD at every one of them', () => {
  // At x=0.5 the loop runs all 8 iterations; nearby points with x > ~0.55 leave it early.
  const text = '# @at x=0.55\ndef f(x):\n    t = 1.0\n    for i in range(8):\n        t = t * (1.0 + x)\n        if t > 30.0:\n            break\n    return t\n';
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
});

test('jumps GradLens does not write yet are refused, located, never written wrong', () => {
  const labelled = `/** @at x=0.5 */
function g(x: number): number {
  let s = 0;
  outer: for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      if (j > i) continue outer;
      s += x * j;
    }
  }
  return s;
}
`;
  const a = generate(labelled, 'g', '/tmp/jumps_case.ts');
  assert.ok(!a.ok);
  assert.equal(a.error.code, 'unsupported');
  assert.match(a.error.message, /continue outer: a jump out of an enclosing loop/);
  assert.equal(a.error.range.start.line, 5);

  const nested = '# @at x=0.5\ndef h(x):\n    for i in range(3):\n        for j in range(3):\n            if x * j > 1.0:\n                return x\n    return 2.0 * x\n';
  const b = generate(nested, 'h');
  assert.ok(!b.ok);
  assert.match(b.error.message, /a return inside a nested loop is not written yet/);

  const forElse = '# @at x=0.5\ndef k(x):\n    s = 0.0\n    for i in range(3):\n        s += x\n        if s > 1.0:\n            break\n    else:\n        s = -s\n    return s\n';
  const c = generate(forElse, 'k');
  assert.ok(!c.ok);
  assert.equal(c.error.code, 'unsupported');
});
