import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { IrExpr, IrStmt } from '../../../src/ir/nodes';
import { lowerPython } from '../../../src/frontends/python/index';
import type { PointValue } from '../../../src/engine/run';
import { assign, bin, call, fn, module, name, num, ret } from './irBuilders';
import { assertSameAsInterpreter, R } from './withoutTrees';

const FIXTURES = join(__dirname, '..', '..', '..', 'bench', 'fixtures');

test('the bench programs record the same tape with and without scalar trees, bit for bit', () => {
  const rosenPoint = Array.from({ length: 200 }, (_, i) => 0.5 + 0.001 * i);
  const cases: [string, string, Record<string, PointValue>][] = [
    ['seed001.py', 'f', { v_1: 1.5, v0: 0.5 }],
    ['rosenbrock.py', 'rosen', { x: rosenPoint }],
    ['loops_list.py', 'rosen_loop', { x: rosenPoint }],
  ];
  let rows = 0;
  for (const [file, fnName, point] of cases) {
    const ir = lowerPython(readFileSync(join(FIXTURES, file), 'utf8'), file);
    if (!ir.functions.some((f) => f.name === fnName)) continue;
    const got = assertSameAsInterpreter(ir, fnName, Object.values(point), Object.keys(point));
    assert.ok('rows' in got, `${file}: ${'error' in got ? got.error : ''}`);
    rows += got.rows.length;
  }
  assert.ok(rows > 1000, `the fixtures recorded only ${rows} rows`);
});

test('the MLP and an ndarray loop: same tape with and without scalar trees', () => {
  const source = [
    'import numpy as np',
    'def mlp(W1, b1, W2, X, y):',
    '    h = np.tanh(X @ W1 + b1)',
    '    out = h @ W2',
    '    return np.mean((out - y) ** 2) + 0.01 * np.sum(W1 ** 2)',
    'def loop(x):',
    '    s = 0.0',
    '    for i in range(len(x) - 1):',
    '        s += 100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1.0 - x[i]) ** 2 - x[i] * x[i + 1]',
    '    return s',
  ].join('\n');
  const ir = lowerPython(source, 'mlp.py');
  const X = [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]];
  const got = assertSameAsInterpreter(ir, 'mlp', [[[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]], [0.01, -0.02], [[1], [-1]], X, [[0.5], [-0.5]]], ['W1', 'b1', 'W2', 'X', 'y']);
  assert.ok('rows' in got && got.rows.length > 3);
  const loop = assertSameAsInterpreter(ir, 'loop', [[0.5, 0.7, 1.1, -0.3, 2]], ['x']);
  assert.ok('rows' in loop && loop.rows.length > 20);
});

// Random programs: trees of +, −, ×, squares, divisions and calls over parameters, locals and constants
// that reach the fallbacks — zero (pow's domain at 0), integers past 2**53 (exact ints), overflow
// (an error), booleans, lists (repetition and concatenation, or a type error).
const leafExpr: fc.Arbitrary<IrExpr> = fc.oneof(
  { arbitrary: fc.constantFrom('x', 'y', 't').map(name), weight: 8 },
  { arbitrary: fc.constantFrom(1, 2, -3, 0.5, 1e-3).map(num), weight: 4 },
  { arbitrary: fc.constantFrom(0, 2 ** 52, 3 ** 33, 1e200, -1e308).map(num), weight: 1 },
  { arbitrary: fc.constant<IrExpr>({ kind: 'bool', value: true, range: R }), weight: 1 },
  { arbitrary: fc.constant<IrExpr>({ kind: 'list', elements: [num(1.5), name('x')], range: R }), weight: 1 },
);
const expr: fc.Arbitrary<IrExpr> = fc.letrec<{ e: IrExpr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafExpr,
    fc.tuple(fc.constantFrom('+', '-', '*'), tie('e'), tie('e')).map(([op, a, b]) => bin(op as '+', a, b)),
    tie('e').map((a) => bin('**', a, num(2))),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => bin('**', a, b)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => bin('/', a, b)),
    tie('e').map((a) => call('sin', a)),
  ),
})).e;

const program: fc.Arbitrary<IrStmt[]> = fc.tuple(expr, expr).map(([local, result]) => [assign('t', bin('*', name('x'), name('y'))), assign('t', local), ret(result)]);
const point = fc.tuple(fc.oneof({ arbitrary: fc.double({ min: -3, max: 3, noNaN: true }), weight: 4 }, { arbitrary: fc.constantFrom(0, 1e160, 2 ** 53), weight: 1 }), fc.double({ min: -3, max: 3, noNaN: true }));

test('random programs: the same tape, value, gradient, warnings or error with and without scalar trees', () => {
  let errors = 0;
  let recorded = 0;
  fc.assert(
    fc.property(program, point, (body, at) => {
      const got = assertSameAsInterpreter(module(fn('f', ['x', 'y'], body)), 'f', at);
      if ('error' in got) errors++;
      else recorded++;
    }),
    { numRuns: 600, seed: 20261206 },
  );
  // Both sides of the comparison happen: programs that record and programs the engine refuses.
  assert.ok(errors > 30 && recorded > 200, `${errors} errors, ${recorded} recorded`);
});

const augAssign = (target: string, op: '+' | '-' | '*', value: IrExpr): IrStmt => ({ kind: 'augAssign', target: { kind: 'name', name: target, range: R }, op, value, range: R });

// `t op= e` after `t = init` (or with t never assigned): t a number, a tracked scalar, a bool, a list,
// an exact integer; e the same mix; the result reads t (a leaf) or not.
const augProgram: fc.Arbitrary<IrStmt[]> = fc
  .tuple(fc.constantFrom(true, true, true, true, false), expr, fc.constantFrom<'+' | '-' | '*'>('+', '-', '*'), expr, expr)
  .map(([assigned, init, op, e, result]) => [...(assigned ? [assign('t', bin('*', name('x'), name('y'))), assign('t', init)] : []), augAssign('t', op, e), ret(result)]);

test('random s += e: the same tape, value, gradient, warnings or error with and without the augmented tree', () => {
  let errors = 0;
  let recorded = 0;
  fc.assert(
    fc.property(augProgram, point, (body, at) => {
      const got = assertSameAsInterpreter(module(fn('f', ['x', 'y'], body)), 'f', at);
      if ('error' in got) errors++;
      else recorded++;
    }),
    { numRuns: 500, seed: 20261207 },
  );
  assert.ok(errors > 30 && recorded > 80, `${errors} errors, ${recorded} recorded`);
});

test('each fallback of a tree: exact integers, pow at 0, overflow, booleans, lists and their errors, as without trees', () => {
  const big = num(2 ** 52 + 1);
  const x = name('x');
  const y = name('y');
  const programs: [IrExpr, string][] = [
    [bin('+', bin('*', big, num(3)), num(1)), 'an exact integer (past 2**53) folded from two numbers: the result holds it'],
    [bin('-', bin('+', big, big), bin('*', num(0.5), x)), 'an exact integer sum, then met by a float'],
    [bin('+', bin('**', bin('*', x, num(0)), num(2)), y), "a square at 0 (pow's domain speaks)"],
    [bin('+', bin('*', num(1e200), bin('*', x, num(1e200))), y), 'an overflow: an error'],
    [bin('*', bin('+', { kind: 'bool', value: true, range: R }, x), bin('-', y, x)), 'a boolean operand'],
    [bin('+', bin('*', { kind: 'list', elements: [num(1.5), x], range: R }, num(2)), { kind: 'list', elements: [bin('*', x, y)], range: R }), 'a list repeated and joined'],
    [bin('-', bin('*', { kind: 'list', elements: [x], range: R }, y), num(1)), 'a list times a float: a type error'],
  ];
  const codes: string[] = [];
  for (const [e, what] of programs) {
    const got = assertSameAsInterpreter(module(fn('f', ['x', 'y'], [ret(e)])), 'f', [1.25, 3]);
    codes.push('error' in got ? got.error.split(' ')[0]! : got.warnings.map((w) => w.split(' ')[0]).join(',') || 'ok');
    assert.ok(got, what);
  }
  // The programs reach what they are about: an exact integer's warning, pow's kink at 0, the errors.
  assert.deepEqual(codes, ['inexact-integer', 'ok', 'ok', 'domain', 'ok', 'ok', 'type']);
});

test("a tree's list elements x[i], x[i ± k]: Python's negative indices, an index out of range or not an integer, as without trees", () => {
  const source = [
    'def wraps(x):',
    '    s = 0.0',
    '    for i in range(len(x)):',
    '        s += (x[i - 1] * 2.0 - x[i]) ** 2 + x[i + 1 - 1] * x[i - 3]',
    '    return s',
    'def past_the_end(x):',
    '    s = 0.0',
    '    for i in range(len(x)):',
    '        s += x[i + 1] * x[i] - 1.0',
    '    return s',
    'def half(x):',
    '    j = 0.5',
    '    return x[0] * 2.0 + x[j] * x[1]',
    'def names(x, i):',
    '    k = 1',
    '    return x[k] * x[k + 1] + x[k] ** 2',
  ].join('\n');
  const ir = lowerPython(source, 'elements.py');
  const x = [0.5, -1.25, 2, 3.5];
  const results = ['wraps', 'past_the_end', 'half', 'names'].map((fnName) => assertSameAsInterpreter(ir, fnName, fnName === 'names' ? [x, 1] : [x], fnName === 'names' ? ['x', 'i'] : ['x']));
  assert.deepEqual(
    results.map((r) => ('error' in r ? r.error.split(' ')[0] : 'ok')),
    ['ok', 'index', 'type', 'ok'],
  );
});
