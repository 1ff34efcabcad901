import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { lowerDocument } from '../../../../src/analysis/languages';
import { pythonParserText } from '../../../../src/frontends/python/preParse';
import { parserText } from '../../../../src/frontends/shared/parserText';
import { LineMap } from '../../../../src/core/sourceRange';

/**
 * The Python front end's one pre-parse step (frontends/python/preParse.ts): every rewrite of the text
 * lezer reads (long sums, empty class and sequence patterns, tuple match subjects) goes through one
 * contract — as long as what it replaces, line breaks in place — so an error inside or after a
 * rewritten span is located at the user's own line and column.
 */

const TERMS = ['x*x', ...Array.from({ length: 1004 }, (_, i) => `${i + 1}*x`)];
TERMS[700] = 'math.log(x - 5)';

const SOURCE = `import math


class Point:
    pass


def long_sum(x):
    y = (${TERMS.join(' +\n        ')})
    z = math.sqrt(x - 9)
    return y + z


def class_pattern(x):
    match Point():
        case Point() if math.log(x) > 0:
            return x * 2
        case _:
            return math.sqrt(x - 3)


def sequence_pattern(x, k):
    items = [] if k > 0 else [x]
    match items:
        case []:
            return math.log(x - 1)
        case [a] if math.sqrt(a) > 0:
            return a * math.log(a - 2)


def tuple_subject(x, y):
    match x > 1, math.log(y):
        case True, v if math.sqrt(v - 10) > 0:
            return v
        case _:
            return math.log(x - 4)


def broken(x):
    match x, x:
        case ():
            return x +* 2
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'file:///preparse.py', 'python');
const lines = new LineMap(SOURCE);

/** The 0-based line and column where `needle` starts (its `nth` occurrence). */
function where(needle: string, nth = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = SOURCE.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  const p = lines.position(at);
  return [p.line, p.column];
}

/** Where the evaluation of `name` at `point` fails: what (the message's first words) and the start and end of its range. */
function failure(name: string, point: Record<string, number>): { what: string; start: [number, number]; end: [number, number] } {
  const p = doc.resolvePoint(name, point);
  assert.ok(p.ok, JSON.stringify(p));
  const r = doc.gradient(name, p.value);
  assert.ok(!r.ok, `${name} should fail at ${JSON.stringify(point)}`);
  const { start, end } = r.error.range;
  return { what: r.error.message.replace(/ \(.*$/, ''), start: [start.line, start.column], end: [end.line, end.column] };
}

const LOG = 'log of a negative number';
const SQRT = 'square root of a negative number';

/** The range `needle` (its `nth` occurrence) spans, as a failure's. */
function span(needle: string, nth = 0): { start: [number, number]; end: [number, number] } {
  const start = where(needle, nth);
  return { start, end: [start[0], start[1] + needle.length] };
}

test('each rewrite keeps the length and line breaks and says why it was made; the parser text differs from the source only there', () => {
  const module = lowerDocument(SOURCE, 'file:///preparse.py', 'python');
  assert.deepEqual(module.diagnostics, []);
  // The sum the nesting scan found is rewritten by the same step as the `match` syntax.
  const sumFrom = SOURCE.indexOf('x*x +');
  const sums = [{ placeholder: '__s0', from: sumFrom, to: SOURCE.indexOf('1004*x') + 6, ops: [], at: [], listText: '' }];
  const parsed = pythonParserText(SOURCE, sums);
  assert.equal(parsed.text.length, SOURCE.length);
  for (let i = 0; i < SOURCE.length; i++) {
    if ((SOURCE[i] === '\n') !== (parsed.text[i] === '\n')) assert.fail(`line break moved at ${i}`);
  }
  const counts: Record<string, number> = {};
  for (const r of parsed.rewrites) counts[r.why] = (counts[r.why] ?? 0) + 1;
  // Point() once, [] and () once each, one comma and one `>` in `match x > 1, math.log(y):`, one comma in `match x, x:`.
  assert.deepEqual(counts, { 'long sum': 1, 'empty class pattern': 1, 'empty sequence pattern': 2, 'match subject': 3 });
  let changed = 0;
  for (let i = 0; i < SOURCE.length; i++) {
    if (SOURCE[i] === parsed.text[i]) continue;
    changed++;
    assert.ok(parsed.rewrites.some((r) => r.from <= i && i < r.to), `offset ${i} changed outside every rewrite`);
  }
  assert.ok(changed > 0);
  assert.equal(parsed.sums.get(parsed.text.indexOf('__s0'))?.from, sumFrom);
  // What the parser reads for each `match` construct.
  assert.match(parsed.text, /case Point {3}if math\.log/);
  assert.match(parsed.text, /case _ :\n/);
  assert.match(parsed.text, /match x & 1\| math\.log\(y\):/);
});

test('a rewrite that would move a position is refused as the bug it is', () => {
  assert.throws(() => parserText('ab\ncd', [{ from: 1, to: 2, text: 'xy', why: 'match subject' }]), /does not keep the source's length and line breaks/);
  assert.throws(() => parserText('ab\ncd', [{ from: 1, to: 4, text: 'xyz', why: 'long sum' }]), /line breaks/);
  assert.equal(parserText('ab\ncd', [{ from: 3, to: 5, text: '__', why: 'long sum' }]).text, 'ab\n__');
});

test('long sum: an error in a term is located at the term, and one after the sum at its own line and column', () => {
  assert.deepEqual(failure('long_sum', { x: 2 }), { what: LOG, ...span('math.log(x - 5)') });
  assert.deepEqual(failure('long_sum', { x: 6 }), { what: SQRT, ...span('math.sqrt(x - 9)') });
});

test('empty class pattern: an error in the guard after it, and in a later case, at their own columns', () => {
  assert.deepEqual(failure('class_pattern', { x: -1 }), { what: LOG, ...span('math.log(x)') });
  assert.deepEqual(failure('class_pattern', { x: 0.5 }), { what: SQRT, ...span('math.sqrt(x - 3)') });
});

test('empty sequence pattern: errors in its body and in the next case\'s guard and body, at their own columns', () => {
  assert.deepEqual(failure('sequence_pattern', { x: 0.5, k: 1 }), { what: LOG, ...span('math.log(x - 1)') });
  assert.deepEqual(failure('sequence_pattern', { x: -0.5, k: 0 }), { what: SQRT, ...span('math.sqrt(a)') });
  assert.deepEqual(failure('sequence_pattern', { x: 1, k: 0 }), { what: LOG, ...span('math.log(a - 2)') });
});

test('tuple match subject: an error inside the rewritten subject, in the guard after it and in a later case, at their own columns', () => {
  assert.deepEqual(failure('tuple_subject', { x: 2, y: -1 }), { what: LOG, ...span('math.log(y)') });
  assert.equal(failure('tuple_subject', { x: 2, y: 3 }).start.join(':'), where('math.sqrt(v - 10)').join(':'));
  assert.deepEqual(failure('tuple_subject', { x: 0.5, y: 3 }), { what: LOG, ...span('math.log(x - 4)') });
});

test('a syntax error on a line with rewrites is located at the character the user wrote', () => {
  const fn = doc.module.functions.find((f) => f.name === 'broken')!;
  const syntax = fn.diagnostics.filter((d) => d.code === 'syntax');
  assert.equal(syntax.length, 1, JSON.stringify(fn.diagnostics));
  assert.match(syntax[0]!.message, /expected an expression after '\+'/);
  assert.deepEqual([syntax[0]!.range.start.line, syntax[0]!.range.start.column], where('+* 2'));
});

test('a float with a trailing point before a keyword (`1. if x > 0. else 0.`, `[0. for …]`, `1. not in xs`) is the float, not an attribute named after the keyword', () => {
  // nevergrad's deceptive functions: `float(max(…, 1. if x[0] > 0 else 0.) if x[0] != 0. else float("inf"))`.
  const source = [
    'def choose(x):',
    '    return 1. if x > 0. else 0.',
    '',
    'def count(x):',
    '    return sum([2. for _ in range(3)]) * x',
    '',
    'def outside(x):',
    '    if 1. not in [2.0, 3.0]:',
    '        return x * 2. or x',
    '    return x',
    '',
    'def x1_attribute(x1):',
    '    return x1. real if True else 0.0',
    '',
    'def kind(x):',
    '    return x * len(str(3. if x > 0 else 0.))',
    '',
  ].join('\n');
  const rewritten = pythonParserText(source);
  assert.equal(rewritten.text.length, source.length);
  assert.deepEqual(rewritten.rewrites.map((r) => source.slice(r.from - 1, r.to + 2)), ['1. if', '0. el', '2. fo', '1. no', '2. or', '3. if']);
  const doc = DocumentAnalysis.fromText(source, 'file:///floats.py', 'python');
  const at = (name: string, x: number) => doc.evaluate(name, { values: { x }, source: 'annotation' });
  const value = (name: string, x: number): unknown => {
    const r = at(name, x);
    assert.ok(r.ok, JSON.stringify(r));
    return r.value.value;
  };
  assert.equal(value('choose', 0.5), 1);
  assert.equal(value('choose', -0.5), 0);
  assert.equal(value('count', 0.5), 3);
  assert.equal(value('outside', 0.5), 1);
  // The float's kind is read from the source: `3. if …` is 3.0, whose text is three characters.
  assert.equal(value('kind', 0.5), 1.5);
  assert.deepEqual(doc.diagnostics.filter((d) => d.severity === 'error' && d.range.start.line < 10), []);
});
