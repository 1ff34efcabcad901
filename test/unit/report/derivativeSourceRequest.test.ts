import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceFor } from '../../../src/report/derivativeSourceRequest';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
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

/** Applies an edit given in zero-based lines and columns to the text. */
function applyEdit(text: string, edit: { range: { start: { line: number; column: number }; end: { line: number; column: number } }; text: string }): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; column: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.column;
  return text.slice(0, offset(edit.range.start)) + edit.text + text.slice(offset(edit.range.end));
}

function verdictOf(text: string, uri: string, language: 'python' | 'typescript', name: string): string | undefined {
  const report = reportDocument({ uri, version: 1, text, language, settings: { mode: 'reverse', budget: {} }, lastUsed: {} }, new FunctionCache());
  const check = report.functions.find((f) => f.name === name)?.check;
  return check?.outcome.ok ? check.outcome.value.verdict : undefined;
}

/** The quick fix's edit: asked for on a ✗ hand-written gradient, applied, re-analysed. */
function fixed(text: string, uri: string, language: 'python' | 'typescript', of: string, hand: string): string {
  assert.equal(verdictOf(text, uri, language, hand), 'mismatch');
  const out = sourceFor({ document: { uri, version: 1, text, language, settings: { mode: 'reverse', budget: {} }, lastUsed: {} }, name: of, replacing: hand });
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.ok(out.value.replacement, 'no body edit for a plain function');
  const after = applyEdit(text, out.value.replacement);
  assert.equal(verdictOf(after, uri, language, hand), 'match', after);
  return after;
}

const WRONG_PY = `import numpy as np


# @at x1=2, x2=5
def f(x1, x2):
    return np.log(x1) + x1 * x2 - np.sin(x2)


def grad_f(x1, x2=5.0):
    """Gradient of f, worked out by hand on paper."""
    # d/dx1: 1/x1 - x2;  d/dx2: x1 + cos(x2)
    g1 = 1 / x1 - x2
    return g1, x1 + np.cos(x2)


def after():
    return 1
`;

test("the quick fix replaces a wrong gradient's statements only (two components wrong): its signature, docstring, comments and the code after it stay", () => {
  const after = fixed(WRONG_PY, 'file:///wrong.py', 'python', 'f', 'grad_f');
  const [head, tail] = [after.slice(0, after.indexOf('# gradient of f')), after.slice(after.indexOf('# gradient of f'))];
  assert.equal(head, WRONG_PY.slice(0, WRONG_PY.indexOf('    g1 = ')) + '    ', 'everything above the first statement is kept as written');
  assert.ok(!tail.includes('def grad_f'), 'no second signature');
  assert.match(tail, /^# gradient of f with respect to x1, x2[^\n]*\n    # forward: f's steps\n/);
  assert.ok(after.endsWith('\n\n\ndef after():\n    return 1\n'), after);
  // One line `def g(x): return …`: the new body goes on lines of its own under the signature.
  const oneLine = fixed('# @at x=2\ndef h(x):\n    return x ** 3\n\ndef grad_h(x): return 2 * x\n', 'file:///one.py', 'python', 'h', 'grad_h');
  assert.match(oneLine, /\ndef grad_h\(x\): \n    # gradient of h[^\n]*\n    # forward/);
});

test('the quick fix in TypeScript keeps the signature with its types and JSDoc, and makes an arrow body a block', () => {
  const ts = `/** @at x=2, y=3 */
function f(x: number, y: number): number {
  return x * Math.exp(y);
}

/** f's gradient, by hand. */
function gradF(x: number, y: number): [number, number] {
  // product rule
  return [Math.exp(y), x];
}
`;
  const after = fixed(ts, 'file:///f.ts', 'typescript', 'f', 'gradF');
  assert.ok(after.startsWith(ts.slice(0, ts.indexOf('  return [Math.exp'))), after);
  assert.ok(after.endsWith(';\n}\n'), after);
  const arrow = `/** @at x=2 */
function g(x: number): number {
  return x * x * x;
}

const gradG = (x: number): number => 2 * x;
`;
  const block = fixed(arrow, 'file:///g.ts', 'typescript', 'g', 'gradG');
  assert.match(block, /\nconst gradG = \(x: number\): number => \{\n  \/\/ gradient of g[^]*\n\};\n$/);
});

test('one wrong component written as its own expression: the quick fix replaces that expression only, with its checked formula', () => {
  const text = `import numpy as np


# @at x1=2, x2=5
def f(x1, x2):
    return np.log(x1) + x1 * x2 - np.sin(x2)


def grad_f(x1, x2):
    """By hand."""
    return 1 / x1 + x2, x1 + np.cos(x2)  # the second sign is wrong
`;
  const after = fixed(text, 'file:///component.py', 'python', 'f', 'grad_f');
  assert.equal(after, text.replace('x1 + np.cos(x2)  #', 'x1 - np.cos(x2)  #'));
  const ts = `/** @at x=2, y=3 */
function f(x: number, y: number): number {
  return x * Math.exp(y) + y * y;
}

function gradF(x: number, y: number): [number, number] {
  return [Math.exp(y), x * Math.exp(y) + y];
}
`;
  const fixedTs = fixed(ts, 'file:///component.ts', 'typescript', 'f', 'gradF');
  assert.match(fixedTs, /^  return \[Math\.exp\(y\), [^\n]+\];\n\}\n$/m, fixedTs);
  assert.ok(fixedTs.startsWith(ts.slice(0, ts.indexOf('x * Math.exp(y) + y]'))), fixedTs);
  // A wrong component that is a bare name (its assignment would stay behind): the body is replaced.
  const named = fixed('# @at x=2, y=3\ndef f(x, y):\n    return x * y * y\n\ndef grad_f(x, y):\n    gy = x * y\n    return y * y, gy\n', 'file:///named.py', 'python', 'f', 'grad_f');
  assert.match(named, /# gradient of f/);
});

test('the report marks instance methods, whose generated gradient "Insert gradient function" puts beside them in the class; static methods and plain functions are not', () => {
  const text = `import numpy as np

class Layer:
    def __init__(self, w=0.5):
        self.w = w

    def forward(self, x):
        return np.tanh(self.w * x)

    @staticmethod
    def scale(x):
        return 2 * x

def g(x):
    return x ** 2
`;
  const report = reportDocument({ ...request(), text }, new FunctionCache());
  const marked = Object.fromEntries(report.functions.map((f) => [f.name, f.instanceMethod === true]));
  assert.deepEqual(marked, { g: false, 'Layer.forward': true, 'Layer.scale': false });
});
