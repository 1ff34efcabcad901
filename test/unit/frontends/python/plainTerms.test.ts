import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerDocument } from '../../../../src/analysis/languages';
import type { IrExpr, IrModule } from '../../../../src/ir/nodes';
import { readPlainTerm } from '../../../../src/frontends/python/plainTerms';

/**
 * A long sum's plain terms are read without lezer (frontends/python/plainTerms.ts). What that reader
 * accepts must lower to the IR lezer's parse gives the same term — structure, operators, number
 * literals, ranges — and what it is not sure of must be left to lezer.
 */

const TERMS = 1_200; // past MAX_CHAIN (1,000), so the sum is split and its terms read one by one

function returned(m: IrModule, name: string): IrExpr {
  const fn = m.functions.find((f) => f.name === name)!;
  const ret = fn.body.find((s) => s.kind === 'return');
  assert.ok(ret?.kind === 'return' && ret.value, `${name} returns a value`);
  return ret.value;
}

/** The IR without source ranges, which differ between the two texts. */
function shape(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(shape);
  if (e === null || typeof e !== 'object') return e;
  return Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'range').map(([k, v]) => [k, shape(v)]));
}

/** Every term of the long sum in `g` lowers as the same text alone in `h` does (lezer's reading). */
function assertSameAsLezer(terms: readonly string[]): void {
  const padded = Array.from({ length: TERMS }, (_, i) => terms[i % terms.length]!);
  const text = [
    'import numpy as np',
    'c = 2.5',
    'def g(x, y, z):',
    `    return ${padded.join(' + ')}`,
    ...terms.map((t, i) => `def h${i}(x, y, z):\n    return ${t}`),
  ].join('\n');
  const m = lowerDocument(text, 'file:///terms.py', 'python');
  const sum = returned(m, 'g');
  assert.equal(sum.kind, 'sum');
  if (sum.kind !== 'sum') return;
  terms.forEach((t, i) => assert.deepEqual(shape(sum.terms[i]), shape(returned(m, `h${i}`)), t));
}

test('plain terms lower as lezer reads them: precedence, associativity, signs, number literals', () => {
  const plain = [
    'x',
    '3*x**2',
    '-x**2',
    '- - x',
    '+x',
    '2**-1',
    '2**3**2',
    '-2**-y**2',
    'x/7/y',
    'x//2*y%3',
    'x*y@z',
    'x**2*y**-3/z',
    '0.5e-3*y',
    '1e5*x',
    '.25*x',
    '0*x',
    '12345678901234567890*x',
    'c*x',
    'y*z*x*y',
    'x  *  y',
  ];
  for (const t of plain) assert.notEqual(readPlainTerm(t, 0, t.length), undefined, `${t} is read as plain`);
  assertSameAsLezer(plain);
});

test('terms that are not plain are left to lezer, and lower as it reads them', () => {
  const notPlain = ['np.sin(x)*y', 'x[0]*y', '(x + y)*z', '1_000*x', '0x1f*x', '2j*x', '1.*x', '~x', 'x if y else z', 'True*x', 'None', 'np.pi*x', 'x.T', "'a'"];
  for (const t of notPlain) assert.equal(readPlainTerm(t, 0, t.length), undefined, t);
  assertSameAsLezer(['np.sin(x)*y', '3*x**2', '(x + y)*z', '1_000*x', '-x**2', 'np.pi*x', '0x1f*x']);
});

test('a plain term keeps the ranges lezer would give it: each operand, operator node and sign where it is written', () => {
  const term = readPlainTerm('  -3*x**2 ', 0, 10);
  assert.deepEqual(term, {
    kind: 'binary',
    op: '*',
    left: { kind: 'unary', op: '-', operand: { kind: 'number', text: '3', from: 3, to: 4 }, from: 2, to: 4 },
    right: { kind: 'binary', op: '**', left: { kind: 'name', text: 'x', from: 5, to: 6 }, right: { kind: 'number', text: '2', from: 8, to: 9 }, from: 5, to: 9 },
    from: 2,
    to: 9,
  });
  const text = `def g(x):\n    return ${Array.from({ length: TERMS }, (_, i) => (i === 7 ? 'x*qq' : `${i}*x`)).join(' + ')}\n`;
  const m = lowerDocument(text, 'file:///ranges.py', 'python');
  const sum = returned(m, 'g');
  assert.ok(sum.kind === 'sum');
  const seventh = sum.terms[7]!;
  assert.ok(seventh.kind === 'binary' && seventh.right.kind === 'name' && seventh.right.name === 'qq');
  const column = text.split('\n')[1]!.indexOf('x*qq');
  assert.deepEqual(seventh.range, { start: { line: 1, column }, end: { line: 1, column: column + 4 } });
  assert.deepEqual(seventh.right.range, { start: { line: 1, column: column + 2 }, end: { line: 1, column: column + 4 } });
});

test('a term of a long sum that does not parse is a syntax error where it is, not the part lezer recovered', () => {
  const terms = Array.from({ length: TERMS }, (_, i) => `${i}*x`);
  terms[5] = 'y z';
  const text = `def f(x, y):\n    return ${terms.join(' + ')}\n`;
  const m = lowerDocument(text, 'file:///bad.py', 'python');
  const fn = m.functions.find((f) => f.name === 'f')!;
  const errors = [...fn.diagnostics, ...m.diagnostics].filter((d) => d.severity === 'error');
  assert.ok(errors.length > 0, 'an error is reported');
  const column = text.split('\n')[1]!.indexOf('y z') + 2;
  assert.ok(
    errors.some((d) => /syntax error/.test(d.message) && d.range.start.line === 1 && d.range.start.column === column),
    JSON.stringify(errors.map((d) => [d.message, d.range.start])),
  );
});
