import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { SampleMemo } from '../../../src/analysis/sampleMemo';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import type { FunctionReport } from '../../../src/report/report';
import { reportRequest } from './fixtures';

/**
 * An edit recomputes what it can change (issue 23): reports and sample points are kept under the
 * text of what they depend on (analysis/dependencies.ts). A change in a callee, a method or a
 * module constant must reach every function that uses it; a function that does not must be kept.
 */

let version = 1;
const report = (text: string, cache: FunctionCache): Map<string, FunctionReport> =>
  new Map(reportDocument(reportRequest(text, { version: version++ }), cache).functions.map((f) => [f.name, f]));
const value = (r: FunctionReport | undefined): number => r?.result?.value as number;
const x = (r: FunctionReport | undefined): number => r?.point?.values.x as number;

const CALLEE = (body: string): string => `import numpy as np

def g(y):
    return y * 3.0

def helper(x):
    return ${body}

def f(x):
    return helper(x) + 1.0
`;

describe('reports kept across edits', () => {
  it('a callee edited: its caller is computed again at its sample point; an unrelated function is kept', () => {
    // A sample search that may have hit its time limit is not kept (a loaded machine): the engine's code warmed up first.
    report(CALLEE('x * x'), new FunctionCache());
    const cache = new FunctionCache();
    const before = report(CALLEE('x * x'), cache);
    const after = report(CALLEE('x * x * x'), cache);
    assert.equal(value(before.get('f')), x(before.get('f')) ** 2 + 1);
    assert.equal(value(after.get('f')), x(after.get('f')) ** 3 + 1);
    assert.notEqual(value(after.get('f')), value(before.get('f')));
    assert.equal(after.get('g'), before.get('g'));
  });

  it('a method edited: a function calling it through an instance is computed again', () => {
    const text = (body: string): string => `class V:
    def __init__(self, x):
        self.x = x

    def scale(self, k):
        return ${body}

# @at x=2.0
def f(x):
    v = V(x)
    return v.scale(3.0)
`;
    const cache = new FunctionCache();
    assert.equal(value(report(text('self.x * k'), cache).get('f')), 6);
    assert.equal(value(report(text('self.x * k * k'), cache).get('f')), 18);
  });

  it('a module constant edited: the functions reading it are computed again', () => {
    const text = (a: string): string => `A = ${a}\n\n# @at x=2.0\ndef f(x):\n    return A * x\n`;
    const cache = new FunctionCache();
    assert.equal(value(report(text('2.0'), cache).get('f')), 4);
    assert.equal(value(report(text('5.0'), cache).get('f')), 10);
  });

  it('a module constant made by a function: editing the function changes the readers', () => {
    const text = (k: string): string => `def make(n):\n    return n * ${k}\n\nK = make(3.0)\n\n# @at x=2.0\ndef f(x):\n    return K * x\n`;
    const cache = new FunctionCache();
    assert.equal(value(report(text('1.0'), cache).get('f')), 6);
    assert.equal(value(report(text('2.0'), cache).get('f')), 12);
  });
});

const CALLER_POINT = (x: string): string => `import numpy as np

def rbf(params, x, xp):
    scale = np.exp(params[0])
    lengths = np.exp(params[1:])
    diffs = np.expand_dims(x / lengths, 1) - np.expand_dims(xp / lengths, 0)
    return scale * np.exp(-0.5 * np.sum(diffs ** 2, axis=2))

def direct(params, x):
    return np.sum(rbf(params, x, x))

# @at params=[0.0, 0.0]
def outer(params):
    x = np.array(${x})
    return direct(params, x)

def other(y):
    return y * 2.0

def other2(y):
    return other(y) + 1.0
`;

describe('sample points kept across edits', () => {
  const analysis = (text: string, memo: SampleMemo): DocumentAnalysis => {
    const a = DocumentAnalysis.fromText(text, 'file:///ws/gp.py', 'python');
    a.keepSamplesIn(memo, 'test');
    return a;
  };

  it('kept when what it depends on is unchanged, also with lines added to another function above', () => {
    analysis(CALLEE('x * x'), new SampleMemo()).samplePoint('f');
    analysis(CALLER_POINT('[[0.0], [0.5]]'), new SampleMemo()).samplePoint('rbf');
    const memo = new SampleMemo();
    const first = analysis(CALLEE('x * x'), memo).samplePoint('f');
    assert.ok(first);
    const moved = CALLEE('x * x').replace('def g(y):\n', 'def g(y):\n    y = y + 0.0\n    y = y * 1.0\n');
    assert.equal(analysis(moved, memo).samplePoint('f'), first);
    assert.equal(analysis(CALLEE('x * x').replace('y * 3.0', 'y * 4.0'), memo).samplePoint('f'), first);
    // The callee changed: searched again (a new object, whatever its values).
    assert.notEqual(analysis(CALLEE('np.sqrt(x)'), memo).samplePoint('f'), first);
  });

  it("a point from a caller's run follows the edits of that caller's caller", () => {
    // A search that may have run past the sample budget's 250 ms is not kept (document.ts): a first
    // search in a cold process on a loaded machine can, so the code it runs is warmed up first.
    analysis(CALLER_POINT('[[0.0], [0.5]]'), new SampleMemo()).samplePoint('rbf');
    const memo = new SampleMemo();
    const before = analysis(CALLER_POINT('[[0.0], [0.5]]'), memo).samplePoint('rbf');
    assert.deepEqual(JSON.parse(JSON.stringify(before?.values.x)), [[0], [0.5]]);
    // An edit elsewhere keeps it.
    assert.equal(analysis(CALLER_POINT('[[0.0], [0.5]]').replace('y * 2.0', 'y * 3.0'), memo).samplePoint('rbf'), before);
    const after = analysis(CALLER_POINT('[[0.0], [2.0]]'), memo).samplePoint('rbf');
    assert.deepEqual(JSON.parse(JSON.stringify(after?.values.x)), [[0], [2]]);
  });

  it("a point from callers' runs follows their order: the first caller's, until another is moved above it", () => {
    // No sample of its own evaluates (log of x − 10): the first caller, run at its own sample point, gives it one.
    const [first, second, other] = ['def first(a):\n    return inner(a + 11.0)\n', 'def second(b):\n    return inner(b + 13.0)\n', 'def other(c):\n    return c * 2.0\n'];
    const text = (order: readonly string[]): string => `import numpy as np\n\n\ndef inner(x):\n    return np.log(x - 10.0) * x\n\n\n${order.join('\n\n')}`;
    const memo = new SampleMemo();
    const x = (order: readonly string[]): [unknown, unknown] => [analysis(text(order), memo).samplePoint('inner')?.values.x, DocumentAnalysis.fromText(text(order), 'file:///ws/gp.py', 'python').samplePoint('inner')?.values.x];
    const [kept, fresh] = x([other, first, second]);
    assert.ok(typeof kept === 'number' && kept > 11 && kept < 12, `${kept}`);
    assert.equal(kept, fresh);
    // No text changes, and every line of `first` stays where it was: only the order of the callers does.
    const [moved, movedFresh] = x([second, first, other]);
    assert.ok(typeof moved === 'number' && moved > 13 && moved < 14, `${moved}`);
    assert.equal(moved, movedFresh);
  });

  it('the same answers as a fresh analysis, edit after edit', () => {
    const memo = new SampleMemo();
    for (const body of ['x * x', 'np.sqrt(x)', 'x * x', 'np.log(x)']) {
      const kept = analysis(CALLEE(body), memo);
      const fresh = DocumentAnalysis.fromText(CALLEE(body), 'file:///ws/gp.py', 'python');
      for (const name of ['helper', 'f', 'g']) assert.deepEqual(kept.samplePoint(name), fresh.samplePoint(name), `${name} after ${body}`);
    }
  });
});

describe('reports moved to new lines', () => {
  const ROOT = join(__dirname, '..', '..', '..');
  const files = ['examples/seeds.py', 'test/fixtures/real_python/options.py', 'test/fixtures/real_python/autograd_style.py', 'test/fixtures/real_python/vectors.py'];
  /** Versions of a text: a line added inside its first function, a comment above everything, a blank line between two functions, and back. */
  const versions = (text: string): string[] => {
    const lines = text.split('\n');
    const def = lines.findIndex((l) => /^def /.test(l));
    const indent = lines[def + 1]!.match(/^\s*/)![0] || '    ';
    const inside = [...lines.slice(0, def + 1), `${indent}_pad = 0`, ...lines.slice(def + 1)];
    const secondDef = inside.findIndex((l, i) => i > def + 1 && /^def /.test(l));
    return [
      inside.join('\n'),
      ['# a comment above everything', ...inside].join('\n'),
      [...inside.slice(0, secondDef), '', ...inside.slice(secondDef)].join('\n'),
      text,
    ];
  };
  const plain = (text: string, cache: FunctionCache): { report: unknown; cached: number } => {
    const r = reportDocument(reportRequest(text, { uri: 'file:///ws/moved.py', version: version++ }), cache);
    return { report: JSON.parse(JSON.stringify({ functions: r.functions, diagnostics: r.diagnostics })), cached: r.cached };
  };

  for (const file of files) {
    it(`${file}: every report, kept and moved, is the one a fresh analysis gives`, () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const cache = new FunctionCache();
      plain(text, cache);
      let kept = 0;
      for (const v of versions(text)) {
        const edited = plain(v, cache);
        assert.deepEqual(edited.report, plain(v, new FunctionCache()).report);
        kept += edited.cached;
      }
      assert.ok(kept > 0, 'some reports were kept');
    });
  }

  it('lines added above a function: its report comes from the cache, at its new lines', () => {
    const cache = new FunctionCache();
    const text = (pad: string): string => `import numpy as np\n\ndef g(y):\n${pad}    return y * 3.0\n\n# @at x=2.0\ndef f(x):\n    return np.sin(x) * x\n`;
    const first = reportDocument(reportRequest(text(''), { version: version++ }), cache);
    const moved = reportDocument(reportRequest(text('    y = y + 1.0\n    y = y - 1.0\n'), { version: version++ }), cache);
    assert.equal(moved.cached, 1);
    const [a, b] = [first, moved].map((r) => r.functions.find((f) => f.name === 'f')!);
    assert.equal(b!.range.start.line, a!.range.start.line + 2);
    assert.equal(b!.point!.range!.start.line, a!.point!.range!.start.line + 2);
    assert.equal(b!.result!.value, a!.result!.value);
    // The lines taken away again: the report it was moved from, as it was (not moved back).
    const back = reportDocument(reportRequest(text(''), { version: version++ }), cache);
    assert.equal(back.cached, 2);
    assert.equal(back.functions.find((f) => f.name === 'f'), a);
  });

  it('a report naming a line is computed again at new lines, and kept for the lines it had', () => {
    const cache = new FunctionCache();
    // Its message names the line the construct it cannot read is on: the report cannot be moved.
    const text = (pad: string): string => `import argparse


def g(y):
${pad}    return y * 3.0


def h(v):
    parser = argparse.ArgumentParser()
    return v * 2.0


# @at t=0.5
def f(t):
    return t * 3.0
`;
    const first = reportDocument(reportRequest(text(''), { version: version++ }), cache);
    assert.match(JSON.stringify(first.functions.find((f) => f.name === 'h')), /line \d/);
    const moved = reportDocument(reportRequest(text('    y = y + 1.0\n    y = y - 1.0\n'), { version: version++ }), cache);
    assert.equal(moved.cached, 1, 'f moved; h computed again');
    const back = reportDocument(reportRequest(text(''), { version: version++ }), cache);
    assert.equal(back.cached, 3);
    assert.equal(back.functions.find((f) => f.name === 'h'), first.functions.find((f) => f.name === 'h'));
  });
});
