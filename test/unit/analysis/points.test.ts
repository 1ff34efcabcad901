import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { runCli } from '../../../src/cli/main';
import { tempDir } from '../tempDir';

/** Shared points, @wrt and constants, and sample points inside the domain the function needs. */

const py = (text: string): DocumentAnalysis => DocumentAnalysis.fromText(text, 'file:///t.py', 'python');
const pointOf = (doc: DocumentAnalysis, name: string) => doc.functions().find((f) => f.ir.name === name)!.points[0];

const GREEKS = `import numpy as np
from math import erf

# @at S=100, K=105, T=1, r=0.05, sigma=0.2

def N(z):
    return 0.5 * (1 + erf(z / np.sqrt(2)))

def d1(S, K, T, r, sigma):
    return (np.log(S / K) + (r + 0.5 * sigma ** 2) * T) / (sigma * np.sqrt(T))

def call_price(S, K, T, r, sigma):
    return S * N(d1(S, K, T, r, sigma)) - K * np.exp(-r * T) * N(d1(S, K, T, r, sigma) - sigma * np.sqrt(T))

# @at K=100
def intrinsic(S, K):
    return np.maximum(S - K, 0.0)

def scaled(S, k):
    return S * k
`;

test('a shared @at before the first function gives every function with those names its point; its own @at wins', () => {
  const doc = py(GREEKS);
  assert.deepEqual({ ...pointOf(doc, 'call_price')!.values }, { S: 100, K: 105, T: 1, r: 0.05, sigma: 0.2 });
  assert.equal(pointOf(doc, 'call_price')!.source, 'shared');
  assert.deepEqual({ ...pointOf(doc, 'd1')!.values }, { S: 100, K: 105, T: 1, r: 0.05, sigma: 0.2 });
  // Its own K=100 wins, S comes from the shared line.
  assert.deepEqual({ ...pointOf(doc, 'intrinsic')!.values }, { S: 100, K: 100 });
  assert.equal(pointOf(doc, 'intrinsic')!.source, 'annotation');
  // Names it does not give take sample values, and say so.
  const scaled = pointOf(doc, 'scaled')!;
  assert.equal(scaled.values.S, 100);
  assert.equal(typeof scaled.values.k, 'number');
  assert.match(scaled.notes![0]!, /sample values for k/);
  // N has none of the shared names: a sample point.
  assert.equal(pointOf(doc, 'N')!.source, 'sample');
  assert.deepEqual(doc.diagnostics.filter((d) => d.code === 'point'), []);
});

test('@at-all anywhere at module level is a shared point too', () => {
  const doc = py('def f(a, b):\n    return a * b\n\n# @at-all a=2, b=3\n\ndef g(b):\n    return b ** 2\n');
  assert.deepEqual({ ...pointOf(doc, 'f')!.values }, { a: 2, b: 3 });
  assert.deepEqual({ ...pointOf(doc, 'g')!.values }, { b: 3 });
});

test('@wrt and --wrt differentiate only the named parameters; integer labels never', () => {
  const text = `import numpy as np

# @wrt W
def loss(W, X, t):
    return np.sum((X @ W - t) ** 2)

# @at a=1.5, b=2.0; wrt b
def h(a, b):
    return a * b ** 2

def nll(W, X, y):
    s = X @ W
    return -np.sum(s[np.arange(X.shape[0]), y])
`;
  const doc = py(text);
  const gradientOf = (name: string, wrt?: string[]) => {
    const r = doc.gradient(name, pointOf(doc, name)!, wrt ? { wrt } : {});
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    return r.ok ? Object.keys(r.value.gradient!) : [];
  };
  assert.deepEqual(gradientOf('loss'), ['W']);
  assert.deepEqual(gradientOf('loss', ['X', 't']), ['X', 't']);
  assert.deepEqual(gradientOf('h'), ['b']);
  // y indexes s: integer labels, given a value and never differentiated.
  assert.deepEqual(gradientOf('nll'), ['W', 'X']);
  const y = pointOf(doc, 'nll')!.values.y as number[];
  assert.ok(y.every((v) => Number.isInteger(v) && v >= 0 && v < 2), JSON.stringify(y));

  const dir = tempDir('gradlens-wrt-');
  const file = join(dir, 'wrt.py');
  writeFileSync(file, text);
  const r = runCli(['grad', file, '--function', 'h', '--wrt', 'a']);
  assert.equal(r.exitCode, 0, r.stdout);
  assert.deepEqual(Object.keys(JSON.parse(r.stdout).gradient), ['a']);
  const bad = runCli(['grad', file, '--function', 'h', '--wrt', 'c']);
  assert.equal(bad.exitCode, 2);
  assert.match(JSON.parse(bad.stdout).error.message, /c is not a parameter of h/);
});

test('sample points lie inside the domain the function needs', () => {
  const doc = py(`import numpy as np

def barrier(x):
    return -np.sum(np.log(1 - x ** 2))

def above_one(t):
    return np.arccosh(t) + np.log(t - 1)

def negative_only(u):
    return np.sqrt(-u)

def both(x, y):
    return np.log(x) + np.sqrt(y) + np.arcsin(x)

def never(x):
    return np.log(-x ** 2 - 1)
`);
  const barrier = pointOf(doc, 'barrier')!;
  assert.equal(barrier.source, 'sample');
  assert.ok((barrier.values.x as number[]).every((v) => Math.abs(v) < 1));
  assert.ok((pointOf(doc, 'above_one')!.values.t as number) > 1);
  assert.ok((pointOf(doc, 'negative_only')!.values.u as number) < 0);
  const both = pointOf(doc, 'both')!.values;
  assert.ok((both.x as number) > 0 && (both.x as number) < 1 && (both.y as number) > 0);
  assert.notEqual(both.x, both.y); // distinct values: a symmetric point hides swapped components
  // Nowhere in its domain: no sample point, and "Set point…" gets the inferred shapes.
  assert.equal(pointOf(doc, 'never'), undefined);
  assert.equal(typeof doc.shapedPoint('never')!.x, 'number');
  // Deterministic: the same text gives the same point.
  assert.deepEqual({ ...pointOf(py(`import numpy as np\n\ndef barrier(x):\n    return -np.sum(np.log(1 - x ** 2))\n`), 'barrier')!.values }, { ...barrier.values });
});

test('a size the code leaves free that fails on shapes fixed at run time is chosen again (Zakharov: x against arange(1, self.N + 1))', () => {
  const doc = py(`import numpy as np

class Zakharov:
    def __init__(self, dimensions=2):
        self.N = dimensions

    def fun(self, x, *args):
        v = np.sum(np.arange(1, self.N + 1) * x)
        return np.sum(x ** 2) + (0.5 * v) ** 2

def fixed_elsewhere(x):
    return np.sum(x * np.ones(5) * np.arange(4))
`);
  const p = pointOf(doc, 'Zakharov.fun')!;
  assert.equal(p.source, 'sample');
  assert.equal((p.values.x as number[]).length, 2);
  // Only shape failures retry, and only a few sizes: shapes no free size satisfies stay without a point.
  assert.equal(pointOf(doc, 'fixed_elsewhere'), undefined);
});

test('a conditional expression tests one number: easing functions (`t === 0 ? 0 : 2 ** …`, `a if t < 0.5 else b`) get a scalar sample point', () => {
  const js = DocumentAnalysis.fromText(
    'function expIn(t) { return t === 0 ? 0 : Math.pow(2, 10 * t - 10); }\n' +
      'function quadInOut(t) { return t < 0.5 ? 2 * t * t : -1 + (4 - 2 * t) * t; }\n' +
      'function bounce(t) { return (t = +t) < 0.36 ? 7.5 * t * t : (t *= 2) < 1 ? t : 1 - t; }\n' +
      'function pick(t) { return t > 0 ? t : 0; }\n',
    'file:///easing.js',
    'typescript',
  );
  for (const name of ['expIn', 'quadInOut', 'bounce']) {
    const p = pointOf(js, name);
    assert.equal(p?.source, 'sample', name);
    assert.equal(typeof p!.values.t, 'number', name);
  }
  // No arithmetic, only a choice: still no lens.
  assert.equal(pointOf(js, 'pick'), undefined);
  const doc = py('import math\n\ndef expo(t):\n    return 0 if t == 0 else math.pow(2, 10 * t - 10)\n');
  assert.equal(typeof pointOf(doc, 'expo')!.values.t, 'number');
});

test('a (loss, dW) function at its sample point: the gradient is checked against ∂loss/∂W, labels in range', () => {
  const r = runCli(['check', 'test/fixtures/points/optimize_style.py', '--function', 'svm_loss_naive']);
  const c = JSON.parse(r.stdout).checks[0];
  assert.equal(c.verdict, 'match');
  assert.equal(c.compared, '∂loss/∂W');
  assert.equal(c.pointSource, 'sample point');
  assert.equal(c.points, 9); // the labels stay integers at the nearby points
  assert.deepEqual(c.notes, ['dW is compared with ∂/∂W (its name and shape (3, 2))']);
  assert.ok(c.at.y.every((v: number) => v >= 0 && v < 2));
});

test('an array parameter unpacks into its elements (a, b = x) and its rows (w1, w2 = W), each read on the tape; shapes read the length', () => {
  const doc = py(`import numpy as np

def himmelblau(x):
    a, b = x
    return (a ** 2 + b - 11) ** 2 + (a + b ** 2 - 7) ** 2

def himmelblau_pair(x):
    x0, x1 = x[0], x[1]
    return (x0 ** 2 + x1 - 11) ** 2 + (x0 + x1 ** 2 - 7) ** 2

def rows(W):
    w1, w2 = W
    return np.sum(w1 * w2 ** 2)

def too_many(x):
    a, b, c = x
    return a + b + c
`);
  for (const name of ['himmelblau', 'himmelblau_pair']) {
    assert.equal(pointOf(doc, name)!.source, 'sample');
    assert.equal((pointOf(doc, name)!.values.x as number[]).length, 2, name);
    // At (1, 2), torch float64: value 68, gradient (-36, -32).
    const g = doc.gradient(name, { values: { x: [1, 2] }, source: 'argument' });
    assert.ok(g.ok, name);
    assert.equal(g.value.value, 68);
    assert.deepEqual({ ...g.value.gradient }, { x: [-36, -32] });
  }
  const rows = doc.gradient('rows', { values: { W: [[1, 2], [3, 4]] }, source: 'argument' });
  assert.ok(rows.ok);
  // Σ w1·w2²: ∂/∂w1 = w2², ∂/∂w2 = 2·w1·w2.
  assert.deepEqual({ ...rows.value.gradient }, { W: [[9, 16], [6, 16]] });
  const wrong = doc.gradient('too_many', { values: { x: [1, 2] }, source: 'argument' });
  assert.ok(!wrong.ok);
  assert.match(wrong.error.message, /cannot unpack 2 values into 3 names/);
});

/** Files by path, as the CLI's disk or the editor's workspace would give them. */
const files = (entries: Record<string, string>) => ({ read: (path: string): string | undefined => entries[path] });

const OPTIM = `import numpy as np

def rosen(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2.0) ** 2.0 + (1 - x[:-1]) ** 2.0)

def scale(a, b):
    return a * b

def untested(t):
    return t ** 3
`;

test('points from tests: calls in test_NAME.py / tests/ of the functions they import from the file, with local names in the test function', () => {
  const provider = files({
    'proj/tests/test_optim.py': `import numpy as np
from optim import rosen as r, scale

X0 = np.array([9.0, 9.0])

def test_minimum():
    x = np.array([1.0, 1.0, 1.0])
    assert r(x) == 0

def test_scale(a):
    assert scale(a, 2.0) == 4.0
    assert scale(X0, 2.0) is not None
    assert scale(2.0, 3.0) == 6.0
`,
  });
  const doc = DocumentAnalysis.fromText(OPTIM, 'proj/optim.py', 'python', undefined, provider);
  const rosen = pointOf(doc, 'rosen')!;
  assert.equal(rosen.source, 'test');
  assert.deepEqual({ ...rosen.values }, { x: [1, 1, 1] });
  assert.deepEqual(rosen.test, { file: 'proj/tests/test_optim.py', line: 8 });
  // `a` is test_scale's parameter and X0 a module name a def does not see: only the literal call counts.
  const scale = doc.functions().find((f) => f.ir.name === 'scale')!;
  assert.deepEqual(scale.points.map((p) => ({ ...p.values })), [{ a: 2, b: 3 }]);
  assert.equal(pointOf(doc, 'untested')!.source, 'sample');
  // The file's own call comes before its tests'.
  const own = DocumentAnalysis.fromText(`${OPTIM}\nrosen(np.array([2.0, 2.0]))\n`, 'proj/optim.py', 'python', undefined, provider);
  assert.deepEqual(own.functions().find((f) => f.ir.name === 'rosen')!.points.map((p) => p.source), ['call-site', 'test']);
  // Without a provider (or for a file that is itself a test) nothing is read.
  assert.equal(pointOf(DocumentAnalysis.fromText(OPTIM, 'proj/optim.py', 'python'), 'rosen')!.source, 'sample');
});

test('points from tests (TypeScript): expect(f(2, 3)) in NAME.test.ts or __tests__/NAME.spec.ts of a function imported from the file', () => {
  const source = 'export function energy(m: number, v: number): number {\n  return 0.5 * m * v * v;\n}\nexport function power(p: number): number {\n  return p ** 3;\n}\n';
  const provider = files({
    'src/physics.test.ts': "import { energy } from './physics';\ndescribe('energy', () => {\n  it('is half m v squared', () => {\n    expect(energy(2, 3)).toBe(9);\n  });\n});\n",
    'src/__tests__/physics.spec.ts': "import { power as p } from '../physics';\ntest('cube', () => expect(p(1.5)).toBeCloseTo(3.375));\n",
  });
  const doc = DocumentAnalysis.fromText(source, 'src/physics.ts', 'typescript', undefined, provider);
  const energy = pointOf(doc, 'energy')!;
  assert.equal(energy.source, 'test');
  assert.deepEqual({ ...energy.values }, { m: 2, v: 3 });
  assert.deepEqual(energy.test, { file: 'src/physics.test.ts', line: 4 });
  assert.deepEqual({ ...pointOf(doc, 'power')!.values }, { p: 1.5 });
  assert.equal(pointOf(doc, 'power')!.test!.file, 'src/__tests__/physics.spec.ts');
});

test('TypeScript annotations as in Python: // @at-all shares a point, // @wrt and @at …; wrt choose what is differentiated, // @gradient-of f wrt S checks a partial', () => {
  const doc = DocumentAnalysis.fromText(`// @at-all S=100, K=105, T=1, r=0.05, sigma=0.2

function callPrice(S: number, K: number, T: number, r: number, sigma: number): number {
  return S * Math.exp(-r * T) - K * sigma;
}

// @gradient-of callPrice wrt S
function delta(S: number, K: number, T: number, r: number, sigma: number): number {
  return Math.exp(-r * T);
}

// @gradient-of callPrice wrt K
function wrongVega(S: number, K: number, T: number, r: number, sigma: number): number {
  return sigma * 2;
}

// @at w=[1, 2], x=[3, 4]; wrt x
function loss(w: number[], x: number[]): number {
  return (w[0] * x[0] + w[1] * x[1]) ** 2;
}
`, 'file:///bs.ts', 'typescript');
  assert.equal(pointOf(doc, 'callPrice')!.source, 'shared');
  const verdicts = Object.fromEntries(doc.pairings().map((p) => {
    const c = doc.check(p);
    return [p.derivative.name, c.ok ? `${c.value.verdict} ${c.value.compared}` : c.error.message];
  }));
  assert.deepEqual(verdicts, { delta: 'match ∂callPrice/∂S', wrongVega: 'mismatch ∂callPrice/∂K' });
  const g = doc.gradient('loss', pointOf(doc, 'loss')!);
  assert.ok(g.ok);
  assert.deepEqual({ ...g.value.gradient }, { x: [22, 44] });
});

test('math notes: a sum Σ_{i=1}^{2} over x_i and x_{i+1} is differentiated like the loop it is (torch float64: 463, [1051, -101, -250])', () => {
  const doc = DocumentAnalysis.fromText('@at x = [1.5, 0.5, -1]\nr(x) = Σ_{i=1}^{2} (100(x_{i+1} − x_i^2)^2 + (1 − x_i)^2)\n', 'file:///n.md', 'math');
  const point = doc.resolvePoint('r');
  assert.ok(point.ok);
  const g = doc.gradient('r', point.value);
  assert.ok(g.ok, JSON.stringify(!g.ok && g.error));
  assert.equal(g.value.value, 463);
  assert.deepEqual({ ...g.value.gradient }, { x: [1051, -101, -250] });
});

test('course-assignment losses as written for Python 2 and 3 (builtins, xrange, list(y) labels) are checked at sample points', () => {
  const r = runCli(['check', 'test/fixtures/points/course_losses.py']);
  const checks = JSON.parse(r.stdout).checks as { gradient: string; verdict: string; compared: string; points: number; at: { y: number[] } }[];
  assert.deepEqual(checks.map((c) => `${c.gradient} ${c.verdict} ${c.compared} ${c.points}`), ['softmax_loss_naive match ∂loss/∂W 9', 'softmax_loss_vectorized mismatch ∂loss/∂W 9']);
  assert.equal(r.exitCode, 1);
  for (const c of checks) assert.ok(c.at.y.every((v) => Number.isInteger(v) && v >= 0), JSON.stringify(c.at.y));
});

test('a class pair whose derivative needs an array (numpy-ml ReLU: (x > 0).astype(int)) is checked at a vector straddling the branch', () => {
  const doc = py(`import numpy as np

class ReLU:
    def fn(self, z):
        return np.clip(z, 0, np.inf)

    def grad(self, x):
        return (x > 0).astype(int)
`);
  const pairing = doc.pairings().find((p) => p.derivative.name === 'ReLU.grad')!;
  const check = doc.check(pairing);
  assert.ok(check.ok, check.ok ? '' : check.error.message);
  assert.equal(check.value.verdict, 'match');
  const z = check.value.at.z as number[];
  assert.ok(z.some((v) => v > 0) && z.some((v) => v < 0), JSON.stringify(z));
});

test('activation classes written as function/gradient (with self.function inside gradient) pair and are checked', () => {
  const doc = py(`import numpy as np

class TanH():
    def __init__(self): pass

    def function(self, x):
        return 2 / (1 + np.exp(-2*x)) - 1

    def gradient(self, x):
        return 1 - np.power(self.function(x), 2)

class Softsign():
    def function(self, x):
        return x / (1 + np.abs(x))

    def gradient(self, x):
        return 1 / (1 + np.abs(x))
`);
  const verdicts = doc.pairings().map((p) => {
    const c = doc.check(p);
    return `${p.derivative.name}→${p.of.name} ${c.ok ? c.value.verdict : c.error.message}`;
  });
  assert.deepEqual(verdicts, ['TanH.gradient→TanH.function match', 'Softsign.gradient→Softsign.function mismatch']);
});

test('loss(y, y_pred) with gradient(y, y_pred): compared with ∂/∂y_pred (y is the target); abstract base methods are not paired', () => {
  const doc = py(`import numpy as np

class Loss(object):
    def loss(self, y_true, y_pred):
        return NotImplementedError()

    def gradient(self, y, y_pred):
        raise NotImplementedError()

class SquareLoss(Loss):
    def loss(self, y, y_pred):
        return 0.5 * np.power((y - y_pred), 2)

    def gradient(self, y, y_pred):
        return -(y - y_pred)

class HalfLoss(Loss):
    def loss(self, y, y_pred):
        return 0.5 * np.power((y - y_pred), 2)

    def gradient(self, y, y_pred):
        return y - y_pred
`);
  const results = doc.pairings().map((p) => {
    const c = doc.check(p);
    return c.ok ? `${p.derivative.name} ${c.value.verdict} ${c.value.compared} | ${c.value.notes.join('; ')}` : `${p.derivative.name} ${c.error.message}`;
  });
  assert.deepEqual(results, [
    'SquareLoss.gradient match ∂SquareLoss.loss/∂y_pred | y is the target: SquareLoss.gradient is compared with ∂/∂y_pred',
    'HalfLoss.gradient mismatch ∂HalfLoss.loss/∂y_pred | y is the target: HalfLoss.gradient is compared with ∂/∂y_pred; HalfLoss.gradient is −1 × ∂HalfLoss.loss/∂y_pred at every point compared: the sign is flipped',
  ]);
});

test('placeholder base methods (pass, ..., a docstring, return None) are not paired: nothing to check, nothing in Problems', () => {
  const doc = py(`import numpy as np

class LossFunc:
    def loss(self, y_pred, y):
        """The loss."""
        ...

    def grad(self, y_pred, y):
        pass

class Model:
    def f(self, x):
        return None

    def df(self, x):
        return

class Squared(LossFunc):
    def loss(self, y_pred, y):
        return np.sum((y_pred - y) ** 2)

    def grad(self, y_pred, y):
        return 2 * (y_pred - y)
`);
  assert.deepEqual(doc.pairings().map((p) => `${p.derivative.name}→${p.of.name}`), ['Squared.grad→Squared.loss']);
});

test('a method named as a function\'s gradient (grad_forward, gradForward) pairs with that method of its class, and checks', () => {
  const doc = py(`import numpy as np

class Layer:
    def __init__(self, w=0.5):
        self.w = w

    def forward(self, x):
        return np.tanh(self.w * x)

    def grad_forward(self, x):
        return self.w * (1 - np.tanh(self.w * x) ** 2)

    def energy(self, x):
        return self.w * x ** 2

    def gradEnergy(self, x):
        return 2 * self.w * x
`);
  const results = doc.pairings().map((p) => {
    const c = doc.check(p);
    return `${p.derivative.name}→${p.of.name} ${c.ok ? c.value.verdict : c.error.message}`;
  });
  assert.deepEqual(results, ['Layer.grad_forward→Layer.forward match', 'Layer.gradEnergy→Layer.energy match']);
});

test('a call in __main__ with a trailing-dot float (`q=0.`), subscripted (`f(…)[0]`), gives the point', () => {
  const doc = py('import math\ndef bs(S, sigma, q=0.):\n    return S * math.exp(-q) * sigma\n\nif __name__ == "__main__":\n    a = bs(50, 0.1, q=2.)[0]\n');
  assert.deepEqual({ ...pointOf(doc, 'bs')?.values }, { S: 50, sigma: 0.1, q: 2 });
});

test('a parameter compared with a string is sampled with that string, never a number; its default is used', () => {
  const py = DocumentAnalysis.fromText(
    'import numpy as np\n\ndef payoff(x, kind):\n    if kind == "call":\n        return x ** 2\n    return x\n\ndef payoff_default(x, kind="call"):\n    if kind == "call":\n        return x ** 2\n    return x\n',
    'p.py',
    'python',
  );
  const sampled = py.resolvePoint('payoff');
  assert.ok(sampled.ok && sampled.value.values.kind === 'call' && typeof sampled.value.values.x === 'number', JSON.stringify(sampled));
  const withDefault = py.resolvePoint('payoff_default');
  assert.ok(withDefault.ok, JSON.stringify(withDefault));
  if (!withDefault.ok) return;
  const r = py.gradient('payoff_default', withDefault.value);
  assert.ok(r.ok && r.value.gradient!.x === 2 * (withDefault.value.values.x as number), JSON.stringify(r));
  // The same rule reads TypeScript's ===.
  const ts = DocumentAnalysis.fromText('export function mode(x: number, m: string): number {\n  return m === "C" ? Math.sin(x) : -x;\n}\n', 'm.ts', 'typescript');
  const tsPoint = ts.resolvePoint('mode');
  assert.ok(tsPoint.ok && tsPoint.value.values.m === 'C', JSON.stringify(tsPoint));
});
