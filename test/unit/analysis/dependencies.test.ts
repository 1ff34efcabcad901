import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentAnalysis } from '../../../src/analysis/document';
import type { FileDependencies } from '../../../src/analysis/dependencies';

/**
 * Which functions a result about one function may depend on (analysis/dependencies.ts): what the
 * worker's caches key on, so an edit recomputes what it can change and nothing else.
 */

const deps = (text: string): FileDependencies => DocumentAnalysis.fromText(text, 'file:///ws/d.py', 'python').dependencies()!;

const CHAIN = `import numpy as np

def c(x):
    return np.exp(x)

def b(x):
    return c(x) * 2.0

def a(x):
    return b(x) + 1.0

def alone(x):
    return x * x
`;

describe('file dependencies', () => {
  it('a run depends on what it calls, transitively; a guess also on its callers', () => {
    const d = deps(CHAIN);
    assert.deepEqual(d.runDependencies('a'), ['a', 'b', 'c']);
    assert.deepEqual(d.runDependencies('c'), ['c']);
    assert.deepEqual(d.runDependencies('alone'), ['alone']);
    // Shapes b passes c are read when guessing c's point.
    assert.deepEqual(d.guessDependencies('c'), ['b', 'c']);
    // A caller's run may give c its point: everything that reaches c, and what they reach.
    assert.deepEqual(d.dependencies('c'), ['a', 'b', 'c']);
    assert.deepEqual([...d.reachers('c')!].sort(), ['a', 'b', 'c']);
  });

  it('calls in a cycle reach each other', () => {
    const d = deps('def even(n):\n    return 1.0 if n == 0 else odd(n - 1)\n\ndef odd(n):\n    return 0.0 if n == 0 else even(n - 1)\n\ndef top(n):\n    return even(n) * 2.0\n');
    assert.deepEqual(d.runDependencies('even'), ['even', 'odd']);
    assert.deepEqual(d.runDependencies('odd'), ['even', 'odd']);
    assert.deepEqual(d.runDependencies('top'), ['even', 'odd', 'top']);
  });

  it('a method through an attribute or its class, never a library attribute of the same name', () => {
    const text = `import numpy as np

class V:
    def __init__(self, x):
        self.x = x

    def exp(self, k):
        return np.exp(self.x * k)

def uses_numpy(x):
    return np.exp(x)

def uses_method(v):
    return v.exp(2.0)

def makes_one(x):
    return V(x).x
`;
    const d = deps(text);
    assert.deepEqual(d.runDependencies('uses_numpy'), ['uses_numpy']);
    assert.deepEqual(d.runDependencies('uses_method'), ['V.exp', 'uses_method']);
    assert.deepEqual(d.runDependencies('makes_one'), ['V.exp', 'makes_one']);
  });

  it('a module constant made by a function: whoever reads the constant uses that function', () => {
    const d = deps('def make(n):\n    return n * 2.0\n\nK = make(3)\n\ndef f(x):\n    return K * x\n\ndef g(x):\n    return x\n');
    assert.deepEqual(d.runDependencies('f'), ['f', 'make']);
    assert.deepEqual(d.runDependencies('g'), ['g']);
  });

  it('a dynamic lookup may reach any function', () => {
    const d = deps('def f(x):\n    return x\n\ndef g(x):\n    return globals()["f"](x)\n\ndef h(x):\n    return x * 2.0\n');
    assert.deepEqual(d.runDependencies('g'), ['f', 'g', 'h']);
  });

  it('the module text leaves out the functions\' lines but keeps their order', () => {
    const d = deps('A = 1.0\n\ndef f(x):\n    y = x\n    return y * A\n\nB = 2.0\n');
    // Blank lines between statements too (Python reads the same program without them), not those inside a string.
    assert.equal(d.moduleText, 'A = 1.0\n\u0000f\nB = 2.0');
    assert.equal(deps('A = 1.0\n\n\n\ndef f(x):\n    y = x\n    return y * A\nB = 2.0\n\n').moduleText, d.moduleText);
    assert.equal(deps('S = """a\n\nb"""\n').moduleText, 'S = """a\n\nb"""');
    const longer = deps('A = 1.0\n\ndef f(x):\n    y = x\n    z = y\n    return z * A\n\nB = 2.0\n');
    assert.equal(longer.moduleText, d.moduleText);
  });
});
