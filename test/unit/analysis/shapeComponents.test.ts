import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DocumentAnalysis, escapedComponents, inferWholeModules } from '../../../src/analysis/document';
import { languageForPath } from '../../../src/analysis/languages';
import type { Language } from '../../../src/ir/nodes';
import { realStyleFile } from '../../workbench/realStyleFile';

/**
 * Shape inference reads each component of a module on its own (shapes/components.ts): an edit of one
 * function reads its component again, not the file. A component must hold everything its functions'
 * inference reads, so each function's inferred shapes are the ones the whole module read at once
 * gives — on every fixture file and the 2,000-line real-style file, with no component reading
 * outside itself (which would fall back to the whole module and hide a missed join).
 */

const ROOT = join(__dirname, '../../..');

function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (languageForPath(p) !== undefined) out.push(p);
    }
  };
  walk(join(ROOT, 'test/fixtures'));
  return out;
}


/** Every function's inferred shapes, first choice, a retry's and the batch retry's. */
function allShapes(text: string, uri: string, language: Language, whole: boolean): Map<string, string> {
  inferWholeModules(whole);
  try {
    const a = DocumentAnalysis.fromText(text, uri, language);
    const names = a.functions().map((f) => f.ir.name);
    return new Map(names.map((n) => [n, JSON.stringify([a.inferShapes(n), a.inferShapes(n, 1), a.inferShapes(n, 0, true)])]));
  } finally {
    inferWholeModules(false);
  }
}

const analysed = (text: string): DocumentAnalysis => DocumentAnalysis.fromText(text, 'file:///c.py', 'python');

/** The names of the functions read together with `name`. */
function componentOf(a: DocumentAnalysis, name: string): string[] {
  a.inferShapes(name);
  const components = a['components']!;
  return components.members(components.homeOf(a.find(name)!)!).map((f) => f.name).sort();
}

describe('shape inference by components', () => {
  it('infers every function of the fixtures and the real-style file as the whole module read at once does', () => {
    const documents = [...fixtureFiles().map((p) => ({ uri: `file://${p}`, text: readFileSync(p, 'utf8') })), { uri: 'file:///real_style.py', text: realStyleFile(ROOT) }];
    const before = escapedComponents.count;
    let compared = 0;
    for (const { uri, text } of documents) {
      const language = languageForPath(uri)!;
      const whole = allShapes(text, uri, language, true);
      const parts = allShapes(text, uri, language, false);
      assert.deepEqual(parts, whole, uri);
      compared += whole.size;
    }
    assert.equal(escapedComponents.count, before, 'a component read a function of another');
    assert.ok(compared > 500, `${compared} functions compared`);
  });

  it('joins a caller with its callees, a method with its class and the classes it builds, a bound function with its factory, paired functions', () => {
    const a = analysed(`import numpy as np


def norm2(v):
    return np.sum(v * v)


def scaled(w, k):
    return k * norm2(w)


def alone(x):
    return x * 2.0


class Dense:
    def __init__(self, n):
        self.W = np.ones((n, n))

    def forward(self, x):
        return self.W @ x


class Net:
    def __init__(self):
        self.layer = Dense(3)

    def score(self, x):
        return np.sum(self.layer.forward(x))


def make_loss(c):
    def loss(t):
        return (t - c) ** 2
    return loss


quadratic = make_loss(2.0)


def cube(x):
    return x ** 3


# @gradient-of cube
def cube_grad(x):
    return 3 * x ** 2
`);
    assert.deepEqual(componentOf(a, 'scaled'), ['norm2', 'scaled']);
    assert.deepEqual(componentOf(a, 'alone'), ['alone']);
    assert.deepEqual(componentOf(a, 'Net.score'), ['Dense.forward', 'Net.score']);
    assert.deepEqual(componentOf(a, 'quadratic'), ['make_loss', 'quadratic']);
    assert.deepEqual(componentOf(a, 'cube'), ['cube', 'cube_grad']);
  });
});
