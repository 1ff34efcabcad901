import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { tempDir } from '../tempDir';

/** The `gradlens source` contract: the code on stdout and exit 0, or exit 2 with one located error. */

const dir = tempDir('gradlens-source-');
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const PY = `import numpy as np


# @at x=0.6, y=1.4
def f(x, y):
    z = x * y
    if z < 1:
        z = z + np.sin(x)
    else:
        z = z ** 2
    return np.exp(z) / y


# @at x=0.5
def guarded(x):
    s = 0.0
    try:
        s = np.log(x)
    except ValueError:
        s = -1.0
    return s
`;

test('source prints the gradient function, which the independent hand-gradient check then finds correct', () => {
  const path = file('f.py', PY);
  const r = runCli(['source', path, '--function', 'f']);
  assert.equal(r.exitCode, 0, r.stdout);
  assert.match(r.stdout, /^def grad_f\(x, y\):$/m);
  assert.match(r.stdout, /^ {4}if z < 1:$/m, 'the branch is the same if');
  assert.match(r.stdout, /# from line 11: /, 'adjoint statements name the line they come from');
  assert.match(r.stdout, /^ {4}return dx, dy$/m);
  // Written into the file, `gradlens check` pairs it with f by name and compares at nine points.
  const both = file('both.py', PY + '\n\n' + r.stdout);
  const check = JSON.parse(runCli(['check', both, '--function', 'grad_f']).stdout);
  assert.equal(check.checks[0].verdict, 'match', JSON.stringify(check));
  assert.equal(check.checks[0].points, 9);
});

test('source answers what it cannot write yet with exit 2 and a located error', () => {
  const path = file('guarded.py', PY);
  const r = runCli(['source', path, '--function', 'guarded']);
  assert.equal(r.exitCode, 2);
  const { error } = JSON.parse(r.stdout);
  assert.match(error.message, /try\/except is not written yet/);
  assert.equal(error.line, 17);
});

test('source writes TypeScript for a Python function on request, and JavaScript for .js files', () => {
  const ts = runCli(['source', file('g.py', PY), '--function', 'f', '--language', 'typescript']);
  assert.equal(ts.exitCode, 0, ts.stdout);
  assert.match(ts.stdout, /^function grad_f\(x: number, y: number\): \[number, number\] \{$/m);
  const js = runCli(['source', file('h.js', '// @at x=2\nfunction h(x) {\n  return Math.log(x) * x;\n}\n'), '--function', 'h']);
  assert.equal(js.exitCode, 0, js.stdout);
  assert.match(js.stdout, /^function grad_h\(x\) \{$/m);
  assert.match(js.stdout, /return dx;/);
  const bad = runCli(['source', file('k.py', PY), '--function', 'f', '--language', 'fortran']);
  assert.equal(bad.exitCode, 2);
  assert.match(JSON.parse(bad.stdout).error.message, /--language must be/);
});

test('the README lists the source command in the CLI contract', () => {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  assert.ok(readme.includes('gradlens source FILE --function NAME [--language python|typescript|math] [--at POINT] [--wrt P,Q]'));
});

test('source of a method taking self prints a method of its class (exit 0); of a class method, exit 2 with a located error', () => {
  const path = file(
    'neuron.py',
    `import numpy as np


class Neuron:
    def __init__(self, w=1.5, b=0.1):
        self.w = w
        self.b = b

    # @at x=0.8
    # @wrt x, self.w
    def forward(self, x):
        return np.tanh(self.w * x + self.b)

    # @at x=0.8
    @classmethod
    def twice(cls, x):
        return 2.0 * x
`,
  );
  const r = runCli(['source', path, '--function', 'Neuron.forward']);
  assert.equal(r.exitCode, 0, r.stdout);
  assert.match(r.stdout, /^def grad_forward\(self, x\):\n(?: {4}#.*\n) {4}self_w = self\.w$/m);
  assert.match(r.stdout, /^ {4}return dx, dself_w$/m);
  const refused = runCli(['source', path, '--function', 'Neuron.twice']);
  assert.equal(refused.exitCode, 2);
  const { error } = JSON.parse(refused.stdout);
  assert.match(error.message, /class method/);
  assert.equal(error.line, 16);
});

test('source --wrt writes only the chosen partials, checked against AD, and refuses a name that is not a parameter', () => {
  const text = 'import math\n\n# @at x=1.5, y=0.5, a=2.0\ndef f(x, y, a):\n    return a * math.sin(x) * y ** 2 + x * y\n';
  const path = file('wrt.py', text);
  const y = runCli(['source', path, '--function', 'f', '--wrt', 'y']);
  assert.equal(y.exitCode, 0, y.stdout);
  assert.match(y.stdout, /^# gradient of f with respect to y by reverse mode/m);
  assert.match(y.stdout, /^ {4}return dy$/m);
  assert.doesNotMatch(y.stdout, /\bd(x|a) =/, 'no adjoint of a constant');
  const xa = runCli(['source', path, '--function', 'f', '--wrt', 'a,x']);
  assert.equal(xa.exitCode, 0, xa.stdout);
  assert.match(xa.stdout, /^ {4}return dx, da$/m, 'in parameter order');
  // Pasted beside f as its hand-written gradient of x and a, the check agrees.
  const both = file('wrt_both.py', text + '\n\n# @gradient-of f wrt x, a\n' + xa.stdout.replace(/^# .*\n/, ''));
  const check = JSON.parse(runCli(['check', both, '--function', 'grad_f']).stdout);
  assert.equal(check.checks[0]?.verdict, 'match', JSON.stringify(check));
  const bad = runCli(['source', path, '--function', 'f', '--wrt', 'q']);
  assert.equal(bad.exitCode, 2);
  assert.match(JSON.parse(bad.stdout).error.message, /^--wrt q: q is not a parameter of f \(its parameters are x, y, a\)/);
});

test('source of a method taking only its instance (@wrt self.w / @wrt this.w) prints its method, read back and checked', () => {
  const py = runCli(['source', file('ridge.py', 'class Ridge:\n    def __init__(self, w=0.5, lam=0.1):\n        self.w = w\n        self.lam = lam\n\n    # @wrt self.w\n    def loss(self):\n        return (self.w - 2) ** 2 + self.lam * self.w * self.w\n'), '--function', 'Ridge.loss']);
  assert.equal(py.exitCode, 0, py.stdout);
  assert.match(py.stdout, /^def grad_loss\(self\):$/m);
  assert.match(py.stdout, /^ {4}return dself_w$/m);
  assert.doesNotMatch(py.stdout, /@wrt/, 'the annotation is for the read-back copy only');
  const ts = runCli(['source', file('ridge.ts', 'export class Ridge {\n  constructor(public w = 0.5, public lam = 0.1) {}\n\n  /** @wrt this.w */\n  loss(): number {\n    return (this.w - 2) ** 2 + this.lam * this.w * this.w;\n  }\n}\n'), '--function', 'Ridge.loss']);
  assert.equal(ts.exitCode, 0, ts.stdout);
  assert.match(ts.stdout, /^grad_loss\(\): number \{$/m);
  assert.match(ts.stdout, /return dthis_w;/);
});
