import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GradLensError } from '../../../src/core/diagnostic';
import { lowerPython } from '../../../src/frontends/python/index';
import { CompiledModule } from '../../../src/engine/module';
import { evaluatePrimal } from '../../../src/engine/run';
import { assertSameAsInterpreter } from './withoutTrees';

/**
 * A scalar tree's element reads (interpreter/treeElements.ts): `x[i]`, `x[i ± k]`, `x[0]`,
 * `A[i][j]` and `A[i, j]` of ndarrays and lists read at once, and `x[i] = v` written at once, must
 * give what the index expression and the assignment give — the same rows (a parameter's own input row, an element row of a computed array, a
 * constant), the same errors, the same memory charged.
 */

const source = [
  'import numpy as np',
  'def reads(x, A):',
  '    s = 0.0',
  '    n = len(x)',
  '    for i in range(n):',
  '        for j in range(n):',
  '            s += A[i][j] * x[i] * x[j] + A[i, j] ** 2 - x[0] * A[j, i] + (x[i - 1] - A[1][j + 1 - 1]) ** 2',
  '    return s',
  'def computed(x, A):',
  '    B = A * 2.0',
  '    y = np.sin(x)',
  '    m = np.arange(3)',
  '    s = 0.0',
  '    for i in range(3):',
  '        s += B[i][1] * B[i, 0] + (B[1][i] - y[i]) ** 2 + m[i] * y[2 - 1] * 1.5',
  '    return s',
  'def writes(x):',
  '    y = np.zeros(len(x))',
  '    for i in range(1, len(x) - 1):',
  '        y[i] = 0.25 * x[i - 1] + 0.5 * x[i] + 0.25 * x[i + 1]',
  '    s = 0.0',
  '    for i in range(len(x)):',
  '        s += y[i] * y[i] + y[i - 1] * 2.0 - (y[i] + 1.0) ** 2',
  '    return s',
  'def views(A):',
  '    r = A[1]',
  '    c = A[:, 0]',
  '    return r[0] * r[1] + (r[2] - c[1]) ** 2 * 2.0',
  'def lists(x, A):',
  '    L = [[x[0], x[1]], [2.0, x[2]]]',
  '    v = [x[2], 1.0]',
  '    return L[1][1] * L[0][1] + v[0] * v[1] - L[1][0] * 3.0',
  'def past_the_end(x):',
  '    s = 0.0',
  '    for i in range(len(x)):',
  '        s += x[i + 1] * x[i] - 1.0',
  '    return s',
  'def matrix_past_the_end(A):',
  '    s = 0.0',
  '    for i in range(4):',
  '        s += A[i, i + 1] * 2.0 - 1.0',
  '    return s',
  'def float_index(x):',
  '    j = 1.5',
  '    return x[0] * 2.0 + x[j] * x[1]',
  'def cube(x):',
  '    T = np.ones((2, 2, 2)) * x[0]',
  '    return T[1, 0] * 2.0 + T[0][1] * x[1]',
  'def tuple_of_a_list(x):',
  '    L = [[x[0]]]',
  '    return L[0, 0] * 2.0 + 1.0',
  'def list_writes(x):',
  '    L = [0.0, 0.0, 0.0]',
  '    k = 2',
  '    L[0] = x[1] * 2.0',
  '    L[k] = x[0] * x[1] + 1.0',
  '    L[k - 1] = 3.0',
  '    return L[0] * L[2] + L[1]',
  'def array_writes(x):',
  '    y = np.zeros(3)',
  '    m = np.zeros(3, dtype=int)',
  '    i = 1',
  '    y[i] = x[0] * 3.0',
  '    y[0] = True',
  '    y[i - 1] = y[i] * x[2]',
  '    m[i] = x[1] * 2.0',
  '    z = y * 1.0',
  '    y[i + 1] = 5.0',
  '    return y[0] * y[1] + z[2] * 2.0 + y[2] + m[1]',
  'def write_past_the_end(x):',
  '    y = np.zeros(2)',
  '    y[2] = x[0] * 1.0',
  '    return y[0]',
  'def write_a_tuple(x):',
  '    t = (1.0, 2.0)',
  '    t[0] = x[0]',
  '    return t[0]',
  'def write_negative(x):',
  '    y = np.zeros(3)',
  '    i = 0',
  '    y[i - 1] = x[0] * 2.0',
  '    return y[2] * y[2]',
  'def write_a_row(x):',
  '    y = np.zeros(3)',
  '    y[1] = np.ones(2)',
  '    return y[1]',
].join('\n');

const x = [0.5, -1.25, 2, 3.5];
const A = [
  [1, 2, -0.5, 0.25],
  [0.5, -1, 3, 2],
  [-2, 0.75, 1.5, -1],
  [0.1, 0.2, 0.3, 0.4],
];

test('ndarray and list element reads in trees: the same tape, value, gradient, warnings or error as the index expression', () => {
  const ir = lowerPython(source, 'elements.py');
  assert.equal(ir.listsAreArrays, true);
  const cases: [string, string[], unknown[]][] = [
    ['reads', ['x', 'A'], [x, A]],
    ['computed', ['x', 'A'], [x, A]],
    ['writes', ['x'], [x]],
    ['views', ['A'], [A]],
    ['lists', ['x', 'A'], [x, A]],
    ['past_the_end', ['x'], [x]],
    ['matrix_past_the_end', ['A'], [A]],
    ['float_index', ['x'], [x]],
    ['cube', ['x'], [x]],
    ['tuple_of_a_list', ['x'], [x]],
    ['list_writes', ['x'], [x]],
    ['array_writes', ['x'], [x]],
    ['write_past_the_end', ['x'], [x]],
    ['write_a_tuple', ['x'], [x]],
    ['write_negative', ['x'], [x]],
    ['write_a_row', ['x'], [x]],
  ];
  const results = cases.map(([fnName, names, args]) => assertSameAsInterpreter(ir, fnName, args as never, names));
  assert.deepEqual(
    results.map((r) => ('error' in r ? r.error.split(' ')[0] : 'ok')),
    ['ok', 'ok', 'ok', 'ok', 'ok', 'index', 'index', 'index', 'ok', 'type', 'ok', 'ok', 'index', 'type', 'ok', 'shape'],
  );
  // They record: each case that runs has rows past its inputs (element rows among them).
  for (const r of results) if ('rows' in r) assert.ok(r.rows.length > 5, JSON.stringify(r.rows.length));
});

test('A[i, j] read in a tree charges its index tuple to the memory budget, as the expression does', () => {
  // The same loop with the element read outside a tree (t = A[i, j]) is the reference.
  const program = (read: string): string =>
    ['import numpy as np', 'def f(A):', '    s = 0.0', '    for i in range(40):', '        for j in range(40):', `${read}`, '    return s'].join('\n');
  const inTree = program('            s += A[i, j] * 2.0 + 1.0');
  const outside = program('            t = A[i, j]\n            s += t * 2.0 + 1.0');
  const A = Array.from({ length: 40 }, (_, i) => Array.from({ length: 40 }, (_, j) => i - j * 0.5));
  const failure = (text: string, maxBytes: number): string => {
    try {
      evaluatePrimal(new CompiledModule(lowerPython(text, 'budget.py')), 'f', [A], { maxBytes }, ['A']);
      return 'ok';
    } catch (e) {
      if (e instanceof GradLensError) return `${e.diagnostic.code} ${e.diagnostic.message}`;
      throw e;
    }
  };
  // 1,600 tuples of 48 bytes: 76,800 bytes besides A itself.
  const tight = failure(outside, 60_000);
  assert.match(tight, /^budget-memory /);
  assert.equal(failure(inTree, 60_000), tight);
  assert.equal(failure(inTree, 200_000), 'ok');
});
