/**
 * Functions made in the code — nested defs, lambdas, a module's closures made by a factory — in
 * generated code (codegen/closures.ts): written out where they are called, reading the names they
 * close over as Python does. Each case passes the round trip (read back, run at 9 points against AD)
 * before its text is looked at.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { derivativeSource } from '../../../src/analysis/derivativeSource';

function generate(text: string, name: string) {
  const uri = '/tmp/closures_case.py';
  return derivativeSource(DocumentAnalysis.fromText(text, uri, 'python'), name, { text, uri });
}

test('a lambda reads the names it closes over as they are when it is called (late binding)', () => {
  const text = '# @at x=0.7\ndef f(x):\n    k = 2.0\n    g = lambda u: k * u * x\n    a = g(x)\n    k = 3.0 * x\n    return a + g(1.0)\n';
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /^ {4}g = t\d \* x$/m, "the first call's k is 2.0, folded in");
  assert.match(out.value.text, /^ {4}k = 3 \* x$/m);
  assert.match(out.value.text, /^ {4}t\d = k \* 1$/m, 'the second call reads the new k');
});

test('nested defs calling each other, a default argument, and a function passed to another of the file', () => {
  const text = `import numpy as np


def twice(h, v):
    return h(h(v))


# @at x=0.5, y=1.5
def f(x, y):
    def inner(u):
        return u * u * y

    def outer(u, v=0.5):
        return inner(u) + v * np.cos(u)

    return inner(x) + outer(y) + outer(x, y) + twice(inner, x)
`;
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.doesNotMatch(out.value.text, /def inner|lambda/, 'functions are written out where they are called');
});

test("a module's closures made by a factory: the factory's body written out where the closure is called", () => {
  const text = `import numpy as np

CENTER = 0.75


def make_loss(center, scale=2.0):
    offset = center * scale

    def loss(w):
        return scale * (w - offset) ** 2 + np.sin(w * center)

    return loss


wide = make_loss(0.2, scale=0.5)
square = lambda t: t * t + 3.0 * t


# @at w=-1.1
def f(w):
    return wide(w) * make_loss(CENTER)(w) + square(w)
`;
  const out = generate(text, 'f');
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /^ {4}offset = 0\.2 \* 0\.5$/m);
  // `wide` itself is a module value (the factory's call), which generated code never shadows: a suffix.
  assert.match(out.value.text, /^ {4}wide_\d+ = t\d+ \+ t\d+$/m, "the closure's value is named after the name it was called by");
  assert.match(out.value.text, /^ {4}offset_2 = CENTER \* 2$/m);
});

test('a function used as a value other than by a call is refused, located, never written wrong', () => {
  const stored = generate('# @at x=0.5\ndef f(x):\n    fs = [lambda u: u * x, lambda u: u + x]\n    return fs[0](x)\n', 'f');
  assert.ok(!stored.ok);
  assert.equal(stored.error.code, 'unsupported');
  assert.equal(stored.error.range.start.line, 2);
  const passedOut = generate('# @at x=0.5\ndef f(x):\n    g = lambda u: u * x\n    fs = (g, g)\n    return fs[1](x) + x\n', 'f');
  assert.ok(!passedOut.ok);
  assert.match(passedOut.error.message, /the function <lambda> used as a value \(not called\) is not written yet/);
  const mapped = generate('# @at x=0.5\ndef f(x):\n    return sum(map(lambda u: u * x, [1.0, 2.0]))\n', 'f');
  assert.ok(!mapped.ok);
  assert.equal(mapped.error.code, 'unsupported');
});
