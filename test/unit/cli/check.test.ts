import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { tempDir } from '../tempDir';

/** The `gradlens check` contract: a verdict per pair, errors located and never hiding the others, --at honoured, exit 0/1/2. */

const dir = tempDir('gradlens-check-');
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function run(...args: string[]): { exitCode: number; checks: Map<string, any> } {
  const r = runCli(['check', ...args]);
  const json = JSON.parse(r.stdout);
  assert.ok(Array.isArray(json.checks), r.stdout);
  return { exitCode: r.exitCode, checks: new Map(json.checks.map((c: any) => [c.gradient, c])) };
}

const MIXED = `import math

def f(x, y):
    return x * y

def grad_f(x, y):
    return y, x

# @at a=1.3, b=0.4
def h(a, b):
    return a ** 2 * b + math.exp(b)

def grad_h(a, b):
    return a ** 2 + math.exp(b), 2 * a * b

def g(x):
    return math.log(x)

def dg(x):
    return 1 / x

g(-1.0)
`;

test('check: every pair has a verdict; one that cannot run is an error with its located message and hides nothing', () => {
  const { exitCode, checks } = run(file('mixed.py', MIXED));
  assert.equal(checks.get('grad_h').verdict, 'mismatch');
  const g = checks.get('dg');
  assert.equal(g.verdict, 'error');
  assert.match(g.error.message, /log/);
  assert.equal(typeof g.error.line, 'number');
  assert.equal(g.error.line, 17); // the log in g, one-based
  assert.equal(exitCode, 1);
});

test('check: exit 0 when all ran and matched, 2 when none could run, 1 when some could not', () => {
  const matched = file('matched.py', 'def f(x, y):\n    return x * y\n\ndef grad_f(x, y):\n    return y, x\n\nf(1.5, -2.0)\n');
  assert.equal(run(matched).exitCode, 0);
  const none = file('none.py', 'import math\n\ndef g(x):\n    return math.log(x)\n\ndef dg(x):\n    return 1 / x\n\ng(-1.0)\n');
  const r = run(none);
  assert.equal(r.exitCode, 2);
  assert.equal(r.checks.get('dg').verdict, 'error');
  const partial = file('partial.py', 'import math\n\ndef f(x, y):\n    return x * y\n\ndef grad_f(x, y):\n    return y, x\n\nf(1.5, -2.0)\n\ndef g(x):\n    return math.log(x)\n\ndef dg(x):\n    return 1 / x\n\ng(-1.0)\n');
  const p = run(partial);
  assert.equal(p.checks.get('grad_f').verdict, 'match');
  assert.equal(p.checks.get('dg').verdict, 'error');
  assert.equal(p.exitCode, 1);
});

test('check --at: the given point is the first of the nine', () => {
  const path = file('at.py', MIXED);
  const { checks, exitCode } = run(path, '--function', 'dg', '--at', 'x=2.5');
  const c = checks.get('dg');
  assert.equal(c.verdict, 'match');
  assert.deepEqual(c.at, { x: 2.5 });
  assert.equal(c.pointSource, 'given point');
  assert.equal(c.points, 9);
  assert.equal(exitCode, 0);
  // A formula right only at the given point is caught at a nearby one.
  const cube = file('cube.py', 'def cube(x):\n    return x ** 3\n\ndef cube_prime(x):\n    return 3 * x\n');
  const k = run(cube, '--at', 'x=1').checks.get('cube_prime');
  assert.equal(k.verdict, 'mismatch');
  assert.deepEqual(k.at, { x: 1 });
  assert.notDeepEqual(k.components[0].at, { x: 1 });
  // A bad --at is a usage error.
  assert.equal(runCli(['check', path, '--at', 'x=']).exitCode, 2);
});

test('check: derivatives named the way optimization code names them, with what each compared', () => {
  const { checks, exitCode } = run('test/fixtures/points/optimize_style.py');
  const summary = Object.fromEntries([...checks.values()].map((c) => [c.gradient, `${c.verdict} ${c.compared}`]));
  assert.equal(summary.rosen_der, 'match ∇rosen');
  assert.equal(summary.rosen_hess_prod, 'match ∇²rosen·p');
  assert.equal(summary.booth_deriv, 'mismatch ∇booth');
  assert.equal(summary.sphere_fprime, 'match ∇sphere');
  assert.equal(summary.delta, 'match ∂call_price/∂S');
  assert.deepEqual(checks.get('booth_deriv').notes, ['paired by position: z ↔ x']);
  assert.deepEqual(checks.get('booth_deriv').components.map((d: any) => d.name), ['∂booth/∂x[1]']);
  assert.equal(checks.get('rosen_der').pointSource, 'call on line 87');
  assert.equal(exitCode, 1);
});

test('check: a wrong Hessian-vector product, a wrong output-argument gradient and a wrong partial (wrt) are caught', () => {
  const path = file('wrong.py', `import numpy as np

def rosen(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2.0) ** 2.0 + (1 - x[:-1]) ** 2.0)

# The last entry's 200 written as 20.
def rosen_hess_prod(x, p):
    Hp = np.zeros_like(x)
    Hp[0] = (1200 * x[0] ** 2 - 400 * x[1] + 2) * p[0] - 400 * x[0] * p[1]
    Hp[1:-1] = (-400 * x[:-2] * p[:-2] + (202 + 1200 * x[1:-1] ** 2 - 400 * x[2:]) * p[1:-1] - 400 * x[1:-1] * p[2:])
    Hp[-1] = -400 * x[-2] * p[-2] + 20 * p[-1]
    return Hp

def sphere(x):
    return np.sum(x ** 3)

def sphere_fprime(x, out):
    out[:] = 3 * x

# @gradient-of price wrt K
def vega_like(S, K):
    return S / K

def price(S, K):
    return S * np.log(K)

# Wrong: log(S) for log(K).
# @gradient-of price wrt S
def delta_like(S, K):
    return np.log(S)

x0 = np.array([1.3, 0.7, 0.8])
rosen(x0)
sphere(x0)
price(2.0, 3.0)
`);
  const { checks } = run(path);
  const hp = checks.get('rosen_hess_prod');
  assert.equal(hp.verdict, 'mismatch');
  assert.deepEqual(hp.components.map((d: any) => d.name), ['(∇²rosen·p)[x[2]]']);
  const out = checks.get('sphere_fprime');
  assert.equal(out.verdict, 'mismatch');
  assert.equal(out.components.length, 3);
  const partial = checks.get('vega_like');
  assert.equal(partial.compared, '∂price/∂K');
  assert.equal(partial.verdict, 'match');
  const wrong = checks.get('delta_like');
  assert.equal(wrong.compared, '∂price/∂S');
  assert.equal(wrong.verdict, 'mismatch');
  assert.deepEqual(wrong.components.map((d: any) => d.name), ['∂price/∂S']);
});

test('check: an elementwise derivative is compared with the diagonal of a diagonal Jacobian', () => {
  const path = file('activation.py', `import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1 - s)

def tanh(z):
    return np.tanh(z)

# Wrong: 1 - tanh(z), not 1 - tanh(z) ** 2.
def tanh_grad(z):
    return 1 - np.tanh(z)

z0 = np.array([0.5, -1.0, 2.0])
sigmoid(z0)
tanh(z0)
`);
  const { checks } = run(path);
  assert.equal(checks.get('sigmoid_grad').verdict, 'match');
  assert.equal(checks.get('tanh_grad').verdict, 'mismatch');
  assert.deepEqual(checks.get('tanh_grad').components.map((d: any) => d.name), ['∂tanh[0]/∂z[0]', '∂tanh[1]/∂z[1]', '∂tanh[2]/∂z[2]']);
});

test('check (JavaScript): a gradient filling its output argument (fxprime = fxprime || [0, 0]) at a sample point; a factor-2 slip is caught', () => {
  const { checks, exitCode } = run('test/fixtures/points/fmin_style.js');
  const wrong = checks.get('dixonPriceGrad');
  assert.equal(wrong.verdict, 'mismatch');
  assert.deepEqual(wrong.components.map((d: any) => d.name), ['∂dixonPrice/∂x[0]']);
  assert.equal(wrong.pointSource, 'sample point');
  assert.deepEqual(Object.keys(wrong.at), ['x']);
  assert.equal(wrong.at.x.length, 2); // read only at x[0] and x[1]: a vector of exactly 2
  assert.equal(checks.get('boothGrad').verdict, 'match');
  assert.equal(exitCode, 1);
});

test('check: class methods pair by name (fn with grad and grad2), by position, at sample points; a wrong grad is caught', () => {
  const { checks } = run('test/fixtures/points/activations.py');
  const summary = Object.fromEntries([...checks.values()].map((c) => [c.gradient, `${c.verdict} ${c.compared}`]));
  assert.deepEqual(summary, {
    'Sigmoid.grad': 'match ∇Sigmoid.fn',
    'Sigmoid.grad2': 'match ∇²Sigmoid.fn',
    'Tanh.grad': 'mismatch ∇Tanh.fn',
    'Tanh.grad2': 'match ∇²Tanh.fn',
    'Affine.grad': 'match ∇Affine.fn',
    'LeakyReLU.grad': 'match ∇LeakyReLU.fn',
    'LeakyReLU.grad2': 'match ∇²LeakyReLU.fn',
    'ELU.grad': 'mismatch ∇ELU.fn',
    'ELU.grad2': 'match ∇²ELU.fn',
  });
  assert.deepEqual(checks.get('Tanh.grad').notes, ['paired by position: x ↔ z']);
  assert.equal(checks.get('Tanh.grad').pointSource, 'sample point');
});

test('check: an activation written with a boolean-mask write (LeakyReLU) gets a vector sample point straddling its branch; a grad wrong on one side only is caught', () => {
  const { checks } = run('test/fixtures/points/activations.py');
  const leaky = checks.get('LeakyReLU.grad');
  assert.equal(leaky.pointSource, 'sample point');
  assert.equal(leaky.at.z.length, 3);
  assert.ok(leaky.at.z.some((v: number) => v < 0) && leaky.at.z.some((v: number) => v > 0), JSON.stringify(leaky.at));
  // ELU's grad forgets alpha only where z < 0: the negative entry differs, the positive ones agree.
  const elu = checks.get('ELU.grad');
  const negative = leaky.at.z.findIndex((v: number) => v < 0);
  assert.deepEqual(elu.components.map((d: any) => d.name), [`∂ELU.fn[${negative}]/∂z[${negative}]`]);
  // grad2 of an elementwise function: each entry's second derivative.
  assert.equal(checks.get('ELU.grad2').points, 9);
});


test('check: the point comes from a call in the sibling test file when the file gives none', () => {
  const path = file('tested.py', 'import numpy as np\n\ndef sq(x):\n    return np.sum(x ** 2)\n\ndef sq_grad(x):\n    return 2 * x\n');
  file('test_tested.py', 'import numpy as np\nfrom tested import sq\n\ndef test_sq():\n    assert sq(np.array([1.0, -2.0, 0.5, 4.0])) == 21.25\n');
  const { checks, exitCode } = run(path);
  const c = checks.get('sq_grad');
  assert.equal(c.verdict, 'match');
  assert.equal(c.pointSource, 'call in test_tested.py, line 5');
  assert.deepEqual(c.at, { x: [1, -2, 0.5, 4] });
  assert.equal(exitCode, 0);
});
