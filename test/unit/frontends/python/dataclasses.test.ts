import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * `@dataclass` as Python makes it (frontends/python/lowerDataclass.ts) and class patterns that read
 * `__match_args__` (lowerMatch.ts). The numbers of equality, ordering and matching are checked against
 * torch in test/oracle/corpus/classes.py (`dataclass_semantics`); these pin what has no number:
 * hashing, identity, and the errors Python raises. Each expectation was run in CPython 3.11 first.
 */

const SOURCE = `from dataclasses import dataclass, field, FrozenInstanceError
from typing import NamedTuple
import math

@dataclass
class Pair:
    a: float
    b: float = 2.0

@dataclass(eq=False)
class Ident:
    a: float

@dataclass(frozen=True)
class Frozen:
    a: float

@dataclass
class Custom:
    a: float
    def __eq__(self, other):
        return True

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

class Shadow(Point):
    __match_args__ = ("y",)

def in_set(x):
    s = {Pair(x)}
    return x

def frozen_in_set(x):
    s = {Frozen(x)}
    return x

def identity(x):
    s = {Ident(x), Ident(x)}
    return x * len(s) + (1.0 if Ident(x) == Ident(x) else 0.0)

def own_eq(x):
    return x * (1.0 if Custom(1.0) == Custom(2.0) else 0.0)

def eq_other_types(x):
    return x * (1.0 if Pair(1.0) == (1.0, 2.0) else 0.0) + (1.0 if Pair(1.0) != 1.0 else 0.0)

def too_many(x):
    match Point(x, x):
        case Point(a, b, c):
            return a
    return x

def too_many_not_reached(x):
    match Point(x, x):
        case Point(a, b):
            return a * b
        case Point(a, b, c):
            return a
    return x

def inherited(x):
    match Shadow(x, 3.0):
        case Point(a, b):
            return a * b
    return x

def subclass_own(x):
    match Shadow(x, 3.0):
        case Shadow(b):
            return b * x
    return x

def unknown_class(x):
    match x:
        case Thing(a):
            return a
    return x

@dataclass
class Bag:
    scale: float = 2.0
    items: list = field(default_factory=list)
    offsets: list = field(default_factory=lambda: [1.0, 2.0])
    count: int = field(init=False, default=0)
    tag: str = field(default="bag", repr=False)

def fresh_lists(x):
    a = Bag()
    b = Bag()
    a.items.append(10.0)
    a.offsets.append(100.0)
    b.items.append(x)
    b.count += 1
    return b.scale * sum(b.items) + sum(b.offsets) * x + len(b.items) + b.count

def init_false_is_no_parameter(x):
    return Bag(x, [], [], "t", 5).scale

def match_args_skip_init_false(x):
    match Bag(x):
        case Bag(s, i, o, t):
            return s * len(t)
    return x

def factory_no_class_attribute(x):
    return x * len(Bag.offsets)

@dataclass(frozen=True)
class Option:
    spot: float
    vol: float = 0.2
    scale: float = field(init=False, default=1.0)

    def __post_init__(self):
        object.__setattr__(self, "scale", self.spot * 2)

    def value(self, k):
        return self.spot * self.vol * k + self.scale

class SubOption(Option):
    pass

def frozen_assign(x):
    o = Option(x)
    o.vol = 0.3
    return o.vol * x

def frozen_augmented(x):
    o = Option(x)
    o.spot += 1.0
    return x

def frozen_new_attribute(x):
    o = Option(x)
    o.other = 1.0
    return x

def frozen_subclass_new_attribute(x):
    s = SubOption(x)
    s.other = 2.0
    return s.other * x + s.scale

def frozen_subclass_field(x):
    s = SubOption(x)
    s.spot = 1.0
    return x

def frozen_caught(x):
    o = Option(x)
    try:
        o.spot = 5.0
    except FrozenInstanceError as e:
        return x * 2 + len(str(e))
    return x

def frozen_caught_as_attribute_error(x):
    o = Option(x)
    try:
        o.spot = 5.0
    except AttributeError:
        return x * 3
    return x

def frozen_built(x):
    return Option(x, 0.5).value(3.0)

class Pt(NamedTuple):
    x: float
    y: float = 1.0

    def norm(self):
        return math.sqrt(self.x ** 2 + self.y ** 2)

class Pair2(NamedTuple):
    first: float
    second: float

def nt_index(x):
    p = Pt(x, 3.0)
    return p[0] * p[1] + p[-1] + len(p)

def nt_unpack(x):
    a, b = Pt(x)
    return a * b + x

def nt_compare(x):
    p = Pt(x, 2.0)
    q = Pt(x, 3.0)
    r = (1 if p == (x, 2.0) else 0) + (1 if p < q else 0) + (1 if p != q else 0) + (1 if p == Pair2(x, 2.0) else 0)
    return r * x

def nt_methods(x):
    p = Pt(x, 4.0)
    return p.norm() + sum(p) + max(p)

def nt_hash(x):
    d = {Pt(1.0, 2.0): x, Pt(1.0, 2.0): 2 * x}
    return d[Pt(1.0, 2.0)] + len({Pt(1.0), Pt(1.0)})

def nt_kinds(x):
    p = Pt(x)
    return (1 if isinstance(p, tuple) else 0) + (1 if isinstance(p, Pt) else 0) + len(p._fields) + x

def nt_set(x):
    p = Pt(x)
    p.x = 2.0
    return x

def nt_match(x):
    match Pt(x, 5.0):
        case Pt(a, b):
            return a * b
    return x

def unknown_class_not_reached(x):
    match x:
        case float(v):
            return 2 * v
        case Thing(a):
            return a
    return x
`;

const doc = DocumentAnalysis.fromText(SOURCE, 'dataclasses.py', 'python');

function run(name: string, at: Record<string, number> = { x: 1.5 }) {
  const point = doc.resolvePoint(name, at);
  assert.ok(point.ok, JSON.stringify(point));
  return doc.gradient(name, point.value);
}

function value(name: string): number {
  const r = run(name);
  assert.ok(r.ok, JSON.stringify(r));
  return r.ok ? (r.value.value as number) : NaN;
}

function error(name: string): string {
  const r = run(name);
  assert.ok(!r.ok, `${name} should fail`);
  return r.ok ? '' : r.error.message;
}

test('a dataclass with eq (the default) is unhashable, as Python sets its __hash__ to None', () => {
  assert.match(error('in_set'), /Pair defines __eq__ without __hash__, which makes it unhashable/);
});

test('a frozen dataclass hashes its fields: GradLens says it does not compute that hash rather than use identity', () => {
  assert.match(error('frozen_in_set'), /GradLens does not call Frozen\.__hash__/);
});

test('eq=False keeps identity: two equal-looking objects are two set members and not ==', () => {
  assert.equal(value('identity'), 1.5 * 2);
});

test('a class that writes its own __eq__ keeps it', () => {
  assert.equal(value('own_eq'), 1.5);
});

test('a dataclass is never == a tuple or a number (NotImplemented falls back to identity)', () => {
  assert.equal(value('eq_other_types'), 1);
});

test('more positional sub-patterns than __match_args__ is TypeError when reached, and costs nothing when not', () => {
  assert.match(error('too_many'), /Point\(\) accepts 2 positional sub-patterns \(3 given\)/);
  assert.equal(value('too_many_not_reached'), 1.5 * 1.5);
});

test('__match_args__ comes from the pattern class, and a subclass may replace it', () => {
  // case Point(a, b) on a Shadow reads Point's ("x", "y"); case Shadow(b) reads Shadow's ("y",).
  assert.equal(value('inherited'), 1.5 * 3);
  assert.equal(value('subclass_own'), 3 * 1.5);
});

test('field(default_factory=…) makes a fresh value per object; field(default=…) is a default; init=False is no parameter', () => {
  // CPython 3.11: 2·1.5 + 3·1.5 + 1 + 1 = 9.5 — b's lists are not a's.
  assert.equal(value('fresh_lists'), 9.5);
  assert.match(error('init_false_is_no_parameter'), /takes 5 arguments \(self, scale, items, offsets, tag\) but 6 were given/);
  // __match_args__ is ('scale', 'items', 'offsets', 'tag'): count (init=False) is not in it.
  assert.equal(value('match_args_skip_init_false'), 1.5 * 3);
  // CPython deletes a default_factory field's class attribute: Bag.offsets is an AttributeError.
  assert.match(error('factory_no_class_attribute'), /offsets/);
});

test('a frozen dataclass refuses assignment where it is written, as CPython\'s FrozenInstanceError; its __init__ and object.__setattr__ store', () => {
  // Each expectation as CPython 3.11 gives it (FrozenInstanceError is an AttributeError).
  const at = (name: string, line: number): void => {
    const r = run(name);
    assert.ok(!r.ok, `${name} should fail`);
    if (!r.ok) assert.equal(r.error.range.start.line + 1, line, name);
  };
  assert.match(error('frozen_assign'), /^FrozenInstanceError: cannot assign to field 'vol'/);
  at('frozen_assign', SOURCE.split('\n').findIndex((l) => l.includes('o.vol = 0.3')) + 1);
  assert.match(error('frozen_augmented'), /^FrozenInstanceError: cannot assign to field 'spot'/);
  assert.match(error('frozen_new_attribute'), /^FrozenInstanceError: cannot assign to field 'other'/);
  // A plain subclass inherits the refusal for the fields only.
  assert.equal(value('frozen_subclass_new_attribute'), 2 * 1.5 + 3);
  assert.match(error('frozen_subclass_field'), /^FrozenInstanceError: cannot assign to field 'spot'/);
  assert.equal(value('frozen_caught'), 1.5 * 2 + "cannot assign to field 'spot'".length);
  assert.equal(value('frozen_caught_as_attribute_error'), 4.5);
  const built = run('frozen_built');
  assert.ok(built.ok, JSON.stringify(built));
  if (built.ok) assert.deepEqual([built.value.value, { ...built.value.gradient }], [1.5 * 0.5 * 3 + 3, { x: 0.5 * 3 + 2 }]);
});

test('a NamedTuple object is a tuple: indexed, unpacked, compared, hashed and matched as one, its fields read by name', () => {
  // Each value as CPython 3.11 gives it at x = 1.5.
  assert.equal(value('nt_index'), 9.5);
  assert.equal(value('nt_unpack'), 3);
  // == a plain tuple and another NamedTuple of the same items; < and != lexicographic.
  assert.equal(value('nt_compare'), 6);
  assert.equal(value('nt_methods'), Math.sqrt(1.5 ** 2 + 16) + 5.5 + 4);
  assert.equal(value('nt_hash'), 4);
  assert.equal(value('nt_kinds'), 5.5);
  assert.match(error('nt_set'), /cannot set \.x on a tuple/);
  assert.equal(value('nt_match'), 7.5);
  const r = run('nt_index');
  assert.ok(r.ok && r.value.gradient!.x === 3, JSON.stringify(r));
});

test('positional sub-patterns of a class GradLens cannot see are refused only when reached', () => {
  assert.match(error('unknown_class'), /unknown name Thing/);
  assert.equal(value('unknown_class_not_reached'), 3);
});
