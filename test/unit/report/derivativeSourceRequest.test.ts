import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceFor } from '../../../src/report/derivativeSourceRequest';
import type { AnalyseRequest } from '../../../src/report/report';

/** The worker's side of "Show Derivative Source": the generated code at the point the lens uses. */

const TEXT = `import math

# @at x=2
def f(x):
    return math.log(x) * x
`;

const request = (lastUsed: AnalyseRequest['lastUsed'] = {}): AnalyseRequest => ({ uri: 'file:///f.py', version: 1, text: TEXT, language: 'python', settings: { mode: 'reverse', budget: {} }, lastUsed });

test("the worker's derivative source is the checked code, checked at the person's chosen point when there is one", () => {
  const out = sourceFor({ document: request(), name: 'f' });
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  // The function spells its library as the math module: the generated code does too, and needs no import.
  assert.match(out.value.text, /^# gradient of f/);
  assert.match(out.value.functionText, /= math\.log\(x\)\n/);
  assert.match(out.value.functionText, /^def grad_f\(x\):$/m);
  assert.equal(out.value.checkedPoints, 9);
  // At x = -3 log has no value: the check at the chosen point fails, located, and nothing is shown.
  const bad = sourceFor({ document: request({ f: { x: -3 } }), name: 'f' });
  assert.ok(!bad.ok);
  assert.equal(bad.error.code, 'domain');
  // A function showing no module of its own gets numpy's spelling, and the import the file lacks comes first.
  const bare = sourceFor({ document: { ...request(), text: '# @at x=2\ndef h(x):\n    return abs(x) * x\n' }, name: 'h' });
  assert.ok(bare.ok, bare.ok ? '' : bare.error.message);
  assert.match(bare.value.text, /^import numpy as np\n/);
  assert.match(bare.value.functionText, /np\.sign\(x\)/);
  const missing = sourceFor({ document: request(), name: 'g' });
  assert.ok(!missing.ok);
  assert.equal(missing.error.code, 'unknown-name');
});
