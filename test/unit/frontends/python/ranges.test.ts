import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerPython } from '../../../../src/frontends/python/index';
import { LineMap, rangeContains, type SourcePosition, type SourceRange } from '../../../../src/core/sourceRange';
import type { IrExpr, IrStmt, IrTarget } from '../../../../src/ir/nodes';

const SOURCE = `import numpy as np
import math

def f(x, y=2.5, *, z=1):
    a = np.sin(x) * (y + 1) ** -2
    b, c = a if a > 0 else -a, [x, y][0]
    A[1:, :2] += math.log(x, 10) - np.pi
    for i, v in enumerate(xs):
        if not v < 0 or i and v:
            continue
    while (a < b <= c):
        a = g(a, k=3).T.dot(b)[i, ::2]
    s = 'str' "ing"
    h = lambda t, u=1: t * u
    return a, b, c

def k(x):
    return [(x), (x, 1), -x, x[1:2:3]]
`;

const lines = new LineMap(SOURCE);
const textAt = (r: SourceRange): string => SOURCE.slice(lines.offset(r.start), lines.offset(r.end));
const between = (a: SourcePosition, b: SourcePosition): string => SOURCE.slice(lines.offset(a), lines.offset(b));

function* exprs(e: IrExpr): Generator<IrExpr> {
  yield e;
  switch (e.kind) {
    case 'binary':
    case 'logical':
      yield* exprs(e.left);
      yield* exprs(e.right);
      break;
    case 'unary':
      yield* exprs(e.operand);
      break;
    case 'compare':
      for (const o of e.operands) yield* exprs(o);
      break;
    case 'conditional':
      yield* exprs(e.test);
      yield* exprs(e.then);
      yield* exprs(e.else);
      break;
    case 'call':
      yield* exprs(e.callee);
      for (const a of e.args) yield* exprs(a);
      for (const k of e.keywords) yield* exprs(k.value);
      break;
    case 'list':
    case 'tuple':
      for (const x of e.elements) yield* exprs(x);
      break;
    case 'index':
      yield* exprs(e.object);
      yield* exprs(e.index);
      break;
    case 'slice':
      for (const x of [e.lower, e.upper, e.step]) if (x) yield* exprs(x);
      break;
    case 'attribute':
      yield* exprs(e.object);
      break;
    case 'lambda':
      yield* exprs(e.body);
      for (const p of e.params) if (p.default) yield* exprs(p.default);
      break;
  }
}

function* targetExprs(t: IrTarget): Generator<IrExpr> {
  if (t.kind === 'tuple') for (const x of t.elements) yield* targetExprs(x);
  if (t.kind === 'index') {
    yield* exprs(t.object);
    yield* exprs(t.index);
  }
  if (t.kind === 'attribute') yield* exprs(t.object);
}

function* stmtExprs(s: IrStmt): Generator<[IrStmt, IrExpr]> {
  const pair = function* (es: Iterable<IrExpr>): Generator<[IrStmt, IrExpr]> {
    for (const e of es) yield [s, e];
  };
  switch (s.kind) {
    case 'assign':
    case 'augAssign':
      yield* pair(targetExprs(s.target));
      yield* pair(exprs(s.value));
      break;
    case 'return':
      if (s.value) yield* pair(exprs(s.value));
      break;
    case 'expr':
      yield* pair(exprs(s.value));
      break;
    case 'if':
      yield* pair(exprs(s.test));
      for (const x of [...s.then, ...s.else]) yield* stmtExprs(x);
      break;
    case 'while':
      yield* pair(exprs(s.test));
      for (const x of s.body) yield* stmtExprs(x);
      break;
    case 'for':
      yield* pair(targetExprs(s.target));
      yield* pair(exprs(s.iterable));
      for (const x of s.body) yield* stmtExprs(x);
      break;
  }
}

test('every range is the exact source text of its node', () => {
  const m = lowerPython(SOURCE, 'file:///r.py');
  let checked = 0;
  for (const fn of m.functions) {
    assert.equal(textAt(fn.nameRange), fn.name);
    for (const p of fn.params) assert.ok(textAt(p.range).startsWith(p.name), p.name);
    for (const s of fn.body) {
      for (const [stmt, e] of stmtExprs(s)) {
        checked++;
        const text = textAt(e.range);
        assert.ok(rangeContains(stmt.range, e.range), `${text} lies outside its statement`);
        switch (e.kind) {
          case 'name':
            assert.equal(text, e.name);
            break;
          case 'number':
            if (!text.includes('.') || /^[\d.]+$/.test(text)) assert.equal(Number(text), e.value, text);
            break;
          case 'string':
            assert.match(text, /^['"].*['"]$/);
            break;
          case 'binary':
          case 'logical':
            // math.log(x, b) has no operator of its own: both sides sit inside the call.
            if (text.startsWith('math.log')) break;
            // As in Python's ast, a parenthesised operand's range leaves out its parentheses.
            assert.match(between(e.range.start, e.left.range.start), /^[(\s]*$/, `${text} starts with its left side`);
            assert.match(between(e.right.range.end, e.range.end), /^[)\s]*$/, `${text} ends with its right side`);
            break;
          case 'call':
            if (text !== '10') assert.ok(text.startsWith(textAt(e.callee.range)) && text.endsWith(')'), text);
            break;
          case 'index':
            assert.ok(text.startsWith(textAt(e.object.range)) && text.endsWith(']'), text);
            break;
          case 'attribute':
            assert.ok(text.endsWith('.' + e.name), text);
            break;
          case 'intrinsic':
            assert.match(text, /^(np|math)\.\w+$|^10$/);
            break;
        }
      }
    }
  }
  assert.ok(checked > 80, `checked ${checked} expressions`);
});

test('statement ranges start at their keyword or target and end at their last token', () => {
  const m = lowerPython(SOURCE, 'file:///r.py');
  const f = m.functions[0]!;
  const texts = f.body.map((s) => textAt(s.range).split('\n')[0]);
  assert.deepEqual(texts, [
    'a = np.sin(x) * (y + 1) ** -2',
    'b, c = a if a > 0 else -a, [x, y][0]',
    'A[1:, :2] += math.log(x, 10) - np.pi',
    'for i, v in enumerate(xs):',
    'while (a < b <= c):',
    "s = 'str' \"ing\"",
    'h = lambda t, u=1: t * u',
    'return a, b, c',
  ]);
  assert.equal(textAt(f.range).split('\n').length, 12);
  assert.ok(textAt(f.range).endsWith('return a, b, c'));
});
