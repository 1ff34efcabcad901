import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { pythonParserText } from '../../../../src/frontends/python/preParse';

const matchParserText = (text: string): string => pythonParserText(text).text;

/**
 * `match` syntax @lezer/python does not parse — empty class patterns `case Point():`, empty sequence
 * patterns `case []:`, tuple subjects `match a, b:` — rewritten for the parser at the same length
 * (frontends/python/preParse.ts, the one pre-parse step) and lowered from the source as written. Each value below is what
 * CPython 3.11 gives for the same function at a = 1.5 (and b = 2.5).
 */

test('the parser text: parentheses of an empty class pattern blanked, an empty sequence a wildcard, subject commas `|`; same length', () => {
  const cases: [string, string][] = [
    ['    case Point():', '    case Point  :'],
    ['    case geo.Point( ) if ok():', '    case geo.Point    if ok():'],
    ['    case [Point(), []]:', '    case [Point  , _ ]:'],
    ['    case ():', '    case _ :'],
    ['    match a, b:', '    match a| b:'],
    ['    match f(a, b), c[0, 1]:  # two', '    match f(a, b)| c[0, 1]:  # two'],
    // Left alone: a guard's call, string patterns, subjects with loosely binding operators, other lines.
    ['    case Point(x=1) if f():', '    case Point(x=1) if f():'],
    ['    case "()":', '    case "()":'],
    ['    match a or b, c:', '    match a or b, c:'],
    ['    match a in xs, b:', '    match a in xs, b:'],
    ['    match a > 1 and b, c:', '    match a > 1 and b, c:'],
    ['    match a & m, b:', '    match a & m, b:'],
    // Comparisons outside brackets: `&` (two-character ones `&` and a space), binding between `|` and arithmetic.
    ['    match a > 1, b:', '    match a & 1| b:'],
    ['    match 0 < t <= 1, s >= 2, (t == s):', '    match 0 & t &  1| s &  2| (t == s):'],
    ['    match x + 1 != y * 2, "a>b":', '    match x + 1 &  y * 2| "a>b":'],
    ['    match = f(a, b)', '    match = f(a, b)'],
    ['    case = g()', '    case = g()'],
  ];
  for (const [line, parsed] of cases) {
    assert.equal(matchParserText(line), parsed, line);
    assert.equal(matchParserText(line).length, line.length);
  }
  const text = 'def f(x):\n    """case Point():"""\n    return x\n';
  assert.equal(matchParserText(text).length, text.length);
});

const SOURCE = `from dataclasses import dataclass

@dataclass
class Point:
    x: float
    y: float

@dataclass
class Circle:
    r: float

def empty(a):
    match Point(a, 2.0):
        case Circle():
            return 0.0
        case Point():
            return a * 2
    return a

def empty_guard(a):
    match Point(a, 2.0):
        case Point() if check():
            return 0.0
        case Point() if a > 1:
            return a * 3
    return a

def check():
    return False

def empty_nested(a):
    match [Point(a, 1.0), []]:
        case [Circle(), _]:
            return 0.0
        case [Point(), []]:
            return a * 5
    return a

def empty_sequence(a):
    match ():
        case []:
            return a * 7
    return a

def tuple_subject(a, b):
    match a, b:
        case (1, 2):
            return a
        case (x, y):
            return x * y

def tuple_subject3(a, b):
    match a + 1, b * 2, [a]:
        case (x, y, [z]):
            return x * y * z

def unknown_empty(a):
    match a:
        case float(v) if v > 100:
            return v
        case Thing():
            return a
    return a
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'match.py', 'python');

function run(name: string, at: Record<string, number>) {
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value);
}

test('empty class and sequence patterns and tuple subjects parse and give CPython\'s values, with gradients', () => {
  const expected: [string, Record<string, number>, number, Record<string, number>][] = [
    ['empty', { a: 1.5 }, 3, { a: 2 }],
    ['empty_guard', { a: 1.5 }, 4.5, { a: 3 }],
    ['empty_nested', { a: 1.5 }, 7.5, { a: 5 }],
    ['empty_sequence', { a: 1.5 }, 10.5, { a: 7 }],
    ['tuple_subject', { a: 1.5, b: 2.5 }, 3.75, { a: 2.5, b: 1.5 }],
    ['tuple_subject3', { a: 1.5, b: 2.5 }, 18.75, { a: 20, b: 7.5 }],
  ];
  for (const [name, at, value, gradient] of expected) {
    const r = run(name, at);
    assert.ok(r.ok, `${name}: ${JSON.stringify(r)}`);
    if (!r.ok) continue;
    assert.equal(r.value.value, value, name);
    assert.deepEqual({ ...r.value.gradient }, gradient, name);
  }
  assert.deepEqual(doc.module.functions.flatMap((f) => f.diagnostics.filter((d) => d.code === 'syntax')), []);
});

test('an empty class pattern is located as written: `Thing()` reached is an error at its columns', () => {
  const r = run('unknown_empty', { a: 1.5 });
  assert.ok(!r.ok && /Thing/.test(r.error.message), JSON.stringify(r));
  if (r.ok) return;
  const line = SOURCE.split('\n').findIndex((l) => l.includes('case Thing():'));
  const column = SOURCE.split('\n')[line]!.indexOf('Thing');
  assert.equal(r.error.range.start.line, line);
  assert.equal(r.error.range.start.column, column);
});
