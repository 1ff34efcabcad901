import { test } from 'node:test';
import assert from 'node:assert/strict';
import { movedLines, ReusedLowering } from '../../../../src/frontends/python/reusedLowering';
import { forgetEarlierVersions } from '../../../../src/frontends/python/index';
import { lowerDocument } from '../../../../src/analysis/languages';

/** Definitions' IR kept across versions (frontends/python/reusedLowering.ts): moved by whole lines, or lowered again. */

const range = (line: number, column: number, endLine: number, endColumn: number) => ({ start: { line, column }, end: { line: endLine, column: endColumn } });

test('every range of a kept IR moves by the lines its definition moved, columns as they were', () => {
  const ir = { name: 'f', range: range(3, 0, 5, 12), body: [{ kind: 'return', value: { kind: 'number', value: 2, range: range(4, 11, 4, 12) }, range: range(4, 4, 4, 12) }] };
  assert.deepEqual(movedLines(ir, 2), { name: 'f', range: range(5, 0, 7, 12), body: [{ kind: 'return', value: { kind: 'number', value: 2, range: range(6, 11, 6, 12) }, range: range(6, 4, 6, 12) }] });
  assert.equal(ir.range.start.line, 3, 'the kept IR is not changed');
});

test('an IR whose text names a position, or holding anything but plain data, is not moved', () => {
  assert.equal(movedLines({ label: 'for-else@12:5', range: range(11, 4, 14, 0) }, 1), undefined);
  assert.equal(movedLines({ message: 'see line 12', range: range(11, 4, 14, 0) }, 1), undefined);
  assert.equal(movedLines({ values: new Map(), range: range(11, 4, 14, 0) }, 1), undefined);
  assert.deepEqual(movedLines({ label: 'x@y', range: range(1, 0, 1, 3) }, 1), { label: 'x@y', range: range(2, 0, 2, 3) });
});

test('a definition is lowered once per key, moved where it moved, and lowered again when it cannot be moved', () => {
  const reuse = new ReusedLowering();
  let lowerings = 0;
  const lower = (line: number, label = 'f') => () => (lowerings++, { label, range: range(line, 0, line + 1, 0) });
  assert.deepEqual(reuse.lowered('k', 3, lower(3)), { label: 'f', range: range(3, 0, 4, 0) });
  assert.deepEqual(reuse.lowered('k', 7, lower(7)), { label: 'f', range: range(7, 0, 8, 0) });
  assert.equal(lowerings, 1);
  reuse.lowered(undefined, 7, lower(7));
  reuse.lowered(undefined, 7, lower(7));
  assert.equal(lowerings, 3, 'no key: not kept');
  reuse.lowered('p', 1, lower(1, 'else@2:1'));
  assert.deepEqual(reuse.lowered('p', 2, lower(2, 'else@3:1')), { label: 'else@3:1', range: range(2, 0, 3, 0) });
  assert.equal(lowerings, 5);
  assert.deepEqual(reuse.clear(), { lowered: 5, reused: 1 });
});

const MODULE = `import numpy as np
import math as μ
from dataclasses import dataclass

SCALE = 2.5


@dataclass
class Base:
    a: float = 1.0


@dataclass
class Child(Base):
    b: float = 2.0

    def energy(self, x):
        return self.a * x ** 2 + self.b * x


def first_above(xs, limit):
    for x in xs:
        if x > limit:
            break
    else:
        x = limit
    return x * SCALE


class Pt:
    __match_args__ = ('x', 'y')

    def __init__(self, x, y):
        self.x = x
        self.y = y


def radius(p):
    match p:
        case Pt(a, b):
            return np.sqrt(a ** 2 + 2.0 * b ** 2)
    return 0.0


def wave(t):
    match t:
        case 0:
            return np.sin(t)
        case _:
            return np.cos(t) * SCALE


def magnitude(x):
    return abs(x) * SCALE


def swing(t):
    return μ.sin(t) * 2.0
`;

test('each version lowered from the last gives the IR a fresh lowering gives', () => {
  const edits: [string, (t: string) => string][] = [
    ['a number changed', (t) => t.replace('np.cos(t)', 'np.cos(2.0 * t)')],
    ['lines added above everything', (t) => `# header\n\n${t}`],
    ['lines added between a dataclass and its subclass', (t) => t.replace('\n@dataclass\nclass Child', '\nLIMIT = 4.0\n\n@dataclass\nclass Child')],
    // The subclass's text unchanged: it reads its base's fields (the key's class facts).
    ['a default of the base dataclass changed', (t) => t.replace('    a: float = 1.0\n', '    a: float = 1.5\n')],
    ['a field added to the base dataclass', (t) => t.replace('    a: float = 1.5\n', '    a: float = 1.5\n    c: float = 3.0\n')],
    ['a def with a for-else moved', (t) => t.replace('\ndef first_above', '\n# moved\ndef first_above')],
    ['the module name its functions read rebound', (t) => t.replace('import numpy as np', 'import math as np')],
    ['a syntax error typed', (t) => t.replace('return x * SCALE', 'return x * (SCALE')],
    ['and fixed', (t) => t.replace('return x * (SCALE', 'return x * SCALE')],
    ['the positions a class pattern reads reordered', (t) => t.replace("__match_args__ = ('x', 'y')", "__match_args__ = ('y', 'x')")],
    ['a builtin a function calls defined', (t) => `${t}\n\ndef abs(v):\n    return v * 2.0\n`],
    ['and removed', (t) => t.replace('\n\ndef abs(v):\n    return v * 2.0\n', '')],
    ['a module name spelled in Greek rebound', (t) => t.replace('import math as μ', 'import numpy as μ')],
  ];
  forgetEarlierVersions();
  let text = MODULE;
  lowerDocument(text, 'file:///m.py', 'python');
  let reused = 0;
  for (const [what, edit] of edits) {
    text = edit(text);
    const incremental = lowerDocument(text, 'file:///m.py', 'python');
    reused += forgetEarlierVersions().reused;
    assert.deepEqual(incremental, lowerDocument(text, 'file:///m.py', 'python'), what);
  }
  assert.ok(reused >= 10, `reused ${reused}`);
});

test('a function added or removed re-lowers only the definitions that name it', () => {
  forgetEarlierVersions();
  lowerDocument(MODULE, 'file:///m.py', 'python');
  const added = `${MODULE}\n\ndef tail(z):\n    return z ** 3 - z\n`;
  lowerDocument(added, 'file:///m.py', 'python');
  assert.deepEqual(forgetEarlierVersions(), { lowered: 9, reused: 8 }, 'the 8 definitions, then only the new def');
  lowerDocument(added, 'file:///m.py', 'python');
  lowerDocument(added.replace('return abs(x) * SCALE', 'return abs(x) * SCALE + tail(x)'), 'file:///m.py', 'python');
  lowerDocument(added, 'file:///m.py', 'python');
  lowerDocument(MODULE, 'file:///m.py', 'python');
  // 9, then magnitude's new text; with tail gone, nothing that names it was left to lower again.
  assert.deepEqual(forgetEarlierVersions(), { lowered: 10, reused: 25 });
});
