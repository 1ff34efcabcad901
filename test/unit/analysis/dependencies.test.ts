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
    // In the order defined: a caller's run (document.ts `callerPoint`) tries callers in that order.
    assert.deepEqual(d.runDependencies('a'), ['c', 'b', 'a']);
    assert.deepEqual(d.runDependencies('c'), ['c']);
    assert.deepEqual(d.runDependencies('alone'), ['alone']);
    // Shapes b passes c are read when guessing c's point.
    assert.deepEqual(d.guessDependencies('c'), ['c', 'b']);
    // A caller's run may give c its point: everything that reaches c, and what they reach.
    assert.deepEqual(d.dependencies('c'), ['c', 'b', 'a']);
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
    assert.deepEqual(d.runDependencies('uses_method'), ['uses_method', 'V.exp']);
    assert.deepEqual(d.runDependencies('makes_one'), ['makes_one', 'V.exp']);
  });

  it('a module constant made by a function: whoever reads the constant uses that function', () => {
    const d = deps('def make(n):\n    return n * 2.0\n\nK = make(3)\n\ndef f(x):\n    return K * x\n\ndef g(x):\n    return x\n');
    assert.deepEqual(d.runDependencies('f'), ['make', 'f']);
    assert.deepEqual(d.runDependencies('g'), ['g']);
  });

  it('a dynamic lookup may reach any function', () => {
    const d = deps('def f(x):\n    return x\n\ndef g(x):\n    return globals()["f"](x)\n\ndef h(x):\n    return x * 2.0\n');
    assert.deepEqual(d.runDependencies('g'), ['f', 'g', 'h']);
  });

  it('the module text leaves out the functions\' lines and where they were', () => {
    const d = deps('A = 1.0\n\ndef f(x):\n    y = x\n    return y * A\n\nB = 2.0\n');
    // Blank lines between statements too (Python reads the same program without them), not those inside a string.
    assert.equal(d.moduleText, 'A = 1.0\nB = 2.0');
    assert.equal(d.moduleKey, d.moduleText);
    assert.equal(deps('A = 1.0\n\n\n\ndef f(x):\n    y = x\n    return y * A\nB = 2.0\n\n').moduleText, d.moduleText);
    assert.equal(deps('S = """a\n\nb"""\n').moduleText, 'S = """a\n\nb"""');
    const longer = deps('A = 1.0\n\ndef f(x):\n    y = x\n    z = y\n    return z * A\n\nB = 2.0\n');
    assert.equal(longer.moduleText, d.moduleText);
    // Functions added, deleted, renamed or moved leave it the same: a function reads another only by naming it.
    assert.equal(deps('A = 1.0\n\ndef g(x):\n    return x\n\nB = 2.0\n\ndef f(x):\n    return A\n').moduleKey, d.moduleKey);
  });

  it('the module key leaves out a definition being typed above another, and keeps every other lone word', () => {
    const key = (text: string, uri = 'file:///ws/d.py'): string => DocumentAnalysis.fromText(text, uri, uri.endsWith('.py') ? 'python' : 'typescript').dependencies()!.moduleKey;
    const py = (typed: string): string => key(`import numpy as np\nA = 1.0\n\ndef f(x):\n    return x * A\n${typed}\n\ndef g(x):\n    return f(x)\n`);
    for (const typed of ['d', 'de', 'def', 'def ']) assert.equal(py(typed), py(''), typed);
    // A keyword that takes the next line (`else`, `async`), a name the line before runs on into, one not above a definition: kept.
    assert.notEqual(py('async'), py(''));
    assert.notEqual(key('from numpy import (exp,\nlog\n\ndef g(x):\n    return x\n'), key('from numpy import (exp,\nsin\n\ndef g(x):\n    return x\n'));
    assert.notEqual(key('A = 1.0\nd\nB = 2.0\n'), key('A = 1.0\nB = 2.0\n'));
    const ts = (typed: string, before = '}'): string => key(`const A = 1.0;\nfunction f(x) {\n  return x * A;\n${before}\n${typed}\nfunction g(x) {\n  return f(x);\n}\n`, 'file:///ws/d.ts');
    for (const typed of ['f', 'fun', 'function']) assert.equal(ts(typed), ts(''), typed);
    // Enter pressed between two functions, in JavaScript too.
    assert.equal(ts('\n\n'), ts(''));
    assert.notEqual(ts('else'), ts(''));
    // `if (c)` takes the next line as its body.
    assert.notEqual(ts('d', '}\nif (A)'), ts('', '}\nif (A)'));
  });
});
