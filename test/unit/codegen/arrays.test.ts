/**
 * numpy code written as numpy: each array operation's adjoint (`@`, `.T`, np.outer, sum/mean with
 * axes, element reads, np.linalg.norm), broadcasting undone by np.sum, and each case checked against
 * AD at nine points before it is shown (analysis/derivativeSource.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { derivativeSource } from '../../../src/analysis/derivativeSource';

function generate(body: string, at: string) {
  const text = `import numpy as np\n\nC = np.array([[1.0, 2.0, -1.0], [0.5, -0.3, 0.8]])\n\n# @at ${at}\ndef f(${/def f\(([^)]*)\)/.exec(body)![1]}):\n${body.split('\n').slice(1).join('\n')}\n`;
  const uri = '/tmp/arrays_case.py';
  const out = derivativeSource(DocumentAnalysis.fromText(text, uri, 'python'), 'f', { text, uri });
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  return out.value.functionText;
}

test('a matrix-vector product: the matrix gets np.outer, the vector W.T @ g', () => {
  const text = generate('def f(W, x):\n    z = W @ x\n    return np.sum(np.tanh(z))', 'W=[[0.1, 0.2, -0.3], [0.4, -0.5, 0.6]], x=[1.0, -2.0, 0.5]');
  assert.match(text, /dW = np\.outer\(dz, x\)/);
  assert.match(text, /dx = W\.T @ dz/);
});

test('a bias broadcast over rows is summed back over axis 0; a column over axis 1 with keepdims', () => {
  const text = generate('def f(b, c):\n    s = C + b + c\n    return np.sum(s * s)', 'b=[0.1, -0.2, 0.3], c=[[0.5], [-1.5]]');
  assert.match(text, /db = np\.sum\(\w+, axis=0\)/);
  assert.match(text, /dc = np\.sum\(\w+, axis=1, keepdims=True\)/);
});

test('a mean along an axis spreads g back with np.expand_dims, divided by the count', () => {
  const text = generate('def f(X):\n    m = np.mean(X, axis=1)\n    return np.sum(m ** 3)', 'X=[[0.3, 1.2, -0.7], [2.0, 0.4, 0.9]]');
  assert.match(text, /np\.ones_like\(X\) \* np\.expand_dims\(dm, 1\) \/ 3/);
});

test('np.outer, .T and element reads: each operand gets its own numpy adjoint, and an element read a zero array', () => {
  const text = generate('def f(u, v):\n    P = np.outer(u, v).T\n    return P[1, 0] * P[0, 1] + np.linalg.norm(u)', 'u=[0.3, -1.1], v=[2.0, 0.5, -0.4]');
  assert.match(text, /np\.zeros\(\w+\.shape\)/);
  assert.match(text, /\[1, 0\] = /);
  assert.match(text, /u \/ t\d+/);
});

test('an array adjoint is never added to in place (it could share its buffer with another adjoint)', () => {
  const text = generate('def f(x):\n    y = x * x\n    return np.sum(y + x)', 'x=[0.5, -1.0, 2.0]');
  assert.doesNotMatch(text, /\+= /);
  assert.match(text, /dx = dx \+ /);
});

test('TypeScript: a flat array parameter is a list (its gradient an array of its length), a for-of over it a counting loop; a nested one is a located refusal', () => {
  const generate = (text: string) => derivativeSource(DocumentAnalysis.fromText(text, '/tmp/a.ts', 'typescript'), 'f', { text, uri: '/tmp/a.ts' });
  const flat = generate('// @at x=[1, 2]\nfunction f(x: number[]): number {\n  return x[0]! * x[1]!;\n}\n');
  assert.ok(flat.ok, flat.ok ? '' : flat.error.message);
  assert.equal(flat.value.checkedPoints, 9);
  assert.match(flat.value.text, /^function grad_f\(x: number\[\]\): number\[\] \{$/m);
  assert.match(flat.value.text, /^ {2}const dx = \[0, 0\];$/m);
  assert.match(flat.value.text, /for x of length 2/);
  const nested = generate('// @at x=[[1, 2], [3, 4]]\nfunction f(x: number[][]): number {\n  return x[0]![1]! * x[1]![0]!;\n}\n');
  assert.ok(!nested.ok);
  assert.equal(nested.error.code, 'unsupported');
  assert.match(nested.error.message, /numbers and flat arrays of numbers \(up to 32\) only/);
  const forOf = generate('// @at x=[1, 2, 0.5]\nfunction f(x: number[]): number {\n  let s = 0;\n  for (const v of x) s += Math.sin(v) * s + v;\n  return s;\n}\n');
  assert.ok(forOf.ok, forOf.ok ? '' : forOf.error.message);
  assert.equal(forOf.value.checkedPoints, 9);
  assert.match(forOf.value.text, /^ {2}for \(k = 0; k < 3; k\+\+\) \{\n {4}v = x\[k\];$/m, 'a loop over the positions, each item read');
  assert.match(forOf.value.text, /^ {4}dx\[k\] \+= dv;$/m, 'the item\'s adjoint goes back to its position');
});

test('loops over numpy arrays by index, with a branch: shapes inferred inside the loop, len(x) read as a size, names only a branch makes start as None', () => {
  const text = `import numpy as np


# @at x=[0.7, 1.9, 3.2], y=[0.4, -0.8, 1.1]
def pair_energy(x, y):
    result = 0.0
    for i in range(len(x)):
        for j in range(len(y)):
            if i != j:
                dx = x[i] - x[j]
                dy = y[i] - y[j]
                result += 1.0 / (dx ** 2 + dy ** 2) ** 3 - np.exp(-dx * dy)
    kinetic = 0.0
    for i in range(x.shape[0]):
        kinetic += 0.5 * x[i] ** 2
    return result / 2 + kinetic
`;
  const uri = '/tmp/pair_energy.py';
  const out = derivativeSource(DocumentAnalysis.fromText(text, uri, 'python'), 'pair_energy', { text, uri });
  assert.ok(out.ok, out.ok ? '' : out.error.message);
  assert.equal(out.value.checkedPoints, 9);
  assert.match(out.value.text, /for i in range\(len\(x\)\):/);
  assert.match(out.value.text, /for i_2 in range\(x\.shape\[0\]\):/);
  assert.match(out.value.text, /^ {12}dx = None$/m);
  assert.match(out.value.text, /dx_bar|ddx/);
});

test('np.linalg.solve, inv, det and np.trace: adjoints by solves with A transposed, written in numpy', () => {
  const A = '[[2.0, 0.5, -0.3], [0.4, -1.8, 0.2], [0.1, 0.3, 2.2]]';
  const solved = generate('def f(A, b):\n    x = np.linalg.solve(A, b)\n    return np.sum(x * x) + x[0]', `A=${A}, b=[0.7, -0.3, 0.9]`);
  assert.match(solved, /db = np\.linalg\.solve\(A\.T, dx\)/);
  assert.match(solved, /dA = -np\.outer\(db, x\)/);
  const matrix = generate('def f(A, B):\n    X = np.linalg.solve(A, B)\n    return np.sum(np.tanh(X))', `A=${A}, B=[[0.3, -1.2], [0.8, 0.1], [0.5, -0.7]]`);
  assert.match(matrix, /dA = -\(?dB @ X\.T\)?/);
  const inverse = generate('def f(A, x):\n    Ainv = np.linalg.inv(A)\n    return x @ Ainv @ x + np.trace(Ainv) + np.linalg.det(A) ** 2', `A=${A}, x=[0.5, -1.0, 2.0]`);
  assert.match(inverse, /np\.eye\(3\)/);
  assert.match(inverse, /dA = dA - Ainv\.T @ dAinv @ Ainv\.T\n/);
  assert.match(inverse, /np\.linalg\.inv\(A\)\.T/);
});

test('sign, logdet = np.linalg.slogdet(A): written as the user unpacks it; logdet gets A⁻ᵀ, the sign is a constant, also inside a loop', () => {
  const A = '[[0.5, 1.2, 0.1], [2.0, -0.4, 0.3], [0.2, 0.7, -1.1]]';
  const once = generate('def f(A):\n    sign, logdet = np.linalg.slogdet(A)\n    return sign * logdet ** 2', `A=${A}`);
  assert.match(once, /^ {4}sign, logdet = np\.linalg\.slogdet\(A\)$/m);
  assert.match(once, /^ {4}dA = dlogdet \* np\.linalg\.inv\(A\)\.T$/m);
  // In a loop the sign of each iteration is pushed with its values: the reverse loop reads it back.
  const looped = generate('def f(A):\n    total = 0.0\n    for k in range(3):\n        s, ld = np.linalg.slogdet(A * (k + 1.5) - k)\n        total = total + s * ld * (k + 1)\n    return total', `A=${A}`);
  assert.match(looped, /stack\.append\(\([^)]*\bs\b[^)]*\)\)/);
});

test('writes into arrays: each write a new version (a copy with the entries written), in loops too; its adjoint reads the written entries back', () => {
  const rows = generate('def f(W, X):\n    n = X.shape[0]\n    H = np.zeros((n, W.shape[1]))\n    for i in range(n):\n        H[i] = np.tanh(X[i] @ W)\n    return np.sum(H ** 2)', 'W=[[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1]], X=[[1.0, -2.0, 0.5], [0.3, 0.4, -0.2]]');
  assert.match(rows, /^ {8}H_3 = H_2\.copy\(\)\n {8}H_3\[i\] = t3$/m);
  assert.match(rows, /^ {8}dt3 = dH_3\[i\]$/m, 'the written row is read back for the value');
  assert.match(rows, /^ {8}(t\d+) = dH_3\.copy\(\)\n {8}\1\[i\] = 0$/m, 'the entries overwritten get nothing from before the write');
  const columns = generate('def f(W, p, X):\n    dW = np.zeros_like(W)\n    for i in range(2):\n        for j in range(2):\n            dW[:, j] += p[j] * X[i]\n    dW[0] -= W[1]\n    return np.sum(dW * W)', 'W=[[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1]], p=[0.4, -0.9], X=[[1.0, -2.0, 0.5], [0.3, 0.4, -0.2]]');
  assert.match(columns, /^ {12}dW_4\[:, j\] \+= t\d+$/m);
  assert.match(columns, /dW_\d+\[0\] -= t\d+/);
  // A scalar written into a slice is broadcast into it: its adjoint sums the slice.
  const broadcast = generate('def f(x):\n    A = np.ones((2, 3))\n    A[:, 1:] = x[0] * x[1]\n    return np.sum(A * np.exp(A))', 'x=[0.3, -1.2]');
  assert.match(broadcast, /= np\.sum\(dA_2\[:, 1:\]\)/);
});

test('writes GradLens cannot follow are refused: through a second name, into a view, or by a fancy index', () => {
  const text = (body: string) => `import numpy as np\n\n# @at x=[0.3, -1.2, 0.7]\ndef f(x):\n${body}\n`;
  const refused = (body: string) => {
    const t = text(body);
    const out = derivativeSource(DocumentAnalysis.fromText(t, '/tmp/arrays_case.py', 'python'), 'f', { text: t, uri: '/tmp/arrays_case.py' });
    assert.ok(!out.ok, body);
    assert.equal(out.error.code, 'unsupported', out.error.message);
    return out.error.message;
  };
  assert.match(refused('    g = np.zeros(3)\n    h = g\n    g[0] = x[1]\n    return np.sum(h * x)'), /h shares g's entries/);
  assert.match(refused('    A = np.zeros((2, 3))\n    row = A[0]\n    A[0, 1] = x[0]\n    return np.sum(row) * x[2]'), /row shares A's entries/);
  assert.match(refused('    g = np.zeros(3)\n    g[[0, 2]] = x[1]\n    return np.sum(g * x)'), /not integers and slices/);
});

test('loops over an array\'s rows, with enumerate and zip: written as loops over positions, each row an element read', () => {
  const text = generate('def f(W, X, y):\n    total = 0.0\n    for row, label in zip(X, y):\n        total += np.sum(np.log(1.0 + np.exp(-label * (row @ W))))\n    for i, row in enumerate(X):\n        total += 0.1 * i * np.sum(row ** 2)\n    for row in W:\n        total += np.sum(row * row)\n    return total', 'W=[[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1]], X=[[1.0, -2.0, 0.5], [0.3, 0.4, -0.2]], y=[1.0, -1.0]');
  assert.match(text, /^ {4}for k in range\(min\(len\(X\), len\(y\)\)\):\n {8}row = X\[k\]\n {8}label = y\[k\]$/m);
  assert.match(text, /^ {4}for i in range\(len\(X\)\):\n {8}row_2 = X\[i\]$/m, "enumerate's counter is the position");
  assert.match(text, /^ {4}for k_2 in range\(len\(W\)\):\n {8}row_3 = W\[k_2\]$/m);
});
